//! Disclosure control: what may be shown of a figure. Every output — the
//! page, embeds, CSV/JSON exports, the CLI — renders [`Shown`] values, so a
//! suppressed count is `[c]` everywhere.
//!
//! Always, whatever the dataset sets: a **% change** on a previous count
//! below [`LOW_BASE`] is `[low]` (a rise from 1 to 2 is "+100%", which says
//! nothing), and a change between periods with months without data is
//! `[x]` (see [`super::coverage`]).
//!
//! Rules (`../shared/DESIGN.md`, "Disclosure control"), when the dataset
//! sets a threshold `t`:
//! - **primary**: a count from 1 to `t − 1` is `[c]` (0 is shown);
//! - **derived figures** (change, % change, p-value, interval, rate) of a
//!   suppressed count are `[c]` too, since they would give it back;
//! - **secondary**: in a group of cells whose total is shown (a column of
//!   a table and its total row), when exactly one cell is suppressed, the
//!   next smallest non-zero shown cell is suppressed as well (ties: the
//!   first in table order); with no such cell, the total is suppressed.
//!   Then no cell can be recovered by subtracting the others from the
//!   total. (Rows of our tables carry no row total: change is derived and
//!   suppressed with its counts.)
//!
//! Without a threshold no count is suppressed: suppression is the
//! publisher's choice.

use std::fmt;

use crate::data::Manifest;

/// A % change on a previous count below this is not shown (`[low]`).
pub const LOW_BASE: u64 = 10;

/// A figure as it may be shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown<T> {
    /// The figure.
    Value(T),
    /// Withheld to protect a small count: `[c]`.
    Suppressed,
    /// A % change on too small a base: `[low]`.
    Low,
    /// Nothing to show (e.g. no % change from a previous count of 0).
    Missing,
    /// Not available: a change between periods that have months without
    /// data, which are not compared (`[x]`, as in the GSS table symbols).
    NotAvailable,
}

impl<T: Copy> Shown<T> {
    /// The figure, when shown.
    pub fn value(&self) -> Option<T> {
        match self {
            Shown::Value(v) => Some(*v),
            _ => None,
        }
    }

    /// `Value` of `Some`, `Missing` of `None`.
    pub fn from_option(v: Option<T>) -> Shown<T> {
        v.map_or(Shown::Missing, Shown::Value)
    }

    /// Applies `f` to a shown figure.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Shown<U> {
        match self {
            Shown::Value(v) => Shown::Value(f(v)),
            Shown::Suppressed => Shown::Suppressed,
            Shown::Low => Shown::Low,
            Shown::Missing => Shown::Missing,
            Shown::NotAvailable => Shown::NotAvailable,
        }
    }

    /// The marker for a figure that is not shown: `[c]`, `[low]`, `[x]` or
    /// empty.
    pub fn marker(&self) -> Option<&'static str> {
        match self {
            Shown::Value(_) => None,
            Shown::Suppressed => Some("[c]"),
            Shown::Low => Some("[low]"),
            Shown::Missing => Some(""),
            Shown::NotAvailable => Some("[x]"),
        }
    }
}

/// Machine-readable text: full precision (`{}` prints the shortest text
/// that reads back to the same number), or the marker.
impl<T: fmt::Display + Copy> fmt::Display for Shown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Value(v) => write!(f, "{v}"),
            other => f.write_str(other.marker().unwrap_or("")),
        }
    }
}

/// Serialises as the number, `null` when missing, or the marker text.
impl<T: serde::Serialize + Copy> serde::Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Value(v) => v.serialize(s),
            Shown::Missing => s.serialize_none(),
            other => s.serialize_str(other.marker().unwrap_or("")),
        }
    }
}

/// The disclosure rule of a dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Disclosure {
    /// Counts from 1 to threshold − 1 are suppressed; `None` = no control.
    pub threshold: Option<u32>,
}

impl Disclosure {
    /// No disclosure control: everything is shown.
    pub const NONE: Disclosure = Disclosure { threshold: None };

    /// The rule a manifest sets.
    pub fn from_manifest(manifest: &Manifest) -> Disclosure {
        Disclosure {
            threshold: manifest.disclosure_threshold,
        }
    }

    /// True when `count` must be suppressed by the primary rule.
    pub fn is_small(&self, count: u64) -> bool {
        self.threshold
            .is_some_and(|t| count >= 1 && count < u64::from(t))
    }

    /// A count under the primary rule only.
    pub fn count(&self, count: u64) -> Shown<u64> {
        if self.is_small(count) {
            Shown::Suppressed
        } else {
            Shown::Value(count)
        }
    }

    /// A % change from `previous`: missing with no base, `[low]` on a base
    /// under [`LOW_BASE`] (with or without a threshold).
    pub fn pct_change(&self, previous: u64, pct: Option<f64>) -> Shown<f64> {
        match pct {
            None => Shown::Missing,
            Some(_) if previous < LOW_BASE => Shown::Low,
            Some(p) => Shown::Value(p),
        }
    }
}

/// Marks the cells to suppress in one group of cells that add up to a
/// shown total (`values`: the cells, in table order; `total`: their
/// total's value, when the table shows it). Returns one flag per cell and
/// whether the total must be suppressed too. See the module docs.
pub fn protect_group(rule: &Disclosure, values: &[u64], total: Option<u64>) -> (Vec<bool>, bool) {
    let mut hidden: Vec<bool> = values.iter().map(|&v| rule.is_small(v)).collect();
    let total_small = total.is_some_and(|t| rule.is_small(t));
    if total.is_none() || total_small {
        return (hidden, total_small);
    }
    if hidden.iter().filter(|&&h| h).count() != 1 {
        return (hidden, false);
    }
    let next = values
        .iter()
        .enumerate()
        .filter(|&(i, &v)| v > 0 && !hidden[i])
        .min_by_key(|&(i, &v)| (v, i))
        .map(|(i, _)| i);
    match next {
        Some(i) => {
            hidden[i] = true;
            (hidden, false)
        }
        None => (hidden, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE: Disclosure = Disclosure { threshold: Some(5) };

    #[test]
    fn primary_rule_and_low_base() {
        assert_eq!(FIVE.count(0), Shown::Value(0), "zero is not disclosive");
        assert_eq!(FIVE.count(1), Shown::Suppressed);
        assert_eq!(FIVE.count(4), Shown::Suppressed);
        assert_eq!(FIVE.count(5), Shown::Value(5));
        assert_eq!(Disclosure::NONE.count(1), Shown::Value(1));
        assert_eq!(FIVE.pct_change(9, Some(50.0)), Shown::Low);
        assert_eq!(FIVE.pct_change(10, Some(50.0)), Shown::Value(50.0));
        assert_eq!(FIVE.pct_change(0, None), Shown::Missing);
        assert_eq!(
            Disclosure::NONE.pct_change(1, Some(100.0)),
            Shown::Low,
            "a base under 10 is marked without a threshold too"
        );
        assert_eq!(
            Disclosure::NONE.pct_change(10, Some(50.0)),
            Shown::Value(50.0)
        );
        assert_eq!(Shown::<u64>::Suppressed.to_string(), "[c]");
        assert_eq!(Shown::<f64>::Low.to_string(), "[low]");
        assert_eq!(
            Shown::Value(0.1f64 + 0.2).to_string(),
            "0.30000000000000004"
        );
    }

    #[test]
    fn a_lone_suppressed_cell_takes_the_next_smallest_with_it() {
        // 20 + 3 + 7 + 0 + 9 = 39 shown: 3 alone would be 39 − 36.
        let (hidden, total_hidden) = protect_group(&FIVE, &[20, 3, 7, 0, 9], Some(39));
        assert_eq!(hidden, vec![false, true, true, false, false]);
        assert!(!total_hidden);
        // The zero is never picked; the tie at 8 goes to the first.
        let (hidden, _) = protect_group(&FIVE, &[2, 0, 8, 8], Some(18));
        assert_eq!(hidden, vec![true, false, true, false]);
    }

    #[test]
    fn two_suppressed_cells_need_nothing_more_and_no_total_no_secondary() {
        let (hidden, t) = protect_group(&FIVE, &[2, 3, 50], Some(55));
        assert_eq!((hidden, t), (vec![true, true, false], false));
        let (hidden, t) = protect_group(&FIVE, &[2, 50], None);
        assert_eq!((hidden, t), (vec![true, false], false));
    }

    #[test]
    fn with_no_other_cell_to_hide_the_total_goes() {
        let (hidden, t) = protect_group(&FIVE, &[3, 0, 0], Some(3));
        assert_eq!(hidden, vec![true, false, false]);
        assert!(t, "the total 3 is itself small");
        // A total that also holds a known figure outside the group (5 not
        // allocated): 9 − 5 − 0 would give the 4 back.
        let (hidden, t) = protect_group(&FIVE, &[4, 0], Some(9));
        assert_eq!(hidden, vec![true, false]);
        assert!(t);
    }
}
