//! The Load data page's state: the files chosen, the worker reading them,
//! and what the page shows (`Stage`); how the worker's answers move it.

use crate::i18n::{Msg, Words};
use std::sync::Arc;

use leptos::prelude::*;
use web_sys::File;

use crate::data::session::DatasetFiles;
use crate::state::ViewState;
use crate::view::load::message::{FromWorker, Recognised};
use crate::view::load::LoadSummary;
use crate::view::table::TableModel;

use super::super::navigate;
use super::worker::{Loader, Reply};
use super::Local;

/// What the page shows below the file input.
#[derive(Clone)]
pub(super) enum Stage {
    Empty,
    Checking,
    Ready(Recognised),
    Loading {
        files: TableModel,
        done: f64,
        total: f64,
        text: String,
    },
}

/// The files chosen on the Load data page. The app holds them, above the
/// page, so that they stay chosen while the reader looks at other pages
/// (until the page is reloaded).
#[derive(Clone, Copy)]
pub struct Chosen(StoredValue<Vec<File>, LocalStorage>);

impl Default for Chosen {
    fn default() -> Chosen {
        Chosen(StoredValue::new_local(Vec::new()))
    }
}

/// The page's state; every part is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
pub(super) struct LoadState {
    pub(super) view: RwSignal<ViewState>,
    pub(super) local: RwSignal<Option<Arc<Local>>>,
    pub(super) chosen: Chosen,
    /// The worker reading the files: the page's own (it goes with the
    /// page, and dropping it stops the worker).
    pub(super) loader: StoredValue<Option<Loader>, LocalStorage>,
    pub(super) stage: RwSignal<Stage>,
    pub(super) failure: RwSignal<String>,
    pub(super) level: RwSignal<String>,
    pub(super) within: RwSignal<String>,
}

impl LoadState {
    /// The page's words.
    fn w(self) -> &'static Words {
        crate::ui::words_of(self.view)
    }

    /// Fresh state for the page, with the files chosen so far.
    pub(super) fn new(
        view: RwSignal<ViewState>,
        local: RwSignal<Option<Arc<Local>>>,
        chosen: Chosen,
    ) -> LoadState {
        LoadState {
            view,
            local,
            chosen,
            loader: StoredValue::new_local(None),
            stage: RwSignal::new(Stage::Empty),
            failure: RwSignal::new(String::new()),
            level: RwSignal::new(String::new()),
            within: RwSignal::new(String::new()),
        }
    }

    /// True when files were chosen on an earlier visit.
    pub(super) fn has_files(self) -> bool {
        self.chosen_count() > 0
    }

    /// How many files are chosen.
    pub(super) fn chosen_count(self) -> usize {
        self.chosen.0.with_value(Vec::len)
    }

    /// Stops the worker (a plain call, so that it never runs while the
    /// worker's own message is being handled). The page may be gone.
    pub(super) fn stop(self) {
        let old = self.loader.try_update_value(Option::take).flatten();
        drop(old);
    }

    /// A fresh worker with every file chosen so far: how files are added,
    /// how a load is cancelled, and how the page recovers from a failure.
    pub(super) fn respawn(self) {
        self.stop();
        let list = self.chosen.0.get_value();
        if list.is_empty() {
            self.stage.set(Stage::Empty);
            return;
        }
        self.stage.set(Stage::Checking);
        match Loader::spawn(&list, self.w(), move |reply| self.on_reply(reply)) {
            Ok(l) => self.loader.set_value(Some(l)),
            Err(message) => {
                self.failure.set(message);
                self.stage.set(Stage::Empty);
            }
        }
    }

    fn on_reply(self, reply: Reply) {
        match reply.message {
            FromWorker::Ready => {}
            FromWorker::Added(recognised) => self.added(recognised),
            FromWorker::Progress { done, total, text } => self.stage.update(|s| {
                if let Stage::Loading {
                    done: d,
                    total: t,
                    text: line,
                    ..
                } = s
                {
                    (*d, *t, *line) = (done as f64, total as f64, text);
                }
            }),
            FromWorker::Done { summary, query } => match reply.files {
                Some(files) => self.done(files, *summary, query),
                None => self.fail(self.w().t(Msg::WorkerSentNoDataset).to_string()),
            },
            FromWorker::Failed(message) => self.fail(message),
        }
    }

    /// The files are recognised: the choices made before stay while they
    /// are offered.
    fn added(self, recognised: Recognised) {
        let kept = |value: RwSignal<String>, options: &[(String, String)], or: String| {
            let v = value.get_untracked();
            value.set(if options.iter().any(|(k, _)| *k == v) {
                v
            } else {
                or
            });
        };
        let levels = &recognised.levels;
        let first = levels.first().map(|(k, _)| k.clone()).unwrap_or_default();
        kept(self.level, levels, first);
        kept(self.within, &recognised.areas, String::new());
        self.stage.set(Stage::Ready(recognised));
    }

    /// The load finished: its dataset drives every page; the view opens on
    /// the overview.
    fn done(self, texts: DatasetFiles, summary: LoadSummary, query: String) {
        match texts.assemble() {
            Ok(data) => {
                self.local.set(Some(Arc::new(Local {
                    data: Arc::new(data),
                    summary,
                    texts,
                    files_chosen: self.chosen_count(),
                })));
                // Once this message is handled: leaving the page stops the
                // worker that sent it.
                let view = self.view;
                leptos::task::spawn_local(async move {
                    navigate(view, ViewState::from_query(&query));
                    if let Some(w) = web_sys::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                });
            }
            Err(message) => self.fail(message),
        }
    }

    /// After a failed load the files are offered again; a failure while
    /// they were being recognised sets them aside (trying again would
    /// fail again).
    fn fail(self, message: String) {
        let loading = matches!(self.stage.get_untracked(), Stage::Loading { .. });
        self.failure.set(if loading {
            message
        } else {
            format!("{message} {}", self.w().t(Msg::FilesSetAside))
        });
        leptos::task::spawn_local(async move {
            if !loading {
                self.chosen.0.update_value(Vec::clear);
            }
            self.respawn();
        });
    }

    pub(super) fn add(self, new: Vec<File>) {
        if new.is_empty() {
            return;
        }
        if matches!(self.stage.get_untracked(), Stage::Loading { .. }) {
            self.failure
                .set(self.w().t(Msg::WaitBeforeAdding).to_string());
            return;
        }
        self.chosen.0.update_value(|f| f.extend(new));
        self.failure.set(String::new());
        self.respawn();
    }

    pub(super) fn start(self) {
        let Stage::Ready(Recognised { files, .. }) = self.stage.get_untracked() else {
            return;
        };
        self.failure.set(String::new());
        self.stage.set(Stage::Loading {
            files,
            done: 0.0,
            total: 1.0,
            text: self.w().t(Msg::Starting).to_string(),
        });
        let (level, within) = (self.level.get_untracked(), self.within.get_untracked());
        let query = self.view.with_untracked(ViewState::to_query);
        let started = self.loader.with_value(|l| {
            l.as_ref()
                .map(|l| l.start(&level, &within, &query, self.w()))
        });
        match started {
            Some(Ok(())) => {}
            Some(Err(message)) => self.fail(message),
            None => self.fail(self.w().t(Msg::WorkerNotRunning).to_string()),
        }
    }

    pub(super) fn cancel(self) {
        self.failure.set(self.w().t(Msg::LoadCancelled).to_string());
        self.respawn();
    }

    pub(super) fn clear(self) {
        self.chosen.0.update_value(Vec::clear);
        self.failure.set(String::new());
        self.respawn();
    }
}
