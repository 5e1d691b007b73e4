//! Writes conformance cases for `tests/conformance/conformance.py`: every hand-picked input set in
//! `tests/conformance/cases/` plus N generated random valid configurations with hostile values, each
//! exported in every format (YAML, az CLI, Python, ARM, Bicep, Terraform), one folder per format.
//!
//! Usage: `cargo run -p amlnet-core --example conformance_cases -- OUT_DIR [N] [SEED]`

#[path = "../tests/support/random.rs"]
mod random;

use amlnet_core::model::{Config, Context, Operation};
use amlnet_core::{analyze, export, ExportFormat, SourceFile};
use random::{random_config, Rng};
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = PathBuf::from(args.first().expect("usage: conformance_cases OUT_DIR [N] [SEED]"));
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0x5eed);
    let cases_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/cases");
    let mut written = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&cases_dir).expect("cases dir").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for dir in entries {
        let name = dir.file_name().and_then(|n| n.to_str()).expect("name").to_owned();
        let case_json: serde_json::Value =
            std::fs::read_to_string(dir.join("case.json")).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null);
        let context = Context {
            operation: if case_json["operation"] == "update" { Operation::Update } else { Operation::Create },
            subscription_id: case_json["subscription_id"].as_str().map(str::to_owned),
            resource_group: case_json["resource_group"].as_str().map(str::to_owned),
            ..Context::default()
        };
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir.join("input")).expect("input dir").map(|e| e.expect("entry").path()).collect();
        inputs.sort();
        let files: Vec<SourceFile> = inputs
            .iter()
            .map(|p| SourceFile::from_bytes(p.file_name().and_then(|n| n.to_str()).unwrap_or("x"), &std::fs::read(p).expect("read")))
            .collect();
        let analysis = analyze(&files, context);
        let case = out.join(&name);
        copy_dir(&dir.join("input"), &case.join("input"));
        if dir.join("case.json").exists() {
            std::fs::copy(dir.join("case.json"), case.join("case.json")).expect("copy case.json");
        }
        write_exports(&case, &analysis.config);
        written += 1;
    }
    let mut rng = Rng(seed);
    for i in 0..n {
        let config = random_config(&mut rng);
        let case = out.join(format!("random-{i:03}"));
        // The input is amlnet's own YAML; the scripts must build exactly what it loads to.
        std::fs::create_dir_all(case.join("input")).expect("mkdir");
        for file in export(&config, ExportFormat::Yaml) {
            std::fs::write(case.join("input").join(&file.path), &file.contents).expect("write input");
        }
        let case_json = serde_json::json!({
            "operation": if config.context.operation == Operation::Update { "update" } else { "create" },
            "subscription_id": config.context.subscription_id,
            "resource_group": config.context.resource_group,
        });
        std::fs::write(case.join("case.json"), serde_json::to_string_pretty(&case_json).expect("json")).expect("write case.json");
        write_exports(&case, &config);
        written += 1;
    }
    eprintln!("wrote {written} cases to {}", out.display());
}

fn write_exports(case: &Path, config: &Config) {
    for format in ExportFormat::ALL {
        let dir = case.join(format.as_str());
        std::fs::create_dir_all(&dir).expect("mkdir");
        for file in export(config, format) {
            std::fs::write(dir.join(&file.path), &file.contents).expect("write export");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
    }
}
