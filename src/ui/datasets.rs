//! The dataset control: the deployed datasets (`data/index.json`, written
//! at build time) in a menu; choosing one opens it.

use leptos::prelude::*;

use crate::data::manifest::{parse_index, DatasetEntry};

use super::fetch::fetch_bytes;

/// Reads the list of deployed datasets; none when there is no index (a
/// custom set-up without the build hook): the dataset on show still works.
pub async fn load_index() -> Vec<DatasetEntry> {
    let url = "data/index.json";
    match fetch_bytes(url).await.map(String::from_utf8) {
        Ok(Ok(text)) => parse_index(url, &text).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A menu of the deployed datasets, shown when there is more than one.
#[component]
pub fn DatasetPicker(
    /// The deployed datasets.
    entries: Vec<DatasetEntry>,
    /// The dataset on show.
    current: String,
) -> impl IntoView {
    (entries.len() > 1).then(|| {
        let options = entries
            .into_iter()
            .map(|d| {
                let selected = d.name == current;
                view! { <option value=d.name selected=selected>{d.title}</option> }
            })
            .collect_view();
        view! {
            <div class="dataset-picker">
                <label for="dataset">"Dataset"</label>
                <select id="dataset" data-testid="dataset-select" on:change=move |ev| {
                    // A new dataset is a new page: its files load afresh.
                    let name = event_target_value(&ev);
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_search(&format!("?dataset={}", crate::state::encode(&name)));
                    }
                }>{options}</select>
            </div>
        }
    })
}
