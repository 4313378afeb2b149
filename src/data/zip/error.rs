//! Why an archive or an entry cannot be read, and the names of ZIP
//! compression methods.

/// Why an archive or an entry cannot be read. Every message names the
/// archive, and the entry when one is at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    /// No end-of-archive record and no ZIP signature at the start.
    #[error("{archive}: not a ZIP archive (no ZIP signature or end-of-archive record)")]
    NotZip {
        /// The archive's name.
        archive: String,
    },
    /// The archive is cut short.
    #[error("{archive}: the archive is cut short ({detail}); download it again")]
    Truncated {
        /// The archive's name.
        archive: String,
        /// What is missing.
        detail: String,
    },
    /// An entry's data reach past the end of the archive.
    #[error("{archive}: {entry}: the archive is cut short inside this file; download it again")]
    EntryTruncated {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
    },
    /// The unpacked data do not match the checksum.
    #[error("{archive}: {entry}: the data are damaged (CRC-32 {found:08x}, expected {expected:08x}); download the archive again")]
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
    #[error("{archive}: {entry}: compressed with method {method} ({}), which the explorer cannot unpack; unzip it yourself, or zip it again with ordinary compression", method_name(*.method))]
    Unsupported {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
        /// The ZIP method number.
        method: u16,
    },
    /// A password-protected entry.
    #[error("{archive}: {entry}: the file is encrypted (password-protected); unzip it yourself and load the CSV files")]
    Encrypted {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
    },
    /// An entry's data cannot be unpacked.
    #[error("{archive}: {entry}: the data are damaged ({detail}); download the archive again")]
    Corrupt {
        /// The archive's name.
        archive: String,
        /// The entry's name.
        entry: String,
        /// What was wrong.
        detail: String,
    },
    /// The archive's structure is damaged.
    #[error("{archive}: the archive is damaged ({detail}); download it again")]
    Malformed {
        /// The archive's name.
        archive: String,
        /// What was wrong.
        detail: String,
    },
    /// A multi-part archive.
    #[error(
        "{archive}: one part of a split (multi-part) archive; join the parts into one .zip first"
    )]
    Split {
        /// The archive's name.
        archive: String,
    },
    /// The bytes could not be read.
    #[error("{archive}: cannot be read: {message}")]
    Read {
        /// The archive's name.
        archive: String,
        /// The reader's message.
        message: String,
    },
}

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
