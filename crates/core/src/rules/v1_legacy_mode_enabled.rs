//! `v1-legacy-mode-enabled`: `v1_legacy_mode: true`, which blocks managed online endpoints.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "v1-legacy-mode-enabled",
    severity: Severity::Error,
    summary: "`v1_legacy_mode: true` on the workspace, which prevents creating managed online endpoints",
    docs: docs!(r#"## What it catches
`v1_legacy_mode: true` in a workspace document.

## Why it matters
With v1 legacy mode on, the workspace cannot create managed online endpoints, so a network-isolated
endpoint cannot be deployed. The `az ml` workspace YAML schema does not accept the key, so it cannot be
turned off with `az ml workspace update --file`; amlnet does not export it.

## Example
```yaml
name: ws-prod
v1_legacy_mode: true
```

## Instead
Turn it off through ARM, then remove the key:
```sh
az resource update --ids <workspace ARM id> --set properties.v1LegacyMode=false
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ws) = &cx.config.workspace else { return };
    if ws.v1_legacy_mode != Some(true) {
        return;
    }
    let d = INFO
        .at("v1_legacy_mode", "`v1_legacy_mode: true` prevents creating managed online endpoints in this workspace; `az ml` cannot change it and amlnet does not export it")
        .with_help("turn it off with `az resource update --ids <workspace ARM id> --set properties.v1LegacyMode=false`, then remove the key");
    cx.report(Target::Workspace, d);
}
