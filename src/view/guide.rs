//! "How to read these figures": what the words, marks and numbers on the
//! other pages mean (the definitions are DESIGN.md's, in plain words), where
//! the data comes from and how far it runs, accessibility, and how to cite
//! the page. Pure: sections of headed paragraphs.

use crate::data::explorer_data::ExplorerData;
use crate::format::thousands;

use crate::i18n::{Msg, Words};

use super::common::whole_name;
use super::periods::{published_label, span_text};

/// One section of the guide.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Its heading.
    pub heading: String,
    /// Its paragraphs.
    pub paragraphs: Vec<String>,
}

/// A section of fixed paragraphs.
fn fixed(w: &Words, heading: Msg, paragraphs: &[Msg]) -> Section {
    Section {
        heading: w.t(heading).to_string(),
        paragraphs: paragraphs.iter().map(|p| w.t(*p).to_string()).collect(),
    }
}

/// The guide for `data` in `w`'s language; `address` is the page to cite.
pub fn guide(data: &ExplorerData, address: &str, w: &Words) -> Vec<Section> {
    vec![
        fixed(
            w,
            Msg::GuideChangesHeading,
            &[Msg::GuideChanges1, Msg::GuideChanges2],
        ),
        rates(&whole_name(data, w), w),
        fixed(w, Msg::GuideRankingsHeading, &[Msg::GuideRankings]),
        marks(data.manifest.disclosure_threshold, w),
        the_data(data, w),
        fixed(w, Msg::GuideAccessHeading, &[Msg::GuideAccess]),
        cite(data, address, w),
    ]
}

/// Rates, their interval and the comparison with the whole.
fn rates(whole: &str, w: &Words) -> Section {
    Section {
        heading: w.t(Msg::GuideRatesHeading).to_string(),
        paragraphs: vec![
            w.t(Msg::GuideRates1).to_string(),
            w.f(Msg::GuideRates2, &[("whole", whole)]),
        ],
    }
}

/// The marks, [c] with the dataset's own threshold.
fn marks(threshold: Option<u32>, w: &Words) -> Section {
    let withheld = match threshold {
        Some(t) => w.f(Msg::GuideMarkC, &[("most", &(t - 1).to_string())]),
        None => w.t(Msg::GuideMarkCNone).to_string(),
    };
    let mut section = fixed(
        w,
        Msg::GuideMarksHeading,
        &[Msg::GuideMarkLow, Msg::GuideMarkX],
    );
    section.paragraphs.insert(0, withheld);
    section
}

/// Where the figures come from and how far they run.
fn the_data(data: &ExplorerData, w: &Words) -> Section {
    let m = &data.manifest;
    let or = |text: &str, missing: Msg| {
        if text.is_empty() {
            w.t(missing).to_string()
        } else {
            text.to_string()
        }
    };
    let publisher = or(m.publisher_in(w.lang()), Msg::ItsPublisher);
    let licence = or(m.licence_in(w.lang()), Msg::NotStated);
    let rows = thousands(data.report.rows_read);
    let args = [
        ("rows", rows.as_str()),
        ("publisher", &publisher),
        ("licence", &licence),
    ];
    let read = match published_label(data, w) {
        Some(date) => {
            let mut args = args.to_vec();
            args.push(("date", &date));
            w.f(Msg::GuideRowsReadOn, &args)
        }
        None => w.f(Msg::GuideRowsRead, &args),
    };
    Section {
        heading: w.t(Msg::GuideDataHeading).to_string(),
        paragraphs: vec![
            format!(
                "{}. {}",
                m.title_in(w.lang()),
                span_text(&data.dataset.cube, w)
            ),
            m.attribution_in(w.lang()).to_string(),
            read,
        ],
    }
}

/// How to cite the page: its publisher (or the place), title and address.
fn cite(data: &ExplorerData, address: &str, w: &Words) -> Section {
    let m = &data.manifest;
    let by = if m.publisher.is_empty() {
        whole_name(data, w)
    } else {
        m.publisher_in(w.lang()).to_string()
    };
    Section {
        heading: w.t(Msg::GuideCiteHeading).to_string(),
        paragraphs: vec![format!(
            "{by}, {}. {}, {address}",
            m.title_in(w.lang()),
            w.t(Msg::AppName)
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::explorer_data::{assemble, Files};
    use crate::data::Manifest;

    #[test]
    fn the_guide_names_the_threshold_the_span_and_the_address() {
        let manifest = Manifest::parse(
            "m",
            r#"{"title":"T","publisher":"P","whole_name":"W","disclosure_threshold":5,
                "licence":"OGL","published":"2024-04-30","files":{"counts":"c"}}"#,
        )
        .unwrap();
        let counts = "month,area_code,category,count\n2024-01,A,Burglary,1\n2024-03,A,Burglary,2\n";
        let data = assemble(manifest, Files::counts("c", counts.as_bytes())).unwrap();
        let g = guide(&data, "https://x.org/?page=guide", crate::i18n::english());
        let text = |h: &str| {
            g.iter()
                .find(|s| s.heading == h)
                .map(|s| s.paragraphs.join(" "))
                .unwrap_or_default()
        };
        assert!(text("Marks in tables").contains("from 1 to 4 withheld"));
        assert!(
            text("The data").contains("Jan 2024"),
            "{}",
            text("The data")
        );
        assert!(text("The data")
            .contains("2 rows of counts read; published by P on 30 Apr 2024. Licence: OGL."));
        assert_eq!(
            text("How to cite"),
            "P, T. Community Safety Explorer, https://x.org/?page=guide"
        );
        assert!(text("Rates and their 95% interval").contains("higher than W as a whole"));
    }
}
