//! The report of the last load: what became of every row, the months,
//! the first rejected rows, every file; and the dataset as files to keep.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::state::{Page, ViewState};

use super::super::download::download_text;
use super::super::nav::ViewLink;
use super::super::table::DataTable;
use super::Local;

/// List items, one per line of text.
fn items(lines: Vec<String>) -> impl IntoView {
    lines
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect_view()
}

/// The report of a finished load.
#[component]
pub fn LoadReport(
    /// The load.
    local: Arc<Local>,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let r = local.summary.clone();
    let mut figures = view.get_untracked();
    figures.page = Page::Overview;
    let quality = items(r.quality);
    let w = crate::ui::words_of(view);
    let unknown =
        (!r.unknown.is_empty()).then(|| view! { <p data-testid="load-unknown">{r.unknown}</p> });
    let rejected = (!r.rejected.is_empty()).then(|| {
        view! {
            <h3>{w.t(Msg::FirstRejectedRows)}</h3>
            <ol class="rejected" data-testid="load-rejected">{items(r.rejected)}</ol>
        }
    });
    let (error, set_error) = signal(String::new());
    let saves = local
        .texts
        .files()
        .into_iter()
        .map(|(name, text)| {
            let mime = if name.ends_with(".json") {
                "application/json"
            } else if name.ends_with(".geojson") {
                "application/geo+json"
            } else {
                "text/csv;charset=utf-8"
            };
            let text = text.to_string();
            let label = name;
            view! {
                <li><button type="button" class="download" on:click=move |_| {
                    set_error.set(download_text(name, mime, &text).err().unwrap_or_default());
                }>{label}</button></li>
            }
        })
        .collect_view();
    view! {
        <section class="load-report" data-testid="load-report-section"
            aria-labelledby="load-report-title">
            <h2 id="load-report-title">{w.t(Msg::LoadReport)}</h2>
            <p><ViewLink to=figures view=view testid="load-see-figures">{w.t(Msg::SeeTheFigures)}</ViewLink></p>
            <p data-testid="load-headline">{r.headline}</p>
            <DataTable model=r.rows view=view testid="load-rows" />
            <p data-testid="load-adds-up">{r.adds_up}</p>
            {unknown}
            <p data-testid="load-months">{r.months}</p>
            <ul data-testid="load-quality">{quality}</ul>
            {rejected}
            <DataTable model=r.files view=view testid="load-report-files" />
            <h3>{w.t(Msg::KeepThisDataset)}</h3>
            <p>
                {w.t(Msg::KeepFilesBefore)}" "
                <code>"public/data/"</code>
                " "{w.t(Msg::KeepFilesAfter)}
            </p>
            <ul class="saves" data-testid="load-saves">{saves}</ul>
            <span class="error" role="alert">{error}</span>
        </section>
    }
}
