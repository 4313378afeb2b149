//! Benchmark of `explorer-cli prepare` on a generated police.uk-shaped file.
//!
//! `cargo run --release --example bench_prepare [-- ROWS]` writes ROWS
//! (default 1,000,000) realistic rows — 64-hex crime IDs (empty for
//! anti-social behaviour), coordinates, "On or near …" locations, LSOA codes
//! and names, the 14 crime types, outcomes, ~3% with no LSOA — to a temp
//! folder, runs the real prepare path on it, and prints MB/s, rows/s and
//! peak memory (VmHWM from /proc/self/status).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

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

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn generate(path: &std::path::Path, rows: usize) -> std::io::Result<u64> {
    let mut w = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";
    w.write_all(header.as_bytes())?;
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..rows {
        let t = rng.below(TYPES.len());
        let asb = t == 0;
        if !asb {
            let (a, b, c, d) = (rng.next(), rng.next(), rng.next(), rng.next());
            write!(w, "{a:016x}{b:016x}{c:016x}{d:016x}")?;
        }
        let lsoa = rng.below(1400);
        let lon = -1.9 + (rng.below(800_000) as f64) / 1e6;
        let lat = 53.5 + (rng.below(400_000) as f64) / 1e6;
        let street = STREETS[rng.below(STREETS.len())];
        if rng.below(100) < 3 {
            writeln!(
                w,
                ",2024-07,West Yorkshire Police,West Yorkshire Police,,,No location,,,{},,",
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
            ",2024-07,West Yorkshire Police,West Yorkshire Police,{lon:.6},{lat:.6},On or near {street},E0101{lsoa:04},Leeds {:03}{},{},{outcome},",
            lsoa / 4 + 1,
            (b'A' + (lsoa % 4) as u8) as char,
            TYPES[t]
        )?;
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("cse-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let input = dir.join("2024-07-bench-street.csv");
    let bytes = generate(&input, rows)?;
    let mb = bytes as f64 / 1e6;
    println!("generated {rows} rows, {mb:.1} MB in {}", input.display());
    let before = peak_memory_kb().unwrap_or(0);
    let out = dir.join("counts.csv");
    let args: Vec<String> = [
        "prepare",
        "--out",
        &out.display().to_string(),
        &input.display().to_string(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        cse::cli::run(&args)?;
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "prepare: best of 3 {best:.3} s, {:.0} MB/s, {:.0} rows/s",
        mb / best,
        rows as f64 / best
    );
    println!(
        "peak memory (VmHWM): {} kB (before prepare: {before} kB)",
        peak_memory_kb().unwrap_or(0)
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
