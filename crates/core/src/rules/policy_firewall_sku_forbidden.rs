//! `policy-firewall-sku-forbidden`: an approved-outbound workspace whose firewall SKU the policy does not allow.

use super::prelude::*;
use crate::model::{FirewallSku, IsolationMode};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-firewall-sku-forbidden",
    severity: Severity::Error,
    summary: "The managed network's `firewall_sku` is not one the policy's `workspace.firewall_skus` allows",
    docs: docs!(r#"## What it catches
A workspace in `allow_only_approved_outbound` whose `managed_network.firewall_sku` (`standard` when
absent, as the YAML loader sends it) is not in the policy's `workspace.firewall_skus`. Other modes have
no firewall and are not judged.

## Why it matters
The managed network's Azure Firewall (created for FQDN rules) is billed by its SKU: Standard costs
several times Basic. Teams that need only FQDN filtering pin Basic.

## Example
```yaml
# policy
version: 1
workspace:
  firewall_skus: [basic]
```
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  firewall_sku: standard
```

## Instead
```yaml
  firewall_sku: basic
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some(rule) = &cx.policy.workspace.firewall_skus else { return };
    let Some(network) = cx.config.workspace.as_ref().and_then(|w| w.managed_network.as_ref()) else { return };
    if network.isolation_mode != Some(IsolationMode::AllowOnlyApprovedOutbound) {
        return;
    }
    let (sku, default) = match network.firewall_sku {
        Some(sku) => (sku, ""),
        None => (FirewallSku::Standard, " (the default)"),
    };
    let what = format_args!("the firewall SKU `{}`{default}", sku.yaml());
    let severity = cx.policy.workspace.severity;
    cx.forbid_unlisted(&INFO, (rule, severity), (Target::Workspace, "managed_network.firewall_sku"), sku, FirewallSku::yaml, &what);
}
