//! A loaded dataset's page: its banners, title, navigation, controls, the
//! page asked for and the provenance below.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::explorer_data::ExplorerData;
use crate::format::thousands;
use crate::state::{Page, ViewState};

use super::controls::Controls;
use super::load::Local;
use super::nav::{Nav, ViewLink};
use super::pages;
use super::Shown;

/// A loaded dataset: its banner, title, navigation, controls, page and
/// provenance. The dataset is shared with them through context
/// ([`Shown`]).
#[component]
pub fn Shell(
    /// The dataset.
    data: Arc<ExplorerData>,
    /// The app's view.
    view: RwSignal<ViewState>,
    /// Set when the data comes from the user's own files.
    #[prop(optional)]
    local: Option<Arc<Local>>,
) -> impl IntoView {
    provide_context(Shown(data.clone()));
    let manifest = &data.manifest;
    let demo = manifest.synthetic.then(|| view! { <DemoBanner /> });
    let notice = local
        .as_ref()
        .map(|l| view! { <LocalNotice local=l.clone() view=view /> });
    let load_summary = match &local {
        Some(l) => l.summary.headline.clone(),
        None => published_summary(&data),
    };
    let page = move || match view.with(|v| v.page) {
        Page::Overview => view! { <pages::overview::OverviewPage view=view /> }.into_any(),
        Page::Wards => view! { <pages::wards::WardsPage view=view /> }.into_any(),
        Page::Ward => view! { <pages::profile::ProfilePage view=view /> }.into_any(),
        Page::Deprivation => view! { <pages::deprivation::DeprivationPage view=view /> }.into_any(),
        Page::Embed => view! { <pages::builder::BuilderPage view=view /> }.into_any(),
        Page::Load => ().into_any(),
    };
    view! {
        {demo}
        {notice}
        <h1 data-testid="dataset-title">{manifest.title.clone()}</h1>
        <p class="coverage" data-testid="coverage">
            {crate::view::periods::span_text(&data.dataset.cube)}
        </p>
        <Nav view=view />
        <Controls view=view />
        {move || page()}
        <Provenance data=data.clone() load_summary=load_summary />
    }
}

/// The rows of a published dataset's counts, and what became of them.
fn published_summary(data: &ExplorerData) -> String {
    let r = &data.report;
    format!(
        "{} rows of counts read: {} allocated to an area, {} not allocated to any area (counted in the totals), {} rejected.",
        thousands(r.rows_read),
        thousands(r.accepted),
        thousands(r.not_allocated),
        thousands(r.rejected)
    )
}

/// The banner over invented data.
#[component]
fn DemoBanner() -> impl IntoView {
    view! {
        <p class="demo-banner" data-testid="demo-banner">
            <strong>"Demo data. "</strong>
            "This borough, its wards and every figure here are invented (synthetic) to show how \
             the explorer works. They describe no real place."
        </p>
    }
}

/// What data from the user's own files means, with a link to its report.
#[component]
fn LocalNotice(
    /// The load.
    local: Arc<Local>,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let mut report = view.get_untracked();
    report.page = Page::Load;
    view! {
        <div class="local-notice" role="note" data-testid="local-notice">
            <p>
                <strong>"Your own data. "</strong>
                "These figures come from the files you loaded into this page; nothing was \
                 uploaded. A link to this page cannot carry your files: whoever opens it (and \
                 this page, if reloaded) shows the published data instead."
            </p>
            <p>
                {local.summary.adds_up.clone()}
                " "
                <ViewLink to=report view=view testid="local-report-link">
                    "See the load report"
                </ViewLink>
            </p>
        </div>
    }
}

/// Where the figures come from: caveats, attribution, licence, the load.
#[component]
fn Provenance(
    /// The dataset.
    data: Arc<ExplorerData>,
    /// What became of the rows read.
    load_summary: String,
) -> impl IntoView {
    let manifest = &data.manifest;
    let caveats = manifest
        .caveats
        .iter()
        .map(|c| view! { <li>{c.clone()}</li> })
        .collect_view();
    let licence = (!manifest.licence.is_empty()).then(|| format!("Licence: {}.", manifest.licence));
    view! {
        <footer class="provenance" data-testid="provenance">
            <h2>"About these figures"</h2>
            <ul data-testid="caveats">{caveats}</ul>
            <p data-testid="attribution">{manifest.attribution.clone()}</p>
            <p>{licence}</p>
            <p data-testid="load-report">{load_summary}</p>
        </footer>
    }
}
