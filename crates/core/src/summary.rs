//! The cost and security summary of a configuration: outbound paths, data exfiltration protection,
//! what is billed and what inbound access remains. Short enough to paste into a change request.

use crate::model::Config;
use serde::Serialize;

/// How a line reads in a change request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Neutral,
    Risk,
    Cost,
}

/// One line of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub text: String,
    pub tone: Tone,
}

/// One section (`outbound`, `exfiltration`, `billed`, `inbound`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: &'static str,
    pub title: String,
    pub lines: Vec<Line>,
}

/// One outbound path out of the managed network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboundPath {
    /// `internet`, `service_tag`, `fqdn` or `private_endpoint`.
    pub kind: &'static str,
    /// What it reaches (`Storage account sa1 (blob)`, `pypi.org`, `AzureMonitor TCP 443`).
    pub target: String,
    /// The rule that opens it; `None` for the open internet and the required rules.
    pub rule: Option<String>,
}

/// One billed resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BilledItem {
    /// `private_endpoint` or `azure_firewall`.
    pub kind: &'static str,
    pub what: String,
}

/// One inbound access fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundFact {
    /// `workspace`, `endpoint` or `deployment`.
    pub scope: &'static str,
    pub name: String,
    /// `enabled`, `disabled` or `unset`.
    pub public_network_access: &'static str,
}

/// The summary: sections for people, structured facts for JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub sections: Vec<Section>,
    pub outbound_paths: Vec<OutboundPath>,
    /// True only in approved-outbound mode without rules that weaken it.
    pub exfiltration_protection: bool,
    pub billed: Vec<BilledItem>,
    pub inbound: Vec<InboundFact>,
}

impl Summary {
    /// The sections as plain text, one `- ` line each.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        for section in &self.sections {
            out.push_str(&section.title);
            out.push('\n');
            for line in &section.lines {
                out.push_str("- ");
                out.push_str(&line.text);
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

/// Summarizes the cost and security of a configuration.
pub fn summarize(config: &Config) -> Summary {
    let _ = config;
    Summary { sections: Vec::new(), outbound_paths: Vec::new(), exfiltration_protection: false, billed: Vec::new(), inbound: Vec::new() }
}
