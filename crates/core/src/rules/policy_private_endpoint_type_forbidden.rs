//! `policy-private-endpoint-type-forbidden`: a private endpoint rule to a resource type the policy does not list.

use super::prelude::*;
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-private-endpoint-type-forbidden",
    severity: Severity::Error,
    summary: "A private endpoint rule targets a resource type the policy's `outbound_rules.private_endpoints.resource_types` does not allow",
    docs: docs!(r#"## What it catches
A `private_endpoint` rule whose `service_resource_id` names a resource type
(`Microsoft.Storage/storageAccounts`) that is not in the policy's
`outbound_rules.private_endpoints.resource_types` (compared case-insensitively, as ARM does).

## Why it matters
A private endpoint carries data out of the managed network to the target resource; teams approve the
kinds of resources that may receive it.

## Example
```yaml
# policy
version: 1
outbound_rules:
  private_endpoints:
    resource_types: [Microsoft.Storage/storageAccounts, Microsoft.KeyVault/vaults]
```
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: cosmos
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/cosmos1
      subresource_target: Sql
```

## Instead
```yaml
  - name: blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1
      subresource_target: blob
```
"#),
};

/// The `Namespace/type` and the subscription of an ARM resource id, when it has them.
pub(crate) fn id_parts(id: &str) -> (Option<String>, Option<&str>) {
    let segments: Vec<&str> = id.split('/').filter(|s| !s.is_empty()).collect();
    let after = |key: &str| segments.iter().position(|s| s.eq_ignore_ascii_case(key)).and_then(|i| segments.get(i + 1..));
    let resource_type = after("providers").and_then(|rest| match rest {
        [namespace, kind, ..] => Some(format!("{namespace}/{kind}")),
        _ => None,
    });
    let subscription = after("subscriptions").and_then(|rest| rest.first().copied());
    (resource_type, subscription)
}

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some(rule) = &cx.policy.outbound_rules.private_endpoints.resource_types else { return };
    let severity = cx.policy.outbound_rules.severity;
    for (i, r) in cx.config.rules().iter().enumerate() {
        let Destination::PrivateEndpoint(pe) = &r.destination else { continue };
        // An id without a resource type is `service-resource-id-invalid`'s finding.
        let (Some(kind), _) = id_parts(&pe.service_resource_id) else { continue };
        if rule.values.iter().any(|v| v.eq_ignore_ascii_case(&kind)) {
            continue;
        }
        let what = format!("rule `{}` to a resource of type `{kind}`", r.name);
        let help = format!("the policy allows private endpoints to {}", super::quoted_list(&rule.values));
        cx.forbid(&INFO, (severity, rule.at), Target::Workspace, &format!("{}.destination.service_resource_id", rule_path(i)), &what, help);
    }
}
