//! Query strings into typed requests: the CLI's filters, paging, periods and alert options,
//! each value checked, each failure a 400 naming the parameter.
//!
//! Every endpoint lists the parameters it takes; an unknown or repeated parameter is an
//! error, not silently ignored, so a typo in a filter never returns everything. This module
//! only parses; it must never touch the store.

use std::collections::BTreeMap;

use dyad_store::{Filter, Level, Period};

use crate::error::ApiError;

/// The filter parameters shared by every read endpoint.
pub const FILTER_PARAMS: &[&str] = &[
    "actor", "source", "target", "dyad", "code", "root", "quad", "from", "to", "country", "text",
    "level",
];

/// A query string as name → value, every name known and given once.
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
}

/// The longest parameter value accepted (a filter is a code, a date or a search).
const MAX_VALUE: usize = 1000;

impl Params {
    /// Parse `query` (the part after `?`), accepting only `allowed` names.
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| ApiError::bad("query", format!("the query string is malformed: {e}")))?;
        let mut values = BTreeMap::new();
        for (k, v) in pairs {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad(
                    &k,
                    format!(
                        "unknown parameter {k:?}; this endpoint takes {}",
                        allowed.join(", ")
                    ),
                ));
            }
            if v.is_empty() {
                return Err(ApiError::bad(
                    &k,
                    "given with an empty value (leave it out instead)",
                ));
            }
            if v.chars().count() > MAX_VALUE {
                return Err(ApiError::bad(
                    &k,
                    format!("longer than {MAX_VALUE} characters"),
                ));
            }
            if values.insert(k.clone(), v).is_some() {
                return Err(ApiError::bad(&k, "given more than once"));
            }
        }
        Ok(Params { values })
    }

    /// The value of `name`, if given (never empty).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// An integer in `lo..=hi`, or `default`.
    pub fn int(&self, name: &str, lo: u64, hi: u64, default: u64) -> Result<u64, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.parse::<u64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(
                name,
                format!("{v:?} is not a whole number from {lo} to {hi}"),
            )),
        }
    }

    /// A number in `lo..=hi`, or `default`.
    pub fn number(&self, name: &str, lo: f64, hi: f64, default: f64) -> Result<f64, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && (lo..=hi).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(
                name,
                format!("{v:?} is not a number from {lo} to {hi}"),
            )),
        }
    }

    /// The store filter and level.
    pub fn filter(&self) -> Result<(Filter, Level), ApiError> {
        let code_prefix = |name: &str| -> Result<Option<String>, ApiError> {
            match self.get(name) {
                None => Ok(None),
                Some(v) if v.len() <= 40 && v.chars().all(|c| c.is_ascii_alphanumeric()) => {
                    Ok(Some(v.to_ascii_uppercase()))
                }
                Some(v) => Err(ApiError::bad(
                    name,
                    format!("{v:?} is not an actor code prefix (letters and digits, e.g. USAGOV)"),
                )),
            }
        };
        let digits = |name: &str, max: usize| -> Result<Option<String>, ApiError> {
            match self.get(name) {
                None => Ok(None),
                Some(v)
                    if !v.is_empty() && v.len() <= max && v.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Ok(Some(v.to_string()))
                }
                Some(v) => Err(ApiError::bad(
                    name,
                    format!("{v:?} is not a CAMEO code (up to {max} digits)"),
                )),
            }
        };
        let day = |name: &str| -> Result<Option<String>, ApiError> {
            match self.get(name) {
                None => Ok(None),
                Some(v) if v.len() == 10 && v.parse::<jiff::civil::Date>().is_ok() => {
                    Ok(Some(v.to_string()))
                }
                Some(v) => Err(ApiError::bad(
                    name,
                    format!("{v:?} is not a YYYY-MM-DD date"),
                )),
            }
        };
        let dyad = match self.get("dyad") {
            None => None,
            Some(v) => {
                let bad = || {
                    ApiError::bad(
                        "dyad",
                        format!("{v:?} is not a dyad A-B of actor code prefixes (e.g. USA-IRQ)"),
                    )
                };
                let (a, b) = v.split_once('-').ok_or_else(bad)?;
                let ok = |s: &str| {
                    !s.is_empty() && s.len() <= 40 && s.chars().all(|c| c.is_ascii_alphanumeric())
                };
                if !ok(a) || !ok(b) {
                    return Err(bad());
                }
                Some((a.to_ascii_uppercase(), b.to_ascii_uppercase()))
            }
        };
        let root = match digits("root", 2)? {
            Some(r) if r.len() != 2 => {
                return Err(ApiError::bad(
                    "root",
                    format!("{r:?} is not a two-digit CAMEO root"),
                ))
            }
            r => r,
        };
        let quad = match self.get("quad") {
            None => None,
            Some(v) => match v.parse::<u8>() {
                Ok(q @ 1..=4) => Some(q),
                _ => {
                    return Err(ApiError::bad(
                        "quad",
                        format!("{v:?} is not a QuadClass 1 to 4"),
                    ))
                }
            },
        };
        let country = match self.get("country") {
            None => None,
            Some(v) if v.len() == 3 && v.chars().all(|c| c.is_ascii_alphabetic()) => {
                Some(v.to_ascii_uppercase())
            }
            Some(v) => {
                return Err(ApiError::bad(
                    "country",
                    format!("{v:?} is not an ISO 3166-1 alpha-3 country code"),
                ))
            }
        };
        let text = match self.values.get("text") {
            Some(t) if t.trim().is_empty() => {
                return Err(ApiError::bad("text", "the search text is empty"))
            }
            t => t.cloned(),
        };
        let (from, to) = (day("from")?, day("to")?);
        if let (Some(f), Some(t)) = (&from, &to) {
            if f > t {
                return Err(ApiError::bad("to", format!("{t} is before from {f}")));
            }
        }
        let level = match self.get("level") {
            None | Some("mention") => Level::Mention,
            Some("cluster") => Level::Cluster,
            Some(v) => {
                return Err(ApiError::bad(
                    "level",
                    format!("{v:?} is not a level (mention or cluster)"),
                ))
            }
        };
        let filter = Filter {
            actor: code_prefix("actor")?,
            source: code_prefix("source")?,
            target: code_prefix("target")?,
            dyad,
            code: digits("code", 4)?,
            root,
            quad,
            from,
            to,
            country,
            text,
        };
        Ok((filter, level))
    }

    /// `by`: day, week (the default) or month.
    pub fn period(&self) -> Result<Period, ApiError> {
        match self.get("by") {
            None | Some("week") => Ok(Period::Week),
            Some("day") => Ok(Period::Day),
            Some("month") => Ok(Period::Month),
            Some(v) => Err(ApiError::bad(
                "by",
                format!("{v:?} is not a period (day, week or month)"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<(Filter, Level), ApiError> {
        let mut allowed = FILTER_PARAMS.to_vec();
        allowed.push("limit");
        Params::parse(Some(q), &allowed)?.filter()
    }

    #[test]
    fn filters_are_read_and_normalised() {
        let (f, level) =
            parse("dyad=usa-irq&from=2024-01-01&quad=4&level=cluster").expect("parses");
        assert_eq!(f.dyad, Some(("USA".into(), "IRQ".into())));
        assert_eq!(f.from.as_deref(), Some("2024-01-01"));
        assert_eq!(f.quad, Some(4));
        assert_eq!(level, Level::Cluster);
    }

    #[test]
    fn every_bad_value_names_its_parameter() {
        for (q, p) in [
            ("from=2024-13-01", "from"),
            ("quad=5", "quad"),
            ("dyad=USA", "dyad"),
            ("root=1", "root"),
            ("code=19x", "code"),
            ("country=Iraq", "country"),
            ("actor=US%20A", "actor"),
            ("level=all", "level"),
            ("text=%20", "text"),
            ("to=", "to"),
            ("colour=red", "colour"),
            ("quad=1&quad=2", "quad"),
            ("from=2024-02-01&to=2024-01-01", "to"),
        ] {
            let e = parse(q).expect_err("an error");
            assert_eq!(e.parameter.as_deref(), Some(p), "{q}: {e}");
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST);
        }
    }

    #[test]
    fn paging_is_bounded() {
        let p = Params::parse(Some("limit=0"), &["limit"]).expect("parses");
        assert!(p.int("limit", 1, 1000, 100).is_err());
        let p = Params::parse(Some("limit=1000"), &["limit"]).expect("parses");
        assert_eq!(p.int("limit", 1, 1000, 100).expect("parses"), 1000);
        let p = Params::parse(None, &["limit"]).expect("parses");
        assert_eq!(p.int("limit", 1, 1000, 100).expect("parses"), 100);
    }
}
