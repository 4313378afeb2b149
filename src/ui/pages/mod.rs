//! One component per page, each rendering its view model.

pub mod builder;
pub mod deprivation;
pub mod headline;
pub mod overview;
pub mod profile;
pub mod wards;
