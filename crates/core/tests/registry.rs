//! Every diagnostic amlnet emits comes from the registry: its code is registered, documented and has a
//! stage. Run over every YAML file the repository holds (fixtures, examples, the real corpus, conformance
//! and plan inputs), each read alone, as a workspace update, and with every export's notes.

use amlnet_core::model::Operation;
use amlnet_core::{analyze, rules, Context, ExportFormat, SourceFile};
use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("yml" | "yaml" | "json")) {
            out.push(p);
        }
    }
}

#[test]
fn every_emitted_code_is_registered_and_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "tests/examples", "tests/corpus", "tests/conformance/cases", "tests/plan"] {
        yaml_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 150, "found only {} input files", files.len());
    let mut seen = std::collections::BTreeSet::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let file = SourceFile::from_bytes(path.to_string_lossy(), &bytes);
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
