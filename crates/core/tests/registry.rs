//! Every diagnostic amlnet emits comes from the registry: its code is registered, documented and has a
//! stage. Run over every YAML file the repository holds (fixtures, examples, the real corpus, conformance
//! and plan inputs), each read alone, as a workspace update, and with every export's notes.

mod support {
    pub(crate) mod cases;
}

use amlnet_core::model::Operation;
use amlnet_core::{analyze, rules, Context, ExportFormat};
use support::cases::{documents_under, repo_root, source_file};

#[test]
fn every_emitted_code_is_registered_and_documented() {
    let root = repo_root();
    let files: Vec<_> = ["tests/fixtures", "tests/examples", "tests/corpus", "tests/conformance/cases", "tests/plan"]
        .iter()
        .flat_map(|dir| documents_under(&root.join(dir)))
        .collect();
    assert!(files.len() > 150, "found only {} input files", files.len());
    let mut seen = std::collections::BTreeSet::new();
    for path in &files {
        let file = source_file(path);
        for operation in [Operation::Create, Operation::Update] {
            let analysis = analyze(std::slice::from_ref(&file), Context { operation, ..Context::default() });
            let mut diagnostics = analysis.diagnostics.clone();
            for format in ExportFormat::ALL {
                diagnostics.extend(analysis.export_notes(format));
            }
            for d in diagnostics {
                let rule = rules::find(d.code).unwrap_or_else(|| panic!("{}: `{}` is not a registered code", path.display(), d.code));
                assert!(rules::stage(d.code).is_some(), "`{}` has no stage", d.code);
                assert!(!rule.summary.is_empty(), "`{}` has no summary", d.code);
                seen.insert(d.code);
            }
        }
    }
    // The docs are compiled in for this test (the `docs` feature is on by default).
    for rule in amlnet_core::RULES {
        assert!(rule.docs.contains("## What it catches"), "`{}` has no documentation", rule.code);
    }
    assert!(seen.len() > 40, "only {} codes were exercised: {seen:?}", seen.len());
}
