//! A labelled menu (`<select>`), shared by the dataset control and the
//! Load data page: one renderer for both.

use leptos::prelude::*;

/// A label and a menu of `options` (value, text), drawn on the option
/// `current` names; `on_change` hears the value chosen.
pub fn labelled_select(
    id: &'static str,
    testid: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    current: &str,
    on_change: Box<dyn Fn(String)>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(v, l)| {
            let selected = v == current;
            view! { <option value=v selected=selected>{l}</option> }
        })
        .collect_view();
    view! {
        <label for=id>{label}</label>
        <select id=id data-testid=testid on:change=move |ev| on_change(event_target_value(&ev))>
            {options}
        </select>
    }
}
