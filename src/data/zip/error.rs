//! Why an archive or an entry cannot be read, and the names of ZIP
//! compression methods.

use crate::i18n::{Msg, Text};

/// Why an archive or an entry cannot be read. Every message names the
/// archive, and the entry when one is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-archive record and no ZIP signature at the start.
    NotZip {
        /// The archive's name.
        archive: String,
    },
    /// The archive is cut short.
    Truncated {
        /// The archive's name.
        archive: String,
        /// What is missing.
        detail: String,
    },
    /// An entry's data reach past the end of the archive.
    EntryTruncated {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
    },
    /// The unpacked data do not match the checksum.
    BadCrc {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
        /// The checksum the archive lists.
        expected: u32,
        /// The checksum of the data unpacked.
        found: u32,
    },
    /// A compression method other than stored or deflate.
    Unsupported {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
        /// The ZIP method number.
        method: u16,
    },
    /// A password-protected entry.
    Encrypted {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
    },
    /// An entry's data cannot be unpacked.
    Corrupt {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
        /// What was wrong.
        detail: String,
    },
    /// The archive's structure is damaged.
    Malformed {
        /// The archive's name.
        archive: String,
        /// What was wrong.
        detail: String,
    },
    /// A multi-part archive.
    Split {
        /// The archive's name.
        archive: String,
    },
    /// The bytes could not be read.
    Read {
        /// The archive's name.
        archive: String,
        /// The reader's message.
        message: String,
    },
}

impl ZipError {
    /// The message, naming the archive (and the entry at fault), in any
    /// language; the details (what is damaged, the reader's message) are
    /// the archive's and the system's own words.
    pub fn text(&self) -> Text {
        let at = |msg: Msg, archive: &str| Text::msg(msg).with("archive", archive);
        let in_entry = |msg: Msg, archive: &str, entry: &str| at(msg, archive).with("entry", entry);
        match self {
            ZipError::NotZip { archive } => at(Msg::ZipNotZip, archive),
            ZipError::Truncated { archive, detail } => {
                at(Msg::ZipTruncated, archive).with("detail", detail.as_str())
            }
            ZipError::EntryTruncated { archive, entry } => {
                in_entry(Msg::ZipEntryTruncated, archive, entry)
            }
            ZipError::BadCrc {
                archive,
                entry,
                expected,
                found,
            } => in_entry(Msg::ZipBadCrc, archive, entry)
                .with("found", format!("{found:08x}"))
                .with("expected", format!("{expected:08x}")),
            ZipError::Unsupported {
                archive,
                entry,
                method,
            } => in_entry(Msg::ZipUnsupported, archive, entry)
                .with("method", method.to_string())
                .with("name", method_name(*method)),
            ZipError::Encrypted { archive, entry } => in_entry(Msg::ZipEncrypted, archive, entry),
            ZipError::Corrupt {
                archive,
                entry,
                detail,
            } => in_entry(Msg::ZipCorrupt, archive, entry).with("detail", detail.as_str()),
            ZipError::Malformed { archive, detail } => {
                at(Msg::ZipMalformed, archive).with("detail", detail.as_str())
            }
            ZipError::Split { archive } => at(Msg::ZipSplit, archive),
            ZipError::Read { archive, message } => {
                at(Msg::ZipRead, archive).with("why", message.as_str())
            }
        }
    }
}

/// In English (the command line's).
impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for ZipError {}

/// The common name of a ZIP compression method.
pub fn method_name(method: u16) -> &'static str {
    match method {
        0 => "stored",
        8 => "deflate",
        9 => "deflate64",
        12 => "bzip2",
        14 => "LZMA",
        93 => "zstd",
        95 => "xz",
        99 => "AES encryption",
        _ => "unknown",
    }
}
