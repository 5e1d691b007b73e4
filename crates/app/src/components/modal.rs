//! A real modal dialog: a backdrop (a click on it closes), focus kept inside (Tab and Shift+Tab wrap),
//! Escape closes, and focus goes back to where it was when the dialog closes. The page behind is made
//! `inert` by the root component while any dialog is open.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    pub id: AttrValue,
    /// The id of the heading that names the dialog.
    pub title_id: AttrValue,
    /// What closing sends (Escape, a click on the backdrop).
    pub close: Action,
    pub dispatch: Callback<Action>,
    /// Give focus back to the element that had it on open (off when the state moves focus itself).
    #[prop_or(true)]
    pub restore_focus: bool,
    #[prop_or_default]
    pub children: Html,
}

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]):not([type=\"hidden\"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

#[function_component(Modal)]
pub fn modal(p: &ModalProps) -> Html {
    let node = use_node_ref();
    {
        let restore = p.restore_focus;
        use_effect_with((), move |_| {
            let previous = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            move || {
                if restore {
                    if let Some(el) = previous.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = el.focus();
                    }
                }
            }
        });
    }
    let onkeydown = {
        let (node, close, d) = (node.clone(), p.close.clone(), p.dispatch.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                d.emit(close.clone());
            }
            "Tab" => {
                let Some(root) = node.cast::<web_sys::Element>() else { return };
                let items = focusables(&root);
                let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
                let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
                let is = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
                let inside = items.iter().any(is);
                if e.shift_key() && (is(first) || !inside) {
                    e.prevent_default();
                    let _ = last.focus();
                } else if !e.shift_key() && is(last) {
                    e.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        })
    };
    let onclick = {
        let (close, d) = (p.close.clone(), p.dispatch.clone());
        Callback::from(move |e: MouseEvent| {
            // Only a click on the backdrop itself, not one that bubbles from the dialog.
            if e.target().is_some() && e.target() == e.current_target() {
                d.emit(close.clone());
            }
        })
    };
    html! {
        <div class="overlay" {onclick}>
            <div id={p.id.clone()} class="dialog" role="dialog" aria-modal="true" aria-labelledby={p.title_id.clone()} ref={node} {onkeydown}>
                { p.children.clone() }
            </div>
        </div>
    }
}
