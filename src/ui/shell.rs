//! A loaded dataset's page: its banners, title, navigation, controls, the
//! page asked for and the provenance below.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::explorer_data::ExplorerData;
use crate::data::Month;
use crate::format::thousands;
use crate::state::{Page, ViewState};
use crate::view::heading::{heading, printed_line, Crumb, Heading};

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
        Page::Guide => view! { <pages::guide::GuidePage view=view /> }.into_any(),
        Page::Load => ().into_any(),
    };
    let names = {
        let data = data.clone();
        Memo::new(move |_| view.with(|v| heading(&data, v)))
    };
    // The browser's title (and a saved PDF's) names the page.
    Effect::new(move |_| document().set_title(&names.with(|h| h.title.clone())));
    view! {
        <PrintHead names=names view=view />
        {demo}
        {local.is_none().then(|| view! { <super::offline::OfflineNotice view=view /> })}
        {notice}
        {move || {
            let trail = names.with(|h| h.trail.clone());
            (!trail.is_empty()).then(|| view! { <Trail trail=trail view=view /> })
        }}
        <h1 data-testid="dataset-title">{manifest.title.clone()}</h1>
        <p class="coverage" data-testid="coverage">
            {crate::view::periods::dates_text(&data)}
        </p>
        <Nav view=view />
        <Controls view=view />
        {move || page()}
        <Provenance data=data.clone() load_summary=load_summary view=view />
    }
}

/// What only paper shows: the page's title line, when it was printed and
/// the address to return to (the view's own, so it opens this page).
#[component]
fn PrintHead(
    /// The page's names.
    names: Memo<Heading>,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let today = js_sys::Date::new_0();
    let day = today.get_date();
    let month = Month::new(today.get_full_year(), today.get_month() + 1);
    let here = super::base_url();
    let printed = move || {
        let address = format!("{here}{}", view.with(|v| v.to_query()));
        month
            .map(|m| printed_line(day, m, &address))
            .unwrap_or(address)
    };
    view! {
        <div class="print-only print-head" data-testid="print-head">
            <p class="print-line">{move || names.with(|h| h.print_line.clone())}</p>
            <p>{printed}</p>
        </div>
    }
}

/// The way back: the whole's overview, a borough's, then the page itself.
#[component]
fn Trail(
    /// Each step's name and where it leads (the page itself last).
    trail: Vec<(String, Option<Crumb>)>,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let now = view.get_untracked();
    let steps = trail
        .into_iter()
        .map(|(name, to)| match to {
            Some(crumb) => {
                let mut to = now.clone();
                to.page = Page::Overview;
                to.ward = None;
                match crumb {
                    Crumb::Whole => to.area = None,
                    Crumb::Here => {}
                    Crumb::Part(code) => to.area = Some(code),
                }
                view! { <li><ViewLink to=to view=view>{name}</ViewLink></li> }.into_any()
            }
            None => view! { <li aria-current="page">{name}</li> }.into_any(),
        })
        .collect_view();
    view! {
        <nav class="trail no-print" aria-label="Breadcrumb" data-testid="trail">
            <ol>{steps}</ol>
        </nav>
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
            "Every figure here is invented (synthetic) to show how the explorer works: none \
             counts real crimes. The notes at the foot of the page say what else, if anything, is \
             invented."
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
    /// The app's view.
    view: RwSignal<ViewState>,
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
            <super::pages::headline::GuideLink view=view />
        </footer>
    }
}
