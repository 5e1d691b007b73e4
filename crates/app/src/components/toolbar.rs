//! The toolbar: presets, import, the change plan, share link, start over and the theme switch.

use yew::prelude::*;

use super::{event_value, StepProps};
use crate::presets::PRESETS;
use crate::share::Snapshot;
use crate::state::Action;
use crate::web;

#[function_component(Toolbar)]
pub fn toolbar(p: &StepProps) -> Html {
    let preset = use_state(|| PRESETS[0].id.to_owned());
    let share = use_state(String::new);
    let theme = use_state(web::theme);
    let load = {
        let (d, preset) = (p.dispatch.clone(), preset.clone());
        Callback::from(move |_| d.emit(Action::LoadPreset((*preset).clone())))
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
            web::clear_snapshot();
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
    let toggle_plan = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::OpenPlan(!plan_open)))
    };
    let import_open = p.state.import.open;
    let toggle_import = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::OpenImport(!import_open)))
    };
    html! {
        <div class="toolbar">
            <div class="group">
                <label for="preset">{ "Preset" }</label>
                <select id="preset" onchange={{ let preset = preset.clone(); Callback::from(move |e: Event| preset.set(event_value(&e))) }}>
                    { for PRESETS.iter().map(|pr| html! { <option value={pr.id} selected={*preset == pr.id}>{ pr.label }</option> }) }
                </select>
                <button type="button" onclick={load}>{ "Load preset" }</button>
            </div>
            <div class="group">
                <button id="open-import" type="button" aria-expanded={import_open.to_string()} aria-controls="import-panel" onclick={toggle_import}>{ "Import YAML" }</button>
                <button id="open-plan" type="button" aria-expanded={plan_open.to_string()} aria-controls="plan-panel" onclick={toggle_plan}>{ "Plan a change" }</button>
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
    }
}
