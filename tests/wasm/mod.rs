//! The wasm boundary as the extension calls it, run in Node and in real browsers. The same tests are
//! compiled into `tests/node.rs` and `tests/browser.rs`; the pure logic behind them is tested natively.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use reroute::wasm::{assess_payload, check_custom_target, check_status, decode_request, next_poll_delay, status_view};

const OPERATIONAL: &str = include_str!("../../www/status/claude-operational.json");
const MAJOR_OUTAGE: &str = include_str!("../../www/status/claude-major-outage.json");

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |value, key| Reflect::get(&value, &key.into()).unwrap_or(JsValue::UNDEFINED))
}

fn text(value: &JsValue, path: &str) -> String {
    get(value, path).as_string().unwrap_or_else(|| panic!("{path} is not a string"))
}

fn data_url(media_type: &str, body: &str) -> String {
    format!("data:{media_type},{}", String::from(js_sys::encode_uri_component(body)))
}

async fn checked(url: &str) -> JsValue {
    check_status(JsValue::UNDEFINED, url.to_string()).await.unwrap()
}

#[wasm_bindgen_test]
fn an_empty_record_is_unknown() {
    let view = status_view(JsValue::UNDEFINED, 0.0).unwrap();
    assert_eq!(text(&view, "state"), "unknown");
    assert_eq!(text(&view, "badge.text"), "?");
    // Words go across as a `_locales` message and its arguments (phrase.rs); the UI says them.
    assert_eq!(text(&view, "reason.key"), "unknown_not_reached");
}

#[wasm_bindgen_test]
fn garbage_in_storage_reads_as_an_empty_record() {
    for garbage in
        [JsValue::from(42), JsValue::from_str("{"), JsValue::from_str(r#"{"body": 7}"#), Object::new().into()]
    {
        assert_eq!(text(&status_view(garbage, 0.0).unwrap(), "state"), "unknown");
    }
}

#[wasm_bindgen_test]
async fn checks_and_judges_a_real_payload() {
    let record = checked(&data_url("application/json", MAJOR_OUTAGE)).await;
    // The record is a JSON string: it goes to storage as is.
    let parsed = js_sys::JSON::parse(&record.as_string().unwrap()).unwrap();
    assert!(get(&parsed, "lastGoodAt").as_f64().is_some());
    assert!(get(&parsed, "body").as_string().unwrap().contains("Elevated errors on claude.ai"));
    let view = status_view(record, js_sys::Date::now()).unwrap();
    assert_eq!(text(&view, "state"), "major-outage");
    assert_eq!(text(&view, "badge.text"), "DOWN");
    assert_eq!(text(&view, "badge.color"), "#b91c1c");
    assert_eq!(text(&view, "words"), "major outage");
    assert_eq!(text(&view, "sentence.key"), "status_updated_suffix");
    assert_eq!(text(&view, "incident.name"), "Elevated errors on claude.ai");
}

#[wasm_bindgen_test]
async fn operational_leaves_the_badge_empty() {
    let view = status_view(checked(&data_url("application/json", OPERATIONAL)).await, js_sys::Date::now()).unwrap();
    assert_eq!(text(&view, "state"), "operational");
    assert_eq!(text(&view, "badge.text"), "");
}

#[wasm_bindgen_test]
async fn bad_answers_become_unknown_with_a_reason() {
    let cases = [
        (data_url("text/html", "<html><body>Bad gateway</body></html>"), "unknown_html"),
        (data_url("application/json", &OPERATIONAL[..100]), "unknown_malformed_early"),
        (data_url("application/json", ""), "unknown_empty"),
        (data_url("application/json", "{}"), "unknown_not_a_summary"),
    ];
    for (url, reason) in cases {
        let view = status_view(checked(&url).await, js_sys::Date::now()).unwrap();
        assert_eq!(text(&view, "state"), "unknown", "{url}");
        assert_eq!(text(&view, "reason.key"), reason, "{url}");
    }
}

#[wasm_bindgen_test]
async fn a_huge_body_is_cut_off_while_streaming() {
    // 3 MB of JSON-looking text: the cap must stop reading, not parse it.
    let huge = format!("{{\"components\":[{}]}}", "{\"name\":\"x\",\"status\":\"operational\"},".repeat(80_000));
    let view = status_view(checked(&data_url("application/json", &huge)).await, js_sys::Date::now()).unwrap();
    assert_eq!(text(&view, "reason.key"), "unknown_too_large");
    assert_eq!(text(&view, "reason.args.0"), "2");
}

#[wasm_bindgen_test]
async fn an_unreachable_host_is_unknown_not_an_exception() {
    let view = status_view(checked("http://127.0.0.1:9/api/v2/summary.json").await, js_sys::Date::now()).unwrap();
    assert_eq!(text(&view, "state"), "unknown");
    assert!(text(&view, "reason.key").starts_with("unknown_unreachable"));
}

#[wasm_bindgen_test]
fn schedules_with_jitter_inside_the_bounds() {
    let watching = next_poll_delay(JsValue::UNDEFINED, true, 0.0);
    let idle = next_poll_delay(JsValue::UNDEFINED, false, 1.0);
    assert_eq!(watching, 54_000.0);
    assert_eq!(idle, 660_000.0);
}

#[wasm_bindgen_test]
fn assesses_a_payload() {
    let assessment = assess_payload(OPERATIONAL, 0.0).unwrap();
    assert_eq!(text(&assessment, "state"), "operational");
    assert!(assess_payload("<html>", 0.0).is_err());
}

#[wasm_bindgen_test]
fn decodes_only_known_messages_from_allowed_senders() {
    let message: JsValue = js_sys::JSON::parse(r#"{"type":"status/refresh"}"#).unwrap();
    let decoded = decode_request(message.clone(), "extension-page".into()).unwrap();
    assert_eq!(text(&decoded, "type"), "status/refresh");
    assert!(decode_request(message.clone(), "web-page".into()).is_err());
    assert!(decode_request(message, "made-up-origin".into()).is_err());
    let extra: JsValue = js_sys::JSON::parse(r#"{"type":"status/get","x":1}"#).unwrap();
    assert!(decode_request(extra, "extension-page".into()).is_err());
    assert!(decode_request(JsValue::from_str("status/get"), "extension-page".into()).is_err());
}

#[wasm_bindgen_test]
fn checks_a_custom_target_before_its_site_is_asked_for() {
    let ready = check_custom_target("My WebUI", "https://Chat.Lan:3080/c/new", Some("#chat-input".into())).unwrap();
    assert_eq!(text(&ready, "originPattern"), "https://chat.lan/*");
    assert_eq!(text(&ready, "target.url"), "https://chat.lan:3080/c/new");
    let without_box = check_custom_target("My WebUI", "https://chat.lan/", None).unwrap();
    assert!(get(&without_box, "originPattern").is_null(), "nothing to ask for until it has a message box");
    let refused =
        check_custom_target("x", "https://user@chat.example.net/?q={prompt}", Some("textarea".into())).unwrap();
    assert_eq!(text(&refused, "invalid"), "url");
    assert!(get(&refused, "originPattern").is_undefined());
}
