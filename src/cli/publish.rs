//! `publish`: a whole dataset folder from the open files in one command,
//! as a publisher puts it on a web server: the counts and their report
//! (what `prepare` writes), the areas (`areas`), the boundaries
//! (`boundaries`) and the manifest. Each step is the command of that name
//! run with these options, so a folder built step by step is the same.

use crate::data::manifest::{is_date, Manifest, ManifestFiles, Text, WelshTexts};

use super::{failed, run, CliError, Outcome};

/// What `publish --help` says before the options.
pub const LONG_ABOUT: &str = "Writes a dataset folder the explorer opens (?dataset=NAME \
when it is public/data/NAME): counts.csv and report.json from police.uk street files \
(as prepare), areas.csv with populations and deprivation (as areas), the boundaries \
(as boundaries, when given) and manifest.json. Put the folder under public/data/, \
list it in public/data/index.json, build, and upload dist/.";

/// `publish`'s arguments.
#[derive(clap::Args, Debug)]
pub struct PublishArgs {
    /// Folders or files of police.uk street CSVs (or the zips police.uk
    /// delivers); folders are searched for *-street.csv and *.zip
    #[arg(long, value_name = "PATH", required = true)]
    pub police: Vec<String>,
    /// ONS LSOA lookups, as prepare takes them: bridges (LSOA 2011 →
    /// 2021) first, the LSOA → ward → local authority lookup last
    #[arg(long, value_name = "FILE", required = true)]
    pub lookup: Vec<String>,
    /// The level the dataset counts by (ward, lsoa, msoa, district)
    #[arg(long, value_name = "LEVEL", default_value = "ward")]
    pub level: String,
    /// The area the dataset covers (e.g. E06000004), or several (repeated
    /// or comma-separated: the boroughs of a force area)
    #[arg(long, value_name = "CODE", value_delimiter = ',', required = true)]
    pub within: Vec<String>,
    /// Residents by LSOA (e.g. Census 2021 TS007A), for rates
    #[arg(long, value_name = "FILE")]
    pub population: String,
    /// The year of those residents' figures
    #[arg(long, value_name = "YEAR")]
    pub population_year: Option<u32>,
    /// Deprivation ranks by LSOA (e.g. IMD 2019)
    #[arg(long, value_name = "FILE")]
    pub deprivation: Option<String>,
    /// Boundaries of the dataset's areas (an ONS GeoJSON)
    #[arg(long, value_name = "FILE")]
    pub boundaries: Option<String>,
    /// The boundaries' code property (default: found, e.g. WD25CD)
    #[arg(long, value_name = "P", requires = "boundaries")]
    pub code_property: Option<String>,
    /// The boundaries' name property (e.g. WD25NM)
    #[arg(long, value_name = "P", requires = "code_property")]
    pub name_property: Option<String>,
    /// The dataset's title, shown on every page
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// The name of the whole (default: the one --within area's name in
    /// the lookup; needed with several)
    #[arg(long, value_name = "TEXT")]
    pub whole_name: Option<String>,
    /// Who publishes it
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub publisher: String,
    /// A caveat shown on every page (repeat for more)
    #[arg(long = "caveat", value_name = "TEXT")]
    pub caveats: Vec<String>,
    /// The counts are invented (a test fixture, a demonstration): the
    /// manifest says so ("synthetic": true) and every page shows it
    #[arg(long)]
    pub synthetic: bool,
    /// The day it is published, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Who recorded the police files' counts, shown beside other sources
    /// (e.g. "Cleveland Police")
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Targets (selection,target_pct_change[,area_code], e.g.
    /// all-crime,-5), copied as targets.csv once checked
    #[arg(long, value_name = "FILE")]
    pub targets: Option<String>,
    /// What the targets are, shown with them (e.g. that they are examples)
    #[arg(long, value_name = "TEXT", requires = "targets")]
    pub targets_note: Option<String>,
    /// The title in Welsh (shown under ?lang=cy); with it, the licence and
    /// attribution this command writes are given in Welsh too
    #[arg(long, value_name = "TEXT")]
    pub title_cy: Option<String>,
    /// The name of the whole in Welsh (default: the one --within area's
    /// Welsh name in the lookup, when it has one)
    #[arg(long, value_name = "TEXT")]
    pub whole_name_cy: Option<String>,
    /// Who publishes it, in Welsh
    #[arg(long, value_name = "TEXT")]
    pub publisher_cy: Option<String>,
    /// Each caveat in Welsh, in the order of the --caveat options (one for
    /// each, when given)
    #[arg(long = "caveat-cy", value_name = "TEXT")]
    pub caveats_cy: Vec<String>,
    /// Who recorded the police files' counts, in Welsh
    #[arg(long, value_name = "TEXT", requires = "source")]
    pub source_cy: Option<String>,
    /// The targets' note in Welsh
    #[arg(long, value_name = "TEXT", requires = "targets_note")]
    pub targets_note_cy: Option<String>,
    /// The folder to write (made when missing)
    #[arg(long, value_name = "DIR")]
    pub out: String,
}

/// Runs `publish`: prepare, areas, boundaries, then the manifest.
pub fn run_publish(args: &PublishArgs) -> Result<Outcome, CliError> {
    check_caveats_cy(args)?;
    let out = args.out.trim_end_matches('/');
    std::fs::create_dir_all(out).map_err(|e| failed(format!("{out}: cannot make it: {e}")))?;
    let within = args.within.join(",");
    let lookups: Vec<String> = args
        .lookup
        .iter()
        .flat_map(|l| ["--lookup".to_string(), l.clone()])
        .collect();
    let file = |name: &str| format!("{out}/{name}");

    let mut prepare: Vec<String> = vec!["prepare".into()];
    prepare.extend(lookups.iter().cloned());
    prepare.extend(["--level", &args.level, "--within", &within].map(String::from));
    prepare.extend([
        "--report".into(),
        file("report.json"),
        "--out".into(),
        file("counts.csv"),
    ]);
    prepare.extend(args.police.iter().cloned());
    let outcome = run(prepare)?;

    let mut areas: Vec<String> = vec!["areas".into()];
    areas.extend(lookups.iter().cloned());
    areas.extend(["--population", &args.population].map(String::from));
    if let Some(d) = &args.deprivation {
        areas.extend(["--deprivation".to_string(), d.clone()]);
    }
    areas.extend(["--level", &args.level, "--within", &within].map(String::from));
    areas.extend(["--out".into(), file("areas.csv")]);
    run(areas)?;

    let boundaries_file = format!("{}s.geojson", args.level);
    if let Some(input) = &args.boundaries {
        let mut b: Vec<String> = vec!["boundaries".into(), "--in".into(), input.clone()];
        if let Some(p) = &args.code_property {
            b.extend(["--code-property".to_string(), p.clone()]);
        }
        if let Some(p) = &args.name_property {
            b.extend(["--name-property".to_string(), p.clone()]);
        }
        if let Some(last) = args.lookup.last() {
            b.extend(["--lookup".to_string(), last.clone()]);
        }
        b.extend(["--within".to_string(), within.clone()]);
        b.extend(["--out".into(), file(&boundaries_file)]);
        run(b)?;
    }

    if let Some(input) = &args.targets {
        copy_targets(input, &file("targets.csv"), &file("areas.csv"))?;
    }
    let manifest = manifest(args, boundaries_file)?;
    let path = file("manifest.json");
    std::fs::write(&path, manifest.to_json())
        .map_err(|e| failed(format!("{path}: cannot write: {e}")))?;
    eprintln!(
        "wrote {out}: counts.csv, report.json, areas.csv, manifest.json{}",
        {
            if args.boundaries.is_some() {
                ", boundaries"
            } else {
                ""
            }
        }
    );
    Ok(outcome)
}

/// The manifest: what the options say, the licence and attribution of the
/// open data it is built from, and the files written.
fn manifest(args: &PublishArgs, boundaries_file: String) -> Result<Manifest, CliError> {
    let (whole_name, whole_name_cy) = match (&args.whole_name, args.within.as_slice()) {
        (Some(name), _) => (name.clone(), args.whole_name_cy.clone()),
        (None, [code]) => {
            let (name, cy) = area_names(args, code)?;
            (name, args.whole_name_cy.clone().or(cy))
        }
        (None, _) => {
            return Err(failed(
                "--whole-name is needed with several --within areas (e.g. \"Cleveland\")",
            ))
        }
    };
    let mut attribution = String::from(if args.synthetic {
        "Counts invented (synthetic) in police.uk's format. Contains Office for National \
         Statistics data licensed under the Open Government Licence v3.0."
    } else {
        "Contains police.uk data and Office for National Statistics data licensed under the \
         Open Government Licence v3.0."
    });
    if args.boundaries.is_some() {
        attribution.push_str(" Contains OS data © Crown copyright and database right.");
    }
    if let Some(t) = args.published.as_deref().filter(|t| !is_date(t)) {
        return Err(failed(format!(
            "--published {t}: expected a date written like 2025-12-18"
        )));
    }
    let mut welsh = welsh(args)?;
    welsh.set(Text::WholeName, whole_name_cy);
    Ok(Manifest {
        title: args.title.clone(),
        publisher: args.publisher.clone(),
        synthetic: args.synthetic,
        licence: "Open Government Licence v3.0".to_string(),
        attribution,
        area_level: args.level.clone(),
        parent_level: None,
        whole_name,
        population_year: args.population_year,
        disclosure_threshold: None,
        published: args.published.clone(),
        source: args.source.clone(),
        targets_note: args.targets_note.clone(),
        default_period: None,
        files: ManifestFiles {
            counts: "counts.csv".to_string(),
            areas: Some("areas.csv".to_string()),
            categories: None,
            boundaries: args.boundaries.as_ref().map(|_| boundaries_file),
            targets: args.targets.as_ref().map(|_| "targets.csv".to_string()),
            other_sources: Vec::new(),
        },
        caveats: args.caveats.clone(),
        welsh,
    })
}

/// The manifest's Welsh texts that the options give (all but the whole's
/// name); with a Welsh title, the licence and attribution this command
/// writes.
fn welsh(args: &PublishArgs) -> Result<WelshTexts, CliError> {
    check_caveats_cy(args)?;
    let (licence, attribution) = match args.title_cy {
        Some(_) => {
            let mut attribution = String::from(if args.synthetic {
                "Cyfrifon wedi'u dyfeisio (synthetig) yn fformat police.uk. Yn cynnwys data'r \
                 Swyddfa Ystadegau Gwladol wedi'u trwyddedu o dan y Drwydded Llywodraeth Agored \
                 v3.0."
            } else {
                "Yn cynnwys data police.uk a data'r Swyddfa Ystadegau Gwladol wedi'u trwyddedu o \
                 dan y Drwydded Llywodraeth Agored v3.0."
            });
            if args.boundaries.is_some() {
                attribution.push_str(
                    " Yn cynnwys data'r Arolwg Ordnans © Hawlfraint y Goron a hawl cronfa ddata.",
                );
            }
            (
                Some("Trwydded Llywodraeth Agored v3.0".to_string()),
                Some(attribution),
            )
        }
        None => (None, None),
    };
    let mut welsh = WelshTexts::default();
    welsh.caveats = args.caveats_cy.clone();
    for (text, given) in [
        (Text::Title, args.title_cy.clone()),
        (Text::Publisher, args.publisher_cy.clone()),
        (Text::Licence, licence),
        (Text::Attribution, attribution),
        (Text::Source, args.source_cy.clone()),
        (Text::TargetsNote, args.targets_note_cy.clone()),
    ] {
        welsh.set(text, given);
    }
    Ok(welsh)
}

/// Welsh caveats, when given, translate each caveat: as many as there are.
fn check_caveats_cy(args: &PublishArgs) -> Result<(), CliError> {
    let (cy, en) = (args.caveats_cy.len(), args.caveats.len());
    if cy > 0 && cy != en {
        return Err(failed(format!(
            "--caveat-cy is given {cy} times and --caveat {en}: give one Welsh caveat for each caveat, in the same order"
        )));
    }
    Ok(())
}

/// Copies the targets file `input` to `to` once every row reads (against
/// police.uk's categories and the areas file written, `areas`), else fails
/// naming the first bad row.
fn copy_targets(input: &str, to: &str, areas: &str) -> Result<(), CliError> {
    let shown = super::inputs::shown_path(std::path::Path::new(input));
    let bytes = std::fs::read(input).map_err(|e| failed(format!("{shown}: cannot read: {e}")))?;
    let areas = std::fs::read(areas).map_err(|e| failed(format!("{areas}: cannot read: {e}")))?;
    let (areas, _) = crate::data::areas::read_areas_bytes("areas.csv", &areas)
        .map_err(|e| failed(e.to_string()))?;
    let known = |code: &str| areas.iter().any(|a| a.code.as_str() == code);
    let categories = crate::data::Categories::default();
    let (_, report) =
        crate::analysis::targets::read_targets(&shown, bytes.as_slice(), &categories, known)
            .map_err(|e| failed(e.to_string()))?;
    if let Some(r) = report.rejections.first() {
        return Err(failed(format!("{}: line {}: {}", r.file, r.line, r.reason)));
    }
    std::fs::write(to, &bytes).map_err(|e| failed(format!("{to}: cannot write: {e}")))
}

/// The name the last lookup gives `code`, and its Welsh name when it has
/// one.
fn area_names(args: &PublishArgs, code: &str) -> Result<(String, Option<String>), CliError> {
    let lookups = super::inputs::read_lookups(&args.lookup)?;
    let last = lookups.last();
    let name = last.and_then(|l| l.name(code)).ok_or_else(|| {
        failed(format!(
            "{code} has no name in the lookup: give --whole-name"
        ))
    })?;
    let cy = last.and_then(|l| l.name_cy(code));
    Ok((name.to_string(), cy.map(str::to_string)))
}

#[cfg(test)]
mod tests {
    use crate::cli::testing::command;

    #[test]
    fn welsh_caveats_are_one_for_each_caveat_before_anything_is_done() {
        let out = std::env::temp_dir().join(format!("cse-publish-cy-{}", std::process::id()));
        let out = out.to_str().unwrap();
        let mut args = vec![
            "--police",
            "p",
            "--lookup",
            "l",
            "--within",
            "W06000024",
            "--population",
            "p.csv",
            "--title",
            "T",
            "--out",
            out,
            "--caveat",
            "One.",
        ];
        args.extend(["--caveat-cy", "Un.", "--caveat-cy", "Dau."]);
        let e = command("publish", &args).unwrap_err().to_string();
        assert!(
            e.contains("--caveat-cy is given 2 times and --caveat 1"),
            "{e}"
        );
        assert!(!std::path::Path::new(out).exists(), "nothing written");
    }
}
