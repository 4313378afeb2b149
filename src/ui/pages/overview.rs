//! The overview page.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::bundle::Bundle;
use crate::state::ViewState;
use crate::view::overview::overview;

use super::super::table::DataTable;
use super::super::trend_chart::TrendFigure;
use super::super::update;
use super::headline::{Findings, HeadlineFigures, MarkerKey};

/// Headline, category table, trend and key findings.
#[component]
pub fn OverviewPage(bundle: Arc<Bundle>, view: RwSignal<ViewState>) -> impl IntoView {
    // Recomputed when the view changes: the closure reads only `view`.
    let page = move || match view.with(|v| overview(&bundle, v)) {
        Err(e) => {
            view! { <p class="error" role="alert" data-testid="period-error">{e}</p> }.into_any()
        }
        Ok(m) => {
            let groups = view.with_untracked(|v| v.groups);
            let key = m.has_markers.then(|| view! { <MarkerKey /> });
            let caption = format!(
                "Monthly {}: this period against the one before",
                m.trend.what
            );
            view! {
                <HeadlineFigures h=m.headline />
                <section aria-labelledby="table-title">
                    <h2 id="table-title">{if groups { "Crime groups" } else { "Crime types" }}</h2>
                    <p class="toggle">
                        <button type="button" data-testid="rows-toggle" on:click=move |_| update(view, |v| v.groups = !v.groups)>
                            {if groups { "Show crime types" } else { "Show crime groups" }}
                        </button>
                    </p>
                    <DataTable model=m.table view=view testid="category-table" />
                    {key}
                </section>
                <TrendFigure chart=m.trend caption=caption view=view testid="trend-chart" />
                <Findings findings=m.findings />
            }
            .into_any()
        }
    };
    // A closure written in the view, so that Leptos shares one renderer
    // for every page rather than one per closure type.
    view! { {move || page()} }
}
