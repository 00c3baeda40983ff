//! Regenerate dyad's gazetteer, `crates/places/data/gazetteer.tsv`, and its country-code
//! table `country_codes.tsv` (ISO 3166-1 alpha-3 / alpha-2 / FIPS 10-4) from GeoNames facts
//! (`countryInfo.txt`, `admin1CodesASCII.txt`, `cities15000.txt` in `../shared/data/geonames/`)
//! and the `keshvar` crate (country and subdivision centroids, English country names).
//!
//! Run from anywhere (paths are relative to the repository root):
//! `cargo run --release --manifest-path tools/gen-gazetteer/Cargo.toml`
//! or with explicit paths: `... -- GEONAMES_DIR OUTPUT_TSV`.
//!
//! The output is deterministic (sorted, no hash-map order leaks, 4-decimal coordinates). It
//! holds facts in dyad's own format — one place a line — never a GeoNames file copied whole.
//! Place keys are computed with the very `normalize.rs` the `dyad-places` crate uses, so
//! duplicate alternate names are dropped exactly as the index would merge them.
//!
//! Coordinates:
//! - country: keshvar's centroid; for the few GeoNames countries keshvar lacks (Kosovo,
//!   dissolved codes) the unweighted mean of the country's 15,000+ cities;
//! - first-level division: keshvar's subdivision centroid when a keshvar subdivision of the
//!   same country has the same name key and its point lies within 3 degrees of one of the
//!   division's cities (or within the country's bounding box when it has none); otherwise
//!   its seat (GeoNames PPLA city); otherwise the population-weighted mean of its cities;
//!   divisions with none of these are left out;
//! - city: GeoNames' point.
//!
//! Populations: GeoNames' for countries and cities; for a division the sum of its 15,000+
//! cities (a ranking weight, not a census figure).

#[path = "../../../crates/places/src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use normalize::key;

/// A name worth matching in English news: Latin script, starts with a capital letter, no
/// digits, no codes, no links, at most six words.
fn usable_alternate(name: &str) -> bool {
    let name = name.trim();
    let Some(first) = name.chars().next() else {
        return false;
    };
    if !first.is_uppercase() || name.chars().count() < 3 {
        return false;
    }
    let latin = name.chars().all(|c| {
        c.is_ascii_alphabetic()
            || matches!(
                c,
                ' ' | '-'
                    | '\''
                    | '.'
                    | '\u{2019}'
                    | '\u{02BB}'
                    | '\u{02BF}'
                    | '\u{02BE}'
                    | '\u{2018}'
            )
            || (('\u{00C0}'..='\u{024F}').contains(&c) && c != '\u{00D7}' && c != '\u{00F7}')
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    });
    if !latin {
        return false;
    }
    // airport and other codes: short all-capital words ("LHR", "NYC", "KBL")
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    if name.split_whitespace().count() > 6 {
        return false;
    }
    // GOST-style transliterations of Cyrillic ("Ehskal'des") and apostrophe-for-soft-sign
    // forms ("Tver'") are not English usage
    if name.contains("Eh") || name.contains("eh'") || name.ends_with('\'') || name.contains("'y") {
        return false;
    }
    true
}

/// The name shown for a place: GeoNames' name when it is in Latin-1, else its ASCII form
/// ("Rafaḩ" is shown as "Rafah", "Bogotá" stays).
fn display(name: &str, ascii: &str) -> String {
    if name.chars().all(|c| (c as u32) < 0x100 && c != '\u{00D7}') || ascii.trim().is_empty() {
        name.trim().to_string()
    } else {
        ascii.trim().to_string()
    }
}

/// Generic words that name the kind of a division, dropped to form another name
/// ("Kursk Oblast" → "Kursk", "Rivers State" → "Rivers").
const DIVISION_WORDS: &[&str] = &[
    "province",
    "oblast",
    "oblast'",
    "region",
    "state",
    "governorate",
    "prefecture",
    "county",
    "district",
    "department",
    "municipality",
    "kray",
    "krai",
    "republic",
    "territory",
    "division",
    "emirate",
    "voivodeship",
    "canton",
    "parish",
    "autonomous region",
    "special region",
    "capital region",
    "capital territory",
    "muhafazah",
];

/// Arabic article prefixes dropped to form another name ("Al Anbar" → "Anbar").
const ARTICLES: &[&str] = &[
    "Al ", "Al-", "Ad ", "An ", "Ar ", "As ", "Ash ", "At ", "Az ", "Ath ",
];

fn division_variants(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = name.to_lowercase();
    for w in DIVISION_WORDS {
        if let Some(stem) = lower.strip_suffix(w) {
            if stem.ends_with(' ') && stem.trim().len() >= 3 {
                out.push(name[..stem.trim_end().len()].to_string());
            }
        }
    }
    for p in [
        "Republic of ",
        "Province of ",
        "State of ",
        "Region of ",
        "Muhafazat ",
    ] {
        if let Some(rest) = name.strip_prefix(p) {
            out.push(rest.to_string());
        }
    }
    let mut more = Vec::new();
    for n in std::iter::once(name.to_string()).chain(out.iter().cloned()) {
        for a in ARTICLES {
            if let Some(rest) = n.strip_prefix(a) {
                if rest.chars().count() >= 4 && rest.chars().next().is_some_and(char::is_uppercase)
                {
                    more.push(rest.to_string());
                }
            }
        }
    }
    out.extend(more);
    out
}

struct Country {
    iso2: String,
    iso3: String,
    /// FIPS 10-4 code (GDELT's geographic country codes).
    fips: String,
    name: String,
    population: u64,
    names: Vec<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    bbox: Option<(f64, f64, f64, f64)>, // min lat, max lat, min lon, max lon
}

struct Admin1 {
    iso2: String,
    name: String,
    names: Vec<String>,
}

struct City {
    geonameid: u64,
    name: String,
    names: Vec<String>,
    lat: f64,
    lon: f64,
    feature: String,
    iso2: String,
    admin1_key: String,
    population: u64,
}

fn parse_f64(s: &str, what: &str) -> f64 {
    s.trim()
        .parse()
        .unwrap_or_else(|e| fail(&format!("bad number {s:?} in {what}: {e}")))
}

fn fail(msg: &str) -> ! {
    eprintln!("gen-gazetteer: {msg}");
    std::process::exit(1)
}

fn read(dir: &std::path::Path, file: &str) -> String {
    let p = dir.join(file);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", p.display())))
}

/// Appends to `names` each of `candidates` that is usable and whose key is new.
fn add_names(
    names: &mut Vec<String>,
    seen: &mut BTreeSet<String>,
    candidates: impl IntoIterator<Item = String>,
) {
    for n in candidates {
        let n = n.trim().to_string();
        let n = n.strip_prefix("The ").map(str::to_string).unwrap_or(n);
        if n.contains([',', '|', '\t', '(', ')', '[', ']', '/']) || !usable_alternate(&n) {
            continue;
        }
        let k = key(&n);
        if k.is_empty() || !seen.insert(k) {
            continue;
        }
        names.push(n);
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/geonames"));
    let out_path = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("crates/places/data/gazetteer.tsv"));

    // --- countries ---
    let mut countries: BTreeMap<String, Country> = BTreeMap::new(); // by ISO2
    for line in read(&dir, "countryInfo.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 8 {
            fail(&format!("countryInfo.txt: short row {line:?}"));
        }
        let iso2 = c[0].trim().to_string();
        let mut country = Country {
            iso2: iso2.clone(),
            iso3: c[1].trim().to_string(),
            fips: c[3].trim().to_string(),
            name: c[4].trim().to_string(),
            population: c[7].trim().parse().unwrap_or(0),
            names: Vec::new(),
            lat: None,
            lon: None,
            bbox: None,
        };
        let mut seen = BTreeSet::new();
        seen.insert(key(&country.name));
        let mut extra = Vec::new();
        if let Ok(a2) = keshvar::Alpha2::try_from(iso2.as_str()) {
            let k = a2.to_country();
            let g = k.geo();
            country.lat = Some(g.latitude());
            country.lon = Some(g.longitude());
            country.bbox = Some((
                g.min_latitude(),
                g.max_latitude(),
                g.min_longitude(),
                g.max_longitude(),
            ));
            extra.extend(k.unofficial_name_list().iter().map(|s| s.to_string()));
            extra.push(k.iso_short_name().to_string());
            extra.push(k.iso_long_name().to_string());
        }
        add_names(&mut country.names, &mut seen, extra);
        countries.insert(iso2, country);
    }

    // the names and nationality adjectives of every country: another country's alternate
    // name that is one of them is a stray ("Thai" for Alor Setar, "Egypt" for Goodyear)
    let mut country_words: BTreeMap<String, String> = BTreeMap::new();
    for (iso2, c) in &countries {
        let mut words = vec![c.name.clone()];
        words.extend(c.names.iter().cloned());
        if let Ok(a2) = keshvar::Alpha2::try_from(iso2.as_str()) {
            words.extend(a2.to_country().maybe_nationality().map(str::to_string));
        }
        for w in words {
            country_words.entry(key(&w)).or_insert_with(|| iso2.clone());
        }
    }
    let foreign_country_word = |name: &str, iso2: &str| {
        country_words
            .get(&key(name))
            .is_some_and(|owner| owner != iso2)
    };

    // --- first-level divisions ---
    let mut admin1: BTreeMap<String, Admin1> = BTreeMap::new(); // by "CC.code"
    for line in read(&dir, "admin1CodesASCII.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 3 {
            fail(&format!("admin1CodesASCII.txt: short row {line:?}"));
        }
        let Some((iso2, _)) = c[0].split_once('.') else {
            continue;
        };
        if !countries.contains_key(iso2) {
            continue;
        }
        let name = display(c[1], c[2]);
        let mut names = Vec::new();
        let mut seen = BTreeSet::new();
        seen.insert(key(&name));
        let mut cands = vec![c[1].to_string(), c[2].to_string()];
        cands.extend(division_variants(&name));
        cands.extend(division_variants(c[2]));
        let (own, alternates) = cands.split_at(2);
        let alternates = alternates.iter().filter(|n| !foreign_country_word(n, iso2));
        add_names(&mut names, &mut seen, own.iter().chain(alternates).cloned());
        admin1.insert(
            c[0].to_string(),
            Admin1 {
                iso2: iso2.to_string(),
                name,
                names,
            },
        );
    }

    // --- cities ---
    let mut cities: Vec<City> = Vec::new();
    let mut skipped = 0usize;
    for line in read(&dir, "cities15000.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 15 {
            fail(&format!("cities15000.txt: short row {line:?}"));
        }
        let iso2 = c[8].trim();
        if !countries.contains_key(iso2) {
            skipped += 1;
            continue;
        }
        let name = display(c[1], c[2]);
        let mut names = Vec::new();
        let mut seen = BTreeSet::new();
        seen.insert(key(&name));
        let mut cands = vec![c[1].to_string(), c[2].to_string()];
        cands.extend(
            c[3].split(',')
                .filter(|n| !foreign_country_word(n, iso2))
                .map(str::to_string),
        );
        add_names(&mut names, &mut seen, cands);
        cities.push(City {
            geonameid: c[0].trim().parse().unwrap_or(0),
            name,
            names,
            lat: parse_f64(c[4], "latitude"),
            lon: parse_f64(c[5], "longitude"),
            feature: c[7].trim().to_string(),
            iso2: iso2.to_string(),
            admin1_key: format!("{iso2}.{}", c[10].trim()),
            population: c[14].trim().parse().unwrap_or(0),
        });
    }

    // --- coordinates of divisions ---
    let mut by_admin1: BTreeMap<&str, Vec<&City>> = BTreeMap::new();
    for city in &cities {
        by_admin1
            .entry(city.admin1_key.as_str())
            .or_default()
            .push(city);
    }
    // keshvar subdivisions by (ISO2, name key)
    let mut kesh: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
    for c in countries.values() {
        let Ok(a2) = keshvar::Alpha2::try_from(c.iso2.as_str()) else {
            continue;
        };
        let country = a2.to_country();
        let mut subs: Vec<_> = country.subdivisions().values().collect();
        subs.sort_by_key(|s| s.code());
        for s in subs {
            let Some(g) = s.geo() else { continue };
            let (Some(lat), Some(lon)) = (g.latitude(), g.longitude()) else {
                continue;
            };
            for n in std::iter::once(s.name()).chain(s.unofficial_name_list().iter().copied()) {
                kesh.entry((c.iso2.clone(), key(n))).or_insert((lat, lon));
            }
        }
    }
    let mut admin1_rows: Vec<(String, String, f64, f64, u64, Vec<String>)> = Vec::new(); // iso3, name, lat, lon, pop, names
    let (mut from_kesh, mut from_seat, mut from_mean, mut dropped) = (0, 0, 0, 0);
    for (k, a) in &admin1 {
        let Some(country) = countries.get(&a.iso2) else {
            continue;
        };
        let members = by_admin1.get(k.as_str()).cloned().unwrap_or_default();
        let population: u64 = members.iter().map(|c| c.population).sum();
        let kesh_point = std::iter::once(&a.name)
            .chain(a.names.iter())
            .flat_map(|n| {
                let mut v = vec![key(n)];
                v.extend(division_variants(n).iter().map(|m| key(m)));
                v
            })
            .find_map(|nk| kesh.get(&(a.iso2.clone(), nk)).copied())
            .filter(|&(lat, lon)| {
                if members.is_empty() {
                    country
                        .bbox
                        .is_some_and(|(a, b, c, d)| lat >= a && lat <= b && lon >= c && lon <= d)
                } else {
                    members
                        .iter()
                        .any(|m| (m.lat - lat).abs() <= 3.0 && (m.lon - lon).abs() <= 3.0)
                }
            });
        let seat = members
            .iter()
            .filter(|c| c.feature == "PPLA")
            .max_by_key(|c| (c.population, c.geonameid));
        let point = if let Some(p) = kesh_point {
            from_kesh += 1;
            p
        } else if let Some(s) = seat {
            from_seat += 1;
            (s.lat, s.lon)
        } else if population > 0 {
            from_mean += 1;
            let w = population as f64;
            (
                members
                    .iter()
                    .map(|c| c.lat * c.population as f64)
                    .sum::<f64>()
                    / w,
                members
                    .iter()
                    .map(|c| c.lon * c.population as f64)
                    .sum::<f64>()
                    / w,
            )
        } else {
            dropped += 1;
            continue;
        };
        admin1_rows.push((
            country.iso3.clone(),
            a.name.clone(),
            point.0,
            point.1,
            population,
            a.names.clone(),
        ));
    }

    // --- countries without a keshvar centroid: mean of their cities ---
    for c in countries.values_mut() {
        if c.lat.is_none() {
            let pts: Vec<&City> = cities.iter().filter(|x| x.iso2 == c.iso2).collect();
            if !pts.is_empty() {
                let n = pts.len() as f64;
                c.lat = Some(pts.iter().map(|x| x.lat).sum::<f64>() / n);
                c.lon = Some(pts.iter().map(|x| x.lon).sum::<f64>() / n);
            }
        }
    }

    // --- output ---
    let mut out = String::new();
    out.push_str(
        "# dyad gazetteer: countries, first-level divisions and cities of 15,000+ people.\n",
    );
    out.push_str(
        "# Generated by tools/gen-gazetteer from GeoNames (countryInfo, admin1CodesASCII,\n",
    );
    out.push_str(
        "# cities15000) and keshvar centroids. Contains data from GeoNames (geonames.org),\n",
    );
    out.push_str("# CC BY 4.0. Do not edit by hand: put corrections in extra_names.tsv or\n");
    out.push_str(
        "# not_places.txt. Columns: kind (country|admin1|capital|seat|city), name, country\n",
    );
    out.push_str(
        "# (ISO 3166-1 alpha-3), admin1 name, lat, lon, population, alternate names (|).\n",
    );
    let mut n_countries = 0;
    let mut rows: Vec<&Country> = countries.values().collect();
    rows.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    for c in rows {
        let (Some(lat), Some(lon)) = (c.lat, c.lon) else {
            continue;
        };
        n_countries += 1;
        let _ = writeln!(
            out,
            "country\t{}\t{}\t\t{lat:.4}\t{lon:.4}\t{}\t{}",
            c.name,
            c.iso3,
            c.population,
            c.names.join("|")
        );
    }
    admin1_rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    for (iso3, name, lat, lon, pop, names) in &admin1_rows {
        let _ = writeln!(
            out,
            "admin1\t{name}\t{iso3}\t{name}\t{lat:.4}\t{lon:.4}\t{pop}\t{}",
            names.join("|")
        );
    }
    let mut city_rows: Vec<(&str, &City)> = cities
        .iter()
        .filter_map(|c| countries.get(&c.iso2).map(|k| (k.iso3.as_str(), c)))
        .collect();
    city_rows.sort_by(|a, b| {
        (a.0, std::cmp::Reverse(a.1.population), a.1.geonameid).cmp(&(
            b.0,
            std::cmp::Reverse(b.1.population),
            b.1.geonameid,
        ))
    });
    for (iso3, c) in &city_rows {
        let kind = match c.feature.as_str() {
            "PPLC" => "capital",
            "PPLA" => "seat",
            _ => "city",
        };
        let a1 = admin1
            .get(&c.admin1_key)
            .map(|a| a.name.as_str())
            .unwrap_or("");
        let _ = writeln!(
            out,
            "{kind}\t{}\t{iso3}\t{a1}\t{:.4}\t{:.4}\t{}\t{}",
            c.name,
            c.lat,
            c.lon,
            c.population,
            c.names.join("|")
        );
    }
    std::fs::write(&out_path, &out)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out_path.display())));

    // --- country codes (beside the gazetteer) ---
    let mut codes = String::new();
    codes.push_str("# dyad country codes: ISO 3166-1 alpha-3, alpha-2 and FIPS 10-4 (the codes\n");
    codes.push_str("# GDELT's ActionGeo columns use). Generated by tools/gen-gazetteer from GeoNames\n");
    codes.push_str("# countryInfo (geonames.org, CC BY 4.0). Do not edit by hand. Columns: iso3, iso2,\n");
    codes.push_str("# fips (empty where the country has none).\n");
    let mut by_iso3: Vec<&Country> = countries.values().collect();
    by_iso3.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    for c in by_iso3 {
        let _ = writeln!(codes, "{}\t{}\t{}", c.iso3, c.iso2, c.fips);
    }
    let codes_path = out_path.with_file_name("country_codes.tsv");
    std::fs::write(&codes_path, &codes)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", codes_path.display())));
    eprintln!(
        "gen-gazetteer: {} countries, {} divisions (keshvar {from_kesh}, seat {from_seat}, city mean {from_mean}, dropped {dropped}), {} cities ({skipped} skipped), {} bytes -> {}",
        n_countries,
        admin1_rows.len(),
        city_rows.len(),
        out.len(),
        out_path.display()
    );
}
