//! `missing-required-key`: a required key is missing.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "missing-required-key",
    severity: Severity::Error,
    summary: "A required key is missing",
    docs: docs!(r#"## What it catches
A key the SDK or the service requires: a workspace, endpoint or deployment `name`, a deployment's
`endpoint_name`, a rule's `name` and `destination`, a private endpoint's `service_resource_id`,
`subresource_target` and `spark_enabled`, a service tag's `service_tag`, `protocol` and `port_ranges`.

## Why it matters
azure-ai-ml rejects the file with "Missing data for required field". `spark_enabled` is the surprise:
the Python class defaults it to false, but the YAML schema requires it.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: storage
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa
      subresource_target: blob
```

## Instead
```yaml
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa
      subresource_target: blob
      spark_enabled: false
```
"#),
};
