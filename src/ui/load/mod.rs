//! The Load data page: the user's files go to the loading worker, which
//! recognises them; the user chooses the level and area; the worker reads
//! them with a progress bar (cancel stops it); the finished dataset then
//! drives every page. Nothing leaves the browser.

mod report;
mod state;
mod worker;

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::File;

use crate::data::explorer_data::ExplorerData;
use crate::i18n::Msg;
use crate::state::{Page, ViewState};
use crate::view::common::find_area;
use crate::view::heading::title_without_data;
use crate::view::load::message::Recognised;
use crate::view::load::LoadSummary;
use crate::view::table::TableModel;

use super::menu::labelled_select;
use super::table::DataTable;

pub use report::LoadReport;
pub use state::Chosen;
use state::{LoadState, Stage};

/// Data loaded from the user's files: it replaces the published dataset
/// until the page is reloaded.
pub struct Local {
    /// The dataset.
    pub data: Arc<ExplorerData>,
    /// The load's report.
    pub summary: LoadSummary,
    /// The dataset as files a publisher can deploy.
    pub texts: crate::data::session::DatasetFiles,
    /// How many files were chosen when it was loaded.
    pub files_chosen: usize,
}

fn chosen(list: Option<web_sys::FileList>) -> Vec<File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// A labelled menu setting `value`, drawn on the option `value` holds.
fn select(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    value: RwSignal<String>,
) -> impl IntoView {
    let current = value.get_untracked();
    labelled_select(
        id,
        id,
        label,
        options,
        &current,
        Box::new(move |v| value.set(v)),
    )
}

/// A button that does `act` to the page's state (one closure type for
/// every button of the page).
fn button(
    s: LoadState,
    testid: &'static str,
    primary: bool,
    label: &'static str,
    act: fn(LoadState),
) -> impl IntoView {
    view! {
        <button type="button" class=primary.then_some("primary") data-testid=testid
            on:click=move |_| act(s)>{label}</button>
    }
}

/// The Load data page.
#[component]
pub fn LoadPage(
    /// The app's view.
    view: RwSignal<ViewState>,
    /// Where the loaded data goes.
    local: RwSignal<Option<Arc<Local>>>,
    /// The files chosen (kept by the app between visits).
    chosen: Chosen,
) -> impl IntoView {
    document().set_title(&title_without_data(Page::Load, super::words_of(view)));
    let s = LoadState::new(view, local, chosen);
    // Leaving the page stops any load; the files stay chosen for the
    // next visit (until the page is reloaded).
    on_cleanup(move || s.stop());
    if s.has_files() {
        s.respawn();
    }
    let w = super::words_of(view);
    let body = move || match s.stage.get() {
        Stage::Empty => ().into_any(),
        Stage::Checking => {
            view! { <p role="status" data-testid="load-checking">{w.t(Msg::LookingAtFiles)}</p> }
                .into_any()
        }
        Stage::Ready(recognised) => view! { <Choices s=s recognised=recognised /> }.into_any(),
        Stage::Loading {
            files,
            done,
            total,
            text,
        } => view! { <Progress s=s files=files done=done total=total text=text /> }.into_any(),
    };
    let last = move || {
        local
            .get()
            .map(|l| view! { <LoadReport local=l view=view /> })
    };
    view! {
        <crate::ui::nav::PageMenu view=view />
        <h1>{w.t(Msg::LoadTitle)}</h1>
        <p>
            {w.t(Msg::LoadIntroFrom)}" "
            <a href="https://data.police.uk/data/">"data.police.uk"</a>
            {w.t(Msg::LoadIntroFiles)}
        </p>
        <p>
            <strong>{w.t(Msg::FilesStayHere)}</strong>
            " "{w.t(Msg::FilesNeverUploaded)}
        </p>
        <FileInput s=s />
        <p class="error" role="alert" data-testid="load-failure">{s.failure.read_only()}</p>
        {move || body()}
        {move || last()}
    }
}

/// Where files are chosen or dropped.
#[component]
fn FileInput(s: LoadState) -> impl IntoView {
    let w = super::words_here();
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        s.add(chosen(ev.data_transfer().and_then(|d| d.files())));
    };
    let on_change = move |ev| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        s.add(chosen(input.files()));
        input.set_value("");
    };
    view! {
        <div class="drop-zone" data-testid="drop-zone"
            on:dragover=move |ev| ev.prevent_default() on:drop=on_drop>
            <label for="load-input">{w.t(Msg::ChooseFiles)}</label>
            <input type="file" id="load-input" multiple data-testid="load-input"
                accept=".csv,.zip,.geojson,.json,text/csv,application/zip" on:change=on_change />
            <p>{w.t(Msg::OrDropThem)}</p>
        </div>
    }
}

/// The files recognised, the level and area to count by, and the buttons.
/// The files table is left out while the last load's report (which lists
/// the same files, read) is shown and no file was added since.
#[component]
fn Choices(s: LoadState, recognised: Recognised) -> impl IntoView {
    let Recognised {
        files,
        levels,
        areas,
        in_files,
    } = recognised;
    let lookup = levels.len() > 1;
    let w = super::words_here();
    let area =
        (!areas.is_empty()).then(|| view! { <WithinSearch s=s areas=areas in_files=in_files /> });
    let hint = (!lookup).then(|| {
        view! {
            <p class="hint">{w.t(Msg::WithoutLookup)}</p>
        }
    });
    let loaded = s
        .local
        .with_untracked(|l| l.as_ref().map(|l| l.files_chosen));
    let files = (loaded != Some(s.chosen_count()))
        .then(|| view! { <DataTable model=files view=s.view testid="load-files" /> });
    view! {
        {files}
        <div class="load-choices">
            {select("load-level", w.t(Msg::CountBy), levels, s.level)}
            {area}
        </div>
        {hint}
        <p>
            {button(s, "load-start", true, w.t(Msg::ShowTheFigures), LoadState::start)}
            " "
            {button(s, "load-clear", false, w.t(Msg::RemoveAllFiles), LoadState::clear)}
        </p>
    }
}

/// The area to count within: a search over the lookup's areas (about 300
/// local authorities in England and Wales), with the ones the files' rows
/// fall in offered first, most rows first, as buttons; empty for every
/// area in the lookup.
#[component]
fn WithinSearch(s: LoadState, areas: Vec<(String, String)>, in_files: u64) -> impl IntoView {
    // (name, code), as the search takes them.
    let names: Vec<(String, String)> = areas.into_iter().map(|(code, name)| (name, code)).collect();
    let name_of = {
        let names = names.clone();
        move |code: &str| {
            names
                .iter()
                .find(|(_, c)| c == code)
                .map(|(n, _)| n.clone())
        }
    };
    let typed = RwSignal::new(name_of(&s.within.get_untracked()).unwrap_or_default());
    let (message, set_message) = signal(String::new());
    let w = super::words_here();
    let choose = {
        let names = names.clone();
        let area = w.noun(crate::i18n::Msg::LevelArea).0;
        move |text: String| match find_area(&names, &text, area, w) {
            None => {
                s.within.set(String::new());
                set_message.set(String::new());
            }
            Some(Ok(code)) => {
                s.within.set(code);
                set_message.set(String::new());
            }
            Some(Err(m)) => set_message.set(m),
        }
    };
    let on_change = {
        let choose = choose.clone();
        move |ev| {
            let text = event_target_value(&ev);
            typed.set(text.clone());
            choose(text);
        }
    };
    let options = names
        .iter()
        .map(|(n, _)| view! { <option value=n.clone()></option> })
        .collect_view();
    let offered = names
        .iter()
        .take(in_files.min(6) as usize)
        .map(|(name, _)| {
            let (name, choose) = (name.clone(), choose.clone());
            let label = name.clone();
            view! {
                <li><button type="button" on:click=move |_| {
                    typed.set(name.clone());
                    choose(name.clone());
                }>{label}</button></li>
            }
        })
        .collect_view();
    let chosen = move || {
        let code = s.within.get();
        match name_of(&code) {
            Some(name) => w.f(Msg::CountingWithin, &[("name", &name)]),
            None => w.t(Msg::CountingEveryArea).to_string(),
        }
    };
    view! {
        <div class="control within-search">
            <label for="load-within">{w.t(Msg::WithinLabel)}</label>
            <input id="load-within" data-testid="load-within" list="load-within-names" autocomplete="off"
                prop:value=move || typed.get() on:change=on_change />
            <datalist id="load-within-names">{options}</datalist>
            {(in_files > 0).then(|| view! {
                <p class="hint" id="load-within-offered">{w.t(Msg::RowsMostlyIn)}</p>
                <ul class="offered" aria-labelledby="load-within-offered" data-testid="load-within-offered">{offered}</ul>
            })}
            <p class="hint" role="status" data-testid="load-within-chosen">{chosen}</p>
            <p class="error" role="alert">{message}</p>
        </div>
    }
}

/// How far the load has gone, with a button to cancel it.
#[component]
fn Progress(s: LoadState, files: TableModel, done: f64, total: f64, text: String) -> impl IntoView {
    let w = super::words_here();
    view! {
        <div class="load-progress" data-testid="load-progress">
            <label for="load-bar">{w.t(Msg::ReadingYourFiles)}</label>
            <progress id="load-bar" max=total.max(1.0) value=done></progress>
            <p role="status" data-testid="load-progress-text">{text}</p>
            {button(s, "load-cancel", false, w.t(Msg::Cancel), LoadState::cancel)}
        </div>
        <DataTable model=files view=s.view testid="load-files" />
    }
}
