//! Prints every rule's documentation as one JSON object, `{"code": "markdown", ...}`, for the npm package:
//! its wasm is built without the core's `docs` feature and `explain()` reads the docs from this file
//! (`scripts/build-npm.sh` writes it as `docs.js` and `docs.cjs`).
//!
//!     cargo run -q -p amlnet-core --example rule_docs > docs.json

fn json_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // U+2028 and U+2029 end a line in JavaScript source before ES2019; escape them for old parsers.
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() {
    let entries: Vec<String> = amlnet_core::RULES.iter().map(|r| format!("  {}: {}", json_str(r.code), json_str(r.docs))).collect();
    assert!(amlnet_core::RULES.iter().all(|r| !r.docs.is_empty()), "build with the `docs` feature (the default)");
    println!("{{\n{}\n}}", entries.join(",\n"));
}
