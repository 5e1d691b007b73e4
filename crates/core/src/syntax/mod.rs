//! The YAML syntax layer: a node tree with a source range on every node, built from saphyr-parser events.
//!
//! It knows nothing about Azure ML. It keeps what the typed lowering needs and serde hides: the scalar
//! style (plain or quoted), the PyYAML type a plain scalar will get, tags, and positions. Hostile input
//! is bounded here: input size, nesting depth and alias expansion all have limits that turn into
//! diagnostics, never panics or unbounded work.

pub mod pyyaml;

use crate::diagnostic::{Diagnostic, TextRange};
use pyyaml::PyType;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// Largest input accepted, in bytes. Real configurations are a few kilobytes; 1000 rules are about 250 KB.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// Deepest nesting accepted. The deepest real document (a deployment) nests about 6 levels.
pub const MAX_DEPTH: usize = 400;
/// Most nodes a document may have once aliases are expanded (PyYAML expands them too).
pub const MAX_EXPANDED_NODES: usize = 500_000;

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A scalar: its text and what PyYAML's SafeLoader turns it into.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub style: Style,
    /// The type under `yaml.safe_load`: from the resolver for plain scalars, `Str` for quoted ones,
    /// or from an explicit core tag (`!!str 443`).
    pub py_type: PyType,
}

impl Scalar {
    pub fn is_plain(&self) -> bool {
        self.style == Style::Plain
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Vec<Node>),
    /// Entries in document order. Duplicate keys are kept here and reported by the lowering.
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub range: TextRange,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// A short name of the node's type for messages ("a mapping", "a list", "the string 'x'", "the int 443").
    pub fn describe(&self) -> String {
        match &self.kind {
            NodeKind::Map(_) => "a mapping".to_owned(),
            NodeKind::Seq(_) => "a list".to_owned(),
            NodeKind::Scalar(s) => match s.py_type {
                PyType::Str => "a string".to_owned(),
                PyType::Null => "null".to_owned(),
                other => format!("{} `{}`", article(other.python_name()), s.text),
            },
        }
    }

    /// Counts the nodes of this subtree.
    fn size(&self) -> usize {
        match &self.kind {
            NodeKind::Scalar(_) => 1,
            NodeKind::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            NodeKind::Map(entries) => 1 + entries.iter().map(|(k, v)| k.size() + v.size()).sum::<usize>(),
        }
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "int" => "an int".to_owned(),
        "NoneType" => "null".to_owned(),
        other => format!("a {other}"),
    }
}

/// Maps saphyr's character indices to byte offsets.
pub struct LineIndex {
    /// `None` when the text is ASCII (character index = byte offset).
    char_to_byte: Option<Vec<usize>>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let char_to_byte = if text.is_ascii() {
            None
        } else {
            let mut table: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            table.push(text.len());
            Some(table)
        };
        LineIndex { char_to_byte, len: text.len() }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.char_to_byte {
            None => char_index.min(self.len),
            Some(table) => table.get(char_index).copied().unwrap_or(self.len),
        }
    }

    pub fn range(&self, span: Span) -> TextRange {
        TextRange {
            line: span.start.line().max(1),
            column: span.start.col() + 1,
            end_line: span.end.line().max(1),
            end_column: span.end.col() + 1,
            start_byte: self.byte(span.start.index()),
            end_byte: self.byte(span.end.index()),
        }
    }
}

/// The documents of one YAML stream, plus any syntax diagnostics.
#[derive(Debug, Default)]
pub struct Stream {
    pub documents: Vec<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A partially built collection on the builder stack.
enum Frame {
    Seq { items: Vec<Node>, start: TextRange, anchor: usize },
    Map { entries: Vec<(Node, Node)>, pending_key: Option<Node>, start: TextRange, anchor: usize },
}

/// Parses a YAML stream into node trees. Never panics; bad input becomes diagnostics
/// (codes `yaml-syntax-error`, `input-too-large`, `nesting-too-deep`, `alias-expansion-too-large`, `yaml-unsupported-tag`).
pub fn parse(text: &str) -> Stream {
    let mut stream = Stream::default();
    if text.len() > MAX_INPUT_BYTES {
        stream.diagnostics.push(
            crate::rules::codes::INPUT_TOO_LARGE
                .at("", format!("the input is {} bytes; amlnet reads at most {} bytes", text.len(), MAX_INPUT_BYTES))
                .with_help("a network configuration is a few kilobytes; check that this is the right file"),
        );
        return stream;
    }
    let index = LineIndex::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    // The node of each anchor, by its id (saphyr numbers anchors 1, 2, 3, ... across the stream).
    let mut anchors: Vec<Option<Node>> = Vec::new();
    let mut expanded_nodes: usize = 0;

    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(pair)) => pair,
            Some(Err(error)) => {
                let marker = *error.marker();
                let range = index.range(Span::new(marker, marker));
                stream.diagnostics.push(
                    crate::rules::codes::YAML_SYNTAX_ERROR
                        .at("", format!("invalid YAML: {}", error.info()))
                        .with_range(Some(TextRange { end_column: range.column + 1, ..range }))
                        .with_help("fix the YAML syntax here; nothing after this point was read"),
                );
                break;
            }
        };
        let range = index.range(span);
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
            // Each finished root node is a document; the caller counts them.
            Event::DocumentStart(_) => continue,
            Event::SequenceStart(anchor, tag) => {
                if let Some(d) = tag_diagnostic(tag.as_deref(), "seq", range) {
                    stream.diagnostics.push(d);
                }
                if stack.len() >= MAX_DEPTH {
                    stream.diagnostics.push(too_deep(range));
                    break;
                }
                stack.push(Frame::Seq { items: Vec::new(), start: range, anchor });
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                if let Some(d) = tag_diagnostic(tag.as_deref(), "map", range) {
                    stream.diagnostics.push(d);
                }
                if stack.len() >= MAX_DEPTH {
                    stream.diagnostics.push(too_deep(range));
                    break;
                }
                stack.push(Frame::Map { entries: Vec::new(), pending_key: None, start: range, anchor });
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq { items, start, anchor }) => {
                    let node = Node { kind: NodeKind::Seq(items), range: join(start, range) };
                    remember(&mut anchors, anchor, &node);
                    node
                }
                _ => break,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map { entries, start, anchor, .. }) => {
                    let node = Node { kind: NodeKind::Map(resolve_merges(entries)), range: join(start, range) };
                    remember(&mut anchors, anchor, &node);
                    node
                }
                _ => break,
            },
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                let mut py_type = if style == Style::Plain { pyyaml::resolve_plain(&value) } else { PyType::Str };
                if let Some(tag) = tag.as_deref() {
                    match core_tag_type(tag) {
                        Some(t) => py_type = t,
                        None => {
                            if let Some(d) = tag_diagnostic(Some(tag), "str", range) {
                                stream.diagnostics.push(d);
                            }
                        }
                    }
                }
                let node = Node { kind: NodeKind::Scalar(Scalar { text: value.into_owned(), style, py_type }), range };
                remember(&mut anchors, anchor, &node);
                node
            }
            Event::Alias(id) => match anchors.get(id).and_then(Option::as_ref) {
                Some(target) => {
                    expanded_nodes = expanded_nodes.saturating_add(target.size());
                    if expanded_nodes > MAX_EXPANDED_NODES {
                        stream.diagnostics.push(
                            crate::rules::codes::ALIAS_EXPANSION_TOO_LARGE
                                .at("", format!("aliases expand this document to more than {MAX_EXPANDED_NODES} nodes"))
                                .with_range(Some(range))
                                .with_help("write the values out instead of nesting aliases of aliases"),
                        );
                        break;
                    }
                    Node { range, ..target.clone() }
                }
                None => break,
            },
        };
        // Attach the finished node to its parent, or finish the document.
        match stack.last_mut() {
            None => stream.documents.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, pending_key, .. }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }
    stream
}

fn remember(anchors: &mut Vec<Option<Node>>, anchor: usize, node: &Node) {
    if anchor != 0 {
        if anchors.len() <= anchor {
            anchors.resize_with(anchor + 1, || None);
        }
        if let Some(slot) = anchors.get_mut(anchor) {
            *slot = Some(node.clone());
        }
    }
}

fn join(start: TextRange, end: TextRange) -> TextRange {
    TextRange { end_line: end.end_line, end_column: end.end_column, end_byte: end.end_byte, ..start }
}

fn too_deep(range: TextRange) -> Diagnostic {
    crate::rules::codes::NESTING_TOO_DEEP
        .at("", format!("the document nests deeper than {MAX_DEPTH} levels"))
        .with_range(Some(range))
        .with_help("a network configuration nests a few levels; check that this is the right file")
}

/// The name of a core tag (`str` for `!!str` and for the verbatim `!<tag:yaml.org,2002:str>`), or `None`.
fn core_suffix(tag: &saphyr_parser::Tag) -> Option<&str> {
    if tag.is_yaml_core_schema() || tag.handle == "!!" {
        return Some(tag.suffix.strip_prefix("tag:yaml.org,2002:").unwrap_or(&tag.suffix));
    }
    let verbatim = format!("{}{}", tag.handle, tag.suffix);
    let name_start = verbatim.find("tag:yaml.org,2002:")? + "tag:yaml.org,2002:".len();
    (verbatim.starts_with("tag:yaml.org,2002:") || verbatim.starts_with("!tag:yaml.org,2002:") || tag.handle.is_empty())
        .then(|| &tag.suffix[tag.suffix.len() - (verbatim.len() - name_start)..])
}

/// The PyYAML type an explicit core tag forces on a scalar (`!!str 443` is a string).
fn core_tag_type(tag: &saphyr_parser::Tag) -> Option<PyType> {
    Some(match core_suffix(tag)? {
        "str" => PyType::Str,
        "int" => PyType::Int,
        "float" => PyType::Float,
        "bool" => PyType::Bool,
        "null" => PyType::Null,
        "timestamp" => PyType::Timestamp,
        // SafeLoader constructs bytes, which marshmallow's String reads as text.
        "binary" => PyType::Str,
        _ => return None,
    })
}

/// Tags other than the core ones make `yaml.safe_load` fail with a ConstructorError.
fn tag_diagnostic(tag: Option<&saphyr_parser::Tag>, allowed_core: &str, range: TextRange) -> Option<Diagnostic> {
    let tag = tag?;
    if core_suffix(tag).is_some_and(|name| name == allowed_core) || core_tag_type(tag).is_some() {
        return None;
    }
    Some(
        crate::rules::codes::YAML_UNSUPPORTED_TAG
            .at("", format!("the tag `{tag}` cannot be read by yaml.safe_load"))
            .with_range(Some(range))
            .with_help("remove the tag; azure-ai-ml reads YAML with PyYAML's safe loader, which knows only the standard tags"),
    )
}

/// Applies YAML 1.1 merge keys (`<<: *base`) the way PyYAML's SafeLoader does: merged entries come first,
/// explicit keys win.
fn resolve_merges(entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    let is_merge = |k: &Node| matches!(&k.kind, NodeKind::Scalar(s) if s.py_type == PyType::Merge);
    if !entries.iter().any(|(k, _)| is_merge(k)) {
        return entries;
    }
    let mut merged: Vec<(Node, Node)> = Vec::new();
    let mut own: Vec<(Node, Node)> = Vec::new();
    for (key, value) in entries {
        if is_merge(&key) {
            let sources: Vec<Node> = match value.kind {
                NodeKind::Map(_) => vec![value],
                NodeKind::Seq(items) => items,
                NodeKind::Scalar(_) => {
                    own.push((key, value));
                    continue;
                }
            };
            for source in sources {
                if let NodeKind::Map(src_entries) = source.kind {
                    for (k, v) in src_entries {
                        merged.push((k, v));
                    }
                }
            }
        } else {
            own.push((key, value));
        }
    }
    let key_text = |n: &Node| n.as_scalar().map(|s| s.text.clone());
    merged.retain(|(k, _)| !own.iter().any(|(o, _)| key_text(o) == key_text(k)));
    merged.extend(own);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_styles_and_positions() {
        let stream = parse("a: 443\nb: '443'\n");
        assert!(stream.diagnostics.is_empty());
        let map = stream.documents[0].as_map().expect("map");
        let a = map[0].1.as_scalar().expect("scalar");
        assert_eq!(a.py_type, PyType::Int);
        assert_eq!((map[0].1.range.line, map[0].1.range.column), (1, 4));
        let b = map[1].1.as_scalar().expect("scalar");
        assert_eq!(b.py_type, PyType::Str);
        assert_eq!(b.text, "443");
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let stream = parse(&text);
        assert!(stream.diagnostics.iter().any(|d| d.code == "alias-expansion-too-large"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "[".repeat(10_000);
        let stream = parse(&text);
        // The scanner's own recursion limit may fire first; either way it is an error, not a crash.
        assert!(stream.diagnostics.iter().any(|d| d.code == "nesting-too-deep" || d.code == "yaml-syntax-error"));
        // Block mappings nest past the scanner's flow limit: the depth bound is what stops them.
        let block: String = (0..=MAX_DEPTH).map(|i| format!("{}k:\n", "  ".repeat(i))).collect();
        let stream = parse(&format!("{block}{}v\n", "  ".repeat(MAX_DEPTH + 1)));
        assert!(stream.diagnostics.iter().any(|d| d.code == "nesting-too-deep"));
    }
}
