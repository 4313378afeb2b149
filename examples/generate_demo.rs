//! Generates the synthetic demo borough in `public/data/demo/`.
//!
//! Deterministic (fixed seed): running it twice gives identical files.
//!     cargo run --example generate_demo            # (re)write the files
//!     cargo run --example generate_demo -- --check # fail if they differ
//!
//! The borough is invented: 25 wards with made-up names and GSS-style codes
//! in a range no real area uses (E059000xx in borough E06000999), 36 months,
//! the 14 police.uk crime types, seasonality (summer peak), a deprivation
//! gradient, wards rising and falling, some small-count categories, and
//! invented ward boundaries that tile the borough (a wiggled 5 × 5 grid).
//! Beside the police's counts, two other organisations' series (each its
//! own source, never added to crime): the council's own anti-social
//! behaviour records (from the seventh month, rising) and the fire
//! service's deliberate fires; a categories file placing them; and example
//! targets, one of them a ward's own.

use std::fmt::Write as _;
use std::path::Path;

const SEED: u64 = 0x5AFE_C0DE_2025;
const BOROUGH_CODE: &str = "E06000999";
const BOROUGH_NAME: &str = "Demo Borough";
/// The first month of the 36.
const FIRST: (u32, u32) = (2022, 11);
const MONTHS: u32 = 36;

const WARDS: [&str; 25] = [
    "Ashcombe",
    "Brackenford",
    "Castlemead",
    "Dunholme Park",
    "Eastwick Vale",
    "Fernleigh",
    "Glenbrook",
    "Harrowden",
    "Ivy Bank",
    "Juniper Hill",
    "Kestrel Moor",
    "Larkfield",
    "Millbeck",
    "Northmoor",
    "Oakhurst",
    "Pennywell Green",
    "Quayside",
    "Rookwood",
    "Saltmere",
    "Town Centre",
    "Upperfold",
    "Westerleigh",
    "Willowby",
    "Yarrow Edge",
    "Brindle Cross",
];

/// Police.uk crime types with a base rate per 1,000 residents per year, and
/// how strongly each follows the seasons.
const TYPES: [(&str, f64, f64); 14] = [
    ("Anti-social behaviour", 24.0, 0.30),
    ("Bicycle theft", 1.1, 0.35),
    ("Burglary", 4.2, 0.05),
    ("Criminal damage and arson", 8.0, 0.12),
    ("Drugs", 2.6, 0.05),
    ("Other crime", 1.4, 0.05),
    ("Other theft", 6.0, 0.10),
    ("Possession of weapons", 0.7, 0.05),
    ("Public order", 9.0, 0.12),
    ("Robbery", 0.6, 0.05),
    ("Shoplifting", 7.5, 0.04),
    ("Theft from the person", 0.5, 0.05),
    ("Vehicle crime", 5.0, 0.06),
    ("Violence and sexual offences", 34.0, 0.10),
];

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// Poisson draws for the monthly counts.
trait Poisson {
    fn poisson(&mut self, mean: f64) -> u64;
}

impl Poisson for Rng {
    /// Poisson by multiplication for small means, normal approximation above 60.
    fn poisson(&mut self, mean: f64) -> u64 {
        if mean <= 0.0 {
            return 0;
        }
        if mean > 60.0 {
            let (u1, u2) = (self.uniform().max(1e-12), self.uniform());
            let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
            return (mean + z * mean.sqrt()).round().max(0.0) as u64;
        }
        let limit = (-mean).exp();
        let mut k = 0;
        let mut p = self.uniform();
        while p > limit {
            k += 1;
            p *= self.uniform();
        }
        k
    }
}

struct Ward {
    code: String,
    name: &'static str,
    population: u32,
    imd_rank: u32,
    /// Yearly growth factor of its crime (e.g. 1.15 = rising 15% a year).
    growth: f64,
}

fn month_label(i: u32) -> String {
    let m = FIRST.0 * 12 + (FIRST.1 - 1) + i;
    format!("{:04}-{:02}", m / 12, m % 12 + 1)
}

fn wards(rng: &mut Rng) -> Vec<Ward> {
    WARDS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let population = 5_500 + (rng.uniform() * 8_500.0) as u32;
            // Ranks across England's 32,844 LSOAs (1 = most deprived).
            let imd_rank = 800 + (rng.uniform() * 30_000.0) as u32;
            let growth = match i % 5 {
                0 => 1.16,
                1 => 0.88,
                _ => 1.0 + (rng.uniform() - 0.35) * 0.12,
            };
            Ward {
                code: format!("E059{:05}", i + 1),
                name,
                population,
                imd_rank,
                growth,
            }
        })
        .collect()
}

/// Grid size of the invented map: GRID × GRID cells, one ward each.
const GRID: usize = 5;

/// A deterministic number in [-1, 1) from a key (used for edge wiggles, so
/// the two wards sharing an edge get exactly the same points).
fn keyed(key: u64) -> f64 {
    Rng(key ^ SEED).uniform() * 2.0 - 1.0
}

/// The grid's vertices, jittered (outer vertices only along the edge).
fn vertices() -> Vec<Vec<(f64, f64)>> {
    (0..=GRID)
        .map(|i| {
            (0..=GRID)
                .map(|j| {
                    let key = (i * 31 + j) as u64 * 7919;
                    let (mut x, mut y) = (i as f64, j as f64);
                    let inner_x = i > 0 && i < GRID;
                    let inner_y = j > 0 && j < GRID;
                    if inner_x {
                        x += 0.28 * keyed(key);
                    }
                    if inner_y {
                        y += 0.28 * keyed(key + 1);
                    }
                    (x, y)
                })
                .collect()
        })
        .collect()
}

/// Points along the edge from vertex `a` to vertex `b` (excluding `b`),
/// wiggled perpendicular to the edge by an amount keyed on the edge, so
/// walking it the other way gives the same points reversed.
fn edge(v: &[Vec<(f64, f64)>], a: (usize, usize), b: (usize, usize)) -> Vec<(f64, f64)> {
    let (lo, hi, flipped) = if a <= b { (a, b, false) } else { (b, a, true) };
    let p = v[lo.0][lo.1];
    let q = v[hi.0][hi.1];
    let key = ((lo.0 * 7 + lo.1) * 131 + hi.0 * 7 + hi.1) as u64 * 104_729;
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (nx, ny) = (-dy, dx);
    const STEPS: usize = 6;
    let mut pts: Vec<(f64, f64)> = (0..=STEPS)
        .map(|k| {
            let t = k as f64 / STEPS as f64;
            let bump = if k == 0 || k == STEPS {
                0.0
            } else {
                0.09 * keyed(key + k as u64) * (std::f64::consts::PI * t).sin()
            };
            (p.0 + dx * t + nx * bump, p.1 + dy * t + ny * bump)
        })
        .collect();
    if flipped {
        pts.reverse();
    }
    pts.pop();
    pts
}

/// The outline of grid cell (i, j), counter-clockwise, closed.
fn cell(v: &[Vec<(f64, f64)>], i: usize, j: usize) -> Vec<(f64, f64)> {
    let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
    let mut ring = Vec::new();
    for k in 0..4 {
        ring.extend(edge(v, corners[k], corners[(k + 1) % 4]));
    }
    if let Some(&first) = ring.first() {
        ring.push(first);
    }
    ring
}

/// Grid cells ordered from the centre outwards (ties by position), so the
/// most deprived wards sit in the middle of the invented town.
fn cells_centre_out() -> Vec<(usize, usize)> {
    let c = (GRID as f64 - 1.0) / 2.0;
    let mut cells: Vec<(usize, usize)> = (0..GRID)
        .flat_map(|i| (0..GRID).map(move |j| (i, j)))
        .collect();
    cells.sort_by(|a, b| {
        let da = (a.0 as f64 - c).powi(2) + (a.1 as f64 - c).powi(2);
        let db = (b.0 as f64 - c).powi(2) + (b.1 as f64 - c).powi(2);
        da.total_cmp(&db).then(a.cmp(b))
    });
    cells
}

/// GeoJSON for the wards: `cells[k]` is ward `k`'s grid cell.
fn boundaries(wards: &[Ward], cells: &[(usize, usize)]) -> String {
    let v = vertices();
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (k, (w, &(i, j))) in wards.iter().zip(cells).enumerate() {
        let ring: Vec<String> = cell(&v, i, j)
            .iter()
            // An invented place: a plain grid scaled to look like a town.
            .map(|&(x, y)| format!("[{:.5},{:.5}]", -1.45 + x * 0.036, 54.48 + y * 0.022))
            .collect();
        let _ = writeln!(
            out,
            "{{\"type\":\"Feature\",\"properties\":{{\"code\":\"{}\",\"name\":\"{}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[{}]]}}}}{}",
            w.code,
            w.name,
            ring.join(","),
            if k + 1 < wards.len() { "," } else { "" }
        );
    }
    out.push_str("]}\n");
    out
}

/// The other sources' series: (file, category, rate per 1,000 residents a
/// year, seasonality, yearly growth, first month index).
const OTHER_SERIES: [(&str, &str, f64, f64, f64, u32); 2] = [
    (
        "council-asb.csv",
        "Council-recorded ASB",
        9.0,
        0.25,
        1.45,
        6,
    ),
    ("fires.csv", "Deliberate fires", 1.6, 0.45, 0.95, 0),
];

/// Counts files of the other sources, by ward and month, from their own
/// seed (the police counts stay as they were).
fn other_sources(wards: &[Ward]) -> Vec<String> {
    let mut rng = Rng(SEED ^ 0x0C0F_F1CE);
    OTHER_SERIES
        .iter()
        .map(|&(_, category, rate, seasonal, growth, first)| {
            let mut out = String::from("month,area_code,category,count\n");
            for m in first..MONTHS {
                let month = month_label(m);
                let month_of_year = (FIRST.1 - 1 + m) % 12 + 1;
                let season =
                    (2.0 * std::f64::consts::PI * (f64::from(month_of_year) - 7.0) / 12.0).cos();
                let years = f64::from(m) / 12.0;
                for w in wards {
                    let gradient = 2.0 - 1.5 * f64::from(w.imd_rank) / 32_844.0;
                    let mean = rate * f64::from(w.population) / 1000.0 / 12.0
                        * gradient
                        * (1.0 + seasonal * season)
                        * growth.powf(years);
                    let n = rng.poisson(mean);
                    if n > 0 {
                        let _ = writeln!(out, "{month},{},{category},{n}", w.code);
                    }
                }
            }
            out
        })
        .collect()
}

/// The categories file: the other sources' series, none of them crime (the
/// council's placed under anti-social behaviour, kept apart as its own).
const CATEGORIES: &str = "category,group,is_crime\n\
Council-recorded ASB,Anti-social behaviour,no\n\
Deliberate fires,Deliberate fires,no\n";

/// Example targets (each a ceiling on the % change): the borough's, and
/// one ward's own.
fn targets(wards: &[Ward]) -> String {
    let town = wards
        .iter()
        .find(|w| w.name == "Town Centre")
        .map_or("", |w| &w.code);
    format!(
        "selection,target_pct_change,area_code\n\
         all-crime,5,\n\
         Burglary,4,\n\
         Violence and sexual offences,-3,\n\
         asb,3,\n\
         all-crime,-8,{town}\n"
    )
}

fn generate() -> Vec<(&'static str, String)> {
    let mut rng = Rng(SEED);
    let wards = wards(&mut rng);
    // Place wards on the map: Town Centre in the middle, then the others
    // from most to least deprived, centre outwards.
    let mut order: Vec<usize> = (0..wards.len()).collect();
    order.sort_by_key(|&k| (wards[k].name != "Town Centre", wards[k].imd_rank));
    let centre_out = cells_centre_out();
    let mut cells = vec![(0, 0); wards.len()];
    for (rank, &k) in order.iter().enumerate() {
        cells[k] = centre_out[rank];
    }
    let geojson = boundaries(&wards, &cells);
    let mut areas =
        String::from("area_code,area_name,parent_code,population,imd_rank,imd_decile\n");
    let total_pop: u32 = wards.iter().map(|w| w.population).sum();
    let _ = writeln!(areas, "{BOROUGH_CODE},{BOROUGH_NAME},,{total_pop},,");
    for w in &wards {
        let decile = (w.imd_rank - 1) * 10 / 32_844 + 1;
        let _ = writeln!(
            areas,
            "{},{},{BOROUGH_CODE},{},{},{decile}",
            w.code, w.name, w.population, w.imd_rank
        );
    }

    let mut counts = String::from("month,area_code,category,count\n");
    for m in 0..MONTHS {
        let month = month_label(m);
        let month_of_year = (FIRST.1 - 1 + m) % 12 + 1;
        let season = (2.0 * std::f64::consts::PI * (f64::from(month_of_year) - 7.0) / 12.0).cos();
        let years = f64::from(m) / 12.0;
        for w in &wards {
            // Most deprived (rank 1) ×2.0, least deprived ×0.5.
            let gradient = 2.0 - 1.5 * f64::from(w.imd_rank) / 32_844.0;
            for (category, rate, seasonal) in TYPES {
                let mut mean = rate * f64::from(w.population) / 1000.0 / 12.0;
                mean *= gradient * (1.0 + seasonal * season) * w.growth.powf(years);
                if w.name == "Town Centre"
                    && matches!(
                        category,
                        "Shoplifting" | "Theft from the person" | "Public order"
                    )
                {
                    mean *= 4.0;
                }
                let n = rng.poisson(mean);
                if n > 0 {
                    let _ = writeln!(counts, "{month},{},{category},{n}", w.code);
                }
            }
        }
        // A few rows police.uk could not place in any ward.
        for (category, mean) in [
            ("Violence and sexual offences", 6.0),
            ("Anti-social behaviour", 4.0),
            ("Other theft", 2.0),
        ] {
            let n = rng.poisson(mean);
            if n > 0 {
                let _ = writeln!(counts, "{month},,{category},{n}");
            }
        }
    }

    let manifest = format!(
        r#"{{
  "title": "{BOROUGH_NAME} (synthetic demo data)",
  "publisher": "Community Safety Explorer project",
  "synthetic": true,
  "licence": "Synthetic data, free to reuse (MIT)",
  "attribution": "Synthetic demo data generated by the Community Safety Explorer (examples/generate_demo.rs). It describes no real place.",
  "area_level": "ward",
  "whole_name": "{BOROUGH_NAME}",
  "population_year": 2021,
  "disclosure_threshold": null,
  "source": "Demo Police",
  "targets_note": "Example targets, invented to show how targets look: not any partnership's own.",
  "files": {{
    "counts": "counts.csv",
    "areas": "areas.csv",
    "categories": "categories.csv",
    "boundaries": "wards.geojson",
    "targets": "targets.csv",
    "other_sources": [
      {{"counts": "council-asb.csv", "source": "Demo Borough Council"}},
      {{"counts": "fires.csv", "source": "Demo Fire and Rescue Service"}}
    ]
  }},
  "caveats": [
    "These figures are invented for demonstration: the borough, its wards and every count are synthetic.",
    "Police recorded crime is not an accredited official statistic; police.uk street-level data are approximate in time and place.",
    "Anti-social behaviour is not crime: it is shown as its own series and excluded from all crime.",
    "The council's anti-social behaviour records and the fire service's deliberate fires are other organisations' series: each is shown on its own, never added to the police's figures or to crime.",
    "Rates use 2021 usual resident populations."
  ]
}}
"#
    );
    let others = other_sources(&wards);
    let mut files = vec![
        ("counts.csv", counts),
        ("areas.csv", areas),
        ("manifest.json", manifest),
        ("wards.geojson", geojson),
        ("categories.csv", CATEGORIES.to_string()),
        ("targets.csv", targets(&wards)),
    ];
    for ((name, ..), text) in OTHER_SERIES.iter().zip(others) {
        files.push((name, text));
    }
    files
}

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data/demo");
    let files = generate();
    let mut stale = Vec::new();
    for (name, text) in &files {
        let path = dir.join(name);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path.display().to_string());
            }
        } else {
            if let Err(e) = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, text))
            {
                eprintln!("generate_demo: cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
            println!("wrote {} ({} bytes)", path.display(), text.len());
        }
    }
    if !stale.is_empty() {
        eprintln!(
            "generate_demo: these files differ from what the generator makes: {}",
            stale.join(", ")
        );
        eprintln!("run `cargo run --example generate_demo` and commit the result");
        std::process::exit(1);
    }
    if check {
        println!("demo data matches its generator");
    }
}
