//! `policy-fqdn-forbidden`: an FQDN rule the policy's `outbound_rules.fqdns` forbids.

use super::prelude::*;
use crate::model::{rule_path, Destination};
use crate::policy::{FqdnPattern, ListKind};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-fqdn-forbidden",
    severity: Severity::Error,
    summary: "An FQDN rule's destination is denied by, or not covered by, the policy's `outbound_rules.fqdns`",
    docs: docs!(r#"## What it catches
An `fqdn` rule whose destination the policy's `outbound_rules.fqdns` does not allow (`allow: [...]`:
every host the rule opens must match an entry) or denies (`deny: [...]`: no host the rule opens may match
an entry). A pattern `*.contoso.com` matches one or more labels before `contoso.com` (`a.contoso.com`,
`a.b.contoso.com`, not `contoso.com` itself); host names compare case-insensitively. A wildcard rule
`*.com` is not covered by `allow: ["*.contoso.com"]`, and it meets `deny: ["*.contoso.com"]`.

## Why it matters
FQDN rules are the finest-grained egress a managed network has, and the easiest to widen by accident:
one `*.com` opens most of the internet on ports 80 and 443.

## Example
```yaml
# policy
version: 1
outbound_rules:
  fqdns: {allow: ["pypi.org", "*.contoso.com"]}
```
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: everything-dot-com
    type: fqdn
    destination: '*.com'
```

## Instead
```yaml
  - name: contoso-packages
    type: fqdn
    destination: packages.contoso.com
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let Some(rule) = &cx.policy.outbound_rules.fqdns else { return };
    let severity = cx.policy.outbound_rules.severity;
    for (i, r) in cx.config.rules().iter().enumerate() {
        let Destination::Fqdn(fqdn) = &r.destination else { continue };
        // A destination that is not a host name is `fqdn-destination-invalid`'s finding.
        let Some(host) = FqdnPattern::parse(&fqdn.destination) else { continue };
        let (at, help) = match rule.kind {
            ListKind::Allow if rule.entries.iter().any(|(p, _)| host.within(p)) => continue,
            ListKind::Allow => (rule.at, format!("the policy allows {}", super::quoted_list(rule.entries.iter().map(|(p, _)| p)))),
            ListKind::Deny => match rule.entries.iter().find(|(p, _)| host.overlaps(p)) {
                Some((p, at)) => (*at, format!("the policy denies `{p}`; name hosts it does not deny")),
                None => continue,
            },
        };
        let what = format!("rule `{}` to `{}`", r.name, fqdn.destination);
        cx.forbid(&INFO, (severity, at), Target::Workspace, &format!("{}.destination", rule_path(i)), &what, help);
    }
}
