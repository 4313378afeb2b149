//! The ward profile: the councillor's page.

use leptos::prelude::*;

use crate::state::{Page, ViewState};
use crate::view::profile::{profile, ProfileModel};
use crate::view::wards::{no_map, wards};

use super::super::map::MapFigure;
use super::super::table::DataTable;
use super::super::trend_chart::TrendFigure;
use crate::i18n::Msg;

use super::super::{after_paint, shown, words_here};
use super::headline::{Findings, GuideLink, HeadlineFigures, MarkerKey, Targets};
use super::model_page;

/// One ward's page.
#[component]
pub fn ProfilePage(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    model_page(
        view,
        profile,
        |m, view| view! { <Profile m=m view=view /> }.into_any(),
        |e| view! { <p class="error" role="alert" data-testid="profile-error">{e}</p> }.into_any(),
    )
}

/// The profile of one model.
#[component]
fn Profile(m: ProfileModel, view: RwSignal<ViewState>) -> impl IntoView {
    let w = words_here();
    let ranks = m
        .ranks
        .iter()
        .map(|r| view! { <li>{r.clone()}</li> })
        .collect_view();
    let rate = m.rate.clone().map(|r| {
        view! { <p data-testid="profile-rate"><strong>{w.t(Msg::RateLabel)}</strong>" "{r}</p> }
    });
    let dep = m.deprivation.clone().map(|d| {
        view! { <p data-testid="profile-deprivation"><strong>{w.t(Msg::DeprivationLabel)}</strong>" "{d}</p> }
    });
    let key = m.has_markers.then(|| view! { <MarkerKey /> });
    let trend = (!m.trend.first.points.is_empty()).then(|| {
        let caption = w.f(
            Msg::MonthlyAgainst,
            &[
                ("what", &m.trend.what),
                ("first", &m.name),
                ("second", &m.trend.second.label),
            ],
        );
        view! { <TrendFigure chart=m.trend.clone() caption=caption view=view testid="profile-trend" /> }
    });
    view! {
        <article class="profile" data-testid="profile">
            <h2 class="profile-title" data-testid="profile-name">
                {format!("{} ({})", m.name, m.code)}
            </h2>
            <ul class="ranks" data-testid="profile-ranks">{ranks}</ul>
            <HeadlineFigures h=m.headline />
            <GuideLink view=view />
            {rate}
            {dep}
            <Findings findings=m.findings />
            <section aria-labelledby="profile-table-title">
                <h2 id="profile-table-title">{w.t(Msg::MenuCrimeTypes)}</h2>
                <DataTable model=m.table view=view testid="profile-table" />
                {key}
            </section>
            <Targets model=m.targets view=view />
            {trend}
            <PlaceMap code=m.code.clone() view=view />
            <p class="no-print"><button type="button" on:click=print>{w.t(Msg::PrintThisPage)}</button></p>
        </article>
    }
}

/// The ward's place in the whole: the ranking's map with this ward marked
/// (nothing when the dataset has no boundaries). Built once the figures
/// above it have painted: on a phone the map (a ranking of every ward, and
/// its names placed) stays off the way to the headline.
#[component]
fn PlaceMap(
    /// The ward's code.
    code: String,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let ready = after_paint();
    move || {
        if !ready.get() {
            return None;
        }
        let mut ranking = view.get_untracked();
        ranking.page = Page::Wards;
        let data = shown();
        if no_map(data.boundaries.len(), words_here()).is_some() {
            return None; // no map to draw: nothing to compute
        }
        let code = code.clone();
        wards(&data, &ranking)
            .ok()
            .filter(|w| !w.map.areas.is_empty())
            .map(|model| view! { <MapFigure model=model view=view marked=code /> })
    }
}

/// Opens the browser's print dialogue.
fn print(_: leptos::ev::MouseEvent) {
    if let Some(w) = web_sys::window() {
        // A browser that cannot print shows no dialogue; there is nothing
        // more to say.
        let _ = w.print();
    }
}
