//! Sentence splitting of a paragraph's tokens, tuned for news.
//!
//! A sentence ends at a terminal mark (". ! ? …" and runs of them) together with any closing
//! quotes and brackets attached to it, when what follows can start a sentence. Abbreviations
//! keep their period inside their token ("U.S.", "Jan."), so "Jan. 27" and "Gen. Smith" never
//! end a sentence; an abbreviation that may end one ("U.S.", "Inc.") does so only before a
//! typical sentence opener ("... with the U.S. The talks ..."). Decimals, initials, URLs and
//! ellipses inside a sentence are single tokens and are never boundaries. A paragraph's end
//! is always a sentence end, so headlines and lines without a final stop are sentences of
//! their own. Reference marks after a stop ("... in 1805. [19]") stay with their sentence, a
//! list marker keeps its item ("1. The nature ..."), and a full dateline ("Tuesday, September
//! 1, 2015") run in between a headline and a first sentence is a sentence of its own. The
//! splitter only groups tokens: it never moves or changes a span.

use std::ops::Range;

use dyad_core::Token;

use crate::boundary::{each_gap, token_text, BoundaryModel, Infos};
use crate::rules::{AbbreviationClass, DatelineWord, TextRules};

fn is_terminal_run(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_ellipsis(s: &str) -> bool {
    s == "…" || (s.len() >= 2 && s.bytes().all(|b| b == b'.'))
}

fn is_closer(s: &str) -> bool {
    matches!(s, ")" | "]" | "}" | "\"" | "”" | "’" | "'" | "»")
}

fn is_opener(s: &str) -> bool {
    matches!(s, "(" | "[" | "{" | "\"" | "“" | "‘" | "'" | "«")
}

/// The end (one past the `]`) of a reference mark that starts at token `i`: a bracketed
/// number or short lowercase note ("[17]", "[citation needed]", "[note 3]"), as
/// encyclopaedic and scraped text puts after a sentence's final stop. Such marks belong to
/// the sentence before them.
fn reference_mark_end(tokens: &[Token], text: &str, i: usize) -> Option<usize> {
    let tok = |k: usize| token_text(text, &tokens[k]);
    if i >= tokens.len() || tok(i) != "[" {
        return None;
    }
    let mut k = i + 1;
    while k < tokens.len() && k <= i + 4 {
        let t = tok(k);
        if t == "]" {
            return (k > i + 1).then_some(k + 1);
        }
        let note = t
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_lowercase() || c == '-');
        if !note {
            return None;
        }
        k += 1;
    }
    None
}

/// The number of tokens of a dateline that starts at token `i` ("Tuesday , September 1 ,
/// 2015"), when it stands as a sentence of its own: the word before it is not a lead word
/// ("on", "since": `dateline_words.tsv`) nor a comma, and what follows it is the paragraph's
/// end or a capitalised word. Headlines, datelines and first sentences of scraped articles
/// run together on one line this way.
fn dateline_len(tokens: &[Token], text: &str, rules: &TextRules, i: usize) -> Option<usize> {
    let tok = |k: usize| tokens.get(k).map_or("", |t| token_text(text, t));
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    // runs at every token: the cheap comparisons go before the table lookups
    let shape = tok(i + 1) == ","
        && tok(i + 4) == ","
        && digits(tok(i + 3), 1..=2)
        && digits(tok(i + 5), 4..=4)
        && rules.dateline_word(tok(i)) == Some(DatelineWord::Weekday)
        && rules.dateline_word(tok(i + 2)) == Some(DatelineWord::Month);
    if !shape {
        return None;
    }
    if i > 0 {
        let before = tok(i - 1);
        if before == "," || rules.dateline_word(&before.to_lowercase()) == Some(DatelineWord::Lead)
        {
            return None;
        }
    }
    let after_ok =
        i + 6 >= tokens.len() || tok(i + 6).chars().next().is_some_and(char::is_uppercase);
    after_ok.then_some(6)
}

/// True when tokens `start..i` are a list marker, a number of one or two digits ("1", "12"),
/// that the period at `i` closes: "1. The nature of the message ..." is one sentence.
fn is_list_marker(tokens: &[Token], text: &str, start: usize, i: usize) -> bool {
    if i != start + 1 {
        return false;
    }
    let t = token_text(text, &tokens[start]);
    (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// The most tokens a sentence may have. No sentence of real news comes near it (the longest
/// of the 7,047 in the Reuters sample has 225); longer runs are tables, lists or text without
/// stops, and would cost the tagger, parser and coder time that grows faster than their
/// length. [`split_sentences`] cuts them with [`cap_sentence_length`].
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Split a paragraph's tokens into sentences; returns the index ranges of the sentences.
///
/// `text` is the document's clean text that the token spans point into. The rules decide
/// first; the bundled [`BoundaryModel`] then adds confident boundaries where there is no
/// terminal mark and drops rule boundaries it is confident are wrong. No sentence is longer
/// than [`MAX_SENTENCE_TOKENS`].
pub fn split_sentences(tokens: &[Token], text: &str, rules: &TextRules) -> Vec<Range<usize>> {
    let ranges = split_sentences_with(tokens, text, rules, Some(BoundaryModel::bundled()));
    cap_sentence_length(ranges, tokens, text, MAX_SENTENCE_TOKENS)
}

/// Cut every range longer than `max` tokens into pieces of at most `max`: each piece ends
/// after the last `;`, `,` or `:` of its second half, else at `max` tokens. Ranges within the
/// limit are returned as they are.
pub fn cap_sentence_length(
    ranges: Vec<Range<usize>>,
    tokens: &[Token],
    text: &str,
    max: usize,
) -> Vec<Range<usize>> {
    let max = max.max(2);
    if ranges.iter().all(|r| r.len() <= max) {
        return ranges;
    }
    let mut out = Vec::with_capacity(ranges.len() + 1);
    for r in ranges {
        let mut start = r.start;
        while r.end - start > max {
            let window = start + max / 2..start + max;
            let end = window
                .rev()
                .find(|&k| matches!(token_text(text, &tokens[k]), ";" | "," | ":"))
                .map_or(start + max, |k| k + 1);
            out.push(start..end);
            start = end;
        }
        out.push(start..r.end);
    }
    out
}

/// [`split_sentences`] with a given model, or with the rules alone when `model` is `None`.
pub fn split_sentences_with(
    tokens: &[Token],
    text: &str,
    rules: &TextRules,
    model: Option<&BoundaryModel>,
) -> Vec<Range<usize>> {
    let by_rule = rule_sentences(tokens, text, rules);
    let Some(model) = model else {
        return by_rule;
    };
    if tokens.len() < 2 {
        return by_rule;
    }
    let mut rule_start = vec![false; tokens.len()];
    for r in &by_rule {
        if let Some(x) = rule_start.get_mut(r.start) {
            *x = true;
        }
    }
    let first_lower = |i: usize| {
        let t = &tokens[i];
        text.get(t.span.start..t.span.end)
            .and_then(|s| s.chars().next())
            .is_none_or(|c| {
                c.is_lowercase() || matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '%')
            })
    };
    // Which gaps the model may change: a rule boundary before a lowercase word ("?\" she
    // said") may be dropped; a boundary may be added between whitespace-separated tokens
    // before a word that is not lowercase. Other gaps are not even scored.
    let want = |i: usize, rule: bool| {
        if rule {
            first_lower(i)
        } else {
            tokens[i - 1].space_after && !first_lower(i)
        }
    };
    let mut infos = Infos::new(tokens, text, rules);
    let mut cut = rule_start.clone();
    each_gap(&mut infos, &rule_start, want, |i, feats, a| {
        let s = model.score(feats);
        if rule_start[i] {
            cut[i] = s >= -model.veto_threshold;
        } else {
            // never after a title or month abbreviation or an initial ("Gen. Smith",
            // "George W. Bush"), a plain number ("900,000 Class A shares"), nor after an
            // opening bracket or quote
            cut[i] = s > model.add_threshold
                && reference_mark_end(tokens, text, i).is_none()
                && !a.is_title_abbreviation()
                && !a.is_number()
                && !a.is_opener();
        }
    });
    let mut out = Vec::with_capacity(by_rule.len() + 1);
    let mut start = 0;
    for (i, &c) in cut.iter().enumerate().skip(1) {
        if c {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..tokens.len());
    out
}

/// The rule-based segmentation alone (no model); see the module documentation.
pub fn rule_sentences(tokens: &[Token], text: &str, rules: &TextRules) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let tok = |i: usize| token_text(text, &tokens[i]);
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if let Some(n) = dateline_len(tokens, text, rules, i) {
            if i > start {
                out.push(start..i);
            }
            out.push(i..i + n);
            start = i + n;
            i += n;
            continue;
        }
        let t = tok(i);
        let mut end_here = false;
        let mut last = i; // last token of the sentence if it ends here
        if is_terminal_run(t) {
            // absorb closing quotes/brackets attached to the mark
            let mut j = i + 1;
            while j < tokens.len()
                && is_closer(tok(j))
                && tokens[j - 1].span.end == tokens[j].span.start
            {
                j += 1;
            }
            // and reference marks after it ("... in 1805. [19] [20]")
            while let Some(end) = reference_mark_end(tokens, text, j) {
                j = end;
            }
            last = j - 1;
            if j >= tokens.len() {
                end_here = true;
            } else {
                let next = tok(j);
                let first = next.chars().next().unwrap_or(' ');
                end_here = if is_ellipsis(t) {
                    first.is_uppercase()
                } else {
                    // ". ! ?" end a sentence unless punctuation continues it ("?," "!)")
                    !matches!(next, "," | ";" | ":" | ")" | "]" | "}" | "-" | "--")
                };
                // a mark glued to the next word ("end.Next") is not a boundary
                if tokens[last].span.end == tokens[j].span.start && !is_opener(next) {
                    end_here = false;
                }
                if t == "." && is_list_marker(tokens, text, start, i) {
                    end_here = false;
                }
            }
        } else if t.len() > 1 && t.ends_with('.') && i + 1 < tokens.len() {
            let word = &t[..t.len() - 1];
            if rules.abbreviation(word) == Some(AbbreviationClass::Terminal) {
                let next = tok(i + 1);
                let lower = next.to_lowercase();
                let capital = next.chars().next().is_some_and(char::is_uppercase);
                end_here = capital && rules.is_sentence_starter(&lower);
            }
        }
        if end_here {
            out.push(start..last + 1);
            start = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<String> {
        let rules = TextRules::bundled();
        let mut toks = Vec::new();
        tokenize(text, 0, rules, &mut toks);
        split_sentences(&toks, text, rules)
            .into_iter()
            .map(|r| text[toks[r.start].span.start..toks[r.end - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn a_sentence_without_stops_is_cut_at_the_limit() {
        let rules = TextRules::bundled();
        // 600 tokens, a comma every 100 words, no stop
        let text = (0..6)
            .map(|_| format!("{} ,", "rebels attacked posts and ".repeat(25).trim_end()))
            .collect::<Vec<_>>()
            .join(" ");
        let mut toks = Vec::new();
        tokenize(&text, 0, rules, &mut toks);
        let ranges = split_sentences(&toks, &text, rules);
        assert!(ranges.iter().all(|r| r.len() <= MAX_SENTENCE_TOKENS));
        // cut after a comma in the second half of each window, and nothing lost in between
        assert_eq!(ranges.first().map(|r| r.len()), Some(202));
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(toks.len()));
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        // without any comma: hard cuts at the limit
        let plain = "word ".repeat(600);
        let mut toks = Vec::new();
        tokenize(&plain, 0, rules, &mut toks);
        let lens: Vec<usize> = split_sentences(&toks, &plain, rules)
            .iter()
            .map(|r| r.len())
            .collect();
        assert_eq!(lens, [250, 250, 100]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = sentences("The meeting took place Jan. 27 in Baghdad. Gen. Smith and Sen. Jones of the U.S. Army spoke at 9 a.m. on Feb. 4. It ended.");
        assert_eq!(
            s,
            [
                "The meeting took place Jan. 27 in Baghdad.",
                "Gen. Smith and Sen. Jones of the U.S. Army spoke at 9 a.m. on Feb. 4.",
                "It ended.",
            ]
        );
    }

    #[test]
    fn reference_marks_stay_with_the_sentence_before() {
        let s = sentences("The army withdrew in 1805. [19] [20] Talks began later. [citation needed] He died [3] in 1820.");
        assert_eq!(
            s,
            [
                "The army withdrew in 1805. [19] [20]",
                "Talks began later. [citation needed]",
                "He died [3] in 1820.",
            ]
        );
        // a bracket that is not a reference mark starts a sentence as before
        let s = sentences("The army withdrew. [Reporting by Jane Doe]");
        assert_eq!(s, ["The army withdrew.", "[Reporting by Jane Doe]"]);
    }

    #[test]
    fn datelines_list_markers_and_circa() {
        let s = sentences(
            "Rebels seize port town Tuesday, September 1, 2015 Rebels seized the port on Monday.",
        );
        assert_eq!(
            s,
            [
                "Rebels seize port town",
                "Tuesday, September 1, 2015",
                "Rebels seized the port on Monday.",
            ]
        );
        // after a lead word, or followed by a comma, the date is part of the sentence
        let s = sentences("The truce began on Tuesday, September 1, 2015 And it held.");
        assert_eq!(
            s,
            ["The truce began on Tuesday, September 1, 2015 And it held."]
        );
        let s = sentences("The truce ended Tuesday, September 1, 2015, after clashes.");
        assert_eq!(
            s,
            ["The truce ended Tuesday, September 1, 2015, after clashes."]
        );
        let s = sentences("1. The army withdrew. 2. Talks resumed.");
        assert_eq!(s, ["1. The army withdrew.", "2. Talks resumed."]);
        let s = sentences("Norton (c. 1818 – 1880) was born in London. He earned a Ph.D. in law.");
        assert_eq!(
            s,
            [
                "Norton (c. 1818 – 1880) was born in London.",
                "He earned a Ph.D. in law."
            ]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end() {
        let s = sentences("Talks resumed between Iraq and the U.S. The next round is in March.");
        assert_eq!(
            s,
            [
                "Talks resumed between Iraq and the U.S.",
                "The next round is in March."
            ]
        );
        let s = sentences("He works for Acme Inc. She works for No. 10 Downing St. in London.");
        assert_eq!(
            s,
            [
                "He works for Acme Inc.",
                "She works for No. 10 Downing St. in London."
            ]
        );
    }

    #[test]
    fn quotes_brackets_decimals_ellipses() {
        let s = sentences("\"We will respond,\" he said. \"Now.\" Prices rose 3.5 percent (to $4.20). Then... nothing. Wait… What?");
        assert_eq!(
            s,
            [
                "\"We will respond,\" he said.",
                "\"Now.\"",
                "Prices rose 3.5 percent (to $4.20).",
                "Then... nothing.",
                "Wait…",
                "What?",
            ]
        );
    }

    #[test]
    fn initials_and_urls() {
        let s = sentences("George W. Bush visited www.example.com. He left.");
        assert_eq!(s, ["George W. Bush visited www.example.com.", "He left."]);
    }

    #[test]
    fn news_sentences_with_capitalised_words_stay_whole() {
        for text in [
            "Iraq and the U.S.-led military coalition resumed meetings Sunday on how to draw down troops who have been deployed there for years combating the Islamic State.",
            "Kataib Hezbollah, a part of PMF, has been implicated in attacks against U.S. interests, sparking tensions between Iraq, the U.S., and Iran.",
            "Officials said Tuesday the Pentagon would send more troops to Jordan and Syria.",
            "It said if it acquires all of Debron, it will repurchase 900,000 Class A shares now owned by Debron.",
            "The underwriters said the initial offering of 833,334 Schult Homes Corp units is being made at five dlrs per unit.",
            "AM International Inc, reporting an operating loss for the January 31 second quarter, said prospects remain good.",
            "Prime Minister Mohammed Shia al-Sudani met Gen. Michael Kurilla of U.S. Central Command in Baghdad on Monday.",
        ] {
            assert_eq!(sentences(text), [text]);
        }
    }

    #[test]
    fn model_adds_boundaries_without_stops() {
        let text = "Please review the attached draft and let me know if you have any comments. Thanks, Dawn";
        assert_eq!(
            sentences(text),
            [
                "Please review the attached draft and let me know if you have any comments.",
                "Thanks,",
                "Dawn",
            ]
        );
        // the rules alone do not split "Thanks, Dawn"
        let rules = TextRules::bundled();
        let mut toks = Vec::new();
        tokenize(text, 0, rules, &mut toks);
        assert_eq!(split_sentences_with(&toks, text, rules, None).len(), 2);
    }

    #[test]
    fn question_and_exclamation() {
        let s = sentences("Is a truce holding? Officials say yes! More talks follow");
        assert_eq!(
            s,
            [
                "Is a truce holding?",
                "Officials say yes!",
                "More talks follow"
            ]
        );
    }
}
