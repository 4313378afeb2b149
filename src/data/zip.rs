//! A ZIP reader for police.uk download archives (`2023-07/2023-07-cleveland-
//! street.csv` …), built to stream: the list of files comes from the central
//! directory at the end of the archive, and each entry is read and inflated
//! a chunk at a time ([`EntryReader::step`]), so a 200 MB CSV inside is never
//! held whole. The archive is reached through [`ReadAt`] (bytes in memory, or
//! a browser `File` read by slices in a worker).
//!
//! Supported: stored (method 0) and deflate (8) entries, data descriptors
//! (sizes come from the central directory), nested folders, UTF-8 and
//! legacy names, ZIP64 archives and entries over 4 GB (the ZIP64
//! end-of-central-directory record and extra field). Not supported, each
//! with its own message: encrypted entries, other methods (deflate64, bzip2,
//! LZMA, zstd…), split archives. Every entry's CRC-32 and size are checked
//! when its last byte has been inflated.
//!
//! A truncated archive (its end-of-archive record missing, or an entry's data
//! reaching past the end) is an error for the archive or that entry: nothing
//! is guessed from a partial download.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::crc32::Crc32;

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

/// One file in an archive, as its central directory lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    /// Its path inside the archive, e.g. `2023-07/2023-07-cleveland-street.csv`.
    pub name: String,
    /// The compression method (0 stored, 8 deflate).
    pub method: u16,
    /// General-purpose flags (bit 0: encrypted; bit 3: data descriptor).
    pub flags: u16,
    /// The CRC-32 of the unpacked data.
    pub crc32: u32,
    /// Bytes as stored in the archive.
    pub compressed_size: u64,
    /// Bytes unpacked.
    pub size: u64,
    /// Where its local header starts.
    pub local_offset: u64,
}

impl ZipEntry {
    /// True for a folder entry (a name ending in `/`).
    pub fn is_dir(&self) -> bool {
        self.name.ends_with('/') || self.name.ends_with('\\')
    }

    /// True when the entry is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.flags & 1 != 0
    }

    /// The last part of its path (`2023-07-cleveland-street.csv`).
    pub fn file_name(&self) -> &str {
        self.name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(self.name.as_str())
    }
}

/// The list of files in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipArchive {
    name: String,
    entries: Vec<ZipEntry>,
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

/// Where the central directory is and how many entries it lists.
struct Directory {
    offset: u64,
    size: u64,
    entries: u64,
}

impl ZipArchive {
    /// Reads the list of files of the archive called `name`.
    pub fn open(name: &str, src: &mut dyn ReadAt) -> Result<ZipArchive, ZipError> {
        let dir = find_directory(name, src)?;
        let malformed = |detail: String| ZipError::Malformed {
            archive: name.to_string(),
            detail,
        };
        let size = usize::try_from(dir.size)
            .map_err(|_| malformed("its list of files is too large".to_string()))?;
        let cd = read_exact(src, name, dir.offset, size)?;
        let mut entries = Vec::new();
        let mut pos = 0usize;
        for i in 0..dir.entries {
            let bad = || malformed(format!("the list of files is damaged at file {}", i + 1));
            if u32_at(&cd, pos) != Some(CENTRAL_SIG) {
                return Err(bad());
            }
            let field16 = |off: usize| u16_at(&cd, pos + off).ok_or_else(bad);
            let field32 = |off: usize| u32_at(&cd, pos + off).ok_or_else(bad);
            let flags = field16(8)?;
            let method = field16(10)?;
            let crc32 = field32(16)?;
            let mut compressed_size = u64::from(field32(20)?);
            let mut size64 = u64::from(field32(24)?);
            let name_len = usize::from(field16(28)?);
            let extra_len = usize::from(field16(30)?);
            let comment_len = usize::from(field16(32)?);
            let mut local_offset = u64::from(field32(42)?);
            let name_start = pos + CENTRAL_LEN;
            let extra_start = name_start + name_len;
            let raw_name = cd.get(name_start..extra_start).ok_or_else(bad)?;
            let extra = cd
                .get(extra_start..extra_start + extra_len)
                .ok_or_else(bad)?;
            let entry_name = if flags & (1 << 11) != 0 {
                String::from_utf8_lossy(raw_name).into_owned()
            } else {
                // Legacy names are CP437; the explorer only needs ASCII ones
                // right, so the rest are shown with replacement characters.
                String::from_utf8_lossy(raw_name).into_owned()
            };
            // ZIP64 extra field: the 8-byte values of the saturated fields,
            // in this order.
            let mut e = 0;
            while let (Some(id), Some(len)) = (u16_at(extra, e), u16_at(extra, e + 2)) {
                let body = extra.get(e + 4..e + 4 + usize::from(len)).unwrap_or(&[]);
                if id == 1 {
                    let mut at = 0;
                    for field in [&mut size64, &mut compressed_size, &mut local_offset] {
                        if *field == u64::from(u32::MAX) {
                            *field = u64_at(body, at).ok_or_else(bad)?;
                            at += 8;
                        }
                    }
                }
                e += 4 + usize::from(len);
            }
            entries.push(ZipEntry {
                name: entry_name,
                method,
                flags,
                crc32,
                compressed_size,
                size: size64,
                local_offset,
            });
            pos = extra_start + extra_len + comment_len;
        }
        Ok(ZipArchive {
            name: name.to_string(),
            entries,
        })
    }

    /// The archive's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its entries, in the central directory's order.
    pub fn entries(&self) -> &[ZipEntry] {
        &self.entries
    }

    /// When the archive is an office document rather than a ZIP of files
    /// (an `.xlsx` workbook, a `.docx`, an OpenDocument file), what it is.
    pub fn office_document(&self) -> Option<&'static str> {
        let has = |prefix: &str| self.entries.iter().any(|e| e.name.starts_with(prefix));
        if has("xl/") && has("[Content_Types].xml") {
            Some("an Excel workbook (.xlsx)")
        } else if has("word/") && has("[Content_Types].xml") {
            Some("a Word document (.docx)")
        } else if self.entries.first().is_some_and(|e| e.name == "mimetype") && has("content.xml") {
            Some("an OpenDocument file (.ods/.odt)")
        } else {
            None
        }
    }
}

fn find_directory(name: &str, src: &mut dyn ReadAt) -> Result<Directory, ZipError> {
    let len = src.size();
    let tail_len = len.min((END_LEN + usize::from(u16::MAX) + 20) as u64);
    let tail_start = len - tail_len;
    let tail = read_exact(src, name, tail_start, tail_len as usize)?;
    let found = (0..=tail.len().saturating_sub(END_LEN)).rev().find(|&i| {
        u32_at(&tail, i) == Some(END_SIG)
            && u16_at(&tail, i + 20).is_some_and(|c| i + END_LEN + usize::from(c) <= tail.len())
    });
    let Some(end) = found else {
        let starts_as_zip = len >= 4 && read_exact(src, name, 0, 4)? == LOCAL_SIG.to_le_bytes();
        return Err(if starts_as_zip {
            ZipError::Truncated {
                archive: name.to_string(),
                detail: "its end-of-archive record, which lists the files, is missing".to_string(),
            }
        } else {
            ZipError::NotZip {
                archive: name.to_string(),
            }
        });
    };
    let field16 = |off: usize| u16_at(&tail, end + off).unwrap_or(0);
    let field32 = |off: usize| u32_at(&tail, end + off).unwrap_or(0);
    let (disk, cd_disk) = (field16(4), field16(6));
    let mut dir = Directory {
        offset: u64::from(field32(16)),
        size: u64::from(field32(12)),
        entries: u64::from(field16(10)),
    };
    let zip64 = dir.entries == u64::from(u16::MAX)
        || dir.size == u64::from(u32::MAX)
        || dir.offset == u64::from(u32::MAX);
    let locator = end
        .checked_sub(20)
        .filter(|&l| u32_at(&tail, l) == Some(LOCATOR64_SIG));
    if zip64 {
        let malformed = |detail: &str| ZipError::Malformed {
            archive: name.to_string(),
            detail: detail.to_string(),
        };
        let l = locator.ok_or_else(|| malformed("its ZIP64 locator is missing"))?;
        let at = u64_at(&tail, l + 8).ok_or_else(|| malformed("its ZIP64 locator is cut short"))?;
        if at.checked_add(56).is_none_or(|e| e > len) {
            return Err(ZipError::Truncated {
                archive: name.to_string(),
                detail: "its ZIP64 end record lies past the end".to_string(),
            });
        }
        let rec = read_exact(src, name, at, 56)?;
        if u32_at(&rec, 0) != Some(END64_SIG) {
            return Err(malformed("its ZIP64 end record is missing"));
        }
        let get = |off| u64_at(&rec, off).unwrap_or(0);
        dir = Directory {
            entries: get(32),
            size: get(40),
            offset: get(48),
        };
    } else if disk != 0 || cd_disk != 0 {
        return Err(ZipError::Split {
            archive: name.to_string(),
        });
    }
    if dir.offset.checked_add(dir.size).is_none_or(|e| e > len) {
        return Err(ZipError::Truncated {
            archive: name.to_string(),
            detail: "its list of files lies past the end".to_string(),
        });
    }
    // Each entry takes at least 46 bytes of the directory.
    if dir.entries.saturating_mul(CENTRAL_LEN as u64) > dir.size {
        return Err(ZipError::Malformed {
            archive: name.to_string(),
            detail: format!(
                "it claims {} files in a list of {} bytes",
                dir.entries, dir.size
            ),
        });
    }
    Ok(dir)
}

/// Unpacking state of one entry.
enum Decoder {
    Stored,
    Deflate(Box<InflateState>),
}

impl std::fmt::Debug for Decoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Decoder::Stored => "Stored",
            Decoder::Deflate(_) => "Deflate",
        })
    }
}

/// Bytes unpacked at a time.
const OUT_CHUNK: usize = 64 * 1024;

/// Reads one entry a chunk at a time: see [`step`](EntryReader::step).
#[derive(Debug)]
pub struct EntryReader {
    archive: String,
    entry: ZipEntry,
    /// The next compressed byte to read, and the end of the data.
    next: u64,
    start: u64,
    end: u64,
    decoder: Decoder,
    crc: Crc32,
    written: u64,
    ended: bool,
    done: bool,
    input: Vec<u8>,
    output: Vec<u8>,
}

impl EntryReader {
    /// Prepares to read `entry` of the archive `archive`: refuses encrypted
    /// entries and unsupported methods, and finds the data after the
    /// entry's local header.
    pub fn new(archive: &str, entry: &ZipEntry, src: &mut dyn ReadAt) -> Result<Self, ZipError> {
        let named = || (archive.to_string(), entry.name.clone());
        if entry.is_encrypted() {
            let (archive, entry) = named();
            return Err(ZipError::Encrypted { archive, entry });
        }
        let decoder = match entry.method {
            0 => Decoder::Stored,
            8 => Decoder::Deflate(InflateState::new_boxed(DataFormat::Raw)),
            method => {
                let (archive, entry) = named();
                return Err(ZipError::Unsupported {
                    archive,
                    entry,
                    method,
                });
            }
        };
        let truncated = || {
            let (archive, entry) = named();
            ZipError::EntryTruncated { archive, entry }
        };
        let corrupt = |detail: &str| {
            let (archive, entry) = named();
            ZipError::Corrupt {
                archive,
                entry,
                detail: detail.to_string(),
            }
        };
        let len = src.size();
        if entry
            .local_offset
            .checked_add(LOCAL_LEN as u64)
            .is_none_or(|e| e > len)
        {
            return Err(truncated());
        }
        let header = read_exact(src, archive, entry.local_offset, LOCAL_LEN)?;
        if u32_at(&header, 0) != Some(LOCAL_SIG) {
            return Err(corrupt("its local header is missing"));
        }
        let name_len = u64::from(u16_at(&header, 26).unwrap_or(0));
        let extra_len = u64::from(u16_at(&header, 28).unwrap_or(0));
        let start = entry.local_offset + LOCAL_LEN as u64 + name_len + extra_len;
        let end = start
            .checked_add(entry.compressed_size)
            .ok_or_else(|| corrupt("its size is impossible"))?;
        if end > len {
            return Err(truncated());
        }
        if entry.method == 0 && entry.compressed_size != entry.size {
            return Err(corrupt(
                "a stored file whose stored and unpacked sizes differ",
            ));
        }
        Ok(EntryReader {
            archive: archive.to_string(),
            entry: entry.clone(),
            next: start,
            start,
            end,
            decoder,
            crc: Crc32::new(),
            written: 0,
            ended: false,
            done: false,
            input: Vec::new(),
            output: vec![0u8; OUT_CHUNK],
        })
    }

    /// Compressed bytes read so far.
    pub fn compressed_done(&self) -> u64 {
        self.next - self.start
    }

    /// True when the whole entry has been read and checked.
    pub fn is_done(&self) -> bool {
        self.done
    }

    fn corrupt(&self, detail: String) -> ZipError {
        ZipError::Corrupt {
            archive: self.archive.clone(),
            entry: self.entry.name.clone(),
            detail,
        }
    }

    /// Reads up to `chunk` compressed bytes and passes what they unpack to
    /// `out` (in pieces of at most 64 KB). Returns `Ok(true)` once the last
    /// byte is unpacked and the size and CRC-32 are checked.
    pub fn step(
        &mut self,
        src: &mut dyn ReadAt,
        chunk: usize,
        out: &mut dyn FnMut(&[u8]),
    ) -> Result<bool, ZipError> {
        if self.done {
            return Ok(true);
        }
        let n = (self.end - self.next).min(chunk.max(1) as u64) as usize;
        self.input.resize(n, 0);
        src.read_at(self.next, &mut self.input)
            .map_err(|message| ZipError::Read {
                archive: self.archive.clone(),
                message,
            })?;
        self.next += n as u64;
        let input = std::mem::take(&mut self.input);
        let result = self.unpack(&input, out);
        self.input = input;
        result?;
        if self.next < self.end {
            return Ok(false);
        }
        self.done = true;
        if matches!(self.decoder, Decoder::Deflate(_)) && !self.ended {
            return Err(self.corrupt("the compressed data stop before the file's end".to_string()));
        }
        if self.written != self.entry.size {
            return Err(self.corrupt(format!(
                "it unpacks to {} bytes; the archive lists {}",
                self.written, self.entry.size
            )));
        }
        let found = self.crc.value();
        if found != self.entry.crc32 {
            return Err(ZipError::BadCrc {
                archive: self.archive.clone(),
                entry: self.entry.name.clone(),
                expected: self.entry.crc32,
                found,
            });
        }
        Ok(true)
    }

    fn emit(
        &mut self,
        len: usize,
        from_output: bool,
        input: &[u8],
        out: &mut dyn FnMut(&[u8]),
    ) -> Result<(), ZipError> {
        self.written += len as u64;
        if self.written > self.entry.size {
            let listed = self.entry.size;
            return Err(self.corrupt(format!(
                "it unpacks to more than the {listed} bytes the archive lists"
            )));
        }
        let piece = if from_output {
            self.output.get(..len).unwrap_or(&[])
        } else {
            input
        };
        self.crc.update(piece);
        out(piece);
        Ok(())
    }

    fn unpack(&mut self, input: &[u8], out: &mut dyn FnMut(&[u8])) -> Result<(), ZipError> {
        if matches!(self.decoder, Decoder::Stored) {
            return self.emit(input.len(), false, input, out);
        }
        let mut pos = 0;
        loop {
            if self.ended {
                return Ok(());
            }
            let rest = input.get(pos..).unwrap_or(&[]);
            let Decoder::Deflate(state) = &mut self.decoder else {
                return Ok(());
            };
            let r = inflate(state, rest, &mut self.output, MZFlush::None);
            pos += r.bytes_consumed;
            if r.bytes_written > 0 {
                self.emit(r.bytes_written, true, &[], out)?;
            }
            let input_left = pos < input.len();
            let progressed = r.bytes_consumed > 0 || r.bytes_written > 0;
            match r.status {
                Ok(MZStatus::StreamEnd) => self.ended = true,
                Ok(_) if progressed => {
                    if !input_left && r.bytes_written < self.output.len() {
                        return Ok(());
                    }
                }
                Ok(_) | Err(MZError::Buf) => {
                    if input_left && !progressed {
                        return Err(
                            self.corrupt("the compressed data cannot be unpacked".to_string())
                        );
                    }
                    if !input_left {
                        return Ok(());
                    }
                }
                Err(_) => return Err(self.corrupt("the compressed data are invalid".to_string())),
            }
        }
    }
}

/// Reads a whole entry, passing what it unpacks to `out`, `chunk`
/// compressed bytes at a time.
pub fn read_entry(
    archive: &str,
    src: &mut dyn ReadAt,
    entry: &ZipEntry,
    chunk: usize,
    out: &mut dyn FnMut(&[u8]),
) -> Result<(), ZipError> {
    let mut reader = EntryReader::new(archive, entry, src)?;
    while !reader.step(src, chunk, out)? {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::crc32::crc32;

    /// A small ZIP writer for tests: (name, data, deflate?, data descriptor?).
    fn build(entries: &[(&str, &[u8], bool, bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for &(name, data, deflate, descriptor) in entries {
            let stored = if deflate {
                miniz_oxide::deflate::compress_to_vec(data, 6)
            } else {
                data.to_vec()
            };
            let offset = out.len() as u32;
            let (crc, csize, size) = (crc32(data), stored.len() as u32, data.len() as u32);
            let flags: u16 = if descriptor { 8 } else { 0 } | (1 << 11);
            let method: u16 = if deflate { 8 } else { 0 };
            let header = |sig: u32, central: bool| {
                let mut h = sig.to_le_bytes().to_vec();
                if central {
                    h.extend(20u16.to_le_bytes());
                }
                h.extend(20u16.to_le_bytes());
                h.extend(flags.to_le_bytes());
                h.extend(method.to_le_bytes());
                h.extend([0u8; 4]);
                let zero = descriptor && !central;
                for v in [crc, csize, size] {
                    h.extend(if zero { 0 } else { v }.to_le_bytes());
                }
                h.extend((name.len() as u16).to_le_bytes());
                h.extend(0u16.to_le_bytes());
                if central {
                    // Comment length, disk, internal and external attributes.
                    h.extend([0u8; 10]);
                    h.extend(offset.to_le_bytes());
                }
                h.extend(name.as_bytes());
                h
            };
            out.extend(header(LOCAL_SIG, false));
            out.extend(&stored);
            if descriptor {
                out.extend(0x0807_4b50u32.to_le_bytes());
                for v in [crc, csize, size] {
                    out.extend(v.to_le_bytes());
                }
            }
            central.extend(header(CENTRAL_SIG, true));
        }
        let cd_offset = out.len() as u32;
        out.extend(&central);
        out.extend(END_SIG.to_le_bytes());
        out.extend([0u8; 4]);
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((central.len() as u32).to_le_bytes());
        out.extend(cd_offset.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }

    fn unpack_all(bytes: &[u8], chunk: usize) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
        let mut src: &[u8] = bytes;
        let archive = ZipArchive::open("a.zip", &mut src)?;
        let mut out = Vec::new();
        for e in archive.entries() {
            let mut data = Vec::new();
            read_entry("a.zip", &mut src, e, chunk, &mut |p| {
                data.extend_from_slice(p)
            })?;
            out.push((e.name.clone(), data));
        }
        Ok(out)
    }

    fn text(n: usize) -> Vec<u8> {
        (0..n)
            .map(|i| format!("2023-07,E0{:07},Burglary\n", i * 7919 % 10_007))
            .collect::<String>()
            .into_bytes()
    }

    #[test]
    fn reads_stored_deflated_nested_and_descriptor_entries_in_any_chunks() {
        let big = text(20_000);
        let zip = build(&[
            ("2023-07/", b"", false, false),
            ("2023-07/a-street.csv", &big, true, true),
            ("2023-07/b.csv", b"month\n2023-07\n", false, false),
            ("empty.csv", b"", true, false),
        ]);
        for chunk in [1, 7, 4096, 1 << 20] {
            let got = unpack_all(&zip, chunk).unwrap();
            assert_eq!(got.len(), 4);
            assert!(got[0].1.is_empty());
            assert_eq!(got[1].1, big, "chunk {chunk}");
            assert_eq!(got[2].1, b"month\n2023-07\n");
            assert!(got[3].1.is_empty());
        }
        let mut src: &[u8] = &zip;
        let a = ZipArchive::open("a.zip", &mut src).unwrap();
        assert!(a.entries()[0].is_dir());
        assert_eq!(a.entries()[1].file_name(), "a-street.csv");
        assert!(a.entries()[1].compressed_size < big.len() as u64 / 3);
    }

    #[test]
    fn a_truncated_archive_is_named_and_never_half_read() {
        let zip = build(&[("x.csv", &text(500), true, false)]);
        for cut in [zip.len() - 1, zip.len() / 2, 10, 3] {
            let e = unpack_all(&zip[..cut], 1024).unwrap_err();
            let m = e.to_string();
            assert!(m.starts_with("a.zip: "), "{m}");
            assert!(
                matches!(e, ZipError::Truncated { .. } | ZipError::NotZip { .. }),
                "cut {cut}: {m}"
            );
        }
        // The directory intact but the entry's data said to reach past the end.
        let mut long = zip.clone();
        let cd = long
            .windows(4)
            .rposition(|w| w == CENTRAL_SIG.to_le_bytes())
            .unwrap();
        long[cd + 20..cd + 24].copy_from_slice(&1_000_000u32.to_le_bytes());
        let e = unpack_all(&long, 64).unwrap_err();
        assert!(matches!(e, ZipError::EntryTruncated { .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("a.zip: x.csv: the archive is cut short"),
            "{e}"
        );
        let e = unpack_all(b"", 64).unwrap_err();
        assert!(matches!(e, ZipError::NotZip { .. }), "{e}");
    }

    #[test]
    fn a_flipped_data_byte_fails_the_crc_naming_archive_and_entry() {
        let data = b"month,lsoa\n2023-07,E01000001\n";
        let mut zip = build(&[("dir/f.csv", data, false, false)]);
        let at = zip.windows(7).position(|w| w == b"2023-07").unwrap();
        zip[at] = b'3';
        let e = unpack_all(&zip, 64).unwrap_err();
        assert!(matches!(e, ZipError::BadCrc { .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("a.zip: dir/f.csv: the data are damaged"),
            "{e}"
        );
    }

    #[test]
    fn encrypted_and_unsupported_entries_say_so() {
        let mut zip = build(&[("e.csv", b"abc", false, false)]);
        // Central directory flags at +8, method at +10.
        let cd = zip
            .windows(4)
            .rposition(|w| w == CENTRAL_SIG.to_le_bytes())
            .unwrap();
        zip[cd + 8] |= 1;
        let e = unpack_all(&zip, 64).unwrap_err();
        assert!(
            e.to_string().contains("e.csv: the file is encrypted"),
            "{e}"
        );
        zip[cd + 8] &= !1;
        zip[cd + 10] = 12;
        let e = unpack_all(&zip, 64).unwrap_err();
        assert!(e.to_string().contains("method 12 (bzip2)"), "{e}");
    }

    #[test]
    fn random_cuts_and_flips_give_errors_not_panics() {
        let zip = build(&[
            ("a/one.csv", &text(300), true, true),
            ("two.csv", &text(40), false, false),
        ]);
        let good = unpack_all(&zip, 100).unwrap();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut errors = 0;
        for i in 0..600 {
            let mut bad = zip.clone();
            if i % 3 == 0 {
                bad.truncate((next() % zip.len() as u64) as usize);
            } else {
                for _ in 0..=(i % 4) {
                    let at = (next() % bad.len() as u64) as usize;
                    bad[at] ^= 1 << (next() % 8);
                }
            }
            let chunk = 1 + (next() % 300) as usize;
            match unpack_all(&bad, chunk) {
                Err(e) => {
                    assert!(e.to_string().starts_with("a.zip: "), "{e}");
                    errors += 1;
                }
                // A flip in a field nobody checks (a date, a version) is harmless;
                // the data that come out must then be right.
                Ok(got) => assert_eq!(
                    got.iter().map(|g| &g.1).collect::<Vec<_>>(),
                    good.iter().map(|g| &g.1).collect::<Vec<_>>()
                ),
            }
        }
        assert!(errors > 300, "{errors}");
    }
}
