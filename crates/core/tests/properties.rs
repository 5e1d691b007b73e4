//! Property tests (proptest): for arbitrary strings, the YAML emitter's output reads back through the
//! core's own reader (the syntax layer with its PyYAML resolver) as exactly that string, as a value and
//! as a key; and arbitrary bytes, or arbitrary text over YAML's indicator characters, never make
//! `analyze`, the exports, a plan or a summary panic. (PyYAML itself judges the emitter in
//! `tests/pyyaml_resolver.rs`; the fuzz target in `fuzz/` runs the second property for longer.)

use amlnet_core::emit::yaml::to_yaml;
use amlnet_core::model::Value;
use amlnet_core::syntax::pyyaml::PyType;
use amlnet_core::syntax::{parse, NodeKind};
use amlnet_core::{analyze, export, plan, summary, Context, ExportFormat, SourceFile};
use proptest::prelude::*;

/// `(key text, value text, value type)` of every entry of the single document `text` holds.
fn read_back(text: &str) -> Result<Vec<(String, String, PyType)>, String> {
    let stream = parse(text);
    if !stream.diagnostics.is_empty() {
        return Err(format!("{:?}", stream.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()));
    }
    let [document] = stream.documents.as_slice() else { return Err(format!("{} documents", stream.documents.len())) };
    let entries = document.as_map().ok_or("not a mapping")?;
    entries
        .iter()
        .map(|(k, v)| match (&k.kind, &v.kind) {
            (NodeKind::Scalar(k), NodeKind::Scalar(v)) => Ok((k.text.clone(), v.text.clone(), v.py_type)),
            _ => Err("an entry is not two scalars".to_owned()),
        })
        .collect()
}

/// Analyzes, exports in every format, plans from the demo and summarizes: none of it may panic.
fn everything(file: SourceFile) {
    let analysis = analyze(std::slice::from_ref(&file), Context::default());
    for format in ExportFormat::ALL {
        let _ = export(&analysis.config, format);
        let _ = analysis.export_notes(format);
    }
    let current = plan::read_current(std::slice::from_ref(&file));
    let _ = plan::plan(&current.config, &amlnet_core::demo::demo_config()).render_text();
    let _ = summary::summarize(&analysis.config).render_text();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_reads_back_as_itself(s in any::<String>()) {
        let doc = Value::Map(vec![("value".to_owned(), Value::Str(s.clone())), (s.clone(), Value::Int(1))]);
        let text = to_yaml(&doc);
        let entries = read_back(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(entries.len(), 2, "{:?}", text);
        prop_assert_eq!(&entries[0].1, &s, "value of {:?}", text);
        prop_assert_eq!(entries[0].2, PyType::Str, "type of {:?}", text);
        prop_assert_eq!(&entries[1].0, &s, "key of {:?}", text);
    }

    #[test]
    fn yaml_like_strings_read_back_as_themselves(s in "[-?:,\\[\\]{}#&*!|>'\"%@` \t\n0-9a-zA-Z._+~\u{85}\u{2028}\u{feff}]{0,24}") {
        let doc = Value::Map(vec![("value".to_owned(), Value::Str(s.clone()))]);
        let text = to_yaml(&doc);
        let entries = read_back(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(&entries[0].1, &s, "value of {:?}", text);
        prop_assert_eq!(entries[0].2, PyType::Str, "type of {:?}", text);
    }

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        everything(SourceFile::from_bytes("any.yml", &bytes));
    }

    #[test]
    fn yaml_shaped_text_never_panics(text in "(name: [a-z]{1,5}\n|managed_network:\n|  isolation_mode: (allow_only_approved_outbound|disabled|x)\n|  outbound_rules:\n|  - name: [a-z.]{0,4}\n|    type: (fqdn|service_tag|private_endpoint|[a-z]{0,3})\n|    destination: [-a-z.*:/ ]{0,10}\n|    destination:\n|      (service_tag|protocol|port_ranges|service_resource_id|subresource_target|spark_enabled|address_prefixes): [-a-zA-Z0-9*,'/ \\[\\]{}]{0,12}\n|endpoint_name: [a-z]{0,4}\n|[ \t]{0,4}[-?:,\\[\\]{}#&*!|>'\"%@`]{1,3}\n){0,14}") {
        everything(SourceFile::new("shaped.yml", text));
    }
}
