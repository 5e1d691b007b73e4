//! The validation messages shown under a field: errors and warnings look different and say so in
//! words, not only in colour; code spans read as code, the rule code is a badge that opens its
//! documentation, and a finding with a one-click fix has its button.

use amlnet_core::{Diagnostic, Severity};
use yew::prelude::*;

use super::{diagnostic_parts, on_click};
use crate::state::Action;

/// The messages of `diagnostics` in a box of id `id` (the one the control's `aria-describedby` points
/// at), with the fixes of each (parallel to `diagnostics`; may be shorter). Without `dispatch`, codes
/// are plain text and fixes are not offered.
pub fn messages(id: String, diagnostics: &[Diagnostic], fixes: &[Vec<(String, Action)>], dispatch: Option<&Callback<Action>>) -> Html {
    html! {
        <div {id} class="messages">
            { for diagnostics.iter().enumerate().map(|(i, d)| {
                let class = match d.severity {
                    Severity::Error => "msg error",
                    Severity::Warning => "msg warning",
                    Severity::Info => "msg info",
                };
                let fixes = fixes.get(i).map_or(&[][..], Vec::as_slice);
                html! {
                    <div {class}>
                        <p>{ diagnostic_parts(d, dispatch) }</p>
                        if let Some(dispatch) = dispatch {
                            if !fixes.is_empty() {
                                <p class="fixes">
                                    { for fixes.iter().map(|(title, action)| html! {
                                        <button type="button" class="fix" onclick={on_click(dispatch, action.clone())}>{ ["Fix: ", title.as_str()].concat() }</button>
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
