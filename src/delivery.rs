//! One delivery: the handoff that carries a prompt to the target tab, and how it ended.
//!
//! The handoff lives in `storage.session` (memory only), keyed by the target tab, for at most
//! [`HANDOFF_LIFETIME_MS`], and is deleted once the target reports back. A target tab that loads later than
//! that, or a second page load after delivery, finds nothing: a prompt is delivered once.
//!
//! ```
//! use reroute::delivery::{Handoff, HANDOFF_LIFETIME_MS};
//! use reroute::targets::Target;
//! let handoff = Handoff::new("h1".into(), Target::Gemini, "Hello".into(), true, 0.0);
//! assert!(handoff.is_fresh(HANDOFF_LIFETIME_MS - 1.0));
//! assert!(!handoff.is_fresh(HANDOFF_LIFETIME_MS + 1.0));
//! ```

use serde::{Deserialize, Serialize};

use crate::custom::CustomTarget;
use crate::targets::{SiteView, Target};

/// How long a handoff waits for its target tab.
pub const HANDOFF_LIFETIME_MS: f64 = 2.0 * 60_000.0;

/// A prompt on its way to a target tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    /// Random, from the background: names this delivery in every message about it.
    pub id: String,
    /// Where it goes.
    pub target: Target,
    /// Exactly what to put in the composer.
    pub prompt: String,
    /// Submit once the composer holds it, or leave it there ("ask before sending").
    pub auto_submit: bool,
    /// When it was made, Unix ms.
    pub created_at: f64,
    /// The targets this same prompt went to before and that could not take it ("try the next target"): the
    /// next one is never one of them, so each is tried once.
    #[serde(default)]
    pub tried: Vec<Target>,
}

/// What the target content script gets: the handoff and its site's row, so it holds no site facts itself.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    /// The delivery.
    pub handoff: Handoff,
    /// The target site's row.
    pub site: SiteView,
    /// How long to wait for the composer, through slow loads and client-side navigation.
    pub composer_timeout_ms: u32,
}

/// How long the target content script waits for the composer.
pub const COMPOSER_TIMEOUT_MS: u32 = 15_000;

impl Handoff {
    /// A new handoff made at `now`.
    pub fn new(id: String, target: Target, prompt: String, auto_submit: bool, now: f64) -> Self {
        Self { id, target, prompt, auto_submit, created_at: now, tried: Vec::new() }
    }

    /// Whether it may still be delivered at `now`.
    pub fn is_fresh(&self, now: f64) -> bool {
        now >= self.created_at && now - self.created_at <= HANDOFF_LIFETIME_MS
    }

    /// What the target tab receives, if the handoff is still fresh at `now`.
    /// The claim, while fresh; a custom target's row comes from `custom` (none: nothing to deliver to).
    pub fn claim(self, now: f64, custom: Option<&CustomTarget>) -> Option<Claim> {
        let site = match self.target {
            Target::Custom => custom?.site_view(),
            built_in => SiteView::from(built_in.site()),
        };
        self.is_fresh(now).then_some(Claim { site, handoff: self, composer_timeout_ms: COMPOSER_TIMEOUT_MS })
    }
}

/// How a delivery ended, as the target content script reports it. Variants are braced because serde ignores
/// unknown fields on unit variants of an internally tagged enum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Outcome {
    /// Sent, and the site confirmed it (the composer emptied or a user turn appeared).
    Submitted {},
    /// In the composer, verified; the user asked to send it themselves.
    Inserted {},
    /// The site wants the user to sign in first.
    LoginWall {},
    /// A bot check (Cloudflare's "Just a moment...") stands in for the site.
    Challenge {},
    /// The user's own usage limit there is reached.
    OwnLimit {},
    /// The site shows its error screen instead of a composer.
    ErrorScreen {
        /// What it shows, capped.
        text: String,
    },
    /// No composer within the timeout.
    NoComposer {},
    /// The composer did not hold exactly the prompt after insertion.
    ReadBackDiffers {},
    /// The send button stayed disabled, or the send was not confirmed.
    NotConfirmed {},
    /// The site showed one of its own failure texts.
    SiteError {
        /// What it showed, capped.
        text: String,
    },
}

/// What the notice on the target tab says: which message (its words are in `_locales`, as
/// `notice_{key}_title` and `notice_{key}_body`, filled with the target's name and the detail).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    /// Whether this is good news.
    pub ok: bool,
    /// Which message: submitted, inserted, login_wall, challenge, own_limit, error_screen, no_composer,
    /// read_back_differs, not_confirmed, site_error.
    pub key: &'static str,
    /// The target's name, as the message says it.
    pub name: String,
    /// The site's own error text, for `site_error`.
    pub detail: Option<String>,
    /// The prompt is kept (on the clipboard and under "Recover last prompt"), and the notice says so.
    pub keeps_prompt: bool,
    /// The other target to offer, when this one is failing.
    pub offer_other: Option<Target>,
    /// The other target's name.
    pub other_name: Option<String>,
    /// Where Reroute moved the prompt by itself ("try the next target"), by name.
    pub moved_to: Option<String>,
}

impl Outcome {
    /// The target can't take a prompt now, and nothing was sent there: the same prompt may go to the next
    /// target (once the user turned that on). Never after a send (a site error then comes after the prompt went).
    pub fn skips_target(&self) -> bool {
        matches!(
            self,
            Self::LoginWall {}
                | Self::Challenge {}
                | Self::OwnLimit {}
                | Self::ErrorScreen { .. }
                | Self::NoComposer {}
        )
    }

    /// What it says of the target's health for a while (health.rs), when it says anything.
    pub fn blocked_kind(&self) -> Option<&'static str> {
        match self {
            Self::LoginWall {} => Some("login_wall"),
            Self::Challenge {} => Some("challenge"),
            Self::OwnLimit {} => Some("own_limit"),
            Self::ErrorScreen { .. } => Some("error_screen"),
            _ => None,
        }
    }

    /// The notice for this outcome on a target's tab called `name`; `other` is the target to offer instead
    /// (with its name) when this one fails and the user has another enabled.
    pub fn notice(&self, name: &str, other: Option<(Target, String)>) -> Notice {
        let (key, offer_other) = match self {
            Self::Submitted {} => ("submitted", false),
            Self::Inserted {} => ("inserted", false),
            Self::LoginWall {} => ("login_wall", true),
            Self::Challenge {} => ("challenge", true),
            Self::OwnLimit {} => ("own_limit", true),
            Self::ErrorScreen { .. } => ("error_screen", true),
            Self::NoComposer {} => ("no_composer", true),
            Self::ReadBackDiffers {} => ("read_back_differs", false),
            Self::NotConfirmed {} => ("not_confirmed", false),
            Self::SiteError { .. } => ("site_error", true),
        };
        let ok = matches!(self, Self::Submitted {} | Self::Inserted {});
        let other = other.filter(|_| offer_other);
        Notice {
            ok,
            key,
            name: name.to_string(),
            detail: match self {
                Self::SiteError { text } | Self::ErrorScreen { text } => Some(text.chars().take(160).collect()),
                _ => None,
            },
            keeps_prompt: !ok,
            offer_other: other.as_ref().map(|(id, _)| *id),
            other_name: other.map(|(_, name)| name),
            moved_to: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_carries_the_site_row_and_only_while_fresh() {
        let handoff = Handoff::new("id".into(), Target::Chatgpt, "p".into(), true, 1_000.0);
        let claim = handoff.clone().claim(2_000.0, None).unwrap();
        assert_eq!(claim.site.name, "ChatGPT");
        assert_eq!(claim.handoff, handoff);
        assert!(handoff.clone().claim(1_000.0 + HANDOFF_LIFETIME_MS + 1.0, None).is_none());
        // A clock that went backwards doesn't make an old handoff fresh.
        assert!(handoff.claim(0.0, None).is_none());
    }

    #[test]
    fn a_custom_claim_carries_the_users_row_and_needs_one() {
        let handoff = Handoff::new("id".into(), Target::Custom, "p".into(), true, 1_000.0);
        assert!(handoff.clone().claim(2_000.0, None).is_none(), "no custom target configured");
        let custom = CustomTarget::new("My WebUI", "https://chat.example.net/", Some("#chat-input")).unwrap();
        let claim = handoff.claim(2_000.0, Some(&custom)).unwrap();
        assert_eq!(claim.site.name, "My WebUI");
        assert_eq!(claim.site.composer, ["#chat-input"]);
        assert!(claim.site.send.is_empty(), "no send button known: the prompt waits for the user");
    }

    #[test]
    fn every_failure_keeps_the_prompt_and_says_what_to_do() {
        let failures = [
            Outcome::LoginWall {},
            Outcome::NoComposer {},
            Outcome::ReadBackDiffers {},
            Outcome::NotConfirmed {},
            Outcome::SiteError { text: "Something went wrong (13)".into() },
        ];
        for outcome in failures {
            let notice = outcome.notice("Gemini", Some((Target::Chatgpt, "ChatGPT".into())));
            assert!(!notice.ok && notice.keeps_prompt, "{outcome:?}");
        }
        let gemini = || Some((Target::Gemini, "Gemini".to_string()));
        let site_error = Outcome::SiteError { text: "Network error".into() }.notice("ChatGPT", gemini());
        assert_eq!(site_error.offer_other, Some(Target::Gemini));
        assert_eq!(site_error.other_name.as_deref(), Some("Gemini"));
        let alone = Outcome::SiteError { text: "Network error".into() }.notice("ChatGPT", None);
        assert_eq!((alone.offer_other, alone.other_name), (None, None), "no other target enabled: none offered");
        let submitted = Outcome::Submitted {}.notice("ChatGPT", gemini());
        assert!(submitted.ok && submitted.offer_other.is_none(), "nothing else is offered after a success");
        let site_error = Outcome::SiteError { text: "x".repeat(500) }.notice("Gemini", None);
        assert_eq!((site_error.key, site_error.detail.map(|detail| detail.len())), ("site_error", Some(160)));
        let inserted = Outcome::Inserted {}.notice("My WebUI", None);
        assert_eq!((inserted.key, inserted.name.as_str(), inserted.keeps_prompt), ("inserted", "My WebUI", false));
    }

    /// A login wall, a bot check, the target's own limit and its error screen are told apart, each with its own
    /// words and health, and each lets the prompt move on (nothing was sent); after a send, nothing moves it.
    #[test]
    fn a_target_that_cannot_take_the_prompt_is_named_and_skipped() {
        let cases = [
            (Outcome::LoginWall {}, "login_wall"),
            (Outcome::Challenge {}, "challenge"),
            (Outcome::OwnLimit {}, "own_limit"),
            (Outcome::ErrorScreen { text: "Something went wrong".into() }, "error_screen"),
        ];
        for (outcome, key) in cases {
            let notice = outcome.notice("ChatGPT", Some((Target::Gemini, "Gemini".into())));
            assert_eq!((notice.key, notice.ok, notice.keeps_prompt), (key, false, true));
            assert_eq!(outcome.blocked_kind(), Some(key));
            assert!(outcome.skips_target(), "{outcome:?}");
        }
        for sent in [Outcome::Submitted {}, Outcome::SiteError { text: "x".into() }, Outcome::Inserted {}] {
            assert!(!sent.skips_target(), "{sent:?}");
        }
        let decoded: Outcome = serde_json::from_value(serde_json::json!({"outcome": "own-limit"})).unwrap();
        assert_eq!(decoded, Outcome::OwnLimit {});
    }

    #[test]
    fn outcomes_have_a_strict_shape() {
        let outcome: Outcome = serde_json::from_str(r#"{"outcome":"site-error","text":"x"}"#).unwrap();
        assert_eq!(outcome, Outcome::SiteError { text: "x".into() });
        assert!(serde_json::from_str::<Outcome>(r#"{"outcome":"submitted","extra":1}"#).is_err());
        assert!(serde_json::from_str::<Outcome>(r#"{"outcome":"exploded"}"#).is_err());
    }
}
