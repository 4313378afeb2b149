//! `explorer-cli`: the explorer's pure core on the command line.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use cse::cli::{run, CliError, ERROR_EXIT};
    match run(std::env::args_os().skip(1)) {
        Ok(outcome) => std::process::exit(outcome.exit_code()),
        Err(CliError::Args(e)) => {
            // clap's message and the command's usage, as clap prints them.
            let _ = e.print();
            std::process::exit(ERROR_EXIT);
        }
        Err(e) => {
            eprintln!("explorer-cli: {e}");
            std::process::exit(ERROR_EXIT);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
