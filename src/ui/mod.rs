//! The UI layer (wasm32 only): Leptos components that render the view
//! models of `crate::view`. Nothing here computes a figure.

mod controls;
mod datasets;
mod download;
mod embed;
mod fetch;
mod load;
mod map;
mod menu;
mod nav;
mod pages;
mod table;
mod trend_chart;

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::bundle::Bundle;
use crate::format::thousands;
use crate::state::{Page, ViewState};

use fetch::load_dataset;
use nav::Nav;

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Moves to `next`: updates the state and adds a history entry, so that a
/// copied address reproduces the view and back/forward work.
pub fn navigate(view: RwSignal<ViewState>, next: ViewState) {
    if view.with_untracked(|v| *v == next) {
        return;
    }
    let query = next.to_query();
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query));
    }
    view.set(next);
}

/// Changes the state with `f` and navigates there.
pub fn update(view: RwSignal<ViewState>, f: impl FnOnce(&mut ViewState)) {
    let mut next = view.get_untracked();
    f(&mut next);
    navigate(view, next);
}

/// The whole app: reads the view from the URL, loads its dataset once,
/// then shows the page.
#[component]
pub fn App() -> impl IntoView {
    let view = RwSignal::new(ViewState::from_query(&location_search()));
    // Back and forward restore the view from the URL (syncing with the
    // browser's history is what an effect-like listener is for).
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        view.set(ViewState::from_query(&location_search()));
    });
    let (data, set_data) = signal(None::<Result<Arc<Bundle>, String>>);
    if view.with_untracked(|v| v.embed.is_some()) {
        view.with_untracked(embed::apply_theme);
    }
    let name = view.get_untracked().dataset;
    let embedded = view.with_untracked(|v| v.embed.is_some());
    let picker_name = name.clone();
    let (index, set_index) = signal(Vec::new());
    let local = RwSignal::new(None::<Arc<load::Local>>);
    let on_load_page = Memo::new(move |_| view.with(|v| v.page == Page::Load));
    leptos::task::spawn_local(async move {
        set_data.set(Some(load_dataset(&name).await.map(Arc::new)));
        if !embedded {
            set_index.set(datasets::load_index().await);
        }
    });
    view! {
        {(!embedded).then(|| view! {
            <a class="skip" href="#main">"Skip to content"</a>
            <header class="site-header">
                <p class="brand">"Community Safety Explorer"</p>
                {move || view! { <datasets::DatasetPicker entries=index.get() current=picker_name.clone() /> }}
                <p class="load-link"><a href="?page=load" data-testid="nav-load" on:click=move |ev| {
                    ev.prevent_default();
                    update(view, |v| v.page = Page::Load);
                }>"Load your own data"</a></p>
            </header>
        })}
        <main id="main" tabindex="-1">
            {move || if on_load_page.get() {
                view! { <load::LoadPage view=view local=local /> }.into_any()
            } else if let Some(l) = local.get() {
                view! { <Shell bundle=l.bundle.clone() view=view local=l /> }.into_any()
            } else { match data.get() {
                None => view! {
                    <p class="status" role="status" data-testid="loading">"Loading the data…"</p>
                }
                .into_any(),
                Some(Err(message)) => view! {
                    <div class="error" role="alert" data-testid="load-error">
                        <h1>"The data could not be loaded"</h1>
                        <p>{message}</p>
                    </div>
                }
                .into_any(),
                Some(Ok(bundle)) if view.with_untracked(|v| v.embed.is_some()) => {
                    view! { <embed::EmbedShell bundle=bundle view=view /> }.into_any()
                }
                Some(Ok(bundle)) => view! { <Shell bundle=bundle view=view /> }.into_any(),
            }}}
        </main>
    }
}

/// A loaded dataset: its banner, title, navigation, controls, page and
/// provenance.
#[component]
fn Shell(
    bundle: Arc<Bundle>,
    view: RwSignal<ViewState>,
    /// Set when the data comes from the user's own files.
    #[prop(optional)]
    local: Option<Arc<load::Local>>,
) -> impl IntoView {
    let manifest = &bundle.manifest;
    let cube = &bundle.dataset.cube;
    let demo = manifest.synthetic.then(|| {
        view! {
            <p class="demo-banner" data-testid="demo-banner">
                <strong>"Demo data. "</strong>
                "This borough, its wards and every figure here are invented (synthetic) to show how the explorer works. They describe no real place."
            </p>
        }
    });
    let r = &bundle.report;
    let notice = local.as_ref().map(|l| {
        let mut to = view.get_untracked();
        to.page = Page::Load;
        view! {
            <div class="local-notice" role="note" data-testid="local-notice">
                <p><strong>"Your own data. "</strong>"These figures come from the files you loaded into this page; nothing was uploaded. A link to this page cannot carry your files: whoever opens it (and this page, if reloaded) shows the published data instead."</p>
                <p>{l.summary.adds_up.clone()}" "<nav::ViewLink to=to view=view testid="local-report-link">"See the load report"</nav::ViewLink></p>
            </div>
        }
    });
    let load_summary = match &local {
        Some(l) => l.summary.headline.clone(),
        None => format!(
        "{} rows of counts read: {} allocated to an area, {} not allocated to any area (counted in the totals), {} rejected.",
        thousands(r.rows_read),
        thousands(r.accepted),
        thousands(r.not_allocated),
        thousands(r.rejected)
    ),
    };
    let caveats = manifest
        .caveats
        .iter()
        .map(|c| view! { <li>{c.clone()}</li> })
        .collect_view();
    let licence = (!manifest.licence.is_empty()).then(|| format!("Licence: {}.", manifest.licence));
    let page_bundle = bundle.clone();
    view! {
        {demo}
        {notice}
        <h1 data-testid="dataset-title">{manifest.title.clone()}</h1>
        <p class="coverage" data-testid="coverage">{crate::view::periods::span_text(cube)}</p>
        <Nav bundle=bundle.clone() view=view />
        <controls::Controls bundle=bundle.clone() view=view />
        {move || {
            let b = page_bundle.clone();
            match view.with(|v| v.page) {
                Page::Overview => view! { <pages::overview::OverviewPage bundle=b view=view /> }.into_any(),
                Page::Wards => view! { <pages::wards::WardsPage bundle=b view=view /> }.into_any(),
                Page::Ward => view! { <pages::profile::ProfilePage bundle=b view=view /> }.into_any(),
                Page::Deprivation => view! { <pages::deprivation::DeprivationPage bundle=b view=view /> }.into_any(),
                Page::Embed => view! { <pages::builder::BuilderPage bundle=b view=view /> }.into_any(),
                Page::Load => ().into_any(),
            }
        }}
        <footer class="provenance" data-testid="provenance">
            <h2>"About these figures"</h2>
            <ul data-testid="caveats">{caveats}</ul>
            <p data-testid="attribution">{manifest.attribution.clone()}</p>
            <p>{licence}</p>
            <p data-testid="load-report">{load_summary}</p>
        </footer>
    }
}
