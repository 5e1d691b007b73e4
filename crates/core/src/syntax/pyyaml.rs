//! PyYAML's (YAML 1.1) implicit resolver: what type a plain scalar becomes under `yaml.safe_load`.
//!
//! azure-ai-ml reads YAML with `yaml.safe_load`, so an unquoted `443` is an int, `off` is a bool and
//! `2024-01-01` is a date, whatever a YAML 1.2 parser thinks. This module reproduces the regular
//! expressions of PyYAML 6's `yaml/resolver.py`, in the same order, without a regex engine. The table
//! test in `tests/pyyaml_resolver.rs` checks it against real PyYAML.

/// The Python type a plain scalar resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PyType {
    Str,
    Bool,
    Int,
    Float,
    Null,
    Timestamp,
    /// `<<`: a merge key; as a value, SafeLoader fails to construct it.
    Merge,
    /// `=`: SafeLoader has no constructor for it and fails.
    Value,
}

impl PyType {
    /// The name Python gives the constructed value's type (`type(x).__name__`).
    pub fn python_name(self) -> &'static str {
        match self {
            PyType::Str => "str",
            PyType::Bool => "bool",
            PyType::Int => "int",
            PyType::Float => "float",
            PyType::Null => "NoneType",
            PyType::Timestamp => "date",
            PyType::Merge => "merge",
            PyType::Value => "value",
        }
    }
}

/// Resolves a plain (unquoted) scalar the way `yaml.SafeLoader` does.
pub fn resolve_plain(text: &str) -> PyType {
    let first = text.chars().next();
    match first {
        None => PyType::Null,
        Some(c) => {
            if "yYnNtTfFoO".contains(c) && is_bool(text) {
                return PyType::Bool;
            }
            if "-+0123456789.".contains(c) && is_float(text) {
                return PyType::Float;
            }
            if "-+0123456789".contains(c) && is_int(text) {
                return PyType::Int;
            }
            if c == '<' && text == "<<" {
                return PyType::Merge;
            }
            if "~nN".contains(c) && matches!(text, "~" | "null" | "Null" | "NULL") {
                return PyType::Null;
            }
            if c.is_ascii_digit() && is_timestamp(text) {
                return PyType::Timestamp;
            }
            if c == '=' && text == "=" {
                return PyType::Value;
            }
            PyType::Str
        }
    }
}

fn is_bool(s: &str) -> bool {
    matches!(
        s,
        "yes"
            | "Yes"
            | "YES"
            | "no"
            | "No"
            | "NO"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// The value of a YAML 1.1 boolean spelling, if it is one.
pub fn bool_value(s: &str) -> Option<bool> {
    match s {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Some(true),
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// A tiny cursor over ASCII bytes for the hand-written patterns below.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor { bytes: s.as_bytes(), pos: 0 }
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn eat_if(&mut self, f: impl Fn(u8) -> bool) -> bool {
        match self.peek() {
            Some(b) if f(b) => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }
    /// Consumes zero or more bytes matching `f`; returns how many.
    fn eat_while(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.pos;
        while self.eat_if(&f) {}
        self.pos - start
    }
    fn eat_sign(&mut self) {
        let _ = self.eat(b'-') || self.eat(b'+');
    }
    fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
    fn eat_str(&mut self, s: &str) -> bool {
        if self.bytes[self.pos..].starts_with(s.as_bytes()) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }
}

fn digit(b: u8) -> bool {
    b.is_ascii_digit()
}
fn digit_or_underscore(b: u8) -> bool {
    b.is_ascii_digit() || b == b'_'
}

/// `(?::[0-5]?[0-9])+`
fn sexagesimal_tail(c: &mut Cursor<'_>) -> bool {
    let mut count = 0;
    loop {
        let save = c.pos;
        if !c.eat(b':') {
            break;
        }
        // `[0-5]?[0-9]`: try two digits first, then one.
        let two = matches!((c.peek(), c.bytes.get(c.pos + 1)), (Some(b'0'..=b'5'), Some(d)) if d.is_ascii_digit());
        if two {
            c.pos += 2;
        } else if c.eat_if(digit) {
        } else {
            c.pos = save;
            break;
        }
        count += 1;
    }
    count > 0
}

/// `(?:[eE][-+][0-9]+)?`
fn optional_exponent(c: &mut Cursor<'_>) {
    let save = c.pos;
    if c.eat(b'e') || c.eat(b'E') {
        if (c.eat(b'-') || c.eat(b'+')) && c.eat_while(digit) > 0 {
            return;
        }
        c.pos = save;
    }
}

fn is_float(s: &str) -> bool {
    // [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    let alt1 = |s: &str| {
        let mut c = Cursor::new(s);
        c.eat_sign();
        if !c.eat_if(digit) {
            return false;
        }
        c.eat_while(digit_or_underscore);
        if !c.eat(b'.') {
            return false;
        }
        c.eat_while(digit_or_underscore);
        optional_exponent(&mut c);
        c.done()
    };
    // \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    let alt2 = |s: &str| {
        let mut c = Cursor::new(s);
        if !c.eat(b'.') || !c.eat_if(digit) {
            return false;
        }
        c.eat_while(digit_or_underscore);
        optional_exponent(&mut c);
        c.done()
    };
    // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    let alt3 = |s: &str| {
        let mut c = Cursor::new(s);
        c.eat_sign();
        if !c.eat_if(digit) {
            return false;
        }
        c.eat_while(digit_or_underscore);
        if !sexagesimal_tail(&mut c) || !c.eat(b'.') {
            return false;
        }
        c.eat_while(digit_or_underscore);
        c.done()
    };
    // [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    let special = |s: &str| {
        let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
        matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN")
    };
    alt1(s) || alt2(s) || alt3(s) || special(s)
}

fn is_int(s: &str) -> bool {
    let body = |prefix: &str, f: fn(u8) -> bool| {
        let mut c = Cursor::new(s);
        c.eat_sign();
        c.eat_str(prefix) && c.eat_while(f) > 0 && c.done()
    };
    // [-+]?0b[0-1_]+
    if body("0b", |b| matches!(b, b'0' | b'1' | b'_')) {
        return true;
    }
    // [-+]?0x[0-9a-fA-F_]+
    if body("0x", |b| b.is_ascii_hexdigit() || b == b'_') {
        return true;
    }
    // [-+]?0[0-7_]+
    if body("0", |b| matches!(b, b'0'..=b'7' | b'_')) {
        return true;
    }
    // [-+]?(?:0|[1-9][0-9_]*)
    let decimal = {
        let mut c = Cursor::new(s);
        c.eat_sign();
        if c.eat(b'0') {
            c.done()
        } else if c.eat_if(|b| matches!(b, b'1'..=b'9')) {
            c.eat_while(digit_or_underscore);
            c.done()
        } else {
            false
        }
    };
    if decimal {
        return true;
    }
    // [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    let mut c = Cursor::new(s);
    c.eat_sign();
    if !c.eat_if(|b| matches!(b, b'1'..=b'9')) {
        return false;
    }
    c.eat_while(digit_or_underscore);
    sexagesimal_tail(&mut c) && c.done()
}

fn is_timestamp(s: &str) -> bool {
    let four_digits = |c: &mut Cursor<'_>| (0..4).all(|_| c.eat_if(digit));
    // [0-9]{4}-[0-9]{2}-[0-9]{2}
    {
        let mut c = Cursor::new(s);
        if four_digits(&mut c) && c.eat(b'-') && c.eat_if(digit) && c.eat_if(digit) && c.eat(b'-') && c.eat_if(digit) && c.eat_if(digit) && c.done() {
            return true;
        }
    }
    // [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    let mut c = Cursor::new(s);
    if !(four_digits(&mut c) && c.eat(b'-') && c.eat_if(digit)) {
        return false;
    }
    c.eat_if(digit);
    if !(c.eat(b'-') && c.eat_if(digit)) {
        return false;
    }
    c.eat_if(digit);
    if !(c.eat(b'T') || c.eat(b't') || c.eat_while(|b| b == b' ' || b == b'\t') > 0) {
        return false;
    }
    if !c.eat_if(digit) {
        return false;
    }
    c.eat_if(digit);
    if !(c.eat(b':') && c.eat_if(digit) && c.eat_if(digit) && c.eat(b':') && c.eat_if(digit) && c.eat_if(digit)) {
        return false;
    }
    if c.eat(b'.') {
        c.eat_while(digit);
    }
    if c.done() {
        return true;
    }
    c.eat_while(|b| b == b' ' || b == b'\t');
    if c.eat(b'Z') {
        return c.done();
    }
    if !(c.eat(b'-') || c.eat(b'+')) || !c.eat_if(digit) {
        return false;
    }
    c.eat_if(digit);
    if c.done() {
        return true;
    }
    c.eat(b':') && c.eat_if(digit) && c.eat_if(digit) && c.done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_the_classic_traps() {
        let cases = [
            ("443", PyType::Int),
            ("80, 8080", PyType::Str),
            ("off", PyType::Bool),
            ("y", PyType::Str),
            ("0123", PyType::Int),
            ("08", PyType::Str),
            ("1:30", PyType::Int),
            ("1_000", PyType::Int),
            ("1e3", PyType::Str),
            ("1.0e+3", PyType::Float),
            ("2024-01-01", PyType::Timestamp),
            ("2024-1-1 10:00:00", PyType::Timestamp),
            ("<<", PyType::Merge),
            ("=", PyType::Value),
            ("~", PyType::Null),
            ("", PyType::Null),
            ("0x1F", PyType::Int),
            ("0o17", PyType::Str),
            (".inf", PyType::Float),
            ("-.INF", PyType::Float),
            ("1:30.5", PyType::Float),
            ("blob", PyType::Str),
        ];
        for (text, expected) in cases {
            assert_eq!(resolve_plain(text), expected, "{text:?}");
        }
    }
}
