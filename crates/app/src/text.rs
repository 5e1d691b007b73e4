//! Small text helpers for the view, plain Rust so they are tested natively: plurals ("1 error",
//! "2 errors") and the `code` spans of the core's messages.

/// "1 error", "2 errors": the count and the noun in the right number (regular English plurals, and
/// the few irregular nouns the app uses).
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let many = match noun {
        "private endpoint" => "private endpoints".to_owned(),
        "FQDN rule" => "FQDN rules".to_owned(),
        "service tag" => "service tags".to_owned(),
        "entry" => "entries".to_owned(),
        _ if noun.ends_with('s') || noun.ends_with('x') || noun.ends_with("sh") || noun.ends_with("ch") => format!("{noun}es"),
        _ => format!("{noun}s"),
    };
    format!("{n} {many}")
}

/// Splits a message into plain and `code` parts: `(is_code, text)`. An unmatched backtick is kept as
/// text; an empty span (two backticks) reads as "(empty)" so a missing name is visible.
pub fn code_spans(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else { break };
        if start > 0 {
            out.push((false, rest[..start].to_owned()));
        }
        let code = &rest[start + 1..start + 1 + len];
        out.push((true, if code.is_empty() { "(empty)".to_owned() } else { code.to_owned() }));
        rest = &rest[start + 2 + len..];
    }
    if !rest.is_empty() {
        out.push((false, rest.to_owned()));
    }
    out
}

/// The message without backticks, for plain-text places (the live region, `title` attributes).
pub fn plain(text: &str) -> String {
    code_spans(text).into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_code_spans() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(2, "private endpoint"), "2 private endpoints");
        assert_eq!(plural(3, "entry"), "3 entries");
        assert_eq!(
            code_spans("rule `pypi` is an `fqdn` rule"),
            vec![(false, "rule ".into()), (true, "pypi".into()), (false, " is an ".into()), (true, "fqdn".into()), (false, " rule".into())]
        );
        assert_eq!(code_spans("FQDN rule `` makes"), vec![(false, "FQDN rule ".into()), (true, "(empty)".into()), (false, " makes".into())]);
        assert_eq!(code_spans("a `b"), vec![(false, "a `b".into())]);
        assert_eq!(plain("set `x`"), "set x");
    }
}
