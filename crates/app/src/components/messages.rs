//! The validation messages shown under a field: errors and warnings look different and say so in
//! words, not only in colour; code spans read as code, the rule code is a badge that opens its
//! documentation, and a finding with a one-click fix has its button.

use amlnet_core::{Diagnostic, Severity};
use yew::prelude::*;

use super::{code_badge, rich, severity_word};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct MessagesProps {
    /// The id the control's `aria-describedby` points at.
    pub id: AttrValue,
    pub diagnostics: Vec<Diagnostic>,
    /// The fixes of each diagnostic (parallel to `diagnostics`; may be shorter).
    #[prop_or_default]
    pub fixes: Vec<Vec<(String, Action)>>,
    /// Without it, codes are plain text and fixes are not offered.
    #[prop_or_default]
    pub dispatch: Option<Callback<Action>>,
}

#[function_component(Messages)]
pub fn messages(props: &MessagesProps) -> Html {
    html! {
        <div id={props.id.clone()} class="messages">
            { for props.diagnostics.iter().enumerate().map(|(i, d)| {
                let class = match d.severity {
                    Severity::Error => "msg error",
                    Severity::Warning => "msg warning",
                    Severity::Info => "msg info",
                };
                let fixes = props.fixes.get(i).cloned().unwrap_or_default();
                html! {
                    <div class={class}>
                        <p>
                            <span class="sev">{ severity_word(d.severity) }{ ": " }</span>
                            { rich(&d.message) }
                            if let Some(help) = &d.help { <span class="help">{ " — " }{ rich(help) }</span> }
                            { " " }
                            { match &props.dispatch { Some(dispatch) => code_badge(d.code, dispatch), None => html! { <code class="code">{ d.code }</code> } } }
                        </p>
                        if let Some(dispatch) = &props.dispatch {
                            if !fixes.is_empty() {
                                <p class="fixes">
                                    { for fixes.into_iter().map(|(title, action)| {
                                        let dispatch = dispatch.clone();
                                        html! { <button type="button" class="fix" onclick={Callback::from(move |_| dispatch.emit(action.clone()))}>{ format!("Fix: {title}") }</button> }
                                    }) }
                                </p>
                            }
                        }
                    </div>
                }
            }) }
        </div>
    }
}
