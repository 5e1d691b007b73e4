//! `subscription-id-invalid`: the subscription given for the change is not a subscription ID.

use super::prelude::*;
use crate::catalog::is_guid;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "subscription-id-invalid",
    severity: Severity::Error,
    summary: "The subscription for the generated scripts is not a subscription ID (a GUID)",
    docs: docs!(r#"## What it catches
A subscription (`--subscription`, the wizard's "Subscription ID") that is not a GUID such as
`00000000-1111-2222-3333-444444444444`: a subscription *name*, a placeholder like `<subscription-id>`,
or a value with spaces.

## Why it matters
The generated scripts pass it to `az account set --subscription` and to `MLClient(subscription_id=...)`.
`az` accepts names too, but azure-ai-ml builds ARM IDs from it and fails on anything but the ID.

## Example
`amlnet export workspace.yml --to python --subscription "Contoso Production"`

## Instead
`amlnet export workspace.yml --to python --subscription 00000000-1111-2222-3333-444444444444`
(`az account show --query id -o tsv` prints it).
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(subscription) = cx.config.context.subscription_id.as_deref() else { return };
    if subscription.trim().is_empty() || is_guid(subscription.trim()) {
        return;
    }
    let d = INFO
        .at("context.subscription_id", format!("`{subscription}` is not a subscription ID; azure-ai-ml needs the GUID, not a name"))
        .with_help("use the subscription's ID, e.g. from `az account show --query id -o tsv`");
    cx.report(Target::Context, d);
}
