//! The Load data page's state: the files chosen, the worker reading them,
//! and what the page shows (`Stage`); how the worker's answers move it.

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::File;

use crate::state::ViewState;
use crate::view::table::TableModel;

use super::super::navigate;
use super::worker::{Loader, Reply};
use super::Local;

/// What the page shows below the file input.
#[derive(Clone)]
pub(super) enum Stage {
    Empty,
    Checking,
    Ready {
        files: TableModel,
        levels: Vec<(String, String)>,
        areas: Vec<(String, String)>,
    },
    Loading {
        files: TableModel,
        done: f64,
        total: f64,
        text: String,
    },
}

thread_local! {
    /// The files chosen on the page (one Load data page at a time).
    pub(super) static FILES: std::cell::RefCell<Vec<File>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The worker reading them; dropping it stops it.
    static LOADER: std::cell::RefCell<Option<Loader>> = const { std::cell::RefCell::new(None) };
}

/// Stops the worker (a plain call, so that it never runs while the worker's
/// own message is being handled).
pub(super) fn stop() {
    let old = LOADER.with_borrow_mut(Option::take);
    drop(old);
}

/// The page's state; every part is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
pub(super) struct LoadState {
    pub(super) view: RwSignal<ViewState>,
    pub(super) local: RwSignal<Option<Arc<Local>>>,
    pub(super) stage: RwSignal<Stage>,
    pub(super) failure: RwSignal<String>,
    pub(super) level: RwSignal<String>,
    pub(super) within: RwSignal<String>,
}

impl LoadState {
    /// A fresh worker with every file chosen so far: how files are added,
    /// how a load is cancelled, and how the page recovers from a failure.
    pub(super) fn respawn(self) {
        stop();
        let list = FILES.with_borrow(Clone::clone);
        if list.is_empty() {
            self.stage.set(Stage::Empty);
            return;
        }
        self.stage.set(Stage::Checking);
        match Loader::spawn(&list, move |reply| self.on_reply(reply)) {
            Ok(l) => LOADER.with_borrow_mut(|slot| *slot = Some(l)),
            Err(message) => {
                self.failure.set(message);
                self.stage.set(Stage::Empty);
            }
        }
    }

    fn on_reply(self, reply: Reply) {
        match reply {
            Reply::Added {
                files,
                levels,
                areas,
            } => {
                // The choices made before stay while they are offered.
                let kept = |value: RwSignal<String>, options: &[(String, String)], or: String| {
                    let v = value.get_untracked();
                    value.set(if options.iter().any(|(k, _)| *k == v) {
                        v
                    } else {
                        or
                    });
                };
                let first = levels.first().map(|(k, _)| k.clone()).unwrap_or_default();
                kept(self.level, &levels, first);
                kept(self.within, &areas, String::new());
                self.stage.set(Stage::Ready {
                    files,
                    levels,
                    areas,
                });
            }
            Reply::Progress(d, t, line) => self.stage.update(|s| {
                if let Stage::Loading {
                    done, total, text, ..
                } = s
                {
                    (*done, *total, *text) = (d, t, line);
                }
            }),
            Reply::Done(done) => {
                let (texts, summary, query) = *done;
                match texts.bundle() {
                    Ok(bundle) => {
                        self.local.set(Some(Arc::new(Local {
                            bundle: Arc::new(bundle),
                            summary,
                            texts,
                        })));
                        // Once this message is handled: leaving the page
                        // stops the worker that sent it.
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
            Reply::Failed(message) => self.fail(message),
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
            format!(
                "{message} Your files were set aside: choose them again, perhaps fewer at once."
            )
        });
        leptos::task::spawn_local(async move {
            if !loading {
                FILES.with_borrow_mut(Vec::clear);
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
                .set("Wait for the load to finish, or cancel it, before adding files.".to_string());
            return;
        }
        FILES.with_borrow_mut(|f| f.extend(new));
        self.failure.set(String::new());
        self.respawn();
    }

    pub(super) fn start(self) {
        if let Stage::Ready { files, .. } = self.stage.get_untracked() {
            self.failure.set(String::new());
            self.stage.set(Stage::Loading {
                files,
                done: 0.0,
                total: 1.0,
                text: "Starting…".to_string(),
            });
            let (level, within) = (self.level.get_untracked(), self.within.get_untracked());
            let query = self.view.with_untracked(ViewState::to_query);
            LOADER.with_borrow(|l| {
                if let Some(l) = l {
                    l.start(&level, &within, &query);
                }
            });
        }
    }

    pub(super) fn cancel(self) {
        self.failure
            .set("The load was cancelled. Your files are still chosen.".to_string());
        self.respawn();
    }

    pub(super) fn clear(self) {
        FILES.with_borrow_mut(Vec::clear);
        self.failure.set(String::new());
        self.respawn();
    }
}
