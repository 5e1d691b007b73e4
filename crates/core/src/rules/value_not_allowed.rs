//! `value-not-allowed`: a value outside the allowed set.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "value-not-allowed",
    severity: Severity::Error,
    summary: "A value outside the allowed set",
    docs: docs!(r#"## What it catches
`isolation_mode`, `firewall_sku`, `public_network_access`, `auth_mode`,
`egress_public_network_access` and rule `type` values that are not among the allowed spellings.

## Why it matters
azure-ai-ml rejects them ("Value 'approved' passed is not in set ...").

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: approved
  firewall_sku: premium
```

## Instead
```yaml
managed_network:
  isolation_mode: allow_only_approved_outbound
  firewall_sku: standard
```"#),
};
