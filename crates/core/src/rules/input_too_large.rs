//! `input-too-large`: the input is larger than any network configuration could be.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "input-too-large",
    severity: Severity::Error,
    summary: "The input is larger than any network configuration could be",
    docs: docs!(r#"## What it catches
Input over 4 MiB.

## Why it matters
A workspace with a thousand outbound rules is about 250 KB. Anything much larger is the wrong file (a
log, a binary, a dump), and reading it would only make the page or the pipeline slow.

## Example
`amlnet check model.pkl`

## Instead
Check the workspace, endpoint and deployment YAML files themselves."#),
};
