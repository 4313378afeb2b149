//! The deprivation page.

use leptos::prelude::*;

use crate::state::ViewState;
use crate::view::deprivation::{deprivation_view, DeprivationModel};

use super::super::scatter_chart::ScatterFigure;
use super::super::table::DataTable;
use crate::i18n::Msg;

use super::super::words_here;
use super::headline::PeriodNotes;
use super::model_page;

/// Rate by deprivation band and the scatter.
#[component]
pub fn DeprivationPage(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    model_page(
        view,
        deprivation_view,
        |m, view| view! { <Deprivation m=m view=view /> }.into_any(),
        |e| {
            view! { <p class="note" role="status" data-testid="deprivation-error">{e}</p> }
                .into_any()
        },
    )
}

/// The bands and the scatter of one model.
#[component]
fn Deprivation(m: DeprivationModel, view: RwSignal<ViewState>) -> impl IntoView {
    let w = words_here();
    let both = (!m.high_on_both.is_empty()).then(|| {
        let names = m.high_on_both.join(", ");
        view! {
            <p data-testid="high-on-both">{w.f(Msg::HighOnBothNames, &[("names", &names)])}</p>
        }
    });
    let caption = w.t(Msg::ScatterCaption).to_string();
    view! {
        <h2>{w.t(Msg::CrimeAndDeprivation)}</h2>
        <PeriodNotes notes=m.notes.clone() />
        <p class="sentence" data-testid="deprivation-summary">{m.summary.clone()}</p>
        {both}
        <DataTable model=m.table view=view testid="deprivation-table" />
        <ScatterFigure
            scatter=m.scatter
            names=m.names
            caption=caption
            summary=m.scatter_text
            view=view
        />
    }
}
