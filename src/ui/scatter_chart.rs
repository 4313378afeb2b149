//! The scatter of rate against deprivation on a canvas, with its text
//! alternative, figures as a table and PNG download ([`CanvasFigure`]).

use leptos::prelude::*;

use crate::chart::scatter::Scatter;
use crate::state::ViewState;
use crate::view::charts::scatter_table;

use super::figure::{CanvasFigure, Drawing};

/// A scatter chart figure.
#[component]
pub fn ScatterFigure(
    /// The chart.
    scatter: Scatter,
    /// Its points' names, in order.
    names: Vec<String>,
    /// The caption.
    caption: String,
    /// The text alternative.
    summary: String,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let table = scatter_table(&scatter, &names, &caption, super::words_of(view));
    view! {
        <CanvasFigure
            drawing=Drawing::Scatter(scatter)
            key=Vec::new()
            caption=caption
            summary=summary
            table=table
            view=view
            testid="scatter"
        />
    }
}
