//! No English left in the view models: every page's model is built for the
//! demo dataset in Welsh, and none of its text holds a word of the English
//! catalogue that Welsh does not share, other than the data's own words
//! (its publisher's names and notes). A literal English string in a view
//! model fails here, whatever page it is on.

#![allow(clippy::unwrap_used)] // a test: a failure should stop it

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
        cy(&|s| s.groups = true),
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
