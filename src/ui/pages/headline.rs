//! The headline figures of a comparison, and the key findings list.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::state::{Page, ViewState};
use crate::ui::nav::ViewLink;
use crate::view::overview::Headline;

use super::super::words_here;

/// The headline: current, previous, change, % change, the sentence.
#[component]
pub fn HeadlineFigures(
    /// The headline as shown.
    h: Headline,
) -> impl IntoView {
    let w = words_here();
    let current = w.f(Msg::LabelCurrent, &[("period", &h.current_label)]);
    let previous = w.f(Msg::LabelPrevious, &[("period", &h.previous_label)]);
    view! {
        <section class="headline" aria-labelledby="headline-title">
            <h2 id="headline-title">{h.title.clone()}</h2>
            <dl class="figures">
                <div><dt>{current}</dt><dd data-testid="current">{h.current}</dd></div>
                <div><dt>{previous}</dt><dd data-testid="previous">{h.previous}</dd></div>
                <div><dt>{w.t(Msg::ColChange)}</dt><dd data-testid="change">{h.change}</dd></div>
                <div><dt>{w.t(Msg::ColPctChange)}</dt><dd data-testid="pct-change">{h.pct}</dd></div>
            </dl>
            <p class="sentence" data-testid="headline-sentence">{h.sentence}</p>
            <PeriodNotes notes=h.notes />
        </section>
    }
}

/// What must be said about the periods shown: months without data,
/// different seasons, a choice shown otherwise (nothing when all is well).
#[component]
pub fn PeriodNotes(
    /// The sentences ([`crate::view::common::Setup::notes`]).
    notes: Vec<String>,
) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        let items = notes
            .into_iter()
            .map(|n| view! { <p>{n}</p> })
            .collect_view();
        view! { <div class="period-notes" role="note" data-testid="period-notes">{items}</div> }
    })
}

/// The key findings.
#[component]
pub fn Findings(
    /// The sentences.
    findings: Vec<String>,
) -> impl IntoView {
    let items = findings
        .into_iter()
        .map(|f| view! { <li>{f}</li> })
        .collect_view();
    view! {
        <section class="findings" aria-labelledby="findings-title">
            <h2 id="findings-title">{words_here().t(Msg::KeyFindings)}</h2>
            <ul data-testid="findings">{items}</ul>
        </section>
    }
}

/// The targets that apply, each with its status in words and a mark
/// (nothing when the dataset has none).
#[component]
pub fn Targets(
    /// The targets as shown.
    model: Option<crate::view::targets::TargetsModel>,
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let w = words_here();
    model.map(|m| {
        let note = m
            .note
            .map(|n| view! { <p class="note" data-testid="targets-note">{n}</p> });
        view! {
            <section class="targets" aria-labelledby="targets-title">
                <h2 id="targets-title">{w.t(Msg::Targets)}</h2>
                {note}
                <super::super::table::DataTable model=m.table view=view testid="targets-table" />
                <p class="note targets-key">{w.t(Msg::TargetsKey)}</p>
            </section>
        }
    })
}

/// The key to `[c]`, `[low]` and `[x]`.
#[component]
pub fn MarkerKey() -> impl IntoView {
    let w = words_here();
    view! {
        <p class="note" data-testid="marker-key">
            <strong>"[c]"</strong>" "{w.t(Msg::KeyC)}" "
            <strong>"[low]"</strong>" "{w.t(Msg::KeyLow)}" "
            <strong>"[x]"</strong>" "{w.t(Msg::KeyX)}
        </p>
    }
}

/// The way to "How to read these figures" (what significant, normal
/// variation, the interval and the marks mean), beside the verdicts.
#[component]
pub fn GuideLink(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let mut to = view.get_untracked();
    to.page = Page::Guide;
    to.ward = None;
    view! {
        <p class="note no-print">
            <ViewLink to=to view=view testid="guide-link">
                {words_here().t(Msg::GuideLinkText)}
            </ViewLink>
        </p>
    }
}
