//! Windows-1252 copies of real files (as a spreadsheet on Windows saves
//! them) read exactly as the UTF-8 originals: a Cleveland police.uk street
//! file through the `explorer-cli` binary and through a `LoadSession` (the
//! browser's path), and the ONS lookup's Welsh ward names. The copies are
//! made here, with an encoder written from Python's `cp1252` codec output,
//! not from the explorer's decoder.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::path::{Path, PathBuf};
use std::process::Command;

use cse::data::lookup::{read_lookup, Level};
use cse::data::session::LoadSession;

/// Windows-1252's 0x80–0x9F as Python's `cp1252` decodes them (pasted from
/// a one-off run; `?` = undefined, never written here).
const HIGH: &str = "€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ";

fn data_dir() -> PathBuf {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data"));
    assert!(
        dir.join("police-uk-cleveland").is_dir() && dir.join("ons").is_dir(),
        "the real test data is missing: expected {} (police.uk and ONS files, see its README); \
         these tests cannot run without it",
        dir.display()
    );
    dir.to_path_buf()
}

/// `text` in Windows-1252, or `None` when a character has no byte there.
fn to_1252(text: &str) -> Option<Vec<u8>> {
    text.chars()
        .map(|c| match u32::from(c) {
            n @ (0..=0x7F | 0xA0..=0xFF) => u8::try_from(n).ok(),
            _ => HIGH
                .chars()
                .position(|h| h == c && h != '?')
                .and_then(|i| u8::try_from(0x80 + i).ok()),
        })
        .collect()
}

/// A Windows-1252 copy of a police.uk street file (all ASCII, no quotes):
/// `'` becomes ’ (0x92); in every second row's Location (from line 3) each
/// `e` becomes é (0xE9); every fifth row's LSOA name gets â (0xE2) for `a`; every
/// 25th row's Crime ID gets `£` (0xA3) and every 50th Location is quoted
/// with `, Café` added. Returns the copy and its rows holding a byte over
/// 0x7F, with the line of the first.
fn windows_1252_copy(original: &str) -> (Vec<u8>, u64, u64) {
    let mut out = Vec::new();
    let (mut rows, mut first) = (0, 0);
    for (i, line) in original.lines().enumerate() {
        assert!(!line.contains('"'), "the source has no quoted fields");
        let mut fields: Vec<String> = line.split(',').map(String::from).collect();
        if i > 0 {
            assert_eq!(fields.len(), 12, "line {}", i + 1);
            if i % 2 == 0 {
                fields[6] = fields[6].replace('e', "é");
            }
            if i % 5 == 0 {
                fields[8] = fields[8].replace('a', "â");
            }
            if i % 25 == 0 {
                fields[0].push('£');
            }
            if i % 50 == 0 {
                fields[6] = format!("\"{}, Café\"", fields[6]);
            }
        }
        let text = fields.join(",").replace('\'', "’");
        let bytes = to_1252(&text).unwrap();
        if !bytes.is_ascii() {
            rows += 1;
            if first == 0 {
                first = i as u64 + 1;
            }
        }
        out.extend_from_slice(&bytes);
        out.extend_from_slice(b"\r\n");
    }
    (out, rows, first)
}

/// A Windows-1252 copy of the ONS lookup: each row whose text Windows-1252
/// can hold is written in it; the others (ŵ, ŷ…) stay UTF-8, as in a file
/// pasted together. Returns the copy and the rows written with high bytes.
fn lookup_copy(original: &str) -> (Vec<u8>, u64) {
    let mut out = Vec::new();
    let mut rows = 0;
    for line in original.trim_start_matches('\u{feff}').lines() {
        match to_1252(line) {
            Some(bytes) => {
                rows += u64::from(!bytes.is_ascii());
                out.extend_from_slice(&bytes);
            }
            None => out.extend_from_slice(line.as_bytes()),
        }
        out.push(b'\n');
    }
    (out, rows)
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cse-encoding-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Runs the `explorer-cli` binary's `prepare`; returns the counts file
/// and what it printed on stderr.
fn prepare(lookup: &Path, input: &Path, out: &Path) -> (Vec<u8>, String) {
    let run = Command::new(env!("CARGO_BIN_EXE_explorer-cli"))
        .arg("prepare")
        .arg("--lookup")
        .arg(lookup)
        .arg("--out")
        .arg(out)
        .arg(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(run.status.success(), "{stderr}");
    (std::fs::read(out).unwrap(), stderr)
}

#[test]
fn a_windows_1252_copy_of_a_cleveland_file_gives_the_counts_of_the_original() {
    let dir = data_dir();
    let street = dir.join("police-uk-cleveland/2024-03-cleveland-street.csv");
    let lookup = dir.join("ons/lsoa21_ward25_lad25_best_fit_lookup.csv");
    let original = std::fs::read_to_string(&street).unwrap();
    let (copy, rows, first) = windows_1252_copy(&original);
    assert!(std::str::from_utf8(&copy).is_err(), "the copy is not UTF-8");
    assert!(
        rows > 3000 && first == 3,
        "{rows} rows changed, the first on line {first}"
    );
    let copy_path = temp("2024-03-cleveland-1252-street.csv");
    std::fs::write(&copy_path, &copy).unwrap();
    let lookup_1252 = temp("lookup-1252.csv");
    let (lookup_bytes, lookup_rows) = lookup_copy(&std::fs::read_to_string(&lookup).unwrap());
    std::fs::write(&lookup_1252, lookup_bytes).unwrap();

    let (counts, stderr) = prepare(&lookup, &street, &temp("utf8.csv"));
    assert!(!stderr.contains("Windows-1252"), "{stderr}");
    let (counts_1252, stderr) = prepare(&lookup_1252, &copy_path, &temp("1252.csv"));
    assert_eq!(counts_1252, counts, "the counts files are byte-identical");
    assert!(counts.len() > 10_000);
    let note = format!(
        "{}: {rows} rows are not UTF-8 text; they were read as Windows-1252 (the first on line {first}).",
        copy_path.display()
    );
    assert!(stderr.contains(&note), "{stderr}");
    let note = format!(
        "{}: {lookup_rows} rows are not UTF-8 text; they were read as Windows-1252",
        lookup_1252.display()
    );
    assert!(stderr.contains(&note), "{stderr}");
    assert!(stderr.contains("  rejected               0"), "{stderr}");

    // The browser's path, natively: the same counts, and the note.
    let load = |name: &str, bytes: Vec<u8>| {
        let mut s = LoadSession::new();
        s.add(name, bytes);
        s.start(Some(Level::Lsoa), None).unwrap();
        while !s.step().unwrap() {}
        s.finish().unwrap()
    };
    let utf8 = load("utf8-street.csv", original.into_bytes());
    let latin = load("1252-street.csv", copy);
    assert_eq!(latin.counts_csv(), utf8.counts_csv());
    assert_eq!(latin.report.rows_read, utf8.report.rows_read);
    assert_eq!(latin.report.rejected, 0);
    let file = &latin.files[0].rows.windows_1252;
    assert_eq!(
        (file.len(), file[0].rows, file[0].first_line),
        (1, rows, first)
    );
    assert!(utf8.files[0].rows.windows_1252.is_empty());
    std::fs::remove_dir_all(copy_path.parent().unwrap()).ok();
}

#[test]
fn welsh_ward_names_of_a_windows_1252_copy_of_the_ons_lookup_come_out_right() {
    let path = data_dir().join("ons/lsoa21_ward25_lad25_best_fit_lookup.csv");
    let original = std::fs::read_to_string(&path).unwrap();
    let (copy, rows) = lookup_copy(&original);
    let (utf8, r) = read_lookup("utf8.csv", original.as_bytes()).unwrap();
    let (latin, r_latin) = read_lookup("1252.csv", &copy[..]).unwrap();
    assert_eq!(
        (r_latin.rows_read, r_latin.accepted),
        (r.rows_read, r.accepted)
    );
    assert_eq!(r_latin.windows_1252[0].rows, rows);
    assert!(rows > 50, "{rows}");
    // Every ward's name, found here by a plain split of the original.
    let mut lines = original.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let (code, name) = (
        header.iter().position(|h| *h == "WD25CD").unwrap(),
        header.iter().position(|h| *h == "WD25NM").unwrap(),
    );
    let mut non_ascii = Vec::new();
    for line in lines.filter(|l| !l.contains('"')) {
        let cells: Vec<&str> = line.split(',').collect();
        let (c, n) = (cells[code], cells[name]);
        assert_eq!(latin.name(c), utf8.name(c), "{c}");
        if !n.is_ascii() && latin.name(c) == Some(n) && !non_ascii.contains(&n) {
            non_ascii.push(n);
        }
    }
    non_ascii.sort_unstable();
    assert_eq!(
        non_ascii,
        [
            "Bôn-y-maen",
            "Canolbarth Môn",
            "Pen draw Llŷn",
            "Rhyl Tŷ Newydd",
            "Tre-garth a Mynydd Llandygái"
        ]
    );
}
