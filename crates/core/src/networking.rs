//! What the exports derive from [`Networking`]: the inbound private endpoints with their names, subnets,
//! DNS zones and virtual network links, and the approver role assignments with their identity. The rules,
//! the generators, the plan and the summary all read these, so they agree on every name.
//!
//! Sources: "Configure a private endpoint for an Azure Machine Learning workspace" (group `amlworkspace`,
//! the zones `privatelink.api.azureml.ms` and `privatelink.notebooks.azure.net`, the endpoint's region is its
//! virtual network's); "Azure Private Endpoint private DNS zone values" (the sovereign clouds' zones);
//! "Managed network isolation", section "Required role for approval" (since 2025-04-30 the workspace's
//! managed identity needs "Azure AI Enterprise Network Connection Approver" on private endpoint targets;
//! Data Factory, Databricks and Function Apps need a custom role).

use crate::catalog::parse_arm_id;
use crate::model::{Config, Destination, DnsIntegration, InboundPrivateEndpoint, IsolationMode, Networking, SubnetRef, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The private link group of a workspace.
pub const WORKSPACE_GROUP_ID: &str = "amlworkspace";
/// The name of an inbound endpoint's connection to the workspace.
pub const CONNECTION_NAME: &str = "workspace";
/// The name of an inbound endpoint's private DNS zone group (the portal's).
pub const ZONE_GROUP_NAME: &str = "default";

/// Resource types the built-in approver role does not cover: each needs a custom role with
/// `privateEndpointConnectionsApproval/action` (or Contributor, as the Foundry hub docs say).
pub const CUSTOM_ROLE_TYPES: &[(&str, &str)] = &[
    ("Microsoft.DataFactory/factories", "Data Factory"),
    ("Microsoft.Databricks/workspaces", "Azure Databricks"),
    ("Microsoft.Web/sites", "Function App"),
];

/// The Azure cloud a region belongs to, for its private DNS zone names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cloud {
    Public,
    China,
    UsGovernment,
}

impl Cloud {
    /// The cloud of a region name (`chinaeast2`, `usgovvirginia`, `usdodeast`); the public cloud otherwise.
    pub fn of_region(region: Option<&str>) -> Cloud {
        let r = region.unwrap_or_default().to_ascii_lowercase().replace([' ', '-'], "");
        if r.starts_with("china") {
            Cloud::China
        } else if r.starts_with("usgov") || r.starts_with("usdod") {
            Cloud::UsGovernment
        } else {
            Cloud::Public
        }
    }

    /// The workspace's two private DNS zones in this cloud: the API zone, then the notebooks zone.
    pub fn workspace_zones(self) -> [&'static str; 2] {
        match self {
            Cloud::Public => ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"],
            Cloud::China => ["privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"],
            Cloud::UsGovernment => ["privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"],
        }
    }
}

/// Every zone name a workspace private endpoint may use, in any cloud.
pub fn all_workspace_zones() -> Vec<&'static str> {
    [Cloud::Public, Cloud::China, Cloud::UsGovernment].iter().flat_map(|c| c.workspace_zones()).collect()
}

/// The zone config name of a zone in a zone group (the portal's: dots as dashes).
pub fn zone_config_name(zone: &str) -> String {
    zone.replace('.', "-")
}

/// An inbound private endpoint as the exports write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// Index in [`Networking::inbound_private_endpoints`].
    pub index: usize,
    pub name: String,
    /// `None`: the workspace's location (or the resource group's).
    pub location: Option<String>,
    pub subnet: SubnetRef,
    /// The zones to create and link (`Create`), or to use (`Existing`: their ids), or none (`Off`).
    pub dns: InboundDns,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboundDns {
    /// Zone names created in the workspace's resource group, and the name of this network's link.
    Create {
        zones: [&'static str; 2],
        link_name: String,
    },
    Existing(Vec<String>),
    Off,
}

/// The name of inbound endpoint `index` (0-based) when the user gave none.
pub fn default_endpoint_name(workspace: &str, index: usize) -> String {
    let base = if workspace.trim().is_empty() { "workspace" } else { workspace.trim() };
    if index == 0 {
        format!("{base}-pe")
    } else {
        format!("{base}-pe-{}", index + 1)
    }
}

/// The region the workspace's private DNS zone names are chosen by.
fn zone_region(config: &Config, pe: &InboundPrivateEndpoint) -> Option<String> {
    config.workspace.as_ref().and_then(|w| w.location.clone()).or_else(|| pe.location.clone())
}

/// The inbound endpoints the exports create: those whose subnet can be read (a malformed one is the
/// `inbound-private-endpoint-subnet-invalid` error, and nothing is generated for it).
pub fn inbound(config: &Config) -> Vec<Inbound> {
    let ws_name = config.workspace.as_ref().map_or("", |w| w.name.as_str());
    let Networking { inbound_private_endpoints, assign_approver_role: _, approver_identity: _ } = &config.context.networking;
    let mut links: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for (index, pe) in inbound_private_endpoints.iter().enumerate() {
        let InboundPrivateEndpoint { name, subnet: _, network_resource_group: _, location, dns } = pe;
        let Some(subnet) = pe.subnet_ref() else { continue };
        let name = if name.trim().is_empty() { default_endpoint_name(ws_name, index) } else { name.trim().to_owned() };
        let dns = match dns {
            DnsIntegration::Create => {
                // No `{:?}`: Debug formatting of strings would compile in Unicode tables (ARCHITECTURE's invariant).
                let key = format!(
                    "{}/{}/{}",
                    subnet.subscription.as_deref().unwrap_or("-"),
                    subnet.resource_group.as_deref().unwrap_or("-"),
                    subnet.virtual_network.to_ascii_lowercase()
                );
                let link_name = match links.iter().find(|(k, _)| *k == key) {
                    Some((_, l)) => l.clone(),
                    None => {
                        let mut l = format!("{}-link", subnet.virtual_network);
                        if links.iter().any(|(_, other)| other.eq_ignore_ascii_case(&l)) {
                            l = format!("{}-link-{}", subnet.virtual_network, links.len() + 1);
                        }
                        links.push((key, l.clone()));
                        l
                    }
                };
                InboundDns::Create { zones: Cloud::of_region(zone_region(config, pe).as_deref()).workspace_zones(), link_name }
            }
            // No ids (the `inbound-private-endpoint-invalid` error): no zone group rather than an empty one.
            DnsIntegration::Existing(ids) if ids.is_empty() => InboundDns::Off,
            DnsIntegration::Existing(ids) => InboundDns::Existing(ids.clone()),
            DnsIntegration::Off => InboundDns::Off,
        };
        out.push(Inbound { index, name, location: location.clone().filter(|l| !l.trim().is_empty()), subnet, dns });
    }
    out
}

/// The zones the exports create (once, whichever endpoints use them), in order.
pub fn zones_to_create(inbound: &[Inbound]) -> Vec<&'static str> {
    let mut zones: Vec<&'static str> = Vec::new();
    for i in inbound {
        if let InboundDns::Create { zones: z, .. } = &i.dns {
            for zone in z {
                if !zones.contains(zone) {
                    zones.push(zone);
                }
            }
        }
    }
    zones
}

/// The virtual network links the exports create: `(zone, link name, subnet of the network)`, once per zone
/// and network.
pub fn links_to_create(inbound: &[Inbound]) -> Vec<(&'static str, String, SubnetRef)> {
    let mut out: Vec<(&'static str, String, SubnetRef)> = Vec::new();
    for i in inbound {
        if let InboundDns::Create { zones, link_name } = &i.dns {
            for zone in zones {
                if !out.iter().any(|(z, l, _)| z == zone && l == link_name) {
                    out.push((zone, link_name.clone(), i.subnet.clone()));
                }
            }
        }
    }
    out
}

/// Who gets the approver role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// The workspace's system-assigned identity.
    SystemAssigned,
    /// A user-assigned identity, by ARM id.
    UserAssigned(String),
}

/// The identity the approver role goes to: the one the context names, else the workspace's primary
/// user-assigned identity, else its system-assigned identity.
pub fn approver_principal(config: &Config) -> Principal {
    if let Some(id) = config.context.networking.approver_identity.as_deref().filter(|i| !i.trim().is_empty()) {
        return Principal::UserAssigned(id.trim().to_owned());
    }
    let primary = config.workspace.as_ref().and_then(|w| w.extra.iter().find(|(k, _)| k == "primary_user_assigned_identity"));
    match primary {
        Some((_, Value::Str(id))) if !id.trim().is_empty() => Principal::UserAssigned(id.trim().to_owned()),
        _ => Principal::SystemAssigned,
    }
}

/// A private endpoint target of an outbound rule whose approval needs a role on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApproverTarget {
    /// The first rule that targets it.
    pub rule_index: usize,
    /// The target's ARM id as written.
    pub id: String,
    /// `Namespace/type` of the target.
    pub resource_type: String,
    /// The label of a type the built-in role does not cover (it needs a custom role).
    pub custom_role: Option<&'static str>,
}

/// The targets of the workspace's private endpoint rules that need the approver role: one per resource
/// (case-insensitive), in rule order, leaving out unreadable ids and the workspace's own storage
/// account, key vault and container registry (the service covers those).
pub fn approver_targets(config: &Config) -> Vec<ApproverTarget> {
    if !matches!(config.isolation_mode(), Some(IsolationMode::AllowInternetOutbound | IsolationMode::AllowOnlyApprovedOutbound)) {
        return Vec::new();
    }
    let defaults: Vec<String> = config
        .workspace
        .as_ref()
        .map(|w| {
            w.extra
                .iter()
                .filter(|(k, _)| matches!(k.as_str(), "storage_account" | "key_vault" | "container_registry"))
                .filter_map(|(_, v)| if let Value::Str(s) = v { Some(s.to_ascii_lowercase()) } else { None })
                .collect()
        })
        .unwrap_or_default();
    let mut out: Vec<ApproverTarget> = Vec::new();
    // The lowercased ids already taken, so 10 000 rules cost no 10 000 x 10 000 comparisons. (The map's
    // type is the source map's and `duplicate-rule-name`'s: one ordered map in the wasm.)
    let mut seen: BTreeMap<Cow<'_, str>, usize> = BTreeMap::new();
    for (rule_index, rule) in config.rules().iter().enumerate() {
        let Destination::PrivateEndpoint(pe) = &rule.destination else { continue };
        let id = pe.service_resource_id.trim();
        let Some(arm) = parse_arm_id(id) else { continue };
        // The resource itself, not a child (`.../privateLinkScopes/x` is its own resource).
        let resource_id = resource_part(id);
        let lower = resource_id.to_ascii_lowercase();
        if defaults.contains(&lower) || seen.contains_key(lower.as_str()) {
            continue;
        }
        seen.insert(Cow::Owned(lower), rule_index);
        let resource_type = arm.full_type();
        let custom_role = CUSTOM_ROLE_TYPES.iter().find(|(t, _)| t.eq_ignore_ascii_case(&resource_type)).map(|(_, label)| *label);
        out.push(ApproverTarget { rule_index, id: resource_id, resource_type, custom_role });
    }
    out
}

/// `/subscriptions/../providers/<ns>/<type>/<name>` of an id that may name a child resource.
fn resource_part(id: &str) -> String {
    let parts: Vec<&str> = id.trim_start_matches('/').split('/').collect();
    format!("/{}", parts[..parts.len().min(8)].join("/"))
}

/// The targets the exports assign the built-in role on (none when the assignments are off).
pub fn assigned_targets(config: &Config) -> Vec<ApproverTarget> {
    if !config.context.networking.assign_approver_role {
        return Vec::new();
    }
    approver_targets(config).into_iter().filter(|t| t.custom_role.is_none()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clouds() {
        assert_eq!(Cloud::of_region(Some("chinanorth3")).workspace_zones()[0], "privatelink.api.ml.azure.cn");
        assert_eq!(Cloud::of_region(Some("usgovvirginia")).workspace_zones()[1], "privatelink.notebooks.usgovcloudapi.net");
        assert_eq!(Cloud::of_region(Some("westeurope")), Cloud::Public);
        assert_eq!(Cloud::of_region(None), Cloud::Public);
    }

    #[test]
    fn subnets() {
        let pe = |s: &str| InboundPrivateEndpoint { subnet: s.to_owned(), ..InboundPrivateEndpoint::default() };
        let id =
            "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe";
        let r = pe(id).subnet_ref().expect("an id");
        assert_eq!((r.resource_group.as_deref(), r.virtual_network.as_str(), r.subnet.as_str()), (Some("net-rg"), "vnet", "pe"));
        assert_eq!(pe("vnet/pe").subnet_ref().map(|r| r.subscription), Some(None));
        assert_eq!(pe("vnet").subnet_ref(), None);
        assert_eq!(pe("/subscriptions/x/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/s").subnet_ref(), None);
        assert_eq!(pe("v/s/t").subnet_ref(), None);
    }
}
