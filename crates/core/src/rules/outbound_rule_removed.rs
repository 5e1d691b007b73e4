//! `outbound-rule-removed`: a change plan removes a user-defined outbound rule.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "outbound-rule-removed",
    severity: Severity::Warning,
    summary: "A change plan removes a user-defined outbound rule that the workspace has now",
    docs: docs!(r#"## What it catches
`amlnet plan` finds a user-defined outbound rule in the current workspace (YAML or `az ml workspace
show` output) that the desired document no longer lists, so the plan runs
`az ml workspace outbound-rule remove` for it. Rules the service created (`category: required`,
`recommended` or `dependency`) are never removed.

## Why it matters
The desired `managed_network` lists the complete set of user-defined rules. A rule missing from it,
often because the document was written by hand or copied from an older version, is removed, and
compute, endpoints and jobs that used the destination lose it as soon as the plan runs.

## Example
The workspace has rules `pypi` and `datalake`:
```yaml
# current state, as `az ml workspace show` gives it
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  firewall_sku: basic
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
  - name: datalake
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sadatalake
      subresource_target: dfs
      spark_enabled: false
```
the desired document keeps only one:
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  firewall_sku: basic
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
```

## Instead
Keep every rule that something still needs in the desired document, or remove it deliberately:
```yaml
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
  - name: datalake
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sadatalake
      subresource_target: dfs
      spark_enabled: false
```
"#),
};
