//! The messages between Reroute's pages and its background, as typed shapes.
//!
//! Anything that arrives through `runtime.onMessage` is decoded here before it is acted on: an unknown type,
//! a missing or extra field, or a message from a sender that may not send it is an error, never silently
//! dropped and never half-handled. The background works out who sent a message (see [`Origin`]); the browser
//! vouches for that, while the message body itself proves nothing.
//!
//! ```
//! use reroute::protocol::{decode_request, Origin, Request};
//! let message = serde_json::json!({"type": "status/get"});
//! assert_eq!(decode_request(message.clone(), Origin::ExtensionPage), Ok(Request::StatusGet {}));
//! assert!(decode_request(message, Origin::WebPage).is_err());
//! ```

use serde::{Deserialize, Serialize};

use crate::delivery::Outcome;
use crate::prompt::{Turn, MAX_PROMPT_CHARS};
use crate::settings::Settings;
use crate::targets::Target;
use crate::verdict::Event;

/// Who sent a message, as the background established it from the browser's `MessageSender`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// One of Reroute's own pages (the popup, the options page).
    ExtensionPage,
    /// Reroute's content script on a claude.ai page.
    ClaudeContentScript,
    /// Reroute's content script on a target site (chatgpt.com, gemini.google.com).
    TargetContentScript,
    /// Anything else: another extension, a web page, a content script on an unexpected site.
    WebPage,
}

impl Origin {
    /// Who sent a message, from what the browser's `MessageSender` vouches for: whether it is this extension,
    /// the sender's URL, the extension's own base URL, and whether it came from a tab's content script.
    /// `custom_pattern` is the custom target's `https://host/*` when Reroute's script runs there, else empty.
    pub fn of_sender(
        same_extension: bool,
        url: &str,
        extension_base: &str,
        in_tab: bool,
        custom_pattern: &str,
    ) -> Self {
        if !same_extension {
            return Self::WebPage;
        }
        if !extension_base.is_empty() && url.starts_with(extension_base) {
            return Self::ExtensionPage;
        }
        let on = |host: &str| {
            url.strip_prefix("https://")
                .and_then(|rest| rest.strip_prefix(host))
                .is_some_and(|rest| rest.starts_with('/'))
        };
        if in_tab && on("claude.ai") {
            return Self::ClaudeContentScript;
        }
        let custom_host = custom_pattern.strip_prefix("https://").and_then(|rest| rest.strip_suffix("/*"));
        if in_tab && (crate::targets::TARGETS.iter().any(|site| on(site.host)) || custom_host.is_some_and(on)) {
            return Self::TargetContentScript;
        }
        Self::WebPage
    }
}

/// Whether a request webRequest saw for `https://claude.ai/api/*` was made by a claude.ai page itself: from a
/// tab's top frame (`frame_id` 0; a claude.ai frame embedded in another site is not the user's claude.ai), and
/// initiated by claude.ai. Chrome names the requesting frame's origin in `initiator`; Firefox gives the
/// document's URL in `documentUrl` (and the triggering resource in `originUrl`). Any other site can fetch
/// claude.ai's API too (CORS only keeps it from reading the answer, webRequest still sees the status), so
/// without this any page could raise "Claude is down" or fill the send log.
pub fn is_claude_page_request(tab_id: f64, frame_id: f64, initiator: Option<&str>, document_url: Option<&str>) -> bool {
    const ORIGIN: &str = "https://claude.ai";
    let from_claude = |url: &str| url.strip_prefix(ORIGIN).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    // Firefox's documentUrl is the document's address; where it exists it decides (its originUrl may name a
    // script's URL, and Chrome's initiator is always an origin).
    let source = document_url.or(initiator);
    tab_id >= 0.0 && frame_id == 0.0 && source.is_some_and(from_claude)
}

/// A request to the background. Variants are braced, even when empty, because serde ignores unknown fields on
/// unit variants of an internally tagged enum, and a message with extra fields must be refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Request {
    /// The current status view, without a network request.
    #[serde(rename = "status/get")]
    StatusGet {},
    /// Ask the status page now ("Check now").
    #[serde(rename = "status/refresh")]
    StatusRefresh {},
    /// The claude.ai content script started: answers with the tab's verdict.
    #[serde(rename = "claude/hello")]
    ClaudeHello {},
    /// Something the claude.ai content script observed.
    #[serde(rename = "claude/event")]
    ClaudeEvent {
        /// What it observed.
        event: Event,
    },
    /// The user dismissed the in-page offer for this incident.
    #[serde(rename = "claude/dismiss")]
    ClaudeDismiss {
        /// The verdict's incident id.
        incident: String,
    },
    /// The user clicked a target in the in-page offer: deliver this prompt there.
    #[serde(rename = "claude/reroute")]
    ClaudeReroute {
        /// Where to.
        target: Target,
        /// The prompt, exactly as captured.
        prompt: String,
        /// The conversation before it, for the optional context preamble.
        #[serde(default)]
        turns: Vec<Turn>,
    },
    /// The composer's text, saved as the user types.
    #[serde(rename = "claude/draft")]
    ClaudeDraft {
        /// Which conversation (the page path).
        conversation: String,
        /// The text.
        text: String,
    },
    /// The prompt the popup would send, captured from the claude.ai tab, with recent prompts to recover.
    #[serde(rename = "prompt/get")]
    PromptGet {},
    /// The popup's send: this exact text (already packed, possibly edited) to that target.
    #[serde(rename = "prompt/send")]
    PromptSend {
        /// Where to.
        target: Target,
        /// Exactly what to send.
        text: String,
    },
    /// The user's settings.
    #[serde(rename = "settings/get")]
    SettingsGet {},
    /// Replace the user's settings.
    #[serde(rename = "settings/set")]
    SettingsSet {
        /// The new settings.
        settings: Settings,
    },
    /// The history strip: the last `days` days.
    #[serde(rename = "history/get")]
    HistoryGet {
        /// 1 to 30.
        days: u8,
    },
    /// The history as a file.
    #[serde(rename = "history/export")]
    HistoryExport {
        /// "json" or "csv".
        format: ExportFormat,
    },
    /// Forget the history.
    #[serde(rename = "history/clear")]
    HistoryClear {},
    /// Check the targets' own status now (if due) and return the buttons to offer.
    #[serde(rename = "targets/refresh")]
    TargetsRefresh {},
    /// The built-in targets: names, the permission each needs, and which have a status feed (and what it needs).
    #[serde(rename = "targets/table")]
    TargetTable {},
    /// A target tab's content script asks for the prompt waiting for it.
    #[serde(rename = "target/claim")]
    TargetClaim {},
    /// A target tab's content script says how its delivery ended.
    #[serde(rename = "target/report")]
    TargetReport {
        /// The handoff's id.
        id: String,
        /// How it ended.
        outcome: Outcome,
    },
    /// The user asked, from a target tab's notice, to send the same prompt to another target.
    #[serde(rename = "target/reroute")]
    TargetReroute {
        /// The failed delivery's id.
        id: String,
        /// Where to now.
        target: Target,
    },
    /// The verdicts of the open claude.ai tabs, for the popup.
    #[serde(rename = "claude/verdicts")]
    ClaudeVerdicts {},
    /// The user asked, in the in-page offer, to keep this prompt until Claude is back.
    #[serde(rename = "claude/hold")]
    ClaudeHold {
        /// The prompt, exactly as captured.
        prompt: String,
    },
    /// The popup's "Keep for when Claude is back": this exact text.
    #[serde(rename = "held/hold")]
    HeldHold {
        /// Exactly what to keep.
        text: String,
    },
    /// The prompts held for Claude, for the popup.
    #[serde(rename = "held/list")]
    HeldList {},
    /// The usage Claude last reported, for the popup.
    #[serde(rename = "usage/get")]
    UsageGet {},
    /// Send a held prompt to claude.ai now.
    #[serde(rename = "held/send")]
    HeldSend {
        /// The held prompt's id.
        id: String,
    },
    /// Delete a held prompt.
    #[serde(rename = "held/remove")]
    HeldRemove {
        /// The held prompt's id.
        id: String,
    },
}

/// A history export's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// The log as JSON.
    Json,
    /// One row per event.
    Csv,
}

impl Request {
    /// Whether `origin` may send this request.
    pub fn allowed_from(&self, origin: Origin) -> bool {
        match self {
            Self::StatusGet {}
            | Self::StatusRefresh {}
            | Self::ClaudeVerdicts {}
            | Self::PromptGet {}
            | Self::PromptSend { .. }
            | Self::SettingsGet {}
            | Self::SettingsSet { .. }
            | Self::TargetTable {}
            | Self::TargetsRefresh {}
            | Self::HistoryGet { .. }
            | Self::HistoryExport { .. }
            | Self::HistoryClear {}
            | Self::HeldHold { .. }
            | Self::HeldList {}
            | Self::UsageGet {}
            | Self::HeldSend { .. }
            | Self::HeldRemove { .. } => matches!(origin, Origin::ExtensionPage),
            Self::ClaudeHello {}
            | Self::ClaudeEvent { .. }
            | Self::ClaudeDismiss { .. }
            | Self::ClaudeReroute { .. }
            | Self::ClaudeDraft { .. }
            | Self::ClaudeHold { .. } => matches!(origin, Origin::ClaudeContentScript),
            // A held prompt goes back to claude.ai through the same script as to a target: the claim is only
            // ever the handoff Reroute left for that very tab.
            Self::TargetClaim {} | Self::TargetReport { .. } => {
                matches!(origin, Origin::TargetContentScript | Origin::ClaudeContentScript)
            }
            Self::TargetReroute { .. } => matches!(origin, Origin::TargetContentScript),
        }
    }

    /// Limits no shape can express: prompts and drafts within [`MAX_PROMPT_CHARS`], at most 40 turns of context.
    fn within_limits(&self) -> Result<(), String> {
        let too_long = |text: &str| text.chars().count() > MAX_PROMPT_CHARS;
        match self {
            Self::ClaudeReroute { prompt, turns, .. } => {
                if too_long(prompt) {
                    return Err(format!("prompt longer than {MAX_PROMPT_CHARS} characters"));
                }
                if turns.len() > 40 || turns.iter().any(|turn| too_long(&turn.text)) {
                    return Err("too much context".into());
                }
                Ok(())
            }
            Self::ClaudeDraft { text, conversation } if too_long(text) || conversation.len() > 512 => {
                Err("draft too long".into())
            }
            Self::PromptSend { text, .. } | Self::HeldHold { text } | Self::ClaudeHold { prompt: text }
                if too_long(text) =>
            {
                Err("prompt too long".into())
            }
            Self::HeldSend { id } | Self::HeldRemove { id } if id.len() > 64 => Err("id too long".into()),
            _ => Ok(()),
        }
    }
}

/// Why a message was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a known message, or not in its shape.
    Malformed(String),
    /// A known message from a sender that may not send it.
    Forbidden,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Malformed(detail) => write!(f, "malformed message: {detail}"),
            Self::Forbidden => f.write_str("this sender may not send that message"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes and authorises one message, from any serde deserializer (`serde_json::Value` in tests, a JS value
/// through `serde_wasm_bindgen` in the extension).
///
/// # Errors
/// [`DecodeError::Malformed`] for anything that isn't exactly a known request, [`DecodeError::Forbidden`] when
/// the sender may not send it.
pub fn decode_request<'de, D: serde::Deserializer<'de>>(message: D, origin: Origin) -> Result<Request, DecodeError> {
    let request = Request::deserialize(message).map_err(|error| {
        let detail: String = error.to_string().chars().take(160).collect();
        DecodeError::Malformed(detail)
    })?;
    if !request.allowed_from(origin) {
        return Err(DecodeError::Forbidden);
    }
    request.within_limits().map_err(DecodeError::Malformed)?;
    Ok(request)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_claude_pages_own_requests_count() {
        let claude = Some("https://claude.ai");
        assert!(is_claude_page_request(3.0, 0.0, claude, None));
        assert!(is_claude_page_request(3.0, 0.0, None, Some("https://claude.ai/chat/1")));
        // Another site's page fetching claude.ai's API (Chrome and Firefox).
        assert!(!is_claude_page_request(3.0, 0.0, Some("https://chat.example.net"), None));
        assert!(!is_claude_page_request(3.0, 0.0, claude, Some("https://chatgpt.com/")));
        assert!(!is_claude_page_request(3.0, 0.0, None, Some("https://claude.ai.evil.example/")));
        assert!(!is_claude_page_request(3.0, 0.0, Some("https://claude.ai.evil.example"), None));
        assert!(!is_claude_page_request(3.0, 0.0, Some("http://claude.ai"), None));
        assert!(!is_claude_page_request(3.0, 0.0, Some("null"), None));
        assert!(!is_claude_page_request(3.0, 0.0, None, None));
        // claude.ai framed by another site, and requests from no tab (a worker, another extension).
        assert!(!is_claude_page_request(3.0, 5.0, claude, None));
        assert!(!is_claude_page_request(-1.0, 0.0, claude, None));
    }

    use super::*;
    use serde_json::json;

    #[test]
    fn accepts_exactly_the_known_shapes() {
        assert_eq!(decode_request(json!({"type": "status/get"}), Origin::ExtensionPage), Ok(Request::StatusGet {}));
        assert_eq!(
            decode_request(json!({"type": "status/refresh"}), Origin::ExtensionPage),
            Ok(Request::StatusRefresh {})
        );
    }

    #[test]
    fn refuses_everything_else() {
        for message in [
            json!(null),
            json!("status/get"),
            json!({}),
            json!({"type": "status/explode"}),
            json!({"type": "status/get", "extra": 1}),
            json!({"type": 7}),
            json!([{"type": "status/get"}]),
        ] {
            assert!(
                matches!(decode_request(message.clone(), Origin::ExtensionPage), Err(DecodeError::Malformed(_))),
                "{message}"
            );
        }
    }

    #[test]
    fn content_script_messages_carry_typed_events() {
        let message = json!({"type": "claude/event", "event": {"kind": "http", "status": 529, "completion": true}});
        assert_eq!(
            decode_request(message, Origin::ClaudeContentScript),
            Ok(Request::ClaudeEvent { event: Event::Http { status: 529, completion: true, challenge: false } })
        );
        let bad_event = json!({"type": "claude/event", "event": {"kind": "http", "status": -1, "completion": true}});
        assert!(matches!(decode_request(bad_event, Origin::ClaudeContentScript), Err(DecodeError::Malformed(_))));
    }

    #[test]
    fn each_sender_may_send_only_its_own_messages() {
        let from_content = [json!({"type": "claude/hello"}), json!({"type": "claude/dismiss", "incident": "x"})];
        for message in from_content {
            assert!(decode_request(message.clone(), Origin::ClaudeContentScript).is_ok());
            assert_eq!(decode_request(message.clone(), Origin::WebPage), Err(DecodeError::Forbidden));
            assert_eq!(decode_request(message, Origin::ExtensionPage), Err(DecodeError::Forbidden));
        }
        let verdicts = json!({"type": "claude/verdicts"});
        assert_eq!(decode_request(verdicts.clone(), Origin::ClaudeContentScript), Err(DecodeError::Forbidden));
        assert_eq!(decode_request(verdicts, Origin::ExtensionPage), Ok(Request::ClaudeVerdicts {}));
    }

    #[test]
    fn senders_are_told_apart_by_what_the_browser_vouches_for() {
        let base = "chrome-extension://abc/";
        assert_eq!(
            Origin::of_sender(true, "chrome-extension://abc/popup/popup.html", base, false, ""),
            Origin::ExtensionPage
        );
        assert_eq!(Origin::of_sender(true, "https://claude.ai/new", base, true, ""), Origin::ClaudeContentScript);
        assert_eq!(Origin::of_sender(true, "https://chatgpt.com/c/1", base, true, ""), Origin::TargetContentScript);
        assert_eq!(
            Origin::of_sender(true, "https://gemini.google.com/app", base, true, ""),
            Origin::TargetContentScript
        );
        let custom = "https://chat.example.net/*";
        assert_eq!(
            Origin::of_sender(true, "https://chat.example.net/c/1", base, true, custom),
            Origin::TargetContentScript
        );
        assert_eq!(
            Origin::of_sender(true, "https://chat.example.net.evil.example/", base, true, custom),
            Origin::WebPage
        );
        assert_eq!(Origin::of_sender(true, "https://chat.example.net/c/1", base, true, ""), Origin::WebPage);
        for (same, url, tab) in [
            (false, "chrome-extension://abc/popup/popup.html", false),
            (false, "https://claude.ai/new", true),
            (true, "https://claude.ai.evil.example/", true),
            (true, "https://evil.example/?https://claude.ai/", true),
            (true, "http://claude.ai/", true),
            (true, "https://claude.ai/new", false),
            (true, "chrome-extension://other/popup.html", false),
        ] {
            assert_eq!(Origin::of_sender(same, url, base, tab, ""), Origin::WebPage, "{url}");
        }
    }

    #[test]
    fn only_reroute_itself_can_start_a_delivery() {
        let from_offer = json!({"type": "claude/reroute", "target": "gemini", "prompt": "hi", "turns": []});
        assert!(decode_request(from_offer.clone(), Origin::ClaudeContentScript).is_ok());
        let from_popup = json!({"type": "prompt/send", "target": "chatgpt", "text": "hi"});
        assert!(decode_request(from_popup.clone(), Origin::ExtensionPage).is_ok());
        for (message, origin) in [
            (from_offer.clone(), Origin::WebPage),
            (from_offer, Origin::TargetContentScript),
            (from_popup.clone(), Origin::WebPage),
            (from_popup, Origin::ClaudeContentScript),
        ] {
            assert_eq!(decode_request(message, origin), Err(DecodeError::Forbidden));
        }
        // Unknown targets are refused by shape.
        let elsewhere = json!({"type": "prompt/send", "target": "evil.example", "text": "hi"});
        assert!(matches!(decode_request(elsewhere, Origin::ExtensionPage), Err(DecodeError::Malformed(_))));
    }

    #[test]
    fn prompts_have_a_size_limit() {
        let huge = "x".repeat(MAX_PROMPT_CHARS + 1);
        let message = json!({"type": "claude/reroute", "target": "gemini", "prompt": huge});
        assert!(matches!(decode_request(message, Origin::ClaudeContentScript), Err(DecodeError::Malformed(_))));
        let fits = json!({"type": "prompt/send", "target": "gemini", "text": "y".repeat(MAX_PROMPT_CHARS)});
        assert!(decode_request(fits, Origin::ExtensionPage).is_ok());
    }

    #[test]
    fn target_scripts_report_typed_outcomes() {
        let report = json!({"type": "target/report", "id": "h1", "outcome": {"outcome": "login-wall"}});
        assert_eq!(
            decode_request(report, Origin::TargetContentScript),
            Ok(Request::TargetReport { id: "h1".into(), outcome: Outcome::LoginWall {} })
        );
        // claude.ai takes a held prompt back through the same claim; a web page never claims anything, and
        // claude.ai never reroutes a delivery of its own.
        assert_eq!(
            decode_request(json!({"type": "target/claim"}), Origin::ClaudeContentScript),
            Ok(Request::TargetClaim {})
        );
        assert_eq!(decode_request(json!({"type": "target/claim"}), Origin::WebPage), Err(DecodeError::Forbidden));
        let reroute = json!({"type": "target/reroute", "id": "h1", "target": "gemini"});
        assert_eq!(decode_request(reroute, Origin::ClaudeContentScript), Err(DecodeError::Forbidden));
    }

    #[test]
    fn held_prompts_are_the_users_pages_business() {
        let hold = json!({"type": "claude/hold", "prompt": "keep me"});
        assert_eq!(
            decode_request(hold.clone(), Origin::ClaudeContentScript),
            Ok(Request::ClaudeHold { prompt: "keep me".into() })
        );
        assert_eq!(decode_request(hold, Origin::WebPage), Err(DecodeError::Forbidden));
        for message in [
            json!({"type": "held/list"}),
            json!({"type": "held/send", "id": "a"}),
            json!({"type": "held/remove", "id": "a"}),
        ] {
            assert!(decode_request(message.clone(), Origin::ExtensionPage).is_ok(), "{message}");
            assert_eq!(decode_request(message, Origin::ClaudeContentScript), Err(DecodeError::Forbidden));
        }
        let long_id = json!({"type": "held/send", "id": "x".repeat(65)});
        assert!(matches!(decode_request(long_id, Origin::ExtensionPage), Err(DecodeError::Malformed(_))));
        let too_long = json!({"type": "held/hold", "text": "y".repeat(MAX_PROMPT_CHARS + 1)});
        assert!(matches!(decode_request(too_long, Origin::ExtensionPage), Err(DecodeError::Malformed(_))));
    }

    #[test]
    fn only_reroute_pages_may_ask_about_status() {
        for origin in [Origin::WebPage, Origin::ClaudeContentScript] {
            assert_eq!(decode_request(json!({"type": "status/refresh"}), origin), Err(DecodeError::Forbidden));
        }
    }
}
