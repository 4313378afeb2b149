//! Embedded views for partner sites (`?embed=`): minimal chrome, the source
//! and licence, a link to the full explorer, and the page's height posted
//! to the host so its iframe fits.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::data::explorer_data::ExplorerData;
use crate::data::Manifest;
use crate::state::{EmbedKind, Theme, ViewState};
use crate::view::embed::{card, full_view, title as embed_title};
use crate::view::{common::setup, overview::overview, profile::profile, wards::wards};

use super::map::MapFigure;
use super::pages::headline::{HeadlineFigures, PeriodNotes};
use super::table::DataTable;
use super::trend_chart::TrendFigure;
use super::Shown;
use crate::i18n::{Msg, Words};

/// Applies the theme and accent colour to the document (through the DOM
/// and CSSOM, which a strict Content-Security-Policy allows).
pub fn apply_theme(state: &ViewState) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    // A class or colour the browser refuses leaves the default look.
    let _ = root.class_list().add_1("embedded");
    if state.theme == Theme::Dark {
        let _ = root.class_list().add_1("theme-dark");
    }
    if let (Some(accent), Ok(el)) = (&state.accent, root.dyn_into::<web_sys::HtmlElement>()) {
        let _ = el.style().set_property("--accent", accent);
    }
}

/// Posts `{type: "cse-resize", height}` to the host page now and whenever
/// `element` changes size. Nothing is sent when the page is not framed.
fn post_height_of(element: web_sys::Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    if parent == window {
        return;
    }
    let target = element.clone();
    let post = move || {
        let height = target.get_bounding_client_rect().height().ceil();
        let msg = js_sys::Object::new();
        // Setting a member of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(
            &msg,
            &JsValue::from_str("type"),
            &JsValue::from_str("cse-resize"),
        );
        let _ = js_sys::Reflect::set(
            &msg,
            &JsValue::from_str("height"),
            &JsValue::from_f64(height),
        );
        // Only a height is sent, so any host may read it.
        let _ = parent.post_message(&msg, "*");
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&element);
    }
    callback.forget();
}

/// The figures of one embedded view, or why there are none.
fn body(
    kind: EmbedKind,
    b: &ExplorerData,
    state: &ViewState,
    view: RwSignal<ViewState>,
) -> AnyView {
    let profile_or_overview = state.ward.is_some();
    let w = super::words_of(view);
    let body = match kind {
        EmbedKind::Card => card(b, state).map(|m| {
            let mut h = m.headline;
            h.title = format!("{}: {}", m.place, h.title);
            view! { <HeadlineFigures h=h /> }.into_any()
        }),
        EmbedKind::Trend => {
            let chart = if profile_or_overview {
                profile(b, state).map(|m| m.trend)
            } else {
                overview(b, state).map(|m| m.trend)
            };
            chart.map(|chart| {
                let caption = w.f(
                    Msg::MonthlyAgainst,
                    &[
                        ("what", &chart.what),
                        ("first", &chart.first.label),
                        ("second", &chart.second.label),
                    ],
                );
                view! { <TrendFigure chart=chart caption=caption view=view testid="embed-trend" /> }
                    .into_any()
            })
        }
        EmbedKind::Table => {
            let table = if profile_or_overview {
                profile(b, state).map(|m| m.table)
            } else {
                overview(b, state).map(|m| m.table)
            };
            table.map(|t| view! { <DataTable model=t view=view testid="embed-table" /> }.into_any())
        }
        EmbedKind::Ranking => wards(b, state).map(|m| {
            let mut t = std::sync::Arc::unwrap_or_clone(m.table);
            t.rows.truncate(state.top as usize);
            t.caption = w.f(
                Msg::TopOf,
                &[("n", &state.top.to_string()), ("caption", &t.caption)],
            );
            view! { <DataTable model=t view=view testid="embed-ranking" /> }.into_any()
        }),
        EmbedKind::Map => {
            wards(b, state).map(|m| view! { <MapFigure model=m view=view /> }.into_any())
        }
    };
    body.unwrap_or_else(|e| {
        view! { <p class="error" role="alert" data-testid="embed-error">{e}</p> }.into_any()
    })
}

/// The source and licence line under an embedded view.
fn source_line(manifest: &Manifest, w: &Words) -> String {
    let source = w.f(
        Msg::SourceIs,
        &[("source", manifest.attribution_in(w.lang()))],
    );
    if manifest.licence.is_empty() {
        source
    } else {
        let licence = w.f(
            Msg::LicenceIs,
            &[("licence", manifest.licence_in(w.lang()))],
        );
        format!("{source} {licence}")
    }
}

/// One embedded view.
#[component]
pub fn EmbedShell(
    /// The dataset.
    data: Arc<ExplorerData>,
    /// The app's view (the embed's options in it).
    view: RwSignal<ViewState>,
) -> impl IntoView {
    provide_context(Shown(data.clone()));
    let state = view.get_untracked();
    let kind = state.embed.unwrap_or(EmbedKind::Card);
    let root = NodeRef::<leptos::html::Div>::new();
    // Syncing with the host page: its iframe follows our height.
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            post_height_of(el.into());
        }
    });
    // The card's headline carries its notes; the other views show them
    // above the figures.
    let notes = match kind {
        EmbedKind::Card => Vec::new(),
        _ => setup(&data, &state).map(|s| s.notes).unwrap_or_default(),
    };
    // One h1 names the view (its figures carry their own visible heading);
    // the host's iframe and the browser's title say the same.
    let heading = embed_title(&data, &state);
    document().set_title(&heading);
    let manifest = &data.manifest;
    let w = super::words_of(view);
    let demo = manifest.synthetic.then(|| {
        view! {
            <p class="demo-banner" data-testid="demo-banner">
                <strong>{w.t(Msg::DemoDataShort)}</strong>" "{w.t(Msg::InventedFigures)}
            </p>
        }
    });
    view! {
        <div class="embed" node_ref=root data-testid="embed" data-kind=kind.key()>
            <h1 class="visually-hidden">{heading}</h1>
            {demo}
            <PeriodNotes notes=notes />
            {body(kind, &data, &state, view)}
            <p class="embed-source" data-testid="embed-source">{source_line(manifest, w)}</p>
            <p class="embed-link">
                <a href=full_view(&state).to_query() target="_blank" rel="noopener"
                    data-testid="embed-full-link">{w.t(Msg::OpenInExplorer)}</a>
            </p>
        </div>
    }
}
