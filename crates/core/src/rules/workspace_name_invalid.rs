//! `workspace-name-invalid`: a workspace name that Azure Resource Manager rejects.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "workspace-name-invalid",
    severity: Severity::Error,
    summary: "The workspace name does not match `^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`",
    docs: docs!(r#"## What it catches
A workspace `name` that is shorter than 3 or longer than 33 characters, starts with `_` or `-`, or
contains anything but letters, digits, `_` and `-` (spaces, dots, non-ASCII letters).

## Why it matters
azure-ai-ml does not check the name: `a`, `-bad`, `has space` and 40-character names all load. Azure
Resource Manager then rejects the request with the pattern `^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`, after
the command has started.

## Example
```yaml
name: ml workspace.prod
```

## Instead
```yaml
name: ml-workspace-prod
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ws) = &cx.config.workspace else { return };
    // An update may take the name from `--name`.
    if ws.name.is_empty() && cx.config.context.operation == crate::model::Operation::Update {
        return;
    }
    if let Err(problem) = arm_name(&ws.name) {
        let d = INFO
            .at("name", format!("the workspace name{} is not valid: {problem}", super::named(&ws.name)))
            .with_help("use 3-33 letters, digits, `_` or `-`, starting with a letter or digit");
        cx.report(Target::Workspace, d);
    }
}

/// Checks a name against `^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`, the ARM pattern of workspace and
/// outbound rule names; says what is wrong.
pub(crate) fn arm_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty, and the service needs a name".to_owned());
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-')) {
        let what = if bad == ' ' { "a space".to_owned() } else { format!("`{bad}`") };
        return Err(format!("it contains {what}; only letters, digits, `_` and `-` are allowed"));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err("it must start with a letter or digit".to_owned());
    }
    let length = name.chars().count();
    if !(3..=33).contains(&length) {
        let noun = if length == 1 { "character" } else { "characters" };
        return Err(format!("it has {length} {noun}; 3 to 33 are allowed"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::arm_name;

    #[test]
    fn arm_names() {
        assert!(arm_name("ws1").is_ok());
        assert!(arm_name("my_workspace-01").is_ok());
        assert!(arm_name(&"a".repeat(33)).is_ok());
        assert!(arm_name(&"a".repeat(34)).is_err());
        assert!(arm_name("ab").is_err());
        assert!(arm_name("-bad").is_err());
        assert!(arm_name("_bad").is_err());
        assert!(arm_name("has space").is_err());
        assert!(arm_name("dotted.name").is_err());
    }
}
