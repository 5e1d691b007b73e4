//! `policy-region-forbidden`: a workspace `location` the policy's `workspace.regions` does not list.

use super::prelude::*;
use crate::model::Operation;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-region-forbidden",
    severity: Severity::Error,
    summary: "The workspace's `location` is not a region the policy's `workspace.regions` allows",
    docs: docs!(r#"## What it catches
A workspace whose `location` is not in the policy's `workspace.regions` (compared as Azure compares
region names: case and spaces aside, `West Europe` is `westeurope`). A new workspace without `location`
goes to its resource group's region, which amlnet cannot see: it is reported too, so the region is
written down. An update without `location` is not judged.

## Why it matters
Data residency: where a workspace lives decides where its storage, compute and logs live.

## Example
```yaml
# policy
version: 1
workspace:
  regions: [westeurope, northeurope]
```
```yaml
name: ws-contoso
location: eastus
```

## Instead
```yaml
location: westeurope
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let (Some(rule), Some(ws)) = (&cx.policy.workspace.regions, &cx.config.workspace) else { return };
    let what = match &ws.location {
        Some(location) => {
            let name: String = location.chars().filter(|c| *c != ' ').map(|c| c.to_ascii_lowercase()).collect();
            if rule.values.contains(&name) {
                return;
            }
            format!("the region `{location}`")
        }
        None if cx.config.context.operation == Operation::Create => "a workspace without `location` (it would go to the resource group's region)".to_owned(),
        None => return,
    };
    let help = format!("set `location` to one of {}", super::quoted_list(&rule.values));
    let (severity, at) = (cx.policy.workspace.severity, rule.at);
    cx.forbid(&INFO, (severity, at), Target::Workspace, "location", &what, help);
}
