//! Organization policies on the command line: `--policy`, `--no-policy` and the discovery of
//! `.amlnet-policy.yml` in the working directory or a parent, through the binary and through `run`
//! over an in-memory `Io`; exports and plans that break the policy are refused; SARIF carries the
//! policy rules and places the policy file's own findings in it.

use amlnet_cli::{run, Io};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

const POLICY: &str = "version: 1\nname: contoso-ml-baseline\nworkspace:\n  isolation_modes: [allow_only_approved_outbound]\n";
const WORKSPACE: &str = "name: ws-contoso\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n";
const CURRENT: &str = "name: ws-contoso\nmanaged_network:\n  isolation_mode: disabled\n";

fn amlnet_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amlnet")).current_dir(dir).args(args).output().expect("run amlnet")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh tree: `root/.amlnet-policy.yml` (when `policy`), `root/team/ml/workspace.yml`, `root/team/ml/current.yml`.
fn tree(name: &str, policy: Option<&str>) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("amlnet-policy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let work = root.join("team/ml");
    std::fs::create_dir_all(&work).expect("dir");
    if let Some(policy) = policy {
        std::fs::write(root.join(".amlnet-policy.yml"), policy).expect("write");
    }
    std::fs::write(work.join("workspace.yml"), WORKSPACE).expect("write");
    std::fs::write(work.join("current.yml"), CURRENT).expect("write");
    (root, work)
}

#[test]
fn a_policy_in_a_parent_is_found_and_enforced() {
    let (_, work) = tree("found", Some(POLICY));
    let out = amlnet_in(&work, &["check", "workspace.yml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("error[policy-isolation-mode-forbidden]: the policy `contoso-ml-baseline` (../../.amlnet-policy.yml:4)"), "{stdout}");
    assert!(stdout.contains("--> workspace.yml:3:19") && stdout.contains("1 file(s) checked: 1 error(s)"), "{stdout}");

    let ignored = amlnet_in(&work, &["check", "--no-policy", "workspace.yml"]);
    assert_eq!(ignored.status.code(), Some(0), "{}", text(&ignored.stdout));

    // `--policy` wins over the discovered file.
    std::fs::write(work.join("lenient.yml"), "version: 1\nworkspace:\n  isolation_modes: [allow_internet_outbound]\n").expect("write");
    assert_eq!(amlnet_in(&work, &["check", "--policy", "lenient.yml", "workspace.yml"]).status.code(), Some(0));
    assert_eq!(amlnet_in(&work, &["check", "--policy", "missing.yml", "workspace.yml"]).status.code(), Some(2));
}

#[test]
fn exports_and_plans_that_break_the_policy_are_refused() {
    let (_, work) = tree("refused", Some(POLICY));
    let export = amlnet_in(&work, &["export", "--to", "cli", "workspace.yml"]);
    assert_eq!(export.status.code(), Some(1));
    assert!(export.stdout.is_empty());
    assert!(text(&export.stderr).contains("error: not exporting a configuration that breaks the organization policy"), "{}", text(&export.stderr));
    let forced = amlnet_in(&work, &["export", "--to", "cli", "--force", "workspace.yml"]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(text(&forced.stdout).contains("az ml workspace create"));

    let plan = amlnet_in(&work, &["plan", "current.yml", "workspace.yml"]);
    assert_eq!(plan.status.code(), Some(1));
    assert!(plan.stdout.is_empty(), "{}", text(&plan.stdout));
    assert!(text(&plan.stderr).contains("no plan towards a configuration that breaks the organization policy"), "{}", text(&plan.stderr));
    let forced = amlnet_in(&work, &["plan", "current.yml", "workspace.yml", "--force"]);
    assert_eq!(forced.status.code(), Some(1));
    assert!(!forced.stdout.is_empty());
    assert_eq!(amlnet_in(&work, &["plan", "current.yml", "workspace.yml", "--no-policy", "--detailed-exitcode"]).status.code(), Some(2));
}

#[test]
fn a_warning_section_reports_without_refusing() {
    let (_, work) = tree("warning", Some(&POLICY.replace("workspace:\n", "workspace:\n  severity: warning\n")));
    let out = amlnet_in(&work, &["export", "--to", "yaml", "workspace.yml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("warning[policy-isolation-mode-forbidden]"));
}

#[test]
fn a_broken_policy_fails_the_check_at_its_line() {
    let (_, work) = tree("broken", Some("version: 1\nworkspace:\n  isolation_mode: [allow_only_approved_outbound]\n"));
    let out = amlnet_in(&work, &["check", "--format", "json", "workspace.yml"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let d = &report["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["stage"].as_str(), d["file"].as_str(), d["line"].as_u64()),
        (Some("policy-file-invalid"), Some("policy"), Some("../../.amlnet-policy.yml"), Some(3))
    );
}

#[test]
fn sarif_names_the_policy_rules_and_places_policy_findings() {
    let (_, work) = tree("sarif", Some("version: 1\nworkspace:\n  isolation_modes: [allow_only_approved_outbound]\n  regoins: [westeurope]\n"));
    let out = amlnet_in(&work, &["check", "--format", "sarif", "workspace.yml"]);
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"].as_array().expect("rules").iter().filter_map(|r| r["id"].as_str()).collect();
    for code in ["policy-file-invalid", "policy-isolation-mode-forbidden", "policy-fqdn-forbidden", "policy-instance-count-over-limit"] {
        assert!(rules.contains(&code), "{code} missing from {rules:?}");
    }
    let results = run["results"].as_array().expect("results");
    let by_rule = |code: &str| results.iter().find(|r| r["ruleId"] == code).unwrap_or_else(|| panic!("no {code} in {results:?}"));
    let invalid = &by_rule("policy-file-invalid")["locations"][0]["physicalLocation"];
    assert_eq!((invalid["artifactLocation"]["uri"].as_str(), invalid["region"]["startLine"].as_u64()), (Some("../../.amlnet-policy.yml"), Some(4)));
    let violation = &by_rule("policy-isolation-mode-forbidden")["locations"][0]["physicalLocation"];
    assert_eq!((violation["artifactLocation"]["uri"].as_str(), violation["region"]["startLine"].as_u64()), (Some("workspace.yml"), Some(3)));
}

/// Files in memory, with a working directory.
#[derive(Default)]
struct MemoryIo {
    cwd: Option<String>,
    files: BTreeMap<String, String>,
    stdout: String,
    stderr: String,
}

impl Io for MemoryIo {
    fn read_file(&mut self, path: &str, _limit: usize) -> Result<Vec<u8>, String> {
        // Relative paths resolve against the working directory, `..` by dropping a segment.
        let mut parts: Vec<&str> = match &self.cwd {
            Some(cwd) if !path.starts_with('/') => cwd.split('/').collect(),
            _ => Vec::new(),
        };
        for segment in path.split('/') {
            match segment {
                ".." => {
                    parts.pop();
                }
                "." => {}
                s => parts.push(s),
            }
        }
        let full = parts.join("/");
        self.files.get(&full).map(|t| t.clone().into_bytes()).ok_or_else(|| format!("no file {full}"))
    }
    fn read_stdin(&mut self) -> Result<Vec<u8>, String> {
        Ok(Vec::new())
    }
    fn is_dir(&mut self, _path: &str) -> bool {
        false
    }
    fn read_dir(&mut self, _path: &str) -> Result<Vec<String>, String> {
        Ok(Vec::new())
    }
    fn create_dir_all(&mut self, _path: &str) -> Result<(), String> {
        Ok(())
    }
    fn write_file(&mut self, path: &str, contents: &str) -> Result<(), String> {
        self.files.insert(path.to_owned(), contents.to_owned());
        Ok(())
    }
    fn stdout(&mut self, text: &str) -> Result<(), String> {
        self.stdout.push_str(text);
        Ok(())
    }
    fn stderr(&mut self, text: &str) {
        self.stderr.push_str(text);
    }
    fn current_dir(&mut self) -> Option<String> {
        self.cwd.clone()
    }
    fn is_file(&mut self, path: &str) -> bool {
        self.files.contains_key(path)
    }
}

#[test]
fn discovery_goes_through_the_io() {
    let mut io = MemoryIo { cwd: Some("/repo/team".into()), ..MemoryIo::default() };
    io.files.insert("/repo/.amlnet-policy.yml".into(), POLICY.into());
    io.files.insert("/repo/team/workspace.yml".into(), WORKSPACE.into());
    let code = run(vec!["check".into(), "workspace.yml".into()], &mut io);
    assert_eq!(code, 1, "{}{}", io.stdout, io.stderr);
    assert!(io.stdout.contains("(../.amlnet-policy.yml:4)"), "{}", io.stdout);
    // An Io without a working directory searches nowhere.
    io.cwd = None;
    io.files.insert("workspace.yml".into(), WORKSPACE.into());
    io.stdout.clear();
    assert_eq!(run(vec!["check".into(), "workspace.yml".into()], &mut io), 0, "{}", io.stdout);
}
