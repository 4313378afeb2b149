//! Fetching a dataset's files over HTTP; `data::explorer_data` reads and joins
//! them. Every failure becomes a message naming the file.

use std::sync::Arc;

use gloo_net::http::Request;

use crate::data::explorer_data::{assemble, ExplorerData, Files};
use crate::data::Manifest;

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
fn request_failed(url: &str, e: gloo_net::Error) -> FetchError {
    FetchError::Request {
        url: url.to_string(),
        detail: e.to_string(),
    }
}

pub(super) async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| request_failed(url, e))?;
    if !response.ok() {
        return Err(FetchError::Status {
            url: url.to_string(),
            status: response.status(),
            text: response.status_text(),
        });
    }
    response.binary().await.map_err(|e| request_failed(url, e))
}

/// Loads `data/<name>/manifest.json` and the files it names.
pub async fn load_dataset(name: String) -> Result<Arc<ExplorerData>, FetchError> {
    let base = format!("data/{name}/");
    let manifest_url = format!("{base}manifest.json");
    let manifest_bytes = fetch_bytes(&manifest_url).await?;
    let manifest_text = String::from_utf8(manifest_bytes).map_err(|_| FetchError::NotText {
        url: manifest_url.clone(),
    })?;
    let manifest = Manifest::parse(&manifest_url, &manifest_text)
        .map_err(|e| FetchError::Unusable(e.to_string()))?;

    let f = manifest.files.clone();
    let counts_url = format!("{base}{}", f.counts);
    let counts = fetch_bytes(&counts_url).await?;
    let areas = fetch_named(&base, &f.areas).await?;
    let categories = fetch_named(&base, &f.categories).await?;
    let boundaries = fetch_named(&base, &f.boundaries).await?;
    let data = assemble(
        manifest,
        Files {
            counts: (&counts_url, &counts),
            areas: named(&areas),
            categories: named(&categories),
            boundaries: named(&boundaries),
        },
    );
    data.map(Arc::new).map_err(FetchError::Unusable)
}

/// A fetched file as `assemble` takes it.
fn named(file: &Option<(String, Vec<u8>)>) -> Option<(&str, &[u8])> {
    file.as_ref().map(|(u, b)| (u.as_str(), b.as_slice()))
}

/// An optional file the manifest names: its address and bytes.
async fn fetch_named(
    base: &str,
    name: &Option<String>,
) -> Result<Option<(String, Vec<u8>)>, FetchError> {
    match name {
        Some(n) => {
            let url = format!("{base}{n}");
            let bytes = fetch_bytes(&url).await?;
            Ok(Some((url, bytes)))
        }
        None => Ok(None),
    }
}
