//! `explorer-cli prepare` (the built binary) on the real Cleveland files in
//! `../shared/data` given twice over, the way real users give them: a
//! folder plus a copy of one of its files, the same path twice, two
//! versions of one month, a zip of the monthly folders and the folder it
//! came from. Counts are compared with the folder's own run. Fails loudly
//! without the data.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::path::PathBuf;

#[path = "common/prepare_run.rs"]
mod prepare_run;
#[path = "common/zip.rs"]
mod zip_writer;

use prepare_run::{as_reported, cleveland, files_with, month_file, prepare, temp_dir, DATA};

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
    let original = as_reported(&month_file("2024-03"));
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
            assert_eq!(repeats[0].0, as_reported(&copy));
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
    assert_eq!(aside[0].0, as_reported(&other));
    assert!(
        aside[0].1.contains("but a different content"),
        "{}",
        aside[0].1
    );
    assert!(
        run.stderr.contains(&format!(
            "set aside {}: the same month and force as {}",
            as_reported(&other),
            as_reported(&month)
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
        // Stored but every 12th deflated; no data descriptors (the zip
        // crate writes them for a whole archive or none).
        .map(|(i, (n, d))| (n.as_str(), d.as_slice(), i % 12 == 0, false))
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
