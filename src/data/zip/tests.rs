//! Tests of the ZIP reader against archives built here, whole, cut short and damaged.

use super::*;

/// A small ZIP writer for tests: (name, data, deflate?, data descriptor?).
fn build(entries: &[(&str, &[u8], bool, bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for &(name, data, deflate, descriptor) in entries {
        let stored = if deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let offset = out.len() as u32;
        let (crc, csize, size) = (
            crc32fast::hash(data),
            stored.len() as u32,
            data.len() as u32,
        );
        let flags: u16 = if descriptor { 8 } else { 0 } | (1 << 11);
        let method: u16 = if deflate { 8 } else { 0 };
        let header = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(flags.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend([0u8; 4]);
            let zero = descriptor && !central;
            for v in [crc, csize, size] {
                h.extend(if zero { 0 } else { v }.to_le_bytes());
            }
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                // Comment length, disk, internal and external attributes.
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(LOCAL_SIG, false));
        out.extend(&stored);
        if descriptor {
            out.extend(0x0807_4b50u32.to_le_bytes());
            for v in [crc, csize, size] {
                out.extend(v.to_le_bytes());
            }
        }
        central.extend(header(CENTRAL_SIG, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(END_SIG.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
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
    let zip = build(&[
        ("2023-07/", b"", false, false),
        ("2023-07/a-street.csv", &big, true, true),
        ("2023-07/b.csv", b"month\n2023-07\n", false, false),
        ("empty.csv", b"", true, false),
    ]);
    for chunk in [1, 7, 4096, 1 << 20] {
        let got = unpack_all(&zip, chunk).unwrap();
        assert_eq!(got.len(), 4);
        assert!(got[0].1.is_empty());
        assert_eq!(got[1].1, big, "chunk {chunk}");
        assert_eq!(got[2].1, b"month\n2023-07\n");
        assert!(got[3].1.is_empty());
    }
    let mut src: &[u8] = &zip;
    let a = ZipArchive::open("a.zip", &mut src).unwrap();
    assert!(a.entries()[0].is_dir());
    assert_eq!(a.entries()[1].file_name(), "a-street.csv");
    assert!(a.entries()[1].compressed_size < big.len() as u64 / 3);
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
    let cd = long
        .windows(4)
        .rposition(|w| w == CENTRAL_SIG.to_le_bytes())
        .unwrap();
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
fn encrypted_and_unsupported_entries_say_so() {
    let mut zip = build(&[("e.csv", b"abc", false, false)]);
    // Central directory flags at +8, method at +10.
    let cd = zip
        .windows(4)
        .rposition(|w| w == CENTRAL_SIG.to_le_bytes())
        .unwrap();
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

#[test]
fn random_cuts_and_flips_give_errors_not_panics() {
    let zip = build(&[
        ("a/one.csv", &text(300), true, true),
        ("two.csv", &text(40), false, false),
    ]);
    let good = unpack_all(&zip, 100).unwrap();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut errors = 0;
    for i in 0..600 {
        let mut bad = zip.clone();
        if i % 3 == 0 {
            bad.truncate((next() % zip.len() as u64) as usize);
        } else {
            for _ in 0..=(i % 4) {
                let at = (next() % bad.len() as u64) as usize;
                bad[at] ^= 1 << (next() % 8);
            }
        }
        let chunk = 1 + (next() % 300) as usize;
        match unpack_all(&bad, chunk) {
            Err(e) => {
                assert!(e.to_string().starts_with("a.zip: "), "{e}");
                errors += 1;
            }
            // A flip in a field nobody checks (a date, a version) is harmless;
            // the data that come out must then be right.
            Ok(got) => assert_eq!(
                got.iter().map(|g| &g.1).collect::<Vec<_>>(),
                good.iter().map(|g| &g.1).collect::<Vec<_>>()
            ),
        }
    }
    assert!(errors > 300, "{errors}");
}
