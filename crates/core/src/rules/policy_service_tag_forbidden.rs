//! `policy-service-tag-forbidden`: a service tag rule the policy's `outbound_rules.service_tags` forbids.

use super::prelude::*;
use crate::model::{rule_path, Destination};
use crate::policy::ListKind;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-service-tag-forbidden",
    severity: Severity::Error,
    summary: "A service tag rule's tag is denied by, or missing from, the policy's `outbound_rules.service_tags`",
    docs: docs!(r#"## What it catches
A `service_tag` rule whose tag the policy's `outbound_rules.service_tags` denies (`deny: [...]`) or does
not allow (`allow: [...]`). Tags compare case-insensitively, and an entry without a region covers the
tag in every region: `deny: [AzureCloud]` also denies `AzureCloud.WestEurope`.

## Why it matters
`Internet` and `AzureCloud` undo approved-outbound isolation, and azurerm accepts both; a deny list
stops them in review, an allow list keeps egress to the services the team has approved.

## Example
```yaml
# policy
version: 1
outbound_rules:
  service_tags: {deny: [Internet, AzureCloud]}
```
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: everything
    type: service_tag
    destination:
      service_tag: AzureCloud.WestEurope
      protocol: TCP
      port_ranges: '443'
```

## Instead
```yaml
      service_tag: Storage.WestEurope
```
"#),
};

/// Whether the policy entry `entry` names `tag` (case-insensitively; an entry without a region covers every region).
fn names(entry: &str, tag: &str) -> bool {
    entry.eq_ignore_ascii_case(tag) || (!entry.contains('.') && tag.split('.').next().is_some_and(|base| base.eq_ignore_ascii_case(entry)))
}

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some(rule) = &cx.policy.outbound_rules.service_tags else { return };
    let severity = cx.policy.outbound_rules.severity;
    for (i, r) in cx.config.rules().iter().enumerate() {
        let Destination::ServiceTag(st) = &r.destination else { continue };
        let tag = st.service_tag.as_str();
        let matched = rule.entries.iter().find(|(entry, _)| names(entry, tag));
        let (at, help) = match (rule.kind, matched) {
            (ListKind::Deny, Some((entry, at))) => (*at, format!("the policy denies `{entry}`; allow the specific services you need instead")),
            (ListKind::Allow, None) => (rule.at, format!("the policy allows {}", super::quoted_list(rule.entries.iter().map(|(e, _)| e)))),
            _ => continue,
        };
        let what = format!("rule `{}` to the service tag `{tag}`", r.name);
        cx.forbid(&INFO, (severity, at), Target::Workspace, &format!("{}.destination.service_tag", rule_path(i)), &what, help);
    }
}
