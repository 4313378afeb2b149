//! The controls shared by every page: periods, selection, and on the wards
//! page the ranking measure. Every change goes into the URL.

use std::sync::Arc;

use leptos::prelude::*;

use crate::analysis::{Period, PeriodPair, Preset};
use crate::data::bundle::Bundle;
use crate::data::Month;
use crate::state::{Measure, Page, PeriodChoice, ViewState};
use crate::view::periods;

use super::update;

/// The period, selection and measure controls.
#[component]
pub fn Controls(bundle: Arc<Bundle>, view: RwSignal<ViewState>) -> impl IntoView {
    let cats = &bundle.dataset.categories;
    let groups: Vec<String> = cats
        .groups()
        .into_iter()
        .filter(|g| cats.iter().filter(|c| &c.group == g).count() > 1)
        .map(str::to_string)
        .collect();
    let categories: Vec<String> = cats
        .iter()
        .filter(|c| c.is_crime)
        .map(|c| c.name.clone())
        .collect();
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
    let select_options = {
        let group_options = groups.iter().map(|g| {
            let (value, key, label) = (g.clone(), g.clone(), g.clone());
            view! { <option value=value selected=move || view.with(|v| v.select.eq_ignore_ascii_case(&key))>{label}</option> }
        }).collect_view();
        let category_options = categories.iter().map(|c| {
            let (value, key, label) = (c.clone(), c.clone(), c.clone());
            view! { <option value=value selected=move || view.with(|v| v.select.eq_ignore_ascii_case(&key))>{label}</option> }
        }).collect_view();
        view! {
            <option value="all-crime" selected=move || view.with(|v| v.select == "all-crime")>"All crime (excluding ASB)"</option>
            <option value="asb" selected=move || view.with(|v| v.select == "asb")>"Anti-social behaviour"</option>
            <optgroup label="Groups">{group_options}</optgroup>
            <optgroup label="Crime types">{category_options}</optgroup>
        }
    };
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
