//! Chart drawing, pure: every function is generic over plotters'
//! `DrawingBackend`, so the browser draws on a canvas and native tests draw
//! the same chart to an SVG string.

pub mod map;
pub mod scatter;
pub mod trend;

pub use trend::{describe, draw_trend, Series, TrendChart};
