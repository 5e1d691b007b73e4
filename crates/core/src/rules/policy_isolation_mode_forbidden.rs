//! `policy-isolation-mode-forbidden`: an isolation mode the policy's `workspace.isolation_modes` does not list.

use super::prelude::*;
use crate::model::{IsolationMode, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-isolation-mode-forbidden",
    severity: Severity::Error,
    summary: "The workspace's isolation mode is not one the policy's `workspace.isolation_modes` allows",
    docs: docs!(r#"## What it catches
A workspace whose `managed_network.isolation_mode` is not in the policy's `workspace.isolation_modes`.
A new workspace without `managed_network` has the mode `disabled`; an update that leaves
`managed_network` out does not change the mode and is not judged.

## Why it matters
The isolation mode decides whether data can leave the workspace at all. Azure Policy's managed-network
definition checks this one setting; amlnet checks it where the YAML is written, before anything is
deployed.

## Example
```yaml
# policy
version: 1
workspace:
  isolation_modes: [allow_only_approved_outbound]
```
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
```

## Instead
```yaml
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let (Some(rule), Some(ws)) = (&cx.policy.workspace.isolation_modes, &cx.config.workspace) else { return };
    let (mode, default) = match &ws.managed_network {
        Some(network) => match network.isolation_mode {
            Some(mode) => (mode, ""),
            None => return,
        },
        None if cx.config.context.operation == Operation::Create => (IsolationMode::Disabled, " (a new workspace without `managed_network`)"),
        None => return,
    };
    let what = format_args!("the isolation mode `{}`{default}", mode.yaml());
    let severity = cx.policy.workspace.severity;
    cx.forbid_unlisted(&INFO, (rule, severity), (Target::Workspace, "managed_network.isolation_mode"), mode, IsolationMode::yaml, &what);
}
