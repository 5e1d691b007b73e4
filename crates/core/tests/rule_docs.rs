//! Every rule's documented example is run through the core, as biome tests its rule docs: the YAML
//! blocks of "## Example" must produce the rule's code, and the first YAML block of "## Instead" (when
//! there is one) must not. One test per rule: `cargo test -p amlnet-core --test rule_docs -- <code>`.
//!
//! How a documentation example is read:
//! - each ```` ```yaml ```` block of the example is one file; the files are checked together
//!   (`analyze`), with the notes of every export and, when there is a current state, the plan's warnings;
//! - a block whose first line is a comment starting `# current` is the current state (`read_current`,
//!   as `amlnet plan` reads it): the other blocks are checked as an update of it and planned against it;
//! - a block whose first line is a comment starting `# policy` is an organization policy file
//!   (`policy::read`), applied to the check (`Analysis::apply_policy`) as `amlnet check --policy` does;
//! - a first line `# amlnet: ...` gives the same directives as a fixture (`support::cases::directives`);
//! - the "Instead" block is a patch (its first line `# amlnet: ...` replaces the example's directives): each of its top-level chunks replaces the lines of the example with
//!   the same indentation and key (`      port_ranges: '80-443'` replaces that line, `    destination:`
//!   with its lines the rule's destination), and a block that matches nothing replaces the example.
//!   Prose-only "Instead" sections are not run.
//!
//! A few examples are not YAML at all (a command line, a file in another encoding, an elided document too
//! deep or too large to print); `NOT_RUNNABLE` lists them with the reason, and their fixtures cover the rule.

mod support {
    pub(crate) mod cases;
}

use amlnet_core::plan::{plan_with_sources, read_current};
use amlnet_core::{analyze, Context, ExportFormat, RuleInfo, SourceFile};
use libtest_mimic::{Arguments, Failed, Trial};

/// Rules whose documented example cannot be a YAML document, with the reason.
const NOT_RUNNABLE: &[(&str, &str)] = &[
    ("input-not-utf8", "the example is a file in UTF-16, which a markdown page cannot hold"),
    ("input-too-large", "the example is a command line checking a binary file"),
    ("nesting-too-deep", "401 levels of nesting are elided in the example"),
    ("alias-expansion-too-large", "the aliases that expand past 500,000 nodes are elided in the example"),
    ("duplicate-document", "the example is a command line with two workspace files"),
    ("subscription-id-invalid", "the example is a command line flag (`--subscription`)"),
    ("resource-group-name-invalid", "the example is a command line flag (`--resource-group`)"),
];

/// The section of `docs` under `## heading`, up to the next `## `.
fn section<'a>(docs: &'a str, heading: &str) -> &'a str {
    let Some(start) = docs.find(&format!("## {heading}\n")) else { return "" };
    let rest = &docs[start + heading.len() + 4..];
    rest.find("\n## ").map_or(rest, |end| &rest[..end])
}

/// The ```yaml blocks of a markdown text.
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_start() == "```yaml" => current = Some(String::new()),
            Some(block) if line.trim_start() == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

/// Every code the blocks produce: the check, every export's notes and, with a current state, the plan.
fn codes_of(blocks: &[String]) -> Vec<&'static str> {
    let (policies, blocks): (Vec<&String>, Vec<&String>) = blocks.iter().partition(|b| b.starts_with("# policy"));
    let (current, desired): (Vec<&String>, Vec<&String>) = blocks.into_iter().partition(|b| b.starts_with("# current"));
    let policies: Vec<_> = policies.iter().enumerate().map(|(i, t)| amlnet_core::policy::read_text(&format!("policy-{i}.yml"), t)).collect();
    let files: Vec<SourceFile> = desired.iter().enumerate().map(|(i, text)| SourceFile::new(format!("example-{i}.yml"), text.as_str())).collect();
    let directives = support::cases::directives(desired.first().map_or(&b""[..], |b| b.as_bytes()));
    let files: Vec<SourceFile> = files.into_iter().map(|f| SourceFile { kind: directives.kind, ..f }).collect();
    let mut codes = Vec::new();
    if current.is_empty() {
        let mut analysis = analyze(&files, directives.context);
        for policy in &policies {
            analysis.apply_policy(policy);
        }
        codes.extend(analysis.diagnostics.iter().map(|d| d.code));
        for format in ExportFormat::ALL {
            codes.extend(analysis.export_notes(format).iter().map(|d| d.code));
        }
    } else {
        let current: Vec<SourceFile> = current.iter().enumerate().map(|(i, t)| SourceFile::new(format!("current-{i}.yml"), t.as_str())).collect();
        let current = read_current(&current);
        codes.extend(current.diagnostics.iter().map(|d| d.code));
        let context = current.context(&Context { subscription_id: directives.context.subscription_id.clone(), ..Context::default() });
        let mut analysis = analyze(&files, context);
        for policy in &policies {
            analysis.apply_policy(policy);
        }
        codes.extend(analysis.diagnostics.iter().map(|d| d.code));
        let plan = plan_with_sources(&current.config, &analysis.config, &analysis.sources);
        codes.extend(plan.warnings.iter().map(|d| d.code));
    }
    codes
}

/// `(indentation, key)` of a YAML line (`- name` for a list item's first key), or `None` for a line
/// without a key.
fn line_key(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start().len();
    let (key, _) = line.trim_start().split_once(':')?;
    (!key.is_empty() && !key.starts_with('#')).then_some((indent, key))
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The end of the subtree that starts at `lines[start]`: its deeper lines, and the list items a key
/// holds at its own indentation (`outbound_rules:` then `- name: ...`).
fn subtree_end(lines: &[String], start: usize) -> usize {
    let base = indent_of(&lines[start]);
    let is_item = lines[start].trim_start().starts_with("- ");
    let mut end = start + 1;
    while end < lines.len() {
        let line = &lines[end];
        let deeper = line.trim().is_empty() || indent_of(line) > base;
        let own_items = !is_item && indent_of(line) == base && line.trim_start().starts_with("- ");
        if !(deeper || own_items) {
            break;
        }
        end += 1;
    }
    end
}

/// The example with the "Instead" block applied. The block is cut into chunks (a line at its least
/// indentation with the lines under it); each chunk replaces the subtree of the example line with the
/// same indentation and key, and a chunk that matches none is inserted before the next that does (or
/// at the end). When no chunk matches any example block, the block replaces the last example block.
/// A first line `# amlnet: ...` of the block replaces the example's directives (an empty one removes them).
fn apply_instead(example: &[String], instead: &str) -> Vec<String> {
    if let Some((first, rest)) = instead.split_once('\n').filter(|(first, _)| first.starts_with("# amlnet:")) {
        let mut out = if rest.trim().is_empty() { example.to_vec() } else { apply_instead(example, rest) };
        let last = out.iter().rposition(|b| !b.starts_with("# current")).unwrap_or(0);
        let body = out[last].strip_prefix_directive();
        let directive = if first.trim() == "# amlnet:" { String::new() } else { format!("{first}\n") };
        out[last] = directive + body;
        return out;
    }
    let lines: Vec<String> = instead.lines().map(str::to_owned).collect();
    let least = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| indent_of(l)).min().unwrap_or(0);
    let mut chunks: Vec<Vec<String>> = Vec::new();
    for line in lines {
        if chunks.is_empty() || (!line.trim().is_empty() && indent_of(&line) == least && !line.trim_start().starts_with("- ")) {
            chunks.push(Vec::new());
        }
        if let Some(chunk) = chunks.last_mut() {
            chunk.push(line);
        }
    }
    let matches = |target: &[String], chunk: &[String]| {
        let key = chunk.first().and_then(|l| line_key(l));
        key.and_then(|key| target.iter().position(|l| line_key(l) == Some(key)))
    };
    // The block the patch is for: the one most of its chunks match (the later one on a tie).
    let best = example
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.starts_with("# current"))
        .map(|(i, b)| {
            let target: Vec<String> = b.lines().map(str::to_owned).collect();
            (chunks.iter().filter(|c| matches(&target, c).is_some()).count(), i)
        })
        .max()
        .filter(|(score, _)| *score > 0);
    if let Some((_, i)) = best {
        let mut target: Vec<String> = example[i].lines().map(str::to_owned).collect();
        let mut pending: Vec<String> = Vec::new();
        for chunk in &chunks {
            match matches(&target, chunk) {
                Some(at) => {
                    let end = subtree_end(&target, at);
                    let mut replacement = std::mem::take(&mut pending);
                    replacement.extend(chunk.iter().cloned());
                    target.splice(at..end, replacement);
                }
                None => pending.extend(chunk.iter().cloned()),
            }
        }
        target.extend(pending);
        let mut out = example.to_vec();
        out[i] = target.join("\n") + "\n";
        return out;
    }
    let mut out = example.to_vec();
    let last = out.iter().rposition(|b| !b.starts_with("# current")).unwrap_or(0);
    out[last] = instead.to_owned();
    out
}

trait StripDirective {
    fn strip_prefix_directive(&self) -> &str;
}

impl StripDirective for String {
    /// The block without its first line when that is a `# amlnet:` directive.
    fn strip_prefix_directive(&self) -> &str {
        match self.split_once('\n') {
            Some((first, rest)) if first.starts_with("# amlnet:") => rest,
            _ => self,
        }
    }
}

fn check_rule(rule: &RuleInfo) -> Result<(), Failed> {
    let example = yaml_blocks(section(rule.docs, "Example"));
    if let Some((_, reason)) = NOT_RUNNABLE.iter().find(|(code, _)| *code == rule.code) {
        return if example.is_empty() { Ok(()) } else { Err(format!("listed as not runnable ({reason}), but the example has YAML").into()) };
    }
    if example.is_empty() {
        return Err("the example has no ```yaml block".into());
    }
    let codes = codes_of(&example);
    if !codes.contains(&rule.code) {
        return Err(format!("the example does not produce `{}`; it produces {codes:?}:\n{}", rule.code, example.join("---\n")).into());
    }
    if let Some(instead) = yaml_blocks(section(rule.docs, "Instead")).first() {
        let fixed = apply_instead(&example, instead);
        let codes = codes_of(&fixed);
        if codes.contains(&rule.code) {
            return Err(format!("the \"Instead\" still produces `{}`:\n{}", rule.code, fixed.join("---\n")).into());
        }
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let trials = amlnet_core::RULES
        .iter()
        .map(|rule| {
            let rule: &'static RuleInfo = rule;
            Trial::test(rule.code, move || check_rule(rule))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
