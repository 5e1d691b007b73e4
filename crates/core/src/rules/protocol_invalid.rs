//! `protocol-invalid`: a service tag rule's `protocol` other than `TCP`, `UDP`, `ICMP` or `*`.

use super::prelude::*;
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "protocol-invalid",
    severity: Severity::Error,
    summary: "A service tag rule's `protocol` is not exactly `TCP`, `UDP`, `ICMP` or `*`",
    docs: docs!(r#"## What it catches
A `protocol` other than `TCP`, `UDP`, `ICMP` and `*`, including other spellings of those (`tcp`, `Tcp`,
`any`). The comparison is case-sensitive.

## Why it matters
azure-ai-ml documents the four values but loads anything (`FOO` loads), and Terraform checks them
case-sensitively, so a lower-case `tcp` that works in one tool fails in another. A `*` must be quoted in
YAML, where a bare `*` starts an alias.

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
      protocol: tcp
      port_ranges: '443'
```

## Instead
```yaml
      protocol: TCP
```
"#),
};

const PROTOCOLS: [&str; 4] = ["TCP", "UDP", "ICMP", "*"];

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::ServiceTag(st) = &rule.destination else { continue };
        let protocol = st.protocol.as_str();
        if PROTOCOLS.contains(&protocol) {
            continue;
        }
        let path = format!("{}.destination.protocol", rule_path(i));
        let upper = protocol.trim().to_ascii_uppercase();
        let d = if protocol.is_empty() {
            INFO.at(&path, format!("the protocol of rule `{}` is empty", rule.name)).with_help("write TCP, UDP, ICMP or '*' (quoted)")
        } else if PROTOCOLS.contains(&upper.as_str()) {
            let fixed = if upper == "*" { "'*'".to_owned() } else { crate::emit::yaml::scalar(&upper) };
            INFO.at(&path, format!("protocol `{protocol}` must be written `{upper}`; Terraform compares the values case-sensitively"))
                .with_help("write TCP, UDP, ICMP or '*' in this spelling")
                .with_fix(format!("Write `{upper}`"), Some(fixed))
        } else if matches!(upper.as_str(), "ANY" | "ALL") {
            INFO.at(&path, format!("`{protocol}` is not a protocol; `'*'` means any protocol"))
                .with_help("write TCP, UDP, ICMP or '*' (quoted)")
                .with_fix("Write `'*'`", Some("'*'".to_owned()))
        } else {
            INFO.at(&path, format!("`{protocol}` is not a protocol of a service tag rule")).with_help("write TCP, UDP, ICMP or '*' (quoted)")
        };
        cx.report(Target::Workspace, d);
    }
}
