//! Scoring coded events against gold records: precision/recall/F1 per root and overall at
//! three strictness levels, pass/fail per record and category, and explanations.
//!
//! Matching is one-to-one within a record: each expected event takes the first coded event
//! of that record that matches it at the level. A record passes when its coded triple set
//! equals the expected set exactly (PETRARCH's rule); `noevents` and `error` records pass when
//! nothing is coded. Unannotated records are coded and counted but not scored.
//!
//! Article-level gold (several sentences a record, events with the day, the country and the
//! dead) is scored the same way, record by record ([`RecordScore`], at the root+countries
//! level), and the matched events' attributes are checked where the gold gives them
//! ([`Attributes`]): the date is right when the gold day lies in the coded range and that
//! range is at most a week; the country when the event's place is in it; the fatalities when
//! the counts are equal. This module only counts; it never codes, reads or prints.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::gold::{normalize_code, Expected, GoldEvent, GoldRecord};

/// A coded event as the scorer sees it: the fields of [`dyad_core::Event`] that gold is
/// matched on, with actor codes normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coded {
    /// Source code (normalised: `None` for no source).
    pub source: Option<String>,
    /// Target code.
    pub target: Option<String>,
    /// Event code.
    pub code: String,
    /// The verb rule that fired.
    pub rule: String,
    /// The actor entries of the source.
    pub source_entry: Option<String>,
    /// The actor entries of the target.
    pub target_entry: Option<String>,
    /// The sentence it came from.
    pub sentence: String,
    /// First day of the event's date (YYYY-MM-DD).
    pub date_start: Option<String>,
    /// Last day.
    pub date_end: Option<String>,
    /// The country of the event's place.
    pub country: Option<String>,
    /// People reported killed.
    pub fatalities: Option<u32>,
}

impl Coded {
    /// The scorer's view of an event.
    pub fn from_event(e: &dyad_core::Event) -> Self {
        Coded {
            source: normalize_code(e.source.code.as_deref()),
            target: normalize_code(e.target.code.as_deref()),
            code: e.cameo.clone(),
            rule: e.verb.rule.clone(),
            source_entry: e.source.entry.clone(),
            target_entry: e.target.entry.clone(),
            sentence: e.sentence.clone(),
            date_start: e.date.start.clone(),
            date_end: e.date.end.clone(),
            country: e.location.as_ref().map(|l| l.country.clone()),
            fatalities: e.fatalities,
        }
    }
}

/// How strictly an event must agree with a gold event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The CAMEO root only.
    Root,
    /// The root and the source's and target's countries (first three letters; `---` for none).
    RootCountries,
    /// Source, target and code exactly.
    Exact,
}

impl Level {
    /// All levels, loosest first.
    pub const ALL: [Level; 3] = [Level::Root, Level::RootCountries, Level::Exact];

    /// The level's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Level::Root => "root",
            Level::RootCountries => "root+countries",
            Level::Exact => "exact",
        }
    }
}

fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

fn country(code: &Option<String>) -> &str {
    match code {
        Some(c) => c.get(..3).unwrap_or(c),
        None => "---",
    }
}

fn code_ok(gold: &GoldEvent, code: &str, exact: bool) -> bool {
    gold.codes.iter().any(|g| {
        if g.len() == 2 || !exact {
            root(g) == root(code)
        } else {
            g == code
        }
    })
}

/// Does coded event `c` match gold event `g` at `level`?
pub fn matches(level: Level, g: &GoldEvent, c: &Coded) -> bool {
    match level {
        Level::Root => code_ok(g, &c.code, false),
        Level::RootCountries => {
            code_ok(g, &c.code, false)
                && g.sources.iter().any(|s| country(s) == country(&c.source))
                && g.targets.iter().any(|t| country(t) == country(&c.target))
        }
        Level::Exact => {
            code_ok(g, &c.code, true)
                && g.sources.contains(&c.source)
                && g.targets.contains(&c.target)
        }
    }
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matched events.
    pub matched: usize,
    /// Coded events.
    pub coded: usize,
    /// Gold events.
    pub gold: usize,
    /// matched / coded.
    pub precision: f64,
    /// matched / gold.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Prf {
    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        // one-to-one matching: the matches of coded events and of gold events are the same
        self.precision = ratio(self.matched, self.coded);
        self.recall = ratio(self.matched, self.gold);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

/// One level's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelReport {
    /// The level.
    pub level: Level,
    /// All roots together.
    pub overall: Prf,
    /// By CAMEO root (of the gold event for matches and misses, of the coded event for extras).
    pub per_root: BTreeMap<String, Prf>,
}

/// Pass counts of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PassCount {
    /// Records that passed.
    pub passed: usize,
    /// Records scored.
    pub total: usize,
}

/// A miss or an extra event, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The record.
    pub record: String,
    /// Its category.
    pub category: Option<String>,
    /// "miss" (expected, not coded) or "extra" (coded, not expected).
    pub kind: &'static str,
    /// Source, target, code of the event (alternatives joined with `|`).
    pub source: String,
    /// The target.
    pub target: String,
    /// The code.
    pub code: String,
    /// For extras: the rule and actor entries that made the event.
    pub rule: Option<String>,
    /// Source actor entries.
    pub source_entry: Option<String>,
    /// Target actor entries.
    pub target_entry: Option<String>,
    /// The sentence (extras) or the record's text (misses).
    pub text: String,
}

/// One record's figures at the root+countries level (per article, for article-level gold).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordScore {
    /// The record.
    pub id: String,
    /// Its figures.
    pub prf: Prf,
}

/// How often the matched events' date, country and fatalities are right, over the matched
/// events (root+countries level) whose gold gives them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Attributes {
    /// Matched events whose gold gives a day.
    pub dated: usize,
    /// Of those, coded with a range holding that day, at most a week long.
    pub date_right: usize,
    /// Matched events whose gold gives a country.
    pub located: usize,
    /// Of those, placed in that country.
    pub country_right: usize,
    /// Matched events whose gold gives a death toll.
    pub counted: usize,
    /// Of those, with that toll.
    pub fatalities_right: usize,
}

impl Attributes {
    fn add(&mut self, g: &GoldEvent, c: &Coded) {
        if let Some(day) = g.date {
            self.dated += 1;
            if date_holds(day, c) {
                self.date_right += 1;
            }
        }
        if let Some(country) = &g.country {
            self.located += 1;
            if c.country.as_ref() == Some(country) {
                self.country_right += 1;
            }
        }
        if let Some(n) = g.fatalities {
            self.counted += 1;
            if c.fatalities == Some(n) {
                self.fatalities_right += 1;
            }
        }
    }
}

/// Does the coded date range hold `day`, and is it at most a week long?
fn date_holds(day: dyad_core::Date, c: &Coded) -> bool {
    let parse = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<dyad_core::Date>().ok());
    let (Some(start), Some(end)) = (parse(&c.date_start), parse(&c.date_end)) else {
        return false;
    };
    let week_end = start
        .checked_add(jiff::Span::new().days(6))
        .unwrap_or(start);
    start <= day && day <= end && end <= week_end
}

/// The whole evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Records read.
    pub records: usize,
    /// Records scored (all but unannotated ones).
    pub scored: usize,
    /// Records whose coded triple set equals the expected set.
    pub passed: PassCount,
    /// Pass counts by category.
    pub per_category: BTreeMap<String, PassCount>,
    /// The three levels.
    pub levels: Vec<LevelReport>,
    /// Events coded on all records (scored or not).
    pub coded_events: usize,
    /// Events coded on unannotated records.
    pub coded_unannotated: usize,
    /// Ids of the records that failed.
    pub failed: Vec<String>,
    /// Every miss and every extra at the exact level.
    pub explanations: Vec<Explanation>,
    /// Each scored record's figures at the root+countries level.
    pub per_record: Vec<RecordScore>,
    /// The matched events' dates, countries and death tolls (root+countries level).
    pub attributes: Attributes,
}

fn fmt_alt(v: &[Option<String>]) -> String {
    v.iter()
        .map(|c| c.clone().unwrap_or_else(|| "---".into()))
        .collect::<Vec<_>>()
        .join("|")
}

/// One-to-one matching: for each gold event, the index of its coded event.
fn assign(level: Level, gold: &[GoldEvent], coded: &[Coded]) -> Vec<Option<usize>> {
    let mut used = vec![false; coded.len()];
    gold.iter()
        .map(|g| {
            let k = (0..coded.len()).find(|&k| !used[k] && matches(level, g, &coded[k]))?;
            used[k] = true;
            Some(k)
        })
        .collect()
}

/// Score `coded[i]` (the events coded for `records[i]`) against the records.
pub fn score(records: &[GoldRecord], coded: &[Vec<Coded>]) -> Report {
    let empty: Vec<Coded> = Vec::new();
    let mut levels: Vec<LevelReport> = Level::ALL
        .iter()
        .map(|&level| LevelReport {
            level,
            overall: Prf::default(),
            per_root: BTreeMap::new(),
        })
        .collect();
    let mut report = Report {
        records: records.len(),
        scored: 0,
        passed: PassCount::default(),
        per_category: BTreeMap::new(),
        levels: Vec::new(),
        coded_events: 0,
        coded_unannotated: 0,
        failed: Vec::new(),
        explanations: Vec::new(),
        per_record: Vec::new(),
        attributes: Attributes::default(),
    };
    for (i, r) in records.iter().enumerate() {
        let have = coded.get(i).unwrap_or(&empty);
        report.coded_events += have.len();
        let gold: &[GoldEvent] = match &r.expected {
            Expected::Unannotated => {
                report.coded_unannotated += have.len();
                continue;
            }
            Expected::Events(g) => g,
            Expected::NoEvents | Expected::Error(_) => &[],
        };
        report.scored += 1;
        let a = assign(Level::RootCountries, gold, have);
        let mut prf = Prf {
            gold: gold.len(),
            coded: have.len(),
            ..Prf::default()
        };
        for (g, m) in gold.iter().zip(&a) {
            if let Some(c) = m.and_then(|k| have.get(k)) {
                prf.matched += 1;
                report.attributes.add(g, c);
            }
        }
        prf.finish();
        report.per_record.push(RecordScore {
            id: r.id.clone(),
            prf,
        });
        for lr in levels.iter_mut() {
            let a = assign(lr.level, gold, have);
            let mut hit = vec![false; have.len()];
            for (g, m) in gold.iter().zip(&a) {
                let key = root(g.codes.first().map_or("", String::as_str)).to_string();
                let p = lr.per_root.entry(key).or_default();
                p.gold += 1;
                lr.overall.gold += 1;
                if let Some(k) = m {
                    hit[*k] = true;
                    p.matched += 1;
                    p.coded += 1;
                    lr.overall.matched += 1;
                }
            }
            for (c, h) in have.iter().zip(&hit) {
                lr.overall.coded += 1;
                if !h {
                    lr.per_root
                        .entry(root(&c.code).to_string())
                        .or_default()
                        .coded += 1;
                }
            }
        }
        // pass: every coded triple is expected and every expected triple is coded (as sets)
        let pass = match &r.expected {
            Expected::Events(g) => {
                g.iter()
                    .all(|g| have.iter().any(|c| matches(Level::Exact, g, c)))
                    && have
                        .iter()
                        .all(|c| g.iter().any(|g| matches(Level::Exact, g, c)))
            }
            _ => have.is_empty(),
        };
        let cat = r.category.clone().unwrap_or_else(|| "-".into());
        let pc = report.per_category.entry(cat).or_default();
        pc.total += 1;
        report.passed.total += 1;
        if pass {
            pc.passed += 1;
            report.passed.passed += 1;
        } else {
            report.failed.push(r.id.clone());
        }
        // explanations at the exact level
        let a = assign(Level::Exact, gold, have);
        let mut hit = vec![false; have.len()];
        for (g, m) in gold.iter().zip(&a) {
            match m {
                Some(k) => hit[*k] = true,
                None => report.explanations.push(Explanation {
                    record: r.id.clone(),
                    category: r.category.clone(),
                    kind: "miss",
                    source: fmt_alt(&g.sources),
                    target: fmt_alt(&g.targets),
                    code: g.codes.join("|"),
                    rule: None,
                    source_entry: None,
                    target_entry: None,
                    text: r.text.clone(),
                }),
            }
        }
        for (c, h) in have.iter().zip(&hit) {
            if !h {
                report.explanations.push(Explanation {
                    record: r.id.clone(),
                    category: r.category.clone(),
                    kind: "extra",
                    source: c.source.clone().unwrap_or_else(|| "---".into()),
                    target: c.target.clone().unwrap_or_else(|| "---".into()),
                    code: c.code.clone(),
                    rule: Some(c.rule.clone()),
                    source_entry: c.source_entry.clone(),
                    target_entry: c.target_entry.clone(),
                    text: c.sentence.clone(),
                });
            }
        }
    }
    for lr in levels.iter_mut() {
        lr.overall.finish();
        for p in lr.per_root.values_mut() {
            p.finish();
        }
    }
    report.levels = levels;
    report
}

impl Report {
    /// The report as a plain-text table; with `explain`, every miss and extra after it.
    pub fn to_table(&self, explain: bool) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "records: {} read, {} scored, {} passed ({:.1}%); events coded: {}{}",
            self.records,
            self.scored,
            self.passed.passed,
            pct(self.passed.passed, self.passed.total),
            self.coded_events,
            if self.coded_unannotated > 0 {
                format!(" ({} on unannotated records)", self.coded_unannotated)
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            s,
            "\n{:<16} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
            "level", "gold", "coded", "matched", "P", "R", "F1"
        );
        for lr in &self.levels {
            let o = &lr.overall;
            let _ = writeln!(
                s,
                "{:<16} {:>7} {:>7} {:>7} {:>7.3} {:>7.3} {:>7.3}",
                lr.level.name(),
                o.gold,
                o.coded,
                o.matched,
                o.precision,
                o.recall,
                o.f1
            );
        }
        if let Some(exact) = self.levels.iter().find(|l| l.level == Level::Exact) {
            let root = self.levels.iter().find(|l| l.level == Level::Root);
            let _ = writeln!(
                s,
                "\nper root  {:>5} {:>5}  {:>13}  {:>13}",
                "gold", "coded", "root P/R", "exact P/R"
            );
            for (k, p) in &exact.per_root {
                let r = root
                    .and_then(|l| l.per_root.get(k))
                    .copied()
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "  {:<6}  {:>5} {:>5}  {:>6.3}/{:<6.3}  {:>6.3}/{:<6.3}",
                    k, p.gold, r.coded, r.precision, r.recall, p.precision, p.recall
                );
            }
        }
        let at = &self.attributes;
        if at.dated + at.located + at.counted > 0 {
            let _ = writeln!(
                s,
                "\nmatched events (root+countries): date right {}/{} ({:.1}%), country right {}/{} ({:.1}%), fatalities right {}/{} ({:.1}%)",
                at.date_right,
                at.dated,
                pct(at.date_right, at.dated),
                at.country_right,
                at.located,
                pct(at.country_right, at.located),
                at.fatalities_right,
                at.counted,
                pct(at.fatalities_right, at.counted)
            );
        }
        if self.per_category.len() > 1 || self.per_category.keys().any(|k| k != "-") {
            let _ = writeln!(s, "\nper category  passed/scored");
            for (k, c) in &self.per_category {
                let _ = writeln!(s, "  {:<12} {:>4}/{:<4}", k, c.passed, c.total);
            }
        }
        if explain {
            let _ = writeln!(s, "\nper record (root+countries)  gold coded matched");
            for r in &self.per_record {
                let _ = writeln!(
                    s,
                    "  {:<40} {:>4} {:>5} {:>7}",
                    r.id, r.prf.gold, r.prf.coded, r.prf.matched
                );
            }
            let _ = writeln!(s, "\nmisses and extras (exact level):");
            for e in &self.explanations {
                let why = match (&e.rule, e.kind) {
                    (Some(rule), _) => format!(
                        " rule {rule}; source {}; target {}",
                        e.source_entry.as_deref().unwrap_or("-"),
                        e.target_entry.as_deref().unwrap_or("-")
                    ),
                    _ => String::new(),
                };
                let _ = writeln!(
                    s,
                    "  {} {:<5} {} {} {}{} | {}",
                    e.record, e.kind, e.source, e.target, e.code, why, e.text
                );
            }
        }
        s
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(s: Option<&str>, t: Option<&str>, c: &str) -> GoldEvent {
        GoldEvent {
            sources: vec![s.map(str::to_string)],
            targets: vec![t.map(str::to_string)],
            codes: vec![c.to_string()],
            ..GoldEvent::default()
        }
    }

    fn coded(s: Option<&str>, t: Option<&str>, c: &str) -> Coded {
        Coded {
            source: s.map(str::to_string),
            target: t.map(str::to_string),
            code: c.to_string(),
            rule: "r".into(),
            source_entry: None,
            target_entry: None,
            sentence: "s".into(),
            date_start: None,
            date_end: None,
            country: None,
            fatalities: None,
        }
    }

    fn record(id: &str, cat: &str, expected: Expected) -> GoldRecord {
        GoldRecord {
            id: id.into(),
            date: None,
            text: "t".into(),
            category: Some(cat.into()),
            expected,
            require_dyad: None,
        }
    }

    #[test]
    fn articles_are_scored_per_record_with_date_country_and_dead() {
        let mut strike = gold(Some("USA"), Some("PAK"), "195");
        strike.date = Some(dyad_core::Date::constant(2009, 9, 8));
        strike.country = Some("PAK".into());
        strike.fatalities = Some(10);
        let mut talks = gold(Some("USA"), Some("AFG"), "040");
        talks.date = Some(dyad_core::Date::constant(2009, 9, 9));
        let records = vec![record(
            "wn",
            "-",
            Expected::Events(vec![strike, talks, gold(Some("PAK"), None, "111")]),
        )];
        let mut hit = coded(Some("USAMIL"), Some("PAKREB"), "190");
        hit.date_start = Some("2009-09-08".into());
        hit.date_end = Some("2009-09-08".into());
        hit.country = Some("PAK".into());
        hit.fatalities = Some(9);
        let mut met = coded(Some("USAGOV"), Some("AFGGOV"), "042");
        // a month is too wide for a day, even when it holds it
        met.date_start = Some("2009-09-01".into());
        met.date_end = Some("2009-09-30".into());
        let extra = coded(Some("IND"), None, "010");
        let r = score(&records, &[vec![extra, hit, met]]);
        assert_eq!(r.per_record.len(), 1);
        let p = r.per_record[0].prf;
        assert_eq!((p.gold, p.coded, p.matched), (3, 3, 2));
        assert_eq!(
            r.attributes,
            Attributes {
                dated: 2,
                date_right: 1,
                located: 1,
                country_right: 1,
                counted: 1,
                fatalities_right: 0,
            }
        );
        let table = r.to_table(true);
        assert!(
            table.contains(
                "date right 1/2 (50.0%), country right 1/1 (100.0%), fatalities right 0/1"
            ),
            "{table}"
        );
    }

    #[test]
    fn three_levels_on_hand_made_events() {
        let records = vec![
            record(
                "a",
                "X",
                Expected::Events(vec![
                    gold(Some("RUSMIL"), Some("UKR"), "194"),
                    gold(Some("USA"), Some("CHN"), "042"),
                ]),
            ),
            record("b", "Y", Expected::NoEvents),
            record(
                "c",
                "X",
                Expected::Events(vec![gold(Some("ISR"), None, "190")]),
            ),
            record("d", "Z", Expected::Unannotated),
        ];
        let got = vec![
            vec![
                coded(Some("RUSMIL"), Some("UKR"), "194"), // exact
                coded(Some("USAGOV"), Some("CHN"), "043"), // root+countries, not exact
                coded(Some("FRA"), Some("DEU"), "111"),    // extra
            ],
            vec![coded(Some("IRN"), None, "020")], // extra on a noevents record
            vec![coded(Some("ISR"), None, "190")], // exact
            vec![coded(Some("A"), None, "010")],   // unannotated: not scored
        ];
        let r = score(&records, &got);
        assert_eq!((r.records, r.scored), (4, 3));
        assert_eq!(r.coded_events, 6);
        assert_eq!(r.coded_unannotated, 1);
        let lv = |l: Level| {
            r.levels
                .iter()
                .find(|x| x.level == l)
                .expect("level")
                .overall
        };
        for (level, matched) in [
            (Level::Root, 3),
            (Level::RootCountries, 3),
            (Level::Exact, 2),
        ] {
            let p = lv(level);
            assert_eq!((p.matched, p.coded, p.gold), (matched, 5, 3), "{level:?}");
        }
        let exact = lv(Level::Exact);
        assert!((exact.precision - 0.4).abs() < 1e-9);
        assert!((exact.recall - 2.0 / 3.0).abs() < 1e-9);
        assert!((exact.f1 - 0.5).abs() < 1e-9);
        // a country mismatch fails root+countries but not root
        let g = gold(Some("RUS"), Some("UKR"), "190");
        assert!(matches(
            Level::Root,
            &g,
            &coded(Some("BLR"), Some("UKR"), "193")
        ));
        assert!(!matches(
            Level::RootCountries,
            &g,
            &coded(Some("BLR"), Some("UKR"), "193")
        ));
        assert!(matches(
            Level::RootCountries,
            &g,
            &coded(Some("RUSMIL"), Some("UKRGOV"), "193")
        ));
        // per root: root 04 has one gold, matched at root level only
        let root = &r.levels[0].per_root;
        assert_eq!(root["04"].matched, 1);
        let exact_roots = &r.levels[2].per_root;
        assert_eq!((exact_roots["04"].matched, exact_roots["04"].gold), (0, 1));
        assert_eq!(exact_roots["11"].coded, 1);
        // pass/fail: a fails (extra + wrong code), b fails (coded on noevents), c passes
        assert_eq!((r.passed.passed, r.passed.total), (1, 3));
        assert_eq!(
            r.per_category["X"],
            PassCount {
                passed: 1,
                total: 2
            }
        );
        assert_eq!(r.failed, ["a", "b"]);
        let kinds: Vec<(&str, &str)> = r
            .explanations
            .iter()
            .map(|e| (e.record.as_str(), e.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("a", "miss"),
                ("a", "extra"),
                ("a", "extra"),
                ("b", "extra")
            ]
        );
        assert!(r.to_table(true).contains("misses and extras"));
    }

    #[test]
    fn root_only_gold_and_alternatives() {
        let g = GoldEvent {
            sources: vec![Some("HUN".into()), Some("ROU".into())],
            targets: vec![None],
            codes: vec!["19".into(), "20".into()],
            ..GoldEvent::default()
        };
        assert!(matches(Level::Exact, &g, &coded(Some("ROU"), None, "202")));
        assert!(!matches(
            Level::Exact,
            &g,
            &coded(Some("ROUGOV"), None, "202")
        ));
        assert!(!matches(Level::Root, &g, &coded(Some("ROU"), None, "180")));
        // duplicates count once each: one gold event, two identical coded ones
        let r = score(
            &[record(
                "a",
                "X",
                Expected::Events(vec![gold(Some("A"), None, "010")]),
            )],
            &[vec![
                coded(Some("A"), None, "010"),
                coded(Some("A"), None, "010"),
            ]],
        );
        assert_eq!(r.levels[2].overall.matched, 1);
        assert_eq!(r.levels[2].overall.coded, 2);
        // as sets the record still passes (PETRARCH compares sets)
        assert_eq!(r.passed.passed, 1);
    }
}
