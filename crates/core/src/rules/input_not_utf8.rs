//! `input-not-utf8`: the file is not UTF-8 text.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "input-not-utf8",
    severity: Severity::Error,
    summary: "The file is not UTF-8 text",
    docs: docs!(r#"## What it catches
Files whose bytes are not valid UTF-8: binary files, or text saved in a legacy code page (Latin-1,
UTF-16 without conversion).

## Why it matters
PyYAML, and so `az ml`, reads YAML files as UTF-8 and fails on anything else.

## Example
A workspace file saved as UTF-16 by an editor.

## Instead
Save the file as UTF-8."#),
};
