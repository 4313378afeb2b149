//! Reading one entry a chunk at a time: stored or inflated, its size and
//! CRC-32 checked at its end.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::{read_exact, u16_at, u32_at, ReadAt, ZipEntry, ZipError, LOCAL_LEN, LOCAL_SIG};

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
    crc: crc32fast::Hasher,
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
            crc: crc32fast::Hasher::new(),
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

    /// Bytes unpacked so far.
    pub fn unpacked_done(&self) -> u64 {
        self.written
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
        let found = self.crc.clone().finalize();
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
            &self.output[..len]
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
            let rest = &input[pos..];
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
