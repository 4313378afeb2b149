//! `explorer-cli prepare` (the built binary: its exit status and printed
//! report) on the real Cleveland files in `../shared/data`, given the way
//! real users give them: a folder plus a copy of one of its files, the same
//! path twice, two versions of one month, a zip of the monthly folders, an
//! empty file in a folder, an image, and the early-2023 files (2011 LSOA
//! codes) with only the 2021 lookup. Counts are compared with the folder's
//! own run and with counts made here by a plain split of each line. Fails
//! loudly without the data.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/zip_writer.rs"]
mod zip_writer;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
const CLI: &str = env!("CARGO_BIN_EXE_explorer-cli");

fn cleveland() -> PathBuf {
    let dir = Path::new(DATA).join("police-uk-cleveland");
    assert!(
        dir.is_dir(),
        "the real test data is missing: {} (see ../shared/data/README.md); these tests cannot run without it",
        dir.display()
    );
    dir
}

fn month_file(month: &str) -> PathBuf {
    cleveland().join(format!("{month}-cleveland-street.csv"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cse-prepare-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One run of the binary: exit status, counts file, JSON report, stderr.
struct Run {
    status: i32,
    counts: String,
    report: serde_json::Value,
    stderr: String,
}

fn prepare(dir: &Path, args: &[&str], inputs: &[&Path]) -> Run {
    let (out, report) = (dir.join("counts.csv"), dir.join("report.json"));
    std::fs::remove_file(&out).ok();
    std::fs::remove_file(&report).ok();
    let output = Command::new(CLI)
        .arg("prepare")
        .args([
            "--out",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ])
        .args(args)
        .args(inputs)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let status = output.status.code().unwrap();
    let counts = std::fs::read_to_string(&out).unwrap_or_default();
    let report = std::fs::read_to_string(&report)
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(serde_json::Value::Null);
    Run {
        status,
        counts,
        report,
        stderr,
    }
}

/// The file entries of a report whose status is `status`.
fn files_with(report: &serde_json::Value, status: &str) -> Vec<(String, String)> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == status)
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_folder_and_a_copy_of_one_of_its_files_or_the_same_path_twice_count_once() {
    let dir = temp_dir("repeats");
    let folder = cleveland();
    let alone = prepare(&dir, &[], &[&folder]);
    assert_eq!(alone.status, 0, "{}", alone.stderr);
    assert!(alone.counts.lines().count() > 1000);
    let rows = alone.report["rows_read"].as_u64().unwrap();

    let copy = dir.join("copy-of-2024-03-cleveland-street.csv");
    std::fs::copy(month_file("2024-03"), &copy).unwrap();
    let original = month_file("2024-03").display().to_string();
    for (what, inputs) in [
        (
            "the folder and a copy",
            vec![folder.as_path(), copy.as_path()],
        ),
        ("the folder twice", vec![folder.as_path(), folder.as_path()]),
    ] {
        let run = prepare(&dir, &[], &inputs);
        assert_eq!(run.status, 0, "{what}: {}", run.stderr);
        assert_eq!(run.counts, alone.counts, "{what}");
        assert_eq!(run.report["rows_read"].as_u64(), Some(rows), "{what}");
        let repeats = files_with(&run.report, "repeat");
        assert!(!repeats.is_empty(), "{what}");
        for (name, message) in &repeats {
            assert!(
                message.starts_with("the same month and force as ")
                    && message.contains("the same content: read once"),
                "{what}: {name}: {message}"
            );
            assert!(
                run.stderr
                    .contains(&format!("skipped {name}: the same month and force as")),
                "{what}: {}",
                run.stderr
            );
        }
        if what == "the folder and a copy" {
            assert_eq!(repeats.len(), 1);
            assert_eq!(repeats[0].0, copy.display().to_string());
            assert!(
                repeats[0].1.starts_with(&format!(
                    "the same month and force as {original} (2024-03, Cleveland Police)"
                )),
                "{}",
                repeats[0].1
            );
        } else {
            assert_eq!(repeats.len(), 35, "every file of the second folder");
        }
    }
    let one = month_file("2025-01");
    let twice = prepare(&dir, &[], &[&one, &one]);
    let once = prepare(&dir, &[], &[&one]);
    assert_eq!((twice.status, once.status), (0, 0));
    assert_eq!(twice.counts, once.counts);
    assert_eq!(files_with(&twice.report, "repeat").len(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn two_versions_of_a_month_the_first_given_is_read_and_the_other_set_aside() {
    let dir = temp_dir("versions");
    let month = month_file("2024-03");
    let text = std::fs::read_to_string(&month).unwrap();
    // Another "download": the last row gone.
    let trimmed: Vec<&str> = text.lines().collect();
    let other = dir.join("2024-03-cleveland-street.csv");
    std::fs::write(&other, trimmed[..trimmed.len() - 1].join("\n") + "\n").unwrap();
    let first = prepare(&dir, &[], &[&month]);
    let run = prepare(&dir, &[], &[&month, &other]);
    assert_eq!(run.status, 3, "{}", run.stderr);
    assert_eq!(run.counts, first.counts, "the first given is read");
    let aside = files_with(&run.report, "set aside");
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].0, other.display().to_string());
    assert!(
        aside[0].1.contains("but a different content"),
        "{}",
        aside[0].1
    );
    assert!(
        run.stderr.contains(&format!(
            "set aside {}: the same month and force as {}",
            other.display(),
            month.display()
        )),
        "{}",
        run.stderr
    );
    // The other way round, the other version is counted: one row fewer.
    let reversed = prepare(&dir, &[], &[&other, &month]);
    assert_eq!(reversed.status, 3);
    assert_eq!(
        reversed.report["rows_read"].as_u64().unwrap() + 1,
        first.report["rows_read"].as_u64().unwrap()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_zip_of_the_monthly_folders_gives_exactly_the_counts_of_the_csvs() {
    let dir = temp_dir("zip");
    let folder = cleveland();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-street.csv"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 35);
    let datas: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            (format!("{}/{name}", &name[..7]), std::fs::read(f).unwrap())
        })
        .collect();
    // As police.uk delivers them: a folder per month; a few deflated (one
    // with a data descriptor), the rest stored (quicker to build here).
    let entries: Vec<(&str, &[u8], bool, bool)> = datas
        .iter()
        .enumerate()
        .map(|(i, (n, d))| (n.as_str(), d.as_slice(), i % 12 == 0, i == 12))
        .collect();
    let archive = dir.join("cleveland.zip");
    std::fs::write(&archive, zip_writer::zip(&entries, false)).unwrap();

    let bridge = format!("{DATA}/ons/lsoa11_to_lsoa21_best_fit_lookup.csv");
    let ward = format!("{DATA}/ons/lsoa21_ward25_lad25_best_fit_lookup.csv");
    let stockton = [
        "--lookup",
        bridge.as_str(),
        "--lookup",
        ward.as_str(),
        "--within",
        "E06000004",
    ];
    for args in [&[][..], &stockton[..]] {
        let csvs = prepare(&dir, args, &[&folder]);
        let zipped = prepare(&dir, args, &[&archive]);
        assert_eq!((csvs.status, zipped.status), (0, 0), "{}", zipped.stderr);
        assert_eq!(zipped.counts, csvs.counts, "{args:?}");
        for k in [
            "rows_read",
            "accepted",
            "not_allocated",
            "outside_area",
            "unknown_code",
        ] {
            assert_eq!(zipped.report[k], csvs.report[k], "{k}");
        }
        // Each entry is listed at the bytes read: its unpacked size.
        let read = files_with(&zipped.report, "read");
        let sizes: Vec<u64> = zipped.report["files"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["name"].as_str().unwrap().ends_with("-street.csv"))
            .map(|f| f["size"].as_u64().unwrap())
            .collect();
        let want: Vec<u64> = datas.iter().map(|(_, d)| d.len() as u64).collect();
        assert_eq!(sizes, want);
        assert_eq!(read.len(), 36, "the archive and its 35 files");
    }
    // The zip and the folder it came from: each month read once.
    let both = prepare(&dir, &[], &[&archive, &folder]);
    assert_eq!(both.status, 0, "{}", both.stderr);
    assert_eq!(both.counts, prepare(&dir, &[], &[&folder]).counts);
    let repeats = files_with(&both.report, "repeat");
    assert_eq!(repeats.len(), 35);
    assert!(repeats[0]
        .1
        .contains("cleveland.zip/2023-01/2023-01-cleveland-street.csv"));
    std::fs::remove_dir_all(&dir).ok();
}

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
    let message = format!(
        "{}: not a file the explorer reads: the file is empty",
        empty.display()
    );
    assert!(
        run.stderr.contains(&format!("set aside {message}")),
        "{}",
        run.stderr
    );
    assert_eq!(
        files_with(&run.report, "set aside"),
        [(empty.display().to_string(), message)]
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
        png.display()
    );
    assert!(run.stderr.contains(&named), "{}", run.stderr);
    assert!(
        !run.stderr.to_lowercase().contains("header has"),
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
