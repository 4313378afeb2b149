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
        let police = self.waiting(FileKind::is_police);
        let counts = self.waiting(|k| *k == FileKind::CountsFile);
        let wide = self.waiting(|k| matches!(k, FileKind::Wide(_)));
        let police = self.without_repeats(police);
        let chain = self.chain();
        let level = level.unwrap_or(self.choices().default_level);
        let within = within.map(str::trim).filter(|w| !w.is_empty());
        if !police.is_empty() {
            let mapper = self.mapper(&chain, level, within)?;
            let keeps = mapper.keeps_unallocated();
            let categories = self.categories.clone().unwrap_or_default();
            let agg = PoliceUkAggregator::new(mapper, categories);
            self.begin(
                level,
                within,
                chain,
                Sink::Police(Box::new(agg)),
                police,
                keeps,
            );
            // Counts files beside police.uk files: read when the load finishes.
            if let Some(plan) = self.plan.as_mut() {
                plan.beside = counts;
            }
        } else if !counts.is_empty() {
            let sink = Sink::Counts(Box::new((self.counts_builder(), LoadReport::default())));
            self.begin(level, within, chain, sink, counts, true);
        } else if !wide.is_empty() {
            let lookup = self.mapping_lookup().cloned();
            let mut wide_sink = super::wide::WideSink::new(lookup);
            wide_sink.within_chosen = within.map(str::to_string);
            let sink = Sink::Wide(Box::new(wide_sink));
            self.begin(level, None, chain, sink, wide, true);
        } else {
            return Err(SessionError::NoData);
        }
        Ok(())
    }

    /// The items waiting to be loaded whose kind is `kind`, in order.
    fn waiting(&self, kind: fn(&FileKind) -> bool) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| {
                let it = &self.items[i];
                it.report.status == FileStatus::Waiting && kind(&it.report.kind)
            })
            .collect()
    }

    /// The mapping of a police.uk load through the lookups of `chain` (none:
    /// each LSOA is an area, at LSOA level only).
    fn mapper(
        &self,
        chain: &[usize],
        level: Level,
        within: Option<&str>,
    ) -> Result<AreaMapper, SessionError> {
        let lookups: Vec<Lookup> = chain.iter().map(|&i| self.lookups[i].1.clone()).collect();
        let Some(&last) = chain.last() else {
            if level != Level::Lsoa || within.is_some() {
                return Err(SessionError::NeedsLookup(level));
            }
            return Ok(AreaMapper::each_lsoa());
        };
        let within: Vec<String> = within.into_iter().map(str::to_string).collect();
        AreaMapper::from_lookups(&lookups, level, &within).map_err(|error| {
            let (item, _) = &self.lookups[last];
            let file = self.items[*item].report.name.clone();
            SessionError::Lookup { file, error }
        })
    }

    /// What a load of counts files counts into: the areas file's leaf areas
    /// (those no area names as its parent) and the categories.
    fn counts_builder(&self) -> CubeBuilder {
        let categories = self.categories.clone().unwrap_or_default();
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
        CubeBuilder::new()
            .with_categories(categories.iter().map(|c| c.name.as_str()))
            .with_sources(categories.source_indices())
            .with_areas(leaves)
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
        let police = self.waiting(FileKind::is_police);
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
        let used: Vec<usize> = chain.iter().map(|&i| self.lookups[i].0).collect();
        let unused: Vec<usize> = self
            .lookups
            .iter()
            .map(|(item, _)| *item)
            .filter(|i| !used.contains(i))
            .collect();
        for item in unused {
            let why = crate::i18n::Text::msg(crate::i18n::Msg::LaterLookup);
            self.set_status(item, FileStatus::NotUsed(why));
        }
        self.progress = Progress {
            bytes_total: queue.iter().map(|&i| self.items[i].report.size).sum(),
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
