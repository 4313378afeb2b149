//! A loaded dataset's page: its banners, title, navigation, controls, the
//! page asked for and the provenance below.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::explorer_data::ExplorerData;
use crate::data::Month;
use crate::format::thousands;
use crate::i18n::{Msg, Words};
use crate::state::{Page, ViewState};
use crate::view::heading::{heading, printed_line, Crumb, Heading};

use super::controls::Controls;
use super::load::Local;
use super::nav::{Nav, ViewLink};
use super::pages;
use super::{words_of, Shown};

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
    // The ranking of the view first shown, made while its figures are
    // read rather than on the first move to the ranking.
    let prepared = data.clone();
    super::when_idle(move || {
        crate::view::wards::prepare_ranking(&prepared, &view.get_untracked());
    });
    let w = words_of(view);
    let manifest = &data.manifest;
    let demo = manifest.synthetic.then(|| view! { <DemoBanner w=w /> });
    let notice = local
        .as_ref()
        .map(|l| view! { <LocalNotice local=l.clone() view=view /> });
    let load_summary = match &local {
        Some(l) => l.summary.headline.clone(),
        None => published_summary(&data, w),
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
        <h1 data-testid="dataset-title">{manifest.title_in(w.lang()).to_string()}</h1>
        <p class="coverage" data-testid="coverage">
            {crate::view::periods::dates_text(&data, w)}
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
    let w = words_of(view);
    let printed = move || {
        let address = format!("{here}{}", view.with(|v| v.to_query()));
        month
            .map(|m| printed_line(day, m, &address, w))
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
        <nav class="trail no-print" aria-label=words_of(view).t(Msg::Breadcrumb) data-testid="trail">
            <ol>{steps}</ol>
        </nav>
    }
}

/// The rows of a published dataset's counts, and what became of them.
fn published_summary(data: &ExplorerData, w: &Words) -> String {
    let r = &data.report;
    w.f(
        Msg::PublishedSummary,
        &[
            ("read", &thousands(r.rows_read)),
            ("accepted", &thousands(r.accepted)),
            ("not_allocated", &thousands(r.not_allocated)),
            ("rejected", &thousands(r.rejected)),
        ],
    )
}

/// The banner over invented data.
#[component]
fn DemoBanner(
    /// The page's words.
    w: &'static Words,
) -> impl IntoView {
    view! {
        <p class="demo-banner" data-testid="demo-banner">
            <strong>{w.t(Msg::DemoData)}</strong>
            " "
            {w.t(Msg::DemoDataText)}
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
    let w = words_of(view);
    view! {
        <div class="local-notice" role="note" data-testid="local-notice">
            <p>
                <strong>{w.t(Msg::YourOwnData)}</strong>
                " "
                {w.t(Msg::YourOwnDataText)}
            </p>
            <p>
                {local.summary.adds_up.clone()}
                " "
                <ViewLink to=report view=view testid="local-report-link">
                    {w.t(Msg::SeeTheLoadReport)}
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
    let w = words_of(view);
    let caveats = manifest
        .caveats_in(w.lang())
        .into_iter()
        .map(|c| view! { <li>{c.to_string()}</li> })
        .collect_view();
    let licence = (!manifest.licence.is_empty()).then(|| {
        w.f(
            Msg::LicenceIs,
            &[("licence", manifest.licence_in(w.lang()))],
        )
    });
    view! {
        <footer class="provenance" data-testid="provenance">
            <h2>{w.t(Msg::AboutTheseFigures)}</h2>
            <ul data-testid="caveats">{caveats}</ul>
            <p data-testid="attribution">{manifest.attribution_in(w.lang()).to_string()}</p>
            <p>{licence}</p>
            <p data-testid="load-report">{load_summary}</p>
            <super::pages::headline::GuideLink view=view />
        </footer>
    }
}
