//! `explorer-cli`: the native command-line front end (publishers prepare
//! data files; analysts get the figures as tables). Native only.

pub mod areas;
pub mod args;
pub mod boundaries;
pub mod compare;
pub mod file_source;
pub mod findings;
pub mod load;
pub mod output;
pub mod prepare;
mod prepare_report;
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

/// How a command that ran to its end finished: its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was read: exit status 0.
    Done,
    /// The output was written, but not everything given was counted: files
    /// set aside or read in part, rows rejected or with codes no lookup
    /// knows (the report says which): exit status 3.
    Incomplete,
}

impl Outcome {
    /// The exit status: 0 or 3 (an error, when nothing is written, is 2).
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Done => 0,
            Outcome::Incomplete => 3,
        }
    }
}

/// The exit status of an error: nothing was written.
pub const ERROR_EXIT: i32 = 2;

/// The help text.
pub const USAGE: &str = "usage: explorer-cli <command> [options]

commands:
  prepare   aggregate police.uk street CSVs (or their zips) to a counts file
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

Run a command with --help for its options.

exit status: 0 done; 2 error, nothing written (bad arguments, or a file that
cannot be used); 3 done, but not everything given was counted (prepare: files
set aside, rows rejected or with unknown codes; see its report).";

/// Runs the CLI with the arguments after the program name.
pub fn run(args: &[String]) -> Result<Outcome, CliError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CliError::Usage("no command given".to_string()));
    };
    let done = |r: Result<(), CliError>| r.map(|()| Outcome::Done);
    match command.as_str() {
        "prepare" => prepare::run(rest),
        "areas" => done(areas::run(rest)),
        "boundaries" => done(boundaries::run(rest)),
        "compare" => done(compare::run(rest)),
        "rank" => done(rank::run(rest)),
        "findings" => done(findings::run(rest)),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(Outcome::Done)
        }
        other => Err(CliError::Usage(format!("unknown command {other:?}"))),
    }
}
