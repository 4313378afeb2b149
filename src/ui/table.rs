//! A table as shown: sortable by any column, downloadable as CSV exactly as
//! shown.

use std::sync::Arc;

use leptos::prelude::*;

use crate::state::ViewState;
use crate::view::table::{SortDir, TableModel};

use super::download::{download_text, file_name};
use super::navigate;

/// A sortable table with a CSV download.
#[component]
pub fn DataTable(
    /// The table.
    model: TableModel,
    /// The app's view (links in cells move within the app).
    view: RwSignal<ViewState>,
    /// A test hook for the table.
    testid: &'static str,
) -> impl IntoView {
    let model = Arc::new(model);
    let sort = RwSignal::new(None::<(usize, SortDir)>);
    let (error, set_error) = signal(String::new());
    let m = model.clone();
    let headers = move || {
        let m: &TableModel = &m;
        m.columns
            .iter()
            .enumerate()
            .map(|(i, col)| {
                let state = move || sort.get().filter(|(c, _)| *c == i).map(|(_, d)| d);
                let arrow = move || match state() {
                    Some(SortDir::Ascending) => " ▲",
                    Some(SortDir::Descending) => " ▼",
                    None => "",
                };
                let numeric = col.numeric;
                view! {
                    <th scope="col" class:num=numeric aria-sort=move || match state() {
                        Some(SortDir::Ascending) => "ascending",
                        Some(SortDir::Descending) => "descending",
                        None => "none",
                    }>
                        <button type="button" class="sort" on:click=move |_| {
                            let next = match sort.get_untracked() {
                                Some((c, SortDir::Descending)) if c == i => SortDir::Ascending,
                                Some((c, SortDir::Ascending)) if c == i => SortDir::Descending,
                                _ if numeric => SortDir::Descending,
                                _ => SortDir::Ascending,
                            };
                            sort.set(Some((i, next)));
                        }>
                            {col.label.clone()}
                            <span aria-hidden="true">{move || arrow()}</span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let row_view = move |cells: &Vec<crate::view::table::Cell>, numeric: &[bool]| {
        cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let num = numeric.get(i).copied().unwrap_or(false);
                let content = match &cell.link {
                    Some(href) => {
                        let to = ViewState::from_query(href);
                        view! {
                            <a href=href.clone() on:click=move |ev| {
                                if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0) {
                                    ev.prevent_default();
                                    navigate(view, to.clone());
                                }
                            }>{cell.text.clone()}</a>
                        }
                        .into_any()
                    }
                    None => cell.text.clone().into_any(),
                };
                if i == 0 && !num {
                    view! { <th scope="row">{content}</th> }.into_any()
                } else {
                    view! { <td class:num=num>{content}</td> }.into_any()
                }
            })
            .collect_view()
    };
    let m2 = model.clone();
    let body = move || {
        let order = sort.get();
        {
            let m: &TableModel = &m2;
            let numeric: Vec<bool> = m.columns.iter().map(|c| c.numeric).collect();
            let rows: Vec<&Vec<_>> = match order {
                Some((c, d)) => m.sorted_rows(c, d),
                None => m.rows.iter().collect(),
            };
            rows.into_iter()
                .map(|r| view! { <tr>{row_view(r, &numeric)}</tr> })
                .collect_view()
        }
    };
    let m3 = model.clone();
    let footer = move || {
        let m: &TableModel = &m3;
        let numeric: Vec<bool> = m.columns.iter().map(|c| c.numeric).collect();
        m.footer
            .iter()
            .map(|r| view! { <tr>{row_view(r, &numeric)}</tr> })
            .collect_view()
    };
    let m4 = model.clone();
    let download = move |_| {
        let result = {
            let m: &TableModel = &m4;
            let rows: Vec<&Vec<_>> = match sort.get_untracked() {
                Some((c, d)) => m.sorted_rows(c, d),
                None => m.rows.iter().collect(),
            };
            download_text(
                &file_name(&m.caption, "csv"),
                "text/csv;charset=utf-8",
                &m.to_csv(&rows),
            )
        };
        set_error.set(result.err().unwrap_or_default());
    };
    let caption = model.caption.clone();
    let region_label = caption.clone();
    view! {
        <div class="table-block">
            <div class="table-scroll" tabindex="0" role="region" aria-label=region_label>
                <table data-testid=testid>
                    <caption>{caption}</caption>
                    <thead><tr>{move || headers()}</tr></thead>
                    <tbody>{move || body()}</tbody>
                    <tfoot>{move || footer()}</tfoot>
                </table>
            </div>
            <button type="button" class="download" data-testid=format!("{testid}-csv") on:click=download>"Download this table (CSV)"</button>
            <span class="error" role="alert">{error}</span>
        </div>
    }
}
