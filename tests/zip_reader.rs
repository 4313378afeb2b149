//! The ZIP reader (`data::zip`) against archives written by the `zip`
//! crate (`common/zip.rs`): whole, cut short and damaged.

#![allow(clippy::unwrap_used)] // tests: a failure should stop the test

#[path = "common/zip.rs"]
mod zip_writer;

use cse::data::zip::{read_entry, ZipArchive, ZipError};
use proptest::prelude::*;
use zip_writer::zip;

/// The signature of a central directory header.
const CENTRAL_SIG: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];

/// An archive without ZIP64 records.
fn build(entries: &[(&str, &[u8], bool, bool)]) -> Vec<u8> {
    zip(entries, false)
}

fn unpack_all(bytes: &[u8], chunk: usize) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
    let mut src: &[u8] = bytes;
    let archive = ZipArchive::open("a.zip", &mut src)?;
    let mut out = Vec::new();
    for e in archive.entries() {
        let mut data = Vec::new();
        read_entry("a.zip", &mut src, e, chunk, &mut |p| {
            data.extend_from_slice(p)
        })?;
        out.push((e.name.clone(), data));
    }
    Ok(out)
}

fn text(n: usize) -> Vec<u8> {
    (0..n)
        .map(|i| format!("2023-07,E0{:07},Burglary\n", i * 7919 % 10_007))
        .collect::<String>()
        .into_bytes()
}

#[test]
fn reads_stored_deflated_nested_and_descriptor_entries_in_any_chunks() {
    let big = text(20_000);
    let plain = build(&[
        ("2023-07/", b"", false, false),
        ("2023-07/a-street.csv", &big, true, false),
        ("2023-07/b.csv", b"month\n2023-07\n", false, false),
        ("empty.csv", b"", true, false),
    ]);
    let descriptors = build(&[
        ("2023-07/a-street.csv", &big, true, true),
        ("2023-07/b.csv", b"month\n2023-07\n", false, true),
    ]);
    let zip64 = zip(
        &[
            ("2023-07/a-street.csv", &big, true, false),
            ("2023-07/b.csv", b"month\n2023-07\n", false, false),
        ],
        true,
    );
    for chunk in [1, 7, 4096, 1 << 20] {
        let got = unpack_all(&plain, chunk).unwrap();
        assert_eq!(got.len(), 4);
        assert!(got[0].1.is_empty());
        assert_eq!(got[1].1, big, "chunk {chunk}");
        assert_eq!(got[2].1, b"month\n2023-07\n");
        assert!(got[3].1.is_empty());
        for archive in [&descriptors, &zip64] {
            let got = unpack_all(archive, chunk).unwrap();
            assert_eq!(got.len(), 2);
            assert_eq!(got[0].1, big, "chunk {chunk}");
            assert_eq!(got[1].1, b"month\n2023-07\n");
        }
    }
    let mut src: &[u8] = &plain;
    let a = ZipArchive::open("a.zip", &mut src).unwrap();
    assert!(a.entries()[0].is_dir());
    assert_eq!(a.entries()[1].file_name(), "a-street.csv");
    assert!(a.entries()[1].compressed_size < big.len() as u64 / 3);
    // The cases are what they say: data descriptors flagged (bit 3), and
    // the ZIP64 archive's sizes saturated in the central directory (the
    // reader took them from the extra field) and its end record ZIP64's.
    let mut src: &[u8] = &descriptors;
    let d = ZipArchive::open("d.zip", &mut src).unwrap();
    assert!(d.entries().iter().all(|e| e.flags & 8 != 0));
    let cd = zip64.windows(4).position(|w| w == CENTRAL_SIG).unwrap();
    assert_eq!(zip64[cd + 20..cd + 28], [0xFF; 8]);
    assert!(zip64.windows(4).any(|w| w == [0x50, 0x4b, 0x06, 0x06]));
}

#[test]
fn a_truncated_archive_is_named_and_never_half_read() {
    let zip = build(&[("x.csv", &text(500), true, false)]);
    for cut in [zip.len() - 1, zip.len() / 2, 10, 3] {
        let e = unpack_all(&zip[..cut], 1024).unwrap_err();
        let m = e.to_string();
        assert!(m.starts_with("a.zip: "), "{m}");
        assert!(
            matches!(e, ZipError::Truncated { .. } | ZipError::NotZip { .. }),
            "cut {cut}: {m}"
        );
    }
    // The directory intact but the entry's data said to reach past the end.
    let mut long = zip.clone();
    let cd = long.windows(4).rposition(|w| w == CENTRAL_SIG).unwrap();
    long[cd + 20..cd + 24].copy_from_slice(&1_000_000u32.to_le_bytes());
    let e = unpack_all(&long, 64).unwrap_err();
    assert!(matches!(e, ZipError::EntryTruncated { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("a.zip: x.csv: the archive is cut short"),
        "{e}"
    );
    let e = unpack_all(b"", 64).unwrap_err();
    assert!(matches!(e, ZipError::NotZip { .. }), "{e}");
}

#[test]
fn a_flipped_data_byte_fails_the_crc_naming_archive_and_entry() {
    let data = b"month,lsoa\n2023-07,E01000001\n";
    let mut zip = build(&[("dir/f.csv", data, false, false)]);
    let at = zip.windows(7).position(|w| w == b"2023-07").unwrap();
    zip[at] = b'3';
    let e = unpack_all(&zip, 64).unwrap_err();
    assert!(matches!(e, ZipError::BadCrc { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("a.zip: dir/f.csv: the data are damaged"),
        "{e}"
    );
}

#[test]
fn a_count_of_files_damaged_to_fewer_is_an_error_not_a_shorter_list() {
    let mut zip = build(&[
        ("a.csv", b"x\n", false, false),
        ("b.csv", b"y\n", false, false),
    ]);
    // The end record's two counts of files (this disk's, all) at +8, +10.
    let end = zip
        .windows(4)
        .rposition(|w| w == [0x50, 0x4b, 0x05, 0x06])
        .unwrap();
    for at in [end + 8, end + 10] {
        zip[at] = 0;
    }
    let e = unpack_all(&zip, 64).unwrap_err();
    assert!(
        e.to_string()
            .contains("holds more than the 0 file(s) it claims"),
        "{e}"
    );
}

#[test]
fn encrypted_and_unsupported_entries_say_so() {
    let mut zip = build(&[("e.csv", b"abc", false, false)]);
    // Central directory flags at +8, method at +10.
    let cd = zip.windows(4).rposition(|w| w == CENTRAL_SIG).unwrap();
    zip[cd + 8] |= 1;
    let e = unpack_all(&zip, 64).unwrap_err();
    assert!(
        e.to_string().contains("e.csv: the file is encrypted"),
        "{e}"
    );
    zip[cd + 8] &= !1;
    zip[cd + 10] = 12;
    let e = unpack_all(&zip, 64).unwrap_err();
    assert!(e.to_string().contains("method 12 (bzip2)"), "{e}");
}

/// Damage to an archive: cut at a fraction of its length, or bits flipped.
#[derive(Debug, Clone)]
enum Damage {
    Cut(f64),
    Flips(Vec<(f64, u8)>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Damage::Cut),
        prop::collection::vec((0.0..1.0f64, 0..8u8), 1..5).prop_map(Damage::Flips),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn random_cuts_and_flips_give_errors_not_panics(damage in damage(), chunk in 1..300usize) {
        let zip = zip(
            &[
                ("a/one.csv", &text(300), true, false),
                ("two.csv", &text(40), false, false),
            ],
            false,
        );
        let good = unpack_all(&zip, 100).unwrap();
        let mut bad = zip.clone();
        match damage {
            Damage::Cut(at) => bad.truncate((at * zip.len() as f64) as usize),
            Damage::Flips(flips) => {
                for (at, bit) in flips {
                    bad[(at * zip.len() as f64) as usize] ^= 1 << bit;
                }
            }
        }
        match unpack_all(&bad, chunk) {
            Err(e) => prop_assert!(e.to_string().starts_with("a.zip: "), "{}", e),
            // A flip in a field nobody checks (a date, a version) is
            // harmless; the data that come out must then be right.
            Ok(got) => prop_assert_eq!(
                got.iter().map(|g| &g.1).collect::<Vec<_>>(),
                good.iter().map(|g| &g.1).collect::<Vec<_>>()
            ),
        }
    }
}
