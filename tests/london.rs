//! London from the Metropolitan Police's own wide ward table
//! (`../shared/data/met/`), through the Load data page's engine
//! (`LoadSession`, as `explorer-cli wide` runs it) with the ONS 2025 ward
//! lookup: every ward × month × offence class equals a count made here by
//! a plain loop over the file (read with the `csv` crate), boroughs too,
//! the report adds up; and what the Met's own borough table says beside
//! it.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use cse::data::session::{LoadSession, Loaded};
use cse::data::wide::read_wide;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const WARDS: &str = "met/mps_ward_crime_2021-12_2023-11.csv";
const BOROUGHS: &str = "met/mps_borough_crime_2021-12_2023-11.csv";
const LOOKUP: &str = "ons/lsoa21_ward25_lad25_best_fit_lookup.csv";
const SO18: &str = "Aviation Security (SO18)";

fn data(rel: &str) -> PathBuf {
    let p = Path::new(ROOT).join("../shared/data").join(rel);
    assert!(
        p.exists(),
        "REAL DATA MISSING: {} (expected ../shared/data beside the project; see its README, section 3)",
        p.display()
    );
    p
}

/// (area, offence class, month `YYYY-MM`) → count.
type Counts = BTreeMap<(String, String, String), u64>;

/// The rows of a Met table as (header, rows), by the `csv` crate.
fn rows(rel: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(data(rel)).unwrap();
    let headers = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|row| row.unwrap().iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

/// `202311` → `2023-11`.
fn month(header: &str) -> String {
    format!("{}-{}", &header[..4], &header[4..])
}

/// The ward table counted by hand: each cell under its ward's code, or
/// under the aviation security command's name for its rows.
fn ward_counts() -> Counts {
    let (headers, rows) = rows(WARDS);
    let mut out = Counts::new();
    for row in rows {
        let area = if row[4] == SO18 {
            SO18.to_string()
        } else {
            row[3].clone()
        };
        for (i, h) in headers.iter().enumerate().skip(5) {
            let key = (area.clone(), row[1].clone(), month(h));
            *out.entry(key).or_default() += row[i].parse::<u64>().unwrap();
        }
    }
    out
}

/// The ward table loaded as the page and the CLI load it, with the lookup.
fn loaded() -> Loaded {
    let mut session = LoadSession::new();
    for rel in [WARDS, LOOKUP] {
        session.add(rel, std::fs::read(data(rel)).unwrap());
    }
    session.start(None, None).unwrap();
    session.finish().unwrap()
}

/// Every non-zero cell of a load's cube, keyed as [`Counts`].
fn cube_counts(loaded: &Loaded) -> Counts {
    let cube = &loaded.data.dataset.cube;
    let months: Vec<String> = cube.months().map(|m| m.to_string()).collect();
    let mut out = Counts::new();
    for (a, area) in cube.areas().iter().enumerate() {
        for (m, month) in months.iter().enumerate() {
            for (c, category) in cube.categories().iter().enumerate() {
                let n = cube.get(a, m, c);
                if n > 0 {
                    let key = (area.to_string(), category.clone(), month.clone());
                    out.insert(key, u64::from(n));
                }
            }
        }
    }
    out
}

#[test]
fn every_ward_month_and_class_equals_a_count_of_the_file() {
    let loaded = loaded();
    let mut want = ward_counts();
    want.retain(|_, n| *n > 0);
    let got = cube_counts(&loaded);
    assert_eq!(got.len(), want.len(), "non-zero cells");
    for (key, n) in &want {
        assert_eq!(got.get(key), Some(n), "{key:?}");
    }
    let ds = &loaded.data.dataset;
    assert_eq!(ds.cube.month_count(), 24);
    assert_eq!(ds.categories.len(), 56, "the Met's classes, and no others");
    assert!(ds.categories.iter().all(|c| c.name != cse::data::ASB));
    let mut groups: Vec<&str> = ds.categories.iter().map(|c| c.group.as_str()).collect();
    groups.sort();
    groups.dedup();
    assert_eq!(groups.len(), 12);
    // 679 wards and the aviation security command, its own area.
    assert_eq!(ds.cube.areas().len(), 680);
    let so18 = ds.area(SO18).unwrap();
    assert_eq!(so18.parent, None, "under the whole, not Hillingdon");
    let heathrow = ds.area("E05013570").unwrap();
    assert_eq!(
        heathrow.parent.as_ref().map(|p| p.as_str()),
        Some("E09000017")
    );
    let so18_total: u64 = want
        .iter()
        .filter(|((a, _, _), _)| a == SO18)
        .map(|(_, n)| n)
        .sum();
    let caveats = loaded.data.manifest.caveats.join("\n");
    assert!(
        caveats.contains(&format!(
            "\"{SO18}\" is not a local authority: its {so18_total} offences (in Heathrow Villages (E05013570)) are kept as an area of their own under the whole, not added to Hillingdon"
        )),
        "{caveats}"
    );
}

#[test]
fn the_report_adds_up_in_cells() {
    let loaded = loaded();
    let (headers, rows) = rows(WARDS);
    let cells = (rows.len() * (headers.len() - 5)) as u64;
    let r = &loaded.report;
    assert_eq!(r.rows_read, cells);
    assert_eq!(r.accepted + r.rejected, r.rows_read);
    assert_eq!((r.rejected, r.not_allocated), (0, 0), "{:?}", r.rejections);
    assert!(r.adds_up());
}

/// Borough name → code, by the lookup's names, read here.
fn borough_codes() -> HashMap<String, String> {
    let mut r = csv::Reader::from_path(data(LOOKUP)).unwrap();
    let h: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let (code, name) = (
        h.iter().position(|x| x == "LAD25CD").unwrap(),
        h.iter().position(|x| x == "LAD25NM").unwrap(),
    );
    r.records()
        .map(|row| {
            let row = row.unwrap();
            (row[name].to_string(), row[code].to_string())
        })
        .collect()
}

/// (borough name, month) → the ward table's offences, counted by hand.
fn ward_table_by_borough() -> BTreeMap<(String, String), u64> {
    let (headers, rows) = rows(WARDS);
    let mut out = BTreeMap::new();
    for row in rows {
        for (i, h) in headers.iter().enumerate().skip(5) {
            *out.entry((row[4].clone(), month(h))).or_default() += row[i].parse::<u64>().unwrap();
        }
    }
    out
}

#[test]
fn boroughs_are_the_sum_of_their_wards_and_the_met_borough_table_says_more() {
    let loaded = loaded();
    let ds = &loaded.data.dataset;
    let codes = borough_codes();
    let by_hand = ward_table_by_borough();
    // The dataset's boroughs: each ward's counts added to its parent.
    let cube = &ds.cube;
    let mut ours: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (a, code) in cube.areas().iter().enumerate() {
        let parent = ds.area(code.as_str()).unwrap().parent.clone();
        let Some(parent) = parent else { continue };
        for (m, month) in cube.months().enumerate() {
            let n: u64 = cube.area_month(a, m).iter().map(|&n| u64::from(n)).sum();
            *ours
                .entry((parent.to_string(), month.to_string()))
                .or_default() += n;
        }
    }
    let mut named = 0;
    for ((borough, month), n) in &by_hand {
        if borough == SO18 {
            continue;
        }
        let code = &codes[borough];
        assert_eq!(
            ours[&(code.clone(), month.clone())],
            *n,
            "{borough} {month}"
        );
        named += 1;
    }
    assert_eq!(named, 32 * 24);
    // The Met's borough table, counted by hand, beside the ward table's
    // boroughs: it is not their sum. It counts more in most months (3–16%:
    // crimes the Met placed in a borough but in no ward), and it puts
    // Heathrow and London City airports in a pseudo-borough of its own,
    // where the ward table counts Heathrow in Hillingdon until 2023-04 and
    // under the aviation security command after. So the two can only be
    // compared within a band, Hillingdon with the airports on both sides;
    // they cannot be equal, and the test says so.
    let (headers, rows) = rows(BOROUGHS);
    let airports = "London Heathrow and London City Airports";
    let mut met: BTreeMap<(String, String), u64> = BTreeMap::new();
    for row in rows {
        let borough = if row[2] == airports {
            "Hillingdon"
        } else {
            &row[2]
        };
        for (i, h) in headers.iter().enumerate().skip(3) {
            *met.entry((borough.to_string(), month(h))).or_default() +=
                row[i].parse::<u64>().unwrap();
        }
    }
    let mut wards: BTreeMap<(String, String), u64> = BTreeMap::new();
    for ((borough, month), n) in &by_hand {
        let borough = if borough == SO18 {
            "Hillingdon"
        } else {
            borough
        };
        *wards
            .entry((borough.to_string(), month.clone()))
            .or_default() += n;
    }
    assert_eq!(wards.len(), met.len(), "the same 32 boroughs and 24 months");
    let mut equal = 0;
    for (key, n) in &wards {
        let theirs = met[key];
        let ratio = *n as f64 / theirs as f64;
        assert!(
            (0.80..=1.05).contains(&ratio),
            "{key:?}: wards {n}, borough table {theirs}"
        );
        equal += usize::from(*n == theirs);
    }
    // 3 of the 768 borough-months happen to agree.
    assert!(equal < 10, "{equal} borough-months equal in the two tables");
    let all_wards: u64 = wards.values().sum();
    let all_met: u64 = met.values().sum();
    assert!(all_wards < all_met, "{all_wards} {all_met}");
}

#[test]
fn the_borough_table_read_wide_equals_its_count_by_hand() {
    let bytes = std::fs::read(data(BOROUGHS)).unwrap();
    let table = read_wide(BOROUGHS, &bytes).unwrap();
    let placed = cse::data::wide::place(&table, None);
    let mut b = table.builder();
    table.count_into(&placed, &mut b);
    let cube = b.build().unwrap();
    let (headers, rows) = rows(BOROUGHS);
    assert_eq!(
        table.report.rows_read,
        (rows.len() * (headers.len() - 3)) as u64
    );
    assert!(table.report.adds_up() && table.report.rejected == 0);
    for row in rows {
        let a = cube.area_index(&row[2]).unwrap();
        let c = cube.category_index(&row[1]).unwrap();
        for (i, h) in headers.iter().enumerate().skip(3) {
            let m = cube.month_index(month(h).parse().unwrap()).unwrap();
            assert_eq!(u64::from(cube.get(a, m, c)), row[i].parse::<u64>().unwrap());
        }
    }
}

#[test]
fn the_met_files_are_recognised_by_content() {
    use cse::data::recognise::{recognise, FileKind, SNIFF_BYTES};
    for (rel, areas) in [
        (WARDS, "areas by WardCode in LookUp_BoroughName"),
        (BOROUGHS, "areas by LookUp_BoroughName"),
    ] {
        let bytes = std::fs::read(data(rel)).unwrap();
        let kind = recognise("any name", &bytes[..SNIFF_BYTES]);
        assert!(matches!(kind, FileKind::Wide(_)), "{rel}: {kind:?}");
        assert_eq!(
            kind.describe().to_string(),
            format!("a wide table: one column per month (24 months, 2021-12 to 2023-11), {areas}, offences by MajorText and MinorText")
        );
    }
}

#[test]
fn explorer_cli_wide_writes_the_counts_counted_by_hand() {
    let out = std::env::temp_dir().join(format!("cse-london-{}", std::process::id()));
    let args = [
        "wide".to_string(),
        data(WARDS).display().to_string(),
        data(LOOKUP).display().to_string(),
        "--out".to_string(),
        out.display().to_string(),
        "--title".to_string(),
        "London by ward".to_string(),
        "--whole-name".to_string(),
        "London".to_string(),
        "--parent-level".to_string(),
        "borough".to_string(),
    ];
    let outcome = cse::cli::run(args).unwrap();
    assert_eq!(outcome, cse::cli::Outcome::Done);
    // The publisher's title and whole leave no generic Welsh ("Eich
    // ffeiliau") behind: a Welsh page shows the publisher's own.
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"title\": \"London by ward\""),
        "{manifest}"
    );
    assert!(!manifest.contains("title_cy"), "{manifest}");
    assert!(
        manifest.contains("\"parent_level\": \"borough\""),
        "{manifest}"
    );
    assert!(!manifest.contains("whole_name_cy"), "{manifest}");
    let mut want = ward_counts();
    want.retain(|_, n| *n > 0);
    let mut got = Counts::new();
    let mut r = csv::Reader::from_path(out.join("counts.csv")).unwrap();
    for row in r.records() {
        let row = row.unwrap();
        let key = (row[1].to_string(), row[2].to_string(), row[0].to_string());
        assert!(
            got.insert(key, row[3].parse().unwrap()).is_none(),
            "{row:?}"
        );
    }
    assert_eq!(got, want);
    let categories = std::fs::read_to_string(out.join("categories.csv")).unwrap();
    assert_eq!(categories.lines().count(), 1 + 56);
    assert!(!categories.contains(cse::data::ASB));
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn the_folder_read_back_has_the_mets_classes_only() {
    let loaded = loaded();
    let data = loaded.dataset_files().assemble().unwrap();
    let categories = &data.dataset.categories;
    assert_eq!(categories.len(), 56, "no police.uk type added");
    assert!(categories.iter().all(|c| c.name != cse::data::ASB));
    assert_eq!(
        data.dataset.cube.grand_total(),
        loaded.data.dataset.cube.grand_total()
    );
    let w = cse::i18n::english();
    let menu = cse::view::selection::selection_menu(categories, w);
    let options: Vec<&(String, String)> = menu.iter().flat_map(|g| &g.options).collect();
    assert!(options.iter().all(|(k, l)| !k.is_empty() && !l.is_empty()));
    assert!(!options.iter().any(|(k, _)| k == "asb"), "no ASB line");
    assert!(menu.iter().all(|g| !g.options.is_empty()), "no empty part");
}

#[test]
fn a_citys_findings_name_a_few_areas_high_on_both_and_count_the_rest() {
    let loaded = loaded();
    // With residents and deprivation, as scripts/build-london builds it.
    let mut session = LoadSession::new();
    for rel in [
        WARDS,
        "ons/lsoa11_to_lsoa21_best_fit_lookup.csv",
        LOOKUP,
        "ons/lsoa21_population_census2021_ts007a.csv",
        "ons/imd2019_by_lsoa11.csv",
    ] {
        session.add(rel, std::fs::read(data(rel)).unwrap());
    }
    session.start(None, None).unwrap();
    let full = session.finish().unwrap();
    assert_eq!(
        full.data.dataset.cube.grand_total(),
        loaded.data.dataset.cube.grand_total()
    );
    let state = cse::state::ViewState::from_query("?dataset=london");
    let model = cse::view::overview::overview(&full.data, &state).unwrap();
    let both = model
        .findings
        .iter()
        .find(|f| f.contains("highest fifth of wards for crime rate"))
        .unwrap();
    // 8 wards named, the rest counted: "A, B, … H and 44 more are in …".
    let named = both.split(" are in both").next().unwrap();
    let (listed, more) = named.rsplit_once(" and ").unwrap();
    assert_eq!(listed.split(", ").count(), 8, "{both}");
    assert!(more.ends_with(" more"), "{both}");
}

#[test]
fn a_ranking_of_680_wards_offers_each_borough_to_rank_within() {
    let data = std::sync::Arc::new(loaded().dataset_files().assemble().unwrap());
    let state = cse::state::ViewState::from_query("?dataset=london&page=wards");
    let model = cse::view::wards::wards(&data, &state).unwrap();
    assert_eq!(
        model.table.rows.len(),
        680,
        "679 wards and the aviation security command"
    );
    assert_eq!(model.within.len(), 32);
    let (name, href) = &model.within[0];
    assert_eq!(name, "Barking and Dagenham");
    assert!(
        href.contains("area=E09000002") && href.contains("page=wards"),
        "{href}"
    );
    // Within a borough: its wards only, and no list.
    let part = data.within("E09000030").unwrap();
    let state = cse::state::ViewState::from_query(href);
    let inside = cse::view::wards::wards(&part, &state).unwrap();
    assert!(inside.within.is_empty());
    let tower_hamlets = data
        .dataset
        .areas
        .iter()
        .filter(|a| a.parent.as_ref().is_some_and(|p| p.as_str() == "E09000030"))
        .count();
    assert_eq!(inside.table.rows.len(), tower_hamlets);
    // The boroughs' own ranking is short: no list.
    let state = cse::state::ViewState::from_query("?dataset=london&page=wards&level=district");
    let boroughs = cse::view::wards::wards(&data, &state).unwrap();
    assert!(boroughs.within.is_empty());
}

#[test]
fn the_met_file_calls_its_local_authorities_boroughs_and_so_do_the_pages() {
    let loaded = loaded();
    assert_eq!(
        loaded.data.manifest.parent_level.as_deref(),
        Some("borough"),
        "from LookUp_BoroughName"
    );
    let data = std::sync::Arc::new(loaded.dataset_files().assemble().unwrap());
    let by_level = |query: &str| {
        let state = cse::state::ViewState::from_query(query);
        cse::view::wards::wards(&data, &state).unwrap().level_plural
    };
    assert_eq!(by_level("?page=wards&level=district"), "boroughs");
    assert_eq!(
        by_level("?page=wards&level=district&lang=cy"),
        "bwrdeistrefi"
    );
    assert_eq!(
        by_level("?page=wards"),
        "wards",
        "the wards keep their name"
    );
}

#[test]
fn an_area_chosen_for_a_wide_table_is_said_not_to_apply() {
    let mut session = LoadSession::new();
    for rel in [WARDS, LOOKUP] {
        session.add(rel, std::fs::read(data(rel)).unwrap());
    }
    session.start(None, Some("E09000030")).unwrap();
    let loaded = session.finish().unwrap();
    assert_eq!(
        loaded.data.dataset.cube.areas().len(),
        680,
        "every area counted"
    );
    let caveats = loaded.data.manifest.caveats.join("\n");
    assert!(
        caveats.contains("The area chosen (E09000030) does not apply to wide tables"),
        "{caveats}"
    );
}

#[test]
fn a_citys_overview_lists_its_groups_first_and_its_classes_when_asked() {
    let loaded = loaded();
    let data = &loaded.data;
    let categories = &data.dataset.categories;
    // Counted from the file: the Met's MajorText and MinorText values.
    let (head, rows) = rows(WARDS);
    let column = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (major, minor) = (column("MajorText"), column("MinorText"));
    let groups: BTreeSet<String> = rows.iter().map(|r| r[major].to_ascii_lowercase()).collect();
    let classes: BTreeSet<String> = rows.iter().map(|r| r[minor].to_ascii_lowercase()).collect();
    assert_eq!((groups.len(), classes.len()), (12, 56));
    let table = |query: &str| {
        let state = cse::state::ViewState::from_query(query);
        let model = cse::view::overview::overview(data, &state).unwrap();
        let names: BTreeSet<String> = model
            .table
            .rows
            .iter()
            .map(|r| r[0].text.to_ascii_lowercase())
            .collect();
        (model.by_group, names)
    };
    assert_eq!(table("?dataset=london"), (true, groups.clone()));
    assert_eq!(table("?dataset=london&rows=group"), (true, groups));
    assert_eq!(table("?dataset=london&rows=category"), (false, classes));
    assert_eq!(categories.len(), 56);
}

#[test]
fn a_dataset_of_crime_only_says_all_crime_not_excluding_asb() {
    let loaded = loaded();
    let data = &loaded.data;
    assert!(data.dataset.categories.iter().all(|c| c.is_crime));
    let state = cse::state::ViewState::from_query("?dataset=london");
    let model = cse::view::overview::overview(data, &state).unwrap();
    let everything = format!(
        "{} {:?} {:?}",
        model.headline.sentence, model.findings, model.table.footer
    );
    assert!(!everything.contains("ASB"), "{everything}");
    assert!(
        model.headline.sentence.starts_with("All crime rose by")
            || model.headline.sentence.starts_with("All crime fell by"),
        "{}",
        model.headline.sentence
    );
    assert!(
        model
            .findings
            .iter()
            .any(|f| f.contains("of all crime, the largest share")),
        "{:?}",
        model.findings
    );
    let w = cse::i18n::words(cse::i18n::Lang::En);
    let menu = cse::view::selection::selection_menu(&data.dataset.categories, w);
    assert_eq!(menu[0].options[0].1, "All crime");
}
