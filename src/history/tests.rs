use proptest::prelude::*;

use super::*;

const HOUR: f64 = DAY_MS / 24.0;

#[test]
fn uptime_is_over_what_reroute_watched() {
    // Installed at noon on day 5; down for 3 hours on day 6; now is the end of day 6.
    let mut history = History::new(5.5 * DAY_MS);
    history.record(Event::Down { at: 6.0 * DAY_MS + HOUR, cause: Cause::Outage });
    history.record(Event::Back { at: 6.0 * DAY_MS + 4.0 * HOUR });
    let summary = history.summary(7.0 * DAY_MS - 1.0, 7);
    // Watched 36 hours, down 3: 91.7 %.
    assert_eq!(summary.uptime_percent, 91.7);
    assert_eq!(summary.days.len(), 7);
    assert!(summary.days[..5].iter().all(|day| !day.watched), "before the install");
    assert!(summary.days[5].watched && summary.days[5].down == 0.0);
    assert!((summary.days[6].down - 0.125).abs() < 1e-6);
    assert_eq!(summary.days[6].causes, [Cause::Outage]);
    assert!(!summary.down_now);
    assert!(!summary.whole_period, "installed on day 5 of 7");
    assert!(history.summary(7.0 * DAY_MS - 1.0, 1).whole_period, "watched all of day 6");
}

#[test]
fn an_open_down_spell_counts_until_now() {
    let mut history = History::new(0.0);
    history.record(Event::Down { at: DAY_MS - 1.0 - HOUR, cause: Cause::Status });
    let summary = history.summary(DAY_MS - 1.0, 1);
    assert!(summary.down_now);
    assert_eq!(summary.uptime_percent, 95.8); // 23 of 24 hours
}

#[test]
fn incidents_and_reroutes_land_on_their_day() {
    let mut history = History::new(0.0);
    history.record(Event::Incident { at: 2.5 * DAY_MS, name: "Elevated errors".into() });
    history.record(Event::Reroute { at: 2.6 * DAY_MS, target: "gemini".into(), outcome: "submitted".into() });
    history.record(Event::Reroute { at: 2.7 * DAY_MS, target: "chatgpt".into(), outcome: "login-wall".into() });
    let summary = history.summary(3.0 * DAY_MS - 1.0, 3);
    assert_eq!(summary.days[2].incidents, ["Elevated errors"]);
    assert_eq!(summary.days[2].reroutes, 2);
    assert_eq!(summary.reroutes, 2);
    assert!(history.knows_incident("Elevated errors"));
}

#[test]
fn keeps_30_days_and_a_bounded_number_of_events() {
    let mut history = History::new(0.0);
    for i in 0..(MAX_EVENTS + 500) {
        history.record(Event::Reroute { at: i as f64 * 1000.0, target: "gemini".into(), outcome: "submitted".into() });
    }
    assert_eq!(history.events.len(), MAX_EVENTS);
    history.record(Event::Back { at: 40.0 * DAY_MS });
    assert_eq!(history.events.len(), 1, "everything older than 30 days is gone");
    assert_eq!(history.since, 10.0 * DAY_MS);
}

#[test]
fn stored_history_reads_back_and_junk_starts_afresh() {
    let mut history = History::new(1.0);
    history.record(Event::Down { at: 2.0, cause: Cause::FalseLimit });
    let stored = serde_json::to_string(&history).unwrap();
    assert_eq!(History::from_stored(Some(&stored), 10.0), history);
    for junk in ["", "{", "[]", r#"{"since":"x","events":[]}"#] {
        assert_eq!(History::from_stored(Some(junk), 10.0), History::new(10.0), "{junk}");
    }
    assert_eq!(History::from_stored(None, 10.0), History::new(10.0));
}

#[test]
fn csv_has_one_row_per_event_and_defuses_spreadsheet_formulas() {
    let mut history = History::new(0.0);
    history.record(Event::Down { at: 1_785_937_890_287.0, cause: Cause::FalseLimit });
    history.record(Event::Incident { at: 1_785_937_900_000.0, name: "=HYPERLINK(\"x\"), and \"quotes\"".into() });
    let csv = history.to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "time,event,detail,outcome,status_page_lag_minutes");
    assert_eq!(lines[1], "2026-08-05T13:51:30Z,down,false limit,,");
    assert_eq!(lines[2], "2026-08-05T13:51:40Z,incident,\"'=HYPERLINK(\"\"x\"\"), and \"\"quotes\"\"\",,0");
}

#[test]
fn never_holds_prompt_text() {
    // The only free text is an incident title from the status page and a target id: no field takes a prompt.
    let history = History::new(0.0);
    let json = serde_json::to_value(&history).unwrap();
    assert_eq!(json.as_object().unwrap().keys().collect::<Vec<_>>(), ["events", "since"]);
}

proptest! {
    #[test]
    fn uptime_is_a_percentage_and_days_are_shares(
        events in prop::collection::vec((0.0..10.0 * DAY_MS, any::<bool>()), 0..40),
        since in 0.0..10.0 * DAY_MS,
    ) {
        let mut history = History::new(since);
        for (at, down) in events {
            history.record(if down { Event::Down { at, cause: Cause::Outage } } else { Event::Back { at } });
        }
        let summary = history.summary(10.0 * DAY_MS, 7);
        prop_assert!((0.0..=100.0).contains(&summary.uptime_percent));
        prop_assert!(summary.days.iter().all(|day| (0.0..=1.0 + 1e-9).contains(&day.down)));
    }
}

/// The status page's lag: an incident it showed after Reroute saw failures counts, from the spell's first
/// failure; one that started the spell itself (the status page was first) doesn't; the median is over the period.
#[test]
fn the_status_page_lag_is_counted_from_the_first_failure_reroute_saw() {
    let minute = 60_000.0;
    let mut history = History::new(0.0);
    history.record(Event::Down { at: 10.0 * minute, cause: Cause::Outage });
    history.record(Event::Incident { at: 17.0 * minute, name: "Elevated errors".into() });
    history.record(Event::Back { at: 40.0 * minute });
    history.record(Event::Down { at: 60.0 * minute, cause: Cause::Status });
    history.record(Event::Incident { at: 60.0 * minute, name: "Known first".into() });
    history.record(Event::Back { at: 70.0 * minute });
    history.record(Event::Down { at: 100.0 * minute, cause: Cause::FalseLimit });
    history.record(Event::Incident { at: 103.0 * minute, name: "Limits misreported".into() });
    let lags = history.lags();
    let summary: Vec<(&str, u32)> = lags.iter().map(|lag| (lag.name.as_str(), lag.lag_minutes)).collect();
    assert_eq!(summary, [("Elevated errors", 7), ("Limits misreported", 3)]);
    assert_eq!(history.summary(200.0 * minute, 30).median_lag_ms, Some(5.0 * minute));
    let csv = history.to_csv();
    assert!(csv.lines().any(|line| line.ends_with(",incident,Elevated errors,,7")), "{csv}");
    assert!(csv.lines().any(|line| line.ends_with(",incident,Known first,,")), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&history.to_json()).unwrap();
    assert_eq!(json["statusPageLags"][0]["lagMinutes"], 7);
}
