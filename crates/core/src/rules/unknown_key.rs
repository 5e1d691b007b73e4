//! `unknown-key`: a key the SDK does not know.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "unknown-key",
    severity: Severity::Error,
    summary: "A key the SDK does not know",
    docs: docs!(r#"## What it catches
Keys that azure-ai-ml 1.35 does not define at that place. At the top level of a document and inside a
rule's `destination`, the SDK rejects the whole file ("Unknown field"); inside `managed_network` and
inside a rule item, it drops the key without a word (reported as a warning).

## Why it matters
A rejected file fails only when `az ml` runs; a dropped key silently does nothing (for example
`subresource_type` instead of `subresource_target`).

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
      subresource_type: blob
      spark_enabled: false
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
