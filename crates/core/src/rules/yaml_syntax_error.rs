//! `yaml-syntax-error`: the text is not valid YAML.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "yaml-syntax-error",
    severity: Severity::Error,
    summary: "The text is not valid YAML",
    docs: docs!(r#"## What it catches
Text that no YAML parser can read: a tab used for indentation, an unclosed quote or bracket, a key at
the wrong indentation.

## Why it matters
`az ml` and azure-ai-ml stop at the first syntax error, after you have waited for them to start. Nothing
after the error is read, so amlnet cannot check the rest either.

## Example
```yaml
name: ws-contoso
managed_network:
  isolation_mode: allow_only_approved_outbound
	outbound_rules: []
```

## Instead
Indent with spaces only:
```yaml
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules: []
```"#),
};
