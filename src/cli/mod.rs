//! `explorer-cli`: the native command-line front end (publishers prepare
//! data files; analysts get the figures as tables). Native only.

pub mod areas;
pub mod args;
pub mod boundaries;
pub mod compare;
pub mod findings;
pub mod load;
pub mod output;
pub mod prepare;
pub mod rank;

/// An error the CLI prints before exiting non-zero.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line is wrong; the message says how.
    #[error("{0}\n\n{USAGE}")]
    Usage(String),
    /// A file could not be read or written, or its contents are unusable.
    #[error("{0}")]
    Failed(String),
}

/// The help text.
pub const USAGE: &str = "usage: explorer-cli <command> [options]

commands:
  prepare   aggregate police.uk street CSVs to a counts file
            explorer-cli prepare [--lookup FILE]... [--level lsoa|msoa|ward|district]
                                 [--within CODE] [--report report.json] --out counts.csv INPUT...
  areas     ONS lookups, LSOA populations and deprivation ranks to an areas file
            explorer-cli areas --lookup FILE [--lookup FILE]... --population FILE
                               [--deprivation FILE] [--level L] [--within CODE] --out areas.csv
  boundaries  an ONS GeoJSON to the explorer's boundaries, simplified
            explorer-cli boundaries --in F.geojson [--code-property P] [--name-property P]
                                    [--within CODE --lookup F] [--tolerance 0.0001] --out F.geojson
  compare   compare two periods by category, group or area (CSV or JSON)
            explorer-cli compare --counts F [--areas F] (--preset P | --current A..B --previous C..D)
                                 [--area CODE] [--by category|group|area] [--format json] [--out F]
  rank      rank areas of a level by count or rate, with previous rank and movement
            explorer-cli rank --counts F --areas F (--preset P | --current … --previous …)
                              [--select S] [--by count|rate] [--level lsoa|msoa|ward|district]
  findings  the key findings as plain-English sentences
            explorer-cli findings --counts F [--areas F] [--targets F] (--preset P | …)

Run a command with --help for its options.";

/// Runs the CLI with the arguments after the program name.
pub fn run(args: &[String]) -> Result<(), CliError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CliError::Usage("no command given".to_string()));
    };
    match command.as_str() {
        "prepare" => prepare::run(rest),
        "areas" => areas::run(rest),
        "boundaries" => boundaries::run(rest),
        "compare" => compare::run(rest),
        "rank" => rank::run(rest),
        "findings" => findings::run(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(CliError::Usage(format!("unknown command {other:?}"))),
    }
}
