//! Welsh area names from the real ONS lookup in `../shared/data`: the
//! lookup reader takes them (checked against the file read here with the
//! `csv` crate by column name), `explorer-cli areas` writes them and the
//! areas reader reads them back, an English area's file is as before; the
//! Welsh fixture (`tests/e2e/fixtures/welsh-files/`) is a true cut of the
//! real files, and the Load data page's engine gives its areas their Welsh
//! names through to the files it hands the page.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cse::data::areas::read_areas_bytes;
use cse::data::explorer_data::{assemble, Files};
use cse::data::lookup::{read_lookup, Level};
use cse::data::session::LoadSession;
use cse::data::{Area, Manifest};
use cse::i18n::Lang;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const LOOKUP: &str = "ons/lsoa21_ward25_lad25_best_fit_lookup.csv";
const POPULATION: &str = "ons/lsoa21_population_census2021_ts007a.csv";
const FIXTURE: &str = "tests/e2e/fixtures/welsh-files";

fn data(rel: &str) -> PathBuf {
    let p = Path::new(ROOT).join("../shared/data").join(rel);
    assert!(
        p.exists(),
        "REAL DATA MISSING: {} (expected ../shared/data beside the project; see its README)",
        p.display()
    );
    p
}

/// Code → (English name, Welsh name) at every level, read by column name
/// with the `csv` crate; a Welsh name is "" where the file has none.
fn names_in_file(path: &Path) -> BTreeMap<String, (String, String)> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let levels = [
        ("LSOA21CD", "LSOA21NM", "LSOA21NMW"),
        ("WD25CD", "WD25NM", "WD25NMW"),
        ("LAD25CD", "LAD25NM", "LAD25NMW"),
    ]
    .map(|(c, n, w)| (col(c), col(n), col(w)));
    let mut out = BTreeMap::new();
    for row in r.records() {
        let row = row.unwrap();
        for (c, n, w) in levels {
            let entry = (row[n].to_string(), row[w].to_string());
            out.entry(row[c].to_string()).or_insert(entry);
        }
    }
    out
}

#[test]
fn the_ons_lookup_gives_every_welsh_area_its_welsh_name() {
    let path = data(LOOKUP);
    let (lookup, report) = read_lookup("lookup.csv", std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(report.rejected, 0);
    assert!(lookup.has_welsh_names());
    let file = names_in_file(&path);
    let (mut welsh_wards, mut english) = (0, 0);
    // The file's one garbled name (UTF-8 read as code page 437), which the
    // reader repairs; every other name is read as the file has it.
    assert_eq!(file["W06000001"].1, "Ynys M\u{251c}\u{2524}n");
    for (code, (name, cy)) in &file {
        assert_eq!(lookup.name(code), Some(name.as_str()), "{code}");
        if code.starts_with('W') {
            assert!(
                !cy.is_empty(),
                "{code} ({name}) has no Welsh name in the file"
            );
            let cy = if code == "W06000001" { "Ynys Môn" } else { cy };
            assert_eq!(lookup.name_cy(code), Some(cy), "{code}");
            welsh_wards += usize::from(code.starts_with("W05"));
        } else {
            assert!(cy.is_empty(), "{code}: an English area with a Welsh name");
            assert_eq!(lookup.name_cy(code), None, "{code}");
            english += 1;
        }
    }
    assert_eq!(welsh_wards, 752, "Wales's 2025 wards");
    assert!(english > 30_000, "{english} English areas");
    assert_eq!(lookup.name("W06000015"), Some("Cardiff"));
    assert_eq!(lookup.name_cy("W06000015"), Some("Caerdydd"));
    assert_eq!(lookup.name_cy("W06000001"), Some("Ynys Môn"));
    assert_eq!(
        lookup.name_cy("W05001620"),
        Some("Ynysowen"),
        "Merthyr Vale"
    );
    assert_eq!(lookup.name_cy("E06000004"), None, "Stockton-on-Tees");
}

/// `explorer-cli areas` on the real files for one authority; the file's
/// text and its areas as the reader reads them.
fn cli_areas(within: &str) -> (String, Vec<Area>) {
    let dir = std::env::temp_dir().join(format!("cse-welsh-areas-{within}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("areas.csv");
    let (lookup, population) = (data(LOOKUP), data(POPULATION));
    let args = [
        "areas",
        "--lookup",
        lookup.to_str().unwrap(),
        "--population",
        population.to_str().unwrap(),
        "--level",
        "ward",
        "--within",
        within,
        "--out",
        out.to_str().unwrap(),
    ];
    cse::cli::run(args.map(String::from)).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    let (areas, report) = read_areas_bytes("areas.csv", text.as_bytes()).unwrap();
    assert_eq!(report.rejected, 0);
    std::fs::remove_dir_all(&dir).ok();
    (text, areas)
}

#[test]
fn explorer_cli_areas_writes_welsh_names_and_they_read_back() {
    let file = names_in_file(&data(LOOKUP));
    let (text, areas) = cli_areas("W06000015");
    assert!(text.starts_with("area_code,area_name,area_name_cy,parent_code,"));
    let cardiff = &areas[0];
    assert_eq!(
        (cardiff.code.as_str(), cardiff.name_in(Lang::Cy)),
        ("W06000015", "Caerdydd")
    );
    assert_eq!(cardiff.name_in(Lang::En), "Cardiff");
    let wards: Vec<&Area> = areas[1..].iter().collect();
    assert!(wards.len() > 20, "{} Cardiff wards", wards.len());
    for w in &wards {
        let (name, cy) = &file[w.code.as_str()];
        assert_eq!((&w.name, w.name_cy.as_deref()), (name, Some(cy.as_str())));
    }
    // Heath is Y Mynydd Bychan.
    let heath = wards
        .iter()
        .find(|w| w.code.as_str() == "W05001280")
        .unwrap();
    assert_eq!(
        (heath.name.as_str(), heath.name_in(Lang::Cy)),
        ("Heath", "Y Mynydd Bychan")
    );

    // An English authority's areas file has no Welsh column at all.
    let (text, areas) = cli_areas("E06000001");
    assert!(
        text.starts_with("area_code,area_name,parent_code,"),
        "{text}"
    );
    assert!(areas.iter().all(|a| a.name_cy.is_none()));
    assert_eq!(areas[0].name_in(Lang::Cy), "Hartlepool");
}

#[test]
fn the_welsh_fixture_is_a_cut_of_the_real_files() {
    let fixture = Path::new(ROOT).join(FIXTURE);
    for (cut, real, key) in [("lookup.csv", LOOKUP, 6), ("population.csv", POPULATION, 2)] {
        let cut = std::fs::read_to_string(fixture.join(cut)).unwrap();
        let real = std::fs::read_to_string(data(real)).unwrap();
        let real_lines: Vec<&str> = real.lines().collect();
        let cut_lines: Vec<&str> = cut.lines().collect();
        assert_eq!(cut_lines[0], real_lines[0], "the same header");
        for line in &cut_lines[1..] {
            assert!(real_lines.contains(line), "not in the real file: {line}");
        }
        if key == 6 {
            let merthyr = real_lines
                .iter()
                .filter(|l| l.split(',').nth(key) == Some("W06000024"))
                .count();
            assert_eq!(cut_lines.len() - 1, merthyr, "every Merthyr Tydfil LSOA");
        }
    }
}

/// The fixture's files given to the Load data page's engine, Merthyr
/// Tydfil by ward.
fn load_fixture() -> cse::data::session::Loaded {
    let fixture = Path::new(ROOT).join(FIXTURE);
    let mut session = LoadSession::new();
    for name in [
        "lookup.csv",
        "population.csv",
        "2025-01-south-wales-street.csv",
        "2025-02-south-wales-street.csv",
    ] {
        session.add(name, std::fs::read(fixture.join(name)).unwrap());
    }
    let merthyr = session
        .choices()
        .within
        .into_iter()
        .find(|a| a.code == "W06000024")
        .unwrap();
    assert_eq!(merthyr.name_in(Lang::Cy), "Merthyr Tudful");
    assert_eq!(merthyr.name_in(Lang::En), "Merthyr Tydfil");
    session.start(Some(Level::Ward), Some("W06000024")).unwrap();
    session.finish().unwrap()
}

#[test]
fn a_load_of_the_welsh_fixture_gives_its_areas_their_welsh_names() {
    let loaded = load_fixture();
    assert!(loaded.report.adds_up());
    let file = names_in_file(&Path::new(ROOT).join(FIXTURE).join("lookup.csv"));
    let check = |areas: &[Area]| {
        assert_eq!(areas.len(), 12, "the borough and its 11 wards");
        for a in areas {
            let (name, cy) = &file[a.code.as_str()];
            assert_eq!((&a.name, a.name_cy.as_deref()), (name, Some(cy.as_str())));
        }
    };
    check(&loaded.data.dataset.areas);
    let m = &loaded.data.manifest;
    assert_eq!(m.whole_name_in(Lang::Cy), "Merthyr Tudful");
    assert_eq!(m.whole_name_in(Lang::En), "Merthyr Tydfil");
    let ds = &loaded.data.dataset;
    assert_eq!(ds.area_name_in("W05001624", Lang::Cy), "Y Dref");
    assert_eq!(ds.area_name_in("W05001624", Lang::En), "Town");

    // The files the worker hands the page carry them, and read back.
    let files = loaded.dataset_files();
    let areas = files.areas.as_deref().unwrap();
    assert!(
        areas.starts_with("area_code,area_name,area_name_cy,"),
        "{areas}"
    );
    let manifest = Manifest::parse("manifest.json", &files.manifest).unwrap();
    let back = assemble(
        manifest,
        Files {
            areas: Some(("areas.csv", areas.as_bytes())),
            ..Files::counts("counts.csv", files.counts.as_bytes())
        },
    )
    .unwrap();
    check(&back.dataset.areas);
    assert_eq!(back.manifest.whole_name_in(Lang::Cy), "Merthyr Tudful");
    let categories = &back.dataset.categories;
    assert_eq!(categories.name_in("Burglary", Lang::Cy), "Byrgleriaeth");
}

/// `explorer-cli publish` on the fixture, as `scripts/build-welsh` runs it:
/// the manifest's Welsh texts, the whole's Welsh name from the lookup, the
/// areas' Welsh names, all read back as the explorer reads the folder.
#[test]
fn publish_writes_a_dataset_that_speaks_welsh() {
    let fixture = Path::new(ROOT).join(FIXTURE);
    let f = |name: &str| fixture.join(name).display().to_string();
    let out = std::env::temp_dir().join(format!("cse-welsh-publish-{}", std::process::id()));
    let out_s = out.display().to_string();
    let args = [
        "publish",
        "--synthetic",
        "--police",
        &fixture.display().to_string(),
        "--lookup",
        &f("lookup.csv"),
        "--within",
        "W06000024",
        "--population",
        &f("population.csv"),
        "--title",
        "Merthyr Tydfil",
        "--title-cy",
        "Merthyr Tudful",
        "--caveat",
        "Invented.",
        "--caveat-cy",
        "Wedi'i ddyfeisio.",
        "--out",
        &out_s,
    ];
    cse::cli::run(args.map(String::from)).unwrap();
    let read = |name: &str| std::fs::read(out.join(name)).unwrap();
    let text = String::from_utf8(read("manifest.json")).unwrap();
    let m = Manifest::parse("manifest.json", &text).unwrap();
    assert!(m.synthetic);
    assert_eq!(m.title_in(Lang::Cy), "Merthyr Tudful");
    assert_eq!(
        m.whole_name_in(Lang::Cy),
        "Merthyr Tudful",
        "from the lookup"
    );
    assert_eq!(m.whole_name_in(Lang::En), "Merthyr Tydfil");
    assert_eq!(m.caveats_in(Lang::Cy), ["Wedi'i ddyfeisio."]);
    assert_eq!(m.licence_in(Lang::Cy), "Trwydded Llywodraeth Agored v3.0");
    assert!(m
        .attribution_in(Lang::Cy)
        .starts_with("Cyfrifon wedi'u dyfeisio"));
    assert!(m.attribution_in(Lang::En).starts_with("Counts invented"));
    let (counts, areas) = (read("counts.csv"), read("areas.csv"));
    let data = assemble(
        m,
        Files {
            areas: Some(("areas.csv", &areas)),
            ..Files::counts("counts.csv", &counts)
        },
    )
    .unwrap();
    let ds = &data.dataset;
    assert_eq!(ds.area_name_in("W06000024", Lang::Cy), "Merthyr Tudful");
    assert_eq!(ds.area_name_in("W05001620", Lang::Cy), "Ynysowen");
    assert_eq!(ds.area_name_in("W05001620", Lang::En), "Merthyr Vale");
    std::fs::remove_dir_all(&out).ok();
}
