//! claude.ai as Reroute knows it: where its failures show, which parts of the page are the conversation
//! (never a signal), and the failure texts it shows, per language. One table; a site change is a one-line fix
//! here, and `tests/e2e/markup.test.mjs` checks the simulation in `www/claude.ai` against the captures.
//!
//! Evidence: the DOM captures of the live site in `tests/fixtures/real/claude/` (Jan/Feb 2026; README, "How it
//! is built"), the later 2026 markup other projects reported (transcript rows, `data-testid=assistant-message`),
//! and claude.ai's own i18n catalog (en-US and ja-JP, 2026-06). Selectors use structure (`data-testid`, `role`,
//! `data-*`), never English labels: claude.ai speaks 11 languages and its labels change with the account's.
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
//! // The same failure in the Japanese UI.
//! assert_eq!(classify_text("予期せぬ容量制限により、Claudeは現在応答できません。"), Some(TextKind::Capacity));
//! assert_eq!(classify_text("Here is my essay about capacity planning."), None);
//! ```

use serde::Serialize;

/// Parts of the page whose text is the conversation or the user's own: user messages, Claude's replies
/// (streaming or not, both 2026 markups), code blocks, artifacts, the sidebar's chat titles, both composers.
/// Text inside any of these is never a failure signal, whatever it says. The rows that hold a message are not
/// listed: the site puts its own warnings in them ([`REPLY_WARNING`]).
pub const CONVERSATION: &[&str] = &[
    "[data-testid=\"user-message\"]",
    ".font-user-message",
    "[data-testid=\"assistant-message\"]",
    "[data-cds=\"AssistantMessage\"]",
    ".font-claude-response-body",
    ".font-claude-response",
    ".font-claude-message",
    "[data-is-streaming]",
    ".standard-markdown",
    "[data-testid=\"chat-input\"]",
    "[data-testid=\"chat-input-ssr\"]",
    ".ProseMirror",
    "[contenteditable=\"true\"]",
    "textarea",
    "pre",
    "code",
    "[data-testid*=\"artifact\"]",
    "iframe",
    "nav",
    "a[href^=\"/chat/\"]",
    "[data-testid=\"chat-title\"]",
    "[data-testid=\"chat-title-button\"]",
];

/// The site's own warning about one reply ("This response didn’t load." with a Try again button), inside that
/// reply's row. A reply's markdown can't carry a `data-testid`, so this element is the site speaking even when
/// it sits inside a message.
pub const REPLY_WARNING: &str = "[data-testid=\"message-warning\"]";

/// One turn's row, newest markup first: late 2026 transcript rows, Jan/Feb 2026 render-count wrappers, the
/// `role=feed` articles of the July 2026 fragments.
pub const ROWS: &[&str] =
    &["[data-testid=\"transcript-row\"]", "div[data-test-render-count]", "[role=\"feed\"] > article"];

/// The composer, live editor first. The server-rendered twin (`fieldset[inert]` > `textarea`) stays in the page
/// after the app hydrates, with the same label; the content script takes the first candidate that is live
/// (not inert, hidden or zero-size), so the twin counts only while it is the one the user can type in.
pub const COMPOSER: &[&str] = &[
    "[data-testid=\"chat-input\"]",
    "div.ProseMirror[contenteditable=\"true\"]",
    "textarea[data-testid=\"chat-input-ssr\"]",
];

/// What holds the composer and its buttons: a click on a button in there may send, so the draft is saved first.
pub const COMPOSER_FORM: &str = "fieldset, [data-chat-input-container], form";

/// The user's own turns, newest markup first.
pub const USER_MESSAGE: &[&str] = &["[data-testid=\"user-message\"]", ".font-user-message"];

/// Claude's replies, newest markup first (late 2026 has no `.font-claude-response` class).
pub const REPLY: &[&str] = &[
    "[data-testid=\"assistant-message\"]",
    ".font-claude-response-body",
    ".font-claude-response",
    ".font-claude-message",
];

/// Routes at which claude.ai serves its full-page error screen ("Claude will return soon"), in every language.
pub const ERROR_ROUTES: &[&str] = &["/maintenance", "/restricted"];

/// Whether `path` (a URL's path) is one of [`ERROR_ROUTES`].
pub fn is_error_route(path: &str) -> bool {
    ERROR_ROUTES
        .iter()
        .any(|route| path == *route || path.strip_prefix(route).is_some_and(|rest| rest.starts_with('/')))
}

/// Where on the page a text was seen. The content script picks the first that contains the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Surface {
    /// The site's warning inside a reply's row ([`REPLY_WARNING`]).
    ReplyWarning,
    /// `role="alert"`, `aria-live` regions and toasts.
    Alert,
    /// Inside the message list, where a reply would be, but not inside a message.
    ChatInline,
    /// The notice band above the composer (usage and limit notices) and banners around the composer.
    ComposerBanner,
    /// Anything else outside the conversation: full-page error screens, the login page.
    Page,
}

/// Selectors for each [`Surface`], most specific first.
pub const SURFACES: &[(Surface, &str)] = &[
    (Surface::ReplyWarning, REPLY_WARNING),
    (Surface::ComposerBanner, "[data-alert-band-wrapper]"),
    (
        Surface::Alert,
        "[role=\"alert\"], [role=\"status\"], [aria-live], [data-sonner-toast], [data-testid*=\"toast\"], .toast",
    ),
    (
        Surface::ChatInline,
        "[data-testid=\"virtual-message-list\"], [role=\"feed\"], [data-testid=\"transcript-row\"], div[data-test-render-count]",
    ),
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
    /// "Service is temporarily busy", "Server is temporarily limiting requests".
    Busy,
    /// "API Error: 500 {…api_error…}", "Something went wrong on our end": the server says it failed.
    ApiError,
    /// "This response didn't load", "Claude's response was interrupted": a failed reply. Weak on its own,
    /// except as the site's warning in the reply's row.
    FailedReply,
    /// "Can't reach Claude", "We couldn't connect to Claude": an outage or the user's own network.
    CantReach,
    /// "Check your connection": the user's own network.
    CheckConnection,
    /// "Something went wrong": generic, weak on its own.
    Generic,
    /// "You've hit your limit…", "Usage limit reached ∙ Resets …": blocking limit banners.
    LimitReached,
    /// "Approaching 5-hour limit.", "You've used 75% of your session limit": informational only.
    LimitApproaching,
    /// "Your message will exceed the length limit…", "This conversation has reached its length limit": the
    /// chat or the turn is too long, not an outage.
    LengthLimit,
    /// "Looks like you have too many chats going": a client-side limit, not an outage.
    TooManyChats,
    /// "There was an error logging you in", permission errors.
    Auth,
}

impl TextKind {
    /// Whether the text only informs: it never makes a verdict, an offer or a notification.
    pub fn is_informational(self) -> bool {
        matches!(self, Self::LimitApproaching | Self::LengthLimit | Self::TooManyChats)
    }
}

/// One failure text: it matches when every group has at least one phrase in the normalised text. Groups make
/// small rewordings match ("unable to respond" / "can't respond") without matching prose that only shares
/// one word.
pub struct TextPattern {
    /// What it means.
    pub kind: TextKind,
    /// All groups must match; any phrase within a group will do. The first group's phrases are the content
    /// script's trigger words.
    pub all_of: &'static [&'static [&'static str]],
}

/// One UI language's failure texts, most specific first: the first match wins.
pub struct Language {
    /// BCP 47, as claude.ai's account setting names it.
    pub code: &'static str,
    /// Its patterns, in normalised form ([`normalize`]).
    pub texts: &'static [TextPattern],
}

const fn pattern(kind: TextKind, all_of: &'static [&'static [&'static str]]) -> TextPattern {
    TextPattern { kind, all_of }
}

/// English (en-US): every failure and limit text of claude.ai's catalog (2026-06), the texts of its bundle
/// (2026-03) and the older wordings users reported (PAGE-MODEL).
const ENGLISH: &[TextPattern] = &[
    pattern(TextKind::LimitApproaching, &[&["approaching"], &["limit"]]),
    pattern(TextKind::LimitApproaching, &[&["almost out of usage", "continuing with extra usage"]]),
    pattern(TextKind::LimitApproaching, &[&["you've used"], &["limit"]]),
    pattern(TextKind::LengthLimit, &[&["length limit"], &["exceed", "too long", "reached its"]]),
    pattern(TextKind::LengthLimit, &[&["max length for this message", "tool-use limit for this turn"]]),
    pattern(TextKind::TooManyChats, &[&["too many chats"]]),
    pattern(
        TextKind::LimitReached,
        &[&[
            "hit your limit",
            "reached your limit",
            "reached your session limit",
            "reached your usage limit",
            "reached your weekly limit",
            "limit reached",
            "limit resets",
            "out of messages",
            "out of free messages",
            "hit the limit",
            "reached the limit",
            "message limit",
        ]],
    ),
    pattern(
        TextKind::ServiceDisruption,
        &[&["will return soon", "will be back soon", "service disruption", "temporarily unavailable"]],
    ),
    pattern(
        TextKind::Capacity,
        &[
            &["capacity"],
            &["constraint", "unable to respond", "can't respond", "cannot respond", "couldn't respond", "at capacity"],
        ],
    ),
    pattern(
        TextKind::Busy,
        &[&["temporarily busy", "service is busy", "servers are busy", "temporarily limiting requests"]],
    ),
    pattern(
        TextKind::Auth,
        &[&[
            "error logging you in",
            "error signing you in",
            "couldn't log you in",
            "could not log you in",
            "logging in is currently disabled",
            "permission_error",
            "authentication_error",
            "no longer a member of the organization",
        ]],
    ),
    pattern(
        TextKind::ApiError,
        &[
            &["api error"],
            &["500", "502", "503", "504", "529", "api_error", "overloaded", "internal server error", "timeout_error"],
        ],
    ),
    pattern(TextKind::ApiError, &[&["went wrong on our end"]]),
    pattern(
        TextKind::FailedReply,
        &[
            &["response", "reply", "message"],
            &[
                "didn't load",
                "did not load",
                "failed to load",
                "couldn't load",
                "could not load",
                "wasn't able to load",
                "was interrupted",
                "stopped before finishing",
            ],
        ],
    ),
    pattern(
        TextKind::CantReach,
        &[&[
            "can't reach claude",
            "cannot reach claude",
            "unable to reach claude",
            "couldn't reach claude",
            "could not reach claude",
            "can't connect to claude",
            "couldn't connect to claude",
            "could not connect to claude",
            "unable to connect to claude",
        ]],
    ),
    pattern(
        TextKind::CheckConnection,
        &[&[
            "check your connection",
            "check your internet",
            "check your network",
            "you're offline",
            "you are offline",
            "no internet connection",
        ]],
    ),
    pattern(
        TextKind::Generic,
        &[&["something went wrong", "an error occurred", "unexpected error", "error occurred", "failed to send"]],
    ),
];

/// Japanese (ja-JP): every failure and limit text of claude.ai's catalog (2026-06). The catalog renders
/// "Something went wrong" two ways (エラーが発生しました, 問題が発生しました); both are here.
const JAPANESE: &[TextPattern] = &[
    // Before the length limits: the interrupted-reply text names "the conversation's maximum length" as a cause.
    pattern(TextKind::FailedReply, &[&["応答を読み込めませんでした", "応答が中断されました", "完了前に停止しました"]]),
    pattern(TextKind::LimitApproaching, &[&["制限に近づいて", "上限に近づいて"]]),
    pattern(TextKind::LimitApproaching, &[&["制限の"], &["を使用しました"]]),
    pattern(TextKind::LengthLimit, &[&["長さの上限", "長さ制限", "最大長", "ツール使用制限"]]),
    pattern(TextKind::LimitReached, &[&["制限に達しました", "上限に達しました"]]),
    pattern(TextKind::ServiceDisruption, &[&["一時的にご利用いただけません"]]),
    pattern(TextKind::Capacity, &[&["容量制限", "処理能力の制限", "アクセスが集中"]]),
    pattern(TextKind::Busy, &[&["リクエストを制限しています"]]),
    pattern(TextKind::Auth, &[&["ログインは無効"]]),
    pattern(TextKind::ApiError, &[&["こちら側で問題が発生しました"]]),
    pattern(TextKind::CantReach, &[&["claudeに接続できませんでした"]]),
    pattern(TextKind::Generic, &[&["エラーが発生しました", "問題が発生しました", "送信に失敗しました"]]),
];

/// French (fr-FR): only what users copied out of the live page (no catalog is public): the limit banners and
/// the conversation-length stop.
const FRENCH: &[TextPattern] = &[
    pattern(TextKind::LengthLimit, &[&["limite maximale pour cette conversation"]]),
    pattern(TextKind::LimitReached, &[&["limite d'utilisation atteinte", "limite de 5 heures atteinte"]]),
];

/// Spanish (es-419, es-ES): only what users copied out of the live page: the session-limit banner and the
/// max-length pause.
const SPANISH: &[TextPattern] = &[
    pattern(TextKind::LengthLimit, &[&["límite máximo de longitud"]]),
    pattern(TextKind::LimitReached, &[&["límite de sesión alcanzado", "límite de uso alcanzado"]]),
];

/// The failure texts per UI language. German, Korean, Italian, Portuguese, Hindi and Indonesian have no
/// public failure texts yet (only "Retry" and the disclaimer were ever copied), so there the verdict rests on
/// the network and the page's structure, which say the same in every language.
pub const LANGUAGES: &[Language] = &[
    Language { code: "en", texts: ENGLISH },
    Language { code: "ja", texts: JAPANESE },
    Language { code: "fr", texts: FRENCH },
    Language { code: "es", texts: SPANISH },
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

/// What a text says, if it is one of claude.ai's failure texts in any of its languages; `None` for anything
/// else, or for text too long to be a message.
pub fn classify_text(text: &str) -> Option<TextKind> {
    if text.chars().count() > MAX_FAILURE_TEXT_CHARS {
        return None;
    }
    let text = normalize(text);
    LANGUAGES
        .iter()
        .flat_map(|language| language.texts)
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
    /// The site's warning inside a reply's row.
    pub reply_warning: &'static str,
    /// One selector matching any turn's row.
    pub rows: String,
    /// Surfaces with their selectors, in order.
    pub surfaces: Vec<(Surface, &'static str)>,
    /// Words at least one of which every failure text contains: the content script sends nothing else, so a
    /// busy page costs no messages. Derived from [`LANGUAGES`], so the two can't drift.
    pub trigger_words: Vec<&'static str>,
    /// Longest text worth sending.
    pub max_text_chars: usize,
    /// Path endings of completion requests.
    pub completion_paths: &'static [&'static str],
    /// Routes of the full-page error screen.
    pub error_routes: &'static [&'static str],
    /// The composer candidates, live editor first.
    pub composer: &'static [&'static str],
    /// What holds the composer and its buttons.
    pub composer_form: &'static str,
    /// The user's turns.
    pub user_message: String,
    /// Claude's replies.
    pub reply: String,
}

/// The content script's configuration.
pub fn content_config() -> ContentConfig {
    let mut trigger_words: Vec<&'static str> = LANGUAGES
        .iter()
        .flat_map(|language| language.texts)
        .filter_map(|pattern| pattern.all_of.first())
        .flat_map(|group| group.iter().copied())
        .collect();
    trigger_words.sort_unstable();
    trigger_words.dedup();
    ContentConfig {
        conversation: CONVERSATION.join(", "),
        reply_warning: REPLY_WARNING,
        rows: ROWS.join(", "),
        surfaces: SURFACES.to_vec(),
        trigger_words,
        max_text_chars: MAX_FAILURE_TEXT_CHARS,
        completion_paths: COMPLETION_PATHS,
        error_routes: ERROR_ROUTES,
        composer: COMPOSER,
        composer_form: COMPOSER_FORM,
        user_message: USER_MESSAGE.join(", "),
        reply: REPLY.join(", "),
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
        ("Due to capacity constraints, chatting with Claude is currently not available.", TextKind::Capacity),
        ("This response didn't load. Try again by chatting to Claude.", TextKind::FailedReply),
        ("This response didn\u{2019}t load.", TextKind::FailedReply),
        (
            "You've hit your limit for Claude messages. Limits will reset at 1:00 AM. For higher limits, explore our Pro plan.",
            TextKind::LimitReached,
        ),
        (
            "You\u{2019}ve hit your limit for Claude messages. Limits will reset at 1:00 AM. View your usage details.",
            TextKind::LimitReached,
        ),
        ("Your limit resets 3:00 PM.", TextKind::LimitReached),
        ("Your limit resets on Dec 3.", TextKind::LimitReached),
        ("You are out of free messages until 3:20 AM", TextKind::LimitReached),
        ("Approaching 5-hour limit.", TextKind::LimitApproaching),
        ("5-hour limit reached - resets 3:00 PM.", TextKind::LimitReached),
        (
            "Your message will exceed the length limit for this chat. Try attaching fewer or smaller files or starting a new conversation.",
            TextKind::LengthLimit,
        ),
        ("Looks like you have too many chats going. Please close a tab to continue.", TextKind::TooManyChats),
        ("There was an error logging you in", TextKind::Auth),
        ("Can't reach Claude", TextKind::CantReach),
        (
            "We couldn\u{2019}t connect to Claude. Please check your network connection and try again.",
            TextKind::CantReach,
        ),
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

    /// claude.ai's own catalog (CLAUDE-TEXTS.md §2): every failure and limit string, en-US then ja-JP, with
    /// the catalog key, the placeholders filled as the page fills them.
    const CATALOG: &[(&str, &str, &str, TextKind)] = &[
        (
            "TRpxX8Mu1L",
            "Due to unexpected capacity constraints, Claude is unable to respond to your message. Please try again soon.",
            "予期せぬ容量制限により、Claudeは現在応答できません。しばらくしてから再度お試しください。",
            TextKind::Capacity,
        ),
        (
            "W2dIBW8oIg",
            "Due to capacity constraints, chatting with Claude is currently not available. Please try again in a little while.",
            "容量制限により、現在Claudeとのチャットは利用できません。しばらくしてから再度お試しください。",
            TextKind::Capacity,
        ),
        (
            "kfyWX0MxKQ",
            "Due to capacity constraints, chatting with Claude is currently not available. Please try again shortly.",
            "現在、処理能力の制限により、クロードとのチャットをご利用いただけません。しばらくしてから再度お試しください。",
            TextKind::Capacity,
        ),
        (
            "K7gZgqTptz",
            "Claude is at capacity right now. Try again in a moment.",
            "現在、Claudeへのアクセスが集中しています。しばらくしてからもう一度お試しください。",
            TextKind::Capacity,
        ),
        (
            "DZelR8S/rx",
            "Claude is temporarily unavailable",
            "Claude は一時的にご利用いただけません",
            TextKind::ServiceDisruption,
        ),
        (
            "Z98lmHNsmL",
            "Claude is temporarily unavailable. Try again in a moment.",
            "Claudeは現在一時的にご利用いただけません。しばらくしてからもう一度お試しください。",
            TextKind::ServiceDisruption,
        ),
        (
            "2n3WlAzStK",
            "Server is temporarily limiting requests",
            "サーバーが一時的にリクエストを制限しています",
            TextKind::Busy,
        ),
        ("rL6qR3THkV", "This response didn't load.", "この応答を読み込めませんでした。", TextKind::FailedReply),
        (
            "vGCX7TawR+",
            "The response stream stopped before finishing \u{2014} try again in a moment.",
            "レスポンスストリームが完了前に停止しました。しばらくしてからもう一度お試しください。",
            TextKind::FailedReply,
        ),
        ("rXXv7KtIgc", "Claude's response was interrupted.", "Claudeの応答が中断されました。", TextKind::FailedReply),
        (
            "sHRMIfTKu4",
            "Claude\u{2019}s response was interrupted. This can be caused by network problems or exceeding the maximum conversation length. Please contact support if the issue persists.",
            "申し訳ございません。Claudeの応答が中断されました。これは、ネットワークの問題や会話の最大長を超えたことが原因の可能性があります。問題が解決しない場合は、サポートまでご連絡ください。",
            TextKind::FailedReply,
        ),
        (
            "KzO0j4cGtg",
            "We couldn\u{2019}t connect to Claude. Please check your network connection and try again.",
            "Claudeに接続できませんでした。ネットワーク接続を確認して、もう一度お試しください。",
            TextKind::CantReach,
        ),
        (
            "JR7SJGPDTb",
            "You\u{2019}ve hit your limit for Claude messages.",
            "Claudeメッセージの制限に達しました。",
            TextKind::LimitReached,
        ),
        (
            "kWBmnBHkJ1",
            "Usage limit reached \u{2219} Resets 3:00 PM \u{2219} limits shared with Claude Code",
            "利用制限に達しました \u{2219} リセット時刻：15:00 \u{2219} Claude Codeと共有される制限",
            TextKind::LimitReached,
        ),
        ("7w3FHlVG2e", "Usage limit reached", "利用上限に達しました", TextKind::LimitReached),
        (
            "OTZfypjWAC",
            "You've reached your session limit. It resets at 3:00 PM.",
            "セッション制限に達しました。15:00にリセットされます。",
            TextKind::LimitReached,
        ),
        (
            "rNSmFin0Cy",
            "You've reached your usage limit. It resets at 3:00 PM.",
            "利用上限に達しました。15:00にリセットされます。",
            TextKind::LimitReached,
        ),
        (
            "HfMQVThKYy",
            "You've reached your usage limit. Try again after your limit resets.",
            "使用制限に達しました。制限がリセットされた後に再試行してください。",
            TextKind::LimitReached,
        ),
        (
            "zB2cYFBQjl",
            "You've reached your weekly limit. It resets Monday at 3:00 PM.",
            "週間の利用上限に達しました。月曜日の15:00にリセットされます。",
            TextKind::LimitReached,
        ),
        (
            "j/5+o6pC9/",
            "You hit your 5-hour message limit. It resets at 3:00 PM, or you can upgrade for higher limits.",
            "5時間のメッセージ上限に達しました。15:00にリセットされます。または、アップグレードしてより高い上限をご利用いただけます。",
            TextKind::LimitReached,
        ),
        (
            "mBWwywBmIh",
            "You hit your message limit. It resets at 3:00 PM, or you can upgrade for higher limits.",
            "メッセージ上限に達しました。15:00にリセットされます。上限を増やすにはアップグレードすることもできます。",
            TextKind::LimitReached,
        ),
        (
            "43fHBvBM8S",
            "You just hit your free message limit. Upgrade to Pro to send more messages. You also get:",
            "無料メッセージの上限に達しました。Proにアップグレードすると、より多くのメッセージを送信できます。さらに以下の特典も含まれます：",
            TextKind::LimitReached,
        ),
        ("eufK6+n0Ub", "Approaching session limit", "セッション制限に近づいています", TextKind::LimitApproaching),
        ("/yqEJpDlex", "Approaching usage limit", "使用量の上限に近づいています", TextKind::LimitApproaching),
        (
            "ghbYuVoMj1",
            "You're almost out of usage \u{2219} Resets at 3:00 PM",
            "利用上限に近づいています \u{2219} 15:00にリセットされます",
            TextKind::LimitApproaching,
        ),
        (
            "wVPcZN3RGw",
            "You've used 75% of your session limit",
            "セッション制限の75%を使用しました",
            TextKind::LimitApproaching,
        ),
        (
            "2QtxTzR9fI",
            "This conversation has reached its length limit.",
            "この会話は長さの上限に達しました。",
            TextKind::LengthLimit,
        ),
        (
            "Oqm0tccaip",
            "Claude reached its max length for this message.",
            "Claudeはこのメッセージの最大長に達しました。",
            TextKind::LengthLimit,
        ),
        (
            "i49QmGHv5y",
            "Claude reached its tool-use limit for this turn.",
            "Claudeはこのターンのツール使用制限に達しました。",
            TextKind::LengthLimit,
        ),
        ("JqiqNj0Ooi", "Something went wrong", "エラーが発生しました", TextKind::Generic),
        ("W/5hwrn09m", "Something went wrong. Please try again.", "問題が発生しました。もう一度お試しください。", TextKind::Generic),
        ("3kJE8Gegin", "Something went wrong. Try again.", "エラーが発生しました。もう一度お試しください。", TextKind::Generic),
        ("qRE/x3PA9a", "Something went wrong. You can try again.", "問題が発生しました。もう一度お試しください。", TextKind::Generic),
        (
            "BpM+iSIqxC",
            "Something went wrong on our end \u{2014} try again in a moment. If it persists, check status.claude.com.",
            "こちら側で問題が発生しました。しばらくしてからもう一度お試しください。問題が続く場合は、status.claude.com をご確認ください。",
            TextKind::ApiError,
        ),
        (
            "L74XIWqMmc",
            "Failed to send message. You can try again.",
            "メッセージの送信に失敗しました。もう一度お試しください。",
            TextKind::Generic,
        ),
        (
            "ltWJgvSQAd",
            "Logging in is currently disabled. Please check back later.",
            "現在ログインは無効になっています。後ほど再度お試しください。",
            TextKind::Auth,
        ),
    ];

    /// What users copied out of the live page in other languages (CLAUDE-TEXTS.md §3).
    const COPIED: &[(&str, Option<TextKind>)] = &[
        (
            "Limite d'utilisation atteinte \u{2219} R\u{e9}initialisation 03:00 \u{2219} limites partag\u{e9}es avec Claude Code",
            Some(TextKind::LimitReached),
        ),
        ("Limite de 5 heures atteinte \u{2219} r\u{e9}initialisation 18:00", Some(TextKind::LimitReached)),
        (
            "Claude a atteint la limite maximale pour cette conversation. Veuillez d\u{e9}marrer une nouvelle conversation pour continuer \u{e0} dialoguer avec Claude.",
            Some(TextKind::LengthLimit),
        ),
        ("L\u{ed}mite de sesi\u{f3}n alcanzado \u{2219} se restablece 17:00", Some(TextKind::LimitReached)),
        (
            "Esta respuesta se ha pausado porque Claude alcanz\u{f3} su l\u{ed}mite m\u{e1}ximo de longitud para un mensaje.",
            Some(TextKind::LengthLimit),
        ),
        // Labels and disclaimers, in every language they were copied in: never failures.
        ("R\u{e9}essayer", None),
        ("Wiederholen", None),
        ("Claude kann Fehler machen. Bitte \u{fc}berpr\u{fc}fen Sie die Antworten.", None),
        ("Claude \u{306f} AI \u{306e}\u{305f}\u{3081}\u{3001}\u{8aa4}\u{308a}\u{3092}\u{542b}\u{3080}\u{53ef}\u{80fd}\u{6027}\u{304c}\u{3042}\u{308a}\u{307e}\u{3059}\u{3002}", None),
        ("\u{518d}\u{8a66}\u{884c}", None),
        ("\u{ac}\u{c7ac}\u{c2dc}\u{b3c4}", None),
    ];

    #[test]
    fn every_page_model_text_is_recognised() {
        for (text, kind) in PAGE_MODEL_TEXTS {
            assert_eq!(classify_text(text), Some(*kind), "{text}");
        }
    }

    #[test]
    fn every_catalog_failure_text_is_recognised_in_english_and_japanese() {
        for (key, english, japanese, kind) in CATALOG {
            assert_eq!(classify_text(english), Some(*kind), "{key} en-US: {english}");
            assert_eq!(classify_text(japanese), Some(*kind), "{key} ja-JP: {japanese}");
        }
    }

    #[test]
    fn what_users_copied_in_other_languages() {
        for (text, kind) in COPIED {
            assert_eq!(classify_text(text), *kind, "{text}");
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
            "\u{30e1}\u{30c3}\u{30bb}\u{30fc}\u{30b8}\u{3092}\u{9001}\u{4fe1}",
            "Write your prompt to Claude",
            "\u{30af}\u{30ed}\u{30fc}\u{30c9}\u{306b}\u{30d7}\u{30ed}\u{30f3}\u{30d7}\u{30c8}\u{3092}\u{5165}\u{529b}\u{3057}\u{3066}\u{304f}\u{3060}\u{3055}\u{3044}",
            "Claude is AI and can make mistakes. Please double-check responses.",
            "Limits",
            "Claude responded:",
            "Created a file, read a file",
            "Error handling in Rust",
            "The response was great",
            "Just a moment... Performing security verification",
        ] {
            assert_eq!(classify_text(text), None, "{text}");
        }
    }

    #[test]
    fn informational_texts_are_known_as_such() {
        for text in [
            "Approaching 5-hour limit.",
            "Looks like you have too many chats going.",
            "This conversation has reached its length limit.",
        ] {
            assert!(classify_text(text).is_some_and(TextKind::is_informational), "{text}");
        }
        assert!(!TextKind::LimitReached.is_informational());
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
        let texts = PAGE_MODEL_TEXTS
            .iter()
            .map(|(text, _)| *text)
            .chain(CATALOG.iter().flat_map(|(_, english, japanese, _)| [*english, *japanese]))
            .chain(COPIED.iter().filter(|(_, kind)| kind.is_some()).map(|(text, _)| *text));
        for text in texts {
            let text = normalize(text);
            assert!(config.trigger_words.iter().any(|word| text.contains(word)), "{text}");
        }
    }

    #[test]
    fn the_conversation_selector_covers_every_part_named_by_the_page_model() {
        let config = content_config();
        for part in [
            "user-message",
            "assistant-message",
            "AssistantMessage",
            "font-claude-response-body",
            "chat-input",
            "chat-input-ssr",
            "pre",
            "code",
            "data-is-streaming",
        ] {
            assert!(config.conversation.contains(part), "{part}");
        }
        // The rows hold the site's warnings, so they are not the conversation.
        assert!(!config.conversation.contains("transcript-row") && !config.conversation.contains("render-count"));
    }

    #[test]
    fn no_selector_depends_on_an_english_label() {
        let config = content_config();
        let selectors = [config.conversation.as_str(), config.rows.as_str(), config.composer_form]
            .into_iter()
            .chain(config.composer.iter().copied())
            .chain(config.surfaces.iter().map(|(_, selector)| *selector));
        for selector in selectors {
            assert!(!selector.contains("aria-label"), "{selector}");
        }
    }

    #[test]
    fn error_routes() {
        for path in ["/maintenance", "/restricted", "/maintenance/"] {
            assert!(is_error_route(path), "{path}");
        }
        for path in ["/", "/new", "/chat/maintenance", "/maintenance-notes", "/restrictedx"] {
            assert!(!is_error_route(path), "{path}");
        }
    }

    proptest::proptest! {
        #[test]
        fn classification_never_panics(text in "\\PC{0,700}") {
            let _ = classify_text(&text);
        }
    }
}
