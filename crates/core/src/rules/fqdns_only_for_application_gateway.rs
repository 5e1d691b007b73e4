//! `fqdns-only-for-application-gateway`: rule-level `fqdns` on a rule that does not target an Application Gateway.

use super::prelude::*;
use crate::catalog::{parse_arm_id, private_endpoint_target};
use crate::model::{rule_path, Destination};

const APPLICATION_GATEWAY: &str = "Microsoft.Network/applicationGateways";

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "fqdns-only-for-application-gateway",
    severity: Severity::Warning,
    summary: "`fqdns` on a rule that does not target an Application Gateway, or an Application Gateway FQDN with fewer than 3 labels",
    docs: docs!(r#"## What it catches
The rule-level `fqdns` list on a private endpoint rule whose `service_resource_id` is not an
Application Gateway (`Microsoft.Network/applicationGateways`), `fqdns` on a service tag or FQDN rule,
and, for Application Gateway targets, entries with fewer than three labels (`contoso.com`).

## Why it matters
`fqdns` names the host names that resolve to the private IP of an Application Gateway's private endpoint
inside the managed network. For other targets the service sets up the private DNS itself, so the list has
no effect; on service tag and FQDN rules azure-ai-ml drops the key without a word. For an Application
Gateway, each FQDN needs at least three labels.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: data-blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data
      subresource_target: blob
      spark_enabled: false
    fqdns: [data.contoso.com]
```

## Instead
Remove `fqdns`; keep it only for Application Gateway targets, with names like `app.corp.contoso.com`.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::PrivateEndpoint(pe) = &rule.destination else { continue };
        if pe.fqdns.is_empty() {
            continue;
        }
        // Without a readable ID the target is unknown; `service-resource-id-invalid` reports it.
        let Some(id) = parse_arm_id(&pe.service_resource_id) else { continue };
        let resource_type = id.full_type();
        let fqdns_path = format!("{}.fqdns", rule_path(i));
        if !resource_type.eq_ignore_ascii_case(APPLICATION_GATEWAY) {
            let what = private_endpoint_target(&resource_type)
                .map_or_else(|| format!("`{resource_type}`"), |t| format!("{} (`{}`)", t.label, t.resource_type));
            let d = INFO
                .at(
                    &fqdns_path,
                    format!("`fqdns` of rule `{}` has an effect only for Application Gateway targets; this rule's target is {what}", rule.name),
                )
                .with_help("remove `fqdns`; the service sets up the private DNS of this target itself")
                .with_fix("Remove `fqdns`", None);
            cx.report(Target::Workspace, d);
            continue;
        }
        for (j, fqdn) in pe.fqdns.iter().enumerate() {
            let labels = fqdn.trim_end_matches('.').split('.').filter(|l| !l.is_empty()).count();
            if labels < 3 {
                let d = INFO
                    .at(
                        &format!("{fqdns_path}[{j}]"),
                        format!("`{fqdn}` has {labels} label{}; Application Gateway FQDNs need at least 3", if labels == 1 { "" } else { "s" }),
                    )
                    .with_help("write the full host name the clients use, e.g. `app.contoso.com`");
                cx.report(Target::Workspace, d);
            }
        }
    }
}
