//! `fqdn-destination-invalid`: an FQDN rule's `destination` that is not a host name.

use super::prelude::*;
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "fqdn-destination-invalid",
    severity: Severity::Error,
    summary: "An FQDN rule's `destination` is not a host name (optionally `*.` and a domain)",
    docs: docs!(r#"## What it catches
An FQDN rule `destination` that is not a plain host name: a URL with a scheme or path
(`https://pypi.org/simple`), a port (`pypi.org:443`), spaces, a wildcard anywhere but a leading `*.`,
labels longer than 63 characters, with characters other than letters, digits and `-`, or starting or
ending with `-`, names longer than 253 characters, and comma-separated lists (`pypi.org, *.pytorch.org`).

## Why it matters
azure-ai-ml loads any string; the managed network's Azure Firewall then rejects the rule or never
matches the traffic. FQDN rules allow only ports 80 and 443, so there is nothing to say about ports.
One Microsoft notebook puts several comma-separated FQDNs in one rule, but the main documentation
does not, and it is not known that the service accepts it: write one rule per host.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: pypi
    type: fqdn
    destination: https://pypi.org/simple
```

## Instead
```yaml
  - name: pypi
    type: fqdn
    destination: pypi.org
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::Fqdn(fqdn) = &rule.destination else { continue };
        let destination = fqdn.destination.as_str();
        if destination.is_empty() {
            let d = INFO
                .at(&format!("{}.destination", rule_path(i)), format!("the destination of rule `{}` is empty; the service needs a host name", rule.name))
                .with_help("write a host name such as `pypi.org`, or `*.pytorch.org` for all its subdomains");
            cx.report(Target::Workspace, d);
            continue;
        }
        let Err(problem) = check_fqdn(destination) else { continue };
        let mut d = INFO.at(
            &format!("{}.destination", rule_path(i)),
            format!("destination `{destination}` of rule `{}` is not a host name: {}", rule.name, problem.why),
        );
        d = match problem.kind {
            Kind::List => d.with_help("write one FQDN rule per host; whether the service accepts a comma-separated list is not documented"),
            Kind::Extra => match host_of(destination).filter(|h| check_fqdn(h).is_ok()) {
                Some(host) => d
                    .with_help("write only the host name; FQDN rules allow ports 80 and 443")
                    .with_fix(format!("Write `{host}`"), Some(crate::emit::yaml::scalar(host))),
                None => d.with_help("write only the host name; FQDN rules allow ports 80 and 443"),
            },
            Kind::Name => d.with_help("write a host name such as `pypi.org`, or `*.pytorch.org` for all its subdomains"),
        };
        cx.report(Target::Workspace, d);
    }
}

enum Kind {
    /// A comma-separated list of names.
    List,
    /// A scheme, path or port around a host name.
    Extra,
    /// The name itself is malformed.
    Name,
}

struct Problem {
    kind: Kind,
    why: String,
}

fn problem(kind: Kind, why: impl Into<String>) -> Result<(), Problem> {
    Err(Problem { kind, why: why.into() })
}

/// Why `text` is not a host name with an optional leading `*.` (policy FQDN patterns have the same shape).
pub(crate) fn host_name_problem(text: &str) -> Option<String> {
    check_fqdn(text).err().map(|p| p.why)
}

/// Checks a host name with an optional leading `*.`.
fn check_fqdn(text: &str) -> Result<(), Problem> {
    if text.contains(',') {
        return problem(Kind::List, "it is a comma-separated list");
    }
    if text.contains("://") {
        return problem(Kind::Extra, "it has a scheme (`://`)");
    }
    if text.contains('/') {
        return problem(Kind::Extra, "it has a path (`/`)");
    }
    if text.contains(':') {
        return problem(Kind::Extra, "it has a port (`:`)");
    }
    if text.chars().any(char::is_whitespace) {
        return problem(Kind::Name, "it contains a space");
    }
    let name = text.strip_prefix("*.").unwrap_or(text);
    if text == "*" || name.contains('*') {
        return problem(Kind::Name, "a wildcard is allowed only as a whole first label followed by a domain (`*.contoso.com`)");
    }
    if name.chars().count() > 253 {
        return problem(Kind::Name, format!("it has {} characters; at most 253 are allowed", name.chars().count()));
    }
    for label in name.split('.') {
        if label.is_empty() {
            return problem(Kind::Name, "it has an empty label (a dot at the start or end, or two dots in a row)");
        }
        if let Some(bad) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
            return problem(Kind::Name, format!("`{bad}` is not allowed; labels hold letters, digits and `-`"));
        }
        if label.len() > 63 {
            return problem(Kind::Name, format!("the label `{label}` is longer than 63 characters"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return problem(Kind::Name, format!("the label `{label}` starts or ends with `-`"));
        }
    }
    Ok(())
}

/// The host in a URL-like text: without scheme, user, path and port.
fn host_of(text: &str) -> Option<&str> {
    let rest = text.split_once("://").map_or(text, |(_, r)| r);
    let rest = rest.split(['/', '?', '#']).next()?;
    let rest = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = rest.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::{check_fqdn, host_of};

    #[test]
    fn fqdns() {
        for ok in ["pypi.org", "*.pytorch.org", "files.pythonhosted.org", "localhost", "a-b.c"] {
            assert!(check_fqdn(ok).is_ok(), "{ok}");
        }
        for bad in [
            "https://pypi.org",
            "pypi.org/simple",
            "pypi.org:443",
            "pypi .org",
            "*",
            "a.*.org",
            "-a.org",
            "a..org",
            "pypi.org.",
            "a_b.org",
            "pypi.org, *.pytorch.org",
        ] {
            assert!(check_fqdn(bad).is_err(), "{bad}");
        }
        assert!(check_fqdn(&format!("{}.org", "a".repeat(64))).is_err());
        assert_eq!(host_of("https://user@pypi.org:443/simple"), Some("pypi.org"));
    }
}
