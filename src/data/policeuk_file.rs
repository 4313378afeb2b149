//! The police.uk file being read ([`FileState`]): where it is, and its
//! read buffer, which holds the bytes of an unfinished record and is reused
//! from piece to piece and file to file.

use std::fmt;

use super::policeuk_row::Columns;
use super::text::Recoded;

/// A read buffer, shown by its size (its bytes are not worth printing).
#[derive(Default)]
pub(super) struct Buffer(pub Vec<u8>);

impl fmt::Debug for Buffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Buffer({} bytes)", self.0.len())
    }
}

/// The file being read.
#[derive(Debug)]
pub(super) struct FileState {
    pub name: String,
    /// The line the next record starts on (1 = header).
    pub line: u64,
    pub columns: Option<Columns>,
    /// `buf[..pending]`: the bytes of an unfinished record carried to the
    /// next `feed`; the rest is room that
    /// [`feed_from`](super::policeuk::PoliceUkAggregator::feed_from)
    /// reads into (kept from file to file, never shrunk or re-zeroed).
    pub buf: Buffer,
    pub pending: usize,
    /// Rescan the pending bytes only once there are this many (keeps a
    /// huge unfinished record, e.g. after an unclosed quote, linear rather
    /// than quadratic).
    pub retry_at: usize,
    /// Its rows read as Windows-1252 so far (added to the report when the
    /// file ends).
    pub recoded: Option<Recoded>,
    /// The used cells of such a row, decoded.
    pub scratch: String,
}

impl FileState {
    /// Makes room for `n` bytes after the pending ones; returns that room.
    pub fn room(&mut self, n: usize) -> &mut [u8] {
        let end = self.pending + n;
        let buf = &mut self.buf.0;
        if buf.len() < end {
            // A fresh zeroed allocation (new memory is zero already, so
            // nothing is written) with room to spare for a carried record.
            let size = (end + end / 8).max(buf.len() * 2);
            let mut bigger = vec![0u8; size];
            let kept = &buf[..self.pending];
            bigger[..kept.len()].copy_from_slice(kept);
            *buf = bigger;
        }
        &mut buf[self.pending..end]
    }
}
