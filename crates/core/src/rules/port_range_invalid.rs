//! `port-range-invalid`: a service tag rule's `port_ranges` that is not a list of ports and port ranges.

use super::prelude::*;
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "port-range-invalid",
    severity: Severity::Error,
    summary: "A service tag rule's `port_ranges` is not a comma-separated list of ports (1-65535) and ranges",
    docs: docs!(r#"## What it catches
`port_ranges` values other than `*` or a comma-separated list of single ports and `low-high` ranges, each
port between 1 and 65535 and each range with low <= high: `99999`, `443-80`, `https`, `80;443`, `80,`.

## Why it matters
azure-ai-ml accepts any string here, so the mistake surfaces only when the service rejects the rule or
the firewall rule does not match the traffic you meant.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: monitor
    type: service_tag
    destination:
      service_tag: AzureMonitor
      protocol: TCP
      port_ranges: '443-80, 99999'
```

## Instead
```yaml
      port_ranges: '80-443'
```
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::ServiceTag(st) = &rule.destination else { continue };
        if let Err(problem) = parse_port_ranges(&st.port_ranges) {
            let path = format!("{}.destination.port_ranges", rule_path(i));
            let d = INFO
                .at(&path, format!("`port_ranges` of rule `{}` is not valid: {problem}", rule.name))
                .with_help("write single ports and ranges separated by commas, e.g. '80, 443, 8080-8089', or '*' for all ports");
            cx.report(Target::Workspace, d);
        }
    }
}

/// Parses `port_ranges` into inclusive ranges; `*` is every port.
pub(crate) fn parse_port_ranges(text: &str) -> Result<Vec<(u16, u16)>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("it is empty".to_owned());
    }
    if trimmed == "*" {
        return Ok(vec![(1, 65535)]);
    }
    let mut out = Vec::new();
    for token in trimmed.split(',') {
        let token = token.trim();
        if token.is_empty() {
            return Err("it has an empty entry between commas".to_owned());
        }
        let (low, high) = match token.split_once('-') {
            Some((a, b)) => (port(a.trim())?, port(b.trim())?),
            None => {
                let p = port(token)?;
                (p, p)
            }
        };
        if low > high {
            return Err(format!("the range `{token}` starts above where it ends"));
        }
        out.push((low, high));
    }
    Ok(out)
}

fn port(text: &str) -> Result<u16, String> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("`{text}` is not a port number"));
    }
    match text.parse::<u32>() {
        Ok(n @ 1..=65535) => Ok(n as u16),
        _ => Err(format!("`{text}` is outside 1-65535")),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_port_ranges;

    #[test]
    fn port_ranges() {
        assert_eq!(parse_port_ranges("80, 8080-8089"), Ok(vec![(80, 80), (8080, 8089)]));
        assert_eq!(parse_port_ranges("*"), Ok(vec![(1, 65535)]));
        assert!(parse_port_ranges("99999").is_err());
        assert!(parse_port_ranges("443-80").is_err());
        assert!(parse_port_ranges("80,").is_err());
        assert!(parse_port_ranges("0").is_err());
        assert!(parse_port_ranges("https").is_err());
    }
}
