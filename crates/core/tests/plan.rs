//! Change plans: a table of current → desired pairs with the steps and warnings each must produce,
//! `az ml workspace show` JSON as the current state (`tests/plan/show-*.json`, built from the SDK by
//! `tests/plan/build_show_json.py`), and the generated scripts checked by `bash -n`, shellcheck and
//! Python's `compile()`.

mod support {
    pub(crate) mod cases;
    pub(crate) mod order;
    pub(crate) mod tools;
}

use amlnet_core::model::IsolationMode;
use amlnet_core::plan::{plan, plan_with_sources, read_current, ChangePlan, StepKind};
use amlnet_core::{analyze, Context, Severity, SourceFile};
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn show(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/plan").join(name)).expect("sample")
}

/// Plans `desired` (YAML documents) against `current` (YAML or JSON documents), as `amlnet plan` does.
fn plan_of(current: &[&str], desired: &[&str]) -> ChangePlan {
    let current: Vec<SourceFile> = current.iter().enumerate().map(|(i, t)| SourceFile::new(format!("current-{i}"), *t)).collect();
    let files: Vec<SourceFile> = desired.iter().enumerate().map(|(i, t)| SourceFile::new(format!("desired-{i}.yml"), *t)).collect();
    let change = amlnet_core::plan::plan_files(&current, &files, &amlnet_core::Context::default());
    assert!(change.current.diagnostics.is_empty(), "current state: {:?}", change.current.diagnostics);
    change.plan
}

fn kinds(p: &ChangePlan) -> Vec<StepKind> {
    p.steps.iter().map(|s| s.kind).collect()
}

fn codes(p: &ChangePlan) -> Vec<(&'static str, Severity)> {
    let mut c: Vec<_> = p.warnings.iter().map(|d| (d.code, d.severity)).collect();
    c.sort();
    c.dedup();
    c
}

fn workspace(mode: &str, extra: &str) -> String {
    format!("name: ws-plan\nimage_build_compute: image-builder\nmanaged_network:\n  isolation_mode: {mode}\n{extra}")
}

const PE_RULE: &str = "  outbound_rules:
  - name: datalake
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sadatalake
      subresource_target: dfs
      spark_enabled: false
";

const FQDN_RULE: &str = "  - name: pypi
    type: fqdn
    destination: pypi.org
";

const TRANSITION: &str = "isolation-mode-transition-not-allowed";
const MIGRATION: &str = "managed-network-migration-needs-empty-workspace";

#[test]
fn all_nine_isolation_transitions() {
    use IsolationMode::*;
    for from in IsolationMode::ALL {
        for to in IsolationMode::ALL {
            let p = plan_of(&[&workspace(from.yaml(), "")], &[&workspace(to.yaml(), "")]);
            let label = format!("{} → {}", from.yaml(), to.yaml());
            let c = codes(&p);
            match (from, to) {
                _ if from == to => {
                    assert!(p.is_empty() && p.warnings.is_empty(), "{label}: {:?} {c:?}", kinds(&p));
                    assert!(p.render_text().contains("No changes"), "{label}");
                }
                (Disabled, _) => {
                    assert_eq!(kinds(&p), [StepKind::DeleteFirst, StepKind::UpdateWorkspace], "{label}");
                    assert_eq!(c, [(MIGRATION, Severity::Warning)], "{label}");
                    assert!(p.bash.contains(&format!("isolation_mode: {}", to.yaml())), "{label}");
                    assert!(p.bash.contains("az ml compute list"), "{label}");
                    assert!(!p.has_errors(), "{label}");
                }
                (AllowInternetOutbound, AllowOnlyApprovedOutbound) => {
                    assert_eq!(kinds(&p), [StepKind::UpdateWorkspace], "{label}");
                    assert_eq!(c, [(TRANSITION, Severity::Warning)], "{label}");
                    assert!(p.python.contains("IsolationMode.ALLOW_ONLY_APPROVED_OUTBOUND"), "{label}");
                }
                // AOAO → AIO and anything → disabled are refused: the plan changes nothing and has an error.
                _ => {
                    assert!(p.is_empty(), "{label}: {:?}", kinds(&p));
                    assert_eq!(c, [(TRANSITION, Severity::Error)], "{label}");
                    assert!(p.has_errors(), "{label}");
                    let text = p.render_text();
                    assert!(text.contains("Do not run this plan") && !text.contains("No changes"), "{label}: {text}");
                }
            }
        }
    }
}

#[test]
fn rules_are_added_changed_and_removed_in_order() {
    let current = workspace("allow_only_approved_outbound", &format!("{PE_RULE}{FQDN_RULE}"));
    let desired = workspace(
        "allow_only_approved_outbound",
        "  outbound_rules:
  - name: pypi
    type: fqdn
    destination: '*.pypi.org'
  - name: monitor
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: '443'
",
    );
    let p = plan_of(&[&current], &[&desired]);
    assert_eq!(kinds(&p), [StepKind::RemoveRule, StepKind::SetRule, StepKind::SetRule]);
    assert_eq!(p.steps[0].title, "Remove outbound rule `datalake`");
    assert_eq!(p.steps[1].title, "Change outbound rule `pypi`");
    assert_eq!(p.steps[2].title, "Add outbound rule `monitor`");
    assert_eq!(codes(&p), [("outbound-rule-removed", Severity::Warning)]);
    assert!(p.bash.contains(
        "az ml workspace outbound-rule remove --resource-group \"$RESOURCE_GROUP\" --workspace-name \"$WORKSPACE_NAME\" --rule datalake --yes"
    ));
    assert!(p.bash.contains("--rule pypi --type fqdn --destination '*.pypi.org'"));
    assert!(p.python.contains("begin_remove(workspace_name=WORKSPACE_NAME, outbound_rule_name=\"datalake\")"));
    assert!(p.python.contains("rule=ServiceTagDestination(name=\"monitor\", service_tag=\"AzureMonitor\", protocol=\"TCP\", port_ranges=\"443\")"));
    // Unchanged rules are not set again; a workspace without `managed_network` keeps its rules.
    assert!(plan_of(&[&current], &[&current]).is_empty());
    assert!(plan_of(&[&current], &["name: ws-plan\nimage_build_compute: image-builder\n"]).is_empty());
}

#[test]
fn firewall_creation_and_sku_change() {
    // The first FQDN rule in approved outbound creates the (billed) firewall.
    let p = plan_of(
        &[&workspace("allow_only_approved_outbound", "")],
        &[&workspace("allow_only_approved_outbound", &format!("  outbound_rules:\n{FQDN_RULE}"))],
    );
    assert_eq!(kinds(&p), [StepKind::SetRule]);
    assert_eq!(codes(&p), [("fqdn-rule-creates-firewall", Severity::Warning)]);
    assert!(p.steps[0].detail.contains("Azure Firewall"));
    // With the firewall already there, adding a second FQDN rule warns about nothing.
    let two = format!("  outbound_rules:\n{FQDN_RULE}  - name: conda\n    type: fqdn\n    destination: conda.anaconda.org\n");
    let p = plan_of(
        &[&workspace("allow_only_approved_outbound", &format!("  outbound_rules:\n{FQDN_RULE}"))],
        &[&workspace("allow_only_approved_outbound", &two)],
    );
    assert_eq!((kinds(&p), codes(&p)), (vec![StepKind::SetRule], vec![]));
    // Dropping `firewall_sku: basic` makes the firewall Standard.
    let basic = workspace("allow_only_approved_outbound", &format!("  firewall_sku: basic\n  outbound_rules:\n{FQDN_RULE}"));
    let standard = workspace("allow_only_approved_outbound", &format!("  outbound_rules:\n{FQDN_RULE}"));
    let p = plan_of(&[&basic], &[&standard]);
    assert_eq!(kinds(&p), [StepKind::UpdateWorkspace]);
    assert_eq!(codes(&p), [("firewall-sku-changed", Severity::Warning)]);
    assert!(p.bash.contains("  firewall_sku: standard\n"));
    assert!(p.python.contains("firewall_sku=\"Standard\""));
    let p = plan_of(&[&standard], &[&basic]);
    assert_eq!(codes(&p), [("firewall-sku-changed", Severity::Warning)]);
    assert!(p.python.contains("firewall_sku=\"Basic\""));
    // Without FQDN rules the SKU is updated but costs nothing: no warning.
    let p = plan_of(&[&workspace("allow_only_approved_outbound", "  firewall_sku: basic\n")], &[&workspace("allow_only_approved_outbound", "")]);
    assert_eq!((kinds(&p), codes(&p)), (vec![StepKind::UpdateWorkspace], vec![]));
}

#[test]
fn public_network_access_changes() {
    let p = plan_of(&["name: ws-plan\npublic_network_access: Enabled\n"], &["name: ws-plan\npublic_network_access: Disabled\n"]);
    assert_eq!(kinds(&p), [StepKind::UpdateWorkspace]);
    assert_eq!(codes(&p), [("public-network-access-changed", Severity::Warning)]);
    assert!(p
        .bash
        .contains("az ml workspace update --resource-group \"$RESOURCE_GROUP\" --name \"$WORKSPACE_NAME\" --public-network-access Disabled"));
    assert!(p.python.contains("Workspace(name=WORKSPACE_NAME, public_network_access=\"Disabled\")"));
    // Absent means Enabled, the service default.
    assert!(plan_of(&["name: ws-plan\n"], &["name: ws-plan\npublic_network_access: Enabled\n"]).is_empty());
    let endpoint = |pna: &str| format!("name: ep-plan\nauth_mode: key\npublic_network_access: {pna}\n");
    let p = plan_of(&[&endpoint("enabled")], &[&endpoint("disabled")]);
    assert_eq!(kinds(&p), [StepKind::UpdateEndpoint]);
    assert_eq!(codes(&p), [("public-network-access-changed", Severity::Warning)]);
    assert!(p.bash.contains("az ml online-endpoint update --name ep-plan --resource-group \"$RESOURCE_GROUP\" --workspace-name \"$WORKSPACE_NAME\" --set public_network_access=disabled"));
    assert!(p.python.contains("endpoint.public_network_access = \"disabled\""));
}

#[test]
fn spark_enablement_provisions_once() {
    let spark = PE_RULE.replace("spark_enabled: false", "spark_enabled: true");
    let p = plan_of(&[&workspace("allow_internet_outbound", PE_RULE)], &[&workspace("allow_internet_outbound", &spark)]);
    // The changed private endpoint rule gets the approver role on its target first.
    assert_eq!(kinds(&p), [StepKind::AssignApproverRole, StepKind::SetRule, StepKind::ProvisionNetwork]);
    assert!(p.steps[0].bash.contains("az role assignment create") && p.steps[0].bash.contains("--role b556d68e-0be0-4f35-a333-ad7ee1ce17ea"));
    assert_eq!(codes(&p), [("spark-cannot-be-disabled", Severity::Warning)]);
    assert!(p.bash.contains("az ml workspace provision-network --resource-group \"$RESOURCE_GROUP\" --name \"$WORKSPACE_NAME\" --include-spark\n"));
    assert!(p.python.contains("begin_provision_network(workspace_name=WORKSPACE_NAME, include_spark=True)"));
    // Already Spark-enabled: nothing to provision again.
    assert!(plan_of(&[&workspace("allow_internet_outbound", &spark)], &[&workspace("allow_internet_outbound", &spark)]).is_empty());
}

const DEPLOYMENT: &str = "name: blue\nendpoint_name: ep-plan\nmodel: azureml:model-plan:1\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n";

#[test]
fn egress_change_recreates_the_deployment() {
    let endpoint = "name: ep-plan\nauth_mode: key\npublic_network_access: disabled\ntraffic:\n  blue: 100\n";
    let desired = format!("{DEPLOYMENT}egress_public_network_access: disabled\n");
    let p = plan_of(&[endpoint, DEPLOYMENT], &[endpoint, &desired]);
    assert_eq!(kinds(&p), [StepKind::RecreateDeployment]);
    assert_eq!(codes(&p), [("deployment-egress-cannot-change", Severity::Warning)]);
    let bash = &p.steps[0].bash;
    let zero = bash.find("--traffic blue=0").expect("traffic moved away first");
    let delete = bash.find("az ml online-deployment delete --name blue --endpoint-name ep-plan").expect("delete");
    let create = bash.find("az ml online-deployment create --file amlnet-deployment.yml").expect("create");
    assert!(zero < delete && delete < create, "{bash}");
    assert!(bash.contains("--all-traffic"));
    assert!(p.python.contains("ml_client.online_deployments.begin_delete(name=\"blue\", endpoint_name=\"ep-plan\")"));
    // Same egress: nothing to do.
    assert!(plan_of(&[endpoint, &desired], &[endpoint, &desired]).is_empty());
}

#[test]
fn enabling_a_managed_network_recreates_endpoints_and_provisions_first() {
    let current = ["name: ws-plan\nimage_build_compute: image-builder\n", "name: ep-plan\nauth_mode: key\n", DEPLOYMENT];
    let desired = [
        workspace("allow_only_approved_outbound", PE_RULE),
        "name: ep-plan\nauth_mode: key\npublic_network_access: disabled\n".to_owned(),
        DEPLOYMENT.to_owned(),
    ];
    let p = plan_of(&current, &desired.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        kinds(&p),
        [
            StepKind::DeleteFirst,
            StepKind::UpdateWorkspace,
            StepKind::AssignApproverRole,
            StepKind::SetRule,
            StepKind::ProvisionNetwork,
            StepKind::CreateEndpoint,
            StepKind::CreateDeployment
        ]
    );
    assert!(p.steps[0].bash.contains("az ml online-endpoint delete --name ep-plan"));
    assert!(p.steps[0].title.contains("online endpoint `ep-plan`"));
    assert!(p.steps[6].bash.contains("--all-traffic"));
    assert_eq!(codes(&p), [(MIGRATION, Severity::Warning)]);
    assert!(p.python.contains("load_online_endpoint(source=io.StringIO("));
}

#[test]
fn steps_follow_the_documented_order() {
    // Everything at once: the kinds must never go backwards.
    let spark = PE_RULE.replace("spark_enabled: false", "spark_enabled: true").replace("datalake", "lake2");
    let current = [workspace("allow_internet_outbound", PE_RULE), "name: ep-plan\nauth_mode: key\n".to_owned(), DEPLOYMENT.to_owned()];
    let desired = [
        format!("{}public_network_access: Disabled\n", workspace("allow_only_approved_outbound", &format!("{spark}{FQDN_RULE}"))),
        "name: ep-plan\nauth_mode: key\npublic_network_access: disabled\n".to_owned(),
        format!("{DEPLOYMENT}egress_public_network_access: disabled\n"),
        DEPLOYMENT.replace("blue", "green"),
    ];
    let p = plan_of(&current.iter().map(String::as_str).collect::<Vec<_>>(), &desired.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        kinds(&p),
        [
            StepKind::UpdateWorkspace,
            StepKind::RemoveRule,
            StepKind::AssignApproverRole,
            StepKind::SetRule,
            StepKind::SetRule,
            StepKind::ProvisionNetwork,
            StepKind::UpdateEndpoint,
            StepKind::RecreateDeployment,
            StepKind::CreateDeployment
        ]
    );
    assert!(kinds(&p).windows(2).all(|w| w[0] <= w[1]));
    let text = p.render_text();
    let first_step = text.find("  1. ").expect("numbered steps");
    assert!(text.find("warning[").expect("warnings") < first_step, "warnings come first");
    assert!(text.find("#!/usr/bin/env bash").expect("bash") > first_step);
}

#[test]
fn show_json_reads_without_noise_and_keeps_only_user_rules() {
    for (file, mode, rules) in [
        ("show-aoao.json", IsolationMode::AllowOnlyApprovedOutbound, &["pypi", "monitor", "datalake"][..]),
        ("show-aio.json", IsolationMode::AllowInternetOutbound, &["datalake"][..]),
        ("show-disabled.json", IsolationMode::Disabled, &[][..]),
    ] {
        let current = read_current(&[SourceFile::new(file, show(file))]);
        assert!(current.diagnostics.is_empty(), "{file}: {:?}", current.diagnostics);
        assert_eq!(current.config.isolation_mode(), Some(mode), "{file}");
        assert_eq!(current.config.rules().iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), rules, "{file}");
    }
    // Minified JSON, tab indentation and `null` for unset values read the same.
    let minified: String = show("show-aoao.json").lines().map(str::trim).collect();
    let tabs = show("show-aoao.json").replace("  ", "\t").replace("\"description\": \"\"", "\"description\": null");
    for text in [minified, tabs] {
        let current = read_current(&[SourceFile::new("show.json", text.as_str())]);
        assert!(current.diagnostics.is_empty(), "{:?}", current.diagnostics);
        assert_eq!(current.config.rules().len(), 3);
    }
    // The YAML a person would write for the same state plans to nothing; `__SYS_*` rules are never removed.
    let desired = "name: ws-contoso
image_build_compute: image-builder
public_network_access: Disabled
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
  - name: monitor
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: '443'
  - name: datalake
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/sadatalake01
      subresource_target: dfs
      spark_enabled: false
";
    let p = plan_of(&[&show("show-aoao.json")], &[desired]);
    assert!(p.is_empty() && p.warnings.is_empty(), "{}", p.render_text());
    let p = plan_of(&[&show("show-aoao.json")], &["name: ws-contoso\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n"]);
    assert!(p.steps.iter().all(|s| s.kind == StepKind::RemoveRule && !s.title.contains("__SYS")), "{:?}", kinds(&p));
    assert_eq!(p.steps.len(), 3);
    // AIO → AOAO from show output: the warning about the contested transition, one update.
    let p = plan_of(&[&show("show-aio.json")], &["name: ws-research\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n  - name: datalake\n    type: private_endpoint\n    destination:\n      service_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/sadatalake01\n      subresource_target: blob\n      spark_enabled: true\n"]);
    assert_eq!(kinds(&p), [StepKind::UpdateWorkspace]);
}

#[test]
fn plan_from_configs_built_in_code() {
    // `plan` works on models without sources: warnings name the default export files.
    let current = analyze(&[SourceFile::new("c.yml", "name: ws-plan\npublic_network_access: Enabled\n")], Default::default()).config;
    let desired = analyze(&[SourceFile::new("d.yml", "name: ws-plan\npublic_network_access: Disabled\n")], Default::default()).config;
    let p = plan(&current, &desired);
    assert_eq!(p.warnings[0].file.as_deref(), Some("workspace.yml"));
    assert_eq!(p.warnings[0].range, None);
}

const HOSTILE: &[&str] = &["x'; rm -rf / #", "$(id)`id`", "a\"b\\c", "line\nbreak", "é€😀", "-rf", "\u{2028}"];

/// Plans with hostile names and destinations in every generated position.
fn hostile_plans() -> Vec<ChangePlan> {
    let mut plans = Vec::new();
    for h in HOSTILE {
        let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\u{2028}', "\\L"));
        let ws = |rules: &str, pna: &str| {
            format!("name: {}\npublic_network_access: {pna}\nimage_build_compute: b\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n{rules}", q(h))
        };
        let rule = |name: &str, dest: &str| format!("  - name: {}\n    type: fqdn\n    destination: {}\n", q(name), q(dest));
        let current = [
            ws(&rule(&format!("{h}-old"), h), "Enabled"),
            format!("name: {}\nauth_mode: key\n", q(h)),
            format!("name: {}\nendpoint_name: {}\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2\ntraffic: 1\n", q(h), q(h))
                .replace("traffic: 1\n", ""),
        ];
        let desired = [
            ws(&rule(h, &format!("{h}.example.com")), "Disabled"),
            format!("name: {}\nauth_mode: key\npublic_network_access: disabled\n", q(h)),
            format!(
                "name: {}\nendpoint_name: {}\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2\negress_public_network_access: disabled\n",
                q(h),
                q(h)
            ),
            format!("name: {}\nendpoint_name: {}\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2\n", q(&format!("{h}2")), q(h)),
        ];
        let current = read_current(&current.iter().enumerate().map(|(i, t)| SourceFile::new(format!("c{i}"), t.as_str())).collect::<Vec<_>>());
        let files: Vec<SourceFile> = desired.iter().enumerate().map(|(i, t)| SourceFile::new(format!("d{i}"), t.as_str())).collect();
        let analysis = analyze(&files, current.context(&amlnet_core::Context::default()));
        let p = plan(&current.config, &analysis.config);
        assert!(p.steps.len() >= 5, "{h:?}: {:?}", kinds(&p));
        plans.push(p);
    }
    let spark = PE_RULE.replace("spark_enabled: false", "spark_enabled: true");
    plans.push(plan_of(
        &["name: ws-plan\nimage_build_compute: b\n", "name: ep-plan\nauth_mode: key\n"],
        &[&workspace("allow_internet_outbound", &spark), DEPLOYMENT],
    ));
    plans.push(plan_of(&[&workspace("allow_only_approved_outbound", "")], &[&workspace("allow_only_approved_outbound", "")]));
    plans
}

#[test]
fn generated_bash_parses_and_passes_shellcheck() {
    let dir = std::env::temp_dir().join(format!("amlnet-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let shellcheck = support::tools::shellcheck("shellcheck of the generated plan scripts");
    for (i, p) in hostile_plans().iter().enumerate() {
        let path = dir.join(format!("plan-{i}.sh"));
        std::fs::write(&path, &p.bash).expect("write");
        let out = Command::new("bash").arg("-n").arg(&path).output().expect("bash");
        assert!(out.status.success(), "bash -n: {}\n{}", String::from_utf8_lossy(&out.stderr), p.bash);
        if shellcheck {
            // SC2016 (info) notes that `$(id)` in single quotes stays literal, which is the point for the
            // hostile names; the plans with ordinary names are checked without exclusions.
            let exclude: &[&str] = if i < HOSTILE.len() { &["-e", "SC2016"] } else { &[] };
            let out = Command::new("shellcheck").args(exclude).arg(&path).output().expect("shellcheck");
            assert!(out.status.success(), "shellcheck: {}\n{}", String::from_utf8_lossy(&out.stdout), p.bash);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generated_python_compiles_and_is_ascii_in_strings() {
    let plans = hostile_plans();
    if !support::tools::python("compiling the generated plan scripts") {
        return;
    }
    let mut child = Command::new("python3")
        .args(["-c", "import json, sys\nfor i, src in enumerate(json.load(sys.stdin)):\n    compile(src, f'plan-{i}.py', 'exec')\nprint('ok')"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3");
    let sources: Vec<&str> = plans.iter().map(|p| p.python.as_str()).collect();
    child.stdin.take().expect("stdin").write_all(serde_json::to_string(&sources).expect("json").as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for p in &plans {
        // Every statement line (not comments) is ASCII: user text goes through `py_str`.
        for line in p.python.lines().filter(|l| !l.trim_start().starts_with('#')) {
            assert!(line.is_ascii(), "{line}");
        }
    }
}

#[test]
fn plans_serialize() {
    let plans = hostile_plans();
    let json = serde_json::to_value(amlnet_core::report::Plan::from(&plans[0])).expect("json");
    assert_eq!(json["steps"][0]["kind"], "update_workspace");
    assert!(json["warnings"].as_array().is_some_and(|w| !w.is_empty()));
}

/// A plan does not depend on the order of the keys of either side: every conformance case and the demo,
/// planned from and to each other with one side's keys reversed, give the plan of the documents as written.
#[test]
fn plans_do_not_depend_on_key_order() {
    let mut configs = vec![("demo".to_owned(), amlnet_core::demo::demo_config())];
    for case in support::cases::conformance_cases() {
        configs.push((case.name, analyze(&case.files, case.context).config));
    }
    for (a_name, a) in &configs {
        let current = read_current(&support::order::documents(a));
        let current_reversed = read_current(&support::order::reversed_documents(a)).config;
        assert_eq!(current_reversed, current.config, "{a_name}: the current state depends on the order of the keys");
        for (b_name, b) in &configs {
            let desired = analyze(&support::order::documents(b), current.context(&amlnet_core::Context::default())).config;
            let desired_reversed = analyze(&support::order::reversed_documents(b), current.context(&amlnet_core::Context::default())).config;
            assert_eq!(plan(&current_reversed, &desired_reversed), plan(&current.config, &desired), "{a_name} -> {b_name}");
        }
    }
}

#[test]
fn hostile_names_reach_az_as_exact_arguments() {
    let dir = std::env::temp_dir().join(format!("amlnet-plan-run-{}", std::process::id()));
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("dir");
    // A stub `az` that records its arguments (NUL-separated, one record per call) and prints nothing.
    let stub = bin.join("az");
    std::fs::write(&stub, "#!/usr/bin/env bash\nprintf '%s\\0' \"$@\" >> \"$AZ_LOG\"\nprintf 'END\\0' >> \"$AZ_LOG\"\n").expect("stub");
    let _ = Command::new("chmod").arg("+x").arg(&stub).status();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    for (h, p) in HOSTILE.iter().zip(hostile_plans()) {
        let log = dir.join("az.log");
        let _ = std::fs::remove_file(&log);
        let script = dir.join("plan.sh");
        std::fs::write(&script, &p.bash).expect("script");
        let mut bash = Command::new("bash");
        if h.trim().is_empty() {
            // A blank name is no default: the script asks for WORKSPACE_NAME (as the exports do).
            bash.env("WORKSPACE_NAME", h);
        }
        let out = bash
            .arg(&script)
            .current_dir(&dir)
            .env("PATH", &path)
            .env("AZ_LOG", &log)
            .env("SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000000")
            .env("RESOURCE_GROUP", "rg")
            .output()
            .expect("bash");
        assert!(out.status.success(), "{h:?}: {}", String::from_utf8_lossy(&out.stderr));
        let log = std::fs::read(&log).expect("log");
        let calls: Vec<Vec<String>> = log
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect::<Vec<_>>()
            .split(|a| a == "END")
            .filter(|c| !c.is_empty())
            .map(<[String]>::to_vec)
            .collect();
        let find = |verb: &[&str], flag: &str| -> Vec<String> {
            calls
                .iter()
                .filter(|c| c.len() > verb.len() && c[..verb.len()].iter().zip(verb).all(|(a, b)| a == b))
                .filter_map(|c| c.iter().position(|a| a == flag).and_then(|i| c.get(i + 1)).cloned())
                .collect()
        };
        assert_eq!(find(&["ml", "workspace", "outbound-rule", "set"], "--rule"), [h.to_string()]);
        assert_eq!(find(&["ml", "workspace", "outbound-rule", "set"], "--destination"), [format!("{h}.example.com")]);
        assert_eq!(find(&["ml", "workspace", "outbound-rule", "remove"], "--rule"), [format!("{h}-old")]);
        assert_eq!(find(&["ml", "online-endpoint", "update"], "--name"), [h.to_string()]);
        assert_eq!(find(&["ml", "online-deployment", "delete"], "--endpoint-name"), [h.to_string()]);
        assert_eq!(find(&["ml", "workspace", "update"], "--name"), [h.to_string()], "WORKSPACE_NAME keeps the name");
        // The deployment documents written by the here-documents hold the names as YAML strings.
        let files = find(&["ml", "online-deployment", "create"], "--file");
        assert_eq!(files.len(), 2, "{calls:?}");
        for f in files {
            assert!(dir.join(&f).is_file(), "{f}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn endpoint_and_deployment_show_json() {
    let current = [show("show-aoao.json"), show("show-endpoint.json"), show("show-deployment.json")];
    let read = read_current(&current.iter().enumerate().map(|(i, t)| SourceFile::new(format!("show-{i}.json"), t.as_str())).collect::<Vec<_>>());
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    assert_eq!(read.config.endpoint.as_ref().map(|e| e.name.as_str()), Some("ep-contoso"));
    assert_eq!(read.config.deployments.len(), 1);
    // Close the endpoint and move the deployment to legacy egress isolation.
    let endpoint = "name: ep-contoso\nauth_mode: key\npublic_network_access: disabled\n";
    let deployment = "name: blue\nendpoint_name: ep-contoso\nmodel: azureml:contoso-model:1\ninstance_type: Standard_DS3_v2\ninstance_count: 1\negress_public_network_access: disabled\n";
    let p = plan_of(&[&current[0], &current[1], &current[2]], &[endpoint, deployment]);
    assert_eq!(kinds(&p), [StepKind::UpdateEndpoint, StepKind::RecreateDeployment]);
    // The endpoint sends all its traffic to `blue`: it is moved away before the delete and back after.
    assert!(p.steps[1].bash.contains("--traffic blue=0") && p.steps[1].bash.contains("--all-traffic"), "{}", p.steps[1].bash);
}

#[test]
fn a_plan_between_two_workspaces_is_refused() {
    let p = plan_of(&[&show("show-aoao.json")], &["name: ws-other\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n"]);
    assert!(p.is_empty() && p.has_errors());
    assert_eq!(codes(&p), [("current-state-mismatch", Severity::Error)]);
}

/// Every fixture and example file (valid or not) as the current state and as the desired document.
#[test]
fn any_document_plans_and_summarizes_without_panic() {
    let mut files: Vec<SourceFile> = ["tests/fixtures", "tests/examples", "tests/plan"]
        .iter()
        .flat_map(|dir| support::cases::documents_under(&repo().join(dir)))
        .map(|p| support::cases::source_file(&p))
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(files.len() > 100);
    let demo = amlnet_core::demo::demo_config();
    for file in &files {
        let current = read_current(std::slice::from_ref(file));
        let desired = analyze(std::slice::from_ref(file), current.context(&amlnet_core::Context::default())).config;
        for (a, b) in [(&current.config, &desired), (&demo, &desired), (&current.config, &demo)] {
            let _ = plan(a, b).render_text();
        }
        let _ = amlnet_core::summary::summarize(&desired).render_text();
    }
}

#[test]
fn inbound_private_endpoints_are_a_step_after_provisioning() {
    let current = read_current(&[SourceFile::new("current.yml", workspace("allow_only_approved_outbound", ""))]);
    let mut given = Context::default();
    given
        .networking
        .inbound_private_endpoints
        .push(amlnet_core::model::InboundPrivateEndpoint { subnet: "corp-vnet/pe".to_owned(), ..Default::default() });
    let desired = analyze(&[SourceFile::new("workspace.yml", workspace("allow_only_approved_outbound", PE_RULE))], current.context(&given));
    let p = plan_with_sources(&current.config, &desired.config, &desired.sources);
    assert_eq!(kinds(&p), [StepKind::AssignApproverRole, StepKind::SetRule, StepKind::CreateInboundEndpoint]);
    let inbound = &p.steps[2];
    assert!(inbound.bash.contains("az network private-endpoint create") && inbound.bash.contains("--group-id amlworkspace"), "{}", inbound.bash);
    assert!(inbound.python.contains("PrivateEndpoint(") && inbound.python.contains("private_dns_zone_groups"), "{}", inbound.python);
    // The plan's Python is one valid script: the step's imports and statements sit inside main().
    assert!(p.python.contains("    from azure.mgmt.network import NetworkManagementClient\n"));
}
