//! The rule for repeated files, for every front end: a police.uk file of a
//! month and force already read is not read again. The first file given
//! for a month and force is read; a later one is set aside, naming the
//! first. Two files are the same when their bytes (unpacked, for an
//! archive's entry) have the same length and CRC-32; otherwise the later
//! one is a different version of the month (police.uk republishes months,
//! and two downloads differ slightly), which the report says, as the
//! figures then depend on which was given first.

use crate::data::month::Month;
use crate::data::recognise::FileKind;
use crate::i18n::{Msg, Text};

use super::files::FileStatus;
use super::{LoadSession, STEP_BYTES};

/// A police.uk file not read because an earlier one has its month and force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// The file read instead (the first given).
    pub first: String,
    /// Their month.
    pub month: Month,
    /// Their force.
    pub force: String,
    /// True when the two hold the same bytes; false for a different
    /// version of the month (or when this one could not be compared).
    pub same: bool,
}

impl Repeat {
    /// The reason, for the report.
    pub fn describe(&self) -> Text {
        let msg = if self.same {
            Msg::RepeatSame
        } else {
            Msg::RepeatDiffers
        };
        Text::msg(msg)
            .with("first", self.first.as_str())
            .with("month", self.month.to_string())
            .with("force", self.force.as_str())
    }
}

impl LoadSession {
    /// The police.uk files in `police` but those whose month and force an
    /// earlier one has (see the module docs): those are set aside with a
    /// [`FileStatus::Repeat`].
    pub(super) fn without_repeats(&mut self, police: Vec<usize>) -> Vec<usize> {
        let mut seen: Vec<(Month, String, usize)> = Vec::new();
        let mut kept = Vec::new();
        for i in police {
            let it = &self.items[i];
            let FileKind::PoliceUkStreet {
                month: Some(month),
                force: Some(force),
            } = &it.report.kind
            else {
                kept.push(i);
                continue;
            };
            let (month, force) = (*month, force.clone());
            let first = seen
                .iter()
                .find(|(m, f, _)| *m == month && *f == force)
                .map(|(_, _, first)| *first);
            match first {
                Some(first) => {
                    let same = self.same_content(first, i);
                    let first = self
                        .items
                        .get(first)
                        .map(|f| f.report.name.clone())
                        .unwrap_or_default();
                    let repeat = Repeat {
                        first,
                        month,
                        force,
                        same,
                    };
                    self.set_status(i, FileStatus::Repeat(repeat));
                }
                None => {
                    seen.push((month, force, i));
                    kept.push(i);
                }
            }
        }
        kept
    }

    /// True when items `a` and `b` have the same unpacked length and CRC-32
    /// (false when either cannot be read).
    fn same_content(&mut self, a: usize, b: usize) -> bool {
        let size = |s: &Self, i: usize| s.items[i].report.size;
        if size(self, a) != size(self, b) {
            return false;
        }
        match (self.crc(a), self.crc(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
    }

    /// The CRC-32 of item `i`'s bytes: an archive's entry lists its own;
    /// a plain file is read through.
    fn crc(&mut self, i: usize) -> Option<u32> {
        let it = &self.items[i];
        if let Some(entry) = &it.entry {
            return Some(entry.crc32);
        }
        let size = it.report.size;
        let source = &mut self.sources[it.source];
        let mut crc = crc32fast::Hasher::new();
        let mut buf = vec![0u8; STEP_BYTES];
        let mut at = 0u64;
        while at < size {
            let n = (size - at).min(STEP_BYTES as u64) as usize;
            let piece = &mut buf[..n];
            source.read_at(at, piece).ok()?;
            crc.update(piece);
            at += n as u64;
        }
        Some(crc.finalize())
    }
}
