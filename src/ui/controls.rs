//! The controls shared by every page: periods, selection, and on the wards
//! page the ranking measure. Every change goes into the URL.

use std::sync::Arc;

use leptos::prelude::*;

use crate::analysis::{Period, PeriodPair, Preset};
use crate::data::bundle::Bundle;
use crate::data::Month;
use crate::state::{Measure, Page, PeriodChoice, ViewState};
use crate::view::periods;
use crate::view::selection::selection_menu;

use super::update;

/// The period, selection and measure controls.
#[component]
pub fn Controls(bundle: Arc<Bundle>, view: RwSignal<ViewState>) -> impl IntoView {
    // The crime type menu is computed in `view::selection`.
    let menu_groups = selection_menu(&bundle.dataset.categories);
    let first = bundle.dataset.cube.first_month();
    let last = bundle.dataset.cube.last_month();
    // The menu (options, the one chosen, the pair shown) is computed in
    // `view::periods`; the component renders it.
    let menu = Memo::new(move |_| periods::menu(&bundle, view.with(|v| v.period)));
    let presets = move || {
        menu.with(|m| {
            m.options
                .iter()
                .map(|o| {
                    let selected = m.selected == o.key;
                    view! { <option value=o.key disabled=o.disabled selected=selected>{o.label.clone()}</option> }
                })
                .collect_view()
        })
    };
    let is_custom = move || menu.with(|m| m.selected == periods::CUSTOM);
    let option = move |(key, label): (String, String)| {
        let chosen = key.clone();
        view! { <option value=key selected=move || view.with(|v| v.select.eq_ignore_ascii_case(&chosen))>{label}</option> }
    };
    let select_options = menu_groups
        .into_iter()
        .map(|g| {
            let options = g.options.into_iter().map(option).collect_view();
            match g.label {
                Some(label) => view! { <optgroup label=label>{options}</optgroup> }.into_any(),
                None => options.into_any(),
            }
        })
        .collect_view();
    // The custom pair's months, shown when "Custom" is chosen.
    let current_pair = move || Some(menu.with(|m| m.pair));
    let (custom_error, set_custom_error) = signal(String::new());
    let set_custom = move |which: usize, value: String| {
        let Some(mut pair) = current_pair() else {
            return;
        };
        let Some(month) = parse_html_month(&value) else {
            set_custom_error.set("Choose a month.".into());
            return;
        };
        match which {
            0 => pair.current.start = month,
            1 => pair.current.end = month,
            2 => pair.previous.start = month,
            _ => pair.previous.end = month,
        }
        let ok = |p: &Period| p.start <= p.end;
        if !ok(&pair.current) || !ok(&pair.previous) {
            set_custom_error.set("A period must end on or after its start.".into());
            return;
        }
        if let Err(e) = pair.check_within(first, last) {
            set_custom_error.set(e.to_string());
            return;
        }
        set_custom_error.set(String::new());
        update(view, |v| v.period = PeriodChoice::Custom(pair));
    };
    let month_input = move |id: &'static str,
                            label: &'static str,
                            which: usize,
                            get: fn(&PeriodPair) -> Month| {
        view! {
            <label for=id>{label}</label>
            <input type="month" id=id min=html_month(first) max=html_month(last)
                prop:value=move || current_pair().map(|p| html_month(get(&p))).unwrap_or_default()
                on:change=move |ev| set_custom(which, event_target_value(&ev)) />
        }
    };
    let custom = move || {
        is_custom().then(|| {
            view! {
                <fieldset class="custom-period" data-testid="custom-period">
                    <legend>"Custom periods"</legend>
                    <div>{month_input("cur-start", "Current from", 0, |p| p.current.start)}{month_input("cur-end", "to", 1, |p| p.current.end)}</div>
                    <div>{month_input("prev-start", "Compared with", 2, |p| p.previous.start)}{month_input("prev-end", "to", 3, |p| p.previous.end)}</div>
                    <p class="error" role="alert">{custom_error}</p>
                </fieldset>
            }
        })
    };
    let measure = move || {
        (view.with(|v| v.page) == Page::Wards).then(|| {
            view! {
                <fieldset class="measure">
                    <legend>"Rank by"</legend>
                    <label><input type="radio" name="measure" value="count" data-testid="measure-count"
                        prop:checked=move || view.with(|v| v.measure == Measure::Count)
                        on:change=move |_| update(view, |v| v.measure = Measure::Count) />" Count"</label>
                    <label><input type="radio" name="measure" value="rate" data-testid="measure-rate"
                        prop:checked=move || view.with(|v| v.measure == Measure::Rate)
                        on:change=move |_| update(view, |v| v.measure = Measure::Rate) />" Rate per 1,000 residents"</label>
                </fieldset>
            }
        })
    };
    view! {
        <form class="controls" aria-label="What to show" on:submit=|ev| ev.prevent_default()>
            <div class="control">
                <label for="period">"Periods"</label>
                <select id="period" data-testid="period-select" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    let period = match Preset::from_key(&key) {
                        Some(p) => PeriodChoice::Preset(p),
                        None => PeriodChoice::Custom(menu.with_untracked(|m| m.pair)),
                    };
                    update(view, |v| v.period = period);
                }>
                    {presets}
                </select>
            </div>
            <div class="control">
                <label for="select">"Crime type"</label>
                <select id="select" data-testid="selection-select" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    update(view, |v| v.select = key);
                }>
                    {select_options}
                </select>
            </div>
            {move || measure()}
            {move || custom()}
        </form>
    }
}

/// `2025-03` as an `<input type="month">` value (the same text).
fn html_month(m: Month) -> String {
    m.to_string()
}

fn parse_html_month(s: &str) -> Option<Month> {
    s.trim().parse().ok()
}
