//! Property test: for arbitrary mutations of valid police.uk text, the
//! reader never panics, every row read is accounted for exactly once, the
//! result does not depend on how the bytes are chunked, and on quote-free
//! text the rows read equal the non-blank lines after the header counted
//! here by a plain line split. Deterministic (proptest's seeded generator);
//! the mutations (`common/fuzz.rs`) include bytes over 0x7F, which rows
//! read as Windows-1252. `readers_fuzz.rs` does the same for every reader
//! on excerpts of the real files.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use cse::data::{AreaMapper, Categories, PoliceUkAggregator};

#[path = "common/fuzz.rs"]
mod fuzz;
use fuzz::{mutate, rng, Draw};
use proptest::test_runner::TestRng;

const HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
const TYPES: [&str; 4] = [
    "Burglary",
    "Anti-social behaviour",
    "Drugs",
    "Violence and sexual offences",
];

fn valid_text(rng: &mut TestRng) -> Vec<u8> {
    let mut t = String::from(HEADER);
    t.push_str(if rng.below(2) == 0 { "\r\n" } else { "\n" });
    for i in 0..(3 + rng.below(12)) {
        let lsoa = if rng.below(5) == 0 {
            String::new()
        } else {
            format!("E0100{:04}", rng.below(30))
        };
        let location = if rng.below(4) == 0 {
            "\"On or near Main St, Town\""
        } else {
            "On or near Park Road"
        };
        let month = format!("2024-{:02}", 1 + rng.below(12));
        t.push_str(&format!(
            "{:064x},{month},Police,Police,-1.2,54.5,{location},{lsoa},Name {i},{},Under investigation,\n",
            rng.next(),
            TYPES[rng.below(TYPES.len())]
        ));
    }
    t.into_bytes()
}

type Outcome = Result<(cse::data::LoadReport, cse::data::cube::Cube), String>;

fn run(text: &[u8], chunk: Option<usize>) -> Outcome {
    let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), Categories::default());
    let fed = match chunk {
        None => agg.read("fuzz.csv", text),
        Some(size) => {
            let mut r = agg.start_file("fuzz.csv");
            for piece in text.chunks(size) {
                r = r.and_then(|()| agg.feed(piece));
            }
            r.and_then(|()| agg.end_file())
        }
    };
    fed.map_err(|e| e.to_string())?;
    let p = agg.finish().map_err(|e| e.to_string())?;
    Ok((p.report, p.cube))
}

#[test]
fn every_row_is_accounted_for_on_mutated_input() {
    let mut rng = rng(0x2545_F491_4F6C_DD1D);
    let (mut ok, mut with_rejections, mut line_checked) = (0, 0, 0);
    for case in 0..4000 {
        let mut text = valid_text(&mut rng);
        if case > 0 {
            mutate(&mut rng, &mut text);
        }
        let whole = run(&text, None);
        let chunk = 1 + rng.below(64);
        assert_eq!(
            run(&text, Some(chunk)),
            whole,
            "case {case}: chunks of {chunk} differ"
        );
        let Ok((report, cube)) = whole else { continue };
        ok += 1;
        assert!(report.adds_up(), "case {case}: {report:?}");
        let newlines = text.iter().filter(|&&b| b == b'\n').count() as u64;
        assert!(report.rows_read <= newlines + 1, "case {case}");
        let kept_in_cube = report.accepted + report.not_allocated;
        assert_eq!(cube.grand_total(), kept_in_cube, "case {case}");
        if report.rejected > 0 {
            with_rejections += 1;
            assert!(
                report
                    .rejections
                    .iter()
                    .all(|r| r.line >= 2 && r.line <= newlines + 1),
                "case {case}"
            );
        }
        if !text.contains(&b'"') {
            let mut lines = text
                .split(|&b| b == b'\n')
                .filter(|l| !l.iter().all(u8::is_ascii_whitespace));
            let _header = lines.next();
            assert_eq!(report.rows_read, lines.count() as u64, "case {case}");
            line_checked += 1;
        }
    }
    eprintln!("{ok} loads, {with_rejections} with rejections, {line_checked} line-checked");
    assert!(
        ok > 2000 && with_rejections > 500 && line_checked > 500,
        "{ok} {with_rejections} {line_checked}"
    );
}
