//! Chart drawing, pure: every function is generic over plotters'
//! `DrawingBackend`, so the browser draws on a canvas and native tests draw
//! the same chart to an SVG string.
//!
//! Text is 11 or 13 px only: in the browser plotters measures text with an
//! inline style, and the Content-Security-Policy allows exactly those two
//! (`scripts/csp.mjs`).

mod axis;
pub mod map;
pub mod map_labels;
pub mod scatter;
pub mod trend;

pub use trend::{describe, draw_trend, Series, TrendChart};
