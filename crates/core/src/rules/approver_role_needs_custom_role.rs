//! `approver-role-needs-custom-role`: a private endpoint target the built-in approver role does not cover.

use super::prelude::*;
use crate::model::{rule_path, APPROVER_ROLE_NAME};
use crate::networking::approver_targets;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "approver-role-needs-custom-role",
    severity: Severity::Warning,
    summary: "A private endpoint rule targets Data Factory, Databricks or a Function App, which need a custom approver role",
    docs: docs!(r#"## What it catches
A private endpoint rule whose target is an Azure Data Factory (`Microsoft.DataFactory/factories`), an
Azure Databricks workspace (`Microsoft.Databricks/workspaces`) or a Function App (`Microsoft.Web/sites`).

## Why it matters
The workspace's identity must be allowed to approve the managed private endpoint on its target. The
built-in role "Azure AI Enterprise Network Connection Approver" does not cover these three types
("Managed network isolation", Required role for approval): they need a custom role with the type's
`privateEndpointConnectionsApproval/action` (the Foundry hub docs name Contributor). amlnet cannot know
your custom role, so the exports assign nothing on them, and the endpoint stays pending until you do.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: adf
    type: private_endpoint
    destination:
      service_resource_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/data-rg/providers/Microsoft.DataFactory/factories/contoso-adf
      subresource_target: dataFactory
      spark_enabled: false
```

## Instead
Keep the rule, and assign your custom role (or Contributor) on the factory to the workspace's identity:
`az role assignment create --role <custom role> --assignee-object-id <principal id>
--assignee-principal-type ServicePrincipal --scope <factory id>`.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for t in approver_targets(cx.config) {
        let Some(label) = t.custom_role else { continue };
        let d = INFO
            .at(
                &format!("{}.destination.service_resource_id", rule_path(t.rule_index)),
                format!(
                    "the target is a {label} (`{}`), which the \"{APPROVER_ROLE_NAME}\" role does not cover: the workspace's identity needs a custom role with its private endpoint approval action, which the export does not assign",
                    t.resource_type
                ),
            )
            .with_help("create a custom role with `<type>/privateEndpointConnectionsApproval/action` (or use Contributor) and assign it on the target to the workspace's identity");
        cx.report(Target::Workspace, d);
    }
}
