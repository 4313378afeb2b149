//! A linear `f64` axis that is plotters' own (`RangedCoordf64`) in every way
//! but one: it has no default label text. Every chart here sets its own
//! label formatters, so plotters' default (its float pretty-printer) was
//! dead weight in the wasm.

use std::ops::Range;

use plotters::coord::types::RangedCoordf64;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};

/// A linear axis over `range`.
pub struct Axis(RangedCoordf64);

impl From<Range<f64>> for Axis {
    fn from(range: Range<f64>) -> Axis {
        Axis(range.into())
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        self.0.key_points(hint)
    }

    fn range(&self) -> Range<f64> {
        self.0.range()
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> Range<i32> {
        self.0.axis_pixel_range(limit)
    }
}

impl ValueFormatter<f64> for Axis {
    /// Never shown: the charts label their axes themselves.
    fn format(_value: &f64) -> String {
        String::new()
    }
}
