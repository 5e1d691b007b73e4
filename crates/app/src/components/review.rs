//! Step 5, Review + export: the validation summary; each entry moves focus to its field. The exports
//! are in the preview panel beside it.

use amlnet_core::Severity;
use yew::prelude::*;

use super::{step_heading, StepProps};
use crate::state::{Action, Anchor, Step};

#[function_component(Review)]
pub fn review(p: &StepProps) -> Html {
    html! {
        <section aria-labelledby="step-review-heading">
            { step_heading(Step::Review, "Check the findings, then copy or download the files from the export panel.") }
            <Summary ..p.clone() />
        </section>
    }
}

/// The validation summary: counts and one button per finding.
#[function_component(Summary)]
pub fn summary(p: &StepProps) -> Html {
    let errors = p.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = p.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    html! {
        <div class="summary" aria-labelledby="summary-heading">
            <h3 id="summary-heading">{ "Validation summary" }</h3>
            <p class={if errors > 0 { "status bad" } else { "status good" }}>
                { format!("{errors} errors, {warnings} warnings") }
                if errors == 0 { { " — ready to export" } }
            </p>
            <ul class="findings">
                { for p.diagnostics.iter().map(|d| {
                    let anchor = Anchor::of(d);
                    let dispatch = p.dispatch.clone();
                    let sev = match d.severity { Severity::Error => "Error", Severity::Warning => "Warning", Severity::Info => "Note" };
                    let place = format!("{} › {}", anchor.step().title(), if d.path.is_empty() { d.file.clone().unwrap_or_default() } else { d.path.clone() });
                    html! {
                        <li class={classes!("finding", d.severity.as_str())}>
                            <button type="button" class="link" onclick={Callback::from(move |_| dispatch.emit(Action::Reveal(anchor)))}>
                                <span class="sev">{ sev }{ ": " }</span>{ &d.message }
                                <span class="where">{ place }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
