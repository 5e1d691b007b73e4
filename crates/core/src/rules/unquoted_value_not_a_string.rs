//! `unquoted-value-not-a-string`: an unquoted value that PyYAML reads as a number, boolean, date or null.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "unquoted-value-not-a-string",
    severity: Severity::Error,
    summary: "An unquoted value that PyYAML reads as a number, boolean, date or null",
    docs: docs!(r#"## What it catches
A field that must be a string, written without quotes in a form that YAML 1.1 (PyYAML, which
azure-ai-ml uses) reads as another type: `port_ranges: 443` (int), `public_network_access: off`
(boolean false), `name: 2024-01-01` (date), `tag: 0123` (octal int 83), `time: 1:30` (int 90).

## Why it matters
The SDK rejects the value ("Not a valid string.") or, worse, it turns into a different value. YAML 1.2
tools and editors show it as the string you meant, so the mistake is invisible until `az ml` runs.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: monitor
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: 443
```

## Instead
```yaml
      port_ranges: '443'
```"#),
};
