//! `spark-cannot-be-disabled`: a change plan provisions the managed network with Spark for the first time.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "spark-cannot-be-disabled",
    severity: Severity::Warning,
    summary: "A change plan provisions the managed network with `--include-spark`, which cannot be undone",
    docs: docs!(r#"## What it catches
`amlnet plan` where the desired document has a private endpoint rule with `spark_enabled: true` and
the current workspace has none, so the plan runs `az ml workspace provision-network --include-spark`
(`begin_provision_network(include_spark=True)`).

## Why it matters
Spark support of a managed network "can be enabled later by running this command again with this
flag. Once enabled it cannot be disabled" (`az ml workspace provision-network`). Serverless Spark
also needs public network access disabled before provisioning, and does not get FQDN rules.

## Example
The workspace has no Spark-enabled rule; the desired document adds one:
```yaml
# current state, as `az ml workspace show` gives it
name: ws-contoso
public_network_access: Disabled
managed_network:
  isolation_mode: allow_internet_outbound
```
```yaml
name: ws-contoso
public_network_access: Disabled
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: datalake
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sadatalake
      subresource_target: dfs
      spark_enabled: true
```

## Instead
Enable Spark only if serverless Spark must reach the resource; otherwise:
```yaml
      spark_enabled: false
```
"#),
};
