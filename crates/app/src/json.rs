//! A small JSON codec for the share link, the undo history in local storage and the `id` of a current
//! state: a strict parser (RFC 8259, nesting bounded by [`MAX_DEPTH`]) into a [`Json`] value, a compact
//! writer, and readers for the field shapes those formats use.
//!
//! It replaces serde_json in the web app (about 14 KB gzip of the first-load wasm) and reads and writes
//! what serde_json's derived code did: [`Writer`] escapes like `serde_json::to_string` (so a link is
//! byte for byte the same), and [`Members`] reads an object like a derived `Deserialize` without
//! `deny_unknown_fields` (unknown keys skipped, a known key twice is an error). Numbers keep their
//! text: the formats hold only a `u32`, and a number elsewhere is only checked, never converted.
//!
//! Two inputs no writer of these formats produces read differently: a struct written as an array
//! (`[1, {...}, []]`, which a derived `Deserialize` also took) is an error, and so is a value under an
//! unknown key nested deeper than [`MAX_DEPTH`] (serde_json skipped those at any depth).

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number as written (valid JSON number syntax).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// The members in order, duplicate keys kept (the readers decide).
    Object(Vec<(String, Json)>),
    /// A value valid as JSON that no reader takes, kept as its text: a string with a lone surrogate
    /// escape (`"\ud800"`), or an object with such a key. serde_json skipped these where it ignored a
    /// value and rejected them where it read one; the readers here do the same.
    Unreadable(String),
}

/// How deeply arrays and objects may nest: serde_json's limit for what it reads (it skipped ignored
/// values at any depth; the parser bounds its recursion everywhere).
pub const MAX_DEPTH: usize = 127;

/// Parses a whole text (surrounding whitespace allowed); `None` if it is not exactly one JSON value or
/// nests deeper than [`MAX_DEPTH`].
pub fn parse(text: &str) -> Option<Json> {
    let mut parser = Parser { text, pos: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    (parser.pos == text.len()).then_some(value)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Consumes `byte` (after whitespace) if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        self.pos += usize::from(found);
        found
    }

    fn literal(&mut self, word: &str, value: Json) -> Option<Json> {
        self.text.as_bytes()[self.pos..].starts_with(word.as_bytes()).then(|| {
            self.pos += word.len();
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.skip_whitespace();
        match self.peek()? {
            b'n' => self.literal("null", Json::Null),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'"' => {
                let start = self.pos;
                Some(match self.string()? {
                    Some(s) => Json::String(s),
                    None => Json::Unreadable(self.text.get(start..self.pos)?.to_owned()),
                })
            }
            b'-' | b'0'..=b'9' => self.number(),
            open @ (b'[' | b'{') => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                let start = self.pos;
                self.pos += 1;
                let close = if open == b'[' { b']' } else { b'}' };
                let mut items = Vec::new();
                let mut members = Vec::new();
                let mut readable = true;
                if !self.eat(close) {
                    loop {
                        if open == b'[' {
                            items.push(self.value(depth + 1)?);
                        } else {
                            self.skip_whitespace();
                            if self.peek() != Some(b'"') {
                                return None;
                            }
                            let key = self.string()?;
                            readable &= key.is_some();
                            if !self.eat(b':') {
                                return None;
                            }
                            members.push((key.unwrap_or_default(), self.value(depth + 1)?));
                        }
                        if self.eat(close) {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(match open {
                    b'[' => Json::Array(items),
                    _ if readable => Json::Object(members),
                    _ => Json::Unreadable(self.text.get(start..self.pos)?.to_owned()),
                })
            }
            _ => None,
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
    fn number(&mut self) -> Option<Json> {
        let start = self.pos;
        self.pos += usize::from(self.peek() == Some(b'-'));
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if self.digits() == 0 {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(Json::Number(self.text.get(start..self.pos)?.to_owned()))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A string from its opening quote: every escape, `\u` surrogate pairs joined, an unescaped control
    /// character an error. `Some(None)` for a string with a lone surrogate escape, which is valid JSON
    /// but no `String`.
    fn string(&mut self) -> Option<Option<String>> {
        self.pos += 1;
        let mut out = String::new();
        let mut readable = true;
        loop {
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            // The run ends at an ASCII byte (or the end), so it is whole characters.
            out.push_str(self.text.get(start..self.pos)?);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(readable.then_some(out));
                }
                b'\\' => {
                    self.pos += 1;
                    let escape = self.peek()?;
                    self.pos += 1;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => match self.unicode_escape()? {
                            Some(c) => c,
                            None => {
                                readable = false;
                                continue;
                            }
                        },
                        _ => return None,
                    };
                    out.push(c);
                }
                _ => return None,
            }
        }
    }

    /// The character of `\uXXXX` (after the `u`), with the `\uXXXX` of a low surrogate after a high one;
    /// `Some(None)` for a lone surrogate (what follows it is read on its own, as serde_json skipped it).
    fn unicode_escape(&mut self) -> Option<Option<char>> {
        let first = self.hex4(self.pos)?;
        self.pos += 4;
        if (0xDC00..0xE000).contains(&first) {
            return Some(None);
        }
        if !(0xD800..0xDC00).contains(&first) {
            return Some(char::from_u32(first));
        }
        let low = self.text.as_bytes()[self.pos..].starts_with(b"\\u").then(|| self.hex4(self.pos + 2)).flatten();
        match low {
            Some(second @ 0xDC00..0xE000) => {
                self.pos += 6;
                Some(char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)))
            }
            _ => Some(None),
        }
    }

    /// The four hex digits at `at`.
    fn hex4(&self, at: usize) -> Option<u32> {
        let hex = self.text.get(at..at + 4)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(hex, 16).ok()
    }
}

impl Json {
    /// The compact text, escaped as serde_json escapes.
    pub fn write(&self, w: &mut Writer) {
        match self {
            Json::Null => w.raw("null"),
            Json::Bool(b) => w.raw(if *b { "true" } else { "false" }),
            Json::Number(n) | Json::Unreadable(n) => w.raw(n),
            Json::String(s) => w.string(s),
            Json::Array(items) => w.array(items, |w, item| item.write(w)),
            Json::Object(members) => w.object(|o| {
                for (key, value) in members {
                    value.write(o.member(key));
                }
            }),
        }
    }

    pub fn text(&self) -> String {
        let mut w = Writer::default();
        self.write(&mut w);
        w.finish()
    }

    pub fn str(text: &str) -> Json {
        Json::String(text.to_owned())
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A `u32` as serde read one: digits only (no sign, fraction or exponent), in range.
    pub fn as_u32(&self) -> Option<u32> {
        match self {
            Json::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok(),
            _ => None,
        }
    }
}

/// Writes JSON text as it goes (the share types write themselves without building a [`Json`]):
/// compact, escaped as serde_json escapes.
#[derive(Default)]
pub struct Writer(String);

impl Writer {
    pub fn finish(self) -> String {
        self.0
    }

    /// Text that is JSON already (a number, `true`).
    pub fn raw(&mut self, json: &str) {
        self.0.push_str(json);
    }

    pub fn string(&mut self, text: &str) {
        write_string(text, &mut self.0);
    }

    pub fn array<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Writer, &T)) {
        self.0.push('[');
        for (i, value) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            item(self, value);
        }
        self.0.push(']');
    }

    pub fn object(&mut self, members: impl FnOnce(&mut ObjectWriter)) {
        self.0.push('{');
        members(&mut ObjectWriter { writer: self, first: true });
        self.0.push('}');
    }

    /// A `(String, String)` as an array.
    pub fn string_pair(&mut self, (a, b): &(String, String)) {
        self.0.push('[');
        self.string(a);
        self.0.push(',');
        self.string(b);
        self.0.push(']');
    }
}

/// The members of an object being written, in order.
pub struct ObjectWriter<'a> {
    writer: &'a mut Writer,
    first: bool,
}

impl ObjectWriter<'_> {
    /// Writes the key; the value is written with the writer returned.
    pub fn member(&mut self, key: &str) -> &mut Writer {
        if !std::mem::take(&mut self.first) {
            self.writer.0.push(',');
        }
        self.writer.string(key);
        self.writer.0.push(':');
        self.writer
    }

    /// The member when there is a value (serde's `skip_serializing_if`).
    pub fn optional_string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.member(key).string(value);
        }
    }
}

/// `"` and `\` escaped, `\b \f \n \r \t` for those, `\u00xx` (lower-case hex) for other control
/// characters; everything else as it is.
fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0'..='\u{1f}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The members of an object, read as serde's derived `Deserialize` reads a struct: `known` keys at most
/// once each, other keys skipped.
pub struct Members<'a>(&'a [(String, Json)]);

impl<'a> Members<'a> {
    /// `None` unless `json` is an object in which no key of `known` appears twice.
    pub fn of(json: &'a Json, known: &[&str]) -> Option<Members<'a>> {
        let Json::Object(members) = json else { return None };
        let twice = known.iter().any(|k| members.iter().filter(|(key, _)| key == k).count() > 1);
        (!twice).then_some(Members(members))
    }

    pub fn get(&self, key: &str) -> Option<&'a Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A required string.
    pub fn string(&self, key: &str) -> Option<String> {
        self.get(key)?.as_str().map(str::to_owned)
    }

    /// A string that defaults to empty when missing (`null` is an error).
    pub fn string_or_empty(&self, key: &str) -> Option<String> {
        self.get(key).map_or(Some(String::new()), |v| v.as_str().map(str::to_owned))
    }

    /// An `Option<String>`: missing or `null` is `None`. The outer `None` is an error.
    pub fn optional_string(&self, key: &str) -> Option<Option<String>> {
        match self.get(key) {
            None | Some(Json::Null) => Some(None),
            Some(v) => v.as_str().map(|s| Some(s.to_owned())),
        }
    }

    /// A `bool` that defaults to `false` when missing.
    pub fn bool_or_false(&self, key: &str) -> Option<bool> {
        match self.get(key) {
            None => Some(false),
            Some(Json::Bool(b)) => Some(*b),
            Some(_) => None,
        }
    }

    /// A list read with `item`, empty when missing (`null` is an error).
    pub fn list_or_empty<T>(&self, key: &str, item: impl Fn(&Json) -> Option<T>) -> Option<Vec<T>> {
        self.get(key).map_or(Some(Vec::new()), |v| list(v, item))
    }
}

/// A JSON array read with `item`.
pub fn list<T>(json: &Json, item: impl Fn(&Json) -> Option<T>) -> Option<Vec<T>> {
    json.as_array()?.iter().map(item).collect()
}

/// A `(String, String)`: an array of exactly two strings.
pub fn string_pair(json: &Json) -> Option<(String, String)> {
    match json.as_array()? {
        [a, b] => Some((a.as_str()?.to_owned(), b.as_str()?.to_owned())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let text = " {\"a\" : [null, true, false, 0, -0, 12, -3.5e+10, 1E2, \"\"], \"b\": {}, \"c\": [], \"a\": \"x\"} ";
        let parsed = parse(text).expect("parses");
        let n = |s: &str| Json::Number(s.to_owned());
        assert_eq!(
            parsed,
            Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![
                        Json::Null,
                        Json::Bool(true),
                        Json::Bool(false),
                        n("0"),
                        n("-0"),
                        n("12"),
                        n("-3.5e+10"),
                        n("1E2"),
                        Json::str("")
                    ])
                ),
                ("b".into(), Json::Object(Vec::new())),
                ("c".into(), Json::Array(Vec::new())),
                ("a".into(), Json::str("x")),
            ])
        );
        assert_eq!(parsed.text(), r#"{"a":[null,true,false,0,-0,12,-3.5e+10,1E2,""],"b":{},"c":[],"a":"x"}"#);
        assert_eq!(Members::of(&parsed, &["b"]).map(|m| m.get("c").is_some()), Some(true));
        assert!(Members::of(&parsed, &["a"]).is_none(), "a known key twice");
    }

    #[test]
    fn strings_take_every_escape_and_are_written_as_serde_json_writes_them() {
        let parsed = parse(r#""\"\\\/\b\f\n\r\t\u0000\u001F\u00e9\u20AC\ud834\udd1e\uFFFF é𝄞""#).expect("parses");
        let expected = "\"\\/\u{8}\u{c}\n\r\t\u{0}\u{1f}é€\u{1d11e}\u{ffff} é𝄞";
        assert_eq!(parsed, Json::str(expected));
        assert_eq!(parsed.text(), "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001fé€\u{1d11e}\u{ffff} é𝄞\"");
        assert_eq!(parsed.text(), serde_json::to_string(expected).expect("writes"));
        // A lone surrogate is valid JSON but no string: kept as text, which no reader takes.
        for lone in [r#""\ud834""#, r#""\ud834\u0041""#, r#""\udd1e""#, r#""\ud834\ud834""#, r#""a\ud834\n""#, r#"{"\udd1e":1}"#] {
            assert_eq!(parse(lone), Some(Json::Unreadable(lone.to_owned())), "{lone}");
            assert!(serde_json::from_str::<serde::de::IgnoredAny>(lone).is_ok() && serde_json::from_str::<String>(lone).is_err());
        }
        assert_eq!(parse(r#"[{"a":"\udd1e"}]"#).map(|j| j.text()).as_deref(), Some(r#"[{"a":"\udd1e"}]"#));
        for bad in [r#""\ud834\u12""#, r#""\ud834\""#, r#""\u12""#, r#""\u12g4""#, r#""\x""#, "\"\u{1}\"", "\"\n\"", r#""abc"#, r#""\"#] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        // DEL and the line and paragraph separators are not escaped (serde_json does not).
        assert_eq!(Json::str("\u{7f}\u{2028}\u{2029}").text(), "\"\u{7f}\u{2028}\u{2029}\"");
    }

    #[test]
    fn rejects_what_is_not_json() {
        for bad in [
            "",
            " ",
            "nul",
            "nulll",
            "True",
            "01",
            "-",
            "-a",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "0x1",
            "NaN",
            "[1,]",
            "[,1]",
            "[1 2]",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{a:1}",
            "{'a':1}",
            "[",
            "]",
            "{",
            "}",
            "[1]]",
            "1 2",
            "\u{feff}1",
            "[1]\u{0}",
            "//",
            "[1] x",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(Json::Number("7".into()).as_u32(), Some(7));
        for n in ["-0", "-1", "1.0", "1e0", "4294967296", "99999999999999999999999"] {
            assert_eq!(Json::Number(n.into()).as_u32(), None, "{n}");
        }
        assert_eq!(Json::Number("4294967295".into()).as_u32(), Some(u32::MAX));
    }

    #[test]
    fn nesting_is_bounded_without_overflowing_the_stack() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&nested(MAX_DEPTH)).is_some());
        assert_eq!(parse(&nested(MAX_DEPTH + 1)), None);
        assert_eq!(parse(&"[{\"a\":".repeat(100_000)), None);
        // serde_json's limit is the same.
        assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_DEPTH)).is_ok());
        assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_DEPTH + 1)).is_err());
    }
}

/// The parser against serde_json on generated and mutated texts: it accepts what serde_json accepts,
/// never panics, and what it writes reads back.
#[cfg(test)]
pub(crate) mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Strings heavy in what JSON escapes.
    pub(crate) fn text() -> impl Strategy<Value = String> {
        let special =
            prop::sample::select(vec!['"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{8}', '\u{1f}', '\u{7f}', 'é', '𝄞', '\u{2028}', '\u{feff}']);
        prop::collection::vec(prop_oneof![any::<char>(), special, Just('a')], 0..10).prop_map(String::from_iter)
    }

    fn value() -> impl Strategy<Value = Json> {
        let number = prop::sample::select(vec!["0", "-0", "7", "-12", "4294967295", "1.5", "-2e-3", "1E+400", "123456789012345678901234567890"]);
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            number.prop_map(|n| Json::Number(n.to_owned())),
            text().prop_map(Json::String),
        ];
        leaf.prop_recursive(4, 32, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
                prop::collection::vec((text(), inner), 0..5).prop_map(Json::Object),
            ]
        })
    }

    /// Edits of a text: deletions, insertions of JSON punctuation, replacements, truncation.
    pub(crate) fn mutated(text: String) -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud834", "\\udd1e", "0", "-", ".", "e", "n", " ", "\u{1}", "é", "",
        ]);
        prop::collection::vec((any::<prop::sample::Index>(), 0..4u8, piece), 1..4).prop_map(move |edits| {
            let mut chars: Vec<char> = text.chars().collect();
            for (at, op, piece) in edits {
                let i = at.index(chars.len() + 1);
                match op {
                    0 => chars.truncate(i),
                    1 if i < chars.len() => drop(chars.remove(i)),
                    2 if i < chars.len() => drop(chars.splice(i..=i, piece.chars())),
                    _ => drop(chars.splice(i..i, piece.chars())),
                }
            }
            chars.into_iter().collect()
        })
    }

    /// What serde_json skipped as a value it ignored (an unknown key's) is the oracle: a typed read
    /// rejects more, but only where a reader here rejects it too (nesting is not generated this deep).
    fn serde_accepts(text: &str) -> bool {
        serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn what_is_written_reads_back(value in value()) {
            let text = value.text();
            prop_assert_eq!(parse(&text), Some(value));
            prop_assert!(serde_accepts(&text));
        }

        #[test]
        fn strings_are_written_as_serde_json_writes_them(s in text()) {
            prop_assert_eq!(Json::str(&s).text(), serde_json::to_string(&s).expect("writes"));
        }

        #[test]
        fn mutated_texts_are_accepted_exactly_when_serde_json_accepts_them(text in value().prop_map(|v| v.text()).prop_flat_map(mutated)) {
            prop_assert_eq!(parse(&text).is_some(), serde_accepts(&text), "{}", text);
        }

        #[test]
        fn any_text_is_read_without_a_panic(text in any::<String>()) {
            prop_assert_eq!(parse(&text).is_some(), serde_accepts(&text), "{}", text);
        }
    }
}
