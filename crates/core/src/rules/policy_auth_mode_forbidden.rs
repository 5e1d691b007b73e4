//! `policy-auth-mode-forbidden`: an online endpoint `auth_mode` the policy's `online_endpoints.auth_modes` does not list.

use super::prelude::*;
use crate::model::AuthMode;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-auth-mode-forbidden",
    severity: Severity::Error,
    summary: "The online endpoint's `auth_mode` is not one the policy's `online_endpoints.auth_modes` allows",
    docs: docs!(r#"## What it catches
An online endpoint whose `auth_mode` (`key` when absent) is not in the policy's
`online_endpoints.auth_modes`. The values compare as the SDK reads them (`AADToken` is `aad_token`).

## Why it matters
Keys are long-lived shared secrets; teams that require Microsoft Entra tokens allow only `aad_token`.

## Example
```yaml
# policy
version: 1
online_endpoints:
  auth_modes: [aad_token]
```
```yaml
$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json
name: ep-contoso
auth_mode: key
```

## Instead
```yaml
auth_mode: aad_token
```
"#),
};

pub(crate) fn check(cx: &mut PolicyChecker<'_>) {
    let (Some(rule), Some(endpoint)) = (&cx.policy.online_endpoints.auth_modes, &cx.config.endpoint) else { return };
    let (mode, default) = match endpoint.auth_mode {
        Some(mode) => (mode, ""),
        None => (AuthMode::Key, " (the default)"),
    };
    let what = format_args!("the auth mode `{}`{default} of endpoint `{}`", mode.yaml(), endpoint.name);
    let severity = cx.policy.online_endpoints.severity;
    cx.forbid_unlisted(&INFO, (rule, severity), (Target::Endpoint, "auth_mode"), mode, AuthMode::yaml, &what);
}
