//! Self-service loads through `LoadSession`, checked against counts made
//! here by other means: a plain split of each police.uk line on commas with
//! the lookups read by column position, and the real `explorer-cli prepare`
//! path. Needs the real files in `../shared/data` (see its README).

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use cse::data::lookup::Level;
use cse::data::recognise::FileKind;
use cse::data::session::{FileStatus, LoadSession, Loaded, SessionError};
use proptest::prelude::*;

#[path = "common/zip.rs"]
mod zip_writer;
use zip_writer::zip;

fn data_dir() -> PathBuf {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data"));
    assert!(
        dir.join("police-uk-west-yorkshire").is_dir()
            && dir.join("police-uk-cleveland").is_dir()
            && dir.join("ons").is_dir(),
        "the real test data is missing: expected {} (police.uk and ONS files, see its README); \
         these tests cannot run without it",
        dir.display()
    );
    dir.to_path_buf()
}

fn street_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-street.csv"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

fn run(session: LoadSession, level: Option<Level>, within: Option<&str>) -> Loaded {
    let mut session = session;
    session.start(level, within).unwrap();
    let loaded = session.finish().unwrap();
    assert!(loaded.report.adds_up(), "{:?}", loaded.report);
    loaded
}

/// Every count of a load: (month, area code, "" = not allocated, category).
fn cells(l: &Loaded) -> BTreeMap<(String, String, String), u64> {
    let cube = &l.data.dataset.cube;
    let mut out = BTreeMap::new();
    for (mi, month) in cube.months().enumerate() {
        for (c, cat) in cube.categories().iter().enumerate() {
            let n = cube.unallocated(mi, c);
            if n > 0 {
                out.insert(
                    (month.to_string(), String::new(), cat.clone()),
                    u64::from(n),
                );
            }
            for (a, area) in cube.areas().iter().enumerate() {
                let n = cube.get(a, mi, c);
                if n > 0 {
                    out.insert(
                        (month.to_string(), area.to_string(), cat.clone()),
                        u64::from(n),
                    );
                }
            }
        }
    }
    out
}

/// West Yorkshire at district level through the 2011 hierarchy, against a
/// plain split of the lines and the lookup read by column position.
#[test]
fn west_yorkshire_at_district_level_matches_a_plain_count() {
    let dir = data_dir();
    let lookup_path = dir.join("ons/lsoa11_hierarchy_police_force.csv");
    let mut session = LoadSession::new();
    session.add("hierarchy.csv", std::fs::read(&lookup_path).unwrap());
    let files = street_files("police-uk-west-yorkshire");
    for f in &files {
        session.add(&file_name(f), std::fs::read(f).unwrap());
    }
    let choices = session.choices();
    assert_eq!(choices.levels, [Level::Lsoa, Level::Msoa, Level::District]);
    assert!(choices
        .within
        .iter()
        .any(|a| a.code == "E08000035" && a.name == "Leeds"));
    let loaded = run(session, Some(Level::District), None);

    // LSOA → local authority, by position (columns 7 and 3), first listing.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(&lookup_path)
        .unwrap();
    let mut district: HashMap<String, String> = HashMap::new();
    for rec in reader.records() {
        let rec = rec.unwrap();
        if rec.len() == 10 && !rec[7].trim().is_empty() {
            district
                .entry(rec[7].trim().to_string())
                .or_insert_with(|| rec[3].trim().to_string());
        }
    }
    let mut want: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    let (mut rows, mut outside, mut unallocated) = (0u64, 0u64, 0u64);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(!text.contains('"'), "a plain split needs no quotes");
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let cols: Vec<&str> = line.split(',').collect();
            rows += 1;
            let area = if cols[7].is_empty() {
                unallocated += 1;
                String::new()
            } else if let Some(d) = district.get(cols[7]) {
                d.clone()
            } else {
                outside += 1;
                continue;
            };
            *want
                .entry((cols[1].to_string(), area, cols[9].to_string()))
                .or_insert(0) += 1;
        }
    }
    let r = &loaded.report;
    assert_eq!(
        (r.rows_read, r.outside_area, r.not_allocated, r.rejected),
        (rows, outside, unallocated, 0)
    );
    assert!(unallocated > 0, "the set has rows with no LSOA");
    assert!(
        want.keys().any(|k| k.1 == "E08000016"),
        "rows in Barnsley, outside West Yorkshire, are counted in Barnsley"
    );
    assert_eq!(cells(&loaded), want);
    // With no area chosen, the areas are those the rows reach: not every
    // authority in England, each ranked at 0.
    let reached: std::collections::BTreeSet<&str> = want
        .keys()
        .map(|k| k.1.as_str())
        .filter(|a| !a.is_empty())
        .collect();
    let listed: std::collections::BTreeSet<&str> = loaded
        .data
        .dataset
        .areas
        .iter()
        .map(|a| a.code.as_str())
        .filter(|c| c.starts_with("E0") && !c.starts_with("E01") && !c.starts_with("E02"))
        .collect();
    assert_eq!(listed, reached);
    // The authority with the most rows (by the plain count) is offered
    // first, from the files' first bytes alone; the areas with rows in
    // that sample come before the rest.
    let mut by_district: BTreeMap<&str, u64> = BTreeMap::new();
    for ((_, area, _), n) in &want {
        *by_district.entry(area.as_str()).or_insert(0) += n;
    }
    let most = by_district.iter().max_by_key(|(_, n)| **n).map(|(a, _)| *a);
    assert_eq!(
        Some(choices.within[0].code.as_str()),
        most,
        "{:?}",
        &choices.within[..3]
    );
    let sampled = choices.within.iter().take_while(|a| a.sampled > 0).count();
    assert!(sampled >= 2 && choices.within[sampled..].iter().all(|a| a.sampled == 0));
    assert!(
        choices.within[sampled..]
            .windows(2)
            .all(|w| w[0].name <= w[1].name),
        "the rest by name"
    );
    // Each file's rows, and they add up to the whole.
    let per_file: u64 = loaded
        .files
        .iter()
        .filter(|f| f.kind.is_police())
        .map(|f| f.rows.rows_read)
        .sum();
    assert_eq!(per_file, rows);
    assert_eq!(loaded.data.manifest.title, "Your files");
    assert!(!loaded.data.manifest.synthetic);
    assert!(
        loaded.data.quality.months_missing.len() == 22,
        "Jul 2016, 2017, 2018 only"
    );
}

/// The same three files zipped as police.uk delivers them (a folder per
/// month; deflate, a data descriptor, one stored) load to the same counts.
#[test]
fn a_zip_of_the_west_yorkshire_files_loads_like_the_files() {
    let dir = data_dir();
    let lookup = std::fs::read(dir.join("ons/lsoa11_hierarchy_police_force.csv")).unwrap();
    let files = street_files("police-uk-west-yorkshire");
    let datas: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            let name = file_name(f);
            (format!("{}/{name}", &name[..7]), std::fs::read(f).unwrap())
        })
        .collect();
    let entries: Vec<(&str, &[u8], bool, bool)> = datas
        .iter()
        .enumerate()
        // Data descriptors for every entry (the zip crate writes them for
        // a whole archive or none), one entry stored.
        .map(|(i, (n, d))| (n.as_str(), d.as_slice(), i != 2, true))
        .collect();
    let archive = zip(&entries, false);
    assert!(archive.len() < datas.iter().map(|d| d.1.len()).sum::<usize>() / 2);

    let mut plain = LoadSession::new();
    plain.add("hierarchy.csv", lookup.clone());
    for (n, d) in &datas {
        plain.add(n, d.clone());
    }
    let plain = run(plain, Some(Level::Msoa), Some("E08000035"));

    let mut zipped = LoadSession::new();
    zipped.add("hierarchy.csv", lookup);
    zipped.add("west-yorkshire.zip", archive);
    let names: Vec<String> = zipped.files().iter().map(|f| f.name.clone()).collect();
    assert_eq!(
        names[2],
        "west-yorkshire.zip/2016-07/2016-07-west-yorkshire-street.csv"
    );
    assert_eq!(zipped.files()[1].kind, FileKind::Zip);
    let zipped = run(zipped, Some(Level::Msoa), Some("E08000035"));
    assert_eq!(zipped.counts_csv(), plain.counts_csv());
    assert_eq!(zipped.report.rows_read, plain.report.rows_read);
    assert_eq!(zipped.report.accepted, plain.report.accepted);
    assert_eq!(zipped.report.outside_area, plain.report.outside_area);
    assert!(zipped.report.accepted > 0 && zipped.report.outside_area > 0);
    for f in zipped.files.iter().filter(|f| f.kind.is_police()) {
        assert_eq!(f.status, FileStatus::Read, "{}", f.name);
    }
}

/// Cleveland with the 2011 → 2021 bridge and the 2021 → ward lookup,
/// restricted to Stockton at ward level, equals `explorer-cli prepare`.
#[test]
fn cleveland_bridged_to_stockton_wards_equals_prepare() {
    let dir = data_dir();
    let bridge = dir.join("ons/lsoa11_to_lsoa21_best_fit_lookup.csv");
    let wards = dir.join("ons/lsoa21_ward25_lad25_best_fit_lookup.csv");
    let out = std::env::temp_dir().join(format!("cse-session-{}.csv", std::process::id()));
    let args: Vec<String> = [
        "prepare",
        "--lookup",
        bridge.to_str().unwrap(),
        "--lookup",
        wards.to_str().unwrap(),
        "--level",
        "ward",
        "--within",
        "E06000004",
        "--out",
        out.to_str().unwrap(),
        dir.join("police-uk-cleveland").to_str().unwrap(),
    ]
    .map(String::from)
    .to_vec();
    cse::cli::run(&args).unwrap();
    let prepared = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();

    let mut session = LoadSession::new();
    // The ward lookup first: the order given does not decide the chain.
    session.add("wards.csv", std::fs::read(&wards).unwrap());
    session.add("bridge.csv", std::fs::read(&bridge).unwrap());
    for f in street_files("police-uk-cleveland") {
        session.add(&file_name(&f), std::fs::read(&f).unwrap());
    }
    let stockton = session
        .choices()
        .within
        .into_iter()
        .find(|a| a.code == "E06000004")
        .unwrap();
    assert_eq!(stockton.name, "Stockton-on-Tees");
    let loaded = run(session, Some(Level::Ward), Some("E06000004"));
    assert_eq!(loaded.counts_csv(), prepared);
    assert!(loaded.bridged > 0, "the early months need the bridge");
    assert_eq!(
        loaded.data.dataset.cube.areas().len(),
        27,
        "Stockton's wards"
    );
    assert_eq!(loaded.data.manifest.whole_name, "Stockton-on-Tees");
    assert!(loaded
        .files
        .iter()
        .all(|f| !matches!(f.status, FileStatus::Failed(_))));
}

const HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/session/").to_string() + name,
    )
    .unwrap()
}

/// Each kind of bad file gets a message naming it; the good ones load as
/// if alone.
#[test]
fn bad_files_are_named_and_the_good_ones_still_load() {
    let good = fixture("2024-01-demo-street.csv");
    let lookup = fixture("lookup.csv");
    let alone = {
        let mut s = LoadSession::new();
        s.add("lookup.csv", lookup.clone());
        s.add("2024-01-demo-street.csv", good.clone());
        run(s, None, None)
    };
    let good_zip = zip(
        &[("2024-01/2024-01-demo-street.csv", &good, true, false)],
        false,
    );
    let mut bad_crc = good_zip.clone();
    let at = bad_crc.len() / 3;
    bad_crc[at] ^= 0x10;
    let xlsx = zip(
        &[
            ("[Content_Types].xml", b"<Types/>", true, false),
            ("xl/workbook.xml", b"<w/>", true, false),
        ],
        false,
    );
    let bad: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.csv", Vec::new(), "empty"),
        (
            "utf16.csv",
            b"\xFF\xFEM\x00o\x00n\x00t\x00h\x00,\x00".to_vec(),
            "UTF-16",
        ),
        (
            "binary.dat",
            b"\x03\xF3\x1B\x9C,\xE1\x07x\n".to_vec(),
            "binary",
        ),
        (
            "wrong-header.csv",
            b"date,place,what\n2024-01,x,y\n".to_vec(),
            "none of the columns",
        ),
        ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\n".to_vec(), "PDF"),
        (
            "cut.zip",
            good_zip[..good_zip.len() - 30].to_vec(),
            "cut short",
        ),
        ("damaged.zip", bad_crc, "damaged"),
        ("sheet.zip", xlsx, "Excel workbook"),
        (
            "broken.geojson",
            b"{\"type\": \"FeatureCollection\", \"features\": [".to_vec(),
            "not valid JSON",
        ),
        ("bad-lookup.csv", b"LSOA21CD,WD25CD\n".to_vec(), ""),
    ];
    let mut s = LoadSession::new();
    s.add("lookup.csv", lookup);
    for (name, bytes, _) in &bad {
        s.add(name, bytes.clone());
    }
    s.add("2024-01-demo-street.csv", good);
    let loaded = run(s, None, None);
    for (name, _, words) in &bad {
        if words.is_empty() {
            continue;
        }
        let f = loaded
            .files
            .iter()
            .find(|f| f.name.starts_with(name))
            .unwrap();
        let failed = loaded
            .files
            .iter()
            .filter(|f| f.name.starts_with(name))
            .find_map(|f| match &f.status {
                FileStatus::Failed(m) => Some(m.to_string()),
                _ => None,
            });
        let m = failed.unwrap_or_else(|| panic!("{name}: {:?}", f.status));
        assert!(m.starts_with(name) && m.contains(words), "{name}: {m}");
    }
    // A lookup with only a header maps nothing; it is later than lookup.csv
    // and is not a bridge, so it decides: every LSOA is then outside.
    assert_eq!(loaded.report.accepted, 0);
    let mut s = LoadSession::new();
    s.add("lookup.csv", fixture("lookup.csv"));
    for (name, bytes, words) in &bad {
        if !words.is_empty() {
            s.add(name, bytes.clone());
        }
    }
    s.add(
        "2024-01-demo-street.csv",
        fixture("2024-01-demo-street.csv"),
    );
    let loaded = run(s, None, None);
    assert_eq!(loaded.counts_csv(), alone.counts_csv());
    assert_eq!(loaded.report, alone.report);
    assert!(loaded
        .data
        .manifest
        .caveats
        .iter()
        .any(|c| c.contains("could not be read")));
}

/// Four police.uk files of 40 to 119 rows, each row a crime type and an
/// LSOA code drawn from the lists below (by index).
fn random_rows() -> impl Strategy<Value = Vec<Vec<(usize, usize)>>> {
    let file = prop::collection::vec((0..6usize, 0..5usize), 40..120);
    prop::collection::vec(file, 4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Random police.uk files (quoted fields, CRLF, blank lines, bad rows),
    /// loaded whole and zipped with random step sizes, give identical results.
    #[test]
    fn random_step_sizes_give_identical_results(
        rows in random_rows(),
        steps in prop::collection::vec((1..64usize, 1..4096usize), 6),
    ) {
        random_step_sizes(rows, steps);
    }
}

fn random_step_sizes(rows: Vec<Vec<(usize, usize)>>, steps: Vec<(usize, usize)>) {
    let lookup = fixture("lookup.csv");
    let types = [
        "Burglary",
        "Drugs",
        "Shoplifting",
        "Anti-social behaviour",
        "Nonsense",
        "",
    ];
    let lsoas = ["E01000001", "E01000002", "E01000003", "E01000009", ""];
    let mut files = Vec::new();
    for (f, file_rows) in rows.iter().enumerate() {
        let month = format!("2024-0{}", f + 1);
        let eol = if f % 2 == 0 { "\r\n" } else { "\n" };
        let mut text = format!("\u{feff}{HEADER}{eol}");
        for (i, &(kind, lsoa)) in file_rows.iter().enumerate() {
            let (kind, lsoa) = (types[kind], lsoas[lsoa]);
            let location = if i % 3 == 0 {
                "\"On or near \"\"A\"\", Road\nEnd\""
            } else {
                "On or near Café"
            };
            let month = if i % 17 == 5 {
                "2024-13"
            } else {
                month.as_str()
            };
            text += &format!("x{i},{month},F,F,0.1,0.2,{location},{lsoa},N,{kind},,{eol}");
            if i % 11 == 0 {
                text += eol;
            }
        }
        files.push((format!("{month}-demo-street.csv"), text.into_bytes()));
    }
    let load = |step: Option<usize>, zipped: bool| {
        let mut s = LoadSession::new();
        if let Some(n) = step {
            s.set_step_bytes(n);
        }
        s.add("lookup.csv", lookup.clone());
        if zipped {
            let entries: Vec<(&str, &[u8], bool, bool)> = files
                .iter()
                .enumerate()
                .map(|(i, (n, d))| (n.as_str(), d.as_slice(), i % 3 != 0, true))
                .collect();
            s.add("all.zip", zip(&entries, false));
        } else {
            for (n, d) in &files {
                s.add(n, d.clone());
            }
        }
        let l = run(s, None, None);
        (
            l.counts_csv(),
            l.report.rows_read,
            l.report.accepted,
            l.report.not_allocated,
            l.report.outside_area,
            l.report.unknown_code,
            l.report.rejected,
        )
    };
    let whole = load(None, false);
    // E01000009 is in no lookup: unknown.
    assert!(
        whole.6 > 0 && whole.5 > 0 && whole.3 > 0 && whole.2 > 0,
        "{whole:?}"
    );
    // Small and large steps, each read plain and zipped.
    let cases = steps.iter().flat_map(|&(small, large)| [small, large]);
    for (case, step) in cases.enumerate() {
        let zipped = case % 3 == 0;
        assert_eq!(
            load(Some(step), zipped),
            whole,
            "case {case}: step {step}, zipped {zipped}"
        );
    }
}

#[test]
fn progress_adds_up_and_a_load_can_be_cancelled() {
    let make = || {
        let mut s = LoadSession::new();
        s.set_step_bytes(100);
        s.add("lookup.csv", fixture("lookup.csv"));
        s.add(
            "2024-01-demo-street.csv",
            fixture("2024-01-demo-street.csv"),
        );
        // February: the same rows a month on (the same month and force
        // twice would be read once).
        let february = String::from_utf8(fixture("2024-01-demo-street.csv"))
            .unwrap()
            .replace(",2024-01,", ",2024-02,");
        s.add(
            "a.zip",
            zip(
                &[("2024-02-demo-street.csv", february.as_bytes(), true, false)],
                true,
            ),
        );
        s
    };
    let mut s = make();
    s.start(None, None).unwrap();
    let stop = AtomicBool::new(false);
    let mut last = None;
    let mut calls = 0;
    s.run(&stop, &mut |p| {
        calls += 1;
        assert!(p.bytes_done <= p.bytes_total);
        last = Some(p.clone());
    })
    .unwrap();
    let p = last.unwrap();
    assert!(calls > 5);
    assert_eq!(
        (p.bytes_done, p.files_done, p.files_total),
        (p.bytes_total, 2, 2)
    );
    let loaded = s.finish().unwrap();
    assert_eq!(p.rows, loaded.report.rows_read);
    assert_eq!(
        loaded.files[3].status,
        FileStatus::Read,
        "a ZIP64 archive's entry"
    );

    let mut s = make();
    s.start(None, None).unwrap();
    let stop = AtomicBool::new(false);
    let e = s
        .run(&stop, &mut |p| {
            if p.bytes_done > 200 {
                stop.store(true, Ordering::Relaxed);
            }
        })
        .unwrap_err();
    assert_eq!(e, SessionError::Cancelled);
    assert_eq!(s.finish().unwrap_err(), SessionError::Cancelled);
}

/// Counts files load on their own (several add up); beside police.uk
/// files they are not used, and say why.
#[test]
fn counts_files_load_alone_and_are_not_added_to_police_files() {
    let areas =
        b"area_code,area_name,parent_code,population\nB,Borough,,300\nW1,One,B,100\nW2,Two,B,200\n";
    let c1 = b"month,area_code,category,count\n2024-01,W1,Burglary,3\n2024-01,,Drugs,1\n".to_vec();
    let c2 = b"\xEF\xBB\xBFmonth,area_code,category,count\r\n2024-03,W1,Burglary,2\r\n2024-03,W1,Burglary,x\r\n".to_vec();
    let mut s = LoadSession::new();
    s.add("areas.csv", areas.to_vec());
    s.add("c1.csv", c1.clone());
    s.add("c2.zip", zip(&[("c2.csv", &c2, true, false)], false));
    let l = run(s, None, None);
    let r = &l.report;
    assert_eq!(
        (r.rows_read, r.accepted, r.not_allocated, r.rejected),
        (4, 2, 1, 1)
    );
    assert_eq!(r.rejections[0].file, "c2.zip/c2.csv");
    assert_eq!(
        l.counts_csv(),
        "month,area_code,category,count\n2024-01,,Drugs,1\n2024-01,W1,Burglary,3\n2024-03,W1,Burglary,2\n"
    );
    let codes: Vec<&str> = l
        .data
        .dataset
        .cube
        .areas()
        .iter()
        .map(|a| a.as_str())
        .collect();
    assert_eq!(codes, ["W1", "W2"]);
    assert_eq!(l.data.quality.months_missing.len(), 1);
    assert_eq!(
        l.data.manifest.area_level, "lsoa",
        "codes that name no level: the default"
    );

    // A counts file of ward codes, alone: its pages speak of wards.
    let wards = b"month,area_code,category,count\n2024-01,E05000001,Burglary,3\n2024-01,E05000002,Drugs,1\n";
    let mut s = LoadSession::new();
    s.add("wards.csv", wards.to_vec());
    let l = run(s, None, None);
    assert_eq!(
        (l.level, l.data.manifest.area_level.as_str()),
        (Level::Ward, "ward")
    );

    let mut s = LoadSession::new();
    s.add("c1.csv", c1);
    s.add(
        "2024-01-demo-street.csv",
        fixture("2024-01-demo-street.csv"),
    );
    let l = run(s, None, None);
    assert!(
        matches!(&l.files[0].status, FileStatus::NotUsed(m) if m.to_string().contains("counted twice"))
    );
    assert_eq!(l.report.rows_read, 10, "the fixture has ten rows");
}

/// An archive entry whose damage shows only by its checksum at its end
/// (stored, one letter changed near its end after the checksum was made):
/// its rows were counted as they came, so it is "read in part", says so,
/// and the report still adds up.
#[test]
fn a_damaged_entry_found_at_its_end_is_read_in_part_and_says_so() {
    let mut csv = String::from("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
    for i in 0..2_000 {
        csv += &format!(",2024-01,F,F,0,0,Here,E01000001,Name {i:04}A,Drugs,,\n");
    }
    let mut archive = zip(
        &[("2024-01/2024-01-x-street.csv", csv.as_bytes(), false, false)],
        false,
    );
    // The last row's LSOA name, in the stored data: "Name 1999A" → "Name 1999B".
    let at = archive
        .windows(10)
        .rposition(|w| w == b"Name 1999A")
        .expect("the last row is stored as is")
        + 9;
    archive[at] = b'B';
    let mut s = LoadSession::new();
    s.set_step_bytes(4096);
    s.add("download.zip", archive);
    let loaded = run(s, None, None);
    let entry = loaded
        .files
        .iter()
        .find(|f| f.name == "download.zip/2024-01/2024-01-x-street.csv")
        .unwrap();
    match &entry.status {
        FileStatus::Partly(m) => assert!(
            m.to_string()
                .contains("(its 2000 rows read before the damage was found are counted)"),
            "{m}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        (loaded.report.rows_read, loaded.report.accepted),
        (2000, 2000)
    );
    assert!(loaded.report.adds_up());
    assert!(loaded
        .data
        .manifest
        .caveats
        .iter()
        .any(|c| c.starts_with("1 file(s) could be read only in part")));
}
