//! Light-weight syntax colouring of the exports (YAML, bash, Python, JSON, Bicep, HCL): a one-pass
//! tokenizer per line that marks comments, strings, keys, keywords and numbers, with no dependency. The
//! text content stays exactly the file (the tests compare it with the CLI's output).

use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Yaml,
    Bash,
    Python,
    Json,
    Bicep,
    Hcl,
    Plain,
}

fn lang_of(path: &str) -> Lang {
    match path.rsplit('.').next().unwrap_or("") {
        "yml" | "yaml" => Lang::Yaml,
        "sh" => Lang::Bash,
        "py" => Lang::Python,
        "json" => Lang::Json,
        "bicep" => Lang::Bicep,
        "tf" => Lang::Hcl,
        _ => Lang::Plain,
    }
}

fn keywords(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Bash => &["if", "then", "else", "fi", "for", "do", "done", "set", "export", "echo", "exit", "cat", "az", "local", "return"],
        Lang::Python => &["import", "from", "def", "return", "if", "else", "for", "in", "None", "True", "False", "with", "as", "not", "and", "or"],
        Lang::Bicep => &["param", "resource", "var", "output", "existing", "for", "in", "if", "true", "false", "null"],
        Lang::Hcl => &["resource", "provider", "terraform", "variable", "locals", "data", "output", "true", "false", "null"],
        Lang::Json | Lang::Yaml => &["true", "false", "null"],
        Lang::Plain => &[],
    }
}

/// One token: its class (empty for plain text) and text.
fn tokens(lang: Lang, line: &str) -> Vec<(&'static str, &str)> {
    let mut out: Vec<(&'static str, &str)> = Vec::new();
    let line: &str = line;
    let bytes = line.as_bytes();
    let mut plain_start = 0;
    let mut i = 0;
    fn push_plain<'a>(out: &mut Vec<(&'static str, &'a str)>, line: &'a str, from: usize, to: usize) {
        if to > from {
            out.push(("", &line[from..to]));
        }
    }
    // A YAML key (`name:` after indentation and `- `), a JSON key (`"name":`) or an HCL/Bicep key (`name =`).
    if lang == Lang::Yaml {
        let rest = line.trim_start_matches([' ', '-']);
        let start = line.len() - rest.len();
        if let Some(colon) = rest.find(':') {
            let key = &rest[..colon];
            if !key.is_empty() && !key.contains([' ', '\'', '"', '#']) && rest[colon + 1..].chars().next().is_none_or(|c| c == ' ' || c == '\n') {
                push_plain(&mut out, line, 0, start);
                out.push(("t-k", &line[start..start + colon]));
                plain_start = start + colon;
                i = plain_start;
            }
        }
    }
    if matches!(lang, Lang::Hcl | Lang::Bicep) {
        let rest = line.trim_start();
        let start = line.len() - rest.len();
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if end > 0 && rest[end..].trim_start().starts_with(['=', ':']) && !rest[end..].trim_start().starts_with("==") {
            push_plain(&mut out, line, 0, start);
            out.push(("t-k", &line[start..start + end]));
            plain_start = start + end;
            i = plain_start;
        }
    }
    let words = keywords(lang);
    while i < bytes.len() {
        let c = bytes[i];
        let at_word_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b'-' || bytes[i - 1] == b'$');
        let comment = match lang {
            Lang::Yaml | Lang::Bash | Lang::Python | Lang::Hcl => c == b'#' && (i == 0 || bytes[i - 1] == b' '),
            Lang::Bicep => c == b'/' && bytes.get(i + 1) == Some(&b'/'),
            Lang::Json | Lang::Plain => false,
        };
        if comment {
            push_plain(&mut out, line, plain_start, i);
            let end = line.trim_end_matches('\n').len().max(i);
            out.push(("t-c", &line[i..end]));
            plain_start = end;
            break;
        }
        if (c == b'"' || c == b'\'') && lang != Lang::Plain && !(lang == Lang::Bash && c == b'\'' && i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            // A string to its closing quote (a backslash escapes in double quotes; '' in YAML single quotes).
            let mut j = i + 1;
            while j < bytes.len() {
                if bytes[j] == b'\\' && c == b'"' {
                    j += 2;
                    continue;
                }
                if bytes[j] == c {
                    if lang == Lang::Yaml && c == b'\'' && bytes.get(j + 1) == Some(&b'\'') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            let end = (j + 1).min(bytes.len());
            let end = if line.is_char_boundary(end) { end } else { bytes.len() };
            push_plain(&mut out, line, plain_start, i);
            // A JSON key is a string followed by a colon.
            let class = if lang == Lang::Json && line[end..].trim_start().starts_with(':') { "t-k" } else { "t-s" };
            out.push((class, &line[i..end]));
            plain_start = end;
            i = end;
            continue;
        }
        if at_word_start && (c.is_ascii_alphabetic() || c.is_ascii_digit()) {
            let end = i + line[i..].find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.')).unwrap_or(line.len() - i);
            let word = &line[i..end];
            let next_ok = line[end..].chars().next().is_none_or(|ch| !(ch == '-' || ch == '/' || ch == ':' && lang == Lang::Bash));
            let class = if words.contains(&word) && next_ok {
                "t-w"
            } else if word.bytes().all(|b| b.is_ascii_digit() || b == b'.') && next_ok {
                "t-n"
            } else {
                ""
            };
            if !class.is_empty() {
                push_plain(&mut out, line, plain_start, i);
                out.push((class, word));
                plain_start = end;
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
        while i < bytes.len() && !line.is_char_boundary(i) {
            i += 1;
        }
    }
    push_plain(&mut out, line, plain_start, line.len());
    out
}

/// Which lines of `new` are not in `old` (as a multiset of lines): what the last edit changed. No
/// hashing and no sorting code is compiled in: the lines both start with are matched in order, and
/// each other line of `new` takes the first unused equal line of `old` (files are a few hundred lines).
pub fn changed_lines(old: &str, new: &str) -> Vec<bool> {
    let mut before: Vec<Option<&str>> = old.lines().map(Some).collect();
    let mut same = 0;
    new.lines()
        .map(|line| {
            // The common start: an edit changes a few lines, so most lines are found at once.
            if same < before.len() && before[same] == Some(line) {
                before[same] = None;
                same += 1;
                return false;
            }
            same = usize::MAX;
            match before.iter_mut().find(|l| **l == Some(line)) {
                Some(l) => {
                    *l = None;
                    false
                }
                None => true,
            }
        })
        .collect()
}

/// The file as coloured spans, the lines flagged in `changed` marked; its text content is `text` unchanged.
pub fn highlight(path: &str, text: &str, changed: &[bool]) -> Html {
    let lang = lang_of(path);
    let mut plain = String::new();
    let mut nodes: Vec<Html> = Vec::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let parts = if lang == Lang::Plain { vec![("", line)] } else { tokens(lang, line) };
        if changed.get(n).copied().unwrap_or(false) {
            if !plain.is_empty() {
                nodes.push(html! { { std::mem::take(&mut plain) } });
            }
            nodes.push(html! {
                <span class="changed">{ for parts.into_iter().map(|(class, t)| if class.is_empty() { html! { { t.to_owned() } } } else { html! { <span class={class}>{ t.to_owned() }</span> } }) }</span>
            });
            continue;
        }
        for (class, t) in parts {
            if class.is_empty() {
                plain.push_str(t);
            } else {
                if !plain.is_empty() {
                    nodes.push(html! { { std::mem::take(&mut plain) } });
                }
                nodes.push(html! { <span class={class}>{ t.to_owned() }</span> });
            }
        }
    }
    if !plain.is_empty() {
        nodes.push(html! { { plain } });
    }
    html! { <>{ for nodes }</> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(lang: Lang, line: &str) -> Vec<(&'static str, String)> {
        tokens(lang, line).into_iter().filter(|(c, _)| !c.is_empty()).map(|(c, t)| (c, t.to_owned())).collect()
    }

    #[test]
    fn tokens_cover_the_line_exactly() {
        for (lang, line) in [
            (Lang::Yaml, "  - name: 'it''s' # note\n"),
            (Lang::Bash, "az ml workspace create --file \"$F\" -g 'rg' # x\n"),
            (Lang::Python, "ml_client = MLClient(name=\"x\\\"y\", n=1)\n"),
            (Lang::Json, "  \"name\": \"ws\",\n"),
            (Lang::Bicep, "param name string = 'ws' // c\n"),
            (Lang::Hcl, "  name = \"${var.x}\"\n"),
            (Lang::Yaml, "ü: 'é\n"),
        ] {
            let joined: String = tokens(lang, line).into_iter().map(|(_, t)| t).collect();
            assert_eq!(joined, line);
        }
        assert_eq!(classes(Lang::Yaml, "  - name: pypi # x"), vec![("t-k", "name".into()), ("t-c", "# x".into())]);
        assert_eq!(classes(Lang::Json, "\"a\": \"b\""), vec![("t-k", "\"a\"".into()), ("t-s", "\"b\"".into())]);
        assert!(classes(Lang::Bash, "set -euo pipefail").contains(&("t-w", "set".into())));
        assert_eq!(changed_lines("a\nb\nb\n", "a\nb\nc\nb\nb\n"), vec![false, false, true, false, true]);
        assert_eq!(changed_lines("", "x"), vec![true]);
        assert_eq!(changed_lines("b\na\n", "a\nb\na\n"), vec![false, false, true]);
        // The same as taking each line of `old` once, for every pair of texts of up to four lines a, b, c.
        let texts: Vec<String> = (0..81).map(|n: u32| (0..4).map(|k| ["a\n", "b\n", "c\n"][(n / 3u32.pow(k) % 3) as usize]).collect()).collect();
        for old in &texts {
            for new in texts.iter().flat_map(|t| [&t[..], &t[..4]]) {
                let mut left: Vec<&str> = old.lines().collect();
                let expected: Vec<bool> = new
                    .lines()
                    .map(|l| match left.iter().position(|o| *o == l) {
                        Some(i) => {
                            left.remove(i);
                            false
                        }
                        None => true,
                    })
                    .collect();
                assert_eq!(changed_lines(old, new), expected, "{old:?} -> {new:?}");
            }
        }
    }
}
