//! Options several commands share, as clap reads them: the data the
//! analysis commands load, the two periods, the level of areas, the output;
//! and the parsers of their values (levels, presets, periods).

use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::analysis::{AreaLevel, Period, Preset};
use crate::data::lookup::{Level, LEVELS};

/// The data `compare`, `rank` and `findings` load.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Data")]
pub struct DataArgs {
    /// The counts file (month,area_code,category,count)
    #[arg(long, value_name = "FILE")]
    pub counts: String,
    /// The areas file (names, parents, populations, deprivation)
    #[arg(long, value_name = "FILE")]
    pub areas: Option<String>,
    /// An ONS LSOA lookup, for the hierarchy of areas
    #[arg(long, value_name = "FILE")]
    pub lookup: Option<String>,
    /// Residents by area (Census 2021 TS007A or the 2011 table), for rates
    #[arg(long, value_name = "FILE")]
    pub population: Option<String>,
    /// category,group[,is_crime][,source]: the crime types and their groups
    #[arg(long, value_name = "FILE")]
    pub categories: Option<String>,
    /// A dataset's manifest.json, for its disclosure threshold
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<String>,
    /// Suppress counts 1..N-1 as [c] (default: the manifest's)
    #[arg(long, value_name = "N")]
    pub threshold: Option<u32>,
}

/// The two periods compared: a preset, or both months ranges.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Periods")]
pub struct PeriodArgs {
    /// A preset pair of periods, from the latest month in the data
    #[arg(
        long,
        value_name = "P",
        value_parser = preset_parser(),
        required_unless_present_all = ["current", "previous"],
        conflicts_with_all = ["current", "previous"]
    )]
    pub preset: Option<Preset>,
    /// The current period: months YYYY-MM..YYYY-MM (with --previous)
    #[arg(long, value_name = "A..B", value_parser = Period::parse, requires = "previous")]
    pub current: Option<Period>,
    /// The period compared with: months YYYY-MM..YYYY-MM (with --current)
    #[arg(long, value_name = "C..D", value_parser = Period::parse, requires = "current")]
    pub previous: Option<Period>,
}

/// What every analysis command takes: the data, the periods, where to write.
#[derive(clap::Args, Debug, Clone)]
pub struct AnalysisArgs {
    /// The data.
    #[command(flatten)]
    pub data: DataArgs,
    /// The periods.
    #[command(flatten)]
    pub period: PeriodArgs,
    /// The file to write (default: standard output)
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub out: Option<String>,
}

/// The areas ranked or compared: a level, inside an area.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Areas")]
pub struct AreaArgs {
    /// The areas with counts (base), a GSS level found up each area's
    /// parent codes (lsoa E01, msoa E02, ward E05, district E06-E09), or
    /// upN (N parent steps); a level's counts are the sums of its areas
    #[arg(long, value_name = "LEVEL", default_value = "base", value_parser = area_level)]
    pub level: AreaLevel,
    /// Only areas lying inside CODE (e.g. the wards of one district)
    #[arg(long, value_name = "CODE")]
    pub within: Option<String>,
}

/// The format of a table.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma-separated values with a header line.
    #[default]
    Csv,
    /// A JSON array of objects, keys in column order.
    Json,
}

/// A level of the ONS hierarchy by name (`lsoa`, `msoa`, `ward`,
/// `district`, in any case).
pub fn level_parser() -> impl TypedValueParser<Value = Level> {
    PossibleValuesParser::new(LEVELS.map(Level::name)).try_map(|name| name.parse::<Level>())
}

/// A preset by its key (`rolling12`, `fytd`…).
fn preset_parser() -> impl TypedValueParser<Value = Preset> {
    PossibleValuesParser::new(Preset::ALL.map(Preset::key))
        .try_map(|key| Preset::from_key(&key).ok_or("not a preset"))
}

/// `--level` of the analysis commands: `base`, `upN` or a GSS level name.
fn area_level(text: &str) -> Result<AreaLevel, String> {
    if text == "base" {
        return Ok(AreaLevel::Base);
    }
    if let Some(n) = text
        .strip_prefix("up")
        .and_then(|n| n.parse::<usize>().ok())
    {
        return Ok(AreaLevel::Up(n));
    }
    text.parse::<Level>()
        .map(AreaLevel::Gss)
        .map_err(|_| "expected base, upN (e.g. up1), lsoa, msoa, ward or district".to_string())
}

/// The noun for an area of `level` in sentences: `ward`, `LSOA`, `area`…
pub fn level_noun(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::Base | AreaLevel::Up(_) => "area",
        AreaLevel::Gss(Level::Lsoa) => "LSOA",
        AreaLevel::Gss(Level::Msoa) => "MSOA",
        AreaLevel::Gss(Level::Ward) => "ward",
        AreaLevel::Gss(Level::District) => "district",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_levels_are_base_parent_steps_or_gss_levels() {
        assert_eq!(area_level("base"), Ok(AreaLevel::Base));
        assert_eq!(area_level("up2"), Ok(AreaLevel::Up(2)));
        assert_eq!(area_level("Ward"), Ok(AreaLevel::Gss(Level::Ward)));
        assert!(area_level("county").unwrap_err().contains("upN"));
        assert!(area_level("up").is_err());
        assert_eq!(level_noun(AreaLevel::Gss(Level::District)), "district");
        assert_eq!(level_noun(AreaLevel::Up(1)), "area");
    }

    #[test]
    fn a_month_13_is_named_not_the_whole_usage() {
        let e = crate::cli::run([
            "compare",
            "--counts",
            "counts.csv",
            "--current",
            "2023-13..2023-13",
            "--previous",
            "2023-01..2023-01",
        ])
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(
                "error: invalid value '2023-13..2023-13' for '--current <A..B>': \
                 there is no month 13 in \"2023-13\": months run from 01 to 12"
            ),
            "{e}"
        );
        assert!(e.ends_with("For more information, try '--help'.\n"), "{e}");
        assert!(!e.contains("findings"), "{e}");
    }

    #[test]
    fn periods_are_a_preset_or_both_ranges() {
        let compare = |period: &[&str]| {
            let args = ["compare", "--counts", "c.csv"].iter().chain(period);
            crate::cli::run(args.copied()).unwrap_err().to_string()
        };
        assert!(compare(&[]).contains("--preset <P>"));
        assert!(compare(&["--preset", "year"]).contains("[possible values: rolling12, fytd"));
        let current = ["--current", "2024-01..2024-03"];
        assert!(compare(&current).contains("--previous <C..D>"));
        let both = ["--preset", "month", "--current", "2024-01..2024-03"];
        assert!(compare(&both).contains("cannot be used with"));
    }
}
