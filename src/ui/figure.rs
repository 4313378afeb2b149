//! A chart on a `<canvas>` (the trend or the scatter): its caption, key,
//! text alternative, PNG download and its figures as a table.

use std::sync::Arc;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use crate::chart::draw_trend;
use crate::chart::scatter::{draw_scatter, Scatter};
use crate::chart::TrendChart;
use crate::state::ViewState;
use crate::view::table::TableModel;

use crate::i18n::Msg;

use super::download::{download_canvas, file_name};
use super::table::DataTable;
use super::{after_paint, words_of};

/// What a canvas chart draws.
#[derive(Clone, PartialEq)]
pub enum Drawing {
    /// Two monthly series.
    Trend(TrendChart),
    /// Rate against deprivation.
    Scatter(Scatter),
}

fn draw(canvas: &web_sys::HtmlCanvasElement, drawing: &Drawing) -> Result<(), String> {
    let width = canvas.client_width().clamp(280, 1200) as u32;
    let height = (width * 9 / 20).clamp(240, 420);
    canvas.set_width(width);
    canvas.set_height(height);
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the browser gave no 2D canvas")?;
    let area = backend.into_drawing_area();
    match drawing {
        Drawing::Trend(t) => draw_trend(&area, t),
        Drawing::Scatter(s) => draw_scatter(&area, s),
    }
}

/// A chart with its caption, key, summary, PNG download and table.
#[component]
pub fn CanvasFigure(
    /// What to draw.
    drawing: Drawing,
    /// The key: each series' label and how it is drawn (none: no key).
    key: Vec<(String, &'static str)>,
    /// The caption.
    caption: String,
    /// The text alternative.
    summary: String,
    /// The figures drawn, as a table.
    table: TableModel,
    /// The app's view.
    view: RwSignal<ViewState>,
    /// A test hook.
    testid: &'static str,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let w = words_of(view);
    let (error, set_error) = signal(String::new());
    let drawing = Arc::new(drawing);
    // Drawing on the canvas is a side effect on the DOM, so it is an effect;
    // it runs once the figures above it have painted (a phone draws the
    // headline first), and again when the window is resized.
    let painted = after_paint();
    let redraw = move || {
        if let Some(canvas) = canvas_ref.get_untracked() {
            let result = draw(&canvas, &drawing);
            set_error.set(result.err().unwrap_or_default());
        }
    };
    let on_resize = redraw.clone();
    Effect::new(move |_| {
        if painted.get() && canvas_ref.get().is_some() {
            redraw();
        }
    });
    // Removed with the chart: a resize after that must not reach it.
    let listener = window_event_listener(leptos::ev::resize, move |_| on_resize());
    on_cleanup(move || listener.remove());
    let png_name = file_name(&caption, "png");
    let save = move |_| {
        if let Some(canvas) = canvas_ref.get_untracked() {
            let result = download_canvas(&canvas, &png_name);
            let said = result
                .err()
                .map(|e| w.f(Msg::ChartNotSaved, &[("error", &e.to_string())]));
            set_error.set(said.unwrap_or_default());
        }
    };
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>{caption}</figcaption>
            <canvas node_ref=canvas_ref role="img" aria-label=summary.clone()></canvas>
            <ChartKey key=key label=w.t(Msg::Legend) />
            <p class="chart-summary" data-testid=format!("{testid}-summary")>{summary}</p>
            <button type="button" class="download" on:click=save>{w.t(Msg::DownloadChartPng)}</button>
            <span class="error" role="alert">{error}</span>
            <details>
                <summary>{w.t(Msg::ShowChartTable)}</summary>
                <DataTable model=table view=view testid="chart-table" />
            </details>
        </figure>
    }
}

/// The key: the first series solid, the second dashed (none when empty).
#[component]
fn ChartKey(
    key: Vec<(String, &'static str)>,
    /// The key's name for screen readers.
    label: &'static str,
) -> impl IntoView {
    (!key.is_empty()).then(|| {
        let items = key
            .into_iter()
            .enumerate()
            .map(|(i, (label, how))| {
                let class = if i == 0 { "key solid" } else { "key dashed" };
                view! {
                    <li><span class=class aria-hidden="true"></span>{format!("{label} ({how})")}</li>
                }
            })
            .collect_view();
        view! { <ul class="chart-legend" aria-label=label>{items}</ul> }
    })
}
