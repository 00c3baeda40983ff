//! The event record of a candidate that no veto stopped: its id, its code's Goldstein value,
//! QuadClass and PLOVER type, its date, place and fatalities from the grounding stage (or
//! the publication date when not grounding), and the rules that made it. It decides
//! nothing: a candidate whose code the event-code table does not know gives no record.

use dyad_grounding::{GroundedDate, Grounding};

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
        place,
        fatalities,
        fatalities_text,
    } = grounding_of(d, s, v, &countries);
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
            rules: rules_of(s, c),
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

/// The rules an event names: its coder, the rules the coder used, the repairs of the tree.
fn rules_of(s: &SentenceContext<'_>, c: &Candidate) -> Vec<String> {
    std::iter::once(c.coder)
        .chain(c.rules.iter().copied())
        .chain(s.tree.repairs().iter().copied())
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
