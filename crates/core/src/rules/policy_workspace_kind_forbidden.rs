//! `policy-workspace-kind-forbidden`: a workspace kind the policy's `workspace.kinds` does not list.

use super::prelude::*;
use crate::model::WorkspaceKind;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-workspace-kind-forbidden",
    severity: Severity::Error,
    summary: "The workspace's `kind` is not one the policy's `workspace.kinds` allows",
    docs: docs!(r#"## What it catches
A workspace whose `kind` (`default` when absent; the policy may call it `workspace`) is not in the
policy's `workspace.kinds`.

## Why it matters
Hubs and projects share a managed network and their own rules; a platform team that governs only plain
workspaces (or only Foundry hubs) says so in its policy.

## Example
```yaml
# policy
version: 1
workspace:
  kinds: [workspace]
```
```yaml
name: hub-contoso
kind: hub
managed_network:
  isolation_mode: allow_internet_outbound
```

## Instead
```yaml
kind: default
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let (Some(rule), Some(ws)) = (&cx.policy.workspace.kinds, &cx.config.workspace) else { return };
    // A policy file names the default kind `workspace` (`policy/read.rs`); the message gives the YAML spelling.
    let name = |k: WorkspaceKind| if k == WorkspaceKind::Default { "workspace" } else { k.yaml() };
    let what = format_args!("the workspace kind `{}`", ws.kind.yaml());
    let severity = cx.policy.workspace.severity;
    cx.forbid_unlisted(&INFO, (rule, severity), (Target::Workspace, "kind"), ws.kind, name, &what);
}
