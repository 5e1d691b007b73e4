//! Hostile input: every case must end in a clear diagnostic, never a panic or unbounded work.
//! Times are printed (run with `--nocapture`); the budget of one second is measured by
//! `cargo bench`-style figures in `crates/core/benches`, not asserted here.

use amlnet_core::{analyze, export, Context, ExportFormat, SourceFile};
use std::time::Instant;

fn codes_of(name: &str, bytes: &[u8]) -> Vec<&'static str> {
    let started = Instant::now();
    let file = SourceFile::from_bytes(name, bytes);
    let analysis = analyze(&[file], Context::default());
    for format in ExportFormat::ALL {
        let _ = export(&analysis.config, format);
    }
    println!("{name}: {} bytes, {} diagnostics in {:?}", bytes.len(), analysis.diagnostics.len(), started.elapsed());
    analysis.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn ten_megabytes() {
    let mut text = String::from("name: ws\ndescription: ");
    text.push_str(&"x".repeat(10 * 1024 * 1024));
    assert!(codes_of("10mb.yml", text.as_bytes()).contains(&"input-too-large"));
}

#[test]
fn deep_nesting() {
    let text = format!("name: ws\ntags: {}{}", "{a: ".repeat(5000), "}".repeat(5000));
    let codes = codes_of("deep.yml", text.as_bytes());
    assert!(codes.iter().any(|c| *c == "nesting-too-deep" || *c == "yaml-syntax-error"), "{codes:?}");
    // Past the bound: refused. Below it (as deep as PyYAML still reads): read, and still no panic.
    let block = |depth: usize| format!("name: ws\ntags:\n{}", (0..depth).map(|i| format!("{}k{i}:\n", " ".repeat(i * 2 + 2))).collect::<String>());
    assert!(codes_of("deep-block.yml", block(2000).as_bytes()).contains(&"nesting-too-deep"));
    assert!(!codes_of("deep-block.yml", block(390).as_bytes()).contains(&"nesting-too-deep"));
}

#[test]
fn alias_bomb() {
    let mut text = String::from("name: ws\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!("x{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    assert!(codes_of("bomb.yml", text.as_bytes()).contains(&"alias-expansion-too-large"));
}

#[test]
fn invalid_utf8_and_binary_junk() {
    assert!(codes_of("latin1.yml", b"name: caf\xe9\n").contains(&"input-not-utf8"));
    // Deterministic junk: every byte value, shuffled, many times.
    let mut state: u32 = 12345;
    let junk: Vec<u8> = (0..200_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16) as u8
        })
        .collect();
    assert!(!codes_of("junk.bin", &junk).is_empty());
    // Valid UTF-8 junk: control characters and YAML indicators.
    let table = b"-?:,[]{}#&*!|>'\"%@` \n\ta1";
    let text: String = junk.iter().map(|b| char::from(table[*b as usize % table.len()])).collect();
    assert!(!codes_of("indicators.yml", text.as_bytes()).is_empty());
}

#[test]
fn many_documents() {
    let text = "name: ws\n---\n".repeat(20_000);
    assert!(codes_of("stream.yml", text.as_bytes()).contains(&"yaml-multiple-documents"));
}

#[test]
fn every_prefix_of_a_real_file_is_handled() {
    let text = amlnet_core::demo::DEMO_FILES[0].1;
    for end in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
        let _ = codes_of("prefix.yml", &text.as_bytes()[..end]);
    }
}
