//! `yaml-unhashable-key`: a mapping or list used as a key, which PyYAML cannot construct.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "yaml-unhashable-key",
    severity: Severity::Error,
    summary: "A mapping or list used as a mapping key, which PyYAML cannot load",
    docs: docs!(r#"## What it catches
A key that is itself a mapping or a list. The usual cause is a template placeholder left unquoted:
`{{MODEL_VERSION}}` is a YAML flow mapping whose only key is another mapping. YAML allows it, but PyYAML
(which azure-ai-ml uses) fails with "found unhashable key" and the file is not read at all.

## Why it matters
Template files committed with their placeholders fail in every tool that reads them before the
substitution step, and the error names no field.

## Example
```yaml
model:
  name: my-model
  version: {{MODEL_VERSION}}
```

## Instead
```yaml
  version: "{{MODEL_VERSION}}"
```
or substitute the value before the file is read."#),
};
