//! Errors that stop a whole file from being read (bad rows do not: they are
//! counted in the [`LoadReport`](super::report::LoadReport) instead).

/// A file that cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// The file has no header line.
    #[error("{file}: the file is empty; expected a header line naming the columns {expected}")]
    Empty {
        /// The file's name.
        file: String,
        /// The columns it should have, for the message.
        expected: String,
    },
    /// Required columns are not in the header.
    #[error("{file}: line 1: missing column(s) {missing}; the header has {found}")]
    MissingColumns {
        /// The file's name.
        file: String,
        /// The missing column names, comma-separated.
        missing: String,
        /// The header as read, comma-separated.
        found: String,
    },
    /// The bytes could not be read (I/O error or malformed CSV structure).
    #[error("{file}: line {line}: {message}")]
    Unreadable {
        /// The file's name.
        file: String,
        /// Line where reading stopped (0 when unknown).
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// A JSON file (manifest, boundaries) is malformed.
    #[error("{file}: {message}")]
    BadJson {
        /// The file's name.
        file: String,
        /// What was wrong.
        message: String,
    },
}

impl FileError {
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
