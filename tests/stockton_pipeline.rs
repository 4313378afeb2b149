//! The publisher's pipeline on real Stockton-on-Tees files: `prepare` with
//! chained lookups (LSOA 2011 → LSOA 2021 → ward 2025), `areas` and
//! `boundaries`, each checked against an independent computation written
//! here with plain line splitting (not the app's readers). Needs
//! `../shared/data` (see its README) and fails loudly without it.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pipeline");
const STOCKTON: &str = "E06000004";
const EARLY: [&str; 5] = ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05"];

fn data(rel: &str) -> String {
    let p = Path::new(DATA).join(rel);
    assert!(
        p.exists(),
        "the real test data is missing: {} (expected ../shared/data beside the project; see its README)",
        p.display()
    );
    p.display().to_string()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cse-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    if let Err(e) = cse::cli::run(&args) {
        panic!("explorer-cli {args:?} failed: {e}");
    }
}

/// Splits one CSV line, honouring double quotes (no line breaks inside).
fn split(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// A whole CSV file as maps from column name to value.
fn table(path: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<String> = split(lines.next().unwrap().trim_start_matches('\u{feff}'));
    lines
        .map(|l| {
            let fields = split(l.trim_end_matches('\r'));
            assert_eq!(fields.len(), header.len(), "{path}: {l}");
            header.iter().cloned().zip(fields).collect()
        })
        .collect()
}

struct Lookups {
    /// LSOA 2021 → (ward, LAD).
    ward: HashMap<String, (String, String)>,
    /// LSOA 2011 → LSOA 2021.
    bridge: HashMap<String, String>,
    /// LSOA 2011 → LAD 2022.
    bridge_lad: HashMap<String, String>,
}

fn lookups(bridge: &str, ward: &str) -> Lookups {
    let mut l = Lookups {
        ward: HashMap::new(),
        bridge: HashMap::new(),
        bridge_lad: HashMap::new(),
    };
    for r in table(ward) {
        l.ward.insert(
            r["LSOA21CD"].clone(),
            (r["WD25CD"].clone(), r["LAD25CD"].clone()),
        );
    }
    for r in table(bridge) {
        l.bridge
            .insert(r["LSOA11CD"].clone(), r["LSOA21CD"].clone());
        if let Some(lad) = r.get("LAD22CD") {
            l.bridge_lad.insert(r["LSOA11CD"].clone(), lad.clone());
        }
    }
    l
}

impl Lookups {
    /// The 2021 LSOA a code stands for, and whether it was bridged.
    fn lsoa21(&self, code: &str) -> Option<(String, bool)> {
        if self.ward.contains_key(code) {
            return Some((code.to_string(), false));
        }
        let new = self.bridge.get(code)?;
        self.ward.contains_key(new).then(|| (new.clone(), true))
    }
}

#[test]
fn every_early_stockton_row_lands_in_a_2025_ward_and_the_counts_agree() {
    let (bridge_path, ward_path) = (
        data("ons/lsoa11_to_lsoa21_best_fit_lookup.csv"),
        data("ons/lsoa21_ward25_lad25_best_fit_lookup.csv"),
    );
    let files: Vec<String> = EARLY
        .iter()
        .map(|m| data(&format!("police-uk-cleveland/{m}-cleveland-street.csv")))
        .collect();
    let dir = temp_dir("stockton-prepare");
    let (out, report) = (dir.join("counts.csv"), dir.join("report.json"));
    let (out, report) = (out.to_str().unwrap(), report.to_str().unwrap());
    let mut args = vec![
        "prepare",
        "--lookup",
        &bridge_path,
        "--lookup",
        &ward_path,
        "--level",
        "ward",
        "--within",
        STOCKTON,
        "--report",
        report,
        "--out",
        out,
    ];
    args.extend(files.iter().map(String::as_str));
    run(&args);

    // The independent count: plain comma splitting of the police.uk files
    // (they have no quoted fields), the lookups read by column name.
    let l = lookups(&bridge_path, &ward_path);
    let stockton_lsoas: HashSet<&str> = l
        .ward
        .iter()
        .filter(|(_, (_, lad))| lad == STOCKTON)
        .map(|(c, _)| c.as_str())
        .chain(
            l.bridge_lad
                .iter()
                .filter(|(_, lad)| *lad == STOCKTON)
                .map(|(c, _)| c.as_str()),
        )
        .collect();
    let mut expected: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    let (mut rows, mut direct, mut bridged, mut in_stockton_lsoas) = (0u64, 0u64, 0u64, 0u64);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines
            .next()
            .unwrap()
            .trim_start_matches('\u{feff}')
            .split(',')
            .collect();
        let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
        let (month, lsoa, kind) = (col("Month"), col("LSOA code"), col("Crime type"));
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), header.len(), "{f}: {line}");
            rows += 1;
            let code = fields[lsoa];
            if stockton_lsoas.contains(code) {
                in_stockton_lsoas += 1;
            }
            let Some((lsoa21, was_bridged)) = l.lsoa21(code) else {
                continue;
            };
            let (ward, lad) = &l.ward[&lsoa21];
            if lad != STOCKTON {
                continue;
            }
            if was_bridged {
                bridged += 1;
            } else {
                direct += 1;
            }
            *expected
                .entry((
                    fields[month].to_string(),
                    ward.clone(),
                    fields[kind].to_string(),
                ))
                .or_insert(0) += 1;
        }
    }
    let mut got: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    for r in table(out) {
        let key = (
            r["month"].clone(),
            r["area_code"].clone(),
            r["category"].clone(),
        );
        assert!(got.insert(key, r["count"].parse().unwrap()).is_none());
    }
    assert_eq!(got, expected, "per ward, month and category");
    let months: HashSet<&str> = got.keys().map(|k| k.0.as_str()).collect();
    assert_eq!(months, EARLY.into_iter().collect());
    let wards: HashSet<&str> = got.keys().map(|k| k.1.as_str()).collect();
    assert_eq!(wards.len(), 27);

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    let n = |k: &str| {
        json[k]
            .as_u64()
            .unwrap_or_else(|| panic!("report has no {k}"))
    };
    assert_eq!(n("rows_read"), rows);
    assert_eq!(n("accepted"), direct + bridged);
    assert_eq!((n("mapped_directly"), n("bridged")), (direct, bridged));
    assert!(
        bridged > 0,
        "the early months use 2011 codes that need the bridge"
    );
    assert_eq!(
        n("accepted") + n("not_allocated") + n("outside_area") + n("unknown_code") + n("rejected"),
        n("rows_read")
    );
    assert_eq!(n("rejected"), 0);
    // Every row in a Stockton LSOA (2011 or 2021 code) was placed.
    assert_eq!(in_stockton_lsoas, direct + bridged);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn stockton_wards_population_and_deprivation_equal_independent_sums() {
    let (bridge_path, ward_path) = (
        data("ons/lsoa11_to_lsoa21_best_fit_lookup.csv"),
        data("ons/lsoa21_ward25_lad25_best_fit_lookup.csv"),
    );
    let (pop_path, imd_path) = (
        data("ons/lsoa21_population_census2021_ts007a.csv"),
        data("ons/imd2019_by_lsoa11.csv"),
    );
    let dir = temp_dir("stockton-areas");
    let out = dir.join("areas.csv");
    let out = out.to_str().unwrap();
    run(&[
        "areas",
        "--lookup",
        &bridge_path,
        "--lookup",
        &ward_path,
        "--population",
        &pop_path,
        "--deprivation",
        &imd_path,
        "--level",
        "ward",
        "--within",
        STOCKTON,
        "--out",
        out,
    ]);
    let l = lookups(&bridge_path, &ward_path);
    let pop: HashMap<String, u64> = table(&pop_path)
        .into_iter()
        .map(|r| {
            (
                r["geography code"].clone(),
                r["Age: Total"].parse().unwrap(),
            )
        })
        .collect();
    // Rank of each 2021 LSOA: equal-weight mean of the 2011 ranks reaching it.
    let mut rank21: HashMap<String, (f64, f64)> = HashMap::new();
    for r in table(&imd_path) {
        if let Some((lsoa21, _)) = l.lsoa21(&r["LSOA11CD"]) {
            let e = rank21.entry(lsoa21).or_insert((0.0, 0.0));
            e.0 += r["IMD19"].parse::<f64>().unwrap();
            e.1 += 1.0;
        }
    }
    let mut wards: BTreeMap<String, (u64, f64, f64)> = BTreeMap::new();
    let mut borough = 0;
    for (lsoa, (ward, lad)) in &l.ward {
        if lad != STOCKTON {
            continue;
        }
        let p = pop[lsoa];
        borough += p;
        let w = wards.entry(ward.clone()).or_insert((0, 0.0, 0.0));
        w.0 += p;
        if let Some((sum, count)) = rank21.get(lsoa) {
            w.1 += p as f64 * sum / count;
            w.2 += p as f64;
        }
    }
    let rows = table(out);
    assert_eq!(rows.len(), 28, "27 wards and the borough");
    assert_eq!(rows[0]["area_code"], STOCKTON);
    assert_eq!(rows[0]["area_name"], "Stockton-on-Tees");
    assert_eq!(
        (
            rows[0]["parent_code"].as_str(),
            rows[0]["population"].parse::<u64>().unwrap()
        ),
        ("", borough)
    );
    for r in &rows[1..] {
        let (p, weighted, weight) = wards[&r["area_code"]];
        assert_eq!(r["parent_code"], STOCKTON);
        assert_eq!(
            r["population"].parse::<u64>().unwrap(),
            p,
            "{}",
            r["area_code"]
        );
        let rank = (weighted / weight).round() as u64;
        assert_eq!(
            r["imd_rank"].parse::<u64>().unwrap(),
            rank,
            "{}",
            r["area_code"]
        );
        let decile = (rank * 10).div_ceil(32_844);
        assert_eq!(r["imd_decile"].parse::<u64>().unwrap(), decile);
    }
    assert_eq!(
        rows[1..]
            .iter()
            .map(|r| r["area_code"].clone())
            .collect::<Vec<_>>(),
        wards.keys().cloned().collect::<Vec<_>>()
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn deprivation_on_the_hand_checked_fixture() {
    // See tests/fixtures/pipeline/README.md for the figures worked by hand.
    let f = |name: &str| format!("{FIXTURES}/{name}");
    let dir = temp_dir("fixture-areas");
    let out = dir.join("areas.csv");
    let out = out.to_str().unwrap();
    run(&[
        "areas",
        "--lookup",
        &f("bridge.csv"),
        "--lookup",
        &f("lookup21.csv"),
        "--population",
        &f("population.csv"),
        "--deprivation",
        &f("imd.csv"),
        "--within",
        "E06000001",
        "--out",
        out,
    ]);
    let text = std::fs::read_to_string(out).unwrap();
    assert_eq!(
        text,
        "area_code,area_name,parent_code,population,imd_rank,imd_decile\n\
         E06000001,Borough A,,7500,,\n\
         E05000001,North,E06000001,6000,2275,1\n\
         E05000002,South,E06000001,1500,20000,7\n"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn stockton_ward_boundaries_are_normalised_and_smaller() {
    let (input, ward_path) = (
        data("boundaries/wards2025_stockton_E06000004.geojson"),
        data("ons/lsoa21_ward25_lad25_best_fit_lookup.csv"),
    );
    let dir = temp_dir("stockton-boundaries");
    let out = dir.join("wards.geojson");
    let out = out.to_str().unwrap();
    run(&[
        "boundaries",
        "--in",
        &input,
        "--code-property",
        "WD25CD",
        "--name-property",
        "WD25NM",
        "--out",
        out,
    ]);
    let mut names: HashMap<String, String> = HashMap::new();
    for r in table(&ward_path) {
        if r["LAD25CD"] == STOCKTON {
            names.insert(r["WD25CD"].clone(), r["WD25NM"].clone());
        }
    }
    let written = std::fs::read_to_string(out).unwrap();
    assert!(written.len() < std::fs::metadata(&input).unwrap().len() as usize);
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), 27);
    let mut codes = HashSet::new();
    for f in features {
        let code = f["properties"]["code"].as_str().unwrap();
        assert_eq!(
            f["properties"]["name"].as_str(),
            names.get(code).map(String::as_str)
        );
        codes.insert(code.to_string());
        let kind = f["geometry"]["type"].as_str().unwrap();
        let polygons: Vec<&serde_json::Value> = match kind {
            "Polygon" => vec![&f["geometry"]["coordinates"]],
            "MultiPolygon" => f["geometry"]["coordinates"]
                .as_array()
                .unwrap()
                .iter()
                .collect(),
            other => panic!("{other}"),
        };
        for ring in polygons.iter().flat_map(|p| p.as_array().unwrap()) {
            let ring = ring.as_array().unwrap();
            assert!(ring.len() >= 4 && ring.first() == ring.last(), "{code}");
        }
    }
    assert_eq!(codes, names.keys().cloned().collect());
    // The explorer's own reader takes it whole.
    let (b, r) = cse::data::boundaries::read_boundaries(out, written.as_bytes(), None).unwrap();
    assert_eq!((b.len(), r.rejected), (27, 0));
    std::fs::remove_dir_all(dir).ok();
}
