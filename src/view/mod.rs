//! View models, pure: analysis results turned into exactly what a page
//! shows (text, order, suppression), so that the screen, the CSV export
//! and the tests all see the same thing. No web dependency.

pub mod area_links;
pub mod charts;
pub mod common;
pub mod deprivation;
pub mod embed;
pub mod guide;
pub mod heading;
pub mod load;
pub mod overview;
pub mod periods;
pub mod profile;
pub mod selection;
pub mod table;
pub mod targets;
pub mod wards;

pub use table::{Cell, Column, SortDir, TableModel};
