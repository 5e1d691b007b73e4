//! The `amlnet` binary end to end: exit codes, JSON output, stdin, export refusal, rules and explain.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn amlnet(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_amlnet"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run amlnet");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("wait")
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("amlnet-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

const BROKEN: &str = "name: ws1\nimage_build_compute: b\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n  - name: monitor\n    type: service_tag\n    destination:\n      service_tag: AzureMonitor\n      protocol: TCP\n      port_ranges: 443\n";

#[test]
fn demo_checks_clean_from_stdin() {
    let demo = amlnet(&["demo"], None);
    assert!(demo.status.success());
    let check = amlnet(&["check", "-"], Some(&String::from_utf8_lossy(&demo.stdout)));
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn errors_exit_1_with_json_fields() {
    let path = temp_file("broken.yml", BROKEN);
    let out = amlnet(&["check", "--format", "json", path.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(report["version"], 1);
    assert_eq!((report["errors"].as_u64(), report["files"][0]["kind"].as_str()), (Some(1), Some("workspace")), "{report:#}");
    let d = report["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "unquoted-value-not-a-string")
        .expect("the port_ranges diagnostic");
    assert_eq!(d["path"], "managed_network.outbound_rules[0].destination.port_ranges");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64(), d["end_column"].as_u64()), (Some(11), Some(20), Some(23)));
    assert_eq!(d["severity"], "error");
    assert!(d["file"].as_str().expect("file").ends_with("broken.yml"));
    assert_eq!(d["stage"], "reading");
    for key in ["message", "help", "end_line"] {
        assert!(!d[key].is_null(), "{key}");
    }
    // No byte offsets, and absent fields are left out rather than null.
    assert!(d.get("range").is_none() && d.get("start_byte").is_none(), "{d:#}");
    assert!(d.as_object().expect("object").values().all(|v| !v.is_null()), "{d:#}");
}

#[test]
fn text_output_has_a_caret_under_the_value() {
    let path = temp_file("caret.yml", BROKEN);
    let out = amlnet(&["check", path.to_str().expect("path")], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("11 |       port_ranges: 443\n   |                    ^^^\n"), "{text}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(amlnet(&["check"], None).status.code(), Some(2));
    assert_eq!(amlnet(&["check", "--bogus", "x"], None).status.code(), Some(2));
    assert_eq!(amlnet(&["check", "/nonexistent/file.yml"], None).status.code(), Some(2));
    assert_eq!(amlnet(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(amlnet(&["explain", "no-such-code"], None).status.code(), Some(2));
}

#[test]
fn export_refuses_errors_unless_forced() {
    let path = temp_file("refuse.yml", BROKEN);
    let p = path.to_str().expect("path");
    let refused = amlnet(&["export", p, "--to", "yaml"], None);
    assert_eq!(refused.status.code(), Some(1));
    assert!(refused.stdout.is_empty());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    let forced = amlnet(&["export", p, "--to", "yaml", "--force"], None);
    assert_eq!(forced.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&forced.stdout).contains("port_ranges: \"443\""));
}

#[test]
fn export_writes_files_to_a_directory() {
    let demo_dir = std::env::temp_dir().join(format!("amlnet-cli-demo-{}", std::process::id()));
    assert!(amlnet(&["demo", "--out", demo_dir.to_str().expect("dir")], None).status.success());
    let out_dir = demo_dir.join("out");
    let files: Vec<String> = ["workspace.yml", "endpoint.yml", "deployment.yml"].iter().map(|f| demo_dir.join(f).display().to_string()).collect();
    for format in ["yaml", "cli", "python", "arm", "bicep", "tf"] {
        let mut args = vec![
            "export",
            "--to",
            format,
            "--out",
            out_dir.to_str().expect("dir"),
            "--subscription",
            "00000000-1111-2222-3333-444444444444",
            "--resource-group",
            "rg1",
        ];
        args.extend(files.iter().map(String::as_str));
        let out = amlnet(&args, None);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    for name in ["workspace.yml", "endpoint.yml", "deployment.yml", "deploy.sh", "amlnet_deploy.py", "azuredeploy.json", "main.bicep", "main.tf"] {
        assert!(out_dir.join(name).is_file(), "{name}");
    }
    let script = std::fs::read_to_string(out_dir.join("deploy.sh")).expect("script");
    assert!(script.contains("az ml workspace provision-network --resource-group \"$RESOURCE_GROUP\" --name \"$WORKSPACE_NAME\" --include-spark"));
    assert!(script.contains("then RESOURCE_GROUP='rg1'; fi"));
}

#[test]
fn rules_and_explain() {
    let rules = String::from_utf8(amlnet(&["rules"], None).stdout).expect("utf8");
    assert!(rules.lines().count() >= 40);
    assert!(rules.contains("port-range-invalid"));
    let explain = String::from_utf8(amlnet(&["explain", "port-range-invalid"], None).stdout).expect("utf8");
    for section in ["## What it catches", "## Why it matters", "## Example", "## Instead"] {
        assert!(explain.contains(section), "{section}");
    }
}

#[test]
fn update_context_judges_transitions() {
    let path = temp_file("aio.yml", "name: ws1\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n");
    let out = amlnet(&["check", "--format", "json", "--current-isolation-mode", "allow_only_approved_outbound", path.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("isolation-mode-transition-not-allowed"));
}

#[test]
fn invalid_utf8_is_a_diagnostic_not_a_crash() {
    let dir = std::env::temp_dir().join(format!("amlnet-cli-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("latin1.yml");
    std::fs::write(&path, b"name: caf\xe9\n").expect("write");
    let out = amlnet(&["check", path.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("input-not-utf8"));
}

fn repo_file(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

const DESIRED_AOAO: &str = "name: ws-contoso\nimage_build_compute: image-builder\npublic_network_access: Disabled\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  firewall_sku: basic\n  outbound_rules:\n  - name: pypi\n    type: fqdn\n    destination: pypi.org\n";

#[test]
fn plan_from_show_json_in_text_and_json() {
    let current = repo_file("tests/plan/show-aoao.json");
    let desired = temp_file("plan-desired.yml", DESIRED_AOAO);
    let args = [
        "plan",
        current.as_str(),
        desired.to_str().expect("path"),
        "--subscription",
        "00000000-0000-0000-0000-000000000000",
        "--resource-group",
        "rg-ml",
    ];
    let out = amlnet(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("warning[firewall-sku-changed]"), "warnings first:\n{text}");
    for expected in [
        "  1. Update the workspace: firewall SKU Standard → Basic",
        "Remove outbound rule `monitor`",
        "Remove outbound rule `datalake`",
        "#!/usr/bin/env bash",
        "RESOURCE_GROUP='rg-ml'",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    assert!(!text.contains("__SYS"), "rules the service added are never planned:\n{text}");
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let out = amlnet(&json_args, None);
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let kinds: Vec<&str> = plan["steps"].as_array().expect("steps").iter().filter_map(|s| s["kind"].as_str()).collect();
    assert_eq!(kinds, ["update_workspace", "remove_rule", "remove_rule"]);
    assert!(plan["bash"].as_str().is_some_and(|b| b.contains("outbound-rule remove")));
    assert!(plan["python"].as_str().is_some_and(|p| p.contains("begin_remove(")));
    assert_eq!(plan["warnings"][0]["code"], "firewall-sku-changed");
}

#[test]
fn plan_exit_codes() {
    let current = repo_file("tests/plan/show-aoao.json");
    // A refused transition: the plan is printed with the error, exit 1.
    let back = temp_file("plan-back.yml", "name: ws-contoso\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n");
    let out = amlnet(&["plan", &current, back.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("error[isolation-mode-transition-not-allowed]") && text.contains("Do not run this plan") && !text.contains("No changes"),
        "{text}"
    );
    // Nothing to do: exit 0 and it says so.
    let same = temp_file("plan-same.yml", "name: ws-contoso\npublic_network_access: Disabled\n");
    let out = amlnet(&["plan", &current, same.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No changes"));
    // A desired document with errors gets no plan.
    let broken = temp_file("plan-broken.yml", BROKEN);
    let out = amlnet(&["plan", &current, broken.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no plan for documents with errors"));
    // Usage: the current state and at least one desired file.
    assert_eq!(amlnet(&["plan", &current], None).status.code(), Some(2));
}

#[test]
fn summary_text_and_json() {
    let demo = amlnet(&["demo"], None);
    let path = temp_file("summary-demo.yml", &String::from_utf8_lossy(&demo.stdout));
    let p = path.to_str().expect("path");
    let out = amlnet(&["summary", p], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in ["Outbound paths", "Data exfiltration protection", "Billed", "Inbound access", "[cost] Azure Firewall, Basic SKU"] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    let out = amlnet(&["summary", p, "--format", "json"], None);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(summary["exfiltration_protection"], true);
    assert_eq!(summary["sections"][0]["id"], "outbound");
    assert_eq!(summary["sections"][0]["lines"][0]["tone"], "good");
    let broken = temp_file("summary-broken.yml", BROKEN);
    assert_eq!(amlnet(&["summary", broken.to_str().expect("path")], None).status.code(), Some(1));
}

#[test]
fn export_to_terraform_prints_the_azapi_notes() {
    let path = temp_file(
        "tf-workspace.yml",
        "name: tfws\nimage_build_compute: b\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  firewall_sku: basic\n  outbound_rules:\n  - name: openai\n    type: private_endpoint\n    destination:\n      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai\n      subresource_target: account\n      spark_enabled: false\n  - name: pypi\n    type: fqdn\n    destination: pypi.org\n",
    );
    let p = path.to_str().expect("path");
    let out = amlnet(&["export", p, "--to", "terraform"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("resource \"azapi_resource\" \"rule_openai\""), "{stdout}");
    assert!(stdout.contains("resource \"azapi_update_resource\" \"workspace_firewall_sku\""), "{stdout}");
    // Rendered like check diagnostics: code, message, a caret under the field in the input file.
    assert!(stderr.contains("info[azurerm-cannot-express]: azurerm accepts no sub_resource_target `account`"), "{stderr}");
    assert!(stderr.contains("tf-workspace.yml:11:27"), "{stderr}");
    assert!(stderr.contains("info[azurerm-cannot-express]: azurerm has no firewall SKU"), "{stderr}");
    // The other formats express everything: no notes.
    let arm = amlnet(&["export", p, "--to", "arm"], None);
    assert!(arm.status.success());
    assert!(!String::from_utf8_lossy(&arm.stderr).contains("azurerm-cannot-express"));
    let bad = amlnet(&["export", p, "--to", "cloudformation"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("[possible values: yaml, cli, python, arm, bicep, terraform]"));
}

#[test]
fn plan_reads_a_directory_as_the_current_state() {
    let case = repo_file("tests/plan/cases/egress-recreate");
    let out = amlnet(&["plan", &format!("{case}/current"), &format!("{case}/desired/endpoint.yml"), &format!("{case}/desired/deployment.yml")], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1. Set public network access of endpoint `ep-contoso` to disabled"), "{text}");
    assert!(text.contains("2. Recreate deployment `blue` with egress public network access disabled"), "{text}");
    // Documents with errors are planned only with --force, and still exit 1.
    let hostile = repo_file("tests/plan/cases/hostile");
    let desired = format!("{hostile}/desired/workspace.yml");
    let refused = amlnet(&["plan", &format!("{hostile}/current.yml"), &desired], None);
    assert_eq!((refused.status.code(), refused.stdout.is_empty()), (Some(1), true));
    let forced = amlnet(&["plan", &format!("{hostile}/current.yml"), &desired, "--force"], None);
    assert_eq!((forced.status.code(), forced.stdout.is_empty()), (Some(1), false));
}

#[test]
fn check_current_reads_show_json_as_plan_does() {
    // `az ml workspace show` JSON (with its service-added rules and read-only keys) as the current state:
    // `check --current` judges the change in the same update context as `plan`.
    let current = repo_file("tests/plan/show-aoao.json");
    let back = temp_file("check-current-back.yml", "name: ws-contoso\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n");
    let check = amlnet(&["check", "--format", "json", "--current", &current, back.to_str().expect("path")], None);
    assert_eq!(check.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let codes: Vec<&str> = report["diagnostics"].as_array().expect("array").iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"isolation-mode-transition-not-allowed"), "{codes:?}");
    // Reading the show output itself reports nothing (no read-only or unknown-key noise).
    assert!(String::from_utf8_lossy(&check.stderr).trim().is_empty(), "{}", String::from_utf8_lossy(&check.stderr));
    let plan = amlnet(&["plan", "--format", "json", &current, back.to_str().expect("path")], None);
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).expect("plan json");
    assert!(plan["warnings"].as_array().expect("warnings").iter().any(|w| w["code"] == "isolation-mode-transition-not-allowed"));
    // No change, nothing to report.
    let same = temp_file("check-current-same.yml", "name: ws-contoso\npublic_network_access: Disabled\n");
    let ok = amlnet(&["check", "--current", &current, same.to_str().expect("path")], None);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));
}

const SECURE: &str = "name: ws-secure\npublic_network_access: disabled\nimage_build_compute: cpu\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n  - name: data-blob\n    type: private_endpoint\n    destination:\n      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/data\n      subresource_target: blob\n      spark_enabled: false\n";

#[test]
fn networking_flags_reach_the_exports_and_the_checks() {
    let path = temp_file("secure.yml", SECURE);
    let file = path.to_str().expect("path");
    // Without an inbound private endpoint the closed workspace is unreachable: a warning, not an error.
    let check = amlnet(&["check", "--format", "json", file], None);
    assert_eq!(check.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&check.stdout).contains("public-network-access-without-inbound-endpoint"));
    let export = amlnet(
        &["export", file, "--to", "cli", "--inbound-pe-subnet", "corp-vnet/pe", "--inbound-pe-name", "ws-pe", "--inbound-pe-network-rg", "net-rg"],
        None,
    );
    assert_eq!(export.status.code(), Some(0), "{}", String::from_utf8_lossy(&export.stderr));
    let script = String::from_utf8_lossy(&export.stdout);
    assert!(script.contains("az network private-endpoint create --resource-group \"$RESOURCE_GROUP\" --name ws-pe"), "{script}");
    assert!(script.contains("'/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/corp-vnet/subnets/pe'"), "{script}");
    assert!(script.contains("az role assignment create") && script.contains("--role b556d68e-0be0-4f35-a333-ad7ee1ce17ea"), "{script}");
    assert!(!String::from_utf8_lossy(&export.stderr).contains("public-network-access-without-inbound-endpoint"));
    // --no-approver-role drops the assignments and warns; --no-dns-integration drops the zones.
    let export = amlnet(&["export", file, "--to", "cli", "--inbound-pe-subnet", "corp-vnet/pe", "--no-dns-integration", "--no-approver-role"], None);
    let script = String::from_utf8_lossy(&export.stdout);
    assert!(!script.contains("az role assignment create") && !script.contains("private-dns zone create"), "{script}");
    assert!(String::from_utf8_lossy(&export.stderr).contains("approver-role-not-assigned"));
}

#[test]
fn networking_flags_need_an_endpoint_and_valid_values() {
    let path = temp_file("secure-flags.yml", SECURE);
    let file = path.to_str().expect("path");
    let out = amlnet(&["check", file, "--inbound-pe-name", "x"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`--inbound-pe-name` is given 1 time(s) for 0 `--inbound-pe-subnet`"));
    let out = amlnet(&["check", file, "--inbound-pe-subnet", "just-a-vnet"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("inbound-private-endpoint-invalid"));
}
