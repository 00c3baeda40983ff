//! People a document names with a title or a dictionary entry, remembered by surname, so that
//! a later bare surname is the same actor (actor rule `named-earlier`): "Prime Minister Sher
//! Bahadur Deuba of Nepal met …" and then "Deuba accused …" → NPLGOV, as news names a person
//! in full once and by surname after. It never makes up an actor: a surname only takes the
//! code the document gave that person earlier, and a surname the dictionary matches itself is
//! left to the dictionary.

use dyad_lexicon::actors::ActorKind;

use crate::dictionaries::Dictionaries;
use crate::sentence::{Resolved, SentenceContext};

/// The actor rule's name, cited by the events whose actor it found.
pub(crate) const NAME: &str = "named-earlier";

/// How many people a document remembers.
const REMEMBERED_PEOPLE: usize = 32;

/// A person the document has named, and the actor they were.
#[derive(Debug, Clone)]
pub(crate) struct KnownPerson {
    /// The last word of the name, lower case ("deuba").
    pub surname: String,
    pub code: String,
    pub country: Option<String>,
    pub entries: Vec<String>,
}

/// Remember `found` (the people of one sentence), most recent last; a person named again
/// moves to the end with the code of the latest naming.
pub(crate) fn learn(people: &mut Vec<KnownPerson>, found: Vec<KnownPerson>) {
    for p in found {
        people.retain(|o| o.surname != p.surname);
        people.push(p);
    }
    if people.len() > REMEMBERED_PEOPLE {
        let extra = people.len() - REMEMBERED_PEOPLE;
        people.drain(..extra);
    }
}

impl Dictionaries<'_> {
    /// The people a sentence names as actors: a dictionary person, or a name the dictionary
    /// does not know with a title in its phrase ("Prime Minister Sher Bahadur Deuba",
    /// "Nepal's King Gyanendra"), each under the last word of the name.
    pub(crate) fn people_named(&self, s: &SentenceContext<'_>) -> Vec<KnownPerson> {
        let t = s.tree;
        let mut out = Vec::new();
        for h in 0..t.words.len() {
            if t.words[h].upos != "PROPN" || matches!(t.rel(h), "flat" | "compound") {
                continue;
            }
            let Some(last) = self.name_words(s, h).last().copied() else {
                continue;
            };
            let known = s.owner[last]
                .is_some_and(|k| self.actors.entry(s.matches[k].entry).kind == ActorKind::Person);
            if s.owner[last].is_some() && !known {
                continue;
            }
            let Some(r) = self.resolve(s, h) else {
                continue;
            };
            // an unknown name is a person only with a title (a role entry) in its phrase
            if !known && !r.entries.iter().any(|e| e.starts_with("agent-")) {
                continue;
            }
            if r.rules.contains(&NAME) {
                continue;
            }
            out.push(KnownPerson {
                surname: s.forms[last].to_lowercase(),
                code: r.code,
                country: r.country,
                entries: r.entries,
            });
        }
        out
    }

    /// `named-earlier`: a name the dictionary does not know whose last word is the surname of
    /// a person the document named before is that person's actor.
    pub(crate) fn named_earlier(&self, s: &SentenceContext<'_>, h: usize) -> Option<Resolved> {
        let t = s.tree;
        if t.words[h].upos != "PROPN" {
            return None;
        }
        let last = *self.name_words(s, h).last()?;
        if s.owner[last].is_some() {
            return None;
        }
        let surname = s.forms[last].to_lowercase();
        let p = s.people.iter().rev().find(|p| p.surname == surname)?;
        let words = t.phrase(h);
        let first = *words.iter().find(|&&w| t.rel(w) != "case")?;
        Some(Resolved {
            code: p.code.clone(),
            country: p.country.clone(),
            span: dyad_core::Span::new(t.words[first].span.start, t.words[last].span.end),
            entries: p.entries.clone(),
            as_capital: false,
            behind_event_noun: false,
            rules: vec![NAME],
        })
    }

    /// The words of the name headed by `h`: `h` and its capitalized `flat` and `compound`
    /// children right beside it ("Sher Bahadur Deuba"), in order, without the title words the
    /// dictionary matches ("Minister").
    fn name_words(&self, s: &SentenceContext<'_>, h: usize) -> Vec<usize> {
        let t = s.tree;
        let mut words = vec![h];
        for &c in t.children(h) {
            if matches!(t.rel(c), "flat" | "compound") && t.words[c].upos == "PROPN" {
                words.push(c);
            }
        }
        words.sort_unstable();
        // only the run of words right around the head, and only words with a capital
        let at = words.iter().position(|&w| w == h).unwrap_or(0);
        let mut lo = at;
        while lo > 0 && words[lo - 1] + 1 == words[lo] {
            lo -= 1;
        }
        let mut hi = at;
        while hi + 1 < words.len() && words[hi] + 1 == words[hi + 1] {
            hi += 1;
        }
        words[lo..=hi]
            .iter()
            .copied()
            .filter(|&w| self.may_name_a_person(s, w))
            .collect()
    }

    /// Can word `w` be part of a person's name: capitalized, and a dictionary person's word
    /// or no actor word at all (not a title: "Minister")?
    pub(crate) fn may_name_a_person(&self, s: &SentenceContext<'_>, w: usize) -> bool {
        s.owner[w].is_none_or(|k| self.actors.entry(s.matches[k].entry).kind == ActorKind::Person)
            && s.forms[w].chars().next().is_some_and(char::is_uppercase)
    }
}
