//! `read-only-key`: a read-only key from `show` output.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "read-only-key",
    severity: Severity::Info,
    summary: "A read-only key from `show` output",
    docs: docs!(r#"## What it catches
Keys Azure sets and reports but never takes as input: a rule's `category`, `status` and
`parent_rule_names`, `managed_network.status` and `network_id`, a workspace's `id` and
`mlflow_tracking_uri`, an endpoint's `scoring_uri` and `provisioning_state`.

## Why it matters
They appear in `az ml workspace show` output and in docs copied from it. The SDK ignores them; sending
required or recommended rules back even makes an update fail. amlnet accepts them and never exports them.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: pypi.org
    category: required
```

## Instead
```yaml
  - name: pypi
    type: fqdn
    destination: pypi.org
```"#),
};
