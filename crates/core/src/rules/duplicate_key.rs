//! `duplicate-key`: a key is written twice in the same mapping.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "duplicate-key",
    severity: Severity::Warning,
    summary: "A key is written twice in the same mapping",
    docs: docs!(r#"## What it catches
The same key twice in one mapping.

## Why it matters
PyYAML keeps the last value and silently drops the first, so half of what was written has no effect.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  isolation_mode: allow_only_approved_outbound
```

## Instead
Keep one of the two."#),
};
