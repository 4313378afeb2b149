//! Fetching a dataset's files over HTTP (the browser's `fetch`); `data::explorer_data` reads and joins
//! them. Every failure becomes a message naming the file.

use std::sync::Arc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::data::explorer_data::{assemble, ExplorerData, Files};
use crate::data::Manifest;
use crate::state::{EmbedKind, ViewState};

/// Why a dataset could not be loaded.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FetchError {
    /// The request got no answer (offline, blocked…).
    #[error("{url}: the request failed ({detail})")]
    Request {
        /// The file asked for.
        url: String,
        /// What went wrong, in the browser's words.
        detail: String,
    },
    /// The server answered with an error status.
    #[error("{url}: the server answered {status} {text}")]
    Status {
        /// The file asked for.
        url: String,
        /// The HTTP status.
        status: u16,
        /// Its text.
        text: String,
    },
    /// The manifest is not text.
    #[error("{url}: the file is not UTF-8 text")]
    NotText {
        /// The file.
        url: String,
    },
    /// The files came but cannot be used (the message names the file).
    #[error("{0}")]
    Unusable(String),
}

/// A request that got no answer.
fn request_failed(url: &str, detail: String) -> FetchError {
    FetchError::Request {
        url: url.to_string(),
        detail,
    }
}

/// A download on its way: a JS promise runs from the moment it is made, so
/// several started one after another travel together.
pub(super) struct Download {
    url: String,
    response: Option<js_sys::Promise>,
}

/// Starts downloading `url`, or takes the download the first screen
/// started for it (`public/first-screen.js`, `window.cseEarly`).
pub(super) fn start(url: &str) -> Download {
    let response = started_early(url).or_else(|| web_sys::window().map(|w| w.fetch_with_str(url)));
    Download {
        url: url.to_string(),
        response,
    }
}

/// The first screen's download of `url`, taken out of its map (once).
fn started_early(url: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &JsValue::from_str("cseEarly")).ok()?;
    let early: js_sys::Map = early.dyn_into().ok()?;
    let key = JsValue::from_str(url);
    let response = early.get(&key);
    early.delete(&key);
    response.dyn_into().ok()
}

impl Download {
    /// The file's bytes, or why there are none.
    pub(super) async fn bytes(self) -> Result<Vec<u8>, FetchError> {
        let url = self.url;
        let Some(promise) = self.response else {
            return Err(request_failed(&url, "no window to fetch from".into()));
        };
        let failed = |e: JsValue| request_failed(&url, js_words(&e));
        let response: Response = JsFuture::from(promise)
            .await
            .map_err(failed)?
            .unchecked_into();
        if !response.ok() {
            return Err(FetchError::Status {
                url,
                status: response.status(),
                text: response.status_text(),
            });
        }
        super::offline::note(&response);
        let body = JsFuture::from(response.array_buffer().map_err(failed)?)
            .await
            .map_err(failed)?;
        Ok(js_sys::Uint8Array::new(&body).to_vec())
    }
}

/// What the browser said about a failed request, in its words.
fn js_words(e: &JsValue) -> String {
    js_sys::Error::from(e.clone())
        .message()
        .as_string()
        .unwrap_or_else(|| "no answer".to_string())
}

pub(super) async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    start(url).bytes().await
}

/// Which of a dataset's files a view draws on: an embedded view other than
/// the map draws no map, so it does not download the boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Every file the manifest names.
    Everything,
    /// All but the boundaries.
    NoMap,
}

/// What the view in the address draws on.
pub fn needs(view: &ViewState) -> Needs {
    match view.embed {
        Some(kind) if kind != EmbedKind::Map => Needs::NoMap,
        _ => Needs::Everything,
    }
}

/// Loads `data/<name>/manifest.json` and the files it names (those the view
/// `needs`), all downloading at once.
pub async fn load_dataset(name: String, needs: Needs) -> Result<Arc<ExplorerData>, FetchError> {
    let base = format!("data/{name}/");
    let manifest_url = format!("{base}manifest.json");
    let manifest_bytes = fetch_bytes(&manifest_url).await?;
    let manifest_text = String::from_utf8(manifest_bytes).map_err(|_| FetchError::NotText {
        url: manifest_url.clone(),
    })?;
    let manifest = Manifest::parse(&manifest_url, &manifest_text)
        .map_err(|e| FetchError::Unusable(e.to_string()))?;

    let f = manifest.files.clone();
    let boundaries = match needs {
        Needs::Everything => f.boundaries.as_ref(),
        Needs::NoMap => None,
    };
    // Every download starts before the first is awaited.
    let counts_url = format!("{base}{}", f.counts);
    let counts = start(&counts_url);
    let others: Vec<Download> = f
        .other_sources
        .iter()
        .map(|o| start(&format!("{base}{}", o.counts)))
        .collect();
    let [areas, categories, boundaries, targets] = [
        f.areas.as_ref(),
        f.categories.as_ref(),
        boundaries,
        f.targets.as_ref(),
    ]
    .map(|n| n.map(|n| start(&format!("{base}{n}"))));
    let counts = counts.bytes().await?;
    let mut other_bytes = Vec::with_capacity(others.len());
    for d in others {
        let url = d.url.clone();
        other_bytes.push((url, d.bytes().await?));
    }
    let areas = fetched(areas).await?;
    let categories = fetched(categories).await?;
    let boundaries = fetched(boundaries).await?;
    let targets = fetched(targets).await?;
    let others: Vec<(&str, &[u8])> = other_bytes
        .iter()
        .map(|(u, b)| (u.as_str(), b.as_slice()))
        .collect();
    let data = assemble(
        manifest,
        Files {
            counts: (&counts_url, &counts),
            areas: named(&areas),
            categories: named(&categories),
            boundaries: named(&boundaries),
            targets: named(&targets),
            others: &others,
        },
    )
    .and_then(|d| {
        crate::analysis::targets::check(&d)?;
        Ok(d)
    });
    data.map(Arc::new).map_err(FetchError::Unusable)
}

/// A fetched file as `assemble` takes it.
fn named(file: &Option<(String, Vec<u8>)>) -> Option<(&str, &[u8])> {
    file.as_ref().map(|(u, b)| (u.as_str(), b.as_slice()))
}

/// An optional file's address and bytes, once downloaded.
async fn fetched(download: Option<Download>) -> Result<Option<(String, Vec<u8>)>, FetchError> {
    match download {
        Some(d) => {
            let url = d.url.clone();
            Ok(Some((url, d.bytes().await?)))
        }
        None => Ok(None),
    }
}
