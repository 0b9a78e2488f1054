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
    /// Anything else: another extension, a web page, a content script on an unexpected site.
    WebPage,
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
    /// Open a target site next to the claude.ai tab (the prompt is already on the clipboard).
    #[serde(rename = "claude/open-target")]
    ClaudeOpenTarget {
        /// Which site.
        target: Target,
    },
    /// The verdicts of the open claude.ai tabs, for the popup.
    #[serde(rename = "claude/verdicts")]
    ClaudeVerdicts {},
}

impl Request {
    /// Whether `origin` may send this request.
    pub fn allowed_from(&self, origin: Origin) -> bool {
        match self {
            Self::StatusGet {} | Self::StatusRefresh {} | Self::ClaudeVerdicts {} => {
                matches!(origin, Origin::ExtensionPage)
            }
            Self::ClaudeHello {}
            | Self::ClaudeEvent { .. }
            | Self::ClaudeDismiss { .. }
            | Self::ClaudeOpenTarget { .. } => matches!(origin, Origin::ClaudeContentScript),
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
    if request.allowed_from(origin) {
        Ok(request)
    } else {
        Err(DecodeError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
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
            Ok(Request::ClaudeEvent { event: Event::Http { status: 529, completion: true } })
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
    fn only_reroute_pages_may_ask_about_status() {
        for origin in [Origin::WebPage, Origin::ClaudeContentScript] {
            assert_eq!(decode_request(json!({"type": "status/refresh"}), origin), Err(DecodeError::Forbidden));
        }
    }
}
