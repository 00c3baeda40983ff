//! The repairs' fixtures: every file `tests/repairs/NAME.txt` holds parses on which the repair
//! `NAME` (its public name, `dyad_tree::repairs::*::NAME`) is checked, and every repair of
//! `REPAIRS` has such a file. A fixture never needs Rust: add a case to the file.
//!
//! # Format
//!
//! A file is a list of cases separated by blank lines (as CoNLL-U separates sentences). A
//! case is:
//!
//! - comment lines, `#` first: `# text = …` and others are ignored; `# repairs: A B` names
//!   the repairs expected to move something, exactly and in the order they run (`# repairs:
//!   none` for a case the repairs must leave alone; without the line: the file's repair
//!   alone); `# temporal: tuesday week` gives the temporal nouns (lemmas) the coder passes;
//! - the parser's words as CoNLL-U rows, `ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL [DEPS
//!   MISC]`, separated by tabs or spaces (forms hold no space; the last two columns may be
//!   left off; multiword-token and empty-node rows are skipped);
//! - the words that move, one line each, `> ID HEAD DEPREL` (1-based, head 0 for the root):
//!   after all repairs, these words have this head and relation, and every other word keeps
//!   the head and relation of its row.
//!
//! A failing case prints what the repairs did in the same syntax, to be checked and pasted.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use dyad_core::{ParsedWord, Span};
use dyad_tree::repairs::REPAIRS;
use dyad_tree::Tree;

/// One case of a fixture file.
struct Case {
    /// Line of the file where the case starts (1-based).
    line: usize,
    forms: Vec<String>,
    words: Vec<ParsedWord>,
    repairs: Vec<String>,
    temporal: Vec<String>,
    /// Expected (head, deprel) of the words that move, by 0-based index.
    moves: BTreeMap<usize, (usize, String)>,
}

fn parse_file(stem: &str, text: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    let mut case: Option<Case> = None;
    for (k, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = |msg: &str| format!("{stem}.txt:{}: {msg}: {raw:?}", k + 1);
        if line.is_empty() {
            cases.extend(case.take());
            continue;
        }
        let c = case.get_or_insert_with(|| Case {
            line: k + 1,
            forms: Vec::new(),
            words: Vec::new(),
            repairs: vec![stem.to_string()],
            temporal: Vec::new(),
            moves: BTreeMap::new(),
        });
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(list) = comment.strip_prefix("repairs:") {
                c.repairs = list
                    .split([',', ' '])
                    .filter(|s| !s.is_empty() && *s != "none")
                    .map(str::to_string)
                    .collect();
            } else if let Some(list) = comment.strip_prefix("temporal:") {
                c.temporal = list.split_whitespace().map(str::to_string).collect();
            }
        } else if let Some(mv) = line.strip_prefix('>') {
            let f: Vec<&str> = mv.split_whitespace().collect();
            let [id, head, rel] = f[..] else {
                return Err(at("a move is `> ID HEAD DEPREL`"));
            };
            let id: usize = id.parse().map_err(|_| at("bad ID"))?;
            let head: usize = head.parse().map_err(|_| at("bad HEAD"))?;
            if id == 0 {
                return Err(at("IDs start at 1"));
            }
            c.moves.insert(id - 1, (head, rel.to_string()));
        } else {
            let f: Vec<&str> = if line.contains('\t') {
                line.split('\t').collect()
            } else {
                line.split_whitespace().collect()
            };
            if f.len() < 8 {
                return Err(at("a word row has at least 8 columns"));
            }
            if f[0].contains(['-', '.']) {
                continue;
            }
            let id: usize = f[0].parse().map_err(|_| at("bad ID"))?;
            if id != c.words.len() + 1 {
                return Err(at("IDs must count 1, 2, 3…"));
            }
            c.forms.push(f[1].to_string());
            c.words.push(ParsedWord {
                span: Span::new(0, 0),
                lemma: f[2].to_string(),
                upos: f[3].to_string(),
                xpos: f[4].to_string(),
                head: f[6].parse().map_err(|_| at("bad HEAD"))?,
                deprel: f[7].to_string(),
            });
        }
    }
    cases.extend(case);
    Ok(cases)
}

/// Run one case; `Err` with what the tree did instead.
fn check(case: &Case) -> Result<(), String> {
    let forms: Vec<&str> = case.forms.iter().map(String::as_str).collect();
    let tree = Tree::new(&case.words, &forms, &case.temporal);
    let mut problems = Vec::new();
    if tree.repairs() != case.repairs {
        problems.push(format!(
            "repairs {:?}, expected {:?}",
            tree.repairs(),
            case.repairs
        ));
    }
    let mut actual = Vec::new();
    for (i, w) in case.words.iter().enumerate() {
        let got = (tree.head(i).map_or(0, |h| h + 1), tree.deprel(i));
        if got != (w.head, w.deprel.as_str()) {
            actual.push(format!("> {} {} {}", i + 1, got.0, got.1));
        }
        let want = case
            .moves
            .get(&i)
            .map_or((w.head, w.deprel.as_str()), |(h, r)| (*h, r.as_str()));
        if got != want {
            problems.push(format!(
                "word {} {:?}: {}/{}, expected {}/{}",
                i + 1,
                forms[i],
                got.0,
                got.1,
                want.0,
                want.1
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n  the tree did: # repairs: {}\n  {}",
            problems.join("\n  "),
            if tree.repairs().is_empty() {
                "none".to_string()
            } else {
                tree.repairs().join(" ")
            },
            actual.join("\n  ")
        ))
    }
}

#[test]
fn every_repair_does_what_its_fixtures_say() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/repairs");
    let names: Vec<&str> = REPAIRS.iter().map(|r| r.name).collect();
    let mut failures = Vec::new();
    let mut fired: Vec<&str> = Vec::new();
    let mut files = 0;
    for entry in fs::read_dir(&dir).expect("tests/repairs") {
        let path = entry.expect("a fixture file").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name")
            .to_string();
        let name = names
            .iter()
            .copied()
            .find(|n| *n == stem)
            .unwrap_or_else(|| panic!("{stem}.txt: no repair is named {stem:?} ({names:?})"));
        files += 1;
        let text = fs::read_to_string(&path).expect("a readable fixture");
        let cases = parse_file(&stem, &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!cases.is_empty(), "{stem}.txt has no case");
        for case in &cases {
            for r in &case.repairs {
                assert!(
                    names.contains(&r.as_str()),
                    "{stem}.txt:{}: unknown repair {r:?}",
                    case.line
                );
            }
            match check(case) {
                Ok(()) if case.repairs.iter().any(|r| r == name) => fired.push(name),
                Ok(()) => {}
                Err(e) => failures.push(format!("{stem}.txt:{}: {e}", case.line)),
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    for name in &names {
        assert!(
            fired.contains(name),
            "no fixture of tests/repairs/{name}.txt shows {name} moving a word"
        );
    }
    assert_eq!(files, names.len(), "one fixture file per repair");
}

#[test]
fn the_repairs_run_in_their_order() {
    let names: Vec<&str> = REPAIRS.iter().map(|r| r.name).collect();
    assert_eq!(
        names,
        [
            "participle-clause",
            "past-tense-modifier",
            "stray-subject",
            "noun-conjoined-verb",
            "finite-xcomp",
            "perfect-participle",
            "determined-verb",
            "stray-passive-subject",
            "nominal-clause",
            "stray-modifier",
            "stray-possessor",
        ]
    );
}

#[test]
fn malformed_trees_are_read_and_never_repaired_into_cycles() {
    let w = |upos: &str, xpos: &str, head: usize, deprel: &str| ParsedWord {
        span: Span::new(0, 0),
        upos: upos.into(),
        xpos: xpos.into(),
        lemma: "x".into(),
        head,
        deprel: deprel.into(),
    };
    // a cycle (1 → 2 → 1), a head out of range, a word that is its own head
    let words = [
        w("NOUN", "NNS", 2, "nsubj"),
        w("VERB", "VBD", 1, "amod"),
        w("NOUN", "NN", 99, "obj"),
        w("ADJ", "JJ", 4, "amod"),
        w("NOUN", "NN", 2, "nsubj"),
    ];
    let forms = ["a", "b", "c", "d"];
    let tree = Tree::new(&words, &forms, &[]);
    assert!(
        tree.repairs().is_empty(),
        "no move is kept on a cyclic tree"
    );
    assert_eq!(tree.head(2), None, "a head out of range reads as the root");
    assert!(tree.children(3).is_empty(), "a word is not its own child");
    assert_eq!(tree.form(4), "", "a word without a form");
    for i in 0..words.len() {
        let _ = (tree.phrase(i), tree.with_conjuncts(i), tree.case_of(i));
        let _ = (tree.by_agent(i), tree.first_of(i), tree.last_of(i));
    }
    let empty = Tree::new(&[], &[], &[]);
    assert!(empty.is_empty() && empty.repairs().is_empty());
}
