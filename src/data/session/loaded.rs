//! The end of a load: the dataset, every file's report and the report of
//! the whole load, the counts as a counts file, and the whole dataset as
//! the files of a dataset folder.

use crate::data::areas_write::write_areas_csv;
use crate::data::boundaries_write::{write_geojson, EXACT};
use crate::data::categories_file::{is_built_in, write_categories_csv};
use crate::data::counts_write::write_counts_csv;
use crate::data::explorer_data::{assemble, ExplorerData, Files};
use crate::data::lookup::Level;
use crate::data::manifest::Manifest;
use crate::data::manifest::ManifestFiles;
use crate::data::report::LoadReport;
use crate::data::unknown_codes::UnknownCodes;

use super::files::FileReport;

/// The end of a load.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dataset, ready for the pages.
    pub data: ExplorerData,
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
    /// as [`write_counts_csv`] writes it: the file an analyst keeps.
    pub fn counts_csv(&self) -> String {
        write_counts_csv(&self.data.dataset.cube, self.keeps_unallocated)
    }

    /// The dataset as the files a publisher deploys in
    /// `public/data/<name>/`, for [`assemble`](crate::data::explorer_data::assemble)
    /// to read back or a person to keep: the counts ([`Self::counts_csv`]),
    /// the areas and the boundaries when there are any (coordinates kept
    /// exactly), the categories when they are not the built-in police.uk
    /// list (a categories file decides what is crime), and a manifest naming
    /// exactly those files. Not kept: the load's reports and
    /// [`Self::keeps_unallocated`].
    pub fn dataset_files(&self) -> DatasetFiles {
        let data = &self.data;
        let areas = &data.dataset.areas;
        let areas = (!areas.is_empty()).then(|| write_areas_csv(areas));
        let categories = &data.dataset.categories;
        let categories = (!is_built_in(categories)).then(|| write_categories_csv(categories));
        let boundaries =
            (!data.boundaries.is_empty()).then(|| write_geojson(&data.boundaries, EXACT));
        let mut manifest = data.manifest.clone();
        manifest.files = ManifestFiles {
            counts: DatasetFiles::COUNTS.to_string(),
            areas: areas.as_ref().map(|_| DatasetFiles::AREAS.to_string()),
            categories: categories
                .as_ref()
                .map(|_| DatasetFiles::CATEGORIES.to_string()),
            boundaries: boundaries
                .as_ref()
                .map(|_| DatasetFiles::BOUNDARIES.to_string()),
            targets: None,
            other_sources: Vec::new(),
        };
        DatasetFiles {
            manifest: manifest.to_json(),
            counts: self.counts_csv(),
            areas,
            categories,
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
    /// `categories.csv`, when the categories are not the built-in list.
    pub categories: Option<String>,
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
    /// The categories file's name.
    pub const CATEGORIES: &'static str = "categories.csv";
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
        if let Some(categories) = &self.categories {
            out.push((Self::CATEGORIES, categories));
        }
        if let Some(boundaries) = &self.boundaries {
            out.push((Self::BOUNDARIES, boundaries));
        }
        out
    }

    /// The five texts in a fixed order (manifest, counts, areas,
    /// boundaries, categories; an absent file empty): how the loading
    /// worker sends them to the page, which reads them back with
    /// [`Self::from_texts`].
    pub fn into_texts(self) -> [String; 5] {
        [
            self.manifest,
            self.counts,
            self.areas.unwrap_or_default(),
            self.boundaries.unwrap_or_default(),
            self.categories.unwrap_or_default(),
        ]
    }

    /// The files from [`Self::into_texts`]'s five texts.
    pub fn from_texts([manifest, counts, areas, boundaries, categories]: [String; 5]) -> Self {
        let some = |t: String| Some(t).filter(|t| !t.is_empty());
        DatasetFiles {
            manifest,
            counts,
            areas: some(areas),
            boundaries: some(boundaries),
            categories: some(categories),
        }
    }
}

impl DatasetFiles {
    /// Reads the files back into a dataset, as a published dataset's are
    /// read ([`assemble`]).
    pub fn assemble(&self) -> Result<ExplorerData, String> {
        let manifest =
            Manifest::parse(Self::MANIFEST, &self.manifest).map_err(|e| e.to_string())?;
        let f = manifest.files.clone();
        assemble(
            manifest,
            Files {
                counts: (&f.counts, self.counts.as_bytes()),
                areas: named(&f.areas, &self.areas),
                categories: named(&f.categories, &self.categories),
                boundaries: named(&f.boundaries, &self.boundaries),
                targets: None,
                others: &[],
            },
        )
    }
}

/// A file the manifest names, with its text, when both are there.
fn named<'a>(file: &'a Option<String>, text: &'a Option<String>) -> Option<(&'a str, &'a [u8])> {
    file.as_deref().zip(text.as_deref().map(str::as_bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_texts_give_back_the_same_files() {
        let text = |s: &str| s.to_string();
        let all = DatasetFiles {
            manifest: text("{}"),
            counts: text("month,area_code,category,count\n"),
            areas: Some(text("area_code,name\n")),
            categories: Some(text("category,group\n")),
            boundaries: Some(text("{\"type\":\"FeatureCollection\"}")),
        };
        let texts = all.clone().into_texts();
        assert_eq!(texts[2], "area_code,name\n");
        assert_eq!(texts[3], "{\"type\":\"FeatureCollection\"}");
        assert_eq!(texts[4], "category,group\n");
        assert_eq!(DatasetFiles::from_texts(texts), all);
        let bare = DatasetFiles {
            areas: None,
            categories: None,
            boundaries: None,
            ..all
        };
        let texts = bare.clone().into_texts();
        assert!(texts[2..].iter().all(String::is_empty));
        assert_eq!(DatasetFiles::from_texts(texts), bare);
    }
}
