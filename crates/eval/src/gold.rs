//! Gold-standard readers: dyad JSONL, PETRARCH validation XML, PLOVER GSR.
//!
//! Each reader turns a file's text into [`GoldRecord`]s: the text to code, its date, its
//! category and the events expected. Every problem is a [`GoldError`] naming the file and line
//! (and the record when the format has no lines to speak of); a reader never skips a record
//! silently. PETRARCH's embedded parses are ignored: dyad codes the text itself.
//!
//! Actor codes are normalised the same way on both sides of the comparison
//! ([`normalize_code`]): PETRARCH's null actor `---` is "no actor", and an agent without a
//! country (`---GOV`) is its agent code (`GOV`), which is how dyad writes it.

use std::collections::BTreeMap;

use dyad_core::Date;
use quick_xml::events::{BytesStart, Event as XmlEvent};
use serde::Deserialize;

/// The gold formats `dyad eval` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldFormat {
    /// dyad's JSONL: `{"id", "date", "text", "events": [{"source", "target", "cameo"}]}`;
    /// an event may also give its `date`, `country` and `fatalities` (article-level gold),
    /// and `source`, `target` and `cameo` may list alternatives.
    Dyad,
    /// PETRARCH's validation XML (`<Sentence>`, `<EventCoding>`, `<Text>`).
    PetrarchXml,
    /// The PLOVER gold-standard records (a JSON array; events as PLOVER types).
    PloverGsr,
}

/// One expected event. Each field lists acceptable alternatives; a two-digit code accepts any
/// code of that CAMEO root (the PLOVER records give types, not codes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldEvent {
    /// Acceptable source codes (`None`: no source).
    pub sources: Vec<Option<String>>,
    /// Acceptable target codes (`None`: no target).
    pub targets: Vec<Option<String>>,
    /// Acceptable event codes.
    pub codes: Vec<String>,
    /// The day the event happened, when the text gives one (article-level gold).
    pub date: Option<Date>,
    /// The country (ISO 3166-1 alpha-3) where it happened, when the text names a place.
    pub country: Option<String>,
    /// The people the text says it killed, when it gives a number.
    pub fatalities: Option<u32>,
}

/// What a record expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// These events (the set must be coded exactly for the record to pass).
    Events(Vec<GoldEvent>),
    /// Nothing may be coded (`noevents="True"`, or a dyad record with `"events": []`).
    NoEvents,
    /// PETRARCH expects an error (`error="storydiscard"`, ...): passes when nothing is coded.
    Error(String),
    /// No expectation given (a sample file): coded, counted, not scored.
    Unannotated,
}

/// One gold record: a text to code and what it expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldRecord {
    /// The record's id.
    pub id: String,
    /// Its date, if given.
    pub date: Option<Date>,
    /// The text (whitespace runs collapsed for PETRARCH XML).
    pub text: String,
    /// Its category (PETRARCH `category`, the PLOVER type, the first dyad tag), if any.
    pub category: Option<String>,
    /// The expected events.
    pub expected: Expected,
    /// PETRARCH's `require_dyad` option as the file's `<Config option="require_dyad">`
    /// elements before the record set it (PETRARCH validation XML only; `None`: not set).
    pub require_dyad: Option<bool>,
}

/// A problem in a gold file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct GoldError {
    /// The file.
    pub file: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// An actor code as compared: `---`/empty → none, `---GOV` → `GOV`, upper case.
pub fn normalize_code(code: Option<&str>) -> Option<String> {
    let c = code?.trim();
    let c = c.trim_start_matches("---");
    if c.is_empty() {
        None
    } else {
        Some(c.to_uppercase())
    }
}

/// Read a gold file's text in `format`; `file` names it in errors.
pub fn read_gold(format: GoldFormat, file: &str, text: &str) -> Result<Vec<GoldRecord>, GoldError> {
    match format {
        GoldFormat::Dyad => read_dyad(file, text),
        GoldFormat::PetrarchXml => read_petrarch_xml(file, text),
        GoldFormat::PloverGsr => read_plover_gsr(file, text),
    }
}

fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]).parse().ok();
    }
    // YYMMDD, as PETRARCH reads it (years up to 30 are 20YY)
    if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
        let yy: u32 = s[..2].parse().ok()?;
        let century = if yy <= 30 { "20" } else { "19" };
        return format!("{century}{}-{}-{}", &s[..2], &s[2..4], &s[4..])
            .parse()
            .ok();
    }
    s.get(..10).and_then(|d| d.parse().ok())
}

#[derive(Deserialize)]
struct DyadLine {
    id: String,
    #[serde(default)]
    date: Option<String>,
    text: String,
    events: Vec<DyadEvent>,
    #[serde(default)]
    tags: Vec<String>,
}

/// A field written as one value or a list of acceptable values.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(Option<String>),
    Many(Vec<Option<String>>),
}

impl OneOrMany {
    fn values(&self) -> Vec<Option<&str>> {
        match self {
            OneOrMany::One(v) => vec![v.as_deref()],
            OneOrMany::Many(v) => v.iter().map(Option::as_deref).collect(),
        }
    }
}

#[derive(Deserialize)]
struct DyadEvent {
    #[serde(default = "no_actor")]
    source: OneOrMany,
    #[serde(default = "no_actor")]
    target: OneOrMany,
    cameo: OneOrMany,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    fatalities: Option<u32>,
}

fn no_actor() -> OneOrMany {
    OneOrMany::One(None)
}

/// The gold event a dyad line's event gives, or what is wrong with it.
fn dyad_event(e: &DyadEvent) -> Result<GoldEvent, String> {
    let codes: Vec<String> = e
        .cameo
        .values()
        .into_iter()
        .flatten()
        .map(str::to_string)
        .collect();
    if codes.is_empty() {
        return Err("an event without a CAMEO code".to_string());
    }
    if let Some(bad) = codes.iter().find(|c| !valid_code(c)) {
        return Err(format!("bad CAMEO code {bad:?}"));
    }
    let date = match e.date.as_deref() {
        Some(d) => Some(parse_date(d).ok_or_else(|| format!("bad event date {d:?}"))?),
        None => None,
    };
    let actors = |v: &OneOrMany| v.values().into_iter().map(normalize_code).collect();
    Ok(GoldEvent {
        sources: actors(&e.source),
        targets: actors(&e.target),
        codes,
        date,
        country: e.country.as_deref().map(|c| c.trim().to_uppercase()),
        fatalities: e.fatalities,
    })
}

fn read_dyad(file: &str, text: &str) -> Result<Vec<GoldRecord>, GoldError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let err = |message: String| GoldError {
            file: file.to_string(),
            line: i + 1,
            message,
        };
        if line.trim().is_empty() {
            continue;
        }
        let r: DyadLine = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        let date = match r.date.as_deref() {
            Some(d) => Some(parse_date(d).ok_or_else(|| err(format!("bad date {d:?}")))?),
            None => None,
        };
        let events = r
            .events
            .iter()
            .enumerate()
            .map(|(k, e)| dyad_event(e).map_err(|m| err(format!("event {}: {m}", k + 1))))
            .collect::<Result<Vec<_>, _>>()?;
        let expected = if events.is_empty() {
            Expected::NoEvents
        } else {
            Expected::Events(events)
        };
        out.push(GoldRecord {
            id: r.id,
            date,
            text: r.text,
            category: r.tags.into_iter().next(),
            expected,
            require_dyad: None,
        });
    }
    Ok(out)
}

fn valid_code(c: &str) -> bool {
    !c.is_empty() && c.len() <= 6 && c.chars().all(|c| c.is_ascii_alphanumeric())
}

fn line_at(text: &str, pos: u64) -> usize {
    let end = usize::try_from(pos).unwrap_or(text.len()).min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// XML text with the five predefined entities and numeric references replaced; anything else
/// (a bare `&` in the wild) is kept as written.
fn unescape_lenient(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        let tail = &rest[k..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let rep = end.and_then(|e| match &tail[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (rep, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attrs(e: &BytesStart<'_>) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for a in e.attributes().with_checks(false).flatten() {
        let k = String::from_utf8_lossy(a.key.as_ref()).to_string();
        let v = unescape_lenient(&String::from_utf8_lossy(&a.value));
        m.insert(k, v);
    }
    m
}

struct Building {
    id: String,
    date: Option<Date>,
    category: Option<String>,
    text: Option<String>,
    events: Vec<GoldEvent>,
    noevents: bool,
    error: Option<String>,
    line: usize,
    require_dyad: Option<bool>,
}

fn finish_xml(b: Building, file: &str) -> Result<GoldRecord, GoldError> {
    let Some(text) = b.text else {
        return Err(GoldError {
            file: file.to_string(),
            line: b.line,
            message: format!("record {} has no <Text>", b.id),
        });
    };
    let expected = if let Some(e) = b.error {
        Expected::Error(e)
    } else if !b.events.is_empty() {
        Expected::Events(b.events)
    } else if b.noevents {
        Expected::NoEvents
    } else {
        Expected::Unannotated
    };
    Ok(GoldRecord {
        id: b.id,
        date: b.date,
        text,
        category: b.category,
        expected,
        require_dyad: b.require_dyad,
    })
}

fn read_petrarch_xml(file: &str, text: &str) -> Result<Vec<GoldRecord>, GoldError> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_dangling_amp = true;
    reader.config_mut().allow_unmatched_ends = true;
    let mut out = Vec::new();
    let mut cur: Option<Building> = None;
    let mut in_text = false;
    let mut text_buf = String::new();
    let mut require_dyad: Option<bool> = None;
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| GoldError {
            file: file.to_string(),
            line: line_at(text, reader.buffer_position()),
            message: format!("malformed XML: {e}"),
        })?;
        let line = line_at(text, pos);
        let err = |message: String| GoldError {
            file: file.to_string(),
            line,
            message,
        };
        match ev {
            XmlEvent::Eof => break,
            XmlEvent::Start(e) | XmlEvent::Empty(e) => match e.name().as_ref() {
                b"Sentence" => {
                    if let Some(b) = cur.take() {
                        out.push(finish_xml(b, file)?);
                    }
                    let a = attrs(&e);
                    let id = a
                        .get("id")
                        .cloned()
                        .ok_or_else(|| err("<Sentence> without an id".into()))?;
                    let date = match a.get("date") {
                        Some(d) => Some(
                            parse_date(d)
                                .ok_or_else(|| err(format!("record {id}: bad date {d:?}")))?,
                        ),
                        None => None,
                    };
                    cur = Some(Building {
                        id,
                        date,
                        category: a.get("category").cloned(),
                        text: None,
                        events: Vec::new(),
                        noevents: false,
                        error: None,
                        line,
                        require_dyad,
                    });
                }
                // `<Config option="require_dyad" value="false">`: for the records after it
                b"Config" => {
                    let a = attrs(&e);
                    if a.get("option").map(String::as_str) == Some("require_dyad") {
                        require_dyad = a.get("value").map(|v| v.eq_ignore_ascii_case("true"));
                    }
                }
                b"EventCoding" => {
                    let Some(b) = cur.as_mut() else {
                        return Err(err("<EventCoding> outside a <Sentence>".into()));
                    };
                    let a = attrs(&e);
                    if let Some(er) = a.get("error") {
                        b.error = Some(er.clone());
                    } else if a
                        .get("noevents")
                        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
                    {
                        b.noevents = true;
                    } else {
                        let code = a.get("eventcode").cloned().unwrap_or_default();
                        if !valid_code(&code) {
                            return Err(err(format!(
                                "record {}: <EventCoding> needs eventcode=, noevents= or error= (eventcode {code:?})",
                                b.id
                            )));
                        }
                        b.events.push(GoldEvent {
                            sources: vec![normalize_code(a.get("sourcecode").map(String::as_str))],
                            targets: vec![normalize_code(a.get("targetcode").map(String::as_str))],
                            codes: vec![code],
                            ..GoldEvent::default()
                        });
                    }
                }
                b"Text" => {
                    if cur.is_none() {
                        return Err(err("<Text> outside a <Sentence>".into()));
                    }
                    in_text = true;
                    text_buf.clear();
                }
                _ => {}
            },
            XmlEvent::Text(t) if in_text => {
                text_buf.push_str(&unescape_lenient(&String::from_utf8_lossy(&t)));
            }
            XmlEvent::GeneralRef(r) if in_text => {
                let name = String::from_utf8_lossy(&r);
                text_buf.push_str(&unescape_lenient(&format!("&{name};")));
            }
            XmlEvent::CData(t) if in_text => text_buf.push_str(&String::from_utf8_lossy(&t)),
            XmlEvent::End(e) if e.name().as_ref() == b"Text" && in_text => {
                in_text = false;
                if let Some(b) = cur.as_mut() {
                    b.text = Some(text_buf.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            XmlEvent::End(e) if e.name().as_ref() == b"Sentences" => {
                if let Some(b) = cur.take() {
                    out.push(finish_xml(b, file)?);
                }
            }
            _ => {}
        }
    }
    if let Some(b) = cur.take() {
        out.push(finish_xml(b, file)?);
    }
    Ok(out)
}

/// The CAMEO roots a PLOVER 0.5b1 type of the GSR covers (0.5b1 split root 08 into CONCEDE
/// and RETREAT and kept 20 under FIGHT).
pub fn plover_roots(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "AGREE" => &["03"],
        "CONSULT" => &["04"],
        "SUPPORT" => &["05"],
        "COOPERATE" => &["06"],
        "AID" => &["07"],
        "CONCEDE" | "RETREAT" => &["08"],
        "INVESTIGATE" => &["09"],
        "DEMAND" => &["10"],
        "DISAPPROVE" => &["11"],
        "REJECT" => &["12"],
        "THREATEN" => &["13"],
        "PROTEST" => &["14"],
        "MOBILIZE" => &["15"],
        "SANCTION" => &["16"],
        "COERCE" => &["17"],
        "ASSAULT" => &["18"],
        "FIGHT" => &["19", "20"],
        _ => return None,
    })
}

/// The file's spellings of ISO codes (`JAP`, `ITL`) as dyad writes them.
fn gsr_code(code: &str) -> String {
    let c = code.trim().to_uppercase();
    match c.get(..3) {
        Some("JAP") => format!("JPN{}", &c[3..]),
        Some("ITL") => format!("ITA{}", &c[3..]),
        _ => c,
    }
}

fn gsr_actors(v: Option<&serde_json::Value>) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::new();
    let mut push = |c: &str| {
        let n = normalize_code(Some(&gsr_code(c)));
        if n.is_some() && !out.contains(&n) {
            out.push(n);
        }
    };
    match v {
        Some(serde_json::Value::String(s)) => push(s),
        Some(serde_json::Value::Object(o)) => {
            if let Some(c) = o.get("code").and_then(|c| c.as_str()) {
                push(c);
            }
        }
        Some(serde_json::Value::Array(a)) => {
            for x in a {
                match x {
                    serde_json::Value::String(s) => push(s),
                    serde_json::Value::Object(o) => {
                        if let Some(c) = o.get("code").and_then(|c| c.as_str()) {
                            push(c);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    if out.is_empty() {
        out.push(None);
    }
    out
}

fn read_plover_gsr(file: &str, text: &str) -> Result<Vec<GoldRecord>, GoldError> {
    let recs: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(text)
        .map_err(|e| GoldError {
            file: file.to_string(),
            line: e.line(),
            message: e.to_string(),
        })?;
    let mut out = Vec::new();
    for r in recs {
        let Some(body) = r.get("text").and_then(|t| t.as_str()) else {
            continue; // documentation records carry no text
        };
        let id = r
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let err = |message: String| GoldError {
            file: file.to_string(),
            line: 0,
            message: format!("record {id}: {message}"),
        };
        let kind = r.get("event").and_then(|v| v.as_str()).unwrap_or("");
        let roots =
            plover_roots(kind).ok_or_else(|| err(format!("unknown PLOVER type {kind:?}")))?;
        let date = r.get("date").and_then(|d| d.as_str()).and_then(parse_date);
        out.push(GoldRecord {
            id: id.clone(),
            date,
            text: body.to_string(),
            category: Some(kind.to_string()),
            expected: Expected::Events(vec![GoldEvent {
                sources: gsr_actors(r.get("source")),
                targets: gsr_actors(r.get("target")),
                codes: roots.iter().map(|s| s.to_string()).collect(),
                ..GoldEvent::default()
            }]),
            require_dyad: None,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dyad_article_events_with_alternatives_date_country_and_dead() {
        let text = r#"{"id":"wn-1","date":"2009-09-09","text":"A. B.","events":[{"source":["USAMIL","USAGOV"],"target":"PAKREB","cameo":["195","190"],"date":"2009-09-08","country":"pak","fatalities":10,"evidence":"A."},{"source":"PAKGOV","cameo":"010"}]}"#;
        let g = read_gold(GoldFormat::Dyad, "a.jsonl", text).expect("valid");
        let Expected::Events(events) = &g[0].expected else {
            panic!("events expected: {:?}", g[0].expected);
        };
        assert_eq!(
            events[0],
            GoldEvent {
                sources: vec![Some("USAMIL".into()), Some("USAGOV".into())],
                targets: vec![Some("PAKREB".into())],
                codes: vec!["195".into(), "190".into()],
                date: Some(Date::constant(2009, 9, 8)),
                country: Some("PAK".into()),
                fatalities: Some(10),
            }
        );
        // a missing target is no target
        assert_eq!(events[1].targets, vec![None]);
        let bad = text.replace(r#""2009-09-08""#, r#""Tuesday""#);
        let e = read_gold(GoldFormat::Dyad, "a.jsonl", &bad).expect_err("bad event date");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("event 1: bad event date"), "{e}");
        let bad = text.replace(r#"["195","190"]"#, "[]");
        let e = read_gold(GoldFormat::Dyad, "a.jsonl", &bad).expect_err("no code");
        assert!(e.message.contains("without a CAMEO code"), "{e}");
    }

    #[test]
    fn dyad_jsonl() {
        let text = "{\"id\":\"a\",\"date\":\"2024-02-13\",\"text\":\"X hit Y.\",\"events\":[{\"source\":\"RUSMIL\",\"target\":null,\"cameo\":\"194\"}],\"tags\":[\"root19\"]}\n\n{\"id\":\"b\",\"date\":\"2024-02-13\",\"text\":\"Rain.\",\"events\":[]}\n";
        let g = read_gold(GoldFormat::Dyad, "g.jsonl", text).expect("valid");
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].category.as_deref(), Some("root19"));
        assert_eq!(
            g[0].expected,
            Expected::Events(vec![GoldEvent {
                sources: vec![Some("RUSMIL".into())],
                targets: vec![None],
                codes: vec!["194".into()],
                ..GoldEvent::default()
            }])
        );
        assert_eq!(g[1].expected, Expected::NoEvents);
        let e = read_gold(GoldFormat::Dyad, "g.jsonl", "{\"id\":\"a\"}\n{").expect_err("bad");
        assert_eq!((e.file.as_str(), e.line), ("g.jsonl", 1));
        let e = read_gold(
            GoldFormat::Dyad,
            "g.jsonl",
            "\n{\"id\":\"a\",\"date\":\"yesterday\",\"text\":\"t\",\"events\":[]}",
        )
        .expect_err("bad date");
        assert_eq!(e.line, 2);
    }

    const XML: &str = r#"<Validation>
# free text the way PETRARCH files have it, & a bare ampersand
<Sentences>
<Sentence date="20010203" id="T-01" category="DEMO" valid="true">
<EventCoding sourcecode="VAL" targetcode="---" eventcode="064"></EventCoding>
<EventCoding sourcecode="---GOV" targetcode="BRE" eventcode="023"/>
<Text>
Valeria mended ties
 with Bree &amp; friends.
</Text>
<Parse>(ROOT (S (NP (NNP Valeria))))</Parse>
</Sentence>
<Sentence date="010203" id="T-02" category="DEMO" evaluate="true"/>
<EventCoding noevents="True"/>
<Text>Nothing here.</Text>
<Sentence date="20010203" id="T-03" category="ERROR">
<EventCoding error="storydiscard"></EventCoding>
<Text>Cricket.</Text>
</Sentence>
<Sentence date = "20010203" id ="T-04" source = "AFP">
<Text>Unscored.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

    #[test]
    fn petrarch_xml_config_sets_require_dyad_for_later_records() {
        let xml = r#"<Sentences>
<Sentence id="A-1" date="19950101"><EventCoding noevents="True"/><Text>a</Text></Sentence>
<Config option="require_dyad" value="FALSE"></Config>
<Sentence id="A-2" date="19950101"><EventCoding noevents="True"/><Text>b</Text></Sentence>
<Config option="comma_max" value="0"></Config>
<Sentence id="A-3" date="19950101"><EventCoding noevents="True"/><Text>c</Text></Sentence>
<Config option="require_dyad" value="True"></Config>
<Sentence id="A-4" date="19950101"><EventCoding noevents="True"/><Text>d</Text></Sentence>
</Sentences>"#;
        let g = read_gold(GoldFormat::PetrarchXml, "c.xml", xml).expect("valid");
        let got: Vec<Option<bool>> = g.iter().map(|r| r.require_dyad).collect();
        assert_eq!(got, [None, Some(false), Some(false), Some(true)]);
    }

    #[test]
    fn petrarch_xml() {
        let g = read_gold(GoldFormat::PetrarchXml, "v.xml", XML).expect("valid");
        assert_eq!(g.len(), 4);
        assert_eq!(g[0].text, "Valeria mended ties with Bree & friends.");
        assert_eq!(
            g[0].date.map(|d| d.to_string()).as_deref(),
            Some("2001-02-03")
        );
        let Expected::Events(ev) = &g[0].expected else {
            panic!("events expected")
        };
        assert_eq!(ev[0].targets, [None]);
        assert_eq!(ev[1].sources, [Some("GOV".to_string())]);
        assert_eq!(g[1].expected, Expected::NoEvents);
        assert_eq!(g[1].date, g[0].date);
        assert_eq!(g[2].expected, Expected::Error("storydiscard".into()));
        assert_eq!(g[3].expected, Expected::Unannotated);
        assert_eq!(g[3].category, None);
        let bad = "<Sentences>\n<Sentence id=\"x\">\n<EventCoding sourcecode=\"A\"/>\n<Text>t</Text></Sentence></Sentences>";
        let e = read_gold(GoldFormat::PetrarchXml, "v.xml", bad).expect_err("no code");
        assert_eq!(e.line, 3, "{e}");
        let e = read_gold(
            GoldFormat::PetrarchXml,
            "v.xml",
            "<Sentences>\n\n<Sentence id=\"x\"></Sentence></Sentences>",
        )
        .expect_err("no text");
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("no <Text>"));
    }

    #[test]
    fn plover_gsr() {
        let text = r#"[
{"id": "DOC", "event": "DOCUMENT", "comment": "no text"},
{"id": "R1", "date": "2000-01-01", "event": "FIGHT", "text": "A shelled B.",
 "source": [{"code": "JAPMIL"}, {"code": "ITL"}], "target": "KOR"},
{"id": "R2", "event": "AGREE", "text": "A agreed.", "source": {"code": "HUN"}}
]"#;
        let g = read_gold(GoldFormat::PloverGsr, "p.txt", text).expect("valid");
        assert_eq!(g.len(), 2);
        let Expected::Events(ev) = &g[0].expected else {
            panic!("events expected")
        };
        assert_eq!(
            ev[0].sources,
            [Some("JPNMIL".to_string()), Some("ITA".to_string())]
        );
        assert_eq!(ev[0].targets, [Some("KOR".to_string())]);
        assert_eq!(ev[0].codes, ["19", "20"]);
        let Expected::Events(ev) = &g[1].expected else {
            panic!("events expected")
        };
        assert_eq!(ev[0].targets, [None]);
        let e = read_gold(
            GoldFormat::PloverGsr,
            "p.txt",
            r#"[{"id": "X", "event": "DANCE", "text": "t"}]"#,
        )
        .expect_err("type");
        assert!(e.to_string().contains("record X"), "{e}");
        let e = read_gold(GoldFormat::PloverGsr, "p.txt", "[\n{").expect_err("json");
        assert_eq!(e.line, 2);
    }
}
