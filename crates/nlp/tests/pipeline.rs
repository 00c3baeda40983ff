//! End-to-end tests: a tiny hand-written treebank trains a model that re-parses its own
//! sentences, every analysis is a single-rooted tree, models round-trip through bytes,
//! corrupt model files are errors, and training is deterministic.

use dyad_nlp::conllu::{self, Sentence};
use dyad_nlp::{Model, NlpError, TrainOptions, WordAnalysis};

/// A dozen sentences written for these tests: form, lemma, UPOS, XPOS, head, relation.
const TINY: &str = "\
# text = The rebels attacked the town .
1	The	the	DET	DT	_	2	det	_	_
2	rebels	rebel	NOUN	NNS	_	3	nsubj	_	_
3	attacked	attack	VERB	VBD	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	_
5	town	town	NOUN	NN	_	3	obj	_	_
6	.	.	PUNCT	.	_	3	punct	_	_

# text = Police arrested two men in the capital .
1	Police	police	NOUN	NNS	_	2	nsubj	_	_
2	arrested	arrest	VERB	VBD	_	0	root	_	_
3	two	two	NUM	CD	_	4	nummod	_	_
4	men	man	NOUN	NNS	_	2	obj	_	_
5	in	in	ADP	IN	_	7	case	_	_
6	the	the	DET	DT	_	7	det	_	_
7	capital	capital	NOUN	NN	_	2	obl	_	_
8	.	.	PUNCT	.	_	2	punct	_	_

# text = The minister met the ambassador on Monday .
1	The	the	DET	DT	_	2	det	_	_
2	minister	minister	NOUN	NN	_	3	nsubj	_	_
3	met	meet	VERB	VBD	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	_
5	ambassador	ambassador	NOUN	NN	_	3	obj	_	_
6	on	on	ADP	IN	_	7	case	_	_
7	Monday	Monday	PROPN	NNP	_	3	obl:tmod	_	_
8	.	.	PUNCT	.	_	3	punct	_	_

# text = Protesters were killed by soldiers .
1	Protesters	protester	NOUN	NNS	_	3	nsubj:pass	_	_
2	were	be	AUX	VBD	_	3	aux:pass	_	_
3	killed	kill	VERB	VBN	_	0	root	_	_
4	by	by	ADP	IN	_	5	case	_	_
5	soldiers	soldier	NOUN	NNS	_	3	obl	_	_
6	.	.	PUNCT	.	_	3	punct	_	_

# text = She said that the talks failed .
1	She	she	PRON	PRP	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3	that	that	SCONJ	IN	_	6	mark	_	_
4	the	the	DET	DT	_	5	det	_	_
5	talks	talk	NOUN	NNS	_	6	nsubj	_	_
6	failed	fail	VERB	VBD	_	2	ccomp	_	_
7	.	.	PUNCT	.	_	2	punct	_	_

# text = Troops will leave the city soon .
1	Troops	troop	NOUN	NNS	_	3	nsubj	_	_
2	will	will	AUX	MD	_	3	aux	_	_
3	leave	leave	VERB	VB	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	_
5	city	city	NOUN	NN	_	3	obj	_	_
6	soon	soon	ADV	RB	_	3	advmod	_	_
7	.	.	PUNCT	.	_	3	punct	_	_

# text = The government and the rebels signed a peace deal .
1	The	the	DET	DT	_	2	det	_	_
2	government	government	NOUN	NN	_	6	nsubj	_	_
3	and	and	CCONJ	CC	_	5	cc	_	_
4	the	the	DET	DT	_	5	det	_	_
5	rebels	rebel	NOUN	NNS	_	2	conj	_	_
6	signed	sign	VERB	VBD	_	0	root	_	_
7	a	a	DET	DT	_	9	det	_	_
8	peace	peace	NOUN	NN	_	9	compound	_	_
9	deal	deal	NOUN	NN	_	6	obj	_	_
10	.	.	PUNCT	.	_	6	punct	_	_

# text = They picked up the wounded .
1	They	they	PRON	PRP	_	2	nsubj	_	_
2	picked	pick	VERB	VBD	_	0	root	_	_
3	up	up	ADP	RP	_	2	compound:prt	_	_
4	the	the	DET	DT	_	5	det	_	_
5	wounded	wounded	NOUN	NN	_	2	obj	_	_
6	.	.	PUNCT	.	_	2	punct	_	_

# text = Is the border open ?
1	Is	be	AUX	VBZ	_	4	cop	_	_
2	the	the	DET	DT	_	3	det	_	_
3	border	border	NOUN	NN	_	4	nsubj	_	_
4	open	open	ADJ	JJ	_	0	root	_	_
5	?	?	PUNCT	.	_	4	punct	_	_

# text = Negotiators hope to reach an agreement .
1	Negotiators	negotiator	NOUN	NNS	_	2	nsubj	_	_
2	hope	hope	VERB	VBP	_	0	root	_	_
3	to	to	PART	TO	_	4	mark	_	_
4	reach	reach	VERB	VB	_	2	xcomp	_	_
5	an	a	DET	DT	_	6	det	_	_
6	agreement	agreement	NOUN	NN	_	4	obj	_	_
7	.	.	PUNCT	.	_	2	punct	_	_

# text = Hundreds fled their homes after the bombing .
1	Hundreds	hundred	NOUN	NNS	_	2	nsubj	_	_
2	fled	flee	VERB	VBD	_	0	root	_	_
3	their	they	PRON	PRP$	_	4	nmod:poss	_	_
4	homes	home	NOUN	NNS	_	2	obj	_	_
5	after	after	ADP	IN	_	7	case	_	_
6	the	the	DET	DT	_	7	det	_	_
7	bombing	bombing	NOUN	NN	_	2	obl	_	_
8	.	.	PUNCT	.	_	2	punct	_	_

# text = Yesterday the army shelled villages near the river .
1	Yesterday	yesterday	NOUN	NN	_	4	obl:tmod	_	_
2	the	the	DET	DT	_	3	det	_	_
3	army	army	NOUN	NN	_	4	nsubj	_	_
4	shelled	shell	VERB	VBD	_	0	root	_	_
5	villages	village	NOUN	NNS	_	4	obj	_	_
6	near	near	ADP	IN	_	8	case	_	_
7	the	the	DET	DT	_	8	det	_	_
8	river	river	NOUN	NN	_	5	nmod	_	_
9	.	.	PUNCT	.	_	4	punct	_	_

";

fn tiny_options() -> TrainOptions {
    TrainOptions {
        tagger_epochs: 12,
        parser_epochs: 25,
        jackknife_folds: 0,
        unlabeled: vec![
            "The rebels attacked the capital on Monday. Soldiers left the town.".to_string(),
        ],
        ..TrainOptions::default()
    }
}

fn tiny_model() -> Result<(Vec<Sentence>, Model), NlpError> {
    let sents = conllu::parse(TINY)?;
    let model = dyad_nlp::train(&sents, &sents, &tiny_options(), &mut |_| {})?;
    Ok((sents, model))
}

fn assert_tree(analysis: &[WordAnalysis<'_>]) {
    let n = analysis.len();
    let roots = analysis.iter().filter(|a| a.head == 0).count();
    assert_eq!(roots, 1, "exactly one root");
    for (i, a) in analysis.iter().enumerate() {
        assert!(a.head <= n, "head in range");
        // Follow heads to the root without revisiting a word.
        let mut x = i + 1;
        let mut steps = 0;
        while x != 0 {
            x = analysis[x - 1].head;
            steps += 1;
            assert!(steps <= n, "cycle through word {}", i + 1);
        }
    }
}

#[test]
fn tiny_treebank_model_reparses_its_training_sentences() -> Result<(), NlpError> {
    let (sents, model) = tiny_model()?;
    let (mut tags, mut heads, mut labels, mut total) = (0, 0, 0, 0);
    for s in &sents {
        let forms = s.forms();
        let analysis = model.annotate(&forms);
        assert_tree(&analysis);
        for (w, a) in s.words.iter().zip(&analysis) {
            total += 1;
            tags += usize::from(w.upos == a.upos && w.xpos == a.xpos);
            heads += usize::from(w.head == Some(a.head));
            labels += usize::from(w.head == Some(a.head) && w.deprel == a.deprel);
        }
    }
    assert_eq!(tags, total, "tag accuracy on training sentences");
    assert!(heads * 100 >= total * 95, "UAS {heads}/{total}");
    assert!(labels * 100 >= total * 90, "LAS {labels}/{total}");
    // Lemmas learnt from the same sentences.
    let a = model.annotate(&["Protesters", "were", "killed", "."]);
    assert_eq!(a[0].lemma, "protester");
    assert_eq!(a[1].lemma, "be");
    Ok(())
}

#[test]
fn every_sentence_gets_a_single_rooted_tree() -> Result<(), NlpError> {
    let (_, model) = tiny_model()?;
    assert!(model.annotate(&[]).is_empty());
    assert_tree(&model.annotate(&["Hello"]));
    assert_tree(&model.annotate(&["", " ", "\u{0}", "日本語", "ÉCOLE", "1,000.5"]));
    let vocab = [
        "the", "rebels", "attacked", ",", "and", "police", "in", "city", "said", "that", ".",
    ];
    let long: Vec<&str> = (0..600)
        .map(|i| vocab[(i * 7 + i / 3) % vocab.len()])
        .collect();
    let analysis = model.annotate(&long);
    assert_eq!(analysis.len(), 600);
    assert_tree(&analysis);
    Ok(())
}

#[test]
fn model_bytes_round_trip_and_training_is_deterministic() -> Result<(), NlpError> {
    let (sents, model) = tiny_model()?;
    let bytes = model.to_bytes();
    let again = Model::from_bytes(&bytes)?;
    assert_eq!(again.to_bytes(), bytes);
    assert_eq!(again.id(), model.id());
    let retrained = dyad_nlp::train(&sents, &sents, &tiny_options(), &mut |_| {})?;
    assert_eq!(
        retrained.to_bytes(),
        bytes,
        "same data and seed give the same bytes"
    );
    let words = ["Police", "attacked", "the", "rebels", "."];
    assert_eq!(model.annotate(&words), again.annotate(&words));
    Ok(())
}

#[test]
fn corrupt_model_bytes_are_errors_not_panics() -> Result<(), NlpError> {
    let (_, model) = tiny_model()?;
    let bytes = model.to_bytes();
    assert!(Model::from_bytes(&[]).is_err());
    assert!(Model::from_bytes(b"not a model at all").is_err());
    for cut in [4, 8, 12, 20, 28, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            Model::from_bytes(&bytes[..cut]).is_err(),
            "truncated at {cut}"
        );
    }
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    assert!(matches!(
        Model::from_bytes(&flipped),
        Err(NlpError::Model(_))
    ));
    let mut version = bytes.clone();
    version[8] = 99;
    assert!(matches!(
        Model::from_bytes(&version),
        Err(NlpError::Model(
            dyad_nlp::ModelErrorKind::UnsupportedVersion { .. }
        ))
    ));
    let mut extra = bytes;
    extra.push(0);
    assert!(Model::from_bytes(&extra).is_err());
    Ok(())
}

#[test]
fn annotated_sentences_write_as_conllu() -> Result<(), NlpError> {
    let (sents, model) = tiny_model()?;
    let mut s = sents[0].clone();
    model.annotate_sentence(&mut s, &mut dyad_nlp::Scratch::default());
    let mut text = String::new();
    s.write(&mut text);
    let back = conllu::parse(&text)?;
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].words.len(), 6);
    let forms = sents[1].forms();
    let analysis = model.annotate(&forms);
    let mut out = String::new();
    conllu::write_analysis(&mut out, &["# sent_id = t-2"], &forms, &analysis);
    let parsed = conllu::parse(&out)?;
    assert_eq!(parsed[0].sent_id(), Some("t-2"));
    assert_eq!(parsed[0].words[1].head, Some(analysis[1].head));
    let built = Sentence::from_analysis(vec!["# sent_id = t-2".into()], &forms, &analysis);
    assert_eq!(conllu::write(&[built]), out);
    Ok(())
}

fn shared_file(rel: &str) -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    std::fs::read_to_string(path).ok()
}

#[test]
fn ewt_dev_file_round_trips_when_present() -> Result<(), NlpError> {
    let Some(text) = shared_file("data/ud-english-ewt/en_ewt-ud-dev.conllu") else {
        return Ok(());
    };
    let sents = conllu::parse(&text)?;
    assert_eq!(sents.len(), 2001);
    assert_eq!(conllu::write(&sents), text);
    Ok(())
}

#[test]
fn bundled_model_meets_a_floor_on_a_dev_slice() -> Result<(), NlpError> {
    let model = match Model::bundled() {
        Ok(m) => m,
        Err(NlpError::Model(dyad_nlp::ModelErrorKind::NotBundled)) => return Ok(()),
        Err(e) => return Err(e),
    };
    assert!(model.id().starts_with("en-ewt-"));
    let Some(text) = shared_file("data/ud-english-ewt/en_ewt-ud-dev.conllu") else {
        return Ok(());
    };
    let sents = conllu::parse(&text)?;
    let (mut upos, mut uas, mut n) = (0, 0, 0);
    for s in sents.iter().take(400) {
        let forms = s.forms();
        let a = model.annotate(&forms);
        assert_tree(&a);
        for (w, a) in s.words.iter().zip(&a) {
            n += 1;
            upos += usize::from(w.upos == a.upos);
            uas += usize::from(w.head == Some(a.head));
        }
    }
    assert!(upos * 100 >= n * 92, "UPOS {upos}/{n}");
    assert!(uas * 100 >= n * 80, "UAS {uas}/{n}");
    Ok(())
}

/// News clauses of the form "plural noun + past tense + object" are past tense (VBD), not
/// participles; fragments and reduced relatives keep their participle.
#[test]
fn bundled_model_tags_news_past_tense_clauses() -> Result<(), NlpError> {
    let model = Model::bundled()?;
    let xpos_of = |sentence: &str, word: &str| -> Option<(String, String)> {
        let forms: Vec<&str> = sentence.split(' ').collect();
        let analysis = model.annotate(&forms);
        let i = forms.iter().position(|f| *f == word)?;
        analysis
            .get(i)
            .map(|a| (a.xpos.to_string(), a.lemma.to_string()))
    };
    for (sentence, verb, lemma) in [
        (
            "Israeli warplanes struck targets in southern Lebanon .",
            "struck",
            "strike",
        ),
        (
            "Police arrested protesters who threw stones .",
            "arrested",
            "arrest",
        ),
        (
            "Government forces shelled rebel positions near the city .",
            "shelled",
            "shell",
        ),
        (
            "Iraq and the coalition resumed talks on Sunday .",
            "resumed",
            "resume",
        ),
    ] {
        let got = xpos_of(sentence, verb);
        assert_eq!(
            got,
            Some(("VBD".to_string(), lemma.to_string())),
            "{sentence}"
        );
    }
    for (sentence, verb) in [
        ("Three people killed in the blast .", "killed"),
        ("The man arrested yesterday was released .", "arrested"),
    ] {
        let got = xpos_of(sentence, verb).map(|(x, _)| x);
        assert_eq!(got.as_deref(), Some("VBN"), "{sentence}");
    }
    Ok(())
}
