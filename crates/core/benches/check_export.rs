//! Benchmark (prints figures, asserts nothing): check + export (all six formats) of a workspace with
//! 1, 50 and 1000 outbound rules, natively, plus the change plan from a workspace with half of those
//! rules and the cost and security summary. Target: under 1 ms for 50 rules, growing linearly.
//!
//! Run: `cargo bench -p amlnet-core --bench check_export`

use amlnet_core::{analyze, check, export, plan, summary, Context, ExportFormat, SourceFile};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn workspace_yaml(n_rules: usize) -> String {
    let mut text = String::from(
        "$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: bench-ws\nimage_build_compute: builder\npublic_network_access: Disabled\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n  outbound_rules:\n",
    );
    for i in 0..n_rules {
        match i % 3 {
            0 => text.push_str(&format!(
                "  - name: pe-rule-{i}\n    type: private_endpoint\n    destination:\n      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa{i}\n      subresource_target: blob\n      spark_enabled: false\n"
            )),
            1 => text.push_str(&format!(
                "  - name: st-rule-{i}\n    type: service_tag\n    destination:\n      service_tag: AzureMonitor\n      protocol: TCP\n      port_ranges: '443, 8080-8089'\n"
            )),
            _ => text.push_str(&format!("  - name: fqdn-rule-{i}\n    type: fqdn\n    destination: host{i}.contoso.com\n")),
        }
    }
    text
}

/// Median time of `f` over enough runs to fill about 300 ms.
fn measure(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_micros(1));
    let runs = (Duration::from_millis(300).as_nanos() / once.as_nanos()).clamp(5, 5000) as usize;
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let exports_label = format!("export ({})", ExportFormat::ALL.len());
    println!(
        "{:>6} {:>10} {:>14} {:>14} {:>14} {:>12} {:>14} {:>12}",
        "rules", "yaml bytes", "import+check", "check model", exports_label, "per rule", "plan (n/2 new)", "summary"
    );
    for n in [1, 50, 1000] {
        let text = workspace_yaml(n);
        let files = [SourceFile::new("workspace.yml", text.clone())];
        let analysis = analyze(&files, Context::default());
        assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics.iter().filter(|d| d.is_error()).collect::<Vec<_>>());
        let import = measure(|| {
            black_box(analyze(black_box(&files), Context::default()));
        });
        let model = measure(|| {
            black_box(check(black_box(&analysis.config)));
        });
        let exports = measure(|| {
            for format in ExportFormat::ALL {
                black_box(export(black_box(&analysis.config), format));
            }
        });
        let total = import + exports;
        let current = plan::read_current(&[SourceFile::new("current.yml", workspace_yaml(n / 2))]).config;
        let planned = measure(|| {
            black_box(plan::plan(black_box(&current), black_box(&analysis.config)));
        });
        let summarized = measure(|| {
            black_box(summary::summarize(black_box(&analysis.config)));
        });
        println!(
            "{n:>6} {:>10} {:>14?} {:>14?} {:>14?} {:>12?} {:>14?} {:>12?}",
            text.len(),
            import,
            model,
            exports,
            total / n as u32,
            planned,
            summarized
        );
    }
}
