//! The periods a page shows: the view state's choice resolved against the
//! data (never a dead end: a choice the data cannot show falls back to the
//! dataset's default, and says so), the sentences every page shows about
//! them (months without data, different seasons), and the period menu.

use crate::analysis::narrative::coverage_sentence;
use crate::analysis::period_fit::{default_pair, pair_fit, preset_fit, same_seasons, Fit};
use crate::analysis::{Coverage, Period, PeriodPair, Preset};
use crate::data::explorer_data::ExplorerData;
use crate::data::{Cube, Month};
use crate::i18n::{Msg, Words};
use crate::state::PeriodChoice;

/// The publisher's default periods from the manifest, as a pair.
fn named_default(b: &ExplorerData) -> Option<PeriodPair> {
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
pub fn resolve(b: &ExplorerData, choice: PeriodChoice, w: &Words) -> (PeriodPair, Option<String>) {
    let cube = &b.dataset.cube;
    let fallback = || default_pair(cube, named_default(b));
    let span = Period {
        start: cube.first_month(),
        end: cube.last_month(),
    };
    let instead = |asked: String, pair: PeriodPair| {
        w.f(
            Msg::ReachesOutside,
            &[
                ("asked", &asked),
                ("span", &span.label_in(w)),
                ("current", &pair.current.label_in(w)),
                ("previous", &pair.previous.label_in(w)),
            ],
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
                    Some(instead(
                        format!("\u{201c}{}\u{201d}", preset_label(p, w)),
                        pair,
                    )),
                )
            }
        },
        PeriodChoice::Custom(asked) => match pair_fit(cube, asked).pair() {
            Some(pair) => (pair, None),
            None => {
                let pair = fallback();
                let what = w.f(
                    Msg::TheComparisonOf,
                    &[
                        ("current", &asked.current.label_in(w)),
                        ("previous", &asked.previous.label_in(w)),
                    ],
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
pub fn notes(
    pair: &PeriodPair,
    coverage: &Coverage,
    fallback: Option<String>,
    w: &Words,
) -> Vec<String> {
    let mut out: Vec<String> = fallback.into_iter().collect();
    out.extend(coverage_sentence(coverage, pair, w));
    if !same_seasons(pair) {
        out.push(w.f(
            Msg::DifferentSeasons,
            &[
                ("current", &pair.current.label_in(w)),
                ("previous", &pair.previous.label_in(w)),
            ],
        ));
    }
    out
}

/// A preset's name in `w`'s language.
pub fn preset_label(p: Preset, w: &Words) -> &'static str {
    w.t(match p {
        Preset::Rolling12 => Msg::PresetRolling12,
        Preset::FinancialYearToDate => Msg::PresetFytd,
        Preset::CalendarYearToDate => Msg::PresetCytd,
        Preset::LatestQuarter => Msg::PresetQuarter,
        Preset::LatestMonth => Msg::PresetMonth,
    })
}

/// The data's span ([`span_text`]) and when it was published, when the
/// manifest says: `Data from Jan 2023 to Nov 2025. Published 18 Dec 2025.`
pub fn dates_text(b: &ExplorerData, w: &Words) -> String {
    let span = span_text(&b.dataset.cube, w);
    match published_label(b, w) {
        Some(date) => w.f(Msg::SpanPublished, &[("span", &span), ("date", &date)]),
        None => span,
    }
}

/// When the manifest says the data was published: `8 Dec 2025`.
pub fn published_label(b: &ExplorerData, w: &Words) -> Option<String> {
    let date = b.manifest.published.as_deref()?;
    let month: Month = date.get(..7)?.parse().ok()?;
    let day: u8 = date.get(8..)?.parse().ok()?;
    Some(format!("{day} {}", month.label_in(w)))
}

/// The months a dataset spans, and those without data, e.g. "Data from
/// Jul 2016 to Jul 2018; 22 of these 25 months have no data (Aug 2016 –
/// Jun 2017, Aug 2017 – Jun 2018)."
pub fn span_text(cube: &Cube, w: &Words) -> String {
    let first = cube.first_month().label_in(w);
    let last = cube.last_month().label_in(w);
    let missing = cube.months_without_data();
    let (n, of) = (missing.len().to_string(), cube.month_count().to_string());
    let runs = crate::analysis::coverage::month_runs(&missing, w);
    let args = [
        ("first", first.as_str()),
        ("last", &last),
        ("n", &n),
        ("of", &of),
        ("runs", &runs),
    ];
    match missing.len() {
        0 => w.f(Msg::DataFromTo, &args),
        1 => w.f(Msg::DataFromToGapOne, &args),
        _ => w.f(Msg::DataFromToGaps, &args),
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
pub fn menu(b: &ExplorerData, choice: PeriodChoice, w: &Words) -> PeriodMenu {
    let cube = &b.dataset.cube;
    let (pair, _) = resolve(b, choice, w);
    let mut options: Vec<PeriodOption> = Preset::ALL
        .into_iter()
        .map(|p| preset_option(cube, p, w))
        .collect();
    options.push(PeriodOption {
        key: CUSTOM,
        label: w.t(Msg::CustomPeriodsOption).to_string(),
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

fn preset_option(cube: &Cube, p: Preset, w: &Words) -> PeriodOption {
    let (suffix, disabled) = match preset_fit(cube, p) {
        Fit::Whole(_) => (String::new(), false),
        Fit::Gaps(_, n) => {
            let months = w.count(n as u64, &n.to_string(), Msg::UnitMonth);
            (w.f(Msg::MonthsWithoutData, &[("months", &months)]), false)
        }
        Fit::Outside(_) => {
            let needs = p
                .pair_ending(cube.last_month())
                .map(|pair| pair.previous.start.min(pair.current.start));
            (
                match needs {
                    Some(m) => w.f(Msg::NeedsDataFrom, &[("month", &m.label_in(w))]),
                    None => w.t(Msg::NotAvailable).to_string(),
                },
                true,
            )
        }
    };
    PeriodOption {
        key: p.key(),
        label: if suffix.is_empty() {
            preset_label(p, w).to_string()
        } else {
            format!("{} {suffix}", preset_label(p, w))
        },
        disabled,
    }
}

#[cfg(test)]
mod tests {
    // On datasets written out by hand.

    use super::*;
    use crate::data::explorer_data::{assemble, Files};
    use crate::data::Manifest;

    /// A dataset with one row (of 1) in each month given.
    fn data_with(months: &[String], manifest_extra: &str) -> ExplorerData {
        let manifest = Manifest::parse(
            "m.json",
            &format!(r#"{{"title":"T","files":{{"counts":"c"}}{manifest_extra}}}"#),
        )
        .unwrap();
        let mut counts = String::from("month,area_code,category,count\n");
        for m in months {
            counts.push_str(&format!("{m},W1,Burglary,1\n"));
        }
        assemble(manifest, Files::counts("c", counts.as_bytes())).unwrap()
    }

    fn months(from: &str, n: i64) -> Vec<String> {
        let first: Month = from.parse().unwrap();
        (0..n)
            .map(|i| first.offset(i).unwrap().to_string())
            .collect()
    }

    fn text(p: PeriodPair) -> String {
        format!("{} vs {}", p.current, p.previous)
    }

    #[test]
    fn a_year_of_data_opens_on_figures_with_every_preset_disabled_and_why() {
        let b = data_with(&months("2025-01", 12), "");
        let m = menu(&b, PeriodChoice::Default, crate::i18n::english());
        assert_eq!(text(m.pair), "2025-07..2025-12 vs 2025-01..2025-06");
        assert_eq!(m.selected, CUSTOM);
        let rolling = &m.options[0];
        assert!(rolling.disabled);
        assert_eq!(
            rolling.label,
            "Last 12 months vs the 12 before (needs data from Jan 2024)"
        );
        assert!(m.options.iter().take(5).all(|o| o.disabled));
        let custom = m.options.last().unwrap();
        assert_eq!((custom.key, custom.disabled), (CUSTOM, false));
        // A preset in the address that the data cannot show falls back, and
        // says so; the seasons differ, and that is said too.
        let (pair, note) = resolve(
            &b,
            PeriodChoice::Preset(Preset::Rolling12),
            crate::i18n::english(),
        );
        assert_eq!(text(pair), "2025-07..2025-12 vs 2025-01..2025-06");
        assert_eq!(
            note.as_deref(),
            Some(
                "\u{201c}Last 12 months vs the 12 before\u{201d} reaches outside the data (the data \
                 covers Jan 2025 \u{2013} Dec 2025): showing Jul 2025 \u{2013} Dec 2025 against \
                 Jan 2025 \u{2013} Jun 2025 instead."
            )
        );
        let n = notes(&pair, &Coverage::default(), note, crate::i18n::english());
        assert_eq!(n.len(), 2);
        assert!(n[1].contains("different times of year"), "{n:?}");
    }

    #[test]
    fn the_publishers_default_period_is_used() {
        let extra =
            r#","default_period":{"current":"2025-10..2025-12","previous":"2025-07..2025-09"}"#;
        let b = data_with(&months("2025-01", 12), extra);
        let (pair, note) = resolve(&b, PeriodChoice::Default, crate::i18n::english());
        assert_eq!(text(pair), "2025-10..2025-12 vs 2025-07..2025-09");
        assert_eq!(note, None);
    }

    #[test]
    fn three_julys_mark_the_presets_with_gaps_and_open_on_july() {
        let b = data_with(&["2016-07", "2017-07", "2018-07"].map(String::from), "");
        let m = menu(&b, PeriodChoice::Default, crate::i18n::english());
        assert_eq!(m.selected, "month");
        assert_eq!(text(m.pair), "2018-07..2018-07 vs 2017-07..2017-07");
        let rolling = &m.options[0];
        assert!(!rolling.disabled);
        assert_eq!(
            rolling.label,
            "Last 12 months vs the 12 before (22 months without data)"
        );
        // Chosen anyway, it shows figures and says what is missing.
        let (pair, note) = resolve(
            &b,
            PeriodChoice::Preset(Preset::Rolling12),
            crate::i18n::english(),
        );
        assert_eq!(note, None);
        let coverage = Coverage::of(&b.dataset.cube, &pair, &[true]);
        let n = notes(&pair, &coverage, None, crate::i18n::english());
        assert_eq!(
            n,
            [
                "11 of the 12 months in each period have no data (Aug 2017 \u{2013} Jun 2018; \
              Aug 2016 \u{2013} Jun 2017), so the two periods are not compared."
            ]
        );
        let m = menu(
            &b,
            PeriodChoice::Preset(Preset::Rolling12),
            crate::i18n::english(),
        );
        assert_eq!(m.selected, "rolling12");
        assert_eq!(
            span_text(&b.dataset.cube, crate::i18n::english()),
            "Data from Jul 2016 to Jul 2018; 22 of these 25 months have no data \
             (Aug 2016 \u{2013} Jun 2017, Aug 2017 \u{2013} Jun 2018)."
        );
        assert_eq!(
            dates_text(&b, crate::i18n::english()),
            span_text(&b.dataset.cube, crate::i18n::english()),
            "no date, none said"
        );
        let mut dated = b.clone();
        dated.manifest.published = Some("2018-08-21".to_string());
        assert!(dates_text(&dated, crate::i18n::english())
            .ends_with("Jun 2018). Published 21 Aug 2018."));
    }

    #[test]
    fn a_custom_pair_outside_the_data_falls_back_and_custom_stays_chosen() {
        let b = data_with(&months("2023-01", 35), "");
        let asked = PeriodPair {
            current: Period::parse("2026-01..2026-03").unwrap(),
            previous: Period::parse("2025-01..2025-03").unwrap(),
        };
        let (pair, note) = resolve(&b, PeriodChoice::Custom(asked), crate::i18n::english());
        assert_eq!(text(pair), "2024-12..2025-11 vs 2023-12..2024-11");
        assert!(note.unwrap().starts_with(
            "The comparison of Jan 2026 \u{2013} Mar 2026 with Jan 2025 \u{2013} Mar 2025 reaches outside"
        ));
        assert_eq!(
            menu(&b, PeriodChoice::Custom(asked), crate::i18n::english()).selected,
            CUSTOM
        );
        assert_eq!(
            menu(&b, PeriodChoice::Default, crate::i18n::english()).selected,
            "rolling12"
        );
    }

    #[test]
    fn loaded_data_keeps_a_choice_it_reaches() {
        let b = data_with(&months("2025-01", 12), "");
        let cube = &b.dataset.cube;
        let rolling = PeriodChoice::Preset(Preset::Rolling12);
        assert_eq!(for_loaded(cube, rolling), PeriodChoice::Default);
        let inside = PeriodChoice::Custom(PeriodPair {
            current: Period::parse("2025-04..2025-06").unwrap(),
            previous: Period::parse("2025-01..2025-03").unwrap(),
        });
        assert_eq!(for_loaded(cube, inside), inside);
        let month = PeriodChoice::Preset(Preset::LatestMonth);
        assert_eq!(
            for_loaded(cube, month),
            PeriodChoice::Default,
            "Dec 2024 is outside"
        );
    }
}
