//! `image-build-compute-missing`: approved-outbound mode without `image_build_compute`.

use super::prelude::*;
use crate::model::{IsolationMode, Operation};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "image-build-compute-missing",
    severity: Severity::Warning,
    summary: "`allow_only_approved_outbound` without `image_build_compute`, so environment images cannot be built",
    docs: docs!(r#"## What it catches
A workspace with `isolation_mode: allow_only_approved_outbound` that does not set `image_build_compute`
(or sets it to `''`, which clears it).

## Why it matters
In approved-outbound mode the workspace's container registry is reached only privately, and a private
registry cannot build images itself. Environment images (custom environments, conda files) are then
built on the compute named by `image_build_compute`; without it, image builds fail. Prebuilt images
need no build.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_only_approved_outbound
```

## Instead
Name a compute cluster of the workspace:
```yaml
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ws) = &cx.config.workspace else { return };
    if cx.config.isolation_mode() != Some(IsolationMode::AllowOnlyApprovedOutbound) {
        return;
    }
    if ws.image_build_compute.as_deref().is_some_and(|c| !c.trim().is_empty()) {
        return;
    }
    let update_note = if cx.config.context.operation == Operation::Update { " (ignore this if the workspace already has one)" } else { "" };
    // `image_build_compute: ''` clears the setting; point at it when it is written.
    let path = if ws.image_build_compute.is_some() { "image_build_compute" } else { "managed_network.isolation_mode" };
    let d = INFO
        .at(
            path,
            format!("with `allow_only_approved_outbound` the container registry is private and cannot build images, and `image_build_compute` is not set{update_note}"),
        )
        .with_help("set `image_build_compute: <compute cluster name>`; environment image builds run there");
    cx.report(Target::Workspace, d);
}
