//! Targets that are places the gazetteer knows rather than actors ("shelled the city of
//! Kharkiv", "fired shells at targets in Jericho"), and attackers who name their attack
//! ("suicide bombers killed 23 people" is a suicide bombing), and past tenses parsed as
//! participles behind an adverb or a day ("agents sexually abused/amod immigrants"), on
//! hand-made parses; and a present form after a demand is mandated, not done.

mod common;

use common::{code_with, coder_with, triples};

const PATTERNS: &str = "id\tcode\tverb\tobject\ttarget\texample\texpect
194.shell\t194\tshell\t-\tobj\tx\tA>B
194.fire.shells\t194\tfire\t=shell|shells\tprep:at\tx\tA>B
190.kill.people\t190\tkill\t@people\tobj\tx\tA>B
182.abuse.people\t182\tabuse\t@people\tobj\tx\tA>B
120.refuse.any\t120\trefuse\tnone\t-\tx\tA>-
100.demand.that\t100\tdemand\tnone\tclause\tx\tA>B
";

/// Events as "SOURCE>TARGET:CAMEO RULE TARGET-ENTRY" ([`triples`] with the rule and the
/// target's dictionary entry).
fn code(spec: &str) -> Vec<String> {
    let events = code_with(&coder_with(PATTERNS), spec);
    triples(&events)
        .into_iter()
        .zip(&events)
        .map(|(t, e)| {
            format!(
                "{t} {} {}",
                e.verb.rule,
                e.target.entry.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn a_place_of_the_gazetteer_is_the_target_of_an_attack_on_it() {
    // Russian forces shelled the city of Kharkiv .
    let ev = code("Russian/ADJ/Russian/2/amod forces/NOUN/force/3/nsubj shelled/VERB/shell/0/root the/DET/the/5/det city/NOUN/city/3/obj of/ADP/of/7/case Kharkiv/PROPN/Kharkiv/5/nmod ./PUNCT/./3/punct");
    assert_eq!(ev, ["RUSMIL>UKR:194 194.shell place-UKR"]);
    // Israeli tanks fired shells at targets in Jericho .
    let ev = code("Israeli/ADJ/Israeli/2/amod tanks/NOUN/tank/3/nsubj fired/VERB/fire/0/root shells/NOUN/shell/3/obj at/ADP/at/6/case targets/NOUN/target/4/nmod in/ADP/in/8/case Jericho/PROPN/Jericho/6/nmod ./PUNCT/./3/punct");
    assert_eq!(ev, ["ISRMIL>PSE:194 194.fire.shells place-PSE"]);
    // Russian forces shelled the city . (no place named: no target, no event)
    let ev = code("Russian/ADJ/Russian/2/amod forces/NOUN/force/3/nsubj shelled/VERB/shell/0/root the/DET/the/5/det city/NOUN/city/3/obj ./PUNCT/./3/punct");
    assert!(ev.is_empty(), "{ev:?}");
    // Israeli tanks fired shells at Iran - backed militias . (misparsed: the sponsor is no
    // target)
    let ev = code("Israeli/ADJ/Israeli/2/amod tanks/NOUN/tank/3/nsubj fired/VERB/fire/0/root shells/NOUN/shell/3/obj at/ADP/at/6/case Iran/PROPN/Iran/4/nmod -/PUNCT/-/8/punct backed/VERB/back/3/advcl militias/NOUN/militia/8/obj ./PUNCT/./3/punct");
    assert!(ev.is_empty(), "{ev:?}");
}

#[test]
fn suicide_bombers_carry_out_a_suicide_bombing() {
    // Two Palestinian suicide bombers killed 23 people .
    let ev = code("Two/NUM/two/4/nummod Palestinian/ADJ/Palestinian/4/amod suicide/NOUN/suicide/4/compound bombers/NOUN/bomber/5/nsubj killed/VERB/kill/0/root 23/NUM/23/7/nummod people/NOUN/people/5/obj ./PUNCT/./5/punct");
    assert_eq!(
        ev,
        ["PSEREB>CVL:1831 190.kill.people+attacker agent-civilians"]
    );
    // Palestinian militants killed 23 people . (the verb's own code)
    let ev = code("Palestinian/ADJ/Palestinian/2/amod militants/NOUN/militant/3/nsubj killed/VERB/kill/0/root 23/NUM/23/5/nummod people/NOUN/people/3/obj ./PUNCT/./3/punct");
    assert_eq!(ev, ["PSEREB>CVL:190 190.kill.people agent-civilians"]);
}

#[test]
fn a_past_tense_read_as_a_participle_behind_an_adverb_or_a_day_is_the_verb() {
    // U.S. border agents sexually abused Mexican immigrants . (parsed as a noun phrase)
    let ev = code("U.S./PROPN/U.S./3/compound border/NOUN/border/3/compound agents/NOUN/agent/0/root sexually/ADV/sexually/5/advmod abused/VERB/abuse/7/amod/VBD Mexican/ADJ/Mexican/7/amod immigrants/NOUN/immigrant/3/obj ./PUNCT/./3/punct");
    assert_eq!(
        ev,
        ["USA>MEXCVL:182 182.abuse.people country-MEX+agent-civilians"]
    );
    // Mexican police on Tuesday abused Mexican immigrants .
    let ev = code("Mexican/ADJ/Mexican/2/amod police/NOUN/police/0/root on/ADP/on/4/case Tuesday/PROPN/Tuesday/2/nmod abused/VERB/abuse/7/amod/VBD Mexican/ADJ/Mexican/7/amod immigrants/NOUN/immigrant/2/obj ./PUNCT/./2/punct");
    assert_eq!(
        ev,
        ["MEXCOP>MEXCVL:182 182.abuse.people country-MEX+agent-civilians"]
    );
}

#[test]
fn a_present_form_after_a_demand_is_mandated() {
    // Greece demanded that Italian officials refuse to sign .
    let ev = code("Greece/PROPN/Greece/2/nsubj demanded/VERB/demand/0/root/VBD that/SCONJ/that/6/mark Italian/ADJ/Italian/5/amod officials/NOUN/official/6/nsubj refuse/VERB/refuse/2/ccomp/VBP to/PART/to/8/mark sign/VERB/sign/6/xcomp/VB ./PUNCT/./2/punct");
    assert_eq!(
        ev,
        ["GRC>ITAGOV:100 100.demand.that country-ITA+agent-government"]
    );
}

#[test]
fn a_participle_on_a_statement_speaks_for_whoever_issued_it() {
    // Turkish rebels issued a declaration demanding that Iraq withdraw .
    let ev = code("Turkish/ADJ/Turkish/2/amod rebels/NOUN/rebel/3/nsubj issued/VERB/issue/0/root/VBD a/DET/a/5/det declaration/NOUN/declaration/3/obj demanding/VERB/demand/3/advcl/VBG that/SCONJ/that/9/mark Iraq/PROPN/Iraq/9/nsubj withdraw/VERB/withdraw/6/ccomp/VB ./PUNCT/./3/punct");
    assert_eq!(ev, ["TURREB>IRQ:100 100.demand.that country-IRQ"]);
    // (the same with the participle on the declaration)
    let ev = code("Turkish/ADJ/Turkish/2/amod rebels/NOUN/rebel/3/nsubj issued/VERB/issue/0/root/VBD a/DET/a/5/det declaration/NOUN/declaration/3/obj demanding/VERB/demand/5/acl/VBG that/SCONJ/that/9/mark Iraq/PROPN/Iraq/9/nsubj withdraw/VERB/withdraw/6/ccomp/VB ./PUNCT/./3/punct");
    assert_eq!(ev, ["TURREB>IRQ:100 100.demand.that country-IRQ"]);
}

#[test]
fn an_improvised_explosive_device_is_an_attack_without_an_attacker() {
    // Three US servicemen were killed by an improvised explosive device .
    let ev = code("Three/NUM/three/3/nummod US/PROPN/US/3/compound servicemen/NOUN/serviceman/5/nsubj:pass were/AUX/be/5/aux:pass killed/VERB/kill/0/root by/ADP/by/10/case an/DET/a/10/det improvised/VERB/improvise/10/amod/VBN explosive/ADJ/explosive/10/amod device/NOUN/device/5/obl:agent ./PUNCT/./5/punct");
    assert_eq!(
        ev,
        ["UAF>USAMIL:183 unattributed.bombing country-USA+agent-military"]
    );
    // Two soldiers were killed by an explosive device . (a device may be an old mine)
    let ev = code("Two/NUM/two/2/nummod soldiers/NOUN/soldier/4/nsubj:pass were/AUX/be/4/aux:pass killed/VERB/kill/0/root by/ADP/by/8/case an/DET/a/8/det explosive/ADJ/explosive/8/amod device/NOUN/device/4/obl:agent ./PUNCT/./4/punct");
    assert!(ev.is_empty(), "{ev:?}");
}
