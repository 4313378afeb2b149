//! The trend chart on a `<canvas>`, with its caption, text alternative and
//! data table.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;

use crate::chart::{describe, draw_trend, TrendChart};
use crate::format::thousands;

/// Draws `chart` on `canvas`, sized to the canvas's displayed width.
fn draw(canvas: &web_sys::HtmlCanvasElement, chart: &TrendChart) -> Result<(), String> {
    let width = canvas.client_width().clamp(280, 1200) as u32;
    let height = (width * 9 / 20).clamp(220, 420);
    canvas.set_width(width);
    canvas.set_height(height);
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the browser gave no 2D canvas")?;
    draw_trend(&backend.into_drawing_area(), chart)
}

/// A captioned trend chart with a text summary and its data as a table.
#[component]
pub fn TrendFigure(
    /// What the chart shows.
    chart: TrendChart,
    /// What is counted, for the caption and summary (e.g. `all crime`).
    what: String,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let summary = describe(&chart, &what);
    let (error, set_error) = signal(None::<String>);
    let to_draw = chart.clone();
    // Drawing on the canvas is a side effect on the DOM, so it is an effect.
    Effect::new(move |_| {
        if let Some(canvas) = canvas_ref.get() {
            if let Err(e) = draw(&canvas, &to_draw) {
                set_error.set(Some(e));
            }
        }
    });
    let rows = chart
        .current
        .iter()
        .enumerate()
        .map(|(i, cur)| {
            let prev = chart.previous.get(i);
            view! {
                <tr>
                    <th scope="row">{cur.month.label()}</th>
                    <td class="num">{thousands(cur.count)}</td>
                    <td>{prev.map(|p| p.month.label()).unwrap_or_default()}</td>
                    <td class="num">{prev.map(|p| thousands(p.count)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid="trend-chart">
            <figcaption>{format!("Monthly {what}: this period against the one before")}</figcaption>
            <canvas node_ref=canvas_ref role="img" aria-label=summary.clone()></canvas>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{format!("The chart could not be drawn: {e}")}</p> })}
            <p class="chart-summary" data-testid="trend-summary">{summary}</p>
            <details>
                <summary>"Show the chart's figures as a table"</summary>
                <div class="table-scroll">
                    <table data-testid="trend-table">
                        <caption>{format!("Monthly {what}")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Month"</th>
                                <th scope="col" class="num">"Count"</th>
                                <th scope="col">"Same month, previous period"</th>
                                <th scope="col" class="num">"Count"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
