//! `policy-file-invalid`: a policy file that amlnet cannot read as written (reported by `crate::policy::read`).

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "policy-file-invalid",
    severity: Severity::Error,
    summary: "The policy file has an unknown key, a wrong type, or a value that can never match",
    docs: docs!(r#"## What it catches
A policy file (`.amlnet-policy.yml`, or the file `--policy` names) that does not say what its author
meant: a key amlnet does not know (`isolation_mode` for `isolation_modes`), a value of the wrong type (a
string where a list belongs, `max: fifty`), a value or pattern that can never match (`allow_only_approved`,
an FQDN pattern `*pypi.org`, a subscription id that is not a GUID, an empty list), `allow` and `deny`
given together, a missing or unknown `version`, or YAML that does not parse.

The keys are `version` (1), `name`, and the sections `workspace` (`kinds`, `isolation_modes`,
`public_network_access`, `firewall_skus`, `regions`), `outbound_rules` (`max`, `service_tags` and
`fqdns` with `allow` or `deny`, `private_endpoints` with `resource_types`, `subscriptions` and
`spark_enabled`), `online_endpoints` (`public_network_access`, `auth_modes`) and `online_deployments`
(`instance_types`, `max_instance_count`). Each section may set `severity: warning` (the default is
`error`). FQDN patterns are host names or `*.` and a domain, which matches one or more labels.

## Why it matters
A misspelt key would otherwise be a rule nobody enforces, and a pattern that matches nothing would
forbid everything or nothing without a word. A broken policy never allows silently: its errors are
errors of every check that uses it, so `check` fails and exports and plans are refused.

## Example
```yaml
# policy
version: 1
workspace:
  isolation_mode: [allow_only_approved_outbound]
```

## Instead
```yaml
workspace:
  isolation_modes: [allow_only_approved_outbound]
```
"#),
};
