//! `explorer-cli boundaries`: an ONS GeoJSON → the explorer's boundaries
//! file (a FeatureCollection whose features have properties `code` and
//! `name` and a Polygon or MultiPolygon), simplified with Douglas–Peucker
//! and rounded ([`crate::data::simplify`]), written by
//! [`crate::data::boundaries_write`].

use std::collections::{HashMap, HashSet};

use super::args::{failed, wants_help, Args};
use super::prepare::{print_rejections, read_lookups};
use super::CliError;
use crate::data::boundaries::{read_boundaries, Boundary, Polygon};
use crate::data::boundaries_write::write_geojson;
use crate::data::lookup::LEVELS;
use crate::data::simplify::{point_count, simplify_polygon};

/// Default tolerance in degrees: 0.0001° is about 11 m north–south and
/// about 6–7 m east–west at English latitudes.
pub const DEFAULT_TOLERANCE: f64 = 0.0001;
/// Default decimals kept: 5 decimals of a degree is about 1 m.
pub const DEFAULT_DECIMALS: i32 = 5;

/// The help text of `boundaries`.
pub const HELP: &str = "usage: explorer-cli boundaries --in FILE.geojson [--code-property WD25CD]
                               [--name-property WD25NM] [--within CODE --lookup FILE]
                               [--tolerance 0.0001] [--decimals 5] --out FILE.geojson

Normalises a GeoJSON FeatureCollection of areas (e.g. ONS ward boundaries)
to what the explorer reads: one feature per area with properties code and
name, geometry Polygon or MultiPolygon, simplified with Douglas-Peucker.

  --in FILE            the GeoJSON to read (coordinates in degrees, CRS84)
  --code-property P    the property holding the area code (default: found, e.g. WD25CD)
  --name-property P    the property holding the name (default: the code's, e.g. WD25NM;
                       else the lookup's name; else the code)
  --within CODE        keep only areas inside CODE according to --lookup (the last one)
  --lookup FILE        an ONS LSOA lookup (for --within and names)
  --tolerance DEG      Douglas-Peucker tolerance in degrees (default 0.0001, about
                       7-11 m; 0 keeps every point)
  --decimals N         decimals kept in coordinates, 0 to 10 (default 5, about 1 m)
  --out FILE           the GeoJSON to write";

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
pub fn run(args: &[String]) -> Result<(), CliError> {
    if wants_help(args) {
        println!("{HELP}");
        return Ok(());
    }
    let opts = Args::parse(
        args,
        &[
            "in",
            "code-property",
            "name-property",
            "within",
            "lookup",
            "tolerance",
            "decimals",
            "out",
        ],
        &[],
    )?;
    if let Some(extra) = opts.positional.first() {
        return Err(CliError::Usage(format!("unexpected argument {extra:?}")));
    }
    let input = opts.require("in")?;
    let out_path = opts.require("out")?;
    let tolerance = match opts.get("tolerance") {
        None => DEFAULT_TOLERANCE,
        Some(t) => t
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| {
                CliError::Usage(format!(
                    "--tolerance: expected degrees, 0 or more, found {t:?}"
                ))
            })?,
    };
    let decimals = match opts.get("decimals") {
        None => DEFAULT_DECIMALS,
        Some(t) => t
            .parse::<i32>()
            .ok()
            .filter(|v| (0..=10).contains(v))
            .ok_or_else(|| CliError::Usage(format!("--decimals: expected 0 to 10, found {t:?}")))?,
    };
    let lookup_paths = opts.all("lookup");
    let within = opts.get("within");
    if within.is_some() && lookup_paths.is_empty() {
        return Err(CliError::Usage(
            "--within needs --lookup to know which areas lie inside".to_string(),
        ));
    }
    let lookup = read_lookups(&lookup_paths)?.pop();
    let text =
        std::fs::read_to_string(input).map_err(|e| failed(format!("{input}: cannot read: {e}")))?;
    let (features, report) = read_boundaries(input, text.as_bytes(), opts.get("code-property"))
        .map_err(|e| failed(e.to_string()))?;
    print_rejections(&report);
    let inside: Option<HashSet<&str>> = match (within, &lookup) {
        (Some(w), Some(l)) => {
            if !l.contains_code(w) {
                return Err(CliError::Usage(format!(
                    "area {w} is not in the lookup, so nothing can be kept inside it"
                )));
            }
            let rows = l.rows().filter(|r| r.lies_in(w));
            Some(
                rows.flat_map(|r| LEVELS.into_iter().filter_map(|lv| r.code(lv)))
                    .collect(),
            )
        }
        _ => None,
    };
    let names = match (opts.get("name-property"), opts.get("code-property")) {
        (Some(n), Some(c)) => names_from(&text, c, n),
        (Some(_), None) => {
            return Err(CliError::Usage(
                "--name-property needs --code-property".to_string(),
            ))
        }
        _ => HashMap::new(),
    };
    let mut kept: Vec<Boundary> = Vec::new();
    let (mut outside, mut dropped) = (0usize, 0usize);
    // Codes the lookup does not know are not "outside": they may be areas
    // of another year than the lookup's.
    let mut unknown: Vec<&str> = Vec::new();
    let (mut before, mut after) = (0usize, 0usize);
    for b in &features {
        let code = b.code.as_str();
        if inside.as_ref().is_some_and(|s| !s.contains(code)) {
            match &lookup {
                Some(l) if !l.contains_code(code) => unknown.push(code),
                _ => outside += 1,
            }
            continue;
        }
        let polygons: Vec<Polygon> = b
            .polygons
            .iter()
            .filter_map(|p| simplify_polygon(p, tolerance, decimals))
            .collect();
        if polygons.is_empty() {
            eprintln!("  dropped {code}: no valid ring left");
            dropped += 1;
            continue;
        }
        before += point_count(&b.polygons);
        after += point_count(&polygons);
        let name = names
            .get(code)
            .cloned()
            .or_else(|| b.name.clone())
            .or_else(|| {
                lookup
                    .as_ref()
                    .and_then(|l| l.name(code))
                    .map(str::to_string)
            })
            .unwrap_or_else(|| code.to_string());
        kept.push(Boundary {
            code: b.code.clone(),
            name: Some(name),
            polygons,
        });
    }
    let unknown_text = unknown_codes(&unknown, lookup.as_ref());
    let summary = format!(
        "read {} features from {input} ({} rejected); kept {}, outside {} {outside}, unknown to the lookup {}, dropped {dropped}",
        report.rows_read,
        report.rejected,
        kept.len(),
        within.unwrap_or("the area"),
        unknown.len(),
    );
    if kept.is_empty() {
        return Err(failed(format!(
            "{summary}: no boundary is left to write, so {out_path} was not written{}",
            unknown_text.map(|t| format!("; {t}")).unwrap_or_default()
        )));
    }
    let out = write_geojson(&kept, decimals);
    let kept = kept.len();
    std::fs::write(out_path, &out).map_err(|e| failed(format!("{out_path}: cannot write: {e}")))?;
    eprintln!("{summary}");
    if let Some(t) = unknown_text {
        eprintln!("  {t}");
    }
    eprintln!(
        "points {before} -> {after}; bytes {} -> {} (tolerance {tolerance} degrees, {decimals} decimals)",
        text.len(),
        out.len()
    );
    eprintln!("wrote {out_path}: {kept} features");
    Ok(())
}

/// Words for boundaries whose codes the lookup does not know: a few of
/// them, and that they may be areas of another year than the lookup's.
fn unknown_codes(codes: &[&str], lookup: Option<&crate::data::Lookup>) -> Option<String> {
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
    use super::*;

    use crate::cli::args::strings as args;

    #[test]
    fn arguments_are_checked() {
        // Numbers are written by crate::data::json_write::number (tested there).
        let e = run(&args(&["--in", "x"])).unwrap_err();
        assert!(e.to_string().contains("--out is required"), "{e}");
        let e = run(&args(&["--in", "x", "--out", "y", "--tolerance", "-1"])).unwrap_err();
        assert!(e.to_string().contains("--tolerance"), "{e}");
        let e = run(&args(&["--in", "x", "--out", "y", "--within", "E06000004"])).unwrap_err();
        assert!(e.to_string().contains("--within needs --lookup"), "{e}");
        let e = run(&args(&["--in", "/no/such.geojson", "--out", "y"])).unwrap_err();
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
        let e = run(&args(&[
            "--in",
            &path(&input),
            "--out",
            &path(&out),
            "--within",
            "E06000004",
            "--lookup",
            &path(&lookup),
        ]))
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
