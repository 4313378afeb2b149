//! The list of files in an archive: the end-of-archive record (ZIP64 too)
//! found, and the central directory parsed into [`ZipEntry`]s.

use super::{
    read_exact, u16_at, u32_at, u64_at, ReadAt, ZipError, CENTRAL_LEN, CENTRAL_SIG, END64_SIG,
    END_LEN, END_SIG, LOCAL_SIG, LOCATOR64_SIG,
};

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
            // UTF-8 whether flagged (bit 11) or not; see the module docs.
            let entry_name = String::from_utf8_lossy(raw_name).into_owned();
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
        // The list's bytes and its count of files agree, or files would be
        // lost unsaid (one flipped bit turns a count of 2 into 0).
        if pos != cd.len() {
            return Err(malformed(format!(
                "its list of files holds more than the {} file(s) it claims",
                dir.entries
            )));
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
    pub fn office_document(&self) -> Option<crate::i18n::Msg> {
        use crate::i18n::Msg;
        let has = |prefix: &str| self.entries.iter().any(|e| e.name.starts_with(prefix));
        if has("xl/") && has("[Content_Types].xml") {
            Some(Msg::DocXlsx)
        } else if has("word/") && has("[Content_Types].xml") {
            Some(Msg::DocDocx)
        } else if self.entries.first().is_some_and(|e| e.name == "mimetype") && has("content.xml") {
            Some(Msg::DocOdf)
        } else {
            None
        }
    }
}

/// Finds the end-of-archive record (and the ZIP64 one it points to) and
/// checks that the central directory it describes lies in the archive.
fn find_directory(name: &str, src: &mut dyn ReadAt) -> Result<Directory, ZipError> {
    let len = src.size();
    let tail_len = len.min((END_LEN + usize::from(u16::MAX) + 20) as u64);
    let tail_start = len - tail_len;
    let tail = read_exact(src, name, tail_start, tail_len as usize)?;
    // The last end record whose comment fits in what follows it.
    let found = (0..=tail.len().saturating_sub(END_LEN)).rev().find(|&i| {
        u32_at(&tail, i) == Some(END_SIG)
            && u16_at(&tail, i + 20).is_some_and(|c| i + END_LEN + usize::from(c) <= tail.len())
    });
    let Some(end) = found else {
        return Err(no_end_record(name, src)?);
    };
    // The record is whole: `found` checked its last field.
    let field16 = |off: usize| u16_at(&tail, end + off).unwrap_or(0);
    let field32 = |off: usize| u32_at(&tail, end + off).unwrap_or(0);
    let dir = Directory {
        offset: u64::from(field32(16)),
        size: u64::from(field32(12)),
        entries: u64::from(field16(10)),
    };
    let zip64 = dir.entries == u64::from(u16::MAX)
        || dir.size == u64::from(u32::MAX)
        || dir.offset == u64::from(u32::MAX);
    let dir = if zip64 {
        let locator = end
            .checked_sub(20)
            .filter(|&l| u32_at(&tail, l) == Some(LOCATOR64_SIG));
        zip64_directory(name, src, locator.and_then(|l| tail.get(l..end)))?
    } else if field16(4) != 0 || field16(6) != 0 {
        return Err(ZipError::Split {
            archive: name.to_string(),
        });
    } else {
        dir
    };
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

/// Why an archive has no end record: cut short when it starts as a ZIP,
/// else not a ZIP at all.
fn no_end_record(name: &str, src: &mut dyn ReadAt) -> Result<ZipError, ZipError> {
    let starts_as_zip = src.size() >= 4 && read_exact(src, name, 0, 4)? == LOCAL_SIG.to_le_bytes();
    Ok(if starts_as_zip {
        ZipError::Truncated {
            archive: name.to_string(),
            detail: "its end-of-archive record, which lists the files, is missing".to_string(),
        }
    } else {
        ZipError::NotZip {
            archive: name.to_string(),
        }
    })
}

/// The directory as the ZIP64 end record says, found through its
/// `locator` (the 20 bytes before the end record, when they are one).
fn zip64_directory(
    name: &str,
    src: &mut dyn ReadAt,
    locator: Option<&[u8]>,
) -> Result<Directory, ZipError> {
    let malformed = |detail: &str| ZipError::Malformed {
        archive: name.to_string(),
        detail: detail.to_string(),
    };
    let locator = locator.ok_or_else(|| malformed("its ZIP64 locator is missing"))?;
    let at = u64_at(locator, 8).ok_or_else(|| malformed("its ZIP64 locator is cut short"))?;
    if at.checked_add(56).is_none_or(|e| e > src.size()) {
        return Err(ZipError::Truncated {
            archive: name.to_string(),
            detail: "its ZIP64 end record lies past the end".to_string(),
        });
    }
    let rec = read_exact(src, name, at, 56)?;
    if u32_at(&rec, 0) != Some(END64_SIG) {
        return Err(malformed("its ZIP64 end record is missing"));
    }
    // 56 bytes were read: every field is there.
    let get = |off| u64_at(&rec, off).unwrap_or(0);
    Ok(Directory {
        entries: get(32),
        size: get(40),
        offset: get(48),
    })
}
