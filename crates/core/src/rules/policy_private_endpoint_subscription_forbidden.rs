//! `policy-private-endpoint-subscription-forbidden`: a private endpoint rule into a subscription the policy does not list.

use super::policy_private_endpoint_type_forbidden::id_parts;
use super::prelude::*;
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-private-endpoint-subscription-forbidden",
    severity: Severity::Error,
    summary: "A private endpoint rule targets a subscription the policy's `outbound_rules.private_endpoints.subscriptions` does not allow",
    docs: docs!(r#"## What it catches
A `private_endpoint` rule whose `service_resource_id` lies in a subscription that is not in the policy's
`outbound_rules.private_endpoints.subscriptions`.

## Why it matters
A private endpoint to a storage account in someone else's subscription is a sanctioned path for data to
leave the company: approved outbound stops the internet, not a private endpoint to another tenant.

## Example
```yaml
# policy
version: 1
outbound_rules:
  private_endpoints:
    subscriptions: [00000000-1111-2222-3333-444444444444]
```
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/99999999-8888-7777-6666-555555555555/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/elsewhere
      subresource_target: blob
```

## Instead
```yaml
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some(rule) = &cx.policy.outbound_rules.private_endpoints.subscriptions else { return };
    let severity = cx.policy.outbound_rules.severity;
    for (i, r) in cx.config.rules().iter().enumerate() {
        let Destination::PrivateEndpoint(pe) = &r.destination else { continue };
        let (_, Some(subscription)) = id_parts(&pe.service_resource_id) else { continue };
        if rule.values.iter().any(|v| v.eq_ignore_ascii_case(subscription)) {
            continue;
        }
        let what = format!("rule `{}` into the subscription `{subscription}`", r.name);
        let help = format!("the policy allows private endpoints into {}", super::quoted_list(&rule.values));
        cx.forbid(&INFO, (severity, rule.at), Target::Workspace, &format!("{}.destination.service_resource_id", rule_path(i)), &what, help);
    }
}
