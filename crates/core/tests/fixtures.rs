//! Fixture-driven rule tests: `tests/fixtures/<code>/{valid,invalid}*` in, rendered diagnostics out.
//!
//! For every rule code there is a folder. Each entry is a YAML file or a folder of YAML files checked
//! together (a workspace with its endpoint and deployment). Entries named `valid*` must produce no
//! diagnostic with the folder's code; entries named `invalid*` must produce at least one, and all their
//! rendered diagnostics (with carets) must equal the `.snap` file beside them. Run with
//! `UPDATE_SNAPSHOTS=1` to write the snapshots after reviewing a change.
//!
//! A first line `# amlnet: update current=<mode> kind=<kind>` sets the context of a fixture;
//! `export=<format>` adds the notes of that export (`Analysis::export_notes`) to the diagnostics.
//!
//! A folder with a `current.yml` or `current.json` is a change-plan fixture: that file is the current
//! state (read with `read_current`), the other files are the desired documents (checked in the update
//! context of the current state), and the plan's warnings are rendered after the check's diagnostics.

use amlnet_core::model::{IsolationMode, Operation};
use amlnet_core::plan::{plan_with_sources, read_current};
use amlnet_core::{analyze, render, Context, DocumentKind, ExportFormat, SourceFile};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Codes whose trigger cannot be a small fixture file; each is covered by a test in `tests/hostile.rs`.
const NO_FIXTURE: &[&str] = &["input-too-large"];

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn read_inputs(entry: &Path) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> = if entry.is_dir() {
        std::fs::read_dir(entry).expect("fixture dir").map(|e| e.expect("entry").path()).filter(|p| is_yaml(p)).collect()
    } else {
        vec![entry.to_path_buf()]
    };
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(fixtures_root()).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            (name, std::fs::read(&p).expect("fixture file"))
        })
        .collect()
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")) || is_current(p)
}

/// The current state of a change-plan fixture (`current.yml`, or `current.json` as `az ml workspace show` prints it).
fn is_current(p: &Path) -> bool {
    p.file_stem().and_then(|s| s.to_str()) == Some("current") && matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml" | "json"))
}

/// Reads `# amlnet: ...` directives from the first line.
fn context_of(first: &[u8]) -> (Context, Option<DocumentKind>) {
    let mut context = Context::default();
    let mut kind = None;
    let text = String::from_utf8_lossy(first);
    if let Some(directive) = text.lines().next().and_then(|l| l.strip_prefix("# amlnet:")) {
        for word in directive.split_whitespace() {
            match word.split_once('=') {
                None if word == "update" => context.operation = Operation::Update,
                Some(("current", mode)) => {
                    context.operation = Operation::Update;
                    context.current_isolation_mode = Some(IsolationMode::parse(mode).expect("current mode"));
                }
                Some(("kind", k)) => kind = Some(DocumentKind::parse(k).expect("kind")),
                Some(("subscription", s)) => context.subscription_id = Some(s.to_owned()),
                Some(("resource_group", s)) => context.resource_group = Some(s.to_owned()),
                Some(("export", f)) => assert!(ExportFormat::parse(f).is_some(), "unknown export format `{f}`"),
                _ => panic!("unknown fixture directive `{word}`"),
            }
        }
    }
    (context, kind)
}

fn check_entry(entry: &Path) -> (String, Vec<&'static str>) {
    let mut inputs = read_inputs(entry);
    assert!(!inputs.is_empty(), "{} holds no YAML", entry.display());
    let current = inputs.iter().position(|(name, _)| is_current(Path::new(name))).map(|i| inputs.remove(i));
    if let Some((name, bytes)) = current {
        return check_plan_entry(SourceFile::from_bytes(name, &bytes), &inputs);
    }
    let (context, kind) = context_of(&inputs[0].1);
    let files: Vec<SourceFile> = inputs
        .iter()
        .map(|(name, bytes)| {
            let mut f = SourceFile::from_bytes(name.clone(), bytes);
            f.kind = kind;
            f
        })
        .collect();
    let analysis = analyze(&files, context);
    let mut diagnostics = analysis.diagnostics.clone();
    if let Some(format) = export_format_of(&inputs[0].1) {
        diagnostics.extend(analysis.export_notes(format));
    }
    let mut rendered = String::new();
    for file in &files {
        let own: Vec<_> = diagnostics.iter().filter(|d| d.file.as_deref() == Some(file.name.as_str())).cloned().collect();
        rendered.push_str(&render(&own, &file.name, Some(&file.text)));
    }
    let others: Vec<_> = diagnostics.iter().filter(|d| !files.iter().any(|f| d.file.as_deref() == Some(f.name.as_str()))).cloned().collect();
    rendered.push_str(&render(&others, "", None));
    (rendered, diagnostics.iter().map(|d| d.code).collect())
}

/// The `export=<format>` directive of a fixture's first line.
fn export_format_of(first: &[u8]) -> Option<ExportFormat> {
    let text = String::from_utf8_lossy(first);
    let directive = text.lines().next()?.strip_prefix("# amlnet:")?.to_owned();
    directive.split_whitespace().find_map(|w| w.strip_prefix("export=").and_then(ExportFormat::parse))
}

/// A change-plan fixture: the desired documents checked against the current state, then planned.
fn check_plan_entry(current: SourceFile, inputs: &[(String, Vec<u8>)]) -> (String, Vec<&'static str>) {
    let current = read_current(std::slice::from_ref(&current));
    let files: Vec<SourceFile> = inputs.iter().map(|(name, bytes)| SourceFile::from_bytes(name.clone(), bytes)).collect();
    let analysis = analyze(&files, current.context(&amlnet_core::Context::default()));
    let plan = plan_with_sources(&current.config, &analysis.config, &analysis.sources);
    let mut all = current.diagnostics.clone();
    all.extend(analysis.diagnostics.iter().cloned());
    // The transition rules report in the check and in the plan; show each finding once.
    for w in &plan.warnings {
        if !all.contains(w) {
            all.push(w.clone());
        }
    }
    let mut rendered = String::new();
    for file in &files {
        let own: Vec<_> = all.iter().filter(|d| d.file.as_deref() == Some(file.name.as_str())).cloned().collect();
        rendered.push_str(&render(&own, &file.name, Some(&file.text)));
    }
    let others: Vec<_> = all.iter().filter(|d| !files.iter().any(|f| d.file.as_deref() == Some(f.name.as_str()))).cloned().collect();
    rendered.push_str(&render(&others, "", None));
    (rendered, all.iter().map(|d| d.code).collect())
}

#[test]
fn every_rule_has_fixtures_and_they_hold() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = String::new();
    let mut checked = 0;
    for rule in amlnet_core::RULES {
        let dir = fixtures_root().join(rule.code);
        if NO_FIXTURE.contains(&rule.code) {
            continue;
        }
        let Ok(read) = std::fs::read_dir(&dir) else {
            let _ = writeln!(failures, "{}: no fixture folder {}", rule.code, dir.display());
            continue;
        };
        let mut entries: Vec<PathBuf> = read.map(|e| e.expect("entry").path()).filter(|p| p.is_dir() || is_yaml(p)).collect();
        entries.sort();
        let name_of = |p: &Path| p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        let (mut valid, mut invalid) = (0, 0);
        for entry in &entries {
            let name = name_of(entry);
            let (rendered, codes) = check_entry(entry);
            checked += 1;
            if name.starts_with("valid") {
                valid += 1;
                if codes.contains(&rule.code) {
                    let _ = writeln!(failures, "{}: {name} should not report it, but:\n{rendered}", rule.code);
                }
            } else if name.starts_with("invalid") {
                invalid += 1;
                if !codes.contains(&rule.code) {
                    let _ = writeln!(failures, "{}: {name} should report it, but reports {codes:?}:\n{rendered}", rule.code);
                }
                let snap = dir.join(format!("{}.snap", name.trim_end_matches(".yml").trim_end_matches(".yaml")));
                if update {
                    std::fs::write(&snap, &rendered).expect("write snapshot");
                } else {
                    match std::fs::read_to_string(&snap) {
                        Ok(expected) if expected == rendered => {}
                        Ok(expected) => {
                            let _ = writeln!(failures, "{}: {name} snapshot differs\n--- expected\n{expected}\n--- actual\n{rendered}", rule.code);
                        }
                        Err(_) => {
                            let _ = writeln!(failures, "{}: {name} has no snapshot {} (run with UPDATE_SNAPSHOTS=1)", rule.code, snap.display());
                        }
                    }
                }
            }
        }
        if valid == 0 || invalid == 0 {
            let _ = writeln!(failures, "{}: needs at least one valid* and one invalid* fixture (has {valid} and {invalid})", rule.code);
        }
    }
    assert!(failures.is_empty(), "{failures}");
    assert!(checked > 0);
}

#[test]
fn every_fixture_folder_names_a_rule() {
    for entry in std::fs::read_dir(fixtures_root()).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            let code = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
            assert!(amlnet_core::rules::find(&code).is_some(), "tests/fixtures/{code} names no rule");
        }
    }
}
