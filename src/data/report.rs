//! The load report every reader returns alongside its data.

use serde::Serialize;

use super::text::Recoded;
use crate::i18n::Text;

/// How many rejected rows are kept with their reasons (the rest are counted).
pub const MAX_KEPT_REJECTIONS: usize = 100;

/// One row that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The file it came from.
    pub file: String,
    /// Its line number (1 = the header line).
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    /// What was wrong, in words a person can act on (in any language).
    pub reason: Text,
}

/// What happened to every row of a load. `accepted + not_allocated +
/// outside_area + unknown_code + rejected == rows_read`, always.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LoadReport {
    /// Data rows read (header and blank lines excluded).
    pub rows_read: u64,
    /// Rows counted into an area.
    pub accepted: u64,
    /// Rows with no area code: kept in dataset totals, in no area.
    pub not_allocated: u64,
    /// Rows whose code the lookups place outside the area the load was
    /// restricted to (or, without one, in no area of the level).
    pub outside_area: u64,
    /// Rows whose code no lookup knows (e.g. a 2011 LSOA code with only a
    /// 2021 lookup): not counted, and not said to be outside.
    pub unknown_code: u64,
    /// Malformed rows.
    pub rejected: u64,
    /// The first [`MAX_KEPT_REJECTIONS`] rejected rows with reasons.
    pub rejections: Vec<Rejection>,
    /// The files with rows read as Windows-1252 (not UTF-8), one note each.
    pub windows_1252: Vec<Recoded>,
}

impl LoadReport {
    /// True when every row read is accounted for exactly once.
    pub fn adds_up(&self) -> bool {
        self.accepted + self.not_allocated + self.outside_area + self.unknown_code + self.rejected
            == self.rows_read
    }

    /// Records a rejected row (keeping its reason if there is room).
    pub fn reject(&mut self, file: &str, line: u64, column: Option<&str>, reason: Text) {
        self.rejected += 1;
        if self.rejections.len() < MAX_KEPT_REJECTIONS {
            self.rejections.push(Rejection {
                file: file.to_string(),
                line,
                column: column.map(str::to_string),
                reason,
            });
        }
    }

    /// Adds another report's figures to this one.
    pub fn merge(&mut self, other: LoadReport) {
        self.rows_read += other.rows_read;
        self.accepted += other.accepted;
        self.not_allocated += other.not_allocated;
        self.outside_area += other.outside_area;
        self.unknown_code += other.unknown_code;
        self.rejected += other.rejected;
        let room = MAX_KEPT_REJECTIONS.saturating_sub(self.rejections.len());
        self.rejections
            .extend(other.rejections.into_iter().take(room));
        self.windows_1252.extend(other.windows_1252);
    }
}
