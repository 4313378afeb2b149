//! Errors that stop a whole file from being read (bad rows do not: they are
//! counted in the [`LoadReport`](super::report::LoadReport) instead).

use crate::i18n::{Msg, Text};

/// A file that cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// The file has no header line.
    Empty {
        /// The file's name.
        file: String,
        /// The columns it should have, for the message.
        expected: String,
    },
    /// Required columns are not in the header.
    MissingColumns {
        /// The file's name.
        file: String,
        /// The missing column names, comma-separated.
        missing: String,
        /// The header as read, comma-separated.
        found: String,
    },
    /// The bytes could not be read (I/O error or malformed CSV structure).
    Unreadable {
        /// The file's name.
        file: String,
        /// Line where reading stopped (0 when unknown).
        line: u64,
        /// What went wrong.
        message: Text,
    },
    /// A JSON file (manifest, boundaries) is malformed.
    BadJson {
        /// The file's name.
        file: String,
        /// What was wrong.
        message: Text,
    },
}

impl FileError {
    /// The message, naming the file, in any language.
    pub fn text(&self) -> Text {
        match self {
            FileError::Empty { file, expected } => Text::msg(Msg::FileEmptyExpected)
                .with("file", file.as_str())
                .with("expected", expected.as_str()),
            FileError::MissingColumns {
                file,
                missing,
                found,
            } => Text::msg(Msg::FileMissingColumns)
                .with("file", file.as_str())
                .with("missing", missing.as_str())
                .with("found", found.as_str()),
            FileError::Unreadable {
                file,
                line,
                message,
            } => Text::msg(Msg::FileAtLine)
                .with("file", file.as_str())
                .with("line", line.to_string())
                .with("why", message.clone()),
            FileError::BadJson { file, message } => Text::msg(Msg::NamedWhy)
                .with("file", file.as_str())
                .with("why", message.clone()),
        }
    }

    /// [`FileError::MissingColumns`] for the columns of `wanted` (name,
    /// where it was found) not found in `headers`.
    pub fn missing_columns(
        file: &str,
        wanted: &[(&str, Option<usize>)],
        headers: &[String],
    ) -> FileError {
        let missing: Vec<&str> = wanted
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| *n)
            .collect();
        FileError::MissingColumns {
            file: file.to_string(),
            missing: missing.join(", "),
            found: headers.join(", "),
        }
    }
}

/// In English (the command line's).
impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for FileError {}
