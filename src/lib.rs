//! Community Safety Explorer: period comparisons and ward rankings of
//! aggregated crime and anti-social behaviour data.
//!
//! Three layers, arrows pointing one way only (`ui` → `analysis` → `data`):
//! - [`data`]: pure Rust readers, the dataset model and the count cube;
//! - [`analysis`]: pure Rust periods, comparisons, trends and statistics;
//! - [`chart`]: pure chart drawing, generic over a plotters backend;
//! - `ui`: Leptos components (wasm32 only), which render analysis results.

pub mod analysis;
pub mod chart;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod data;
pub mod format;
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod worker;
