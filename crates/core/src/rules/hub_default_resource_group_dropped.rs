//! `hub-default-resource-group-dropped`: azure-ai-ml never sends a hub's `default_resource_group`.

use super::prelude::*;
use crate::model::{Value, WorkspaceKind};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "hub-default-resource-group-dropped",
    severity: Severity::Warning,
    summary: "azure-ai-ml 1.35 drops a hub's `default_resource_group`; only the ARM, Bicep and Terraform exports set it",
    docs: docs!(r#"## What it catches
`default_resource_group` on a `kind: hub` workspace.

## Why it matters
The SDK reads the key but `Hub._hub_values_to_rest_object` always sends
`workspaceHubConfig.defaultWorkspaceResourceGroup: null`, so `az ml workspace create --file` and the
Python SDK create the hub without it and its projects' resources land in the hub's resource group.

## Example
```yaml
name: contoso-hub
kind: hub
default_resource_group: contoso-projects-rg
```

## Instead
Deploy the hub from the ARM, Bicep or Terraform export (they set `workspaceHubConfig`), or set it
afterwards with `az resource update --set properties.workspaceHubConfig.defaultWorkspaceResourceGroup=...`.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ws) = cx.config.workspace.as_ref().filter(|w| w.kind == WorkspaceKind::Hub) else { return };
    if !ws.extra.iter().any(|(k, v)| k == "default_resource_group" && matches!(v, Value::Str(_))) {
        return;
    }
    let d = INFO
        .at("default_resource_group", "azure-ai-ml 1.35 reads `default_resource_group` but never sends it, so the YAML, az CLI and Python exports create the hub without it")
        .with_help("deploy the hub with the ARM, Bicep or Terraform export, which set it");
    cx.report(Target::Workspace, d);
}
