//! The deprivation page.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::bundle::Bundle;
use crate::state::ViewState;
use crate::view::deprivation::deprivation_view;

use super::super::table::DataTable;
use super::super::trend_chart::ScatterFigure;
use super::headline::PeriodNotes;

/// Rate by deprivation band and the scatter.
#[component]
pub fn DeprivationPage(bundle: Arc<Bundle>, view: RwSignal<ViewState>) -> impl IntoView {
    // Recomputed when the view changes: the closure reads only `view`.
    let page = move || match view.with(|v| deprivation_view(&bundle, v)) {
        Err(e) => view! { <p class="note" role="status" data-testid="deprivation-error">{e}</p> }
            .into_any(),
        Ok(m) => {
            let both = (!m.high_on_both.is_empty()).then(|| {
                view! { <p data-testid="high-on-both">{format!("High on both crime rate and deprivation: {}.", m.high_on_both.join(", "))}</p> }
            });
            view! {
                <h2>"Crime and deprivation"</h2>
                <PeriodNotes notes=m.notes.clone() />
                <p class="sentence" data-testid="deprivation-summary">{m.summary.clone()}</p>
                {both}
                <DataTable model=m.table view=view testid="deprivation-table" />
                <ScatterFigure scatter=m.scatter names=m.names caption="Rate against deprivation, one dot per area".to_string() summary=m.scatter_text view=view />
            }
            .into_any()
        }
    };
    // A closure written in the view, so that Leptos shares one renderer
    // for every page rather than one per closure type.
    view! { {move || page()} }
}
