//! The data layer: pure Rust readers for every input format, the dataset
//! model and the dense count cube. No web dependency.

pub mod area;
pub mod areas;
pub mod category;
pub mod counts;
pub mod cube;
pub mod dataset;
pub mod error;
pub mod header;
pub mod json;
pub mod json_write;
pub mod manifest;
pub mod month;
pub mod number;
pub mod report;
pub mod wide;

pub use area::{Area, AreaCode};
pub use category::{Categories, Category, ASB};
pub use cube::{Cube, CubeBuilder};
pub use dataset::Dataset;
pub use error::FileError;
pub use manifest::Manifest;
pub use month::Month;
pub use report::LoadReport;

pub mod area_mapper;
mod area_values;
pub mod areas_build;
pub mod areas_write;
pub mod boundaries;
pub mod boundaries_write;
pub mod categories_file;
pub mod counts_write;
mod cp437;
pub mod csv_scan;
pub mod csv_swar;
pub mod deprivation_lookup;
pub mod derived;
pub mod explorer_data;
pub mod lookup;
pub mod policeuk;
mod policeuk_file;
mod policeuk_row;
pub mod population;
pub mod quality;
pub mod recognise;
pub mod session;
pub mod simplify;
pub mod table;
pub mod tally;
pub mod text;
pub mod unknown_codes;
pub mod zip;

pub use area_mapper::AreaMapper;
pub use lookup::{Level, Lookup};
pub use policeuk::PoliceUkAggregator;
pub use quality::Quality;
pub use tally::Prepared;
