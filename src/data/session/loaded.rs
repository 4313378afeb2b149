//! The end of a load: the dataset, every file's report and the report of
//! the whole load, the counts as a counts file, and the whole dataset as
//! the files of a dataset folder.

use crate::data::areas_write::write_areas_csv;
use crate::data::boundaries_write::{write_geojson, EXACT};
use crate::data::bundle::Bundle;
use crate::data::counts_write::write_counts_csv;
use crate::data::lookup::Level;
use crate::data::manifest::ManifestFiles;
use crate::data::report::LoadReport;
use crate::data::unknown_codes::UnknownCodes;

use super::files::FileReport;

/// The end of a load.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dataset, ready for the pages.
    pub bundle: Bundle,
    /// Every file and archive entry: what it was taken to be, its rows, and
    /// any message naming it.
    pub files: Vec<FileReport>,
    /// The crime rows of the whole load (police.uk or counts files): the
    /// sum of the police.uk or counts files' rows, and it adds up.
    pub report: LoadReport,
    /// Accepted rows placed through a bridge lookup.
    pub bridged: u64,
    /// The level counted at.
    pub level: Level,
    /// The area the load was restricted to.
    pub within: Option<String>,
    /// False when rows with no LSOA were left out (a load restricted to an
    /// area cannot place them inside it).
    pub keeps_unallocated: bool,
    /// The rows whose LSOA code no lookup knows, by code, with a hint.
    pub unknown: UnknownCodes,
}

impl Loaded {
    /// The counts as a counts file (`month,area_code,category,count`),
    /// sorted by month, area code (not allocated first, as an empty code)
    /// and category, zero counts left out: the file an analyst keeps. A
    /// first or last month with no counts at all gets one row of 0 (first
    /// area, first category), so the file covers the months loaded.
    pub fn counts_csv(&self) -> String {
        write_counts_csv(&self.bundle.dataset.cube, self.keeps_unallocated)
    }

    /// The dataset as the files a publisher deploys in
    /// `public/data/<name>/`, for [`assemble`](crate::data::bundle::assemble)
    /// to read back or a person to keep: the counts ([`Self::counts_csv`]),
    /// the areas and the boundaries when there are any (coordinates kept
    /// exactly), and a manifest naming exactly those files. Not kept: the
    /// load's reports, [`Self::keeps_unallocated`], and category groups
    /// from a categories file (the page reads the default groups).
    pub fn dataset_files(&self) -> DatasetFiles {
        let bundle = &self.bundle;
        let areas = &bundle.dataset.areas;
        let areas = (!areas.is_empty()).then(|| write_areas_csv(areas));
        let boundaries =
            (!bundle.boundaries.is_empty()).then(|| write_geojson(&bundle.boundaries, EXACT));
        let mut manifest = bundle.manifest.clone();
        manifest.files = ManifestFiles {
            counts: DatasetFiles::COUNTS.to_string(),
            areas: areas.as_ref().map(|_| DatasetFiles::AREAS.to_string()),
            categories: None,
            boundaries: boundaries
                .as_ref()
                .map(|_| DatasetFiles::BOUNDARIES.to_string()),
        };
        DatasetFiles {
            manifest: manifest.to_json(),
            counts: self.counts_csv(),
            areas,
            boundaries,
        }
    }
}

/// A dataset as the text files of a dataset folder (see
/// [`Loaded::dataset_files`]), named by the constants below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetFiles {
    /// `manifest.json`, naming the files present.
    pub manifest: String,
    /// `counts.csv`.
    pub counts: String,
    /// `areas.csv`, when the dataset has areas.
    pub areas: Option<String>,
    /// `boundaries.geojson`, when the dataset has boundaries.
    pub boundaries: Option<String>,
}

impl DatasetFiles {
    /// The manifest's file name.
    pub const MANIFEST: &'static str = "manifest.json";
    /// The counts file's name.
    pub const COUNTS: &'static str = "counts.csv";
    /// The areas file's name.
    pub const AREAS: &'static str = "areas.csv";
    /// The boundaries file's name.
    pub const BOUNDARIES: &'static str = "boundaries.geojson";

    /// Every file present as (name, text), the manifest first: what "save
    /// as a dataset folder" writes.
    pub fn files(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            (Self::MANIFEST, self.manifest.as_str()),
            (Self::COUNTS, self.counts.as_str()),
        ];
        if let Some(areas) = &self.areas {
            out.push((Self::AREAS, areas));
        }
        if let Some(boundaries) = &self.boundaries {
            out.push((Self::BOUNDARIES, boundaries));
        }
        out
    }
}
