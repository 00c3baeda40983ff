//! The event record of a candidate that no veto stopped: its id, its code's Goldstein value,
//! QuadClass and PLOVER type, its date, place and fatalities from the grounding stage (or
//! the publication date when not grounding), and the rules that made it. It decides
//! nothing: a candidate whose code the event-code table does not know gives no record.

use dyad_grounding::{GroundedDate, GroundedPlace, Grounding};

use crate::dictionaries::Dictionaries;
use crate::sentence::{Candidate, SentenceContext};
use crate::CODER_VERSION;
use dyad_core::event::{Event, EventDate, VerbRef};

/// The event record of candidate `c` of a sentence; `None` for a code the table lacks.
pub(crate) fn event_of(
    d: &Dictionaries<'_>,
    s: &SentenceContext<'_>,
    c: &Candidate,
) -> Option<Event> {
    let info = d.codes.get(&c.code)?;
    let (source, target, v) = (&c.source, &c.target, c.verb);
    let countries: Vec<&str> = [source.country.as_deref(), target.country.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let Grounding {
        date,
        mut place,
        fatalities,
        fatalities_text,
    } = grounding_of(d, s, v, &countries);
    let mut date = date;
    let date_rule = carried_date(d, s, (v, info.quad_class().number()), &mut date);
    let mut place_rule = None;
    if place.is_none() {
        let material_conflict = info.quad_class().number() == 4;
        (place, place_rule) = place_fallback(
            d,
            s,
            (v, material_conflict),
            &countries,
            target.country.as_deref(),
        );
    }
    let id_input = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        s.ctx.doc_id,
        s.seg.index,
        v,
        source.code.as_deref().unwrap_or(""),
        target.code.as_deref().unwrap_or(""),
        c.code,
        CODER_VERSION
    );
    Some(Event {
        event_id: format!("{:016x}", fnv1a(id_input.as_bytes())),
        doc_id: s.ctx.doc_id.to_string(),
        sentence_index: s.seg.index,
        sentence: s.seg.span.slice(s.ctx.text).unwrap_or("").to_string(),
        source: source.clone(),
        target: target.clone(),
        cameo: c.code.clone(),
        root: info.root().to_string(),
        quad_class: info.quad_class().number(),
        goldstein: info.goldstein(),
        plover: info.plover_type().to_string(),
        date: match date {
            Some(d) => EventDate {
                start: Some(d.start.to_string()),
                end: Some(d.end.to_string()),
                precision: d.precision.to_string(),
                text: d.text,
            },
            None => EventDate {
                start: None,
                end: None,
                precision: "document".to_string(),
                text: None,
            },
        },
        location: place.map(|p| p.location),
        fatalities,
        fatalities_text,
        verb: VerbRef {
            text: c.verb_text.clone(),
            rule: c.rule.clone(),
            rules: rules_of(s, c, [date_rule, place_rule]),
        },
    })
}

/// The date, place and fatalities of the event at verb `v` whose actors are of `countries`;
/// when not grounding, the publication date with precision `document`.
fn grounding_of(
    d: &Dictionaries<'_>,
    s: &SentenceContext<'_>,
    v: usize,
    countries: &[&str],
) -> Grounding {
    match (d.grounder, s.mentions) {
        (Some(g), Some(m)) => g.ground(m, s.state, v, countries),
        _ => Grounding {
            date: s.state.publication().map(|d| GroundedDate {
                start: d,
                end: d,
                precision: "document",
                text: None,
                tokens: None,
            }),
            place: None,
            fatalities: None,
            fatalities_text: None,
        },
    }
}

/// The place of an event the tree attaches none to (`place_fallbacks`): a place its sentence
/// names below country level (rule `sentence-place`: "Kathmandu, Nepal —The King … has
/// dissolved the government"), else the country where the story's places are (with none,
/// the country the story is about), when the event's actors are of that country or of none
/// (for a material conflict named from the actors alone: when its target is of that country;
/// rule `story-country-place`: "Police fatally shot one person" in a story set in Harare), at
/// precision `country` with no text.
fn place_fallback(
    d: &Dictionaries<'_>,
    s: &SentenceContext<'_>,
    (v, material_conflict): (usize, bool),
    countries: &[&str],
    target_country: Option<&str>,
) -> (Option<GroundedPlace>, Option<&'static str>) {
    let (Some(g), Some(m)) = (d.grounder, s.mentions) else {
        return (None, None);
    };
    if !d.rules.place_fallbacks {
        return (None, None);
    }
    if let Some(p) = g.sentence_place(m, s.state, v, countries) {
        return (Some(p), Some("sentence-place"));
    }
    // (the country its actors name is where a statement is made, but a strike falls where
    // its target is: "militants were killed in two strikes, the U.S. military said" is not
    // in the United States)
    let (story, by_place) = match s.place_country {
        Some(c) => (Some(c), true),
        None => (s.local_country.or(s.opening_country), false),
    };
    let located = |c: &str| {
        if material_conflict && !by_place {
            target_country == Some(c)
        } else {
            countries.is_empty() || countries.contains(&c)
        }
    };
    match story {
        Some(c) if located(c) => (g.country_place(c), Some("story-country-place")),
        _ => (None, None),
    }
}

/// `earlier-date` (`carried_date_days`): a material act (QuadClass 2 or 4) in the past tense
/// whose sentence gives no date took place on the day the story last named, when that day is at most
/// `carried_date_days` before publication ("Zimbabwe police broke up a rally on Sunday …
/// Police fatally shot one person"). A statement keeps the publication date: it is made
/// when reported. The date keeps its precision and has no text. Returns the rule's name
/// when it applied.
fn carried_date(
    d: &Dictionaries<'_>,
    s: &SentenceContext<'_>,
    (v, quad_class): (usize, u8),
    date: &mut Option<GroundedDate>,
) -> Option<&'static str> {
    let max_days = d.rules.carried_date_days?;
    let current = date.as_ref()?;
    // (in the past tense: "Japan currently restricts imports" is now)
    let past = matches!(s.tree.words[v].xpos.as_str(), "VBD" | "VBN");
    if current.precision != "document" || !matches!(quad_class, 2 | 4) || !past {
        return None;
    }
    let anchor = s.state.anchor()?;
    let publication = s.state.publication()?;
    let age = anchor.end.until(publication).ok()?.get_days();
    if !(0..=i64::from(max_days)).contains(&i64::from(age)) {
        return None;
    }
    *date = Some(GroundedDate {
        start: anchor.start,
        end: anchor.end,
        precision: anchor.precision.as_str(),
        text: None,
        tokens: None,
    });
    Some("earlier-date")
}

/// The rules an event names: its coder, the rules the coder used, the repairs of the tree,
/// the rules that dated and placed it when its own clause did not.
fn rules_of(
    s: &SentenceContext<'_>,
    c: &Candidate,
    grounding_rules: [Option<&'static str>; 2],
) -> Vec<String> {
    std::iter::once(c.coder)
        .chain(c.rules.iter().copied())
        .chain(s.tree.repairs().iter().copied())
        .chain(grounding_rules.into_iter().flatten())
        .map(str::to_string)
        .collect()
}

/// 64-bit FNV-1a: a small, stable hash for event ids.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
