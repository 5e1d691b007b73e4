//! Round trips: random valid configurations (with hostile free text) survive export → import unchanged
//! and read the same whatever the order of their keys; import → export → import is a fixed point for
//! the conformance cases. (The proptest properties are in `tests/properties.rs`.)

mod support {
    pub(crate) mod cases;
    pub(crate) mod order;
    pub(crate) mod random;
}

use amlnet_core::model::Config;
use amlnet_core::{analyze, export, ExportFormat, Severity};
use support::order::{documents, findings, reversed_documents};
use support::random::{random_config, Rng};

fn reimport(config: &Config) -> (Config, Vec<amlnet_core::Diagnostic>) {
    let analysis = analyze(&documents(config), config.context.clone());
    (analysis.config, analysis.diagnostics)
}

#[test]
fn random_configs_round_trip_through_yaml() {
    let mut rng = Rng(0xa1b2_c3d4_e5f6_0718);
    let mut reordered = 0;
    for i in 0..500 {
        let config = random_config(&mut rng);
        let (back, diagnostics) = reimport(&config);
        assert_eq!(back, config, "case {i}: the model changed through YAML");
        let reading: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.code.contains("yaml") || d.code == "unquoted-value-not-a-string" || d.code == "wrong-value-type")
            .collect();
        assert!(reading.is_empty(), "case {i}: our own YAML reads with problems: {reading:?}");
        // The same documents with every mapping's keys reversed: the same model, the same findings,
        // hence the same exports.
        let reversed_files = reversed_documents(&config);
        reordered += usize::from(reversed_files != documents(&config));
        let reversed = analyze(&reversed_files, config.context.clone());
        assert_eq!(reversed.config, config, "case {i}: the model depends on the order of the keys");
        assert_eq!(findings(&reversed.diagnostics), findings(&diagnostics), "case {i}: the findings depend on the order of the keys");
        for format in ExportFormat::ALL {
            assert_eq!(export(&reversed.config, format), export(&config, format), "case {i}: {format:?}");
        }
    }
    assert!(reordered > 450, "only {reordered} of 500 inputs changed when their keys were reversed");
}

#[test]
fn conformance_cases_reach_a_fixed_point() {
    let cases = support::cases::conformance_cases();
    assert!(cases.len() >= 5);
    for case in cases {
        let first = analyze(&case.files, case.context.clone());
        let (second, _) = reimport(&first.config);
        assert_eq!(second, first.config, "{}", case.name);
        let (third, _) = reimport(&second);
        assert_eq!(export(&third, ExportFormat::Yaml), export(&second, ExportFormat::Yaml), "{}", case.name);
        // Read with its keys reversed, each case is the same configuration with the same findings.
        let reversed = analyze(&reversed_documents(&first.config), first.config.context.clone());
        assert_eq!(reversed.config, second, "{}: the model depends on the order of the keys", case.name);
    }
}

#[test]
fn demo_is_clean() {
    let files: Vec<_> = amlnet_core::demo::DEMO_FILES.iter().map(|(n, t)| amlnet_core::SourceFile::new(*n, *t)).collect();
    let analysis = analyze(&files, amlnet_core::demo::demo_context());
    let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
