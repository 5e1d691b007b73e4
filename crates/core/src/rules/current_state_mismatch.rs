//! `current-state-mismatch`: a change plan compares documents of two different workspaces.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "current-state-mismatch",
    severity: Severity::Error,
    summary: "The current state and the desired documents name different workspaces, so a plan between them is meaningless",
    docs: docs!(r#"## What it catches
`amlnet plan` where the workspace of the current state (`name` in the YAML or in `az ml workspace
show` output) differs from the `name` of the desired workspace document.

## Why it matters
A plan is the difference between two states of one workspace. Between two workspaces it would remove
every rule of the target that the other one lacks, and it runs against the desired name, which is not
the workspace that was read.

## Example
`az ml workspace show -n ws-prod` as the current state:
```yaml
# current state, as `az ml workspace show` gives it
name: ws-prod
managed_network:
  isolation_mode: allow_internet_outbound
```
planned against:
```yaml
name: ws-test
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
```

## Instead
Read the current state of the workspace you mean to change (`az ml workspace show -n ws-test`), or
name the same workspace in the desired document.
"#),
};
