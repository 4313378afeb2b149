//! No English left in the view models: every page's model is built for the
//! demo dataset in Welsh, and none of its text holds a word of the English
//! catalogue that Welsh does not share, other than the data's own words
//! (its publisher's names and notes). A literal English string in a view
//! model fails here, whatever page it is on.

#![allow(clippy::unwrap_used)] // a test: a failure should stop it

#[path = "common/zip.rs"]
mod zip_files;

use std::collections::BTreeSet;
use std::fs;

use cse::data::explorer_data::{assemble, ExplorerData, Files};
use cse::data::Manifest;
use cse::i18n::Lang;
use cse::state::{EmbedKind, Measure, Page, PeriodChoice, ViewState};
use cse::view;

const DEMO: &str = "public/data/demo";

fn read(name: &str) -> Vec<u8> {
    fs::read(format!("{DEMO}/{name}")).unwrap_or_else(|e| panic!("{DEMO}/{name}: {e}"))
}

/// The demo dataset, as the browser assembles it.
fn demo() -> ExplorerData {
    let manifest_text = String::from_utf8(read("manifest.json")).unwrap();
    let manifest = Manifest::parse("manifest.json", &manifest_text).unwrap();
    let (counts, areas, categories, boundaries, targets) = (
        read("counts.csv"),
        read("areas.csv"),
        read("categories.csv"),
        read("wards.geojson"),
        read("targets.csv"),
    );
    let others: Vec<(String, Vec<u8>)> = manifest
        .files
        .other_sources
        .iter()
        .map(|o| (o.counts.clone(), read(&o.counts)))
        .collect();
    let others: Vec<(&str, &[u8])> = others
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let files = Files {
        counts: ("counts.csv", &counts),
        areas: Some(("areas.csv", &areas)),
        categories: Some(("categories.csv", &categories)),
        boundaries: Some(("wards.geojson", &boundaries)),
        targets: Some(("targets.csv", &targets)),
        others: &others,
    };
    assemble(manifest, files).unwrap()
}

/// The words (3 letters or more, lower case) of a text.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\'').to_ascii_lowercase())
        .filter(|w| w.chars().count() >= 3)
        .collect()
}

/// The English catalogue's words that Welsh does not share, less the
/// data's own words (its publisher's: the manifest's texts, the names of
/// its areas, categories, groups and sources).
fn forbidden(data: &ExplorerData) -> BTreeSet<String> {
    let english = fs::read_to_string("src/i18n/en.rs").unwrap();
    let english: String = english
        .lines()
        .filter_map(|l| l.trim().split_once(" = \"").map(|(_, t)| t.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    let welsh: String = fs::read_to_string("i18n/cy.txt")
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = ").map(|(_, t)| t.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    // Only the texts, without their `{names}`.
    let unnamed = |t: &str| {
        t.split('{')
            .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (english, welsh) = (unnamed(&english), words(&unnamed(&welsh)));
    let m = &data.manifest;
    let mut own: Vec<&str> = vec![
        &m.title,
        &m.publisher,
        &m.licence,
        &m.attribution,
        &m.whole_name,
        &m.area_level,
    ];
    own.extend(m.source.as_deref());
    own.extend(m.targets_note.as_deref());
    own.extend(m.caveats.iter().map(String::as_str));
    own.extend(m.files.other_sources.iter().map(|o| o.source.as_str()));
    own.extend(data.dataset.areas.iter().map(|a| a.name.as_str()));
    for c in data.dataset.categories.iter() {
        own.extend([c.name.as_str(), c.group.as_str()]);
        own.extend(c.source.as_deref());
    }
    let own = words(&own.join(" "));
    words(&english)
        .into_iter()
        .filter(|w| !welsh.contains(w) && !own.contains(w))
        .collect()
}

/// The text of the strings in a model's `Debug` form (its field and
/// variant names are not on the page; its strings are), less the links'
/// addresses (`?dataset=…&select=asb`: not words).
fn strings(debug: &str) -> String {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut inside = false;
    let mut escaped = false;
    for c in debug.chars() {
        match (inside, escaped, c) {
            (true, false, '\\') => escaped = true,
            (true, false, '"') => {
                inside = false;
                if !current.starts_with('?') {
                    out.push(std::mem::take(&mut current));
                }
                current.clear();
            }
            (true, _, c) => {
                escaped = false;
                current.push(c);
            }
            (false, _, '"') => inside = true,
            _ => {}
        }
    }
    out.join(" ")
}

fn english_in(what: &str, text: &str, forbidden: &BTreeSet<String>) -> Vec<String> {
    words(&strings(text))
        .into_iter()
        .filter(|w| forbidden.contains(w))
        .map(|w| format!("{what}: {w}"))
        .collect()
}

#[test]
fn every_view_model_in_welsh_has_no_english_word() {
    let data = demo();
    let forbidden = forbidden(&data);
    assert!(forbidden.contains("significant") && forbidden.contains("rose"));
    let cy = |f: &dyn Fn(&mut ViewState)| {
        let mut s = ViewState {
            dataset: "demo".to_string(),
            lang: Lang::Cy,
            ..ViewState::default()
        };
        f(&mut s);
        s
    };
    let ward = "E05900020".to_string();
    let states = [
        cy(&|_| {}),
        cy(&|s| s.groups = Some(true)),
        cy(&|s| s.page = Page::Wards),
        cy(&|s| {
            s.page = Page::Wards;
            s.measure = Measure::Rate;
        }),
        cy(&|s| {
            s.page = Page::Ward;
            s.ward = Some(ward.clone());
        }),
        cy(&|s| s.page = Page::Deprivation),
        // A choice the data cannot show, and periods of different seasons.
        cy(&|s| {
            s.period = PeriodChoice::Custom(cse::analysis::PeriodPair {
                current: cse::analysis::Period::parse("2030-01..2030-03").unwrap(),
                previous: cse::analysis::Period::parse("2025-04..2025-06").unwrap(),
            })
        }),
        cy(&|s| s.select = "asb".to_string()),
        cy(&|s| {
            s.embed = Some(EmbedKind::Card);
            s.ward = Some(ward.clone());
        }),
    ];
    let mut found = Vec::new();
    for s in &states {
        let q = s.to_query();
        let text = [
            format!("{:?}", view::overview::overview(&data, s)),
            format!("{:?}", view::wards::wards(&data, s)),
            format!("{:?}", view::deprivation::deprivation_view(&data, s)),
            format!("{:?}", view::heading::heading(&data, s)),
            // The menu's labels (its keys are the address's, not words).
            format!(
                "{:?}",
                view::periods::menu(&data, s.period, cse::i18n::words(Lang::Cy))
                    .options
                    .iter()
                    .map(|o| &o.label)
                    .collect::<Vec<_>>()
            ),
            format!("{:?}", view::embed::card(&data, s)),
            format!("{:?}", view::embed::title(&data, s)),
            match &s.ward {
                Some(_) => format!("{:?}", view::profile::profile(&data, s)),
                None => String::new(),
            },
        ]
        .join("\n");
        found.extend(english_in(&q, &text, &forbidden));
    }
    let guide = view::guide::guide(&data, "", cse::i18n::words(Lang::Cy));
    found.extend(english_in("guide", &format!("{guide:?}"), &forbidden));
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "English words in Welsh views: {found:#?}");
}

const STREET: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";

fn street_row(month: &str, lsoa: &str, location: &str, kind: &str) -> String {
    format!(",{month},Dyfed-Powys Police,Dyfed-Powys Police,0,0,{location},{lsoa},N,{kind},,\n")
}

/// Files that make every kind of message the Load data page shows: a
/// police.uk file with malformed rows (a field missing, a bad month, an
/// unknown crime type), rows read as Windows-1252 and an LSOA code no
/// lookup lists; the same month again, once the same and once different;
/// a file that is not data; a lookup; an archive with macOS metadata and an archive inside it; an office
/// document, an empty file and an image.
fn load_files() -> Vec<(String, Vec<u8>)> {
    let lookup = "LSOA21CD,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,LAD25NMW\n\
                  W01000001,W05000001,North,Gogledd,W06000001,Town,Tref\n\
                  W01000002,W05000002,South,De,W06000001,Town,Tref\n";
    let mut jan = STREET.to_string();
    jan += &street_row("2024-01", "W01000001", "Here", "Burglary");
    jan += &street_row("2024-01", "W01000002", "Here", "Drugs");
    jan += &street_row("2024-01", "W01099999", "Here", "Drugs");
    jan += &street_row("2024-13", "W01000001", "Here", "Drugs");
    jan += &street_row("2024-01", "W01000001", "Here", "Jaywalking");
    jan += ",2024-01,F\n";
    let mut jan: Vec<u8> = jan.into_bytes();
    // A row in Windows-1252: "Caf\xe9".
    jan.extend(street_row("2024-01", "W01000001", "Caf_", "Drugs").into_bytes());
    let at = jan.windows(4).position(|w| w == b"Caf_").unwrap() + 3;
    jan[at] = 0xE9;
    let mut other_jan = STREET.to_string();
    other_jan += &street_row("2024-01", "W01000002", "There", "Robbery");
    let feb = format!(
        "{STREET}{}",
        street_row("2024-02", "W01000002", "Here", "Drugs")
    );
    let inner = zip_files::zip(&[("x.csv", &b"a,b\n1,2\n"[..], false, false)], false);
    let archive = zip_files::zip(
        &[
            (
                "__MACOSX/._2024-02-x-street.csv",
                &b"meta"[..],
                false,
                false,
            ),
            ("2024-02-x-street.csv", feb.as_bytes(), true, false),
            ("inner.zip", &inner, false, false),
        ],
        false,
    );
    let xlsx = zip_files::zip(
        &[
            ("[Content_Types].xml", &b"<x/>"[..], false, false),
            ("xl/workbook.xml", &b"<x/>"[..], false, false),
        ],
        false,
    );
    vec![
        ("lookup.csv".to_string(), lookup.as_bytes().to_vec()),
        ("2024-01-x-street.csv".to_string(), jan.clone()),
        ("copy/2024-01-x-street.csv".to_string(), jan),
        (
            "other/2024-01-x-street.csv".to_string(),
            other_jan.into_bytes(),
        ),
        ("download.zip".to_string(), archive),
        ("notes.txt".to_string(), b"hello\n".to_vec()),
        ("sheet.xlsx".to_string(), xlsx),
        ("empty.csv".to_string(), Vec::new()),
        ("photo.png".to_string(), b"\x89PNG\r\n".to_vec()),
    ]
}

/// The Load data page in Welsh: the files table before and after the
/// load, the report (what each file was taken to be, why one was not
/// used, the rejected rows, the Windows-1252 note, the unknown codes) and
/// the manifest of "Your files" hold no word of the English catalogue but
/// the files' own; files, lines and columns are named in Welsh.
#[test]
fn the_load_data_page_in_welsh_has_no_english_word() {
    use cse::data::session::LoadSession;
    use cse::view::load::{files_table, progress_text, summary, Timing};
    let cy = cse::i18n::words(Lang::Cy);
    let files = load_files();
    let mut s = LoadSession::new();
    for (name, bytes) in &files {
        s.add(name, bytes.clone());
    }
    let added = files_table(&s.files(), cy);
    let no_level = s
        .start(Some(cse::data::lookup::Level::Msoa), None)
        .unwrap_err();
    s.start(None, None).unwrap();
    while !s.step().unwrap() {}
    let progress = progress_text(s.progress(), cy);
    let loaded = s.finish().unwrap();
    let sum = summary(
        &loaded,
        Timing {
            ms: 10.0,
            bytes: 1000,
        },
        cy,
    );
    let m = &loaded.data.manifest;
    let manifest = [
        m.title_in(Lang::Cy),
        m.whole_name_in(Lang::Cy),
        m.attribution_in(Lang::Cy),
        m.licence_in(Lang::Cy),
    ];
    let text = [
        format!("{added:?}"),
        format!("{sum:?}"),
        format!("{progress:?} {manifest:?} {:?}", m.caveats_in(Lang::Cy)),
        format!("{:?}", no_level.text().in_words(cy)),
    ]
    .join("\n");
    // The files' own words (their names, their columns, their values)
    // may be English; the catalogue's may not.
    let mut forbidden = forbidden(&demo());
    let own: Vec<String> = files
        .iter()
        .map(|(n, b)| format!("{n} {}", String::from_utf8_lossy(b)))
        .collect();
    for w in words(&own.join(" ")) {
        forbidden.remove(&w);
    }
    assert!(forbidden.contains("malformed") && forbidden.contains("expected"));
    let found = english_in("load", &text, &forbidden);
    assert!(
        found.is_empty(),
        "English words on the Welsh Load data page: {found:#?}\n{text}"
    );
    // Each kind of message is there, in Welsh: file, line and column.
    let said = |needle: &str| assert!(text.contains(needle), "no {needle:?} in\n{text}");
    said("2024-01-x-street.csv, llinell 5, colofn Month: disgwyliwyd mis");
    said("2024-01-x-street.csv, llinell 6, colofn Crime type: math o drosedd anhysbys");
    said("2024-01-x-street.csv, llinell 7: disgwyliwyd 12 maes, cafwyd 3");
    said("lookup.csv: nid oes codau ACEHG yn y tabl cyfatebiaeth; mae ganddo: ACEHI, ward, ardal");
    said("nid testun UTF-8 yw 1 rhes; fe'i darllenwyd fel Windows-1252 (llinell 8)");
    said("god ACEHI nad yw'n ymddangos mewn unrhyw dabl cyfatebiaeth");
    said("yr un mis a heddlu â 2024-01-x-street.csv (2024-01, Dyfed-Powys Police) a'r un cynnwys");
    said("ond cynnwys gwahanol");
    said("metaddata macOS, nid data");
    said("archif o fewn yr archif");
    said("llyfr gwaith Excel (.xlsx)");
    said("troseddau lefel stryd police.uk, 2024-01 (Dyfed-Powys Police)");
    said("Eich ffeiliau");
}
