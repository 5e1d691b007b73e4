//! The public example files (`tests/examples/`, each names its source) all import; the one azure-ai-ml
//! 1.35.2 rejects gets errors naming exactly the fields it rejects.

mod support {
    pub(crate) mod cases;
}

use amlnet_core::{analyze, Context, Severity, SourceFile};

fn check(name: &str) -> Vec<(String, &'static str, Severity)> {
    let file = SourceFile::from_bytes(name, &support::cases::read(&support::cases::repo_root().join("tests/examples").join(name)));
    analyze(&[file], Context::default()).diagnostics.into_iter().map(|d| (d.path, d.code, d.severity)).collect()
}

#[test]
fn the_rejected_example_names_exactly_the_rejected_fields() {
    let errors: Vec<_> = check("ws-mvnet-sdk-test-all-rule-types.yaml").into_iter().filter(|(_, _, s)| *s == Severity::Error).collect();
    let paths: Vec<&str> = errors.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["managed_network.outbound_rules[2].destination.data_import_enabled", "managed_network.outbound_rules[2].destination.pe_fqdn"],
        "{errors:#?}"
    );
    assert!(errors.iter().all(|(_, code, _)| *code == "unknown-key"));
}

#[test]
fn examples_the_sdk_accepts_have_no_reading_errors() {
    for name in [
        "ws-mvnet-allow-internet-outbound.yml",
        "ws-mvnet-allow-only-approved-outbound.yml",
        "ws-privatelink.yml",
        "endpoint-public-network-access-disabled.yml",
        "deployment-egress-disabled-legacy.yml",
        "ws-mvnet-firewallsku-appgw.yaml",
    ] {
        let diagnostics = check(name);
        // The SDK loads these; amlnet may be stricter only where the service is (e.g. `/someappgwid`
        // is not an ARM ID), never on the YAML shape.
        let shape_errors: Vec<_> = diagnostics
            .iter()
            .filter(|(_, code, s)| {
                *s == Severity::Error
                    && matches!(
                        *code,
                        "unknown-key" | "missing-required-key" | "wrong-value-type" | "unquoted-value-not-a-string" | "yaml-syntax-error"
                    )
            })
            .collect();
        assert!(shape_errors.is_empty(), "{name}: {shape_errors:#?}");
    }
}
