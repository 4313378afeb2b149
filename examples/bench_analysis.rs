//! Benchmark of a full analysis recompute — what the page does on every
//! control change: sum both periods once ([`PeriodTotals`]), compare every
//! category, rank every area by rate (with previous rank and movement),
//! apply disclosure control, the deprivation analysis, and the trend.
//!
//! `cargo run --release --example bench_analysis` builds two synthetic
//! cubes (deterministic): national-sized (35,000 LSOAs × 36 months × 14
//! categories, in 7,000 MSOAs and 350 districts) and a borough (125 LSOAs
//! in 27 wards), and prints milliseconds per recompute (median of many
//! runs), plus the one-off per-dataset setup (level maps, monthly totals,
//! the cube's running totals). Then the map a wards page draws: real
//! boundaries from `../shared/data/boundaries` projected, classed and
//! named (the names placed where they fit).

use std::hint::black_box;
use std::time::Instant;

use cse::analysis::trend::{rolling12, MonthCount};
use cse::analysis::{
    compare_table, deprivation, rank_areas, show_ranking, show_table, AreaLevel, By, Disclosure,
    LevelMap, Measure, MonthlyWhole, PeriodTotals, Preset, Scope, Selection,
};
use cse::chart::map::{build_map, MAP_WIDTH};
use cse::data::boundaries::{read_boundaries, Boundary};
use cse::data::{Area, AreaCode, Categories, CubeBuilder, Dataset, Month};

/// xorshift64*: small, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A small count with mean about `mean` (sum of a few uniform draws).
    fn count(&mut self, mean: f64) -> u64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        // Geometric-like: many zeros and ones, a tail.
        (-(1.0 - u).ln() * mean).floor() as u64
    }
}

/// `lsoas` LSOAs in groups of `per_parent` under parents (wards or MSOAs),
/// parents in groups of 20 under districts.
fn dataset(lsoas: usize, per_parent: usize, parent_prefix: &str, seed: u64) -> Dataset {
    let cats = Categories::default();
    let names: Vec<String> = cats.iter().map(|c| c.name.clone()).collect();
    let codes: Vec<String> = (0..lsoas).map(|i| format!("E01{i:06}")).collect();
    let mut b = CubeBuilder::new()
        .with_areas(codes.iter().map(String::as_str))
        .with_categories(names.iter().map(String::as_str));
    let first: Month = "2022-10".parse().unwrap_or(Month::JAN_2000);
    let mut rng = Rng(seed);
    for (i, code) in codes.iter().enumerate() {
        let level = 0.3 + (i % 97) as f64 / 60.0;
        for m in 0..36 {
            let month = first.offset(m).unwrap_or(first);
            for (c, name) in names.iter().enumerate() {
                let n = rng.count(level * (1.0 + (c % 4) as f64) / 2.0);
                if n > 0 {
                    b.add(Some(code), month, name, n);
                }
            }
        }
        if i % 50 == 0 {
            b.add(None, first, "Burglary", 1);
        }
    }
    let mut areas = Vec::new();
    let parents = lsoas.div_ceil(per_parent);
    for p in 0..parents {
        let mut a = Area::named(&format!("{parent_prefix}{p:06}"), &format!("Parent {p}"));
        a.parent = Some(AreaCode(format!("E08{:06}", p / 20)));
        areas.push(a);
    }
    for d in 0..parents.div_ceil(20) {
        areas.push(Area::named(&format!("E08{d:06}"), &format!("District {d}")));
    }
    for (i, code) in codes.iter().enumerate() {
        let mut a = Area::named(code, &format!("LSOA {i}"));
        a.parent = Some(AreaCode(format!("{parent_prefix}{:06}", i / per_parent)));
        a.population = Some(1200 + (rng.next() % 1000) as u32);
        a.imd_rank = Some((rng.next() % 32_844) as u32 + 1);
        areas.push(a);
    }
    let cube = b.build().unwrap_or_else(|e| panic!("cube: {e}"));
    Dataset::new(cube, areas, &cats)
}

/// Median milliseconds of `runs` calls of `f`.
fn time_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn run(label: &str, ds: &Dataset, runs: usize) {
    let cube = &ds.cube;
    let pair = Preset::Rolling12
        .pair(cube.first_month(), cube.last_month())
        .unwrap_or_else(|e| panic!("{e}"));
    let rule = Disclosure { threshold: Some(5) };
    let setup = Instant::now();
    let base = LevelMap::new(ds, AreaLevel::Base, None);
    let parents = LevelMap::new(ds, AreaLevel::Up(1), None);
    let monthly = MonthlyWhole::new(cube);
    black_box(cube.running_totals());
    let setup_ms = setup.elapsed().as_secs_f64() * 1000.0;
    let mask = Selection::AllCrime.mask(&ds.categories);
    let full = time_ms(runs, || {
        let totals = PeriodTotals::new(cube, &pair);
        let table = compare_table(ds, &totals, Scope::Whole, &By::Category);
        black_box(show_table(&table, &rule));
        let ranking = rank_areas(ds, &totals, &base, &Selection::AllCrime, Measure::Rate);
        black_box(show_ranking(&ranking, &rule, 0));
        black_box(deprivation(&ranking, &base));
        let by_parent = rank_areas(ds, &totals, &parents, &Selection::AllCrime, Measure::Count);
        black_box(&by_parent);
        let series: Vec<MonthCount> = cube
            .months()
            .zip(monthly.series(&mask))
            .map(|(month, count)| MonthCount { month, count })
            .collect();
        black_box(rolling12(&series));
    });
    let totals_only = time_ms(runs, || {
        black_box(PeriodTotals::new(cube, &pair));
    });
    let totals = PeriodTotals::new(cube, &pair);
    let table_ms = time_ms(runs, || {
        let table = compare_table(ds, &totals, Scope::Whole, &By::Category);
        black_box(show_table(&table, &rule));
    });
    let rank_ms = time_ms(runs, || {
        black_box(rank_areas(
            ds,
            &totals,
            &base,
            &Selection::AllCrime,
            Measure::Rate,
        ));
    });
    let ranking = rank_areas(ds, &totals, &base, &Selection::AllCrime, Measure::Rate);
    let shown_ms = time_ms(runs, || {
        black_box(show_ranking(&ranking, &rule, 0));
    });
    let dep_ms = time_ms(runs, || {
        black_box(deprivation(&ranking, &base));
    });
    println!(
        "{label}: {} areas × {} months × {} categories; {} parents",
        cube.areas().len(),
        cube.month_count(),
        cube.categories().len(),
        parents.len()
    );
    println!("  full recompute (median of {runs}): {full:.3} ms");
    println!("    period totals (one pass over both periods): {totals_only:.3} ms");
    println!("    category table + disclosure: {table_ms:.3} ms");
    println!("    rank all base areas by rate: {rank_ms:.3} ms");
    println!("    ranking disclosure: {shown_ms:.3} ms");
    println!("    deprivation: {dep_ms:.3} ms");
    println!("  one-off setup per dataset (level maps, monthly totals, running totals): {setup_ms:.1} ms");
}

/// The map of `file`'s areas as the wards page builds it, names placed;
/// with `copies` > 1, that many copies of them side by side (each its own
/// areas): maps of many areas, to choose how many a page draws.
fn map(file: &str, copies: usize) {
    let path = format!(
        "{}/../shared/data/boundaries/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(text) = std::fs::read(&path) else {
        println!("map: {path} not found; skipped");
        return;
    };
    let boundaries = match read_boundaries(file, text.as_slice(), None) {
        Ok((b, _)) => tiled(b, copies),
        Err(e) => panic!("{e}"),
    };
    let runs = if copies > 1 { 5 } else { 21 };
    let ms = time_ms(runs, || {
        black_box(build_map(
            &boundaries,
            MAP_WIDTH,
            |_| Some(1.0),
            |code| code.to_string(),
        ));
    });
    let m = build_map(
        &boundaries,
        MAP_WIDTH,
        |_| Some(1.0),
        |code| code.to_string(),
    );
    let named = |k: usize| m.areas.iter().filter(|a| a.names[k].is_some()).count();
    let path_kb = m.areas.iter().map(|a| a.path.len()).sum::<usize>() as f64 / 1024.0;
    println!(
        "map of {file}{}: {} areas, names placed {} (wide) and {} (narrow), paths {path_kb:.0} KB: {ms:.2} ms (median of {runs})",
        if copies > 1 { format!(" × {copies}") } else { String::new() },
        m.areas.len(),
        named(0),
        named(1)
    );
}

/// `copies` copies of `boundaries` in a square grid, side by side, each
/// area's code made its own.
fn tiled(boundaries: Vec<Boundary>, copies: usize) -> Vec<Boundary> {
    let points = || {
        boundaries
            .iter()
            .flat_map(|b| b.polygons.iter().flatten().flatten())
    };
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in points() {
        (west, east) = (west.min(p[0]), east.max(p[0]));
        (south, north) = (south.min(p[1]), north.max(p[1]));
    }
    let side = (copies as f64).sqrt().ceil() as usize;
    (0..copies)
        .flat_map(|k| {
            let shift = [
                (k % side) as f64 * (east - west),
                (k / side) as f64 * (north - south),
            ];
            boundaries.iter().map(move |b| Boundary {
                code: AreaCode(format!("{}-{k}", b.code.as_str())),
                name: b.name.clone(),
                polygons: b
                    .polygons
                    .iter()
                    .map(|poly| {
                        poly.iter()
                            .map(|ring| {
                                ring.iter()
                                    .map(|p| [p[0] + shift[0], p[1] + shift[1]])
                                    .collect()
                            })
                            .collect()
                    })
                    .collect(),
            })
        })
        .collect()
}

fn main() {
    let t = Instant::now();
    let national = dataset(35_000, 5, "E02", 7);
    println!(
        "(national cube built in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    run("national LSOA cube", &national, 21);
    drop(national);
    let borough = dataset(125, 5, "E05", 11);
    run("borough LSOA cube (125 LSOAs, 25 wards)", &borough, 501);
    map("wards2025_stockton_E06000004.geojson", 1);
    map("wards2025_tees_valley_E47000006.geojson", 1);
    map("lsoa21_stockton_E06000004.geojson", 1);
    // Maps of many areas: ~500, ~1,000, ~2,000 and (a country's wards)
    // ~7,400.
    for copies in [5, 10, 20, 72] {
        map("wards2025_tees_valley_E47000006.geojson", copies);
    }
}
