//! Tests of `state`.

use super::*;

#[test]
fn defaults_and_round_trips() {
    let d = ViewState::from_query("");
    assert_eq!(d, ViewState::default());
    assert_eq!(d.to_query(), "?");
    let q =
        "?dataset=stockton&page=wards&period=fytd&select=Violence+and+sexual+offences&by=rate&rows=group";
    let s = ViewState::from_query(q);
    assert_eq!(s.dataset, "stockton");
    assert_eq!(s.page, Page::Wards);
    assert_eq!(s.period, PeriodChoice::Preset(Preset::FinancialYearToDate));
    assert_eq!(s.select, "Violence and sexual offences");
    assert_eq!(s.measure, Measure::Rate);
    assert!(s.groups);
    assert_eq!(s.to_query(), q);
    assert_eq!(ViewState::from_query(&s.to_query()), s);
}

#[test]
fn a_ward_link_opens_the_profile_and_custom_periods_parse() {
    let s =
        ViewState::from_query("ward=E05012345&current=2018-07..2018-07&previous=2017-07..2017-07");
    assert_eq!(s.page, Page::Ward);
    assert_eq!(s.ward.as_deref(), Some("E05012345"));
    let PeriodChoice::Custom(pair) = s.period else {
        panic!("expected a custom pair")
    };
    assert_eq!(pair.current.to_string(), "2018-07..2018-07");
    assert_eq!(
        s.to_query(),
        "?current=2018-07..2018-07&previous=2017-07..2017-07&ward=E05012345"
    );
}

#[test]
fn bad_values_fall_back_safely() {
    let s = ViewState::from_query(
        "dataset=../../etc&page=nope&period=decade&ward=<script>&by=x&current=2018-07..2018-07",
    );
    assert_eq!(s.dataset, "demo");
    assert_eq!(s.page, Page::Overview);
    assert_eq!(
        s.period,
        PeriodChoice::Default,
        "one custom period alone is not a pair"
    );
    let s = ViewState::from_query("period=rolling12");
    assert_eq!(s.period, PeriodChoice::Preset(Preset::Rolling12));
    assert_eq!(s.to_query(), "?period=rolling12", "a preset chosen is kept");
    assert_eq!(s.ward, None);
    assert_eq!(s.measure, Measure::Count);
    assert_eq!(
        ViewState::from_query("page=ward").page,
        Page::Wards,
        "a profile needs a ward"
    );
}

#[test]
fn embed_options_round_trip_and_reject_bad_values() {
    let q = "?ward=E05900020&embed=ranking&theme=dark&accent=%23aa3300&top=5";
    let s = ViewState::from_query(q);
    assert_eq!(s.embed, Some(EmbedKind::Ranking));
    assert_eq!(
        (s.theme, s.accent.as_deref(), s.top),
        (Theme::Dark, Some("#aa3300"), 5)
    );
    assert_eq!(s.to_query(), q);
    let bad = ViewState::from_query("embed=popup&accent=red;x:url(y)&top=100000&theme=neon");
    assert_eq!(
        (bad.embed, bad.accent, bad.top, bad.theme),
        (None, None, 10, Theme::Light)
    );
    assert!(
        valid_colour("#fff")
            && valid_colour("#A1b2C3")
            && !valid_colour("#ggg")
            && !valid_colour("fff")
    );
}

#[test]
fn percent_coding() {
    assert_eq!(decode("a%20b+c%2"), "a b c%2");
    assert_eq!(encode("Drugs & more/ä"), "Drugs+%26+more%2F%C3%A4");
    assert_eq!(decode(&encode("Drugs & more/ä")), "Drugs & more/ä");
}
