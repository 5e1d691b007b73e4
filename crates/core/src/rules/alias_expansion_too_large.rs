//! `alias-expansion-too-large`: anchors and aliases expand to an unreasonably large document.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "alias-expansion-too-large",
    severity: Severity::Error,
    summary: "Anchors and aliases expand to an unreasonably large document",
    docs: docs!(r#"## What it catches
Aliases (`*name`) that refer to anchors (`&name`) which themselves contain aliases, so that the expanded
document has more than 500,000 nodes (the "billion laughs" pattern).

## Why it matters
PyYAML expands every alias, so `az ml` would hang or run out of memory on such a file.

## Example
```text
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
# ... and so on
```

## Instead
Write values out; a network configuration never needs nested aliases."#),
};
