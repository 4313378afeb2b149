//! A ZIP reader for police.uk download archives (`2023-07/2023-07-cleveland-
//! street.csv` …), built to stream: the list of files comes from the central
//! directory at the end of the archive, and each entry is read and inflated
//! a chunk at a time ([`EntryReader::step`]), so a 200 MB CSV inside is never
//! held whole. The archive is reached through [`ReadAt`] (bytes in memory, or
//! a browser `File` read by slices in a worker).
//!
//! Supported: stored (method 0) and deflate (8) entries, data descriptors
//! (sizes come from the central directory), nested folders, ZIP64 archives
//! and entries over 4 GB (the ZIP64 end-of-central-directory record and
//! extra field). Names are read as UTF-8, flagged so or not (many tools
//! write UTF-8 without the flag); a legacy (CP437) name's bytes over 0x7F
//! are shown as replacement characters: police.uk's names are ASCII. Not supported, each
//! with its own message: encrypted entries, other methods (deflate64, bzip2,
//! LZMA, zstd…), split archives. Every entry's CRC-32 and size are checked
//! when its last byte has been inflated.
//!
//! A truncated archive (its end-of-archive record missing, or an entry's data
//! reaching past the end) is an error for the archive or that entry: nothing
//! is guessed from a partial download.

mod archive;
mod entry;
mod error;

pub use archive::{ZipArchive, ZipEntry};
pub use entry::{read_entry, EntryReader};
pub use error::{method_name, ZipError};

/// Random access to a file's bytes.
pub trait ReadAt {
    /// Its length in bytes.
    fn size(&self) -> u64;
    /// Fills `buf` with the bytes from `offset`; an error message when it
    /// cannot (past the end, an I/O error).
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<(), String>;
}

fn read_slice(bytes: &[u8], offset: u64, buf: &mut [u8]) -> Result<(), String> {
    let start = usize::try_from(offset).map_err(|_| "offset too large".to_string())?;
    let src = start
        .checked_add(buf.len())
        .and_then(|end| bytes.get(start..end))
        .ok_or_else(|| format!("{} bytes at {offset} lie past the end", buf.len()))?;
    buf.copy_from_slice(src);
    Ok(())
}

impl ReadAt for &[u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        read_slice(self, offset, buf)
    }
}

impl ReadAt for Vec<u8> {
    fn size(&self) -> u64 {
        self.len() as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        read_slice(self, offset, buf)
    }
}

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
const END64_SIG: u32 = 0x0606_4b50;
const LOCATOR64_SIG: u32 = 0x0706_4b50;
const END_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    let s = b.get(i..i.checked_add(2)?)?;
    Some(u16::from_le_bytes([
        s.first().copied()?,
        s.get(1).copied()?,
    ]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    let s: [u8; 4] = b.get(i..i.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(s))
}

fn u64_at(b: &[u8], i: usize) -> Option<u64> {
    let s: [u8; 8] = b.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(s))
}

fn read_exact(
    src: &mut dyn ReadAt,
    archive: &str,
    offset: u64,
    len: usize,
) -> Result<Vec<u8>, ZipError> {
    let mut buf = vec![0u8; len];
    src.read_at(offset, &mut buf)
        .map_err(|message| ZipError::Read {
            archive: archive.to_string(),
            message,
        })?;
    Ok(buf)
}
