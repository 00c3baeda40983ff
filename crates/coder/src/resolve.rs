//! Actor resolution: from a noun phrase of the repaired tree and the actor matches of its
//! words to one actor code with the dictionary entries that made it ("Iraqi officials" →
//! IRQGOV from `country-IRQ` and `agent-government`; "a U.S. outpost" → USA; "Washington
//! said" → USAGOV; "police in Nairobi" → KENCOP from the place). Coordinated phrases and
//! coordinated country modifiers give one actor each. It reads the sentence and the
//! dictionaries only; it never decides whether an actor acts in an event.

use std::collections::BTreeSet;

use dyad_core::Span;
use dyad_lexicon::actors::{ActorEntry, ActorKind, MatchForm};
use dyad_lexicon::CodingRules;

use crate::dictionaries::Dictionaries;
use crate::sentence::{with_role, word_keys, Resolved, SentenceContext};

/// What the actor entries of a phrase's words say, besides its head's entry.
struct PhraseEntries {
    /// The entries used, in the order the record names them.
    entries: Vec<String>,
    /// The first country word's code.
    country: Option<String>,
    /// The first named group, person, body or seat: its code on the date and its match.
    named: Option<(String, usize)>,
    /// The first role word: its code, entry id and whether it is a prefix role.
    agent: Option<(String, String, bool)>,
    /// Is the role word a noun ("official news agency"), not an adjective ("military
    /// exercises")?
    noun_role: bool,
    /// The actor's own country, as found so far.
    home: Option<String>,
    /// The actor rules used.
    rules: Vec<&'static str>,
}

impl Dictionaries<'_> {
    /// Actors of the noun phrase headed by `head` and its conjuncts; coordinated country
    /// modifiers give one actor each ("Indian and Pakistani soldiers" → INDMIL, PAKMIL).
    pub(crate) fn phrase_actors(&self, s: &SentenceContext<'_>, head: usize) -> Vec<Resolved> {
        let mut out: Vec<Resolved> = Vec::new();
        for h in s.tree.with_conjuncts(head) {
            let Some(r) = self.resolve(s, h) else {
                continue;
            };
            let mut extra = Vec::new();
            // (a country phrase of the coordination's first noun counts for later conjuncts:
            // "lawmakers and officials in Fornost and Gondor")
            let mut mods: Vec<usize> = s.tree.children(h).to_vec();
            for c in self.case_phrases(s, h) {
                if !mods.contains(&c) {
                    mods.push(c);
                }
            }
            for m in mods {
                if !matches!(s.tree.rel(m), "amod" | "compound" | "nmod") {
                    continue;
                }
                for c in s.tree.children_rel(m, "conj") {
                    let other = s.owner[c].map(|k| self.actors.entry(s.matches[k].entry));
                    let first = s.owner[m].map(|k| self.actors.entry(s.matches[k].entry));
                    if let (Some(o), Some(f)) = (other, first) {
                        if o.kind == ActorKind::Country
                            && f.kind == ActorKind::Country
                            && r.code.starts_with(&f.code)
                        {
                            let mut alt = r.clone();
                            alt.code = format!("{}{}", o.code, &r.code[f.code.len()..]);
                            alt.country = Some(o.code.clone());
                            alt.entries.push(o.id.clone());
                            alt.rules.push("coordinated-country");
                            extra.push(alt);
                        }
                    }
                }
            }
            for r in std::iter::once(r).chain(extra) {
                if !out.iter().any(|o| o.code == r.code) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// Resolve one noun phrase to an actor code.
    pub(crate) fn resolve(&self, s: &SentenceContext<'_>, h: usize) -> Option<Resolved> {
        let t = s.tree;
        if let Some(r) = self.through_of_phrase(s, h) {
            return Some(r);
        }
        if let Some(r) = self.through_apposition(s, h) {
            return Some(r);
        }
        let words = t.phrase(h);
        let in_phrase: BTreeSet<usize> = words
            .iter()
            .filter(|&&w| !s.sponsors.contains(&w))
            .filter_map(|&w| s.owner[w])
            .collect();
        if in_phrase.is_empty() {
            return self
                .rules
                .named_earlier
                .then(|| self.named_earlier(s, h))
                .flatten();
        }
        // a person's name unknown to the dictionary, with a title before it ("Serbian President
        // Vojislav Kostunica", "Judge Alejandro Rivera"), is the actor the title names
        let head_match = s.owner[h].filter(|k| in_phrase.contains(k)).or_else(|| {
            (t.words[h].upos == "PROPN").then_some(())?;
            in_phrase.iter().copied().rev().find(|&k| {
                let m = &s.matches[k];
                m.end <= h && self.actors.entry(m.entry).kind == ActorKind::Agent
            })
        });
        let mut found = self.phrase_entries(s, &in_phrase, head_match);
        // (a capital with a role word in its phrase is where the role is: "Caracas police")
        let as_capital = found.agent.is_none()
            && head_match.is_some_and(|k| {
                s.matches[k].form == MatchForm::Capital
                    && self.actors.entry(s.matches[k].entry).kind == ActorKind::Country
            });
        if as_capital {
            found.rules.push("capital-government");
        }
        let code = match head_match {
            Some(k) => self.head_code(s, h, k, &mut found)?,
            None => self.headless_code(s, h, &mut found)?,
        };
        let code = self.company_code(s, h, &in_phrase, head_match, &mut found, code);
        let first = words
            .iter()
            .copied()
            .find(|&w| t.rel(w) != "case" && t.rel(w) != "punct")?;
        let last = *words.iter().rev().find(|&&w| t.rel(w) != "punct")?;
        let span = Span::new(t.words[first].span.start, t.words[last.max(first)].span.end);
        found.entries.dedup();
        Some(Resolved {
            code,
            country: found.home,
            behind_event_noun: false,
            span,
            entries: found.entries,
            as_capital,
            rules: found.rules,
        })
    }

    /// "hundreds of Ukrainian civilians", "a gathering of opposition supporters": a head
    /// that names no actor stands for the actor of its "of" phrase ("tens of thousands of
    /// students": through a chain of such heads); so does a representative
    /// (`representative_nouns`: "the leader of the Maoist rebels" → REB).
    fn through_of_phrase(&self, s: &SentenceContext<'_>, h: usize) -> Option<Resolved> {
        let t = s.tree;
        // (a representative speaks for the actor of its "of" phrase: "the leader of the
        // Maoist rebels", "a spokesman for the army" is read by its own case)
        let representative = CodingRules::has(&self.rules.representative_nouns, &t.lemma(h));
        if s.owner[h].is_some() && !representative {
            return None;
        }
        let c = t.children_rel(h, "nmod").find(|&c| {
            t.case_of(c).as_deref() == Some("of")
                && (s.owner[c].is_some() || t.children_rel(c, "nmod").next().is_some())
        })?;
        let mut r = self.resolve(s, c)?;
        // (a country's leader is its government, read the usual way: "the leader of Nepal")
        if s.owner[h].is_some() && r.country.as_deref() == Some(r.code.as_str()) {
            return None;
        }
        if let Some(&first) = t.phrase(h).first() {
            r.span = Span::new(t.words[first].span.start, r.span.end);
        }
        Some(r)
    }

    /// "Prachanda, leader of the Maoist rebels": a name the dictionary does not know, with
    /// no title before it, is the actor its apposition names (actor rule `apposition`).
    fn through_apposition(&self, s: &SentenceContext<'_>, h: usize) -> Option<Resolved> {
        let t = s.tree;
        if s.owner[h].is_some() || t.words[h].upos != "PROPN" || !self.rules.named_earlier {
            return None;
        }
        // (a title before the name is read with the name: "President Vieira, 69")
        let before = t.children(h).iter().any(|&c| c < h && s.owner[c].is_some());
        if before {
            return None;
        }
        let a = t
            .children_rel(h, "appos")
            .find(|&a| a > h && matches!(t.words[a].upos.as_str(), "NOUN" | "PROPN"))?;
        let mut r = self.resolve(s, a)?;
        if let Some(&first) = t.phrase(h).first() {
            r.span = Span::new(t.words[first].span.start, r.span.end);
        }
        r.rules.push("apposition");
        Some(r)
    }

    /// The entries of the phrase's matches other than its head's (`head_match`), and the
    /// actor's home country they give: a country word of the phrase, else the home country
    /// of the named group, person or body, else that of the head entry.
    fn phrase_entries(
        &self,
        s: &SentenceContext<'_>,
        in_phrase: &BTreeSet<usize>,
        head_match: Option<usize>,
    ) -> PhraseEntries {
        let t = s.tree;
        let date = s.ctx.date;
        let mut f = PhraseEntries {
            entries: Vec::new(),
            country: None,
            named: None,
            agent: None,
            noun_role: false,
            home: None,
            rules: Vec::new(),
        };
        for &k in in_phrase {
            let e = self.actors.entry(s.matches[k].entry);
            match e.kind {
                ActorKind::Agent if f.agent.is_none() && Some(k) != head_match => {
                    f.agent = Some((e.code.clone(), e.id.clone(), e.prefix));
                    f.noun_role = s.matches[k]
                        .end
                        .checked_sub(1)
                        .is_some_and(|w| matches!(t.words[w].upos.as_str(), "NOUN" | "PROPN"));
                }
                ActorKind::Country if f.country.is_none() && Some(k) != head_match => {
                    f.country = Some(e.code.clone());
                    f.entries.push(e.id.clone());
                }
                ActorKind::Group
                | ActorKind::International
                | ActorKind::Person
                | ActorKind::Seat
                    if f.named.is_none() && Some(k) != head_match =>
                {
                    if let Some(c) = e.code_on(date) {
                        f.named = Some((c.to_string(), k));
                        f.entries.push(e.id.clone());
                    }
                }
                _ => {}
            }
        }
        f.home = f.country.clone().or_else(|| {
            f.named
                .as_ref()
                .and_then(|(_, k)| self.actors.entry(s.matches[*k].entry).country.clone())
                .or_else(|| {
                    head_match.and_then(|k| self.actors.entry(s.matches[k].entry).country.clone())
                })
        });
        f
    }

    /// The code of a phrase whose head word is the actor match `k`.
    fn head_code(
        &self,
        s: &SentenceContext<'_>,
        h: usize,
        k: usize,
        f: &mut PhraseEntries,
    ) -> Option<String> {
        let e = self.actors.entry(s.matches[k].entry);
        f.entries.push(e.id.clone());
        Some(match e.kind {
            ActorKind::Agent => self.role_code(s, h, e, f),
            ActorKind::Person => match (e.code_on(s.ctx.date), &f.country, &f.agent) {
                (Some(c), _, _) => c.to_string(),
                // a known person in no listed office on the date: the title and the
                // country before the name say who they are ("Israeli President X")
                (None, Some(c), Some((code, id, prefix))) => {
                    f.entries.push(id.clone());
                    with_role(c, code, *prefix)
                }
                (None, None, Some((code, id, _))) => {
                    f.entries.push(id.clone());
                    code.clone()
                }
                (None, Some(c), None) => c.clone(),
                (None, None, None) => return None,
            },
            // a capital named as an actor stands for its government ("Washington said")
            ActorKind::Country if s.matches[k].form == MatchForm::Capital && f.agent.is_none() => {
                format!("{}GOV", e.code)
            }
            // a country heading a phrase with a role in it, as the parser sometimes
            // builds "Arnor cleric" or "Bree Prime Minister Romendacil"
            ActorKind::Country if f.agent.is_some() && f.named.is_none() => {
                let (code, id, prefix) = f.agent.clone()?;
                f.entries.push(id);
                with_role(&e.code, &code, prefix)
            }
            _ => e.code.clone(),
        })
    }

    /// The code of a phrase headed by a role word (`e`, an agent entry): the named actor of
    /// the phrase, else the role of the phrase's country (or of a country in a phrase of a
    /// case: "officials in Baghdad"), else of the country of a place in its own phrase
    /// ("police in Nairobi", `local_agent_types`), else the role alone.
    fn role_code(
        &self,
        s: &SentenceContext<'_>,
        h: usize,
        e: &ActorEntry,
        f: &mut PhraseEntries,
    ) -> String {
        let country = f.country.clone().or_else(|| {
            let (c, id) = self.country_by_case(s, h)?;
            f.entries.insert(0, id);
            f.rules.push("country-by-case");
            Some(c)
        });
        match (&f.named, &country) {
            (Some((c, _)), _) => c.clone(),
            (None, Some(c)) => {
                let own = with_role(c, &e.code, e.prefix);
                // a second role before the country ("an MSF Arnor diplomat")
                match &f.agent {
                    Some((code, id, true)) => {
                        f.entries.push(id.clone());
                        format!("{code}{own}")
                    }
                    _ => own,
                }
            }
            (None, None) => {
                let place = CodingRules::has(&self.rules.local_agent_types, &e.code)
                    .then_some(())
                    .and_then(|()| {
                        let (g, m) = (self.grounder?, s.mentions?);
                        g.actor_country_from_place(m, h, s.state)
                    });
                match place {
                    Some(c) => {
                        f.entries.push(format!("place-{c}"));
                        f.rules.push("agent-country-from-place");
                        let code = with_role(&c, &e.code, e.prefix);
                        f.home = Some(c);
                        code
                    }
                    None => match self.story_country_of(s, h, e) {
                        Some(c) => {
                            f.entries.push(format!("story-{c}"));
                            f.rules.push("story-country");
                            let code = with_role(c, &e.code, e.prefix);
                            f.home = Some(c.to_string());
                            code
                        }
                        None => e.code.clone(),
                    },
                }
            }
        }
    }

    /// The story's country for a role phrase that names none (`story_country_types`), unless
    /// a sponsor in the phrase says whose the role is not ("Iran-backed militants").
    fn story_country_of<'s>(
        &self,
        s: &SentenceContext<'s>,
        h: usize,
        e: &ActorEntry,
    ) -> Option<&'s str> {
        if !CodingRules::has(&self.rules.story_country_types, &e.code) {
            return None;
        }
        // (the parser may hang the sponsor on the participle outside the phrase: "Iran" on
        // "backed" in "Iran-backed militants")
        let t = s.tree;
        let phrase = t.phrase(h);
        let words = phrase
            .iter()
            .flat_map(|&w| std::iter::once(w).chain(t.children(w).iter().copied()));
        if words.clone().any(|w| s.sponsors.contains(&w)) {
            return None;
        }
        if CodingRules::has(&self.rules.local_story_country_types, &e.code) {
            // (in the opening sentence with no place, its actor words: "Kenyan police shot
            // protesters" → Kenyan protesters)
            return s.local_country.or(s.opening_country);
        }
        // (in the opening sentence, its places: "Gunmen abducted pupils in Kaduna state")
        s.story_country.or_else(|| {
            CodingRules::has(&self.rules.opening_country_types, &e.code)
                .then_some(s.local_country)
                .flatten()
        })
    }

    /// The code of a phrase whose head names no actor: its named actor, its country, or
    /// ("a rebel stronghold", "an army base") the owner a place stands for; "the primary
    /// official news agency" (PETRARCH mode): the role alone, when a noun names it.
    fn headless_code(
        &self,
        s: &SentenceContext<'_>,
        h: usize,
        f: &mut PhraseEntries,
    ) -> Option<String> {
        match (&f.named, &f.country, &f.agent) {
            (Some((c, _)), _, _) => Some(c.clone()),
            (None, Some(c), _) => Some(c.clone()),
            (None, None, Some((code, id, _)))
                if self.owned_place(s, h)
                    || (self.rules.role_modifiers_name_actors && f.noun_role) =>
            {
                let mut code = code.clone();
                f.entries.push(id.clone());
                f.rules.push("owner-of-place");
                // "bombing military targets inside Lebanon": the owner of a place of no named
                // country is of the country where the place is
                if let Some(c) = self.place_country(s, h) {
                    f.entries.push(format!("place-{c}"));
                    f.rules.push("owner-country-from-place");
                    code = with_role(&c, &code, false);
                    f.home = Some(c);
                }
                Some(code)
            }
            (None, None, _) => None,
        }
    }

    /// The country of the place that locates noun `h`: one in its own phrase ("targets in
    /// Jericho"), else the place of the verb it is the object of ("bombed targets … inside
    /// Lebanon").
    fn place_country(&self, s: &SentenceContext<'_>, h: usize) -> Option<String> {
        let (g, m) = (self.grounder?, s.mentions?);
        if let Some(p) = g.place_of_noun(m, h, s.state) {
            return Some(p.location.country);
        }
        let t = s.tree;
        let v = t
            .head(h)
            .filter(|&v| t.words[v].upos == "VERB" && t.rel(h) == "obj")?;
        g.place(m, s.state, v, &[]).map(|p| p.location.country)
    }

    /// "KLM Royal Dutch Airlines", "British Aerospace": a company of the country its name
    /// names by a country word or demonym, not that country (`company_role`).
    fn company_code(
        &self,
        s: &SentenceContext<'_>,
        h: usize,
        in_phrase: &BTreeSet<usize>,
        head_match: Option<usize>,
        f: &mut PhraseEntries,
        code: String,
    ) -> String {
        let head_is_country_or_none = head_match
            .is_none_or(|k| self.actors.entry(s.matches[k].entry).kind == ActorKind::Country);
        let Some(role) = self.rules.company_role.as_ref() else {
            return code;
        };
        if f.named.is_some() || !head_is_country_or_none || !self.company_name(s, h) {
            return code;
        }
        let own = in_phrase
            .iter()
            .map(|&k| (&s.matches[k], self.actors.entry(s.matches[k].entry)))
            .find(|(m, e)| e.kind == ActorKind::Country && m.form != MatchForm::Capital);
        f.entries.retain(|id| own.is_some_and(|(_, e)| &e.id == id));
        f.entries.push(format!("company-{role}"));
        f.rules.push("company-name");
        match own {
            Some((_, e)) => {
                f.home = Some(e.code.clone());
                with_role(&e.code, role, false)
            }
            None => {
                f.home = None;
                role.clone()
            }
        }
    }

    /// Is the name around the head `h` a company's name (a word of `company_name_words`
    /// among the head and the proper nouns hung on it as parts of a name: "KLM Royal Dutch
    /// Airlines", "Ecolab Co")?
    fn company_name(&self, s: &SentenceContext<'_>, h: usize) -> bool {
        let t = s.tree;
        if self.rules.company_name_words.is_empty() {
            return false;
        }
        // the name's words: the head and what hangs on it by name-internal relations
        let mut name = vec![h];
        let mut i = 0;
        while let Some(&w) = name.get(i) {
            name.extend(t.children(w).iter().copied().filter(|&c| {
                matches!(t.rel(c), "flat" | "compound" | "nmod:unmarked")
                    && t.words[c].upos == "PROPN"
            }));
            i += 1;
        }
        name.iter()
            .any(|&w| CodingRules::has(&self.rules.company_name_words, s.forms[w]))
    }

    /// Is the head noun `h` a place or facility that an actor modifier can own
    /// (`owned_place_class`: "a guerrilla stronghold", "police stations")?
    fn owned_place(&self, s: &SentenceContext<'_>, h: usize) -> bool {
        self.rules.owned_place_class.as_ref().is_some_and(|class| {
            word_keys(s, h)
                .iter()
                .any(|w| self.verbs.in_class(class, w))
        })
    }
}
