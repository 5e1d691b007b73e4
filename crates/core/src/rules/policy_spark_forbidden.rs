//! `policy-spark-forbidden`: a Spark-enabled private endpoint rule under `private_endpoints.spark_enabled: false`.

use super::prelude::*;
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-spark-forbidden",
    severity: Severity::Error,
    summary: "A private endpoint rule is Spark-enabled, which the policy's `outbound_rules.private_endpoints.spark_enabled: false` forbids",
    docs: docs!(r#"## What it catches
A `private_endpoint` rule with `spark_enabled: true` when the policy sets
`outbound_rules.private_endpoints.spark_enabled: false` (`true` allows both).

## Why it matters
Enabling Spark on a rule provisions the network with `--include-spark`, which cannot be undone, and the
serverless Spark compute then shares the managed network.

## Example
```yaml
# policy
version: 1
outbound_rules:
  private_endpoints:
    spark_enabled: false
```
```yaml
name: ws-contoso
image_build_compute: image-builder
public_network_access: Disabled
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1
      subresource_target: blob
      spark_enabled: true
```

## Instead
```yaml
      spark_enabled: false
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some((false, at)) = cx.policy.outbound_rules.private_endpoints.spark_enabled else { return };
    let severity = cx.policy.outbound_rules.severity;
    for (i, r) in cx.config.rules().iter().enumerate() {
        let Destination::PrivateEndpoint(pe) = &r.destination else { continue };
        if !pe.spark_enabled {
            continue;
        }
        let what = format!("Spark on rule `{}`", r.name);
        cx.forbid(&INFO, (severity, at), Target::Workspace, &format!("{}.destination.spark_enabled", rule_path(i)), &what, "set `spark_enabled: false`".to_owned());
    }
}
