//! The wards page: ranking table and map.

use leptos::prelude::*;

use crate::state::ViewState;
use crate::view::wards::{wards_prepared, WardsModel};

use super::super::map::MapFigure;
use super::super::table::{CellLink, DataTable};
use crate::i18n::Msg;

use super::super::words_here;
use super::headline::PeriodNotes;
use super::model_page;

/// The ranking and the map.
#[component]
pub fn WardsPage(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    model_page(
        view,
        wards_prepared,
        |m, view| view! { <Wards m=m view=view /> }.into_any(),
        |e| view! { <p class="error" role="alert" data-testid="period-error">{e}</p> }.into_any(),
    )
}

/// The ranking of one model.
#[component]
fn Wards(m: WardsModel, view: RwSignal<ViewState>) -> impl IntoView {
    let w = words_here();
    let whole = m
        .whole_rate
        .clone()
        .map(|r| view! { <p class="note" data-testid="whole-rate">{r}</p> });
    let title = w.f(
        Msg::RankedBy,
        &[
            ("plural", &crate::view::common::capitalise(&m.level_plural)),
            ("measure", &m.measure_label),
        ],
    );
    view! {
        <h2>{title}</h2>
        <PeriodNotes notes=m.notes.clone() />
        {whole}
        <MapFigure model=m.clone() view=view />
        <DataTable model=m.table view=view testid="ranking-table" />
        {(!m.within.is_empty()).then(|| {
            let links = m
                .within
                .iter()
                .map(|(name, href)| view! { <li><CellLink href=href.clone() text=name.clone() view=view /></li> })
                .collect_view();
            view! {
                <h3 id="within-title">{w.t(Msg::RankWithin)}</h3>
                <ul class="within" aria-labelledby="within-title" data-testid="rank-within">{links}</ul>
            }
        })}
        {(!m.peers.is_empty()).then(|| {
            let items = m.peers.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view();
            view! {
                <h3 id="peers-title">{w.t(Msg::EachAmongPeers)}</h3>
                <ul class="peers" aria-labelledby="peers-title" data-testid="peers">{items}</ul>
            }
        })}
        <p class="note">{w.t(Msg::RankingNote)}</p>
    }
}
