//! The documented, versioned output shapes: what `check`, `plan` and `summary --format json` print and
//! what the npm package's types mirror (in camelCase).
//!
//! The core's working types ([`crate::Diagnostic`], [`crate::plan::ChangePlan`],
//! [`crate::summary::Summary`]) are free to change; these structs are the contract. Each report carries
//! `version` ([`VERSION`]): a field is added without changing it, and anything else (a field renamed,
//! removed or given another meaning) raises it. Optional fields are left out when absent, never `null`.
//! Lines and columns are 1-based and count Unicode code points; ends are exclusive. Byte offsets are
//! internal and never part of a report. docs/output.md describes every field.
//!
//! Every conversion destructures its source exhaustively, so a new field of a working type is a compile
//! error here until someone decides whether it belongs in the output.

use crate::diagnostic::Severity;
use crate::model::DocumentKind;
use crate::plan::StepKind;
use crate::summary::Tone;
use serde::Serialize;

/// The version of every report shape.
pub const VERSION: u32 = 1;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file the finding belongs to; absent for the context (command-line flags).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Stable kebab-case rule code (`amlnet explain CODE`).
    pub code: &'static str,
    /// `reading` (azure-ai-ml's own reading of the file), `model`, `export` or `plan`.
    pub stage: &'static str,
    pub severity: Severity,
    /// One sentence without a trailing period.
    pub message: String,
    /// The field (`managed_network.outbound_rules[2].destination.port_ranges`); empty for the document.
    pub path: String,
    /// Where in the file; absent when the input was not text or the field was not written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// A machine-applicable change that resolves the finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// A machine-applicable change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does ("Quote the value").
    pub title: String,
    /// The field it changes (same syntax as [`Diagnostic::path`]).
    pub path: String,
    /// The new value as YAML text; absent when the fix removes the key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

impl From<&crate::Diagnostic> for Diagnostic {
    fn from(d: &crate::Diagnostic) -> Self {
        let crate::Diagnostic { code, severity, message, path, file, range, help, fix } = d;
        Diagnostic {
            file: file.clone(),
            code,
            stage: crate::rules::stage(code).unwrap_or("model"),
            severity: *severity,
            message: message.clone(),
            path: path.clone(),
            line: range.map(|r| r.line),
            column: range.map(|r| r.column),
            end_line: range.map(|r| r.end_line),
            end_column: range.map(|r| r.end_column),
            help: help.clone(),
            fix: fix.as_ref().map(|crate::Fix { title, path, replacement }| Fix {
                title: title.clone(),
                path: path.clone(),
                replacement: replacement.clone(),
            }),
        }
    }
}

/// The findings of one or more diagnostics, in order.
pub fn diagnostics(list: &[crate::Diagnostic]) -> Vec<Diagnostic> {
    list.iter().map(Diagnostic::from).collect()
}

/// What `check --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// [`VERSION`].
    pub version: u32,
    /// Each input file with the kind it was read as (absent when it could not be read).
    pub files: Vec<CheckedFile>,
    /// All findings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// One input file of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckedFile {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind>,
}

impl Check {
    pub fn new(analysis: &crate::Analysis) -> Self {
        let count = |s: Severity| analysis.diagnostics.iter().filter(|d| d.severity == s).count();
        Check {
            version: VERSION,
            files: analysis.kinds.iter().map(|(name, kind)| CheckedFile { name: name.clone(), kind: *kind }).collect(),
            diagnostics: diagnostics(&analysis.diagnostics),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

/// What `plan --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// [`VERSION`].
    pub version: u32,
    /// True when there is at least one step.
    pub has_changes: bool,
    /// True when a warning is an error (Azure refuses part of the change): do not run the plan.
    pub has_errors: bool,
    /// The ordered steps; empty when nothing changes.
    pub steps: Vec<PlanStep>,
    /// What matters before anyone runs the plan (registry rules of the `plan` stage).
    pub warnings: Vec<Diagnostic>,
    /// The whole plan as one bash script.
    pub bash: String,
    /// The whole plan as one azure-ai-ml script.
    pub python: String,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanStep {
    /// What the step does; the plan's order is the order of these kinds.
    pub kind: StepKind,
    /// One line ("Remove outbound rule `pypi`").
    pub title: String,
    /// Why, and what to expect.
    pub detail: String,
    /// The step's bash commands (without the script's header).
    pub bash: String,
    /// The step's Python statements, unindented.
    pub python: String,
}

impl From<&crate::plan::ChangePlan> for Plan {
    fn from(plan: &crate::plan::ChangePlan) -> Self {
        let crate::plan::ChangePlan { steps, warnings, bash, python } = plan;
        Plan {
            version: VERSION,
            has_changes: !plan.is_empty(),
            has_errors: plan.has_errors(),
            steps: steps
                .iter()
                .map(|crate::plan::PlanStep { kind, title, detail, bash, python }| PlanStep {
                    kind: *kind,
                    title: title.clone(),
                    detail: detail.clone(),
                    bash: bash.clone(),
                    python: python.clone(),
                })
                .collect(),
            warnings: diagnostics(warnings),
            bash: bash.clone(),
            python: python.clone(),
        }
    }
}

/// What `summary --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// [`VERSION`].
    pub version: u32,
    /// One line naming what is summarized.
    pub headline: String,
    /// `outbound`, `exfiltration`, `billed`, `inbound`, in that order: the text for people.
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
}

/// A private endpoint of the workspace that the exports create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundEndpoint {
    pub name: String,
    pub virtual_network: String,
    pub subnet: String,
    /// `created`, `existing` or `off`.
    pub dns: &'static str,
}

/// One section of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummarySection {
    pub id: &'static str,
    pub title: String,
    pub lines: Vec<SummaryLine>,
}

/// One line of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryLine {
    pub text: String,
    /// `good`, `neutral`, `risk` or `cost`.
    pub tone: Tone,
}

/// One way out of the managed network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboundPath {
    /// `internet`, `required`, `service_tag`, `fqdn` or `private_endpoint`.
    pub kind: &'static str,
    /// What it reaches (`pypi.org`, `AzureMonitor TCP 443`).
    pub target: String,
    /// The user rule that opens it; absent for what the service adds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// One billed resource (or group of identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BilledItem {
    /// `private_endpoint`, `private_dns_zone` or `azure_firewall`.
    pub kind: &'static str,
    pub what: String,
    pub count: u32,
}

/// One inbound access fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundFact {
    /// `workspace`, `endpoint` or `deployment`.
    pub scope: &'static str,
    pub name: String,
    /// `enabled`, `disabled`, `unset` or `kubernetes`.
    pub public_network_access: &'static str,
}

impl From<&crate::summary::Summary> for Summary {
    fn from(summary: &crate::summary::Summary) -> Self {
        use crate::summary as s;
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
        Summary {
            version: VERSION,
            headline: headline.clone(),
            sections: sections
                .iter()
                .map(|s::Section { id, title, lines }| SummarySection {
                    id,
                    title: title.clone(),
                    lines: lines.iter().map(|s::Line { text, tone }| SummaryLine { text: text.clone(), tone: *tone }).collect(),
                })
                .collect(),
            outbound_paths: outbound_paths
                .iter()
                .map(|s::OutboundPath { kind, target, rule }| OutboundPath { kind, target: target.clone(), rule: rule.clone() })
                .collect(),
            exfiltration_protection: *exfiltration_protection,
            exfiltration_weakened_by: exfiltration_weakened_by.clone(),
            billed: billed.iter().map(|s::BilledItem { kind, what, count }| BilledItem { kind, what: what.clone(), count: *count }).collect(),
            inbound: inbound
                .iter()
                .map(|s::InboundFact { scope, name, public_network_access }| InboundFact { scope, name: name.clone(), public_network_access })
                .collect(),
            inbound_private_endpoints: inbound_private_endpoints
                .iter()
                .map(|s::InboundEndpointFact { name, virtual_network, subnet, dns }| InboundEndpoint {
                    name: name.clone(),
                    virtual_network: virtual_network.clone(),
                    subnet: subnet.clone(),
                    dns,
                })
                .collect(),
        }
    }
}
