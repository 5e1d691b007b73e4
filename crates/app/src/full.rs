//! The split between the first load and the full core. The app's own wasm generates only what the
//! first steps show and what a share link holds, the YAML documents ([`local_export`]); the Azure
//! CLI, Python, ARM, Bicep and Terraform exports and the change plan come from the npm binding (the
//! root crate `amlnet`), which a Trunk hook builds into `full/` and `js/full.js` imports on first use. The app
//! hands it what a share link holds, the exported YAML files and the context, so the lazy outputs are
//! the CLI's for the same files. Nothing in the app may call `amlnet_core::export`, `export_notes`
//! or `plan::plan` outside tests: each would link the exporters or the planner into the first load
//! (`tests/e2e/budget.mjs` checks the first-load wasm for their strings).

use amlnet_core::emit::yaml;
use amlnet_core::model::{DnsIntegration, InboundPrivateEndpoint, Networking, Operation};
use amlnet_core::plan::StepKind;
use amlnet_core::{Config, Context, Diagnostic, ExportFormat, GeneratedFile, Severity};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The files of `format` when the app's own wasm generates them (YAML); `None` for the formats of
/// the full core. The same files as the core's `export` (a native test compares).
pub fn local_export(config: &Config, format: ExportFormat) -> Option<Vec<GeneratedFile>> {
    match format {
        ExportFormat::Yaml => Some(yaml::documents(config, true).into_iter().map(|(path, contents)| GeneratedFile { path, contents }).collect()),
        ExportFormat::Cli | ExportFormat::Python | ExportFormat::Arm | ExportFormat::Bicep | ExportFormat::Terraform => None,
    }
}

/// The YAML documents of a configuration as `(name, text)`: what the full core reads.
pub fn yaml_files(config: &Config) -> Vec<(String, String)> {
    yaml::documents(config, true)
}

/// What the full core returns for one format: the files and the export notes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FullExport {
    pub files: Vec<GeneratedFile>,
    pub notes: Vec<Diagnostic>,
}

/// One step of a change plan, as the full core returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct FullStep {
    /// `None` for a kind this build does not know (cannot happen with one build of the core).
    pub kind: Option<StepKind>,
    pub title: String,
    pub detail: String,
}

/// A change plan, as the full core returns it (`plan` of the binding).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FullPlan {
    pub steps: Vec<FullStep>,
    pub warnings: Vec<Diagnostic>,
    pub bash: String,
    pub python: String,
    /// A warning is an error: Azure refuses part of the plan.
    pub has_errors: bool,
}

#[wasm_bindgen(module = "/js/full.js")]
extern "C" {
    #[wasm_bindgen(js_name = fullExport, catch)]
    async fn full_export(files: JsValue, format: &str, options: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fullPlan, catch)]
    async fn full_plan(current: JsValue, desired: JsValue, options: JsValue) -> Result<JsValue, JsValue>;
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

fn get(source: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(source, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(source: &JsValue, key: &str) -> String {
    get(source, key).as_string().unwrap_or_default()
}

fn items(source: &JsValue, key: &str) -> Vec<JsValue> {
    let value = get(source, key);
    if value.is_array() {
        js_sys::Array::from(&value).iter().collect()
    } else {
        Vec::new()
    }
}

/// `[{ name, text }]` of the binding.
fn files_value(files: &[(String, String)]) -> JsValue {
    let array = js_sys::Array::new();
    for (name, body) in files {
        let file = js_sys::Object::new();
        set(&file, "name", &JsValue::from_str(name));
        set(&file, "text", &JsValue::from_str(body));
        array.push(&file);
    }
    array.into()
}

/// The binding's `Options` for a context; `force`, because the app shows the files of a
/// configuration with errors too (Copy and Download ask first).
fn options_value(context: &Context) -> JsValue {
    let Context { subscription_id, resource_group, operation, current_isolation_mode, current_rules: _, networking } = context;
    // `current_rules` is not an option: the full core reads the current rules from the current files.
    let options = js_sys::Object::new();
    if let Some(id) = subscription_id {
        set(&options, "subscriptionId", &JsValue::from_str(id));
    }
    if let Some(group) = resource_group {
        set(&options, "resourceGroup", &JsValue::from_str(group));
    }
    let operation = match operation {
        Operation::Create => "create",
        Operation::Update => "update",
    };
    set(&options, "operation", &JsValue::from_str(operation));
    if let Some(mode) = current_isolation_mode {
        set(&options, "currentIsolationMode", &JsValue::from_str(mode.yaml()));
    }
    set(&options, "networking", &networking_value(networking));
    set(&options, "force", &JsValue::TRUE);
    options.into()
}

/// `options.networking` of the binding (src/dto.rs `NetworkingInput`) for the wizard's settings.
fn networking_value(networking: &Networking) -> JsValue {
    let Networking { inbound_private_endpoints, assign_approver_role, approver_identity } = networking;
    let value = js_sys::Object::new();
    let endpoints = js_sys::Array::new();
    for endpoint in inbound_private_endpoints {
        let InboundPrivateEndpoint { name, subnet, network_resource_group, location, dns } = endpoint;
        let item = js_sys::Object::new();
        set(&item, "subnet", &JsValue::from_str(subnet));
        if !name.is_empty() {
            set(&item, "name", &JsValue::from_str(name));
        }
        if let Some(group) = network_resource_group {
            set(&item, "networkResourceGroup", &JsValue::from_str(group));
        }
        if let Some(location) = location {
            set(&item, "location", &JsValue::from_str(location));
        }
        let mode = match dns {
            DnsIntegration::Create => "create",
            DnsIntegration::Existing(ids) => {
                let list = js_sys::Array::new();
                for id in ids {
                    list.push(&JsValue::from_str(id));
                }
                set(&item, "dnsZoneIds", &list);
                "existing"
            }
            DnsIntegration::Off => "off",
        };
        set(&item, "dns", &JsValue::from_str(mode));
        endpoints.push(&item);
    }
    set(&value, "inboundPrivateEndpoints", &endpoints);
    set(&value, "assignApproverRole", &JsValue::from_bool(*assign_approver_role));
    if let Some(identity) = approver_identity {
        set(&value, "approverIdentity", &JsValue::from_str(identity));
    }
    value.into()
}

/// A diagnostic of the binding as the core's, for the same rendering (a code the registry does not
/// know, which cannot happen with one build of the core, is dropped).
fn diagnostic(value: &JsValue) -> Option<Diagnostic> {
    let code = amlnet_core::rules::find(&text(value, "code"))?.code;
    let severity = match text(value, "severity").as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Info,
    };
    let mut d = Diagnostic::new(code, severity, text(value, "path"), text(value, "message"));
    if let Some(help) = get(value, "help").as_string() {
        d = d.with_help(help);
    }
    let file = get(value, "file").as_string();
    d.file = file;
    Some(d)
}

/// Every step kind, in plan order.
const STEP_KINDS: [StepKind; 11] = [
    StepKind::DeleteFirst,
    StepKind::UpdateWorkspace,
    StepKind::RemoveRule,
    StepKind::AssignApproverRole,
    StepKind::SetRule,
    StepKind::ProvisionNetwork,
    StepKind::CreateInboundEndpoint,
    StepKind::CreateEndpoint,
    StepKind::UpdateEndpoint,
    StepKind::RecreateDeployment,
    StepKind::CreateDeployment,
];

/// A step kind from its report spelling (`update_workspace`).
fn step_kind(name: &str) -> Option<StepKind> {
    STEP_KINDS.into_iter().find(|k| k.as_str() == name)
}

fn error_text(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the full core did not load".to_owned())
}

/// The files and notes of `format` from the full core (loading it on first use).
pub async fn export(config: &Config, format: ExportFormat) -> Result<FullExport, String> {
    let result = full_export(files_value(&yaml_files(config)), format.as_str(), options_value(&config.context)).await.map_err(|e| error_text(&e))?;
    let files = items(&result, "files").iter().map(|f| GeneratedFile { path: text(f, "path"), contents: text(f, "contents") }).collect();
    let notes = items(&result, "notes").iter().filter_map(diagnostic).collect();
    Ok(FullExport { files, notes })
}

/// The change plan from the current files to the configuration, from the full core.
pub async fn plan(current: &[(String, String)], desired: &Config) -> Result<FullPlan, String> {
    let result =
        full_plan(files_value(current), files_value(&yaml_files(desired)), options_value(&desired.context)).await.map_err(|e| error_text(&e))?;
    let steps = items(&result, "steps")
        .iter()
        .map(|s| FullStep { kind: step_kind(&text(s, "kind")), title: text(s, "title"), detail: text(s, "detail") })
        .collect();
    let warnings: Vec<Diagnostic> = items(&result, "warnings").iter().filter_map(diagnostic).collect();
    // The plan's own errors (a refused transition), as `ChangePlan::has_errors`; the binding's
    // `hasErrors` also counts the desired files' errors, which the wizard shows on its steps.
    let has_errors = warnings.iter().any(Diagnostic::is_error);
    Ok(FullPlan { steps, warnings, bash: text(&result, "bash"), python: text(&result, "python"), has_errors })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_kind_is_known() {
        for kind in STEP_KINDS {
            // Exhaustive: a new kind is a compile error here until it is in STEP_KINDS.
            match kind {
                StepKind::DeleteFirst
                | StepKind::UpdateWorkspace
                | StepKind::RemoveRule
                | StepKind::AssignApproverRole
                | StepKind::SetRule
                | StepKind::ProvisionNetwork
                | StepKind::CreateInboundEndpoint
                | StepKind::CreateEndpoint
                | StepKind::UpdateEndpoint
                | StepKind::RecreateDeployment
                | StepKind::CreateDeployment => assert_eq!(step_kind(kind.as_str()), Some(kind)),
            }
        }
        assert_eq!(step_kind("no_such_step"), None);
    }

    #[test]
    fn the_local_exports_are_the_cores() {
        let mut configs = vec![amlnet_core::demo::demo_config()];
        configs.extend(crate::presets::PRESETS.iter().map(|p| (p.build)()));
        for config in &configs {
            for format in ExportFormat::ALL {
                match local_export(config, format) {
                    Some(files) => {
                        assert_eq!(files, amlnet_core::export(config, format), "{format:?}");
                        assert!(amlnet_core::export_notes(config, format).is_empty(), "{format:?} has notes: the app would not show them");
                    }
                    None => assert_ne!(format, ExportFormat::Yaml),
                }
            }
        }
    }
}
