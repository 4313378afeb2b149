//! The choropleth map as SVG: every area reachable by keyboard, details on
//! hover or focus, click-through to its profile, a legend, a PNG download.

use leptos::prelude::*;

use crate::chart::map::{LegendItem, MapArea, CLASS_COLOURS, NO_DATA_COLOUR};
use crate::state::ViewState;
use crate::view::wards::{MapLabel, WardsModel};

use super::download::{download_svg_as_png, file_name};
use super::navigate;

/// The map of a wards page.
#[component]
pub fn MapFigure(
    /// The page model (its map and labels).
    model: WardsModel,
    /// The app's view.
    view: RwSignal<ViewState>,
    /// An area to mark (a profile's own ward), by code.
    #[prop(optional)]
    marked: String,
) -> impl IntoView {
    let map = &model.map;
    if map.areas.is_empty() {
        return view! {
            <p class="note" data-testid="no-map">"This dataset has no boundaries, so there is no map."</p>
        }
        .into_any();
    }
    let (detail, set_detail) = signal(String::from(
        "Point at or tab to an area to see its figures; select it to open its profile.",
    ));
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let caption = format!("Map: {} by {}", model.what, model.measure_label);
    debug_assert_eq!(map.areas.len(), model.labels.len(), "a label per area");
    let areas = map
        .areas
        .iter()
        .zip(&model.labels)
        .map(|(area, label)| area_view(area, label, area.code == marked, set_detail, view))
        .collect_view();
    let (w, h) = (map.width, map.height);
    view! {
        <figure class="map" data-testid="ward-map">
            <figcaption id="map-caption">{caption.clone()}</figcaption>
            <svg node_ref=svg_ref xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {w:.0} {h:.0}")
                role="group" aria-labelledby="map-caption">
                {areas}
            </svg>
            <p class="map-detail" aria-live="polite" data-testid="map-detail">{detail}</p>
            <MapLegend
                legend=map.legend.clone()
                decimals=model.value_decimals
                some_without=map.areas.iter().any(|a| a.class.is_none())
            />
            <PngDownload svg_ref=svg_ref size=(w, h) caption=caption />
        </figure>
    }
    .into_any()
}

/// One area: its figures shown on hover or focus, its profile opened on
/// click, Enter or Space.
fn area_view(
    area: &MapArea,
    label: &MapLabel,
    marked: bool,
    detail: WriteSignal<String>,
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let fill = area.class.map_or(NO_DATA_COLOUR, |c| CLASS_COLOURS[c]);
    // The class also names the fill for the focus ring's colour (CSS).
    let class = area
        .class
        .map_or("area none".to_string(), |c| format!("area c{c}"));
    let class = if marked { class + " marked" } else { class };
    let (text, aria) = (label.text.clone(), label.text.clone());
    let show = {
        let text = text.clone();
        move || detail.set(text.clone())
    };
    let (on_hover, on_focus) = (show.clone(), show);
    let to = ViewState::from_query(&label.href);
    let to_by_key = to.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            navigate(view, to_by_key.clone());
        }
    };
    view! {
        <path d=area.path.clone() fill=fill class=class tabindex="0" role="link"
            aria-label=aria data-code=area.code.clone() aria-current=marked.then_some("true")
            on:mouseenter=move |_| on_hover() on:focus=move |_| on_focus()
            on:click=move |_| navigate(view, to.clone()) on:keydown=on_key>
            <title>{text}</title>
        </path>
    }
}

/// The legend: each class's colour and range, then "No figures" when an
/// area has none.
#[component]
fn MapLegend(
    /// The classes.
    legend: Vec<LegendItem>,
    /// Decimal places of the values.
    decimals: usize,
    /// Whether some area has no figure.
    some_without: bool,
) -> impl IntoView {
    let items = legend
        .iter()
        .map(|item| {
            let range = item.range_text(decimals);
            // Classes, not inline styles: a strict Content-Security-Policy forbids those.
            let class = CLASS_COLOURS.iter().position(|c| *c == item.colour);
            debug_assert!(class.is_some(), "a legend colour is a class's");
            let class = class.map_or("swatch none".to_string(), |i| format!("swatch c{i}"));
            view! { <li><span class=class></span>{range}</li> }
        })
        .collect_view();
    view! {
        <ul class="legend" aria-label="Legend: lightest is lowest, darkest is highest">
            {items}
            {some_without.then(|| view! { <li><span class="swatch none"></span>"No figures"</li> })}
        </ul>
    }
}

/// The map as a PNG file (drawn from its SVG), or why it could not be.
#[component]
fn PngDownload(
    /// The map's SVG element.
    svg_ref: NodeRef<leptos::svg::Svg>,
    /// Its size in CSS pixels.
    size: (f64, f64),
    /// The caption, for the file's name.
    caption: String,
) -> impl IntoView {
    let (error, set_error) = signal(String::new());
    let name = file_name(&caption, "png");
    let save = move |_| {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let (svg, name) = (svg.outer_html(), name.clone());
        leptos::task::spawn_local(async move {
            let result = download_svg_as_png(&svg, size.0, size.1, &name).await;
            let said = result
                .err()
                .map(|e| format!("The map could not be saved as a picture: {e}."));
            set_error.set(said.unwrap_or_default());
        });
    };
    view! {
        <button type="button" class="download" on:click=save>"Download this map (PNG)"</button>
        <span class="error" role="alert">{error}</span>
    }
}
