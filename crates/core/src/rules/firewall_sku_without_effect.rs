//! `firewall-sku-without-effect`: `firewall_sku` where no Azure Firewall is deployed.

use super::prelude::*;
use crate::model::{Destination, IsolationMode};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "firewall-sku-without-effect",
    severity: Severity::Warning,
    summary: "`firewall_sku` is set, but no Azure Firewall is deployed (not approved outbound, or no FQDN rule)",
    docs: docs!(r#"## What it catches
`managed_network.firewall_sku` when `isolation_mode` is not `allow_only_approved_outbound`, or when it
is but the workspace has no FQDN rule.

## Why it matters
The managed network deploys an Azure Firewall only in approved-outbound mode and only once an FQDN rule
exists; the SKU chooses that firewall. Elsewhere the setting does nothing, which usually means the
configuration is not what was intended (an FQDN rule is missing, or the mode is wrong).

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  firewall_sku: basic
```

## Instead
Remove `firewall_sku`, or keep it in approved-outbound mode to choose the SKU for FQDN rules you add later.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(network) = cx.config.workspace.as_ref().and_then(|w| w.managed_network.as_ref()) else { return };
    let (Some(sku), Some(mode)) = (network.firewall_sku, network.isolation_mode) else { return };
    let message = if mode != IsolationMode::AllowOnlyApprovedOutbound {
        format!(
            "`firewall_sku: {}` has no effect with `isolation_mode: {}`; an Azure Firewall is deployed only in `allow_only_approved_outbound` with FQDN rules",
            sku.yaml(),
            mode.yaml()
        )
    } else if !network.outbound_rules.iter().any(|r| matches!(r.destination, Destination::Fqdn(_))) {
        format!("`firewall_sku: {}` has no effect yet; the Azure Firewall is deployed only when the first FQDN rule is added", sku.yaml())
    } else {
        return;
    };
    let d = INFO
        .at("managed_network.firewall_sku", message)
        .with_help("remove `firewall_sku`, or keep it to choose the SKU of the firewall that FQDN rules will create")
        .with_fix("Remove `firewall_sku`", None);
    cx.report(Target::Workspace, d);
}
