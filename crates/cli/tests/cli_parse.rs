//! End-to-end tests of `dyad parse`: CoNLL-U from text, gold-token re-parsing, tree shape on
//! extreme sentence lengths, and malformed CoNLL-U reported with file and line.

use std::path::PathBuf;

mod common;
use common::{dyad, run_with_stdin};

/// (id, form, upos, head, deprel) of every word line, per sentence.
type Words = Vec<(usize, String, String, usize, String)>;

fn sentences(conllu: &str) -> Vec<(Vec<String>, Words)> {
    let mut out = Vec::new();
    let mut comments = Vec::new();
    let mut words = Vec::new();
    for line in conllu.lines() {
        if line.is_empty() {
            out.push((std::mem::take(&mut comments), std::mem::take(&mut words)));
        } else if line.starts_with('#') {
            comments.push(line.to_string());
        } else {
            let c: Vec<&str> = line.split('\t').collect();
            assert_eq!(c.len(), 10, "ten columns: {line}");
            if let Ok(id) = c[0].parse::<usize>() {
                words.push((
                    id,
                    c[1].into(),
                    c[3].into(),
                    c[6].parse().expect("head"),
                    c[7].into(),
                ));
            }
        }
    }
    out
}

fn assert_tree(words: &Words) {
    let n = words.len();
    let roots = words.iter().filter(|w| w.3 == 0).count();
    assert_eq!(roots, 1, "exactly one root");
    for w in words {
        assert!(w.3 <= n, "head in range");
        // follow heads to the root without revisiting a word
        let (mut at, mut steps) = (w.0, 0);
        while at != 0 {
            at = words[at - 1].3;
            steps += 1;
            assert!(steps <= n, "cycle through word {}", w.0);
        }
    }
}

#[test]
fn text_input_gives_conllu_with_ids_text_and_trees() {
    let text = b"Iran-backed militants struck a U.S. outpost in Jordan.\n\nTalks Resume in Baghdad\n\nIraq's government condemned the strikes.\n\nRebels attacked the town.";
    let out = run_with_stdin(&["parse", "--id", "t1", "-"], text);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conllu = String::from_utf8_lossy(&out.stdout);
    let sents = sentences(&conllu);
    assert_eq!(sents.len(), 4);
    assert!(sents[0].0.contains(&"# sent_id = t1-0".to_string()));
    assert!(sents[0]
        .0
        .contains(&"# text = Iran-backed militants struck a U.S. outpost in Jordan.".to_string()));
    assert!(sents[1].0.contains(&"# segment = heading".to_string()));
    let forms: Vec<&str> = sents[2].1.iter().map(|w| w.1.as_str()).collect();
    assert_eq!(
        forms,
        [
            "Iraq",
            "'s",
            "government",
            "condemned",
            "the",
            "strikes",
            "."
        ]
    );
    for (_, words) in &sents {
        assert_tree(words);
    }
    // a plain transitive sentence: the verb is the root, with its subject and object
    let last = &sents[3].1;
    let root = last.iter().find(|w| w.3 == 0).expect("root");
    assert_eq!(root.1, "attacked");
    assert_eq!(root.2, "VERB");
    assert!(last
        .iter()
        .any(|w| w.1 == "Rebels" && w.4 == "nsubj" && w.3 == root.0));
    assert!(last
        .iter()
        .any(|w| w.1 == "town" && w.4 == "obj" && w.3 == root.0));
}

#[test]
fn conllu_input_keeps_tokens_and_handles_extreme_lengths() {
    let mut input =
        String::from("# sent_id = one\n# text = Stop\n1\tStop\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
    input.push_str("# sent_id = long\n");
    for i in 1..=520 {
        let form = if i % 10 == 0 { "," } else { "troops" };
        input.push_str(&format!("{i}\t{form}\t_\t_\t_\t_\t_\t_\t_\t_\n"));
    }
    input.push('\n');
    input.push_str("# sent_id = mwt\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n2\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n3\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
    let out = run_with_stdin(&["parse", "--input", "conllu", "-"], input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conllu = String::from_utf8_lossy(&out.stdout);
    let sents = sentences(&conllu);
    assert_eq!(sents.len(), 3);
    assert_eq!(sents[0].1.len(), 1);
    assert_eq!(sents[1].1.len(), 520);
    assert_eq!(sents[2].1.len(), 3);
    assert!(conllu.contains("1-2\tdon't"), "multiword token line kept");
    for (_, words) in &sents {
        assert_tree(words);
    }
}

#[test]
fn malformed_conllu_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("dyad-parse-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path: PathBuf = dir.join("bad.conllu");
    std::fs::write(&path, "1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n2\tB\t_\t_\n\n").expect("write");
    let out = dyad()
        .args(["parse", "--input", "conllu"])
        .arg(&path)
        .output()
        .expect("dyad runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.conllu") && err.contains("line 2"),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing printed for a malformed file"
    );
}
