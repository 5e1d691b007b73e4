//! The cost and security summary beside the diagram: the core's sections (outbound paths, data
//! exfiltration protection, what is billed, inbound access), with a button that copies the plain-text
//! form for a change request. Each section collapses; code spans read as code (the plain text of each
//! line is in `data-text`, the same as `amlnet summary`).

use std::rc::Rc;

use amlnet_core::summary::{Summary, Tone};
use yew::prelude::*;

use super::rich;
use crate::state::Action;
use crate::web;

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "good",
        Tone::Neutral => "neutral",
        Tone::Risk => "risk",
        Tone::Cost => "cost",
    }
}

/// A word for screen readers and for readers who do not see the colour.
fn tone_word(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "Holds: ",
        Tone::Neutral => "",
        Tone::Risk => "Risk: ",
        Tone::Cost => "Billed: ",
    }
}

/// The panel of `summary` (the root memoises the core's `summarize` of the configuration).
pub fn summary_panel(summary: &Rc<Summary>, dispatch: &Callback<Action>) -> Html {
    let copy = {
        // The text is made on click, not on every render of the preview.
        let (summary, d) = (summary.clone(), dispatch.clone());
        Callback::from(move |_| {
            let d = d.clone();
            web::copy(summary.render_text(), move |ok| {
                d.emit(Action::Notice(if ok { "Copied the summary" } else { "Could not copy the summary" }.to_owned()))
            });
        })
    };
    html! {
        <section class="panel cost-summary" aria-labelledby="summary-heading">
            <div class="file-head">
                <h2 id="summary-heading">{ "Cost and security summary" }</h2>
                <button type="button" onclick={copy}>{ "Copy summary" }</button>
            </div>
            { for summary.sections.iter().map(|section| html! {
                <details class="summary-section" open=true data-section={section.id}>
                    <summary><h3 id={format!("summary-{}", section.id)}>{ &section.title }</h3></summary>
                    <ul aria-labelledby={format!("summary-{}", section.id)}>
                        { for section.lines.iter().map(|line| html! {
                            <li class={["tone ", tone_class(line.tone)].concat()} data-text={line.text.clone()}>
                                if !tone_word(line.tone).is_empty() { <span class="sr-only">{ tone_word(line.tone) }</span> }
                                { rich(&line.text) }
                            </li>
                        }) }
                    </ul>
                </details>
            }) }
        </section>
    }
}
