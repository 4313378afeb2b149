//! A dataset assembled from its files' bytes, as the browser fetches them:
//! manifest, counts, areas and boundaries read, checked and joined. Pure:
//! the UI only does the fetching.

use super::areas::read_areas_bytes;
use super::boundaries::{read_boundaries, Boundary};
use super::counts::read_counts_bytes;
use super::quality::Quality;
use super::{Area, Categories, CubeBuilder, Dataset, LoadReport, Manifest};

/// Everything a page needs about one dataset.
#[derive(Clone, Debug)]
pub struct Bundle {
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
    crate::order::sort_by(&mut parents, |a, b| a.cmp(b));
    let mut leaves: Vec<&str> = areas
        .iter()
        .map(|a| a.code.as_str())
        .filter(|c| parents.binary_search(c).is_err())
        .collect();
    crate::order::sort_by(&mut leaves, |a, b| a.cmp(b));
    leaves
}

/// Joins a dataset's files. `areas` and `boundaries` are `(file name,
/// bytes)` when the manifest names them. The areas that have no children in
/// the areas file (the finest level) are always on the cube's area axis,
/// even with no counts; parents are reached through the hierarchy.
pub fn assemble(
    manifest: Manifest,
    counts: (&str, &[u8]),
    areas: Option<(&str, &[u8])>,
    boundaries: Option<(&str, &[u8])>,
) -> Result<Bundle, String> {
    let areas = match areas {
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

    let categories = Categories::default();
    let mut builder = CubeBuilder::new()
        .with_categories(categories.iter().map(|c| c.name.as_str()))
        .with_areas(leaves);
    let (file, bytes) = counts;
    let report = read_counts_bytes(file, bytes, &mut builder).map_err(|e| e.to_string())?;
    let cube = builder.build().map_err(|e| format!("{file}: {e}"))?;
    if cube.month_count() == 0 {
        return Err(format!("{file}: the file has no counts to show"));
    }
    let quality = cube_quality(&cube);
    let boundaries = match boundaries {
        Some((file, bytes)) => {
            read_boundaries(file, bytes, None)
                .map_err(|e| e.to_string())?
                .0
        }
        None => Vec::new(),
    };
    let dataset = Dataset::new(cube, areas, &categories);
    Ok(Bundle {
        manifest,
        dataset,
        report,
        quality,
        boundaries,
    })
}

/// Monthly totals of a cube checked for missing and implausibly low
/// months: [`Quality::of_cube`], the one rule of every front end.
pub fn cube_quality(cube: &super::Cube) -> Quality {
    Quality::of_cube(cube)
}

impl Bundle {
    /// A bundle from counts already in a cube (e.g. police.uk files loaded
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
    ) -> Bundle {
        Bundle {
            manifest,
            dataset: Dataset::new(cube, areas, categories),
            report,
            quality,
            boundaries,
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
            ("c", counts.as_bytes()),
            Some(("a", areas.as_bytes())),
            None,
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
    fn the_demo_bundle_loads_whole() {
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
            ("counts.csv", &counts),
            Some(("areas.csv", &areas)),
            Some(("wards.geojson", &wards)),
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
}
