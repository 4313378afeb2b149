//! The UI layer (wasm32 only): Leptos components that render the view
//! models of `crate::view`. Nothing here computes a figure.

mod controls;
mod datasets;
mod download;
mod embed;
mod fetch;
mod figure;
mod load;
mod map;
mod menu;
mod nav;
mod offline;
mod pages;
mod scatter_chart;
mod shell;
mod table;
mod trend_chart;

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::explorer_data::ExplorerData;
use crate::i18n::{install, is_installed, words, Lang, Msg, Words};
use crate::state::{Page, ViewState};

use fetch::{load_dataset, FetchError};
use nav::ViewLink;

/// The dataset on show, shared with every part of the page through
/// context ([`shell::Shell`] and [`embed::EmbedShell`] provide it).
#[derive(Clone)]
pub struct Shown(pub Arc<ExplorerData>);

/// The words of the view's language. The app is drawn again when the
/// language changes ([`App`]), so components read it once.
pub fn words_of(view: RwSignal<ViewState>) -> &'static Words {
    words(view.with_untracked(|v| v.lang))
}

/// The words of the app's language, for a component without the view at
/// hand (the app provides its view as context).
pub fn words_here() -> &'static Words {
    words_of(expect_context::<RwSignal<ViewState>>())
}

/// The dataset on show (from the context the shells provide).
pub fn shown() -> Arc<ExplorerData> {
    expect_context::<Shown>().0
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// A signal that turns true once the browser has painted what is rendered
/// now (the next task after the next frame): what waits for it stays off
/// the way to the first figures.
pub fn after_paint() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    request_animation_frame(move || {
        set_timeout(move || set_ready.set(true), std::time::Duration::ZERO);
    });
    ready
}

/// Runs `work` when the browser is next idle (soon after, where it cannot
/// say when): work a later click would otherwise wait for.
pub fn when_idle(work: impl Fn() + 'static) {
    let work = std::rc::Rc::new(work);
    let idle = work.clone();
    if request_idle_callback_with_handle(move || idle()).is_err() {
        set_timeout(move || work(), std::time::Duration::from_millis(50));
    }
}

/// Moves to `next`: updates the state and adds a history entry, so that a
/// copied address reproduces the view and back/forward work.
pub fn navigate(view: RwSignal<ViewState>, next: ViewState) {
    if view.with_untracked(|v| *v == next) {
        return;
    }
    let query = next.to_query();
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        // Without a history entry the view still changes; only back and
        // forward miss it.
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query));
    }
    view.set(next);
}

/// The page's own address without its query (where the app and its
/// embedded views live); a view's address is this and its `to_query()`.
pub fn base_url() -> String {
    let l = location();
    format!(
        "{}{}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
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
    provide_context(view);
    // Back and forward restore the view from the URL (syncing with the
    // browser's history is what an event listener is for).
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        view.set(ViewState::from_query(&location_search()));
    });
    let embedded = view.with_untracked(|v| v.embed.is_some());
    if embedded {
        view.with_untracked(embed::apply_theme);
    }
    let (name, needs) = view.with_untracked(|v| (v.dataset.clone(), fetch::needs(v)));
    let dataset = LocalResource::new(move || load_dataset(name.clone(), needs));
    let local = RwSignal::new(None::<Arc<load::Local>>);
    let chosen = load::Chosen::default();
    let on_load_page = Memo::new(move |_| view.with(|v| v.page == Page::Load));
    // A new language draws the page again, in its words, once its
    // catalogue is here; `<html lang>` follows (the first screen's is
    // English).
    let lang = Memo::new(move |_| view.with(|v| v.lang));
    let installed = RwSignal::new(0u32);
    Effect::new(move |_| {
        let lang = lang.get();
        if !is_installed(lang) {
            leptos::task::spawn_local(async move {
                fetch_words(lang).await;
                installed.update(|n| *n += 1);
            });
        }
    });
    // (Tracks `installed`: drawn again when a catalogue arrives, or
    // could not be fetched and the page stays in English.)
    let ready = move || installed.get() > 0 || is_installed(lang.get());
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });
    let main = move || {
        if !ready() {
            return ().into_any();
        }
        if on_load_page.get() {
            view! { <load::LoadPage view=view local=local chosen=chosen /> }.into_any()
        } else if let Some(l) = local.get() {
            view! { <shell::Shell data=l.data.clone() view=view local=l /> }.into_any()
        } else {
            view! { <Published dataset=dataset view=view /> }.into_any()
        }
    };
    let header =
        move || (ready() && !embedded).then(|| view! { <SiteHeader view=view local=local /> });
    view! {
        {move || header()}
        <main id="main" tabindex="-1">{move || main()}</main>
    }
}

/// Fetches and installs `lang`'s catalogue, unless it is there already;
/// when it cannot be fetched the pages stay in English (and the console
/// says why).
async fn fetch_words(lang: Lang) {
    let Some(file) = lang.file().filter(|_| !is_installed(lang)) else {
        return;
    };
    match fetch::fetch_bytes(&format!("i18n/{file}"))
        .await
        .map(String::from_utf8)
    {
        Ok(Ok(text)) => install(lang, text),
        Ok(Err(_)) => leptos::logging::warn!("i18n/{file} is not UTF-8 text"),
        Err(e) => leptos::logging::warn!("{e}"),
    }
}

/// The banner: the app's name, the dataset menu, the Load data link.
#[component]
fn SiteHeader(
    view: RwSignal<ViewState>,
    /// The user's own data, when loaded.
    local: RwSignal<Option<Arc<load::Local>>>,
) -> impl IntoView {
    let current = view.with_untracked(|v| v.dataset.clone());
    // The site's name leads home: the dataset's overview.
    let home = ViewState {
        dataset: current.clone(),
        ..ViewState::default()
    };
    // The menu's list comes once, in the background; until then (or
    // without an index) there is no menu.
    let index = RwSignal::new(None);
    leptos::task::spawn_local(async move { index.set(Some(datasets::load_index().await)) });
    let picker = move || {
        let own = local.with(|l| l.is_some());
        index.get().map(|entries| {
            let lang = view.with_untracked(|v| v.lang);
            view! { <datasets::DatasetPicker entries=entries current=current.clone() local=own lang=lang /> }
        })
    };
    let w = words_of(view);
    let mut to_load = view.get_untracked();
    to_load.page = Page::Load;
    view! {
        <a class="skip" href="#main">{w.t(Msg::SkipToContent)}</a>
        <header class="site-header">
            <p class="brand">
                <ViewLink to=home view=view testid="home">{w.t(Msg::AppName)}</ViewLink>
            </p>
            {move || picker()}
            <p class="load-link">
                <ViewLink to=to_load view=view testid="nav-load">{w.t(Msg::LoadYourOwnData)}</ViewLink>
            </p>
            <LanguageSwitch view=view />
        </header>
    }
}

/// The languages, each a link to this view in it (the one spoken now is
/// marked, not linked).
#[component]
fn LanguageSwitch(view: RwSignal<ViewState>) -> impl IntoView {
    let now = view.get_untracked();
    let links = Lang::ALL
        .into_iter()
        .map(|lang| {
            let name = lang.own_name();
            if lang == now.lang {
                return view! { <li aria-current="true" lang=lang.code()>{name}</li> }.into_any();
            }
            let to = ViewState {
                lang,
                ..now.clone()
            };
            view! {
                <li lang=lang.code()>
                    <ViewLink to=to view=view testid="lang-switch">{name}</ViewLink>
                </li>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <nav class="lang-switch" aria-label=words(now.lang).t(Msg::Language)>
            <ul>{links}</ul>
        </nav>
    }
}

/// The published dataset: "loading" while its files come, what went wrong
/// if they cannot be read, else the dataset's pages (or its embedded view).
#[component]
fn Published(
    /// The dataset, loading once.
    dataset: LocalResource<Result<Arc<ExplorerData>, FetchError>>,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    // (A `Memo<String>`, empty for the whole: the builder's memo type, so
    // no other copy of the memo's code in the bundle.)
    let area = Memo::new(move |_| view.with(|v| v.area.clone().unwrap_or_default()));
    let page = move || {
        match dataset.get() {
        None => view! {
            <p class="status" role="status" data-testid="loading">{words_of(view).t(Msg::LoadingTheData)}</p>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <div class="error" role="alert" data-testid="load-error">
                <h1>{words_of(view).t(Msg::DataNotLoaded)}</h1>
                <p>{e.to_string()}</p>
            </div>
        }
        .into_any(),
        Some(Ok(whole)) => {
            // A part of the dataset (a borough of a force area) when the
            // address names one of its areas; the whole otherwise.
            let code = area.get();
            let part = (!code.is_empty()).then(|| whole.within(&code)).flatten();
            let data = part.map_or(whole, Arc::new);
            if view.with_untracked(|v| v.embed.is_some()) {
                view! { <embed::EmbedShell data=data view=view /> }.into_any()
            } else {
                view! { <shell::Shell data=data view=view /> }.into_any()
            }
        }
    }
    };
    // A closure written in the view, so that Leptos shares one renderer
    // for every page rather than one per closure type.
    view! { {move || page()} }
}
