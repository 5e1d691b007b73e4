//! `rule-name-invalid`: an outbound rule name that Azure Resource Manager rejects.

use super::prelude::*;
use crate::model::rule_path;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "rule-name-invalid",
    severity: Severity::Error,
    summary: "An outbound rule name does not match `^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`",
    docs: docs!(r#"## What it catches
An outbound rule `name` that is shorter than 3 or longer than 33 characters, starts with `_` or `-`, or
contains anything but letters, digits, `_` and `-`: `pypi.org`, `my rule`, `pe`.

## Why it matters
The rule name is a path segment of the ARM request (`.../outboundRules/<name>`), with the pattern
`^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$` (confirmed for REST API 2023-10-01; newer versions show a pattern
with the same start). azure-ai-ml does not check it, so the service rejects the rule after the workspace
update has started.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi.org
    type: fqdn
    destination: pypi.org
```

## Instead
```yaml
  - name: pypi
    type: fqdn
    destination: pypi.org
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        if let Err(problem) = super::workspace_name_invalid::arm_name(&rule.name) {
            let d = INFO
                .at(&format!("{}.name", rule_path(i)), format!("the rule name{} is not valid: {problem}", super::named(&rule.name)))
                .with_help("use 3-33 letters, digits, `_` or `-`, starting with a letter or digit");
            cx.report(Target::Workspace, d);
        }
    }
}
