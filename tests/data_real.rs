//! The real police.uk and ONS files in `../shared/data`, run through the
//! real `explorer-cli prepare` path and checked against counts made here by
//! a different method: a plain split of each line on commas (the police.uk
//! files have no quotes, which is asserted) and the lookups read by column
//! position with the `csv` crate.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

type Key = (String, String, String); // month, area code ("" = not allocated), crime type

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    assert!(
        dir.join("police-uk-west-yorkshire").is_dir() && dir.join("ons").is_dir(),
        "the real test data is missing: expected {} (see its README: police.uk and ONS files); \
         these tests cannot run without it",
        dir.display()
    );
    dir
}

fn street_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-street.csv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no street files in {folder}");
    files
}

/// Every data row of the files as (month, LSOA code, crime type).
fn plain_rows(files: &[PathBuf]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            !text.contains('"'),
            "{} has quotes; a plain split would be wrong",
            f.display()
        );
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let cols: Vec<&str> = line.split(',').collect();
            assert_eq!(cols.len(), 12, "{line}");
            out.push((
                cols[1].to_string(),
                cols[7].to_string(),
                cols[9].to_string(),
            ));
        }
    }
    out
}

/// LSOA → codes at given column positions, read positionally.
fn lookup_by_position(file: &str, lsoa_col: usize, cols: &[usize]) -> HashMap<String, Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .from_path(data_dir().join(file))
        .unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[lsoa_col].to_string(),
                cols.iter().map(|&c| rec[c].to_string()).collect(),
            )
        })
        .collect()
}

/// Expected figures: counts and rows accepted, not allocated, outside,
/// of an unknown code.
struct Expected {
    counts: BTreeMap<Key, u64>,
    accepted: u64,
    unallocated: u64,
    outside: u64,
    unknown: u64,
}

/// Counts `rows` with `place`: `None` for a code no lookup knows,
/// `Some(None)` for one the lookup places outside, `Some(Some(area))`.
fn expect(
    rows: &[(String, String, String)],
    place: impl Fn(&str) -> Option<Option<String>>,
    keep_unallocated: bool,
) -> Expected {
    let mut e = Expected {
        counts: BTreeMap::new(),
        accepted: 0,
        unallocated: 0,
        outside: 0,
        unknown: 0,
    };
    for (month, lsoa, kind) in rows {
        let area = if lsoa.is_empty() {
            e.unallocated += 1;
            if !keep_unallocated {
                continue;
            }
            String::new()
        } else {
            match place(lsoa) {
                Some(Some(area)) => {
                    e.accepted += 1;
                    area
                }
                Some(None) => {
                    e.outside += 1;
                    continue;
                }
                None => {
                    e.unknown += 1;
                    continue;
                }
            }
        };
        *e.counts
            .entry((month.clone(), area, kind.clone()))
            .or_insert(0) += 1;
    }
    e
}

/// Runs `explorer-cli prepare` and returns the counts written and the JSON report.
fn prepare(name: &str, args: &[String]) -> (BTreeMap<Key, u64>, serde_json::Value) {
    let dir = std::env::temp_dir().join(format!("cse-data-real-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (out, report) = (dir.join("counts.csv"), dir.join("report.json"));
    let mut all: Vec<String> = vec!["prepare".into(), "--out".into(), out.display().to_string()];
    all.extend(["--report".into(), report.display().to_string()]);
    all.extend(args.iter().cloned());
    cse::cli::run(&all).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("month,area_code,category,count"));
    let mut counts = BTreeMap::new();
    let mut previous: Option<Key> = None;
    for line in lines {
        let cols: Vec<&str> = line.split(',').collect();
        let key = (
            cols[0].to_string(),
            cols[1].to_string(),
            cols[2].to_string(),
        );
        assert!(
            previous.as_ref().is_none_or(|p| *p < key),
            "not sorted at {line}"
        );
        previous = Some(key.clone());
        counts.insert(key, cols[3].parse::<u64>().unwrap());
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    (counts, json)
}

fn check(json: &serde_json::Value, rows: usize, e: &Expected) {
    assert_eq!(json["rows_read"], rows as u64);
    assert_eq!(json["accepted"], e.accepted);
    assert_eq!(json["not_allocated"], e.unallocated);
    assert_eq!(json["outside_area"], e.outside);
    assert_eq!(json["unknown_code"], e.unknown);
    assert_eq!(json["rejected"], 0);
    assert_eq!(
        e.accepted + e.unallocated + e.outside + e.unknown,
        rows as u64,
        "the independent count adds up"
    );
}

fn s(list: &[&str]) -> Vec<String> {
    list.iter().map(|x| x.to_string()).collect()
}

fn path(rel: &str) -> String {
    data_dir().join(rel).display().to_string()
}

#[test]
fn west_yorkshire_without_a_lookup_and_22_missing_months() {
    let files = street_files("police-uk-west-yorkshire");
    let rows = plain_rows(&files);
    let crime_2018 = rows
        .iter()
        .filter(|r| r.0 == "2018-07" && r.2 != "Anti-social behaviour")
        .count();
    assert_eq!(
        crime_2018, 26_193,
        "matches the figure counted outside the project"
    );
    let want = expect(&rows, |l| Some(Some(l.to_string())), true);
    let (got, json) = prepare("wy-no-lookup", &[path("police-uk-west-yorkshire")]);
    assert_eq!(got, want.counts);
    check(&json, rows.len(), &want);
    let missing = json["months_missing"].as_array().unwrap();
    assert_eq!(missing.len(), 22);
    assert!(!missing.iter().any(|m| m == "2017-07") && missing.contains(&"2016-08".into()));
    assert_eq!(
        json["months_covered"],
        serde_json::json!(["2016-07", "2017-07", "2018-07"])
    );
}

#[test]
fn west_yorkshire_through_the_hierarchy_at_lsoa_msoa_and_district_and_within_leeds() {
    let rows = plain_rows(&street_files("police-uk-west-yorkshire"));
    let lookup_file = "ons/lsoa11_hierarchy_police_force.csv";
    // Columns: 0 index, 3 local authority code, 5 MSOA code, 7 LSOA code.
    let lookup = lookup_by_position(lookup_file, 7, &[7, 5, 3]);
    for (level, i) in [("lsoa", 0), ("msoa", 1), ("district", 2)] {
        let place = |l: &str| {
            lookup
                .get(l)
                .map(|c| Some(c[i].clone()).filter(|a| !a.is_empty()))
        };
        let want = expect(&rows, place, true);
        let args = s(&[
            "--lookup",
            &path(lookup_file),
            "--level",
            level,
            &path("police-uk-west-yorkshire"),
        ]);
        let (got, json) = prepare(&format!("wy-{level}"), &args);
        assert_eq!(got, want.counts, "{level}");
        check(&json, rows.len(), &want);
    }
    let leeds = |l: &str| {
        lookup
            .get(l)
            .map(|c| (c[2] == "E08000035").then(|| c[1].clone()))
    };
    let want = expect(&rows, leeds, false);
    let args = s(&[
        "--lookup",
        &path(lookup_file),
        "--level",
        "msoa",
        "--within",
        "E08000035",
        &path("police-uk-west-yorkshire"),
    ]);
    let (got, json) = prepare("wy-leeds", &args);
    assert_eq!(got, want.counts);
    check(&json, rows.len(), &want);
    assert!(
        got.keys().all(|k| k.1.starts_with("E02")),
        "Leeds MSOAs only, no not-allocated rows"
    );
    assert!(
        want.accepted > 20_000,
        "Leeds is a large part of West Yorkshire: {}",
        want.accepted
    );
}

#[test]
fn cleveland_35_months_by_lsoa_and_stockton_wards_through_the_2021_lookup() {
    let files = street_files("police-uk-cleveland");
    assert_eq!(files.len(), 35);
    let rows = plain_rows(&files);
    let want = expect(&rows, |l| Some(Some(l.to_string())), true);
    let (got, json) = prepare("cleveland-lsoa", &[path("police-uk-cleveland")]);
    assert_eq!(got, want.counts);
    check(&json, rows.len(), &want);
    assert_eq!(json["months_missing"], serde_json::json!([]));
    assert_eq!(json["months_covered"].as_array().unwrap().len(), 35);

    let lookup_file = "ons/lsoa21_ward25_lad25_best_fit_lookup.csv";
    // Columns: 0 LSOA21CD, 3 WD25CD, 6 LAD25CD.
    let lookup = lookup_by_position(lookup_file, 0, &[3, 6]);
    let stockton = |l: &str| {
        lookup
            .get(l)
            .map(|c| (c[1] == "E06000004").then(|| c[0].clone()))
    };
    let want = expect(&rows, stockton, false);
    let args = s(&[
        "--lookup",
        &path(lookup_file),
        "--level",
        "ward",
        "--within",
        "E06000004",
        &path("police-uk-cleveland"),
    ]);
    let (got, json) = prepare("stockton-wards", &args);
    assert_eq!(got, want.counts);
    check(&json, rows.len(), &want);
    assert!(
        want.unknown > 0,
        "the early months' 2011 codes are unknown to the 2021 lookup alone"
    );
    assert_eq!(json["areas"], 27, "Stockton has 27 wards");
}

#[test]
fn the_ons_population_tables_and_boundaries_read_whole() {
    use cse::data::population::read_population;
    let dir = data_dir();
    let open = |rel: &str| std::fs::File::open(dir.join(rel)).unwrap();
    let (p11, r) = read_population("p11", open("ons/lsoa11_population_2011.csv")).unwrap();
    assert!(r.adds_up() && r.rejected == 0, "{:?}", r.rejections);
    // Independently: the 10th field, as a quoted "1,563"-style number.
    let mut rdr = csv::Reader::from_path(dir.join("ons/lsoa11_population_2011.csv")).unwrap();
    let mut total = 0u64;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let n: u64 = rec[9].replace(',', "").parse().unwrap();
        assert_eq!(
            p11.get(&cse::data::AreaCode::from(&rec[6]))
                .map(|&v| u64::from(v)),
            Some(n)
        );
        total += n;
    }
    assert_eq!(p11.values().map(|&v| u64::from(v)).sum::<u64>(), total);
    assert_eq!(
        total, 56_075_912,
        "England and Wales usual residents, Census 2011"
    );
    let (p21, r) =
        read_population("p21", open("ons/lsoa21_population_census2021_ts007a.csv")).unwrap();
    assert_eq!((r.rejected, p21.len()), (0, 35_672));
    let (lookup, r) =
        cse::data::lookup::read_lookup("l", open("ons/lsoa21_ward25_lad25_best_fit_lookup.csv"))
            .unwrap();
    assert_eq!((r.rejected, lookup.len()), (0, 35_672));
    assert_eq!(lookup.name("E06000004"), Some("Stockton-on-Tees"));
    let (b, r) = cse::data::boundaries::read_boundaries(
        "w",
        open("boundaries/wards2025_stockton_E06000004.geojson"),
        None,
    )
    .unwrap();
    assert_eq!((b.len(), r.rejected), (27, 0));
    let stockton_wards: std::collections::BTreeSet<&str> = lookup
        .rows()
        .filter(|row| row.code(cse::data::Level::District) == Some("E06000004"))
        .filter_map(|row| row.code(cse::data::Level::Ward))
        .collect();
    let boundary_codes: std::collections::BTreeSet<&str> =
        b.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(boundary_codes, stockton_wards);
    let (b, _) = cse::data::boundaries::read_boundaries(
        "l",
        open("boundaries/lsoa21_stockton_E06000004.geojson"),
        None,
    )
    .unwrap();
    assert_eq!(b.len(), 124);
    assert!(b.iter().all(|x| x.code.as_str().starts_with("E01")));
}
