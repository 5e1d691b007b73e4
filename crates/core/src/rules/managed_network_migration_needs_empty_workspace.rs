//! `managed-network-migration-needs-empty-workspace`: enabling a managed network on a workspace that may have compute.

use super::prelude::*;
use crate::model::{IsolationMode, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "managed-network-migration-needs-empty-workspace",
    severity: Severity::Warning,
    summary: "Enabling a managed network on an existing workspace needs its compute and managed online endpoints deleted first",
    docs: docs!(r#"## What it catches
An update that turns a workspace whose current isolation mode is `disabled` into
`allow_internet_outbound` or `allow_only_approved_outbound`.

## Why it matters
There is no migration path for managed compute. Compute instances, compute clusters and managed online
endpoints created before the managed network keep their old networking, so they must be deleted before
the managed network is enabled, and recreated after it.

## Example
With the workspace currently without a managed network:
```yaml
# current state, as `az ml workspace show` gives it
name: ws-contoso
```
the desired document:
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
```

## Instead
Delete the compute instances, compute clusters and managed online endpoints first (or confirm there
are none), then apply the update and recreate them. Alternatively, create a new workspace with the
managed network and move the workloads.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let context = &cx.config.context;
    if context.operation != Operation::Update || context.current_isolation_mode != Some(IsolationMode::Disabled) {
        return;
    }
    let Some(wanted) = cx.config.isolation_mode() else { return };
    if wanted == IsolationMode::Disabled {
        return;
    }
    let d = INFO
        .at(
            "managed_network.isolation_mode",
            format!(
                "enabling `{}` on an existing workspace needs it empty of managed compute: delete its compute instances, compute clusters and managed online endpoints first",
                wanted.yaml()
            ),
        )
        .with_help("there is no migration path for existing compute; recreate it after the update, or start from a new workspace");
    cx.report(Target::Workspace, d);
}
