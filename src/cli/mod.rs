//! `explorer-cli`: the native command-line front end (publishers prepare
//! data files; analysts get the figures as tables). Native only. The
//! arguments are read by clap ([`Cli`]); each command's own options live
//! beside its `run`, the ones several commands share in [`options`].

pub mod areas;
pub mod boundaries;
pub mod compare;
pub mod file_source;
pub mod findings;
pub mod inputs;
pub mod load;
pub mod options;
pub mod output;
pub mod prepare;
mod prepare_report;
pub mod publish;
pub mod rank;
pub mod start;
pub mod wide;

use clap::{CommandFactory, Parser, Subcommand};

/// An error the CLI prints before exiting with [`ERROR_EXIT`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line is wrong: clap's message, with the usage.
    #[error("{0}")]
    Args(#[from] clap::Error),
    /// A file could not be read or written, or its contents (or an option's
    /// value, against them) cannot be used.
    #[error("{0}")]
    Failed(String),
}

/// A failure to report: a file that cannot be read or written, or whose
/// contents cannot be used.
pub fn failed(message: impl Into<String>) -> CliError {
    CliError::Failed(message.into())
}

/// An error in the arguments of `command` that clap cannot see (it
/// depends on an option's value), formatted as clap formats its own: the
/// message, the command's usage and where to find its help.
pub fn usage_error(command: &str, message: impl std::fmt::Display) -> CliError {
    let mut cli = Cli::command();
    cli.build();
    let error = clap::Error::raw(
        clap::error::ErrorKind::ArgumentConflict,
        message.to_string(),
    );
    match cli.find_subcommand_mut(command) {
        Some(sub) => CliError::Args(error.format(sub)),
        None => CliError::Args(error.format(&mut cli)),
    }
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

/// What every command's exit status means (the end of the help).
const EXIT_STATUS: &str = "Exit status: 0 done; 2 error, nothing written (bad arguments, or a file
that cannot be used); 3 done, but not everything given was counted
(prepare: files set aside, rows rejected or with unknown codes; see its
report).";

/// The explorer's figures on the command line.
#[derive(Parser, Debug)]
#[command(
    name = "explorer-cli",
    version,
    about = "The Community Safety Explorer's figures on the command line: publishers \
             prepare data files, analysts get the figures as tables.",
    after_help = EXIT_STATUS
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Aggregate police.uk street CSVs (or their zips) to a counts file
    #[command(long_about = prepare::LONG_ABOUT, after_long_help = prepare::AFTER_HELP)]
    Prepare(prepare::PrepareArgs),
    /// Read wide tables (one column per month, e.g. the Met's ward table) into a dataset folder
    #[command(long_about = wide::LONG_ABOUT, after_long_help = wide::AFTER_HELP)]
    Wide(wide::WideArgs),
    /// ONS lookups, LSOA populations and deprivation ranks to an areas file
    #[command(long_about = areas::LONG_ABOUT)]
    Areas(areas::AreasArgs),
    /// An ONS GeoJSON to the explorer's boundaries, simplified
    #[command(long_about = boundaries::LONG_ABOUT)]
    Boundaries(boundaries::BoundariesArgs),
    /// A whole dataset folder (counts, report, areas, boundaries, manifest)
    #[command(long_about = publish::LONG_ABOUT)]
    Publish(Box<publish::PublishArgs>), // boxed: its many options (English and Welsh)
    /// Compare two periods by category, group or area (CSV or JSON)
    #[command(long_about = compare::LONG_ABOUT)]
    Compare(compare::CompareArgs),
    /// Rank areas of a level by count or rate, with previous rank and movement
    #[command(long_about = rank::LONG_ABOUT)]
    Rank(rank::RankArgs),
    /// The key findings as plain-English sentences
    #[command(long_about = findings::LONG_ABOUT)]
    Findings(findings::FindingsArgs),
}

/// Runs the CLI with the arguments after the program name. `--help` and
/// `--version` print and are done; a wrong command line is
/// [`CliError::Args`].
pub fn run<I, T>(args: I) -> Result<Outcome, CliError>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let program = std::iter::once(std::ffi::OsString::from("explorer-cli"));
    let cli = match Cli::try_parse_from(program.chain(args.into_iter().map(Into::into))) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // Help or version, asked for: print it (to stdout) and stop. A
            // reader that closed the pipe early (`| head`) wanted no more.
            let _ = e.print();
            return Ok(Outcome::Done);
        }
        Err(e) => return Err(e.into()),
    };
    let done = |r: Result<(), CliError>| r.map(|()| Outcome::Done);
    match cli.command {
        Command::Prepare(args) => prepare::run(&args),
        Command::Wide(args) => wide::run(&args),
        Command::Areas(args) => done(areas::run(&args)),
        Command::Boundaries(args) => done(boundaries::run(&args)),
        Command::Publish(args) => publish::run_publish(&args),
        Command::Compare(args) => done(compare::run(&args)),
        Command::Rank(args) => done(rank::run(&args)),
        Command::Findings(args) => done(findings::run(&args)),
    }
}

/// What the commands' tests share: running a command, and checking a
/// wrong command line.
#[cfg(test)]
pub(crate) mod testing {
    use super::{run, CliError, Outcome};

    /// `explorer-cli <command> <args>`.
    pub fn command(command: &str, args: &[&str]) -> Result<Outcome, CliError> {
        run(std::iter::once(command).chain(args.iter().copied()))
    }

    /// Asserts that `explorer-cli <command> <args>` is a wrong command line
    /// whose message says `says`.
    pub fn assert_usage_error(command: &str, args: &[&str], says: &str) {
        match self::command(command, args) {
            Err(e @ CliError::Args(_)) => assert!(e.to_string().contains(says), "{args:?}: {e}"),
            other => panic!("{args:?}: not a wrong command line: {other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        // clap's own check of every command, option and group.
        Cli::command().debug_assert();
    }

    #[test]
    fn help_is_done_and_a_wrong_command_line_is_an_argument_error() {
        assert_eq!(run(["--help"]).unwrap(), Outcome::Done);
        assert_eq!(run(["compare", "--help"]).unwrap(), Outcome::Done);
        // No command: the list of commands, as an error.
        let e = run(Vec::<String>::new()).unwrap_err();
        assert!(matches!(e, CliError::Args(_)), "{e}");
        assert!(
            e.to_string().contains("Usage: explorer-cli <COMMAND>"),
            "{e}"
        );
        for (wrong, says) in [
            (vec!["count"], "unrecognized subcommand 'count'"),
            (
                vec!["rank", "--counts"],
                "a value is required for '--counts <FILE>'",
            ),
            (
                vec!["areas", "--out", "a.csv", "stray"],
                "unexpected argument 'stray'",
            ),
        ] {
            let e = run(&wrong).unwrap_err();
            assert!(matches!(e, CliError::Args(_)), "{wrong:?}: {e}");
            assert!(e.to_string().starts_with(&format!("error: {says}")), "{e}");
        }
    }

    #[test]
    fn an_error_clap_cannot_see_is_formatted_with_the_command_s_usage() {
        let e = usage_error("prepare", "--level ward needs --lookup").to_string();
        assert!(e.starts_with("error: --level ward needs --lookup"), "{e}");
        assert!(e.contains("Usage: explorer-cli prepare"), "{e}");
    }
}
