//! The JavaScript-facing shapes: plain objects with camelCase fields, typed for TypeScript by tsify
//! (which reads the serde attributes; the serde impls serve the tests, not the wasm).
//!
//! Only this module knows what crosses the boundary. The output shapes mirror the core's documented
//! reports (`amlnet_core::report`, what `amlnet check|plan|summary --format json` prints), field for
//! field in camelCase. They convert straight from the core's working types (a copy through the report
//! structs costs the wasm about 2 KB gzipped), destructuring them exhaustively as the report does, so a
//! new core field is a compile error in both places; the tests below convert through the reports,
//! destructuring those exhaustively too, and require the same result, so a field added to a report
//! fails `cargo test` until it is mirrored here. Inputs convert into core types; the core stays free
//! of JS concerns.
//! Optional fields are left out of the object when absent (`help?: string`), never `null`, so the
//! TypeScript types and the runtime values agree.

use amlnet_core as core;
use amlnet_core::{Context, RuleInfo, SourceFile};
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The service (or the SDK) rejects the configuration.
    Error,
    /// Accepted, but probably not what was meant.
    Warning,
    /// Worth knowing; nothing to change.
    Info,
}

impl From<core::Severity> for Severity {
    fn from(severity: core::Severity) -> Self {
        match severity {
            core::Severity::Error => Severity::Error,
            core::Severity::Warning => Severity::Warning,
            core::Severity::Info => Severity::Info,
        }
    }
}

/// The kind of a YAML document, spelled as in the CLI's JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Workspace,
    OnlineEndpoint,
    OnlineDeployment,
}

impl From<core::DocumentKind> for DocumentKind {
    fn from(kind: core::DocumentKind) -> Self {
        match kind {
            core::DocumentKind::Workspace => DocumentKind::Workspace,
            core::DocumentKind::OnlineEndpoint => DocumentKind::OnlineEndpoint,
            core::DocumentKind::OnlineDeployment => DocumentKind::OnlineDeployment,
        }
    }
}

impl From<DocumentKind> for core::DocumentKind {
    fn from(kind: DocumentKind) -> Self {
        match kind {
            DocumentKind::Workspace => core::DocumentKind::Workspace,
            DocumentKind::OnlineEndpoint => core::DocumentKind::OnlineEndpoint,
            DocumentKind::OnlineDeployment => core::DocumentKind::OnlineDeployment,
        }
    }
}

/// A workspace's managed-network isolation mode, as written in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum IsolationMode {
    Disabled,
    AllowInternetOutbound,
    AllowOnlyApprovedOutbound,
}

impl From<IsolationMode> for core::model::IsolationMode {
    fn from(mode: IsolationMode) -> Self {
        match mode {
            IsolationMode::Disabled => core::model::IsolationMode::Disabled,
            IsolationMode::AllowInternetOutbound => core::model::IsolationMode::AllowInternetOutbound,
            IsolationMode::AllowOnlyApprovedOutbound => core::model::IsolationMode::AllowOnlyApprovedOutbound,
        }
    }
}

/// Whether the change creates a workspace or updates an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Create,
    Update,
}

/// An export target: YAML documents for `az ml`, a bash script of `az` commands, a Python script
/// using azure-ai-ml, an ARM template, a Bicep file, or a Terraform configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Yaml,
    Cli,
    Python,
    Arm,
    Bicep,
    Terraform,
}

impl From<ExportFormat> for core::ExportFormat {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Yaml => core::ExportFormat::Yaml,
            ExportFormat::Cli => core::ExportFormat::Cli,
            ExportFormat::Python => core::ExportFormat::Python,
            ExportFormat::Arm => core::ExportFormat::Arm,
            ExportFormat::Bicep => core::ExportFormat::Bicep,
            ExportFormat::Terraform => core::ExportFormat::Terraform,
        }
    }
}

impl From<core::ExportFormat> for ExportFormat {
    fn from(format: core::ExportFormat) -> Self {
        match format {
            core::ExportFormat::Yaml => ExportFormat::Yaml,
            core::ExportFormat::Cli => ExportFormat::Cli,
            core::ExportFormat::Python => ExportFormat::Python,
            core::ExportFormat::Arm => ExportFormat::Arm,
            core::ExportFormat::Bicep => ExportFormat::Bicep,
            core::ExportFormat::Terraform => ExportFormat::Terraform,
        }
    }
}

/// What a real change needs besides the documents. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// The Azure subscription the scripts target.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    /// The resource group the scripts target.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
    /// `create` (the default) or `update` an existing workspace.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    /// For an update: the workspace's isolation mode today, to catch one-way changes.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_isolation_mode: Option<IsolationMode>,
    /// The document's kind, when known; otherwise it is detected from `$schema` or the keys.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind>,
    /// The file name diagnostics refer to (default `config.yml`).
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// `exportConfig` only: generate files even when there are errors (default `false`).
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
    /// An organization policy to enforce: the text of a `.amlnet-policy.yml` (its own diagnostics name
    /// that file). Violations are diagnostics like any other: `exportConfig` generates nothing for them
    /// (unless `force`) and `plan` reports `hasErrors`.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The resources the exports add around the workspace (not keys of its YAML): inbound private
    /// endpoints with their private DNS, and the approver role on the rules' private endpoint targets.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub networking: Option<NetworkingInput>,
}

impl Options {
    /// The field names JavaScript may pass (serde-wasm-bindgen reads only known fields, so unknown
    /// ones are found by listing the object's keys against this).
    pub const FIELDS: &'static [&'static str] =
        &["subscriptionId", "resourceGroup", "operation", "currentIsolationMode", "kind", "fileName", "force", "policy", "networking"];
}

/// `options.networking`, as the CLI's networking flags and the wizard's Networking step set it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkingInput {
    /// Private endpoints of the workspace (group `amlworkspace`) in the user's virtual networks.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbound_private_endpoints: Option<Vec<InboundPrivateEndpointInput>>,
    /// Assign "Azure AI Enterprise Network Connection Approver" on the rules' private endpoint targets (default `true`).
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_approver_role: Option<bool>,
    /// The user-assigned identity (ARM id) that gets the role; default: the workspace's primary
    /// user-assigned identity, else its system-assigned identity.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver_identity: Option<String>,
}

impl NetworkingInput {
    pub const FIELDS: &'static [&'static str] = &["inboundPrivateEndpoints", "assignApproverRole", "approverIdentity"];

    pub fn to_model(&self) -> core::model::Networking {
        let NetworkingInput { inbound_private_endpoints, assign_approver_role, approver_identity } = self;
        core::model::Networking {
            inbound_private_endpoints: inbound_private_endpoints.iter().flatten().map(InboundPrivateEndpointInput::to_model).collect(),
            assign_approver_role: assign_approver_role.unwrap_or(true),
            approver_identity: approver_identity.clone(),
        }
    }
}

/// One inbound private endpoint of the workspace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InboundPrivateEndpointInput {
    /// The subnet: its ARM id, or `VNET/SUBNET` in `networkResourceGroup`.
    pub subnet: String,
    /// The endpoint's name (default `<workspace>-pe`).
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The virtual network's resource group for `VNET/SUBNET` (default the workspace's).
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_resource_group: Option<String>,
    /// The endpoint's region, its virtual network's (default the workspace's location).
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Private DNS: `create` the two zones (the default), use `existing` ones (`dnsZoneIds`), or `off`.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns: Option<DnsMode>,
    /// With `dns: "existing"`: the ARM ids of the existing private DNS zones.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_zone_ids: Option<Vec<String>>,
}

impl InboundPrivateEndpointInput {
    pub const FIELDS: &'static [&'static str] = &["subnet", "name", "networkResourceGroup", "location", "dns", "dnsZoneIds"];

    pub fn to_model(&self) -> core::model::InboundPrivateEndpoint {
        let InboundPrivateEndpointInput { subnet, name, network_resource_group, location, dns, dns_zone_ids } = self;
        let ids = || dns_zone_ids.clone().unwrap_or_default();
        core::model::InboundPrivateEndpoint {
            name: name.clone().unwrap_or_default(),
            subnet: subnet.clone(),
            network_resource_group: network_resource_group.clone(),
            location: location.clone(),
            dns: match dns {
                Some(DnsMode::Existing) => core::model::DnsIntegration::Existing(ids()),
                Some(DnsMode::Off) => core::model::DnsIntegration::Off,
                Some(DnsMode::Create) | None => core::model::DnsIntegration::Create,
            },
        }
    }
}

/// Private DNS zone integration of an inbound private endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum DnsMode {
    Create,
    Existing,
    Off,
}

impl SourceFileInput {
    pub const FIELDS: &'static [&'static str] = &["name", "text", "kind"];
}

/// The file name used for a single text when the options name none.
pub const DEFAULT_FILE_NAME: &str = "config.yml";

impl Options {
    pub fn context(&self) -> Context {
        Context {
            subscription_id: self.subscription_id.clone(),
            resource_group: self.resource_group.clone(),
            operation: match self.operation {
                Some(Operation::Update) => core::model::Operation::Update,
                Some(Operation::Create) | None => core::model::Operation::Create,
            },
            current_isolation_mode: self.current_isolation_mode.map(core::model::IsolationMode::from),
            current_rules: Vec::new(),
            networking: self.networking.as_ref().map(NetworkingInput::to_model).unwrap_or_default(),
        }
    }

    /// The policy `options.policy` holds, read as the file `.amlnet-policy.yml`.
    pub fn policy(&self) -> Option<core::policy::PolicyReading> {
        self.policy.as_deref().map(|text| core::policy::read_text(core::policy::FILE_NAME, text))
    }

    /// One source file from a text, named and typed by the options.
    pub fn source_file(&self, text: &str) -> SourceFile {
        let mut file = SourceFile::new(self.file_name.as_deref().unwrap_or(DEFAULT_FILE_NAME), text);
        file.kind = self.kind.map(core::DocumentKind::from);
        file
    }
}

/// One input document of `exportConfig`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceFileInput {
    /// The name diagnostics refer to, e.g. `workspace.yml`.
    pub name: String,
    /// The YAML text.
    pub text: String,
    /// The document's kind, when known.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind>,
}

impl From<SourceFileInput> for SourceFile {
    fn from(input: SourceFileInput) -> Self {
        let mut file = SourceFile::new(input.name, input.text);
        file.kind = input.kind.map(core::DocumentKind::from);
        file
    }
}

/// A change that resolves a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// What the fix does ("Quote the value").
    pub title: String,
    /// The field the fix changes.
    pub path: String,
    /// The new value as YAML text; absent when the fix removes the key.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// One finding: the fields of `amlnet check --format json` (`report::Diagnostic`), in camelCase.
/// Lines and columns are 1-based and count Unicode code points; the end is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// The file the finding belongs to.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Stable kebab-case rule code; `explain(code)` documents it.
    pub code: String,
    /// `reading` (azure-ai-ml's own reading of the file), `model`, `export` or `plan`.
    pub stage: String,
    pub severity: Severity,
    pub message: String,
    /// The field, e.g. `managed_network.outbound_rules[2].destination`; empty for the whole document.
    pub path: String,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// Positions beyond `u32` cannot occur (inputs are limited far below 4 GiB); saturate rather than wrap.
fn position(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl From<&core::Diagnostic> for Diagnostic {
    fn from(d: &core::Diagnostic) -> Self {
        let core::Diagnostic { code, severity, message, path, file, range, help, fix } = d;
        Diagnostic {
            file: file.clone(),
            code: (*code).to_owned(),
            stage: core::rules::stage(code).unwrap_or("model").to_owned(),
            severity: (*severity).into(),
            message: message.clone(),
            path: path.clone(),
            line: range.map(|r| position(r.line)),
            column: range.map(|r| position(r.column)),
            end_line: range.map(|r| position(r.end_line)),
            end_column: range.map(|r| position(r.end_column)),
            help: help.clone(),
            fix: fix.as_ref().map(|core::Fix { title, path, replacement }| Fix {
                title: title.clone(),
                path: path.clone(),
                replacement: replacement.clone(),
            }),
        }
    }
}

/// What `validate` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ValidateResult {
    /// The version of the output shapes (`report::VERSION`, the `version` of the CLI's JSON).
    pub version: u32,
    /// The detected (or given) kind; absent when the text is not a document amlnet knows.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind>,
    /// All findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// True when at least one diagnostic is an error.
    pub has_errors: bool,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedFile {
    /// A relative file name: `workspace.yml`, `deploy.sh`, `amlnet_deploy.py`.
    pub path: String,
    pub contents: String,
}

impl From<core::GeneratedFile> for GeneratedFile {
    fn from(file: core::GeneratedFile) -> Self {
        GeneratedFile { path: file.path, contents: file.contents }
    }
}

/// What `exportConfig` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    /// The generated files; empty when there are errors, unless `force` was set.
    pub files: Vec<GeneratedFile>,
    /// All findings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// What the format cannot express natively and how the files work around it (the Terraform azapi
    /// fallbacks); empty for most formats.
    pub notes: Vec<Diagnostic>,
    /// True when at least one diagnostic is an error.
    pub has_errors: bool,
}

/// What a plan step does, in plan order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    DeleteFirst,
    UpdateWorkspace,
    RemoveRule,
    AssignApproverRole,
    SetRule,
    ProvisionNetwork,
    CreateInboundEndpoint,
    CreateEndpoint,
    UpdateEndpoint,
    RecreateDeployment,
    CreateDeployment,
}

impl From<core::plan::StepKind> for StepKind {
    fn from(kind: core::plan::StepKind) -> Self {
        use core::plan::StepKind as K;
        match kind {
            K::DeleteFirst => StepKind::DeleteFirst,
            K::UpdateWorkspace => StepKind::UpdateWorkspace,
            K::RemoveRule => StepKind::RemoveRule,
            K::AssignApproverRole => StepKind::AssignApproverRole,
            K::SetRule => StepKind::SetRule,
            K::CreateInboundEndpoint => StepKind::CreateInboundEndpoint,
            K::ProvisionNetwork => StepKind::ProvisionNetwork,
            K::CreateEndpoint => StepKind::CreateEndpoint,
            K::UpdateEndpoint => StepKind::UpdateEndpoint,
            K::RecreateDeployment => StepKind::RecreateDeployment,
            K::CreateDeployment => StepKind::CreateDeployment,
        }
    }
}

/// One step of a change plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlanStep {
    pub kind: StepKind,
    /// One line ("Remove outbound rule `pypi`").
    pub title: String,
    /// Why, and what to expect.
    pub detail: String,
    /// The bash commands of this step.
    pub bash: String,
    /// The Python statements of this step.
    pub python: String,
}

impl From<&core::plan::PlanStep> for PlanStep {
    fn from(step: &core::plan::PlanStep) -> Self {
        let core::plan::PlanStep { kind, title, detail, bash, python } = step;
        PlanStep { kind: (*kind).into(), title: title.clone(), detail: detail.clone(), bash: bash.clone(), python: python.clone() }
    }
}

/// What `plan` returns: the fields of `amlnet plan --format json` (`report::Plan`) in camelCase, then
/// the text and the findings of both states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlanResult {
    /// The version of the output shapes.
    pub version: u32,
    /// True when there is at least one step.
    pub has_changes: bool,
    /// The ordered steps; empty when nothing changes.
    pub steps: Vec<PlanStep>,
    /// What matters before anyone runs the plan; an error means Azure refuses part of it.
    pub warnings: Vec<Diagnostic>,
    /// The whole plan as one bash script.
    pub bash: String,
    /// The whole plan as one Python (azure-ai-ml) script.
    pub python: String,
    /// The plan as text: warnings, numbered steps, then the bash script.
    pub text: String,
    /// Findings in the current-state files (YAML or `az ml ... show` JSON).
    pub current_diagnostics: Vec<Diagnostic>,
    /// Findings in the desired configuration's files.
    pub desired_diagnostics: Vec<Diagnostic>,
    /// True when a warning or a desired-state diagnostic is an error: do not run the plan.
    pub has_errors: bool,
}

impl PlanResult {
    pub fn new(plan: &core::plan::ChangePlan, current: &[core::Diagnostic], desired: &[core::Diagnostic]) -> Self {
        let core::plan::ChangePlan { steps, warnings, bash, python } = plan;
        PlanResult {
            version: core::report::VERSION,
            has_changes: !plan.is_empty(),
            steps: steps.iter().map(PlanStep::from).collect(),
            warnings: warnings.iter().map(Diagnostic::from).collect(),
            bash: bash.clone(),
            python: python.clone(),
            text: plan.render_text(),
            current_diagnostics: current.iter().map(Diagnostic::from).collect(),
            desired_diagnostics: desired.iter().map(Diagnostic::from).collect(),
            has_errors: plan.has_errors() || desired.iter().any(core::Diagnostic::is_error),
        }
    }
}

/// How a summary line reads in a change request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Neutral,
    Risk,
    Cost,
}

impl From<core::summary::Tone> for Tone {
    fn from(tone: core::summary::Tone) -> Self {
        match tone {
            core::summary::Tone::Good => Tone::Good,
            core::summary::Tone::Neutral => Tone::Neutral,
            core::summary::Tone::Risk => Tone::Risk,
            core::summary::Tone::Cost => Tone::Cost,
        }
    }
}

/// One line of a summary section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SummaryLine {
    pub text: String,
    pub tone: Tone,
}

/// One section of the summary (`outbound`, `exfiltration`, `billed`, `inbound`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SummarySection {
    pub id: String,
    pub title: String,
    pub lines: Vec<SummaryLine>,
}

/// One way out of the managed network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OutboundPath {
    /// `internet`, `required`, `service_tag`, `fqdn` or `private_endpoint`.
    pub kind: String,
    /// What it reaches (`pypi.org`, `AzureMonitor TCP 443`).
    pub target: String,
    /// The user rule that opens it; absent for what the service adds.
    #[tsify(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// One billed resource (or group of identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct BilledItem {
    /// `private_endpoint`, `private_dns_zone` or `azure_firewall`.
    pub kind: String,
    pub what: String,
    pub count: u32,
}

/// One inbound access fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct InboundFact {
    /// `workspace`, `endpoint` or `deployment`.
    pub scope: String,
    pub name: String,
    /// `enabled`, `disabled`, `unset` or `kubernetes`.
    pub public_network_access: String,
}

/// A private endpoint of the workspace that the exports create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct InboundEndpoint {
    pub name: String,
    pub virtual_network: String,
    pub subnet: String,
    /// `created`, `existing` or `off`.
    pub dns: String,
}

/// What `summary` returns: the fields of `amlnet summary --format json` (`report::Summary`) in
/// camelCase, then the text and the findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SummaryResult {
    /// The version of the output shapes.
    pub version: u32,
    /// One line naming what is summarized.
    pub headline: String,
    pub sections: Vec<SummarySection>,
    pub outbound_paths: Vec<OutboundPath>,
    /// True only in approved-outbound mode.
    pub exfiltration_protection: bool,
    /// The user rules that open ways out of the protection.
    pub exfiltration_weakened_by: Vec<String>,
    pub billed: Vec<BilledItem>,
    pub inbound: Vec<InboundFact>,
    /// The workspace's private endpoints the exports create.
    pub inbound_private_endpoints: Vec<InboundEndpoint>,
    /// The summary as plain text, to paste into a change request.
    pub text: String,
    /// Findings in the files the summary was made from.
    pub diagnostics: Vec<Diagnostic>,
    pub has_errors: bool,
}

impl SummaryResult {
    pub fn new(summary: &core::summary::Summary, diagnostics: &[core::Diagnostic]) -> Self {
        use core::summary as s;
        let s::Summary {
            headline,
            sections,
            outbound_paths,
            exfiltration_protection,
            exfiltration_weakened_by,
            billed,
            inbound,
            inbound_private_endpoints,
        } = summary;
        SummaryResult {
            version: core::report::VERSION,
            headline: headline.clone(),
            sections: sections
                .iter()
                .map(|s::Section { id, title, lines }| SummarySection {
                    id: (*id).to_owned(),
                    title: title.clone(),
                    lines: lines.iter().map(|s::Line { text, tone }| SummaryLine { text: text.clone(), tone: (*tone).into() }).collect(),
                })
                .collect(),
            outbound_paths: outbound_paths
                .iter()
                .map(|s::OutboundPath { kind, target, rule }| OutboundPath { kind: (*kind).to_owned(), target: target.clone(), rule: rule.clone() })
                .collect(),
            exfiltration_protection: *exfiltration_protection,
            exfiltration_weakened_by: exfiltration_weakened_by.clone(),
            billed: billed
                .iter()
                .map(|s::BilledItem { kind, what, count }| BilledItem { kind: (*kind).to_owned(), what: what.clone(), count: *count })
                .collect(),
            inbound: inbound
                .iter()
                .map(|s::InboundFact { scope, name, public_network_access }| InboundFact {
                    scope: (*scope).to_owned(),
                    name: name.clone(),
                    public_network_access: (*public_network_access).to_owned(),
                })
                .collect(),
            inbound_private_endpoints: inbound_private_endpoints
                .iter()
                .map(|s::InboundEndpointFact { name, virtual_network, subnet, dns }| InboundEndpoint {
                    name: name.clone(),
                    virtual_network: virtual_network.clone(),
                    subnet: subnet.clone(),
                    dns: (*dns).to_owned(),
                })
                .collect(),
            text: summary.render_text(),
            diagnostics: diagnostics.iter().map(Diagnostic::from).collect(),
            has_errors: diagnostics.iter().any(core::Diagnostic::is_error),
        }
    }
}

/// One rule of the registry, as listed by `rules()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RuleSummary {
    pub code: String,
    /// The severity the rule is reported with by default.
    pub severity: Severity,
    /// One line.
    pub summary: String,
}

impl From<&RuleInfo> for RuleSummary {
    fn from(rule: &RuleInfo) -> Self {
        RuleSummary { code: rule.code.to_owned(), severity: rule.severity.into(), summary: rule.summary.to_owned() }
    }
}

/// A rule with its documentation, as returned by `explain(code)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RuleDocs {
    pub code: String,
    pub severity: Severity,
    pub summary: String,
    /// Markdown: what it catches, why it matters, an example, what to write instead.
    pub docs: String,
}

impl From<&RuleInfo> for RuleDocs {
    fn from(rule: &RuleInfo) -> Self {
        RuleDocs { code: rule.code.to_owned(), severity: rule.severity.into(), summary: rule.summary.to_owned(), docs: rule.docs.to_owned() }
    }
}

/// The results cross to JavaScript as JSON text that the binding hands to `JSON.parse` (one call per
/// result): a hand-written writer per shape instead of serde's per-field code and serde-wasm-bindgen's
/// serializer, about 2.7 KB gzip off the small wasm and 5 KB off the full one (building the objects with
/// `js_sys::Reflect::set` instead measured 450 bytes larger for `validate` alone). `JSON.parse` gives the plain objects serde-wasm-bindgen
/// built: keys in declaration order, absent optional fields left out, numbers and strings alike; the
/// tests below require the writer's text to equal `serde_json`'s for the same DTO, and
/// tests/npm/results.test.mjs compares the package's results with a record.
pub trait ToJson {
    fn write_json(&self, out: &mut String);

    /// The JSON text of the value.
    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

/// A JSON string literal, escaped as `serde_json` escapes it.
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        json_string(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        json_string(out, self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for u32 {
    fn write_json(&self, out: &mut String) {
        let mut digits = [0u8; 10];
        let mut n = *self;
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        digits[i..].iter().for_each(|d| out.push(char::from(*d)));
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// An object being written: `field` adds `"key":value`, `optional` only a present value (serde's
/// `skip_serializing_if = "Option::is_none"`).
struct JsonObject<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> JsonObject<'a> {
    fn new(out: &'a mut String) -> Self {
        out.push('{');
        JsonObject { out, empty: true }
    }

    fn field<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) -> &mut Self {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        json_string(self.out, key);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    fn optional<T: ToJson>(&mut self, key: &str, value: &Option<T>) -> &mut Self {
        match value {
            Some(value) => self.field(key, value),
            None => self,
        }
    }

    fn end(&mut self) {
        self.out.push('}');
    }
}

/// The JSON of the unit enums: their serde names (a test compares them).
macro_rules! json_names {
    ($($ty:ident { $($variant:ident => $name:literal),* $(,)? })*) => {$(
        impl $ty {
            /// The name JavaScript sees (the serde name).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }
        }

        impl ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                json_string(out, self.as_str());
            }
        }
    )*};
}

json_names! {
    Severity { Error => "error", Warning => "warning", Info => "info" }
    DocumentKind { Workspace => "workspace", OnlineEndpoint => "online_endpoint", OnlineDeployment => "online_deployment" }
    StepKind {
        DeleteFirst => "delete_first",
        UpdateWorkspace => "update_workspace",
        RemoveRule => "remove_rule",
        AssignApproverRole => "assign_approver_role",
        SetRule => "set_rule",
        ProvisionNetwork => "provision_network",
        CreateInboundEndpoint => "create_inbound_endpoint",
        CreateEndpoint => "create_endpoint",
        UpdateEndpoint => "update_endpoint",
        RecreateDeployment => "recreate_deployment",
        CreateDeployment => "create_deployment",
    }
    Tone { Good => "good", Neutral => "neutral", Risk => "risk", Cost => "cost" }
}

// Each shape writes its fields in declaration order, destructured without `..`: a new field does not
// compile until it is written.

impl ToJson for Fix {
    fn write_json(&self, out: &mut String) {
        let Fix { title, path, replacement } = self;
        JsonObject::new(out).field("title", title).field("path", path).optional("replacement", replacement).end();
    }
}

impl ToJson for Diagnostic {
    fn write_json(&self, out: &mut String) {
        let Diagnostic { file, code, stage, severity, message, path, line, column, end_line, end_column, help, fix } = self;
        JsonObject::new(out)
            .optional("file", file)
            .field("code", code)
            .field("stage", stage)
            .field("severity", severity)
            .field("message", message)
            .field("path", path)
            .optional("line", line)
            .optional("column", column)
            .optional("endLine", end_line)
            .optional("endColumn", end_column)
            .optional("help", help)
            .optional("fix", fix)
            .end();
    }
}

// The core's own values, written as their DTOs (`Diagnostic::from`, `GeneratedFile::from`) are: what
// `validate` and `exportConfig` send, without copying every diagnostic first (tests in lib.rs compare).

impl ToJson for core::Fix {
    fn write_json(&self, out: &mut String) {
        let core::Fix { title, path, replacement } = self;
        JsonObject::new(out).field("title", title).field("path", path).optional("replacement", replacement).end();
    }
}

impl ToJson for core::Diagnostic {
    fn write_json(&self, out: &mut String) {
        let core::Diagnostic { code, severity, message, path, file, range, help, fix } = self;
        let mut object = JsonObject::new(out);
        object
            .optional("file", file)
            .field("code", *code)
            .field("stage", core::rules::stage(code).unwrap_or("model"))
            .field("severity", &Severity::from(*severity))
            .field("message", message)
            .field("path", path);
        if let Some(range) = range {
            object
                .field("line", &position(range.line))
                .field("column", &position(range.column))
                .field("endLine", &position(range.end_line))
                .field("endColumn", &position(range.end_column));
        }
        object.optional("help", help).optional("fix", fix).end();
    }
}

impl ToJson for core::GeneratedFile {
    fn write_json(&self, out: &mut String) {
        let core::GeneratedFile { path, contents } = self;
        JsonObject::new(out).field("path", path).field("contents", contents).end();
    }
}

/// The JSON of a [`ValidateResult`] with these fields.
pub fn validate_json(kind: Option<DocumentKind>, diagnostics: &[core::Diagnostic], has_errors: bool) -> String {
    let mut out = String::new();
    JsonObject::new(&mut out)
        .field("version", &core::report::VERSION)
        .optional("kind", &kind)
        .field("diagnostics", diagnostics)
        .field("hasErrors", &has_errors)
        .end();
    out
}

/// The JSON of an [`ExportResult`] with these fields.
pub fn export_json(files: &[core::GeneratedFile], diagnostics: &[core::Diagnostic], notes: &[core::Diagnostic], has_errors: bool) -> String {
    let mut out = String::new();
    JsonObject::new(&mut out).field("files", files).field("diagnostics", diagnostics).field("notes", notes).field("hasErrors", &has_errors).end();
    out
}

impl ToJson for ValidateResult {
    fn write_json(&self, out: &mut String) {
        let ValidateResult { version, kind, diagnostics, has_errors } = self;
        JsonObject::new(out).field("version", version).optional("kind", kind).field("diagnostics", diagnostics).field("hasErrors", has_errors).end();
    }
}

impl ToJson for GeneratedFile {
    fn write_json(&self, out: &mut String) {
        let GeneratedFile { path, contents } = self;
        JsonObject::new(out).field("path", path).field("contents", contents).end();
    }
}

impl ToJson for ExportResult {
    fn write_json(&self, out: &mut String) {
        let ExportResult { files, diagnostics, notes, has_errors } = self;
        JsonObject::new(out).field("files", files).field("diagnostics", diagnostics).field("notes", notes).field("hasErrors", has_errors).end();
    }
}

impl ToJson for RuleSummary {
    fn write_json(&self, out: &mut String) {
        let RuleSummary { code, severity, summary } = self;
        JsonObject::new(out).field("code", code).field("severity", severity).field("summary", summary).end();
    }
}

impl ToJson for RuleDocs {
    fn write_json(&self, out: &mut String) {
        let RuleDocs { code, severity, summary, docs } = self;
        JsonObject::new(out).field("code", code).field("severity", severity).field("summary", summary).field("docs", docs).end();
    }
}

impl ToJson for PlanStep {
    fn write_json(&self, out: &mut String) {
        let PlanStep { kind, title, detail, bash, python } = self;
        JsonObject::new(out).field("kind", kind).field("title", title).field("detail", detail).field("bash", bash).field("python", python).end();
    }
}

impl ToJson for PlanResult {
    fn write_json(&self, out: &mut String) {
        let PlanResult { version, has_changes, steps, warnings, bash, python, text, current_diagnostics, desired_diagnostics, has_errors } = self;
        JsonObject::new(out)
            .field("version", version)
            .field("hasChanges", has_changes)
            .field("steps", steps)
            .field("warnings", warnings)
            .field("bash", bash)
            .field("python", python)
            .field("text", text)
            .field("currentDiagnostics", current_diagnostics)
            .field("desiredDiagnostics", desired_diagnostics)
            .field("hasErrors", has_errors)
            .end();
    }
}

impl ToJson for SummaryLine {
    fn write_json(&self, out: &mut String) {
        let SummaryLine { text, tone } = self;
        JsonObject::new(out).field("text", text).field("tone", tone).end();
    }
}

impl ToJson for SummarySection {
    fn write_json(&self, out: &mut String) {
        let SummarySection { id, title, lines } = self;
        JsonObject::new(out).field("id", id).field("title", title).field("lines", lines).end();
    }
}

impl ToJson for OutboundPath {
    fn write_json(&self, out: &mut String) {
        let OutboundPath { kind, target, rule } = self;
        JsonObject::new(out).field("kind", kind).field("target", target).optional("rule", rule).end();
    }
}

impl ToJson for BilledItem {
    fn write_json(&self, out: &mut String) {
        let BilledItem { kind, what, count } = self;
        JsonObject::new(out).field("kind", kind).field("what", what).field("count", count).end();
    }
}

impl ToJson for InboundFact {
    fn write_json(&self, out: &mut String) {
        let InboundFact { scope, name, public_network_access } = self;
        JsonObject::new(out).field("scope", scope).field("name", name).field("publicNetworkAccess", public_network_access).end();
    }
}

impl ToJson for InboundEndpoint {
    fn write_json(&self, out: &mut String) {
        let InboundEndpoint { name, virtual_network, subnet, dns } = self;
        JsonObject::new(out).field("name", name).field("virtualNetwork", virtual_network).field("subnet", subnet).field("dns", dns).end();
    }
}

impl ToJson for SummaryResult {
    fn write_json(&self, out: &mut String) {
        let SummaryResult {
            version,
            headline,
            sections,
            outbound_paths,
            exfiltration_protection,
            exfiltration_weakened_by,
            billed,
            inbound,
            inbound_private_endpoints,
            text,
            diagnostics,
            has_errors,
        } = self;
        JsonObject::new(out)
            .field("version", version)
            .field("headline", headline)
            .field("sections", sections)
            .field("outboundPaths", outbound_paths)
            .field("exfiltrationProtection", exfiltration_protection)
            .field("exfiltrationWeakenedBy", exfiltration_weakened_by)
            .field("billed", billed)
            .field("inbound", inbound)
            .field("inboundPrivateEndpoints", inbound_private_endpoints)
            .field("text", text)
            .field("diagnostics", diagnostics)
            .field("hasErrors", has_errors)
            .end();
    }
}

#[cfg(test)]
// The plan and summary conversions are checked in the full build (`cargo test -p amlnet --features full`).
#[cfg_attr(not(feature = "full"), allow(dead_code))]
mod tests {
    //! The DTOs equal the core's reports field for field: each report is destructured exhaustively
    //! (a new report field does not compile here until it is mirrored) and compared with the direct
    //! conversion the binding uses.

    use super::*;
    use amlnet_core::report as r;

    fn diagnostic(d: r::Diagnostic) -> Diagnostic {
        let r::Diagnostic { file, code, stage, severity, message, path, line, column, end_line, end_column, help, fix } = d;
        Diagnostic {
            file,
            code: code.to_owned(),
            stage: stage.to_owned(),
            severity: severity.into(),
            message,
            path,
            line: line.map(position),
            column: column.map(position),
            end_line: end_line.map(position),
            end_column: end_column.map(position),
            help,
            fix: fix.map(|r::Fix { title, path, replacement }| Fix { title, path, replacement }),
        }
    }

    fn plan(p: r::Plan, text: String, current: Vec<Diagnostic>, desired: Vec<Diagnostic>) -> PlanResult {
        let r::Plan { version, has_changes, has_errors, steps, warnings, bash, python } = p;
        PlanResult {
            version,
            has_changes,
            steps: steps
                .into_iter()
                .map(|r::PlanStep { kind, title, detail, bash, python }| PlanStep { kind: kind.into(), title, detail, bash, python })
                .collect(),
            warnings: warnings.into_iter().map(diagnostic).collect(),
            bash,
            python,
            text,
            has_errors: has_errors || desired.iter().any(|d| d.severity == Severity::Error),
            current_diagnostics: current,
            desired_diagnostics: desired,
        }
    }

    fn summary(s: r::Summary, text: String, diagnostics: Vec<Diagnostic>) -> SummaryResult {
        let r::Summary {
            version,
            headline,
            sections,
            outbound_paths,
            exfiltration_protection,
            exfiltration_weakened_by,
            billed,
            inbound,
            inbound_private_endpoints,
        } = s;
        SummaryResult {
            version,
            headline,
            sections: sections
                .into_iter()
                .map(|r::SummarySection { id, title, lines }| SummarySection {
                    id: id.to_owned(),
                    title,
                    lines: lines.into_iter().map(|r::SummaryLine { text, tone }| SummaryLine { text, tone: tone.into() }).collect(),
                })
                .collect(),
            outbound_paths: outbound_paths
                .into_iter()
                .map(|r::OutboundPath { kind, target, rule }| OutboundPath { kind: kind.to_owned(), target, rule })
                .collect(),
            exfiltration_protection,
            exfiltration_weakened_by,
            billed: billed.into_iter().map(|r::BilledItem { kind, what, count }| BilledItem { kind: kind.to_owned(), what, count }).collect(),
            inbound: inbound
                .into_iter()
                .map(|r::InboundFact { scope, name, public_network_access }| InboundFact {
                    scope: scope.to_owned(),
                    name,
                    public_network_access: public_network_access.to_owned(),
                })
                .collect(),
            inbound_private_endpoints: inbound_private_endpoints
                .into_iter()
                .map(|r::InboundEndpoint { name, virtual_network, subnet, dns }| InboundEndpoint {
                    name,
                    virtual_network,
                    subnet,
                    dns: dns.to_owned(),
                })
                .collect(),
            text,
            has_errors: diagnostics.iter().any(|d| d.severity == Severity::Error),
            diagnostics,
        }
    }

    fn demo() -> Vec<SourceFile> {
        amlnet_core::demo::DEMO_FILES.iter().map(|(name, text)| SourceFile::new(*name, *text)).collect()
    }

    #[test]
    fn diagnostics_mirror_the_report() {
        let broken = "name: ws1\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n  outbound_rules:\n  - name: p\n    type: fqdn\n    destination: pypi.org\n  - name: t\n    type: service_tag\n    destination:\n      service_tag: AzureMonitor\n      port_ranges: 443\n";
        let analysis = amlnet_core::analyze(&[SourceFile::new("ws.yml", broken)], Context::default());
        assert!(analysis.diagnostics.iter().any(|d| d.fix.is_some() && d.range.is_some()), "{:#?}", analysis.diagnostics);
        for d in &analysis.diagnostics {
            assert_eq!(Diagnostic::from(d), diagnostic(r::Diagnostic::from(d)));
        }
    }

    #[cfg(feature = "full")]
    #[test]
    fn plans_mirror_the_report() {
        let current = amlnet_core::plan::read_current(&[SourceFile::new(
            "current.json",
            r#"{"name": "contoso-ml", "managed_network": {"isolation_mode": "allow_internet_outbound", "outbound_rules": []}}"#,
        )]);
        let desired = amlnet_core::analyze(&demo(), current.context(&amlnet_core::Context::default()));
        let change = amlnet_core::plan::plan_with_sources(&current.config, &desired.config, &desired.sources);
        assert!(!change.steps.is_empty() && !change.warnings.is_empty());
        let direct = PlanResult::new(&change, &current.diagnostics, &desired.diagnostics);
        let mirrored = plan(
            r::Plan::from(&change),
            change.render_text(),
            current.diagnostics.iter().map(Diagnostic::from).collect(),
            desired.diagnostics.iter().map(Diagnostic::from).collect(),
        );
        assert_eq!(direct, mirrored);
    }

    #[cfg(feature = "full")]
    #[test]
    fn summaries_mirror_the_report() {
        let analysis = amlnet_core::analyze(&demo(), Context::default());
        let facts = amlnet_core::summary::summarize(&analysis.config);
        assert!(!facts.outbound_paths.is_empty() && !facts.billed.is_empty() && !facts.inbound.is_empty());
        let direct = SummaryResult::new(&facts, &analysis.diagnostics);
        let mirrored = summary(r::Summary::from(&facts), facts.render_text(), analysis.diagnostics.iter().map(Diagnostic::from).collect());
        assert_eq!(direct, mirrored);
    }
    #[test]
    fn json_strings_and_numbers_are_written_as_serde_json_writes_them() {
        let text: String = (0u8..0x80).map(char::from).chain("é\u{2028}\u{2029}\u{feff}😀\"\\".chars()).collect();
        let d = Diagnostic {
            file: Some(text.clone()),
            code: String::new(),
            stage: "model".into(),
            severity: Severity::Info,
            message: text.clone(),
            path: "a\u{0}b".into(),
            line: Some(0),
            column: Some(u32::MAX),
            end_line: Some(10),
            end_column: None,
            help: None,
            fix: Some(Fix { title: text, path: String::new(), replacement: None }),
        };
        assert_eq!(d.to_json(), serde_json::to_string(&d).expect("serializable"));
    }

    #[test]
    fn json_names_are_the_serde_names() {
        fn check<T: Serialize + ToJson>(values: &[T]) {
            for value in values {
                assert_eq!(value.to_json(), serde_json::to_string(value).expect("serializable"));
            }
        }
        check(&[Severity::Error, Severity::Warning, Severity::Info]);
        check(&[DocumentKind::Workspace, DocumentKind::OnlineEndpoint, DocumentKind::OnlineDeployment]);
        use StepKind as K;
        check(&[
            K::DeleteFirst,
            K::UpdateWorkspace,
            K::RemoveRule,
            K::AssignApproverRole,
            K::SetRule,
            K::ProvisionNetwork,
            K::CreateInboundEndpoint,
            K::CreateEndpoint,
            K::UpdateEndpoint,
            K::RecreateDeployment,
            K::CreateDeployment,
        ]);
        check(&[Tone::Good, Tone::Neutral, Tone::Risk, Tone::Cost]);
    }
}
