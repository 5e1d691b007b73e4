//! Property tests: random valid configurations (with hostile free text) survive export → import
//! unchanged, exports are deterministic, and import → export → import is a fixed point for the examples.

mod support {
    pub(crate) mod random;
}

use amlnet_core::model::Config;
use amlnet_core::{analyze, export, Context, ExportFormat, Severity, SourceFile};
use support::random::{random_config, Rng};

fn reimport(config: &Config) -> (Config, Vec<amlnet_core::Diagnostic>) {
    let files: Vec<SourceFile> = export(config, ExportFormat::Yaml).into_iter().map(|f| SourceFile::new(f.path, f.contents)).collect();
    let analysis = analyze(&files, config.context.clone());
    (analysis.config, analysis.diagnostics)
}

#[test]
fn random_configs_round_trip_through_yaml() {
    let mut rng = Rng(0xa1b2_c3d4_e5f6_0718);
    for i in 0..500 {
        let config = random_config(&mut rng);
        let (back, diagnostics) = reimport(&config);
        assert_eq!(back, config, "case {i}: the model changed through YAML");
        let reading: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.code.contains("yaml") || d.code == "unquoted-value-not-a-string" || d.code == "wrong-value-type")
            .collect();
        assert!(reading.is_empty(), "case {i}: our own YAML reads with problems: {reading:?}");
        for format in ExportFormat::ALL {
            assert_eq!(export(&config, format), export(&config, format), "case {i}: {format:?} export is not deterministic");
        }
    }
}

#[test]
fn examples_reach_a_fixed_point() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/conformance/cases");
    let mut n = 0;
    for case in std::fs::read_dir(dir).expect("cases") {
        let input = case.expect("case").path().join("input");
        let files: Vec<SourceFile> = std::fs::read_dir(&input)
            .expect("input")
            .map(|e| {
                let p = e.expect("entry").path();
                SourceFile::from_bytes(p.display().to_string(), &std::fs::read(&p).expect("read"))
            })
            .collect();
        let first = analyze(&files, Context::default());
        let (second, _) = reimport(&first.config);
        assert_eq!(second, first.config, "{}", input.display());
        let (third, _) = reimport(&second);
        assert_eq!(export(&third, ExportFormat::Yaml), export(&second, ExportFormat::Yaml));
        n += 1;
    }
    assert!(n >= 5);
}

#[test]
fn demo_is_clean() {
    let files: Vec<SourceFile> = amlnet_core::demo::DEMO_FILES.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    let analysis = analyze(&files, amlnet_core::demo::demo_context());
    let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
