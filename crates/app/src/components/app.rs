//! The root component: holds the reducer, runs the core's check once per change, and lays out the
//! toolbar, the import and plan panels, the steps, the preview (diagram, summary and exports) and the
//! dialogs (rule, rule documentation, export with errors) and the notice with Undo. Side effects (focus,
//! local storage, the Ctrl+Z listener) run after render.

use std::rc::Rc;

use amlnet_core::Severity;
use yew::prelude::*;

use super::basics::basics;
use super::diagram::diagram;
use super::docs::{explain_dialog, load_rule_docs};
use super::endpoint::endpoint;
use super::export_panel::{export_panel, export_question, use_exports};
use super::import_panel::import_panel;
use super::networking::networking;
use super::plan_panel::{plan_key, plan_panel, plan_view, request_plan, LastPlan};
use super::policy_panel::policy_panel;
use super::review::review;
use super::rule_dialog::rule_dialog;
use super::rules::rules;
use super::stepper::stepper;
use super::summary::summary_panel;
use super::toolbar::{toolbar, Bar};
use super::{on_click, StepProps};
use crate::share::Snapshot;
use crate::state::{check_with_policy, Action, State, Step};
use crate::text::plural;
use crate::web;

/// The state on load: a preset or share link in the fragment first, then local storage, then the demo.
fn initial_state() -> State {
    let mut state = State::demo();
    (state.undo, state.redo) = web::load_history();
    if let Some(preset) = web::take_fragment_preset() {
        state.apply(Action::LoadPreset(preset));
    } else if let Some(snapshot) = web::take_fragment_snapshot().or_else(web::load_snapshot) {
        state.apply(Action::Restore(snapshot));
    }
    state
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let diagnostics = use_memo((state.config.clone(), state.policy.loaded.clone()), |(config, policy)| check_with_policy(config, policy.as_ref()));
    let summary = use_memo(state.config.clone(), amlnet_core::summary::summarize);
    let bar = Bar { preset: use_state(String::new), menu_open: use_state(|| false), share: use_state(String::new), theme: use_state(web::theme) };
    // The last plan of the full core; a new one is asked for when the current state or the wizard changes.
    let plan = use_state(LastPlan::default);
    let key = plan_key(&state);
    {
        let plan = plan.clone();
        use_effect_with(key.clone(), move |key| request_plan(&plan, key));
    }
    let exports = use_exports(&state.config);
    // The rules step's filter, emptied when the step changes (as it was when the step was a component).
    let filter = use_state(String::new);
    {
        let filter = filter.clone();
        use_effect_with(state.step, move |_| {
            if !filter.is_empty() {
                filter.set(String::new());
            }
        });
    }
    // The diagram's Full size switch.
    let zoomed = use_state(|| false);
    // The documentation of the rule code being explained, with that code (`None` in it: not readable).
    let docs = use_state(|| None::<(&'static str, Option<String>)>);
    {
        let docs = docs.clone();
        use_effect_with(state.explain, move |code| {
            if let Some(code) = *code {
                load_rule_docs(code, move |text| docs.set(Some((code, text))));
            }
        });
    }
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    {
        use_effect_with(state.focus.clone(), |focus| {
            if let Some(f) = focus {
                web::focus(&f.id);
            }
        });
    }
    {
        let handle = state.clone();
        use_effect_with((state.config.clone(), state.step, state.policy.loaded.clone()), move |_| web::save_snapshot(&Snapshot::of(&handle)));
    }
    {
        let handle = state.clone();
        use_effect_with((state.undo.len(), state.redo.len(), state.undo.last().map(|e| e.label.clone())), move |_| {
            web::save_history(&handle.undo, &handle.redo)
        });
    }
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| web::on_undo_keys(move |redo| d.emit(if redo { Action::Redo } else { Action::Undo })));
    }
    let props = StepProps { state: Rc::new((*state).clone()), diagnostics: diagnostics.clone(), dispatch: dispatch.clone() };
    let step = state.step;
    let body = match step {
        Step::Basics => basics(&props),
        Step::Networking => networking(&props),
        Step::Rules => rules(&props, &filter),
        Step::Endpoint => endpoint(&props),
        Step::Review => review(&props),
    };
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let dialog_open = state.dialog.is_some() || state.explain.is_some() || state.export_question.is_some();
    html! {
        <>
            <div class="page" inert={dialog_open}>
                <a class="skip" href="#main">{ "Skip to the wizard" }</a>
                <header class="top">
                    <div class="brand">
                        <h1>{ "amlnet builder" }</h1>
                        <p>{ "Azure Machine Learning network isolation: build, check and export" }</p>
                    </div>
                    { toolbar(&props, &bar) }
                </header>
                <div class="layout">
                    <main id="main" tabindex="-1">
                        if let Some(toast) = &state.toast {
                            <div class="toast" role="region" aria-label="Last change">
                                <p>{ format!("{toast}.") }</p>
                                <button type="button" id="toast-undo" class="primary" onclick={on_click(&dispatch, Action::Undo)}>{ "Undo" }</button>
                                <button type="button" aria-label="Dismiss the notice" onclick={on_click(&dispatch, Action::DismissToast)}>{ "×" }</button>
                            </div>
                        }
                        { import_panel(&props) }
                        { plan_panel(&props) }
                        { policy_panel(&props) }
                        { stepper(&props) }
                        // Keyed: a new step is a new subtree, not the last step's fields patched.
                        <div class="step" key={step.id()}>{ body }</div>
                        <div class="step-nav">
                            if let Some(prev) = step.previous() {
                                <button type="button" onclick={on_click(&dispatch, Action::Back)}>{ format!("Back: {}", prev.title()) }</button>
                            }
                            if let Some(following) = step.next() {
                                <button type="button" class="primary" onclick={on_click(&dispatch, Action::Next)}>{ format!("Next: {}", following.title()) }</button>
                            }
                        </div>
                    </main>
                    <aside class="preview" aria-label="Preview">
                        <section class="panel" aria-labelledby="diagram-heading">
                            <h2 id="diagram-heading">{ "Diagram" }</h2>
                            { diagram(&state.config, &zoomed) }
                        </section>
                        { plan_view(&props, key, &plan) }
                        { summary_panel(&summary, &dispatch) }
                        { export_panel(&props, &exports) }
                    </aside>
                </div>
                <footer class="foot">
                    <p>{ "Runs entirely in your browser: nothing is sent anywhere. " }
                    <span class="counts">{ format!("{}, {}", plural(errors, "error"), plural(warnings, "warning")) }</span></p>
                </footer>
            </div>
            { rule_dialog(&props) }
            if let Some(code) = state.explain { { explain_dialog(code, docs.as_ref().filter(|(c, _)| *c == code).map(|(_, text)| text), &dispatch) } }
            if let Some(intent) = state.export_question { { export_question(intent, &props) } }
            <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
                { format!("{} {}, {}.", state.notice, plural(errors, "error"), plural(warnings, "warning")) }
            </div>
        </>
    }
}
