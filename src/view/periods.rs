//! The periods a page shows: the view state's choice resolved against the
//! data (never a dead end: a choice the data cannot show falls back to the
//! dataset's default, and says so), the sentences every page shows about
//! them (months without data, different seasons), and the period menu.

use crate::analysis::narrative::coverage_sentence;
use crate::analysis::period_fit::{default_pair, pair_fit, preset_fit, same_seasons, Fit};
use crate::analysis::{Coverage, Period, PeriodPair, Preset};
use crate::data::bundle::Bundle;
use crate::data::{Cube, Month};
use crate::state::PeriodChoice;

/// The publisher's default periods from the manifest, as a pair.
fn named_default(b: &Bundle) -> Option<PeriodPair> {
    let p = b.manifest.default_period?;
    let period = |(start, end): (Month, Month)| Period::new(start, end).ok();
    Some(PeriodPair {
        current: period(p.current)?,
        previous: period(p.previous)?,
    })
}

/// The pair `choice` stands for in `b`, and a sentence when the choice
/// could not be shown as asked (a preset or custom pair reaching outside
/// the data shows the default instead).
pub fn resolve(b: &Bundle, choice: PeriodChoice) -> (PeriodPair, Option<String>) {
    let cube = &b.dataset.cube;
    let fallback = || default_pair(cube, named_default(b));
    let span = || {
        format!(
            "the data covers {}",
            Period {
                start: cube.first_month(),
                end: cube.last_month()
            }
            .label()
        )
    };
    let instead = |asked: String, pair: PeriodPair| {
        format!(
            "{asked} reaches outside the data ({}): showing {} against {} instead.",
            span(),
            pair.current.label(),
            pair.previous.label()
        )
    };
    match choice {
        PeriodChoice::Default => (fallback(), None),
        PeriodChoice::Preset(p) => match preset_fit(cube, p).pair() {
            Some(pair) => (pair, None),
            None => {
                let pair = fallback();
                (
                    pair,
                    Some(instead(format!("\u{201c}{}\u{201d}", p.label()), pair)),
                )
            }
        },
        PeriodChoice::Custom(asked) => match pair_fit(cube, asked).pair() {
            Some(pair) => (pair, None),
            None => {
                let pair = fallback();
                let what = format!(
                    "The comparison of {} with {}",
                    asked.current.label(),
                    asked.previous.label()
                );
                (pair, Some(instead(what, pair)))
            }
        },
    }
}

/// The choice to open newly loaded data with: `choice` (from the address)
/// when the data reaches it, else the data's default (silently: the
/// choice was made for other data).
pub fn for_loaded(cube: &Cube, choice: PeriodChoice) -> PeriodChoice {
    let reaches = match choice {
        PeriodChoice::Default => false,
        PeriodChoice::Preset(p) => preset_fit(cube, p).pair().is_some(),
        PeriodChoice::Custom(pair) => pair_fit(cube, pair).pair().is_some(),
    };
    if reaches {
        choice
    } else {
        PeriodChoice::Default
    }
}

/// What every page says about its periods, in reading order: a choice
/// that could not be shown, months without data, different seasons.
pub fn notes(pair: &PeriodPair, coverage: &Coverage, fallback: Option<String>) -> Vec<String> {
    let mut out: Vec<String> = fallback.into_iter().collect();
    out.extend(coverage_sentence(coverage, pair));
    if !same_seasons(pair) {
        out.push(format!(
            "{} and {} are different times of year: crime rises and falls with the seasons, so part of any difference may be seasonal.",
            pair.current.label(),
            pair.previous.label()
        ));
    }
    out
}

/// The months a dataset spans, and those without data, e.g. "Data from
/// Jul 2016 to Jul 2018; 22 of these 25 months have no data (Aug 2016 –
/// Jun 2017, Aug 2017 – Jun 2018)."
pub fn span_text(cube: &Cube) -> String {
    let span = format!(
        "Data from {} to {}",
        cube.first_month().label(),
        cube.last_month().label()
    );
    let missing = cube.months_without_data();
    match missing.len() {
        0 => format!("{span}."),
        n => format!(
            "{span}; {n} of these {} months {} no data ({}).",
            cube.month_count(),
            if n == 1 { "has" } else { "have" },
            crate::analysis::coverage::month_runs(&missing)
        ),
    }
}

/// One option of the period menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodOption {
    /// Its value: a preset's key, or `custom`.
    pub key: &'static str,
    /// The words shown, with why it is marked or cannot be chosen.
    pub label: String,
    /// True when the data cannot show it (the option is disabled).
    pub disabled: bool,
}

/// The period menu as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodMenu {
    /// The presets, then "Custom periods…".
    pub options: Vec<PeriodOption>,
    /// The key of the option shown as chosen.
    pub selected: &'static str,
    /// The pair shown (what the custom fields start from).
    pub pair: PeriodPair,
}

/// The key of the custom option.
pub const CUSTOM: &str = "custom";

/// The period menu for `choice` in `b`: every preset, disabled with the
/// reason when the data does not reach it, marked when some of its months
/// have no data; custom periods can always be chosen.
pub fn menu(b: &Bundle, choice: PeriodChoice) -> PeriodMenu {
    let cube = &b.dataset.cube;
    let (pair, _) = resolve(b, choice);
    let mut options: Vec<PeriodOption> = Preset::ALL
        .into_iter()
        .map(|p| preset_option(cube, p))
        .collect();
    options.push(PeriodOption {
        key: CUSTOM,
        label: "Custom periods\u{2026}".to_string(),
        disabled: false,
    });
    let shown_preset = Preset::ALL
        .into_iter()
        .find(|&p| preset_fit(cube, p).pair() == Some(pair));
    let selected = match (choice, shown_preset) {
        (PeriodChoice::Custom(_), _) | (_, None) => CUSTOM,
        (PeriodChoice::Preset(p), Some(_)) if preset_fit(cube, p).pair() == Some(pair) => p.key(),
        (_, Some(p)) => p.key(),
    };
    PeriodMenu {
        options,
        selected,
        pair,
    }
}

fn preset_option(cube: &Cube, p: Preset) -> PeriodOption {
    let (suffix, disabled) = match preset_fit(cube, p) {
        Fit::Whole(_) => (String::new(), false),
        Fit::Gaps(_, n) => (
            format!(" ({n} month{} without data)", if n == 1 { "" } else { "s" }),
            false,
        ),
        Fit::Outside(_) => {
            let needs = p
                .pair_ending(cube.last_month())
                .map(|pair| pair.previous.start.min(pair.current.start));
            (
                match needs {
                    Some(m) => format!(" (needs data from {})", m.label()),
                    None => " (not available)".to_string(),
                },
                true,
            )
        }
    };
    PeriodOption {
        key: p.key(),
        label: format!("{}{suffix}", p.label()),
        disabled,
    }
}

#[cfg(test)]
#[path = "periods_tests.rs"]
mod tests;
