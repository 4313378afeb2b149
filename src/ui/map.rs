//! The choropleth map as SVG: every area reachable by keyboard, details on
//! hover or focus, click-through to its profile, a legend, a PNG download.

use leptos::prelude::*;

use crate::chart::map::{CLASS_COLOURS, NO_DATA_COLOUR};
use crate::state::ViewState;
use crate::view::wards::WardsModel;

use super::download::{download_svg_as_png, file_name};
use super::navigate;

/// The map of a wards page.
#[component]
pub fn MapFigure(
    /// The page model (its map and labels).
    model: WardsModel,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let map = model.map.clone();
    if map.areas.is_empty() {
        return view! { <p class="note" data-testid="no-map">"This dataset has no boundaries, so there is no map."</p> }.into_any();
    }
    let (detail, set_detail) = signal(String::from(
        "Point at or tab to an area to see its figures; select it to open its profile.",
    ));
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let caption = format!("Map: {} by {}", model.what, model.measure_label);
    let areas = map
        .areas
        .iter()
        .zip(model.labels.iter())
        .map(|(area, label)| {
            let fill = area.class.and_then(|c| CLASS_COLOURS.get(c)).copied().unwrap_or(NO_DATA_COLOUR);
            let text = label.text.clone();
            let (t1, t2, aria) = (text.clone(), text.clone(), text.clone());
            let to = ViewState::from_query(&label.href);
            let to2 = to.clone();
            view! {
                <path d=area.path.clone() fill=fill class="area" tabindex="0" role="link" aria-label=aria
                    data-code=area.code.clone()
                    on:mouseenter=move |_| set_detail.set(t1.clone())
                    on:focus=move |_| set_detail.set(t2.clone())
                    on:click=move |_| navigate(view, to.clone())
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" || ev.key() == " " {
                            ev.prevent_default();
                            navigate(view, to2.clone());
                        }
                    }>
                    <title>{text}</title>
                </path>
            }
        })
        .collect_view();
    let legend = map
        .legend
        .iter()
        .map(|item| {
            let range = item.range_text(model.value_decimals);
            // Classes, not inline styles: a strict Content-Security-Policy forbids those.
            let class = CLASS_COLOURS
                .iter()
                .position(|c| *c == item.colour)
                .map_or("swatch none".to_string(), |i| format!("swatch c{i}"));
            view! { <li><span class=class></span>{range}</li> }
        })
        .collect_view();
    let (w, h) = (map.width, map.height);
    let png_name = file_name(&caption, "png");
    let save = move |_| {
        if let Some(svg) = svg_ref.get_untracked() {
            let _ = download_svg_as_png(&svg.outer_html(), w, h, &png_name);
        }
    };
    view! {
        <figure class="map" data-testid="ward-map">
            <figcaption id="map-caption">{caption}</figcaption>
            <svg node_ref=svg_ref xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {w:.0} {h:.0}")
                role="group" aria-labelledby="map-caption">
                {areas}
            </svg>
            <p class="map-detail" aria-live="polite" data-testid="map-detail">{detail}</p>
            <ul class="legend" aria-label="Legend: lightest is lowest, darkest is highest">
                {legend}
                <li><span class="swatch none"></span>"No figures"</li>
            </ul>
            <button type="button" class="download" on:click=save>"Download this map (PNG)"</button>
        </figure>
    }
    .into_any()
}
