//! `public-network-access-without-inbound-endpoint`: a workspace closed to the internet that nothing can reach.

use super::prelude::*;
use crate::model::{NetworkAccess, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "public-network-access-without-inbound-endpoint",
    severity: Severity::Warning,
    summary: "Public network access is disabled, but the export creates no private endpoint of the workspace",
    docs: docs!(r#"## What it catches
A workspace with `public_network_access: disabled` when the configuration has no inbound private
endpoint (`--inbound-pe-subnet`, the wizard's "Workspace inbound access"). For an update the warning
says "unless the workspace already has one", since amlnet does not see the existing endpoints.

## Why it matters
With public network access disabled, the workspace accepts data-plane traffic only through its private
endpoints ("Configure a private endpoint for an Azure Machine Learning workspace"). Without one, nothing
outside Azure's own network reaches it: the studio, the SDK and the CLI stop working from outside, and
an online endpoint with `public_network_access: disabled` cannot be scored. The portal's Networking tab
asks for the endpoint ("Add private endpoint": virtual network, subnet, private DNS integration).

## Example
```yaml
name: ws-contoso
public_network_access: disabled
managed_network:
  isolation_mode: allow_only_approved_outbound
```

## Instead
```yaml
# amlnet: inbound=/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/corp-vnet/subnets/pe
name: ws-contoso
public_network_access: disabled
managed_network:
  isolation_mode: allow_only_approved_outbound
```
(`amlnet export --inbound-pe-subnet <subnet id>`): the exports create the private endpoint, the private
DNS zones `privatelink.api.azureml.ms` and `privatelink.notebooks.azure.net` and their links to the network.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ws) = &cx.config.workspace else { return };
    if ws.public_network_access != Some(NetworkAccess::Disabled) || !cx.config.context.networking.inbound_private_endpoints.is_empty() {
        return;
    }
    let message = match cx.config.context.operation {
        Operation::Create => "public network access is disabled, but no private endpoint of the workspace is created: the studio, SDK and CLI cannot reach it from outside Azure",
        Operation::Update => "public network access is disabled and no private endpoint of the workspace is added: unless it already has one, the studio, SDK and CLI cannot reach it from outside Azure",
    };
    let d = INFO
        .at("public_network_access", message)
        .with_help("add an inbound private endpoint in your virtual network (`--inbound-pe-subnet <subnet id>`, or the wizard's Workspace inbound access)");
    cx.report(Target::Workspace, d);
}
