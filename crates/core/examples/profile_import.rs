//! Profiling aid: imports and checks a workspace with N rules once (`valgrind --tool=callgrind`).
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut text =
        String::from("name: ws1\nimage_build_compute: b\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n");
    for i in 0..n {
        text.push_str(&format!("  - name: fqdn-rule-{i}\n    type: fqdn\n    destination: host{i}.contoso.com\n"));
    }
    let t = std::time::Instant::now();
    let a = amlnet_core::analyze(&[amlnet_core::SourceFile::new("w.yml", text)], amlnet_core::Context::default());
    eprintln!("{n} rules: {:?}, {} diagnostics", t.elapsed(), a.diagnostics.len());
}
