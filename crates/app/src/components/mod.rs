//! The view: one part of the page per file. They render the state and send [`Action`]s; they hold no
//! model logic of their own. Only two are components: the root (`app.rs`, which holds every hook:
//! the reducer, the panels' own state, the effects) and the modal (its focus is restored when it
//! unmounts); the rest are plain `fn(...) -> Html`, and buttons that send a fixed action share one
//! closure type ([`on_click`]): each component and each closure type costs its own generic code in the
//! first-load wasm.

use std::rc::Rc;

use amlnet_core::{Diagnostic, Severity};
use yew::prelude::*;

use crate::state::{Action, Anchor, State};

pub mod app;
pub mod basics;
pub mod diagram;
pub mod docs;
pub mod endpoint;
pub mod export_panel;
pub mod field;
pub mod highlight;
pub mod import_panel;
pub mod messages;
pub mod modal;
pub mod networking;
pub mod plan_panel;
pub mod policy_panel;
pub mod review;
pub mod rule_dialog;
pub mod rules;
pub mod stepper;
pub mod summary;
pub mod toolbar;

/// What every step and panel receives from the root.
pub struct StepProps {
    pub state: Rc<State>,
    pub diagnostics: Rc<Vec<Diagnostic>>,
    pub dispatch: Callback<Action>,
}

impl StepProps {
    /// The diagnostics placed on one anchor, as shown: a field's only once it holds a value, was
    /// touched, or its step was left with Next.
    pub fn at(&self, anchor: Anchor) -> Vec<Diagnostic> {
        if let Anchor::Field(f) = anchor {
            if !self.state.shows_findings_of(f) {
                return Vec::new();
            }
        }
        self.diagnostics.iter().filter(|d| Anchor::of(d) == anchor).cloned().collect()
    }

    /// The one-click fixes for each of `found` (parallel to it).
    pub fn fixes_for(&self, found: &[Diagnostic], anchor: Anchor) -> Vec<Vec<(String, Action)>> {
        found.iter().map(|d| self.state.fixes(d, anchor)).collect()
    }
}

/// A message with its `code` spans rendered as code.
pub fn rich(text: &str) -> Html {
    html! {
        <>{ for crate::text::code_spans(text).into_iter().map(|(code, t)| if code { html! { <code>{ t }</code> } } else { html! { { t } } }) }</>
    }
}

/// A handler that sends `action` (a click, or a radio's change): one closure type for every control
/// that sends a fixed action.
pub fn on_click<E: 'static>(dispatch: &Callback<Action>, action: Action) -> Callback<E> {
    let d = dispatch.clone();
    Callback::from(move |_| d.emit(action.clone()))
}

/// An input handler that sends `make` of the control's value.
pub fn on_input(dispatch: &Callback<Action>, make: fn(String) -> Action) -> Callback<InputEvent> {
    let d = dispatch.clone();
    Callback::from(move |e: InputEvent| d.emit(make(event_value(&e))))
}

/// A file input's handler: reads the chosen files and sends `done` of them ([`read_chosen_files`]).
pub fn on_files(dispatch: &Callback<Action>, done: fn(Vec<(String, String)>) -> Action) -> Callback<Event> {
    let d = dispatch.clone();
    Callback::from(move |e: Event| read_chosen_files(&e, &d, done))
}

/// A checkbox's handler from a text one: "true" or "false".
pub fn as_check(set: Callback<String>) -> Callback<bool> {
    Callback::from(move |on: bool| set.emit(on.to_string()))
}

/// The rule code as a badge that opens its documentation in the app.
pub fn code_badge(code: &'static str, dispatch: &Callback<Action>) -> Html {
    html! {
        <button type="button" class="code-badge" aria-label={["Explain ", code].concat()} title="What this finding means"
            onclick={on_click(dispatch, Action::Explain(Some(code)))}>{ code }</button>
    }
}

/// Findings grouped: a code that repeats for several outbound rules becomes one entry (the first
/// finding, with the others after it).
pub fn group_findings(found: &[Diagnostic]) -> Vec<(Diagnostic, Vec<Diagnostic>)> {
    let mut groups: Vec<(Diagnostic, Vec<Diagnostic>)> = Vec::new();
    for d in found {
        let repeat = matches!(Anchor::of(d), Anchor::Rule(_))
            && found.iter().filter(|o| o.code == d.code && o.severity == d.severity && matches!(Anchor::of(o), Anchor::Rule(_))).count() > 1;
        match groups
            .iter_mut()
            .find(|(first, _)| repeat && first.code == d.code && first.severity == d.severity && matches!(Anchor::of(first), Anchor::Rule(_)))
        {
            Some((_, more)) => more.push(d.clone()),
            None => groups.push((d.clone(), Vec::new())),
        }
    }
    groups
}

/// Warnings and notes that repeat across outbound rules (shown once above the rules table instead of on
/// each row; errors stay on their rows).
pub fn repeated_rule_codes(found: &[Diagnostic]) -> Vec<&'static str> {
    group_findings(found).into_iter().filter(|(d, more)| !more.is_empty() && !d.is_error()).map(|(d, _)| d.code).collect()
}

/// The word (and CSS class) for a severity.
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// One diagnostic rendered: severity word, message with code spans, help, and the code badge.
pub fn diagnostic_html(d: &Diagnostic, dispatch: &Callback<Action>) -> Html {
    diagnostic_parts(d, Some(dispatch))
}

/// [`diagnostic_html`]; without `dispatch`, the code is plain text.
pub fn diagnostic_parts(d: &Diagnostic, dispatch: Option<&Callback<Action>>) -> Html {
    html! {
        <>
            <span class="sev">{ severity_word(d.severity) }{ ": " }</span>
            { rich(&d.message) }
            if let Some(help) = &d.help { <span class="help">{ " — " }{ rich(help) }</span> }
            { " " }
            { match dispatch { Some(dispatch) => code_badge(d.code, dispatch), None => html! { <code class="code">{ d.code }</code> } } }
        </>
    }
}

/// "Error", "Warning", "Note".
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

/// Reads the files chosen in a file input (asynchronously) and dispatches `done` with their names and
/// texts; a file that cannot be read gets a notice instead.
pub fn read_chosen_files(e: &Event, dispatch: &Callback<Action>, done: fn(Vec<(String, String)>) -> Action) {
    use wasm_bindgen::JsCast;
    let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
    let Some(list) = input.files() else { return };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    let d = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let mut read = Vec::new();
        for file in files {
            let name = file.name();
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => read.push((name, text.as_string().unwrap_or_default())),
                Err(_) => d.emit(Action::Notice(format!("Could not read {name}"))),
            }
        }
        if !read.is_empty() {
            d.emit(done(read));
        }
    });
}

/// Reads the value of the input, select or textarea that fired an event.
pub fn event_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let Some(target) = e.target() else { return String::new() };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.type_() == "checkbox" {
            return input.checked().to_string();
        }
        return input.value();
    }
    if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return select.value();
    }
    if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return area.value();
    }
    String::new()
}

/// The control of a wizard field: its findings (with fixes) and `hint`.
pub fn control_for(p: &StepProps, field: crate::state::Field, hint: Option<&'static str>) -> field::Control {
    let diagnostics = p.at(Anchor::Field(field));
    let fixes = p.fixes_for(&diagnostics, Anchor::Field(field));
    field::Control { id: field.id(), label: field.label(), hint, diagnostics, fixes, dispatch: Some(p.dispatch.clone()) }
}

/// What a control of a wizard field sends: `Action::Set` with its value.
pub fn set_field(dispatch: &Callback<Action>, field: crate::state::Field) -> Callback<String> {
    let d = dispatch.clone();
    Callback::from(move |v| d.emit(Action::Set(field, v)))
}

/// A text field bound to a wizard field.
pub fn text_for(p: &StepProps, field: crate::state::Field, hint: Option<&'static str>) -> Html {
    field::text_field(control_for(p, field, hint), p.state.value(field).into(), None, set_field(&p.dispatch, field))
}

/// A select bound to a wizard field.
pub fn select_for(p: &StepProps, field: crate::state::Field, options: &[(&'static str, &'static str)], hint: Option<&'static str>) -> Html {
    let options = options
        .iter()
        .map(|(v, l)| {
            // A choice the organization policy forbids says so, with the policy's line.
            let label = match p.state.forbidden_choice(field, v) {
                Some(reason) => AttrValue::from(format!("{l} (forbidden: {reason})")),
                None => AttrValue::from(*l),
            };
            (AttrValue::from(*v), label)
        })
        .collect();
    field::select_field(control_for(p, field, hint), p.state.value(field).into(), options, set_field(&p.dispatch, field))
}

/// The heading of a step; focus moves here when the step opens.
pub fn step_heading(step: crate::state::Step, intro: &'static str) -> Html {
    html! {
        <>
            <h2 id={format!("step-{}-heading", step.id())} tabindex="-1">{ step.title() }</h2>
            <p class="intro">{ intro }</p>
        </>
    }
}
