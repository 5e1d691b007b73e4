//! `nesting-too-deep`: the document nests deeper than 64 levels.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "nesting-too-deep",
    severity: Severity::Error,
    summary: "The document nests deeper than 64 levels",
    docs: r#"## What it catches
Mappings or lists nested more than 64 levels deep.

## Why it matters
The deepest real document (a deployment with probes) nests about six levels. Deeper input is
machine-generated junk or an attack on the parser; amlnet stops reading instead of exhausting memory.

## Example
```yaml
a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
```

## Instead
Write the configuration out flat, as the `az ml` YAML reference shows it."#,
};
