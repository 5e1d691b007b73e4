//! `private-endpoint-rule-without-managed-network`: private endpoint rules with `isolation_mode: disabled`.

use super::prelude::*;
use crate::model::{rule_path, Destination, IsolationMode};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "private-endpoint-rule-without-managed-network",
    severity: Severity::Warning,
    summary: "A private endpoint rule while `isolation_mode` is `disabled`",
    docs: docs!(r#"## What it catches
Rules of type `private_endpoint` in a `managed_network` whose `isolation_mode` is `disabled`.

## Why it matters
Outbound rules live in the workspace's managed virtual network. With `disabled` there is none, so the
private endpoint is not created and the compute cannot reach the resource privately. What the service
does with such a rule is not documented; at best it is ignored.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: disabled
  outbound_rules:
  - name: data-blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data
      subresource_target: blob
      spark_enabled: false
```

## Instead
Enable the managed network (private endpoint rules work in both modes):
```yaml
managed_network:
  isolation_mode: allow_internet_outbound
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.config.isolation_mode() != Some(IsolationMode::Disabled) {
        return;
    }
    for (i, rule) in cx.config.rules().iter().enumerate() {
        if !matches!(rule.destination, Destination::PrivateEndpoint(_)) {
            continue;
        }
        let d = INFO
            .at(
                &format!("{}.type", rule_path(i)),
                format!(
                    "rule `{}` is a private endpoint rule, but `isolation_mode` is `disabled`, so there is no managed network to create it in",
                    rule.name
                ),
            )
            .with_help("set `managed_network.isolation_mode: allow_internet_outbound` (or `allow_only_approved_outbound`), or remove the rule");
        cx.report(Target::Workspace, d);
    }
}
