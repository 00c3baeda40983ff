//! Patterns that ask for surface words around the verb, the first-actor target and look-up
//! by word form (what the PETRARCH conversion uses), on hand-made parses.

mod common;

use common::parse;
use dyad_coder::{Coder, DocumentContext, DocumentState, Event};
use dyad_core::{Date, ParsedSegment, ParsedWord, SegmentKind, Span};
use dyad_lexicon::verbs::VerbDictionary;
use dyad_lexicon::{ActorDictionary, CodingRules, EventCodeTable};

const PATTERNS: &str = "id\tcode\tverb\tobject\ttarget\texample\texpect\twords
clash.over\t121\tclash\t-\tprep:over|first\tx\tA>B\t* over efforts
clash.recently\t111\tclash\t-\tfirst\tx\tA>B\trecently_*
clash\t190\tclash\t-\tfirst\tx\tA>B\t-
depart\t032\tdepart\t-\tobj|prep:from\tx\tA>B\t-
meet\t031\tmeet\t-\tobj|prep:with\tx\tA>B\t-
met\t032\tmet\t-\tobj\tx\tA>B\t-
";

fn code(spec: &str, by_form: bool) -> Vec<(String, String, String)> {
    code_with(spec, |r| r.verbs_by_form = by_form)
}

fn code_with(spec: &str, set: impl Fn(&mut CodingRules)) -> Vec<(String, String, String)> {
    let verbs = VerbDictionary::parse(
        &[("test", PATTERNS)],
        dyad_lexicon::verbs::BUNDLED_CLASSES,
        EventCodeTable::bundled(),
    )
    .expect("test patterns parse");
    let mut rules =
        CodingRules::parse(dyad_lexicon::rules::BUNDLED_RULES).expect("bundled rules parse");
    set(&mut rules);
    let coder = Coder::new(
        ActorDictionary::bundled(),
        &verbs,
        EventCodeTable::bundled(),
        &rules,
    );
    let (text, seg) = parse(spec);
    let ctx = DocumentContext {
        doc_id: "t",
        date: "2024-02-11".parse::<Date>().ok(),
        text: &text,
    };
    let events: Vec<Event> = coder.code_segment(
        &ctx,
        &seg,
        &mut DocumentState::new(Date::constant(2024, 2, 11)),
    );
    events
        .into_iter()
        .map(|e| {
            (
                e.source.code.unwrap_or_default(),
                e.target.code.unwrap_or_default(),
                e.cameo,
            )
        })
        .collect()
}

fn t(s: &str, g: &str, c: &str) -> (String, String, String) {
    (s.to_string(), g.to_string(), c.to_string())
}

#[test]
fn words_after_the_verb_pick_the_pattern_and_the_first_actor_is_the_target() {
    // "over" and "efforts" after the verb, other words between them allowed; the target is
    // the first actor of the verb's phrase, however deep
    let got = code(
        "Iraq/PROPN/Iraq/2/nsubj clashed/VERB/clash/0/root over/ADP/over/5/case \
         the/DET/the/5/det efforts/NOUN/effort/2/obl of/ADP/of/7/case Iran/PROPN/Iran/5/nmod",
        false,
    );
    assert_eq!(got, [t("IRQ", "IRN", "121")]);
    // the words are exact: "effort" is not "efforts"
    let got = code(
        "Iraq/PROPN/Iraq/2/nsubj clashed/VERB/clash/0/root over/ADP/over/5/case \
         the/DET/the/5/det effort/NOUN/effort/2/obl of/ADP/of/7/case Iran/PROPN/Iran/5/nmod",
        false,
    );
    assert_eq!(got, [t("IRQ", "IRN", "190")]);
    // a clause hung on the verb as a conjunct without "and" is in its phrase; one with "and"
    // is not
    let got = code(
        "Iraq/PROPN/Iraq/2/nsubj clashed/VERB/clash/0/root after/ADP/after/4/case \
         talks/NOUN/talk/5/nsubj:pass failed/VERB/fail/2/conj in/ADP/in/7/case Iran/PROPN/Iran/5/obl",
        false,
    );
    assert_eq!(got, [t("IRQ", "IRN", "190")]);
    let got = code(
        "Iraq/PROPN/Iraq/2/nsubj clashed/VERB/clash/0/root and/CCONJ/and/5/cc \
         talks/NOUN/talk/5/nsubj:pass failed/VERB/fail/2/conj in/ADP/in/7/case Iran/PROPN/Iran/5/obl",
        false,
    );
    assert_eq!(got, []);
}

#[test]
fn joined_words_must_touch_the_verb() {
    let got = code(
        "Iraq/PROPN/Iraq/3/nsubj recently/ADV/recently/3/advmod clashed/VERB/clash/0/root \
         with/ADP/with/5/case Iran/PROPN/Iran/3/obl",
        false,
    );
    assert_eq!(got, [t("IRQ", "IRN", "111")]);
    let got = code(
        "Iraq/PROPN/Iraq/4/nsubj recently/ADV/recently/4/advmod again/ADV/again/4/advmod \
         clashed/VERB/clash/0/root with/ADP/with/6/case Iran/PROPN/Iran/4/obl",
        false,
    );
    assert_eq!(got, [t("IRQ", "IRN", "190")]);
}

#[test]
fn verbs_by_form_look_up_the_form_first() {
    let spec = "Iraq/PROPN/Iraq/2/nsubj met/VERB/meet/0/root Iran/PROPN/Iran/2/obj";
    assert_eq!(code(spec, false), [t("IRQ", "IRN", "031")]);
    assert_eq!(code(spec, true), [t("IRQ", "IRN", "032")]);
}

#[test]
fn titles_and_roles_in_odd_parses_keep_the_country() {
    // a title as nmod:desc of an unknown name: the title's actor
    let got = code(
        "Iraqi/ADJ/Iraqi/2/amod President/PROPN/President/3/nmod:desc \
         Abdul/PROPN/Abdul/4/nsubj met/VERB/meet/0/root Iran/PROPN/Iran/4/obj",
        false,
    );
    assert_eq!(got, [t("IRQGOV", "IRN", "031")]);
    // a country heading a phrase with a role in it
    let got = code(
        "Iraq/PROPN/Iraq/3/nsubj soldiers/NOUN/soldier/1/flat met/VERB/meet/0/root \
         Iran/PROPN/Iran/3/obj",
        false,
    );
    assert_eq!(got, [t("IRQMIL", "IRN", "031")]);
    // a name hung on the country without a preposition, its title on the name
    let got = code(
        "Iraq/PROPN/Iraq/5/nsubj Prime/ADJ/Prime/3/amod Minister/PROPN/Minister/4/nmod:desc \
         Abdul/PROPN/Abdul/1/nmod met/VERB/meet/0/root Iran/PROPN/Iran/5/obj",
        false,
    );
    assert_eq!(got, [t("IRQGOV", "IRN", "031")]);
}

#[test]
fn role_nouns_take_the_country_of_listed_prepositions() {
    let spec = "Soldiers/NOUN/soldier/4/nsubj from/ADP/from/3/case Iraq/PROPN/Iraq/1/nmod \
         met/VERB/meet/0/root Iran/PROPN/Iran/4/obj";
    // dyad's own rules: "from Iraq" does not say whose soldiers they are
    assert_eq!(code(spec, false), [t("MIL", "IRN", "031")]);
    let from = |r: &mut CodingRules| r.agent_country_cases = vec!["from".to_string()];
    assert_eq!(code_with(spec, from), [t("IRQMIL", "IRN", "031")]);
}

#[test]
fn split_and_hidden_subjects() {
    // two subjects of one verb with "and" between them: both act
    let got = code(
        "Iraq/PROPN/Iraq/5/nsubj and/CCONJ/and/3/cc the/DET/the/3/det Syria/PROPN/Syria/5/nsubj \
         met/VERB/meet/0/root Iran/PROPN/Iran/5/obj",
        false,
    );
    assert_eq!(got, [t("IRQ", "IRN", "031"), t("SYR", "IRN", "031")]);
    // a pronoun subject of a reporting verb's complement is the reporter in dyad's rules too
    let spec = "Iraq/PROPN/Iraq/2/nsubj said/VERB/say/0/root it/PRON/it/4/nsubj \
         met/VERB/meet/2/ccomp Iran/PROPN/Iran/4/obj";
    assert_eq!(code(spec, false), [t("IRQ", "IRN", "031")]);
    // of any other complement only when asked
    let spec = "Iraq/PROPN/Iraq/2/nsubj believed/VERB/believe/0/root it/PRON/it/4/nsubj \
         met/VERB/meet/2/ccomp Iran/PROPN/Iran/4/obj";
    assert_eq!(code(spec, false), []);
    let on = |r: &mut CodingRules| r.pronoun_antecedents = true;
    assert_eq!(code_with(spec, on), [t("IRQ", "IRN", "031")]);
    // a passive without "by": no source in dyad's rules, the subject in PETRARCH's
    let spec = "Iraq/PROPN/Iraq/3/nsubj:pass was/AUX/be/3/aux:pass met/VERB/meet/0/root \
         by/ADP/by/5/case chance/NOUN/chance/3/obl with/ADP/with/7/case Iran/PROPN/Iran/3/obl";
    assert_eq!(code(spec, false), []);
    let spec = "Iraq/PROPN/Iraq/3/nsubj:pass was/AUX/be/3/aux:pass met/VERB/meet/0/root \
         with/ADP/with/5/case Iran/PROPN/Iran/3/obl";
    assert_eq!(code(spec, false), []);
    let active = |r: &mut CodingRules| r.agentless_passive_active = true;
    assert_eq!(code_with(spec, active), [t("IRQ", "IRN", "031")]);
}

#[test]
fn prefix_roles_go_before_the_country() {
    let mut src = dyad_lexicon::actors::BUNDLED;
    let agents = format!(
        "{}\n[[agent]]\nid = \"relief\"\nwords = [\"relief body\"]\ntype = \"NGO\"\nprefix = true\n",
        src.agents
    );
    src.agents = &agents;
    let actors = ActorDictionary::from_sources(&src).expect("agents parse");
    let verbs = VerbDictionary::parse(
        &[("test", PATTERNS)],
        dyad_lexicon::verbs::BUNDLED_CLASSES,
        EventCodeTable::bundled(),
    )
    .expect("test patterns parse");
    let coder = Coder::new(
        &actors,
        &verbs,
        EventCodeTable::bundled(),
        CodingRules::bundled(),
    );
    let text = "Iraqi relief body met Iran";
    let w = |s: usize, e: usize, upos: &str, lemma: &str, head: usize, rel: &str| ParsedWord {
        span: Span::new(s, e),
        upos: upos.into(),
        xpos: "_".into(),
        lemma: lemma.into(),
        head,
        deprel: rel.into(),
    };
    let seg = ParsedSegment {
        index: 0,
        kind: SegmentKind::Sentence,
        span: Span::new(0, text.len()),
        words: vec![
            w(0, 5, "ADJ", "Iraqi", 3, "amod"),
            w(6, 12, "NOUN", "relief", 3, "compound"),
            w(13, 17, "NOUN", "body", 4, "nsubj"),
            w(18, 21, "VERB", "meet", 0, "root"),
            w(22, 26, "PROPN", "Iran", 4, "obj"),
        ],
    };
    let ctx = DocumentContext {
        doc_id: "t",
        date: None,
        text,
    };
    let got: Vec<String> = coder
        .code_segment(&ctx, &seg, &mut DocumentState::undated())
        .into_iter()
        .filter_map(|e| e.source.code)
        .collect();
    assert_eq!(got, ["NGOIRQ"]);
}

#[test]
fn a_verb_form_is_read_as_english_inflects() {
    // "departs" is a form of "depart"; "departes" is not
    let spec = "Iraq/PROPN/Iraq/2/nsubj departs/VERB/departs/0/root from/ADP/from/4/case \
         Iran/PROPN/Iran/2/obl";
    assert_eq!(code(spec, false), [t("IRQ", "IRN", "032")]);
    let spec = "Iraq/PROPN/Iraq/2/nsubj departes/VERB/departes/0/root from/ADP/from/4/case \
         Iran/PROPN/Iran/2/obl";
    assert_eq!(code(spec, false), []);
}
