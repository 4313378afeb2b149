//! Tests of [`Loaded::dataset_files`]: a load written as a dataset folder
//! and read back with [`assemble`] gives the same dataset.

#![allow(clippy::unwrap_used)] // tests: a failure should stop the test

use std::collections::BTreeMap;

use cse::data::explorer_data::ExplorerData;
use cse::data::session::*;
use cse::data::{Manifest, Month};

const HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";

const LOOKUP: &str = "LSOA21CD,WD25CD,WD25NM,LAD25CD,LAD25NM\n\
    E01000001,E05000001,\"North, Upper\",E06000001,Town\n\
    E01000002,E05000002,Ynys Môn \"Quay\",E06000001,Town\n\
    E01000003,E05000003,East,E06000002,City\n\
    E01000004,E05000004,Quiet,E06000001,Town\n";

fn police(rows: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut text = HEADER.to_string();
    for (month, lsoa, kind) in rows {
        text += &format!(",{month},F,F,0,0,Here,{lsoa},N,{kind},,\n");
    }
    text.into_bytes()
}

fn boundaries() -> Vec<u8> {
    let ring = |x: f64| {
        format!(
            "[[{x},54.1],[{},54.123456789012],[-1.2,54.2],[{x},54.1]]",
            x + 0.5
        )
    };
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\
         {{\"type\":\"Feature\",\"properties\":{{\"WD25CD\":\"E05000001\",\"WD25NM\":\"Nörth \\\"Upper\\\"\"}},\
           \"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[{}]}}}},\
         {{\"type\":\"Feature\",\"properties\":{{\"WD25CD\":\"E05000002\"}},\
           \"geometry\":{{\"type\":\"MultiPolygon\",\"coordinates\":[[{}],[{}]]}}}},\
         {{\"type\":\"Feature\",\"properties\":{{\"WD25CD\":\"E05000009\",\"WD25NM\":\"Elsewhere\"}},\
           \"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[{}]}}}}]}}",
        ring(-1.3),
        ring(-1.25),
        ring(-1.0123456789),
        ring(2.0)
    )
    .into_bytes()
}

/// Every count that is not 0: (month, area code or "" = not allocated,
/// category).
fn cells(b: &ExplorerData) -> BTreeMap<(Month, String, String), u32> {
    let cube = &b.dataset.cube;
    let mut out = BTreeMap::new();
    for (mi, month) in cube.months().enumerate() {
        for (c, cat) in cube.categories().iter().enumerate() {
            let n = cube.unallocated(mi, c);
            if n > 0 {
                out.insert((month, String::new(), cat.clone()), n);
            }
            for (a, code) in cube.areas().iter().enumerate() {
                let n = cube.get(a, mi, c);
                if n > 0 {
                    out.insert((month, code.to_string(), cat.clone()), n);
                }
            }
        }
    }
    out
}

/// The load's dataset files read back with `assemble`, checked against the
/// load; returns the files and the dataset read back.
fn round_trip(loaded: &Loaded) -> (DatasetFiles, ExplorerData) {
    let files = loaded.dataset_files();
    let manifest = Manifest::parse(DatasetFiles::MANIFEST, &files.manifest).unwrap();
    assert_eq!(manifest.files.counts, "counts.csv");
    // The manifest names a file exactly when it is written.
    assert_eq!(manifest.files.areas.is_some(), files.areas.is_some());
    assert_eq!(
        manifest.files.boundaries.is_some(),
        files.boundaries.is_some()
    );
    assert_eq!(
        manifest.files.categories.is_some(),
        files.categories.is_some()
    );
    let back = files.assemble().unwrap();
    let (was, now) = (&loaded.data, &back);
    let (cube, again) = (&was.dataset.cube, &now.dataset.cube);
    assert_eq!(
        again.months().collect::<Vec<_>>(),
        cube.months().collect::<Vec<_>>()
    );
    assert_eq!(cells(now), cells(was));
    // Every month × area × category of the load, read back.
    for (mi, month) in cube.months().enumerate() {
        let m = again.month_index(month).unwrap();
        for (c, cat) in cube.categories().iter().enumerate() {
            let k = again.category_index(cat);
            let n = k.map_or(0, |k| again.unallocated(m, k));
            assert_eq!(n, cube.unallocated(mi, c), "{month} not allocated {cat}");
            for (a, code) in cube.areas().iter().enumerate() {
                let i = again.area_index(code.as_str());
                let n = i.zip(k).map_or(0, |(i, k)| again.get(i, m, k));
                assert_eq!(n, cube.get(a, mi, c), "{month} {code} {cat}");
            }
        }
    }
    assert_eq!(again.grand_total(), cube.grand_total());
    assert_eq!(now.dataset.areas, was.dataset.areas);
    assert_eq!(now.boundaries, was.boundaries);
    let (m0, m1) = (&was.manifest, &now.manifest);
    assert_eq!(
        (&m1.title, &m1.whole_name, &m1.area_level),
        (&m0.title, &m0.whole_name, &m0.area_level)
    );
    assert_eq!(
        (&m1.attribution, &m1.caveats, &m1.licence),
        (&m0.attribution, &m0.caveats, &m0.licence)
    );
    assert!(now.report.adds_up() && now.report.rejected == 0);
    (files, back)
}

#[test]
fn a_load_by_ward_with_boundaries_reads_back_the_same() {
    let mut s = LoadSession::new();
    s.add("lookup.csv", LOOKUP.as_bytes().to_vec());
    s.add("wards.geojson", boundaries());
    s.add(
        "2024-01-x-street.csv",
        police(&[
            ("2024-01", "E01000001", "Burglary"),
            ("2024-01", "E01000001", "Burglary"),
            ("2024-01", "", "Drugs"),
            ("2024-01", "E01000003", "Anti-social behaviour"),
        ]),
    );
    s.add(
        "2024-03-x-street.csv",
        police(&[("2024-03", "E01000002", "Drugs"), ("2024-03", "", "Drugs")]),
    );
    s.start(None, None).unwrap();
    let loaded = s.finish().unwrap();
    assert!(loaded.keeps_unallocated);
    assert_eq!(loaded.data.boundaries.len(), 2, "E05000009 is not loaded");
    assert_eq!(loaded.data.boundaries[1].name, None);
    let (files, back) = round_trip(&loaded);
    let names: Vec<&str> = files.files().iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "manifest.json",
            "counts.csv",
            "areas.csv",
            "boundaries.geojson"
        ]
    );
    assert!(files.areas.as_deref().unwrap().contains("\"North, Upper\""));
    // The not-allocated rows are kept, so the totals match the load.
    let cube = &back.dataset.cube;
    let unallocated: u32 = (0..3)
        .flat_map(|m| cube.unallocated_month(m).to_vec())
        .sum();
    assert_eq!(unallocated, 2);
    assert_eq!(
        cube.grand_total(),
        loaded.report.accepted + loaded.report.not_allocated
    );
    assert_eq!(cube.grand_total(), 6);
    assert_eq!(back.dataset.area_name("E05000002"), "Ynys Môn \"Quay\"");
    assert_eq!(back.quality, loaded.data.quality);
}

#[test]
fn a_load_inside_a_district_keeps_its_first_month_with_no_counts() {
    let mut s = LoadSession::new();
    s.add("lookup.csv", LOOKUP.as_bytes().to_vec());
    s.add(
        "2024-01-x-street.csv",
        police(&[("2024-01", "E01000003", "Drugs"), ("2024-01", "", "Drugs")]),
    );
    s.add(
        "2024-02-x-street.csv",
        police(&[
            ("2024-02", "E01000001", "Burglary"),
            ("2024-02", "", "Drugs"),
        ]),
    );
    s.start(None, Some("E06000001")).unwrap();
    let loaded = s.finish().unwrap();
    assert!(!loaded.keeps_unallocated);
    assert_eq!(
        loaded.data.dataset.cube.month_count(),
        2,
        "January is loaded, with no counts"
    );
    let (files, back) = round_trip(&loaded);
    assert_eq!(
        files.counts,
        "month,area_code,category,count\n2024-01,E05000001,Anti-social behaviour,0\n\
         2024-02,E05000001,Burglary,1\n"
    );
    assert_eq!(
        files.files().len(),
        3,
        "areas from the lookup, no boundaries"
    );
    assert!(!files.manifest.contains("boundaries"));
    // Rows with no LSOA were left out of the load, and so of the files.
    assert_eq!(loaded.report.not_allocated, 2);
    assert_eq!(back.dataset.cube.grand_total(), loaded.report.accepted);
    // One rule: the load's quality, like the files', counts the rows in
    // the counts; January has none inside the district, but its file was
    // read: it has data (a real 0), and its row of 0 says so in the file.
    assert_eq!(loaded.data.quality, back.quality);
    assert_eq!(
        loaded.data.quality.months_covered,
        [
            "2024-01".parse::<Month>().unwrap(),
            "2024-02".parse().unwrap()
        ]
    );
    assert!(loaded.data.quality.months_missing.is_empty());
}

#[test]
fn a_counts_file_with_an_areas_file_reads_back_the_same() {
    let mut s = LoadSession::new();
    s.add(
        "areas.csv",
        b"area_code,area_name,parent_code,population,imd_score\n\
          B,\"Borough, The\",,300,\n\
          W1,One,B,100,12.5\n\
          W2,\"Two \"\"2\"\"\",B,200,\n"
            .to_vec(),
    );
    s.add(
        "counts.csv",
        b"month,area_code,category,count\n2023-11,W1,Burglary,3\n2024-01,,Drugs,4\n2024-01,W2,Drugs,1\n"
            .to_vec(),
    );
    s.start(None, None).unwrap();
    let loaded = s.finish().unwrap();
    assert_eq!(loaded.data.dataset.areas.len(), 3);
    let (files, back) = round_trip(&loaded);
    assert_eq!(files.boundaries, None);
    assert!(files
        .areas
        .as_deref()
        .unwrap()
        .starts_with("area_code,area_name,parent_code,population,imd_rank,imd_decile,imd_score\n"));
    assert_eq!(back.dataset.cube.month_count(), 3);
    assert_eq!(back.dataset.cube.grand_total(), 8);
    assert_eq!(back.quality, loaded.data.quality);
    assert_eq!(
        back.report, loaded.report,
        "a counts file reads back row for row"
    );
}

#[test]
fn a_load_by_lsoa_with_no_areas_names_only_the_counts() {
    let mut s = LoadSession::new();
    s.add(
        "2024-05-x-street.csv",
        police(&[("2024-05", "E01000001", "Drugs"), ("2024-05", "", "Drugs")]),
    );
    s.start(None, None).unwrap();
    let loaded = s.finish().unwrap();
    let (files, _) = round_trip(&loaded);
    assert_eq!(
        (files.areas.is_none(), files.boundaries.is_none()),
        (true, true)
    );
    assert!(files
        .manifest
        .contains("\"files\": {\n    \"counts\": \"counts.csv\"\n  },"));
}

#[test]
fn a_categories_file_given_with_the_load_is_kept_with_the_dataset() {
    let mut s = LoadSession::new();
    s.add(
        "categories.csv",
        b"category,group,is_crime\nDrugs,Drugs,no\nBurglary,Acquisitive crime,yes\n".to_vec(),
    );
    s.add(
        "2024-01-x-street.csv",
        police(&[
            ("2024-01", "E01000001", "Burglary"),
            ("2024-01", "E01000001", "Drugs"),
        ]),
    );
    s.start(None, None).unwrap();
    let loaded = s.finish().unwrap();
    let (files, back) = round_trip(&loaded);
    // The whole list is written: the file's entries laid over the
    // built-in ones.
    let written = files.categories.as_deref().unwrap();
    assert!(
        written.starts_with("category,group,is_crime\n"),
        "{written}"
    );
    assert!(written.contains("\nDrugs,Drugs,no\n"), "{written}");
    assert_eq!(written.lines().count(), 15, "{written}");
    let drugs = back.dataset.categories.iter().find(|c| c.name == "Drugs");
    assert_eq!(
        drugs.map(|c| c.is_crime),
        Some(false),
        "read back as not crime"
    );
}

#[test]
fn a_council_s_counts_beside_police_files_are_a_source_of_their_own() {
    let mut s = LoadSession::new();
    s.add("lookup.csv", LOOKUP.as_bytes().to_vec());
    s.add(
        "categories.csv",
        b"category,group,is_crime\nCouncil ASB,Anti-social behaviour,no\n".to_vec(),
    );
    s.add(
        "2024-01-x-street.csv",
        police(&[
            ("2024-01", "E01000001", "Burglary"),
            ("2024-01", "E01000002", "Anti-social behaviour"),
        ]),
    );
    s.add(
        "2024-02-x-street.csv",
        police(&[("2024-02", "E01000001", "Burglary")]),
    );
    // The council's series: February and March, one row in an area the
    // load does not count (E05000009), one not allocated.
    s.add(
        "council-asb.csv",
        b"month,area_code,category,count\n2024-02,E05000001,Council ASB,7\n\
          2024-03,E05000002,Council ASB,4\n2024-03,E05000009,Council ASB,2\n2024-03,,Council ASB,1\n"
            .to_vec(),
    );
    s.start(None, None).unwrap();
    let loaded = s.finish().unwrap();
    let ds = &loaded.data.dataset;
    let council = ds
        .categories
        .iter()
        .find(|c| c.name == "Council ASB")
        .unwrap();
    assert_eq!(
        (
            council.is_crime,
            council.source.as_deref(),
            council.group.as_str()
        ),
        // Its group is named with its source: choosing the police's
        // "Anti-social behaviour" group never adds the council's records.
        (
            false,
            Some("council-asb.csv"),
            "Anti-social behaviour (council-asb.csv)"
        )
    );
    // Rows: 3 police + 4 council = 7 read; the council's E05000009 row is
    // outside the areas loaded.
    let r = &loaded.report;
    assert_eq!(
        (r.rows_read, r.accepted, r.not_allocated, r.outside_area),
        (7, 5, 1, 1)
    );
    assert!(r.adds_up());
    let status = |name: &str| {
        loaded
            .files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.status.clone())
    };
    assert_eq!(status("council-asb.csv"), Some(FileStatus::Read));
    // Each source has its own months: police Jan–Feb, the council Feb–Mar.
    let cube = &ds.cube;
    assert_eq!(cube.month_count(), 3);
    let flags = |s: usize| {
        (0..3)
            .map(|mi| cube.source_has_data(s, mi))
            .collect::<Vec<_>>()
    };
    assert_eq!(flags(0), [true, true, false]);
    assert_eq!(flags(1), [false, true, true]);
    // Written as a dataset folder and read back: the same, sources too.
    let (files, back) = round_trip(&loaded);
    assert!(files
        .categories
        .as_deref()
        .unwrap()
        .contains("Council ASB,Anti-social behaviour (council-asb.csv),no,council-asb.csv"));
    let again = &back.dataset.cube;
    let flags_back = |s: usize| {
        (0..3)
            .map(|mi| again.source_has_data(s, mi))
            .collect::<Vec<_>>()
    };
    assert_eq!((flags_back(0), flags_back(1)), (flags(0), flags(1)));
}

#[test]
fn a_counts_file_of_police_categories_is_not_added_to_police_files() {
    let mut s = LoadSession::new();
    s.add(
        "2024-01-x-street.csv",
        police(&[("2024-01", "E01000001", "Burglary")]),
    );
    s.add(
        "counts.csv",
        b"month,area_code,category,count\n2024-01,E01000001,Burglary,1\n".to_vec(),
    );
    s.start(None, None).unwrap();
    let loaded = s.finish().unwrap();
    let counts = loaded
        .files
        .iter()
        .find(|f| f.name == "counts.csv")
        .unwrap();
    assert!(
        matches!(&counts.status, FileStatus::NotUsed(m) if m.to_string().contains("\"Burglary\" is one the police.uk files count")),
        "{:?}",
        counts.status
    );
    assert_eq!(loaded.report.rows_read, 1);
}
