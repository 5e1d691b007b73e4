//! `spark-needs-public-network-access-disabled`: Spark-enabled private endpoints on a workspace with public access.

use super::prelude::*;
use crate::model::{rule_path, Destination, NetworkAccess, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "spark-needs-public-network-access-disabled",
    severity: Severity::Warning,
    summary: "A rule enables serverless Spark while the workspace's public network access is enabled",
    docs: docs!(r#"## What it catches
A private endpoint rule with `spark_enabled: true` in a workspace whose `public_network_access` is
`enabled` or not set (the workspace template's default is `Enabled`). Reported once, at
`public_network_access` when it is written, otherwise at the first such rule.

## Why it matters
For serverless Spark, public network access must be disabled before the managed network is provisioned
with Spark; otherwise the workspace private endpoints may not be created. Spark support, once provisioned,
cannot be turned off again.

## Example
```yaml
name: ws-contoso
public_network_access: enabled
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: data-blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data
      subresource_target: blob
      spark_enabled: true
```

## Instead
```yaml
public_network_access: disabled
```
Then provision with `az ml workspace provision-network -g <rg> -n <ws> --include-spark`.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ws) = &cx.config.workspace else { return };
    if ws.public_network_access == Some(NetworkAccess::Disabled) {
        return;
    }
    let rules = cx.config.rules();
    let Some(i) = rules.iter().position(|r| matches!(&r.destination, Destination::PrivateEndpoint(pe) if pe.spark_enabled)) else { return };
    let name = &rules[i].name;
    let help = "set `public_network_access: disabled` before provisioning the managed network with `--include-spark`";
    let d = match ws.public_network_access {
        Some(_) => INFO
            .at(
                "public_network_access",
                format!("rule `{name}` enables serverless Spark, but the workspace's public network access is enabled; disable it before provisioning the managed network, or the workspace private endpoints may not be created"),
            )
            .with_help(help)
            .with_fix("Write `disabled`", Some("disabled".to_owned())),
        // An update leaves an unset value as it is, which may already be disabled.
        None if cx.config.context.operation == Operation::Update => INFO
            .at(
                &format!("{}.destination.spark_enabled", rule_path(i)),
                format!("rule `{name}` enables serverless Spark; unless the workspace's public network access is already disabled, disable it before provisioning the managed network, or the workspace private endpoints may not be created"),
            )
            .with_help(help),
        None => INFO
            .at(
                &format!("{}.destination.spark_enabled", rule_path(i)),
                format!("rule `{name}` enables serverless Spark, but the workspace does not set `public_network_access`, which defaults to enabled; disable it before provisioning the managed network, or the workspace private endpoints may not be created"),
            )
            .with_help(help),
    };
    cx.report(Target::Workspace, d);
}
