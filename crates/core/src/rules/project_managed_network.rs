//! `project-managed-network`: a Foundry project that defines its own managed network.

use super::prelude::*;
use crate::model::WorkspaceKind;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "project-managed-network",
    severity: Severity::Error,
    summary: "A Foundry project defines its own managed network; projects inherit the hub's",
    docs: docs!(r#"## What it catches
A workspace of `kind: project` with a `managed_network` section.

## Why it matters
The managed virtual network belongs to the hub: every project of the hub runs in it, with the hub's
isolation mode and outbound rules. azure-ai-ml sends a project's `managed_network` anyway, and the
service refuses the project ("Project workspace shouldn't define it's own managed network properties",
Azure-Samples/ai-studio-in-a-box #5; azure-sdk-for-python PR #38404).

## Example
```yaml
name: contoso-project
kind: project
hub_id: /subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/contoso-hub
managed_network:
  isolation_mode: allow_only_approved_outbound
```

## Instead
Remove `managed_network` from the project and set the isolation mode and rules on the hub (`kind: hub`).
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ws) = cx.config.workspace.as_ref() else { return };
    if ws.kind != WorkspaceKind::Project || ws.managed_network.is_none() {
        return;
    }
    let d = INFO
        .at("managed_network", "a project inherits its hub's managed network; the service refuses a project that defines its own")
        .with_help("remove `managed_network` here and configure it on the hub")
        .with_fix("Remove `managed_network`", None);
    cx.report(Target::Workspace, d);
}
