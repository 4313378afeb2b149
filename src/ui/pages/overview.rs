//! The overview page.

use leptos::prelude::*;

use crate::state::ViewState;
use crate::view::overview::{overview, OverviewModel};

use super::super::table::DataTable;
use super::super::trend_chart::TrendFigure;
use super::super::update;
use super::headline::{Findings, GuideLink, HeadlineFigures, MarkerKey, Targets};
use super::model_page;

/// Headline, category table, trend and key findings.
#[component]
pub fn OverviewPage(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    model_page(
        view,
        overview,
        |m, view| view! { <Overview m=m view=view /> }.into_any(),
        |e| view! { <p class="error" role="alert" data-testid="period-error">{e}</p> }.into_any(),
    )
}

/// The overview of one model.
#[component]
fn Overview(m: OverviewModel, view: RwSignal<ViewState>) -> impl IntoView {
    let groups = view.with_untracked(|v| v.groups);
    let key = m.has_markers.then(|| view! { <MarkerKey /> });
    let caption = format!(
        "Monthly {}: this period against the one before",
        m.trend.what
    );
    let toggle = move |_| update(view, |v| v.groups = !v.groups);
    view! {
        <HeadlineFigures h=m.headline />
        <GuideLink view=view />
        <section aria-labelledby="table-title">
            <h2 id="table-title">{if groups { "Crime groups" } else { "Crime types" }}</h2>
            <p class="toggle">
                <button type="button" data-testid="rows-toggle" on:click=toggle>
                    {if groups { "Show crime types" } else { "Show crime groups" }}
                </button>
            </p>
            <DataTable model=m.table view=view testid="category-table" />
            {key}
        </section>
        {m.by_source.map(|t| view! {
            <section aria-labelledby="sources-title">
                <h2 id="sources-title">"Recorded by each source"</h2>
                <p class="note">
                    "Each organisation's records are a series of their own: never added to \
                     another's, never to crime."
                </p>
                <DataTable model=t view=view testid="sources-table" />
            </section>
        })}
        <Targets model=m.targets view=view />
        <TrendFigure chart=m.trend caption=caption view=view testid="trend-chart" />
        <Findings findings=m.findings />
    }
}
