//! Organization policies end to end: a broken or hostile policy file is an error and never allows
//! silently, violations refuse exports like any error, and `severity: warning` sections do not.

use amlnet_core::policy::{read, read_text};
use amlnet_core::{analyze, Context, ExportFormat, Severity, SourceFile};

const WORKSPACE: &str = "name: ws-contoso\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n";

fn analysis_with(policy: &str) -> amlnet_core::Analysis {
    let mut analysis = analyze(&[SourceFile::new("workspace.yml", WORKSPACE)], Context::default());
    analysis.apply_policy(&read_text("policy.yml", policy));
    analysis
}

#[test]
fn a_violation_refuses_the_export_and_a_warning_section_does_not() {
    let strict = analysis_with("version: 1\nworkspace:\n  isolation_modes: [allow_only_approved_outbound]\n");
    let refused = strict.export_checked(ExportFormat::Cli, false).expect_err("refused");
    assert_eq!(refused.errors.iter().map(|d| d.code).collect::<Vec<_>>(), ["policy-isolation-mode-forbidden"]);
    let d = &refused.errors[0];
    assert_eq!((d.file.as_deref(), d.path.as_str(), d.range.map(|r| r.line)), (Some("workspace.yml"), "managed_network.isolation_mode", Some(3)));
    assert!(d.message.contains("policy.yml:3"), "{}", d.message);
    assert!(strict.export_checked(ExportFormat::Cli, true).is_ok(), "--force still exports");

    let lenient = analysis_with("version: 1\nworkspace:\n  severity: warning\n  isolation_modes: [allow_only_approved_outbound]\n");
    assert_eq!(
        lenient.diagnostics.iter().map(|d| (d.code, d.severity)).collect::<Vec<_>>(),
        [("policy-isolation-mode-forbidden", Severity::Warning)]
    );
    assert!(lenient.export_checked(ExportFormat::Cli, false).is_ok());
}

#[test]
fn a_broken_policy_fails_the_check() {
    for policy in [
        "",
        "version: 1\nworkspace:\n  isolation_mode: [allow_only_approved_outbound]\n",
        "version: 1\nworkspace: [oops]\n",
        "version: 1\noutbound_rules:\n  fqdns: {allow: ['*pypi.org']}\n",
        "version: 1\noutbound_rules:\n  service_tags: {allow: [Storage], deny: [Internet]}\n",
        "workspace: {}\n",
        "version: 1\nname: [",
        "version: 1\n---\nversion: 1\n",
    ] {
        let analysis = analysis_with(policy);
        assert!(analysis.has_errors(), "{policy:?} passes");
        assert!(analysis.diagnostics.iter().any(|d| d.file.as_deref() == Some("policy.yml") && d.is_error()), "{policy:?}");
        assert!(analysis.export_checked(ExportFormat::Yaml, false).is_err());
    }
}

#[test]
fn hostile_policy_files_are_bounded() {
    let deep = format!("version: 1\nworkspace: {}{}\n", "[".repeat(1000), "]".repeat(1000));
    let mut bomb = String::from("version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..8 {
        bomb.push_str(&format!("b{i}: &b{i} [{}]\n", vec![if i == 0 { "*a".to_owned() } else { format!("*b{}", i - 1) }; 10].join(", ")));
    }
    let huge = "#".repeat(amlnet_core::syntax::MAX_INPUT_BYTES + 1);
    for text in [deep, bomb, huge, "version: !!python/object:os.system 1\n".to_owned(), "\u{0}\u{1}\u{feff}".to_owned()] {
        let reading = read_text("policy.yml", &text);
        assert!(reading.has_errors(), "{:?} reads without an error", &text[..text.len().min(60)]);
    }
    let not_utf8 = read(&SourceFile::from_bytes("policy.yml", b"version: 1\nname: \xff\n"));
    assert_eq!(not_utf8.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), ["input-not-utf8"]);
}

#[test]
fn any_bytes_read_without_panic() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let alphabet = b"version: 1\nworkspace outbound_rules fqdns allow deny [ ] { } - * . , : ' \" & * ! ? # max 5";
    for _ in 0..2000 {
        let len = usize::try_from(seed % 120).unwrap_or(0);
        let mut text = Vec::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push(alphabet[usize::try_from(seed % alphabet.len() as u64).unwrap_or(0)]);
        }
        let reading = read(&SourceFile::from_bytes("policy.yml", &text));
        let _ = reading.policy.check(&amlnet_core::demo::demo_config());
    }
}
