//! Generates a whole country for the national benchmark
//! (`scripts/build-national`, `scripts/bench-national`): synthetic counts
//! on real geography.
//!
//!     cargo run --release --example generate_national -- DATA_DIR OUT_DIR
//!         [--within CODE,…] [--whole-name NAME] [--whole-name-cy NAME]
//!
//! The geography is real: the areas file is written by `explorer-cli
//! areas` itself (run in-process) from the ONS files in `DATA_DIR/ons`:
//! every 2025 ward of England and Wales under its local authority
//! (`lsoa21_ward25_lad25_best_fit_lookup.csv`), with Census 2021 residents
//! (`lsoa21_population_census2021_ts007a.csv`) and IMD 2019 ranks (England
//! only; 2011 LSOAs bridged to 2021), and the Welsh names of Welsh wards and
//! authorities (the lookup's `WD25NMW`, `LAD25NMW`). `--within` keeps only
//! some authorities (a small version for tests). The manifest's texts are
//! in English and Welsh (the whole is "Cymru a Lloegr" unless
//! `--whole-name` names another without `--whole-name-cy`).
//!
//! The counts are invented, and the manifest says so (`"synthetic":
//! true`): for each ward, month (36, Dec 2022 to Nov 2025) and police.uk
//! crime type, a Poisson draw whose mean is the ward's residents × a
//! national rate for the type, raised in deprived wards, varied by ward,
//! by season and by a drift over the years; a few not allocated to any
//! ward. Deterministic (the examples' fixed-seed generator): the same
//! inputs give the same files. The counts file is written by the
//! explorer's own writer (`write_counts_csv`), as `prepare` writes it.

use std::path::Path;

use cse::data::areas::read_areas_bytes;
use cse::data::counts_write::write_counts_csv;
use cse::data::explorer_data::leaf_codes;
use cse::data::manifest::Text;
use cse::data::{Area, Categories, Cube, CubeBuilder, Manifest, Month};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const SEED: u64 = 0x0E57_A7E5_CA1E;
/// The first of the 36 months.
const FIRST: (u32, u32) = (2022, 12);
const MONTHS: i64 = 36;

/// Offences (or incidents) a year per 1,000 residents, roughly police.uk's
/// across England and Wales, and a drift a year (e.g. 0.08: +8% a year).
const RATES: [(&str, f64, f64); 14] = [
    ("Anti-social behaviour", 17.0, -0.08),
    ("Bicycle theft", 1.2, -0.03),
    ("Burglary", 4.5, -0.05),
    ("Criminal damage and arson", 8.5, -0.02),
    ("Drugs", 3.2, 0.04),
    ("Other crime", 2.2, 0.02),
    ("Other theft", 6.5, -0.01),
    ("Possession of weapons", 0.9, 0.03),
    ("Public order", 7.5, 0.0),
    ("Robbery", 1.3, 0.02),
    ("Shoplifting", 8.0, 0.15),
    ("Theft from the person", 2.0, 0.06),
    ("Vehicle crime", 6.0, -0.04),
    ("Violence and sexual offences", 35.0, 0.01),
];

/// The ONS files read, under the data folder.
const LOOKUP: &str = "ons/lsoa21_ward25_lad25_best_fit_lookup.csv";
const BRIDGE: &str = "ons/lsoa11_to_lsoa21_best_fit_lookup.csv";
const POPULATION: &str = "ons/lsoa21_population_census2021_ts007a.csv";
const DEPRIVATION: &str = "ons/imd2019_by_lsoa11.csv";

struct Args {
    data: String,
    out: String,
    within: Option<String>,
    whole_name: String,
    whole_name_cy: Option<String>,
}

fn args() -> Result<Args, String> {
    let usage = "usage: generate_national DATA_DIR OUT_DIR [--within CODE,…] [--whole-name NAME] [--whole-name-cy NAME]";
    let mut rest = std::env::args().skip(1);
    let (Some(data), Some(out)) = (rest.next(), rest.next()) else {
        return Err(usage.to_string());
    };
    let mut args = Args {
        data,
        out,
        within: None,
        whole_name: "England and Wales".to_string(),
        whole_name_cy: Some("Cymru a Lloegr".to_string()),
    };
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or(usage)?;
        match flag.as_str() {
            "--within" => args.within = Some(value),
            "--whole-name" => {
                args.whole_name = value;
                args.whole_name_cy = None;
            }
            "--whole-name-cy" => args.whole_name_cy = Some(value),
            _ => return Err(format!("{flag}: unknown option; {usage}")),
        }
    }
    Ok(args)
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate_national: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let input = |file: &str| -> Result<String, String> {
        let path = Path::new(&args.data).join(file);
        if path.is_file() {
            Ok(path.display().to_string())
        } else {
            Err(format!(
                "{} is missing: the national dataset is built from the ONS files described in ../shared/data/README.md",
                path.display()
            ))
        }
    };
    let (lookup, bridge) = (input(LOOKUP)?, input(BRIDGE)?);
    let (population, deprivation) = (input(POPULATION)?, input(DEPRIVATION)?);
    std::fs::create_dir_all(&args.out)?;
    let out = |name: &str| Path::new(&args.out).join(name).display().to_string();

    // The areas file: `explorer-cli areas`, run as the CLI runs it.
    let mut areas_args = vec![
        "areas",
        "--lookup",
        &bridge,
        "--lookup",
        &lookup,
        "--population",
        &population,
        "--deprivation",
        &deprivation,
        "--level",
        "ward",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    if let Some(w) = &args.within {
        areas_args.extend(["--within".to_string(), w.clone()]);
    }
    areas_args.extend(["--out".to_string(), out("areas.csv")]);
    cse::cli::run(areas_args).map_err(|e| e.to_string())?;

    let areas_file = out("areas.csv");
    let (areas, _) = read_areas_bytes(&areas_file, &std::fs::read(&areas_file)?)?;
    let cube = counts(&areas)?;
    std::fs::write(out("counts.csv"), write_counts_csv(&cube, true))?;
    std::fs::write(
        out("manifest.json"),
        manifest(&args.whole_name, args.whole_name_cy.as_deref())?.to_json(),
    )?;
    println!(
        "wrote {}: {} wards, {} months, {} crime types (counts synthetic, geography real)",
        args.out,
        cube.areas().len(),
        cube.month_count(),
        cube.categories().len()
    );
    Ok(())
}

/// The invented counts of every ward (the areas file's leaves).
fn counts(areas: &[Area]) -> Result<Cube, String> {
    let categories = Categories::default();
    let names: Vec<&str> = categories.iter().map(|c| c.name.as_str()).collect();
    let wards = leaf_codes(areas);
    let mut builder = CubeBuilder::new()
        .with_categories(names.iter().copied())
        .with_areas(wards.iter().copied());
    let first = Month::new(FIRST.0, FIRST.1).ok_or("the first month")?;
    let mut rng = Rng(SEED);
    // The expected counts not placed in a ward: 1% of each month's.
    let mut unplaced = vec![[0.0f64; 14]; MONTHS as usize];
    for area in areas
        .iter()
        .filter(|a| wards.binary_search(&a.code.as_str()).is_ok())
    {
        let residents = f64::from(area.population.unwrap_or(0));
        let level = ward_level(&mut rng, area.imd_decile);
        let drift = (rng.uniform() - 0.5) * 0.3;
        for m in 0..MONTHS {
            let month = first.offset(m).ok_or("a month")?;
            let season = 1.0
                + 0.08
                    * ((f64::from(month.month_of_year()) - 7.0) * 30.0)
                        .to_radians()
                        .cos();
            let years = m as f64 / 12.0;
            for (c, &(name, rate, trend)) in RATES.iter().enumerate() {
                let yearly = (1.0 + trend + drift).max(0.5).powf(years);
                let mean = residents / 1000.0 * rate / 12.0 * level * season * yearly;
                unplaced[m as usize][c] += mean * 0.01;
                let n = poisson(&mut rng, mean);
                if n > 0 {
                    builder.add(Some(area.code.as_str()), month, name, n);
                }
            }
        }
    }
    for (m, means) in unplaced.iter().enumerate() {
        let month = first.offset(m as i64).ok_or("a month")?;
        for (&(name, _, _), &mean) in RATES.iter().zip(means) {
            builder.add(None, month, name, poisson(&mut rng, mean));
        }
    }
    builder.build().map_err(|e| e.to_string())
}

/// A ward's level against the nation's: higher where it is more deprived
/// (decile 1: 2.2 times decile 10's 0.85; 1.3 without a rank, as in
/// Wales), times a spread of its own (log-normal, σ ≈ 0.4).
fn ward_level(rng: &mut Rng, decile: Option<u8>) -> f64 {
    let deprivation = decile.map_or(1.3, |d| 2.2 - 0.15 * f64::from(d.saturating_sub(1)));
    let z = (0..4).map(|_| rng.uniform()).sum::<f64>() - 2.0; // ≈ N(0, 1/3)
    deprivation * (0.4 * z * 3f64.sqrt()).exp()
}

/// A Poisson draw of mean `mean`: by multiplying uniforms below 50, else
/// the normal approximation (rounded, at least 0).
fn poisson(rng: &mut Rng, mean: f64) -> u64 {
    if mean < 50.0 {
        let floor = (-mean).exp();
        let (mut k, mut p) = (0, rng.uniform());
        while p > floor {
            k += 1;
            p *= rng.uniform();
        }
        k
    } else {
        let z = (0..12).map(|_| rng.uniform()).sum::<f64>() - 6.0; // ≈ N(0, 1)
        (mean + mean.sqrt() * z).round().max(0.0) as u64
    }
}

/// The manifest: synthetic counts, real geography, and where each is from,
/// in English and Welsh.
fn manifest(whole_name: &str, whole_name_cy: Option<&str>) -> Result<Manifest, String> {
    let mut m = Manifest::parse(
        "manifest.json",
        r#"{"title": "", "files": {"counts": "counts.csv", "areas": "areas.csv"}}"#,
    )
    .map_err(|e| e.to_string())?;
    m.title = format!("{whole_name} (synthetic counts on real geography)");
    m.publisher = "Community Safety Explorer project (examples/generate_national.rs)".to_string();
    m.synthetic = true;
    m.licence = "Synthetic counts, free to reuse; ONS data under the Open Government Licence v3.0"
        .to_string();
    m.attribution = "Counts invented by the Community Safety Explorer's generator. Contains \
                     Office for National Statistics data licensed under the Open Government \
                     Licence v3.0."
        .to_string();
    m.area_level = "ward".to_string();
    m.whole_name = whole_name.to_string();
    m.population_year = Some(2021);
    m.caveats = vec![
        "Every count here is invented (synthetic), to show the explorer at the scale of a whole country: no crime figure describes a real place.".to_string(),
        "The geography is real: the 2025 electoral wards and local authorities of England and Wales (ONS best-fit LSOA lookup), their 2021 Census residents and, in England, the Index of Multiple Deprivation 2019.".to_string(),
        "There are no ward boundaries in this dataset, so there is no map.".to_string(),
    ];
    // In Welsh (needs review by a Welsh speaker: README, "Welsh in the data").
    let whole_cy = whole_name_cy.unwrap_or(whole_name);
    for (text, welsh) in [
        (
            Text::Title,
            format!("{whole_cy} (cyfrifon synthetig ar ddaearyddiaeth go iawn)"),
        ),
        (
            Text::Publisher,
            "Prosiect yr Archwiliwr Diogelwch Cymunedol (examples/generate_national.rs)".to_string(),
        ),
        (
            Text::Licence,
            "Cyfrifon synthetig, am ddim i'w hailddefnyddio; data'r SYG o dan y Drwydded Llywodraeth Agored v3.0"
                .to_string(),
        ),
        (
            Text::Attribution,
            "Cyfrifon wedi'u dyfeisio gan generadur yr Archwiliwr Diogelwch Cymunedol. Yn cynnwys \
             data'r Swyddfa Ystadegau Gwladol wedi'u trwyddedu o dan y Drwydded Llywodraeth \
             Agored v3.0."
                .to_string(),
        ),
    ] {
        m.welsh.set(text, Some(welsh));
    }
    m.welsh
        .set(Text::WholeName, whole_name_cy.map(str::to_string));
    m.welsh.caveats = vec![
        "Mae pob cyfrif yma wedi'i ddyfeisio (synthetig), i ddangos yr archwiliwr ar raddfa gwlad gyfan: nid yw'r un ffigur troseddu yn disgrifio lle go iawn.".to_string(),
        "Mae'r ddaearyddiaeth yn go iawn: wardiau etholiadol ac awdurdodau lleol 2025 Cymru a Lloegr (tabl chwilio LSOA ffit orau'r SYG), eu preswylwyr yng Nghyfrifiad 2021 ac, yn Lloegr, Mynegai Amddifadedd Lluosog 2019.".to_string(),
        "Nid oes ffiniau wardiau yn y set ddata hon, felly nid oes map.".to_string(),
    ];
    Ok(m)
}
