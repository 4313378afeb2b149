//! The trend chart: two monthly series on a canvas, with its key, text
//! alternative, figures as a table and PNG download ([`CanvasFigure`]).

use leptos::prelude::*;

use crate::chart::trend::legend;
use crate::chart::{describe, TrendChart};
use crate::state::ViewState;
use crate::view::charts::trend_table;

use super::figure::{CanvasFigure, Drawing};

/// A trend chart figure.
#[component]
pub fn TrendFigure(
    /// The chart.
    chart: TrendChart,
    /// The caption.
    caption: String,
    /// The app's view.
    view: RwSignal<ViewState>,
    /// A test hook.
    testid: &'static str,
) -> impl IntoView {
    let summary = describe(&chart);
    let table = trend_table(&chart, &caption);
    let key = legend(&chart).to_vec();
    view! {
        <CanvasFigure
            drawing=Drawing::Trend(chart)
            key=key
            caption=caption
            summary=summary
            table=table
            view=view
            testid=testid
        />
    }
}
