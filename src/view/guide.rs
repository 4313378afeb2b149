//! "How to read these figures": what the words, marks and numbers on the
//! other pages mean (the definitions are DESIGN.md's, in plain words), where
//! the data comes from and how far it runs, accessibility, and how to cite
//! the page. Pure: sections of headed paragraphs.

use crate::data::explorer_data::ExplorerData;
use crate::format::thousands;

use super::common::whole_name;
use super::periods::span_text;

/// One section of the guide.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Its heading.
    pub heading: String,
    /// Its paragraphs.
    pub paragraphs: Vec<String>,
}

/// A section of fixed paragraphs.
fn fixed(heading: &str, paragraphs: &[&str]) -> Section {
    Section {
        heading: heading.to_string(),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
    }
}

/// The guide for `data`; `address` is the page to cite.
pub fn guide(data: &ExplorerData, address: &str) -> Vec<Section> {
    vec![
        fixed(
            "Rises, falls and normal variation",
            &[
                "Counts of crime go up and down from one period to the next by chance alone. A \
                 change is called a statistically significant increase or decrease only when a \
                 change that large would happen by chance less than 1 time in 20 (an exact test \
                 on the two counts, allowing for the periods' lengths).",
                "Otherwise the change is within normal variation: it is shown, but it is not \
                 called a rise or a fall, and the page says \"no significant change\".",
            ],
        ),
        rates(&whole_name(data)),
        fixed(
            "Rankings",
            &[
                "1st is the area with the most (by count or by rate, as chosen); areas with the \
               same figure share a rank (joint 2nd). \"Up 3 places, towards the most\" means \
               the area ranks three places nearer 1st than in the previous period: more \
               compared with the other areas, which is not always more than before.",
            ],
        ),
        marks(data.manifest.disclosure_threshold),
        the_data(data),
        fixed(
            "Accessibility",
            &[
                "Every chart has a table of its figures and a text summary; every page works \
               with the keyboard alone and with a screen reader, and is checked against WCAG \
               2.2 AA with axe-core. The explorer sets no cookies and stores nothing. If \
               something does not work for you, tell the publisher of these figures.",
            ],
        ),
        cite(data, address),
    ]
}

/// Rates, their interval and the comparison with the whole.
fn rates(whole: &str) -> Section {
    Section {
        heading: "Rates and their 95% interval".to_string(),
        paragraphs: vec![
            "A rate is a count per 1,000 residents of the area (from the census population), \
             so that areas of different sizes can be compared."
                .to_string(),
            format!(
                "Its 95% interval (Byar's method) is the range the area's underlying rate very \
                 probably lies in. An area is higher than {whole} as a whole when its whole \
                 interval lies above {whole}'s rate, lower when it lies below, and similar \
                 otherwise."
            ),
        ],
    }
}

/// The marks, [c] with the dataset's own threshold.
fn marks(threshold: Option<u32>) -> Section {
    let withheld = match threshold {
        Some(t) => format!(
            "[c] marks a count from 1 to {} withheld to protect privacy, and where needed a \
             second figure, so that the first cannot be worked out from a total.",
            t - 1
        ),
        None => "[c] marks a count withheld to protect privacy (this dataset withholds none)."
            .to_string(),
    };
    let mut section = fixed(
        "Marks in tables",
        &[
            "[low] marks a % change not shown because the earlier count is under 10: a \
             percentage of a small number misleads.",
            "[x] marks figures not compared because a period has months without data.",
        ],
    );
    section.paragraphs.insert(0, withheld);
    section
}

/// Where the figures come from and how far they run.
fn the_data(data: &ExplorerData) -> Section {
    let m = &data.manifest;
    let or = |text: &str, missing: &str| {
        if text.is_empty() {
            missing.to_string()
        } else {
            text.to_string()
        }
    };
    Section {
        heading: "The data".to_string(),
        paragraphs: vec![
            format!("{}. {}", m.title, span_text(&data.dataset.cube)),
            m.attribution.clone(),
            format!(
                "{} rows of counts read; published by {}{}. Licence: {}.",
                thousands(data.report.rows_read),
                or(&m.publisher, "its publisher"),
                m.published_label()
                    .map(|d| format!(" on {d}"))
                    .unwrap_or_default(),
                or(&m.licence, "not stated")
            ),
        ],
    }
}

/// How to cite the page: its publisher (or the place), title and address.
fn cite(data: &ExplorerData, address: &str) -> Section {
    let m = &data.manifest;
    let by = if m.publisher.is_empty() {
        whole_name(data)
    } else {
        m.publisher.clone()
    };
    Section {
        heading: "How to cite".to_string(),
        paragraphs: vec![format!(
            "{by}, {}. Community Safety Explorer, {address}",
            m.title
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
        let g = guide(&data, "https://x.org/?page=guide");
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
