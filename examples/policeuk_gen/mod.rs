//! Writes police.uk-shaped street files for the benchmarks (shared by
//! `bench_prepare` and `generate_policeuk` through `#[path]`).
//!
//! Realistic rows: 64-hex crime IDs (empty for anti-social behaviour),
//! coordinates, "On or near …" locations, 1,400 LSOA codes and names, the
//! 14 crime types, outcomes, ~3% of rows with no location and no LSOA. No
//! field is quoted. Deterministic: the examples' fixed-seed generator
//! (`common/rng.rs`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

const TYPES: [&str; 14] = [
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
];
const OUTCOMES: [&str; 6] = [
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Status update unavailable",
    "Awaiting court outcome",
    "Local resolution",
];
const STREETS: [&str; 8] = [
    "Swithen Hill",
    "Parking Area",
    "Supermarket",
    "Petrol Station",
    "Bromley Lane",
    "Gibson Grove",
    "Sports/Recreation Area",
    "Nightclub",
];

#[path = "../common/rng.rs"]
mod rng;
use rng::Rng;

/// Writes a header and `rows` rows to `path`, as consecutive blocks of equal
/// size, one per month of `months` in order (like monthly files joined
/// end to end); returns the file's size in bytes. The rows drawn do not
/// depend on `months`, only the Month column does.
pub fn generate(path: &Path, rows: usize, months: &[&str]) -> std::io::Result<u64> {
    let mut w = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";
    w.write_all(header.as_bytes())?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..rows {
        let month = months
            .get(i * months.len() / rows)
            .copied()
            .unwrap_or("2024-07");
        let t = rng.below(TYPES.len());
        let asb = t == 0;
        if !asb {
            let (a, b, c, d) = (
                rng.next_u64(),
                rng.next_u64(),
                rng.next_u64(),
                rng.next_u64(),
            );
            write!(w, "{a:016x}{b:016x}{c:016x}{d:016x}")?;
        }
        let lsoa = rng.below(1400);
        let lon = -1.9 + (rng.below(800_000) as f64) / 1e6;
        let lat = 53.5 + (rng.below(400_000) as f64) / 1e6;
        let street = STREETS[rng.below(STREETS.len())];
        if rng.below(100) < 3 {
            writeln!(
                w,
                ",{month},West Yorkshire Police,West Yorkshire Police,,,No location,,,{},,",
                TYPES[t]
            )?;
            continue;
        }
        let outcome = if asb {
            ""
        } else {
            OUTCOMES[rng.below(OUTCOMES.len())]
        };
        writeln!(
            w,
            ",{month},West Yorkshire Police,West Yorkshire Police,{lon:.6},{lat:.6},On or near {street},E0101{lsoa:04},Leeds {:03}{},{},{outcome},",
            lsoa / 4 + 1,
            (b'A' + (lsoa % 4) as u8) as char,
            TYPES[t]
        )?;
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}
