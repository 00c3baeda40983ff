//! How many people an event killed, when its own clause says so: the event verb is a killing
//! verb ("killed three U.S. service members", "at least 12 people were killed"), or a
//! subjectless clause on it is ("…, killing four soldiers"), or — for attack verbs — a
//! relative clause on its object or instrument is ("with a drone that killed three"). Counts
//! are digits, number words, "a dozen"; "dozens" gives a null count with its phrase. It must
//! never count deaths that belong to another event's clause, and never guess a number that
//! the words do not give (a bare plural, "killed civilians", gives nothing).

use crate::sentence::Sentence;
use crate::words::Words;

/// The count of one victim phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Count {
    Exact(u32),
    Vague,
    Unknown,
}

type Fatalities = (Option<u32>, Option<String>);

/// The fatalities of the event verb `v`.
pub(crate) fn fatalities(s: &Sentence<'_>, w: &Words, v: usize) -> Fatalities {
    if v >= s.len() {
        return (None, None);
    }
    if is_killing(s, w, v, true) {
        return victims(s, w, v).unwrap_or((None, None));
    }
    // "attacked a police post, killing four officers"; "…, leaving 12 people dead"
    for c in s.children(v) {
        if matches!(s.rel(c), "advcl" | "xcomp") && !s.has_subject(c) && is_killing(s, w, c, false)
        {
            if let Some(f) = victims(s, w, c) {
                return f;
            }
        }
    }
    // the same participle where the parser hung it elsewhere: ", killing …" after the verb
    // with no finite verb between
    if let Some(k) = trailing_participle(s, w, v) {
        if let Some(f) = victims(s, w, k) {
            return f;
        }
    }
    // "caused at least 14 deaths"; "…, raising the death toll to 30"
    let mut clauses = vec![v];
    clauses.extend(
        s.children(v)
            .filter(|&c| matches!(s.rel(c), "advcl" | "xcomp") && !s.has_subject(c)),
    );
    for &c in &clauses {
        if let Some(f) = deaths(s, w, c) {
            return f;
        }
    }
    if !w.verb_in(&w.attack_verbs, &s.lemma_lower(v), &s.lower(v)) {
        return (None, None);
    }
    // "struck an outpost with a drone that killed three", "launched strikes, including a
    // strike that killed a commander": a killing relative clause on a noun of the object
    // or an oblique, reached through nouns only
    let mut stack: Vec<(usize, usize)> = s
        .children(v)
        .filter(|&c| {
            let r = s.rel(c);
            (r == "obj" || r.starts_with("obl")) && r != "obl:agent" && is_nominal(s, c)
        })
        .map(|c| (c, 0))
        .collect();
    stack.reverse();
    while let Some((n, depth)) = stack.pop() {
        for c in s.children(n) {
            let r = s.rel(c);
            if matches!(r, "acl" | "acl:relcl") && is_killing(s, w, c, false) {
                if let Some(f) = victims(s, w, c) {
                    return f;
                }
            } else if depth < 4
                && is_nominal(s, c)
                && (r.starts_with("nmod") || r.starts_with("obl") || r == "conj" || r == "appos")
            {
                stack.push((c, depth + 1));
            }
        }
    }
    (None, None)
}

/// A count of deaths named by a noun on verb `c`: "caused 14 deaths", "the death toll rose
/// to 30", "raising the death toll to 30".
fn deaths(s: &Sentence<'_>, w: &Words, c: usize) -> Option<Fatalities> {
    for x in s.children(c) {
        let rel = s.rel(x);
        if !(rel == "obj" || rel.starts_with("nsubj")) {
            continue;
        }
        let lemma = s.lemma_lower(x);
        if w.death_nouns.contains(&lemma) {
            let n = numeric_modifier(s, w, x)?;
            return Some((Some(n), Some(s.text(s.phrase(x)))));
        }
        let death_toll = w.toll_nouns.contains(&lemma)
            && s.children(x)
                .any(|m| w.death_nouns.contains(&s.lemma_lower(m)));
        if death_toll {
            // "rose to 30", "stood at 30", "raising … to 30"
            let n = numeric_modifier(s, w, x).or_else(|| {
                s.children(c)
                    .filter(|&o| s.rel(o).starts_with("obl") || s.rel(o) == "obj")
                    .find_map(|o| {
                        let words: Vec<&str> = s.forms.get(s.phrase(o)).unwrap_or(&[]).to_vec();
                        (s.upos(o) == "NUM").then(|| w.number(&words)).flatten()
                    })
            })?;
            return Some((Some(n), Some(s.text(s.phrase(x)))));
        }
    }
    None
}

/// The number said before noun `n` ("14 deaths"), if any.
fn numeric_modifier(s: &Sentence<'_>, w: &Words, n: usize) -> Option<u32> {
    let lo = s
        .children(n)
        .filter(|&c| c < n && s.rel(c) == "nummod")
        .map(|c| subtree_start(s, c))
        .min()?;
    w.number(s.forms.get(lo..n).unwrap_or(&[]))
}

fn is_nominal(s: &Sentence<'_>, i: usize) -> bool {
    matches!(s.upos(i), "NOUN" | "PROPN" | "NUM" | "PRON")
}

/// Whether word `k` reports deaths: a killing verb (with its particle when it needs one:
/// "shot dead"), a dying verb, or "leave" with "dead". `trusted`: the caller says `k` is a
/// verb, whatever its tag ("shot" tagged as a noun).
fn is_killing(s: &Sentence<'_>, w: &Words, k: usize, trusted: bool) -> bool {
    if !trusted && s.upos(k) != "VERB" {
        return false;
    }
    let lemma = s.lemma_lower(k);
    let form = s.lower(k);
    if w.verb_in(&w.kill_verbs, &lemma, &form) {
        let base = w
            .irregular
            .get(&form)
            .cloned()
            .unwrap_or_else(|| lemma.clone());
        if let Some(particles) = w.need_particle.get(&base) {
            return s.children(k).any(|c| particles.contains(&s.lower(c)))
                || particles.contains(&s.lower(k + 1));
        }
        return true;
    }
    if w.verb_in(&w.die_verbs, &lemma, &form) {
        return true;
    }
    w.verb_in(&w.leave_verbs, &lemma, &form) && dead_object(s, w, k).is_some()
}

/// A killing participle after `v` and a comma, ", killing four soldiers", with no finite
/// verb between them and no subject of its own.
fn trailing_participle(s: &Sentence<'_>, w: &Words, v: usize) -> Option<usize> {
    for k in v + 1..s.len() {
        if matches!(s.xpos(k), "VBD" | "VBZ" | "VBP") {
            return None;
        }
        if s.xpos(k) == "VBG"
            && k > 0
            && s.lower(k - 1) == ","
            && !s.has_subject(k)
            && is_killing(s, w, k, false)
        {
            return Some(k);
        }
    }
    None
}

/// For "leave": the object that "dead" hangs on ("leaving five people dead"), or "dead"
/// itself when it is the object ("left 12 dead").
fn dead_object(s: &Sentence<'_>, w: &Words, k: usize) -> Option<usize> {
    let is_dead = |i: usize| w.dead_words.contains(&s.lower(i));
    let obj = s.child_with(k, &["obj"]);
    if let Some(o) = obj {
        if is_dead(o) || s.children(o).any(is_dead) {
            return Some(o);
        }
    }
    let dead = s.children(k).find(|&c| is_dead(c))?;
    Some(obj.unwrap_or(dead))
}

fn is_relative_pronoun(s: &Sentence<'_>, w: &Words, i: usize) -> bool {
    w.relative_pronouns.contains(&s.lower(i))
}

/// The people killed according to the killing word `k`, if its clause names them.
fn victims(s: &Sentence<'_>, w: &Words, k: usize) -> Option<Fatalities> {
    let lemma = s.lemma_lower(k);
    let form = s.lower(k);
    let relative = matches!(s.rel(k), "acl:relcl" | "acl");
    let antecedent = || s.parent(k).filter(|&p| is_nominal(s, p));
    let subject_of = |i: usize| {
        s.child_with(i, &["nsubj:pass", "nsubj"])
            .filter(|&x| !is_relative_pronoun(s, w, x))
    };
    let victim = if w.verb_in(&w.kill_verbs, &lemma, &form) {
        let passive = s
            .children(k)
            .any(|c| matches!(s.rel(c), "aux:pass" | "nsubj:pass"))
            || (s.xpos(k) == "VBN"
                && matches!(s.rel(k), "acl" | "xcomp")
                && s.child_with(k, &["obj"]).is_none());
        if passive {
            match subject_of(k) {
                Some(x) => Some(x),
                None if relative => antecedent(),
                // "27 people were reported killed": the subject of the verb above
                None if s.rel(k) == "xcomp" => s.parent(k).and_then(subject_of),
                None => return left_count(s, w, k),
            }
        } else {
            match s.child_with(k, &["obj"]) {
                Some(x) if !is_relative_pronoun(s, w, x) => Some(x),
                Some(_) if relative => antecedent(),
                // the parser lost the object: the first bare noun after the verb in its subtree
                _ => (k + 1..s.len()).find(|&i| {
                    is_nominal(s, i)
                        && s.dominates(k, i)
                        && !s.children(i).any(|c| s.rel(c) == "case")
                        && !s.rel(i).starts_with("obl")
                }),
            }
        }
    } else if w.verb_in(&w.die_verbs, &lemma, &form) {
        match subject_of(k) {
            Some(x) => Some(x),
            None if relative => antecedent(),
            None => return left_count(s, w, k),
        }
    } else {
        dead_object(s, w, k)
    }?;
    Some(count_phrase(s, w, victim))
}

/// For a subjectless passive or "died": the count said between the previous clause
/// boundary and the verb ("said three of its staff were killed").
fn left_count(s: &Sentence<'_>, w: &Words, k: usize) -> Option<Fatalities> {
    let start = (0..k)
        .rev()
        .find(|&i| {
            matches!(s.xpos(i), "VBD" | "VBZ" | "VBP") && s.upos(i) == "VERB"
                || matches!(s.lower(i).as_str(), "," | ";" | ":" | "that")
        })
        .map_or(0, |i| i + 1);
    let words: Vec<&str> = s.forms.get(start..k)?.to_vec();
    let n = w.number(&words)?;
    let end = (start..k)
        .rev()
        .find(|&i| is_nominal(s, i))
        .map_or(k, |i| i + 1);
    Some((Some(n), Some(s.text(start..end))))
}

/// The count of the victim phrase headed by `n`, with its conjuncts ("two soldiers and a
/// civilian").
fn count_phrase(s: &Sentence<'_>, w: &Words, n: usize) -> Fatalities {
    let mut heads = vec![n];
    // conjuncts, unless a verb stands between ("killing two people and wounding dozens")
    heads.extend(s.children(n).filter(|&c| {
        s.rel(c) == "conj" && is_nominal(s, c) && !(n.min(c)..n.max(c)).any(|i| s.upos(i) == "VERB")
    }));
    let mut total: u32 = 0;
    let mut exact = 0;
    let mut vague = false;
    for &h in &heads {
        match count_one(s, w, h) {
            Count::Exact(x) => {
                total = total.saturating_add(x);
                exact += 1;
            }
            Count::Vague => vague = true,
            Count::Unknown => {}
        }
    }
    let range = s.phrase(n);
    let text = Some(s.text(range));
    if vague {
        (None, text)
    } else if exact > 0 {
        (Some(total), text)
    } else {
        (None, None)
    }
}

/// The count of one noun (or number) heading a victim phrase.
fn count_one(s: &Sentence<'_>, w: &Words, n: usize) -> Count {
    count_one_within(s, w, n, 0)
}

fn count_one_within(s: &Sentence<'_>, w: &Words, n: usize, depth: usize) -> Count {
    let lower = s.lower(n);
    // "More than 850 civilians": a quantifier the parser made the head
    if depth < 3 && matches!(s.upos(n), "ADJ" | "ADV" | "DET") && !w.vague.contains(&lower) {
        if let Some(c) = s
            .children(n)
            .find(|&c| matches!(s.upos(c), "NOUN" | "PROPN" | "NUM"))
        {
            return count_one_within(s, w, c, depth + 1);
        }
    }
    // the words before n that modify it: "at least 12", "three U.S.", "a dozen"
    let mut lo = n;
    for c in s.children(n).filter(|&c| c < n) {
        let r = s.rel(c);
        if matches!(
            r,
            "nummod" | "det" | "amod" | "advmod" | "compound" | "nmod" | "nmod:npmod" | "obl:npmod"
        ) || r.starts_with("nmod")
        {
            lo = lo.min(subtree_start(s, c));
        }
    }
    let before: Vec<&str> = s.forms.get(lo..n).unwrap_or(&[]).to_vec();
    if w.number_word(&lower).is_some() || s.upos(n) == "NUM" {
        let mut with = before.clone();
        if let Some(f) = s.forms.get(n) {
            with.push(f);
        }
        if let Some(x) = w.number(&with) {
            return Count::Exact(x);
        }
    }
    if w.vague.contains(&lower)
        || w.multipliers.contains_key(lower.trim_end_matches('s')) && lower.ends_with('s')
    {
        return Count::Vague;
    }
    if let Some(x) = w.number(&before) {
        return Count::Exact(x);
    }
    // the parser hung the number elsewhere ("At least 900/mark Israelis"): the words right
    // before the noun
    let mut i = n;
    while i > 0 {
        let l = s.lower(i - 1);
        let numeric = w.number_word(&l).is_some()
            || w.hedges.contains(&l)
            || w.multipliers.contains_key(l.as_str())
            || w.articles.contains(&l)
            || l == "-";
        if numeric || (s.upos(i - 1) == "ADJ" && i + 2 > n) {
            i -= 1;
        } else {
            break;
        }
    }
    if let Some(x) = s.forms.get(i..n).and_then(|ws| w.number(ws)) {
        return Count::Exact(x);
    }
    if before.iter().any(|b| w.vague.contains(&b.to_lowercase())) {
        return Count::Vague;
    }
    match (s.upos(n), s.xpos(n)) {
        ("NOUN", "NN") if !w.not_victims.contains(&s.lemma_lower(n)) => Count::Exact(1),
        ("PROPN", "NNP") if !s.places.iter().any(|p| p.tokens.contains(&n)) => Count::Exact(1),
        _ => Count::Unknown,
    }
}

fn subtree_start(s: &Sentence<'_>, n: usize) -> usize {
    (0..n).find(|&i| s.dominates(n, i)).unwrap_or(n)
}
