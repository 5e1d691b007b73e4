//! `endpoint-name-invalid`: an online endpoint name that azure-ai-ml or Azure rejects.

use super::prelude::*;

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "endpoint-name-invalid",
    severity: Severity::Error,
    summary: "The online endpoint name is not 3-32 letters, digits and single dashes, starting with a letter",
    docs: docs!(r#"## What it catches
An online endpoint `name` that is shorter than 3 or longer than 32 characters, does not start with a
letter, ends with `-`, contains anything but letters, digits and `-` (such as `_` or `.`), or has two
dashes in a row.

## Why it matters
azure-ai-ml checks the name with `^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$` and a length of 3 to 32 when it
creates the endpoint, and the documentation asks for "letters and numbers with single dashes". The name
is part of the scoring URI (`<name>.<region>.inference.ml.azure.com`), so it must also be unique in the
Azure region, which only the service can check.

## Example
```yaml
name: 1st_endpoint
auth_mode: key
```

## Instead
```yaml
name: first-endpoint
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(ep) = &cx.config.endpoint else { return };
    if let Err(problem) = endpoint_name(&ep.name) {
        let d = INFO
            .at("name", format!("the endpoint name{} is not valid: {problem}", super::named(&ep.name)))
            .with_help("use 3-32 letters, digits and single dashes, starting with a letter and ending with a letter or digit; the name must be unique in the region");
        cx.report(Target::Endpoint, d);
    }
}

/// Checks an online endpoint or deployment name: `^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$`, 3-32
/// characters, no `--`; says what is wrong.
pub(crate) fn endpoint_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty, and the service needs a name".to_owned());
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
        let what = if bad == ' ' { "a space".to_owned() } else { format!("`{bad}`") };
        return Err(format!("it contains {what}; only letters, digits and `-` are allowed"));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err("it must start with a letter".to_owned());
    }
    if name.ends_with('-') {
        return Err("it must not end with `-`".to_owned());
    }
    if name.contains("--") {
        return Err("it has two dashes in a row; only single dashes are allowed".to_owned());
    }
    let length = name.chars().count();
    if !(3..=32).contains(&length) {
        let noun = if length == 1 { "character" } else { "characters" };
        return Err(format!("it has {length} {noun}; 3 to 32 are allowed"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::endpoint_name;

    #[test]
    fn endpoint_names() {
        assert!(endpoint_name("my-endpoint-1").is_ok());
        assert!(endpoint_name("abc").is_ok());
        assert!(endpoint_name(&"a".repeat(32)).is_ok());
        for bad in ["1abc", "abc-", "abc_d", "ab", "a--b", "a b c", &"a".repeat(33)] {
            assert!(endpoint_name(bad).is_err(), "{bad}");
        }
    }
}
