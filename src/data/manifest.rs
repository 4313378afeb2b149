//! The dataset manifest (`public/data/<dataset>/manifest.json`).

use serde::{Deserialize, Serialize};

use super::error::FileError;

/// The files that make up a dataset, relative to the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFiles {
    /// The counts file (`month,area_code,category,count`).
    pub counts: String,
    /// The areas file (names, parents, populations, deprivation).
    #[serde(default)]
    pub areas: Option<String>,
    /// The optional categories file.
    #[serde(default)]
    pub categories: Option<String>,
    /// The optional boundaries (GeoJSON).
    #[serde(default)]
    pub boundaries: Option<String>,
}

/// Title, provenance and caveats of a dataset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Shown as the page title, e.g. `Stockton-on-Tees`.
    pub title: String,
    /// Who publishes it.
    #[serde(default)]
    pub publisher: String,
    /// True for invented data; the page then says so wherever it is shown.
    #[serde(default)]
    pub synthetic: bool,
    /// The licence, e.g. `Open Government Licence v3.0`.
    #[serde(default)]
    pub licence: String,
    /// Attribution text to show with every view.
    #[serde(default)]
    pub attribution: String,
    /// What the areas are, e.g. `ward`.
    #[serde(default = "default_level")]
    pub area_level: String,
    /// The name of the whole, e.g. `Stockton-on-Tees`.
    #[serde(default)]
    pub whole_name: String,
    /// The year of the population figures used for rates.
    #[serde(default)]
    pub population_year: Option<u32>,
    /// Counts from 1 to threshold − 1 are suppressed, when set.
    #[serde(default)]
    pub disclosure_threshold: Option<u32>,
    /// The files.
    pub files: ManifestFiles,
    /// Caveats shown on every page.
    #[serde(default)]
    pub caveats: Vec<String>,
}

fn default_level() -> String {
    "ward".to_string()
}

impl Manifest {
    /// Parses a manifest, naming the file in any error.
    pub fn parse(file: &str, text: &str) -> Result<Manifest, FileError> {
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| FileError::BadJson {
            file: file.to_string(),
            message: format!("line {}, column {}: {}", e.line(), e.column(), e),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_minimal_and_reports_errors_with_position() {
        let m = Manifest::parse("m.json", r#"{"title":"T","files":{"counts":"c.csv"}}"#).unwrap();
        assert_eq!(m.files.counts, "c.csv");
        assert!(!m.synthetic);
        assert_eq!(m.area_level, "ward");
        let e = Manifest::parse("m.json", "{\"title\":\n}")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.json: line 2"), "{e}");
    }
}
