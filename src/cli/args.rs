//! A small argument parser: `--flag value` options and positional inputs.

use super::CliError;

/// Parsed `--name value` options (repeatable) and positional arguments.
#[derive(Debug, Default)]
pub struct Args {
    options: Vec<(String, String)>,
    flags: Vec<String>,
    /// Arguments that are not options, in order.
    pub positional: Vec<String>,
}

/// True when `args` ask for help (`--help` or `-h`).
pub fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "--help" || a == "-h")
}

/// A failure to print: a file that cannot be read or written, or whose
/// contents cannot be used.
pub fn failed(message: String) -> CliError {
    CliError::Failed(message)
}

/// Owned arguments from string literals (for tests).
#[cfg(test)]
pub fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Args {
    /// Parses `args`; `value_options` take a value, `switches` do not.
    pub fn parse(
        args: &[String],
        value_options: &[&str],
        switches: &[&str],
    ) -> Result<Args, CliError> {
        let mut out = Args::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                if value_options.contains(&name) {
                    let Some(v) = it.next() else {
                        return Err(CliError::Usage(format!("--{name} needs a value")));
                    };
                    out.options.push((name.to_string(), v.clone()));
                } else if switches.contains(&name) {
                    out.flags.push(name.to_string());
                } else {
                    return Err(CliError::Usage(format!("unknown option --{name}")));
                }
            } else {
                out.positional.push(a.clone());
            }
        }
        Ok(out)
    }

    /// The last value given for `--name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for `--name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.options
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The value of a required option.
    pub fn require(&self, name: &str) -> Result<&str, CliError> {
        self.get(name)
            .ok_or_else(|| CliError::Usage(format!("--{name} is required")))
    }

    /// True when the switch `--name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
}
