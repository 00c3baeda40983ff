//! The coder's reading of phrases the parser hangs in the wrong place, on hand-made parses: a
//! verb's particle taken for a preposition or an adverb ("handed over medicine"), an object
//! taken for a day's apposition ("lifted Friday a blockade"), a target phrase hung on a day
//! ("gave a welcome on Thursday to X", "return this week for talks") or on an apposition ("to the plant (UCF) in Iran"),
//! the adjective "committed" governing an intention, an introductory phrase taken for a
//! second subject ("With the signing of X, Sudan agreed"), and a pronoun in what a noun's
//! participle reports ("the union, …, announced/acl that it had called off") or a quoted
//! subject said ("X was quoted as saying he would"); the passive of "demobilize" as the
//! subject's own act; and a compound a pattern names as on topic ("war games").

mod common;

use common::{code_with, coder_with, triples};

const PATTERNS: &str = "id\tcode\tverb\tobject\ttarget\texample\texpect
046.return.talks\t046\treturn\t@talks\tprep:with\tx\tA>B
073.hand_over\t073\thand over\t=medicine\tprep:to\tx\tA>B
0872.lift\t0872\tlift\t=blockade\tprep:on\tx\tA>B
043.give.welcome\t043\tgive\t=welcome\tprep:to\tx\tA>B
090.send\t090\tsend\t=inspectors\tprep:to\tx\tA>B
061.open\t061\topen\t=economy\tprep:to\tx\tA>B
0873.demobilize\t0873\tdemobilize\t-\t-\tx\tA>-
062.launch\t062\tlaunch\t=war games\tprep:with\tx\tA>B
040.meet\t040\tmeet\tactor\tobj\tx\tA>B
";

fn code(spec: &str) -> Vec<String> {
    triples(&code_with(&coder_with(PATTERNS), spec))
}

#[test]
fn a_particle_read_as_a_preposition_is_the_verbs_particle() {
    // Switzerland handed over medicine to Iran .
    let ev = code("Switzerland/PROPN/Switzerland/2/nsubj handed/VERB/hand/0/root over/ADP/over/4/case medicine/NOUN/medicine/2/obl to/ADP/to/6/case Iran/PROPN/Iran/2/obl ./PUNCT/./2/punct");
    assert_eq!(ev, ["CHE>IRN:073"]);
}

#[test]
fn a_particle_read_as_an_adverb_of_the_object_is_the_verbs_particle() {
    // Switzerland handed over 700 kg of medicine to Iran .
    let ev = code("Switzerland/PROPN/Switzerland/2/nsubj handed/VERB/hand/0/root over/ADV/over/4/advmod 700/NUM/700/5/nummod kg/NOUN/kg/2/obj of/ADP/of/7/case medicine/NOUN/medicine/5/nmod to/ADP/to/9/case Iran/PROPN/Iran/2/obl ./PUNCT/./2/punct");
    assert_eq!(ev, ["CHE>IRN:073"]);
}

#[test]
fn an_object_hung_on_a_day_is_the_object() {
    // Israel lifted Friday a blockade on Lebanon .
    let ev = code("Israel/PROPN/Israel/2/nsubj lifted/VERB/lift/0/root Friday/PROPN/Friday/2/obj a/DET/a/5/det blockade/NOUN/blockade/3/appos on/ADP/on/7/case Lebanon/PROPN/Lebanon/5/nmod ./PUNCT/./2/punct");
    assert_eq!(ev, ["ISR>LBN:0872"]);
}

#[test]
fn a_target_hung_on_a_day_is_the_verbs() {
    // France gave a welcome on Thursday to Germany .
    let ev = code("France/PROPN/France/2/nsubj gave/VERB/give/0/root a/DET/a/4/det welcome/NOUN/welcome/2/obj on/ADP/on/6/case Thursday/PROPN/Thursday/2/obl to/ADP/to/8/case Germany/PROPN/Germany/6/nmod ./PUNCT/./2/punct");
    assert_eq!(ev, ["FRA>DEU:043"]);
}

#[test]
fn a_place_on_an_apposition_of_the_target_phrase_is_the_target() {
    // Russia sent inspectors to the plant ( UCF ) in Iran .
    let ev = code("Russia/PROPN/Russia/2/nsubj sent/VERB/send/0/root inspectors/NOUN/inspector/2/obj to/ADP/to/6/case the/DET/the/6/det plant/NOUN/plant/3/nmod (/PUNCT/(/8/punct UCF/PROPN/UCF/6/appos )/PUNCT/)/8/punct in/ADP/in/11/case Iran/PROPN/Iran/8/nmod ./PUNCT/./2/punct");
    assert_eq!(ev, ["RUS>IRN:090"]);
}

#[test]
fn committed_to_governs_an_intention() {
    // Vietnam is committed to opening the economy to Japan .
    let ev = code("Vietnam/PROPN/Vietnam/3/nsubj is/AUX/be/3/cop committed/ADJ/committed/0/root to/SCONJ/to/5/mark opening/VERB/open/3/advcl the/DET/the/7/det economy/NOUN/economy/5/obj to/ADP/to/9/case Japan/PROPN/Japan/5/obl ./PUNCT/./3/punct");
    assert_eq!(ev, ["VNM>JPN:031"]);
}

#[test]
fn an_introductory_phrase_is_no_subject() {
    // With the signing , Sudan agreed to meet Egypt .
    let ev = code("With/SCONJ/with/6/mark the/DET/the/3/det signing/NOUN/signing/6/nsubj ,/PUNCT/,/5/punct Sudan/PROPN/Sudan/6/nsubj agreed/VERB/agree/0/root to/PART/to/8/mark meet/VERB/meet/6/xcomp Egypt/PROPN/Egypt/8/obj ./PUNCT/./6/punct");
    assert_eq!(ev, ["SDN>EGY:036"]);
}

#[test]
fn a_pronoun_in_a_report_by_a_participle_stands_for_its_noun() {
    // Iran , the neighbour , announced that it met Iraq .
    let ev = code("Iran/PROPN/Iran/0/root ,/PUNCT/,/4/punct the/DET/the/4/det neighbour/NOUN/neighbour/1/appos announced/VERB/announce/4/acl that/SCONJ/that/8/mark it/PRON/it/8/nsubj met/VERB/meet/5/ccomp Iraq/PROPN/Iraq/8/obj ./PUNCT/./1/punct");
    assert_eq!(ev, ["IRN>IRQ:040"]);
}

#[test]
fn an_oblique_hung_on_a_day_names_the_event() {
    // Iran and Iraq return this week for talks .
    let ev = code("Iran/PROPN/Iran/4/nsubj and/CCONJ/and/3/cc Iraq/PROPN/Iraq/1/conj return/VERB/return/0/root this/DET/this/6/det week/NOUN/week/4/obl for/ADP/for/8/case talks/NOUN/talks/6/nmod ./PUNCT/./4/punct");
    assert_eq!(ev, ["IRN>IRQ:046", "IRQ>IRN:046"]);
}

#[test]
fn a_pronoun_in_a_quoted_report_stands_for_the_quoted() {
    // Iran was quoted as saying it met Iraq .
    let ev = code("Iran/PROPN/Iran/3/nsubj:pass was/AUX/be/3/aux:pass quoted/VERB/quote/0/root as/SCONJ/as/5/mark saying/VERB/say/3/advcl it/PRON/it/7/nsubj met/VERB/meet/5/ccomp Iraq/PROPN/Iraq/7/obj ./PUNCT/./3/punct");
    assert_eq!(ev, ["IRN>IRQ:040"]);
}

#[test]
fn the_demobilized_demobilize() {
    // Syrian rebels have been demobilized .
    let ev = code("Syrian/ADJ/Syrian/2/amod rebels/NOUN/rebel/5/nsubj:pass have/AUX/have/5/aux been/AUX/be/5/aux:pass demobilized/VERB/demobilize/0/root ./PUNCT/./5/punct");
    assert_eq!(ev, ["SYRREB>-:0873"]);
}

#[test]
fn a_compound_a_pattern_names_is_on_topic() {
    // France launched war games with Egypt .
    let ev = code("France/PROPN/France/2/nsubj launched/VERB/launch/0/root war/NOUN/war/4/compound games/NOUN/game/2/obj with/ADP/with/6/case Egypt/PROPN/Egypt/2/obl ./PUNCT/./2/punct");
    assert_eq!(ev, ["FRA>EGY:062"]);
}
