//! Where a wide table's areas belong: parents named, not coded.
//!
//! With an ONS lookup, an area's own code places it (ward → local
//! authority) and the parent's name in the file is checked against the
//! lookup's name for it. A parent the lookup does not know as a local
//! authority (the Met's `Aviation Security (SO18)`, policing Heathrow) is
//! no parent: its rows are kept as an area of their own, under the whole,
//! named by it, and said so — neither dropped nor added to the local
//! authority the ward lies in. Without a lookup the names become the
//! parent areas, except a name all of whose areas the file also lists
//! under another parent: that is such a pseudo-parent too.

use std::collections::HashMap;

use crate::data::area::{Area, AreaCode};
use crate::data::lookup::{Level, Lookup};

use super::{folded, WideArea, WideTable};

/// The table's areas placed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placed {
    /// For each of the table's areas, the code its cells count under.
    pub codes: Vec<String>,
    /// The areas counted and their parents, each once (first named wins).
    pub areas: Vec<Area>,
    /// What the placing found, each a sentence naming the file: parents
    /// that are not local authorities, names the lookup disagrees with.
    pub notes: Vec<String>,
}

/// The lookup's local authorities: the one each area code lies in, and
/// each authority's code by its name (folded). One map type for all
/// (`String` → index), the one the cube builder uses: each other key or
/// value type would add a copy of the hash table's code to the worker.
struct Authorities {
    /// The authorities' codes.
    codes: Vec<String>,
    /// An area's code → its authority's index in `codes`.
    of_code: HashMap<String, u32>,
    /// An authority's folded name → its index in `codes`.
    by_name: HashMap<String, u32>,
}

impl Authorities {
    fn new(lookup: &Lookup, table: &WideTable) -> Authorities {
        let mut wanted: HashMap<String, u32> = HashMap::new();
        for code in table.areas.iter().filter_map(|a| a.code.as_deref()) {
            wanted.insert(code.to_string(), 0);
        }
        let mut auth = Authorities {
            codes: Vec::new(),
            of_code: HashMap::new(),
            by_name: HashMap::new(),
        };
        for row in lookup.rows() {
            let Some(district) = row.code(Level::District) else {
                continue;
            };
            let name = folded(lookup.name(district).unwrap_or(district));
            let next = auth.codes.len() as u32;
            let index = *auth.by_name.entry(name).or_insert(next);
            if index == next {
                auth.codes.push(district.to_string());
            }
            for level in [Level::Lsoa, Level::Msoa, Level::Ward] {
                match row.code(level) {
                    Some(c) if wanted.contains_key(c) => {
                        auth.of_code.insert(c.to_string(), index);
                    }
                    _ => {}
                }
            }
        }
        auth
    }

    /// The authority area `code` lies in.
    fn of(&self, code: Option<&str>) -> Option<&str> {
        let i = *self.of_code.get(code?)?;
        Some(self.codes[i as usize].as_str())
    }

    /// The authority called `name` (in any case).
    fn named(&self, name: &str) -> Option<&str> {
        let i = *self.by_name.get(&folded(name))?;
        Some(self.codes[i as usize].as_str())
    }
}

/// The total count of each of the table's areas.
fn totals(table: &WideTable) -> Vec<u64> {
    let mut out = vec![0u64; table.areas.len()];
    for cell in &table.cells {
        if let Some(a) = cell.area {
            out[a as usize] += cell.count;
        }
    }
    out
}

/// Where one area goes: its code, and its parent's (code, name).
enum Spot {
    Under(Option<(String, String)>),
    /// Its parent is not a local authority: counted as an area of its own.
    Own(String),
    /// Neither its code nor its parent's name is in the lookup: under the
    /// parent's name.
    Unknown(String),
}

/// A parent that is not a local authority, gathered: its name, its areas,
/// their offences, and the authorities the lookup places them in.
type OwnArea = (String, Vec<String>, u64, Vec<String>);

/// Places the table's areas (see the module docs).
pub fn place(table: &WideTable, lookup: Option<&Lookup>) -> Placed {
    let authorities = lookup.map(|l| (l, Authorities::new(l, table)));
    let pseudo = match &authorities {
        Some(_) => Vec::new(),
        None => pseudo_parents(&table.areas),
    };
    let totals = totals(table);
    let mut placed = Placed::default();
    let mut own: Vec<OwnArea> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for (i, area) in table.areas.iter().enumerate() {
        let spot = match &authorities {
            Some((lookup, auth)) => spot_by_lookup(table, area, lookup, auth, &mut placed.notes),
            None => spot_by_names(area, &pseudo),
        };
        let code = match spot {
            Spot::Unknown(parent) => {
                unknown.push(describe(area));
                under(&mut placed.areas, area, Some((parent.clone(), parent)))
            }
            Spot::Own(parent) => {
                let at = match own.iter().position(|o| o.0 == parent) {
                    Some(at) => at,
                    None => {
                        own.push((parent.clone(), Vec::new(), 0, Vec::new()));
                        own.len() - 1
                    }
                };
                let entry = &mut own[at];
                entry.1.push(describe(area));
                entry.2 += totals[i];
                if let Some((lookup, auth)) = &authorities {
                    if let Some(name) = auth.of(area.code.as_deref()).and_then(|d| lookup.name(d)) {
                        entry.3.push(name.to_string());
                    }
                }
                add(&mut placed.areas, &parent, &parent, None);
                parent
            }
            Spot::Under(parent) => under(&mut placed.areas, area, parent),
        };
        placed.codes.push(code);
    }
    for (parent, areas, total, authorities) in own {
        placed
            .notes
            .push(own_note(table, &parent, &areas, total, &authorities));
    }
    if let Some(first) = unknown.first() {
        placed.notes.push(format!(
            "{}: the lookup knows neither the code nor the parent of {} area(s) (the first: {first}): they are placed under their parents' names as the file gives them",
            table.file,
            unknown.len()
        ));
    }
    placed
}

/// Adds `area` under `parent` (code, name) and its parent; its code.
fn under(areas: &mut Vec<Area>, area: &WideArea, parent: Option<(String, String)>) -> String {
    let code = area.code.clone().unwrap_or_else(|| area.name.clone());
    if let Some((p, name)) = &parent {
        add(areas, p, name, None);
    }
    add(areas, &code, &area.name, parent.map(|p| p.0));
    code
}

/// The note on a parent that is not a local authority.
fn own_note(
    table: &WideTable,
    parent: &str,
    areas: &[String],
    total: u64,
    authorities: &[String],
) -> String {
    let mut las: Vec<&str> = Vec::new();
    for la in authorities {
        if !las.contains(&la.as_str()) {
            las.push(la);
        }
    }
    let not_added = match las.is_empty() {
        true => String::new(),
        false => format!(", not added to {}", las.join(" or ")),
    };
    format!(
        "{}: \"{parent}\" is not a local authority: its {total} offences (in {}) are kept as an area of their own under the whole{not_added}",
        table.file,
        areas.join(", ")
    )
}

/// An area as the notes name it: `Heathrow Villages (E05013570)`.
fn describe(area: &WideArea) -> String {
    match &area.code {
        Some(code) if *code != area.name => format!("{} ({code})", area.name),
        _ => area.name.clone(),
    }
}

/// Adds an area once (the first naming wins).
fn add(areas: &mut Vec<Area>, code: &str, name: &str, parent: Option<String>) {
    if areas.iter().any(|a| a.code.as_str() == code) {
        return;
    }
    let mut area = Area::named(code, name);
    area.parent = parent.map(|p| AreaCode::from(p.as_str()));
    areas.push(area);
}

/// Where an area goes by the lookup: its code's local authority, its
/// parent's name checked against it.
fn spot_by_lookup(
    table: &WideTable,
    area: &WideArea,
    lookup: &Lookup,
    auth: &Authorities,
    notes: &mut Vec<String>,
) -> Spot {
    let named = |d: &str| (d.to_string(), lookup.name(d).unwrap_or(d).to_string());
    if let Some(parent) = &area.parent_code {
        let name = area.parent_name.clone().unwrap_or_else(|| parent.clone());
        return Spot::Under(Some((parent.clone(), name)));
    }
    let by_code = auth.of(area.code.as_deref());
    let Some(parent_name) = &area.parent_name else {
        return Spot::Under(by_code.map(named));
    };
    match (by_code, auth.named(parent_name)) {
        (Some(d), Some(n)) if d == n => Spot::Under(Some(named(d))),
        (Some(d), Some(_)) => {
            notes.push(format!(
                "{}: {} is in {} by the lookup, not in {parent_name} as the file says: it is placed by its code",
                table.file,
                describe(area),
                named(d).1
            ));
            Spot::Under(Some(named(d)))
        }
        (Some(_), None) => Spot::Own(parent_name.clone()),
        (None, Some(n)) => Spot::Under(Some(named(n))),
        // The lookup knows neither (another part of the country): the
        // names place it, as without a lookup.
        (None, None) => Spot::Unknown(parent_name.clone()),
    }
}

/// Where an area goes without a lookup: under its parent's name (the name
/// is the parent's code too), unless that parent is a pseudo-parent.
fn spot_by_names(area: &WideArea, pseudo: &[String]) -> Spot {
    let parent = area
        .parent_code
        .clone()
        .or_else(|| area.parent_name.clone());
    match parent {
        Some(p) if pseudo.contains(&folded(&p)) => Spot::Own(p),
        Some(p) => {
            let name = area.parent_name.clone().unwrap_or_else(|| p.clone());
            Spot::Under(Some((p, name)))
        }
        None => Spot::Under(None),
    }
}

/// The parents (folded) all of whose areas the file lists under another
/// parent too: not places of their own but, like the Met's aviation
/// security command, another way of counting an area's crimes.
fn pseudo_parents(areas: &[WideArea]) -> Vec<String> {
    // (area, parent), folded, each pair once (the table's areas are
    // distinct pairs already). No sort: see `columns`.
    let pairs: Vec<(String, String)> = areas
        .iter()
        .filter_map(|a| {
            let parent = a.parent_code.as_deref().or(a.parent_name.as_deref())?;
            Some((folded(a.code.as_deref().unwrap_or(&a.name)), folded(parent)))
        })
        .collect();
    let parents_of = |own: &str| pairs.iter().filter(|(o, _)| o == own).count();
    let mut parents: Vec<String> = Vec::new();
    for (_, p) in &pairs {
        if !parents.contains(p) {
            parents.push(p.clone());
        }
    }
    parents.retain(|p| {
        pairs
            .iter()
            .filter(|(_, q)| q == p)
            .all(|(own, _)| parents_of(own) > 1)
    });
    parents
}
