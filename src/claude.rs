//! claude.ai as Reroute knows it: where its failures show, which parts of the page are the conversation
//! (never a signal), and the failure texts it shows. One table; a site change is a one-line fix here.
//!
//! Evidence: `PAGE-MODEL.md` (captured mid-2026 pages and public issue reports). Selectors prefer stable hooks
//! (`data-testid`, `role`, `aria-*`) with the older class names as fallbacks.
//!
//! The content script cannot run wasm on claude.ai (the page's CSP applies to it in Chromium), so the build
//! writes [`content_config`] into `content/claude-site.js`; matching stays here, in [`classify_text`].
//!
//! ```
//! use reroute::claude::{classify_text, TextKind};
//! let text = "Due to unexpected capacity constraints, Claude is unable to respond to your message.";
//! assert_eq!(classify_text(text), Some(TextKind::Capacity));
//! // Curly quotes, other spacing and "Claude.ai" for "Claude" still match.
//! assert_eq!(classify_text("Can’t  reach Claude.ai"), Some(TextKind::CantReach));
//! assert_eq!(classify_text("Here is my essay about capacity planning."), None);
//! ```

use serde::Serialize;

/// Parts of the page whose text is the conversation or the user's own: user messages, Claude's replies
/// (streaming or not), code blocks, artifacts, the sidebar's chat titles, the composer. Text inside any of
/// these is never a failure signal, whatever it says.
pub const CONVERSATION: &[&str] = &[
    "[data-testid=\"user-message\"]",
    ".font-user-message",
    ".font-claude-response-body",
    ".font-claude-response",
    ".font-claude-message",
    "[data-is-streaming]",
    ".standard-markdown",
    "[data-testid=\"chat-input\"]",
    ".ProseMirror",
    "[contenteditable=\"true\"]",
    "pre",
    "code",
    "[data-testid*=\"artifact\"]",
    "iframe",
    "nav",
    "a[href^=\"/chat/\"]",
    "[data-testid=\"chat-title\"]",
];

/// The composer, newest markup first (PAGE-MODEL: Tiptap on ProseMirror; the older bare ProseMirror div).
pub const COMPOSER: &[&str] = &["[data-testid=\"chat-input\"]", "div.ProseMirror[contenteditable=\"true\"]"];

/// The user's own turns, newest markup first.
pub const USER_MESSAGE: &[&str] = &["[data-testid=\"user-message\"]", ".font-user-message"];

/// Claude's replies, newest markup first.
pub const REPLY: &[&str] = &[".font-claude-response-body", ".font-claude-response", ".font-claude-message"];

/// The send button.
pub const SEND_BUTTON: &str = "button[aria-label=\"Send message\"]";

/// Where on the page a text was seen. The content script picks the first that contains the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Surface {
    /// `role="alert"`, `aria-live` regions and toasts.
    Alert,
    /// Inside the message list, where a reply would be, but not inside a message.
    ChatInline,
    /// Banners around the composer (limits, length warnings).
    ComposerBanner,
    /// Anything else outside the conversation: full-page error screens, the login page.
    Page,
}

/// Selectors for each [`Surface`], most specific first.
pub const SURFACES: &[(Surface, &str)] = &[
    (
        Surface::Alert,
        "[role=\"alert\"], [role=\"status\"], [aria-live], [data-sonner-toast], [data-testid*=\"toast\"], .toast",
    ),
    (Surface::ChatInline, "[data-testid=\"virtual-message-list\"], [role=\"feed\"]"),
    (Surface::ComposerBanner, "[data-testid*=\"composer\"], [data-testid*=\"banner\"], fieldset, form"),
];

/// What a failure text means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextKind {
    /// "Claude will return soon" / "temporary service disruption": the app replaced by an error screen.
    ServiceDisruption,
    /// "Due to unexpected capacity constraints…": never on the status page.
    Capacity,
    /// "Service is temporarily busy".
    Busy,
    /// "API Error: 500 {…api_error…}" and its kin, shown by a client.
    ApiError,
    /// "This response didn't load": a failed reply, weak on its own.
    FailedReply,
    /// "Can't reach Claude": an outage or the user's own network.
    CantReach,
    /// "Check your connection": the user's own network.
    CheckConnection,
    /// "Something went wrong": generic, weak on its own.
    Generic,
    /// "You've hit your limit…", "5-hour limit reached": blocking limit banners.
    LimitReached,
    /// "Approaching 5-hour limit.": informational only.
    LimitApproaching,
    /// "Your message will exceed the length limit…": the chat is too long, not an outage.
    LengthLimit,
    /// "There was an error logging you in", permission errors.
    Auth,
}

/// One failure text: it matches when every group has at least one phrase in the normalised text. Groups make
/// small rewordings match ("unable to respond" / "can't respond") without matching prose that only shares
/// one word.
pub struct TextPattern {
    /// What it means.
    pub kind: TextKind,
    /// All groups must match; any phrase within a group will do.
    pub all_of: &'static [&'static [&'static str]],
}

/// The failure texts, most specific first: the first match wins.
pub const TEXTS: &[TextPattern] = &[
    TextPattern { kind: TextKind::LimitApproaching, all_of: &[&["approaching"], &["limit"]] },
    TextPattern { kind: TextKind::LengthLimit, all_of: &[&["length limit"], &["exceed", "too long"]] },
    TextPattern {
        kind: TextKind::LimitReached,
        all_of: &[&[
            "hit your limit",
            "reached your limit",
            "limit reached",
            "out of messages",
            "hit the limit",
            "reached the limit",
            "message limit",
        ]],
    },
    TextPattern {
        kind: TextKind::ServiceDisruption,
        all_of: &[&["will return soon", "will be back soon", "service disruption", "temporarily unavailable"]],
    },
    TextPattern {
        kind: TextKind::Capacity,
        all_of: &[
            &["capacity"],
            &["constraint", "unable to respond", "can't respond", "cannot respond", "couldn't respond", "at capacity"],
        ],
    },
    TextPattern { kind: TextKind::Busy, all_of: &[&["temporarily busy", "service is busy", "servers are busy"]] },
    TextPattern {
        kind: TextKind::Auth,
        all_of: &[&[
            "error logging you in",
            "error signing you in",
            "couldn't log you in",
            "could not log you in",
            "permission_error",
            "authentication_error",
            "no longer a member of the organization",
        ]],
    },
    TextPattern {
        kind: TextKind::ApiError,
        all_of: &[
            &["api error"],
            &["500", "502", "503", "504", "529", "api_error", "overloaded", "internal server error", "timeout_error"],
        ],
    },
    TextPattern {
        kind: TextKind::FailedReply,
        all_of: &[
            &["response", "reply", "message"],
            &[
                "didn't load",
                "did not load",
                "failed to load",
                "couldn't load",
                "could not load",
                "wasn't able to load",
            ],
        ],
    },
    TextPattern {
        kind: TextKind::CantReach,
        all_of: &[&[
            "can't reach claude",
            "cannot reach claude",
            "unable to reach claude",
            "couldn't reach claude",
            "could not reach claude",
            "can't connect to claude",
            "unable to connect to claude",
        ]],
    },
    TextPattern {
        kind: TextKind::CheckConnection,
        all_of: &[&[
            "check your connection",
            "check your internet",
            "check your network",
            "you're offline",
            "you are offline",
            "no internet connection",
        ]],
    },
    TextPattern {
        kind: TextKind::Generic,
        all_of: &[&["something went wrong", "an error occurred", "unexpected error", "error occurred"]],
    },
];

/// A text longer than this is prose, not an error message: error screens and banners are short.
pub const MAX_FAILURE_TEXT_CHARS: usize = 600;

/// Lowercases, straightens quotes, folds whitespace and reads "Claude.ai" as "Claude", so the table's
/// phrases match the wording variants the site uses.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out.replace("claude.ai", "claude")
}

/// What a text says, if it is one of claude.ai's failure texts; `None` for anything else, or for text too long
/// to be a message.
pub fn classify_text(text: &str) -> Option<TextKind> {
    if text.chars().count() > MAX_FAILURE_TEXT_CHARS {
        return None;
    }
    let text = normalize(text);
    TEXTS
        .iter()
        .find(|pattern| pattern.all_of.iter().all(|group| group.iter().any(|phrase| text.contains(phrase))))
        .map(|pattern| pattern.kind)
}

/// The endings of claude.ai's completion endpoints (`POST …/chat_conversations/{id}/completion`): a request to
/// one of these is the user sending a message, and its answer is a reply.
pub const COMPLETION_PATHS: &[&str] = &["/completion", "/retry_completion"];

/// What the content scripts and the background need, written into the content scripts by the build.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentConfig {
    /// One selector matching any part of the conversation.
    pub conversation: String,
    /// Surfaces with their selectors, in order.
    pub surfaces: Vec<(Surface, &'static str)>,
    /// Words at least one of which every failure text contains: the content script sends nothing else, so a
    /// busy page costs no messages. Derived from [`TEXTS`], so the two can't drift.
    pub trigger_words: Vec<&'static str>,
    /// Longest text worth sending.
    pub max_text_chars: usize,
    /// Path endings of completion requests.
    pub completion_paths: &'static [&'static str],
    /// The composer.
    pub composer: String,
    /// The user's turns.
    pub user_message: String,
    /// Claude's replies.
    pub reply: String,
    /// The send button.
    pub send_button: &'static str,
}

/// The content script's configuration.
pub fn content_config() -> ContentConfig {
    let mut trigger_words: Vec<&'static str> =
        TEXTS.iter().filter_map(|pattern| pattern.all_of.first()).flat_map(|group| group.iter().copied()).collect();
    trigger_words.sort_unstable();
    trigger_words.dedup();
    ContentConfig {
        conversation: CONVERSATION.join(", "),
        surfaces: SURFACES.to_vec(),
        trigger_words,
        max_text_chars: MAX_FAILURE_TEXT_CHARS,
        completion_paths: COMPLETION_PATHS,
        composer: COMPOSER.join(", "),
        user_message: USER_MESSAGE.join(", "),
        reply: REPLY.join(", "),
        send_button: SEND_BUTTON,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every failure text in PAGE-MODEL.md, verbatim, with what it means.
    const PAGE_MODEL_TEXTS: &[(&str, TextKind)] = &[
        ("Claude will return soon", TextKind::ServiceDisruption),
        (
            "Claude is currently experiencing a temporary service disruption. We're working on it, please check back soon.",
            TextKind::ServiceDisruption,
        ),
        (
            "Claude will return soon Claude is currently experiencing a temporary service disruption. We\u{2019}re working on it, please check back soon. Try again Still not working? You can reach out to support with this error code: 1034YMZ",
            TextKind::ServiceDisruption,
        ),
        (
            "Due to unexpected capacity constraints, Claude is unable to respond to your message. Please try again soon. Or consider upgrading to Claude Pro.",
            TextKind::Capacity,
        ),
        ("This response didn't load. Try again by chatting to Claude.", TextKind::FailedReply),
        (
            "You've hit your limit for Claude messages. Limits will reset at 1:00 AM. For higher limits, explore our Pro plan.",
            TextKind::LimitReached,
        ),
        (
            "You\u{2019}ve hit your limit for Claude messages. Limits will reset at 1:00 AM. View your usage details.",
            TextKind::LimitReached,
        ),
        ("Approaching 5-hour limit.", TextKind::LimitApproaching),
        ("5-hour limit reached - resets 3:00 PM.", TextKind::LimitReached),
        (
            "Your message will exceed the length limit for this chat. Try attaching fewer or smaller files or starting a new conversation.",
            TextKind::LengthLimit,
        ),
        ("There was an error logging you in", TextKind::Auth),
        ("Can't reach Claude", TextKind::CantReach),
        ("Check your connection", TextKind::CheckConnection),
        ("Service is temporarily busy. You can try again shortly", TextKind::Busy),
        (
            r#"API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}"#,
            TextKind::ApiError,
        ),
        (
            r#"API Error: 403 {"type":"error","error":{"type":"permission_error","message":"Account is no longer a member of the organization associated with this token."}}"#,
            TextKind::Auth,
        ),
        ("Something went wrong", TextKind::Generic),
    ];

    #[test]
    fn every_page_model_text_is_recognised() {
        for (text, kind) in PAGE_MODEL_TEXTS {
            assert_eq!(classify_text(text), Some(*kind), "{text}");
        }
    }

    #[test]
    fn wording_variants_match() {
        let cases = [
            ("CLAUDE.AI WILL RETURN SOON", TextKind::ServiceDisruption),
            ("Can\u{2019}t reach Claude.ai", TextKind::CantReach),
            ("Can`t   reach\n Claude", TextKind::CantReach),
            ("You\u{2019}ve hit your limit for Claude.ai messages.", TextKind::LimitReached),
            ("Due to unexpected capacity constraints, Claude.ai can't respond right now.", TextKind::Capacity),
            ("Claude is at capacity and unable to respond. Try again later.", TextKind::Capacity),
            ("This reply did not load. Try again.", TextKind::FailedReply),
            ("The service is temporarily busy; try again shortly.", TextKind::Busy),
            ("There was an error signing you in", TextKind::Auth),
        ];
        for (text, kind) in cases {
            assert_eq!(classify_text(text), Some(kind), "{text}");
        }
    }

    #[test]
    fn ordinary_text_does_not_match() {
        for text in [
            "",
            "How can I help you today?",
            "Capacity planning for a small team",
            "Send message",
            "Limits",
            "Claude responded:",
            "Error handling in Rust",
            "The response was great",
        ] {
            assert_eq!(classify_text(text), None, "{text}");
        }
    }

    #[test]
    fn long_prose_that_quotes_an_error_is_not_a_failure_text() {
        let essay =
            format!("Users often see \"Claude will return soon\" during incidents. {}", "More prose. ".repeat(60));
        assert_eq!(classify_text(&essay), None);
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize("  Can\u{2019}t \t reach\nClaude.ai  "), "can't reach claude");
        assert_eq!(normalize("\u{201c}Quoted\u{201d} \u{2014} dash"), "\"quoted\" - dash");
    }

    #[test]
    fn every_failure_text_contains_a_trigger_word() {
        let config = content_config();
        for (text, _) in PAGE_MODEL_TEXTS {
            let text = normalize(text);
            assert!(config.trigger_words.iter().any(|word| text.contains(word)), "{text}");
        }
    }

    #[test]
    fn the_conversation_selector_covers_every_part_named_by_the_page_model() {
        let config = content_config();
        for part in ["user-message", "font-claude-response-body", "chat-input", "pre", "code", "data-is-streaming"] {
            assert!(config.conversation.contains(part), "{part}");
        }
    }

    proptest::proptest! {
        #[test]
        fn classification_never_panics(text in "\\PC{0,700}") {
            let _ = classify_text(&text);
        }
    }
}
