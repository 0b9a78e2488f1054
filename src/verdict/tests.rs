use super::*;
use crate::phrase::english;

const SECOND: f64 = 1_000.0;
const HOUR: f64 = 3_600_000.0;

fn page(key: &str, surface: Surface, text: &str) -> Event {
    Event::PageText { key: key.into(), surface, text: text.into() }
}

fn http(status: u16) -> Event {
    Event::Http { status, completion: true, challenge: false }
}

fn limit(limit_type: &str, utilization: Option<f64>) -> Event {
    Event::StreamLimit { limit_type: limit_type.into(), utilization, resets_at: None, windows: None }
}

/// Feeds `events` one second apart from t = 0 and returns the verdict a second after the last.
fn run(events: Vec<Event>, context: Context) -> Verdict {
    let mut tab = TabState::default();
    let mut now = 0.0;
    for event in events {
        tab.observe(event, now);
        now += SECOND;
    }
    tab.verdict(&Context { now, ..context })
}

fn kind(events: Vec<Event>) -> VerdictKind {
    run(events, Context::default()).kind
}

const CAPACITY: &str =
    "Due to unexpected capacity constraints, Claude is unable to respond to your message. Please try again soon.";
const LIMIT_BANNER: &str =
    "You've hit your limit for Claude messages. Limits will reset at 1:00 AM. For higher limits, explore our Pro plan.";

#[test]
fn nothing_observed_is_ok() {
    let verdict = run(vec![], Context::default());
    assert_eq!(verdict.kind, VerdictKind::Ok);
    assert!(!verdict.offer && verdict.badge.is_none() && verdict.incident.is_none());
}

#[test]
fn replies_failing_with_529_are_an_outage_with_a_counted_reason() {
    let verdict = run(
        vec![
            Event::Send,
            http(529),
            Event::Send,
            http(200),
            Event::StreamDone,
            Event::Send,
            http(529),
            Event::Send,
            http(529),
            Event::Send,
            http(529),
        ],
        Context::default(),
    );
    assert_eq!(verdict.kind, VerdictKind::Outage);
    // The completed reply voids the failure before it: 3 of the 3 replies since.
    assert_eq!(english(&verdict.reasons), ["3 of the last 3 replies failed with HTTP 529"]);
    assert_eq!(verdict.headline.english(), "Claude is failing: capacity errors on the last 3 replies");
    assert_eq!(verdict.badge.as_ref().unwrap().text, "ERR");
    assert!(verdict.offer);
}

#[test]
fn an_error_event_inside_an_http_200_is_an_outage() {
    let verdict = run(
        vec![Event::Send, http(200), Event::StreamError { error_type: "overloaded_error".into() }],
        Context::default(),
    );
    assert_eq!(verdict.kind, VerdictKind::Outage);
    assert_eq!(english(&verdict.reasons), ["a reply ended with overloaded_error"]);
    assert_eq!(verdict.headline.english(), "Claude is failing: capacity errors on your last reply");
}

#[test]
fn strong_page_texts_alone_are_an_outage() {
    for text in [
        CAPACITY,
        "Claude will return soon Claude is currently experiencing a temporary service disruption.",
        "Service is temporarily busy. You can try again shortly",
        r#"API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}"#,
    ] {
        let verdict = run(vec![page("a", Surface::ChatInline, text)], Context::default());
        assert_eq!(verdict.kind, VerdictKind::Outage, "{text}");
        assert!(english(&verdict.reasons)[0].starts_with("claude.ai shows \u{201c}"), "{:?}", verdict.reasons);
    }
}

#[test]
fn weak_signals_need_a_second_source() {
    for text in
        ["Something went wrong", "This response didn't load. Try again by chatting to Claude.", "Can't reach Claude"]
    {
        assert_eq!(kind(vec![page("a", Surface::Alert, text)]), VerdictKind::Ok, "{text} alone");
        // With a failing network signal…
        let with_network = kind(vec![
            page("a", Surface::Alert, text),
            Event::NetworkError { error: "net::ERR_CONNECTION_RESET".into(), completion: true },
        ]);
        assert_eq!(with_network, VerdictKind::Outage, "{text} + network");
        // …or the status page saying so.
        let context = Context {
            status: State::PartialOutage,
            status_sentence: status_on("partial_outage", None),
            ..Context::default()
        };
        let verdict = run(vec![page("a", Surface::Alert, text)], context);
        assert_eq!(verdict.kind, VerdictKind::Outage, "{text} + status");
        assert!(english(&verdict.reasons).contains(&"status page: Partial outage on claude.ai".to_string()));
    }
    assert_eq!(
        kind(vec![Event::NetworkError { error: "net::ERR_CONNECTION_RESET".into(), completion: true }]),
        VerdictKind::Ok
    );
}

#[test]
fn confidence_grows_with_independent_sources() {
    let one = run(vec![Event::Send, http(529)], Context::default()).confidence;
    let two =
        run(vec![Event::Send, http(529), page("a", Surface::ChatInline, CAPACITY)], Context::default()).confidence;
    let three = run(
        vec![Event::Send, http(529), page("a", Surface::ChatInline, CAPACITY)],
        Context { status: State::MajorOutage, ..Context::default() },
    )
    .confidence;
    assert!(one < two && two < three && three <= 0.98, "{one} {two} {three}");
}

#[test]
fn a_completed_reply_brings_the_tab_back_to_ok() {
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    tab.observe(http(500), SECOND);
    tab.observe(
        page("a", Surface::ChatInline, "This response didn't load. Try again by chatting to Claude."),
        2.0 * SECOND,
    );
    assert_eq!(tab.verdict(&Context::at(3.0 * SECOND)).kind, VerdictKind::Outage);
    tab.observe(Event::Send, 4.0 * SECOND);
    tab.observe(Event::StreamDone, 5.0 * SECOND);
    let verdict = tab.verdict(&Context::at(6.0 * SECOND));
    assert_eq!(verdict.kind, VerdictKind::Ok);
    assert!(!verdict.offer);
}

#[test]
fn signals_expire() {
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    tab.observe(http(503), 0.0);
    assert_eq!(tab.verdict(&Context::at(SIGNAL_WINDOW_MS - 1.0)).kind, VerdictKind::Outage);
    assert_eq!(tab.verdict(&Context::at(SIGNAL_WINDOW_MS + 1.0)).kind, VerdictKind::Ok);
}

#[test]
fn an_error_that_leaves_the_page_stops_counting() {
    let mut tab = TabState::default();
    tab.observe(page("screen", Surface::Page, "Claude will return soon"), 0.0);
    assert_eq!(tab.verdict(&Context::at(SECOND)).kind, VerdictKind::Outage);
    tab.observe(Event::PageCleared { key: "screen".into() }, 2.0 * SECOND);
    assert_eq!(tab.verdict(&Context::at(3.0 * SECOND)).kind, VerdictKind::Ok);
    // An element whose text changes to something harmless also stops counting.
    tab.observe(page("toast", Surface::Alert, CAPACITY), 4.0 * SECOND);
    tab.observe(page("toast", Surface::Alert, "Copied to clipboard"), 5.0 * SECOND);
    assert_eq!(tab.verdict(&Context::at(6.0 * SECOND)).kind, VerdictKind::Ok);
}

#[test]
fn approaching_the_limit_is_informational() {
    let verdict = run(vec![page("a", Surface::ComposerBanner, "Approaching 5-hour limit.")], Context::default());
    assert_eq!(verdict.kind, VerdictKind::Ok);
    assert!(english(&verdict.reasons)[0].contains("a warning, not a block"));
}

#[test]
fn the_length_limit_is_not_an_outage() {
    let text = "Your message will exceed the length limit for this chat. Try attaching fewer or smaller files or starting a new conversation.";
    assert_eq!(kind(vec![page("a", Surface::ComposerBanner, text)]), VerdictKind::Ok);
}

// ---- False limit vs real limit ----

#[test]
fn a_limit_banner_with_no_contrary_evidence_is_a_real_limit() {
    let verdict = run(vec![page("banner", Surface::ComposerBanner, LIMIT_BANNER)], Context::default());
    assert_eq!(verdict.kind, VerdictKind::Limit);
    assert_eq!(verdict.badge.unwrap().text, "LIM");
    assert!(verdict.offer, "rerouting is offered for a real limit too");
}

#[test]
fn the_server_saying_exceeded_is_a_real_limit() {
    let verdict = run(vec![Event::Send, http(200), limit("exceeded_limit", Some(1.0))], Context::default());
    assert_eq!(verdict.kind, VerdictKind::Limit);
    assert!(english(&verdict.reasons).contains(&"claude.ai's server reported the limit as exceeded".to_string()));
}

#[test]
fn a_limit_banner_after_low_utilisation_is_false() {
    let verdict = run(
        vec![
            Event::Send,
            limit("within_limit", Some(0.12)),
            Event::StreamDone,
            page("banner", Surface::ComposerBanner, LIMIT_BANNER),
        ],
        Context::default(),
    );
    assert_eq!(verdict.kind, VerdictKind::FalseLimit);
    assert!(
        english(&verdict.reasons).contains(&"your last reply reported only 12 % of the 5-hour limit used".to_string()),
        "{:?}",
        english(&verdict.reasons)
    );
    assert_eq!(verdict.badge.unwrap().text, "LIM?");
    // High utilisation makes it believable.
    let high = kind(vec![
        Event::Send,
        limit("within_limit", Some(0.95)),
        Event::StreamDone,
        page("banner", Surface::ComposerBanner, LIMIT_BANNER),
    ]);
    assert_eq!(high, VerdictKind::Limit);
}

#[test]
fn a_limit_banner_after_few_sends_is_false_only_when_reroute_watched_the_whole_window() {
    let few = Context { sends_in_window: 1, observed_whole_window: true, ..Context::default() };
    let verdict = run(vec![page("banner", Surface::ComposerBanner, LIMIT_BANNER)], few.clone());
    assert_eq!(verdict.kind, VerdictKind::FalseLimit);
    assert!(
        english(&verdict.reasons).contains(&"only 1 message(s) sent from this browser in the last 5 hours".to_string())
    );
    // Installed an hour ago: a low count proves nothing.
    let fresh_install = Context { observed_whole_window: false, ..few };
    assert_eq!(
        run(vec![page("banner", Surface::ComposerBanner, LIMIT_BANNER)], fresh_install).kind,
        VerdictKind::Limit
    );
    let many = Context { sends_in_window: 40, observed_whole_window: true, ..Context::default() };
    assert_eq!(run(vec![page("banner", Surface::ComposerBanner, LIMIT_BANNER)], many).kind, VerdictKind::Limit);
}

#[test]
fn a_limit_banner_during_server_errors_or_an_incident_is_false() {
    let during_errors = kind(vec![Event::Send, http(529), page("banner", Surface::ComposerBanner, LIMIT_BANNER)]);
    assert_eq!(during_errors, VerdictKind::FalseLimit);
    let incident = Context {
        status: State::Degraded,
        status_sentence: status_on("degraded", Some("Elevated errors")),
        ..Context::default()
    };
    let verdict = run(vec![page("banner", Surface::ComposerBanner, LIMIT_BANNER)], incident);
    assert_eq!(verdict.kind, VerdictKind::FalseLimit);
    assert!(english(&verdict.reasons).contains(&"status page: Degraded on claude.ai: Elevated errors".to_string()));
}

// ---- Auth, offline, maintenance ----

#[test]
fn auth_failures() {
    assert_eq!(kind(vec![page("a", Surface::Page, "There was an error logging you in")]), VerdictKind::Auth);
    assert_eq!(kind(vec![Event::Http { status: 403, completion: false, challenge: false }]), VerdictKind::Auth);
    assert_eq!(
        kind(vec![Event::Send, http(200), Event::StreamError { error_type: "permission_error".into() }]),
        VerdictKind::Auth
    );
}

#[test]
fn the_users_own_connection_is_offline_not_an_outage() {
    let verdict =
        run(vec![Event::Online { online: false }, page("t", Surface::Alert, "Can't reach Claude")], Context::default());
    assert_eq!(verdict.kind, VerdictKind::Offline);
    assert_eq!(verdict.headline.english(), "You're offline: check your connection");
    assert_eq!(
        kind(vec![Event::NetworkError { error: "net::ERR_INTERNET_DISCONNECTED".into(), completion: true }]),
        VerdictKind::Offline
    );
    // Every host failing: claude.ai and the status page.
    let everything_fails = Context { status_unreachable: true, ..Context::default() };
    let verdict = run(
        vec![Event::NetworkError { error: "net::ERR_CONNECTION_TIMED_OUT".into(), completion: true }],
        everything_fails,
    );
    assert_eq!(verdict.kind, VerdictKind::Offline);
    // Back online.
    assert_eq!(kind(vec![Event::Online { online: false }, Event::Online { online: true }]), VerdictKind::Ok);
}

#[test]
fn aborted_requests_are_not_failures() {
    assert_eq!(
        kind(vec![Event::NetworkError { error: "net::ERR_ABORTED".into(), completion: true }, Event::Send, http(200)]),
        VerdictKind::Ok
    );
}

#[test]
fn maintenance_on_the_status_page_with_failures_on_the_page() {
    let context = Context {
        status: State::Maintenance,
        status_sentence: status_on("maintenance", Some("Database upgrade")),
        ..Context::default()
    };
    let verdict = run(vec![page("s", Surface::Page, "Claude will return soon")], context.clone());
    assert_eq!(verdict.kind, VerdictKind::Maintenance);
    // Maintenance announced but the page works: ok.
    assert_eq!(run(vec![Event::Send, http(200), Event::StreamDone], context).kind, VerdictKind::Ok);
}

// ---- Dismissal ----

#[test]
fn a_dismissed_offer_stays_away_for_that_incident_only() {
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    tab.observe(http(529), SECOND);
    let first = tab.verdict(&Context::at(2.0 * SECOND));
    tab.dismiss(first.incident.as_deref().unwrap());
    // More evidence of the same incident: still dismissed, badge still red.
    tab.observe(Event::Send, 3.0 * SECOND);
    tab.observe(http(529), 4.0 * SECOND);
    let same = tab.verdict(&Context::at(5.0 * SECOND));
    assert_eq!(same.kind, VerdictKind::Outage);
    assert_eq!(same.incident, first.incident);
    assert!(!same.offer);
    assert!(same.badge.is_some());
    // A success ends it; a new failure is a new incident and offers again.
    tab.observe(Event::StreamDone, 6.0 * SECOND);
    tab.observe(Event::Send, 7.0 * SECOND);
    tab.observe(http(500), 8.0 * SECOND);
    let next = tab.verdict(&Context::at(9.0 * SECOND));
    assert_ne!(next.incident, first.incident);
    assert!(next.offer);
}

// ---- Storage and input hygiene ----

// ---- The real pages of 2026 (issue: real claude.ai) ----

#[test]
fn a_reply_stream_cut_short_is_an_outage() {
    let verdict = run(vec![Event::Send, http(200), Event::StreamCut], Context::default());
    assert_eq!(verdict.kind, VerdictKind::Outage);
    assert_eq!(english(&verdict.reasons), ["1 reply stream(s) stopped before the reply finished"]);
    // A reply that completes afterwards voids it.
    assert_eq!(kind(vec![Event::Send, Event::StreamCut, Event::Send, Event::StreamDone]), VerdictKind::Ok);
}

#[test]
fn the_sites_warning_in_a_reply_row_is_strong_but_the_same_words_elsewhere_are_weak() {
    let warning = "This response didn\u{2019}t load. Try again";
    let verdict = run(vec![page("w", Surface::ReplyWarning, warning)], Context::default());
    assert_eq!(verdict.kind, VerdictKind::Outage);
    assert_eq!(
        english(&verdict.reasons),
        ["claude.ai shows \u{201c}This response didn\u{2019}t load. Try again\u{201d}"]
    );
    assert_eq!(kind(vec![page("w", Surface::ChatInline, warning)]), VerdictKind::Ok);
    assert_eq!(
        kind(vec![page("w", Surface::ReplyWarning, "Claude reached its tool-use limit for this turn.")]),
        VerdictKind::Ok
    );
}

#[test]
fn japanese_failure_texts_count_like_english_ones() {
    let capacity = "予期せぬ容量制限により、Claudeは現在応答できません。しばらくしてから再度お試しください。";
    assert_eq!(kind(vec![page("c", Surface::ReplyWarning, capacity)]), VerdictKind::Outage);
    assert_eq!(
        kind(vec![page("l", Surface::ComposerBanner, "利用制限に達しました ∙ リセット時刻：15:00")]),
        VerdictKind::Limit
    );
}

#[test]
fn a_cloudflare_challenge_is_no_signal() {
    let challenge = Event::Http { status: 403, completion: false, challenge: true };
    let mut tab = TabState::default();
    assert!(!tab.observe(challenge.clone(), 0.0), "nothing stored");
    assert_eq!(kind(vec![challenge, Event::Http { status: 403, completion: true, challenge: true }]), VerdictKind::Ok);
}

#[test]
fn the_error_screen_routes_are_an_outage_until_the_tab_leaves_them() {
    let verdict = run(vec![Event::Route { path: "/maintenance".into() }], Context::default());
    assert_eq!(verdict.kind, VerdictKind::Outage);
    assert_eq!(verdict.headline.english(), "Claude is down: claude.ai shows a service disruption");
    assert_eq!(
        english(&verdict.reasons),
        ["claude.ai sent this tab to its error screen at \u{201c}/maintenance\u{201d}"]
    );
    assert_eq!(kind(vec![Event::Route { path: "/restricted".into() }]), VerdictKind::Outage);
    assert_eq!(
        kind(vec![Event::Route { path: "/maintenance".into() }, Event::Route { path: "/new".into() }]),
        VerdictKind::Ok
    );
    assert_eq!(kind(vec![Event::Route { path: "/chat/maintenance".into() }]), VerdictKind::Ok);
}

#[test]
fn an_exceeded_limit_holds_until_its_reset_time_or_a_completed_reply() {
    let reset_s = (3.0 * HOUR) / 1000.0;
    let exceeded = Event::StreamLimit {
        limit_type: "exceeded_limit".into(),
        utilization: None,
        resets_at: Some(reset_s),
        windows: None,
    };
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    tab.observe(Event::Http { status: 429, completion: true, challenge: false }, SECOND);
    tab.observe(exceeded, SECOND);
    for (now, expected) in
        [(HOUR, VerdictKind::Limit), (2.9 * HOUR, VerdictKind::Limit), (3.0 * HOUR + SECOND, VerdictKind::Ok)]
    {
        assert_eq!(tab.verdict(&Context::at(now)).kind, expected, "at {} h", now / HOUR);
    }
    // The reset time travels with the verdict (a prompt held for Claude is ready then), in Unix ms, and since
    // when it has been failing (the 429, a second after the send).
    assert_eq!(tab.verdict(&Context::at(HOUR)).resets_at, Some(3.0 * HOUR));
    assert_eq!(tab.verdict(&Context::at(HOUR)).since, Some(SECOND));
    assert_eq!(tab.verdict(&Context::at(3.0 * HOUR + SECOND)).resets_at, None);
    // Without a reset time, it lasts the signal window.
    let mut plain = TabState::default();
    plain.observe(limit("exceeded_limit", None), 0.0);
    assert_eq!(plain.verdict(&Context::at(SIGNAL_WINDOW_MS + SECOND)).kind, VerdictKind::Ok);
    // A reply that completes ends it at once.
    tab.observe(Event::Send, 2.0 * HOUR);
    tab.observe(Event::StreamDone, 2.0 * HOUR + SECOND);
    assert_eq!(tab.verdict(&Context::at(2.0 * HOUR + 2.0 * SECOND)).kind, VerdictKind::Ok);
    // A page can't make a limit hold for ever.
    let mut far = TabState::default();
    far.observe(
        Event::StreamLimit {
            limit_type: "exceeded_limit".into(),
            utilization: None,
            resets_at: Some(1e12),
            windows: None,
        },
        0.0,
    );
    assert_eq!(far.verdict(&Context::at(8.0 * 24.0 * HOUR)).kind, VerdictKind::Ok);
}

#[test]
fn too_many_chats_is_informational_even_during_maintenance() {
    let text = "Looks like you have too many chats going. Please close a tab to continue.";
    assert_eq!(kind(vec![page("t", Surface::ComposerBanner, text)]), VerdictKind::Ok);
    let context = Context { status: State::Maintenance, ..Context::default() };
    assert_eq!(run(vec![page("t", Surface::ComposerBanner, text)], context).kind, VerdictKind::Ok);
}

#[test]
fn a_stream_event_handed_over_before_its_request_is_taken_when_the_request_follows_at_once() {
    let mut tab = TabState::default();
    assert!(!tab.observe(Event::StreamCut, 0.0), "no request yet: held, not taken");
    assert_eq!(tab.verdict(&Context::at(100.0)).kind, VerdictKind::Ok);
    tab.observe(Event::Send, 500.0);
    assert_eq!(tab.verdict(&Context::at(1_000.0)).kind, VerdictKind::Outage);
    // Too long before any request: a stray, dropped.
    let mut stray = TabState::default();
    stray.observe(Event::StreamCut, 0.0);
    stray.observe(Event::Send, EARLY_STREAM_MS + 1.0);
    assert_eq!(stray.verdict(&Context::at(EARLY_STREAM_MS + 2.0)).kind, VerdictKind::Ok);
}

#[test]
fn events_have_a_strict_json_shape() {
    let event: Event =
        serde_json::from_str(r#"{"kind":"page-text","key":"k1","surface":"alert","text":"Can't reach Claude"}"#)
            .unwrap();
    assert_eq!(event, page("k1", Surface::Alert, "Can't reach Claude"));
    let limit: Event =
        serde_json::from_str(r#"{"kind":"stream-limit","limitType":"within_limit","utilization":0.2}"#).unwrap();
    assert_eq!(
        limit,
        Event::StreamLimit {
            limit_type: "within_limit".into(),
            utilization: Some(0.2),
            resets_at: None,
            windows: None
        }
    );
    for bad in [
        r#"{"kind":"page-text","key":"k","surface":"alert","text":"x","extra":1}"#,
        r#"{"kind":"page-text","key":"k","surface":"sidebar","text":"x"}"#,
        r#"{"kind":"http","status":"500","completion":true}"#,
        r#"{"kind":"explode"}"#,
    ] {
        assert!(serde_json::from_str::<Event>(bad).is_err(), "{bad}");
    }
}

#[test]
fn state_is_bounded_and_survives_storage() {
    let mut tab = TabState::default();
    for i in 0..500 {
        tab.observe(Event::Send, f64::from(i));
        tab.observe(page(&format!("k{i}"), Surface::Alert, "Something went wrong"), f64::from(i));
    }
    assert!(tab.signals.len() <= MAX_SIGNALS && tab.page.len() <= MAX_PAGE_FAILURES);
    let stored = serde_json::to_string(&tab).unwrap();
    assert_eq!(serde_json::from_str::<TabState>(&stored).unwrap(), tab);
    assert!(stored.len() < 8_000, "{} bytes", stored.len());
}

#[test]
fn the_send_log_counts_a_sliding_five_hour_window() {
    let mut log = SendLog::default();
    log.start(0.0);
    log.record(HOUR);
    log.record(2.0 * HOUR);
    assert_eq!(log.window(3.0 * HOUR), (2, false));
    assert_eq!(log.window(5.0 * HOUR), (2, true));
    assert_eq!(log.window(6.5 * HOUR), (1, true));
    log.record(8.0 * HOUR);
    assert_eq!(log.sends, [8.0 * HOUR]);
}

proptest::proptest! {
    #[test]
    fn any_sequence_gives_a_verdict_without_panicking(
        steps in proptest::collection::vec((0u8..10, 0u16..700, "\\PC{0,80}", proptest::option::of(-1.0f64..2.0)), 0..40),
        status in 0u8..6,
    ) {
        let mut tab = TabState::default();
        let mut now = 0.0;
        for (i, (which, code, text, utilization)) in steps.into_iter().enumerate() {
            let event = match which {
                0 => Event::Send,
                1 => Event::Http { status: code, completion: code % 2 == 0, challenge: code % 7 == 0 },
                2 => Event::NetworkError { error: text, completion: true },
                3 => Event::PageText { key: (i % 3).to_string(), surface: Surface::Alert, text },
                4 => Event::PageCleared { key: (i % 3).to_string() },
                5 => Event::StreamError { error_type: text },
                6 => Event::StreamLimit { limit_type: text, utilization, resets_at: utilization.map(|u| u * 1e9), windows: None },
                7 => Event::StreamDone,
                8 if code % 2 == 0 => Event::StreamCut,
                8 => Event::Route { path: if code % 3 == 0 { "/maintenance".into() } else { "/new".into() } },
                _ => Event::Online { online: code % 2 == 0 },
            };
            tab.observe(event, now);
            now += 7_000.0;
        }
        let status = [State::Operational, State::Degraded, State::PartialOutage, State::MajorOutage, State::Maintenance, State::Unknown][status as usize];
        let verdict = tab.verdict(&Context { now, status, ..Context::default() });
        proptest::prop_assert!((0.0..=1.0).contains(&verdict.confidence));
        proptest::prop_assert_eq!(verdict.kind == VerdictKind::Ok, verdict.badge.is_none());
        proptest::prop_assert!(!verdict.offer || verdict.kind != VerdictKind::Ok);
    }
}

/// The status page's sentence as status.rs words it: "Degraded on claude.ai: Elevated errors".
fn status_on(state: &str, name: Option<&str>) -> Phrase {
    let on = Phrase::with("status_on", [Phrase::plain(&format!("state_title_{state}")).into(), "claude.ai".into()]);
    match name {
        Some(name) => Phrase::with("status_named", [on.into(), name.into()]),
        None => on,
    }
}

#[test]
fn stream_events_count_only_while_a_completion_the_browser_saw_is_in_flight() {
    let overloaded = || Event::StreamError { error_type: "overloaded_error".into() };
    // A page script posting stream events with no completion request: nothing.
    let mut tab = TabState::default();
    for i in 0..10 {
        assert!(!tab.observe(overloaded(), f64::from(i) * SECOND));
    }
    assert_eq!(tab.verdict(&Context::at(11.0 * SECOND)).kind, VerdictKind::Ok);
    // One completion: its one error counts, a second forged one after it has ended doesn't.
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    assert!(tab.observe(overloaded(), SECOND));
    assert!(!tab.observe(overloaded(), 2.0 * SECOND));
    assert!(!tab.observe(Event::StreamCut, 3.0 * SECOND));
    assert_eq!(tab.signals.iter().filter(|timed| matches!(timed.signal, Signal::StreamError { .. })).count(), 1);
    // A within_limit event doesn't end the stream; its message_stop does.
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    assert!(tab.observe(limit("within_limit", Some(0.2)), SECOND));
    assert!(tab.observe(Event::StreamDone, 2.0 * SECOND));
    assert!(!tab.observe(Event::StreamDone, 3.0 * SECOND));
    // A send long ago doesn't open the door for later events.
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    assert!(!tab.observe(overloaded(), STREAM_OPEN_MS + SECOND));
    // Survives storage (the background keeps it in storage.session between events).
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    let tab: TabState = serde_json::from_str(&serde_json::to_string(&tab).unwrap()).unwrap();
    let mut tab = tab;
    assert!(tab.observe(overloaded(), SECOND));
}

/// The usage the popup shows comes only from limits Reroute took: a page posting one with no completion in
/// flight reports nothing.
#[test]
fn only_a_taken_limit_reports_usage() {
    let windows = crate::usage::Windows {
        five_hour: Some(crate::usage::Window { utilization: Some(0.42), resets_at: Some(100.0), status: None }),
        seven_day: None,
    };
    let event = || Event::StreamLimit {
        limit_type: "within_limit".into(),
        utilization: Some(0.42),
        resets_at: None,
        windows: Some(windows.clone()),
    };
    let mut forged = TabState::default();
    forged.observe(event(), 0.0);
    forged.observe(Event::Send, 10.0 * SECOND);
    assert_eq!(forged.usage_report(), None, "no request within the early hold: dropped");
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    tab.observe(event(), SECOND);
    let report = tab.usage_report().unwrap();
    assert_eq!((report.at, report.windows.as_ref()), (SECOND, Some(&windows)));
}

/// A reply counts as completed (drafts answered, Claude back for held prompts) only when Reroute took it.
#[test]
fn only_a_taken_reply_is_a_completed_one() {
    let mut forged = TabState::default();
    forged.observe(Event::StreamDone, 0.0);
    assert_eq!(forged.last_reply_at(), None);
    let mut tab = TabState::default();
    tab.observe(Event::Send, 0.0);
    tab.observe(Event::StreamDone, SECOND);
    assert_eq!(tab.last_reply_at(), Some(SECOND));
}
