//! Other codes of the gazetteer's countries: ISO 3166-1 alpha-2 and FIPS 10-4, the codes
//! GDELT's geographic columns (`ActionGeo_CountryCode`) use, looked up by the ISO 3166-1
//! alpha-3 code dyad's places and actors carry. The table `data/country_codes.tsv` is
//! generated with the gazetteer by `tools/gen-gazetteer` from GeoNames facts. A code the
//! table does not hold gives `None`: this module never guesses a code.

use std::collections::HashMap;
use std::sync::OnceLock;

const BUNDLED_CODES: &str = include_str!("../data/country_codes.tsv");

/// One country's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryCodes {
    /// ISO 3166-1 alpha-2 ("IQ").
    pub iso2: &'static str,
    /// FIPS 10-4 ("IZ"); `None` for the few countries that have none.
    pub fips: Option<&'static str>,
}

fn table() -> &'static HashMap<&'static str, CountryCodes> {
    static TABLE: OnceLock<HashMap<&'static str, CountryCodes>> = OnceLock::new();
    TABLE.get_or_init(|| {
        BUNDLED_CODES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let iso3 = cols.next()?;
                let iso2 = cols.next()?;
                let fips = cols.next().filter(|f| !f.is_empty());
                Some((iso3, CountryCodes { iso2, fips }))
            })
            .collect()
    })
}

/// The codes of the country with ISO 3166-1 alpha-3 code `iso3` ("IRQ").
pub fn country_codes(iso3: &str) -> Option<CountryCodes> {
    table().get(iso3).copied()
}

/// The FIPS 10-4 code of the country with ISO 3166-1 alpha-3 code `iso3` ("IRQ" → "IZ",
/// "DEU" → "GM"), as GDELT's `ActionGeo_CountryCode` has it.
pub fn fips_code(iso3: &str) -> Option<&'static str> {
    country_codes(iso3).and_then(|c| c.fips)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_codes_differ_from_iso_where_gdelt_expects() {
        for (iso3, fips) in [
            ("USA", "US"),
            ("IRQ", "IZ"),
            ("DEU", "GM"),
            ("GBR", "UK"),
            ("ISR", "IS"),
            ("PSE", "WE"),
            ("SDN", "SU"),
            ("UKR", "UP"),
        ] {
            assert_eq!(fips_code(iso3), Some(fips), "{iso3}");
        }
        assert_eq!(country_codes("IRQ").map(|c| c.iso2), Some("IQ"));
        assert_eq!(fips_code("XXX"), None);
        assert_eq!(fips_code("irq"), None);
    }

    #[test]
    fn the_table_has_one_well_formed_row_per_country() {
        let rows = BUNDLED_CODES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let mut seen = std::collections::HashSet::new();
        for l in rows {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "three columns: {l:?}");
            assert!(seen.insert(cols[0]), "one row per country: {l:?}");
        }
        for iso3 in ["IRQ", "SYR", "JOR", "SSD", "XKX"] {
            assert!(seen.contains(iso3), "{iso3} has codes");
        }
    }
}
