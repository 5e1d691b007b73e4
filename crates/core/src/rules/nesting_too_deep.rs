//! `nesting-too-deep`: the document nests deeper than 400 levels.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "nesting-too-deep",
    severity: Severity::Error,
    summary: "The document nests deeper than 400 levels",
    docs: docs!(r#"## What it catches
Mappings or lists nested more than 400 levels deep.

## Why it matters
The deepest real document (a deployment with probes) nests about six levels. Deeper input is
machine-generated junk or an attack on the parser; amlnet stops reading instead of exhausting memory.
The bound is near PyYAML's own: `yaml.safe_load` fails with Python's RecursionError at about 450
levels of flow lists (deeper for block mappings), so only documents no real configuration resembles
are refused for their depth.

## Example
```text
a: [[[[[[[[ ... 401 levels ... ]]]]]]]]
```

## Instead
Write the configuration out flat, as the `az ml` YAML reference shows it."#),
};
