//! `explorer-cli wide`: wide tables (one row per area and offence class,
//! one column per month, as the Metropolitan Police publish theirs) →
//! a dataset folder. The files are read through the Load data page's own
//! engine ([`LoadSession`]), so the folder holds exactly what the page
//! offers to keep from the same files: every input is recognised by its
//! content (wide tables, ONS lookups, populations, deprivation ranks, an
//! areas file, boundaries), none by its name or an option.

use super::file_source::{FileSource, OpenFile};
use super::inputs::{print_rejections, shown_path};
use super::prepare_report::{outcome, print_files};
use super::{failed, CliError, Outcome};
use crate::data::manifest::Text;
use crate::data::recognise::FileKind;
use crate::data::session::{LoadSession, Loaded, SessionError};

/// `wide`'s arguments.
#[derive(clap::Args, Debug)]
pub struct WideArgs {
    /// Wide tables (e.g. the Met's ward table: MajorText, MinorText,
    /// WardName, WardCode, LookUp_BoroughName, 202112, 202201…), and any
    /// of: an ONS LSOA → ward → local authority lookup (places each area
    /// by its code; bridges too), residents by LSOA and deprivation ranks
    /// by LSOA (for rates and deprivation by ward and borough), an areas
    /// file, boundaries
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
    /// The dataset folder to write: manifest.json, counts.csv,
    /// categories.csv, areas.csv (and boundaries.geojson when given)
    #[arg(long, value_name = "DIR")]
    pub out: String,
    /// The dataset's title, shown on every page
    #[arg(long, value_name = "TEXT", default_value = "Your files")]
    pub title: String,
    /// The name of the whole (e.g. London)
    #[arg(long, value_name = "TEXT")]
    pub whole_name: Option<String>,
    /// What the local authorities are called, where not districts (e.g.
    /// borough): the pages say "boroughs ranked by rate" (found by itself
    /// when the parents' column says borough, e.g. LookUp_BoroughName)
    #[arg(long, value_name = "NOUN")]
    pub parent_level: Option<String>,
    /// Who publishes it
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub publisher: String,
    /// Whose data it is, before the ONS's (e.g. "Contains Metropolitan
    /// Police Service data licensed under the Open Government Licence v3.0.")
    #[arg(long, value_name = "TEXT")]
    pub attribution: Option<String>,
    /// The year of the residents' figures
    #[arg(long, value_name = "YEAR")]
    pub population_year: Option<u32>,
    /// The day it is published, YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// A caveat shown on every page, before those of the load (repeat for
    /// more)
    #[arg(long = "caveat", value_name = "TEXT")]
    pub caveats: Vec<String>,
}

/// The start of `wide --help`.
pub const LONG_ABOUT: &str = "Reads wide tables (one column per month) into a dataset folder, \
as the Load data page reads them.";

/// The end of `wide --help`.
pub const AFTER_HELP: &str = "Month columns may be headed 202311, 2023-11, 2023/11, Nov-23,
Nov 2023 or 2023 Nov; the area by WardCode/WardName, LSOA Code, Borough,
LookUp_BoroughName…; offence classes by MajorText (the group) and MinorText
(the class), or one column. Classes are the file's own, compared without
regard to case and written as first spelt.

Every month cell is counted, or rejected with file, line, column and what
was found (a blank cell is not 0); the report is in cells and adds up.
With a lookup each area's code places it in its local authority and the
parent's name in the file is checked; a parent that is not a local
authority (the Met's Aviation Security (SO18)) is kept as an area of its
own under the whole, and said. Without one, the parents' names are the
parent areas.

Exit status: 0 done; 3 the folder was written but cells were rejected or
files set aside; 2 error, nothing written (no wide table among the inputs).";

/// Runs `wide`.
pub fn run(args: &WideArgs) -> Result<Outcome, CliError> {
    let mut session = LoadSession::new();
    let open = OpenFile::default();
    for (id, input) in args.inputs.iter().enumerate() {
        let path = std::path::Path::new(input);
        let name = shown_path(path);
        match FileSource::new(path, id, &open) {
            Ok(source) => session.add(&name, source),
            Err(message) => session.add_unreadable(&name, message.into()),
        };
    }
    let wide = session
        .files()
        .iter()
        .any(|f| matches!(f.kind, FileKind::Wide(_)));
    if !wide {
        print_files(&session.files());
        return Err(failed(
            "none of the inputs is a wide table (see above); nothing written",
        ));
    }
    session.start(None, None).map_err(|e| match e {
        SessionError::NoData => failed("none of the inputs is a wide table; nothing written"),
        e => failed(e.to_string()),
    })?;
    let mut loaded = session.finish().map_err(|e| failed(e.to_string()))?;
    let files: Vec<_> = loaded.files.iter().collect();
    print_files(&files);
    describe(args, &mut loaded);
    let folder = loaded.dataset_files();
    std::fs::create_dir_all(&args.out)
        .map_err(|e| failed(format!("{}: cannot make the folder: {e}", args.out)))?;
    for (name, text) in folder.files() {
        let path = std::path::Path::new(&args.out).join(name);
        std::fs::write(&path, text)
            .map_err(|e| failed(format!("{}: cannot write: {e}", path.display())))?;
    }
    print_report(&loaded, &args.out);
    Ok(outcome(&loaded))
}

/// The manifest's texts from the options.
fn describe(args: &WideArgs, loaded: &mut Loaded) {
    let m = &mut loaded.data.manifest;
    // The publisher's own texts replace the load's generic ones ("Your
    // files"), whose Welsh would otherwise stay; with no Welsh given here,
    // a Welsh page shows the publisher's English.
    m.title = args.title.clone();
    m.welsh.set(Text::Title, None);
    m.publisher = args.publisher.clone();
    if let Some(name) = &args.whole_name {
        m.whole_name = name.clone();
        m.welsh.set(Text::WholeName, None);
    }
    if let Some(a) = &args.attribution {
        m.welsh.set(Text::Attribution, None);
        m.attribution = format!("{a} {}", m.attribution).trim().to_string();
        if m.licence.is_empty() {
            m.licence = "Open Government Licence v3.0".to_string();
        }
    }
    if args.parent_level.is_some() {
        m.parent_level = args.parent_level.clone();
    }
    m.population_year = args.population_year;
    m.published = args.published.clone();
    if !args.caveats.is_empty() {
        m.welsh.caveats.clear();
    }
    let mut caveats = args.caveats.clone();
    caveats.append(&mut m.caveats);
    m.caveats = caveats;
}

/// Prints what became of every cell, the load's notes and the months.
fn print_report(loaded: &Loaded, out: &str) {
    let r = &loaded.report;
    let ds = &loaded.data.dataset;
    eprintln!("read {} month cells", r.rows_read);
    eprintln!(
        "  counted       {:>10}  (in {} {} areas, {} offence classes)",
        r.accepted,
        ds.cube.areas().len(),
        loaded.level.name(),
        ds.categories.len()
    );
    eprintln!(
        "  not allocated {:>10}  (a row with no area)",
        r.not_allocated
    );
    eprintln!("  rejected      {:>10}", r.rejected);
    let sum = r.accepted + r.not_allocated + r.rejected;
    let check = if r.adds_up() { "" } else { "  MISMATCH" };
    eprintln!("  check: {sum} = cells read {}{check}", r.rows_read);
    print_rejections(r);
    for caveat in &loaded.data.manifest.caveats {
        eprintln!("note: {caveat}");
    }
    eprintln!("wrote {out}");
}

#[cfg(test)]
mod tests {
    use crate::cli::testing::command;
    use crate::cli::{CliError, Outcome};

    #[test]
    fn a_small_table_gives_a_folder_and_a_bad_cell_is_named() {
        let dir = std::env::temp_dir().join(format!("cse-wide-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let table = dir.join("any-name.txt");
        std::fs::write(
            &table,
            "WardCode,WardName,Borough,MajorText,MinorText,Nov-23,Dec-23\n\
             E05000001,North,Barnet,Theft,Shoplifting,3,x\n\
             E05000002,South,Barnet,THEFT,SHOPLIFTING,4,5\n",
        )
        .unwrap();
        let out = dir.join("out");
        let args = [table.to_str().unwrap(), "--out", out.to_str().unwrap()];
        assert_eq!(command("wide", &args).unwrap(), Outcome::Incomplete);
        let counts = std::fs::read_to_string(out.join("counts.csv")).unwrap();
        assert_eq!(
            counts,
            "month,area_code,category,count\n\
             2023-11,E05000001,Shoplifting,3\n\
             2023-11,E05000002,Shoplifting,4\n\
             2023-12,E05000002,Shoplifting,5\n"
        );
        let categories = std::fs::read_to_string(out.join("categories.csv")).unwrap();
        assert!(categories.contains("Shoplifting,Theft,yes"), "{categories}");
        let areas = std::fs::read_to_string(out.join("areas.csv")).unwrap();
        assert!(areas.contains("E05000001,North,Barnet"), "{areas}");
        // Not a wide table: an error, nothing written.
        let other = dir.join("o.csv");
        std::fs::write(&other, "month,area_code,category,count\n").unwrap();
        let args = [other.to_str().unwrap(), "--out", out.to_str().unwrap()];
        let e = command("wide", &args).unwrap_err();
        assert!(matches!(e, CliError::Failed(_)), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
