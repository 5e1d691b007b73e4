//! `service-tag-allows-internet`: a service tag rule to `Internet` or `AzureCloud` in approved outbound.

use super::prelude::*;
use crate::model::{rule_path, Destination, IsolationMode};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "service-tag-allows-internet",
    severity: Severity::Warning,
    summary: "A service tag rule to `Internet` or `AzureCloud` undoes approved-outbound isolation",
    docs: docs!(r#"## What it catches
A `service_tag` rule whose tag is `Internet` or `AzureCloud` in a workspace with
`isolation_mode: allow_only_approved_outbound`.

## Why it matters
Approved outbound exists to stop data exfiltration: only the listed destinations are reachable.
`Internet` opens every public address, and `AzureCloud` every address of every Azure customer
(including storage accounts of other tenants). Azure Policy, Checkov and PSRule do not look inside the
rules, and azurerm accepts both tags, so nothing else catches it.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: everything
    type: service_tag
    destination:
      service_tag: AzureCloud
      protocol: TCP
      port_ranges: '443'
```

## Instead
Name the services you need (`Storage.WestEurope`, `AzureMonitor`, ...) or FQDN rules, or use
`allow_internet_outbound` if unrestricted egress is intended.
"#),
};

/// The service tags that open more than a service.
pub(crate) const BROAD_TAGS: &[&str] = &["Internet", "AzureCloud"];

/// Whether `tag` (case-insensitive, with an optional region: `AzureCloud.WestEurope`) is one of [`BROAD_TAGS`].
pub(crate) fn is_broad(tag: &str) -> bool {
    let base = tag.split('.').next().unwrap_or(tag);
    BROAD_TAGS.iter().any(|t| t.eq_ignore_ascii_case(base))
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.config.isolation_mode() != Some(IsolationMode::AllowOnlyApprovedOutbound) {
        return;
    }
    let hits: Vec<(usize, String, String)> = cx
        .config
        .rules()
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.destination {
            Destination::ServiceTag(st) if is_broad(&st.service_tag) => Some((i, r.name.clone(), st.service_tag.clone())),
            _ => None,
        })
        .collect();
    for (i, name, tag) in hits {
        let d = INFO
            .at(
                &format!("{}.destination.service_tag", rule_path(i)),
                format!("rule `{name}` allows the service tag `{tag}`, which reaches far more than one service; data exfiltration protection no longer holds"),
            )
            .with_help("allow the specific services (for example `Storage.WestEurope`) or FQDNs you need instead");
        cx.report(Target::Workspace, d);
    }
}
