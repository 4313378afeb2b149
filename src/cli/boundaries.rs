//! `explorer-cli boundaries`: an ONS GeoJSON → the explorer's boundaries
//! file (a FeatureCollection whose features have properties `code` and
//! `name` and a Polygon or MultiPolygon), simplified with Douglas–Peucker
//! and rounded ([`crate::data::simplify`]), written by
//! [`crate::data::boundaries_write`].

use std::collections::{HashMap, HashSet};

use super::inputs::{print_rejections, read_lookups};
use super::{failed, CliError};
use crate::data::boundaries::{read_boundaries, Boundary, Polygon};
use crate::data::boundaries_write::write_geojson;
use crate::data::lookup::{Lookup, LEVELS};
use crate::data::simplify::{point_count, simplify_polygon};

/// Default tolerance in degrees: 0.0001° is about 11 m north–south and
/// about 6–7 m east–west at English latitudes.
pub const DEFAULT_TOLERANCE: f64 = 0.0001;
/// Default decimals kept: 5 decimals of a degree is about 1 m.
pub const DEFAULT_DECIMALS: i32 = 5;

/// What `boundaries --help` says before the options.
pub const LONG_ABOUT: &str = "Normalises a GeoJSON FeatureCollection of areas (e.g. ONS \
ward boundaries) to what the explorer reads: one feature per area with \
properties code and name, geometry Polygon or MultiPolygon, simplified with \
Douglas-Peucker.";

/// `boundaries`' arguments.
#[derive(clap::Args, Debug)]
pub struct BoundariesArgs {
    /// The GeoJSON to read (coordinates in degrees, CRS84)
    #[arg(long = "in", value_name = "FILE")]
    pub input: String,
    /// The property holding the area code (default: found, e.g. WD25CD)
    #[arg(long, value_name = "P")]
    pub code_property: Option<String>,
    /// The property holding the name (default: the code's, e.g. WD25NM;
    /// else the lookup's name; else the code)
    #[arg(long, value_name = "P", requires = "code_property")]
    pub name_property: Option<String>,
    /// Keep only areas inside CODE according to --lookup (the last one),
    /// or inside any of several (repeated or comma-separated)
    #[arg(long, value_name = "CODE", requires = "lookup", value_delimiter = ',')]
    pub within: Vec<String>,
    /// An ONS LSOA lookup (for --within and names)
    #[arg(long, value_name = "FILE")]
    pub lookup: Vec<String>,
    /// Douglas-Peucker tolerance in degrees (0.0001: about 7-11 m; 0 keeps
    /// every point)
    #[arg(long, value_name = "DEG", default_value_t = DEFAULT_TOLERANCE,
        value_parser = tolerance, allow_negative_numbers = true)]
    pub tolerance: f64,
    /// Decimals kept in coordinates, 0 to 10 (5: about 1 m)
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_DECIMALS,
        value_parser = clap::value_parser!(i32).range(0..=10)
    )]
    pub decimals: i32,
    /// The GeoJSON to write
    #[arg(long, value_name = "FILE")]
    pub out: String,
}

/// `--tolerance`: degrees, 0 or more.
fn tolerance(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| "expected degrees, 0 or more".to_string())
}

/// Names by code from property `name_prop` of the raw GeoJSON.
fn names_from(text: &str, code_prop: &str, name_prop: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return out;
    };
    let features = value.get("features").and_then(|f| f.as_array());
    for f in features.into_iter().flatten() {
        let props = f.get("properties");
        let code = props
            .and_then(|p| p.get(code_prop))
            .and_then(|v| v.as_str());
        let name = props
            .and_then(|p| p.get(name_prop))
            .and_then(|v| v.as_str());
        if let (Some(c), Some(n)) = (code, name) {
            out.insert(c.trim().to_string(), n.trim().to_string());
        }
    }
    out
}

/// Runs `boundaries`.
pub fn run(args: &BoundariesArgs) -> Result<(), CliError> {
    let lookup = read_lookups(&args.lookup)?.pop();
    let input = &args.input;
    let text =
        std::fs::read_to_string(input).map_err(|e| failed(format!("{input}: cannot read: {e}")))?;
    let (features, report) = read_boundaries(input, text.as_bytes(), args.code_property.as_deref())
        .map_err(|e| failed(e.to_string()))?;
    print_rejections(&report);
    let inside = inside(&args.within, lookup.as_ref())?;
    let names = match (&args.name_property, &args.code_property) {
        (Some(n), Some(c)) => names_from(&text, c, n),
        _ => HashMap::new(),
    };
    let kept = keep(args, &features, inside.as_ref(), lookup.as_ref(), &names);
    let unknown_text = unknown_codes(&kept.unknown, lookup.as_ref());
    let summary = format!(
        "read {} features from {input} ({} rejected); kept {}, outside {} {}, unknown to the lookup {}, dropped {}",
        report.rows_read,
        report.rejected,
        kept.boundaries.len(),
        if args.within.is_empty() {
            "the area".to_string()
        } else {
            args.within.join(", ")
        },
        kept.outside,
        kept.unknown.len(),
        kept.dropped,
    );
    let out_path = &args.out;
    if kept.boundaries.is_empty() {
        return Err(failed(format!(
            "{summary}: no boundary is left to write, so {out_path} was not written{}",
            unknown_text.map(|t| format!("; {t}")).unwrap_or_default()
        )));
    }
    let out = write_geojson(&kept.boundaries, args.decimals);
    std::fs::write(out_path, &out).map_err(|e| failed(format!("{out_path}: cannot write: {e}")))?;
    eprintln!("{summary}");
    if let Some(t) = unknown_text {
        eprintln!("  {t}");
    }
    eprintln!(
        "points {} -> {}; bytes {} -> {} (tolerance {} degrees, {} decimals)",
        kept.points_before,
        kept.points_after,
        text.len(),
        out.len(),
        args.tolerance,
        args.decimals
    );
    eprintln!("wrote {out_path}: {} features", kept.boundaries.len());
    Ok(())
}

/// The codes of every area the lookup places inside `within` (any level);
/// `None` when there is no `--within`.
fn inside<'a>(
    within: &[String],
    lookup: Option<&'a Lookup>,
) -> Result<Option<HashSet<&'a str>>, CliError> {
    let Some(l) = lookup.filter(|_| !within.is_empty()) else {
        return Ok(None);
    };
    if let Some(w) = within.iter().find(|w| !l.contains_code(w)) {
        return Err(failed(format!(
            "area {w} is not in the lookup, so nothing can be kept inside it"
        )));
    }
    let rows = l.rows().filter(|r| within.iter().any(|w| r.lies_in(w)));
    Ok(Some(
        rows.flat_map(|r| LEVELS.into_iter().filter_map(|lv| r.code(lv)))
            .collect(),
    ))
}

/// The boundaries kept, simplified, and what became of the others.
struct Kept<'a> {
    boundaries: Vec<Boundary>,
    /// Left out: the lookup places them outside `--within`.
    outside: usize,
    /// Codes the lookup does not know: not "outside", they may be areas of
    /// another year than the lookup's.
    unknown: Vec<&'a str>,
    /// Left out: no valid ring left.
    dropped: usize,
    points_before: usize,
    points_after: usize,
}

/// Simplifies and names each boundary inside the area (all without
/// `--within`).
fn keep<'a>(
    args: &BoundariesArgs,
    features: &'a [Boundary],
    inside: Option<&HashSet<&str>>,
    lookup: Option<&Lookup>,
    names: &HashMap<String, String>,
) -> Kept<'a> {
    let mut kept = Kept {
        boundaries: Vec::new(),
        outside: 0,
        unknown: Vec::new(),
        dropped: 0,
        points_before: 0,
        points_after: 0,
    };
    for b in features {
        let code = b.code.as_str();
        if inside.is_some_and(|s| !s.contains(code)) {
            match lookup {
                Some(l) if !l.contains_code(code) => kept.unknown.push(code),
                _ => kept.outside += 1,
            }
            continue;
        }
        let polygons: Vec<Polygon> = b
            .polygons
            .iter()
            .filter_map(|p| simplify_polygon(p, args.tolerance, args.decimals))
            .collect();
        if polygons.is_empty() {
            eprintln!("  dropped {code}: no valid ring left");
            kept.dropped += 1;
            continue;
        }
        kept.points_before += point_count(&b.polygons);
        kept.points_after += point_count(&polygons);
        let name = names
            .get(code)
            .cloned()
            .or_else(|| b.name.clone())
            .or_else(|| lookup.and_then(|l| l.name(code)).map(str::to_string))
            .unwrap_or_else(|| code.to_string());
        kept.boundaries.push(Boundary {
            code: b.code.clone(),
            name: Some(name),
            polygons,
        });
    }
    kept
}

/// Words for boundaries whose codes the lookup does not know: a few of
/// them, and that they may be areas of another year than the lookup's.
fn unknown_codes(codes: &[&str], lookup: Option<&Lookup>) -> Option<String> {
    let lookup = lookup.filter(|_| !codes.is_empty())?;
    let shown: Vec<&str> = codes.iter().take(3).copied().collect();
    let more = if codes.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    let (n, verb) = match codes.len() {
        1 => ("1 feature".to_string(), "has"),
        n => (format!("{n} features"), "have"),
    };
    Some(format!(
        "{n} {verb} codes the lookup does not know ({}{more}): they may be areas of another year than the lookup's ({} codes); use the lookup of the boundaries' year",
        shown.join(", "),
        lookup.level_names(),
    ))
}

#[cfg(test)]
mod tests {
    use crate::cli::testing::{assert_usage_error, command};
    use crate::cli::{CliError, Outcome};

    /// `explorer-cli boundaries` with `args`.
    fn boundaries(args: &[&str]) -> Result<Outcome, CliError> {
        command("boundaries", args)
    }

    #[test]
    fn arguments_are_checked() {
        // Numbers are written by crate::data::json_write::number (tested there).
        let usage = |args: &[&str], says: &str| assert_usage_error("boundaries", args, says);
        usage(&["--in", "x"], "--out <FILE>");
        usage(
            &["--in", "x", "--out", "y", "--tolerance", "-1"],
            "--tolerance",
        );
        usage(
            &["--in", "x", "--out", "y", "--decimals", "11"],
            "--decimals",
        );
        let within = ["--in", "x", "--out", "y", "--within", "E06000004"];
        usage(&within, "--lookup <FILE>");
        usage(
            &["--in", "x", "--out", "y", "--name-property", "N"],
            "--code-property <P>",
        );
        let e = boundaries(&["--in", "/no/such.geojson", "--out", "y"]).unwrap_err();
        assert!(
            e.to_string().contains("/no/such.geojson: cannot read"),
            "{e}"
        );
    }

    /// Two wards of 2019 codes, a lookup of 2025 codes that knows neither,
    /// and a third ward the lookup places outside the area.
    #[test]
    fn codes_the_lookup_does_not_know_are_not_outside_and_nothing_kept_is_an_error() {
        let dir = std::env::temp_dir().join(format!("cse-boundaries-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let square = r#"{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}"#;
        let feature = |code: &str| {
            format!(
                r#"{{"type":"Feature","properties":{{"WD19CD":"{code}"}},"geometry":{square}}}"#
            )
        };
        let geo = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
            feature("E05001111"),
            feature("E05001112"),
            feature("E05000003")
        );
        let input = dir.join("wards.geojson");
        std::fs::write(&input, geo).unwrap();
        let lookup = dir.join("lookup.csv");
        std::fs::write(
            &lookup,
            "LSOA21CD,WD25CD,WD25NM,LAD25CD,LAD25NM\n\
             E01000001,E05000001,One,E06000004,Stockton\n\
             E01000002,E05000003,Three,E06000001,Hartlepool\n",
        )
        .unwrap();
        let out = dir.join("out.geojson");
        let path = |p: &std::path::Path| p.display().to_string();
        let e = boundaries(&[
            "--in",
            &path(&input),
            "--out",
            &path(&out),
            "--within",
            "E06000004",
            "--lookup",
            &path(&lookup),
        ])
        .unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, CliError::Failed(_)), "an error, exit 2: {text}");
        assert!(
            text.contains("kept 0, outside E06000004 1, unknown to the lookup 2"),
            "{text}"
        );
        assert!(
            text.contains("2 features have codes the lookup does not know (E05001111, E05001112)"),
            "{text}"
        );
        assert!(text.contains("was not written"), "{text}");
        assert!(!out.exists(), "no file written");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
