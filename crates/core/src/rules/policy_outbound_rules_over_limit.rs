//! `policy-outbound-rules-over-limit`: more user-defined outbound rules than the policy's `outbound_rules.max`.

use super::prelude::*;
use crate::model::rule_path;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-outbound-rules-over-limit",
    severity: Severity::Error,
    summary: "The workspace has more outbound rules than the policy's `outbound_rules.max`",
    docs: docs!(r#"## What it catches
A workspace with more user-defined outbound rules than the policy's `outbound_rules.max`. The finding
points at the first rule past the limit.

## Why it matters
Every rule is a path out of the network that someone must review; a limit keeps the list reviewable
(and below the service's own limits on private endpoints and FQDN rules).

## Example
```yaml
# policy
version: 1
outbound_rules:
  max: 1
```
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: storage
    type: service_tag
    destination:
      service_tag: Storage
      protocol: TCP
      port_ranges: '443'
  - name: monitor
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: '443'
```

## Instead
```yaml
  outbound_rules:
  - name: storage
    type: service_tag
    destination:
      service_tag: Storage
      protocol: TCP
      port_ranges: '443'
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some(limit) = cx.policy.outbound_rules.max else { return };
    let count = cx.config.rules().len();
    if i64::try_from(count).unwrap_or(i64::MAX) <= limit.max {
        return;
    }
    let first_over = usize::try_from(limit.max).unwrap_or(0);
    let what = format!("more than {} outbound rules (this is rule {} of {count})", limit.max, first_over + 1);
    let help = format!("keep at most {} outbound rules; remove the others or ask for a higher `max`", limit.max);
    cx.forbid(&INFO, (cx.policy.outbound_rules.severity, limit.at), Target::Workspace, &rule_path(first_over), &what, help);
}
