//! The overview page.

use leptos::prelude::*;

use crate::state::ViewState;
use crate::view::overview::{overview, OverviewModel};

use super::super::table::DataTable;
use super::super::trend_chart::TrendFigure;
use crate::i18n::Msg;

use super::super::{update, words_here};
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
    let groups = m.by_group;
    let w = words_here();
    let key = m.has_markers.then(|| view! { <MarkerKey /> });
    let caption = w.f(Msg::MonthlyThisAgainstBefore, &[("what", &m.trend.what)]);
    let (title, other) = if groups {
        (Msg::CrimeGroups, Msg::ShowCrimeTypes)
    } else {
        (Msg::MenuCrimeTypes, Msg::ShowCrimeGroups)
    };
    let toggle = move |_| update(view, |v| v.groups = Some(!groups));
    view! {
        <HeadlineFigures h=m.headline />
        <GuideLink view=view />
        <section aria-labelledby="table-title">
            <h2 id="table-title">{w.t(title)}</h2>
            <p class="toggle">
                <button type="button" data-testid="rows-toggle" on:click=toggle>
                    {w.t(other)}
                </button>
            </p>
            <DataTable model=m.table view=view testid="category-table" />
            {key}
        </section>
        {m.by_source.map(|t| view! {
            <section aria-labelledby="sources-title">
                <h2 id="sources-title">{w.t(Msg::RecordedByEachSource)}</h2>
                <p class="note">{w.t(Msg::SourcesNote)}</p>
                <DataTable model=t view=view testid="sources-table" />
            </section>
        })}
        <Targets model=m.targets view=view />
        <TrendFigure chart=m.trend caption=caption view=view testid="trend-chart" />
        <Findings findings=m.findings />
    }
}
