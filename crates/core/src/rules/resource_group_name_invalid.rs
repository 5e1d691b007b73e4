//! `resource-group-name-invalid`: the resource group for the change is not a valid resource group name.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "resource-group-name-invalid",
    severity: Severity::Error,
    summary: "The resource group for the generated scripts is not a valid resource group name",
    docs: docs!(r#"## What it catches
A resource group name that Azure does not allow: empty, longer than 90 characters, ending with a
period, or containing characters other than letters, digits, `_`, `-`, `.`, `(` and `)`.

## Why it matters
The generated scripts pass it to every `az ml` command and to `MLClient(resource_group_name=...)`; an
invalid name fails at the first call, after the script has started.

## Example
`amlnet export workspace.yml --to cli --resource-group "ml rg."`

## Instead
`amlnet export workspace.yml --to cli --resource-group ml-rg`
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(name) = cx.config.context.resource_group.as_deref() else { return };
    if name.is_empty() {
        return;
    }
    let problem = if name.chars().count() > 90 {
        Some("it is longer than 90 characters")
    } else if name.ends_with('.') {
        Some("it ends with a period")
    } else if !name.chars().all(|c| c.is_alphanumeric() || "_-.()".contains(c)) {
        Some("it has characters other than letters, digits, `_`, `-`, `.`, `(` and `)`")
    } else {
        None
    };
    if let Some(problem) = problem {
        let d = INFO
            .at("context.resource_group", format!("resource group name `{name}` is not valid: {problem}"))
            .with_help("resource group names have 1-90 letters, digits, `_`, `-`, `.`, `(` or `)`, and do not end with a period");
        cx.report(Target::Context, d);
    }
}
