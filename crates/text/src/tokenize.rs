//! Tokenization compatible with Universal Dependencies English (the EWT treebank's rules).
//!
//! Text is cut at whitespace into chunks, and each chunk is cut further: opening and closing
//! punctuation, sentence punctuation (kept on abbreviations such as "U.S." and "Jan."),
//! clitics ("do|n't", "Iraq|'s", "can|not"), hyphens ("U.S.|-|led", but "e-mail" whole),
//! currency symbols and units ("$|5", "5|kg"). URLs and e-mail addresses stay whole. Every
//! token is a span of the input: the tokenizer never rewrites text, and never drops a
//! non-space character.

use dyad_core::{Span, Token};

use crate::rules::{AbbreviationClass, TextRules};

/// Cut `text` into tokens; spans are shifted by `base` (the text's offset in the document).
pub fn tokenize(text: &str, base: usize, rules: &TextRules, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(8);
    let mut i = 0;
    while i < bytes.len() {
        let (is_space, width) = whitespace_at(text, i);
        if is_space {
            i += width;
            continue;
        }
        let start = i;
        let mut end = i + width;
        while end < bytes.len() {
            let (is_space, width) = whitespace_at(text, end);
            if is_space {
                break;
            }
            end += width;
        }
        pieces.clear();
        let chunk = &text[start..end];
        if chunk.ends_with('.') && ends_sentence_after(&text[end..], rules) {
            split_sentence_final_chunk(chunk, rules, &mut pieces);
        } else {
            split_chunk(chunk, rules, &mut pieces);
        }
        for &(s, e) in &pieces {
            let abs_end = start + e;
            let space_after = abs_end >= bytes.len() || whitespace_at(text, abs_end).0;
            out.push(Token {
                span: Span::new(base + start + s, base + abs_end),
                space_after,
            });
        }
        i = end;
    }
}

/// Is there whitespace at byte `i` of `text` (a char boundary), and how wide is that char?
fn whitespace_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i) {
        None => (false, 1),
        Some(&b) if b < 0x80 => (b.is_ascii_whitespace(), 1),
        Some(_) => text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
    }
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '<' | '`' | '„' | '¿' | '¡'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '\'' | '”' | '’' | '»' | '>' | '`'
    )
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '#')
}

fn is_sentence_punct(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`')
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// Is `core` a URL or an e-mail address (kept as one token)?
fn is_url_or_email(core: &str) -> bool {
    let www = core
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("www."));
    if www || core.contains("://") {
        return true;
    }
    if let Some(at) = core.find('@') {
        let (user, host) = (&core[..at], &core[at + 1..]);
        return !user.is_empty()
            && host.contains('.')
            && !host.ends_with('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    }
    false
}

/// Cut one whitespace-free chunk into token spans relative to the chunk.
fn split_chunk(chunk: &str, rules: &TextRules, out: &mut Vec<(usize, usize)>) {
    // the common case, a plain word: only a contraction can cut it ("dont", "cannot")
    if chunk.bytes().all(|b| b.is_ascii_alphabetic()) {
        match rules.contraction_cut(chunk) {
            Some(cut) => {
                out.push((0, cut));
                out.push((cut, chunk.len()));
            }
            None => out.push((0, chunk.len())),
        }
        return;
    }
    let mut lo = 0;
    let mut hi = chunk.len();
    let mut tail: Vec<(usize, usize)> = Vec::new();
    if !chunk.chars().any(char::is_alphanumeric) {
        split_symbols(chunk, out);
        return;
    }

    // opening punctuation and currency symbols
    while let Some(c) = first_char(&chunk[lo..hi]) {
        let len = c.len_utf8();
        if lo + len >= hi {
            break;
        }
        let next = first_char(&chunk[lo + len..hi]);
        if is_apostrophe(c) && next.is_some_and(|n| n.is_ascii_digit()) {
            break; // '90s
        }
        if c == '<' && !chunk[lo..hi].contains('>') && !chunk[lo..hi].contains('@') {
            break; // "<-" arrows and the like stay whole
        }
        if c == '.' || c == '…' {
            // a leading ellipsis: "...and"
            let run = chunk[lo..hi].bytes().take_while(|&b| b == b'.').count();
            let run = if c == '…' { len } else { run };
            if (c == '…' || run >= 2) && lo + run < hi {
                out.push((lo, lo + run));
                lo += run;
                continue;
            }
            break;
        }
        if matches!(c, '>' | '~') {
            let run = chunk[lo..hi].bytes().take_while(|&b| b == c as u8).count();
            if lo + run < hi {
                out.push((lo, lo + run));
                lo += run;
                continue;
            }
            break;
        }
        if is_opening(c) || (is_currency(c) && next.is_some_and(|n| n.is_ascii_digit())) {
            out.push((lo, lo + len));
            lo += len;
            continue;
        }
        break;
    }

    // closing punctuation, sentence punctuation, separators
    while let Some(c) = last_char(&chunk[lo..hi]) {
        let p = hi - c.len_utf8();
        if p <= lo {
            break;
        }
        if is_closing(c) {
            // a closing quote right after a clitic-like "s'" is a token of its own, as in EWT
            tail.push((p, hi));
            hi = p;
            continue;
        }
        if matches!(c, ',' | ';' | ':') {
            tail.push((p, hi));
            hi = p;
            continue;
        }
        if c == '/'
            && chunk[lo..p]
                .bytes()
                .last()
                .is_some_and(|b| b.is_ascii_alphabetic())
        {
            tail.push((p, hi));
            hi = p;
            continue;
        }
        if c == '%'
            && chunk[lo..p]
                .bytes()
                .last()
                .is_some_and(|b| b.is_ascii_digit())
        {
            tail.push((p, hi));
            hi = p;
            continue;
        }
        if is_sentence_punct(c) {
            let mut r = p;
            while let Some(pc) = last_char(&chunk[lo..r]) {
                if is_sentence_punct(pc) {
                    r -= pc.len_utf8();
                } else {
                    break;
                }
            }
            if r == lo {
                break; // the chunk is all punctuation: one token ("...", "?!")
            }
            if &chunk[r..hi] == "." && keeps_period(&chunk[lo..r], rules) {
                break;
            }
            tail.push((r, hi));
            hi = r;
            continue;
        }
        break;
    }

    if lo < hi {
        split_core(chunk, lo, hi, rules, out);
    }
    out.extend(tail.into_iter().rev());
}

/// A chunk with no letters or digits: emoticons (":)", ":-(") and runs of one character
/// ("**", "------", "!!!") are single tokens; other mixtures split where the character changes,
/// sentence marks (". ! ? …") forming one run ("?!", "...").
fn split_symbols(chunk: &str, out: &mut Vec<(usize, usize)>) {
    const EMOTICONS: &[&str] = &[
        ":)", ":(", ":-)", ":-(", ";)", ";-)", ":/", ":-/", ":'(", "=)", "<3", ":P", ":p", ":D",
    ];
    if EMOTICONS.contains(&chunk) {
        out.push((0, chunk.len()));
        return;
    }
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in chunk.char_indices() {
        if let Some(p) = prev {
            let same = p == c || (is_sentence_punct(p) && is_sentence_punct(c));
            if !same {
                out.push((start, i));
                start = i;
            }
        }
        prev = Some(c);
    }
    if start < chunk.len() {
        out.push((start, chunk.len()));
    }
}

/// Does the text after a chunk ending in "." start a new sentence (or is there none)?
///
/// Used for abbreviations that may end a sentence: as in EWT, "etc." and "p.m." at a sentence
/// end give their period up to the sentence ("etc" "."), while "U.S. Army" keeps "U.S.".
fn ends_sentence_after(rest: &str, rules: &TextRules) -> bool {
    let rest = rest.trim_start();
    let word: &str = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '\'' | '’'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    capital && word.len() <= 12 && rules.is_sentence_starter(&word.to_lowercase())
}

/// Split a chunk that ends a sentence: a terminal abbreviation loses its final period.
fn split_sentence_final_chunk(chunk: &str, rules: &TextRules, out: &mut Vec<(usize, usize)>) {
    let word = &chunk[..chunk.len() - 1];
    let bare = word.trim_start_matches(|c: char| is_opening(c));
    if rules.abbreviation(bare) == Some(AbbreviationClass::Terminal) {
        split_chunk(word, rules, out);
        out.push((chunk.len() - 1, chunk.len()));
    } else {
        split_chunk(chunk, rules, out);
    }
}

/// Does the period after `word` belong to it (abbreviation or initial)?
fn keeps_period(word: &str, rules: &TextRules) -> bool {
    if word.contains("://") {
        return false;
    }
    rules.abbreviation(word).is_some()
}

/// Split `chunk[lo..hi]` as a chunk of its own, appending spans relative to `chunk`.
fn split_sub_chunk(
    chunk: &str,
    lo: usize,
    hi: usize,
    rules: &TextRules,
    out: &mut Vec<(usize, usize)>,
) {
    if lo >= hi {
        return;
    }
    let mut sub = Vec::new();
    split_chunk(&chunk[lo..hi], rules, &mut sub);
    out.extend(sub.into_iter().map(|(s, e)| (s + lo, e + lo)));
}

/// Punctuation that is a token of its own even inside a chunk: "pdf)(See", "Julie\"<julie@x.com".
fn is_hard_punct(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '[' | ']' | '{' | '}' | '"' | '<' | '>' | '“' | '”' | '♥' | '~'
    )
}

/// Cut the core of a chunk (no leading/trailing punctuation) at clitics, hyphens and the like.
fn split_core(chunk: &str, lo: usize, hi: usize, rules: &TextRules, out: &mut Vec<(usize, usize)>) {
    let core = &chunk[lo..hi];
    if is_url_or_email(core) {
        out.push((lo, hi));
        return;
    }
    if let Some((i, c)) = core.char_indices().find(|&(_, c)| is_hard_punct(c)) {
        let at = lo + i;
        split_sub_chunk(chunk, lo, at, rules, out);
        out.push((at, at + c.len_utf8()));
        split_sub_chunk(chunk, at + c.len_utf8(), hi, rules, out);
        return;
    }
    // a word glued to a run of symbols: "News==----", "speech--"
    if let Some(i) = symbol_run_start(core) {
        split_sub_chunk(chunk, lo, lo + i, rules, out);
        out.push((lo + i, hi));
        return;
    }
    // clitics with an apostrophe: n't, 's, 're, 've, 'll, 'd, 'm
    if let Some(cut) = clitic_cut(core) {
        split_inner(chunk, lo, lo + cut, rules, out);
        out.push((lo + cut, hi));
        return;
    }
    // contractions without an apostrophe: "dont", "cannot", "gonna"
    if let Some(cut) = rules.contraction_cut(core) {
        out.push((lo, lo + cut));
        out.push((lo + cut, hi));
        return;
    }
    split_inner(chunk, lo, hi, rules, out);
}

/// Where a trailing run of two or more repeated symbols begins after a word ("News==----").
fn symbol_run_start(core: &str) -> Option<usize> {
    let b = core.as_bytes();
    let mut i = b.len();
    while i > 0 && matches!(b[i - 1], b'=' | b'-' | b'*' | b'_' | b'~' | b'+') {
        i -= 1;
    }
    if i > 0 && b.len() - i >= 2 && b[i - 1].is_ascii_alphanumeric() {
        Some(i)
    } else {
        None
    }
}

/// Where a clitic begins in `core`, if it ends in one.
fn clitic_cut(core: &str) -> Option<usize> {
    let b = core.as_bytes();
    if !b.iter().any(|&c| c == b'\'' || c == b'`' || c == 0xE2) {
        return None; // no apostrophe of any kind
    }
    let n = b.len();
    // find the apostrophe nearest to the end (ASCII ' or `, or U+2019)
    let (apos, apos_len) = if let Some(i) = core.rfind('\'') {
        (i, 1)
    } else if let Some(i) = core.rfind('’') {
        (i, '’'.len_utf8())
    } else if let Some(i) = core.rfind('`') {
        (i, 1)
    } else {
        return None;
    };
    if apos == 0 {
        return None;
    }
    let after = &core[apos + apos_len..];
    let before = &core[..apos];
    let before_last = before.chars().next_back()?;
    let lower_after = after.to_ascii_lowercase();
    if lower_after == "t" && before.len() >= 2 && before.ends_with(['n', 'N']) {
        // do|n't, ca|n't, wo|n't
        let cut = apos - 1;
        if cut == 0 {
            return None;
        }
        return Some(cut);
    }
    if !before_last.is_alphabetic() {
        return None;
    }
    match lower_after.as_str() {
        "s" | "re" | "ve" | "ll" | "d" | "m" => {
            if n > apos {
                Some(apos)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Cut inside a word: hyphens, slashes, inner ellipses and commas, number–unit pairs.
fn split_inner(
    chunk: &str,
    lo: usize,
    hi: usize,
    rules: &TextRules,
    out: &mut Vec<(usize, usize)>,
) {
    let core = &chunk[lo..hi];
    if core.len() < 2 || is_url_or_email(core) {
        out.push((lo, hi));
        return;
    }
    // number followed by a unit: 5kg, 65k, 11:30am, $3M (but 1980s, 3rd, 8th stay whole)
    if let Some(cut) = unit_cut(core) {
        out.push((lo, lo + cut));
        out.push((lo + cut, hi));
        return;
    }
    let bytes = core.as_bytes();
    // find inner cut points
    let mut parts_start = 0;
    let mut piece_start = 0; // start of the current hyphen-separated piece
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'-' {
            // a run of hyphens
            let mut j = i;
            while j < bytes.len() && bytes[j] == b'-' {
                j += 1;
            }
            let left = &core[piece_start..i];
            let right_end = core[j..].find('-').map_or(core.len(), |k| j + k);
            let right = &core[j..right_end];
            let split = if left.is_empty() || right.is_empty() {
                j - i >= 2 && !left.is_empty() && !right.is_empty()
            } else if j - i >= 2 {
                true
            } else {
                hyphen_splits(core, piece_start, left, right, rules)
            };
            if split {
                out.push((lo + parts_start, lo + i));
                out.push((lo + i, lo + j));
                parts_start = j;
            }
            piece_start = j;
            i = j;
            continue;
        }
        if b == b'/' && i > parts_start && i + 1 < bytes.len() {
            let left = &core[parts_start..i];
            let right_end = core[i + 1..]
                .find(['/', '-'])
                .map_or(core.len(), |k| i + 1 + k);
            let right = &core[i + 1..right_end];
            if is_word(left) && is_word(right) {
                out.push((lo + parts_start, lo + i));
                out.push((lo + i, lo + i + 1));
                parts_start = i + 1;
            }
        }
        if b == b'.' && i + 1 < bytes.len() && bytes[i + 1] == b'.' && i > parts_start {
            let mut j = i;
            while j < bytes.len() && bytes[j] == b'.' {
                j += 1;
            }
            if j < bytes.len()
                && bytes[i - 1].is_ascii_alphabetic()
                && bytes[j].is_ascii_alphabetic()
            {
                out.push((lo + parts_start, lo + i));
                out.push((lo + i, lo + j));
                parts_start = j;
            }
            i = j;
            continue;
        }
        if (b == b',' || b == b':')
            && i > parts_start
            && i + 1 < bytes.len()
            && bytes[i - 1].is_ascii_alphabetic()
            && bytes[i + 1].is_ascii_alphabetic()
        {
            out.push((lo + parts_start, lo + i));
            out.push((lo + i, lo + i + 1));
            parts_start = i + 1;
        }
        i += 1;
    }
    if parts_start < core.len() {
        out.push((lo + parts_start, hi));
    }
}

fn is_word(s: &str) -> bool {
    s.len() >= 2 && s.chars().all(char::is_alphabetic)
}

/// Should the single hyphen between `left` and `right` be a token of its own?
fn hyphen_splits(
    core: &str,
    piece_start: usize,
    left: &str,
    right: &str,
    rules: &TextRules,
) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(left) && digits(right) {
        // phone numbers and codes stay whole: 713-853-3989, 646-8420; ranges split: 1969-1970
        let groups = core.split('-').count();
        let phone = groups >= 3 || (right.len() == 4 && (left.len() == 3 || left.len() == 5));
        return !phone;
    }
    if piece_start == 0 && left.chars().all(char::is_alphabetic) {
        let lower = left.to_lowercase();
        if rules.is_hyphen_prefix(&lower) {
            return false;
        }
    }
    // dates and codes of three or more parts with a digit stay whole: 01-Feb-02
    if core.split('-').count() >= 3 && core.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // mixed letter/digit codes such as "ld2d-#69366-1.DOC" stay whole
    let has_alpha = |s: &str| s.chars().any(char::is_alphabetic);
    let has_digit = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
    if (has_alpha(left) && has_digit(left)) || core.contains('#') {
        return false;
    }
    true
}

/// Where a unit begins after a number ("5kg" → 1), if the word is a number and a unit.
fn unit_cut(core: &str) -> Option<usize> {
    let b = core.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    let mut i = 0;
    while i < b.len() && (b[i].is_ascii_digit() || matches!(b[i], b'.' | b',' | b':')) {
        i += 1;
    }
    if i == b.len() || i == 0 || !b[i - 1].is_ascii_digit() {
        return None;
    }
    let unit = &core[i..];
    let lower = unit.to_ascii_lowercase();
    const UNITS: &[&str] = &[
        "k", "m", "bn", "b", "mn", "mln", "kg", "km", "cm", "mm", "mg", "g", "lb", "lbs", "oz",
        "am", "pm", "a.m.", "p.m.", "mph", "kph", "ml", "gb", "mb", "kb", "tb", "ft", "hrs", "hr",
        "min", "mins", "sec", "secs", "yrs", "yr", "x", "c", "f", "p",
    ];
    if UNITS.contains(&lower.as_str()) {
        Some(i)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, 0, TextRules::bundled(), &mut out);
        out.iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect()
    }

    #[test]
    fn clitics_split_as_in_ewt() {
        assert_eq!(toks("don't"), ["do", "n't"]);
        assert_eq!(toks("Iraq's"), ["Iraq", "'s"]);
        assert_eq!(toks("Iraq’s"), ["Iraq", "’s"]);
        assert_eq!(toks("can't won't"), ["ca", "n't", "wo", "n't"]);
        assert_eq!(
            toks("I'm they're we've you'll he'd"),
            ["I", "'m", "they", "'re", "we", "'ve", "you", "'ll", "he", "'d"]
        );
        assert_eq!(
            toks("cannot dont gonna"),
            ["can", "not", "do", "nt", "gon", "na"]
        );
        assert_eq!(toks("friends'"), ["friends", "'"]);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(toks("the U.S. military"), ["the", "U.S.", "military"]);
        assert_eq!(toks("Jan. 27"), ["Jan.", "27"]);
        assert_eq!(
            toks("Gen. Smith, Dr. Jones"),
            ["Gen.", "Smith", ",", "Dr.", "Jones"]
        );
        assert_eq!(toks("at 9 a.m. today"), ["at", "9", "a.m.", "today"]);
        assert_eq!(toks("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
        assert_eq!(toks("the border."), ["the", "border", "."]);
        // a sentence-final abbreviation gives its period to the sentence, as in EWT
        assert_eq!(toks("in the U.S."), ["in", "the", "U.S", "."]);
        assert_eq!(
            toks("at 5 p.m. The talks"),
            ["at", "5", "p.m", ".", "The", "talks"]
        );
        assert_eq!(toks("pens, etc. But"), ["pens", ",", "etc", ".", "But"]);
        assert_eq!(toks("the U.S. Army"), ["the", "U.S.", "Army"]);
        assert_eq!(toks("Gen. The"), ["Gen.", "The"]);
    }

    #[test]
    fn hyphens_follow_ewt() {
        assert_eq!(toks("U.S.-led"), ["U.S.", "-", "led"]);
        assert_eq!(toks("Iran-backed"), ["Iran", "-", "backed"]);
        assert_eq!(toks("e-mail non-stop"), ["e-mail", "non-stop"]);
        assert_eq!(toks("713-853-3989"), ["713-853-3989"]);
        assert_eq!(toks("CA 94720-1900"), ["CA", "94720-1900"]);
        assert_eq!(toks("01-Feb-02"), ["01-Feb-02"]);
        assert_eq!(toks("1969-1970"), ["1969", "-", "1970"]);
        assert_eq!(toks("politics--the"), ["politics", "--", "the"]);
    }

    #[test]
    fn numbers_currency_units() {
        assert_eq!(
            toks("$5,000 and 2,500 troops"),
            ["$", "5,000", "and", "2,500", "troops"]
        );
        assert_eq!(
            toks("3.5% of 5kg at 11:30am"),
            ["3.5", "%", "of", "5", "kg", "at", "11:30", "am"]
        );
        assert_eq!(toks("the 1980s, 3rd"), ["the", "1980s", ",", "3rd"]);
    }

    #[test]
    fn urls_and_emails_whole() {
        assert_eq!(
            toks("see http://www.bbc.co.uk/news."),
            ["see", "http://www.bbc.co.uk/news", "."]
        );
        assert_eq!(
            toks("<ekrapels@esaibos.com>"),
            ["<", "ekrapels@esaibos.com", ">"]
        );
        assert_eq!(toks("www.example.org"), ["www.example.org"]);
    }

    #[test]
    fn quotes_brackets_and_ellipses() {
        assert_eq!(
            toks("\"Peace,\" he said (again)."),
            ["\"", "Peace", ",", "\"", "he", "said", "(", "again", ")", "."]
        );
        assert_eq!(toks("wait... what?!"), ["wait", "...", "what", "?!"]);
        assert_eq!(toks("dead...Long"), ["dead", "...", "Long"]);
        assert_eq!(toks("and/or"), ["and", "/", "or"]);
        assert_eq!(toks("NOTE:If"), ["NOTE", ":", "If"]);
        assert_eq!(toks(">> Turn"), [">>", "Turn"]);
        assert_eq!(toks("pdf)(See"), ["pdf", ")", "(", "See"]);
        assert_eq!(toks("News==---- ** :)"), ["News", "==----", "**", ":)"]);
        assert_eq!(toks("‘Talks’"), ["‘", "Talks", "’"]);
    }

    #[test]
    fn spans_cover_every_non_space_character() {
        let text = "Kataib Hezbollah’s “ceasefire” (announced Jan. 30) — U.S.-led; 4/14/00 …";
        let mut out = Vec::new();
        tokenize(text, 10, TextRules::bundled(), &mut out);
        let joined: String = out
            .iter()
            .map(|t| &text[t.span.start - 10..t.span.end - 10])
            .collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, expected);
        for w in out.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
    }
}
