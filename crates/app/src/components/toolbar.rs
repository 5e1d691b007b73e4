//! The toolbar: presets, import, the change plan, share link, undo and redo, start over and the theme
//! switch. On a phone it folds behind a Menu button so the header stays one line.

use yew::prelude::*;

use super::{event_value, on_click, StepProps};
use crate::presets::PRESETS;
use crate::share::Snapshot;
use crate::state::Action;
use crate::web;

/// The toolbar's own state, held by the root (so that the toolbar is a plain function).
pub struct Bar {
    /// The preset chosen in the box; it names none once one is loaded: the wizard may differ from it
    /// after any edit.
    pub preset: UseStateHandle<String>,
    pub menu_open: UseStateHandle<bool>,
    /// The last share link made.
    pub share: UseStateHandle<String>,
    pub theme: UseStateHandle<String>,
}

pub fn toolbar(p: &StepProps, bar: &Bar) -> Html {
    let (preset, menu_open, share, theme) = (bar.preset.clone(), bar.menu_open.clone(), bar.share.clone(), bar.theme.clone());
    let load = {
        let (d, preset) = (p.dispatch.clone(), preset.clone());
        Callback::from(move |_| {
            if !preset.is_empty() {
                d.emit(Action::LoadPreset((*preset).clone()));
                preset.set(String::new());
            }
        })
    };
    let undo = on_click(&p.dispatch, Action::Undo);
    let redo = on_click(&p.dispatch, Action::Redo);
    let undo_label = p.state.undo.last().map(|e| format!("Undo: {} (Ctrl+Z)", e.label)).unwrap_or_else(|| "Nothing to undo".to_owned());
    let redo_label = p.state.redo.last().map(|e| format!("Redo: {} (Ctrl+Shift+Z)", e.label)).unwrap_or_else(|| "Nothing to redo".to_owned());
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_| menu_open.set(!*menu_open))
    };
    let make_link = {
        let (d, share, state) = (p.dispatch.clone(), share.clone(), p.state.clone());
        Callback::from(move |_| {
            let url = web::share_url(&Snapshot::of(&state));
            share.set(url.clone());
            let d = d.clone();
            web::copy(url, move |ok| {
                d.emit(Action::Notice(if ok { "Share link created and copied" } else { "Share link created; copy it from the box" }.to_owned()));
            });
        })
    };
    let start_over = {
        let (d, share) = (p.dispatch.clone(), share.clone());
        Callback::from(move |_| {
            share.set(String::new());
            d.emit(Action::StartOver);
        })
    };
    let toggle_theme = {
        let theme = theme.clone();
        Callback::from(move |_| {
            let next = match theme.as_str() {
                "" => "dark",
                "dark" => "light",
                _ => "",
            };
            web::set_theme(next);
            theme.set(next.to_owned());
        })
    };
    let theme_label = match theme.as_str() {
        "dark" => "Theme: dark",
        "light" => "Theme: light",
        _ => "Theme: system",
    };
    let plan_open = p.state.plan.open;
    let toggle_plan = on_click(&p.dispatch, Action::OpenPlan(!plan_open));
    let policy_open = p.state.policy.open;
    let toggle_policy = on_click(&p.dispatch, Action::OpenPolicy(!policy_open));
    let policy_label = match &p.state.policy.loaded {
        Some(loaded) if loaded.reading.has_errors() => "Policy (broken)".to_owned(),
        Some(loaded) => format!("Policy: {}", loaded.reading.policy.name.as_deref().unwrap_or("loaded")),
        None => "Policy".to_owned(),
    };
    let import_open = p.state.import.open;
    let toggle_import = on_click(&p.dispatch, Action::OpenImport(!import_open));
    html! {
        <>
        <button type="button" class="menu-toggle" aria-expanded={menu_open.to_string()} aria-controls="toolbar" onclick={toggle_menu}>{ "Menu" }</button>
        <div class={if *menu_open { "toolbar open" } else { "toolbar" }} id="toolbar">
            <div class="group">
                <label for="preset">{ "Preset" }</label>
                <select id="preset" onchange={{ let preset = preset.clone(); Callback::from(move |e: Event| preset.set(event_value(&e))) }}>
                    <option value="" selected={preset.is_empty()}>{ "Choose a preset…" }</option>
                    { for PRESETS.iter().map(|pr| html! { <option value={pr.id} selected={*preset == pr.id}>{ pr.label }</option> }) }
                </select>
                <button type="button" onclick={load} disabled={preset.is_empty()}>{ "Load preset" }</button>
            </div>
            <div class="group">
                <button type="button" id="undo" onclick={undo} disabled={p.state.undo.is_empty()} title={undo_label}>{ "Undo" }</button>
                <button type="button" id="redo" onclick={redo} disabled={p.state.redo.is_empty()} title={redo_label}>{ "Redo" }</button>
            </div>
            <div class="group">
                <button id="open-import" type="button" aria-expanded={import_open.to_string()} aria-controls="import-panel" onclick={toggle_import}>{ "Import YAML" }</button>
                <button id="open-plan" type="button" aria-expanded={plan_open.to_string()} aria-controls="plan-panel" onclick={toggle_plan}>{ "Plan a change" }</button>
                <button id="open-policy" type="button" aria-expanded={policy_open.to_string()} aria-controls="policy-panel" onclick={toggle_policy}>{ policy_label }</button>
                <button type="button" onclick={make_link}>{ "Create share link" }</button>
                <button type="button" onclick={start_over}>{ "Start over" }</button>
                <button type="button" onclick={toggle_theme}>{ theme_label }</button>
            </div>
            if !share.is_empty() {
                <div class="group share">
                    <label for="share-link">{ "Share link" }</label>
                    <input id="share-link" type="text" readonly=true value={(*share).clone()} />
                    <p class="hint">{ "The configuration is in the part after #, which browsers never send to a server." }</p>
                </div>
            }
        </div>
        </>
    }
}
