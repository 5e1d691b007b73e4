//! `subresource-target-unknown`: a private endpoint `subresource_target` that the target resource does not have.

use super::prelude::*;
use crate::catalog::{parse_arm_id, private_endpoint_target};
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "subresource-target-unknown",
    severity: Severity::Warning,
    summary: "A private endpoint rule's `subresource_target` is not a sub-resource of the target's resource type",
    docs: docs!(r#"## What it catches
A `subresource_target` (the private-link group ID) that the resource type in `service_resource_id` does
not offer, such as `vault` for a storage account or `blob` for a key vault; an Application Gateway
target whose sub-resource is not `appGwPrivateFrontendIpIPv4`; and resource types amlnet has no list for.
Values are compared without regard to case.

## Why it matters
azure-ai-ml does not check the pair. The service rejects a group ID the resource does not have when it
creates the private endpoint, so the managed network provisioning fails. For a resource type amlnet does
not know, the warning only says that the value could not be checked; the service is the final judge.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
  outbound_rules:
  - name: vault
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv
      subresource_target: blob
      spark_enabled: false
```

## Instead
```yaml
      subresource_target: vault
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::PrivateEndpoint(pe) = &rule.destination else { continue };
        let sub = pe.subresource_target.as_str();
        let path = format!("{}.destination.subresource_target", rule_path(i));
        if sub.is_empty() {
            let d = INFO
                .at(&path, format!("the `subresource_target` of rule `{}` is empty; the service needs the private-link sub-resource (group ID)", rule.name))
                .with_help("write the sub-resource, for example `blob` for a storage account or `vault` for a key vault");
            cx.report(Target::Workspace, d);
            continue;
        }
        // A malformed ID is reported by `service-resource-id-invalid`.
        let Some(id) = parse_arm_id(&pe.service_resource_id) else { continue };
        let resource_type = id.full_type();
        let Some(target) = private_endpoint_target(&resource_type) else {
            let d = INFO
                .at(&path, format!("amlnet does not know the resource type `{resource_type}`, so it cannot check `subresource_target: {sub}`; the service is the final judge"))
                .with_help("check the resource's private-link sub-resources (group IDs) in the Azure Private Link documentation");
            cx.report(Target::Workspace, d);
            continue;
        };
        if target.subresources.iter().any(|s| s.eq_ignore_ascii_case(sub)) {
            continue;
        }
        let lowered: Vec<String> = target.subresources.iter().map(|s| s.to_ascii_lowercase()).collect();
        let lowered: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let suggestion = match target.subresources {
            [only] => Some(*only),
            all => crate::lower::closest(&sub.to_ascii_lowercase(), &lowered).and_then(|l| all.iter().copied().find(|s| s.eq_ignore_ascii_case(l))),
        };
        let message = if target.resource_type == "Microsoft.Network/applicationGateways" {
            format!(
                "rule `{}` targets an Application Gateway, so `subresource_target` must be `appGwPrivateFrontendIpIPv4` (its private frontend IP configuration), not `{sub}`",
                rule.name
            )
        } else {
            format!("`{sub}` is not a sub-resource of the rule's target, {} (`{}`)", target.label, target.resource_type)
        };
        let mut d = INFO.at(&path, message).with_help(format!("use one of: {}", target.subresources.join(", ")));
        if let Some(s) = suggestion {
            d = d.with_fix(format!("Write `{s}`"), Some(crate::emit::yaml::scalar(s)));
        }
        cx.report(Target::Workspace, d);
    }
}
