//! The step list: one button per step, the current one marked, with the number of errors in each.

use yew::prelude::*;

use super::{on_click, StepProps};
use crate::state::{Action, Anchor, Step};

pub fn stepper(p: &StepProps) -> Html {
    html! {
        <nav class="stepper" aria-label="Wizard steps">
            <ol>
                { for Step::ALL.iter().map(|step| {
                    let step = *step;
                    let errors = p.diagnostics.iter().filter(|d| d.is_error() && Anchor::of(d).step() == step).count();
                    let current = p.state.step == step;
                    html! {
                        <li>
                            <button type="button" class={current.then_some("current")} aria-current={current.then_some("step")}
                                onclick={on_click(&p.dispatch, Action::GoTo(step))}>
                                <span class="num">{ step.index() + 1 }</span>{ step.title() }
                                if errors > 0 { <span class="badge">{ format!("{errors}") }<span class="sr-only">{ if errors == 1 { " error" } else { " errors" } }</span></span> }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
