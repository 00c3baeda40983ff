//! A synthetic store generator for benchmarks: documents of template sentences with coded
//! events between a fixed set of actors, dated across ten years, ingested through the normal
//! write path (so de-duplication and indexes are exercised as in real use).
//!
//! Deterministic for a given seed. Not for real data: it must never be used to fill a user's
//! store.

use crate::error::Result;
use crate::record::{
    ActorRef, Event, EventDate, Location, NewDocument, NewSentence, SentenceKind, VerbRef,
};
use crate::{AddOutcome, Store};

const ACTORS: &[(&str, &str)] = &[
    ("USA", "the United States"),
    ("USAGOV", "the U.S. government"),
    ("USAMIL", "U.S. forces"),
    ("IRQ", "Iraq"),
    ("IRQGOV", "the Iraqi government"),
    ("IRQMIL", "Iraqi troops"),
    ("IRN", "Iran"),
    ("SYR", "Syria"),
    ("ISR", "Israel"),
    ("PSE", "Palestinian officials"),
    ("RUS", "Russia"),
    ("UKR", "Ukraine"),
    ("CHN", "China"),
    ("TWN", "Taiwan"),
    ("GBR", "Britain"),
    ("FRA", "France"),
    ("DEU", "Germany"),
    ("TUR", "Turkey"),
    ("SAU", "Saudi Arabia"),
    ("YEM", "Yemen"),
    ("REB", "militants"),
    ("IRQREB", "Iraqi militias"),
    ("IGOUNO", "the United Nations"),
];

/// (cameo, root, quad, goldstein, plover, verb)
const CODES: &[(&str, &str, u8, f32, &str, &str)] = &[
    ("010", "01", 1, 0.0, "CONSULT", "said"),
    ("036", "03", 1, 4.0, "CONSULT", "agreed to meet"),
    ("042", "04", 1, 1.9, "CONSULT", "visited"),
    ("057", "05", 1, 8.0, "AGREE", "signed an agreement with"),
    ("070", "07", 2, 7.0, "AID", "sent aid to"),
    ("111", "11", 3, -2.0, "ACCUSE", "criticized"),
    ("130", "13", 3, -4.4, "THREATEN", "threatened"),
    ("163", "16", 3, -4.0, "REJECT", "imposed sanctions on"),
    ("173", "17", 4, -5.0, "COERCE", "arrested members of"),
    ("190", "19", 4, -10.0, "ASSAULT", "attacked"),
    ("183", "18", 4, -10.0, "ASSAULT", "bombed"),
    ("195", "19", 4, -10.0, "ASSAULT", "launched airstrikes on"),
];

/// A tiny deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
}

/// What [`generate`] made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    /// Documents stored.
    pub documents: usize,
    /// Mentions stored.
    pub events: usize,
}

/// Add about `events` synthetic event mentions to the store (documents of 1–4 sentences with
/// 1–2 events each, days from 2015-01-01 in order, ~270 events a day at 1M events; about one
/// in six events is between the U.S. and Iraq). `progress` is called after every batch.
pub fn generate(
    store: &mut Store,
    events: usize,
    seed: u64,
    mut progress: impl FnMut(Generated),
) -> Result<Generated> {
    let mut rng = Rng(seed);
    let mut made = Generated::default();
    let first = jiff::civil::date(2015, 1, 1);
    let days = 3652usize;
    let per_day = events.div_ceil(days).max(1);
    let mut n_doc = 0usize;
    store.begin()?;
    while made.events < events {
        let day_index = made.events / per_day;
        let day = first
            .checked_add(
                jiff::Span::new().days(i64::try_from(day_index.min(days - 1)).unwrap_or(0)),
            )
            .unwrap_or(first)
            .to_string();
        let doc_id = format!("synth-{n_doc:08}");
        n_doc += 1;
        let mut text = String::new();
        let mut sentences = Vec::new();
        let mut mentions = Vec::new();
        for si in 0..1 + rng.below(4) {
            let mut sentence_events = Vec::new();
            for _ in 0..1 + rng.below(2) {
                let (a, b) = if rng.below(6) == 0 {
                    let us = rng.below(3);
                    let iq = 3 + rng.below(3);
                    if rng.below(2) == 0 {
                        (us, iq)
                    } else {
                        (iq, us)
                    }
                } else {
                    let a = rng.below(ACTORS.len());
                    let mut b = rng.below(ACTORS.len());
                    if b == a {
                        b = (b + 1) % ACTORS.len();
                    }
                    (a, b)
                };
                sentence_events.push((a, b, rng.below(CODES.len())));
            }
            let clauses: Vec<String> = sentence_events
                .iter()
                .map(|&(a, b, c)| format!("{} {} {}", ACTORS[a].1, CODES[c].5, ACTORS[b].1))
                .collect();
            let sentence = format!("On {day}, {}.", clauses.join(", and "));
            let start = text.len();
            text.push_str(&sentence);
            let end = text.len();
            text.push(' ');
            sentences.push(NewSentence {
                index: si,
                kind: SentenceKind::Sentence,
                start,
                end,
                text: sentence.clone(),
            });
            for (k, &(a, b, c)) in sentence_events.iter().enumerate() {
                let (cameo, root, quad, goldstein, plover, verb) = CODES[c];
                let country = ACTORS[b].0.get(..3).unwrap_or("").to_string();
                mentions.push(Event {
                    event_id: format!("{doc_id}-{si}-{k}"),
                    doc_id: doc_id.clone(),
                    sentence_index: si,
                    sentence: sentence.clone(),
                    source: ActorRef {
                        text: Some(ACTORS[a].1.to_string()),
                        code: Some(ACTORS[a].0.to_string()),
                        entry: None,
                        country: own_country(ACTORS[a].0),
                    },
                    target: ActorRef {
                        text: Some(ACTORS[b].1.to_string()),
                        code: Some(ACTORS[b].0.to_string()),
                        entry: None,
                        country: own_country(ACTORS[b].0),
                    },
                    cameo: cameo.to_string(),
                    root: root.to_string(),
                    quad_class: quad,
                    goldstein,
                    plover: plover.to_string(),
                    date: EventDate {
                        start: Some(day.clone()),
                        end: Some(day.clone()),
                        precision: "day".to_string(),
                        text: Some(day.clone()),
                    },
                    location: (quad == 4
                        && country.len() == 3
                        && country != "IGO"
                        && country != "REB")
                        .then(|| Location {
                            text: ACTORS[b].1.to_string(),
                            name: ACTORS[b].1.to_string(),
                            country,
                            admin1: None,
                            lat: 0.0,
                            lon: 0.0,
                            precision: "country".to_string(),
                        }),
                    fatalities: None,
                    fatalities_text: None,
                    verb: VerbRef {
                        text: verb.to_string(),
                        rule: format!("{cameo}.synthetic"),
                        rules: Vec::new(),
                    },
                });
            }
        }
        let doc = NewDocument {
            id: doc_id.clone(),
            date: Some(day.clone()),
            title: None,
            url: Some(format!("https://news{}.example/{doc_id}", n_doc % 50)),
            source: None,
            text,
            sentences,
        };
        if let AddOutcome::Added { events } = store.add_document(&doc, &mentions)? {
            made.documents += 1;
            made.events += events;
        }
        if n_doc.is_multiple_of(5000) {
            store.commit()?;
            progress(made);
            store.begin()?;
        }
    }
    store.commit()?;
    store.optimize()?;
    progress(made);
    Ok(made)
}

/// The country of a synthetic actor code: its first three letters, unless they are a type.
fn own_country(code: &str) -> Option<String> {
    code.get(..3)
        .filter(|c| !matches!(*c, "IGO" | "REB"))
        .map(str::to_string)
}
