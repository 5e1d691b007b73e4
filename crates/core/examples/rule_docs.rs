//! Prints every rule's documentation as one JSON object, `{"code": "markdown", ...}`, for the npm package:
//! its wasm is built without the core's `docs` feature and `explain()` reads the docs from this file
//! (`scripts/build-npm.sh` writes it as `docs.js` and `docs.cjs`).
//!
//!     cargo run -q -p amlnet-core --example rule_docs > docs.json

use amlnet_core::emit::arm::json_str;

fn main() {
    let entries: Vec<String> = amlnet_core::RULES.iter().map(|r| format!("  {}: {}", json_str(r.code), json_str(r.docs))).collect();
    assert!(amlnet_core::RULES.iter().all(|r| !r.docs.is_empty()), "build with the `docs` feature (the default)");
    println!("{{\n{}\n}}", entries.join(",\n"));
}
