//! Browser side effects the components need: focus, clipboard, downloads, storage and the URL
//! fragment. Kept out of the reducer so that it stays testable without a DOM.

use wasm_bindgen::JsCast;

use crate::share::{Snapshot, FRAGMENT_PREFIX};
use crate::state::UndoEntry;

const STORAGE_KEY: &str = "amlnet.snapshot";
const THEME_KEY: &str = "amlnet.theme";
const HISTORY_KEY: &str = "amlnet.history";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Moves focus to the element with this id (after a render).
pub fn focus(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Copies text; reports the outcome through `done`.
pub fn copy(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else { return done(false) };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Some(doc) = document() else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    if let Ok(a) = doc.create_element("a").and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().map_err(Into::into)) {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Saves a text file.
pub fn download_text(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

/// Saves binary data (the ZIP of all files).
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn save_snapshot(snapshot: &Snapshot) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &snapshot.to_json());
    }
}

pub fn load_snapshot() -> Option<Snapshot> {
    Snapshot::from_json(&storage()?.get_item(STORAGE_KEY).ok()??)
}

/// Saves the undo and redo history (so that Undo works after a reload).
pub fn save_history(undo: &[UndoEntry], redo: &[UndoEntry]) {
    if let Some(s) = storage() {
        let _ = s.set_item(HISTORY_KEY, &crate::share::history_to_json(undo, redo));
    }
}

pub fn load_history() -> (Vec<UndoEntry>, Vec<UndoEntry>) {
    storage().and_then(|s| s.get_item(HISTORY_KEY).ok().flatten()).map(|text| crate::share::history_from_json(&text)).unwrap_or_default()
}

/// Calls `undo(redo)` on Ctrl+Z (`false`) and Ctrl+Shift+Z or Ctrl+Y (`true`) outside text fields, where
/// the browser's own text undo stays. Returns a function that removes the listener.
pub fn on_undo_keys(undo: impl Fn(bool) + 'static) -> impl FnOnce() {
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
            return;
        }
        let key = e.key().to_ascii_lowercase();
        let redo = match key.as_str() {
            "z" => e.shift_key(),
            "y" => true,
            _ => return,
        };
        let typing = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            let text_input =
                el.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|i| !matches!(i.type_().as_str(), "checkbox" | "radio" | "button"));
            tag == "textarea" || text_input
        });
        // Not while a dialog is open: it holds an edit of its own.
        let dialog_open = document().and_then(|d| d.query_selector(".overlay").ok().flatten()).is_some();
        if typing || dialog_open {
            return;
        }
        e.prevent_default();
        undo(redo);
    });
    let target: Option<web_sys::EventTarget> = document().map(Into::into);
    if let Some(t) = &target {
        let _ = t.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
    }
    move || {
        if let Some(t) = &target {
            let _ = t.remove_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
        }
        drop(closure);
    }
}

/// The snapshot in the URL fragment, if any; the fragment is then removed so that edits do not
/// disagree with the address bar.
pub fn take_fragment_snapshot() -> Option<Snapshot> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    if !hash.starts_with(FRAGMENT_PREFIX) {
        return None;
    }
    let snapshot = Snapshot::from_fragment(&hash);
    if let (Ok(history), Ok(path), Ok(search)) = (window.history(), window.location().pathname(), window.location().search()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
    snapshot
}

/// The preset named in the URL fragment (`#preset=<id>`, as `<amlnet-builder preset>` links), if any;
/// the fragment is then removed like a snapshot's.
pub fn take_fragment_preset() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let id = hash.strip_prefix("#preset=")?;
    let id = js_sys::decode_uri_component(id).ok()?.as_string()?;
    if let (Ok(history), Ok(path), Ok(search)) = (window.history(), window.location().pathname(), window.location().search()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
    Some(id)
}

/// The page address with the snapshot in the fragment.
pub fn share_url(snapshot: &Snapshot) -> String {
    let base = web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}{}", l.origin().ok()?, l.pathname().ok()?, l.search().ok()?))
        })
        .unwrap_or_default();
    format!("{base}{FRAGMENT_PREFIX}{}", snapshot.encode())
}

/// `light`, `dark` or empty (follow the system).
pub fn theme() -> String {
    storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten()).unwrap_or_default()
}

pub fn set_theme(theme: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        if theme.is_empty() {
            let _ = root.remove_attribute("data-theme");
        } else {
            let _ = root.set_attribute("data-theme", theme);
        }
    }
    if let Some(s) = storage() {
        let _ = s.set_item(THEME_KEY, theme);
    }
}
