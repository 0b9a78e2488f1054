use super::*;
use crate::phrase::Phrase;
use crate::status::parse_summary;

/// A real status.openai.com answer (fixtures): Voice mode down, Codex degraded, nothing a text prompt needs.
const OPENAI_VOICE_DOWN: &str = include_str!("../../www/status/openai-incident.json");

fn openai_with(components: &str, incidents: &str) -> Summary {
    parse_summary(&format!(
        r#"{{"page":{{"id":"01JMBBWD4QK3ZC5DGX8P5ZGQ9W","name":"OpenAI","url":"https://status.openai.com"}},
            "status":{{"indicator":"major","description":"Partial outage"}},"components":{components},"incidents":{incidents}}}"#
    ))
    .unwrap()
}

#[test]
fn components_a_text_prompt_does_not_need_do_not_count() {
    assert_eq!(chatgpt_health(&parse_summary(OPENAI_VOICE_DOWN).unwrap()), Judged::ok());
}

#[test]
fn conversations_or_login_down_is_chatgpt_down() {
    for (status, health) in
        [("major_outage", Health::Down), ("full_outage", Health::Down), ("partial_outage", Health::Degraded)]
    {
        let summary = openai_with(
            &format!(
                r#"[{{"id":"a","name":"Conversations","status":"{status}"}},{{"id":"b","name":"Voice mode","status":"operational"}}]"#
            ),
            "null",
        );
        let judged = chatgpt_health(&summary);
        assert_eq!(judged.health, health, "{status}");
        assert!(judged.reason.unwrap().english().contains("ChatGPT Conversations"));
    }
    let login = openai_with(r#"[{"id":"l","name":"Login","status":"major_outage"}]"#, "[]");
    assert_eq!(chatgpt_health(&login).health, Health::Down);
}

#[test]
fn an_incident_on_conversations_counts_by_its_impact() {
    let summary = openai_with(
        r#"[{"id":"a","name":"Conversations","status":"operational"}]"#,
        r#"[{"id":"i","name":"Elevated errors in ChatGPT","status":"investigating","impact":"minor","components":null,
             "incident_updates":[{"body":"Looking into it","created_at":"2026-10-06T10:00:00Z",
               "affected_components":[{"code":"a","name":"Conversations","old_status":"operational","new_status":"degraded_performance"}]}]}]"#,
    );
    assert_eq!(
        chatgpt_health(&summary),
        Judged {
            health: Health::Degraded,
            reason: Some(Phrase::new("health_openai_incident", ["Elevated errors in ChatGPT"]))
        }
    );
}

fn feed(product: &str, impact: &str, latest: &str) -> String {
    format!(
        r#"[{{"id":"x","number":"123","begin":"2026-11-22T03:00:00+00:00","end":null,"external_desc":"Users can't reach Gemini",
             "status_impact":"{impact}","severity":"high","affected_products":[{{"title":"Product","id":"{product}"}}],
             "most_recent_update":{{"created":"2026-11-22T03:10:00+00:00","status":"{latest}","text":"Investigating"}},"updates":[]}}]"#
    )
}

#[test]
fn the_workspace_feed_counts_open_gemini_incidents_only() {
    let down = gemini_health(&feed(GEMINI_PRODUCT_ID, "SERVICE_OUTAGE", "SERVICE_OUTAGE")).unwrap();
    assert_eq!(down.health, Health::Down);
    assert_eq!(down.reason.unwrap().english(), "Google: Users can't reach Gemini");
    assert_eq!(
        gemini_health(&feed(GEMINI_PRODUCT_ID, "SERVICE_DISRUPTION", "SERVICE_DISRUPTION")).unwrap().health,
        Health::Degraded
    );
    assert_eq!(
        gemini_health(&feed(GEMINI_PRODUCT_ID, "SERVICE_OUTAGE", "AVAILABLE")).unwrap(),
        Judged::ok(),
        "resolved"
    );
    assert_eq!(
        gemini_health(&feed("someOtherProduct", "SERVICE_OUTAGE", "SERVICE_OUTAGE")).unwrap(),
        Judged::ok(),
        "Gmail"
    );
    assert_eq!(
        gemini_health(&feed(GEMINI_PRODUCT_ID, "SERVICE_INFORMATION", "SERVICE_INFORMATION")).unwrap(),
        Judged::ok()
    );
    assert_eq!(gemini_health("[]").unwrap(), Judged::ok());
    for junk in ["", "{}", "<html>", "[1,2]"] {
        assert_eq!(gemini_health(junk), None, "{junk}");
    }
}

#[test]
fn the_targets_own_error_counts_for_15_minutes_and_old_answers_for_nothing() {
    let minute = 60_000.0;
    let now = 100.0 * minute;
    let body = Some(feed(GEMINI_PRODUCT_ID, "SERVICE_OUTAGE", "SERVICE_OUTAGE"));
    let seen_error = Evidence { site_error_at: Some(now - 14.0 * minute), ..Evidence::default() };
    assert_eq!(judge(Target::Chatgpt, Target::Chatgpt.site().name, &seen_error, now).health, Health::Down);
    assert_eq!(
        judge(
            Target::Chatgpt,
            Target::Chatgpt.site().name,
            &Evidence { site_error_at: Some(now - 16.0 * minute), ..seen_error },
            now
        )
        .health,
        Health::Unknown
    );
    assert_eq!(
        judge(
            Target::Gemini,
            Target::Gemini.site().name,
            &Evidence { body: body.clone(), checked_at: Some(now - minute), site_error_at: None, ..Default::default() },
            now
        )
        .health,
        Health::Down
    );
    assert_eq!(
        judge(
            Target::Gemini,
            Target::Gemini.site().name,
            &Evidence { body, checked_at: Some(now - 31.0 * minute), site_error_at: None, ..Default::default() },
            now
        )
        .health,
        Health::Unknown
    );
    assert_eq!(judge(Target::Gemini, Target::Gemini.site().name, &Evidence::default(), now).health, Health::Unknown);
}

fn name(target: Target) -> String {
    target.site().name.to_string()
}

#[test]
fn the_healthy_target_comes_first_whatever_the_users_order() {
    let down = |target| {
        if target == Target::Chatgpt {
            Judged { health: Health::Down, reason: Some(Phrase::plain("health_site_error_x")) }
        } else {
            Judged::ok()
        }
    };
    let ids = |buttons: Vec<Button>| buttons.into_iter().map(|b| b.id).collect::<Vec<_>>();
    assert_eq!(ids(buttons(&[Target::Chatgpt, Target::Gemini], down, name)), [Target::Gemini, Target::Chatgpt]);
    assert_eq!(
        ids(buttons(&[Target::Chatgpt, Target::Gemini], |_| Judged::ok(), name)),
        [Target::Chatgpt, Target::Gemini]
    );
    let unknown = |_| Judged { health: Health::Unknown, reason: None };
    assert_eq!(
        ids(buttons(&[Target::Gemini, Target::Chatgpt], unknown, name)),
        [Target::Gemini, Target::Chatgpt],
        "unknown is not bad news"
    );
    let all_down = buttons(&[Target::Gemini, Target::Chatgpt], |_| Judged { health: Health::Down, reason: None }, name);
    assert_eq!(ids(all_down), [Target::Gemini, Target::Chatgpt]);
}

proptest::proptest! {
    #[test]
    fn any_feed_text_is_judged_without_panicking(text in ".{0,300}") {
        let _ = gemini_health(&text);
    }
}

#[test]
fn a_withheld_required_host_needs_access_and_goes_last() {
    let judged = |_| Judged { health: Health::Ok, reason: None };
    let mut shown = buttons(&[Target::Chatgpt, Target::Gemini], judged, |target| format!("{target:?}"));
    mark_access(&mut shown, &["https://gemini.google.com/*".to_string()]);
    assert_eq!(
        shown.iter().map(|b| (b.id, b.access_needed)).collect::<Vec<_>>(),
        [(Target::Gemini, false), (Target::Chatgpt, true)]
    );
    let mut shown = buttons(&[Target::Chatgpt, Target::Gemini], judged, |target| format!("{target:?}"));
    mark_access(&mut shown, &["https://chatgpt.com/*".to_string(), "https://gemini.google.com/*".to_string()]);
    assert!(shown.iter().all(|b| !b.access_needed));
}

/// What kept a target from taking a prompt is said on its button for 15 minutes, by what it was; the latest of
/// that and a site error wins.
#[test]
fn a_login_wall_a_challenge_or_a_limit_is_named_on_the_button() {
    let minute = 60_000.0;
    let now = 100.0 * minute;
    for (kind, key) in
        [("login_wall", "health_login_wall"), ("challenge", "health_challenge"), ("own_limit", "health_own_limit")]
    {
        let evidence = Evidence { blocked: Some(kind.into()), blocked_at: Some(now - minute), ..Default::default() };
        let judged = judge(Target::Chatgpt, "ChatGPT", &evidence, now);
        assert_eq!((judged.health, judged.reason.map(|reason| reason.key)), (Health::Down, Some(key.to_string())));
        assert_eq!(
            judge(Target::Chatgpt, "ChatGPT", &evidence, now + 15.0 * minute).health,
            Health::Unknown,
            "{kind} for 15 min"
        );
    }
    let both = Evidence {
        blocked: Some("challenge".into()),
        blocked_at: Some(now - 5.0 * minute),
        site_error_at: Some(now - minute),
        ..Default::default()
    };
    assert_eq!(judge(Target::Chatgpt, "ChatGPT", &both, now).reason.unwrap().key, "health_site_error");
}

/// "Try the next target": the first button not tried, reachable and not down, in the order the buttons have.
#[test]
fn the_next_target_is_the_first_untried_one_that_can_take_the_prompt() {
    let button = |id: Target, health: Health, access_needed: bool| Button {
        id,
        name: format!("{id:?}"),
        health,
        reason: None,
        access_needed,
        chip: None,
    };
    let buttons = [
        button(Target::Chatgpt, Health::Ok, false),
        button(Target::Gemini, Health::Unknown, true),
        button(Target::Perplexity, Health::Down, false),
        button(Target::Grok, Health::Unknown, false),
    ];
    assert_eq!(next_target(&buttons, &[]), Some(Target::Chatgpt));
    assert_eq!(next_target(&buttons, &[Target::Chatgpt]), Some(Target::Grok), "not withheld, not down");
    assert_eq!(next_target(&buttons, &[Target::Chatgpt, Target::Grok]), None, "once per target");
}

/// The word on a target's button: what stood in the way by name, else down or having issues; none when fine.
#[test]
fn a_button_names_what_stood_in_the_way() {
    let now = 100.0 * 60_000.0;
    let fine = Evidence::default();
    let walled =
        Evidence { blocked: Some("login_wall".into()), blocked_at: Some(now - 60_000.0), ..Default::default() };
    let judged = |target: Target| judge(target, "x", if target == Target::Chatgpt { &walled } else { &fine }, now);
    let list = buttons(&[Target::Chatgpt, Target::Gemini], judged, |target| format!("{target:?}"));
    let chips: Vec<_> = list.iter().map(|button| (button.id, button.chip)).collect();
    assert_eq!(chips, [(Target::Gemini, None), (Target::Chatgpt, Some("chipLogin"))]);
}
