//! `explorer-cli prepare` (the built binary: its exit status and printed
//! report) on inputs that are not all good: an empty file in a folder, an
//! image, and the early-2023 Cleveland files (2011 LSOA codes) with only
//! the 2021 lookup, whose unknown codes are counted here from the raw
//! files. Fails loudly without the data.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[path = "common/prepare_run.rs"]
mod prepare_run;

use prepare_run::{as_reported, files_with, month_file, prepare, temp_dir, DATA};

#[test]
fn an_empty_file_in_a_folder_is_set_aside_and_the_others_are_counted() {
    let dir = temp_dir("empty");
    let folder = dir.join("force");
    std::fs::create_dir_all(&folder).unwrap();
    for m in ["2024-01", "2024-02", "2024-03"] {
        std::fs::copy(
            month_file(m),
            folder.join(format!("{m}-cleveland-street.csv")),
        )
        .unwrap();
    }
    let good = prepare(&dir, &[], &[&folder]);
    assert_eq!(good.status, 0, "{}", good.stderr);
    let empty = folder.join("2024-04-cleveland-street.csv");
    std::fs::write(&empty, b"").unwrap();
    let run = prepare(&dir, &[], &[&folder]);
    assert_eq!(
        run.status, 3,
        "completed with a file set aside: {}",
        run.stderr
    );
    assert_eq!(run.counts, good.counts);
    // Named from where the command ran (never the absolute path).
    let message = format!(
        "{}: not a file the explorer reads: the file is empty",
        as_reported(&empty)
    );
    assert!(
        run.stderr.contains(&format!("set aside {message}")),
        "{}",
        run.stderr
    );
    assert_eq!(
        files_with(&run.report, "set aside"),
        [(as_reported(&empty), message)]
    );
    assert_eq!(run.report["files_set_aside"], 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_that_is_neither_csv_nor_zip_is_named_for_what_it_is() {
    let dir = temp_dir("png");
    let png = dir.join("map.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let month = month_file("2024-05");
    let run = prepare(&dir, &[], &[&png, &month]);
    assert_eq!(run.status, 3, "{}", run.stderr);
    let named = format!(
        "set aside {}: not a file the explorer reads: an image (PNG), not data",
        as_reported(&png)
    );
    assert!(run.stderr.contains(&named), "{}", run.stderr);
    assert!(
        !run.stderr.to_ascii_lowercase().contains("header has"),
        "{}",
        run.stderr
    );
    // Alone: nothing to count, nothing written, status 2.
    let alone = prepare(&dir, &[], &[&png]);
    assert_eq!(alone.status, 2, "{}", alone.stderr);
    assert!(alone.stderr.contains(&named), "{}", alone.stderr);
    assert!(alone
        .stderr
        .contains("none of the inputs holds police.uk street data"));
    assert!(alone.counts.is_empty(), "nothing written");
    std::fs::remove_dir_all(&dir).ok();
}

/// Splits a CSV line on commas (the police.uk files have no quotes).
fn fields(line: &str) -> Vec<&str> {
    assert!(!line.contains('"'), "{line}");
    line.split(',').collect()
}

#[test]
fn early_2023_codes_with_only_the_2021_lookup_are_unknown_with_the_bridge_hint() {
    let dir = temp_dir("vintage");
    let ward = format!("{DATA}/ons/lsoa21_ward25_lad25_best_fit_lookup.csv");
    let bridge = format!("{DATA}/ons/lsoa11_to_lsoa21_best_fit_lookup.csv");
    // The lookup's LSOAs, and which lie in Stockton (by column name).
    let mut lsoa21 = HashSet::new();
    let mut stockton = HashSet::new();
    let mut r = csv::Reader::from_path(&ward).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| {
        h.iter()
            .position(|x| x.trim_start_matches('\u{feff}') == n)
            .unwrap()
    };
    let (code, lad) = (col("LSOA21CD"), col("LAD25CD"));
    for rec in r.records() {
        let rec = rec.unwrap();
        lsoa21.insert(rec[code].to_string());
        if &rec[lad] == "E06000004" {
            stockton.insert(rec[code].to_string());
        }
    }
    let mut r = csv::Reader::from_path(&bridge).unwrap();
    let h = r.headers().unwrap().clone();
    let old = h
        .iter()
        .position(|x| x.trim_start_matches('\u{feff}') == "LSOA11CD")
        .unwrap();
    let lsoa11: HashSet<String> = r
        .records()
        .map(|rec| rec.unwrap()[old].to_string())
        .collect();

    let early: Vec<PathBuf> = ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05"]
        .iter()
        .map(|m| month_file(m))
        .collect();
    let (mut rows, mut inside, mut outside, mut unknown, mut none) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut unknown_codes = HashSet::new();
    for f in &early {
        let text = std::fs::read_to_string(f).unwrap();
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let c = fields(line)[7];
            rows += 1;
            if c.is_empty() {
                none += 1;
            } else if stockton.contains(c) {
                inside += 1;
            } else if lsoa21.contains(c) {
                outside += 1;
            } else {
                unknown += 1;
                unknown_codes.insert(c.to_string());
            }
        }
    }
    assert!(
        unknown > 1000,
        "the early files mostly use 2011 codes: {unknown}"
    );
    let inputs: Vec<&Path> = early.iter().map(PathBuf::as_path).collect();
    let run = prepare(&dir, &["--lookup", &ward, "--within", "E06000004"], &inputs);
    assert_eq!(run.status, 3, "rows with unknown codes: {}", run.stderr);
    let n = |k: &str| run.report[k].as_u64().unwrap();
    assert_eq!(
        (
            n("rows_read"),
            n("accepted"),
            n("not_allocated"),
            n("outside_area"),
            n("unknown_code")
        ),
        (rows, inside, none, outside, unknown)
    );
    let u = &run.report["unknown_codes"];
    assert_eq!(u["rows"].as_u64(), Some(unknown));
    assert_eq!(u["distinct"].as_u64(), Some(unknown_codes.len() as u64));
    let named: Vec<&str> = u["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(named.len(), 5.min(unknown_codes.len()));
    for c in &named {
        assert!(lsoa11.contains(*c), "{c} is a 2011 LSOA code");
        assert!(run.stderr.contains(c), "{c} named in the printed report");
    }
    let hint = "add the 2011 → 2021 bridge (LSOA11CD → LSOA21CD), e.g. lsoa11_to_lsoa21_best_fit_lookup.csv";
    assert!(u["hint"].as_str().unwrap().contains(hint));
    assert!(run.stderr.contains(hint), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("unknown code  {unknown:>10}")),
        "{}",
        run.stderr
    );
    // With the bridge, no code is unknown and every Stockton row is placed.
    let bridged = prepare(
        &dir,
        &[
            "--lookup",
            &bridge,
            "--lookup",
            &ward,
            "--within",
            "E06000004",
        ],
        &inputs,
    );
    assert_eq!(bridged.status, 0, "{}", bridged.stderr);
    assert_eq!(bridged.report["unknown_code"], 0);
    std::fs::remove_dir_all(&dir).ok();
}
