//! The dataset control: the deployed datasets (`data/index.json`, written
//! at build time) in a menu; choosing one opens it.

use leptos::prelude::*;

use crate::data::manifest::{parse_index, DatasetEntry};

use super::fetch::fetch_bytes;
use super::menu::labelled_select;
use crate::i18n::{words, Lang, Msg};
use crate::state::ViewState;

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
    /// Whether the figures on show are the user's own files (then the menu
    /// says so, first, and choosing a dataset leaves them).
    local: bool,
    /// The language the dataset chosen opens in.
    lang: Lang,
) -> impl IntoView {
    let w = words(lang);
    (entries.len() > 1 || local).then(|| {
        let mut options: Vec<(String, String)> = entries
            .iter()
            .map(|d| (d.name.clone(), d.title_in(lang).to_string()))
            .collect();
        let current = if local {
            options.insert(
                0,
                (String::new(), w.t(Msg::YourOwnFiles).into()),
            );
            String::new()
        } else {
            current
        };
        // A new dataset is a new page: its files load afresh.
        let open = Box::new(move |name: String| {
            if name.is_empty() {
                return;
            }
            let to = ViewState {
                dataset: name,
                lang,
                ..ViewState::default()
            };
            if let Some(w) = web_sys::window() {
                // A browser that refuses to move stays on the dataset shown.
                let _ = w.location().set_search(&to.to_query());
            }
        });
        view! {
            <div class="dataset-picker">
                {labelled_select("dataset", "dataset-select", w.t(Msg::Dataset), options, &current, open)}
            </div>
        }
    })
}
