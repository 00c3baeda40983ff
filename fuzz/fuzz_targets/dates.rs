//! Fuzz target `dates`: bytes as a sentence's text, tokenized by dyad's tokenizer, through
//! `DateResolver::find` and `resolve`; the first three bytes choose the publication date
//! (within about ±90 years of 2000, or the ends of the calendar to reach overflow). Checks
//! that mentions are in order, apart and inside the sentence; that a range never runs
//! backwards and has the shape its precision says (a day is one day, a week Sunday to
//! Saturday, a month and a year whole); that an anaphor without anchor and an anchor of
//! precision `document` give nothing; that a year-less date never starts after publication
//! and "N units ago" never ends after it.
#![no_main]

use libfuzzer_sys::fuzz_target;

use dyad_dates::{Date, DateExpr, DateRange, DateResolver, Precision, Weekday};
use dyad_fuzz::MAX_INPUT;

fn publication(b: [u8; 3]) -> Option<Date> {
    let base = jiff::civil::date(2000, 1, 1);
    match b[0] {
        0 => Some(Date::MIN),
        1 => Some(Date::MAX),
        2 => Date::MAX
            .checked_sub(jiff::Span::new().days(i64::from(b[1])))
            .ok(),
        3 => Date::MIN
            .checked_add(jiff::Span::new().days(i64::from(b[1])))
            .ok(),
        _ => {
            let offset = i64::from(i16::from_le_bytes([b[1], b[2]]));
            base.checked_add(jiff::Span::new().days(offset)).ok()
        }
    }
}

fn check_shape(r: &DateRange, what: &str) {
    assert!(r.start <= r.end, "{what}: {r:?} runs backwards");
    match r.precision {
        Precision::Day => assert_eq!(r.start, r.end, "{what}: a day of several days"),
        Precision::Week => {
            assert_eq!(r.start.weekday(), Weekday::Sunday, "{what}: {r:?}");
            assert_eq!(r.end.weekday(), Weekday::Saturday, "{what}: {r:?}");
        }
        Precision::Month => {
            assert_eq!(r.start.day(), 1, "{what}: {r:?}");
            assert_eq!(r.end, r.end.last_of_month(), "{what}: {r:?}");
            assert_eq!(
                (r.start.year(), r.start.month()),
                (r.end.year(), r.end.month())
            );
        }
        Precision::Year => {
            assert_eq!((r.start.month(), r.start.day()), (1, 1), "{what}: {r:?}");
            assert_eq!((r.end.month(), r.end.day()), (12, 31), "{what}: {r:?}");
            assert_eq!(r.start.year(), r.end.year());
        }
        Precision::Range => {}
        Precision::Document => panic!("{what}: resolve gave precision document"),
    }
}

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    if data.len() < 3 {
        return;
    }
    let Some(published) = publication([data[0], data[1], data[2]]) else {
        return;
    };
    let (text, _) = dyad_text::decode_lossy(&data[3..]);
    let mut tokens = Vec::new();
    dyad_text::tokenize::tokenize(&text, 0, dyad_text::TextRules::bundled(), &mut tokens);
    let words: Vec<&str> = tokens
        .iter()
        .filter_map(|t| text.get(t.span.start..t.span.end))
        .collect();
    let resolver = DateResolver::bundled();
    let mentions = resolver.find(&words);
    let mut last_end = 0;
    let mut anchor: Option<DateRange> = None;
    for m in &mentions {
        assert!(
            m.start < m.end && m.end <= words.len(),
            "mention {}..{}",
            m.start,
            m.end
        );
        assert!(m.start >= last_end, "mentions overlap or run out of order");
        last_end = m.end;
        assert!(!m.text.is_empty(), "a mention without text");
        let alone = resolver.resolve(m, published, None);
        if m.is_anaphoric() {
            assert_eq!(alone, None, "anaphor {:?} resolved with no anchor", m.text);
            let doc = DateRange::document(published);
            assert_eq!(
                resolver.resolve(m, published, Some(&doc)),
                None,
                "anaphor {:?} anchored on the publication stand-in",
                m.text
            );
        }
        if let Some(r) = &alone {
            check_shape(r, &m.text);
            match &m.expr {
                DateExpr::Day { year: None, .. } | DateExpr::Month { year: None, .. } => {
                    assert!(
                        r.start <= published,
                        "year-less {:?} → {r:?} after {published}",
                        m.text
                    );
                }
                DateExpr::Ago { count, .. } if *count >= 1 => {
                    assert!(r.end <= published, "{:?} → {r:?} after {published}", m.text);
                }
                _ => {}
            }
        }
        if let Some(a) = &anchor {
            if let Some(r) = resolver.resolve(m, published, Some(a)) {
                check_shape(&r, &m.text);
            }
        }
        if let Some(r) = alone {
            anchor = Some(r);
        }
    }
});
