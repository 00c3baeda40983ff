//! The coder's rules on hand-made parses (independent of the parser model): subject and
//! object, passive, prepositional targets, coordination, reciprocity, sponsors, negation,
//! hypotheticals, intentions, reported speech, headings and off-topic objects, pronoun
//! subjects of reported clauses, quantity nouns, lists, targetless events, irregular verbs;
//! and the grounding of coded events (date, place, fatalities, an actor's country from its
//! place).

mod common;

use common::{code_with, coder_with, parse, triples};
use dyad_coder::{Coder, DocumentContext, DocumentState, Event};
use dyad_core::SegmentKind;

const PATTERNS: &str = "id\tcode\tverb\tobject\ttarget\texample\texpect
190.attack\t190\tattack\t!@proposal\tobj\tx\tA>B
111.attack.proposal\t111\tattack\t@proposal\tobj\tx\tA>B
195.strike\t195\tstrike\t!@deal\tobj|prep:on\tx\tA>B
057.strike.deal\t057\tstrike\t@deal\tprep:with\tx\tA>B
043.resume.talks\t043\tresume\t@talks\tprep:with\tx\tA>B
112.condemn\t112\tcondemn\t-\tobj\tx\tA>B
112.accuse\t112\taccuse\tactor\tobj\tx\tA>B
194.shell\t194\tshell\t-\tobj\tx\tA>B
0871.announce.ceasefire\t0871\tannounce\t=ceasefire|truce\t-\tx\tA>-
010.say\t010\tsay\t-\tprep:to\tx\tA>B
036.meet\t040\tmeet\t-\tobj|prep:with\tx\tA>B
043.enter.talks\t043\tenter\t@talks\tprep:with\tx\tA>B
163.impose.sanctions\t163\timpose\t@sanctions\tprep:on\tx\tA>B
070.send\t070\tsend\t=aid\tprep:to\tx\tA>B
020.ask\t020\task\tactor\tobj\tx\tA>B
190.fight\t190\tfight\tnone\tprep:with\tx\tA>B
175.disperse\t175\tdisperse\t@people\tobj\tx\tA>B
130.threaten.any\t130\tthreaten\tnone\t-\tx\tA>-
145.riot\t145\triot\tnone\t-\tx\tA>-
100.say.must\t100\tsay\t-\tclause:must\tx\tA>B
120.refuse.any\t120\trefuse\tnone\t-\tx\tA>-
186.assassinate\t186\tassassinate\t-\tobj\tx\tA>B
";

fn coder() -> Coder<'static> {
    coder_with(PATTERNS)
}

fn code(spec: &str) -> Vec<Event> {
    code_with(&coder(), spec)
}

#[test]
fn sponsor_compound_and_target_country() {
    // Iran-backed militants struck a U.S. outpost in Jordan .
    let ev = code("Iran/PROPN/Iran/3/compound -/PUNCT/-/3/punct backed/VERB/back/4/amod militants/NOUN/militant/5/nsubj struck/VERB/strike/0/root a/DET/a/8/det U.S./PROPN/U.S./8/compound outpost/NOUN/outpost/5/obj in/ADP/in/10/case Jordan/PROPN/Jordan/8/nmod ./PUNCT/./5/punct");
    assert_eq!(triples(&ev), ["REB>USA:195"]);
    let e = &ev[0];
    assert_eq!(e.verb.rule, "195.strike");
    assert_eq!(e.root, "19");
    assert_eq!(e.quad_class, 4);
    assert_eq!(e.target.text.as_deref(), Some("a U.S. outpost"));
    assert_eq!(e.source.entry.as_deref(), Some("agent-rebels"));
    assert_eq!(e.date.precision, "document");
}

#[test]
fn object_class_separates_meanings() {
    // Iraq struck a deal with Turkey .
    let ev = code("Iraq/PROPN/Iraq/2/nsubj struck/VERB/strike/0/root a/DET/a/4/det deal/NOUN/deal/2/obj with/ADP/with/6/case Turkey/PROPN/Turkey/2/obl ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRQ>TUR:057"]);
    // France attacked the German proposal .
    let ev = code("France/PROPN/France/2/nsubj attacked/VERB/attack/0/root the/DET/the/5/det German/ADJ/German/5/amod proposal/NOUN/proposal/2/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["FRA>DEU:111"]);
}

#[test]
fn agents_take_the_country_of_their_modifiers() {
    // The Iraqi government condemned the U.S. strikes .
    let ev = code("The/DET/the/3/det Iraqi/ADJ/Iraqi/3/amod government/NOUN/government/4/nsubj condemned/VERB/condemn/0/root the/DET/the/7/det U.S./PROPN/U.S./7/compound strikes/NOUN/strike/4/obj ./PUNCT/./4/punct");
    assert_eq!(triples(&ev), ["IRQGOV>USA:112"]);
    assert_eq!(
        ev[0].source.entry.as_deref(),
        Some("country-IRQ+agent-government")
    );
}

#[test]
fn passive_by_agent_is_the_source() {
    // The base was attacked by Syrian rebels .
    let ev = code("The/DET/the/2/det base/NOUN/base/4/nsubj:pass was/AUX/be/4/aux:pass attacked/VERB/attack/0/root by/ADP/by/7/case Syrian/ADJ/Syrian/7/amod rebels/NOUN/rebel/4/obl:agent ./PUNCT/./4/punct");
    assert!(
        triples(&ev).is_empty(),
        "a base of no country is no target: {:?}",
        triples(&ev)
    );
    // Turkish troops were attacked by Syrian rebels .
    let ev = code("Turkish/ADJ/Turkish/2/amod troops/NOUN/troop/4/nsubj:pass were/AUX/be/4/aux:pass attacked/VERB/attack/0/root by/ADP/by/7/case Syrian/ADJ/Syrian/7/amod rebels/NOUN/rebel/4/obl:agent ./PUNCT/./4/punct");
    assert_eq!(triples(&ev), ["SYRREB>TURMIL:190"]);
}

#[test]
fn coordinated_subjects_act_on_each_other() {
    // Iraq and the U.S. resumed talks Sunday .
    let ev = code("Iraq/PROPN/Iraq/5/nsubj and/CCONJ/and/4/cc the/DET/the/4/det U.S./PROPN/U.S./1/conj resumed/VERB/resume/0/root talks/NOUN/talks/5/obj Sunday/PROPN/Sunday/5/obl:tmod ./PUNCT/./5/punct");
    assert_eq!(triples(&ev), ["IRQ>USA:043", "USA>IRQ:043"]);
    // Iraq and Syria attacked Turkish troops : one event per source
    let ev = code("Iraq/PROPN/Iraq/4/nsubj and/CCONJ/and/3/cc Syria/PROPN/Syria/1/conj attacked/VERB/attack/0/root Turkish/ADJ/Turkish/6/amod troops/NOUN/troop/4/obj ./PUNCT/./4/punct");
    assert_eq!(triples(&ev), ["IRQ>TURMIL:190", "SYR>TURMIL:190"]);
}

#[test]
fn negation_and_hypotheticals_give_nothing() {
    // Iran did not attack Israel .
    let ev = code("Iran/PROPN/Iran/4/nsubj did/AUX/do/4/aux not/PART/not/4/advmod attack/VERB/attack/0/root Israel/PROPN/Israel/4/obj ./PUNCT/./4/punct");
    assert!(ev.is_empty());
    // Iran would attack Israel .
    let ev = code("Iran/PROPN/Iran/3/nsubj would/AUX/would/3/aux attack/VERB/attack/0/root Israel/PROPN/Israel/3/obj ./PUNCT/./3/punct");
    assert!(ev.is_empty());
    // If Iran attacks Israel , ...
    let ev = code("If/SCONJ/if/3/mark Iran/PROPN/Iran/3/nsubj attacks/VERB/attack/7/advcl Israel/PROPN/Israel/3/obj ,/PUNCT/,/7/punct Russia/PROPN/Russia/7/nsubj warned/VERB/warn/0/root ./PUNCT/./7/punct");
    assert!(ev.is_empty());
}

#[test]
fn future_and_intent_give_intent_codes() {
    // Iran will attack Israel .
    let ev = code("Iran/PROPN/Iran/3/nsubj will/AUX/will/3/aux attack/VERB/attack/0/root Israel/PROPN/Israel/3/obj ./PUNCT/./3/punct");
    assert_eq!(triples(&ev), ["IRN>ISR:138"]);
    assert_eq!(ev[0].verb.rule, "190.attack+intent");
    // Russia plans to meet Ukraine .
    let ev = code("Russia/PROPN/Russia/2/nsubj plans/VERB/plan/0/root to/PART/to/4/mark meet/VERB/meet/2/xcomp Ukraine/PROPN/Ukraine/4/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["RUS>UKR:036"]);
}

#[test]
fn class_constraint_on_a_prepositional_object_and_agreed_intent() {
    // Both Iraq and the U.S. agreed to enter into talks .
    let ev = code("Both/CCONJ/both/2/cc:preconj Iraq/PROPN/Iraq/6/nsubj and/CCONJ/and/5/cc the/DET/the/5/det U.S./PROPN/U.S./2/conj agreed/VERB/agree/0/root to/PART/to/8/mark enter/VERB/enter/6/xcomp into/ADP/into/10/case talks/NOUN/talks/8/obl ./PUNCT/./6/punct");
    assert_eq!(triples(&ev), ["IRQ>USA:036", "USA>IRQ:036"]);
    assert_eq!(ev[0].verb.rule, "043.enter.talks+intent");
}

#[test]
fn a_wrong_lemma_falls_back_to_the_form() {
    // Iraq resumed talks with Turkey . (the lemmatizer said "resum")
    let ev = code("Iraq/PROPN/Iraq/2/nsubj resumed/VERB/resum/0/root talks/NOUN/talks/2/obj with/ADP/with/5/case Turkey/PROPN/Turkey/2/obl ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRQ>TUR:043"]);
}

#[test]
fn the_content_of_an_accusation_is_not_an_event() {
    // Syria accused Turkey of shelling Syrian villages .
    let ev = code("Syria/PROPN/Syria/2/nsubj accused/VERB/accuse/0/root Turkey/PROPN/Turkey/2/obj of/SCONJ/of/5/mark shelling/VERB/shell/3/acl Syrian/ADJ/Syrian/7/amod villages/NOUN/village/5/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["SYR>TUR:112"]);
}

#[test]
fn reported_speech_codes_the_reported_action() {
    // Iraq said Iran attacked Kuwait .
    let ev = code("Iraq/PROPN/Iraq/2/nsubj said/VERB/say/0/root Iran/PROPN/Iran/4/nsubj attacked/VERB/attack/2/ccomp Kuwait/PROPN/Kuwait/4/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRN>KWT:190"]);
}

#[test]
fn targetless_patterns_and_off_topic_objects() {
    // Kataib Hezbollah announced a ceasefire .
    let ev = code("Kataib/PROPN/Kataib/2/compound Hezbollah/PROPN/Hezbollah/3/nsubj announced/VERB/announce/0/root a/DET/a/5/det ceasefire/NOUN/ceasefire/3/obj ./PUNCT/./3/punct");
    assert_eq!(triples(&ev), ["IRQREB>-:0871"]);
    // Brazil attacked the goal : a sports object is never coded
    let ev = code("Brazil/PROPN/Brazil/2/nsubj attacked/VERB/attack/0/root the/DET/the/4/det goal/NOUN/goal/2/obj ./PUNCT/./2/punct");
    assert!(ev.is_empty());
}

#[test]
fn headings_are_never_coded_and_ids_are_stable() {
    let (text, mut seg) =
        parse("Iraq/PROPN/Iraq/2/nsubj condemned/VERB/condemn/0/root Iran/PROPN/Iran/2/obj");
    let ctx = DocumentContext {
        doc_id: "t",
        date: None,
        text: &text,
    };
    let a = coder().code_segment(&ctx, &seg, &mut DocumentState::undated());
    let b = coder().code_segment(&ctx, &seg, &mut DocumentState::undated());
    assert_eq!(a.len(), 1);
    assert_eq!(a, b);
    assert_eq!(a[0].event_id.len(), 16);
    assert_eq!(a[0].date.start, None);
    seg.kind = SegmentKind::Heading;
    assert!(coder()
        .code_segment(&ctx, &seg, &mut DocumentState::undated())
        .is_empty());
}

#[test]
fn events_are_dated_placed_and_counted_from_their_own_clause() {
    let ev = code(
        "Turkey/PROPN/Turkey/2/nsubj shelled/VERB/shell/0/root Kurdish/ADJ/Kurdish/4/amod \
         militants/NOUN/militant/2/obj in/ADP/in/6/case Aleppo/PROPN/Aleppo/2/obl \
         yesterday/NOUN/yesterday/2/obl:tmod ,/PUNCT/,/9/punct killing/VERB/kill/2/advcl \
         three/NUM/three/11/nummod fighters/NOUN/fighter/9/obj",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(
        (
            e.date.start.as_deref(),
            e.date.precision,
            e.date.text.as_deref()
        ),
        (Some("2024-02-10"), "day", Some("yesterday"))
    );
    let place = e.location.as_ref().expect("a place");
    assert_eq!(
        (place.name.as_str(), place.country.as_str(), place.precision),
        ("Aleppo", "SYR", "city")
    );
    assert_eq!(e.fatalities, Some(3));
    assert_eq!(e.fatalities_text.as_deref(), Some("three fighters"));
    assert_eq!(e.source.country.as_deref(), Some("TUR"));
}

#[test]
fn an_event_without_date_or_place_gets_the_publication_date_and_no_place() {
    let ev = code("Iraq/PROPN/Iraq/2/nsubj condemned/VERB/condemn/0/root Iran/PROPN/Iran/2/obj");
    assert_eq!(ev.len(), 1);
    assert_eq!(
        (ev[0].date.start.as_deref(), ev[0].date.precision),
        (Some("2024-02-11"), "document")
    );
    assert_eq!(ev[0].location, None);
    assert_eq!(
        (ev[0].fatalities, ev[0].fatalities_text.as_deref()),
        (None, None)
    );
}

#[test]
fn a_role_takes_its_country_from_a_place_in_its_own_phrase() {
    let ev = code(
        "Police/NOUN/police/4/nsubj in/ADP/in/3/case Nairobi/PROPN/Nairobi/1/nmod \
         shelled/VERB/shell/0/root protesters/NOUN/protester/4/obj",
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let src = &ev[0].source;
    assert_eq!(src.country.as_deref(), Some("KEN"));
    assert!(
        src.code.as_deref().is_some_and(|c| c.starts_with("KEN")),
        "{src:?}"
    );
    assert!(
        src.entry
            .as_deref()
            .is_some_and(|e| e.contains("place-KEN")),
        "{src:?}"
    );
}

#[test]
fn a_pronoun_reported_by_its_antecedent() {
    // Egypt said it had sent aid to Gaza .
    let ev = code("Egypt/PROPN/Egypt/2/nsubj said/VERB/say/0/root it/PRON/it/5/nsubj had/AUX/have/5/aux sent/VERB/send/2/ccomp aid/NOUN/aid/5/obj to/ADP/to/8/case Sudan/PROPN/Sudan/5/obl ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["EGY>SDN:070"]);
}

#[test]
fn quantity_nouns_and_lists() {
    // Police dispersed hundreds of civilians in Minsk . (the class is the "of" phrase's)
    let ev = code("Belarusian/ADJ/Belarusian/2/amod police/NOUN/police/3/nsubj dispersed/VERB/disperse/0/root hundreds/NOUN/hundred/3/obj of/ADP/of/6/case civilians/NOUN/civilian/4/nmod ./PUNCT/./3/punct");
    assert_eq!(triples(&ev), ["BLRCOP>CVL:175"]);
    // The U.S. , Britain and Canada imposed sanctions on Iran .
    let ev = code("The/DET/the/2/det U.S./PROPN/U.S./7/nsubj ,/PUNCT/,/4/punct Britain/PROPN/Britain/2/appos and/CCONJ/and/6/cc Canada/PROPN/Canada/4/conj imposed/VERB/impose/0/root sanctions/NOUN/sanction/7/obj on/ADP/on/10/case Iran/PROPN/Iran/7/obl ./PUNCT/./7/punct");
    assert_eq!(triples(&ev), ["USA>IRN:163", "GBR>IRN:163", "CAN>IRN:163"]);
    // Iran resumed three days of talks with Russia . (a span of time measures its "of"
    // phrase, which is the object; a bare day is none: see `a_day_is_no_object…`)
    let ev = code("Iran/PROPN/Iran/2/nsubj resumed/VERB/resume/0/root three/NUM/three/4/nummod days/NOUN/day/2/obj of/ADP/of/6/case talks/NOUN/talk/4/nmod with/ADP/with/8/case Russia/PROPN/Russia/2/obl ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRN>RUS:043"]);
}

#[test]
fn targetless_events_only_with_no_target_slot_filled() {
    // Japan imposed sanctions . (no "on" phrase: the object names the event)
    let ev = code("Japan/PROPN/Japan/2/nsubj imposed/VERB/impose/0/root sanctions/NOUN/sanction/2/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["JPN>-:163"]);
    // Japan imposed sanctions on imports . (the slot names a thing: no event)
    let ev = code("Japan/PROPN/Japan/2/nsubj imposed/VERB/impose/0/root sanctions/NOUN/sanction/2/obj on/ADP/on/5/case imports/NOUN/import/2/obl ./PUNCT/./2/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
}

#[test]
fn requested_actions_are_not_done() {
    // Armenia asked Russia to send aid . (the parser's iobj is the object)
    let ev = code("Armenia/PROPN/Armenia/2/nsubj asked/VERB/ask/0/root Russia/PROPN/Russia/2/iobj to/PART/to/5/mark send/VERB/send/2/xcomp aid/NOUN/aid/5/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["ARM>RUS:020"]);
}

#[test]
fn irregular_forms_and_reciprocal_fights() {
    // Indian and Pakistani soldiers fought . (the lemmatizer said "fink")
    let ev = code("Indian/ADJ/Indian/4/amod and/CCONJ/and/3/cc Pakistani/ADJ/Pakistani/1/conj soldiers/NOUN/soldier/5/nsubj fought/VERB/fink/0/root ./PUNCT/./5/punct");
    assert_eq!(triples(&ev), ["INDMIL>PAKMIL:190", "PAKMIL>INDMIL:190"]);
}

#[test]
fn a_day_is_no_object_and_a_title_names_the_person() {
    // Palestinian protesters rioted Monday .
    let ev = code("Palestinian/ADJ/Palestinian/2/amod protesters/NOUN/protester/3/nsubj rioted/VERB/riot/0/root Monday/PROPN/Monday/3/obj ./PUNCT/./3/punct");
    assert_eq!(triples(&ev), ["PSECVL>-:145"]);
    // Serbian President Vojislav Kostunica attacked Croatia .
    let ev = code("Serbian/ADJ/Serbian/2/amod President/PROPN/President/3/nmod:desc Vojislav/PROPN/Vojislav/5/nsubj Kostunica/PROPN/Kostunica/3/flat attacked/VERB/attack/0/root Croatia/PROPN/Croatia/5/obj ./PUNCT/./5/punct");
    assert_eq!(triples(&ev), ["SRBGOV>HRV:190"]);
}

#[test]
fn a_governor_codes_itself_only_when_its_complement_does_not() {
    // Iran threatened to attack Israel . (the complement's threat only)
    let ev = code("Iran/PROPN/Iran/2/nsubj threatened/VERB/threaten/0/root to/PART/to/4/mark attack/VERB/attack/2/xcomp Israel/PROPN/Israel/4/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRN>ISR:138"]);
    // Iran threatened to annul the accord . (no pattern for the complement)
    let ev = code("Iran/PROPN/Iran/2/nsubj threatened/VERB/threaten/0/root to/PART/to/4/mark annul/VERB/annul/2/xcomp the/DET/the/6/det accord/NOUN/accord/4/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRN>-:130"]);
}

#[test]
fn would_in_reported_speech_is_an_intention_unless_conditional() {
    // NATO said it would attack Serbia .
    let ev = code("NATO/PROPN/NATO/2/nsubj said/VERB/say/0/root it/PRON/it/5/nsubj would/AUX/would/5/aux attack/VERB/attack/2/ccomp Serbia/PROPN/Serbia/5/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IGOWSTNAT>SRB:138"]);
    // NATO said it would attack Serbia if talks failed .
    let ev = code("NATO/PROPN/NATO/2/nsubj said/VERB/say/0/root it/PRON/it/5/nsubj would/AUX/would/5/aux attack/VERB/attack/2/ccomp Serbia/PROPN/Serbia/5/obj if/SCONJ/if/9/mark talks/NOUN/talks/9/nsubj failed/VERB/fail/5/advcl ./PUNCT/./2/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
}

#[test]
fn an_obligation_in_reported_speech_is_a_demand() {
    // Egypt said Ethiopia must stop .
    let ev = code("Egypt/PROPN/Egypt/2/nsubj said/VERB/say/0/root Ethiopia/PROPN/Ethiopia/5/nsubj must/AUX/must/5/aux stop/VERB/stop/2/ccomp ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["EGY>ETH:100"]);
    // Egypt said Ethiopia stopped . (no obligation: nothing)
    let ev = code("Egypt/PROPN/Egypt/2/nsubj said/VERB/say/0/root Ethiopia/PROPN/Ethiopia/4/nsubj stopped/VERB/stop/2/ccomp ./PUNCT/./2/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
}

#[test]
fn a_refusal_is_coded_unless_it_is_to_comment() {
    // Serbia refused to sign the treaty .
    let ev = code("Serbia/PROPN/Serbia/2/nsubj refused/VERB/refuse/0/root to/PART/to/4/mark sign/VERB/sign/2/xcomp the/DET/the/6/det treaty/NOUN/treaty/4/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["SRB>-:120"]);
    // Serbia refused to comment .
    let ev = code("Serbia/PROPN/Serbia/2/nsubj refused/VERB/refuse/0/root to/PART/to/4/mark comment/VERB/comment/2/xcomp ./PUNCT/./2/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
    // Serbia refused . (no complement: nothing refused that could be coded)
    let ev = code("Serbia/PROPN/Serbia/2/nsubj refused/VERB/refuse/0/root ./PUNCT/./2/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
}

#[test]
fn a_thing_that_cannot_act_is_no_source() {
    // The U.S. condemned Iran . (the country acts)
    let ev = code("The/DET/the/2/det U.S./PROPN/U.S./3/nsubj condemned/VERB/condemn/0/root Iran/PROPN/Iran/3/obj ./PUNCT/./3/punct");
    assert_eq!(triples(&ev), ["USA>IRN:112"]);
    // The U.S. proposal condemned Iran . (a proposal is no actor, whoever made it)
    let ev = code("The/DET/the/3/det U.S./PROPN/U.S./3/compound proposal/NOUN/proposal/4/nsubj condemned/VERB/condemn/0/root Iran/PROPN/Iran/4/obj ./PUNCT/./4/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
    // The French economy condemned Iran .
    let ev = code("The/DET/the/3/det French/ADJ/French/3/amod economy/NOUN/economy/4/nsubj condemned/VERB/condemn/0/root Iran/PROPN/Iran/4/obj ./PUNCT/./4/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
    // Iran condemned the U.S. proposal . (as an object it still names its owner)
    let ev = code("Iran/PROPN/Iran/2/nsubj condemned/VERB/condemn/0/root the/DET/the/5/det U.S./PROPN/U.S./5/compound proposal/NOUN/proposal/2/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRN>USA:112"]);
}

#[test]
fn a_company_name_is_a_business_not_its_country() {
    // British Airways condemned Iraq . (a company facing a state: coded, as GBRBUS)
    let ev = code("British/ADJ/British/2/amod Airways/PROPN/Airways/3/nsubj condemned/VERB/condemn/0/root Iraq/PROPN/Iraq/3/obj ./PUNCT/./3/punct");
    assert_eq!(triples(&ev), ["GBRBUS>IRQ:112"]);
    assert_eq!(
        ev[0].source.entry.as_deref(),
        Some("country-GBR+company-BUS")
    );
    assert_eq!(ev[0].source.country.as_deref(), Some("GBR"));
    // British officials condemned Iraq . (no company word: the state's officials)
    let ev = code("British/ADJ/British/2/amod officials/NOUN/official/3/nsubj condemned/VERB/condemn/0/root Iraq/PROPN/Iraq/3/obj ./PUNCT/./3/punct");
    assert_eq!(triples(&ev), ["GBRGOV>IRQ:112"]);
    // Victoria Exploration NL condemned Iraq . (a capital in a company's name names no country)
    let ev = code("Victoria/PROPN/Victoria/2/compound Exploration/PROPN/Exploration/4/nsubj NL/PROPN/NL/2/flat condemned/VERB/condemn/0/root Iraq/PROPN/Iraq/4/obj ./PUNCT/./4/punct");
    assert_eq!(triples(&ev), ["BUS>IRQ:112"]);
    // British Airways condemned Dutch companies . (businesses only: a private matter)
    let ev = code("British/ADJ/British/2/amod Airways/PROPN/Airways/3/nsubj condemned/VERB/condemn/0/root Dutch/ADJ/Dutch/5/amod companies/NOUN/company/3/obj ./PUNCT/./3/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
}

#[test]
fn an_infinitive_on_a_noun_is_no_event() {
    // Iraqi envoys who condemned Iran ... : a relative clause reports an act
    let ev = code("Iraqi/ADJ/Iraqi/2/amod envoys/NOUN/envoy/0/root who/PRON/who/4/nsubj condemned/VERB/condemn/2/acl:relcl Iran/PROPN/Iran/4/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRQGOV>IRN:112"]);
    // Iraqi envoys to condemn Iran ... : an infinitive says what is to be done
    let ev = code("Iraqi/ADJ/Iraqi/2/amod envoys/NOUN/envoy/0/root to/PART/to/4/mark condemn/VERB/condemn/2/acl Iran/PROPN/Iran/4/obj ./PUNCT/./2/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
}

#[test]
fn an_infinitive_on_an_object_may_be_the_acts_purpose() {
    // Egyptian police opened fire to disperse civilians .
    let ev = code("Egyptian/ADJ/Egyptian/2/amod police/NOUN/police/3/nsubj opened/VERB/open/0/root fire/NOUN/fire/3/obj to/PART/to/6/mark disperse/VERB/disperse/4/acl civilians/NOUN/civilian/6/obj ./PUNCT/./3/punct");
    assert_eq!(triples(&ev), ["EGYCOP>CVL:175"]);
}

#[test]
fn a_claimed_act_is_no_event() {
    // Iran denied allegations that Iranian forces attacked Iraq .
    let ev = code("Iran/PROPN/Iran/2/nsubj denied/VERB/deny/0/root allegations/NOUN/allegation/2/obj that/SCONJ/that/7/mark Iranian/ADJ/Iranian/6/amod forces/NOUN/force/7/nsubj attacked/VERB/attack/3/acl Iraq/PROPN/Iraq/7/obj ./PUNCT/./2/punct");
    assert!(ev.is_empty(), "{:?}", triples(&ev));
    // Iran said Iranian forces attacked Iraq . (a report: coded)
    let ev = code("Iran/PROPN/Iran/2/nsubj said/VERB/say/0/root Iranian/ADJ/Iranian/4/amod forces/NOUN/force/5/nsubj attacked/VERB/attack/2/ccomp Iraq/PROPN/Iraq/5/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRNMIL>IRQ:190"]);
}

#[test]
fn an_attempt_is_coded_as_the_act_or_its_attempt_code() {
    // Iraq tried to attack Iran . (the attack, not an intention)
    let ev = code("Iraq/PROPN/Iraq/2/nsubj tried/VERB/try/0/root to/PART/to/4/mark attack/VERB/attack/2/xcomp Iran/PROPN/Iran/4/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRQ>IRN:190"]);
    // Iraq attempted to assassinate Iranian officials . (CAMEO's attempted assassination)
    let ev = code("Iraq/PROPN/Iraq/2/nsubj attempted/VERB/attempt/0/root to/PART/to/4/mark assassinate/VERB/assassinate/2/xcomp Iranian/ADJ/Iranian/6/amod officials/NOUN/official/4/obj ./PUNCT/./2/punct");
    assert_eq!(triples(&ev), ["IRQ>IRNGOV:185"]);
    assert_eq!(ev[0].verb.rule, "186.assassinate+attempt");
}
