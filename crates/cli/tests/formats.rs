//! The command line's grammar and its CI formats, end to end through the binary: per-command help,
//! usage errors (exit 2), the versioned JSON shapes, SARIF (with fixes that really fix), GitHub
//! workflow commands, the GitLab Code Quality report and `plan --detailed-exitcode`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn amlnet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amlnet")).args(args).output().expect("run amlnet")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("amlnet-formats-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

fn temp_file(name: &str, text: &str) -> String {
    let path = temp_dir(name).join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

const BROKEN: &str = "name: ws1\nimage_build_compute: b\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n  - name: monitor\n    type: service_tag\n    destination:\n      service_tag: AzureMonitor\n      protocol: TCP\n      port_ranges: 443\n";

#[test]
fn every_command_has_its_own_help() {
    let top = amlnet(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    for command in ["check", "export", "plan", "summary", "rules", "explain", "demo"] {
        assert!(stdout(&top).contains(&format!("  {command} ")), "{command} in:\n{}", stdout(&top));
    }
    let check = amlnet(&["check", "--help"]);
    assert_eq!(check.status.code(), Some(0));
    let text = stdout(&check);
    for expected in
        ["--format <FORMAT>", "sarif", "github", "gitlab", "--current-isolation-mode", "allow_only_approved_outbound", "--kind", "online_endpoint"]
    {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    assert!(!text.contains("--to") && !text.contains("--force"), "check has no export flags:\n{text}");
    // The export formats are the core's list, in its spelling.
    let export = stdout(&amlnet(&["export", "--help"]));
    let formats: Vec<&str> = amlnet_core::ExportFormat::ALL.iter().map(|f| f.as_str()).collect();
    assert!(export.contains(&format!("[possible values: {}]", formats.join(", "))), "{export}");
    let plan = stdout(&amlnet(&["plan", "--help"]));
    assert!(plan.contains("--detailed-exitcode") && plan.contains("<CURRENT>") && plan.contains("<DESIRED>..."), "{plan}");
    assert!(stdout(&amlnet(&["summary", "--help"])).contains("[possible values: text, json]"));
    assert_eq!(stdout(&amlnet(&["--version"])), format!("amlnet {}\n", amlnet_core::VERSION));
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let file = temp_file("usage.yml", "name: ws1\n");
    let cases: &[&[&str]] = &[
        &[],
        &["check", "--to", "yaml", &file],
        &["check", "--force", &file],
        &["check", "--format", "xml", &file],
        &["check", "--kind", "compute", &file],
        &["check", "--current-isolation-mode", "open", &file],
        &["summary", "--format", "sarif", &file],
        &["export", &file],
        &["export", &file, "--to"],
        &["plan", &file],
        &["plan", &file, &file, "--update"],
        &["explain"],
        &["demo", "--bogus"],
        &["frobnicate"],
    ];
    for args in cases {
        let out = amlnet(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(stderr(&out).contains("Usage:") || stderr(&out).contains("error:"), "{args:?}: {}", stderr(&out));
    }
    // Aliases come from the core's own parser.
    assert_eq!(amlnet(&["export", &file, "--to", "tf", "--force"]).status.code(), Some(0));
    assert_eq!(amlnet(&["check", "--kind", "workspace", "--current-isolation-mode", "AllowOnlyApprovedOutbound", &file]).status.code(), Some(0));
}

#[test]
fn json_reports_are_versioned() {
    let demo = temp_dir("json-demo");
    assert!(amlnet(&["demo", "--out", demo.to_str().expect("dir")]).status.success());
    let ws = demo.join("workspace.yml").to_string_lossy().into_owned();
    let check: Value = serde_json::from_slice(&amlnet(&["check", "--format", "json", &ws]).stdout).expect("check json");
    assert_eq!((check["version"].as_u64(), check["errors"].as_u64()), (Some(1), Some(0)), "{check:#}");
    let summary: Value = serde_json::from_slice(&amlnet(&["summary", "--format", "json", &ws]).stdout).expect("summary json");
    assert_eq!(summary["version"], 1);
    for key in ["headline", "sections", "outbound_paths", "exfiltration_weakened_by", "billed", "inbound"] {
        assert!(!summary[key].is_null(), "{key}: {summary:#}");
    }
    let current = repo("tests/plan/show-aoao.json");
    let desired = temp_file("json-plan.yml", "name: ws-contoso\npublic_network_access: Enabled\n");
    let plan: Value = serde_json::from_slice(&amlnet(&["plan", "--format", "json", &current, &desired]).stdout).expect("plan json");
    assert_eq!(
        (plan["version"].as_u64(), plan["has_changes"].as_bool(), plan["has_errors"].as_bool()),
        (Some(1), Some(true), Some(false)),
        "{plan:#}"
    );
    assert_eq!(plan["steps"][0]["kind"], "update_workspace");
    let warning = &plan["warnings"][0];
    assert!(warning["stage"].is_string() && warning.get("range").is_none(), "{warning:#}");
}

fn sarif_of(args: &[&str]) -> (Option<i32>, Value) {
    let out = amlnet(args);
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout(&out))))
}

#[test]
fn sarif_has_the_rules_results_and_fixes() {
    let path = temp_file("sarif-broken.yml", BROKEN);
    let (code, log) = sarif_of(&["check", "--format", "sarif", &path]);
    assert_eq!(code, Some(1));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), amlnet_core::RULES.len());
    for (rule, info) in rules.iter().zip(amlnet_core::RULES) {
        assert_eq!(rule["id"], info.code);
        assert_eq!(rule["help"]["markdown"], info.docs.trim_end());
        assert!(rule["shortDescription"]["text"].as_str().is_some_and(|t| t.starts_with(info.summary)));
    }
    let result = &run["results"][0];
    assert_eq!((result["ruleId"].as_str(), result["level"].as_str()), (Some("unquoted-value-not-a-string"), Some("error")));
    assert_eq!(rules[result["ruleIndex"].as_u64().expect("index") as usize]["id"], result["ruleId"]);
    let location = &result["locations"][0]["physicalLocation"];
    assert!(location["artifactLocation"]["uri"].as_str().is_some_and(|u| u.starts_with("file:///") && u.ends_with("sarif-broken.yml")));
    assert_eq!(location["region"], serde_json::json!({"startLine": 11, "startColumn": 20, "endLine": 11, "endColumn": 23}));
    let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "'443'");
    assert_eq!(replacement["deletedRegion"], location["region"]);
}

/// Applies SARIF replacements (line/column regions in code points) to a text.
fn apply(text: &str, replacements: &[(Value, String)]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let offset = |line: u64, column: u64| -> usize {
        let before: usize = lines.iter().take(line as usize - 1).map(|l| l.chars().count()).sum();
        before + column as usize - 1
    };
    let mut chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<(usize, usize, &str)> = replacements
        .iter()
        .map(|(r, inserted)| {
            let n = |k: &str| r[k].as_u64().expect(k);
            (offset(n("startLine"), n("startColumn")), offset(n("endLine"), n("endColumn")), inserted.as_str())
        })
        .collect();
    sorted.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (start, end, inserted) in sorted {
        chars.splice(start..end.min(chars.len()), inserted.chars());
    }
    chars.into_iter().collect()
}

#[test]
fn sarif_fixes_resolve_their_findings_in_every_fixture() {
    let root = PathBuf::from(repo("tests/fixtures"));
    let mut fixed = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures")
        .flat_map(|d| std::fs::read_dir(d.expect("dir").path()).expect("dir"))
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for entry in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "yml")) {
        let file = entry.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(entry).unwrap_or_default();
        // The fixture's context directive, as flags.
        let mut args: Vec<String> = vec!["check".into(), "--format".into(), "sarif".into()];
        if let Some(directive) = text.lines().next().and_then(|l| l.strip_prefix("# amlnet:")) {
            for word in directive.split_whitespace() {
                match word.split_once('=') {
                    None if word == "update" => args.push("--update".into()),
                    Some(("current", mode)) => args.extend(["--current-isolation-mode".into(), mode.into()]),
                    Some(("kind", kind)) => args.extend(["--kind".into(), kind.into()]),
                    _ => {}
                }
            }
        }
        let flags = args[3..].to_vec();
        args.push(file.clone());
        let (_, log) = sarif_of(&args.iter().map(String::as_str).collect::<Vec<_>>());
        for result in log["runs"][0]["results"].as_array().expect("results") {
            let Some(fix) = result["fixes"].get(0) else { continue };
            let replacements: Vec<(Value, String)> = fix["artifactChanges"][0]["replacements"]
                .as_array()
                .expect("replacements")
                .iter()
                .map(|r| (r["deletedRegion"].clone(), r["insertedContent"]["text"].as_str().expect("text").to_owned()))
                .collect();
            let after = apply(&text, &replacements);
            let name = entry.file_name().expect("name").to_string_lossy().into_owned();
            let fixed_path = temp_file(&format!("fixed-{}-{name}", entry.parent().and_then(Path::file_name).expect("dir").to_string_lossy()), &after);
            let mut check = vec!["check", "--format", "json"];
            check.extend(flags.iter().map(String::as_str));
            check.push(&fixed_path);
            let report: Value = serde_json::from_slice(&amlnet(&check).stdout).expect("json");
            let field = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].as_str().unwrap_or("");
            let still = report["diagnostics"].as_array().expect("list").iter().any(|d| d["code"] == result["ruleId"] && d["path"] == field);
            assert!(!still, "{file}: the fix of {} at {field} leaves it:\n{after}", result["ruleId"]);
            let syntax = report["diagnostics"].as_array().expect("list").iter().any(|d| d["code"].as_str().is_some_and(|c| c.starts_with("yaml-")));
            assert!(!syntax, "{file}: the fix broke the YAML:\n{after}\n{report:#}");
            fixed += 1;
        }
    }
    assert!(fixed >= 10, "only {fixed} fixes were applied");
}

#[test]
fn github_annotations_are_escaped() {
    let dir = temp_dir("github");
    let path = dir.join("odd,name:1.yml");
    std::fs::write(&path, "name: ws1\n\"100%\": 1\n").expect("write");
    let p = path.to_string_lossy().into_owned();
    let out = amlnet(&["check", "--format", "github", &p]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains("title=unknown-key")).unwrap_or_else(|| panic!("{text}"));
    let file = p.replace('%', "%25").replace(':', "%3A").replace(',', "%2C");
    assert!(line.starts_with(&format!("::error file={file},line=2,endLine=2,col=1,endColumn=7,title=unknown-key::")), "{line}");
    let message = line.split_once("::").and_then(|(_, rest)| rest.split_once("::")).map(|(_, m)| m).expect("message");
    assert!(message.contains("`100%25`") && message.contains("%0Afield: 100%25"), "{message}");
    assert!(!message.contains('\n') && !message.contains("100%\""), "{message}");
    // Warnings and infos are `warning` and `notice`.
    let info = temp_file("github-info.yml", "name: ws1\nid: /subscriptions/x\n");
    assert!(stdout(&amlnet(&["check", "--format", "github", &info])).starts_with("::notice file="));
}

#[test]
fn gitlab_code_quality_report() {
    let path = temp_file("gitlab.yml", BROKEN);
    let out = amlnet(&["check", "--format", "gitlab", &path]);
    assert_eq!(out.status.code(), Some(1));
    let issues: Value = serde_json::from_slice(&out.stdout).expect("json array");
    let issue = &issues[0];
    assert_eq!((issue["check_name"].as_str(), issue["severity"].as_str()), (Some("unquoted-value-not-a-string"), Some("critical")));
    assert_eq!((issue["location"]["path"].as_str(), issue["location"]["lines"]["begin"].as_u64()), (Some(path.as_str()), Some(11)));
    assert!(issue["description"].as_str().is_some_and(|d| d.contains("`443` is unquoted")));
    let fingerprint = issue["fingerprint"].as_str().expect("fingerprint");
    assert!(fingerprint.len() == 32 && fingerprint.chars().all(|c| c.is_ascii_hexdigit()), "{fingerprint}");
    // Stable: the same finding two lines lower keeps its fingerprint.
    std::fs::write(&path, format!("# a comment\n# another\n{BROKEN}")).expect("write");
    let moved: Value = serde_json::from_slice(&amlnet(&["check", "--format", "gitlab", &path]).stdout).expect("json");
    assert_eq!((moved[0]["fingerprint"].as_str(), moved[0]["location"]["lines"]["begin"].as_u64()), (Some(fingerprint), Some(13)));
    // Unique within a report, even for identical findings.
    let twice = temp_file("gitlab-twice.yml", "name: ws1\nfoo: 1\nmanaged_network:\n  foo: 1\n");
    let report: Value = serde_json::from_slice(&amlnet(&["check", "--format", "gitlab", &twice]).stdout).expect("json");
    let mut prints: Vec<&str> = report.as_array().expect("array").iter().filter_map(|i| i["fingerprint"].as_str()).collect();
    let n = prints.len();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), n);
    // Warnings are minor, infos info.
    let info = temp_file("gitlab-info.yml", "name: ws1\nid: /subscriptions/x\n");
    let report: Value = serde_json::from_slice(&amlnet(&["check", "--format", "gitlab", &info]).stdout).expect("json");
    assert_eq!(report[0]["severity"], "info");
}

#[test]
fn plan_detailed_exitcode_and_ci_formats() {
    let current = repo("tests/plan/show-aoao.json");
    let same = temp_file("detailed-same.yml", "name: ws-contoso\npublic_network_access: Disabled\n");
    let change = temp_file("detailed-change.yml", "name: ws-contoso\npublic_network_access: Enabled\n");
    let back = temp_file("detailed-back.yml", "name: ws-contoso\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n");
    let broken = temp_file("detailed-broken.yml", BROKEN);
    let code = |desired: &str, extra: &[&str]| {
        let mut args = vec!["plan", "--detailed-exitcode", current.as_str(), desired];
        args.extend(extra);
        amlnet(&args).status.code()
    };
    assert_eq!(code(&same, &[]), Some(0));
    assert_eq!(code(&change, &[]), Some(2));
    assert_eq!(code(&change, &["--format", "json"]), Some(2));
    assert_eq!(code(&back, &[]), Some(1));
    assert_eq!(code(&broken, &[]), Some(1));
    // Without the flag, changes exit 0 as before.
    assert_eq!(amlnet(&["plan", &current, &change]).status.code(), Some(0));
    // The plan's findings in a CI format: the refused transition is an error result.
    let (exit, log) = sarif_of(&["plan", "--format", "sarif", &current, &back]);
    assert_eq!(exit, Some(1));
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "isolation-mode-transition-not-allowed" && r["level"] == "error"), "{results:#?}");
    let github = stdout(&amlnet(&["plan", "--format", "github", &current, &back]));
    assert!(github.lines().any(|l| l.starts_with("::error ") && l.contains("title=isolation-mode-transition-not-allowed")), "{github}");
    // A refused plan still reports the findings that refused it.
    let (exit, log) = sarif_of(&["plan", "--format", "sarif", &current, &broken]);
    assert_eq!(exit, Some(1));
    assert!(log["runs"][0]["results"].as_array().expect("results").iter().any(|r| r["ruleId"] == "unquoted-value-not-a-string"));
}
