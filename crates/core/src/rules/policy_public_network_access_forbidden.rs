//! `policy-public-network-access-forbidden`: a workspace `public_network_access` the policy does not allow.

use super::prelude::*;
use crate::model::{NetworkAccess, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-public-network-access-forbidden",
    severity: Severity::Error,
    summary: "The workspace's `public_network_access` is not one the policy's `workspace.public_network_access` allows",
    docs: docs!(r#"## What it catches
A workspace whose `public_network_access` is not in the policy's `workspace.public_network_access`. A new
workspace without the key is `Enabled`; an update without it keeps what the workspace has and is not
judged.

## Why it matters
With public network access enabled the workspace's studio and APIs are reachable from the internet
(with authentication); teams that require private endpoints for every user disable it.

## Example
```yaml
# policy
version: 1
workspace:
  public_network_access: [disabled]
```
```yaml
name: ws-contoso
public_network_access: Enabled
```

## Instead
```yaml
public_network_access: Disabled
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let (Some(rule), Some(ws)) = (&cx.policy.workspace.public_network_access, &cx.config.workspace) else { return };
    let (access, default) = match ws.public_network_access {
        Some(access) => (access, ""),
        None if cx.config.context.operation == Operation::Create => (NetworkAccess::Enabled, " (the default of a new workspace)"),
        None => return,
    };
    let what = format_args!("public network access `{}`{default}", access.pascal());
    let severity = cx.policy.workspace.severity;
    cx.forbid_unlisted(&INFO, (rule, severity), (Target::Workspace, "public_network_access"), access, NetworkAccess::pascal, &what);
}
