//! Starting the load: the chosen level and area decide the lookups, what
//! the rows are counted into, and the files to read.

use crate::data::area::AreaCode;
use crate::data::cube::CubeBuilder;
use crate::data::lookup::{Level, Lookup};
use crate::data::policeuk::PoliceUkAggregator;
use crate::data::recognise::FileKind;
use crate::data::report::LoadReport;
use crate::data::{AreaMapper, Categories};

use super::files::FileStatus;
use super::step::Progress;
use super::{LoadSession, Plan, SessionError, Sink};

impl LoadSession {
    /// Starts the load (phase 2) at `level` (the default of
    /// [`choices`](Self::choices) when `None`), restricted to the area
    /// `within` when given. Fails when there is nothing to count or the
    /// level or area cannot be used; the files stay as they are, so the
    /// user can choose again.
    pub fn start(
        &mut self,
        level: Option<Level>,
        within: Option<&str>,
    ) -> Result<(), SessionError> {
        if self.plan.is_some() {
            return Ok(());
        }
        let waiting = |kind: fn(&FileKind) -> bool| -> Vec<usize> {
            (0..self.items.len())
                .filter(|&i| {
                    self.items.get(i).is_some_and(|it| {
                        it.report.status == FileStatus::Waiting && kind(&it.report.kind)
                    })
                })
                .collect()
        };
        let police = waiting(FileKind::is_police);
        let counts = waiting(|k| *k == FileKind::CountsFile);
        let police = self.without_repeats(police);
        let chain = self.chain();
        let level = level.unwrap_or(self.choices().default_level);
        let within = within.map(str::trim).filter(|w| !w.is_empty());
        let categories = self.categories.clone().unwrap_or_default();
        let (sink, queue, keeps_unallocated) = if !police.is_empty() {
            let lookups: Vec<Lookup> = chain
                .iter()
                .filter_map(|&i| self.lookups.get(i).map(|(_, l)| l.clone()))
                .collect();
            let mapper = if lookups.is_empty() {
                if level != Level::Lsoa || within.is_some() {
                    return Err(SessionError::NeedsLookup(level));
                }
                AreaMapper::each_lsoa()
            } else {
                AreaMapper::from_lookups(&lookups, level, within).map_err(|error| {
                    let file = chain
                        .last()
                        .and_then(|&i| self.lookups.get(i))
                        .and_then(|(item, _)| self.items.get(*item))
                        .map(|it| it.report.name.clone())
                        .unwrap_or_default();
                    SessionError::Lookup { file, error }
                })?
            };
            let keeps = mapper.keeps_unallocated();
            let agg = PoliceUkAggregator::new(mapper, categories);
            (Sink::Police(Box::new(agg)), police, keeps)
        } else if !counts.is_empty() {
            let mut parents: Vec<&str> = self
                .areas
                .iter()
                .filter_map(|a| a.parent.as_ref().map(AreaCode::as_str))
                .collect();
            parents.sort();
            let mut leaves: Vec<&str> = self
                .areas
                .iter()
                .map(|a| a.code.as_str())
                .filter(|c| parents.binary_search(c).is_err())
                .collect();
            leaves.sort();
            let builder = CubeBuilder::new()
                .with_categories(categories.iter().map(|c| c.name.as_str()))
                .with_sources(categories.source_indices())
                .with_areas(leaves);
            (
                Sink::Counts(Box::new((builder, LoadReport::default()))),
                counts.clone(),
                true,
            )
        } else {
            return Err(SessionError::NoData);
        };
        let police_load = matches!(sink, Sink::Police(_));
        self.begin(level, within, chain, sink, queue, keeps_unallocated);
        // Counts files beside police.uk files: read when the load finishes.
        if let (true, Some(plan)) = (police_load, self.plan.as_mut()) {
            plan.beside = counts;
        }
        Ok(())
    }

    /// Starts a load of police.uk files (phase 2) with a mapping decided
    /// elsewhere (`explorer-cli prepare`'s `--lookup`, `--level`,
    /// `--within` and `--categories`): the session's own lookups and
    /// categories are not used. Repeated files are set aside as in
    /// [`start`](Self::start); counts files are not read.
    pub fn start_mapped(
        &mut self,
        mapper: AreaMapper,
        level: Level,
        within: Option<&str>,
        categories: Categories,
    ) -> Result<(), SessionError> {
        if self.plan.is_some() {
            return Ok(());
        }
        let police: Vec<usize> = (0..self.items.len())
            .filter(|&i| {
                self.items.get(i).is_some_and(|it| {
                    it.report.status == FileStatus::Waiting && it.report.kind.is_police()
                })
            })
            .collect();
        let police = self.without_repeats(police);
        if police.is_empty() {
            return Err(SessionError::NoData);
        }
        let keeps = mapper.keeps_unallocated();
        self.categories = Some(categories.clone());
        let sink = Sink::Police(Box::new(PoliceUkAggregator::new(mapper, categories)));
        self.begin(level, within, Vec::new(), sink, police, keeps);
        Ok(())
    }

    /// Sets the plan: lookups left out of the chain said so, the progress
    /// to come.
    fn begin(
        &mut self,
        level: Level,
        within: Option<&str>,
        chain: Vec<usize>,
        sink: Sink,
        queue: Vec<usize>,
        keeps_unallocated: bool,
    ) {
        // Lookups left out of the chain.
        let used: Vec<usize> = chain
            .iter()
            .filter_map(|&i| self.lookups.get(i).map(|(item, _)| *item))
            .collect();
        let unused: Vec<usize> = self
            .lookups
            .iter()
            .map(|(item, _)| *item)
            .filter(|i| !used.contains(i))
            .collect();
        for item in unused {
            self.set_status(item, FileStatus::NotUsed(
                "a later lookup that is not a bridge was given; only the last one maps LSOAs to areas".to_string(),
            ));
        }
        self.progress = Progress {
            bytes_total: queue
                .iter()
                .filter_map(|&i| self.items.get(i))
                .map(|it| it.report.size)
                .sum(),
            files_total: queue.len(),
            ..Progress::default()
        };
        self.plan = Some(Plan {
            level,
            within: within.map(str::to_string),
            chain,
            keeps_unallocated,
            sink,
            queue: queue.into_iter().collect(),
            current: None,
            beside: Vec::new(),
        });
    }
}
