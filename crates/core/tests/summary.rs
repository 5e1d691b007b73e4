//! Cost and security summaries: snapshots of the text rendering for the demo, every conformance case
//! input (`tests/conformance/cases/*/input`) and edge cases: insta snapshots in
//! `crates/core/tests/snapshots/summary/`. Review a change with `cargo insta review`, or write them with
//! `INSTA_UPDATE=always` (or `UPDATE_SNAPSHOTS=1`).

mod support {
    pub(crate) mod cases;
    pub(crate) mod order;
}

use amlnet_core::summary::{summarize, Summary, Tone};
use amlnet_core::{analyze, Context, SourceFile};
use std::path::Path;
use support::cases::conformance_cases;

fn summary_of(files: &[(String, String)]) -> Summary {
    summary_in(files, Context::default())
}

/// The summary of files checked in a context (a conformance case's `case.json`, the demo's context).
fn summary_in(files: &[(String, String)], context: Context) -> Summary {
    let sources: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(n.clone(), t.clone())).collect();
    let analysis = analyze(&sources, context);
    summarize(&analysis.config)
}

/// Edge cases: `(name, files)`.
fn edge_cases() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        ("edge-disabled", vec![("workspace.yml", "name: ws-open\n")]),
        ("edge-aio-no-rules", vec![("workspace.yml", "name: ws-aio\npublic_network_access: Enabled\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n")]),
        (
            "edge-aoao-no-rules",
            vec![("workspace.yml", "name: ws-locked\npublic_network_access: Disabled\nimage_build_compute: b\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n")],
        ),
        (
            "edge-aoao-broad-rules",
            vec![(
                "workspace.yml",
                "name: ws-leaky
image_build_compute: b
network_acls:
  default_action: Deny
  ip_rules:
  - value: 203.0.113.0/24
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: cloud
    type: service_tag
    destination:
      service_tag: AzureCloud
      protocol: TCP
      port_ranges: '443'
  - name: internet
    type: service_tag
    destination:
      service_tag: Internet
      protocol: '*'
      port_ranges: '*'
  - name: storage-eastus
    type: service_tag
    destination:
      service_tag: Storage.EastUS
      protocol: TCP
      port_ranges: '443'
  - name: onprem
    type: service_tag
    destination:
      service_tag: VirtualNetwork
      protocol: TCP
      port_ranges: '1433'
      address_prefixes: ['10.0.0.0/8']
  - name: anything-github
    type: fqdn
    destination: '*.github.com'
  - name: unknown-target
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/sites/app1
      subresource_target: sites
      spark_enabled: false
",
            )],
        ),
        (
            "edge-endpoint-only",
            vec![
                ("endpoint.yml", "name: ep-public\nauth_mode: key\n"),
                ("deployment.yml", "name: blue\nendpoint_name: ep-public\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2\negress_public_network_access: disabled\n"),
            ],
        ),
        (
            "edge-managed-with-legacy-egress",
            vec![
                ("workspace.yml", "name: ws-mixed\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n"),
                ("endpoint.yml", "name: ep-mixed\nauth_mode: key\npublic_network_access: enabled\n"),
                ("deployment.yml", "name: blue\nendpoint_name: ep-mixed\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2\negress_public_network_access: enabled\n"),
            ],
        ),
    ]
}

/// A named input: its files and the context they are checked in.
type Input = (String, Vec<(String, String)>, Context);

fn all_inputs() -> Vec<Input> {
    let demo = amlnet_core::demo::DEMO_FILES.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect::<Vec<_>>();
    let mut out = vec![("demo".to_owned(), demo, amlnet_core::demo::demo_context())];
    for case in conformance_cases() {
        out.push((format!("case-{}", case.name), case.files.into_iter().map(|f| (f.name, f.text)).collect(), case.context));
    }
    for (name, files) in edge_cases() {
        out.push((name.to_owned(), files.into_iter().map(|(n, t)| (n.to_owned(), t.to_owned())).collect(), Context::default()));
    }
    out
}

#[test]
fn summaries_match_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/summary");
    let inputs = all_inputs();
    assert!(inputs.len() >= 12, "demo, the conformance cases and the edge cases");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    // The older switch of this suite: write the snapshots without review.
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() && std::env::var_os("INSTA_UPDATE").is_none() {
        std::env::set_var("INSTA_UPDATE", "always");
    }
    settings.bind(|| {
        for (name, files, context) in inputs {
            insta::assert_snapshot!(name, summary_in(&files, context).render_text());
        }
    });
}

#[test]
fn structured_facts() {
    let demo = summary_of(&amlnet_core::demo::DEMO_FILES.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect::<Vec<_>>());
    assert!(demo.exfiltration_protection);
    assert_eq!(demo.exfiltration_weakened_by, ["datalake-dfs", "azure-monitor", "pypi", "pythonhosted"]);
    assert_eq!(demo.sections.iter().map(|s| s.id).collect::<Vec<_>>(), ["outbound", "exfiltration", "billed", "inbound"]);
    assert!(demo.billed.iter().any(|b| b.kind == "azure_firewall" && b.what == "Basic SKU"));
    assert!(demo.outbound_paths.iter().any(|p| p.kind == "private_endpoint" && p.target == "Storage account contosodatalake (dfs)"));
    assert_eq!(demo.billed.iter().filter(|b| b.kind == "private_endpoint").map(|b| b.count).sum::<u32>(), 5 + 2);

    let edge = edge_cases();
    let files = |name: &str| -> Vec<(String, String)> {
        edge.iter().find(|(n, _)| *n == name).map(|(_, f)| f.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()).expect("case")
    };
    let open = summary_of(&files("edge-disabled"));
    assert!(!open.exfiltration_protection);
    assert!(open.billed.is_empty());
    assert_eq!(open.outbound_paths[0].kind, "internet");
    let leaky = summary_of(&files("edge-aoao-broad-rules"));
    // Service tags Internet and AzureCloud reach any destination: approved outbound protects nothing then.
    assert!(!leaky.exfiltration_protection);
    assert!(leaky.outbound_paths.iter().any(|p| p.kind == "internet" && p.rule.as_deref() == Some("cloud")));
    let outbound = leaky.sections.iter().find(|s| s.id == "outbound").expect("outbound");
    assert!(
        outbound.lines[0].text.starts_with("Internet: open through rules `cloud` (service tag AzureCloud) and `internet`"),
        "{}",
        outbound.lines[0].text
    );
    let risks = leaky.sections.iter().find(|s| s.id == "exfiltration").map(|s| s.lines.iter().filter(|l| l.tone == Tone::Risk).count());
    assert_eq!(risks, Some(6), "does not hold, AzureCloud, Internet, Storage.EastUS, address prefixes, the wildcard");
    let locked = summary_of(&files("edge-aoao-no-rules"));
    assert!(locked.exfiltration_weakened_by.is_empty());
    assert!(locked.billed.iter().all(|b| b.kind != "azure_firewall"));
    let endpoint_only = summary_of(&files("edge-endpoint-only"));
    assert_eq!(
        endpoint_only.inbound.iter().map(|i| (i.scope, i.public_network_access)).collect::<Vec<_>>(),
        [("endpoint", "unset"), ("deployment", "disabled")]
    );
}

#[test]
fn summaries_do_not_depend_on_key_order_and_never_panic_on_odd_models() {
    for (name, files, _) in all_inputs() {
        let sources: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(n.clone(), t.clone())).collect();
        let config = analyze(&sources, Context::default()).config;
        let reversed = analyze(&support::order::reversed_documents(&config), Context::default()).config;
        assert_eq!(summarize(&reversed), summary_of(&files), "{name}: the summary depends on the order of the keys");
    }
    // Broken documents still summarize what was read.
    let odd = [("w.yml".to_owned(), "name: [1]\nmanaged_network:\n  outbound_rules: {a: 1}\n".to_owned())];
    let _ = summary_of(&odd).render_text();
    let _ = summarize(&amlnet_core::Config::default()).render_text();
    // Names with line breaks stay on their line in the text.
    let text = summary_of(&[("w.yml".to_owned(), "name: \"a\\nb\"\npublic_network_access: Enabled\n".to_owned())]).render_text();
    assert!(text.contains("workspace `a b`"), "{text}");
}
