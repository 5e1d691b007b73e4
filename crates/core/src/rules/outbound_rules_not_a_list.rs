//! `outbound-rules-not-a-list`: `outbound_rules` written as a mapping keyed by rule name.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "outbound-rules-not-a-list",
    severity: Severity::Error,
    summary: "`outbound_rules` written as a mapping keyed by rule name",
    docs: docs!(r#"## What it catches
The older format, seen in an SDK test file and some blog posts, where `outbound_rules` is a mapping from
rule name to rule.

## Why it matters
azure-ai-ml 1.35 rejects it: "outbound_rules: Not a valid list."

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
    pypi:
      type: fqdn
      destination: pypi.org
```

## Instead
```yaml
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
```"#),
};
