//! Fuzz target: any bytes through import → validate → export (all formats) → re-import of our YAML,
//! and as the current state and as the desired documents of a change plan, and into a summary.
//! Invariants: no panic; our own YAML export always reads back without syntax or typing diagnostics.
#![no_main]

use amlnet_core::{analyze, export, Context, ExportFormat, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile::from_bytes("fuzz.yml", data);
    let analysis = analyze(std::slice::from_ref(&file), Context::default());
    let current = amlnet_core::plan::read_current(std::slice::from_ref(&file));
    let demo = amlnet_core::demo::demo_config();
    let _ = amlnet_core::plan::plan(&current.config, &analysis.config).render_text();
    let _ = amlnet_core::plan::plan(&demo, &analysis.config);
    let _ = amlnet_core::plan::plan(&current.config, &demo);
    let _ = amlnet_core::summary::summarize(&analysis.config).render_text();
    for format in ExportFormat::ALL {
        let _ = export(&analysis.config, format);
    }
    let files: Vec<SourceFile> = export(&analysis.config, ExportFormat::Yaml).into_iter().map(|f| SourceFile::new(f.path, f.contents)).collect();
    let again = analyze(&files, Context::default());
    for d in &again.diagnostics {
        assert!(
            !matches!(d.code, "yaml-syntax-error" | "unquoted-value-not-a-string" | "yaml-unsupported-tag" | "duplicate-key"),
            "our own YAML does not read back cleanly: {d:?}\n{:#?}",
            files
        );
    }
});
