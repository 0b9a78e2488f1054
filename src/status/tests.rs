use super::*;
#[allow(unused_imports)]
use crate::phrase::{english_of, Phrase};
use crate::time::parse_rfc3339;

const OPERATIONAL: &str = include_str!("../../www/status/claude-operational.json");
const TWO_INCIDENTS: &str = include_str!("../../www/status/claude-two-incidents.json");
const MAJOR_OUTAGE: &str = include_str!("../../www/status/claude-major-outage.json");
const MAINTENANCE: &str = include_str!("../../www/status/claude-maintenance.json");
const OPENAI_OPERATIONAL: &str = include_str!("../../www/status/openai-operational.json");
const OPENAI_INCIDENT: &str = include_str!("../../www/status/openai-incident.json");
const GITHUB_FULL: &str = include_str!("../../www/status/github-major-incident-full.json");
const GITHUB_OPERATIONAL: &str = include_str!("../../www/status/github-operational-full.json");
const GITHUB_STATUS_ONLY: &str = include_str!("../../www/status/github-status-only.json");

fn at(text: &str) -> f64 {
    parse_rfc3339(text).unwrap()
}

/// A claude.ai summary with the given claude.ai and API statuses and extra top-level JSON.
fn claude(claude_ai: &str, api: &str, extra: &str) -> String {
    format!(
        r#"{{"page":{{"name":"Claude","url":"https://status.claude.com"}},"status":{{"indicator":"none"}},
        "components":[
          {{"id":"rwppv331jlwc","name":"claude.ai","status":"{claude_ai}","updated_at":"2026-09-04T17:41:00Z"}},
          {{"id":"k8w3r06qmzrp","name":"Claude API (api.anthropic.com)","status":"{api}"}},
          {{"id":"yyzkbfz2thpt","name":"Claude Code","status":"major_outage"}}]{extra}}}"#
    )
}

#[test]
fn reads_the_real_operational_payload() {
    let summary = parse_summary(OPERATIONAL).unwrap();
    assert_eq!(summary.page_name.as_deref(), Some("Claude"));
    assert_eq!(summary.page_url.as_deref(), Some("https://status.claude.com"));
    assert_eq!(summary.indicator, Some(Indicator::None));
    assert_eq!(summary.components.len(), 6);
    assert_eq!(summary.components[0].id, "rwppv331jlwc");
    assert!(summary.incidents.is_empty());
    let assessment = assess(&summary, at("2026-09-04T12:05:00Z"));
    assert_eq!(assessment.state, State::Operational);
    assert_eq!(assessment.sentence.english(), "claude.ai is operational");
    let names: Vec<_> = assessment.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["claude.ai", "Claude API (api.anthropic.com)"]);
}

#[test]
fn reads_two_incidents_and_picks_the_one_that_matters() {
    let summary = parse_summary(TWO_INCIDENTS).unwrap();
    assert_eq!(summary.incidents.len(), 2);
    let opus = &summary.incidents[0];
    assert_eq!(opus.impact, Impact::Minor);
    assert_eq!(opus.component_ids, ["d"]);
    assert_eq!(opus.latest_update.as_ref().unwrap().created_at, Some(at("2026-08-05T13:51:30.433Z")));
    // Updates are ordered by time, not by position.
    let models = &summary.incidents[1];
    assert_eq!(models.latest_update.as_ref().unwrap().body, "A fix has been deployed.");

    let assessment = assess(&summary, at("2026-08-05T14:00:00Z"));
    assert_eq!(assessment.state, State::Degraded);
    // The Claude Code incident names another product; the unscoped one may be about claude.ai.
    let incident = assessment.incident.unwrap();
    assert_eq!(incident.name, "Degraded performance of multiple models");
    assert_eq!(english_of(&incident.updated).as_deref(), Some("updated 51 min ago"));
    assert_eq!(incident.link.as_deref(), Some("https://stspg.io/s2ysk4zxbyy3"));
    assert_eq!(
        assessment.sentence.english(),
        "Degraded on claude.ai: Degraded performance of multiple models (updated 51 min ago)"
    );
}

#[test]
fn major_outage_reads_like_a_person_would_say_it() {
    let summary = parse_summary(MAJOR_OUTAGE).unwrap();
    let assessment = assess(&summary, at("2026-09-04T17:49:30Z"));
    assert_eq!(assessment.state, State::MajorOutage);
    assert_eq!(
        assessment.sentence.english(),
        "Major outage on claude.ai: Elevated errors on claude.ai (updated 4 min ago)"
    );
    let incident = assessment.incident.unwrap();
    assert_eq!(incident.status, "identified");
    assert!(incident.latest_update.unwrap().starts_with("We have identified"));
    assert_eq!(assessment.components[0].words, "major outage");
    assert_eq!(assessment.components[1].words, "partial outage");
}

#[test]
fn maintenance_in_progress() {
    let summary = parse_summary(MAINTENANCE).unwrap();
    let assessment = assess(&summary, at("2026-09-06T06:20:00Z"));
    assert_eq!(assessment.state, State::Maintenance);
    assert_eq!(assessment.sentence.english(), "Maintenance on claude.ai: Scheduled database maintenance");
    assert_eq!(
        english_of(&assessment.maintenance).as_deref(),
        Some("Maintenance in progress: Scheduled database maintenance (ends in 40 min)")
    );
}

#[test]
fn upcoming_maintenance_is_mentioned_but_does_not_change_the_state() {
    let body = claude(
        "operational",
        "operational",
        r#","scheduled_maintenances":[{"name":"Database upgrade","status":"scheduled",
            "scheduled_for":"2026-09-04T20:00:00Z","scheduled_until":"2026-09-04T21:00:00Z"}]"#,
    );
    let assessment = assess(&parse_summary(&body).unwrap(), at("2026-09-04T17:00:00Z"));
    assert_eq!(assessment.state, State::Operational);
    assert_eq!(
        english_of(&assessment.maintenance).as_deref(),
        Some("Scheduled maintenance: Database upgrade (starts in 3 h)")
    );
}

#[test]
fn judges_by_components_not_by_the_blended_indicator() {
    // Claude Code is down and the indicator says critical, but claude.ai works.
    let body = claude("operational", "operational", "").replace(r#""indicator":"none""#, r#""indicator":"critical""#);
    assert_eq!(assess(&parse_summary(&body).unwrap(), 0.0).state, State::Operational);
}

#[test]
fn every_component_status_maps_for_claude_ai_and_for_the_api() {
    let cases = [
        ("operational", "operational", State::Operational),
        ("degraded_performance", "operational", State::Degraded),
        ("partial_outage", "operational", State::PartialOutage),
        ("major_outage", "operational", State::MajorOutage),
        ("full_outage", "operational", State::MajorOutage),
        ("under_maintenance", "operational", State::Maintenance),
        ("operational", "degraded_performance", State::Degraded),
        ("operational", "partial_outage", State::Degraded),
        ("operational", "major_outage", State::PartialOutage),
        ("operational", "under_maintenance", State::Degraded),
        ("degraded_performance", "major_outage", State::PartialOutage),
        ("under_maintenance", "major_outage", State::PartialOutage),
        ("major_outage", "degraded_performance", State::MajorOutage),
    ];
    for (claude_ai, api, expected) in cases {
        let assessment = assess(&parse_summary(&claude(claude_ai, api, "")).unwrap(), at("2026-09-04T17:45:00Z"));
        assert_eq!(assessment.state, expected, "claude.ai {claude_ai}, API {api}");
    }
}

#[test]
fn api_trouble_is_named_in_the_sentence() {
    let assessment = assess(&parse_summary(&claude("operational", "major_outage", "")).unwrap(), 0.0);
    assert_eq!(
        assessment.sentence.english(),
        "Partial outage on claude.ai (Claude API (api.anthropic.com) has a major outage)"
    );
}

#[test]
fn component_change_time_is_shown_without_an_incident() {
    let assessment =
        assess(&parse_summary(&claude("partial_outage", "operational", "")).unwrap(), at("2026-09-04T17:53:00Z"));
    assert_eq!(assessment.sentence.english(), "Partial outage on claude.ai (since 12 min ago)");
}

#[test]
fn an_incident_naming_claude_ai_raises_the_state_even_before_components_change() {
    let body = claude(
        "operational",
        "operational",
        r#","incidents":[{"name":"Elevated errors","status":"investigating","impact":"major",
            "components":[{"id":"rwppv331jlwc","name":"claude.ai"}],"incident_updates":[]}]"#,
    );
    assert_eq!(assess(&parse_summary(&body).unwrap(), 0.0).state, State::PartialOutage);
}

#[test]
fn resolved_and_other_product_incidents_do_not_count() {
    let body = claude(
        "operational",
        "operational",
        r#","incidents":[
            {"name":"Fixed","status":"resolved","impact":"critical"},
            {"name":"Claude Code slow","status":"investigating","impact":"major","components":[{"id":"yyzkbfz2thpt","name":"Claude Code"}]}]"#,
    );
    let assessment = assess(&parse_summary(&body).unwrap(), 0.0);
    assert_eq!(assessment.state, State::Operational);
    assert_eq!(assessment.incident, None);
}

#[test]
fn tolerates_the_incident_io_variant() {
    let operational = parse_summary(OPENAI_OPERATIONAL).unwrap();
    assert_eq!(operational.components.len(), 4);
    assert!(operational.incidents.is_empty() && operational.maintenances.is_empty());

    let incident = parse_summary(OPENAI_INCIDENT).unwrap();
    assert_eq!(incident.components.len(), 4);
    assert_eq!(incident.incidents.len(), 1);
    assert_eq!(incident.incidents[0].link, None);
    assert!(incident.incidents[0].component_ids.is_empty());
    assert_eq!(incident.components[3].status, ComponentStatus::MajorOutage);
    // No claude.ai component on OpenAI's page: the indicator is all there is.
    assert_eq!(assess(&incident, 0.0).state, State::Degraded);

    let null_components = r#"{"status":{"indicator":"none"},"components":null,"incidents":null}"#;
    assert_eq!(assess(&parse_summary(null_components).unwrap(), 0.0).state, State::Operational);
}

#[test]
fn reads_every_field_of_a_complete_atlassian_payload() {
    for body in [GITHUB_FULL, GITHUB_OPERATIONAL] {
        let summary = parse_summary(body).unwrap();
        assert_eq!(summary.components.len(), 9);
    }
    let summary = parse_summary(GITHUB_FULL).unwrap();
    assert_eq!(summary.incidents[0].impact, Impact::Major);
    assert_eq!(
        summary.incidents[0].latest_update.as_ref().unwrap().body,
        "We are investigating reports of service unavailability."
    );
    // http:// shortlinks never reach an href.
    assert_eq!(summary.incidents[0].link, None);
    // status.json has only the indicator: readable, judged by the indicator.
    assert_eq!(parse_summary(GITHUB_STATUS_ONLY).unwrap().indicator, Some(Indicator::None));
}

#[test]
fn skips_group_headings() {
    let body = r#"{"components":[
        {"id":"g","name":"claude.ai","status":"major_outage","group":true},
        {"id":"rwppv331jlwc","name":"claude.ai","status":"operational","group":false}]}"#;
    let summary = parse_summary(body).unwrap();
    assert_eq!(summary.components.len(), 1);
    assert_eq!(assess(&summary, 0.0).state, State::Operational);
}

#[test]
fn a_bad_list_element_is_skipped_not_fatal() {
    let body = r#"{"components":[{"name":42},{"id":"rwppv331jlwc","name":"claude.ai","status":"degraded_performance"}],
        "incidents":[{"status":"investigating"}, "nonsense"]}"#;
    let summary = parse_summary(body).unwrap();
    assert_eq!(summary.components.len(), 1);
    assert!(summary.incidents.is_empty());
    assert_eq!(assess(&summary, 0.0).state, State::Degraded);
}

#[test]
fn fields_of_the_wrong_type_read_as_missing_and_the_parse_keeps_its_place() {
    // Each bad value is a nested structure the parser must consume whole, or the next field would be misread.
    let body = r#"{
        "page": ["not", {"an": "object"}],
        "status": {"indicator": {"deep": [1, [2, {"x": null}]]}},
        "components": [
            [{"name": "claude.ai", "status": "major_outage"}],
            {"id": 7, "name": "claude.ai", "status": "partial_outage", "group": "yes", "updated_at": {"t": 1}},
            "claude.ai",
            {"id": "k8w3r06qmzrp", "name": {"text": "Claude API"}, "status": "major_outage"},
            {"id": "k8w3r06qmzrp", "name": "Claude API (api.anthropic.com)", "status": "operational"}
        ],
        "incidents": {"not": "a list"},
        "scheduled_maintenances": 42
    }"#;
    let summary = parse_summary(body).unwrap();
    assert_eq!(summary.page_name, None);
    assert_eq!(summary.indicator, None);
    let names: Vec<_> = summary.components.iter().map(|c| (c.name.as_str(), c.id.as_str())).collect();
    assert_eq!(names, [("claude.ai", ""), ("Claude API (api.anthropic.com)", "k8w3r06qmzrp")]);
    assert!(summary.incidents.is_empty() && summary.maintenances.is_empty());
    assert_eq!(assess(&summary, 0.0).state, State::PartialOutage);
}

#[test]
fn well_formed_json_that_is_not_an_object_is_refused() {
    for body in ["[]", "null", "42", "\"summary\"", "true"] {
        assert_eq!(parse_summary(body), Err(ParseError::Malformed(Malformed::NotAnObject)), "{body}");
    }
    assert_eq!(parse_summary("{} {}"), Err(ParseError::Malformed(Malformed::At(1, 4))));
}

#[test]
fn timestamps_without_fractional_seconds_are_read() {
    let body = claude("partial_outage", "operational", "").replace("17:41:00Z", "17:41:00+00:00");
    let summary = parse_summary(&body).unwrap();
    assert_eq!(summary.components[0].updated_at, Some(at("2026-09-04T17:41:00Z")));
}

// ---- Bad input gets a clear state, never a crash. The poll module turns each error into "unknown". ----

#[test]
fn html_error_page() {
    let body = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>";
    assert_eq!(parse_summary(body), Err(ParseError::Html));
    assert_eq!(ParseError::Html.phrase().english(), "the status page sent a web page instead of status data");
}

#[test]
fn truncated_json() {
    let cut = &OPERATIONAL[..OPERATIONAL.len() / 2];
    assert_eq!(parse_summary(cut), Err(ParseError::Malformed(Malformed::EndsEarly)));
    assert!(matches!(parse_summary("{\"components\": [}"), Err(ParseError::Malformed(Malformed::At(..)))));
}

#[test]
fn empty_body() {
    assert_eq!(parse_summary(""), Err(ParseError::Empty));
    assert_eq!(parse_summary(" \n\u{feff}"), Err(ParseError::Empty));
}

#[test]
fn an_empty_object() {
    assert_eq!(parse_summary("{}"), Err(ParseError::NotASummary));
}

#[test]
fn unknown_status_on_claude_ai_is_unknown_with_a_reason() {
    let assessment = assess(&parse_summary(&claude("meltdown", "operational", "")).unwrap(), 0.0);
    assert_eq!(assessment.state, State::Unknown);
    assert_eq!(
        english_of(&assessment.reason).as_deref(),
        Some("claude.ai reports an unrecognised status \u{201c}meltdown\u{201d}")
    );
    // On a component that doesn't matter, a new status is ignored.
    let body = claude("operational", "operational", "")
        .replace(r#""Claude Code","status":"major_outage""#, r#""Claude Code","status":"meltdown""#);
    assert_eq!(assess(&parse_summary(&body).unwrap(), 0.0).state, State::Operational);
}

#[test]
fn unknown_indicator_without_components_is_unknown() {
    let assessment = assess(&parse_summary(r#"{"status":{"indicator":"apocalyptic"}}"#).unwrap(), 0.0);
    assert_eq!(assessment.state, State::Unknown);
    assert!(assessment.reason.unwrap().english().contains("apocalyptic"));
}

#[test]
fn duplicate_components() {
    // Identical repeats are harmless.
    let same = r#"{"components":[{"id":"rwppv331jlwc","name":"claude.ai","status":"degraded_performance"},
        {"id":"rwppv331jlwc","name":"claude.ai","status":"degraded_performance"}]}"#;
    let assessment = assess(&parse_summary(same).unwrap(), 0.0);
    assert_eq!(assessment.state, State::Degraded);
    assert_eq!(assessment.components.len(), 1);
    // Contradicting ones leave Reroute unable to tell.
    let contradicting = same.replacen("degraded_performance", "operational", 1);
    let assessment = assess(&parse_summary(&contradicting).unwrap(), 0.0);
    assert_eq!(assessment.state, State::Unknown);
    assert_eq!(
        english_of(&assessment.reason).as_deref(),
        Some("the status page lists claude.ai twice, as operational and as degraded performance")
    );
}

#[test]
fn links_are_https_only() {
    let body = claude(
        "partial_outage",
        "operational",
        r#","incidents":[{"name":"x","impact":"major","shortlink":"javascript:alert(1)"}]"#,
    )
    .replace("https://status.claude.com", "javascript:alert(1)");
    let assessment = assess(&parse_summary(&body).unwrap(), 0.0);
    assert_eq!(assessment.incident.unwrap().link, None);
}

#[test]
fn long_texts_are_capped() {
    let long = "é".repeat(5000);
    let body = claude("operational", "operational", &format!(r#","incidents":[{{"name":"{long}","impact":"minor"}}]"#));
    let summary = parse_summary(&body).unwrap();
    assert_eq!(summary.incidents[0].name.chars().count(), MAX_TEXT_CHARS + 1);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Mutations of real payloads: cuts, byte flips and splices reach the parser's deep paths far more often
    /// than random strings do.
    fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
        (0..seed.len(), 0..seed.len(), any::<u8>(), "\\PC{0,12}").prop_map(move |(a, b, byte, splice)| {
            let (start, end) = (a.min(b), a.max(b));
            let mut bytes = seed.as_bytes().to_vec();
            bytes[start] = byte;
            bytes.splice(start..end.min(start + 40), splice.bytes());
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn on_random_text(text in "\\PC{0,300}") {
            if let Ok(summary) = parse_summary(&text) { let _ = assess(&summary, 0.0); }
        }

        #[test]
        fn on_mutated_real_payloads(text in prop_oneof![mutated(MAJOR_OUTAGE), mutated(TWO_INCIDENTS), mutated(GITHUB_FULL), mutated(OPENAI_INCIDENT)]) {
            if let Ok(summary) = parse_summary(&text) { let _ = assess(&summary, f64::MAX); let _ = assess(&summary, f64::NAN); }
        }

        #[test]
        fn on_structurally_valid_summaries(
            statuses in proptest::collection::vec("[a-z_]{0,20}", 0..6),
            impacts in proptest::collection::vec("[a-z]{0,9}", 0..4),
            times in proptest::collection::vec("\\PC{0,30}", 0..4),
        ) {
            let components: Vec<String> = statuses.iter().enumerate().map(|(i, s)| {
                let name = ["claude.ai", "Claude API", "Claude Code"][i % 3];
                format!(r#"{{"id":"{i}","name":"{name}","status":"{s}","updated_at":{}}}"#, serde_json::to_string(times.get(i % times.len().max(1)).unwrap_or(&String::new())).unwrap())
            }).collect();
            let incidents: Vec<String> = impacts.iter().map(|impact| format!(r#"{{"name":"n","impact":"{impact}","components":[{{"name":"claude.ai"}}]}}"#)).collect();
            let body = format!(r#"{{"components":[{}],"incidents":[{}]}}"#, components.join(","), incidents.join(","));
            if let Ok(summary) = parse_summary(&body) { let _ = assess(&summary, 0.0); }
        }
    }
}
