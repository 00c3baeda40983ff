//! The alert rules on synthetic series with known answers.

use dyad_alerts::{periods, watch, Alert, Band, Period, Rule, WatchOptions, WatchedEvent};
use jiff::civil::{date, Date};
use jiff::ToSpan;

/// Monday of 2024-W01.
const FIRST_MONDAY: Date = date(2024, 1, 1);

fn day(offset: i64) -> Date {
    FIRST_MONDAY.checked_add(offset.days()).expect("in range")
}

fn event(id: &str, date: Date, quad_class: u8, goldstein: f64) -> WatchedEvent {
    WatchedEvent {
        event_id: id.to_string(),
        date,
        quad_class,
        goldstein,
    }
}

/// A verbal-cooperation event (quad 1, Goldstein 1.0) on each of `counts[w]` days of week w
/// (spread over the week's days, so Monday-only bucketing bugs show).
fn weekly(counts: &[usize]) -> Vec<WatchedEvent> {
    let mut events = Vec::new();
    for (week, &count) in counts.iter().enumerate() {
        for n in 0..count {
            let offset = 7 * week as i64 + (n % 7) as i64;
            events.push(event(&format!("w{week}-{n}"), day(offset), 1, 1.0));
        }
    }
    events
}

fn of_rule(alerts: &[Alert], rule: Rule) -> Vec<&Alert> {
    alerts.iter().filter(|alert| alert.rule == rule).collect()
}

fn last_trend(counts: &[usize]) -> (Band, Option<f64>, f64) {
    let stats = periods(&weekly(counts), &WatchOptions::default());
    let trend = stats
        .last()
        .and_then(|stat| stat.trend.clone())
        .expect("a trend on the last week");
    (trend.band, trend.change, trend.baseline)
}

#[test]
fn trend_large_increase() {
    assert_eq!(
        last_trend(&[4, 4, 4, 4, 9]),
        (Band::LargeIncrease, Some(1.25), 4.0)
    );
    let alerts = watch(&weekly(&[4, 4, 4, 4, 9]), &WatchOptions::default());
    let trends = of_rule(&alerts, Rule::Trend);
    assert_eq!(trends.len(), 1);
    let alert = trends[0];
    assert_eq!(alert.period, "2024-W05");
    assert_eq!((alert.start, alert.end), (day(28), day(34)));
    assert_eq!(alert.band, Some(Band::LargeIncrease));
    assert_eq!((alert.value, alert.baseline), (9.0, 4.0));
    assert_eq!(alert.event_ids.len(), 9);
    assert!(alert.event_ids.iter().all(|id| id.starts_with("w4-")));
    assert_eq!(
        alert.message,
        "2024-W05: 9 events against 4.0 a week over the previous 4 weeks (+125%): large increase"
    );
}

#[test]
fn trend_boundary_at_25_percent_is_moderate() {
    // +25% exactly is moderate, not large.
    let (band, change, _) = last_trend(&[4, 4, 4, 4, 5]);
    assert_eq!((band, change), (Band::ModerateIncrease, Some(0.25)));
    // Just above +25%: base 20, 26 is +30%; 25 is +25% exactly.
    assert_eq!(last_trend(&[20, 20, 20, 20, 26]).0, Band::LargeIncrease);
    assert_eq!(last_trend(&[20, 20, 20, 20, 25]).0, Band::ModerateIncrease);
    let alerts = watch(&weekly(&[4, 4, 4, 4, 5]), &WatchOptions::default());
    let trends = of_rule(&alerts, Rule::Trend);
    assert_eq!(trends.len(), 1);
    assert_eq!(trends[0].band, Some(Band::ModerateIncrease));
}

#[test]
fn trend_boundary_at_10_percent_is_stable() {
    // Base 10: +10% exactly is stable, +20% moderate; −10% exactly stable, −20% moderate.
    assert_eq!(last_trend(&[10, 10, 10, 10, 11]).0, Band::Stable);
    assert_eq!(last_trend(&[10, 10, 10, 10, 12]).0, Band::ModerateIncrease);
    assert_eq!(last_trend(&[10, 10, 10, 10, 9]).0, Band::Stable);
    assert_eq!(last_trend(&[10, 10, 10, 10, 8]).0, Band::ModerateDecrease);
    // Base 20: +15% moderate, +5% stable, −15% moderate decrease.
    assert_eq!(last_trend(&[20, 20, 20, 20, 23]).0, Band::ModerateIncrease);
    assert_eq!(last_trend(&[20, 20, 20, 20, 21]).0, Band::Stable);
    assert_eq!(last_trend(&[20, 20, 20, 20, 17]).0, Band::ModerateDecrease);
    // Stable and moderate decrease raise no trend alert.
    for counts in [[10, 10, 10, 10, 11], [10, 10, 10, 10, 8]] {
        let alerts = watch(&weekly(&counts), &WatchOptions::default());
        assert!(of_rule(&alerts, Rule::Trend).is_empty(), "{counts:?}");
    }
}

#[test]
fn trend_boundary_at_minus_25_percent() {
    // −25% exactly is a moderate decrease (no alert); beyond it a large one.
    assert_eq!(last_trend(&[4, 4, 4, 4, 3]).0, Band::ModerateDecrease);
    assert_eq!(last_trend(&[20, 20, 20, 20, 15]).0, Band::ModerateDecrease);
    assert_eq!(last_trend(&[20, 20, 20, 20, 14]).0, Band::LargeDecrease);
    let alerts = watch(&weekly(&[20, 20, 20, 20, 14]), &WatchOptions::default());
    assert_eq!(of_rule(&alerts, Rule::Trend).len(), 1);
}

#[test]
fn trend_large_decrease() {
    let (band, change, baseline) = last_trend(&[4, 4, 4, 4, 2]);
    assert_eq!(
        (band, change, baseline),
        (Band::LargeDecrease, Some(-0.5), 4.0)
    );
    let alerts = watch(&weekly(&[4, 4, 4, 4, 2]), &WatchOptions::default());
    let trends = of_rule(&alerts, Rule::Trend);
    assert_eq!(trends.len(), 1);
    assert_eq!(trends[0].band, Some(Band::LargeDecrease));
    assert!(trends[0].message.ends_with("(-50%): large decrease"));
}

#[test]
fn trend_low_baseline_is_limited() {
    let (band, change, baseline) = last_trend(&[1, 2, 1, 2, 5]);
    assert_eq!(band, Band::Limited);
    assert_eq!(baseline, 1.5);
    // The change is still reported.
    let change = change.expect("a change against a non-zero base");
    assert!((change - 7.0 / 3.0).abs() < 1e-12);
    let alerts = watch(&weekly(&[1, 2, 1, 2, 5]), &WatchOptions::default());
    assert!(of_rule(&alerts, Rule::Trend).is_empty());

    let (band, _, _) = last_trend(&[1, 2, 1, 2, 6]);
    assert_eq!(band, Band::LargeIncrease);
    let alerts = watch(&weekly(&[1, 2, 1, 2, 6]), &WatchOptions::default());
    assert_eq!(of_rule(&alerts, Rule::Trend).len(), 1);
}

#[test]
fn trend_against_zero_base() {
    // Week 0 opens the series; weeks 1–4 are empty, so week 5's base is 0.
    assert_eq!(
        last_trend(&[1, 0, 0, 0, 0, 6]),
        (Band::LargeIncrease, None, 0.0)
    );
    let alerts = watch(&weekly(&[1, 0, 0, 0, 0, 6]), &WatchOptions::default());
    let trends = of_rule(&alerts, Rule::Trend);
    assert_eq!(trends.len(), 1);
    assert_eq!(
        trends[0].message,
        "2024-W06: 6 events against 0.0 a week over the previous 4 weeks: large increase"
    );
    // Five against nothing is still limited.
    assert_eq!(last_trend(&[1, 0, 0, 0, 0, 5]).0, Band::Limited);
}

#[test]
fn no_trend_until_baseline_periods_precede() {
    let stats = periods(&weekly(&[4, 4, 4, 4, 9]), &WatchOptions::default());
    assert_eq!(stats.len(), 5);
    assert!(stats[..4].iter().all(|stat| stat.trend.is_none()));
    assert!(stats[4].trend.is_some());
    let short = WatchOptions {
        baseline: 1,
        ..WatchOptions::default()
    };
    let stats = periods(&weekly(&[4, 9]), &short);
    let trend = stats[1].trend.clone().expect("one week precedes");
    assert_eq!((trend.band, trend.baseline), (Band::LargeIncrease, 4.0));
    let alerts = watch(&weekly(&[4, 9]), &short);
    assert_eq!(
        of_rule(&alerts, Rule::Trend)[0].message,
        "2024-W02: 9 events against 4.0 a week over the previous week (+125%): large increase"
    );
}

#[test]
fn surge_at_double_the_window_mean() {
    let alerts = watch(&weekly(&[1, 1, 1, 1, 2]), &WatchOptions::default());
    let surges = of_rule(&alerts, Rule::Surge);
    assert_eq!(surges.len(), 1);
    let surge = surges[0];
    assert_eq!(surge.period, "2024-W05");
    assert_eq!((surge.value, surge.baseline), (2.0, 1.0));
    assert_eq!(surge.band, None);
    assert_eq!(surge.event_ids, ["w4-0", "w4-1"]);
    // Just under double is no surge.
    let alerts = watch(&weekly(&[3, 3, 3, 3, 5]), &WatchOptions::default());
    assert!(of_rule(&alerts, Rule::Surge).is_empty());
    let alerts = watch(&weekly(&[3, 3, 3, 3, 6]), &WatchOptions::default());
    assert_eq!(of_rule(&alerts, Rule::Surge).len(), 1);
}

#[test]
fn no_surge_against_a_window_mean_under_one() {
    // Window of the last week: 0, 0, 1, 0 (mean 0.25).
    let alerts = watch(&weekly(&[1, 0, 0, 1, 0, 5]), &WatchOptions::default());
    assert!(of_rule(&alerts, Rule::Surge).is_empty());
    // The window length is its own option.
    let wide = WatchOptions {
        surge_window: 2,
        ..WatchOptions::default()
    };
    let alerts = watch(&weekly(&[2, 2, 4]), &wide);
    let surges = of_rule(&alerts, Rule::Surge);
    assert_eq!(surges.len(), 1);
    assert!(surges[0].message.contains("over the previous 2 weeks"));
}

#[test]
fn calm_broken_after_quiet_days() {
    let opts = WatchOptions {
        quiet_days: 7,
        ..WatchOptions::default()
    };
    // Day 0 and day 3: nothing (the series opens with conflict; 3 < 7).
    let events = vec![event("c0", day(0), 4, -10.0), event("c3", day(3), 4, -10.0)];
    assert!(of_rule(&watch(&events, &opts), Rule::CalmBroken).is_empty());
    // Day 20: 17 days after day 3.
    let mut events = events;
    events.push(event("c20b", day(20), 4, -9.0));
    events.push(event("c20a", day(20), 4, -9.0));
    events.push(event("v20", day(20), 1, 1.0));
    let alerts = watch(&events, &opts);
    let broken = of_rule(&alerts, Rule::CalmBroken);
    assert_eq!(broken.len(), 1);
    let alert = broken[0];
    assert_eq!(alert.period, "2024-01-21");
    assert_eq!((alert.start, alert.end), (day(20), day(20)));
    assert_eq!((alert.value, alert.baseline), (17.0, 7.0));
    assert_eq!(alert.event_ids, ["c20a", "c20b"]);
    assert_eq!(
        alert.message,
        "2024-01-21: first material conflict after 17 quiet days"
    );
}

#[test]
fn calm_broken_at_exactly_quiet_days() {
    let opts = WatchOptions::default();
    let events = [event("c0", day(0), 4, -10.0), event("c7", day(7), 4, -10.0)];
    let broken = watch(&events, &opts);
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].value, 7.0);
    let events = [event("c0", day(0), 4, -10.0), event("c6", day(6), 4, -10.0)];
    assert!(watch(&events, &opts).is_empty());
}

#[test]
fn calm_counts_from_the_first_event_of_any_kind() {
    let opts = WatchOptions::default();
    // Opening with conflict: nothing for it.
    let events = [event("c0", day(0), 4, -10.0), event("v1", day(1), 1, 1.0)];
    assert!(of_rule(&watch(&events, &opts), Rule::CalmBroken).is_empty());
    // Cooperation first, conflict 10 days later: a calm of 10 days.
    let events = [event("v0", day(0), 1, 1.0), event("c10", day(10), 4, -10.0)];
    let broken = watch(&events, &opts);
    assert_eq!(broken.len(), 1);
    assert_eq!((broken[0].rule, broken[0].value), (Rule::CalmBroken, 10.0));
    // Other conflict classes do not break or keep a calm.
    let events = [
        event("c0", day(0), 4, -10.0),
        event("v5", day(5), 3, -5.0),
        event("c9", day(9), 4, -10.0),
    ];
    let broken = of_rule(&watch(&events, &opts), Rule::CalmBroken)
        .into_iter()
        .map(|alert| alert.value)
        .collect::<Vec<_>>();
    assert_eq!(broken, [9.0]);
}

#[test]
fn goldstein_drop_against_the_event_weighted_baseline() {
    let opts = WatchOptions {
        baseline: 2,
        ..WatchOptions::default()
    };
    // W01: 3.0, 1.0, 2.0 (three events); W02: -4.0 (one). Event-weighted mean of W01–W02 is
    // (3 + 1 + 2 − 4) / 4 = 0.5; the mean of period means would be (2 − 4) / 2 = −1.0.
    // W03: −1.4 and −1.6 (mean −1.5): 2.0 below 0.5 → drop; against −1.0 it would not be.
    let events = [
        event("a", day(0), 1, 3.0),
        event("b", day(1), 1, 1.0),
        event("c", day(2), 1, 2.0),
        event("d", day(7), 3, -4.0),
        event("e", day(14), 3, -1.4),
        event("f", day(15), 3, -1.6),
    ];
    let alerts = watch(&events, &opts);
    let drops = of_rule(&alerts, Rule::GoldsteinDrop);
    assert_eq!(drops.len(), 1, "{alerts:#?}");
    let drop = drops[0];
    assert_eq!(drop.period, "2024-W03");
    assert!((drop.value + 1.5).abs() < 1e-12);
    assert!((drop.baseline - 0.5).abs() < 1e-12);
    assert_eq!(drop.event_ids, ["e", "f"]);
    // A 1.9-point drop is none.
    let events = [
        event("a", day(0), 1, 2.0),
        event("b", day(7), 1, 2.0),
        event("c", day(14), 3, 0.1),
    ];
    assert!(of_rule(&watch(&events, &opts), Rule::GoldsteinDrop).is_empty());
    // Only the events below the baseline mean are named.
    let events = [
        event("a", day(0), 1, 3.0),
        event("b", day(7), 1, 3.0),
        event("c", day(14), 4, -8.0),
        event("d", day(15), 1, 4.0),
    ];
    let alerts = watch(&events, &opts);
    let drops = of_rule(&alerts, Rule::GoldsteinDrop);
    assert_eq!(drops.len(), 1);
    assert_eq!(drops[0].event_ids, ["c"]);
    assert_eq!(drops[0].value, -2.0);
}

#[test]
fn goldstein_drop_needs_events_on_both_sides() {
    let opts = WatchOptions {
        baseline: 2,
        ..WatchOptions::default()
    };
    // W02 and W03 are empty: W04's baseline has no event; W03 itself has none.
    let events = [event("a", day(0), 1, 5.0), event("b", day(21), 4, -10.0)];
    let alerts = watch(&events, &opts);
    assert!(of_rule(&alerts, Rule::GoldsteinDrop).is_empty());
    // With W02 holding the high score, W04 drops.
    let events = [
        event("a", day(0), 1, 5.0),
        event("z", day(7), 1, 5.0),
        event("b", day(21), 4, -10.0),
    ];
    let alerts = watch(&events, &opts);
    let drops = of_rule(&alerts, Rule::GoldsteinDrop);
    assert_eq!(drops.len(), 1);
    assert_eq!(
        (drops[0].period.as_str(), drops[0].baseline),
        ("2024-W04", 5.0)
    );
}

#[test]
fn week_labels_cross_the_year_boundary() {
    let events = [
        event("a", date(2024, 12, 22), 1, 1.0),
        event("b", date(2024, 12, 30), 1, 1.0),
        event("c", date(2025, 1, 5), 1, 1.0),
        event("d", date(2025, 1, 6), 1, 1.0),
    ];
    let stats = periods(&events, &WatchOptions::default());
    let labels: Vec<(&str, Date, Date, usize)> = stats
        .iter()
        .map(|stat| (stat.period.as_str(), stat.start, stat.end, stat.events))
        .collect();
    assert_eq!(
        labels,
        [
            ("2024-W51", date(2024, 12, 16), date(2024, 12, 22), 1),
            ("2024-W52", date(2024, 12, 23), date(2024, 12, 29), 0),
            ("2025-W01", date(2024, 12, 30), date(2025, 1, 5), 2),
            ("2025-W02", date(2025, 1, 6), date(2025, 1, 12), 1),
        ]
    );
}

#[test]
fn empty_input_gives_nothing() {
    let opts = WatchOptions::default();
    assert!(periods(&[], &opts).is_empty());
    assert!(watch(&[], &opts).is_empty());
}

#[test]
fn unsorted_input_gives_the_sorted_result() {
    let mut events = weekly(&[4, 4, 4, 4, 9, 1, 0, 0, 0]);
    events.push(event("c1", day(3), 4, -10.0));
    events.push(event("c2", day(40), 4, -10.0));
    events.push(event("c3", day(60), 4, -10.0));
    events.push(event("low", day(60), 3, -7.0));
    let opts = WatchOptions::default();
    let sorted_periods = periods(&events, &opts);
    let sorted_alerts = watch(&events, &opts);
    assert!(!sorted_alerts.is_empty());
    let mut shuffled = events.clone();
    shuffled.reverse();
    shuffled.swap(0, 7);
    shuffled.swap(3, 20);
    assert_eq!(periods(&shuffled, &opts), sorted_periods);
    assert_eq!(watch(&shuffled, &opts), sorted_alerts);
}

#[test]
fn alerts_sort_by_start_then_rule() {
    // W05 gets trend (large increase), surge, and a calm-broken on its Monday.
    let mut events = weekly(&[2, 2, 2, 2]);
    for n in 0..6 {
        events.push(event(&format!("x{n}"), day(28), 4, -10.0));
    }
    let alerts = watch(&events, &WatchOptions::default());
    let order: Vec<(Date, Rule)> = alerts
        .iter()
        .map(|alert| (alert.start, alert.rule))
        .collect();
    assert_eq!(
        order,
        [
            (day(28), Rule::Trend),
            (day(28), Rule::Surge),
            (day(28), Rule::CalmBroken),
            (day(28), Rule::GoldsteinDrop),
        ]
    );
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn month_periods() {
    let opts = WatchOptions {
        by: Period::Month,
        ..WatchOptions::default()
    };
    let events = [
        event("a", date(2024, 1, 31), 1, 1.0),
        event("b", date(2024, 2, 1), 2, 3.0),
        event("c", date(2024, 2, 29), 4, -10.0),
        event("d", date(2024, 4, 2), 3, -2.0),
    ];
    let stats = periods(&events, &opts);
    let labels: Vec<&str> = stats.iter().map(|stat| stat.period.as_str()).collect();
    assert_eq!(labels, ["2024-01", "2024-02", "2024-03", "2024-04"]);
    assert_eq!(
        (stats[1].start, stats[1].end),
        (date(2024, 2, 1), date(2024, 2, 29))
    );
    assert_eq!(stats[1].quad, [0, 1, 0, 1]);
    assert_eq!(stats[1].goldstein_mean, Some(-3.5));
    assert_eq!(stats[2].events, 0);
    assert_eq!(stats[2].goldstein_mean, None);
    assert_eq!(stats[3].end, date(2024, 4, 30));

    // Monthly trend message speaks of months.
    let mut events = Vec::new();
    for (month, count) in [4, 4, 4, 4, 9].into_iter().enumerate() {
        for n in 0..count {
            let month = i8::try_from(month + 1).expect("small");
            events.push(event(
                &format!("m{month}-{n}"),
                date(2024, month, 10),
                1,
                1.0,
            ));
        }
    }
    let alerts = watch(&events, &opts);
    assert_eq!(
        of_rule(&alerts, Rule::Trend)[0].message,
        "2024-05: 9 events against 4.0 a month over the previous 4 months (+125%): large increase"
    );
}

#[test]
fn day_periods() {
    let opts = WatchOptions {
        by: Period::Day,
        baseline: 2,
        ..WatchOptions::default()
    };
    let events = [event("a", day(0), 1, 1.0), event("b", day(2), 1, 1.0)];
    let stats = periods(&events, &opts);
    let labels: Vec<&str> = stats.iter().map(|stat| stat.period.as_str()).collect();
    assert_eq!(labels, ["2024-01-01", "2024-01-02", "2024-01-03"]);
    assert!(stats.iter().all(|stat| stat.start == stat.end));
    assert_eq!(
        stats[2].trend.as_ref().map(|trend| trend.band),
        Some(Band::Limited)
    );
}

#[test]
fn periods_count_quads_and_goldstein() {
    let events = [
        event("a", day(0), 1, 1.0),
        event("b", day(1), 2, 7.0),
        event("c", day(2), 3, -4.0),
        event("d", day(3), 4, -10.0),
        event("e", day(4), 4, -8.0),
        event("odd", day(5), 0, 0.0),
    ];
    let stats = periods(&events, &WatchOptions::default());
    assert_eq!(stats.len(), 1);
    assert_eq!(stats[0].events, 6);
    assert_eq!(stats[0].quad, [1, 1, 1, 2]);
    assert_eq!(stats[0].goldstein_mean, Some(-14.0 / 6.0));
}

/// The trend of a store's series of counts is the trend of the same events.
#[test]
fn trends_of_counts_agree_with_the_periods_of_the_events() {
    let counts = [4, 4, 4, 4, 9, 0, 1, 2, 1, 2, 5, 6, 30, 3];
    let stats = periods(&weekly(&counts), &WatchOptions::default());
    let from_counts = dyad_alerts::trends_of_counts(&counts, 4);
    assert_eq!(stats.len(), counts.len());
    for (s, t) in stats.iter().zip(&from_counts) {
        assert_eq!(&s.trend, t, "{}", s.period);
    }
    assert!(from_counts[..4].iter().all(Option::is_none));
    assert!(dyad_alerts::trends_of_counts(&counts, 0)
        .iter()
        .all(Option::is_none));
}
