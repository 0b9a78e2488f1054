//! The boundary the extension calls: thin conversions to and from JS values, and the one network request.
//!
//! Every value that crosses goes through `serde_wasm_bindgen`'s JSON-compatible serializer, because these
//! values go on to `runtime.sendMessage` and `storage`, where ES `Map`s would not survive.
//!
//! Runs in Chrome's service worker, which has no `window`: nothing here may reach for one. gloo-net binds
//! the global `fetch`, which works there.

use gloo_net::http::Request as HttpRequest;
use js_sys::{Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStreamDefaultReader, RequestCache, RequestCredentials};

use crate::claude::content_config;
use crate::delivery::{Handoff, Outcome};
use crate::history::{Event as Logged, History};
use crate::keep::{remember, Draft, Drafts, Sent};
use crate::poll::{FetchOutcome, StatusRecord, MAX_BODY_BYTES, TIMEOUT_MS};
use crate::prompt::{pack, Turn};
use crate::protocol::{decode_request as decode, Origin};
use crate::settings::Settings;
use crate::status::{assess, parse_summary};
use crate::targets::Target;
use crate::verdict::{Context, Event, SendLog, TabState};

#[wasm_bindgen]
extern "C" {
    /// The console, bound directly: web-sys's `console` feature would add a dependency for one function.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Runs once when the module is instantiated. With `panic = "abort"` a panic reaches JS only as
/// "RuntimeError: unreachable"; the hook still runs before the abort, so the panic's message and place are
/// logged first, and the caller's catch then says which call failed.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| console_error(&format!("Reroute core panicked: {info}"))));
}

/// Panics on purpose, for the test that the hook reports the message (tests/node.rs).
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test(message: &str) {
    panic!("{message}");
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&error.to_string()))
}

/// A record from storage, where it is kept as a JSON string: serde_json then is the only deserializer of the
/// whole summary tree (a second one through serde_wasm_bindgen would double its code in the wasm).
/// Whatever an older version or a corrupted profile left there reads as empty rather than breaking anything.
fn record_from_js(record: JsValue) -> StatusRecord {
    stored(&record)
}

/// The status API Reroute polls.
#[wasm_bindgen(js_name = claudeStatusUrl)]
pub fn claude_status_url() -> String {
    crate::poll::CLAUDE_STATUS_URL.to_string()
}

/// Asks the status page once (conditionally, when `record` holds validators) and returns the updated record,
/// as the JSON string to store.
/// Never throws for network trouble: that is recorded as the reason the state is unknown.
#[wasm_bindgen(js_name = checkStatus)]
pub async fn check_status(record: JsValue, url: String) -> Result<JsValue, JsError> {
    let mut record = record_from_js(record);
    let outcome = fetch_summary(&url, &record).await;
    record.apply(outcome, js_sys::Date::now());
    to_stored(&record)
}

/// What the toolbar and popup show for `record` at `now` (Unix ms).
#[wasm_bindgen(js_name = statusView)]
pub fn status_view(record: JsValue, now: f64) -> Result<JsValue, JsError> {
    to_js(&record_from_js(record).view(now))
}

/// Milliseconds until the next poll; `watching` while a claude.ai tab is open or the popup is visible.
#[wasm_bindgen(js_name = nextPollDelay)]
pub fn next_poll_delay(record: JsValue, watching: bool, random: f64) -> f64 {
    record_from_js(record).next_poll_delay_ms(watching, random)
}

/// "poll-now", "reschedule" or "keep": what to do when a claude.ai tab or the popup opens at `now`, with the
/// next poll alarm due at `next_poll_at` (`undefined` when none is set).
#[wasm_bindgen(js_name = onWatchingStarted)]
pub fn on_watching_started(record: JsValue, now: f64, next_poll_at: Option<f64>) -> Result<JsValue, JsError> {
    to_js(&record_from_js(record).on_watching_started(now, next_poll_at))
}

/// Reads a JSON string from storage, or the default for anything else.
fn stored<T: serde::de::DeserializeOwned + Default>(value: &JsValue) -> T {
    value.as_string().and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

fn to_stored<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    serde_json::to_string(value).map(JsValue::from).map_err(|error| JsError::new(&error.to_string()))
}

/// Takes one decoded `claude/event` into the tab's stored state (a JSON string) and returns the new state.
#[wasm_bindgen(js_name = observeTab)]
pub fn observe_tab(state: JsValue, event: JsValue, now: f64) -> Result<JsValue, JsError> {
    let mut tab: TabState = stored(&state);
    let event: Event = serde_wasm_bindgen::from_value(event).map_err(|error| JsError::new(&error.to_string()))?;
    tab.observe(event, now);
    to_stored(&tab)
}

/// The usage record (`stored`, a JSON string) with the last limit the tab took, if it is newer: the new
/// record to store, or null when nothing changed.
#[wasm_bindgen(js_name = usageFromTab)]
pub fn usage_from_tab(stored_usage: JsValue, state: JsValue) -> Result<JsValue, JsError> {
    let tab: TabState = stored(&state);
    let usage = crate::usage::Usage::load(stored_usage.as_string().as_deref());
    let Some(report) = tab.usage_report().filter(|report| usage.at.is_none_or(|at| report.at > at)) else {
        return Ok(JsValue::NULL);
    };
    let next = usage.seen(&report.limit_type, report.windows.as_ref(), report.resets_at, report.at);
    Ok(JsValue::from(next.to_json()))
}

/// What the popup shows of the usage record at `now` (usage.rs `View`), or null when nothing recent is known.
#[wasm_bindgen(js_name = usageView)]
pub fn usage_view(stored_usage: JsValue, now: f64) -> Result<JsValue, JsError> {
    to_js(&crate::usage::Usage::load(stored_usage.as_string().as_deref()).view(now))
}

/// When the tab last completed a reply Reroute took (a `message_stop` from a completion the browser saw),
/// Unix ms, or null: a page's forged event changes nothing here.
#[wasm_bindgen(js_name = tabLastReplyAt)]
pub fn tab_last_reply_at(state: JsValue) -> Option<f64> {
    stored::<TabState>(&state).last_reply_at()
}

/// Records that the user dismissed the offer for `incident`.
#[wasm_bindgen(js_name = dismissTab)]
pub fn dismiss_tab(state: JsValue, incident: &str) -> Result<JsValue, JsError> {
    let mut tab: TabState = stored(&state);
    tab.dismiss(incident);
    to_stored(&tab)
}

/// The tab's verdict at `now`, given the stored status record and send log.
#[wasm_bindgen(js_name = tabVerdict)]
pub fn tab_verdict(state: JsValue, status_record: JsValue, send_log: JsValue, now: f64) -> Result<JsValue, JsError> {
    let tab: TabState = stored(&state);
    let record = record_from_js(status_record);
    let log: SendLog = stored(&send_log);
    let view = record.view(now);
    let (sends_in_window, observed_whole_window) = log.window(now);
    let context = Context {
        now,
        status: view.state,
        status_sentence: view.sentence,
        status_unreachable: record.unreachable,
        sends_in_window,
        observed_whole_window,
    };
    to_js(&tab.verdict(&context))
}

/// Records a send at `now` in the stored send log; `start` only begins counting.
#[wasm_bindgen(js_name = recordSend)]
pub fn record_send(send_log: JsValue, now: f64, start_only: bool) -> Result<JsValue, JsError> {
    let mut log: SendLog = stored(&send_log);
    if start_only {
        log.start(now);
    } else {
        log.record(now);
    }
    to_stored(&log)
}

/// What the claude.ai content script needs (selectors, trigger words); the build writes it into the script.
#[wasm_bindgen(js_name = claudeContentConfig)]
pub fn claude_content_config() -> Result<JsValue, JsError> {
    to_js(&content_config())
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|error| JsError::new(&error.to_string()))
}

/// The URL that opens `target`; a custom target's is its address from the settings. No URL carries the prompt
/// (`_text` is not read): the target script puts it into the composer and reads it back.
#[wasm_bindgen(js_name = targetUrl)]
pub fn target_url(target: JsValue, _text: &str, stored_settings: JsValue) -> Result<String, JsError> {
    match from_js::<Target>(target)? {
        Target::Custom => settings_from(&stored_settings)
            .custom
            .filter(crate::custom::CustomTarget::is_ready)
            .map(|custom| custom.url)
            .ok_or_else(|| JsError::new("no custom target with a message box is set up")),
        built_in => Ok(crate::prompt::target_url(built_in.site())),
    }
}

fn settings_from(stored: &JsValue) -> Settings {
    Settings::load(stored.as_string().as_deref()).settings
}

/// What the custom target needs: `{originPattern}` when Reroute should reach its message box, else null.
#[wasm_bindgen(js_name = customTargetAccess)]
pub fn custom_target_access(stored_settings: JsValue) -> Result<JsValue, JsError> {
    let custom = settings_from(&stored_settings).custom.filter(|custom| custom.composer.is_some());
    to_js(&custom.map(|custom| serde_json::json!({ "originPattern": custom.origin_pattern() })))
}

/// What the options page's form describes, checked before anything is asked of the user: `{target,
/// originPattern}` (the pattern to request, null while it has no message box), or `{invalid}` (`"name"`,
/// `"url"` or `"composer"`). Synchronous, so the page can ask for exactly this pattern within the click.
#[wasm_bindgen(js_name = checkCustomTarget)]
pub fn check_custom_target(name: &str, url: &str, composer: Option<String>) -> Result<JsValue, JsError> {
    match crate::custom::CustomTarget::new(name, url, composer.as_deref()) {
        Ok(target) => {
            let pattern = target.is_ready().then(|| target.origin_pattern());
            to_js(&serde_json::json!({ "target": target, "originPattern": pattern }))
        }
        Err(invalid) => to_js(&serde_json::json!({ "invalid": invalid })),
    }
}

/// Applies one change to the prompts held for Claude (`stored`: the JSON string storage holds, or nothing) at
/// `now`: `{stored, held, notify, sending, sendingUrl, nextReset}`, or `{refused}` with the stored list unchanged.
/// `change` comes as a JSON string, read by hand (hold.rs): a derived deserializer for it cost tens of KB.
#[wasm_bindgen(js_name = changeHeld)]
pub fn change_held(stored: JsValue, change: &str, now: f64) -> Result<JsValue, JsError> {
    let mut holds = crate::hold::Holds::load(stored.as_string().as_deref(), now);
    let change = serde_json::from_str(change)
        .ok()
        .and_then(|value| crate::hold::Change::from_value(&value))
        .ok_or_else(|| JsError::new("not a change to held prompts"))?;
    match holds.apply(change, now) {
        Ok(applied) => to_js(&serde_json::json!({
            "stored": holds.to_json(),
            "held": holds.held,
            "notify": applied.notify,
            "sendingUrl": applied.sending.as_ref().map(crate::hold::Held::claude_url),
            "sending": applied.sending,
            "nextReset": holds.next_reset(),
        })),
        Err(refused) => to_js(&serde_json::json!({ "refused": refused })),
    }
}

/// The prompts held for Claude in `stored`, newest first, without those past their lifetime at `now`.
#[wasm_bindgen(js_name = heldPrompts)]
pub fn held_prompts(stored: JsValue, now: f64) -> Result<JsValue, JsError> {
    to_js(&crate::hold::Holds::load(stored.as_string().as_deref(), now).held)
}

/// The settings from what storage holds (a JSON string; anything else reads as nothing stored).
#[wasm_bindgen(js_name = readSettings)]
pub fn read_settings(stored: JsValue) -> Result<JsValue, JsError> {
    to_js(&Settings::load(stored.as_string().as_deref()).settings)
}

/// The settings with what reading them had to repair or migrate: `{settings, reset, migratedFrom}`.
#[wasm_bindgen(js_name = loadSettings)]
pub fn load_settings(stored: JsValue) -> Result<JsValue, JsError> {
    to_js(&Settings::load(stored.as_string().as_deref()))
}

/// The settings the user chose, made consistent, as the versioned JSON string to store.
#[wasm_bindgen(js_name = storeSettings)]
pub fn store_settings(settings: JsValue) -> Result<String, JsError> {
    Ok(from_js::<Settings>(settings)?.validated().to_stored())
}

/// Every built-in target as the options page and the background list it: `[{id, name, permission, status,
/// statusPermission}]`. `permission` is the optional host permission (`{origins: [pattern]}`) enabling it asks
/// for, or null; `status` whether Reroute reads a status feed for it, and `statusPermission` the optional
/// permission that feed needs, or null.
#[wasm_bindgen(js_name = targetTable)]
pub fn target_table() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Permission {
        origins: [String; 1],
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Row {
        id: Target,
        name: &'static str,
        permission: Option<Permission>,
        status: bool,
        status_permission: Option<Permission>,
    }
    let permission = |pattern: String| Permission { origins: [pattern] };
    let rows: Vec<Row> = crate::targets::TARGETS
        .iter()
        .map(|site| Row {
            id: site.id,
            name: site.name,
            permission: site.optional.then(|| permission(site.origin_pattern())),
            status: !site.status_url.is_empty(),
            status_permission: site.status_permission.map(|pattern| permission(pattern.to_string())),
        })
        .collect();
    to_js(&rows)
}

/// The buttons to offer, the default first and healthy targets before failing ones: `[{id, name, health,
/// reason}]`. `evidence` is `{chatgpt: {body, checkedAt, siteErrorAt}, gemini: …}` as health.js stores it;
/// `granted` the origin patterns the browser granted (an optional target counts only when its is there).
#[wasm_bindgen(js_name = targetButtons)]
pub fn target_buttons(
    stored_settings: JsValue,
    evidence: JsValue,
    now: f64,
    granted: JsValue,
) -> Result<JsValue, JsError> {
    let settings = settings_from(&stored_settings);
    let evidence: std::collections::HashMap<Target, crate::health::Evidence> =
        if evidence.is_object() { from_js(evidence).unwrap_or_default() } else { Default::default() };
    let judged = |target| {
        let evidence = evidence.get(&target).cloned().unwrap_or_default();
        crate::health::judge(target, &settings.target_name(target), &evidence, now)
    };
    let granted: Vec<String> = if granted.is_object() { from_js(granted)? } else { Vec::new() };
    let order = settings.reachable_order(&granted);
    let mut buttons = crate::health::buttons(&order, judged, |target| settings.target_name(target));
    crate::health::mark_access(&mut buttons, &granted);
    to_js(&buttons)
}

/// Fetches `target`'s own status (the body of a 200 answer), or null.
#[wasm_bindgen(js_name = fetchTargetStatus)]
pub async fn fetch_target_status(target: JsValue) -> Result<Option<String>, JsError> {
    let target: Target = from_js(target)?;
    Ok(match fetch_summary(target.site().status_url, &StatusRecord::default()).await {
        FetchOutcome::Response { status: 200, body, .. } => Some(body),
        _ => None,
    })
}

/// The text to send: `prompt`, after the conversation `turns` when the settings ask for context.
#[wasm_bindgen(js_name = packPrompt)]
pub fn pack_prompt(prompt: &str, turns: JsValue, stored_settings: JsValue) -> Result<String, JsError> {
    let turns: Vec<Turn> = if turns.is_undefined() || turns.is_null() { Vec::new() } else { from_js(turns)? };
    let settings = Settings::from_stored(&stored_settings.as_string().unwrap_or_default());
    Ok(pack(prompt, &turns, &settings.context))
}

/// A new handoff (the JSON string to store) for `text` to `target`.
/// `tried`: the targets the same prompt went to before that could not take it (an array, or undefined).
#[wasm_bindgen(js_name = newHandoff)]
pub fn new_handoff(
    id: String,
    target: JsValue,
    text: String,
    auto_submit: bool,
    now: f64,
    tried: JsValue,
) -> Result<JsValue, JsError> {
    let mut handoff = Handoff::new(id, from_js(target)?, text, auto_submit, now);
    if !tried.is_undefined() && !tried.is_null() {
        handoff.tried = from_js(tried)?;
    }
    to_stored(&handoff)
}

/// The target to move a prompt to after the targets in `tried` could not take it, from the `buttons` as
/// offered (health.rs `next_target`), or null. Both come as JSON strings, read by hand: only the buttons' id,
/// health and access are needed, and a derived deserializer for them cost more wasm than the rule.
#[wasm_bindgen(js_name = nextTarget)]
pub fn next_target(buttons: &str, tried: &str) -> Result<JsValue, JsError> {
    let target = |value: &serde_json::Value| serde_json::from_value::<Target>(value.clone()).ok();
    let buttons: serde_json::Value = serde_json::from_str(buttons)?;
    let tried: serde_json::Value = serde_json::from_str(tried)?;
    let tried: Vec<Target> = tried.as_array().map(|list| list.iter().filter_map(target).collect()).unwrap_or_default();
    let buttons: Vec<crate::health::Button> = buttons
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|button| {
                    Some(crate::health::Button {
                        id: target(&button["id"])?,
                        name: String::new(),
                        health: match button["health"].as_str()? {
                            "down" => crate::health::Health::Down,
                            "degraded" => crate::health::Health::Degraded,
                            "ok" => crate::health::Health::Ok,
                            _ => crate::health::Health::Unknown,
                        },
                        reason: None,
                        access_needed: button["accessNeeded"].as_bool().unwrap_or(true),
                        chip: None,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    to_js(&crate::health::next_target(&buttons, &tried))
}

/// Whether an outcome leaves the target untouched and the prompt free to move on (delivery.rs
/// `Outcome::skips_target`), and what to note of the target's health: `{skips, blocked}`.
#[wasm_bindgen(js_name = outcomeEffect)]
pub fn outcome_effect(outcome: JsValue) -> Result<JsValue, JsError> {
    let outcome: Outcome = from_js(outcome)?;
    to_js(&serde_json::json!({ "skips": outcome.skips_target(), "blocked": outcome.blocked_kind() }))
}

/// What the target tab receives for a stored handoff at `now`; `null` once it has expired.
#[wasm_bindgen(js_name = claimHandoff)]
pub fn claim_handoff(stored: JsValue, now: f64, stored_settings: JsValue) -> Result<JsValue, JsError> {
    let custom = settings_from(&stored_settings).custom;
    match stored.as_string().and_then(|json| serde_json::from_str::<Handoff>(&json).ok()) {
        Some(handoff) => match handoff.claim(now, custom.as_ref()) {
            Some(claim) => to_js(&claim),
            None => Ok(JsValue::NULL),
        },
        None => Ok(JsValue::NULL),
    }
}

/// The notice a target tab shows for `outcome` on `target`; `granted` as for [`target_buttons`].
#[wasm_bindgen(js_name = deliveryNotice)]
/// `moved_to`: the target Reroute moved the prompt to by itself, or undefined.
pub fn delivery_notice(
    outcome: JsValue,
    target: JsValue,
    stored_settings: JsValue,
    granted: JsValue,
    moved_to: JsValue,
) -> Result<JsValue, JsError> {
    let outcome: Outcome = from_js(outcome)?;
    let target: Target = from_js(target)?;
    let settings = settings_from(&stored_settings);
    let granted: Vec<String> = if granted.is_object() { from_js(granted)? } else { Vec::new() };
    // A held prompt that claude.ai could not take goes back on hold; it is not offered to another target.
    let other = settings
        .alternative_to(target, &granted)
        .filter(|_| target != Target::Claude)
        .map(|other| (other, settings.target_name(other)));
    let mut notice = outcome.notice(&settings.target_name(target), other);
    if !moved_to.is_undefined() && !moved_to.is_null() {
        let moved: Target = from_js(moved_to)?;
        notice.moved_to = Some(settings.target_name(moved));
        // Already on its way there: the notice says so instead of offering it.
        notice.offer_other = None;
        notice.other_name = None;
    }
    to_js(&notice)
}

/// Parses and judges a `summary.json` body at `now`; for tests and the benchmark.
#[wasm_bindgen(js_name = assessPayload)]
pub fn assess_payload(body: &str, now: f64) -> Result<JsValue, JsError> {
    let summary = parse_summary(body).map_err(|error| JsError::new(&error.to_string()))?;
    to_js(&assess(&summary, now))
}

/// Who sent a message: "extension-page", "claude-content-script", "target-content-script" or "web-page".
#[wasm_bindgen(js_name = senderOrigin)]
pub fn sender_origin(
    same_extension: bool,
    url: &str,
    extension_base: &str,
    in_tab: bool,
    custom_pattern: &str,
) -> Result<JsValue, JsError> {
    to_js(&Origin::of_sender(same_extension, url, extension_base, in_tab, custom_pattern))
}

/// Whether a webRequest event for claude.ai's API comes from a claude.ai page's own top frame (protocol.rs).
#[wasm_bindgen(js_name = isClaudePageRequest)]
pub fn is_claude_page_request(
    tab_id: f64,
    frame_id: f64,
    initiator: Option<String>,
    document_url: Option<String>,
) -> bool {
    crate::protocol::is_claude_page_request(tab_id, frame_id, initiator.as_deref(), document_url.as_deref())
}

/// Decodes a runtime message from `origin` ("extension-page", "claude-content-script" or "web-page").
/// Throws with the reason when it is malformed or not allowed from there.
#[wasm_bindgen(js_name = decodeRequest)]
pub fn decode_request(message: JsValue, origin: JsValue) -> Result<JsValue, JsError> {
    let origin: Origin = serde_wasm_bindgen::from_value(origin).unwrap_or(Origin::WebPage);
    let request = decode(serde_wasm_bindgen::Deserializer::from(message), origin)
        .map_err(|error| JsError::new(&error.to_string()))?;
    to_js(&request)
}

async fn fetch_summary(url: &str, record: &StatusRecord) -> FetchOutcome {
    let signal = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let mut request = HttpRequest::get(url)
        // Validators are ours to manage: the HTTP cache would answer 200 from memory and hide the 304.
        .cache(RequestCache::NoStore)
        .credentials(RequestCredentials::Omit)
        .abort_signal(Some(&signal));
    for (name, value) in record.request_headers() {
        request = request.header(name, &value);
    }
    let failed = |error: &dyn std::fmt::Display| {
        if signal.aborted() {
            FetchOutcome::TimedOut
        } else {
            FetchOutcome::NetworkError { detail: error.to_string() }
        }
    };
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => return failed(&error),
    };
    let headers = response.headers();
    let declared_length = headers.get("content-length").and_then(|length| length.trim().parse::<usize>().ok());
    if declared_length.is_some_and(|length| length > MAX_BODY_BYTES) {
        return FetchOutcome::TooLarge;
    }
    let body = match response.body() {
        None => Vec::new(),
        Some(stream) => {
            let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
            match read_capped(&reader, MAX_BODY_BYTES).await {
                Ok(Some(bytes)) => bytes,
                Ok(None) => {
                    let _ = reader.cancel();
                    return FetchOutcome::TooLarge;
                }
                Err(error) => return failed(&format_args!("{}", js_message(&error))),
            }
        }
    };
    FetchOutcome::Response {
        status: response.status(),
        body: String::from_utf8_lossy(&body).into_owned(),
        etag: headers.get("etag"),
        last_modified: headers.get("last-modified"),
    }
}

/// Reads a body stream up to `cap` bytes: `Ok(None)` once it goes past, so a huge or endless body costs at most
/// `cap` bytes of memory.
async fn read_capped(reader: &ReadableStreamDefaultReader, cap: usize) -> Result<Option<Vec<u8>>, JsValue> {
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))?.is_truthy() {
            return Ok(Some(bytes));
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))?.unchecked_into();
        if bytes.len() + value.length() as usize > cap {
            return Ok(None);
        }
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
    }
}

fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the connection failed".to_string())
}

// ---- Transitions, notifications and history ----

/// Takes one look at everything Reroute sees: `failing` (the non-ok tab verdicts, `[{kind, headline,
/// reason}]`) and the status record. Returns `{watch, history}` to store and the `notification` to show.
#[wasm_bindgen(js_name = watchStep)]
pub fn watch_step(
    watch: JsValue,
    history: JsValue,
    failing: JsValue,
    status_record: JsValue,
    now: f64,
    notify: bool,
) -> Result<JsValue, JsError> {
    let failing: Vec<crate::watch::Failing> = from_js(failing)?;
    let view = record_from_js(status_record).view(now);
    let mut log = History::from_stored(history.as_string().as_deref(), now);
    let seen = crate::watch::Seen {
        failing: &failing,
        status: view.state,
        incident: view.incident.as_ref().map(|incident| incident.name.as_str()),
    };
    let (next, notification) = crate::watch::step(stored(&watch), &mut log, &seen, now, notify);
    to_js(&serde_json::json!({
        "watch": serde_json::to_string(&next)?,
        "history": serde_json::to_string(&log)?,
        "notification": notification,
    }))
}

/// The history with a reroute added (its target and outcome; never the prompt).
#[wasm_bindgen(js_name = historyRecordReroute)]
pub fn history_record_reroute(history: JsValue, target: JsValue, outcome: String, now: f64) -> Result<String, JsError> {
    let target: Target = from_js(target)?;
    let mut log = History::from_stored(history.as_string().as_deref(), now);
    let target = serde_json::to_value(target)?.as_str().unwrap_or_default().to_string();
    log.record(Logged::Reroute { at: now, target, outcome: outcome.chars().take(40).collect() });
    Ok(serde_json::to_string(&log)?)
}

/// The last `days` days for the uptime strip, with the headline figure.
#[wasm_bindgen(js_name = historySummary)]
pub fn history_summary(history: JsValue, now: f64, days: usize) -> Result<JsValue, JsError> {
    to_js(&History::from_stored(history.as_string().as_deref(), now).summary(now, days.clamp(1, 30)))
}

/// The history as a file: "json" or "csv".
#[wasm_bindgen(js_name = historyExport)]
pub fn history_export(history: JsValue, format: &str, now: f64) -> Result<String, JsError> {
    let log = History::from_stored(history.as_string().as_deref(), now);
    Ok(match format {
        "csv" => log.to_csv(),
        _ => log.to_json(),
    })
}

/// The drafts (the JSON string to store) after saving `text` typed in `conversation` in `tab` at `now`.
#[wasm_bindgen(js_name = saveDraft)]
pub fn save_draft(stored: Option<String>, tab: f64, conversation: String, text: String, now: f64) -> String {
    let mut drafts = Drafts::from_stored(stored.as_deref().unwrap_or_default());
    // A tab id is a JS number; an i64 here would ask JS for a BigInt.
    drafts.save(Draft { conversation, tab: tab as i64, text, at: now }, now);
    serde_json::to_string(&drafts).unwrap_or_default()
}

/// The drafts (the JSON string to store) after a reply completed in `tab` at `now`.
#[wasm_bindgen(js_name = draftsAnswered)]
pub fn drafts_answered(stored: Option<String>, tab: f64, now: f64) -> String {
    let mut drafts = Drafts::from_stored(stored.as_deref().unwrap_or_default());
    drafts.answered(tab as i64, now);
    serde_json::to_string(&drafts).unwrap_or_default()
}

/// The draft that may stand in for `tab`'s empty composer in `conversation` at `now`, or `undefined`.
#[wasm_bindgen(js_name = draftFallback)]
pub fn draft_fallback(stored: Option<String>, tab: f64, conversation: &str, failing: bool, now: f64) -> Option<String> {
    Drafts::from_stored(stored.as_deref().unwrap_or_default())
        .fallback(tab as i64, conversation, failing, now)
        .map(str::to_string)
}

/// The drafts to list under *Recover last prompt* at `now`, newest first.
#[wasm_bindgen(js_name = listedDrafts)]
pub fn listed_drafts(stored: Option<String>, now: f64) -> Result<JsValue, JsError> {
    to_js(&Drafts::from_stored(stored.as_deref().unwrap_or_default()).listed(now))
}

/// The recent prompts with `entry` first, bounded; what storage held is checked like any input.
#[wasm_bindgen(js_name = rememberSent)]
pub fn remember_sent(recent: JsValue, entry: JsValue) -> Result<JsValue, JsError> {
    let mut list: Vec<Sent> = from_js(recent).unwrap_or_default();
    remember(&mut list, from_js(entry)?);
    to_js(&list)
}

/// Whether a stored handoff may still be delivered at `now`; anything unreadable may not.
#[wasm_bindgen(js_name = handoffFresh)]
pub fn handoff_fresh(stored: JsValue, now: f64) -> bool {
    stored
        .as_string()
        .and_then(|json| serde_json::from_str::<Handoff>(&json).ok())
        .is_some_and(|handoff| handoff.is_fresh(now))
}
