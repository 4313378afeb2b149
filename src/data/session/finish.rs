//! Finishing the load: the counts, areas and boundaries built into a
//! [`Bundle`], with a manifest for "Your files".

use crate::data::area::{Area, AreaCode};
use crate::data::areas_build::{build_areas, Ranks};
use crate::data::boundaries::Boundary;
use crate::data::bundle::Bundle;
use crate::data::lookup::{Level, Lookup};
use crate::data::manifest::{Manifest, ManifestFiles};
use crate::data::quality::Quality;
use crate::data::recognise::FileKind;
use crate::data::unknown_codes::UnknownCodes;

use super::files::FileStatus;
use super::loaded::Loaded;
use super::{LoadSession, SessionError, Sink};

impl LoadSession {
    /// Reads whatever is left and builds the dataset: counts, areas (the
    /// areas file, else built from the lookups with any populations and
    /// deprivation ranks), boundaries of the areas loaded, and a manifest
    /// titled "Your files".
    pub fn finish(mut self) -> Result<Loaded, SessionError> {
        while !self.step()? {}
        let Some(plan) = self.plan.take() else {
            return Err(SessionError::NotStarted);
        };
        let lookups: Vec<Lookup> = plan
            .chain
            .iter()
            .filter_map(|&i| self.lookups.get(i).map(|(_, l)| l.clone()))
            .collect();
        let mut categories = self.categories.clone().unwrap_or_default();
        let police = matches!(plan.sink, Sink::Police(_));
        let (mut cube, mut report, mut quality, bridged, unknown) = match plan.sink {
            Sink::Police(agg) => {
                let prepared = agg.finish().map_err(|e| match e {
                    crate::data::policeuk::PrepareError::Cube(c) => SessionError::Cube(c),
                    crate::data::policeuk::PrepareError::File(f) => {
                        SessionError::Empty(f.to_string())
                    }
                })?;
                (
                    prepared.cube,
                    prepared.report,
                    prepared.quality,
                    prepared.bridged,
                    prepared.unknown,
                )
            }
            Sink::Counts(counts) => {
                let (builder, report) = *counts;
                let cube = builder.build()?;
                let quality = Quality::of_cube(&cube);
                (cube, report, quality, 0, UnknownCodes::default())
            }
        };
        if !plan.beside.is_empty() && cube.month_count() > 0 {
            let added = self.add_beside(cube, categories, &plan.beside)?;
            cube = added.cube;
            categories = added.categories;
            report.merge(added.report);
            quality = Quality::of_cube(&cube);
        }
        if cube.month_count() == 0 {
            let why = self
                .items
                .iter()
                .find_map(|i| match &i.report.status {
                    FileStatus::Failed(m) => Some(m.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| "no row could be counted".to_string());
            return Err(SessionError::Empty(why));
        }
        let areas = if !self.areas.is_empty() || lookups.is_empty() || !police {
            std::mem::take(&mut self.areas)
        } else {
            self.areas_from_lookups(&lookups, plan.level, plan.within.as_deref())
        };
        let mut boundaries = std::mem::take(&mut self.boundaries);
        boundaries.retain(|b| {
            cube.area_index(b.code.as_str()).is_some() || areas.iter().any(|a| a.code == b.code)
        });
        let within_name = plan.within.as_deref().map(|code| {
            lookups
                .last()
                .and_then(|l| l.name(code))
                .unwrap_or(code)
                .to_string()
        });
        let mut manifest = self.manifest(
            police,
            &lookups,
            &boundaries,
            plan.level,
            within_name,
            &quality,
        );
        if unknown.rows > 0 {
            manifest.caveats.push(format!(
                "{} rows have an LSOA code no lookup lists: they are in no area; see the load report.",
                unknown.rows
            ));
        }
        let bundle = Bundle::from_cube(
            manifest,
            cube,
            areas,
            &categories,
            report.clone(),
            quality,
            boundaries,
        );
        Ok(Loaded {
            bundle,
            files: self.items.into_iter().map(|i| i.report).collect(),
            report,
            bridged,
            level: plan.level,
            within: plan.within,
            keeps_unallocated: plan.keeps_unallocated,
            unknown,
        })
    }

    /// The areas of the level (and their parents) from the lookups, with
    /// populations and deprivation when those files were given.
    fn areas_from_lookups(
        &self,
        lookups: &[Lookup],
        level: Level,
        within: Option<&str>,
    ) -> Vec<Area> {
        let of = self
            .ranks
            .values()
            .copied()
            .max()
            .unwrap_or(0)
            .max(self.ranks.len() as u32);
        let ranks = (!self.ranks.is_empty()).then_some(Ranks {
            by_lsoa: &self.ranks,
            of,
        });
        let Ok(built) = build_areas(lookups, level, within, &self.population, ranks) else {
            return Vec::new();
        };
        let with_population = !self.population.is_empty();
        built
            .rows
            .into_iter()
            .map(|r| Area {
                code: AreaCode::from(r.code.as_str()),
                name: r.name,
                parent: r.parent.as_deref().map(AreaCode::from),
                population: with_population
                    .then(|| u32::try_from(r.population).unwrap_or(u32::MAX)),
                imd_rank: r.imd_rank,
                imd_decile: r.imd_decile,
                imd_score: None,
            })
            .collect()
    }

    fn manifest(
        &self,
        police: bool,
        lookups: &[Lookup],
        boundaries: &[Boundary],
        level: Level,
        within_name: Option<String>,
        quality: &Quality,
    ) -> Manifest {
        let mut attribution = Vec::new();
        if police {
            attribution
                .push("Contains police.uk data licensed under the Open Government Licence v3.0.");
        }
        if !lookups.is_empty() || !self.population.is_empty() || !self.ranks.is_empty() {
            attribution.push("Contains ONS data licensed under the Open Government Licence v3.0.");
        }
        if !boundaries.is_empty() {
            attribution.push("Contains OS data © Crown copyright and database right.");
        }
        let read = |kind: fn(&FileKind) -> bool| {
            self.items
                .iter()
                .filter(|i| i.report.status == FileStatus::Read && kind(&i.report.kind))
                .count()
        };
        let mut caveats = Vec::new();
        if police {
            caveats.push(format!(
                "Counted from {} police.uk street-level file(s) you loaded. police.uk street-level data are not the official recorded crime figures: locations are approximate and some offences are left out.",
                read(FileKind::is_police)
            ));
        } else {
            caveats.push(format!(
                "Read from {} counts file(s) you loaded.",
                read(|k| *k == FileKind::CountsFile)
            ));
        }
        if !quality.months_missing.is_empty() {
            let months: Vec<String> = quality
                .months_missing
                .iter()
                .map(|m| m.to_string())
                .collect();
            caveats.push(format!("No rows for {}.", months.join(", ")));
        }
        if !quality.months_suspect.is_empty() {
            let months: Vec<String> = quality
                .months_suspect
                .iter()
                .map(|s| s.month.to_string())
                .collect();
            caveats.push(format!(
                "Implausibly few rows for {} against the months around: data may be missing, or the drop may be real.",
                months.join(", ")
            ));
        }
        let failed = self
            .items
            .iter()
            .filter(|i| matches!(i.report.status, FileStatus::Failed(_)))
            .count();
        if failed > 0 {
            caveats.push(format!(
                "{failed} file(s) could not be read; see the load report."
            ));
        }
        let partly = self
            .items
            .iter()
            .filter(|i| matches!(i.report.status, FileStatus::Partly(_)))
            .count();
        if partly > 0 {
            caveats.push(format!(
                "{partly} file(s) could be read only in part (the rows before the problem are counted); see the load report."
            ));
        }
        Manifest {
            title: "Your files".to_string(),
            publisher: String::new(),
            synthetic: false,
            licence: if police || !lookups.is_empty() {
                "Open Government Licence v3.0".to_string()
            } else {
                String::new()
            },
            attribution: attribution.join(" "),
            area_level: level.name().to_string(),
            whole_name: within_name.unwrap_or_else(|| "All areas in your files".to_string()),
            population_year: None,
            disclosure_threshold: None,
            default_period: None,
            files: ManifestFiles {
                counts: "your files".to_string(),
                areas: None,
                categories: None,
                boundaries: None,
            },
            caveats,
        }
    }
}
