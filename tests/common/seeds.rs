//! The seeds the property tests mutate: excerpts of the real files in
//! `../shared/data` (one month of Cleveland's police.uk file and the rows
//! of the ONS files for its LSOAs, a few Welsh rows with accented names,
//! the first wards of the Stockton boundaries) and the files a load makes
//! of them (counts, areas), with the built-in categories as a file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cse::data::session::LoadSession;
use cse::data::Categories;

/// What a seed file is, so that the test knows its reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Police,
    Counts,
    Areas,
    Lookup,
    Categories,
    Population,
    Deprivation,
    Boundaries,
}

/// One seed: its kind, a file name and its bytes.
pub struct Seed {
    pub kind: Kind,
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

pub fn data_dir() -> PathBuf {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data"));
    assert!(
        dir.join("police-uk-cleveland").is_dir() && dir.join("ons").is_dir(),
        "the real test data is missing: expected {} (police.uk and ONS files, see its README); \
         these tests cannot run without it",
        dir.display()
    );
    dir.to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(data_dir().join(path)).unwrap()
}

/// The header of a real file and up to `max` of its lines that `keep`.
fn lines_where(path: &str, max: usize, keep: impl Fn(&str) -> bool) -> Vec<u8> {
    let text = read(path);
    let mut lines = text.lines();
    let mut out = vec![lines.next().unwrap()];
    out.extend(lines.filter(|l| keep(l)).take(max));
    assert!(out.len() > 1, "{path}: no lines kept");
    (out.join("\r\n") + "\r\n").into_bytes()
}

/// The `i`th comma-separated cell of a line (lines with quotes not split).
fn cell(line: &str, i: usize) -> &str {
    line.split(',').nth(i).unwrap_or("")
}

/// Every seed, the police.uk excerpt first.
pub fn seeds() -> Vec<Seed> {
    let police = lines_where(
        "police-uk-cleveland/2024-03-cleveland-street.csv",
        80,
        |_| true,
    );
    let text = String::from_utf8(police.clone()).unwrap();
    let lsoas: BTreeSet<String> = text
        .lines()
        .skip(1)
        .map(|l| cell(l, 7).to_string())
        .collect();
    let has = |l: &str, i: usize| lsoas.contains(cell(l, i));
    let lookup = lines_where("ons/lsoa21_ward25_lad25_best_fit_lookup.csv", 150, |l| {
        has(l, 0) || (!l.is_ascii() && l.starts_with("W01"))
    });
    let bridge = lines_where("ons/lsoa11_to_lsoa21_best_fit_lookup.csv", 60, |l| {
        has(l, 1)
    });
    let population = lines_where("ons/lsoa21_population_census2021_ts007a.csv", 80, |l| {
        has(l, 2)
    });
    let population_2011 = lines_where("ons/lsoa11_population_2011.csv", 30, |_| true);
    let imd = lines_where("ons/imd2019_by_lsoa11.csv", 80, |l| has(l, 0));
    let geojson = read("boundaries/wards2025_stockton_E06000004.geojson");
    let features: Vec<&str> = geojson
        .lines()
        .filter(|l| l.starts_with("{ \"type\": \"Feature\""))
        .collect();
    let head = geojson.split("\"features\": [").next().unwrap();
    let boundaries = format!(
        "{head}\"features\": [\n{}\n]\n}}\n",
        features[..3].join("\n")
    )
    .replace("},\n]", "}\n]");
    let mut categories = String::from("category,group,is_crime\r\n");
    for c in Categories::default().iter() {
        categories.push_str(&format!("{},{},{}\r\n", c.name, c.group, c.is_crime));
    }
    // The counts and areas a load of the excerpts makes.
    let mut session = LoadSession::new();
    session.add("street.csv", police.clone());
    session.add("lookup.csv", lookup.clone());
    session.add("population.csv", population.clone());
    session.start(None, None).unwrap();
    let files = session.finish().unwrap().dataset_files();
    let seed = |kind, name, bytes| Seed { kind, name, bytes };
    vec![
        seed(Kind::Police, "2024-03-cleveland-street.csv", police),
        seed(Kind::Counts, "counts.csv", files.counts.into_bytes()),
        seed(Kind::Areas, "areas.csv", files.areas.unwrap().into_bytes()),
        seed(Kind::Lookup, "lookup.csv", lookup),
        seed(Kind::Lookup, "bridge.csv", bridge),
        seed(Kind::Categories, "categories.csv", categories.into_bytes()),
        seed(Kind::Population, "population.csv", population),
        seed(Kind::Population, "population-2011.csv", population_2011),
        seed(Kind::Deprivation, "imd.csv", imd),
        seed(Kind::Boundaries, "wards.geojson", boundaries.into_bytes()),
    ]
}
