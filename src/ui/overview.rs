//! The overview page: the headline comparison and the monthly trend.

use std::rc::Rc;

use leptos::prelude::*;

use crate::analysis::trend::monthly;
use crate::analysis::{compare, narrative, Preset, Scope, Selection};
use crate::chart::TrendChart;
use crate::format::{signed, signed_pct, thousands};

use super::fetch::Loaded;
use super::trend_chart::TrendFigure;

/// The overview of a loaded dataset.
#[component]
pub fn Overview(
    /// The dataset to show.
    loaded: Rc<Loaded>,
) -> impl IntoView {
    let ds = &loaded.dataset;
    let manifest = &loaded.manifest;
    let cube = &ds.cube;
    let selection = Selection::AllCrime;
    let result = Preset::Rolling12
        .pair(cube.first_month(), cube.last_month())
        .and_then(|pair| {
            let c = compare(ds, Scope::Whole, &selection, &pair)?;
            Ok((pair, c))
        });
    let demo = manifest.synthetic.then(|| {
        view! {
            <p class="demo-banner" data-testid="demo-banner">
                <strong>"Demo data. "</strong>
                "This borough, its wards and every figure here are invented (synthetic) to show how the explorer works. They describe no real place."
            </p>
        }
    });
    let body = match result {
        Err(e) => {
            view! { <p class="error" role="alert" data-testid="period-error">{e.to_string()}</p> }
                .into_any()
        }
        Ok((pair, c)) => {
            let series = monthly(ds, Scope::Whole, &selection);
            let pick = |p: crate::analysis::Period| {
                series
                    .iter()
                    .filter(|m| p.contains(m.month))
                    .copied()
                    .collect::<Vec<_>>()
            };
            let chart = TrendChart {
                current_label: pair.current.label(),
                previous_label: pair.previous.label(),
                current: pick(pair.current),
                previous: pick(pair.previous),
            };
            let sentence = narrative::headline(&c, &pair, "offences");
            view! {
                <section class="headline" aria-labelledby="headline-title">
                    <h2 id="headline-title">{selection.label()}</h2>
                    <dl class="figures">
                        <div>
                            <dt>{format!("{} (current)", pair.current.label())}</dt>
                            <dd data-testid="current">{thousands(c.current)}</dd>
                        </div>
                        <div>
                            <dt>{format!("{} (previous)", pair.previous.label())}</dt>
                            <dd data-testid="previous">{thousands(c.previous)}</dd>
                        </div>
                        <div>
                            <dt>"Change"</dt>
                            <dd data-testid="change">{signed(c.change)}</dd>
                        </div>
                        <div>
                            <dt>"% change"</dt>
                            <dd data-testid="pct-change">{signed_pct(c.pct_change)}</dd>
                        </div>
                    </dl>
                    <p class="sentence" data-testid="headline-sentence">{sentence}</p>
                </section>
                <TrendFigure chart=chart what="all crime (excluding ASB)".to_string() />
            }
            .into_any()
        }
    };
    let r = &loaded.report;
    let load_summary = format!(
        "{} rows of counts read: {} allocated to an area, {} not allocated to any area (counted in the totals), {} rejected.",
        thousands(r.rows_read),
        thousands(r.accepted),
        thousands(r.not_allocated),
        thousands(r.rejected)
    );
    let caveats = manifest
        .caveats
        .iter()
        .map(|c| view! { <li>{c.clone()}</li> })
        .collect_view();
    view! {
        {demo}
        <h1 data-testid="dataset-title">{manifest.title.clone()}</h1>
        <p class="coverage">
            {format!("Data from {} to {}.", cube.first_month().label(), cube.last_month().label())}
        </p>
        {body}
        <footer class="provenance">
            <h2>"About these figures"</h2>
            <ul>{caveats}</ul>
            <p data-testid="load-report">{load_summary}</p>
            <p data-testid="attribution">{manifest.attribution.clone()}</p>
        </footer>
    }
}
