use super::*;
#[allow(unused_imports)]
use crate::phrase::{english_of, Phrase};

const OPERATIONAL: &str = include_str!("../../www/status/claude-operational.json");
const MAJOR_OUTAGE: &str = include_str!("../../www/status/claude-major-outage.json");
const MINUTE: f64 = 60_000.0;

fn ok(body: &str) -> FetchOutcome {
    FetchOutcome::Response { status: 200, body: body.into(), etag: Some("\"v1\"".into()), last_modified: None }
}

fn not_modified() -> FetchOutcome {
    FetchOutcome::Response { status: 304, body: String::new(), etag: None, last_modified: None }
}

fn fresh(body: &str, now: f64) -> StatusRecord {
    let mut record = StatusRecord::default();
    record.apply(ok(body), now);
    record
}

#[test]
fn nothing_known_yet_is_unknown() {
    let view = StatusRecord::default().view(0.0);
    assert_eq!(view.state, State::Unknown);
    assert_eq!(english_of(&view.reason).as_deref(), Some("Reroute has not reached the status page yet"));
    assert_eq!(view.checked, None);
    assert_eq!(view.page_url, "https://status.claude.com");
}

#[test]
fn operational_has_an_empty_badge_and_says_so_in_the_title() {
    let view = fresh(OPERATIONAL, 0.0).view(2.0 * MINUTE);
    assert_eq!(view.state, State::Operational);
    assert_eq!(view.badge.text, "");
    assert_eq!(view.words, "operational");
    assert_eq!(english_of(&view.checked).as_deref(), Some("Checked 2 min ago"));
}

#[test]
fn each_state_has_its_own_badge_text_and_colour() {
    let states = [State::Degraded, State::Maintenance, State::PartialOutage, State::MajorOutage, State::Unknown];
    for (i, a) in states.iter().enumerate() {
        for b in &states[i + 1..] {
            assert_ne!(badge_for(*a).text, badge_for(*b).text, "{a:?} vs {b:?}");
        }
    }
    assert_eq!(badge_for(State::Unknown).text, "?");
    assert_eq!(badge_for(State::Degraded).color, "#f59e0b");
    assert_eq!(badge_for(State::Maintenance).color, "#2563eb");
    assert!(
        badge_for(State::MajorOutage).color.starts_with("#b9")
            && badge_for(State::PartialOutage).color.starts_with("#dc")
    );
    assert!(states.iter().all(|state| badge_for(*state).text.chars().count() <= 4));
}

#[test]
fn never_a_stale_green() {
    let record = fresh(OPERATIONAL, 0.0);
    assert_eq!(record.view(15.0 * MINUTE).state, State::Operational);
    // A stored copy of the view says when it must no longer be shown.
    assert_eq!(record.view(MINUTE).fresh_until, Some(STALE_AFTER_MS));
    let stale = record.view(15.0 * MINUTE + 1.0);
    assert_eq!(stale.state, State::Unknown);
    assert_eq!(english_of(&stale.reason).as_deref(), Some("the last answer from the status page is 15 min old"));
    assert_eq!(english_of(&stale.last_known).as_deref(), Some("Last known: operational (15 min ago)"));
    assert_eq!(stale.fresh_until, None);
}

#[test]
fn a_failed_check_is_unknown_at_once_and_remembers_what_was_known() {
    let mut record = fresh(MAJOR_OUTAGE, 0.0);
    record.apply(FetchOutcome::NetworkError { detail: "TypeError: Failed to fetch".into() }, MINUTE);
    let view = record.view(MINUTE);
    assert_eq!(view.state, State::Unknown);
    assert_eq!(
        english_of(&view.reason).as_deref(),
        Some("the status page could not be reached (TypeError: Failed to fetch)")
    );
    assert_eq!(english_of(&view.last_known).as_deref(), Some("Last known: major outage (1 min ago)"));
    // The last good components stay visible for context.
    assert_eq!(view.components.len(), 2);
}

#[test]
fn every_bad_answer_ends_in_unknown_with_a_reason() {
    let cases: Vec<(FetchOutcome, &str)> = vec![
        (ok("<html><body>502 Bad Gateway</body></html>"), "the status page sent a web page instead of status data"),
        (ok(&OPERATIONAL[..200]), "the status page sent unreadable data (it ends too early)"),
        (ok(""), "the status page sent an empty answer"),
        (ok("{}"), "the status page's answer holds no components and no status"),
        (ok(&"x".repeat(MAX_BODY_BYTES + 1)), "the status page sent more than 2 MB"),
        (FetchOutcome::TooLarge, "the status page sent more than 2 MB"),
        (FetchOutcome::TimedOut, "the status page did not answer within 10 s"),
        (
            FetchOutcome::Response { status: 503, body: "busy".into(), etag: None, last_modified: None },
            "the status page answered HTTP 503",
        ),
        (FetchOutcome::NetworkError { detail: String::new() }, "the status page could not be reached"),
        (not_modified(), "the status page said nothing changed, but Reroute has no earlier answer"),
    ];
    for (outcome, reason) in cases {
        let mut record = StatusRecord::default();
        record.apply(outcome.clone(), 0.0);
        let view = record.view(0.0);
        assert_eq!(view.state, State::Unknown, "{outcome:?}");
        assert_eq!(english_of(&view.reason).as_deref(), Some(reason), "{outcome:?}");
        assert_eq!(view.badge.text, "?");
        assert_eq!(record.consecutive_failures, 1);
    }
}

#[test]
fn unknown_from_the_payload_itself_shows_its_reason() {
    let body = OPERATIONAL.replacen(r#""claude.ai","status":"operational""#, r#""claude.ai","status":"melting""#, 1);
    let view = fresh(&body, 0.0).view(0.0);
    assert_eq!(view.state, State::Unknown);
    assert_eq!(
        english_of(&view.reason).as_deref(),
        Some("claude.ai reports an unrecognised status \u{201c}melting\u{201d}")
    );
}

#[test]
fn conditional_requests_and_304() {
    let mut record = StatusRecord::default();
    assert!(record.request_headers().is_empty());
    record.apply(
        FetchOutcome::Response {
            status: 200,
            body: MAJOR_OUTAGE.into(),
            etag: Some("W/\"abc\"".into()),
            last_modified: Some("Fri, 04 Sep 2026 17:45:02 GMT".into()),
        },
        0.0,
    );
    assert_eq!(
        record.request_headers(),
        [
            ("If-None-Match", "W/\"abc\"".to_string()),
            ("If-Modified-Since", "Fri, 04 Sep 2026 17:45:02 GMT".to_string())
        ]
    );
    // A 304 vouches for the summary we hold and refreshes its age.
    record.apply(not_modified(), 14.0 * MINUTE);
    assert_eq!(record.view(20.0 * MINUTE).state, State::MajorOutage);
    assert_eq!(record.last_good_at, Some(14.0 * MINUTE));
    // A 304 with nothing held clears the validators so the next request is unconditional.
    let mut lost = StatusRecord { etag: Some("x".into()), ..StatusRecord::default() };
    lost.apply(not_modified(), 0.0);
    assert!(lost.etag.is_none() && lost.request_headers().is_empty());
}

#[test]
fn recovery_clears_the_error_and_backoff() {
    let mut record = StatusRecord::default();
    record.apply(FetchOutcome::TimedOut, 0.0);
    record.apply(FetchOutcome::TimedOut, MINUTE);
    assert_eq!(record.consecutive_failures, 2);
    record.apply(ok(OPERATIONAL), 2.0 * MINUTE);
    assert_eq!(record.consecutive_failures, 0);
    assert_eq!(record.view(2.0 * MINUTE).state, State::Operational);
}

#[test]
fn polls_every_minute_while_watched_and_every_ten_otherwise_with_jitter() {
    let record = StatusRecord::default();
    assert_eq!(record.next_poll_delay_ms(true, 0.5), MINUTE);
    assert_eq!(record.next_poll_delay_ms(false, 0.5), 10.0 * MINUTE);
    assert_eq!(record.next_poll_delay_ms(true, 0.0), 0.9 * MINUTE);
    assert_eq!(record.next_poll_delay_ms(true, 1.0), 1.1 * MINUTE);
    assert_eq!(record.next_poll_delay_ms(true, f64::NAN), MINUTE);
    assert_eq!(record.next_poll_delay_ms(true, -3.0), 0.9 * MINUTE);
}

#[test]
fn failures_back_off_exponentially_to_a_cap() {
    let mut record = StatusRecord::default();
    let mut delays = Vec::new();
    for _ in 0..8 {
        record.apply(FetchOutcome::TimedOut, 0.0);
        delays.push(record.next_poll_delay_ms(true, 0.5) / MINUTE);
    }
    assert_eq!(delays, [2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0, 30.0]);
    record.consecutive_failures = u32::MAX;
    assert_eq!(record.next_poll_delay_ms(false, 0.5), 30.0 * MINUTE);
}

#[test]
fn the_record_survives_storage_and_tolerates_what_older_versions_wrote() {
    let record = fresh(MAJOR_OUTAGE, 1_000.0);
    let stored = serde_json::to_string(&record).unwrap();
    assert_eq!(serde_json::from_str::<StatusRecord>(&stored).unwrap(), record);
    // Missing fields fall back to defaults.
    let partial: StatusRecord = serde_json::from_str(r#"{"lastGoodAt": 5}"#).unwrap();
    assert_eq!(partial.last_good_at, Some(5.0));
    assert!(partial.body.is_none());
}

#[test]
fn fetch_outcomes_have_a_stable_json_shape() {
    let outcome: FetchOutcome =
        serde_json::from_str(r#"{"kind":"response","status":200,"body":"{}","etag":null,"lastModified":"x"}"#).unwrap();
    assert_eq!(
        outcome,
        FetchOutcome::Response { status: 200, body: "{}".into(), etag: None, last_modified: Some("x".into()) }
    );
    assert_eq!(serde_json::from_str::<FetchOutcome>(r#"{"kind":"timedOut"}"#).unwrap(), FetchOutcome::TimedOut);
}

#[test]
fn watching_polls_at_once_when_the_last_check_is_old_and_otherwise_brings_the_next_poll_forward() {
    assert_eq!(StatusRecord::default().on_watching_started(0.0, None), WatchAction::PollNow);
    let record = fresh(OPERATIONAL, 0.0);
    assert_eq!(record.on_watching_started(MINUTE, Some(5.0 * MINUTE)), WatchAction::PollNow);
    // Checked 30 s ago; the idle schedule put the next poll 9 minutes out.
    assert_eq!(record.on_watching_started(0.5 * MINUTE, Some(9.5 * MINUTE)), WatchAction::Reschedule);
    assert_eq!(record.on_watching_started(0.5 * MINUTE, None), WatchAction::Reschedule);
    assert_eq!(record.on_watching_started(0.5 * MINUTE, Some(1.2 * MINUTE)), WatchAction::Keep);
}

#[test]
fn a_record_from_before_phrases_keeps_its_answer_though_its_reason_was_english() {
    let mut record = fresh(MAJOR_OUTAGE, 0.0);
    record.apply(FetchOutcome::TimedOut, MINUTE);
    let mut stored: serde_json::Value = serde_json::to_value(&record).unwrap();
    stored["lastError"] = "the status page did not answer within 10 s".into();
    let read: StatusRecord = serde_json::from_value(stored).unwrap();
    assert_eq!((read.body, read.etag, read.last_error), (record.body, record.etag, None));
}
