//! wasm-bindgen-test tests of the JS exports: the values JavaScript sees, and the errors it gets for
//! bad input. Run with `wasm-pack test --node` (or `cargo test --target wasm32-unknown-unknown`
//! with wasm-bindgen-test-runner as the runner).
#![cfg(target_arch = "wasm32")]

use amlnet::{explain, export_config, rules, validate};
use js_sys::{Array, Reflect, JSON};
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const BROKEN: &str = "\
$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
name: contoso-ml
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
";

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("valid JSON")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("readable")
}

fn options(text: &str) -> Option<Ts<amlnet::dto::Options>> {
    Some(Ts::new_unchecked(json(text)))
}

fn error_message(error: wasm_bindgen::JsError) -> String {
    let value = JsValue::from(error);
    assert!(value.is_instance_of::<js_sys::Error>(), "a JS Error");
    value.unchecked_into::<js_sys::Error>().message().into()
}

#[wasm_bindgen_test]
fn validate_returns_plain_objects_with_camel_case_fields() {
    let result: JsValue = validate(JsValue::from_str(BROKEN), None).expect("no throw").into();
    assert_eq!(get(&result, "kind").as_string().as_deref(), Some("workspace"));
    assert_eq!(get(&result, "hasErrors").as_bool(), Some(true));
    let diagnostics: Array = get(&result, "diagnostics").unchecked_into();
    let first = diagnostics.get(0);
    assert_eq!(get(&first, "code").as_string().as_deref(), Some("rule-type-not-allowed-in-isolation-mode"));
    assert_eq!(get(&first, "line").as_f64(), Some(7.0));
    assert_eq!(get(&first, "endColumn").as_f64(), Some(15.0));
    assert!(get(&first, "end_column").is_undefined(), "no snake_case at the boundary");
    assert!(!first.is_instance_of::<js_sys::Map>(), "plain objects, not ES Maps");
}

#[wasm_bindgen_test]
fn export_generates_files_from_files_with_context() {
    let files = Array::new();
    let file = json(r#"{"name": "workspace.yml", "text": ""}"#);
    Reflect::set(&file, &"text".into(), &BROKEN.replace("allow_internet_outbound", "allow_only_approved_outbound").into()).expect("set");
    files.push(&file);
    let result: JsValue =
        export_config(files.into(), "cli".into(), options(r#"{"subscriptionId": "5a5a5a5a-0000-4000-8000-000000000001", "resourceGroup": "rg-1"}"#))
            .expect("no throw")
            .into();
    let generated: Array = get(&result, "files").unchecked_into();
    assert_eq!(generated.length(), 1);
    let contents = get(&generated.get(0), "contents").as_string().expect("text");
    assert!(contents.contains("az ml workspace create"), "{contents}");
    assert!(contents.contains("RESOURCE_GROUP='rg-1'"), "{contents}");
}

#[wasm_bindgen_test]
fn export_refuses_a_configuration_with_errors() {
    let result: JsValue = export_config(BROKEN.into(), "python".into(), None).expect("no throw").into();
    assert_eq!(get(&result, "files").unchecked_into::<Array>().length(), 0);
    let forced: JsValue = export_config(BROKEN.into(), "python".into(), options(r#"{"force": true}"#)).expect("no throw").into();
    assert_eq!(get(&forced, "files").unchecked_into::<Array>().length(), 1);
}

#[wasm_bindgen_test]
fn bad_input_throws_errors_that_say_what_to_pass() {
    let message = error_message(validate(JsValue::from_f64(1.0), None).expect_err("throws"));
    assert_eq!(message, "`text` must be a string of YAML, not number");
    let message = error_message(validate("x".into(), options(r#"{"operation": "delete"}"#)).expect_err("throws"));
    assert!(message.contains("unknown variant `delete`"), "{message}");
    let message = error_message(validate("x".into(), options(r#"{"subscriptionID": "s"}"#)).expect_err("throws"));
    assert!(message.contains("unknown field `subscriptionID`"), "{message}");
    let message = error_message(export_config("x".into(), "toml".into(), None).expect_err("throws"));
    assert!(message.contains("unknown export format `toml`"), "{message}");
    let message = error_message(export_config(json(r#"[{"name": "a.yml"}]"#), "cli".into(), None).expect_err("throws"));
    assert!(message.contains("missing field `text`"), "{message}");
    let message = error_message(export_config(JsValue::NULL, "cli".into(), None).expect_err("throws"));
    assert!(message.contains("not null"), "{message}");
}

#[wasm_bindgen_test]
fn rules_and_explain_expose_the_registry() {
    let all: Array = rules().expect("no throw").unchecked_into();
    assert!(all.length() >= 20);
    let first = all.get(0);
    assert!(get(&first, "code").is_string() && get(&first, "summary").is_string());
    let docs: JsValue = explain("port-range-invalid".into()).expect("no throw").expect("known").into();
    // The npm build leaves the Markdown out of the wasm (the core's `docs` feature); the package's
    // `explain()` adds it from docs.js, which tests/npm/pack.test.mjs checks.
    assert!(get(&docs, "docs").as_string().is_some());
    assert_eq!(get(&docs, "code").as_string().as_deref(), Some("port-range-invalid"));
    assert!(explain("no-such-rule".into()).expect("no throw").is_none());
}

#[wasm_bindgen_test]
fn options_policy_reaches_the_core() {
    let policy = r#"{"policy": "version: 1\nworkspace:\n  isolation_modes: [allow_only_approved_outbound]\n"}"#;
    let result: JsValue = validate(JsValue::from_str(BROKEN), options(policy)).expect("no throw").into();
    let codes: Vec<String> = get(&result, "diagnostics").unchecked_into::<Array>().iter().filter_map(|d| get(&d, "code").as_string()).collect();
    assert!(codes.iter().any(|c| c == "policy-isolation-mode-forbidden"), "{codes:?}");
    let message = error_message(validate(JsValue::from_str(BROKEN), options(r#"{"policy": 1}"#)).expect_err("throws"));
    assert!(message.starts_with("invalid options:"), "{message}");
}
