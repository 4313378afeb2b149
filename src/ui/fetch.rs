//! Fetching a dataset's files over HTTP; `data::bundle` reads and joins
//! them. Every failure becomes a message naming the file.

use gloo_net::http::Request;

use crate::data::bundle::{assemble, Bundle, Files};
use crate::data::Manifest;

/// Why a request failed, without formatting gloo's error type as a whole
/// (its `Display` drags a JSON library into the bundle).
fn request_failed(url: &str, e: gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => format!("{url}: the request failed ({})", js.message),
        _ => format!("{url}: the request failed"),
    }
}

pub(super) async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| request_failed(url, e))?;
    if !response.ok() {
        return Err(format!(
            "{url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response.binary().await.map_err(|e| request_failed(url, e))
}

/// Loads `data/<name>/manifest.json` and the files it names.
pub async fn load_dataset(name: &str) -> Result<Bundle, String> {
    let base = format!("data/{name}/");
    let manifest_url = format!("{base}manifest.json");
    let manifest_bytes = fetch_bytes(&manifest_url).await?;
    let manifest_text = String::from_utf8(manifest_bytes)
        .map_err(|_| format!("{manifest_url}: the file is not UTF-8 text"))?;
    let manifest = Manifest::parse(&manifest_url, &manifest_text).map_err(|e| e.to_string())?;

    let f = manifest.files.clone();
    let counts_url = format!("{base}{}", f.counts);
    let counts = fetch_bytes(&counts_url).await?;
    let areas = fetch_named(&base, &f.areas).await?;
    let categories = fetch_named(&base, &f.categories).await?;
    let boundaries = fetch_named(&base, &f.boundaries).await?;
    assemble(
        manifest,
        Files {
            counts: (&counts_url, &counts),
            areas: named(&areas),
            categories: named(&categories),
            boundaries: named(&boundaries),
        },
    )
}

/// A fetched file as `assemble` takes it.
fn named(file: &Option<(String, Vec<u8>)>) -> Option<(&str, &[u8])> {
    file.as_ref().map(|(u, b)| (u.as_str(), b.as_slice()))
}

/// An optional file the manifest names: its address and bytes.
async fn fetch_named(
    base: &str,
    name: &Option<String>,
) -> Result<Option<(String, Vec<u8>)>, String> {
    match name {
        Some(n) => {
            let url = format!("{base}{n}");
            let bytes = fetch_bytes(&url).await?;
            Ok(Some((url, bytes)))
        }
        None => Ok(None),
    }
}
