//! A dataset assembled from its files' bytes, as the browser fetches them:
//! manifest, counts, areas and boundaries read, checked and joined. Pure:
//! the UI only does the fetching.

use super::areas::read_areas_bytes;
use super::boundaries::{read_boundaries, Boundary};
use super::categories_file::read_categories;
use super::counts::read_counts_bytes;
use super::derived::Derived;
use super::quality::Quality;
use super::{Area, Categories, CubeBuilder, Dataset, LoadReport, Manifest};

/// Everything a page needs about one dataset.
#[derive(Clone, Debug)]
pub struct ExplorerData {
    /// Title, provenance, caveats, disclosure threshold.
    pub manifest: Manifest,
    /// Areas, categories and counts.
    pub dataset: Dataset,
    /// What happened to every row of the counts file.
    pub report: LoadReport,
    /// Months covered, missing and implausibly low.
    pub quality: Quality,
    /// Area outlines for the map (empty when the dataset has none).
    pub boundaries: Vec<Boundary>,
    /// For a part of a dataset ([`ExplorerData::within`]): the whole it
    /// was taken from (a borough's peers are there).
    pub part_of: Option<std::sync::Arc<ExplorerData>>,
    /// The targets file as fetched (name, bytes), when the manifest names
    /// one: read by `analysis::targets` against the categories and areas.
    pub targets: Option<(String, Vec<u8>)>,
    /// What the pages derive from this dataset once (the areas at each
    /// level), kept while it is shown.
    pub derived: Derived,
}

/// The codes of the areas that are nobody's parent (the finest level of an
/// areas file), sorted: put on the cube's area axis before the counts are
/// read, so that an area with no counts is there (with zeros).
pub fn leaf_codes(areas: &[Area]) -> Vec<&str> {
    // Sorted, for binary search (a map type would cost the bundle more).
    let mut parents: Vec<&str> = areas
        .iter()
        .filter_map(|a| a.parent.as_ref().map(|p| p.as_str()))
        .collect();
    parents.sort();
    let mut leaves: Vec<&str> = areas
        .iter()
        .map(|a| a.code.as_str())
        .filter(|c| parents.binary_search(c).is_err())
        .collect();
    leaves.sort();
    leaves
}

/// A dataset's files as read: each is `(name, bytes)`, the name as it is
/// to appear in messages (e.g. its address); the optional ones when the
/// manifest names them.
#[derive(Clone, Copy, Debug)]
pub struct Files<'a> {
    /// The counts file.
    pub counts: (&'a str, &'a [u8]),
    /// The areas file.
    pub areas: Option<(&'a str, &'a [u8])>,
    /// The categories file: which categories are crime, and their groups.
    pub categories: Option<(&'a str, &'a [u8])>,
    /// The boundaries (GeoJSON).
    pub boundaries: Option<(&'a str, &'a [u8])>,
    /// The targets file.
    pub targets: Option<(&'a str, &'a [u8])>,
    /// The counts files of the manifest's other sources, in its order.
    pub others: &'a [(&'a str, &'a [u8])],
}

impl<'a> Files<'a> {
    /// A counts file alone.
    pub fn counts(name: &'a str, bytes: &'a [u8]) -> Files<'a> {
        Files {
            counts: (name, bytes),
            areas: None,
            categories: None,
            boundaries: None,
            targets: None,
            others: &[],
        }
    }
}

/// Joins a dataset's files. The areas that have no children in the areas
/// file (the finest level) are always on the cube's area axis, even with
/// no counts; parents are reached through the hierarchy. The categories
/// file, when given, decides the groups and what counts as crime (else the
/// built-in police.uk list does).
pub fn assemble(manifest: Manifest, files: Files) -> Result<ExplorerData, String> {
    let areas = match files.areas {
        Some((file, bytes)) => {
            let (areas, report) = read_areas_bytes(file, bytes).map_err(|e| e.to_string())?;
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
    let leaves = leaf_codes(&areas);

    let (categories, listed) = categories_of(&files)?;
    let (others, items) = read_other_sources(&manifest, &files, &leaves, &categories)?;
    let theirs = |name: &str| others.iter().any(|(o, _)| o.category_index(name).is_some());
    let main = Categories::new(items.iter().filter(|c| !theirs(&c.name)).cloned().collect());
    let mut builder = CubeBuilder::new()
        .with_categories(main.iter().map(|c| c.name.as_str()))
        .with_sources(main.source_indices())
        .with_areas(leaves);
    let (file, bytes) = files.counts;
    let mut report = read_counts_bytes(file, bytes, &mut builder).map_err(|e| e.to_string())?;
    let mut cube = builder.build().map_err(|e| format!("{file}: {e}"))?;
    if let Some(listed) = &listed {
        cube = without_unlisted_types(cube, listed);
    }
    if cube.month_count() == 0 {
        return Err(format!("{file}: the file has no counts to show"));
    }
    for (other, rows) in others {
        if let Some(c) = other
            .categories()
            .iter()
            .find(|c| cube.category_index(c).is_some())
        {
            return Err(format!(
                "{c:?} is counted by two sources ({file} and another counts file): each source's categories must be its own, e.g. \"Council-recorded ASB\""
            ));
        }
        cube = cube.beside(&other);
        report.merge(rows);
    }
    let quality = cube_quality(&cube);
    let boundaries = match files.boundaries {
        Some((file, bytes)) => {
            read_boundaries(file, bytes, None)
                .map_err(|e| e.to_string())?
                .0
        }
        None => Vec::new(),
    };
    // The sources' Welsh names, for the groups named after them.
    let sources_cy = manifest.sources_cy();
    let dataset = Dataset::new(
        cube,
        areas,
        &categories.renewed(items).with_welsh(sources_cy),
    );
    Ok(ExplorerData {
        manifest,
        dataset,
        report,
        quality,
        boundaries,
        part_of: None,
        targets: files.targets.map(|(n, b)| (n.to_string(), b.to_vec())),
        derived: Derived::default(),
    })
}

/// The categories: the built-in list with the categories file over it,
/// when there is one (its first bad row is an error); with the names the
/// file lists.
fn categories_of(files: &Files) -> Result<(Categories, Option<Vec<String>>), String> {
    let Some((file, bytes)) = files.categories else {
        return Ok((Categories::default(), None));
    };
    let (categories, report) = read_categories(file, bytes).map_err(|e| e.to_string())?;
    if let Some(first) = report.rejections.first() {
        return Err(format!(
            "{}: line {}: {}",
            first.file, first.line, first.reason
        ));
    }
    let listed = categories.iter().map(|c| c.name.clone()).collect();
    Ok((Categories::with_file(categories), Some(listed)))
}

/// `cube` without the built-in police.uk types that the categories file
/// does not list (`listed`) and no count names: a dataset of its own
/// classes (a wide table's, the Met's 56) shows none of them — no
/// anti-social behaviour line, no empty menu entry — and has them in the
/// file's order (its groups' order too). A police.uk dataset keeps every
/// type it has counts of, in the built-in order.
fn without_unlisted_types(cube: super::Cube, listed: &[String]) -> super::Cube {
    let mut totals = vec![0u64; cube.categories().len()];
    for m in 0..cube.month_count() {
        let rows = (0..cube.areas().len()).map(|a| cube.area_month(a, m));
        for row in rows.chain(std::iter::once(cube.unallocated_month(m))) {
            for (t, &n) in totals.iter_mut().zip(row) {
                *t += u64::from(n);
            }
        }
    }
    let built_in = Categories::default();
    let drop: Vec<bool> = cube
        .categories()
        .iter()
        .zip(&totals)
        .map(|(name, &total)| {
            total == 0 && built_in.index_of(name).is_some() && !listed.contains(name)
        })
        .collect();
    let mut keep: Vec<usize> = (0..drop.len()).filter(|&c| !drop[c]).collect();
    let names = cube.categories();
    if keep.iter().all(|&c| listed.contains(&names[c])) {
        // In the file's order (no sort: each comparator would bring a
        // copy of std's sort into the bundle).
        keep = listed
            .iter()
            .filter_map(|l| keep.iter().copied().find(|&c| names[c] == *l))
            .collect();
    }
    let unchanged = keep.iter().enumerate().all(|(i, &c)| i == c) && keep.len() == drop.len();
    match unchanged {
        true => cube,
        false => cube.with_categories(&keep),
    }
}

/// Another source's counts, with the rows its file had.
type OtherCounts = (super::Cube, LoadReport);

/// Reads the counts files of the manifest's other sources (in `files`,
/// in the manifest's order) onto `leaves`; returns each one's cube and
/// rows, and `categories` with theirs named with their source and never
/// crime (only the main source's records count in all crime).
fn read_other_sources(
    manifest: &Manifest,
    files: &Files,
    leaves: &[&str],
    categories: &Categories,
) -> Result<(Vec<OtherCounts>, Vec<super::Category>), String> {
    let mut items: Vec<super::Category> = categories.iter().cloned().collect();
    let mut out = Vec::new();
    for (&(file, bytes), other) in files.others.iter().zip(&manifest.files.other_sources) {
        let mut builder = CubeBuilder::new().with_areas(leaves.iter().copied());
        let rows = read_counts_bytes(file, bytes, &mut builder).map_err(|e| e.to_string())?;
        let cube = builder.build().map_err(|e| format!("{file}: {e}"))?;
        for name in cube.categories() {
            let listed = items.iter().position(|c| &c.name == name);
            let mut c = listed.map_or_else(
                || super::Category {
                    name: name.clone(),
                    group: name.clone(),
                    is_crime: false,
                    source: None,
                },
                |i| items.remove(i),
            );
            c.source = Some(other.source.clone());
            c.is_crime = false;
            items.push(c);
        }
        out.push((cube, rows));
    }
    Ok((out, items))
}

/// Monthly totals of a cube checked for missing and implausibly low
/// months: [`Quality::of_cube`], the one rule of every front end.
pub fn cube_quality(cube: &super::Cube) -> Quality {
    Quality::of_cube(cube)
}

impl ExplorerData {
    /// The dataset this is a part of ([`Self::part_of`]), or this one
    /// when it is a whole.
    pub fn whole(&self) -> &ExplorerData {
        self.part_of.as_deref().unwrap_or(self)
    }

    /// The part of this dataset inside the area `code` (a borough of a
    /// force area's dataset): its areas (it becomes the whole, named by
    /// its own name), their counts, their boundaries; `None` when no area
    /// has that code or nothing lies inside it. Rows the whole could not
    /// place in an area are not in any part; the whole's report and
    /// quality (months missing or implausibly low) are the part's.
    pub fn within(self: &std::sync::Arc<Self>, code: &str) -> Option<ExplorerData> {
        let areas = &self.dataset.areas;
        let top = areas.iter().find(|a| a.code.as_str() == code)?;
        // Areas by code (code → position: the map type the wards page
        // uses too, so no other copy of the hash table's code).
        let by_code: std::collections::HashMap<&str, usize> = areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), i))
            .collect();
        let parent_of = |c: &str| {
            let i = *by_code.get(c)?;
            areas[i].parent.as_ref().map(|p| p.as_str())
        };
        // An area is inside when `code` is it or one of its ancestors (a
        // bounded walk: a loop in the parents stops).
        let inside = |c: &str| {
            let mut at = Some(c.to_string());
            for _ in 0..=areas.len() {
                match at {
                    Some(ref x) if x == code => return true,
                    Some(ref x) => at = parent_of(x).map(str::to_string),
                    None => return false,
                }
            }
            false
        };
        let keep: Vec<bool> = self
            .dataset
            .cube
            .areas()
            .iter()
            .map(|a| inside(a.as_str()))
            .collect();
        if !keep.contains(&true) {
            return None;
        }
        let cube = self.dataset.cube.only_areas(&keep);
        let part: Vec<Area> = areas
            .iter()
            .filter(|a| inside(a.code.as_str()))
            .map(|a| Area {
                parent: a.parent.clone().filter(|_| a.code.as_str() != code),
                ..a.clone()
            })
            .collect();
        let mut manifest = self.manifest.clone();
        manifest.whole_name = top.name.clone();
        let whole_cy = top.name_cy.clone();
        manifest
            .welsh
            .set(super::manifest::Text::WholeName, whole_cy);
        let boundaries = self
            .boundaries
            .iter()
            .filter(|b| inside(b.code.as_str()))
            .cloned()
            .collect();
        // The whole's quality (its months, its files) holds for each part.
        let quality = self.quality.clone();
        let mut data = ExplorerData::from_cube(
            manifest,
            cube,
            part,
            &self.dataset.categories,
            self.report.clone(),
            quality,
            boundaries,
        );
        data.part_of = Some(std::sync::Arc::clone(self));
        data.targets = self.targets.clone();
        Some(data)
    }

    /// A dataset from counts already in a cube (e.g. police.uk files loaded
    /// in the browser by [`LoadSession`](super::session::LoadSession)), with
    /// the areas, report, quality and boundaries the load produced.
    pub fn from_cube(
        manifest: Manifest,
        cube: super::Cube,
        areas: Vec<super::Area>,
        categories: &Categories,
        report: LoadReport,
        quality: Quality,
        boundaries: Vec<Boundary>,
    ) -> ExplorerData {
        ExplorerData {
            manifest,
            dataset: Dataset::new(cube, areas, categories),
            report,
            quality,
            boundaries,
            part_of: None,
            targets: None,
            derived: Derived::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_are_areas_and_the_parent_is_not() {
        let manifest = Manifest::parse("m", r#"{"title":"T","files":{"counts":"c"}}"#).unwrap();
        let areas = "area_code,area_name,parent_code\nB,Borough,\nW1,One,B\nW2,Two,B\n";
        let counts = "month,area_code,category,count\n2024-01,W1,Burglary,3\n2024-03,,Drugs,1\n";
        let b = assemble(
            manifest,
            Files {
                areas: Some(("a", areas.as_bytes())),
                ..Files::counts("c", counts.as_bytes())
            },
        )
        .unwrap();
        let codes: Vec<&str> = b.dataset.cube.areas().iter().map(|a| a.as_str()).collect();
        assert_eq!(
            codes,
            ["W1", "W2"],
            "W2 has no counts but is a ward; B is their parent"
        );
        assert_eq!(b.dataset.cube.month_count(), 3);
        assert_eq!(b.quality.months_missing.len(), 1, "Feb 2024 has no rows");
        assert_eq!((b.report.accepted, b.report.not_allocated), (1, 1));
    }

    #[test]
    fn the_demo_loads_whole() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/demo/");
        let read = |f: &str| std::fs::read(format!("{dir}{f}")).unwrap();
        let manifest = Manifest::parse(
            "manifest.json",
            &String::from_utf8(read("manifest.json")).unwrap(),
        )
        .unwrap();
        let (counts, areas, wards) = (read("counts.csv"), read("areas.csv"), read("wards.geojson"));
        let b = assemble(
            manifest,
            Files {
                areas: Some(("areas.csv", &areas)),
                boundaries: Some(("wards.geojson", &wards)),
                targets: None,
                others: &[],
                ..Files::counts("counts.csv", &counts)
            },
        )
        .unwrap();
        assert_eq!(b.dataset.cube.areas().len(), 25);
        assert_eq!(b.boundaries.len(), 25);
        assert_eq!(b.dataset.cube.month_count(), 36);
        assert!(b.report.adds_up() && b.report.rejected == 0);
        // Every ward with a boundary is a ward of the cube.
        for boundary in &b.boundaries {
            assert!(
                b.dataset.cube.area_index(boundary.code.as_str()).is_some(),
                "{}",
                boundary.code
            );
        }
    }

    #[test]
    fn a_categories_file_decides_what_is_crime() {
        let manifest = Manifest::parse(
            "m",
            r#"{"title":"T","files":{"counts":"c","categories":"k"}}"#,
        )
        .unwrap();
        let counts = "month,area_code,category,count\n\
                      2024-01,W1,Burglary,3\n2024-01,W1,Council ASB,40\n";
        let categories = "category,group,is_crime\nBurglary,Acquisitive crime,yes\n\
                          Council ASB,Anti-social behaviour,no\n";
        let b = assemble(
            manifest,
            Files {
                categories: Some(("k", categories.as_bytes())),
                ..Files::counts("c", counts.as_bytes())
            },
        )
        .unwrap();
        let council = b
            .dataset
            .categories
            .iter()
            .find(|c| c.name == "Council ASB");
        assert_eq!(council.map(|c| c.is_crime), Some(false));
        let bad = assemble(
            Manifest::parse("m", r#"{"title":"T","files":{"counts":"c"}}"#).unwrap(),
            Files {
                categories: Some(("k", b"category,group,is_crime\nX,Y,perhaps\n")),
                ..Files::counts("c", counts.as_bytes())
            },
        )
        .unwrap_err();
        assert!(bad.starts_with("k: line 2: expected yes or no"), "{bad}");
    }

    /// A council's counts beside the police's: a source of its own with its
    /// own months, never crime, its group named with its source; the rows
    /// of both files add up; a category both count is an error.
    #[test]
    fn other_sources_are_their_own_series() {
        let manifest = r#"{"title":"T","source":"Police","files":{"counts":"c",
            "other_sources":[{"counts":"k","source":"Council","source_cy":"Cyngor"}]}}"#;
        let manifest = Manifest::parse("m", manifest).unwrap();
        let counts = "month,area_code,category,count\n2024-01,W1,Burglary,3\n2024-02,W1,Anti-social behaviour,2\n";
        let council =
            "month,area_code,category,count\n2024-02,W1,Council ASB,5\n2024-03,W2,Council ASB,4\n";
        let categories = "category,group,is_crime\nCouncil ASB,Anti-social behaviour,yes\n";
        let others = [("k", council.as_bytes())];
        let b = assemble(
            manifest.clone(),
            Files {
                categories: Some(("cat", categories.as_bytes())),
                others: &others,
                ..Files::counts("c", counts.as_bytes())
            },
        )
        .unwrap();
        let cats = &b.dataset.categories;
        let council = cats.iter().find(|c| c.name == "Council ASB").unwrap();
        assert!(
            !council.is_crime,
            "another source's records are never crime"
        );
        assert_eq!(council.source.as_deref(), Some("Council"));
        assert_eq!(council.group, "Anti-social behaviour (Council)");
        // In Welsh, named with the source's Welsh name.
        let group_cy = cats.group_in(&council.group, crate::i18n::Lang::Cy);
        assert_eq!(group_cy, "Ymddygiad gwrthgymdeithasol (Cyngor)");
        let cube = &b.dataset.cube;
        assert_eq!(cube.month_count(), 3);
        let flags = |s: usize| {
            (0..3)
                .map(|m| cube.source_has_data(s, m))
                .collect::<Vec<_>>()
        };
        assert_eq!(flags(0), [true, true, false], "the police's months");
        assert_eq!(flags(1), [false, true, true], "the council's");
        assert_eq!((b.report.rows_read, b.report.accepted), (4, 4));
        // The same category in both files could count the same records twice.
        let twice = "month,area_code,category,count\n2024-02,W1,Burglary,5\n";
        let others = [("k", twice.as_bytes())];
        let e = assemble(
            manifest,
            Files {
                others: &others,
                ..Files::counts("c", counts.as_bytes())
            },
        )
        .unwrap_err();
        assert!(e.contains("\"Burglary\" is counted by two sources"), "{e}");
    }
}
