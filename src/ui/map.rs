//! The choropleth map as SVG: every area reachable by keyboard, details on
//! hover or focus, click-through to its profile, a legend, a PNG download.

use leptos::prelude::*;

use crate::chart::map::{
    LegendItem, MapArea, MapGeometry, CLASS_COLOURS, NAME_FONTS, NO_DATA_COLOUR,
};
use crate::chart::map_labels::name_svg;
use crate::state::ViewState;
use crate::view::wards::{no_map, MapLabel, WardsModel};

use crate::i18n::{Msg, Words};

use super::download::{download_svg_as_png, file_name};
use super::{navigate, words_of};

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
    let w = words_of(view);
    if map.areas.is_empty() {
        // Why: no boundaries, or too many areas to draw.
        let why = no_map(super::shown().boundaries.len(), w).unwrap_or_default();
        return view! { <p class="note" data-testid="no-map">{why}</p> }.into_any();
    }
    debug_assert_eq!(map.areas.len(), model.labels.len(), "a label per area");
    let (caption, first_detail) = caption(&model, &marked, w);
    let (detail, set_detail) = signal(first_detail);
    // The marked area is named until another is pointed at, and again after.
    let rest = model.labels.iter().position(|l| l.code == marked);
    let pointed = RwSignal::new(rest);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let areas = map
        .areas
        .iter()
        .zip(&model.labels)
        .enumerate()
        .map(|(i, (area, label))| {
            let point = Pointer {
                index: i,
                detail: set_detail,
                pointed,
                rest,
            };
            area_view(area, label, area.code == marked, point, view)
        })
        .collect_view();
    let names = placed_names(map);
    let pointed_name = pointed_name(&model, pointed);
    let (width, h) = (map.width, map.height);
    view! {
        <figure class="map" data-testid="ward-map">
            <figcaption id="map-caption">{caption.clone()}</figcaption>
            <svg node_ref=svg_ref xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {width:.0} {h:.0}")
                role="group" aria-labelledby="map-caption">
                {areas}
                <g aria-hidden="true" inner_html=names></g>
                <g aria-hidden="true" inner_html=pointed_name></g>
            </svg>
            <p class="map-detail" aria-live="polite" data-testid="map-detail">{detail}</p>
            <MapLegend
                legend=map.legend.clone()
                decimals=model.value_decimals
                some_without=map.areas.iter().any(|a| a.class.is_none())
                w=w
            />
            <PngDownload svg_ref=svg_ref size=(width, h) caption=caption w=w />
        </figure>
    }
    .into_any()
}

/// The map's caption, and what is said beside it at first: the marked
/// area's figures, or how to use the map.
fn caption(model: &WardsModel, marked: &str, w: &'static Words) -> (String, String) {
    match model.labels.iter().find(|l| l.code == marked) {
        Some(l) => (
            w.f(
                Msg::MapCaptionOutlined,
                &[
                    ("what", &model.what),
                    ("measure", &model.measure_label),
                    ("name", &l.name),
                ],
            ),
            l.text.clone(),
        ),
        None => (
            w.f(
                Msg::MapCaption,
                &[("what", &model.what), ("measure", &model.measure_label)],
            ),
            w.t(Msg::MapHint).to_string(),
        ),
    }
}

/// What an area does when pointed at or focused: says its figures beside
/// the map and names it on the map.
#[derive(Clone, Copy)]
struct Pointer {
    /// The area's place in the map.
    index: usize,
    /// The words beside the map.
    detail: WriteSignal<String>,
    /// The area named on the map, if any.
    pointed: RwSignal<Option<usize>>,
    /// The area named when none is pointed at (a profile's own ward).
    rest: Option<usize>,
}

/// One area: its figures shown and its name on the map on hover or focus,
/// its profile opened on click, Enter or Space.
fn area_view(
    area: &MapArea,
    label: &MapLabel,
    marked: bool,
    point: Pointer,
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let fill = area.class.map_or(NO_DATA_COLOUR, |c| CLASS_COLOURS[c]);
    // The class also names the fill for the focus ring's colour (CSS).
    let class = area
        .class
        .map_or("area none".to_string(), |c| format!("area c{c}"));
    let class = if marked { class + " marked" } else { class };
    let (text, aria) = (label.text.clone(), label.text.clone());
    let show = move || {
        point.detail.set(text.clone());
        point.pointed.set(Some(point.index));
    };
    let (on_hover, on_focus) = (show.clone(), show);
    let hide = move || point.pointed.set(point.rest);
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
            on:mouseleave=move |_| hide() on:blur=move |_| hide()
            on:click=move |_| navigate(view, to.clone()) on:keydown=on_key>
            <title>{label.text.clone()}</title>
        </path>
    }
}

/// Every area's name where it fits, once per screen size (CSS shows the
/// set for the screen; a saved picture shows the wide set).
fn placed_names(map: &MapGeometry) -> String {
    let mut svg = String::new();
    for area in &map.areas {
        for ((label, font), class) in area
            .names
            .iter()
            .zip(NAME_FONTS)
            .zip(["name wide", "name narrow"])
        {
            if let Some(label) = label {
                svg.push_str(&name_svg(&label.lines, label.at, font, class, &area.code));
            }
        }
    }
    svg
}

/// The name of the area pointed at or focused, on top of the rest: where
/// its name is placed, or else at its most interior point.
fn pointed_name(model: &WardsModel, pointed: RwSignal<Option<usize>>) -> impl Fn() -> String {
    let names: Vec<String> = model
        .map
        .areas
        .iter()
        .zip(&model.labels)
        .map(|(area, label)| match &area.names[0] {
            Some(placed) => name_svg(
                &placed.lines,
                placed.at,
                NAME_FONTS[0],
                "name pointed",
                &area.code,
            ),
            None => name_svg(
                std::slice::from_ref(&label.name),
                area.anchor,
                NAME_FONTS[0],
                "name pointed",
                &area.code,
            ),
        })
        .collect();
    move || {
        pointed
            .get()
            .and_then(|i| names.get(i).cloned())
            .unwrap_or_default()
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
    /// The page's words.
    w: &'static Words,
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
        <ul class="legend" aria-label=w.t(Msg::MapLegend)>
            {items}
            {some_without.then(|| view! { <li><span class="swatch none"></span>{w.t(Msg::NoFigures)}</li> })}
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
    /// The page's words.
    w: &'static Words,
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
                .map(|e| w.f(Msg::MapNotSaved, &[("error", &e.to_string())]));
            set_error.set(said.unwrap_or_default());
        });
    };
    view! {
        <button type="button" class="download" on:click=save>{w.t(Msg::DownloadMapPng)}</button>
        <span class="error" role="alert">{error}</span>
    }
}
