//! `hub-id-invalid`: a project's `hub_id` that is not the ARM id of a workspace.

use super::prelude::*;
use crate::model::WorkspaceKind;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "hub-id-invalid",
    severity: Severity::Error,
    summary: "A project's `hub_id` is not the ARM id of an Azure Machine Learning workspace (the hub)",
    docs: docs!(r#"## What it catches
`hub_id` of a `kind: project` workspace that is not
`/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<hub>`:
a hub name alone, a placeholder, or the id of another resource type.

## Why it matters
azure-ai-ml passes any string through as `hubResourceId`; the service rejects the project only at
creation, after the hub lookup fails.

## Example
```yaml
name: contoso-project
kind: project
hub_id: contoso-hub
```

## Instead
```yaml
hub_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/contoso-hub
```
"#),
};

/// `/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<name>`.
pub(crate) fn is_workspace_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('/').collect();
    parts.len() == 9
        && parts[0].is_empty()
        && parts[1].eq_ignore_ascii_case("subscriptions")
        && crate::catalog::is_guid(parts[2])
        && parts[3].eq_ignore_ascii_case("resourceGroups")
        && !parts[4].is_empty()
        && parts[5].eq_ignore_ascii_case("providers")
        && parts[6].eq_ignore_ascii_case("Microsoft.MachineLearningServices")
        && parts[7].eq_ignore_ascii_case("workspaces")
        && !parts[8].is_empty()
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ws) = cx.config.workspace.as_ref().filter(|w| w.kind == WorkspaceKind::Project) else { return };
    let Some(hub) = ws.hub_id.as_deref().filter(|h| !h.is_empty()) else { return };
    if is_workspace_id(hub) {
        return;
    }
    let d = INFO
        .at("hub_id", format!("`{hub}` is not the ARM id of a workspace; the service cannot find the hub"))
        .with_help("write the hub's full id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices/workspaces/<hub>");
    cx.report(Target::Workspace, d);
}
