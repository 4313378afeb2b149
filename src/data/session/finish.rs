//! Finishing the load: the counts, areas and boundaries built into a
//! [`ExplorerData`], with a manifest for "Your files".

use crate::data::area::Area;
use crate::data::areas_build::{build_areas, Ranks};
use crate::data::boundaries::Boundary;
use crate::data::category::Categories;
use crate::data::cube::Cube;
use crate::data::explorer_data::ExplorerData;
use crate::data::lookup::{Level, Lookup};
use crate::data::manifest::{Manifest, ManifestFiles, Text, WelshTexts};
use crate::data::policeuk::PrepareError;
use crate::data::quality::Quality;
use crate::data::recognise::FileKind;
use crate::data::report::LoadReport;
use crate::data::unknown_codes::UnknownCodes;
use crate::data::AreaCode;
use crate::i18n::{self, Lang, Msg, Words};

use super::files::FileStatus;
use super::loaded::Loaded;
use super::wide::{level_of_most, with_wide_areas, WideSink};
use super::{LoadSession, SessionError, Sink};

/// What the rows were counted into, before the areas are added.
struct Counted {
    cube: Cube,
    report: LoadReport,
    quality: Quality,
    bridged: u64,
    unknown: UnknownCodes,
}

/// What a finished load is made of, before it becomes [`Loaded`].
struct Finished {
    manifest: Manifest,
    counts: Counted,
    areas: Vec<Area>,
    categories: Categories,
    boundaries: Vec<Boundary>,
    level: Level,
    within: Option<String>,
    keeps_unallocated: bool,
}

/// The counts of the sink, finished.
fn counted(sink: Sink) -> Result<Counted, SessionError> {
    Ok(match sink {
        Sink::Police(agg) => {
            let prepared = agg.finish().map_err(|e| match e {
                PrepareError::Cube(c) => SessionError::Cube(c),
                PrepareError::File(f) => SessionError::Empty(f.text()),
            })?;
            Counted {
                cube: prepared.cube,
                report: prepared.report,
                quality: prepared.quality,
                bridged: prepared.bridged,
                unknown: prepared.unknown,
            }
        }
        Sink::Wide(wide) => {
            let cube = wide.builder.build()?;
            Counted {
                quality: Quality::of_cube(&cube),
                cube,
                report: wide.report,
                bridged: 0,
                unknown: UnknownCodes::default(),
            }
        }
        Sink::Counts(counts) => {
            let (builder, report) = *counts;
            let cube = builder.build()?;
            Counted {
                quality: Quality::of_cube(&cube),
                cube,
                report,
                bridged: 0,
                unknown: UnknownCodes::default(),
            }
        }
    })
}

/// The one level every code names by its prefix ([`Level::of_code`]), if
/// they agree.
fn level_of_codes(codes: &[AreaCode]) -> Option<Level> {
    let mut levels = codes.iter().map(|c| Level::of_code(c.as_str()));
    let first = levels.next()??;
    levels.all(|l| l == Some(first)).then_some(first)
}

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
            .map(|&i| self.lookups[i].1.clone())
            .collect();
        let sink = match plan.sink {
            Sink::Wide(wide) => {
                return self.finish_wide(*wide, plan.level, &lookups, plan.keeps_unallocated)
            }
            sink => sink,
        };
        let mut categories = self.categories.clone().unwrap_or_default();
        let police = matches!(sink, Sink::Police(_));
        let mut counts = counted(sink)?;
        if !plan.beside.is_empty() && counts.cube.month_count() > 0 {
            let added = self.add_beside(counts.cube, categories, &plan.beside)?;
            counts.cube = added.cube;
            categories = added.categories;
            counts.report.merge(added.report);
            counts.quality = Quality::of_cube(&counts.cube);
        }
        if counts.cube.month_count() == 0 {
            return Err(SessionError::Empty(self.why_empty()));
        }
        let areas = if !self.areas.is_empty() || lookups.is_empty() || !police {
            std::mem::take(&mut self.areas)
        } else {
            let areas = self.areas_from_lookups(&lookups, plan.level, plan.within.as_slice());
            if plan.within.is_none() {
                reached(areas, &counts.cube)
            } else {
                areas
            }
        };
        let mut boundaries = std::mem::take(&mut self.boundaries);
        boundaries.retain(|b| {
            counts.cube.area_index(b.code.as_str()).is_some()
                || areas.iter().any(|a| a.code == b.code)
        });
        let within_name = plan.within.as_deref().map(|code| {
            let last = lookups.last();
            let name = last.and_then(|l| l.name(code)).unwrap_or(code);
            let cy = last.and_then(|l| l.name_cy(code)).map(str::to_string);
            (name.to_string(), cy)
        });
        // Counts files say their level by their codes (a ward-level file
        // without a lookup is by ward, not by the LSOA police rows default to).
        let level = if police {
            plan.level
        } else {
            level_of_codes(counts.cube.areas()).unwrap_or(plan.level)
        };
        let mut manifest = self.manifest(police, &lookups, &boundaries, level, within_name);
        let caveats = self.caveats(police, &counts.quality, &counts.unknown);
        manifest.caveats = caveats.iter().map(i18n::Text::to_string).collect();
        if let Some(cy) = welsh_words() {
            manifest.welsh.caveats = caveats.iter().map(|c| c.in_words(cy)).collect();
        }
        Ok(self.loaded(Finished {
            manifest,
            counts,
            areas,
            categories,
            boundaries,
            level,
            within: plan.within,
            keeps_unallocated: plan.keeps_unallocated,
        }))
    }

    /// [`finish`](Self::finish) for wide tables: their categories, the
    /// areas file's areas (else the lookups', with populations and
    /// deprivation) and the tables' own, the level their codes name.
    fn finish_wide(
        mut self,
        mut wide: WideSink,
        level: Level,
        lookups: &[Lookup],
        keeps_unallocated: bool,
    ) -> Result<Loaded, SessionError> {
        let (categories, caveats) = (wide.categories(), wide.caveats());
        let parent_level = wide.parent_level.take();
        let wide_areas = std::mem::take(&mut wide.areas);
        let counts = counted(Sink::Wide(Box::new(wide)))?;
        if counts.cube.month_count() == 0 {
            return Err(SessionError::Empty(self.why_empty()));
        }
        let level = level_of_most(counts.cube.areas()).unwrap_or(level);
        let base = if !self.areas.is_empty() {
            std::mem::take(&mut self.areas)
        } else if !lookups.is_empty() {
            reached(self.areas_from_lookups(lookups, level, &[]), &counts.cube)
        } else {
            Vec::new()
        };
        let areas = with_wide_areas(base, &wide_areas);
        let mut boundaries = std::mem::take(&mut self.boundaries);
        boundaries.retain(|b| counts.cube.area_index(b.code.as_str()).is_some());
        let mut manifest = self.manifest(false, lookups, &boundaries, level, None);
        manifest.parent_level = parent_level;
        let mut caveats = caveats;
        let general = self.caveats(false, &counts.quality, &counts.unknown);
        caveats.extend(general.iter().skip(1).map(i18n::Text::to_string));
        manifest.caveats = caveats;
        Ok(self.loaded(Finished {
            manifest,
            counts,
            areas,
            categories,
            boundaries,
            level,
            within: None,
            keeps_unallocated,
        }))
    }

    /// The dataset and its report, from what [`finish`](Self::finish)
    /// (or its wide tables' form) made.
    fn loaded(self, f: Finished) -> Loaded {
        let data = ExplorerData::from_cube(
            f.manifest,
            f.counts.cube,
            f.areas,
            &f.categories,
            f.counts.report.clone(),
            f.counts.quality,
            f.boundaries,
        );
        Loaded {
            data,
            files: self.items.into_iter().map(|i| i.report).collect(),
            report: f.counts.report,
            bridged: f.counts.bridged,
            level: f.level,
            within: f.within,
            keeps_unallocated: f.keeps_unallocated,
            unknown: f.counts.unknown,
        }
    }

    /// Why nothing was counted: the first file's failure, if any.
    fn why_empty(&self) -> i18n::Text {
        self.items
            .iter()
            .find_map(|i| match &i.report.status {
                FileStatus::Failed(m) => Some(m.clone()),
                _ => None,
            })
            .unwrap_or_else(|| i18n::Text::msg(Msg::NoRowCounted))
    }

    /// The areas of the level (and their parents) from the lookups, with
    /// populations and deprivation when those files were given.
    fn areas_from_lookups(&self, lookups: &[Lookup], level: Level, within: &[String]) -> Vec<Area> {
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
            .iter()
            .map(|r| r.to_area(with_population))
            .collect()
    }

    /// The manifest of "Your files" (its caveats are [`caveats`](Self::caveats)),
    /// its texts in English and in Welsh (when the Welsh words are there:
    /// in the browser, once the page has given them).
    fn manifest(
        &self,
        police: bool,
        lookups: &[Lookup],
        boundaries: &[Boundary],
        level: Level,
        within_name: Option<(String, Option<String>)>,
    ) -> Manifest {
        let mut attribution = Vec::new();
        if police {
            attribution.push(Msg::AttributionPolice);
        }
        if !lookups.is_empty() || !self.population.is_empty() || !self.ranks.is_empty() {
            attribution.push(Msg::AttributionOns);
        }
        if !boundaries.is_empty() {
            attribution.push(Msg::AttributionOs);
        }
        let licence = (police || !lookups.is_empty()).then_some(Msg::OpenGovernmentLicence);
        let in_words = |w: &Words| {
            let attribution: Vec<&str> = attribution.iter().map(|m| w.t(*m)).collect();
            let licence = licence.map(|m| w.t(m).to_string()).unwrap_or_default();
            (attribution.join(" "), licence)
        };
        let (whole_name, whole_name_cy) = within_name.unzip();
        let mut welsh = WelshTexts::default();
        if let Some(cy) = welsh_words() {
            let (attribution, licence) = in_words(cy);
            welsh.set(Text::Title, Some(cy.t(Msg::YourFilesTitle).to_string()));
            welsh.set(Text::Attribution, Some(attribution));
            welsh.set(Text::Licence, Some(licence));
            let whole = whole_name_cy.clone().flatten();
            let whole = whole.or_else(|| {
                let own = whole_name.is_none();
                own.then(|| cy.t(Msg::AllAreasInYourFiles).to_string())
            });
            welsh.set(Text::WholeName, whole);
        } else {
            welsh.set(Text::WholeName, whole_name_cy.flatten());
        }
        let en = i18n::english();
        let (attribution, licence) = in_words(en);
        Manifest {
            title: en.t(Msg::YourFilesTitle).to_string(),
            publisher: String::new(),
            synthetic: false,
            licence,
            attribution,
            area_level: level.name().to_string(),
            parent_level: None,
            whole_name: whole_name.unwrap_or_else(|| en.t(Msg::AllAreasInYourFiles).to_string()),
            source: None,
            targets_note: None,
            population_year: None,
            disclosure_threshold: None,
            published: None,
            default_period: None,
            files: ManifestFiles {
                counts: "your files".to_string(),
                areas: None,
                categories: None,
                boundaries: None,
                targets: None,
                other_sources: Vec::new(),
            },
            caveats: Vec::new(),
            welsh,
        }
    }

    /// The caveats of "Your files": what was read, months missing or
    /// implausibly low, files failed or read in part, unknown codes.
    fn caveats(&self, police: bool, quality: &Quality, unknown: &UnknownCodes) -> Vec<i18n::Text> {
        let count = |keep: &dyn Fn(&FileStatus, &FileKind) -> bool| {
            self.items
                .iter()
                .filter(|i| keep(&i.report.status, &i.report.kind))
                .count()
        };
        let said = |msg: Msg, n: String| i18n::Text::msg(msg).with("n", n);
        let mut caveats = Vec::new();
        if police {
            let n = count(&|s, k| *s == FileStatus::Read && k.is_police());
            caveats.push(said(Msg::CaveatPolice, n.to_string()));
        } else {
            let n = count(&|s, k| *s == FileStatus::Read && *k == FileKind::CountsFile);
            caveats.push(said(Msg::CaveatCounts, n.to_string()));
        }
        let months = |ms: Vec<String>| ms.join(", ");
        if !quality.months_missing.is_empty() {
            let ms = quality.months_missing.iter().map(|m| m.to_string());
            caveats.push(said(Msg::CaveatNoRows, months(ms.collect())));
        }
        if !quality.months_suspect.is_empty() {
            let ms = quality.months_suspect.iter().map(|s| s.month.to_string());
            caveats.push(said(Msg::CaveatSuspect, months(ms.collect())));
        }
        let failed = count(&|s, _| matches!(s, FileStatus::Failed(_)));
        if failed > 0 {
            caveats.push(said(Msg::CaveatFailed, failed.to_string()));
        }
        let partly = count(&|s, _| matches!(s, FileStatus::Partly(_)));
        if partly > 0 {
            caveats.push(said(Msg::CaveatPartly, partly.to_string()));
        }
        if unknown.rows > 0 {
            caveats.push(said(Msg::CaveatUnknown, unknown.rows.to_string()));
        }
        caveats
    }
}

/// The Welsh words, when they are there (native builds always; the
/// browser's loading worker once the page has given it the catalogue).
fn welsh_words() -> Option<&'static Words> {
    let cy = i18n::words(Lang::Cy);
    (cy.lang() == Lang::Cy).then_some(cy)
}

/// The areas the counts reach (those on the cube's axis) and their
/// ancestors: with no area chosen, a lookup of the whole country would
/// otherwise list every other area in it, each ranked at 0.
fn reached(areas: Vec<Area>, cube: &Cube) -> Vec<Area> {
    let mut keep: std::collections::HashSet<&str> =
        cube.areas().iter().map(|a| a.as_str()).collect();
    // Parents are added level by level (a bounded walk: a loop stops).
    for _ in 0..areas.len() {
        let parents: Vec<&str> = areas
            .iter()
            .filter(|a| keep.contains(a.code.as_str()))
            .filter_map(|a| a.parent.as_ref().map(|p| p.as_str()))
            .filter(|p| !keep.contains(p))
            .collect();
        if parents.is_empty() {
            break;
        }
        keep.extend(parents);
    }
    let kept: Vec<bool> = areas
        .iter()
        .map(|a| keep.contains(a.code.as_str()))
        .collect();
    areas
        .into_iter()
        .zip(kept)
        .filter_map(|(a, k)| k.then_some(a))
        .collect()
}
