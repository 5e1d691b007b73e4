//! Writes conformance cases for `tests/conformance/conformance.py`: every hand-picked input set in
//! `tests/conformance/cases/` plus N generated random valid configurations with hostile values, each
//! exported in every format (YAML, az CLI, Python, ARM, Bicep, Terraform), one folder per format.
//!
//! Usage: `cargo run -p amlnet-core --example conformance_cases -- OUT_DIR [N] [SEED]`

#[path = "../tests/support/cases.rs"]
mod cases;
#[path = "../tests/support/random.rs"]
mod random;

use amlnet_core::model::{Config, Operation};
use amlnet_core::{analyze, export, ExportFormat};
use random::{random_config, Rng};
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = PathBuf::from(args.first().expect("usage: conformance_cases OUT_DIR [N] [SEED]"));
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0x5eed);
    let mut written = 0;
    for case in cases::conformance_cases() {
        let analysis = analyze(&case.files, case.context);
        let out_case = out.join(&case.name);
        copy_dir(&case.dir.join("input"), &out_case.join("input"));
        if case.dir.join("case.json").exists() {
            std::fs::copy(case.dir.join("case.json"), out_case.join("case.json")).expect("copy case.json");
        }
        write_exports(&out_case, &analysis.config);
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
