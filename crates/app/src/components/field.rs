//! Labelled form controls with their validation messages: text input, select and checkbox. Plain
//! functions, not components: the markup of a control is built by one piece of code for every field.

use amlnet_core::Diagnostic;
use yew::prelude::*;

use super::event_value;
use super::messages::messages;
use crate::state::Action;

/// What every control has: its id, label and hint, and its findings with their one-click fixes
/// (`dispatch`: without it, codes are plain text and fixes are not offered).
pub struct Control {
    pub id: &'static str,
    pub label: &'static str,
    pub hint: Option<&'static str>,
    pub diagnostics: Vec<Diagnostic>,
    pub fixes: Vec<Vec<(String, Action)>>,
    pub dispatch: Option<Callback<Action>>,
}

impl Control {
    /// A control without hint or findings.
    pub fn new(id: &'static str, label: &'static str) -> Self {
        Control { id, label, hint: None, diagnostics: Vec::new(), fixes: Vec::new(), dispatch: None }
    }
}

/// `id` with a suffix (`-hint`, `-msg`).
pub fn suffixed(id: &str, suffix: &str) -> String {
    [id, suffix].concat()
}

fn describedby(c: &Control) -> String {
    if c.hint.is_some() {
        [c.id, "-hint ", c.id, "-msg"].concat()
    } else {
        suffixed(c.id, "-msg")
    }
}

fn invalid(diagnostics: &[Diagnostic]) -> Option<&'static str> {
    diagnostics.iter().any(Diagnostic::is_error).then_some("true")
}

/// The parts of a control around its input: the label, the hint and the messages; a checkbox comes
/// before its label.
fn control(c: &Control, input: Html, check: bool) -> Html {
    let label = html! { <label for={c.id}>{ c.label }</label> };
    let hint = c.hint.map(|hint| html! { <p class="hint" id={suffixed(c.id, "-hint")}>{ hint }</p> });
    let messages = messages(suffixed(c.id, "-msg"), &c.diagnostics, &c.fixes, c.dispatch.as_ref());
    if check {
        html! { <div class="field check">{ input }{ label }{ for hint }{ messages }</div> }
    } else {
        html! { <div class="field">{ label }{ for hint }{ input }{ messages }</div> }
    }
}

/// A text input; `inputmode` for the keyboard phones show.
pub fn text_field(c: Control, value: AttrValue, inputmode: Option<&'static str>, oninput: Callback<String>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| oninput.emit(event_value(&e)));
    let input = html! {
        <input id={c.id} type="text" {value} {oninput} spellcheck="false" autocomplete="off" {inputmode}
            aria-invalid={invalid(&c.diagnostics)} aria-describedby={describedby(&c)} />
    };
    control(&c, input, false)
}

/// A select of `(value, label)` pairs.
pub fn select_field(c: Control, value: AttrValue, options: Vec<(AttrValue, AttrValue)>, onchange: Callback<String>) -> Html {
    let onchange = Callback::from(move |e: Event| onchange.emit(event_value(&e)));
    let input = html! {
        <select id={c.id} {onchange} aria-invalid={invalid(&c.diagnostics)} aria-describedby={describedby(&c)}>
            { for options.into_iter().map(|(v, label)| {
                let selected = v == value;
                html! { <option value={v} {selected}>{ label }</option> }
            }) }
        </select>
    };
    control(&c, input, false)
}

/// A checkbox.
pub fn check_field(c: Control, checked: bool, onchange: Callback<bool>) -> Html {
    let onchange = Callback::from(move |e: Event| onchange.emit(event_value(&e) == "true"));
    let input = html! { <input id={c.id} type="checkbox" {checked} {onchange} aria-describedby={describedby(&c)} /> };
    control(&c, input, true)
}
