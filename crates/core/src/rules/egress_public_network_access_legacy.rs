//! `egress-public-network-access-legacy`: a deployment's `egress_public_network_access`, the legacy isolation method.

use super::prelude::*;
use crate::model::{IsolationMode, NetworkAccess, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "egress-public-network-access-legacy",
    severity: Severity::Warning,
    summary: "A deployment sets `egress_public_network_access`, which the managed network replaces",
    docs: docs!(r#"## What it catches
`egress_public_network_access` on an online deployment. With a workspace managed network
(`allow_internet_outbound` or `allow_only_approved_outbound`) it no longer applies; without one it is
the legacy network isolation method.

## Why it matters
With a managed network, outbound traffic of deployments is governed by the workspace's isolation mode
and outbound rules, and the documentation says not to set this flag. In the legacy method, `disabled`
creates three private endpoints per deployment (workspace, its blob storage, its container registry),
limits the deployment to those resources, and the flag cannot be changed after the deployment is created.

## Example
```yaml
name: blue
endpoint_name: scoring
model: azureml:my-model:1
instance_type: Standard_DS3_v2
egress_public_network_access: disabled
```

## Instead
Remove the key and enable the workspace's managed network:
```yaml
managed_network:
  isolation_mode: allow_only_approved_outbound
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let managed = matches!(cx.config.isolation_mode(), Some(IsolationMode::AllowInternetOutbound | IsolationMode::AllowOnlyApprovedOutbound));
    let update = cx.config.context.operation == Operation::Update;
    for (i, dep) in cx.config.deployments.iter().enumerate() {
        let Some(egress) = dep.egress_public_network_access else { continue };
        let d = if managed {
            INFO.at(
                "egress_public_network_access",
                format!("`egress_public_network_access` no longer applies: the workspace's managed network controls the outbound traffic of deployment `{}`", dep.name),
            )
            .with_help("remove it; control outbound traffic with the workspace's isolation mode and outbound rules")
            .with_fix("Remove `egress_public_network_access`", None)
        } else {
            let effect = match egress {
                NetworkAccess::Disabled => "`disabled` gives this deployment three private endpoints of its own (workspace, blob storage, container registry) and it reaches only those",
                NetworkAccess::Enabled => "`enabled` lets the deployment reach only public resources",
            };
            let when = if update { "it cannot be changed on an existing deployment" } else { "it cannot be changed after the deployment is created" };
            INFO.at(
                "egress_public_network_access",
                format!("`egress_public_network_access` is the legacy network isolation method: {effect}, and {when}"),
            )
            .with_help("prefer the workspace managed network (`managed_network.isolation_mode`), and then do not set this key")
        };
        cx.report(Target::Deployment(i), d);
    }
}
