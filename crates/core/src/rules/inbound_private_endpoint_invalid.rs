//! `inbound-private-endpoint-invalid`: an inbound private endpoint the exports cannot create.

use super::prelude::*;
use crate::catalog::parse_arm_id;
use crate::model::{DnsIntegration, InboundPrivateEndpoint, Networking};
use crate::networking::{all_workspace_zones, approver_principal, Cloud, Principal};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "inbound-private-endpoint-invalid",
    severity: Severity::Error,
    summary: "An inbound private endpoint's subnet, name, DNS zone ids or approver identity are malformed",
    docs: docs!(r#"## What it catches
The settings of the workspace's inbound private endpoints and of the approver role that the Azure
APIs would refuse:
- a subnet that is neither a subnet ARM id
  (`/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>`)
  nor `VNET/SUBNET`;
- an endpoint name that is not 2-64 letters, digits, `_`, `.` or `-` starting with a letter or digit and
  ending with a letter, digit or `_` (the Microsoft.Network naming rule);
- an existing private DNS zone id that is not a `Microsoft.Network/privateDnsZones` id, or a zone that
  is not one of the workspace's (`privatelink.api.azureml.ms`, `privatelink.notebooks.azure.net`, or the
  sovereign clouds' `privatelink.api.ml.azure.cn`, `privatelink.notebooks.chinacloudapi.cn`,
  `privatelink.api.ml.azure.us`, `privatelink.notebooks.usgovcloudapi.net`), or a zone of another
  cloud than the workspace's region;
- an endpoint without a subnet, existing zones without their ids, or two endpoints with the same name;
- an approver identity that is not a `Microsoft.ManagedIdentity/userAssignedIdentities` id.

## Why it matters
`az network private-endpoint create`, the ARM deployment and Terraform fail on a malformed subnet or
name; a zone group with another service's zone resolves nothing for the workspace, so clients in the
network still reach its public address, which public network access `disabled` refuses.

## Example
```yaml
# amlnet: inbound=corp-vnet dns-zone=/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/dns-rg/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net
name: ws-contoso
```

## Instead
```yaml
# amlnet: inbound=corp-vnet/pe dns-zone=/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/dns-rg/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms
name: ws-contoso
```
"#),
};

fn valid_name(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    (2..=64).contains(&chars.len())
        && chars.iter().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(*c))
        && chars[0].is_ascii_alphanumeric()
        && chars.last().is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Networking { inbound_private_endpoints, assign_approver_role: _, approver_identity } = &cx.config.context.networking;
    let cloud = cx.config.workspace.as_ref().and_then(|w| w.location.as_deref()).map(|l| Cloud::of_region(Some(l)));
    let mut names: Vec<String> = Vec::new();
    for (i, pe) in inbound_private_endpoints.iter().enumerate() {
        let InboundPrivateEndpoint { name, subnet, network_resource_group: _, location: _, dns } = pe;
        let path = format!("context.networking.inbound_private_endpoints[{i}]");
        if subnet.trim().is_empty() {
            let d = INFO
                .at(&format!("{path}.subnet"), "the inbound private endpoint has no subnet")
                .with_help("give the subnet's resource id or `VNET/SUBNET`, or remove the endpoint");
            cx.report(Target::Context, d);
        } else if pe.subnet_ref().is_none() {
            let d = INFO
                .at(&format!("{path}.subnet"), format!("`{subnet}` is neither a subnet ARM id nor `VNET/SUBNET`"))
                .with_help("give the subnet's id (`az network vnet subnet show -g <rg> --vnet-name <vnet> -n <subnet> --query id -o tsv`) or `VNET/SUBNET`");
            cx.report(Target::Context, d);
        }
        if !name.trim().is_empty() && !valid_name(name.trim()) {
            let d = INFO
                .at(&format!("{path}.name"), format!("`{name}` is not a valid private endpoint name"))
                .with_help("use 2-64 letters, digits, `_`, `.` or `-`, starting with a letter or digit and ending with a letter, digit or `_`");
            cx.report(Target::Context, d);
        }
        let effective = crate::networking::inbound(cx.config).into_iter().find(|e| e.index == i).map(|e| e.name);
        if let Some(n) = effective {
            if names.iter().any(|m| m.eq_ignore_ascii_case(&n)) {
                let d = INFO.at(&format!("{path}.name"), format!("a second inbound private endpoint named `{n}`")).with_help("give each endpoint its own name");
                cx.report(Target::Context, d);
            }
            names.push(n);
        }
        if let DnsIntegration::Existing(ids) = dns {
            if ids.is_empty() {
                let d = INFO
                    .at(&format!("{path}.dns.zone_ids"), "existing private DNS zones are chosen, but none is given")
                    .with_help("give the resource ids of the workspace's two zones, or let the export create them");
                cx.report(Target::Context, d);
            }
            for (k, id) in ids.iter().enumerate() {
                let zone_path = format!("{path}.dns.zone_ids[{k}]");
                let parsed = parse_arm_id(id.trim()).filter(|a| a.full_type().eq_ignore_ascii_case("Microsoft.Network/privateDnsZones"));
                let Some(arm) = parsed else {
                    let d = INFO
                        .at(&zone_path, format!("`{id}` is not the ARM id of a private DNS zone"))
                        .with_help("give `/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/<zone>`");
                    cx.report(Target::Context, d);
                    continue;
                };
                let zone = arm.name.to_ascii_lowercase();
                if !all_workspace_zones().contains(&zone.as_str()) {
                    let d = INFO
                        .at(&zone_path, format!("`{}` is not a zone of an Azure Machine Learning workspace; the workspace's names would not resolve to its private endpoint", arm.name))
                        .with_help("use the zones `privatelink.api.azureml.ms` and `privatelink.notebooks.azure.net` (in Azure China and US Government, that cloud's zones)");
                    cx.report(Target::Context, d);
                } else if let Some(cloud) = cloud {
                    if !cloud.workspace_zones().contains(&zone.as_str()) {
                        let d = INFO
                            .at(&zone_path, format!("`{}` is a zone of another Azure cloud than the workspace's region", arm.name))
                            .with_help(format!("use `{}` and `{}`", cloud.workspace_zones()[0], cloud.workspace_zones()[1]));
                        cx.report(Target::Context, d);
                    }
                }
            }
        }
    }
    if approver_identity.as_deref().is_some_and(|i| !i.trim().is_empty()) {
        if let Principal::UserAssigned(id) = approver_principal(cx.config) {
            let ok = parse_arm_id(&id).is_some_and(|a| a.full_type().eq_ignore_ascii_case("Microsoft.ManagedIdentity/userAssignedIdentities"));
            if !ok {
                let d = INFO
                    .at("context.networking.approver_identity", format!("`{id}` is not the ARM id of a user-assigned identity"))
                    .with_help("give `/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`");
                cx.report(Target::Context, d);
            }
        }
    }
}
