//! `rule-type-mismatch`: a rule's `type` contradicts the shape of its destination.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "rule-type-mismatch",
    severity: Severity::Warning,
    summary: "A rule's `type` contradicts the shape of its destination",
    docs: docs!(r#"## What it catches
`type: fqdn` with a mapping destination, `type: private_endpoint` with service tag fields, and so on.

## Why it matters
azure-ai-ml builds the rule from the destination's shape and ignores `type`, so the rule that gets
created is not the rule you declared.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: storage
    type: fqdn
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa
      subresource_target: blob
      spark_enabled: false
```

## Instead
```yaml
  - name: storage
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa
      subresource_target: blob
      spark_enabled: false
```"#),
};
