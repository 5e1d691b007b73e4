//! The CI formats of `check` and `plan`: SARIF 2.1.0 (code scanning), GitHub Actions workflow commands
//! and the GitLab Code Quality report.
//!
//! Lines and columns are the core's (1-based, Unicode code points, exclusive end): SARIF says so with
//! `columnKind: unicodeCodePoints`. A SARIF fix is written only where the core's fix maps to exact text:
//! a one-line replacement of a value written at the fix's path, or the removal of a key whose lines
//! hold nothing else.

use amlnet_core::{Diagnostic, Severity, SourceFile, SourceMap, Sources, TextRange};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// What a CI report is made of.
pub(crate) struct Input<'a> {
    /// The files that were read (their text places fixes).
    pub(crate) files: &'a [SourceFile],
    /// Where each document's fields were written.
    pub(crate) sources: &'a [&'a Sources],
    pub(crate) diagnostics: &'a [Diagnostic],
}

impl Input<'_> {
    fn text(&self, file: &str) -> Option<&str> {
        self.files.iter().find(|f| f.name == file).map(|f| f.text.as_str())
    }

    /// The source map of the document read from `file`.
    fn map(&self, file: &str) -> Option<&SourceMap> {
        self.sources.iter().find_map(|s| {
            s.workspace.iter().chain(&s.endpoint).chain(s.deployments.iter().flatten()).find(|(name, _)| name == file).map(|(_, map)| map)
        })
    }
}

/// SARIF's `level` for a severity.
fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `port-range-invalid` → `PortRangeInvalid` (SARIF's rule `name`).
fn pascal(code: &str) -> String {
    code.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// A file name as a URI reference (RFC 3986): relative names stay relative (code scanning resolves
/// them against the repository root), absolute ones become `file://` URIs; every byte outside the
/// unreserved set and `/` is percent-encoded.
pub(crate) fn file_uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let (prefix, path) = if name.starts_with('/') {
        ("file://", name.as_str())
    } else if name.as_bytes().get(1) == Some(&b':') && name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        ("file:///", name.as_str())
    } else {
        ("", name.as_str())
    };
    let mut out = prefix.to_owned();
    for (i, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) || (prefix == "file:///" && i == 1 && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn region(r: &TextRange) -> Value {
    json!({ "startLine": r.line, "startColumn": r.column, "endLine": r.end_line, "endColumn": r.end_column })
}

/// The region of a whole text (line 1, column 1 to the end of its last line).
fn whole_file(text: &str) -> Value {
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.last().map_or(0, |l| l.chars().count());
    json!({ "startLine": 1, "startColumn": 1, "endLine": lines.len().max(1), "endColumn": last + 1 })
}

/// A SARIF message: plain text that ends with a period, as SARIF asks.
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '?', '!']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// The SARIF 2.1.0 log: every registry rule with its documentation, every finding as a result.
pub(crate) fn sarif(input: &Input<'_>) -> String {
    let rules: Vec<Value> = amlnet_core::RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": pascal(rule.code),
                "shortDescription": { "text": sentence(rule.summary) },
                "fullDescription": { "text": sentence(rule.summary) },
                "help": { "text": rule.docs.trim_end(), "markdown": rule.docs.trim_end() },
                "defaultConfiguration": { "level": sarif_level(rule.severity) },
                "properties": { "tags": [amlnet_core::rules::stage(rule.code).unwrap_or("model")] },
            })
        })
        .collect();
    let results: Vec<Value> = input
        .diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message = format!("{}\nhelp: {help}", sentence(&message));
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": sentence(&message) },
            });
            if let Some(index) = amlnet_core::RULES.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(file) = &d.file {
                let mut physical = json!({ "artifactLocation": { "uri": file_uri(file) } });
                match &d.range {
                    Some(r) => physical["region"] = region(r),
                    // A finding about the whole file (not UTF-8, empty, too large): all of its text.
                    None => physical["region"] = whole_file(input.text(file).unwrap_or("")),
                }
                let mut location = json!({ "physicalLocation": physical });
                if !d.path.is_empty() {
                    location["logicalLocations"] = json!([{ "fullyQualifiedName": d.path, "kind": "member" }]);
                }
                result["locations"] = json!([location]);
                if let Some((deleted, inserted)) = fix_replacement(input, d) {
                    let title = d.fix.as_ref().map_or(String::new(), |f| f.title.clone());
                    result["fixes"] = json!([{
                        "description": { "text": sentence(&title) },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": file_uri(file) },
                            "replacements": [{ "deletedRegion": deleted, "insertedContent": { "text": inserted } }],
                        }],
                    }]);
                }
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "amlnet",
                "version": amlnet_core::VERSION,
                "semanticVersion": amlnet_core::VERSION,
                "rules": rules,
            } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// The region to delete and the text to insert for a diagnostic's fix, when it maps to exact text.
fn fix_replacement(input: &Input<'_>, d: &Diagnostic) -> Option<(Value, String)> {
    let fix = d.fix.as_ref()?;
    let file = d.file.as_deref()?;
    let map = input.map(file)?;
    let text = input.text(file)?;
    let lines: Vec<&str> = text.split('\n').collect();
    let line_chars = |line: usize| lines.get(line.checked_sub(1)?).map(|l| l.trim_end_matches('\r').chars().count());
    match &fix.replacement {
        Some(replacement) => {
            let value = map.contains(&fix.path).then(|| map.range(&fix.path)).flatten()?;
            if value.line != value.end_line || replacement.contains(['\n', '\r']) {
                return None;
            }
            Some((region(&value), replacement.clone()))
        }
        None => {
            let value = map.contains(&fix.path).then(|| map.range(&fix.path)).flatten()?;
            let key = map.key_range(&fix.path).filter(|k| *k != value)?;
            // Only whole lines: nothing but indentation before the key, nothing but a comment after the value.
            let key_line = lines.get(key.line - 1)?;
            if !key_line.chars().take(key.column - 1).all(|c| c == ' ') {
                return None;
            }
            let end_line = lines.get(value.end_line - 1)?.trim_end_matches('\r');
            let rest: String = end_line.chars().skip(value.end_column - 1).collect();
            let rest = rest.trim_start();
            if !(rest.is_empty() || rest.starts_with('#')) {
                return None;
            }
            let end = if value.end_line < lines.len() {
                json!({ "endLine": value.end_line + 1, "endColumn": 1 })
            } else {
                json!({ "endLine": value.end_line, "endColumn": line_chars(value.end_line)? + 1 })
            };
            let mut deleted = json!({ "startLine": key.line, "startColumn": 1 });
            deleted["endLine"] = end["endLine"].clone();
            deleted["endColumn"] = end["endColumn"].clone();
            Some((deleted, String::new()))
        }
    }
}

/// GitHub's escaping of a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command (`::error file=...,line=...::message`) per finding.
pub(crate) fn github(input: &Input<'_>) -> String {
    let mut out = String::new();
    for d in input.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = Vec::new();
        if let Some(file) = &d.file {
            properties.push(format!("file={}", escape_property(file)));
            if let Some(r) = &d.range {
                properties.push(format!("line={},endLine={},col={},endColumn={}", r.line, r.end_line, r.column, r.end_column));
            }
        }
        properties.push(format!("title={}", escape_property(d.code)));
        let mut message = d.message.clone();
        if !d.path.is_empty() {
            let _ = write!(message, "\nfield: {}", d.path);
        }
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        let _ = writeln!(out, "::{command} {}::{}", properties.join(","), escape_data(&message));
    }
    out
}

/// The GitLab severity of a finding: an error is what Azure rejects.
fn gitlab_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// FNV-1a, 128 bits, as 32 hex digits: a stable fingerprint with no dependency.
fn fingerprint(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:032x}")
}

/// The Code Quality report: one issue per finding. The fingerprint hashes file, code, field and
/// message (not the line, so it survives edits above), with a counter for identical findings. A
/// finding without a file (a command-line flag) is placed at line 1 of the first input file.
pub(crate) fn gitlab(input: &Input<'_>) -> String {
    let mut seen: Vec<String> = Vec::new();
    let first = input.files.first().map_or("", |f| f.name.as_str());
    let issues: Vec<Value> = input
        .diagnostics
        .iter()
        .map(|d| {
            let file = d.file.as_deref().unwrap_or(first);
            let key = fingerprint(&[file, d.code, &d.path, &d.message]);
            let occurrence = seen.iter().filter(|k| **k == key).count().to_string();
            seen.push(key);
            let mut description = d.message.clone();
            if let Some(help) = &d.help {
                let _ = write!(description, " (help: {help})");
            }
            let (begin, end) = d.range.map_or((1, 1), |r| (r.line, r.end_line));
            json!({
                "type": "issue",
                "description": description,
                "check_name": d.code,
                "fingerprint": fingerprint(&[file, d.code, &d.path, &d.message, &occurrence]),
                "severity": gitlab_severity(d.severity),
                "location": { "path": file, "lines": { "begin": begin, "end": end } },
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_github() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn uris_are_rfc3986_references() {
        assert_eq!(file_uri("tests/fixtures/a b/ws.yml"), "tests/fixtures/a%20b/ws.yml");
        assert_eq!(file_uri("/tmp/x#1.yml"), "file:///tmp/x%231.yml");
        assert_eq!(file_uri("C:\\ws\\é.yml"), "file:///C:/ws/%C3%A9.yml");
    }

    #[test]
    fn names_and_fingerprints() {
        assert_eq!(pascal("port-range-invalid"), "PortRangeInvalid");
        assert_eq!(fingerprint(&["a"]), fingerprint(&["a"]));
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab"]));
        assert_eq!(fingerprint(&[]).len(), 32);
    }
}
