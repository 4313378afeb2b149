//! `explorer-cli prepare`: police.uk street CSVs → counts file. (Being built.)

use super::CliError;

/// Runs `prepare`.
pub fn run(_args: &[String]) -> Result<(), CliError> {
    Err(CliError::Failed("prepare is not built yet".to_string()))
}
