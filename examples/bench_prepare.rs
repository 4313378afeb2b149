//! Benchmark of `explorer-cli prepare` on a generated police.uk-shaped file.
//!
//! `cargo run --release --example bench_prepare [-- ROWS]` writes ROWS
//! (default 1,000,000) realistic rows — 64-hex crime IDs (empty for
//! anti-social behaviour), coordinates, "On or near …" locations, LSOA codes
//! and names, the 14 crime types, outcomes, ~3% with no LSOA, all in month
//! 2024-07 (`policeuk_gen`, shared with `generate_policeuk`) — to a temp
//! folder, runs the real prepare path on it, and prints MB/s, rows/s and
//! peak memory (VmHWM from /proc/self/status).

use std::time::Instant;

#[path = "policeuk_gen/mod.rs"]
mod policeuk_gen;

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
    let bytes = policeuk_gen::generate(&input, rows, &["2024-07"])?;
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
