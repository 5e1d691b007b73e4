//! The npm binding of amlnet: `validate`, `exportConfig`, `plan`, `summary`, `rules` and `explain` for
//! JavaScript.
//!
//! Each export translates: a JS value in, checked and turned into a DTO, one core call, a DTO out.
//! The translation from DTOs to results ([`validate_text`], [`export_sources`]) is plain Rust, so
//! native `cargo test` covers it; only the `#[wasm_bindgen]` wrappers touch JS values. Bad input from
//! JavaScript (a wrong type, an unknown field, an unknown format) throws a JS `Error` whose message
//! says what to pass instead; nothing panics.
//!
//! Two builds (ARCHITECTURE.md, "The npm split"): without the `full` feature this is the small wasm
//! (`validate`, `exportConfig` for YAML, az and Python, `rules`, `explain`); with it the full wasm adds
//! `plan`, `summary` and the ARM, Bicep and Terraform exports. The package's JavaScript entry points
//! route each call to the build that has it ([`needs_full_build`]).

pub mod dto;
pub mod read;

use amlnet_core::{analyze, SourceFile};
use dto::{Diagnostic, DocumentKind, ExportFormat, ExportResult, GeneratedFile, Options, RuleDocs, RuleSummary, SourceFileInput, ValidateResult};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

/// Analyzes the files in the options' context, with `options.policy` enforced.
fn analyze_with_policy(files: &[SourceFile], options: &Options) -> amlnet_core::Analysis {
    let mut analysis = analyze(files, options.context());
    if let Some(policy) = options.policy() {
        analysis.apply_policy(&policy);
    }
    analysis
}

/// Analyzes one YAML text, as `validate` does.
fn validate_analysis(text: &str, options: &Options) -> amlnet_core::Analysis {
    analyze_with_policy(std::slice::from_ref(&options.source_file(text)), options)
}

/// The kind of the analysis' first document.
fn first_kind(analysis: &amlnet_core::Analysis) -> Option<DocumentKind> {
    analysis.kinds.first().and_then(|(_, kind)| *kind).map(Into::into)
}

/// Validates one YAML text.
pub fn validate_text(text: &str, options: &Options) -> ValidateResult {
    let analysis = validate_analysis(text, options);
    ValidateResult {
        version: amlnet_core::report::VERSION,
        kind: first_kind(&analysis),
        diagnostics: analysis.diagnostics.iter().map(Diagnostic::from).collect(),
        has_errors: analysis.has_errors(),
    }
}

/// [`validate_text`]'s result as JSON, written from the analysis without the DTO copy (a test compares).
fn validate_json(text: &str, options: &Options) -> String {
    let analysis = validate_analysis(text, options);
    dto::validate_json(first_kind(&analysis), &analysis.diagnostics, analysis.has_errors())
}

/// Analyzes the files and generates `format`; no export when there are errors, unless `options.force`.
fn export_analysis(files: &[SourceFile], format: ExportFormat, options: &Options) -> (amlnet_core::Analysis, amlnet_core::Export) {
    let analysis = analyze_with_policy(files, options);
    // The refused errors are among the analysis diagnostics, which the result carries.
    let export =
        analysis.export_checked(format.into(), options.force == Some(true)).unwrap_or(amlnet_core::Export { files: Vec::new(), notes: Vec::new() });
    (analysis, export)
}

/// Reads the files as one configuration and generates `format`; no files when there are errors,
/// unless `options.force`.
pub fn export_sources(files: &[SourceFile], format: ExportFormat, options: &Options) -> ExportResult {
    let (analysis, export) = export_analysis(files, format, options);
    ExportResult {
        files: export.files.into_iter().map(GeneratedFile::from).collect(),
        diagnostics: analysis.diagnostics.iter().map(Diagnostic::from).collect(),
        notes: export.notes.iter().map(Diagnostic::from).collect(),
        has_errors: analysis.has_errors(),
    }
}

/// [`export_sources`]' result as JSON, written from the core's values without the DTO copy (a test compares).
fn export_json(files: &[SourceFile], format: ExportFormat, options: &Options) -> String {
    let (analysis, export) = export_analysis(files, format, options);
    dto::export_json(&export.files, &analysis.diagnostics, &export.notes, analysis.has_errors())
}

/// Plans the change from the current state (YAML or `az ml ... show` JSON) to the desired files. The
/// desired configuration is read as an update of the current workspace, so one-way transitions are
/// judged against it.
#[cfg(feature = "full")]
pub fn plan_sources(current: &[SourceFile], desired: &[SourceFile], options: &Options) -> dto::PlanResult {
    let mut change = amlnet_core::plan::plan_files(current, desired, &options.context());
    if let Some(policy) = options.policy() {
        change.apply_policy(&policy);
    }
    let amlnet_core::plan::PlannedChange { current, desired, plan } = change;
    dto::PlanResult::new(&plan, &current.diagnostics, &desired.diagnostics)
}

/// The cost and security summary of the configuration the files hold.
#[cfg(feature = "full")]
pub fn summary_sources(files: &[SourceFile], options: &Options) -> dto::SummaryResult {
    let analysis = analyze(files, options.context());
    dto::SummaryResult::new(&amlnet_core::summary::summarize(&analysis.config), &analysis.diagnostics)
}

/// Every rule, in documentation order.
pub fn rule_summaries() -> Vec<RuleSummary> {
    amlnet_core::RULES.iter().map(|rule| RuleSummary::from(*rule)).collect()
}

/// One rule's documentation, or `None` for an unknown code.
pub fn rule_docs(code: &str) -> Option<RuleDocs> {
    amlnet_core::rules::find(code).map(RuleDocs::from)
}

/// The export format named by `name` (`yaml`, `cli`, `python`, `arm`, `bicep`, `terraform`; also
/// `yml`, `az`, `bash`, `py`, `tf`).
pub fn parse_format(name: &str) -> Result<ExportFormat, String> {
    amlnet_core::ExportFormat::parse(name)
        .map(ExportFormat::from)
        .ok_or_else(|| format!("unknown export format `{name}`: use {}", amlnet_core::ExportFormat::choices("\"")))
}

use read::{type_name, unknown_field};

fn read_options(options: Option<Ts<Options>>) -> Result<Options, JsError> {
    const EXPECTED: &str = "pass an object such as { subscriptionId, resourceGroup, operation: \"create\" | \"update\", currentIsolationMode, kind }";
    let Some(options) = options else { return Ok(Options::default()) };
    let value = JsValue::from(options);
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || value.is_array() {
        return Err(JsError::new(&format!("invalid options: got {}; {EXPECTED}", type_name(&value))));
    }
    if let Some(key) = unknown_field(&value, Options::FIELDS) {
        return Err(JsError::new(&format!("invalid options: unknown field `{key}`, expected one of {}", Options::FIELDS.join(", "))));
    }
    read::options(&value).map_err(|e| JsError::new(&format!("invalid options: {e}; {EXPECTED}")))
}

fn read_files(value: JsValue, what: &str) -> Result<Vec<SourceFile>, JsError> {
    const EXPECTED: &str = "each file is an object { name: string, text: string, kind?: string }";
    let inputs = js_sys::Array::from(&value);
    let mut files = Vec::with_capacity(inputs.length() as usize);
    for (index, input) in inputs.iter().enumerate() {
        if let Some(key) = unknown_field(&input, SourceFileInput::FIELDS) {
            return Err(JsError::new(&format!("invalid `{what}[{index}]`: unknown field `{key}`; {EXPECTED}")));
        }
        let file = read::source_file(&input).map_err(|e| JsError::new(&format!("invalid `{what}[{index}]`: {e}; {EXPECTED}")))?;
        files.push(SourceFile::from(file));
    }
    Ok(files)
}

fn read_text(text: &JsValue, what: &str) -> Result<String, JsError> {
    text.as_string().ok_or_else(|| JsError::new(&format!("`{what}` must be a string of YAML, not {}", type_name(text))))
}

/// The plain JS value `JSON.parse` makes of a result's JSON text.
fn parse_json(json: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(json).map_err(|_| JsError::new("amlnet wrote a result that is not JSON"))
}

/// A result as the JS value of its JSON ([`dto::ToJson`]).
fn to_js<T: Tsify + dto::ToJson>(value: &T) -> Result<Ts<T>, JsError> {
    parse_json(&value.to_json()).map(Ts::new_unchecked)
}

/// The JS value of JSON text that holds a `T`.
fn json_to_js<T: Tsify>(json: &str) -> Result<Ts<T>, JsError> {
    parse_json(json).map(Ts::new_unchecked)
}

/// Validates one YAML document (a workspace, an online endpoint or an online deployment).
///
/// Returns the detected kind and the diagnostics; never throws for bad YAML, only for arguments of
/// the wrong type.
#[wasm_bindgen]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue, options: Option<Ts<Options>>) -> Result<Ts<ValidateResult>, JsError> {
    let text = read_text(&text, "text")?;
    let options = read_options(options)?;
    json_to_js(&validate_json(&text, &options))
}

/// Generates YAML documents, an `az` bash script or a Python script from one YAML text or from
/// several files (a workspace, an endpoint and its deployments).
///
/// When the configuration has errors, `files` is empty (pass `force: true` to generate anyway);
/// `diagnostics` says why.
#[wasm_bindgen(js_name = exportConfig)]
pub fn export_config(
    #[wasm_bindgen(js_name = textOrFiles, unchecked_param_type = "string | SourceFileInput[]")] text_or_files: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExportFormat")] format: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<ExportResult>, JsError> {
    let options = read_options(options)?;
    let format = match format.as_string() {
        Some(name) => parse_format(&name).map_err(|e| JsError::new(&e))?,
        None => return Err(JsError::new(&format!("`format` must be {}, not {}", amlnet_core::ExportFormat::choices("\""), type_name(&format)))),
    };
    if !amlnet_core::ExportFormat::from(format).is_available() {
        // The package's entry points route these formats to the full wasm; this is a direct import of the small one.
        return Err(JsError::new(&format!(
            "the `{}` export is in the full build: import it from the package entry point",
            amlnet_core::ExportFormat::from(format).as_str()
        )));
    }
    let files = read_input(text_or_files, "textOrFiles", &options)?;
    json_to_js(&export_json(&files, format, &options))
}

/// One YAML string (named by `options.fileName`) or an array of `{ name, text, kind? }` files.
fn read_input(value: JsValue, what: &str, options: &Options) -> Result<Vec<SourceFile>, JsError> {
    match value.as_string() {
        Some(text) => Ok(vec![options.source_file(&text)]),
        None if value.is_array() => read_files(value, what),
        None => Err(JsError::new(&format!("`{what}` must be a YAML string or an array of {{ name, text }} objects, not {}", type_name(&value)))),
    }
}

/// Plans the change from the workspace as it is now to the desired configuration.
///
/// `current` is YAML or the JSON `az ml workspace show` prints (a string, or an array of files);
/// `desired` is YAML documents. Returns the ordered steps with bash and Python commands, and the
/// warnings to read before running them (one-way transitions, resources to delete first, Spark, the
/// firewall's cost). Never throws for bad YAML or JSON, only for arguments of the wrong type.
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn plan(
    #[wasm_bindgen(unchecked_param_type = "string | SourceFileInput[]")] current: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | SourceFileInput[]")] desired: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<dto::PlanResult>, JsError> {
    let options = read_options(options)?;
    let current = match current.as_string() {
        Some(text) => vec![SourceFile::new(amlnet_core::plan::current_file_name(&text), text)],
        None => read_input(current, "current", &options)?,
    };
    let desired = read_input(desired, "desired", &options)?;
    to_js(&plan_sources(&current, &desired, &options))
}

/// The cost and security summary of a configuration: outbound paths, whether data exfiltration
/// protection holds, what is billed and what inbound access remains (sections, and plain text).
#[cfg(feature = "full")]
#[wasm_bindgen]
pub fn summary(
    #[wasm_bindgen(js_name = textOrFiles, unchecked_param_type = "string | SourceFileInput[]")] text_or_files: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<dto::SummaryResult>, JsError> {
    let options = read_options(options)?;
    let files = read_input(text_or_files, "textOrFiles", &options)?;
    to_js(&summary_sources(&files, &options))
}

/// Every rule amlnet checks, in documentation order.
#[wasm_bindgen(unchecked_return_type = "RuleSummary[]")]
pub fn rules() -> Result<JsValue, JsError> {
    // One array, parsed once (a `Vec` of handles costs the wasm a slice of the externref table).
    parse_json(&dto::ToJson::to_json(rule_summaries().as_slice()))
}

/// The documentation of one rule code (Markdown), or `undefined` for a code amlnet does not have.
#[wasm_bindgen]
pub fn explain(#[wasm_bindgen(unchecked_param_type = "string")] code: JsValue) -> Result<Option<Ts<RuleDocs>>, JsError> {
    let code = code.as_string().ok_or_else(|| JsError::new(&format!("`code` must be a rule code string, not {}", type_name(&code))))?;
    rule_docs(&code).as_ref().map(to_js).transpose()
}

/// Whether `format` names an export this build leaves out (ARM, Bicep or Terraform in the small wasm):
/// the package's entry points then load the full wasm and call its `exportConfig`. False for anything
/// else, including names that are not formats (this build's `exportConfig` says what to pass).
pub fn needs_full_build(format: &str) -> bool {
    amlnet_core::ExportFormat::parse(format).is_some_and(|format| !format.is_available())
}

/// [`needs_full_build`] for the package's entry points (not part of the typed API).
#[wasm_bindgen(js_name = needsFullBuild, skip_typescript)]
pub fn needs_full_build_js(format: JsValue) -> bool {
    format.as_string().is_some_and(|name| needs_full_build(&name))
}

/// The amlnet version (the npm package's `version` export reads it).
#[wasm_bindgen(js_name = amlnetVersion)]
pub fn amlnet_version() -> String {
    amlnet_core::VERSION.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dto::{Operation, Severity};

    const BROKEN: &str = "\
$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
name: contoso-ws
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
";

    #[test]
    fn validate_reports_kind_and_positions() {
        let result = validate_text(BROKEN, &Options::default());
        assert_eq!(result.kind, Some(DocumentKind::Workspace));
        assert!(result.has_errors, "{:#?}", result.diagnostics);
        let d = result.diagnostics.iter().find(|d| d.severity == Severity::Error).expect("an error");
        assert_eq!(d.code, "rule-type-not-allowed-in-isolation-mode");
        assert_eq!(d.file.as_deref(), Some(dto::DEFAULT_FILE_NAME));
        assert_eq!((d.line, d.column), (Some(7), Some(11)), "{d:#?}");
    }

    #[test]
    fn export_refuses_errors_unless_forced() {
        let files = [SourceFile::new("ws.yml", BROKEN)];
        let result = export_sources(&files, ExportFormat::Cli, &Options::default());
        assert!(result.files.is_empty());
        let forced = export_sources(&files, ExportFormat::Cli, &Options { force: Some(true), ..Options::default() });
        assert_eq!(forced.files.len(), 1);
    }

    #[test]
    fn only_the_small_build_sends_formats_to_the_full_one() {
        // Which formats the core generates depends on its features (unified in a workspace build), so the
        // test follows `is_available`: only ARM, Bicep and Terraform may be missing, and exactly those go.
        for format in amlnet_core::ExportFormat::ALL {
            let iac = matches!(format, amlnet_core::ExportFormat::Arm | amlnet_core::ExportFormat::Bicep | amlnet_core::ExportFormat::Terraform);
            assert!(iac || format.is_available(), "{format:?} is in every build");
            assert_eq!(needs_full_build(format.as_str()), !format.is_available(), "{format:?}");
            if cfg!(feature = "full") {
                assert!(format.is_available(), "{format:?} is in the full build");
            }
        }
        assert!(!needs_full_build("toml"));
    }

    #[cfg(feature = "full")]
    #[test]
    fn demo_exports_every_format() {
        let files: Vec<SourceFile> = amlnet_core::demo::DEMO_FILES.iter().map(|(name, text)| SourceFile::new(*name, *text)).collect();
        let options =
            Options { subscription_id: Some("5a5a5a5a-0000-4000-8000-000000000001".into()), resource_group: Some("rg".into()), ..Options::default() };
        for format in amlnet_core::ExportFormat::ALL.map(ExportFormat::from) {
            let result = export_sources(&files, format, &options);
            assert!(!result.has_errors, "{:#?}", result.diagnostics);
            assert!(!result.files.is_empty());
        }
    }

    #[cfg(feature = "full")]
    #[test]
    fn plan_reads_show_json_and_judges_against_it() {
        let current = [SourceFile::new(
            "current.json",
            r#"{"name": "contoso-ws", "id": "/subscriptions/x", "managed_network": {"isolation_mode": "allow_only_approved_outbound", "outbound_rules": []}}"#,
        )];
        let desired = [SourceFile::new("ws.yml", BROKEN)];
        let result = plan_sources(&current, &desired, &Options::default());
        assert!(result.current_diagnostics.iter().all(|d| d.severity != Severity::Error), "{:#?}", result.current_diagnostics);
        assert!(result.has_errors, "approved outbound back to internet outbound is refused");
        assert!(
            result.warnings.iter().any(|d| d.code == "isolation-mode-transition-not-allowed" && d.severity == Severity::Error),
            "{:#?}",
            result.warnings
        );

        let same = plan_sources(
            &current,
            &[SourceFile::new("ws.yml", "name: contoso-ws\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound\n")],
            &Options::default(),
        );
        assert!(same.steps.is_empty() && !same.has_errors, "{same:#?}");
    }

    #[cfg(feature = "full")]
    #[test]
    fn summary_has_the_four_sections() {
        let files: Vec<SourceFile> = amlnet_core::demo::DEMO_FILES.iter().map(|(name, text)| SourceFile::new(*name, *text)).collect();
        let result = summary_sources(&files, &Options::default());
        let ids: Vec<&str> = result.sections.iter().map(|s| s.id.as_str()).collect();
        for id in ["outbound", "exfiltration", "billed", "inbound"] {
            assert!(ids.contains(&id), "{ids:?}");
        }
        assert!(result.text.contains(&result.sections[0].title));
    }

    #[test]
    fn options_map_to_context() {
        let options = Options { operation: Some(Operation::Update), ..Options::default() };
        assert_eq!(options.context().operation, amlnet_core::model::Operation::Update);
    }

    #[test]
    fn options_policy_is_enforced() {
        let policy = "version: 1\nname: baseline\nworkspace:\n  isolation_modes: [allow_only_approved_outbound]\n";
        let options = Options { policy: Some(policy.into()), ..Options::default() };
        let result = validate_text(BROKEN, &options);
        let violation = result.diagnostics.iter().find(|d| d.code == "policy-isolation-mode-forbidden").expect("violation");
        assert_eq!((violation.line, violation.stage.as_str()), (Some(4), "policy"));
        assert!(violation.message.contains("baseline") && violation.message.contains(".amlnet-policy.yml:4"), "{}", violation.message);
        let export = export_sources(&[SourceFile::new("w.yml", BROKEN.replace("fqdn", "private_endpoint"))], ExportFormat::Yaml, &options);
        assert!(export.files.is_empty() && export.diagnostics.iter().any(|d| d.code == "policy-isolation-mode-forbidden"));
        let broken = validate_text("name: ws\n", &Options { policy: Some("workspace: {}\n".into()), ..Options::default() });
        assert!(broken.has_errors);
        assert_eq!(broken.diagnostics[0].file.as_deref(), Some(".amlnet-policy.yml"));
    }

    #[test]
    fn registry_is_exposed() {
        assert_eq!(rule_summaries().len(), amlnet_core::RULES.len());
        assert!(rule_docs("port-range-invalid").is_some());
        assert!(rule_docs("no-such-rule").is_none());
        assert!(parse_format("az").is_ok());
        assert!(parse_format("toml").is_err());
    }
    /// Every fixture file: the JSON the binding hands to `JSON.parse` is what serde_json writes for the
    /// same result (so the JS objects are the ones serde-wasm-bindgen made before).
    #[test]
    fn results_are_written_as_serde_json_writes_them() {
        use dto::ToJson;
        fn same<T: ToJson + serde::Serialize>(value: &T, what: &str) {
            assert_eq!(value.to_json(), serde_json::to_string(value).expect("serializable"), "{what}");
        }
        fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("fixtures readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, files);
                } else if path.extension().is_some_and(|e| e == "yml" || e == "json") {
                    files.push(path);
                }
            }
        }
        let mut paths = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut paths);
        assert!(paths.len() > 300, "{}", paths.len());
        let forced = Options { force: Some(true), subscription_id: Some("s".into()), resource_group: Some("rg".into()), ..Options::default() };
        let mut optional_fields = [false; 3];
        for path in &paths {
            let what = path.display().to_string();
            let text = String::from_utf8_lossy(&std::fs::read(path).expect("fixture readable")).into_owned();
            let validated = validate_text(&text, &Options::default());
            optional_fields[0] |= validated.kind.is_none();
            optional_fields[1] |= validated.diagnostics.iter().any(|d| d.fix.as_ref().is_some_and(|f| f.replacement.is_none()));
            optional_fields[2] |= validated.diagnostics.iter().any(|d| d.line.is_none());
            same(&validated, &what);
            assert_eq!(validate_json(&text, &Options::default()), validated.to_json(), "{what}");
            let files = [SourceFile::new("config.yml", text.as_str())];
            for format in amlnet_core::ExportFormat::ALL.into_iter().filter(|f| f.is_available()).map(ExportFormat::from) {
                for options in [&Options::default(), &forced] {
                    let result = export_sources(&files, format, options);
                    same(&result, &what);
                    assert_eq!(export_json(&files, format, options), result.to_json(), "{what}");
                }
            }
            #[cfg(feature = "full")]
            {
                same(&plan_sources(&files, &files, &Options::default()), &what);
                same(&summary_sources(&files, &Options::default()), &what);
            }
        }
        assert_eq!(optional_fields, [true; 3], "absent optional fields are covered");
        for rule in rule_summaries() {
            same(&rule, &rule.code);
            same(&rule_docs(&rule.code).expect("documented"), &rule.code);
        }
    }
}
