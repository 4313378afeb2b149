//! Writes a generated police.uk-shaped street file for the in-browser
//! loading benchmark (`scripts/bench-load`).
//!
//! `cargo run --release --example generate_policeuk -- PATH [ROWS]` writes
//! ROWS (default 1,000,000) rows spread over the 12 months 2023-08 to
//! 2024-07 (about 222 MB for a million rows) to PATH, and prints its size.
//! The rows are those `bench_prepare` measures; see `policeuk_gen`.

#[path = "policeuk_gen/mod.rs"]
mod policeuk_gen;

const MONTHS: [&str; 12] = [
    "2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03",
    "2024-04", "2024-05", "2024-06", "2024-07",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        return Err("usage: generate_policeuk PATH [ROWS]".into());
    };
    let rows: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let bytes = policeuk_gen::generate(std::path::Path::new(&path), rows, &MONTHS)?;
    println!(
        "{rows} rows, {bytes} bytes, months {} to {}",
        MONTHS[0], MONTHS[11]
    );
    Ok(())
}
