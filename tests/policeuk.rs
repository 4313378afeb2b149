//! Hand-checkable tests of the police.uk reader on the fixtures in
//! `tests/fixtures/policeuk/` (see the comments for the expected figures).

#![allow(clippy::unwrap_used)] // tests: a failure should stop the test

use cse::data::category::Category;
use cse::data::cube::Cube;
use cse::data::lookup::{read_lookup, Level};
use cse::data::policeuk::*;
use cse::data::report::LoadReport;
use cse::data::{AreaMapper, Categories, Prepared};

/// 8 rows: BOM, CRLF, a quoted location with a comma, a quoted location
/// over two lines (lines 8–9) with doubled quotes, three blank lines.
/// E01000001 ×3 (Burglary, ASB, Shoplifting), E01000002 Burglary,
/// E01000003 Drugs, E01000004 Violence, E01009999 Drugs, no LSOA ×1 (ASB).
const JAN: &[u8] = include_bytes!("fixtures/policeuk/2024-01-demo-street.csv");
/// Columns reordered, LF, no final line break. 9 rows: line 2 good
/// (E01000001 Burglary), 3 bad month, 4 unknown type, 5 five fields, 6
/// good but not UTF-8 (`Caf\xE9` in Location, Windows-1252; E01000002
/// Drugs), 7 empty type, 8 no LSOA (Drugs), 9 quoted month (E01000004
/// Robbery), 10 good (E01000003 Robbery).
const FEB: &[u8] = include_bytes!("fixtures/policeuk/2024-02-demo-street.csv");
/// One row, E01000002 Other theft, 2024-04 (so 2024-03 is missing).
const APR: &[u8] = include_bytes!("fixtures/policeuk/2024-04-demo-street.csv");
/// E01000001, E01000002 → ward E05000001; E01000003 → E05000002 (both in
/// E06000001); E01000004 → E05000003 in E06000002.
const LOOKUP: &[u8] = include_bytes!("fixtures/lookup/lsoa_ward_lad.csv");

fn mapper(level: Level, within: Option<&str>) -> AreaMapper {
    let (lookup, report) = read_lookup("lookup.csv", LOOKUP).unwrap();
    assert_eq!(report.accepted, 4);
    let within: Vec<String> = within.into_iter().map(str::to_string).collect();
    AreaMapper::from_lookup(&lookup, level, &within).unwrap()
}

fn load(mapper: AreaMapper, files: &[(&str, &[u8])]) -> Prepared {
    let mut agg = PoliceUkAggregator::new(mapper, Categories::default());
    for (name, bytes) in files {
        agg.read(name, *bytes).unwrap();
    }
    agg.finish().unwrap()
}

fn cell(cube: &Cube, area: &str, month: &str, cat: &str) -> u32 {
    let m = cube.month_index(month.parse().unwrap()).unwrap();
    cube.get(
        cube.area_index(area).unwrap(),
        m,
        cube.category_index(cat).unwrap(),
    )
}

/// Rows read, accepted, not allocated, outside, of an unknown code, rejected.
fn figures(r: &LoadReport) -> (u64, u64, u64, u64, u64, u64) {
    assert!(r.adds_up());
    (
        r.rows_read,
        r.accepted,
        r.not_allocated,
        r.outside_area,
        r.unknown_code,
        r.rejected,
    )
}

#[test]
fn aggregates_to_wards_through_a_lookup() {
    let p = load(mapper(Level::Ward, None), &[("jan.csv", JAN)]);
    // E01009999 is in no lookup: unknown, not outside.
    assert_eq!(figures(&p.report), (8, 6, 1, 0, 1, 0));
    let unknown: Vec<(&str, u64)> = p
        .unknown
        .examples
        .iter()
        .map(|u| (u.code.as_str(), u.rows))
        .collect();
    assert_eq!(unknown, [("E01009999", 1)]);
    let c = &p.cube;
    assert_eq!(
        c.areas().iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        ["E05000001", "E05000002", "E05000003"]
    );
    assert_eq!(cell(c, "E05000001", "2024-01", "Burglary"), 2);
    assert_eq!(cell(c, "E05000001", "2024-01", "Anti-social behaviour"), 1);
    assert_eq!(cell(c, "E05000001", "2024-01", "Shoplifting"), 1);
    assert_eq!(cell(c, "E05000002", "2024-01", "Drugs"), 1);
    assert_eq!(
        cell(c, "E05000003", "2024-01", "Violence and sexual offences"),
        1
    );
    let asb = c.category_index("Anti-social behaviour").unwrap();
    assert_eq!(c.unallocated(0, asb), 1);
    assert_eq!(c.grand_total(), 7, "accepted + not allocated");
}

#[test]
fn without_a_lookup_every_lsoa_is_an_area() {
    let p = load(AreaMapper::each_lsoa(), &[("jan.csv", JAN)]);
    assert_eq!(figures(&p.report), (8, 7, 1, 0, 0, 0));
    assert_eq!(p.cube.areas().len(), 5);
    assert_eq!(cell(&p.cube, "E01009999", "2024-01", "Drugs"), 1);
    assert_eq!(
        cell(&p.cube, "E01000001", "2024-01", "Anti-social behaviour"),
        1
    );
}

#[test]
fn within_an_area_drops_outside_and_unallocated_rows_from_the_counts() {
    // E01000004 lies in E06000002 (outside); E01009999 is unknown.
    let p = load(mapper(Level::Ward, Some("E06000001")), &[("jan.csv", JAN)]);
    assert_eq!(figures(&p.report), (8, 5, 1, 1, 1, 0));
    assert_eq!(p.cube.areas().len(), 2, "only the wards of E06000001");
    assert_eq!(
        p.cube.grand_total(),
        5,
        "not-allocated rows cannot be placed inside"
    );
    let p = load(mapper(Level::District, None), &[("jan.csv", JAN)]);
    assert_eq!(cell(&p.cube, "E06000001", "2024-01", "Burglary"), 2);
    assert_eq!(
        cell(
            &p.cube,
            "E06000002",
            "2024-01",
            "Violence and sexual offences"
        ),
        1
    );
    let (lookup, _) = read_lookup("lookup.csv", LOOKUP).unwrap();
    // Within both boroughs: the one outside row before is now inside
    // (8 rows: 6 counted, 1 not allocated, 1 unknown), in all three wards.
    let both = ["E06000001".to_string(), "E06000002".to_string()];
    let m = AreaMapper::from_lookup(&lookup, Level::Ward, &both).unwrap();
    let p = load(m, &[("jan.csv", JAN)]);
    assert_eq!(figures(&p.report), (8, 6, 1, 0, 1, 0));
    assert_eq!(p.cube.areas().len(), 3);
    assert!(AreaMapper::from_lookup(&lookup, Level::Msoa, &[]).is_err());
    assert!(AreaMapper::from_lookup(&lookup, Level::Ward, &["E06000099".to_string()]).is_err());
}

#[test]
fn rejects_each_kind_of_bad_row_with_line_and_reason() {
    let p = load(mapper(Level::Ward, None), &[("feb.csv", FEB)]);
    assert_eq!(figures(&p.report), (9, 4, 1, 0, 0, 4));
    let got: Vec<(u64, Option<&str>)> = p
        .report
        .rejections
        .iter()
        .map(|r| (r.line, r.column.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, Some("Month")),
            (4, Some("Crime type")),
            (5, None),
            (7, Some("Crime type"))
        ]
    );
    let reasons: Vec<String> = p
        .report
        .rejections
        .iter()
        .map(|r| r.reason.to_string())
        .collect();
    assert!(reasons[0].contains("\"2024-13\""), "{}", reasons[0]);
    assert!(reasons[1].contains("\"Jaywalking\""), "{}", reasons[1]);
    assert!(
        reasons[2].contains("expected 12 fields, found 5"),
        "{}",
        reasons[2]
    );
    assert!(reasons[3].contains("empty"), "{}", reasons[3]);
    assert!(p.report.rejections.iter().all(|r| r.file == "feb.csv"));
    assert_eq!(cell(&p.cube, "E05000003", "2024-02", "Robbery"), 1);
    assert_eq!(cell(&p.cube, "E05000002", "2024-02", "Robbery"), 1);
    // Line 6, not UTF-8 in a column not used, is counted and noted.
    assert_eq!(cell(&p.cube, "E05000001", "2024-02", "Drugs"), 1);
    let note = &p.report.windows_1252;
    assert_eq!(note.len(), 1);
    assert_eq!(
        (note[0].file.as_str(), note[0].first_line, note[0].rows),
        ("feb.csv", 6, 1)
    );
}

#[test]
fn any_chunking_gives_the_same_result() {
    let whole = load(
        mapper(Level::Ward, None),
        &[("jan.csv", JAN), ("feb.csv", FEB)],
    );
    for size in 1..=9 {
        let mut agg = PoliceUkAggregator::new(mapper(Level::Ward, None), Categories::default());
        for (name, bytes) in [("jan.csv", JAN), ("feb.csv", FEB)] {
            agg.start_file(name).unwrap();
            for chunk in bytes.chunks(size) {
                agg.feed(chunk).unwrap();
            }
            agg.end_file().unwrap();
        }
        let p = agg.finish().unwrap();
        assert_eq!(p.report, whole.report, "chunks of {size}");
        assert_eq!(p.cube, whole.cube, "chunks of {size}");
    }
}

#[test]
fn reports_missing_months_across_files() {
    let p = load(
        AreaMapper::each_lsoa(),
        &[("apr.csv", APR), ("jan.csv", JAN), ("feb.csv", FEB)],
    );
    let months: Vec<String> = p
        .quality
        .months_covered
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(months, ["2024-01", "2024-02", "2024-04"]);
    assert_eq!(p.quality.months_missing, vec!["2024-03".parse().unwrap()]);
    assert_eq!(p.cube.month_count(), 4);
    assert!(p.report.adds_up());
}

#[test]
fn bad_headers_and_empty_files_are_errors_naming_the_file() {
    let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), Categories::default());
    let err = agg
        .read("x.csv", &b"Crime ID,Month,Location\n1,2024-01,Here\n"[..])
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("x.csv") && msg.contains("LSOA code, Crime type"),
        "{msg}"
    );
    let err = agg.read("empty.csv", &b"\r\n\r\n"[..]).unwrap_err();
    assert!(
        err.to_string().contains("empty.csv: the file is empty"),
        "{err}"
    );
}

/// E01009999 → E01000003 (ward E05000002); E01000001 → E01000004 is
/// ignored, as the last lookup knows E01000001 itself; E01008888 bridges to
/// a code the last lookup lacks.
const BRIDGE: &[u8] = include_bytes!("fixtures/lookup/lsoa11_to_lsoa21_bridge.csv");

fn chain(level: Level, within: Option<&str>) -> AreaMapper {
    let (bridge, _) = read_lookup("bridge.csv", BRIDGE).unwrap();
    let (lookup, _) = read_lookup("lookup.csv", LOOKUP).unwrap();
    let within: Vec<String> = within.into_iter().map(str::to_string).collect();
    AreaMapper::from_lookups(&[bridge, lookup], level, &within).unwrap()
}

#[test]
fn chained_lookups_bridge_old_codes_and_the_last_lookup_wins() {
    let p = load(chain(Level::Ward, None), &[("jan.csv", JAN)]);
    // Directly: E01000001 ×3 and E01000002 → E05000001, E01000003 →
    // E05000002, E01000004 → E05000003 (6); bridged: E01009999 → E05000002.
    assert_eq!(figures(&p.report), (8, 7, 1, 0, 0, 0));
    assert_eq!((p.mapped_directly(), p.bridged), (6, 1));
    assert_eq!(cell(&p.cube, "E05000002", "2024-01", "Drugs"), 2);
    assert_eq!(cell(&p.cube, "E05000001", "2024-01", "Burglary"), 2);
    // Within E06000002 only E01000004 is inside; the bridged row is outside.
    let p = load(chain(Level::Ward, Some("E06000002")), &[("jan.csv", JAN)]);
    assert_eq!(figures(&p.report), (8, 1, 1, 6, 0, 0));
    assert_eq!((p.mapped_directly(), p.bridged), (1, 0));
    assert!(p.report.adds_up());
}

#[test]
fn every_lookup_but_the_last_must_be_a_bridge() {
    let (lookup, _) = read_lookup("lookup.csv", LOOKUP).unwrap();
    let (bridge, _) = read_lookup("bridge.csv", BRIDGE).unwrap();
    let err =
        AreaMapper::from_lookups(&[lookup.clone(), lookup.clone()], Level::Ward, &[]).unwrap_err();
    assert!(
        err.to_string().contains("lookup 1 of 2 is not a bridge"),
        "{err}"
    );
    assert!(AreaMapper::from_lookups(&[], Level::Ward, &[]).is_err());
    // The bridge alone has no wards.
    assert!(AreaMapper::from_lookups(&[lookup, bridge], Level::Ward, &[]).is_err());
}

#[test]
fn rows_not_utf8_are_read_as_windows_1252_in_the_columns_used_too() {
    let cats = Categories::new(vec![Category {
        name: "Vol à l’étalage".to_string(),
        group: "Vol".to_string(),
        is_crime: true,
        source: None,
    }]);
    let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), cats);
    let text: &[u8] = b"Month,LSOA code,Crime type,Location\n\
        2024-05,E01000001,Vol \xE0 l\x92\xE9talage,Caf\xE9\n\
        2024-05,E01000001,Vol \xC3\xA0 l\xE2\x80\x99\xC3\xA9talage,Caf\xC3\xA9\n\
        2024-05,E01000002,Fl\xE2nerie,Here\n\
        2024-0\xB5,E01000002,Vol \xE0 l\x92\xE9talage,Here\n";
    agg.read("mixed.csv", text).unwrap();
    let p = agg.finish().unwrap();
    // Line 2 in Windows-1252 and line 3 in UTF-8 name the same category.
    assert_eq!(figures(&p.report), (4, 2, 0, 0, 0, 2));
    assert_eq!(cell(&p.cube, "E01000001", "2024-05", "Vol à l’étalage"), 2);
    let reasons: Vec<String> = p
        .report
        .rejections
        .iter()
        .map(|r| r.reason.to_string())
        .collect();
    assert!(reasons[0].contains("\"Flânerie\""), "{}", reasons[0]);
    assert!(reasons[1].contains("\"2024-0µ\""), "{}", reasons[1]);
    let note = &p.report.windows_1252;
    assert_eq!(note.len(), 1);
    assert_eq!((note[0].first_line, note[0].rows), (2, 3));
}
