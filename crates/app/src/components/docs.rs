//! A rule's documentation (the core's `explain` text) in a dialog, opened from a code badge. The text
//! is not compiled into the app: [`load_rule_docs`], the one place that reads it, fetches
//! `rule-docs.json` (written next to the app by a Trunk hook from the core's `rule_docs` example) the
//! first time, and keeps it for the session.

use std::cell::RefCell;

use yew::prelude::*;

use super::modal::Modal;
use super::{on_click, rich};
use crate::state::Action;

thread_local! {
    /// The parsed `rule-docs.json` (`{"code": "markdown"}`), parsed by the browser's JSON, not by Rust code.
    static DOCS: RefCell<Option<wasm_bindgen::JsValue>> = const { RefCell::new(None) };
}

/// The one-line summary of a rule code (always compiled in).
pub fn rule_summary(code: &str) -> Option<&'static str> {
    amlnet_core::rules::find(code).map(|r| r.summary)
}

fn docs_of(docs: &wasm_bindgen::JsValue, code: &str) -> Option<String> {
    js_sys::Reflect::get(docs, &wasm_bindgen::JsValue::from_str(code)).ok()?.as_string()
}

/// Calls `done` with the documentation of `code` (Markdown), fetching the file on first use; `None`
/// when it cannot be read.
pub fn load_rule_docs(code: &'static str, done: impl FnOnce(Option<String>) + 'static) {
    if let Some(docs) = DOCS.with(|d| d.borrow().clone()) {
        return done(docs_of(&docs, code));
    }
    wasm_bindgen_futures::spawn_local(async move {
        use wasm_bindgen::JsCast;
        let docs = async {
            let window = web_sys::window()?;
            let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str("rule-docs.json")).await.ok()?;
            let response: web_sys::Response = response.dyn_into().ok()?;
            if !response.ok() {
                return None;
            }
            let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
            js_sys::JSON::parse(&text).ok().filter(|v| v.is_object())
        }
        .await;
        match docs {
            Some(docs) => {
                DOCS.with(|d| *d.borrow_mut() = Some(docs.clone()));
                done(docs_of(&docs, code));
            }
            None => done(None),
        }
    });
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

/// The dialog explaining `code`. `docs` is its documentation as loaded by the root (with
/// [`load_rule_docs`]): `None` while loading, `Some(None)` when the file could not be read.
pub fn explain_dialog(code: &'static str, docs: Option<&Option<String>>, dispatch: &Callback<Action>) -> Html {
    let summary = rule_summary(code).unwrap_or("This code is not registered.");
    html! {
        <Modal id="explain-dialog" title_id="explain-title" close={Action::Explain(None)} dispatch={dispatch.clone()}>
            <h2 id="explain-title" tabindex="-1"><code>{ code }</code></h2>
            <p class="intro">{ rich(summary) }</p>
            <div class="docs" aria-live="polite">
                { match docs {
                    None => html! { <p class="hint">{ "Loading the documentation…" }</p> },
                    Some(Some(text)) => markdown(text),
                    Some(None) => html! { <p>{ "The documentation could not be loaded here; " }<code>{ format!("amlnet explain {code}") }</code>{ " prints it." }</p> },
                } }
            </div>
            <div class="actions">
                <button type="button" class="primary" onclick={on_click(dispatch, Action::Explain(None))}>{ "Close" }</button>
            </div>
        </Modal>
    }
}
