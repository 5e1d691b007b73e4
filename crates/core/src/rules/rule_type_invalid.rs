//! `rule-type-invalid`: a rule's `type` is missing or not one of private_endpoint, service_tag, fqdn.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "rule-type-invalid",
    severity: Severity::Warning,
    summary: "A rule's `type` is missing or not one of private_endpoint, service_tag, fqdn",
    docs: docs!(r#"## What it catches
Rules without `type`, or with a `type` such as `PrivateEndpoint` spelled in a way the YAML schema does
not define, or an unknown type.

## Why it matters
azure-ai-ml does not check `type` at all: it guesses the rule class from the destination's shape, so
`type: bogus` with a string destination silently becomes an FQDN rule. A warning, not an error: azure-ai-ml
loads the file (so amlnet never says it rejects it), but what it creates is not what the file says, and
`az ml workspace outbound-rule set --type` needs a real type. amlnet's exports write the type of the
shape.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi
    type: website
    destination: pypi.org
```

## Instead
```yaml
  - name: pypi
    type: fqdn
    destination: pypi.org
```"#),
};
