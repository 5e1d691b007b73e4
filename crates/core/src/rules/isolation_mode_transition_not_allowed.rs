//! `isolation-mode-transition-not-allowed`: an update that changes the isolation mode in a way Azure does not allow.

use super::prelude::*;
use crate::model::{IsolationMode, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "isolation-mode-transition-not-allowed",
    severity: Severity::Error,
    summary: "An update changes `isolation_mode` in a way that is not allowed (managed network off, or approved → internet outbound)",
    docs: docs!(r#"## What it catches
On an update of an existing workspace whose current isolation mode is known:
- `allow_only_approved_outbound` → `allow_internet_outbound` (error),
- `allow_internet_outbound` or `allow_only_approved_outbound` → `disabled` (error),
- `allow_internet_outbound` → `allow_only_approved_outbound` (warning: the documentation disagrees with
  itself about whether this is possible).

## Why it matters
Once a managed network is enabled it cannot be disabled, and approved outbound cannot be relaxed to
internet outbound. The update fails in the service. Whether internet outbound can be tightened to
approved outbound is contradictory in the docs: the limitations note and a Microsoft notebook do it,
the Spark section says a workspace created with internet outbound "can't be updated later".

## Example
With the workspace currently in `allow_only_approved_outbound`:
```yaml
# current state, as `az ml workspace show` gives it
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
```
the desired document:
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_internet_outbound
```

## Instead
Keep `allow_only_approved_outbound` and add outbound rules for what the workloads need, or create a
new workspace with the mode you want.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let context = &cx.config.context;
    if context.operation != Operation::Update {
        return;
    }
    let (Some(current), Some(wanted)) = (context.current_isolation_mode, cx.config.isolation_mode()) else { return };
    use IsolationMode::*;
    let d = match (current, wanted) {
        (AllowOnlyApprovedOutbound, AllowInternetOutbound) => INFO
            .at(
                "managed_network.isolation_mode",
                "the workspace is `allow_only_approved_outbound` now, and approved outbound cannot be changed back to `allow_internet_outbound`",
            )
            .with_help("keep `allow_only_approved_outbound` and add outbound rules for what you need, or create a new workspace")
            .with_fix("Keep `allow_only_approved_outbound`", Some("allow_only_approved_outbound".to_owned())),
        (AllowInternetOutbound | AllowOnlyApprovedOutbound, Disabled) => INFO
            .at(
                "managed_network.isolation_mode",
                format!("the workspace has a managed network (`{}`), and once enabled a managed network cannot be disabled", current.yaml()),
            )
            .with_help("keep the current isolation mode; to work without a managed network, create a new workspace")
            .with_fix(format!("Keep `{}`", current.yaml()), Some(current.yaml().to_owned())),
        (AllowInternetOutbound, AllowOnlyApprovedOutbound) => {
            let mut d = INFO
                .at(
                    "managed_network.isolation_mode",
                    "changing `allow_internet_outbound` to `allow_only_approved_outbound` may be refused: the documentation says both that it is allowed and that a workspace created with internet outbound cannot be changed later",
                )
                .with_help("try it on a test workspace first, or create a new workspace with `allow_only_approved_outbound`");
            d.severity = Severity::Warning;
            d
        }
        _ => return,
    };
    cx.report(Target::Workspace, d);
}
