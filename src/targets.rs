//! Where Reroute can send a prompt. One row per site, with everything the delivery needs; a site change is a
//! one-line fix here. The target content script receives its row with each handoff, so it holds no site facts.
//!
//! Evidence: `PAGE-MODEL.md` (captured 2026). Selectors are ordered newest first, with fallbacks.
//!
//! ```
//! use reroute::targets::{Target, TARGETS};
//! assert_eq!(Target::Chatgpt.site().url, "https://chatgpt.com/");
//! assert_eq!(Target::Gemini.site().prefill_param, None);
//! assert_eq!(TARGETS.len(), 2);
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
    /// The user's own front end (custom.rs); its row comes from the settings.
    Custom,
}

/// How text goes into a site's composer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Editor {
    /// ProseMirror: one paragraph per line, so text goes in line by line with paragraph breaks between.
    ProseMirror,
    /// Quill: one `<p>` per line as well.
    Quill,
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
    /// A query parameter the site reads to prefill its composer, when it has a dependable one.
    pub prefill_param: Option<&'static str>,
    /// The composer, newest markup first.
    pub composer: &'static [&'static str],
    /// The send button, newest markup first.
    pub send: &'static [&'static str],
    /// The user's turns, to confirm a send started one.
    pub user_turn: &'static [&'static str],
    /// The editor behind the composer.
    pub editor: Editor,
    /// Something only a signed-out page shows.
    pub login_wall: &'static [&'static str],
    /// Failure texts the site shows (PAGE-MODEL), lowercase.
    pub error_texts: &'static [&'static str],
    /// Where the site's own status is published (see health.rs).
    pub status_url: &'static str,
}

/// Every target, in the default order.
pub const TARGETS: &[Site] = &[
    Site {
        id: Target::Chatgpt,
        name: "ChatGPT",
        url: "https://chatgpt.com/",
        host: "chatgpt.com",
        prefill_param: Some("q"),
        composer: &[
            "#prompt-textarea.ProseMirror[contenteditable=\"true\"]",
            "div#prompt-textarea[contenteditable=\"true\"]",
        ],
        send: &[
            "button[data-testid=\"send-button\"]",
            "#composer-submit-button",
            "button[data-testid=\"composer-send-button\"]",
        ],
        user_turn: &["[data-message-author-role=\"user\"]"],
        editor: Editor::ProseMirror,
        login_wall: &["[data-testid=\"login-button\"]", "a[href*=\"/auth/login\"]"],
        error_texts: &[
            "something went wrong while generating the response",
            "network error",
            "message delivery timed out",
            "too many requests in 1 hour",
            "you've hit your limit",
        ],
        status_url: "https://status.openai.com/api/v2/summary.json",
    },
    Site {
        id: Target::Gemini,
        name: "Gemini",
        url: "https://gemini.google.com/app",
        host: "gemini.google.com",
        prefill_param: None,
        composer: &["rich-textarea div.ql-editor[contenteditable=\"true\"]", "div.ql-editor[contenteditable=\"true\"]"],
        send: &["button.send-button[aria-label=\"Send message\"]", "button[aria-label=\"Send message\"]"],
        user_turn: &["user-query"],
        editor: Editor::Quill,
        login_wall: &["a[href*=\"ServiceLogin\"]", "[data-test-id=\"sign-in-button\"]"],
        error_texts: &["something went wrong (", "sorry, i ran into an error"],
        // Needs the optional host permission for www.google.com/appsstatus (asked for in the options).
        status_url: "https://www.google.com/appsstatus/dashboard/incidents.json",
    },
];

/// The custom target's fixed facts; its name, URL and message box come from the settings.
const CUSTOM_ROW: Site = Site {
    id: Target::Custom,
    name: "Custom",
    url: "",
    host: "",
    prefill_param: None,
    composer: &[],
    send: &[],
    user_turn: &[],
    editor: Editor::Plain,
    login_wall: &[],
    error_texts: &[],
    status_url: "",
};

impl Target {
    /// This target's row (for [`Target::Custom`], only its fixed facts).
    pub fn site(self) -> &'static Site {
        TARGETS.iter().find(|site| site.id == self).unwrap_or(&CUSTOM_ROW)
    }

    /// The other target, to offer when this one fails.
    pub fn other(self) -> Target {
        match self {
            Self::Chatgpt | Self::Custom => Self::Gemini,
            Self::Gemini => Self::Chatgpt,
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
    /// The send button; empty when Reroute can't know it (the prompt then waits for the user).
    pub send: Vec<String>,
    /// The user's turns.
    pub user_turn: Vec<String>,
    /// The editor behind the composer.
    pub editor: Editor,
    /// Something only a signed-out page shows.
    pub login_wall: Vec<String>,
    /// Failure texts the site shows, lowercase.
    pub error_texts: Vec<String>,
}

impl From<&Site> for SiteView {
    fn from(site: &Site) -> Self {
        let owned = |list: &[&str]| list.iter().map(|item| item.to_string()).collect();
        Self {
            name: site.name.to_string(),
            composer: owned(site.composer),
            send: owned(site.send),
            user_turn: owned(site.user_turn),
            editor: site.editor,
            login_wall: owned(site.login_wall),
            error_texts: owned(site.error_texts),
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
            assert!(!site.composer.is_empty() && !site.send.is_empty() && !site.user_turn.is_empty());
            assert!(site.error_texts.iter().all(|text| *text == text.to_lowercase()));
            assert_eq!(Target::other(site.id).other(), site.id);
        }
    }
}
