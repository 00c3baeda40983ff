//! The JSON shape of alerts, periods and options, as `dyad watch --json` and the web server
//! print them.

use dyad_alerts::{periods, watch, Period, WatchOptions, WatchedEvent};
use jiff::civil::date;
use serde_json::json;

fn weekly(counts: &[usize]) -> Vec<WatchedEvent> {
    let mut events = Vec::new();
    for (week, &count) in counts.iter().enumerate() {
        for n in 0..count {
            let day = i8::try_from(1 + 7 * week).expect("January");
            events.push(WatchedEvent {
                event_id: format!("w{week}-{n}"),
                date: date(2024, 1, day),
                quad_class: 1,
                goldstein: 1.0,
            });
        }
    }
    events
}

#[test]
fn an_alert_serializes_with_its_field_names_and_strings() {
    let alerts = watch(&weekly(&[1, 1, 1, 1, 6]), &WatchOptions::default());
    assert_eq!(alerts.len(), 2, "{alerts:#?}");
    let value = serde_json::to_value(&alerts[0]).expect("serializes");
    assert_eq!(
        value,
        json!({
            "rule": "trend",
            "period": "2024-W05",
            "start": "2024-01-29",
            "end": "2024-02-04",
            "band": "large increase",
            "value": 6.0,
            "baseline": 1.0,
            "message": "2024-W05: 6 events against 1.0 a week over the previous 4 weeks (+500%): large increase",
            "event_ids": ["w4-0", "w4-1", "w4-2", "w4-3", "w4-4", "w4-5"],
        })
    );
    let surge = serde_json::to_value(&alerts[1]).expect("serializes");
    assert_eq!(surge["rule"], "surge");
    assert_eq!(surge["band"], serde_json::Value::Null);
}

#[test]
fn rule_and_band_strings() {
    use dyad_alerts::{Band, Rule};
    for (rule, name) in [
        (Rule::Trend, "trend"),
        (Rule::Surge, "surge"),
        (Rule::CalmBroken, "calm-broken"),
        (Rule::GoldsteinDrop, "goldstein-drop"),
    ] {
        assert_eq!(rule.name(), name);
        assert_eq!(serde_json::to_value(rule).expect("serializes"), json!(name));
    }
    for (band, name) in [
        (Band::LargeIncrease, "large increase"),
        (Band::ModerateIncrease, "moderate increase"),
        (Band::Stable, "stable"),
        (Band::ModerateDecrease, "moderate decrease"),
        (Band::LargeDecrease, "large decrease"),
        (Band::Limited, "limited"),
    ] {
        assert_eq!(band.as_str(), name);
        assert_eq!(serde_json::to_value(band).expect("serializes"), json!(name));
    }
    for (by, name) in [
        (Period::Day, "day"),
        (Period::Week, "week"),
        (Period::Month, "month"),
    ] {
        assert_eq!(serde_json::to_value(by).expect("serializes"), json!(name));
        let back: Period = serde_json::from_value(json!(name)).expect("deserializes");
        assert_eq!(back, by);
    }
}

#[test]
fn a_period_stat_serializes_with_its_trend() {
    let stats = periods(&weekly(&[4, 4, 4, 4, 2]), &WatchOptions::default());
    let value = serde_json::to_value(&stats[4]).expect("serializes");
    assert_eq!(
        value,
        json!({
            "period": "2024-W05",
            "start": "2024-01-29",
            "end": "2024-02-04",
            "events": 2,
            "quad": [2, 0, 0, 0],
            "goldstein_mean": 1.0,
            "trend": {"band": "large decrease", "change": -0.5, "baseline": 4.0},
        })
    );
    let first = serde_json::to_value(&stats[0]).expect("serializes");
    assert_eq!(first["trend"], serde_json::Value::Null);
}
