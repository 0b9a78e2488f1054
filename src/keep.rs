//! What Reroute keeps of the user's prompts, and for how long: drafts as they are typed on claude.ai, and the
//! prompts sent elsewhere, for *Recover last prompt*. The background stores both in `storage.session` (memory
//! only) through one owner with serialised writes; every rule about them is here.
//!
//! - A draft is kept per conversation (the page's path), not per tab: closing or reloading the tab, or the
//!   path changing from `/new` to `/chat/<id>` when the message is sent, loses nothing. A blank composer never
//!   replaces words the user wrote (sending empties it). A reply that completes in the tab clears what was
//!   typed there before it: Claude answered it.
//! - A draft stands in for an empty composer only while the tab is failing, for the same conversation, and
//!   for [`FALLBACK_MS`] after it was typed: never a message Claude already answered, never yesterday's.
//! - Both lists are bounded by count and by characters, newest first.
//!
//! ```
//! use reroute::keep::{Draft, Drafts, DRAFT_LIFETIME_MS};
//! let mut drafts = Drafts::default();
//! drafts.save(Draft { conversation: "/new".into(), tab: 7, text: "Summarise this".into(), at: 0.0 }, 0.0);
//! // Sending empties the composer: the words stay.
//! drafts.save(Draft { conversation: "/new".into(), tab: 7, text: String::new(), at: 1_000.0 }, 1_000.0);
//! assert_eq!(drafts.fallback(7, "/new", true, 2_000.0), Some("Summarise this"));
//! assert_eq!(drafts.fallback(7, "/new", false, 2_000.0), None, "only while the tab is failing");
//! drafts.answered(7, 3_000.0);
//! assert_eq!(drafts.fallback(7, "/new", true, 4_000.0), None, "Claude answered it");
//! assert!(drafts.listed(DRAFT_LIFETIME_MS).is_empty());
//! ```

use serde::{Deserialize, Serialize};

/// How long a draft is kept and listed under *Recover last prompt*.
pub const DRAFT_LIFETIME_MS: f64 = 24.0 * 3_600_000.0;
/// How long a draft may stand in for an empty composer.
pub const FALLBACK_MS: f64 = 30.0 * 60_000.0;
/// Drafts kept at most.
pub const MAX_DRAFTS: usize = 20;
/// Characters of all drafts together, at most (storage.session is 10 MB in Chrome, and is shared).
pub const MAX_DRAFT_CHARS: usize = 1_000_000;
/// Prompts sent elsewhere kept at most.
pub const MAX_RECENT: usize = 10;
/// Characters of all recent prompts together, at most: a few of the largest prompts, not ten of them.
pub const MAX_RECENT_CHARS: usize = 1_000_000;
/// Longest conversation path kept.
const MAX_PATH_CHARS: usize = 500;

/// What the user was typing in one conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The page's path: `/new`, `/chat/<id>`.
    pub conversation: String,
    /// The tab it was typed in.
    pub tab: i64,
    /// The composer's text, exactly.
    pub text: String,
    /// When it was last saved, Unix ms.
    pub at: f64,
}

/// The drafts, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Drafts {
    /// Newest first, one per conversation.
    pub drafts: Vec<Draft>,
}

impl Drafts {
    /// Reads what storage holds; anything unreadable is no drafts (it was only ever a copy).
    pub fn from_stored(json: &str) -> Self {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// Saves `draft` at `now`. A blank text never replaces what was written in that conversation.
    pub fn save(&mut self, mut draft: Draft, now: f64) {
        self.expire(now);
        if draft.text.trim().is_empty() {
            return;
        }
        draft.conversation = draft.conversation.chars().take(MAX_PATH_CHARS).collect();
        draft.at = now;
        // One per conversation and tab: every new chat is at `/new`, and two tabs there are two drafts.
        self.drafts.retain(|other| other.conversation != draft.conversation || other.tab != draft.tab);
        self.drafts.insert(0, draft);
        bound(&mut self.drafts, MAX_DRAFTS, MAX_DRAFT_CHARS, |draft| &draft.text);
    }

    /// A reply completed in `tab` at `now`: what was typed there before it was answered.
    pub fn answered(&mut self, tab: i64, now: f64) {
        self.drafts.retain(|draft| draft.tab != tab || draft.at > now);
    }

    /// The draft that may stand in for `tab`'s empty composer in `conversation`: only while the tab is
    /// `failing`, only what was typed there, and only a recent one.
    pub fn fallback(&self, tab: i64, conversation: &str, failing: bool, now: f64) -> Option<&str> {
        if !failing {
            return None;
        }
        self.drafts
            .iter()
            .find(|draft| {
                draft.tab == tab
                    && draft.conversation == conversation
                    && now - draft.at <= FALLBACK_MS
                    && draft.at <= now
            })
            .map(|draft| draft.text.as_str())
    }

    /// The drafts to list under *Recover last prompt* at `now`, newest first.
    pub fn listed(&self, now: f64) -> Vec<&Draft> {
        self.drafts.iter().filter(|draft| now - draft.at < DRAFT_LIFETIME_MS).collect()
    }

    fn expire(&mut self, now: f64) {
        self.drafts.retain(|draft| now - draft.at < DRAFT_LIFETIME_MS);
    }
}

/// A prompt sent to a target (or on its way), for *Recover last prompt* and rerouting after a failure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sent {
    /// The delivery's id.
    pub id: String,
    /// The text sent.
    pub text: String,
    /// The target's id.
    pub target: String,
    /// When it was sent, Unix ms.
    pub at: f64,
    /// How the delivery ended, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

/// Puts `entry` first in `recent` (replacing the entry with its id), within [`MAX_RECENT`] and
/// [`MAX_RECENT_CHARS`].
pub fn remember(recent: &mut Vec<Sent>, entry: Sent) {
    recent.retain(|other| other.id != entry.id);
    recent.insert(0, entry);
    bound(recent, MAX_RECENT, MAX_RECENT_CHARS, |sent| &sent.text);
}

/// Keeps at most `count` items and `chars` characters of text, the newest first; the newest is always kept,
/// whatever its size (it is the one the user may need next).
fn bound<T>(items: &mut Vec<T>, count: usize, chars: usize, text: impl Fn(&T) -> &String) {
    items.truncate(count);
    let mut total = 0;
    let keep = items
        .iter()
        .position(|item| {
            total += text(item).chars().count();
            total > chars
        })
        .map_or(items.len(), |over| over.max(1));
    items.truncate(keep);
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: f64 = 60_000.0;

    fn draft(conversation: &str, tab: i64, text: &str) -> Draft {
        Draft { conversation: conversation.into(), tab, text: text.into(), at: 0.0 }
    }

    #[test]
    fn a_draft_outlives_its_tab_and_the_path_changing_when_it_is_sent() {
        let mut drafts = Drafts::default();
        drafts.save(draft("/new", 1, "typed at /new"), 0.0);
        // The send took the page to /chat/<id>, where the composer is empty: /new's words stay.
        drafts.save(draft("/chat/abc", 1, ""), MINUTE);
        let listed: Vec<&str> = drafts.listed(2.0 * MINUTE).iter().map(|d| d.text.as_str()).collect();
        assert_eq!(listed, ["typed at /new"]);
        // Tabs come and go; drafts outlive them. Two tabs at /new are two drafts.
        drafts.save(draft("/chat/abc", 2, "another tab"), 3.0 * MINUTE);
        drafts.save(draft("/new", 3, "a second new chat"), 3.0 * MINUTE);
        assert_eq!(drafts.listed(4.0 * MINUTE).len(), 3);
        assert_eq!(drafts.listed(DRAFT_LIFETIME_MS + 4.0 * MINUTE).len(), 0, "not for ever");
    }

    #[test]
    fn the_fallback_is_this_conversations_recent_draft_while_the_tab_fails() {
        let mut drafts = Drafts::default();
        drafts.save(draft("/chat/a", 1, "for a"), 0.0);
        assert_eq!(drafts.fallback(1, "/chat/a", true, MINUTE), Some("for a"));
        assert_eq!(drafts.fallback(1, "/chat/b", true, MINUTE), None, "another conversation");
        assert_eq!(drafts.fallback(2, "/chat/a", true, MINUTE), None, "another tab's words");
        assert_eq!(drafts.fallback(1, "/chat/a", false, MINUTE), None, "the tab works: the composer is the truth");
        assert_eq!(
            drafts.fallback(1, "/chat/a", true, FALLBACK_MS + MINUTE),
            None,
            "too old to be what the user means"
        );
    }

    #[test]
    fn a_completed_reply_clears_what_was_typed_before_it_in_that_tab() {
        let mut drafts = Drafts::default();
        drafts.save(draft("/chat/a", 1, "answered"), 0.0);
        drafts.save(draft("/chat/b", 2, "other tab"), 0.0);
        drafts.answered(1, MINUTE);
        let left: Vec<&str> = drafts.drafts.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(left, ["other tab"]);
        // Typed after the reply: kept.
        drafts.save(draft("/chat/a", 1, "next question"), 2.0 * MINUTE);
        drafts.answered(1, MINUTE);
        assert_eq!(drafts.drafts.len(), 2);
    }

    #[test]
    fn both_lists_are_bounded_by_count_and_characters_keeping_the_newest() {
        let mut drafts = Drafts::default();
        for i in 0..(MAX_DRAFTS + 5) {
            drafts.save(draft(&format!("/chat/{i}"), 1, "x"), i as f64);
        }
        assert_eq!(drafts.drafts.len(), MAX_DRAFTS);
        assert_eq!(drafts.drafts[0].conversation, format!("/chat/{}", MAX_DRAFTS + 4));

        let mut recent = Vec::new();
        let huge = "y".repeat(400_000);
        for i in 0..5 {
            remember(
                &mut recent,
                Sent { id: i.to_string(), text: huge.clone(), target: "gemini".into(), at: 0.0, outcome: None },
            );
        }
        let total: usize = recent.iter().map(|sent| sent.text.len()).sum();
        assert!(total <= MAX_RECENT_CHARS && recent.len() == 2 && recent[0].id == "4", "{}", recent.len());
        // One prompt over the budget on its own is still kept: it is the one the user may need next.
        remember(
            &mut recent,
            Sent {
                id: "big".into(),
                text: "z".repeat(MAX_RECENT_CHARS + 1),
                target: "chatgpt".into(),
                at: 0.0,
                outcome: None,
            },
        );
        assert_eq!(recent.len(), 1);
        // Reporting an outcome replaces the entry, never adds one.
        remember(
            &mut recent,
            Sent {
                id: "big".into(),
                text: "z".into(),
                target: "chatgpt".into(),
                at: 0.0,
                outcome: Some("submitted".into()),
            },
        );
        assert_eq!(recent.len(), 1);
    }

    #[test]
    fn unreadable_storage_is_no_drafts() {
        assert_eq!(Drafts::from_stored("{nonsense"), Drafts::default());
        assert_eq!(
            Drafts::from_stored(r#"{"drafts":[{"conversation":"/new","tab":1,"text":"t","at":5}]}"#).drafts.len(),
            1
        );
    }
}
