//! Unit tests: each expression kind, the never-in-the-future rule, calendar edge cases,
//! distractors, anaphora with and without anchor, and the data loader's checks.

use jiff::civil::{date, Date};

use crate::{
    Anaphor, DateExpr, DateRange, DateResolver, Part, Precision, Relative, Unit, WeekdayWhich,
    BUNDLED_CALENDAR, BUNDLED_NUMBERS, BUNDLED_RELATIVE,
};

/// Publication date of the acceptance checks: a Sunday.
const P: Date = date(2024, 2, 11);

fn tokens(sentence: &str) -> Vec<&str> {
    sentence.split_whitespace().collect()
}

/// All mentions' texts.
fn texts(sentence: &str) -> Vec<String> {
    DateResolver::bundled()
        .find(&tokens(sentence))
        .into_iter()
        .map(|m| m.text)
        .collect()
}

/// The first mention's resolution.
fn first(sentence: &str, p: Date, anchor: Option<&DateRange>) -> Option<DateRange> {
    let r = DateResolver::bundled();
    let toks = tokens(sentence);
    let m = r.find(&toks).into_iter().next()?;
    r.resolve(&m, p, anchor)
}

#[track_caller]
fn expect(
    sentence: &str,
    p: Date,
    anchor: Option<&DateRange>,
    start: Date,
    end: Date,
    precision: Precision,
) {
    let got =
        first(sentence, p, anchor).unwrap_or_else(|| panic!("no date resolved in {sentence:?}"));
    assert_eq!(
        (got.start, got.end, got.precision),
        (start, end, precision),
        "{sentence:?} resolved to {got:?}"
    );
}

#[track_caller]
fn expect_day(sentence: &str, p: Date, d: Date) {
    expect(sentence, p, None, d, d, Precision::Day);
}

#[track_caller]
fn expect_none(sentence: &str) {
    let found = texts(sentence);
    assert!(
        found.is_empty(),
        "{sentence:?} should have no date, found {found:?}"
    );
}

fn anchor_day(d: Date) -> DateRange {
    DateRange {
        start: d,
        end: d,
        precision: Precision::Day,
        text: "Jan. 27".to_string(),
    }
}

// --- the project's acceptance checks (publication 2024-02-11, a Sunday) ---

#[test]
fn acceptance_checks() {
    expect_day(
        "The two sides resumed meetings Sunday in Doha .",
        P,
        date(2024, 2, 11),
    );
    expect_day(
        "The first round took place Jan. 27 in Cairo .",
        P,
        date(2024, 1, 27),
    );
    let a = anchor_day(date(2024, 1, 27));
    expect(
        "Rebels shelled the town the very next day .",
        P,
        Some(&a),
        date(2024, 1, 28),
        date(2024, 1, 28),
        Precision::Day,
    );
    expect(
        "Both governments had agreed last August to a ceasefire .",
        P,
        None,
        date(2023, 8, 1),
        date(2023, 8, 31),
        Precision::Month,
    );
    let week = first("Dockworkers began a strike last week .", P, None).expect("last week");
    assert_eq!(week.precision, Precision::Week);
    assert!(week.contains(date(2024, 2, 4)) && week.contains(date(2024, 2, 10)));
    assert_eq!(
        (week.start, week.end),
        (date(2024, 2, 4), date(2024, 2, 10))
    );
    let a = anchor_day(date(2024, 1, 28));
    let since = first("In the weeks since , the talks have stalled .", P, Some(&a)).expect("since");
    assert_eq!(since.end, date(2024, 2, 11));
    assert_eq!(
        (since.start, since.precision),
        (date(2024, 1, 28), Precision::Range)
    );
    expect_day(
        "As of February 4 , no aid had arrived .",
        P,
        date(2024, 2, 4),
    );
}

// --- absolute expressions ---

#[test]
fn absolute_days() {
    expect_day("Police arrested him on January 27 .", P, date(2024, 1, 27));
    expect_day(
        "The vote was held on 27 January 2024 .",
        P,
        date(2024, 1, 27),
    );
    expect_day("The vote was held on 3 March 2021 .", P, date(2021, 3, 3));
    expect_day(
        "The accord was signed 2024-01-27 in Geneva .",
        P,
        date(2024, 1, 27),
    );
    expect_day(
        "The accord was signed Jan. 27 , 2023 , in Geneva .",
        P,
        date(2023, 1, 27),
    );
    expect_day(
        "The accord was signed January 27 2022 .",
        P,
        date(2022, 1, 27),
    );
    expect_day(
        "Troops withdrew on the 5th of February .",
        P,
        date(2024, 2, 5),
    );
    expect_day("Troops withdrew on Feb. 5th .", P, date(2024, 2, 5));
    expect_day("The summit opened Sept. 9 .", P, date(2023, 9, 9));
    assert_eq!(
        texts("The accord was signed Jan. 27 , 2023 , in Geneva ."),
        ["Jan. 27, 2023"]
    );
}

#[test]
fn absolute_months_and_years() {
    let m = |s: &str, y: i16, mo: i8| {
        let start = date(y, mo, 1);
        expect(s, P, None, start, start.last_of_month(), Precision::Month)
    };
    m("Elections were held in August 2023 .", 2023, 8);
    m("Elections were held August 2023 .", 2023, 8);
    m("Elections were held in August .", 2023, 8);
    m("Talks collapsed in January , officials said .", 2024, 1);
    m("Talks began in February .", 2024, 2);
    m("Prices rose in May , the ministry said .", 2023, 5);
    m("The siege began in March and continues .", 2023, 3);
    expect(
        "The group was founded in 2023 .",
        P,
        None,
        date(2023, 1, 1),
        date(2023, 12, 31),
        Precision::Year,
    );
}

#[test]
fn parts_of_months_and_years() {
    let range = |s: &str, a: Date, b: Date| expect(s, P, None, a, b, Precision::Range);
    range(
        "Fighting flared in mid-January .",
        date(2024, 1, 11),
        date(2024, 1, 20),
    );
    range(
        "Fighting flared in mid - January .",
        date(2024, 1, 11),
        date(2024, 1, 20),
    );
    range(
        "Aid arrived in early February .",
        date(2024, 2, 1),
        date(2024, 2, 10),
    );
    range(
        "Aid arrived in late December .",
        date(2023, 12, 21),
        date(2023, 12, 31),
    );
    range(
        "Aid arrived at the end of January .",
        date(2024, 1, 21),
        date(2024, 1, 31),
    );
    range(
        "Aid arrived in late February 2020 .",
        date(2020, 2, 21),
        date(2020, 2, 29),
    );
    range(
        "The rebels regrouped in late 2023 .",
        date(2023, 9, 1),
        date(2023, 12, 31),
    );
    range(
        "The rebels regrouped in mid-2022 .",
        date(2022, 5, 1),
        date(2022, 8, 31),
    );
    assert_eq!(texts("Aid arrived in early February ."), ["early February"]);
}

#[test]
fn never_in_the_future() {
    // A year-less date after publication belongs to the previous year.
    expect_day("The attack on Feb. 12 killed four .", P, date(2023, 2, 12));
    expect_day(
        "The attack on Dec. 31 killed four .",
        date(2024, 1, 2),
        date(2023, 12, 31),
    );
    expect_day("The attack on Feb. 11 killed four .", P, date(2024, 2, 11));
    // Part of a month: its start decides.
    expect(
        "Talks stalled in late February .",
        P,
        None,
        date(2023, 2, 21),
        date(2023, 2, 28),
        Precision::Range,
    );
    // A month in progress stays in this year.
    expect(
        "Talks stalled in February .",
        P,
        None,
        date(2024, 2, 1),
        date(2024, 2, 29),
        Precision::Month,
    );
    // Weekdays never move forward.
    for s in [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ] {
        let r = first(
            &format!("The ministry said {s} it would respond ."),
            P,
            None,
        )
        .expect(s);
        assert!(r.start <= P && r.start > date(2024, 2, 4), "{s}: {r:?}");
    }
}

#[test]
fn leap_years_and_month_ends() {
    // February 29 without a year: the most recent leap year.
    expect_day(
        "Protests began Feb. 29 .",
        date(2024, 3, 5),
        date(2024, 2, 29),
    );
    expect_day(
        "Protests began Feb. 29 .",
        date(2024, 2, 11),
        date(2020, 2, 29),
    );
    expect_day(
        "Protests began Feb. 29 .",
        date(2023, 6, 1),
        date(2020, 2, 29),
    );
    // February 30 does not exist.
    assert_eq!(first("Protests began Feb. 30 , 2024 .", P, None), None);
    // Last month across a year boundary and a leap February.
    expect(
        "Exports fell last month .",
        date(2024, 1, 15),
        None,
        date(2023, 12, 1),
        date(2023, 12, 31),
        Precision::Month,
    );
    expect(
        "Exports fell last month .",
        date(2024, 3, 31),
        None,
        date(2024, 2, 1),
        date(2024, 2, 29),
        Precision::Month,
    );
    expect(
        "Exports fell last month .",
        date(2023, 3, 31),
        None,
        date(2023, 2, 1),
        date(2023, 2, 28),
        Precision::Month,
    );
    // Months ago from the 31st clamp to the month's end, staying in the right month.
    expect(
        "The decree came two months ago .",
        date(2024, 4, 30),
        None,
        date(2024, 2, 1),
        date(2024, 2, 29),
        Precision::Month,
    );
    // Anaphoric month after January 31.
    let a = anchor_day(date(2024, 1, 31));
    expect(
        "Talks resumed the following month .",
        P,
        Some(&a),
        date(2024, 2, 1),
        date(2024, 2, 29),
        Precision::Month,
    );
    // Last week across a year boundary: 2024-01-02 is a Tuesday.
    expect(
        "Talks failed last week .",
        date(2024, 1, 2),
        None,
        date(2023, 12, 24),
        date(2023, 12, 30),
        Precision::Week,
    );
    // Yesterday across March 1 in a leap year.
    expect_day(
        "Talks failed yesterday .",
        date(2024, 3, 1),
        date(2024, 2, 29),
    );
}

// --- relative to the publication date ---

#[test]
fn weekdays() {
    // P itself when P is the named weekday.
    expect_day("Israel struck Gaza on Sunday .", P, date(2024, 2, 11));
    expect_day("Israel struck Gaza on Saturday .", P, date(2024, 2, 10));
    expect_day("Israel struck Gaza on Monday .", P, date(2024, 2, 5));
    expect_day(
        "Israel struck Gaza on Tuesday .",
        date(2024, 2, 13),
        date(2024, 2, 13),
    );
    expect_day("Israel struck Gaza late Friday .", P, date(2024, 2, 9));
    expect_day("Israel struck Gaza Friday night .", P, date(2024, 2, 9));
    expect_day("On Thursday , the army withdrew .", P, date(2024, 2, 8));
    expect_day("Sunday 's vote was peaceful .", P, date(2024, 2, 11));
    expect_day("Israel struck Gaza last Sunday .", P, date(2024, 2, 4));
    expect_day("Israel struck Gaza last Friday .", P, date(2024, 2, 9));
    expect_day("Envoys will meet next Sunday .", P, date(2024, 2, 18));
    expect_day("Envoys will meet next Monday .", P, date(2024, 2, 12));
    assert_eq!(texts("Israel struck Gaza late Friday ."), ["late Friday"]);
    assert_eq!(texts("Israel struck Gaza on Friday ."), ["Friday"]);
    // An explicit day after the weekday wins.
    expect_day(
        "Rebels said on Sunday , Feb. 4 , that they would talk .",
        P,
        date(2024, 2, 4),
    );
    expect_day(
        "Rebels said on Sunday Feb. 4 that they would talk .",
        P,
        date(2024, 2, 4),
    );
}

#[test]
fn relative_words() {
    let d = |s: &str, x: Date| expect_day(s, P, x);
    d("The minister resigned today .", date(2024, 2, 11));
    d("Today , the minister resigned .", date(2024, 2, 11));
    d("The minister resigned yesterday .", date(2024, 2, 10));
    d(
        "The minister resigned yesterday morning .",
        date(2024, 2, 10),
    );
    d("Shelling continued last night .", date(2024, 2, 10));
    d("The convoy was ambushed two days ago .", date(2024, 2, 9));
    d("The convoy was ambushed 2 days ago .", date(2024, 2, 9));
    d("The convoy was ambushed a day ago .", date(2024, 2, 10));
    let r = |s: &str, a: Date, b: Date, p: Precision| expect(s, P, None, a, b, p);
    r(
        "Rockets hit the city overnight .",
        date(2024, 2, 10),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "Overnight , rockets hit the city .",
        date(2024, 2, 10),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "The envoy arrives this week .",
        date(2024, 2, 11),
        date(2024, 2, 17),
        Precision::Week,
    );
    r(
        "Talks open next week .",
        date(2024, 2, 18),
        date(2024, 2, 24),
        Precision::Week,
    );
    r(
        "Talks failed this month .",
        date(2024, 2, 1),
        date(2024, 2, 29),
        Precision::Month,
    );
    r(
        "Talks failed last month .",
        date(2024, 1, 1),
        date(2024, 1, 31),
        Precision::Month,
    );
    r(
        "Talks failed earlier this month .",
        date(2024, 2, 1),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "Talks failed last year .",
        date(2023, 1, 1),
        date(2023, 12, 31),
        Precision::Year,
    );
    r(
        "Talks failed earlier this year .",
        date(2024, 1, 1),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "Exports have fallen since January .",
        date(2024, 1, 1),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "Exports have fallen since Jan. 27 .",
        date(2024, 1, 27),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "Exports have fallen since 2020 .",
        date(2020, 1, 1),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "Exports have fallen since last August .",
        date(2023, 8, 1),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "The siege began three weeks ago .",
        date(2024, 1, 21),
        date(2024, 1, 27),
        Precision::Week,
    );
    r(
        "Talks resumed over the weekend .",
        date(2024, 2, 10),
        date(2024, 2, 11),
        Precision::Range,
    );
    // Published on a Saturday: the weekend so far is that Saturday.
    expect(
        "Talks resumed over the weekend .",
        date(2024, 2, 10),
        None,
        date(2024, 2, 10),
        date(2024, 2, 10),
        Precision::Range,
    );
    r(
        "Hundreds fled in the past two weeks .",
        date(2024, 1, 28),
        date(2024, 2, 11),
        Precision::Range,
    );
    r(
        "Hundreds fled over the past week .",
        date(2024, 2, 4),
        date(2024, 2, 11),
        Precision::Range,
    );
}

#[test]
fn last_named_month() {
    let m = |p: Date, y: i16, mo: i8| {
        let start = date(y, mo, 1);
        expect(
            "They agreed last August .",
            p,
            None,
            start,
            start.last_of_month(),
            Precision::Month,
        )
    };
    m(P, 2023, 8);
    m(date(2024, 8, 20), 2023, 8);
    m(date(2024, 9, 1), 2024, 8);
    m(date(2024, 7, 31), 2023, 8);
    expect(
        "Talks resume next March .",
        P,
        None,
        date(2024, 3, 1),
        date(2024, 3, 31),
        Precision::Month,
    );
    expect(
        "Talks resumed last May .",
        P,
        None,
        date(2023, 5, 1),
        date(2023, 5, 31),
        Precision::Month,
    );
}

// --- anaphora ---

#[test]
fn anaphora_need_an_anchor() {
    for s in [
        "Rebels shelled the town the next day .",
        "Rebels shelled the town a day later .",
        "Rebels shelled the town two days later .",
        "Rebels shelled the town the following week .",
        "Rebels shelled the town the day before .",
        "Since then , the rebels have shelled the town .",
        "In the weeks since , the rebels have shelled the town .",
        "Rebels shelled the town the same day .",
    ] {
        let found = DateResolver::bundled().find(&tokens(s));
        assert_eq!(found.len(), 1, "{s:?}: {found:?}");
        assert!(found[0].is_anaphoric(), "{s:?}");
        assert_eq!(first(s, P, None), None, "{s:?} resolved without an anchor");
        // A document-precision anchor is the publication date standing in: no anchor.
        let doc = DateRange::document(P);
        assert_eq!(
            first(s, P, Some(&doc)),
            None,
            "{s:?} resolved on a document anchor"
        );
    }
}

#[test]
fn anaphora_with_anchor() {
    let a = anchor_day(date(2024, 1, 27)); // a Saturday
    let d = |s: &str, x: Date| expect(s, P, Some(&a), x, x, Precision::Day);
    d("Rebels shelled the town the next day .", date(2024, 1, 28));
    d("Rebels shelled the town a day later .", date(2024, 1, 28));
    d(
        "Rebels shelled the town two days later .",
        date(2024, 1, 29),
    );
    d(
        "Rebels shelled the town three days earlier .",
        date(2024, 1, 24),
    );
    d(
        "Rebels shelled the town the day before .",
        date(2024, 1, 26),
    );
    d(
        "Rebels shelled the town the previous day .",
        date(2024, 1, 26),
    );
    d(
        "Rebels shelled the town two days after .",
        date(2024, 1, 29),
    );
    d(
        "Rebels shelled the town later that day .",
        date(2024, 1, 27),
    );
    expect(
        "Rebels shelled the town the following week .",
        P,
        Some(&a),
        date(2024, 1, 28),
        date(2024, 2, 3),
        Precision::Week,
    );
    expect(
        "Since then , rebels have shelled the town .",
        P,
        Some(&a),
        date(2024, 1, 27),
        P,
        Precision::Range,
    );
    // A range anchor: forward from its end, backward from its start.
    let week = DateRange {
        start: date(2024, 1, 28),
        end: date(2024, 2, 3),
        precision: Precision::Week,
        text: "last week".to_string(),
    };
    expect(
        "Talks resumed the next day .",
        P,
        Some(&week),
        date(2024, 2, 4),
        date(2024, 2, 4),
        Precision::Day,
    );
    expect(
        "Talks had failed the day before .",
        P,
        Some(&week),
        date(2024, 1, 27),
        date(2024, 1, 27),
        Precision::Day,
    );
    // "the same day" keeps the anchor's precision.
    expect(
        "The same day , talks resumed .",
        P,
        Some(&week),
        date(2024, 1, 28),
        date(2024, 2, 3),
        Precision::Week,
    );
}

#[test]
fn since_with_a_date_is_not_anaphoric() {
    let r = DateResolver::bundled();
    let toks = tokens("In the weeks since Jan. 27 , prices have doubled .");
    let found = r.find(&toks);
    assert_eq!(found.len(), 1);
    assert!(!found[0].is_anaphoric());
    assert_eq!(found[0].text, "In the weeks since Jan. 27");
    let got = r.resolve(&found[0], P, None).expect("since Jan. 27");
    assert_eq!(
        (got.start, got.end, got.precision),
        (date(2024, 1, 27), P, Precision::Range)
    );
    // "since" as a conjunction is not a date, and neither is an open preposition phrase.
    expect_none("Prices have doubled since the government fell .");
    expect_none("In the weeks since the attack , prices have doubled .");
    expect_none("Rebels shelled the town the day before the vote .");
    expect_none("Rebels shelled the town two days after the vote .");
}

// --- distractors ---

#[test]
fn non_dates_do_not_match() {
    expect_none("Iraq may send troops to the border .");
    expect_none("May the talks succeed , the envoy said .");
    expect_none("Thousands joined a protest march in the capital .");
    expect_none("Marchers March on the capital .");
    expect_none("The Sunday Times reported the deal .");
    expect_none("Veterans marked Bloody Sunday in Derry .");
    expect_none("Pilgrims gathered on Good Friday .");
    expect_none("Militias grew in the 1990s .");
    expect_none("Militias grew during the 1990s .");
    expect_none("The clashes killed 27 people .");
    expect_none("Section 2024 of the law bans protests .");
    expect_none("The 2023 election was disputed .");
    expect_none("Officials have recently met rebels .");
    expect_none("The decision came after May resigned .");
    expect_none("The cabinet has changed since May took office .");
    expect_none("A speech by June Okafor drew applause .");
    expect_none("April Ryan asked the question .");
    expect_none("The army imposed an overnight curfew .");
    expect_none("Readers of USA Today were surprised .");
    expect_none("Police found 2023 rounds of ammunition .");
    expect_none("Jan Egeland visited the camp .");
    expect_none("The last week of the talks was tense .");
    expect_none("Voters go to the polls on the last Sunday of March .");
    expect_none("It was the day before the vote .");
    expect_none("A few days later , talks resumed .");
    expect_none("Earlier , the rebels had withdrawn .");
}

#[test]
fn mentions_have_token_spans() {
    let r = DateResolver::bundled();
    let toks =
        tokens("On Sunday , Feb. 11 , 2024 , talks resumed after a pause since last August .");
    let found = r.find(&toks);
    let spans: Vec<_> = found
        .iter()
        .map(|m| (m.start, m.end, m.text.as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            (1, 7, "Sunday, Feb. 11, 2024"),
            (13, 16, "since last August")
        ]
    );
    for m in &found {
        assert_eq!(m.text, crate::find::join(&toks[m.start..m.end]));
    }
}

#[test]
fn expressions_are_read_right() {
    let r = DateResolver::bundled();
    let expr = |s: &str| {
        r.find(&tokens(s))
            .into_iter()
            .next()
            .map(|m| m.expr)
            .unwrap_or_else(|| panic!("nothing in {s:?}"))
    };
    assert_eq!(
        expr("It happened Jan. 27 ."),
        DateExpr::Day {
            year: None,
            month: 1,
            day: 27
        }
    );
    assert_eq!(
        expr("It happened in mid-January ."),
        DateExpr::Month {
            year: None,
            month: 1,
            part: Some(Part::Mid)
        }
    );
    assert_eq!(
        expr("It happened last Tuesday ."),
        DateExpr::Weekday {
            weekday: jiff::civil::Weekday::Tuesday,
            which: WeekdayWhich::Last
        }
    );
    assert_eq!(
        expr("It happened earlier this month ."),
        DateExpr::Relative(Relative::EarlierThisMonth)
    );
    assert_eq!(
        expr("It happened twenty - one days ago ."),
        DateExpr::Ago {
            count: 21,
            unit: Unit::Day
        }
    );
    assert_eq!(
        expr("It happened thirty years ago ."),
        DateExpr::Ago {
            count: 30,
            unit: Unit::Year
        }
    );
    assert_eq!(
        expr("It happened two weeks later ."),
        DateExpr::Anaphoric(Anaphor::Offset {
            count: 2,
            unit: Unit::Week
        })
    );
}

#[test]
fn precision_strings() {
    for (p, s) in [
        (Precision::Day, "day"),
        (Precision::Week, "week"),
        (Precision::Month, "month"),
        (Precision::Year, "year"),
        (Precision::Range, "range"),
        (Precision::Document, "document"),
    ] {
        assert_eq!(p.as_str(), s);
        assert_eq!(s.parse::<Precision>(), Ok(p));
    }
    assert!("decade".parse::<Precision>().is_err());
}

// --- data loading ---

#[test]
fn bundled_data_loads() {
    DateResolver::load_bundled().expect("bundled data is valid");
}

#[test]
fn bad_data_is_reported() {
    let err = DateResolver::from_toml("[[month]]\nnumber = ", BUNDLED_NUMBERS, BUNDLED_RELATIVE)
        .expect_err("broken TOML");
    assert_eq!((err.file, err.line), ("calendar.toml", 2));
    let missing = BUNDLED_CALENDAR.replace("number = 12", "number = 11");
    let err = DateResolver::from_toml(&missing, BUNDLED_NUMBERS, BUNDLED_RELATIVE)
        .expect_err("duplicate month");
    assert!(err.message.contains("listed twice"), "{err}");
    let bad_meaning =
        BUNDLED_RELATIVE.replace("meaning = \"overnight\"", "meaning = \"fortnight\"");
    let err = DateResolver::from_toml(BUNDLED_CALENDAR, BUNDLED_NUMBERS, &bad_meaning)
        .expect_err("unknown meaning");
    assert_eq!(err.file, "relative.toml");
    assert!(err.line > 0, "{err}");
    let no_offset = BUNDLED_RELATIVE.replacen("offset = 1\nunit = \"day\"\n", "", 1);
    let err = DateResolver::from_toml(BUNDLED_CALENDAR, BUNDLED_NUMBERS, &no_offset)
        .expect_err("anaphor without offset");
    assert!(err.message.contains("anaphor-offset"), "{err}");
    let upper = BUNDLED_NUMBERS.replace("one = 1", "One = 1");
    assert!(DateResolver::from_toml(BUNDLED_CALENDAR, &upper, BUNDLED_RELATIVE).is_err());
}
