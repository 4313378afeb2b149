//! "How to read these figures" (`view::guide`): headed paragraphs.

use leptos::prelude::*;

use crate::state::ViewState;
use crate::ui::{base_url, shown, words_of};
use crate::view::guide::guide;

/// The guide page.
#[component]
pub fn GuidePage(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let address = format!("{}{}", base_url(), view.with_untracked(|v| v.to_query()));
    let sections = guide(&shown(), &address, words_of(view))
        .into_iter()
        .map(|s| {
            let paragraphs = s
                .paragraphs
                .into_iter()
                .map(|p| view! { <p>{p}</p> })
                .collect_view();
            view! {
                <section>
                    <h2>{s.heading}</h2>
                    {paragraphs}
                </section>
            }
        })
        .collect_view();
    view! { <article class="guide" data-testid="guide">{sections}</article> }
}
