//! Fetching a dataset's files over HTTP and reading them with the data
//! layer. Every failure becomes a message naming the file.

use gloo_net::http::Request;

use crate::data::areas::read_areas_bytes;
use crate::data::counts::read_counts_bytes;
use crate::data::{Categories, CubeBuilder, Dataset, LoadReport, Manifest};

/// A dataset loaded in the browser, with its manifest and load report.
pub struct Loaded {
    /// Title, provenance, caveats.
    pub manifest: Manifest,
    /// Areas, categories and counts.
    pub dataset: Dataset,
    /// What happened to every row of the counts file.
    pub report: LoadReport,
}

/// Why a request failed, without formatting gloo's error type as a whole
/// (its `Display` drags a JSON library into the bundle).
fn request_failed(url: &str, e: gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(js) => format!("{url}: the request failed ({})", js.message),
        _ => format!("{url}: the request failed"),
    }
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
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
pub async fn load_dataset(name: &str) -> Result<Loaded, String> {
    let base = format!("data/{name}/");
    let manifest_url = format!("{base}manifest.json");
    let manifest_bytes = fetch_bytes(&manifest_url).await?;
    let manifest_text = String::from_utf8(manifest_bytes)
        .map_err(|_| format!("{manifest_url}: the file is not UTF-8 text"))?;
    let manifest = Manifest::parse(&manifest_url, &manifest_text).map_err(|e| e.to_string())?;

    let counts_url = format!("{base}{}", manifest.files.counts);
    let counts_bytes = fetch_bytes(&counts_url).await?;
    let categories = Categories::default();
    let mut builder =
        CubeBuilder::new().with_categories(categories.iter().map(|c| c.name.as_str()));

    let areas = match &manifest.files.areas {
        Some(file) => {
            let url = format!("{base}{file}");
            let bytes = fetch_bytes(&url).await?;
            let (areas, report) = read_areas_bytes(&url, &bytes).map_err(|e| e.to_string())?;
            if let Some(first) = report.rejections.first() {
                return Err(format!(
                    "{}: line {}: {}",
                    first.file, first.line, first.reason
                ));
            }
            areas
        }
        None => Vec::new(),
    };
    let mut sorted: Vec<&str> = areas.iter().map(|a| a.code.as_str()).collect();
    sorted.sort_unstable();
    builder = builder.with_areas(sorted);
    let report =
        read_counts_bytes(&counts_url, &counts_bytes, &mut builder).map_err(|e| e.to_string())?;
    let cube = builder.build().map_err(|e| format!("{counts_url}: {e}"))?;
    if cube.month_count() == 0 {
        return Err(format!("{counts_url}: the file has no counts to show"));
    }
    let dataset = Dataset::new(cube, areas, &categories);
    Ok(Loaded {
        manifest,
        dataset,
        report,
    })
}
