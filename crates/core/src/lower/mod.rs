//! Lowering: YAML node trees to the typed model, reporting every shape and typing problem on the way.
//!
//! The lowering reads what azure-ai-ml would read (PyYAML types, its key sets, its required fields) and
//! records where each field came from in a [`SourceMap`], so that later rules, which see only the
//! model, can still point at the exact text.

mod deployment;
mod endpoint;
mod workspace;

use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::model::{DocumentKind, Value};
use crate::rules::{codes, RuleInfo};
use crate::schema::{Issue, IssueKind, Schema, Unknown as SchemaUnknown};
use crate::syntax::pyyaml::PyType;
use crate::syntax::{Node, NodeKind, Scalar};
use std::borrow::Cow;
use std::collections::BTreeMap;

pub(crate) use deployment::lower_deployment;
pub(crate) use endpoint::lower_endpoint;
pub(crate) use workspace::lower_workspace;

/// Where each field of one document was written.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// Each path written, to its ranges in `ranges`. The key type is the YAML parser's anchor table's,
    /// so the wasm builds carry one ordered map (and no hash table).
    paths: BTreeMap<Cow<'static, str>, usize>,
    /// The range of the value at a path, and of its key (for keys that must go).
    ranges: Vec<Ranges>,
    /// Range of the whole document.
    root: Option<TextRange>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Ranges {
    value: Option<TextRange>,
    key: Option<TextRange>,
}

impl SourceMap {
    /// The range of the value at `path`, or of the nearest enclosing value that was written.
    pub fn range(&self, path: &str) -> Option<TextRange> {
        let mut p = path;
        loop {
            if let Some(r) = self.ranges_at(p).and_then(|r| r.value) {
                return Some(r);
            }
            match parent_path(p) {
                Some(parent) => p = parent,
                None => return self.root,
            }
        }
    }

    /// The range of the key at `path`, falling back to the value.
    pub fn key_range(&self, path: &str) -> Option<TextRange> {
        self.ranges_at(path).and_then(|r| r.key).or_else(|| self.range(path))
    }

    /// Whether a value was written at exactly `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.ranges_at(path).is_some_and(|r| r.value.is_some())
    }

    fn ranges_at(&self, path: &str) -> Option<&Ranges> {
        self.paths.get(path).and_then(|&i| self.ranges.get(i))
    }

    /// Records the value at `path`, and its key's range for a mapping entry. A later value at the same
    /// path replaces the earlier one (PyYAML keeps the last of duplicate keys).
    fn record(&mut self, path: String, key: Option<TextRange>, value: TextRange) {
        let known = match self.paths.get(path.as_str()) {
            Some(&i) => self.ranges.get_mut(i),
            None => None,
        };
        match known {
            Some(ranges) => {
                ranges.value = Some(value);
                if key.is_some() {
                    ranges.key = key;
                }
            }
            None => {
                self.paths.insert(Cow::Owned(path), self.ranges.len());
                self.ranges.push(Ranges { value: Some(value), key });
            }
        }
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → None.
fn parent_path(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

pub(crate) fn join_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Collects diagnostics and positions while lowering one document.
pub(crate) struct Lowerer {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) map: SourceMap,
}

/// How strictly azure-ai-ml treats keys it does not know at a given level.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnknownKeys {
    /// marshmallow RAISE: the SDK rejects the document.
    Reject,
    /// marshmallow EXCLUDE: the SDK drops the key without a word.
    Dropped,
}

/// A mapping's entries by key, with duplicate and type checks done.
pub(crate) struct Fields<'n> {
    pub(crate) path: String,
    entries: Vec<(&'n str, &'n Node)>,
}

impl<'n> Fields<'n> {
    pub(crate) fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
    pub(crate) fn keys(&self) -> impl Iterator<Item = &'n str> + '_ {
        self.entries.iter().map(|(k, _)| *k)
    }
    pub(crate) fn path(&self, key: &str) -> String {
        join_path(&self.path, key)
    }
}

impl Lowerer {
    pub(crate) fn new(root: &Node) -> Self {
        Lowerer { diagnostics: Vec::new(), map: SourceMap { root: Some(root.range), ..SourceMap::default() } }
    }

    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reads a mapping's entries. Reports non-string keys and duplicates (PyYAML keeps the last one,
    /// as we do), and records every value's position.
    pub(crate) fn fields<'n>(&mut self, node: &'n Node, path: &str) -> Option<Fields<'n>> {
        let NodeKind::Map(raw) = &node.kind else {
            self.wrong_type(node, path, "a mapping");
            return None;
        };
        self.map.record(path.to_owned(), None, node.range);
        let mut entries: Vec<(&'n str, &'n Node)> = Vec::with_capacity(raw.len());
        for (key, value) in raw {
            // A mapping or list as a key is reported once for the file (`unhashable_keys`).
            let Some(key_scalar) = key.as_scalar() else { continue };
            let key_text = key_scalar.text.as_str();
            let key_path = join_path(path, key_text);
            if let Some(pos) = entries.iter().position(|(k, _)| *k == key_text) {
                self.report(
                    codes::DUPLICATE_KEY
                        .at(&key_path, format!("`{key_text}` appears twice; the later value wins and the first is lost"))
                        .with_range(Some(key.range))
                        .with_help("keep one of the two entries"),
                );
                entries.remove(pos);
            }
            self.map.record(key_path, Some(key.range), value.range);
            entries.push((key_text, value));
        }
        Some(Fields { path: path.to_owned(), entries })
    }

    /// Reports keys outside `known` and `read_only`. Read-only keys are info: accepted, never exported.
    pub(crate) fn check_keys(&mut self, fields: &Fields<'_>, known: &[&str], read_only: &[&str], unknown: UnknownKeys, what: &str) {
        let mut reports = Vec::new();
        for key in fields.keys() {
            let key_path = fields.path(key);
            let range = self.map.key_range(&key_path);
            if read_only.contains(&key) {
                reports.push(read_only_key(&key_path, key, range));
            } else if !known.contains(&key) {
                reports.push(unknown_key(&key_path, key, what, unknown == UnknownKeys::Reject, known, range));
            }
        }
        self.diagnostics.extend(reports);
    }

    /// Reads the mapping `node` with the SDK's `schema` (from `crate::schema::sdk`) under `unknown`: unknown
    /// and read-only keys, and every value outside `skip` (the keys the caller lowers itself), to the bottom.
    pub(crate) fn read_schema(&mut self, node: &Node, path: &str, schema: &'static Schema, unknown: SchemaUnknown, what: &str, skip: &[&str]) {
        for issue in crate::schema::check_mapping(node, path, schema, unknown, skip) {
            let d = self.issue_diagnostic(issue, path, what);
            self.report(d);
        }
    }

    /// Reads one value with the SDK's type `ty` (a carried-through key).
    pub(crate) fn read_value(&mut self, node: &Node, path: &str, ty: &'static crate::schema::Ty) {
        for issue in crate::schema::check_value(node, path, ty) {
            let d = self.issue_diagnostic(issue, path, "");
            self.report(d);
        }
    }

    fn issue_diagnostic(&mut self, issue: Issue, top: &str, what: &str) -> Diagnostic {
        let Issue { path, range, key_range, kind } = issue;
        let parent = parent_path(&path).unwrap_or("");
        let level = if parent == top && !what.is_empty() {
            what.to_owned()
        } else if parent.is_empty() {
            "the document".to_owned()
        } else {
            format!("`{parent}`")
        };
        match kind {
            IssueKind::Unknown { key, known, rejected } => unknown_key(&path, &key, &level, rejected, &known, key_range.or(Some(range))),
            IssueKind::ReadOnly { key } => read_only_key(&path, &key, key_range.or(Some(range))),
            IssueKind::Missing { key } => codes::MISSING_REQUIRED_KEY
                .at(&path, format!("`{key}` is required in {level}; azure-ai-ml rejects the document without it"))
                .with_range(Some(first_char(range))),
            IssueKind::Null => codes::WRONG_VALUE_TYPE
                .at(&path, format!("`{}` is empty (null); azure-ai-ml rejects it (\"Field may not be null.\")", last_segment(&path)))
                .with_range(Some(range))
                .with_help("give it a value, or remove the key"),
            IssueKind::NotAString { py_type, text } => not_a_string(&Scalar { text, style: crate::syntax::Style::Plain, py_type }, range, &path),
            IssueKind::WrongType { expected, found } => {
                codes::WRONG_VALUE_TYPE.at(&path, format!("`{}` must be {expected}, not {found}", last_segment(&path))).with_range(Some(range))
            }
            IssueKind::NotAllowed { text, values } => not_allowed(codes::VALUE_NOT_ALLOWED, &path, &text, values, range),
            IssueKind::Rejected { message, help } => codes::VALUE_REJECTED.at(&path, message).with_range(Some(range)).with_help(help),
        }
    }

    pub(crate) fn wrong_type(&mut self, node: &Node, path: &str, expected: &str) {
        self.report(
            codes::WRONG_VALUE_TYPE
                .at(path, format!("`{}` must be {expected}, not {}", last_segment(path), node.describe()))
                .with_range(Some(node.range)),
        );
    }

    pub(crate) fn missing(&mut self, parent_path: &str, key: &str, why: &str) {
        let path = join_path(parent_path, key);
        let range = self.map.range(parent_path);
        self.report(codes::MISSING_REQUIRED_KEY.at(&path, format!("`{key}` is required{why}")).with_range(range.map(first_char)));
    }

    /// A string field. Plain scalars that PyYAML reads as another type are reported (the SDK rejects
    /// them or silently changes them); the text is kept as written, so export quotes it.
    pub(crate) fn string(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.kind {
            NodeKind::Scalar(s) => {
                if s.py_type != PyType::Str {
                    self.not_a_string(s, node.range, path);
                    if s.py_type == PyType::Null {
                        return None;
                    }
                }
                Some(s.text.clone())
            }
            _ => {
                self.wrong_type(node, path, "a string");
                None
            }
        }
    }

    /// An empty string is read as azure-ai-ml reads it (a string); the model rules of each field say that
    /// the service rejects it, so nothing here claims the SDK does.
    pub(crate) fn required_string(&mut self, node: &Node, path: &str) -> String {
        self.string(node, path).unwrap_or_default()
    }

    fn not_a_string(&mut self, s: &Scalar, range: TextRange, path: &str) {
        if s.py_type != PyType::Str {
            self.report(not_a_string(s, range, path));
        }
    }

    /// A boolean field, as marshmallow's `Boolean` reads it: YAML booleans, and the strings and
    /// numbers it knows (`'true'`, `1`).
    pub(crate) fn boolean(&mut self, node: &Node, path: &str) -> Option<bool> {
        let NodeKind::Scalar(s) = &node.kind else {
            self.wrong_type(node, path, "true or false");
            return None;
        };
        let parsed = crate::schema::marshmallow_bool(s);
        if parsed.is_none() {
            self.wrong_type(node, path, "true or false");
        }
        parsed
    }

    pub(crate) fn integer(&mut self, node: &Node, path: &str) -> Option<i64> {
        // marshmallow's Integer: `int(value)` of what PyYAML built (`0x10`, `1_000`, and strings such as '1_000').
        let parsed = match &node.kind {
            // Beyond i64 Python still has an int: keep the largest the model holds (model rules judge it).
            NodeKind::Scalar(s) if s.py_type == PyType::Int => {
                parse_python_int(&s.text).or_else(|| Some(if s.text.trim_start().starts_with('-') { i64::MIN } else { i64::MAX }))
            }
            NodeKind::Scalar(s) if s.py_type == PyType::Str => crate::schema::python_int_of_str(&s.text),
            // A float is truncated toward zero (2.0 and 2.7 read as 2); infinities and NaN are refused.
            NodeKind::Scalar(s) if s.py_type == PyType::Float => crate::schema::python_float(&s.text).and_then(|v| v.truncated()),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(node, path, "a whole number");
        }
        parsed
    }

    /// A list of strings (`fqdns`, `address_prefixes`).
    pub(crate) fn string_list(&mut self, node: &Node, path: &str) -> Option<Vec<String>> {
        let NodeKind::Seq(items) = &node.kind else {
            self.wrong_type(node, path, "a list of strings");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            self.map.record(item_path.clone(), None, item.range);
            if let Some(s) = self.string(item, &item_path) {
                out.push(s);
            }
        }
        Some(out)
    }

    /// A map of string to string (`tags`).
    pub(crate) fn string_map(&mut self, node: &Node, path: &str) -> Vec<(String, String)> {
        let Some(fields) = self.fields(node, path) else {
            return Vec::new();
        };
        // Keys must be strings too: `on: x` is the key True under PyYAML.
        if let NodeKind::Map(raw) = &node.kind {
            for (key, _) in raw {
                if let NodeKind::Scalar(k) = &key.kind {
                    if k.py_type != PyType::Str {
                        self.not_a_string(k, key.range, &join_path(path, &k.text));
                    }
                }
            }
        }
        let mut out = Vec::new();
        for key in fields.keys().collect::<Vec<_>>() {
            if let Some(value) = fields.get(key) {
                if let Some(s) = self.string(value, &fields.path(key)) {
                    out.push((key.to_owned(), s));
                }
            }
        }
        out
    }

    /// An enum field of an SDK schema: the SDK's casing rule decides what is allowed (`Disabled` and
    /// `DISABLED` may pass where ` disabled` does not), `parse` reads the accepted value.
    pub(crate) fn sdk_enumeration<T>(
        &mut self,
        node: &Node,
        path: &str,
        schema: &'static Schema,
        allowed: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let text = self.enum_text(node, path, allowed)?;
        let parsed = if sdk_enum_accepts(schema, path, text) { parse(text) } else { None };
        if parsed.is_none() {
            self.enum_not_allowed(node, path, text, allowed, codes::VALUE_NOT_ALLOWED);
        }
        parsed
    }

    /// A closed set of values, parsed by `parse`; reports anything else with the allowed spellings, under
    /// `not_allowed` (`value-not-allowed`, or a field's own code such as `rule-type-invalid`).
    /// The reporting is not generic (one copy in the binary, whatever `T` is).
    pub(crate) fn enumeration<T>(
        &mut self,
        node: &Node,
        path: &str,
        allowed: &[&str],
        parse: impl Fn(&str) -> Option<T>,
        not_allowed: &'static RuleInfo,
    ) -> Option<T> {
        let text = self.enum_text(node, path, allowed)?;
        let parsed = parse(text);
        if parsed.is_none() {
            self.enum_not_allowed(node, path, text, allowed, not_allowed);
        }
        parsed
    }

    /// The text of an enum value that PyYAML reads as a string; anything else is reported.
    fn enum_text<'n>(&mut self, node: &'n Node, path: &str, allowed: &[&str]) -> Option<&'n str> {
        let NodeKind::Scalar(s) = &node.kind else {
            self.wrong_type(node, path, &format!("one of {}", allowed.join(", ")));
            return None;
        };
        if s.py_type == PyType::Str {
            return Some(&s.text);
        }
        let mut fix_value = None;
        if s.py_type == PyType::Bool {
            // `off`/`no`/`false` mean disabled, `on`/`yes`/`true` enabled, in the fields that take those values.
            let wanted = if crate::syntax::pyyaml::bool_value(&s.text) == Some(true) { "enabled" } else { "disabled" };
            if allowed.contains(&wanted) {
                fix_value = Some(wanted);
            }
        }
        let d = codes::UNQUOTED_VALUE_NOT_A_STRING
            .at(path, format!("`{}` is unquoted, so PyYAML reads it as {}, which is not one of {}", s.text, py_reading(s), allowed.join(", ")))
            .with_range(Some(node.range));
        let d = match fix_value {
            Some(v) => d.with_help(format!("write `{v}`")).with_fix(format!("Write `{v}`"), Some(v.to_owned())),
            None => d.with_help(format!("write one of {}", allowed.join(", "))),
        };
        self.report(d);
        None
    }

    fn enum_not_allowed(&mut self, node: &Node, path: &str, text: &str, allowed: &[&str], rule: &'static RuleInfo) {
        self.report(not_allowed(rule, path, text, allowed, node.range));
    }
}

/// The keys of `modelled` that `schema` has: the ones the caller lowers itself. The others are left to the
/// schema reader, which reports them as the SDK would.
pub(crate) fn modelled_in(schema: &Schema, modelled: &[&'static str]) -> Vec<&'static str> {
    modelled.iter().copied().filter(|k| schema.field(k).is_some()).collect()
}

/// An unknown key of `what` (`a workspace`, `` `data_collector` ``): rejected under RAISE, dropped otherwise.
fn unknown_key(key_path: &str, key: &str, what: &str, rejected: bool, known: &[&str], range: Option<TextRange>) -> Diagnostic {
    let consequence =
        if rejected { "azure-ai-ml rejects the document (\"Unknown field\")" } else { "azure-ai-ml drops it without a word, so it has no effect" };
    let mut d = codes::UNKNOWN_KEY
        .at(key_path, format!("`{key}` is not a key of {what}; {consequence}"))
        .with_range(range)
        .with_fix(format!("Remove `{key}`"), None);
    if !rejected {
        d.severity = Severity::Warning;
    }
    match closest(key, known) {
        Some(suggestion) => d.with_help(format!("did you mean `{suggestion}`?")),
        None => d.with_help(format!("the keys of {what} are: {}", known.join(", "))),
    }
}

/// A read-only key of `show` output: accepted, never exported.
fn read_only_key(key_path: &str, key: &str, range: Option<TextRange>) -> Diagnostic {
    codes::READ_ONLY_KEY
        .at(key_path, format!("`{key}` is set by Azure and read-only; it is ignored here and not exported"))
        .with_range(range)
        .with_help("remove it; it comes from `az ml ... show` output, not from configuration")
        .with_fix(format!("Remove `{key}`"), None)
}

/// A plain scalar PyYAML reads as another type where a string belongs.
fn not_a_string(s: &Scalar, range: TextRange, path: &str) -> Diagnostic {
    let reading = py_reading(s);
    let quoted = crate::emit::yaml::quote_always(&s.text);
    codes::UNQUOTED_VALUE_NOT_A_STRING
        .at(path, format!("`{}` is unquoted, so PyYAML (used by azure-ai-ml) reads it as {reading}, not as a string", s.text))
        .with_range(Some(range))
        .with_help(format!("quote it: {quoted}"))
        .with_fix("Quote the value", Some(quoted))
}

/// `text` is not one of `allowed`, under `rule`, with the nearest spelling as a fix.
fn not_allowed(rule: &'static RuleInfo, path: &str, text: &str, allowed: &[&str], range: TextRange) -> Diagnostic {
    let d = rule
        .at(path, format!("`{text}` is not an allowed value of `{}`", last_segment(path)))
        .with_range(Some(range))
        .with_help(format!("use one of: {}", allowed.join(", ")));
    match closest(&text.to_ascii_lowercase(), allowed) {
        Some(v) => d.with_fix(format!("Write `{v}`"), Some(v.to_owned())),
        None => d,
    }
}

/// The first character of `range`: where a missing key's diagnostic points (the enclosing mapping's start).
pub(crate) fn first_char(range: TextRange) -> TextRange {
    TextRange { end_line: range.line, end_column: range.column + 1, end_byte: range.start_byte + 1, ..range }
}

/// Whether the SDK's enum at `path` (its last segment, a field of `schema`) takes `text`.
fn sdk_enum_accepts(schema: &Schema, path: &str, text: &str) -> bool {
    match schema.field(last_segment(path)).map(|f| f.ty) {
        Some(crate::schema::Ty::Enum { values, casing }) => values.contains(&casing.apply(text).as_str()),
        _ => true,
    }
}

/// How PyYAML reads a plain scalar, for messages ("the boolean false", "an int").
fn py_reading(s: &Scalar) -> String {
    match s.py_type {
        PyType::Bool => format!("the boolean {}", crate::syntax::pyyaml::bool_value(&s.text).unwrap_or(false)),
        PyType::Int => "an int".to_owned(),
        PyType::Float => "a float".to_owned(),
        PyType::Null => "null (no value)".to_owned(),
        PyType::Timestamp => "a date".to_owned(),
        PyType::Merge | PyType::Value => "a YAML special key that safe_load cannot construct".to_owned(),
        PyType::Str => "a string".to_owned(),
    }
}

/// Converts a node to a carried-through value, as PyYAML would construct it.
pub(crate) fn to_value(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Scalar(s) => match s.py_type {
            PyType::Str | PyType::Timestamp | PyType::Merge | PyType::Value => Value::Str(s.text.clone()),
            PyType::Null => Value::Null,
            PyType::Bool => Value::Bool(crate::syntax::pyyaml::bool_value(&s.text).unwrap_or(false)),
            PyType::Int => match parse_python_int(&s.text) {
                Some(i) => Value::Int(i),
                None => Value::Str(s.text.clone()),
            },
            PyType::Float => Value::Float(s.text.clone()),
        },
        NodeKind::Seq(items) => Value::Seq(items.iter().map(to_value).collect()),
        NodeKind::Map(entries) => {
            // Duplicate keys: the last one wins, as in PyYAML (the lowering reports them).
            let mut out: Vec<(String, Value)> = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                if let Some(k) = k.as_scalar() {
                    out.retain(|(existing, _)| *existing != k.text);
                    out.push((k.text.clone(), to_value(v)));
                }
            }
            Value::Map(out)
        }
    }
}

/// Parses a YAML 1.1 int the way PyYAML constructs it (underscores, 0b, 0x, leading-zero octal, base 60).
pub(crate) fn parse_python_int(text: &str) -> Option<i64> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned).to_owned()),
    };
    let magnitude = if let Some(bin) = digits.strip_prefix("0b") {
        i64::from_str_radix(bin, 2).ok()?
    } else if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()?
    } else if digits.contains(':') {
        digits.split(':').try_fold(0i64, |acc, part| acc.checked_mul(60)?.checked_add(part.parse::<i64>().ok()?))?
    } else if digits.len() > 1 && digits.starts_with('0') {
        i64::from_str_radix(&digits[1..], 8).ok()?
    } else {
        digits.parse::<i64>().ok()?
    };
    Some(if negative { -magnitude } else { magnitude })
}

fn last_segment(path: &str) -> &str {
    let tail = path.rsplit('.').next().unwrap_or(path);
    tail.split('[').next().unwrap_or(tail)
}

/// The allowed spelling nearest to `word` (edit distance at most 3), for "did you mean" hints.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates.iter().map(|c| (edit_distance(word, c), *c)).filter(|(d, c)| *d <= 3.min(c.len() / 2 + 1)).min_by_key(|(d, _)| *d).map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The scalar entries of a mapping as text, for an untyped `tags` dict (other values are skipped).
pub(crate) fn scalar_map(node: &Node) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, v) in node.as_map().unwrap_or(&[]) {
        if let (Some(k), Some(v)) = (k.as_scalar(), v.as_scalar()) {
            out.retain(|(existing, _)| *existing != k.text);
            out.push((k.text.clone(), v.text.clone()));
        }
    }
    out
}

/// Reports every mapping key that is itself a mapping or a list: PyYAML's constructor fails on them
/// ("found unhashable key"), so azure-ai-ml cannot read the file at all.
pub(crate) fn unhashable_keys(node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.kind {
        // `=` (YAML 1.1's value key) and `<<` as a value: SafeLoader has no constructor for them.
        NodeKind::Scalar(s) if matches!(s.py_type, PyType::Value | PyType::Merge) => out.push(
            codes::YAML_UNSUPPORTED_TAG
                .at(
                    "",
                    format!(
                        "`{}` is read by PyYAML as a YAML 1.1 special key, which yaml.safe_load cannot construct; azure-ai-ml cannot load the file",
                        s.text
                    ),
                )
                .with_range(Some(node.range))
                .with_help(format!("quote it: '{}'", s.text))
                .with_fix("Quote the value", Some(format!("'{}'", s.text))),
        ),
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => items.iter().for_each(|i| unhashable_keys(i, out)),
        NodeKind::Map(entries) => {
            for (k, v) in entries {
                if !matches!(k.kind, NodeKind::Scalar(_)) {
                    out.push(
                        codes::YAML_UNHASHABLE_KEY
                            .at("", format!("this key is {}; PyYAML (used by azure-ai-ml) cannot load a file with such a key (\"found unhashable key\")", k.describe()))
                            .with_range(Some(k.range))
                            .with_help("an unquoted `{{PLACEHOLDER}}` is a YAML mapping: quote it (\"{{PLACEHOLDER}}\") or substitute it before the file is read"),
                    );
                } else {
                    unhashable_keys(k, out);
                }
                unhashable_keys(v, out);
            }
        }
    }
}

/// Guesses the document kind from `$schema`, then from characteristic keys.
pub(crate) fn detect_kind(root: &Node) -> Option<DocumentKind> {
    let entries = root.as_map()?;
    let key = |name: &str| entries.iter().find(|(k, _)| k.as_scalar().is_some_and(|s| s.text == name)).map(|(_, v)| v);
    if let Some(schema) = key("$schema").and_then(|v| v.as_scalar()) {
        let s = schema.text.to_ascii_lowercase();
        if s.contains("workspace.schema") {
            return Some(DocumentKind::Workspace);
        }
        if s.contains("onlineendpoint.schema") {
            return Some(DocumentKind::OnlineEndpoint);
        }
        if s.contains("onlinedeployment.schema") {
            return Some(DocumentKind::OnlineDeployment);
        }
    }
    let has = |name: &str| key(name).is_some();
    if has("endpoint_name") || has("instance_type") || has("model") || has("egress_public_network_access") {
        Some(DocumentKind::OnlineDeployment)
    } else if has("managed_network")
        || has("image_build_compute")
        || has("provision_network_now")
        || has("hbi_workspace")
        || has("display_name")
        || has("location")
    {
        Some(DocumentKind::Workspace)
    } else if has("auth_mode") || has("traffic") {
        Some(DocumentKind::OnlineEndpoint)
    } else if has("public_network_access") || has("name") {
        // A bare name and public access: the workspace is the common case.
        Some(DocumentKind::Workspace)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_ints() {
        assert_eq!(parse_python_int("0123"), Some(83));
        assert_eq!(parse_python_int("1:30"), Some(90));
        assert_eq!(parse_python_int("1_000"), Some(1000));
        assert_eq!(parse_python_int("0x1F"), Some(31));
        assert_eq!(parse_python_int("-0b101"), Some(-5));
    }

    #[test]
    fn parent_paths() {
        assert_eq!(parent_path("a.b[2].c"), Some("a.b[2]"));
        assert_eq!(parent_path("a.b[2]"), Some("a.b"));
        assert_eq!(parent_path("a"), Some(""));
        assert_eq!(parent_path(""), None);
    }
}
