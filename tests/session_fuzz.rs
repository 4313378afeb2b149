//! Property test of a whole load (`LoadSession`, as the browser's loading
//! worker runs it) on mixed files: the real excerpts of `common/seeds.rs`,
//! a zip holding the police.uk file (stored or deflated, in a monthly
//! folder as police.uk delivers it), with one of them mutated at random —
//! bytes over 0x7F included, and the zip's own bytes too. Whatever the
//! damage: no panic, read in steps of any size; every file's report and
//! the load's add up; a load that fails says why.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

#[path = "common/fuzz.rs"]
mod fuzz;
#[path = "common/seeds.rs"]
mod seeds;
#[path = "common/zip.rs"]
mod zip_writer;

use cse::data::recognise::FileKind;
use cse::data::session::{FileStatus, LoadSession};
use fuzz::{high_bytes, mutate, rng, Draw};
use seeds::{seeds, Kind};
use zip_writer::zip;

#[test]
fn a_load_of_mixed_mutated_files_never_panics_and_adds_up() {
    let seeds = seeds();
    let police = &seeds.iter().find(|s| s.kind == Kind::Police).unwrap().bytes;
    let mut rng = rng(0xD1B5_4A32_D192_ED03);
    let (mut finished, mut from_zip, mut recoded) = (0, 0, 0);
    let cases = 150;
    for case in 0..cases {
        // The police.uk file inside the zip, sometimes with Windows-1252
        // bytes, sometimes damaged.
        let mut inner = police.clone();
        match rng.below(3) {
            0 => high_bytes(&mut rng, &mut inner),
            1 => mutate(&mut rng, &mut inner),
            _ => {}
        }
        let entry = (
            "2024-03/2024-03-cleveland-street.csv",
            &inner[..],
            rng.below(2) == 0,
            rng.below(4) == 0,
        );
        let mut files: Vec<(String, Vec<u8>)> =
            vec![("download.zip".to_string(), zip(&[entry], false))];
        // Most cases also give the other files, each left out at times.
        for seed in seeds.iter().filter(|s| s.kind != Kind::Police) {
            if rng.below(4) > 0 {
                files.push((seed.name.to_string(), seed.bytes.clone()));
            }
        }
        if rng.below(2) == 0 {
            files.push(("2024-02-street.csv".to_string(), police.clone()));
        }
        let victim = rng.below(files.len());
        if let Some((_, bytes)) = files.get_mut(victim) {
            mutate(&mut rng, bytes);
        }
        let mut session = LoadSession::new();
        session.set_step_bytes(1 + rng.below(5000));
        for (name, bytes) in files {
            session.add(&name, bytes);
        }
        let within = session.choices().within.first().map(|a| a.code.clone());
        let within = within.filter(|_| rng.below(3) == 0);
        if let Err(e) = session.start(None, within.as_deref()) {
            assert!(!e.to_string().is_empty(), "case {case}");
            continue;
        }
        let loaded = match session.finish() {
            Ok(loaded) => loaded,
            Err(e) => {
                assert!(!e.to_string().is_empty(), "case {case}");
                continue;
            }
        };
        finished += 1;
        assert!(loaded.report.adds_up(), "case {case}: {:?}", loaded.report);
        let mut rows = 0;
        for f in &loaded.files {
            assert!(f.rows.adds_up(), "case {case}: {}: {:?}", f.name, f.rows);
            if f.kind.is_police() || f.kind == FileKind::CountsFile {
                rows += f.rows.rows_read;
                from_zip += usize::from(
                    f.name.starts_with("download.zip/") && f.status == FileStatus::Read,
                );
            }
            recoded += f.rows.windows_1252.len();
            if let FileStatus::Failed(m) | FileStatus::Partly(m) = &f.status {
                assert!(!m.to_string().is_empty(), "case {case}: {}", f.name);
            }
        }
        assert_eq!(
            rows, loaded.report.rows_read,
            "case {case}: the files' rows are the load's"
        );
    }
    eprintln!("{finished} of {cases} loads finished, {from_zip} read a zip entry, {recoded} files noted as Windows-1252");
    assert!(finished > cases / 2 && from_zip > cases / 4 && recoded > cases / 4);
}
