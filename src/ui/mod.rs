//! The UI layer (wasm32 only): Leptos components that render analysis
//! results. Nothing here computes a figure.

mod fetch;
mod overview;
mod trend_chart;

use std::rc::Rc;

use leptos::prelude::*;

use fetch::{load_dataset, Loaded};
use overview::Overview;

/// The name of the dataset to show, from `?dataset=` (default `demo`).
/// Only letters, digits, `-` and `_` are accepted, so the name can never
/// point outside `data/`.
fn dataset_name() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "dataset")
        .map(|(_, v)| v.to_string())
        .filter(|v| {
            !v.is_empty()
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .unwrap_or_else(|| "demo".to_string())
}

/// The whole app: loads the dataset named in the URL, then shows it.
#[component]
pub fn App() -> impl IntoView {
    let name = dataset_name();
    // Loaded once per page: the dataset never changes without a navigation.
    let (data, set_data) = signal_local(None::<Result<Rc<Loaded>, String>>);
    leptos::task::spawn_local(async move {
        set_data.set(Some(load_dataset(&name).await.map(Rc::new)));
    });
    view! {
        <header class="site-header">
            <p class="brand">"Community Safety Explorer"</p>
        </header>
        <main id="main">
            {move || match data.get() {
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
                Some(Ok(loaded)) => {
                    let loaded: Rc<Loaded> = loaded;
                    view! { <Overview loaded=loaded /> }.into_any()
                }
            }}
        </main>
    }
}
