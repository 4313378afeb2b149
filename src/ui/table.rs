//! A table as shown: sortable by any column, downloadable as CSV exactly as
//! shown.

use std::sync::Arc;

use leptos::prelude::*;

use crate::state::ViewState;
use crate::view::table::{Cell, Column, SortDir, TableModel, ROWS_SHOWN};

use super::download::{download_text, file_name};
use super::{after_paint, navigate};
use crate::i18n::Msg;

/// Rows rendered before the browser first paints a table; the rest
/// follow in the next frame (a ranking shows 100).
const FIRST_ROWS: usize = 20;

/// A column the table is sorted by, and which way.
type Sort = Option<(usize, SortDir)>;

/// The rows in the order shown: sorted, or as the model has them.
fn shown_rows(model: &TableModel, sort: Sort) -> Vec<&Vec<Cell>> {
    match sort {
        Some((c, d)) => model.sorted_rows(c, d),
        None => model.rows.iter().collect(),
    }
}

/// A sortable table with a CSV download.
#[component]
pub fn DataTable(
    /// The table (shared, not copied: a ranking has thousands of rows).
    #[prop(into)]
    model: Arc<TableModel>,
    /// The app's view (links in cells move within the app).
    view: RwSignal<ViewState>,
    /// A test hook for the table.
    testid: &'static str,
) -> impl IntoView {
    let sort = RwSignal::new(None::<(usize, SortDir)>);
    let headers = model
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let (label, numeric) = (col.label.clone(), col.numeric);
            view! { <SortHeader index=i label=label numeric=numeric sort=sort /> }
        })
        .collect_view();
    // The first rows before the first paint, the rest (to ROWS_SHOWN) in
    // the next frame: a page of figures is on screen sooner, and what is
    // below it follows before anyone can scroll there.
    let painted = after_paint();
    let body = {
        let model = model.clone();
        move || {
            let shown = if painted.get() {
                ROWS_SHOWN
            } else {
                FIRST_ROWS
            };
            shown_rows(&model, sort.get())
                .into_iter()
                .take(shown)
                .map(|r| row_view(r, &model.columns, view))
                .collect_view()
        }
    };
    let pending = model.rows.len() > FIRST_ROWS;
    let busy = move || (pending && !painted.get()).then_some("true");
    let footer = model
        .footer
        .iter()
        .map(|r| row_view(r, &model.columns, view))
        .collect_view();
    let (caption, region) = (model.caption.clone(), model.caption.clone());
    let not_shown = model
        .rows_not_shown(super::words_here())
        .map(|note| view! { <p class="note" data-testid="rows-not-shown">{note}</p> });
    view! {
        <div class="table-block">
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table data-testid=testid aria-busy=busy>
                    <caption>{caption}</caption>
                    <thead><tr>{headers}</tr></thead>
                    <tbody>{move || body()}</tbody>
                    <tfoot>{footer}</tfoot>
                </table>
            </div>
            {not_shown}
            <CsvDownload model=model sort=sort testid=testid />
        </div>
    }
}

/// A column's header: a button that sorts by it (numbers largest first,
/// text A to Z; again to reverse), with the direction shown and said.
#[component]
fn SortHeader(
    /// The column's index.
    index: usize,
    /// Its header text.
    label: String,
    /// Whether it holds numbers.
    numeric: bool,
    /// The table's sort.
    sort: RwSignal<Sort>,
) -> impl IntoView {
    let state = move || sort.get().filter(|(c, _)| *c == index).map(|(_, d)| d);
    let aria_sort = move |dir: Option<SortDir>| match dir {
        Some(SortDir::Ascending) => "ascending",
        Some(SortDir::Descending) => "descending",
        None => "none",
    };
    let arrow = move || match state() {
        Some(SortDir::Ascending) => " ▲",
        Some(SortDir::Descending) => " ▼",
        None => "",
    };
    let on_click = move |_| {
        let next = match sort.get_untracked() {
            Some((c, SortDir::Descending)) if c == index => SortDir::Ascending,
            Some((c, SortDir::Ascending)) if c == index => SortDir::Descending,
            _ if numeric => SortDir::Descending,
            _ => SortDir::Ascending,
        };
        sort.set(Some((index, next)));
    };
    view! {
        <th scope="col" class:num=numeric aria-sort=move || aria_sort(state())>
            <button type="button" class="sort" on:click=on_click>
                {label}
                <span aria-hidden="true">{move || arrow()}</span>
            </button>
        </th>
    }
}

/// One row: the first cell heads the row unless it is a number; a cell
/// with a link moves within the app on a plain click. Each cell carries its
/// column's name, which a phone shows beside it when rows stack.
fn row_view(cells: &[Cell], columns: &[Column], view: RwSignal<ViewState>) -> impl IntoView {
    debug_assert_eq!(cells.len(), columns.len(), "a row has a cell per column");
    let cells = cells
        .iter()
        .zip(columns)
        .enumerate()
        .map(|(i, (cell, column))| {
            let num = column.numeric;
            let content = match &cell.link {
                Some(href) => {
                    view! { <CellLink href=href.clone() text=cell.text.clone() view=view /> }
                        .into_any()
                }
                None => cell.text.clone().into_any(),
            };
            if i == 0 && !num {
                view! { <th scope="row">{content}</th> }.into_any()
            } else {
                let label = column.label.clone();
                view! { <td class:num=num data-label=label>{content}</td> }.into_any()
            }
        })
        .collect_view();
    view! { <tr>{cells}</tr> }
}

/// A link in a cell (or a list) that moves within the app.
#[component]
pub(crate) fn CellLink(href: String, text: String, view: RwSignal<ViewState>) -> impl IntoView {
    let to = ViewState::from_query(&href);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0) {
            ev.prevent_default();
            navigate(view, to.clone());
        }
    };
    view! { <a href=href on:click=on_click>{text}</a> }
}

/// The table as CSV, in the order shown.
#[component]
fn CsvDownload(
    model: Arc<TableModel>,
    sort: RwSignal<Sort>,
    testid: &'static str,
) -> impl IntoView {
    let (error, set_error) = signal(String::new());
    let w = super::words_here();
    let download = move |_| {
        let rows = shown_rows(&model, sort.get_untracked());
        let csv = model.to_csv(&rows);
        let result = download_text(
            &file_name(&model.caption, "csv"),
            "text/csv;charset=utf-8",
            &csv,
        );
        let said = result
            .err()
            .map(|e| w.f(Msg::TableNotDownloaded, &[("error", &e.to_string())]));
        set_error.set(said.unwrap_or_default());
    };
    view! {
        <button type="button" class="download" data-testid=format!("{testid}-csv") on:click=download>
            {w.t(Msg::DownloadTableCsv)}
        </button>
        <span class="error" role="alert">{error}</span>
    }
}
