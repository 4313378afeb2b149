//! Saying that the figures on show are the copy kept on this device: the
//! service worker (`public/sw.js`) serves a dataset's file from its cache
//! when the network fails, with the time the copy was saved in an
//! `X-CSE-Saved` header; `fetch` notes it here and the page says so, with
//! the date and how old it is.

use std::cell::Cell;

use js_sys::Date;
use leptos::prelude::*;
use web_sys::Response;

use crate::i18n::Msg;
use crate::state::ViewState;

thread_local! {
    /// When the oldest kept copy among the files fetched was saved (ms
    /// since 1970), if any file came from the device.
    static SAVED: Cell<Option<f64>> = const { Cell::new(None) };
}

/// Notes a response that is a kept copy (a file fetched normally has no
/// such header).
pub(super) fn note(response: &Response) {
    let Ok(Some(saved)) = response.headers().get("x-cse-saved") else {
        return;
    };
    let t = Date::parse(&saved);
    if !t.is_nan() {
        SAVED.with(|s| s.set(Some(s.get().map_or(t, |old| old.min(t)))));
    }
}

/// "You are offline: these figures are the copy kept on this device, saved
/// 3 Dec 2026 (yesterday)", when they are; nothing otherwise.
#[component]
pub fn OfflineNotice(
    /// The app's view (its language).
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let saved = SAVED.with(Cell::get)?;
    let w = crate::i18n::words(view.with_untracked(|v| v.lang));
    let at = Date::new(&saved.into());
    let date = format!(
        "{} {}",
        at.get_date(),
        w.month(at.get_full_year(), at.get_month() + 1)
    );
    // Days between the two dates, where the reader is: a day with a clock
    // change has 23 or 25 hours, hence the rounding.
    let midnight = |d: &Date| {
        Date::new_with_year_month_day(d.get_full_year(), d.get_month() as i32, d.get_date() as i32)
            .get_time()
    };
    let days = ((midnight(&Date::new_0()) - midnight(&at)) / 86_400_000.0).round();
    let age = match days as i64 {
        ..=0 => w.t(Msg::OfflineToday).to_string(),
        1 => w.t(Msg::OfflineYesterday).to_string(),
        n => w.f(Msg::OfflineDaysAgo, &[("days", &n.to_string())]),
    };
    let words = w.f(Msg::OfflineNotice, &[("date", &date), ("age", &age)]);
    Some(view! { <p class="offline-notice" role="note" data-testid="offline-notice">{words}</p> })
}
