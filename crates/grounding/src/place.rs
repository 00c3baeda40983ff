//! Which of a sentence's place names locates an event, or an actor. A place counts only
//! when a locative preposition introduces it ("in Jordan", "near a market in Kabul", "in
//! the city of Aleppo") and it hangs in the event's clause, not in its subject; the nearest
//! by tree distance wins. It chooses among the places found when the sentence was read and
//! must never fall back on anything else: no attached place is no place.

use crate::sentence::{FoundPlace, Sentence};
use crate::words::Words;

/// Whether a locative preposition (from `preps`) introduces the place headed by `h`: on `h`
/// itself, or on the noun `h` names ("in the city of Aleppo", "in the capital, Kabul").
fn introduced(s: &Sentence<'_>, preps: &std::collections::HashSet<String>, h: usize) -> bool {
    let has_prep = |i: usize| {
        s.children(i)
            .any(|c| s.rel(c) == "case" && preps.contains(&s.lower(c)))
    };
    if has_prep(h) {
        return true;
    }
    // not a compound ("in the Iran arms affair" is not in Iran), unless the parser glued
    // the name to a date ("in Gaza City/compound overnight")
    let rel = s.rel(h);
    if let Some(p) = s.parent(h) {
        let glued_to_date = rel == "compound" && s.dates.iter().any(|d| d.tokens.contains(&p));
        if rel.starts_with("nmod") || rel == "appos" || rel == "flat" || glued_to_date {
            return matches!(s.upos(p), "NOUN" | "PROPN") && has_prep(p);
        }
    }
    false
}

/// Whether the place headed by `h` belongs to the clause of `v`: `v` dominates it, the path
/// leaves `v` through neither its subject, its `by`-agent, a complement clause nor a
/// coordinated clause, and crosses only relative clauses or clauses without their own subject.
fn in_clause(s: &Sentence<'_>, v: usize, h: usize) -> bool {
    if h == v {
        return false;
    }
    let Some(top) = s.child_towards(v, h) else {
        return false;
    };
    let rel = s.rel(top);
    if rel.starts_with("nsubj")
        || rel.starts_with("csubj")
        || rel == "obl:agent"
        || rel == "ccomp"
        || rel == "parataxis"
        || (rel == "conj" && s.is_clause_head(top))
    {
        return false;
    }
    let mut path = s.between(v, h);
    path.push(top);
    path.iter().all(|&k| {
        !s.is_clause_head(k)
            || match s.rel(k) {
                "acl" | "acl:relcl" => true,
                "advcl" | "xcomp" | "conj" => !s.has_subject(k),
                "ccomp" | "parataxis" | "csubj" => false,
                // a participle the parser hung on a noun ("militants hit/acl a base")
                _ => true,
            }
    })
}

/// How strongly a place hangs on the event verb `v`: `Some(0)` through a preposition, as the
/// object itself or named by "of" on it ("the city of Belgorod"), `Some(1)` as a possessive
/// on the object ("Beirut's suburbs": weaker, "Haiti's main prison in Port-au-Prince" is in
/// Port-au-Prince), `None` when it does not hang on `v` (see the crate docs).
fn attached(s: &Sentence<'_>, w: &Words, v: usize, h: usize) -> Option<u8> {
    let top = s.child_towards(v, h)?;
    let (lemma, form) = (s.lemma_lower(v), s.lower(v));
    let attack = w.verb_in(&w.attack_verbs, &lemma, &form);
    let top_rel = s.rel(top);
    // "Israeli strikes on Beit Lahiya killed 73 people": an event noun as subject
    if top_rel.starts_with("nsubj") {
        let event = w.event_nouns.contains(&s.lemma_lower(top))
            && s.between(top, h).iter().all(|&k| !s.is_clause_head(k))
            && (introduced(s, &w.place_preps, h) || introduced(s, &w.attack_preps, h));
        return event.then_some(0);
    }
    if !in_clause(s, v, h) {
        return None;
    }
    // "struck Kharkiv", "visited Paris", "struck the port of Hodeidah", "hit Beirut's suburbs"
    if top_rel == "obj" && (attack || w.verb_in(&w.object_verbs, &lemma, &form)) {
        if h == top {
            return Some(0);
        }
        if s.parent(h) == Some(top) {
            let rel = s.rel(h);
            let of = s
                .children(h)
                .any(|c| s.rel(c) == "case" && s.lower(c) == "of");
            if rel.starts_with("nmod") && of {
                return Some(0);
            }
            // "Beirut's suburbs"; a compound only where the parser glued the name to a date
            // ("struck Kharkiv/compound overnight/obj"): "a U.S. outpost" is not in the U.S.
            let glued_to_date =
                rel == "compound" && s.dates.iter().any(|d| d.tokens.contains(&top));
            if rel == "nmod:poss" || glued_to_date {
                return Some(1);
            }
        }
    }
    // "condemned the shooting near Gaza City": what such a verb governs is another event;
    // only a place on the verb itself locates it
    if top != h && w.verb_in(&w.about_verbs, &lemma, &form) {
        return None;
    }
    // "fled to Moscow": on the verb itself, or on the object of a verb of movement ("sent
    // troops to northern Kosovo")
    if introduced(s, &w.direct_preps, h)
        && ((top == h && top_rel.starts_with("obl"))
            || (top_rel == "obj"
                && s.parent(h) == Some(top)
                && w.verb_in(&w.movement_verbs, &lemma, &form)))
    {
        return Some(0);
    }
    (introduced(s, &w.place_preps, h) || (attack && introduced(s, &w.attack_preps, h))).then_some(0)
}

fn precision_rank(p: &FoundPlace) -> u8 {
    match p.place.precision {
        dyad_places::Precision::City => 0,
        dyad_places::Precision::Admin1 => 1,
        dyad_places::Precision::Region => 2,
        dyad_places::Precision::Country => 3,
    }
}

/// The place of the event verb `v`; of places attached alike, one in a country of `prefer`
/// (the event's actors) wins.
pub(crate) fn pick<'a>(
    s: &'a Sentence<'_>,
    words: &Words,
    v: usize,
    prefer: &[&str],
) -> Option<&'a FoundPlace> {
    if v >= s.len() {
        return None;
    }
    let mut verb = v;
    // a verb without a place of its own takes the one of the verb it is joined to
    for _ in 0..4 {
        let strength_of = |p: &FoundPlace| {
            attached(s, words, verb, p.head).or_else(|| {
                // "strikes in Iraq and Syria": a conjunct of an attached place is attached
                // as strongly
                (s.rel(p.head) == "conj")
                    .then(|| s.parent(p.head))
                    .flatten()
                    .and_then(|h| attached(s, words, verb, h))
            })
        };
        let best = s
            .places
            .iter()
            .filter_map(|p| strength_of(p).map(|strength| (strength, p)))
            .min_by_key(|(strength, p)| {
                (
                    *strength,
                    // of coordinated places, the one in an actor's country ("USA→SYR" of
                    // "strikes in Iraq and Syria" is in Syria)
                    !prefer.contains(&p.place.country.as_str()),
                    s.distance(verb, p.head),
                    precision_rank(p),
                    p.tokens.start,
                )
            })
            .map(|(_, p)| p);
        if best.is_some() {
            return best;
        }
        if !matches!(s.rel(verb), "conj" | "xcomp") {
            return None;
        }
        verb = s.parent(verb)?;
        if s.upos(verb) != "VERB" {
            return None;
        }
    }
    None
}

/// The sentence's places named as places: below country level, or after a locative
/// preposition.
pub(crate) fn located<'a>(
    s: &'a Sentence<'_>,
    words: &'a Words,
) -> impl Iterator<Item = &'a FoundPlace> + 'a {
    s.places.iter().filter(move |p| {
        p.place.precision != dyad_places::Precision::Country
            || introduced(s, &words.place_preps, p.head)
    })
}

/// Of the sentence's places below country level or after a locative preposition (a
/// country's bare name is most often an actor's: "Iran disavowed the attack"; "strikes in
/// Iraq" is a place) that no other verb's clause holds, one in a country of `prefer` first,
/// then the most precise, then the nearest verb `v`.
pub(crate) fn nearest<'a>(
    s: &'a Sentence<'_>,
    words: &'a Words,
    v: usize,
    prefer: &[&str],
) -> Option<&'a FoundPlace> {
    // (a place another verb's clause holds is that event's: "the meeting took place Jan. 27,
    // but was put on pause after militants struck an outpost in Jordan")
    let other_clause = |p: &FoundPlace| {
        (0..s.len())
            .any(|w| w != v && s.upos(w) == "VERB" && attached(s, words, w, p.head).is_some())
    };
    located(s, words)
        .filter(|p| !other_clause(p))
        .min_by_key(|p| {
            (
                !prefer.contains(&p.place.country.as_str()),
                precision_rank(p),
                s.distance(v, p.head),
                p.tokens.start,
            )
        })
}

/// A place in the noun phrase of an actor headed by `a` ("police in Nairobi").
pub(crate) fn in_actor<'a>(s: &'a Sentence<'_>, words: &Words, a: usize) -> Option<&'a FoundPlace> {
    if a >= s.len() {
        return None;
    }
    s.places
        .iter()
        .filter(|p| {
            p.head != a
                && s.dominates(a, p.head)
                && s.between(a, p.head).iter().all(|&k| !s.is_clause_head(k))
                && s.rel(p.head).starts_with("nmod")
                && (introduced(s, &words.place_preps, p.head)
                    || introduced(s, &words.actor_preps, p.head))
        })
        .min_by_key(|p| (s.distance(a, p.head), p.tokens.start))
}

/// A place that names or locates the noun headed by `a`: the noun itself ("shelled Jericho"),
/// the name right after it ("the regional capital Juba"), one joined to it as a name
/// ("the city of Jericho", "the capital, Juba") or one on it through a locative preposition
/// ("targets in Jericho"), with no clause between.
pub(crate) fn of_noun<'a>(s: &'a Sentence<'_>, words: &Words, a: usize) -> Option<&'a FoundPlace> {
    if a >= s.len() {
        return None;
    }
    s.places
        .iter()
        .filter(|p| {
            if p.tokens.contains(&a) || p.tokens.start == a + 1 {
                return true;
            }
            if p.head == a
                || !s.dominates(a, p.head)
                || s.between(a, p.head).iter().any(|&k| s.is_clause_head(k))
            {
                return false;
            }
            let rel = s.rel(p.head);
            let of = s
                .children(p.head)
                .any(|c| s.rel(c) == "case" && s.lower(c) == "of");
            (s.parent(p.head) == Some(a) && (matches!(rel, "appos" | "flat") || of))
                || (rel.starts_with("nmod") && introduced(s, &words.place_preps, p.head))
        })
        .min_by_key(|p| (s.distance(a, p.head), p.tokens.start))
}
