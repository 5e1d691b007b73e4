//! Fixture-driven rule tests: `tests/fixtures/<code>/{valid,invalid}*` in, rendered diagnostics out.
//!
//! For every rule code there is a folder, and one test named by the code, so `cargo test -p amlnet-core
//! --test fixtures -- port-range-invalid` runs one rule (a libtest-mimic harness: `harness = false`).
//! Each entry is a YAML file or a folder of YAML files checked together (a workspace with its endpoint
//! and deployment). Entries named `valid*` must produce no diagnostic with the folder's code; entries
//! named `invalid*` must produce at least one, and all their rendered diagnostics (with carets) are an
//! insta snapshot, the `.snap` file beside them. After reviewing a change, accept the new snapshots
//! with `cargo insta review` (or `cargo insta accept`), or write them directly with `INSTA_UPDATE=always`
//! (`UPDATE_SNAPSHOTS=1` means the same here).
//!
//! A first line `# amlnet: update current=<mode> kind=<kind>` sets the context of a fixture;
//! `export=<format>` adds the notes of that export (`Analysis::export_notes`) to the diagnostics
//! (`support::cases::directives`).
//!
//! A folder with a `policy.yml` is checked with that organization policy (`policy::read`,
//! `Analysis::apply_policy`, as `amlnet check --policy policy.yml` does): the policy file's own
//! diagnostics are rendered with the others, with carets in the policy file.
//!
//! A folder with a `current.yml` or `current.json` is a change-plan fixture: that file is the current
//! state (read with `read_current`), the other files are the desired documents (checked in the update
//! context of the current state), and the plan's warnings are rendered after the check's diagnostics.

mod support {
    pub(crate) mod cases;
}

use amlnet_core::plan::{plan_with_sources, read_current};
use amlnet_core::{analyze, render, RuleInfo, SourceFile};
use libtest_mimic::{Arguments, Failed, Trial};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use support::cases::{directives, repo_root};

/// Codes whose trigger cannot be a small fixture file; each is covered by a test in `tests/hostile.rs`.
const NO_FIXTURE: &[&str] = &["input-too-large"];

fn fixtures_root() -> PathBuf {
    repo_root().join("tests/fixtures")
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

/// The organization policy of a fixture folder.
fn is_policy(p: &Path) -> bool {
    p.file_name().and_then(|s| s.to_str()) == Some("policy.yml")
}

/// Renders diagnostics per file (with carets), then those of no file.
fn render_all(files: &[SourceFile], diagnostics: &[amlnet_core::Diagnostic]) -> String {
    let mut rendered = String::new();
    for file in files {
        let own: Vec<_> = diagnostics.iter().filter(|d| d.file.as_deref() == Some(file.name.as_str())).cloned().collect();
        rendered.push_str(&render(&own, &file.name, Some(&file.text)));
    }
    let others: Vec<_> = diagnostics.iter().filter(|d| !files.iter().any(|f| d.file.as_deref() == Some(f.name.as_str()))).cloned().collect();
    rendered.push_str(&render(&others, "", None));
    rendered
}

fn check_entry(entry: &Path) -> (String, Vec<&'static str>) {
    let mut inputs = read_inputs(entry);
    let policy = inputs.iter().position(|(name, _)| is_policy(Path::new(name))).map(|i| inputs.remove(i));
    let policy = policy.map(|(name, bytes)| SourceFile::from_bytes(name, &bytes));
    assert!(!inputs.is_empty(), "{} holds no YAML besides a policy", entry.display());
    let current = inputs.iter().position(|(name, _)| is_current(Path::new(name))).map(|i| inputs.remove(i));
    if let Some((name, bytes)) = current {
        return check_plan_entry(SourceFile::from_bytes(name, &bytes), &inputs, policy);
    }
    let directives = directives(&inputs[0].1);
    let files: Vec<SourceFile> = inputs
        .iter()
        .map(|(name, bytes)| {
            let mut f = SourceFile::from_bytes(name.clone(), bytes);
            f.kind = directives.kind;
            f
        })
        .collect();
    let mut analysis = analyze(&files, directives.context);
    if let Some(policy) = &policy {
        analysis.apply_policy(&amlnet_core::policy::read(policy));
    }
    let mut diagnostics = analysis.diagnostics.clone();
    if let Some(format) = directives.export {
        diagnostics.extend(analysis.export_notes(format));
    }
    let shown: Vec<SourceFile> = files.iter().cloned().chain(policy).collect();
    (render_all(&shown, &diagnostics), diagnostics.iter().map(|d| d.code).collect())
}

/// A change-plan fixture: the desired documents checked against the current state, then planned.
fn check_plan_entry(current: SourceFile, inputs: &[(String, Vec<u8>)], policy: Option<SourceFile>) -> (String, Vec<&'static str>) {
    let current = read_current(std::slice::from_ref(&current));
    let files: Vec<SourceFile> = inputs.iter().map(|(name, bytes)| SourceFile::from_bytes(name.clone(), bytes)).collect();
    let mut analysis = analyze(&files, current.context(&amlnet_core::Context::default()));
    if let Some(policy) = &policy {
        analysis.apply_policy(&amlnet_core::policy::read(policy));
    }
    let plan = plan_with_sources(&current.config, &analysis.config, &analysis.sources);
    let mut all = current.diagnostics.clone();
    all.extend(analysis.diagnostics.iter().cloned());
    // The transition rules report in the check and in the plan; show each finding once.
    for w in &plan.warnings {
        if !all.contains(w) {
            all.push(w.clone());
        }
    }
    let shown: Vec<SourceFile> = files.iter().cloned().chain(policy).collect();
    (render_all(&shown, &all), all.iter().map(|d| d.code).collect())
}

/// One rule's folder: at least one `valid*` and one `invalid*` entry; the valid ones do not report the
/// code, the invalid ones do, and their rendering equals the snapshot.
fn check_rule(rule: &RuleInfo) -> Result<(), Failed> {
    let dir = fixtures_root().join(rule.code);
    let read = std::fs::read_dir(&dir).map_err(|e| format!("no fixture folder {}: {e}", dir.display()))?;
    let mut entries: Vec<PathBuf> = read.map(|e| e.expect("entry").path()).filter(|p| p.is_dir() || is_yaml(p)).collect();
    entries.sort();
    let mut failures = String::new();
    let (mut valid, mut invalid) = (0, 0);
    for entry in &entries {
        let name = entry.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let (rendered, codes) = check_entry(entry);
        if name.starts_with("valid") {
            valid += 1;
            if codes.contains(&rule.code) {
                let _ = writeln!(failures, "{name} should not report it, but:\n{rendered}");
            }
        } else if name.starts_with("invalid") {
            invalid += 1;
            if !codes.contains(&rule.code) {
                let _ = writeln!(failures, "{name} should report it, but reports {codes:?}:\n{rendered}");
            }
            let snapshot = name.trim_end_matches(".yml").trim_end_matches(".yaml").to_owned();
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(&dir);
            settings.set_prepend_module_to_snapshot(false);
            settings.set_omit_expression(true);
            settings.set_input_file(entry);
            settings.bind(|| insta::assert_snapshot!(snapshot, rendered));
        }
    }
    if valid == 0 || invalid == 0 {
        let _ = writeln!(failures, "needs at least one valid* and one invalid* fixture (has {valid} and {invalid})");
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.into())
    }
}

fn every_fixture_folder_names_a_rule() -> Result<(), Failed> {
    for entry in std::fs::read_dir(fixtures_root()).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            let code = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if amlnet_core::rules::find(&code).is_none() {
                return Err(format!("tests/fixtures/{code} names no rule").into());
            }
        }
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    // The older switch of this suite: write the snapshots without review.
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() && std::env::var_os("INSTA_UPDATE").is_none() {
        std::env::set_var("INSTA_UPDATE", "always");
    }
    let mut trials: Vec<Trial> = amlnet_core::RULES
        .iter()
        .filter(|rule| !NO_FIXTURE.contains(&rule.code))
        .map(|rule| {
            let rule: &'static RuleInfo = rule;
            Trial::test(rule.code, move || check_rule(rule))
        })
        .collect();
    trials.push(Trial::test("every-fixture-folder-names-a-rule", every_fixture_folder_names_a_rule));
    libtest_mimic::run(&args, trials).exit();
}
