//! A rule's documentation (the core's `explain` text) in a dialog, opened from a code badge. The text
//! comes from [`rule_docs`], the one place that reads it, so that it can later be loaded lazily
//! instead of compiled in (the core's `docs` feature).

use yew::prelude::*;

use super::modal::Modal;
use super::rich;
use crate::state::Action;

/// The summary and documentation of a rule code (Markdown), if the code is registered.
pub fn rule_docs(code: &str) -> Option<(&'static str, &'static str)> {
    amlnet_core::rules::find(code).map(|r| (r.summary, r.docs))
}

/// A small Markdown subset, as the rule docs use it: `## ` headings, fenced code and paragraphs with
/// code spans.
fn markdown(text: &str) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    let flush = |para: &mut Vec<&str>, out: &mut Vec<Html>| {
        if !para.is_empty() {
            let text = para.join(" ");
            out.push(html! { <p>{ rich(&text) }</p> });
            para.clear();
        }
    };
    for line in text.lines() {
        if let Some(block) = &mut code {
            if line.starts_with("```") {
                let body = block.join("\n");
                out.push(html! { <pre class="code">{ body }</pre> });
                code = None;
            } else {
                block.push(line);
            }
            continue;
        }
        if line.starts_with("```") {
            flush(&mut para, &mut out);
            code = Some(Vec::new());
        } else if let Some(h) = line.strip_prefix("## ") {
            flush(&mut para, &mut out);
            out.push(html! { <h3>{ h }</h3> });
        } else if line.trim().is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(line.trim());
        }
    }
    flush(&mut para, &mut out);
    html! { <>{ for out }</> }
}

#[derive(Properties, PartialEq)]
pub struct ExplainProps {
    pub code: &'static str,
    pub dispatch: Callback<Action>,
}

#[function_component(ExplainDialog)]
pub fn explain_dialog(p: &ExplainProps) -> Html {
    let close = {
        let d = p.dispatch.clone();
        Callback::from(move |()| d.emit(Action::Explain(None)))
    };
    let (summary, docs) = rule_docs(p.code).unwrap_or(("This code is not registered.", ""));
    html! {
        <Modal id="explain-dialog" title_id="explain-title" onclose={close.clone()}>
            <h2 id="explain-title" tabindex="-1"><code>{ p.code }</code></h2>
            <p class="intro">{ rich(summary) }</p>
            <div class="docs">
                if docs.is_empty() { <p>{ "The full documentation is printed by " }<code>{ format!("amlnet explain {}", p.code) }</code>{ "." }</p> }
                else { { markdown(docs) } }
            </div>
            <div class="actions">
                <button type="button" class="primary" onclick={Callback::from(move |_| close.emit(()))}>{ "Close" }</button>
            </div>
        </Modal>
    }
}
