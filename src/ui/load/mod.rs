//! The Load data page: the user's files go to the loading worker, which
//! recognises them; the user chooses the level and area; the worker reads
//! them with a progress bar (cancel stops it); the finished dataset then
//! drives every page. Nothing leaves the browser.

mod report;
mod worker;

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::File;

use crate::data::bundle::{assemble, Bundle};
use crate::data::Manifest;
use crate::state::ViewState;
use crate::view::load::LoadSummary;
use crate::view::table::TableModel;

use super::navigate;
use super::table::DataTable;

pub use report::LoadReport;
use worker::{DatasetTexts, Loader, Reply};

/// Data loaded from the user's files: it replaces the published dataset
/// until the page is reloaded.
pub struct Local {
    /// The dataset.
    pub bundle: Arc<Bundle>,
    /// The load's report.
    pub summary: LoadSummary,
    /// The dataset as files a publisher can deploy.
    pub texts: DatasetTexts,
}

#[derive(Clone)]
enum Stage {
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

fn bundle_from(texts: &DatasetTexts) -> Result<Bundle, String> {
    let manifest = Manifest::parse("manifest.json", &texts.manifest).map_err(|e| e.to_string())?;
    let f = manifest.files.clone();
    let areas = f
        .areas
        .as_deref()
        .filter(|_| !texts.areas.is_empty())
        .map(|n| (n, texts.areas.as_bytes()));
    let boundaries = f
        .boundaries
        .as_deref()
        .filter(|_| !texts.boundaries.is_empty())
        .map(|n| (n, texts.boundaries.as_bytes()));
    assemble(
        manifest,
        (&f.counts, texts.counts.as_bytes()),
        areas,
        boundaries,
    )
}

fn chosen(list: Option<web_sys::FileList>) -> Vec<File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

thread_local! {
    /// The files chosen on the page (one Load data page at a time).
    static FILES: std::cell::RefCell<Vec<File>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The worker reading them; dropping it stops it.
    static LOADER: std::cell::RefCell<Option<Loader>> = const { std::cell::RefCell::new(None) };
}

/// Stops the worker (a plain call, so that it never runs while the worker's
/// own message is being handled).
fn stop() {
    let old = LOADER.with_borrow_mut(Option::take);
    drop(old);
}

/// The page's state; every part is a handle, so the whole is `Copy`.
#[derive(Clone, Copy)]
struct LoadState {
    view: RwSignal<ViewState>,
    local: RwSignal<Option<Arc<Local>>>,
    stage: RwSignal<Stage>,
    failure: RwSignal<String>,
    level: RwSignal<String>,
    within: RwSignal<String>,
}

impl LoadState {
    /// A fresh worker with every file chosen so far: how files are added,
    /// how a load is cancelled, and how the page recovers from a failure.
    fn respawn(self) {
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
                let first = levels.first().map(|(k, _)| k.clone()).unwrap_or_default();
                self.level.set(first);
                self.within.set(String::new());
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
                match bundle_from(&texts) {
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

    fn fail(self, message: String) {
        self.failure.set(message);
        leptos::task::spawn_local(async move { self.respawn() });
    }

    fn add(self, new: Vec<File>) {
        if new.is_empty() {
            return;
        }
        FILES.with_borrow_mut(|f| f.extend(new));
        self.failure.set(String::new());
        self.respawn();
    }

    fn start(self) {
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

    fn cancel(self) {
        self.failure
            .set("The load was cancelled. Your files are still chosen.".to_string());
        self.respawn();
    }

    fn clear(self) {
        FILES.with_borrow_mut(Vec::clear);
        self.failure.set(String::new());
        self.respawn();
    }
}

/// A labelled menu setting `value`; it starts on its first option, which
/// the page sets `value` to whenever the menu is drawn anew.
fn select(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    value: RwSignal<String>,
    first: Option<&'static str>,
) -> impl IntoView {
    let first = first.map(|text| view! { <option value="">{text}</option> });
    let options = options
        .into_iter()
        .map(|(v, l)| view! { <option value=v>{l}</option> })
        .collect_view();
    view! {
        <label for=id>{label}</label>
        <select id=id data-testid=id on:change=move |ev| value.set(event_target_value(&ev))>
            {first}
            {options}
        </select>
    }
}

/// The Load data page.
#[component]
pub fn LoadPage(
    /// The app's view.
    view: RwSignal<ViewState>,
    /// Where the loaded data goes.
    local: RwSignal<Option<Arc<Local>>>,
) -> impl IntoView {
    let s = LoadState {
        view,
        local,
        stage: RwSignal::new(Stage::Empty),
        failure: RwSignal::new(String::new()),
        level: RwSignal::new(String::new()),
        within: RwSignal::new(String::new()),
    };
    // Leaving the page stops any load and forgets the files.
    on_cleanup(|| {
        stop();
        FILES.with_borrow_mut(Vec::clear);
    });
    let body = move || {
        match s.stage.get() {
        Stage::Empty => ().into_any(),
        Stage::Checking => {
            view! { <p role="status" data-testid="load-checking">"Looking at your files…"</p> }
                .into_any()
        }
        Stage::Ready {
            files,
            levels,
            areas,
        } => {
            let lookup = levels.len() > 1;
            let area = (!areas.is_empty()).then(|| {
                select(
                    "load-within",
                    "Area",
                    areas,
                    s.within,
                    Some("Every area in the lookup"),
                )
            });
            let hint = (!lookup).then(|| view! {
                <p class="hint">"Without an ONS lookup (LSOA → ward → local authority) the figures are by LSOA. Add one to count by ward and to choose one local authority."</p>
            });
            view! {
                <DataTable model=files view=view testid="load-files" />
                <div class="load-choices">
                    {select("load-level", "Count by", levels, s.level, None)}
                    {area}
                </div>
                {hint}
                <p>
                    <button type="button" class="primary" data-testid="load-start" on:click=move |_| s.start()>"Show the figures"</button>
                    " "
                    <button type="button" data-testid="load-clear" on:click=move |_| s.clear()>"Remove all files"</button>
                </p>
            }
            .into_any()
        }
        Stage::Loading {
            files,
            done,
            total,
            text,
        } => {
            view! {
                <div class="load-progress" data-testid="load-progress">
                    <label for="load-bar">"Reading your files"</label>
                    <progress id="load-bar" max=total.max(1.0) value=done></progress>
                    <p role="status" data-testid="load-progress-text">{text}</p>
                    <button type="button" data-testid="load-cancel" on:click=move |_| s.cancel()>"Cancel"</button>
                </div>
                <DataTable model=files view=view testid="load-files" />
            }
            .into_any()
        }
    }
    };
    let last = move || {
        local.get().map(|l| {
            view! { <LoadReport local=l view=view /> }
        })
    };
    view! {
        <h1>"Load your own data"</h1>
        <p>"Choose or drop the files you downloaded from "<a href="https://data.police.uk/data/">"data.police.uk"</a>
            ": street-level crime CSVs, or the zip archive police.uk delivers. Add the ONS lookup from LSOAs to wards and local authorities to count by ward, and optionally an areas file (names, populations, deprivation) and ward boundaries. A counts file (month, area_code, category, count) works too."</p>
        <p><strong>"Your files stay on this computer."</strong>" They are read by this page, in your browser, and never uploaded."</p>
        <div class="drop-zone" data-testid="drop-zone"
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev| {
                ev.prevent_default();
                s.add(chosen(ev.data_transfer().and_then(|d| d.files())));
            }>
            <label for="load-input">"Choose files"</label>
            <input type="file" id="load-input" multiple data-testid="load-input" accept=".csv,.zip,.geojson,.json,text/csv,application/zip"
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    s.add(chosen(input.files()));
                    input.set_value("");
                } />
            <p>"or drop them here."</p>
        </div>
        <p class="error" role="alert" data-testid="load-failure">{move || s.failure.get()}</p>
        {body}
        {last}
    }
}
