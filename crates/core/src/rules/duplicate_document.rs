//! `duplicate-document`: two files describe the same workspace or endpoint.

use super::RuleInfo;
use crate::diagnostic::Severity;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "duplicate-document",
    severity: Severity::Error,
    summary: "Two files describe the same workspace or endpoint",
    docs: docs!(r#"## What it catches
Two workspace documents, or two endpoint documents, in one check or export.

## Why it matters
One change configures one workspace and at most one endpoint (with any number of deployments). The
second document is ignored.

## Example
`amlnet check ws-a.yml ws-b.yml`

## Instead
Check each workspace on its own."#),
};
