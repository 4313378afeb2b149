//! One component per page, each rendering its view model; [`model_page`]:
//! how every page of figures computes its model and says when there is none.

pub mod builder;
pub mod deprivation;
pub mod guide;
pub mod headline;
pub mod overview;
pub mod profile;
pub mod wards;

use leptos::prelude::*;

use crate::data::explorer_data::ExplorerData;
use crate::state::ViewState;

use super::shown;

/// A page of the dataset on show: its view model computed in `crate::view`
/// whenever the view changes (wrapped once in a `Memo`) and rendered by
/// `show`, or why there is none, rendered by `failed`.
pub fn model_page<M>(
    view: RwSignal<ViewState>,
    model: fn(&ExplorerData, &ViewState) -> Result<M, String>,
    show: fn(M, RwSignal<ViewState>) -> AnyView,
    failed: fn(String) -> AnyView,
) -> impl IntoView
where
    M: Clone + Send + Sync + 'static,
{
    let data = shown();
    // Recomputed only when the view changes. Every control on a page of
    // figures changes its model, so the memo does not compare old and new:
    // that would walk through both models each time to find them different.
    let model = Memo::new_with_compare(move |_| view.with(|v| model(&data, v)), |_, _| true);
    let page = move || match model.get() {
        Ok(m) => show(m, view),
        Err(e) => failed(e),
    };
    // A closure written in the view, so that Leptos shares one renderer
    // for every page rather than one per closure type.
    view! { {move || page()} }
}
