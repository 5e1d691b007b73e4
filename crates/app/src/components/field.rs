//! Labelled form controls with their validation messages: text input, select and checkbox.

use amlnet_core::Diagnostic;
use yew::prelude::*;

use super::event_value;
use super::messages::Messages;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub diagnostics: Vec<Diagnostic>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub fixes: Vec<Vec<(String, Action)>>,
    #[prop_or_default]
    pub dispatch: Option<Callback<Action>>,
}

fn describedby(id: &str, hint: bool) -> String {
    if hint {
        format!("{id}-hint {id}-msg")
    } else {
        format!("{id}-msg")
    }
}

fn invalid(diagnostics: &[Diagnostic]) -> Option<&'static str> {
    diagnostics.iter().any(Diagnostic::is_error).then_some("true")
}

#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| cb.emit(event_value(&e)))
    };
    let id = props.id.to_string();
    html! {
        <div class="field">
            <label for={id.clone()}>{ &props.label }if props.required { <span class="req" aria-hidden="true">{ " *" }</span> }</label>
            if let Some(hint) = &props.hint { <p class="hint" id={format!("{id}-hint")}>{ hint }</p> }
            <input id={id.clone()} type="text" value={props.value.clone()} {oninput} spellcheck="false" autocomplete="off"
                placeholder={props.placeholder.clone()} required={props.required} inputmode={props.inputmode.clone()}
                aria-invalid={invalid(&props.diagnostics)} aria-describedby={describedby(&id, props.hint.is_some())} />
            <Messages id={format!("{id}-msg")} diagnostics={props.diagnostics.clone()} fixes={props.fixes.clone()} dispatch={props.dispatch.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub diagnostics: Vec<Diagnostic>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub fixes: Vec<Vec<(String, Action)>>,
    #[prop_or_default]
    pub dispatch: Option<Callback<Action>>,
}

#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| cb.emit(event_value(&e)))
    };
    let id = props.id.to_string();
    html! {
        <div class="field">
            <label for={id.clone()}>{ &props.label }</label>
            if let Some(hint) = &props.hint { <p class="hint" id={format!("{id}-hint")}>{ hint }</p> }
            <select id={id.clone()} {onchange} aria-invalid={invalid(&props.diagnostics)} aria-describedby={describedby(&id, props.hint.is_some())}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.value}>{ label }</option>
                }) }
            </select>
            <Messages id={format!("{id}-msg")} diagnostics={props.diagnostics.clone()} fixes={props.fixes.clone()} dispatch={props.dispatch.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub onchange: Callback<bool>,
    #[prop_or_default]
    pub diagnostics: Vec<Diagnostic>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub fixes: Vec<Vec<(String, Action)>>,
    #[prop_or_default]
    pub dispatch: Option<Callback<Action>>,
}

#[function_component(CheckField)]
pub fn check_field(props: &CheckFieldProps) -> Html {
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| cb.emit(event_value(&e) == "true"))
    };
    let id = props.id.to_string();
    html! {
        <div class="field check">
            <input id={id.clone()} type="checkbox" checked={props.checked} {onchange} aria-describedby={describedby(&id, props.hint.is_some())} />
            <label for={id.clone()}>{ &props.label }</label>
            if let Some(hint) = &props.hint { <p class="hint" id={format!("{id}-hint")}>{ hint }</p> }
            <Messages id={format!("{id}-msg")} diagnostics={props.diagnostics.clone()} fixes={props.fixes.clone()} dispatch={props.dispatch.clone()} />
        </div>
    }
}
