//! Where Reroute can send a prompt. One row per site, with everything the delivery needs; a site change is a
//! one-line fix here. The target content script receives its row with each handoff, so it holds no site facts.
//!
//! Evidence: `PAGE-MODEL.md` (captured 2026). Selectors are ordered newest first, with fallbacks.
//!
//! ```
//! use reroute::targets::{Target, TARGETS};
//! assert_eq!(Target::Chatgpt.site().url, "https://chatgpt.com/");
//! assert_eq!(Target::Gemini.site().url, "https://gemini.google.com/app");
//! assert_eq!(TARGETS.len(), 7);
//! ```

use serde::{Deserialize, Serialize};

/// A target's id, as messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// chatgpt.com
    Chatgpt,
    /// gemini.google.com
    Gemini,
    /// www.perplexity.ai
    Perplexity,
    /// chat.mistral.ai (Mistral's Le Chat)
    #[serde(rename = "lechat")]
    LeChat,
    /// chat.deepseek.com
    Deepseek,
    /// copilot.microsoft.com
    Copilot,
    /// grok.com
    Grok,
    /// The user's own front end (custom.rs); its row comes from the settings.
    Custom,
    /// claude.ai itself, for a prompt held until Claude is back (hold.rs). Never a target the user picks: it is
    /// in no target list, and settings that name it skip it.
    Claude,
}

/// How text goes into a site's composer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Editor {
    /// ProseMirror: one paragraph per line, so text goes in line by line with paragraph breaks between.
    ProseMirror,
    /// Quill: one `<p>` per line as well.
    Quill,
    /// Lexical: its plain-text paste keeps every newline, so one paste.
    Lexical,
    /// Whatever a custom site uses: a plain `<textarea>` or `<input>` gets its value set as typing would; a
    /// rich editor gets pastes, as ProseMirror does.
    Plain,
}

/// What Reroute knows of a target site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    /// Its id.
    pub id: Target,
    /// Its name, as buttons say it.
    pub name: &'static str,
    /// Where a new chat starts.
    pub url: &'static str,
    /// The page's host, for matching tabs.
    pub host: &'static str,
    /// The composer, newest markup first.
    pub composer: &'static [&'static str],
    /// The send button, newest markup first; empty when the site has none Reroute can know (see
    /// `enter_sends`).
    pub send: &'static [&'static str],
    /// The site sends on Enter in its composer, and that is the dependable way to send (its button has
    /// no stable markup).
    pub enter_sends: bool,
    /// A class the send button carries while it can't send, for a site whose button marks that with nothing
    /// else (no `disabled`, no `aria-disabled`): DeepSeek's `div[role=button]`.
    pub disabled_class: Option<&'static str>,
    /// The user's turns, to confirm a send started one (an emptied composer confirms it too).
    pub user_turn: &'static [&'static str],
    /// The editor behind the composer.
    pub editor: Editor,
    /// Something only a signed-out page shows.
    pub login_wall: &'static [&'static str],
    /// Failure texts the site shows (PAGE-MODEL), lowercase.
    pub error_texts: &'static [&'static str],
    /// Texts the site shows when the user's own usage limit there is reached, lowercase: seen before sending,
    /// the target can't take the prompt now.
    pub limit_texts: &'static [&'static str],
    /// Where the site's own status is published (see health.rs); empty when Reroute reads none.
    pub status_url: &'static str,
    /// The optional host permission reading `status_url` needs, asked for only when the user turns the check
    /// on; `None` when the manifest grants it.
    pub status_permission: Option<&'static str>,
    /// Whether its host is an optional permission, asked for only when the user enables the target (the
    /// default install reaches only ChatGPT and Gemini).
    pub optional: bool,
}

impl Site {
    /// The match pattern of its host permission, as the manifest lists it.
    pub fn origin_pattern(&self) -> String {
        format!("https://{}/*", self.host)
    }
}

/// Every target, in the default order.
pub const TARGETS: &[Site] = &[
    Site {
        id: Target::Chatgpt,
        name: "ChatGPT",
        url: "https://chatgpt.com/",
        host: "chatgpt.com",
        // Captures chatgpt/oae_chat-simple_2026-0[12]-*.html: `div#prompt-textarea.ProseMirror[contenteditable]
        // [translate=no]` with no role and no aria-label (the July 2026 fragment adds them, so nothing here needs
        // them). The `textarea[name=prompt-textarea]` beside it is display:none and never matched.
        composer: &[
            "div#prompt-textarea.ProseMirror[contenteditable=\"true\"]",
            "#prompt-textarea[contenteditable=\"true\"]",
            "form[data-type=\"unified-composer\"] div.ProseMirror[contenteditable=\"true\"]",
        ],
        // There is no send button while the composer is empty (a voice button stands there); this one appears
        // once there is text, so delivery waits for it.
        send: &[
            "button#composer-submit-button[data-testid=\"send-button\"]",
            "button[data-testid=\"send-button\"]",
            "#composer-submit-button",
            "button[data-testid=\"composer-send-button\"]",
        ],
        enter_sends: false,
        disabled_class: None,
        user_turn: &["article[data-turn=\"user\"]", "[data-message-author-role=\"user\"]"],
        editor: Editor::ProseMirror,
        login_wall: &["[data-testid=\"login-button\"]", "a[href*=\"/auth/login\"]"],
        // English only (PAGE-MODEL): the texts ChatGPT shows in other languages are not known.
        error_texts: &[
            "something went wrong while generating the response",
            "network error",
            "message delivery timed out",
            "too many requests in 1 hour",
            "you've hit your limit",
        ],
        // Its usage cap, seen before sending (after a send, these count as its error too).
        limit_texts: &["you've hit your limit", "you've reached our limit of messages", "too many requests in 1 hour"],
        status_url: "https://status.openai.com/api/v2/summary.json",
        status_permission: None,
        optional: false,
    },
    Site {
        id: Target::Gemini,
        name: "Gemini",
        url: "https://gemini.google.com/app",
        host: "gemini.google.com",
        // Captures gemini/oae_chat-simple_2026-0[12]-*.html (Japanese UI) and the July 2026 English fragment:
        // Quill 1 mounted on `rich-textarea.ql-container`, the editor `div.ql-editor.textarea.new-input-ui
        // [role=textbox]` with a localised aria-label, and Quill's own `div.ql-clipboard[contenteditable]` beside it
        // (`first()` in target.js never takes that one).
        composer: &[
            "rich-textarea div.ql-editor[contenteditable=\"true\"]",
            "div.ql-editor[contenteditable=\"true\"][role=\"textbox\"]",
            "rich-textarea [contenteditable=\"true\"][role=\"textbox\"]",
        ],
        // `div.send-button-container.disabled > button.send-button.submit[aria-disabled=true]` while empty; its
        // label is localised ("Send message", "プロンプトを送信"), so only structure picks it.
        send: &[
            "div.send-button-container button.send-button",
            "button.send-button.submit",
            "input-area-v2 button.send-button",
        ],
        enter_sends: false,
        disabled_class: None,
        user_turn: &["user-query"],
        editor: Editor::Quill,
        login_wall: &["a[href*=\"ServiceLogin\"]", "[data-test-id=\"sign-in-button\"]"],
        // English only (PAGE-MODEL): the texts Gemini shows in other languages are not known.
        error_texts: &["something went wrong (", "sorry, i ran into an error"],
        limit_texts: &[],
        status_url: "https://www.google.com/appsstatus/dashboard/incidents.json",
        status_permission: Some("https://www.google.com/appsstatus/*"),
        optional: false,
    },
    // The targets below are asked for only when the user enables them. None of them reads a prompt from its
    // URL dependably without sending it unchecked, so each gets the prompt in its composer. Perplexity, Grok and
    // DeepSeek follow captures of the live sites (tests/fixtures/real/, checked by tests/e2e/markup.test.mjs);
    // Le Chat and Copilot have no capture, so their rows still come from public automation code of 2025-26.
    // Captures: perplexity/oae_chat-simple_2026-02-27.html, perplexity/acb_perplexity-thread_2026-04-29.html.
    Site {
        id: Target::Perplexity,
        name: "Perplexity",
        url: "https://www.perplexity.ai/",
        host: "www.perplexity.ai",
        // Lexical: `div#ask-input[contenteditable][role=textbox][data-lexical-editor]` in both captures.
        composer: &[
            "div#ask-input[contenteditable=\"true\"][data-lexical-editor=\"true\"]",
            "div#ask-input[contenteditable=\"true\"]",
            "div[data-lexical-editor=\"true\"][contenteditable=\"true\"][role=\"textbox\"]",
        ],
        // `button[type=button][aria-label=Submit][disabled]` while empty; its label is translated with the UI, so
        // the button is found by its arrow-up icon (the only one in the composer). The labelled fallbacks match
        // the English UI only.
        send: &[
            "button[type=\"button\"]:has(use[*|href=\"#pplx-icon-arrow-up\"])",
            "[data-ask-input-container] button[aria-label=\"Submit\"]",
            "button[aria-label=\"Submit\"]",
        ],
        enter_sends: false,
        disabled_class: None,
        // The question heads its answer: `h1.group/query` in both captures.
        user_turn: &["h1[class*=\"group/query\"]", "[class*=\"group/query\"]"],
        editor: Editor::Lexical,
        login_wall: &[],
        error_texts: &[], // none documented yet: its own errors don't count against its health
        limit_texts: &[],
        status_url: "",
        status_permission: None,
        optional: true,
    },
    // No capture (see above): as automation code of 2025-26 has it.
    Site {
        id: Target::LeChat,
        name: "Le Chat",
        url: "https://chat.mistral.ai/chat",
        host: "chat.mistral.ai",
        composer: &["div.ProseMirror[contenteditable=\"true\"]", "textarea[name=\"message.text\"]"],
        send: &["button[aria-label=\"Send question\"]", "form button[type=\"submit\"]"],
        enter_sends: false,
        disabled_class: None,
        user_turn: &["[data-message-author-role=\"user\"]"],
        editor: Editor::ProseMirror,
        login_wall: &["a[href*=\"/login\"]", "a[href*=\"auth.mistral.ai\"]"],
        error_texts: &[], // none documented yet: its own errors don't count against its health
        limit_texts: &[],
        status_url: "",
        status_permission: None,
        optional: true,
    },
    // Captures: deepseek/REDUCED_tokenless_composer-{instant,expert,vision}.html (reduced: attribute values only).
    Site {
        id: Target::Deepseek,
        name: "DeepSeek",
        url: "https://chat.deepseek.com/",
        host: "chat.deepseek.com",
        // `textarea[name=search]` in all three modes; the older markup after it.
        composer: &["textarea[name=\"search\"]", "textarea#chat-input", "textarea.ds-scroll-area"],
        // A `div[role=button]`: `.ds-button--primary` is send (the attach button is `.ds-button--iconLabelPrimary`),
        // and while the composer is empty its only disabled mark is the class `ds-button--disabled`.
        send: &["div[role=\"button\"].ds-button.ds-button--primary", "div[role=\"button\"].ds-button--primary"],
        enter_sends: false,
        disabled_class: Some("ds-button--disabled"),
        user_turn: &[],
        editor: Editor::Plain,
        // Not in any capture (from automation code): the composer, when there, wins over these.
        login_wall: &[".ds-sign-up-form__register-button", "a[href=\"/sign_in\"]"],
        // English and Simplified Chinese, the two languages the site shows this in.
        error_texts: &["the server is busy. please try again later.", "服务器繁忙，请稍后再试"],
        limit_texts: &[],
        status_url: "",
        status_permission: None,
        optional: true,
    },
    // No capture (see above): as automation code of 2025-26 has it.
    Site {
        id: Target::Copilot,
        name: "Copilot",
        url: "https://copilot.microsoft.com/",
        host: "copilot.microsoft.com",
        composer: &["textarea#userInput", "textarea[data-testid=\"composer-input\"]"],
        send: &["button[data-testid=\"submit-button\"]", "button[aria-label=\"Submit message\"]"],
        enter_sends: false,
        disabled_class: None,
        user_turn: &["[data-content=\"user-message\"]"],
        editor: Editor::Plain,
        login_wall: &[],
        error_texts: &[], // none documented yet: its own errors don't count against its health
        limit_texts: &[],
        status_url: "",
        status_permission: None,
        optional: true,
    },
    // Captures: grok/acb_grok-new-chat-signed-out_2026-04-29.html (raw, signed out),
    // grok/REDUCED_tokenless_composer-idle.html (signed in: the editor gains role=textbox and an aria-label).
    Site {
        id: Target::Grok,
        name: "Grok",
        url: "https://grok.com/",
        host: "grok.com",
        // Tiptap in `form .query-bar`, with no role or label when signed out. The page also ends with an
        // invisible autosize `textarea[aria-hidden=true][tabindex=-1]` that none of these may match; the textarea
        // fallback is the query bar's own, from before Tiptap (the app's `enable_tiptap_editor` flag).
        composer: &[
            "form .query-bar div.tiptap.ProseMirror[contenteditable=\"true\"]",
            "div.tiptap.ProseMirror[contenteditable=\"true\"]",
            "form .query-bar textarea:not([aria-hidden=\"true\"])",
        ],
        // `button[type=submit]` in the form, disabled (and inside `div.hidden`) while the composer is empty. Its
        // label "Submit" is English; the form's submit button needs no label.
        send: &["form .query-bar button[type=\"submit\"]", "form button[type=\"submit\"]"],
        enter_sends: false,
        disabled_class: None,
        // The user's turn is the right-aligned row `div#response-{id}.items-end` around its `.message-bubble`.
        user_turn: &["div[id^=\"response-\"].items-end .message-bubble", ".items-end .message-bubble"],
        editor: Editor::ProseMirror,
        // Signed out, grok.com still has its composer (the capture), so these only count when it has none.
        login_wall: &["a[href*=\"x.com/i/flow/login\"]", "a[href*=\"accounts.x.com\"]"],
        error_texts: &[], // none documented yet: its own errors don't count against its health
        limit_texts: &[],
        status_url: "",
        status_permission: None,
        optional: true,
    },
];

/// The custom target's fixed facts; its name, URL and message box come from the settings.
const CUSTOM_ROW: Site = Site {
    id: Target::Custom,
    name: "Custom",
    url: "",
    host: "",
    composer: &[],
    send: &[],
    enter_sends: false,
    disabled_class: None,
    user_turn: &[],
    editor: Editor::Plain,
    login_wall: &[],
    error_texts: &[],
    limit_texts: &[],
    status_url: "",
    status_permission: None,
    optional: true,
};

/// claude.ai, where a held prompt goes back to: its live editor (never the inert server-rendered twin), sent
/// with Enter as claude.ai does (its Send button is found by no attribute but its translated label).
const CLAUDE_ROW: Site = Site {
    id: Target::Claude,
    name: "Claude",
    url: "https://claude.ai/new",
    host: "claude.ai",
    composer: LIVE_CLAUDE_COMPOSER,
    send: &[],
    enter_sends: true,
    disabled_class: None,
    user_turn: crate::claude::USER_MESSAGE,
    editor: Editor::ProseMirror,
    login_wall: &[],
    error_texts: &[],
    limit_texts: &[],
    status_url: "",
    status_permission: None,
    optional: false,
};
const LIVE_CLAUDE_COMPOSER: &[&str] =
    &["[data-testid=\"chat-input\"][contenteditable=\"true\"]", "div.ProseMirror[contenteditable=\"true\"]"];

impl Target {
    /// This target's row (for [`Target::Custom`], only its fixed facts).
    pub fn site(self) -> &'static Site {
        match self {
            Target::Claude => &CLAUDE_ROW,
            _ => TARGETS.iter().find(|site| site.id == self).unwrap_or(&CUSTOM_ROW),
        }
    }
}

/// What the target content script gets of a site: owned, so a custom target's row can be one too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteView {
    /// As buttons and notices say it.
    pub name: String,
    /// The composer, newest markup first.
    pub composer: Vec<String>,
    /// The send button; empty when Reroute can't know it (the prompt then waits for the user, unless
    /// `enter_sends`).
    pub send: Vec<String>,
    /// Enter in the composer sends.
    pub enter_sends: bool,
    /// A class the send button carries while it can't send (null: `disabled`/`aria-disabled` tell).
    pub disabled_class: Option<String>,
    /// The user's turns.
    pub user_turn: Vec<String>,
    /// The editor behind the composer.
    pub editor: Editor,
    /// Something only a signed-out page shows.
    pub login_wall: Vec<String>,
    /// Failure texts the site shows, lowercase.
    pub error_texts: Vec<String>,
    /// Its own usage limit, lowercase.
    pub limit_texts: Vec<String>,
    /// A bot check standing in for the page (any site behind Cloudflare): its elements.
    pub challenge: Vec<String>,
    /// The same by its words (title or first lines), lowercase.
    pub challenge_texts: Vec<String>,
}

/// Cloudflare's bot check, as it stands in for any page behind it: its elements, then its words (its title
/// "Just a moment...", the heading of the reduced capture tests/fixtures/real/claude/
/// REDUCED_tokenless_cloudflare-security-verification.html). English words only: the elements are the
/// language-independent sign.
pub const CHALLENGE: &[&str] = &[
    "#challenge-form",
    "#challenge-stage",
    "#cf-challenge-running",
    ".cf-turnstile",
    "iframe[src*=\"challenges.cloudflare.com\"]",
];
/// See [`CHALLENGE`].
pub const CHALLENGE_TEXTS: &[&str] =
    &["just a moment", "performing security verification", "verify you are human", "checking your browser"];

impl From<&Site> for SiteView {
    fn from(site: &Site) -> Self {
        let owned = |list: &[&str]| list.iter().map(|item| item.to_string()).collect();
        Self {
            name: site.name.to_string(),
            composer: owned(site.composer),
            send: owned(site.send),
            enter_sends: site.enter_sends,
            disabled_class: site.disabled_class.map(str::to_string),
            user_turn: owned(site.user_turn),
            editor: site.editor,
            login_wall: owned(site.login_wall),
            error_texts: owned(site.error_texts),
            limit_texts: owned(site.limit_texts),
            challenge: owned(CHALLENGE),
            challenge_texts: owned(CHALLENGE_TEXTS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_has_what_delivery_needs() {
        for site in TARGETS {
            assert!(site.url.starts_with(&format!("https://{}/", site.host)), "{}", site.name);
            assert!(!site.composer.is_empty() && (!site.send.is_empty() || site.enter_sends), "{}", site.name);
            assert!(site.error_texts.iter().all(|text| *text == text.to_lowercase()));
            assert_eq!(site.id.site(), site, "one row per id");
        }
    }

    /// DeepSeek's send `div[role=button]` is disabled by a class alone (its capture): the content script gets it.
    #[test]
    fn a_class_only_disabled_state_reaches_the_content_script() {
        let view = |target: Target| serde_json::to_value(SiteView::from(target.site())).unwrap();
        assert_eq!(view(Target::Deepseek)["disabledClass"], "ds-button--disabled");
        assert_eq!(view(Target::Grok)["disabledClass"], serde_json::Value::Null);
    }

    /// The targets with captures are found by structure first: their labels are translated with the page.
    #[test]
    fn captured_targets_are_found_without_their_english_labels() {
        for target in [Target::Perplexity, Target::Grok, Target::Deepseek] {
            let site = target.site();
            for first in [site.composer[0], site.send[0]] {
                assert!(!first.contains("aria-label") && !first.contains("placeholder"), "{}: {first}", site.name);
            }
        }
    }

    /// ChatGPT and Gemini speak the user's language (the captured Gemini says "プロンプトを送信"): not one of their
    /// selectors, fallbacks included, may hang on a label, a placeholder or a title.
    #[test]
    fn chatgpt_and_gemini_are_found_by_structure_alone() {
        for target in [Target::Chatgpt, Target::Gemini] {
            let site = target.site();
            let selectors = site.composer.iter().chain(site.send).chain(site.user_turn).chain(site.login_wall);
            for selector in selectors {
                for word_bearing in ["aria-label", "placeholder", "title", "alt="] {
                    assert!(!selector.contains(word_bearing), "{}: {selector}", site.name);
                }
            }
        }
    }

    /// The manifest asks at install only for what the default targets need; every other target's host is an
    /// optional permission, and no content script is declared for it (a declared match is asked for at
    /// install in Chrome).
    #[test]
    fn the_manifest_asks_for_optional_targets_only_when_enabled() {
        let manifest: serde_json::Value = serde_json::from_str(include_str!("../extension/manifest.json")).unwrap();
        let list = |key: &str| -> Vec<String> {
            manifest[key].as_array().unwrap().iter().map(|value| value.as_str().unwrap().to_string()).collect()
        };
        let (install, optional) = (list("host_permissions"), list("optional_host_permissions"));
        let declared: Vec<String> = manifest["content_scripts"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|script| script["matches"].as_array().unwrap().iter())
            .map(|value| value.as_str().unwrap().to_string())
            .collect();
        for site in TARGETS {
            let pattern = site.origin_pattern();
            if site.optional {
                assert!(optional.contains(&pattern), "{pattern} is an optional permission");
                assert!(!install.contains(&pattern) && !declared.contains(&pattern), "{pattern} not asked at install");
            } else {
                assert!(install.contains(&pattern) && declared.contains(&pattern), "{pattern} at install");
            }
        }
        for pattern in TARGETS.iter().filter_map(|site| site.status_permission) {
            assert!(optional.contains(&pattern.to_string()), "{pattern} is an optional permission");
        }
        let defaults = TARGETS.iter().filter(|site| !site.optional).count();
        assert_eq!(defaults, 2, "the default install reaches ChatGPT and Gemini only");
    }
}
