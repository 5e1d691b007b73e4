//! `approver-role-not-assigned`: private endpoint rules whose approval role the export leaves out.

use super::prelude::*;
use crate::model::{rule_path, APPROVER_ROLE_NAME};
use crate::networking::approver_targets;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "approver-role-not-assigned",
    severity: Severity::Warning,
    summary: "Private endpoint rules need the approver role on their targets, and the export does not assign it",
    docs: docs!(r#"## What it catches
Private endpoint rules of a managed network when the role assignments are turned off
(`--no-approver-role`, or unticked in the wizard). Reported once, at the first such rule, naming every
target. The workspace's own storage account, key vault and container registry are left out: the service
covers them.

## Why it matters
Since 2025-04-30 the workspace's managed identity needs the built-in role "Azure AI Enterprise Network
Connection Approver" (`b556d68e-0be0-4f35-a333-ad7ee1ce17ea`) on every private endpoint target
("Managed network isolation", Required role for approval). Without it the managed private endpoints
stay pending and the rule fails. With a user-assigned primary identity the role goes to that identity.

## Example
```yaml
# amlnet: no-approver-role
name: ws-contoso
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: data-blob
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/data-rg/providers/Microsoft.Storage/storageAccounts/data
      subresource_target: blob
      spark_enabled: false
```

## Instead
Leave the role assignments on (the default: no `--no-approver-role` directive or flag), and every export
assigns the role on each target:
```yaml
# amlnet:
```
Or assign it yourself: `az role assignment create --role b556d68e-0be0-4f35-a333-ad7ee1ce17ea --assignee-object-id
<principal id> --assignee-principal-type ServicePrincipal --scope <target id>`.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.config.context.networking.assign_approver_role {
        return;
    }
    let targets: Vec<_> = approver_targets(cx.config).into_iter().filter(|t| t.custom_role.is_none()).collect();
    let Some(first) = targets.first() else { return };
    let names: Vec<String> = targets.iter().map(|t| format!("`{}`", t.id.rsplit('/').next().unwrap_or_default())).collect();
    let d = INFO
        .at(
            &format!("{}.destination.service_resource_id", rule_path(first.rule_index)),
            format!(
                "the workspace's identity needs the \"{APPROVER_ROLE_NAME}\" role on {} {}, and the export does not assign it: the private endpoints stay pending until someone does",
                if targets.len() == 1 { "target" } else { "targets" },
                match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                    _ => names.concat(),
                }
            ),
        )
        .with_help("leave the role assignments on (drop `--no-approver-role`), or assign role b556d68e-0be0-4f35-a333-ad7ee1ce17ea on each target yourself");
    cx.report(Target::Workspace, d);
}
