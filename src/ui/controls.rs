//! The controls shared by every page: periods, selection, and on the wards
//! page the ranking measure. Every change goes into the URL.

use leptos::prelude::*;

use crate::analysis::{Period, PeriodPair, Preset};
use crate::data::Month;
use crate::state::{Measure, Page, PeriodChoice, ViewState};
use crate::view::periods::{self, PeriodMenu};
use crate::view::selection::selection_menu;

use crate::i18n::{Msg, Words};

use super::{shown, update, words_of};

/// The period, selection and measure controls.
#[component]
pub fn Controls(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let data = shown();
    let w = words_of(view);
    // The menu (options, the one chosen, the pair shown) is computed in
    // `view::periods`; the component renders it.
    let menu = Memo::new(move |_| view.with(|v| periods::menu(&data, v.period, w)));
    let is_custom = Memo::new(move |_| menu.with(|m| m.selected == periods::CUSTOM));
    let on_wards = Memo::new(move |_| view.with(|v| v.page == Page::Wards));
    view! {
        <form class="controls" aria-label=w.t(Msg::WhatToShow) on:submit=|ev| ev.prevent_default()>
            <PeriodSelect menu=menu view=view w=w />
            <SelectionSelect view=view w=w />
            {move || on_wards.get().then(|| view! { <MeasureChoice view=view w=w /> })}
            {move || is_custom.get().then(|| view! { <CustomPeriods menu=menu view=view w=w /> })}
        </form>
    }
}

/// The period menu: the presets (those the data cannot fill disabled)
/// and "Custom".
#[component]
fn PeriodSelect(
    menu: Memo<PeriodMenu>,
    view: RwSignal<ViewState>,
    w: &'static Words,
) -> impl IntoView {
    let presets = move || {
        menu.with(|m| {
            m.options
                .iter()
                .map(|o| {
                    let selected = m.selected == o.key;
                    view! {
                        <option value=o.key disabled=o.disabled selected=selected>
                            {o.label.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let on_change = move |ev| {
        let key = event_target_value(&ev);
        let period = match Preset::from_key(&key) {
            Some(p) => PeriodChoice::Preset(p),
            None => PeriodChoice::Custom(menu.with_untracked(|m| m.pair)),
        };
        update(view, |v| v.period = period);
    };
    view! {
        <div class="control">
            <label for="period">{w.t(Msg::Periods)}</label>
            <select id="period" data-testid="period-select" on:change=on_change>
                {move || presets()}
            </select>
        </div>
    }
}

/// The crime type menu (computed in `view::selection`), in its groups.
#[component]
fn SelectionSelect(view: RwSignal<ViewState>, w: &'static Words) -> impl IntoView {
    let option = move |(key, label): (String, String)| {
        let chosen = key.clone();
        view! {
            <option value=key selected=move || view.with(|v| v.select.eq_ignore_ascii_case(&chosen))>
                {label}
            </option>
        }
    };
    let groups = selection_menu(&shown().dataset.categories, w)
        .into_iter()
        .map(|g| {
            let options = g.options.into_iter().map(option).collect_view();
            match g.label {
                Some(label) => view! { <optgroup label=label>{options}</optgroup> }.into_any(),
                None => options.into_any(),
            }
        })
        .collect_view();
    let on_change = move |ev| {
        let key = event_target_value(&ev);
        update(view, |v| v.select = key);
    };
    view! {
        <div class="control">
            <label for="select">{w.t(Msg::CrimeType)}</label>
            <select id="select" data-testid="selection-select" on:change=on_change>{groups}</select>
        </div>
    }
}

/// Count or rate, on the wards page.
#[component]
fn MeasureChoice(view: RwSignal<ViewState>, w: &'static Words) -> impl IntoView {
    let is = move |m: Measure| view.with(|v| v.measure == m);
    let set = move |m: Measure| move |_| update(view, |v| v.measure = m);
    view! {
        <fieldset class="measure">
            <legend>{w.t(Msg::RankBy)}</legend>
            <label>
                <input type="radio" name="measure" value="count" data-testid="measure-count"
                    prop:checked=move || is(Measure::Count) on:change=set(Measure::Count) />
                " " {w.t(Msg::MeasureCountChoice)}
            </label>
            <label>
                <input type="radio" name="measure" value="rate" data-testid="measure-rate"
                    prop:checked=move || is(Measure::Rate) on:change=set(Measure::Rate) />
                " " {w.t(Msg::MeasureRateChoice)}
            </label>
        </fieldset>
    }
}

/// Which month of the custom pair a month input sets.
#[derive(Clone, Copy)]
enum PairMonth {
    CurrentFrom,
    CurrentTo,
    PreviousFrom,
    PreviousTo,
}

impl PairMonth {
    /// The month in `pair`.
    fn of(self, pair: &PeriodPair) -> Month {
        match self {
            PairMonth::CurrentFrom => pair.current.start,
            PairMonth::CurrentTo => pair.current.end,
            PairMonth::PreviousFrom => pair.previous.start,
            PairMonth::PreviousTo => pair.previous.end,
        }
    }

    /// `pair` with this month set to `month`.
    fn set(self, mut pair: PeriodPair, month: Month) -> PeriodPair {
        match self {
            PairMonth::CurrentFrom => pair.current.start = month,
            PairMonth::CurrentTo => pair.current.end = month,
            PairMonth::PreviousFrom => pair.previous.start = month,
            PairMonth::PreviousTo => pair.previous.end = month,
        }
        pair
    }
}

/// The custom pair's four months, shown when "Custom" is chosen; a pair
/// that cannot be compared is said, not taken.
#[component]
fn CustomPeriods(
    menu: Memo<PeriodMenu>,
    view: RwSignal<ViewState>,
    w: &'static Words,
) -> impl IntoView {
    let cube = &shown().dataset.cube;
    let (first, last) = (cube.first_month(), cube.last_month());
    let (error, set_error) = signal(String::new());
    let set = move |end: PairMonth, value: String| {
        let Some(month) = parse_html_month(&value) else {
            set_error.set(w.t(Msg::ChooseAMonth).into());
            return;
        };
        let pair = end.set(menu.with_untracked(|m| m.pair), month);
        let ok = |p: &Period| p.start <= p.end;
        if !ok(&pair.current) || !ok(&pair.previous) {
            set_error.set(w.t(Msg::PeriodEndsBeforeStart).into());
            return;
        }
        if pair.check_within(first, last).is_err() {
            let span = Period {
                start: first,
                end: last,
            };
            set_error.set(w.f(Msg::PeriodOutsideData, &[("span", &span.label_in(w))]));
            return;
        }
        set_error.set(String::new());
        update(view, |v| v.period = PeriodChoice::Custom(pair));
    };
    let input = move |id: &'static str, label: &'static str, end: PairMonth| {
        view! {
            <label for=id>{label}</label>
            <input type="month" id=id min=html_month(first) max=html_month(last)
                prop:value=move || menu.with(|m| html_month(end.of(&m.pair)))
                on:change=move |ev| set(end, event_target_value(&ev)) />
        }
    };
    view! {
        <fieldset class="custom-period" data-testid="custom-period">
            <legend>{w.t(Msg::CustomPeriods)}</legend>
            <div>
                {input("cur-start", w.t(Msg::CurrentFrom), PairMonth::CurrentFrom)}
                {input("cur-end", w.t(Msg::To), PairMonth::CurrentTo)}
            </div>
            <div>
                {input("prev-start", w.t(Msg::ComparedWithFrom), PairMonth::PreviousFrom)}
                {input("prev-end", w.t(Msg::To), PairMonth::PreviousTo)}
            </div>
            <p class="error" role="alert">{error}</p>
        </fieldset>
    }
}

/// `2025-03` as an `<input type="month">` value (the same text).
fn html_month(m: Month) -> String {
    m.to_string()
}

fn parse_html_month(s: &str) -> Option<Month> {
    s.trim().parse().ok()
}
