//! `wrong-value-type`: a value has the wrong shape (list, mapping or scalar).

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "wrong-value-type",
    severity: Severity::Error,
    summary: "A value has the wrong shape (list, mapping or scalar)",
    docs: docs!(r#"## What it catches
A list where a string is expected (`port_ranges: [80, 8080]`), a string where a mapping is expected, a
value that is not true or false for a boolean, a non-number for `instance_count`.

## Why it matters
azure-ai-ml rejects such files ("Not a valid string.", "Not a valid boolean.").

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
      port_ranges: [80, 8080]
```

## Instead
```yaml
      port_ranges: '80, 8080'
```"#),
};
