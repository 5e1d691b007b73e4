//! The cost and security summary of a configuration: outbound paths, data exfiltration protection,
//! what is billed and what inbound access remains. Short enough to paste into a change request.
//!
//! The facts come from reference §B.9-§B.11 and §E: the managed virtual network itself is free; private
//! endpoints (the user's and the ones the service adds) and the Azure Firewall (FQDN rules in approved
//! outbound) are billed; only approved outbound protects against data exfiltration, and every user
//! rule is a way out of it.
//!
//! [`summarize`] needs the `summary` feature; the types (which the report shapes mirror) do not.

use crate::catalog;
use crate::model::{Config, Destination, FirewallSku, IsolationMode, ManagedNetwork, NetworkAccess, OutboundRule};
use serde::Serialize;
use std::fmt::Write as _;

/// How a line reads in a change request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Neutral,
    Risk,
    Cost,
}

impl Tone {
    /// The marker in the text rendering (`[risk]`); empty for neutral lines.
    pub fn marker(self) -> &'static str {
        match self {
            Tone::Good => "[ok] ",
            Tone::Neutral => "",
            Tone::Risk => "[risk] ",
            Tone::Cost => "[cost] ",
        }
    }
}

/// One line of a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub tone: Tone,
}

/// One section: `outbound`, `exfiltration`, `billed` or `inbound`.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub title: String,
    pub lines: Vec<Line>,
}

/// One outbound path out of the managed network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundPath {
    /// `internet`, `required`, `service_tag`, `fqdn` or `private_endpoint`.
    pub kind: &'static str,
    /// What it reaches (`Storage account sa1 (blob)`, `pypi.org`, `AzureMonitor TCP 443`).
    pub target: String,
    /// The user rule that opens it; `None` for the rules the service adds and for the internet when no rule opens it.
    pub rule: Option<String>,
}

/// One billed resource (or group of identical resources).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilledItem {
    /// `private_endpoint`, `private_dns_zone` or `azure_firewall`.
    pub kind: &'static str,
    pub what: String,
    /// How many; for the private endpoints the service adds in internet outbound, the most there can be.
    pub count: u32,
}

/// One inbound access fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundFact {
    /// `workspace`, `endpoint` or `deployment` (its legacy `egress_public_network_access`).
    pub scope: &'static str,
    pub name: String,
    /// `enabled`, `disabled` or `unset`; `kubernetes` for a Kubernetes endpoint (its access is the cluster's).
    pub public_network_access: &'static str,
}

/// An inbound private endpoint of the workspace that the exports create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundEndpointFact {
    pub name: String,
    pub virtual_network: String,
    pub subnet: String,
    /// `created` (the workspace's zones, created and linked), `existing` (zone ids given) or `off`.
    pub dns: &'static str,
}

/// The summary: sections for people, structured facts for JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// One line naming what is summarized.
    pub headline: String,
    pub sections: Vec<Section>,
    pub outbound_paths: Vec<OutboundPath>,
    /// True only in approved-outbound mode; see `exfiltration_weakened_by` for the rules that open ways out.
    pub exfiltration_protection: bool,
    /// Names of the user rules that weaken the protection (every user rule in approved outbound).
    pub exfiltration_weakened_by: Vec<String>,
    pub billed: Vec<BilledItem>,
    pub inbound: Vec<InboundFact>,
    /// The workspace's private endpoints the exports create.
    pub inbound_private_endpoints: Vec<InboundEndpointFact>,
}

impl Summary {
    /// The headline and the sections as plain text (Markdown-friendly), one `- ` line each.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let headline: String = self.headline.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let _ = writeln!(out, "{headline}\n");
        for section in &self.sections {
            let _ = writeln!(out, "{}", section.title);
            for line in &section.lines {
                // One line per fact, whatever the names hold.
                let text: String = line.text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                let _ = writeln!(out, "- {}{text}", line.tone.marker());
            }
            out.push('\n');
        }
        out
    }
}

/// Service tags that cover (nearly) every destination; a rule with one of them gives up most of the protection.
const BROAD_TAGS: &[(&str, &str)] = &[
    ("internet", "the whole internet"),
    ("azurecloud", "every public IP address of Azure, including services of other tenants"),
    ("storage", "every Azure Storage account, in any tenant"),
    ("sql", "every Azure SQL server, in any tenant"),
    ("azurecosmosdb", "every Cosmos DB account, in any tenant"),
    ("eventhub", "every Event Hubs namespace, in any tenant"),
    ("servicebus", "every Service Bus namespace, in any tenant"),
    ("azuredatalake", "every Data Lake Storage Gen1 account, in any tenant"),
    ("appservice", "every App Service app, in any tenant"),
];

fn broad_tag(tag: &str) -> Option<&'static str> {
    let base = tag.split('.').next().unwrap_or(tag).to_ascii_lowercase();
    BROAD_TAGS.iter().find(|(t, _)| *t == base).map(|(_, what)| *what)
}

/// "rule `any` (service tag Internet)" or "rules `a` (service tag Internet) and `b` (service tag AzureCloud)".
fn opening_text(opening: &[(&str, &str)]) -> String {
    let parts: Vec<String> = opening.iter().map(|(n, t)| format!("`{n}` (service tag {t})")).collect();
    let noun = if parts.len() == 1 { "rule" } else { "rules" };
    format!("{noun} {}", parts.join(" and "))
}

/// "Storage account sadatalake (dfs)" for a private endpoint destination.
pub fn private_endpoint_label(service_resource_id: &str, subresource: &str) -> String {
    match catalog::parse_arm_id(service_resource_id) {
        Some(id) => match catalog::private_endpoint_target(&id.full_type()) {
            Some(target) => format!("{} {} ({subresource})", target.label, id.name),
            None => format!("{} `{}` ({subresource})", id.full_type(), id.name),
        },
        None => format!("`{service_resource_id}` ({subresource})"),
    }
}

/// Whether the isolation mode accepts a rule of this destination: private endpoint rules in both managed
/// modes, service tag and FQDN rules only in approved outbound (`rule-type-not-allowed-in-isolation-mode`).
/// A rule the mode does not accept is no outbound path: the summary and the diagram show it as invalid.
pub fn rule_allowed(mode: IsolationMode, destination: &Destination) -> bool {
    match destination {
        Destination::PrivateEndpoint(_) => mode != IsolationMode::Disabled,
        Destination::ServiceTag(_) | Destination::Fqdn(_) => mode == IsolationMode::AllowOnlyApprovedOutbound,
    }
}

/// The SKU of the Azure Firewall the managed network deploys, if it deploys one: only in approved
/// outbound with at least one FQDN rule (Standard when `firewall_sku` is not set).
pub fn firewall(config: &Config) -> Option<FirewallSku> {
    let mn = config.workspace.as_ref()?.managed_network.as_ref()?;
    let approved = mn.isolation_mode == Some(IsolationMode::AllowOnlyApprovedOutbound);
    let fqdn = mn.outbound_rules.iter().any(|r| matches!(r.destination, Destination::Fqdn(_)));
    (approved && fqdn).then(|| mn.firewall_sku.unwrap_or(FirewallSku::Standard))
}

/// "1 user rule", "2 user rules".
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn line(text: impl Into<String>, tone: Tone) -> Line {
    Line { text: text.into(), tone }
}

/// Summarizes the cost and security of a configuration.
#[cfg(feature = "summary")]
pub fn summarize(config: &Config) -> Summary {
    let ws = config.workspace.as_ref();
    let mn = ws.and_then(|w| w.managed_network.as_ref());
    // Every managed-network field the summary judges (the rules through `config.rules()`), so a new one is a
    // decision here.
    let (isolation_mode, firewall_sku) = match mn {
        Some(ManagedNetwork { isolation_mode, firewall_sku, outbound_rules: _ }) => (*isolation_mode, *firewall_sku),
        None => (None, None),
    };
    let mode = isolation_mode.unwrap_or(IsolationMode::Disabled);
    let rules: &[OutboundRule] = if mode == IsolationMode::Disabled { &[] } else { config.rules() };
    let sku = firewall_sku.unwrap_or(FirewallSku::Standard);
    let fqdn_rules = rules.iter().filter(|r| matches!(r.destination, Destination::Fqdn(_))).count();
    let firewall = firewall(config).is_some();

    // A Foundry project runs in its hub's managed network: its own document says nothing about it.
    let hub_of_project: Option<&str> =
        ws.filter(|w| w.kind == crate::model::WorkspaceKind::Project && w.managed_network.is_none()).map(|w| w.hub_name().unwrap_or("(not named)"));
    let headline = match ws {
        Some(w) if mn.is_some() => {
            format!("Cost and security summary: workspace `{}`, isolation mode {} ({})", w.name, mode.yaml(), mode.portal_name())
        }
        Some(w) if hub_of_project.is_some() => {
            format!(
                "Cost and security summary: project `{}` of the hub `{}`, whose managed network it inherits",
                w.name,
                hub_of_project.unwrap_or("")
            )
        }
        Some(w) => format!("Cost and security summary: workspace `{}`, no managed network settings", w.name),
        None => "Cost and security summary: no workspace document (endpoint and deployments only)".to_owned(),
    };

    // Rules whose service tag (`Internet`, `AzureCloud`) opens the internet even in approved outbound.
    let opening: Vec<(&str, &str)> = rules
        .iter()
        .filter_map(|r| match &r.destination {
            Destination::ServiceTag(st) if st.address_prefixes.is_none() && crate::rules::opens_internet(&st.service_tag) => {
                Some((r.name.as_str(), st.service_tag.as_str()))
            }
            _ => None,
        })
        .collect();

    // Outbound paths.
    let mut outbound = Vec::new();
    let mut paths = Vec::new();
    match mode {
        IsolationMode::Disabled if ws.is_none() => {
            outbound.push(line("Not known: without the workspace document, the outbound paths depend on its isolation mode", Tone::Neutral));
        }
        _ if hub_of_project.is_some() => {
            outbound.push(line(
                format!(
                    "Inherited: the project's compute runs in the managed network of its hub `{}`; its outbound paths are the hub's",
                    hub_of_project.unwrap_or("")
                ),
                Tone::Neutral,
            ));
        }
        IsolationMode::Disabled => {
            outbound.push(line("Internet: open. No managed virtual network (isolation mode disabled); compute reaches any destination", Tone::Risk));
            paths.push(OutboundPath { kind: "internet", target: "any destination".to_owned(), rule: None });
        }
        IsolationMode::AllowInternetOutbound => {
            outbound.push(line("Internet: open. Internet outbound allows any destination (allow_internet_outbound)", Tone::Risk));
            paths.push(OutboundPath { kind: "internet", target: "any destination".to_owned(), rule: None });
            outbound.push(line(
                "Added by the service: private endpoints to the workspace, and to its default storage, key vault and container registry where their public network access is disabled",
                Tone::Neutral,
            ));
            paths.push(OutboundPath { kind: "required", target: "workspace and its private dependent resources".to_owned(), rule: None });
        }
        IsolationMode::AllowOnlyApprovedOutbound => {
            if opening.is_empty() {
                outbound.push(line(
                    format!("Internet: closed. Only approved outbound: the rules the service adds and {}", counted(rules.len(), "user rule")),
                    Tone::Good,
                ));
            } else {
                outbound.push(line(format!("Internet: open through {}, despite approved outbound", opening_text(&opening)), Tone::Risk));
                paths.push(OutboundPath {
                    kind: "internet",
                    target: "any destination".to_owned(),
                    rule: opening.first().map(|(n, _)| (*n).to_owned()),
                });
            }
            let required_tags: Vec<&str> = catalog::REQUIRED_RULES.iter().filter(|r| r.kind == "Service tag").map(|r| r.destination).collect();
            outbound.push(line(
                format!(
                    "Added by the service: private endpoints to the workspace, default storage (blob, file), key vault and container registry; service tags {}",
                    required_tags.join(", ")
                ),
                Tone::Neutral,
            ));
            paths.push(OutboundPath {
                kind: "required",
                target: "workspace, its dependent resources and the required service tags".to_owned(),
                rule: None,
            });
        }
    }
    for rule in rules {
        let name = rule.name.as_str();
        if !rule_allowed(mode, &rule.destination) {
            let (kind, target) = match &rule.destination {
                Destination::ServiceTag(st) => ("Service tag", format!("{} {} {}", st.service_tag, st.protocol, st.port_ranges)),
                Destination::Fqdn(f) => ("FQDN", f.destination.clone()),
                Destination::PrivateEndpoint(pe) => ("Private endpoint", private_endpoint_label(&pe.service_resource_id, &pe.subresource_target)),
            };
            outbound.push(line(
                format!(
                    "Not allowed: {kind} rule `{name}` ({target}) is an error in {}, which accepts only private endpoint rules; it opens no path",
                    mode.yaml()
                ),
                Tone::Risk,
            ));
            continue;
        }
        match &rule.destination {
            Destination::PrivateEndpoint(pe) => {
                let target = private_endpoint_label(&pe.service_resource_id, &pe.subresource_target);
                let spark = if pe.spark_enabled { ", also for serverless Spark" } else { "" };
                outbound.push(line(format!("Private endpoint: {target}{spark} (rule `{name}`)"), Tone::Good));
                paths.push(OutboundPath { kind: "private_endpoint", target, rule: Some(name.to_owned()) });
            }
            Destination::ServiceTag(st) => {
                let target = match &st.address_prefixes {
                    Some(p) => format!("addresses {} {} {}", p.join(", "), st.protocol, st.port_ranges),
                    None => format!("{} {} {}", st.service_tag, st.protocol, st.port_ranges),
                };
                let tone = if st.address_prefixes.is_none() && broad_tag(&st.service_tag).is_some() { Tone::Risk } else { Tone::Neutral };
                outbound.push(line(format!("Service tag: {target} (rule `{name}`)"), tone));
                paths.push(OutboundPath { kind: "service_tag", target, rule: Some(name.to_owned()) });
            }
            Destination::Fqdn(f) => {
                let tone = if f.destination.contains('*') { Tone::Risk } else { Tone::Neutral };
                outbound.push(line(
                    format!("FQDN: {} through the Azure Firewall ({}), ports 80 and 443 (rule `{name}`)", f.destination, sku.pascal()),
                    tone,
                ));
                paths.push(OutboundPath { kind: "fqdn", target: f.destination.clone(), rule: Some(name.to_owned()) });
            }
        }
    }

    // Data exfiltration protection.
    let mut exfiltration = Vec::new();
    let protection = mode == IsolationMode::AllowOnlyApprovedOutbound && opening.is_empty();
    let mut weakened_by = Vec::new();
    match mode {
        IsolationMode::Disabled if ws.is_none() => exfiltration
            .push(line("Not known: it depends on the workspace's isolation mode (only allow_only_approved_outbound protects)", Tone::Neutral)),
        _ if hub_of_project.is_some() => exfiltration.push(line(
            format!(
                "Inherited: it holds exactly when it holds for the hub `{}` (only allow_only_approved_outbound protects)",
                hub_of_project.unwrap_or("")
            ),
            Tone::Neutral,
        )),
        IsolationMode::Disabled => exfiltration.push(line("None: without a managed virtual network, compute can send data anywhere", Tone::Risk)),
        IsolationMode::AllowInternetOutbound => {
            exfiltration.push(line("None: internet outbound lets compute send data to any internet destination", Tone::Risk))
        }
        IsolationMode::AllowOnlyApprovedOutbound if !opening.is_empty() => exfiltration.push(line(
            format!(
                "Does not hold: {} {} compute send data to any destination (see `service-tag-allows-internet`)",
                opening_text(&opening),
                if opening.len() == 1 { "lets" } else { "let" }
            ),
            Tone::Risk,
        )),
        IsolationMode::AllowOnlyApprovedOutbound if rules.is_empty() => {
            exfiltration.push(line("Holds: outbound is limited to the workspace's own resources and the required service tags", Tone::Good))
        }
        IsolationMode::AllowOnlyApprovedOutbound => {
            exfiltration.push(line(format!("Holds, weakened by {}: each is a way for data to leave", counted(rules.len(), "user rule")), Tone::Good));
        }
    }
    if mode == IsolationMode::AllowOnlyApprovedOutbound {
        for rule in rules {
            weakened_by.push(rule.name.clone());
            let name = rule.name.as_str();
            let (text, tone) = match &rule.destination {
                Destination::PrivateEndpoint(pe) => (
                    format!("`{name}`: data can be copied to {}", private_endpoint_label(&pe.service_resource_id, &pe.subresource_target)),
                    Tone::Neutral,
                ),
                Destination::ServiceTag(st) => match (&st.address_prefixes, broad_tag(&st.service_tag)) {
                    (Some(p), _) => (format!("`{name}`: data can reach the addresses {}", p.join(", ")), Tone::Risk),
                    (None, Some(what)) => (format!("`{name}`: service tag {} opens {what}", st.service_tag), Tone::Risk),
                    (None, None) => {
                        (format!("`{name}`: data can reach any endpoint behind service tag {}, not only yours", st.service_tag), Tone::Neutral)
                    }
                },
                Destination::Fqdn(f) if f.destination.contains('*') => {
                    (format!("`{name}`: the wildcard {} lets data reach any host under it", f.destination), Tone::Risk)
                }
                Destination::Fqdn(f) => (format!("`{name}`: data can be sent to {} over HTTP or HTTPS", f.destination), Tone::Neutral),
            };
            exfiltration.push(line(text, tone));
        }
    }

    // Billed resources.
    let mut billed_lines = Vec::new();
    let mut billed = Vec::new();
    if ws.is_none() {
        billed_lines.push(line("Workspace network costs not known without the workspace document", Tone::Neutral));
    } else if let Some(hub) = hub_of_project {
        billed_lines.push(line(
            format!("Billed on the hub `{hub}`: its managed network, private endpoints and firewall serve all its projects"),
            Tone::Neutral,
        ));
    } else if mode == IsolationMode::Disabled {
        billed_lines.push(line("No managed virtual network: nothing billed for network isolation here", Tone::Neutral));
    } else {
        billed_lines.push(line("The managed virtual network itself is free", Tone::Good));
        let (count, text) = if mode == IsolationMode::AllowOnlyApprovedOutbound {
            (5, "5 private endpoints added by the service: workspace, default storage (blob, file), key vault, container registry")
        } else {
            (5, "Up to 5 private endpoints added by the service: workspace, and default storage (blob, file), key vault and container registry where their public network access is disabled")
        };
        billed_lines.push(line(text, Tone::Cost));
        billed.push(BilledItem { kind: "private_endpoint", what: "added by the service (workspace and its dependent resources)".to_owned(), count });
        for rule in rules {
            if let Destination::PrivateEndpoint(pe) = &rule.destination {
                let target = private_endpoint_label(&pe.service_resource_id, &pe.subresource_target);
                let count = if pe.spark_enabled { 2 } else { 1 };
                let spark = if pe.spark_enabled { " plus one for serverless Spark" } else { "" };
                billed_lines.push(line(format!("Private endpoint to {target}{spark} (rule `{}`)", rule.name), Tone::Cost));
                billed.push(BilledItem { kind: "private_endpoint", what: target, count });
            }
        }
        if firewall {
            billed_lines.push(line(
                format!(
                    "Azure Firewall, {} SKU{}, for {}",
                    sku.pascal(),
                    if firewall_sku.is_none() { " (the default)" } else { "" },
                    counted(fqdn_rules, "FQDN rule")
                ),
                Tone::Cost,
            ));
            billed.push(BilledItem { kind: "azure_firewall", what: format!("{} SKU", sku.pascal()), count: 1 });
        } else if mode == IsolationMode::AllowOnlyApprovedOutbound {
            billed_lines.push(line("No Azure Firewall: there are no FQDN rules", Tone::Good));
        }
    }
    let inbound_endpoints = crate::networking::inbound(config);
    for pe in &inbound_endpoints {
        billed_lines.push(line(
            format!("Private endpoint `{}` of the workspace in virtual network `{}` (inbound)", pe.name, pe.subnet.virtual_network),
            Tone::Cost,
        ));
        billed.push(BilledItem { kind: "private_endpoint", what: format!("inbound `{}`", pe.name), count: 1 });
    }
    if !crate::networking::zones_to_create(&inbound_endpoints).is_empty() {
        billed_lines.push(line("2 private DNS zones of the workspace, with their virtual network links", Tone::Cost));
        billed.push(BilledItem { kind: "private_dns_zone", what: "the workspace's private DNS zones".to_owned(), count: 2 });
    }
    for dep in &config.deployments {
        if dep.egress_public_network_access == Some(NetworkAccess::Disabled) {
            billed_lines
                .push(line(format!("3 private endpoints of deployment `{}` (legacy egress_public_network_access: disabled)", dep.name), Tone::Cost));
            billed.push(BilledItem { kind: "private_endpoint", what: format!("deployment `{}` (legacy egress isolation)", dep.name), count: 3 });
        }
    }

    // Inbound access.
    let mut inbound_lines = Vec::new();
    let mut inbound = Vec::new();
    if let Some(w) = ws {
        let acls = w.extra.iter().any(|(k, _)| k == "network_acls");
        let (text, tone, value) = match w.public_network_access {
            Some(NetworkAccess::Disabled) => {
                ("Workspace: public network access disabled; reachable only through private endpoints".to_owned(), Tone::Good, "disabled")
            }
            Some(NetworkAccess::Enabled) => (
                format!(
                    "Workspace: public network access enabled; reachable from the internet{}",
                    if acls { " (limited by network_acls)" } else { "" }
                ),
                if acls { Tone::Neutral } else { Tone::Risk },
                "enabled",
            ),
            None => (
                format!(
                    "Workspace: public network access not set (a new workspace allows it){}",
                    if acls { "; limited by network_acls" } else { "" }
                ),
                if acls { Tone::Neutral } else { Tone::Risk },
                "unset",
            ),
        };
        inbound_lines.push(line(text, tone));
        inbound.push(InboundFact { scope: "workspace", name: w.name.clone(), public_network_access: value });
        if w.public_network_access == Some(NetworkAccess::Disabled) && inbound_endpoints.is_empty() {
            let text = match config.context.operation {
                crate::model::Operation::Create => {
                    "No private endpoint of the workspace is created: nothing outside Azure reaches it (studio, SDK, CLI)"
                }
                crate::model::Operation::Update => {
                    "No private endpoint of the workspace is added: unless it has one, nothing outside Azure reaches it"
                }
            };
            inbound_lines.push(line(text, Tone::Risk));
        }
    }
    let mut inbound_private_endpoints = Vec::new();
    for pe in &inbound_endpoints {
        let (dns, dns_text, tone) = match &pe.dns {
            crate::networking::InboundDns::Create { zones, .. } => {
                ("created", format!("private DNS zones {} and {} created and linked to the network", zones[0], zones[1]), Tone::Good)
            }
            crate::networking::InboundDns::Existing(ids) => ("existing", format!("{} existing", counted(ids.len(), "private DNS zone")), Tone::Good),
            crate::networking::InboundDns::Off => {
                ("off", "no private DNS integration: the network's DNS must resolve the workspace's names".to_owned(), Tone::Neutral)
            }
        };
        inbound_lines.push(line(
            format!(
                "Private endpoint `{}` of the workspace in subnet `{}` of virtual network `{}`; {dns_text}",
                pe.name, pe.subnet.subnet, pe.subnet.virtual_network
            ),
            tone,
        ));
        inbound_private_endpoints.push(InboundEndpointFact {
            name: pe.name.clone(),
            virtual_network: pe.subnet.virtual_network.clone(),
            subnet: pe.subnet.subnet.clone(),
            dns,
        });
    }
    if let Some(ep) = &config.endpoint {
        let (text, tone, value) = match ep.public_network_access {
            _ if ep.compute.is_some() => (
                format!("Endpoint `{}` (Kubernetes): inbound access is the cluster's ingress; amlnet judges managed online endpoints only", ep.name),
                Tone::Neutral,
                "kubernetes",
            ),
            Some(NetworkAccess::Disabled) => (
                format!("Endpoint `{}`: public network access disabled; scoring only through the workspace private endpoint", ep.name),
                Tone::Good,
                "disabled",
            ),
            Some(NetworkAccess::Enabled) => (
                format!(
                    "Endpoint `{}`: public network access enabled; the scoring URI is reachable from the internet (key or token required)",
                    ep.name
                ),
                Tone::Risk,
                "enabled",
            ),
            None => (
                format!("Endpoint `{}`: public network access not set (enabled by default); the scoring URI is reachable from the internet", ep.name),
                Tone::Risk,
                "unset",
            ),
        };
        inbound_lines.push(line(text, tone));
        inbound.push(InboundFact { scope: "endpoint", name: ep.name.clone(), public_network_access: value });
    }
    for dep in &config.deployments {
        let Some(egress) = dep.egress_public_network_access else { continue };
        let text = match (egress, mode) {
            (_, IsolationMode::AllowInternetOutbound | IsolationMode::AllowOnlyApprovedOutbound) => format!(
                "Deployment `{}`: egress_public_network_access {} is set, but with a managed network it no longer applies (legacy method)",
                dep.name,
                egress.lower()
            ),
            (NetworkAccess::Disabled, IsolationMode::Disabled) => {
                format!("Deployment `{}`: legacy egress isolation; it reaches only the workspace, its blob storage and registry", dep.name)
            }
            (NetworkAccess::Enabled, IsolationMode::Disabled) => {
                format!("Deployment `{}`: legacy egress enabled; it reaches public resources only", dep.name)
            }
        };
        inbound_lines.push(line(text, Tone::Neutral));
        inbound.push(InboundFact { scope: "deployment", name: dep.name.clone(), public_network_access: egress.lower() });
    }
    inbound_lines.push(line(
        "Control plane (create, update, delete, keys) goes through Azure Resource Manager over the public network in every mode",
        Tone::Neutral,
    ));

    let targets = crate::networking::approver_targets(config);
    let built_in = targets.iter().filter(|t| t.custom_role.is_none()).count();
    if built_in > 0 {
        let who = match crate::networking::approver_principal(config) {
            crate::networking::Principal::SystemAssigned => "the workspace's system-assigned identity".to_owned(),
            crate::networking::Principal::UserAssigned(id) => format!("the user-assigned identity `{}`", id.rsplit('/').next().unwrap_or_default()),
        };
        let (text, tone) = if config.context.networking.assign_approver_role {
            (
                format!(
                    "Approval: the export assigns \"{}\" to {who} on {}",
                    crate::model::APPROVER_ROLE_NAME,
                    counted(built_in, "private endpoint target")
                ),
                Tone::Good,
            )
        } else {
            (
                format!(
                    "Approval: \"{}\" is not assigned on {}; their endpoints stay pending until someone does",
                    crate::model::APPROVER_ROLE_NAME,
                    counted(built_in, "private endpoint target")
                ),
                Tone::Risk,
            )
        };
        outbound.push(line(text, tone));
    }
    for t in targets.iter().filter(|t| t.custom_role.is_some()) {
        outbound.push(line(
            format!(
                "Approval: `{}` is a {} and needs a custom approver role that the export does not assign",
                t.id.rsplit('/').next().unwrap_or_default(),
                t.custom_role.unwrap_or_default()
            ),
            Tone::Risk,
        ));
    }

    let sections = vec![
        Section { id: "outbound", title: "Outbound paths".to_owned(), lines: outbound },
        Section { id: "exfiltration", title: "Data exfiltration protection".to_owned(), lines: exfiltration },
        Section { id: "billed", title: "Billed".to_owned(), lines: billed_lines },
        Section { id: "inbound", title: "Inbound access".to_owned(), lines: inbound_lines },
    ];
    Summary {
        headline,
        sections,
        outbound_paths: paths,
        exfiltration_protection: protection,
        exfiltration_weakened_by: weakened_by,
        billed,
        inbound,
        inbound_private_endpoints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_the_mode_does_not_accept_are_no_paths_and_no_firewall() {
        let mut config = crate::demo::demo_config();
        if let Some(mn) = config.workspace.as_mut().and_then(|w| w.managed_network.as_mut()) {
            mn.isolation_mode = Some(IsolationMode::AllowInternetOutbound);
        }
        assert_eq!(firewall(&config), None);
        let s = summarize(&config);
        assert!(!s.outbound_paths.iter().any(|p| p.kind == "fqdn" || p.kind == "service_tag"), "{:?}", s.outbound_paths);
        let text = s.render_text();
        assert!(!text.contains("Azure Firewall ("), "{text}");
        assert!(text.contains("Not allowed: FQDN rule `pypi` (pypi.org) is an error in allow_internet_outbound"), "{text}");
        assert!(text.contains("Not allowed: Service tag rule `azure-monitor`"), "{text}");
        assert_eq!(firewall(&crate::demo::demo_config()), Some(FirewallSku::Basic));
    }
}
