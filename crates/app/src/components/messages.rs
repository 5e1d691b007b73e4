//! The validation messages shown under a field: errors and warnings look different and say so in
//! words, not only in colour.

use amlnet_core::{Diagnostic, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MessagesProps {
    /// The id the control's `aria-describedby` points at.
    pub id: AttrValue,
    pub diagnostics: Vec<Diagnostic>,
}

#[function_component(Messages)]
pub fn messages(props: &MessagesProps) -> Html {
    html! {
        <div id={props.id.clone()} class="messages">
            { for props.diagnostics.iter().map(|d| {
                let (class, label) = match d.severity {
                    Severity::Error => ("msg error", "Error"),
                    Severity::Warning => ("msg warning", "Warning"),
                    Severity::Info => ("msg info", "Note"),
                };
                html! {
                    <p class={class}>
                        <span class="sev">{ label }{ ": " }</span>
                        { &d.message }
                        if let Some(help) = &d.help { <span class="help">{ " — " }{ help }</span> }
                        <code class="code">{ d.code }</code>
                    </p>
                }
            }) }
        </div>
    }
}
