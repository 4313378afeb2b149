//! `explorer-cli`: the explorer's pure core on the command line.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cse::cli::run(&args) {
        Ok(outcome) => std::process::exit(outcome.exit_code()),
        Err(e) => {
            eprintln!("explorer-cli: {e}");
            std::process::exit(cse::cli::ERROR_EXIT);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
