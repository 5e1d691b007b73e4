//! Diagnostics: what every check returns (stable code, severity, message, field path, span, help, fix).

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The service (or the SDK) rejects the configuration.
    #[default]
    Error,
    /// Accepted, but probably not what was meant, or it costs money or weakens isolation.
    Warning,
    /// Worth knowing; nothing to change.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A range in the source text. Lines and columns are 1-based and count characters;
/// the end is exclusive. Byte offsets index the UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TextRange {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start_byte: usize,
    pub end_byte: usize,
}

/// A machine-applicable change that resolves the diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a short imperative ("Quote the value").
    pub title: String,
    /// The field the fix changes (same syntax as [`Diagnostic::path`]).
    pub path: String,
    /// The replacement, as YAML text for the value at `path`; `None` removes the key.
    pub replacement: Option<String>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code from the rule registry (`amlnet rules`).
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The field, e.g. `managed_network.outbound_rules[2].destination.port_ranges`; empty for the document.
    pub path: String,
    /// The file the diagnostic belongs to, when the input came from files.
    pub file: Option<String>,
    /// Where in the text, when the input was text and the field was present.
    pub range: Option<TextRange>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { code, severity, message: message.into(), path: path.into(), file: None, range: None, help: None, fix: None }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn with_fix(mut self, title: impl Into<String>, replacement: Option<String>) -> Self {
        self.fix = Some(Fix { title: title.into(), path: self.path.clone(), replacement });
        self
    }

    #[must_use]
    pub fn with_range(mut self, range: Option<TextRange>) -> Self {
        self.range = range;
        self
    }

    #[must_use]
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_owned());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics into a stable order: by file, position, path, then code.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    crate::sort::sort_by(diagnostics, |a, b| {
        let pos = |d: &Diagnostic| d.range.map_or((usize::MAX, usize::MAX), |r| (r.line, r.column));
        (&a.file, pos(a), &a.path, a.code).cmp(&(&b.file, pos(b), &b.path, b.code))
    });
}

/// Source lines longer than this are shown as a window around the diagnostic.
const MAX_SHOWN: usize = 120;

/// Renders diagnostics like rustc: `error[code]: message`, the location, the source line with a caret, help.
pub fn render(diagnostics: &[Diagnostic], file_name: &str, source: Option<&str>) -> String {
    use std::fmt::Write as _;
    let lines: Vec<&str> = source.map(|s| s.lines().collect()).unwrap_or_default();
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{}[{}]: {}", d.severity.as_str(), d.code, d.message);
        let file = d.file.as_deref().unwrap_or(file_name);
        // Notes line up with the gutter, as in rustc.
        let note_pad = " ".repeat(d.range.map_or(1, |r| r.line.to_string().len()) + 1);
        match d.range {
            Some(r) => {
                let arrow_pad = " ".repeat(r.line.to_string().len());
                let _ = writeln!(out, "{arrow_pad}--> {file}:{}:{}", r.line, r.column);
                if let Some(text) = lines.get(r.line.saturating_sub(1)) {
                    let gutter = r.line.to_string();
                    let pad = " ".repeat(gutter.len());
                    let chars: Vec<char> = text.chars().map(|c| if c == '\t' || c.is_control() { ' ' } else { c }).collect();
                    let width = if r.end_line == r.line {
                        r.end_column.saturating_sub(r.column).max(1)
                    } else {
                        chars.len().saturating_sub(r.column - 1).max(1)
                    };
                    // Long lines (minified or junk input) are shown as a window around the column.
                    let start = if chars.len() > MAX_SHOWN { (r.column - 1).saturating_sub(MAX_SHOWN / 2) } else { 0 };
                    let end = (start + MAX_SHOWN).min(chars.len());
                    let prefix = if start > 0 { "…" } else { "" };
                    let suffix = if end < chars.len() { "…" } else { "" };
                    let shown: String = chars[start.min(end)..end].iter().collect();
                    let caret_at = (r.column - 1).saturating_sub(start) + prefix.chars().count();
                    let caret_width = width.min(MAX_SHOWN.saturating_sub(caret_at).max(1));
                    let _ = writeln!(out, "{pad} |");
                    let _ = writeln!(out, "{gutter} | {prefix}{shown}{suffix}");
                    let _ = writeln!(out, "{pad} | {}{}", " ".repeat(caret_at), "^".repeat(caret_width));
                }
            }
            None if !file.is_empty() => {
                let _ = writeln!(out, " --> {file}");
            }
            None => {}
        }
        if !d.path.is_empty() {
            let _ = writeln!(out, "{note_pad}= field: {}", d.path);
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "{note_pad}= help: {help}");
        }
        if let Some(fix) = &d.fix {
            match &fix.replacement {
                Some(r) => {
                    let _ = writeln!(out, "{note_pad}= fix: {}: {r}", fix.title);
                }
                None => {
                    let _ = writeln!(out, "{note_pad}= fix: {}", fix.title);
                }
            }
        }
        out.push('\n');
    }
    out
}
