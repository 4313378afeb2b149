//! The wards page: ranking table and map.

use leptos::prelude::*;

use crate::state::ViewState;
use crate::view::wards::{wards, WardsModel};

use super::super::map::MapFigure;
use super::super::shown;
use super::super::table::DataTable;
use super::headline::PeriodNotes;

/// The ranking and the map.
#[component]
pub fn WardsPage(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let bundle = shown();
    // Computed in `crate::view` when the view changes.
    let model = Memo::new(move |_| view.with(|v| wards(&bundle, v)));
    let page = move || match model.get() {
        Err(e) => {
            view! { <p class="error" role="alert" data-testid="period-error">{e}</p> }.into_any()
        }
        Ok(m) => view! { <Wards m=m view=view /> }.into_any(),
    };
    // A closure written in the view, so that Leptos shares one renderer
    // for every page rather than one per closure type.
    view! { {move || page()} }
}

/// The ranking of one model.
#[component]
fn Wards(m: WardsModel, view: RwSignal<ViewState>) -> impl IntoView {
    let whole = m
        .whole_rate
        .clone()
        .map(|w| view! { <p class="note" data-testid="whole-rate">{w}</p> });
    let title = format!(
        "{} ranked by {}",
        crate::view::common::capitalise(&m.level_plural),
        m.measure_label
    );
    view! {
        <h2>{title}</h2>
        <PeriodNotes notes=m.notes.clone() />
        {whole}
        <MapFigure model=m.clone() view=view />
        <DataTable model=m.table view=view testid="ranking-table" />
        <p class="note">
            "Rank 1 = the most. Areas with equal figures share a rank. Movement compares with the \
             rank in the previous period by the same measure. “Higher” or “lower” means the \
             area’s 95% interval lies wholly above or below the whole area’s rate."
        </p>
    }
}
