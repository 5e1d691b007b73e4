//! `address-prefix-invalid`: an `address_prefixes` entry that is not an IPv4 address or CIDR block.

use super::prelude::*;
use crate::model::{rule_path, Destination};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "address-prefix-invalid",
    severity: Severity::Error,
    summary: "An `address_prefixes` entry is not an IPv4 address or an IPv4 CIDR block (`/0` to `/32`)",
    docs: docs!(r#"## What it catches
Entries of a service tag rule's `address_prefixes` that are not a dotted IPv4 address (`168.63.129.16`)
or an IPv4 CIDR block (`10.0.0.0/24`): host names, IPv6 addresses, octets above 255, prefix lengths
above 32, leading zeros, ranges such as `10.0.0.1-10.0.0.9`.

## Why it matters
azure-ai-ml loads any string here; the service rejects the rule when the managed network is updated.
Only IPv4 is supported.

## Example
```yaml
name: ws-contoso
image_build_compute: image-builder
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: vnet
    type: service_tag
    destination:
      service_tag: VirtualNetwork
      protocol: TCP
      port_ranges: '443'
      address_prefixes: ['10.0.0.0/33', 'contoso.com']
```

## Instead
```yaml
      address_prefixes: ['10.0.0.0/24']
```
For a host name, use an FQDN rule.
"#),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    for (i, rule) in cx.config.rules().iter().enumerate() {
        let Destination::ServiceTag(st) = &rule.destination else { continue };
        let Some(prefixes) = &st.address_prefixes else { continue };
        for (j, prefix) in prefixes.iter().enumerate() {
            if let Err(problem) = parse_ipv4_prefix(prefix) {
                let d = INFO
                    .at(
                        &format!("{}.destination.address_prefixes[{j}]", rule_path(i)),
                        format!("address prefix `{prefix}` of rule `{}` is not valid: {problem}", rule.name),
                    )
                    .with_help("write an IPv4 address (`168.63.129.16`) or CIDR block (`10.0.0.0/24`)");
                cx.report(Target::Workspace, d);
            }
        }
    }
}

/// Parses `a.b.c.d` or `a.b.c.d/n` into the address and prefix length.
pub(crate) fn parse_ipv4_prefix(text: &str) -> Result<([u8; 4], u8), String> {
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    if text.contains(':') {
        return Err("it looks like an IPv6 address; only IPv4 is supported".to_owned());
    }
    if text.chars().any(char::is_whitespace) {
        return Err("it contains a space".to_owned());
    }
    let (address, length) = match text.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (text, None),
    };
    let octets: Vec<&str> = address.split('.').collect();
    if octets.len() != 4 {
        return Err("an IPv4 address has four numbers separated by dots".to_owned());
    }
    let mut out = [0u8; 4];
    for (slot, octet) in out.iter_mut().zip(&octets) {
        *slot = decimal(octet, 255).map_err(|why| format!("`{octet}` {why}"))? as u8;
    }
    let length = match length {
        None => 32,
        Some(l) => decimal(l, 32).map_err(|why| format!("the prefix length `{l}` {why}"))? as u8,
    };
    Ok((out, length))
}

/// A decimal number up to `max`, without sign or leading zeros (which some parsers read as octal).
fn decimal(text: &str, max: u32) -> Result<u32, String> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err("is not a number".to_owned());
    }
    if text.len() > 1 && text.starts_with('0') {
        return Err("has a leading zero".to_owned());
    }
    match text.parse::<u32>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!("is above {max}")),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_ipv4_prefix;

    #[test]
    fn prefixes() {
        assert_eq!(parse_ipv4_prefix("10.0.0.0/24"), Ok(([10, 0, 0, 0], 24)));
        assert_eq!(parse_ipv4_prefix("168.63.129.16"), Ok(([168, 63, 129, 16], 32)));
        assert!(parse_ipv4_prefix("0.0.0.0/0").is_ok());
        assert!(parse_ipv4_prefix("10.0.0.0/33").is_err());
        assert!(parse_ipv4_prefix("256.0.0.1").is_err());
        assert!(parse_ipv4_prefix("10.0.0").is_err());
        assert!(parse_ipv4_prefix("010.0.0.1").is_err());
        assert!(parse_ipv4_prefix("fd00::/8").is_err());
        assert!(parse_ipv4_prefix("contoso.com").is_err());
        assert!(parse_ipv4_prefix("10.0.0.0/").is_err());
        assert!(parse_ipv4_prefix("").is_err());
    }
}
