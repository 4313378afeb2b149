//! Property tests of every reader on excerpts of the real files (see
//! `common/seeds.rs`), mutated at random, bytes over 0x7F included (the
//! Windows-1252 path): no reader panics; every report adds up (read =
//! accepted + not allocated + outside + rejected) and agrees with what the
//! reader returns; a file that cannot be read is named in its error; no
//! row is rejected for its encoding. And Windows-1252 bytes written into
//! columns a reader does not use change nothing it returns.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

#[path = "common/fuzz.rs"]
mod fuzz;
#[path = "common/seeds.rs"]
mod seeds;

use cse::data::areas::read_areas_bytes;
use cse::data::boundaries::read_boundaries;
use cse::data::categories_file::read_categories;
use cse::data::counts::read_counts_bytes;
use cse::data::counts_write::write_counts_csv;
use cse::data::deprivation_lookup::read_ranks;
use cse::data::lookup::{read_lookup, LEVELS};
use cse::data::population::read_population;
use cse::data::{AreaMapper, Categories, CubeBuilder, FileError, LoadReport, PoliceUkAggregator};
use fuzz::{mutate, rng, Draw, HIGH_BYTES};
use proptest::test_runner::TestRng;
use seeds::{seeds, Kind};

/// What a reader returned, reduced to text that can be compared, with
/// its report; `accepted` is how many items it kept, when that must equal
/// the report's accepted rows.
struct Read {
    report: LoadReport,
    data: String,
    kept: Option<u64>,
}

/// Reads `bytes` with the reader for `kind`, in chunks of `chunk` bytes
/// for a police.uk file.
fn read(kind: Kind, name: &str, bytes: &[u8], chunk: usize) -> Result<Read, FileError> {
    let read = |report, data, kept: Option<usize>| Read {
        report,
        data,
        kept: kept.map(|n| n as u64),
    };
    Ok(match kind {
        Kind::Police => {
            let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), Categories::default());
            agg.start_file(name)?;
            for piece in bytes.chunks(chunk) {
                agg.feed(piece)?;
            }
            agg.end_file()?;
            let p = agg.finish().unwrap();
            let kept = p.report.accepted + p.report.not_allocated;
            assert_eq!(
                p.cube.grand_total(),
                kept,
                "{name}: the cube holds every row kept"
            );
            read(p.report, write_counts_csv(&p.cube, true), None)
        }
        Kind::Counts => {
            let mut cube = CubeBuilder::new();
            let report = read_counts_bytes(name, bytes, &mut cube)?;
            let data = cube
                .build()
                .map(|c| write_counts_csv(&c, true))
                .unwrap_or_default();
            read(report, data, None)
        }
        Kind::Areas => {
            let (areas, report) = read_areas_bytes(name, bytes)?;
            let data = format!("{areas:?}");
            read(report, data, Some(areas.len()))
        }
        Kind::Lookup => {
            let (lookup, report) = read_lookup(name, bytes)?;
            let data = LEVELS
                .map(|l| lookup.has_level(l))
                .iter()
                .map(|h| format!("{h}"))
                .collect();
            read(report, data, None)
        }
        Kind::Categories => {
            let (c, report) = read_categories(name, bytes)?;
            read(report, format!("{c:?}"), Some(c.len()))
        }
        Kind::Population => {
            let (p, report) = read_population(name, bytes)?;
            read(report, format!("{p:?}"), Some(p.len()))
        }
        Kind::Deprivation => {
            let (p, report) = read_ranks(name, bytes)?;
            read(report, format!("{p:?}"), Some(p.len()))
        }
        Kind::Boundaries => {
            let (b, report) = read_boundaries(name, bytes, None)?;
            read(report, format!("{}", b.len()), Some(b.len()))
        }
    })
}

/// The report's figures, without the notes of rows read as Windows-1252.
fn figures(r: &LoadReport) -> [u64; 5] {
    [
        r.rows_read,
        r.accepted,
        r.not_allocated,
        r.outside_area,
        r.rejected,
    ]
}

#[test]
fn every_reader_survives_mutated_real_files() {
    let mut rng = rng(0x9E37_79B9_7F4A_7C15);
    for seed in seeds() {
        let clean = read(seed.kind, seed.name, &seed.bytes, 4096).unwrap();
        assert!(
            clean.report.accepted > 0 && clean.report.rejected == 0,
            "{}: {:?}",
            seed.name,
            clean.report
        );
        assert!(clean.report.windows_1252.is_empty(), "{}", seed.name);
        let cases = if seed.kind == Kind::Boundaries {
            60
        } else {
            250
        };
        let (mut ok, mut recoded) = (0, 0);
        for case in 0..cases {
            let mut bytes = seed.bytes.clone();
            mutate(&mut rng, &mut bytes);
            let chunk = 1 + rng.below(300);
            let what = format!("{} case {case}", seed.name);
            match read(seed.kind, seed.name, &bytes, chunk) {
                Err(e) => assert!(e.to_string().starts_with(seed.name), "{what}: {e}"),
                Ok(r) => {
                    ok += 1;
                    recoded += usize::from(!r.report.windows_1252.is_empty());
                    assert!(r.report.adds_up(), "{what}: {:?}", r.report);
                    if let Some(kept) = r.kept {
                        assert_eq!(kept, r.report.accepted, "{what}");
                    }
                    let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                    assert!(r.report.rows_read <= lines, "{what}");
                    for j in &r.report.rejections {
                        assert!(!j.reason.to_string().contains("UTF-8"), "{what}: {j:?}");
                    }
                    for note in &r.report.windows_1252 {
                        assert!(note.file == seed.name && note.rows >= 1 && note.first_line >= 1);
                    }
                }
            }
        }
        eprintln!(
            "{}: {ok} of {cases} read, {recoded} with rows read as Windows-1252",
            seed.name
        );
        // GeoJSON is strict (and UTF-8 only, RFC 7946): most edits break it.
        if seed.kind == Kind::Boundaries {
            assert!(ok > 0, "{}: none read", seed.name);
        } else {
            assert!(ok > cases / 3, "{}: {ok} of {cases} read", seed.name);
            assert!(
                recoded > cases / 10,
                "{}: {recoded} took the Windows-1252 path",
                seed.name
            );
        }
    }
}

/// Replaces a few letters in columns `cols` of the data lines (those
/// without quotes) by Windows-1252 bytes; returns the lines changed.
fn high_bytes_in(rng: &mut TestRng, bytes: &[u8], cols: &[usize]) -> (Vec<u8>, u64) {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut out = Vec::new();
    let mut changed = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let mut cells: Vec<Vec<u8>> = line.split(',').map(|c| c.as_bytes().to_vec()).collect();
        if i > 0 && !line.contains('"') && rng.below(3) > 0 {
            for &c in cols {
                if let Some(cell) = cells.get_mut(c) {
                    for b in cell.iter_mut().filter(|b| b.is_ascii_alphabetic()) {
                        if rng.below(4) == 0 {
                            *b = HIGH_BYTES[rng.below(HIGH_BYTES.len())];
                        }
                    }
                }
            }
        }
        let line = cells.join(&b","[..]);
        changed += u64::from(!line.is_ascii() && std::str::from_utf8(&line).is_err());
        out.extend(line);
    }
    (out, changed)
}

#[test]
fn windows_1252_bytes_in_columns_not_used_change_nothing() {
    let mut rng = rng(0x2545_F491_4F6C_DD1D);
    // Columns each reader does not use: police.uk Crime ID, Reported by,
    // Location, LSOA name, outcome; the lookup's names; the population's
    // geography name; the deprivation file's LSOA and district names.
    let unused: [(&str, &[usize]); 4] = [
        ("2024-03-cleveland-street.csv", &[0, 2, 6, 8, 10]),
        ("population.csv", &[1]),
        ("imd.csv", &[1, 3]),
        ("bridge.csv", &[2, 4, 6, 7]),
    ];
    let seeds = seeds();
    let mut total = 0;
    for (name, cols) in unused {
        let seed = seeds.iter().find(|s| s.name == name).unwrap();
        let clean = read(seed.kind, name, &seed.bytes, 4096).unwrap();
        for case in 0..40 {
            let (bytes, changed) = high_bytes_in(&mut rng, &seed.bytes, cols);
            let chunk = 1 + rng.below(200);
            let r = read(seed.kind, name, &bytes, chunk).unwrap();
            assert_eq!(
                figures(&r.report),
                figures(&clean.report),
                "{name} case {case}"
            );
            assert_eq!(r.data, clean.data, "{name} case {case}");
            let noted: u64 = r.report.windows_1252.iter().map(|n| n.rows).sum();
            assert_eq!(noted, changed, "{name} case {case}");
            total += changed;
        }
    }
    assert!(total > 1000, "{total} rows had Windows-1252 bytes");
}
