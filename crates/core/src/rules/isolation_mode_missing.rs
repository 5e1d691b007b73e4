//! `isolation-mode-missing`: `managed_network` without `isolation_mode`.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "isolation-mode-missing",
    severity: Severity::Error,
    summary: "`managed_network` without `isolation_mode`",
    docs: docs!(r#"## What it catches
A `managed_network` mapping that does not say which isolation mode to use.

## Why it matters
azure-ai-ml 1.35 fails with a bare `KeyError: 'isolation_mode'`, which tells nobody what is wrong.

## Example
```yaml
name: ws-contoso
managed_network:
  outbound_rules: []
```

## Instead
```yaml
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules: []
```"#),
};
