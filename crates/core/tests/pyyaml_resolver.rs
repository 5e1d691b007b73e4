//! Checks amlnet's PyYAML resolver and YAML quoting against real PyYAML (`tests/conformance/pyyaml_table.py`).
//!
//! Thousands of strings built from the characters that matter to YAML 1.1's implicit types are
//! resolved by both; the types must agree. Then every string is written by the YAML emitter and must
//! read back under `yaml.safe_load` as exactly itself. Needs python3 with PyYAML (`scripts/setup.sh` installs
//! it): without it both tests print `skipped: ...`, and fail under `AMLNET_REQUIRE_TOOLS=1` (`support::tools`).

mod support {
    pub(crate) mod tools;
}

use amlnet_core::emit::yaml::{scalar, to_yaml};
use amlnet_core::model::Value;
use amlnet_core::syntax::pyyaml::resolve_plain;
use std::io::Write;
use std::process::{Command, Stdio};

fn corpus() -> Vec<String> {
    let mut out: Vec<String> = [
        "yes",
        "Yes",
        "YES",
        "no",
        "on",
        "Off",
        "y",
        "n",
        "true",
        "~",
        "null",
        "Null",
        "NULL",
        "",
        "0",
        "-0",
        "+1",
        "0123",
        "08",
        "0o17",
        "0x1F",
        "0b101",
        "-0b1",
        "1_000",
        "1:30",
        "1:60",
        "190:20:30",
        "1:30.5",
        "12:30:00",
        "1e3",
        "1.0e+3",
        "1.e-3",
        ".5",
        "-.5",
        ".inf",
        "-.Inf",
        ".NaN",
        "1.",
        "._",
        "2024-01-01",
        "2024-1-1",
        "2024-01-01T10:00:00Z",
        "2024-01-01 10:00:00.5 +01:00",
        "2024-01-01t1:00:00",
        "<<",
        "=",
        "==",
        "80, 8080",
        "443",
        "blob",
        "*",
        "Standard",
        "-",
        "--",
        "...",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    // Deterministic pseudo-random strings over the alphabet that drives the resolver.
    let alphabet: Vec<char> = "0123456789:._-+eE xbBoOTtZ".chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..6000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = 1 + (state % 10) as usize;
        let mut s = String::new();
        let mut x = state;
        for _ in 0..len {
            s.push(alphabet[(x % alphabet.len() as u64) as usize]);
            x /= alphabet.len() as u64;
            if x == 0 {
                x = state.rotate_left(17) | 1;
            }
        }
        let trimmed = s.trim().to_owned();
        if !trimmed.is_empty() && !trimmed.contains(": ") && !trimmed.contains(" #") && !trimmed.ends_with(':') {
            out.push(trimmed);
        }
    }
    out.sort();
    out.dedup();
    out
}

fn python_table(strings: &[String]) -> Vec<String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/conformance/pyyaml_table.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 with PyYAML is needed (pip install pyyaml)");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for s in strings {
            writeln!(stdin, "{}", serde_json::to_string(s).expect("json")).expect("write");
        }
    }
    let output = child.wait_with_output().expect("run python");
    assert!(output.status.success(), "pyyaml_table.py failed");
    String::from_utf8(output.stdout)
        .expect("utf8")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json line")["type"].as_str().unwrap_or("?").to_owned())
        .collect()
}

#[test]
fn resolver_agrees_with_pyyaml() {
    if !support::tools::pyyaml("the resolver comparison with PyYAML") {
        return;
    }
    let strings = corpus();
    let types = python_table(&strings);
    assert_eq!(types.len(), strings.len());
    let mut mismatches = Vec::new();
    for (s, py) in strings.iter().zip(&types) {
        let ours = resolve_plain(s).python_name();
        // PyYAML constructs timestamps as date or datetime; merge and value keys fail to construct.
        let py_norm = match py.as_str() {
            "datetime" => "date",
            "error" => "error",
            other => other,
        };
        // "error": the text is not a plain scalar at all (`- x` is a list, `*` an alias); the emitter
        // quotes such strings anyway, which the second test checks.
        let ok = ours == py_norm || py_norm == "error";
        if !ok {
            mismatches.push(format!("{s:?}: pyyaml {py}, amlnet {ours}"));
        }
    }
    assert!(mismatches.is_empty(), "{} of {} differ:\n{}", mismatches.len(), strings.len(), mismatches.join("\n"));
}

#[test]
fn emitted_strings_read_back_exactly() {
    // Sanity first, without Python: the traps are quoted, plain strings are not.
    assert_eq!(scalar("blob"), "blob");
    assert!(scalar("on").starts_with('"'));
    if !support::tools::pyyaml("reading the emitted strings back with PyYAML") {
        return;
    }
    let mut strings = corpus();
    strings.extend(
        [
            "a: b",
            "x #y",
            " lead",
            "trail ",
            "tab\t",
            "two\nlines",
            "nel\u{85}",
            "ls\u{2028}",
            "\u{feff}bom",
            "\u{1f600}",
            "caf\u{e9}",
            "'",
            "\"",
            "\\",
            "\0nul",
            "\u{7f}",
        ]
        .map(str::to_owned),
    );
    let doc = Value::Map(strings.iter().enumerate().map(|(i, s)| (format!("k{i}"), Value::Str(s.clone()))).collect());
    let keys = Value::Map(strings.iter().map(|s| (s.clone(), Value::Int(1))).collect());
    let text = format!("values:\n{}keys:\n{}", indent(&to_yaml(&doc)), indent(&to_yaml(&keys)));
    let check = r#"
import json, sys, yaml
data = yaml.safe_load(sys.stdin.buffer.read().decode("utf-8"))
expected = json.loads(open(sys.argv[1], encoding="utf-8").read())
bad = []
for i, s in enumerate(expected):
    got = data["values"]["k%d" % i]
    if not isinstance(got, str) or got != s:
        bad.append("value %r read back as %r" % (s, got))
keys = list(data["keys"].keys())
for s in expected:
    if s not in data["keys"] or not isinstance([k for k in keys if k == s][0], str):
        bad.append("key %r not read back" % s)
print("\n".join(bad))
sys.exit(1 if bad else 0)
"#;
    let dir = std::env::temp_dir().join(format!("amlnet-pyyaml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let expected = dir.join("expected.json");
    std::fs::write(&expected, serde_json::to_string(&strings).expect("json")).expect("write");
    let mut child = Command::new("python3").args(["-c", check]).arg(&expected).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("python3");
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    let output = child.wait_with_output().expect("run");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}
