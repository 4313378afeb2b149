//! Community Safety Explorer: period comparisons and ward rankings of
//! aggregated crime and anti-social behaviour data.
//!
//! Layers, arrows pointing one way only (`ui` → `view` → `analysis` →
//! `data`):
//! - [`data`]: pure Rust readers and writers, the dataset model and the
//!   count cube;
//! - [`analysis`]: pure Rust periods, comparisons, rankings, trends and
//!   statistics;
//! - [`view`]: what each page shows, as text and tables (pure), from the
//!   [`state`] in the address; figures formatted by [`format`](mod@format),
//!   words from [`i18n`]'s catalogues;
//! - [`chart`]: pure chart drawing, generic over a plotters backend;
//! - `ui` and `worker`: Leptos components and the loading web worker
//!   (wasm32 only), which render the view models; `cli`: `explorer-cli`
//!   (native only).

pub mod analysis;
pub mod chart;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod data;
pub mod format;
pub mod i18n;
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod worker;
