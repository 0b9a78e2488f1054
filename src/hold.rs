//! Prompts held for Claude: when Claude fails, the user may keep a prompt until it is back, then send it to
//! claude.ai with one click. Held prompts live in `storage.local` (they must survive a browser restart) for
//! [`HOLD_LIFETIME_MS`], never in the history or its exports.
//!
//! Each held prompt moves through [`Stage`]s: waiting for Claude; ready (Reroute saw Claude back: the status
//! page recovered from an incident it showed, a reply completed in a claude.ai tab, or a limit's reset time
//! passed); sending (a claude.ai tab was opened for it); put in (the tab reported it in the composer or sent).
//! A reply that completes in that tab ends it; a failure there puts it back on hold. The background stores the
//! list as a JSON string and applies one [`Change`] at a time, so two clicks or two popups send once.
//!
//! ```
//! use reroute::hold::{Change, Holds, Stage};
//! let mut holds = Holds::default();
//! holds.apply(Change::Hold { id: "a".into(), text: "Draft this".into(), conversation: None, resets_at: None }, 0.0).unwrap();
//! assert!(holds.apply(Change::ReplyCompleted { tab: 1 }, 1.0).unwrap().notify, "Claude is back: said once");
//! assert!(!holds.apply(Change::ReplyCompleted { tab: 1 }, 2.0).unwrap().notify);
//! let sending = holds.apply(Change::StartSend { id: "a".into() }, 3.0).unwrap().sending.unwrap();
//! assert_eq!(sending.text, "Draft this");
//! assert!(holds.apply(Change::StartSend { id: "a".into() }, 3.1).is_err(), "a second click sends nothing");
//! ```

use serde::Serialize;
use serde_json::Value;

/// How long a prompt is held.
pub const HOLD_LIFETIME_MS: f64 = 24.0 * 3_600_000.0;
/// At most this many prompts are held; holding another lets the oldest go.
pub const MAX_HELD: usize = 5;
/// The longest prompt held, in characters (a claude.ai message is far shorter).
pub const MAX_HELD_CHARS: usize = 200_000;
/// A send that never reported (its tab closed or the browser stopped the background) may be tried again after
/// this long: the handoff it used has expired by then (delivery.rs), so the first can't arrive as well.
pub const SENDING_TIMEOUT_MS: f64 = 2.0 * 60_000.0 + 5_000.0;

/// Where a held prompt is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum Stage {
    /// Waiting for Claude to be back.
    Waiting {},
    /// Claude is back (since `since`): the popup offers "Send to Claude".
    Ready {
        /// When Reroute saw Claude back, Unix ms.
        since: f64,
    },
    /// On its way to claude.ai since `since`, in `tab` once it was opened.
    Sending {
        /// Unix ms.
        since: f64,
        /// The claude.ai tab opened for it.
        tab: Option<i32>,
    },
    /// In claude.ai's composer in `tab` (sent, when the user has "send for me" on), at `at`.
    PutIn {
        /// The claude.ai tab.
        tab: i32,
        /// Unix ms.
        at: f64,
    },
}

/// One prompt held for Claude.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Held {
    /// Random, from the background.
    pub id: String,
    /// Exactly as written.
    pub text: String,
    /// The claude.ai conversation it came from (`/chat/<id>`), to go back to; None for a new chat.
    pub conversation: Option<String>,
    /// When it was held, Unix ms.
    pub held_at: f64,
    /// When the limit that stopped it resets, Unix ms: Claude is back for it then.
    pub resets_at: Option<f64>,
    /// Where it is.
    #[serde(flatten)]
    pub stage: Stage,
}

impl Stage {
    /// The claude.ai tab it went to, once there is one.
    fn tab(&self) -> Option<i32> {
        match *self {
            Stage::Sending { tab, .. } => tab,
            Stage::PutIn { tab, .. } => Some(tab),
            Stage::Waiting {} | Stage::Ready { .. } => None,
        }
    }
}

impl Held {
    /// The claude.ai address that takes it back: its conversation, else a new chat.
    pub fn claude_url(&self) -> String {
        match &self.conversation {
            Some(path) => format!("https://claude.ai{path}"),
            None => "https://claude.ai/new".to_string(),
        }
    }
}

/// What the background asks of the held prompts.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The user holds `text` (again: the same text is held once, its time renewed).
    Hold {
        /// A new id, from the background.
        id: String,
        /// Exactly as written.
        text: String,
        /// The claude.ai path it came from (untrusted: only a `/chat/<id>` is kept).
        conversation: Option<String>,
        /// When the limit that stopped it resets, Unix ms.
        resets_at: Option<f64>,
    },
    /// The status page answered: `down` when it shows an incident (any state but operational). Its return to
    /// operational after one is Claude back.
    Status {
        /// Whether it shows an incident.
        down: bool,
    },
    /// A reply completed in a claude.ai tab: Claude is back, and a prompt put in there is answered (it goes).
    ReplyCompleted {
        /// The claude.ai tab.
        tab: i32,
    },
    /// Claude failed in a claude.ai tab: a prompt put in there goes back on hold.
    FailedIn {
        /// The claude.ai tab.
        tab: i32,
    },
    /// The clock moved (an alarm): limits whose reset time passed make their prompts ready.
    Tick,
    /// The user asked to send `id` to Claude.
    StartSend {
        /// The held prompt.
        id: String,
    },
    /// The claude.ai tab for `id` was opened.
    Opened {
        /// The held prompt.
        id: String,
        /// The claude.ai tab.
        tab: i32,
    },
    /// The claude.ai tab reported `id` in its composer (or sent).
    PutIn {
        /// The held prompt.
        id: String,
        /// The claude.ai tab.
        tab: i32,
    },
    /// The claude.ai tab could not take `id`: ready to try again.
    SendFailed {
        /// The held prompt.
        id: String,
    },
    /// The user deleted `id`.
    Remove {
        /// The held prompt.
        id: String,
    },
}

/// Why a change was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    /// Nothing to hold.
    Empty,
    /// Longer than [`MAX_HELD_CHARS`].
    TooLong,
    /// No held prompt with that id (sent, deleted or expired).
    Unknown,
    /// Already on its way, or already in claude.ai's composer.
    AlreadySent,
}

/// What a change did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// Claude is back for a prompt that was waiting: say so, once.
    pub notify: bool,
    /// The prompt to send now ([`Change::StartSend`]).
    pub sending: Option<Held>,
}

/// Every held prompt, newest first, and what the status page last said.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Holds {
    /// Newest first.
    pub held: Vec<Held>,
    /// The status page showed an incident when it last answered: its return to operational is Claude back.
    pub status_down: bool,
}

impl Holds {
    /// The held prompts in `stored` (a JSON string) still within their lifetime at `now`; anything unreadable
    /// reads as none.
    pub fn load(stored: Option<&str>, now: f64) -> Self {
        let value = stored.and_then(|json| serde_json::from_str::<Value>(json).ok()).unwrap_or_default();
        let mut holds = Holds {
            held: value["held"]
                .as_array()
                .map(|list| list.iter().filter_map(Held::from_value).collect())
                .unwrap_or_default(),
            status_down: value["statusDown"].as_bool().unwrap_or(false),
        };
        holds.expire(now);
        holds
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "[]".to_string())
    }

    fn expire(&mut self, now: f64) {
        self.held.retain(|held| {
            now >= held.held_at && now - held.held_at <= HOLD_LIFETIME_MS && held.text.chars().count() <= MAX_HELD_CHARS
        });
        self.held.truncate(MAX_HELD);
    }

    /// When the next limit resets for a waiting prompt: the background's alarm for [`Change::Tick`].
    pub fn next_reset(&self) -> Option<f64> {
        self.held
            .iter()
            .filter(|held| matches!(held.stage, Stage::Waiting {}))
            .filter_map(|held| held.resets_at)
            .min_by(f64::total_cmp)
    }

    /// Applies `change` at `now`.
    pub fn apply(&mut self, change: Change, now: f64) -> Result<Applied, Refusal> {
        self.expire(now);
        let mut applied = Applied::default();
        match change {
            Change::Hold { id, text, conversation, resets_at } => {
                if text.trim().is_empty() {
                    return Err(Refusal::Empty);
                }
                if text.chars().count() > MAX_HELD_CHARS {
                    return Err(Refusal::TooLong);
                }
                let id = self.held.iter().find(|held| held.text == text).map_or(id, |same| same.id.clone());
                self.held.retain(|held| held.id != id);
                let conversation = conversation.filter(|path| is_conversation(path));
                self.held.insert(0, Held { id, text, conversation, held_at: now, resets_at, stage: Stage::Waiting {} });
                self.held.truncate(MAX_HELD);
            }
            Change::Status { down } => {
                if self.status_down && !down {
                    applied.notify = self.make_ready(now, |_| true);
                }
                self.status_down = down;
            }
            Change::ReplyCompleted { tab } => {
                // Answered where it went (the reply may complete before the tab reported it in).
                self.held.retain(|held| held.stage.tab() != Some(tab));
                applied.notify = self.make_ready(now, |_| true);
            }
            Change::FailedIn { tab } => {
                for held in self.held.iter_mut().filter(|held| held.stage.tab() == Some(tab)) {
                    held.stage = Stage::Waiting {};
                }
            }
            Change::Tick => applied.notify = self.make_ready(now, |held| held.resets_at.is_some_and(|at| at <= now)),
            Change::StartSend { id } => {
                let held = self.held.iter_mut().find(|held| held.id == id).ok_or(Refusal::Unknown)?;
                match held.stage {
                    Stage::Sending { since, .. } if now - since < SENDING_TIMEOUT_MS && now >= since => {
                        return Err(Refusal::AlreadySent)
                    }
                    Stage::PutIn { .. } => return Err(Refusal::AlreadySent),
                    _ => {}
                }
                held.stage = Stage::Sending { since: now, tab: None };
                applied.sending = Some(held.clone());
            }
            Change::Opened { id, tab } => {
                if let Some(held) = self.held.iter_mut().find(|held| held.id == id) {
                    if let Stage::Sending { since, .. } = held.stage {
                        held.stage = Stage::Sending { since, tab: Some(tab) };
                    }
                }
            }
            // Only a send still on its way: Claude failing there first already put it back on hold.
            Change::PutIn { id, tab } => {
                if let Some(held) =
                    self.held.iter_mut().find(|held| held.id == id && matches!(held.stage, Stage::Sending { .. }))
                {
                    held.stage = Stage::PutIn { tab, at: now };
                }
            }
            // Only a send still on its way: a failure Reroute saw in that tab already put it back on hold.
            Change::SendFailed { id } => {
                if let Some(held) =
                    self.held.iter_mut().find(|held| held.id == id && matches!(held.stage, Stage::Sending { .. }))
                {
                    held.stage = Stage::Ready { since: now };
                }
            }
            Change::Remove { id } => self.held.retain(|held| held.id != id),
        }
        Ok(applied)
    }

    /// Waiting prompts that `back` says Claude is back for become ready; whether any did.
    fn make_ready(&mut self, now: f64, back: impl Fn(&Held) -> bool) -> bool {
        let mut changed = false;
        for held in self.held.iter_mut().filter(|held| matches!(held.stage, Stage::Waiting {})) {
            if back(held) {
                held.stage = Stage::Ready { since: now };
                changed = true;
            }
        }
        changed
    }
}

// Read by hand from JSON values rather than derived: serde's derived deserializers for these tagged enums cost
// tens of KB of wasm, and this is all they need (the shapes are the ones `Serialize` writes, and the messages the
// background sends).
fn text(value: &Value, name: &str) -> Option<String> {
    value[name].as_str().map(str::to_string)
}
fn number(value: &Value, name: &str) -> Option<f64> {
    value[name].as_f64().filter(|n| n.is_finite())
}
fn tab(value: &Value) -> Option<i32> {
    value["tab"].as_i64().and_then(|tab| i32::try_from(tab).ok())
}

impl Stage {
    fn from_value(value: &Value) -> Option<Self> {
        Some(match value["stage"].as_str()? {
            "waiting" => Stage::Waiting {},
            "ready" => Stage::Ready { since: number(value, "since")? },
            "sending" => Stage::Sending { since: number(value, "since")?, tab: tab(value) },
            "put-in" => Stage::PutIn { tab: tab(value)?, at: number(value, "at")? },
            _ => return None,
        })
    }
}

impl Held {
    /// One held prompt as stored; None for anything else.
    fn from_value(value: &Value) -> Option<Self> {
        Some(Held {
            id: text(value, "id")?,
            text: text(value, "text")?,
            conversation: text(value, "conversation"),
            held_at: number(value, "heldAt")?,
            resets_at: number(value, "resetsAt"),
            // Flattened: the stage's tag and fields sit beside the prompt's own.
            stage: Stage::from_value(value)?,
        })
    }
}

impl Change {
    /// A change as the background sends it: `{kind, …fields}` (camelCase), or None for anything else.
    pub fn from_value(value: &Value) -> Option<Self> {
        let id = || text(value, "id");
        Some(match value["kind"].as_str()? {
            "hold" => Change::Hold {
                id: id()?,
                text: text(value, "text")?,
                conversation: text(value, "conversation"),
                resets_at: number(value, "resetsAt"),
            },
            "status" => Change::Status { down: value["down"].as_bool()? },
            "reply-completed" => Change::ReplyCompleted { tab: tab(value)? },
            "failed-in" => Change::FailedIn { tab: tab(value)? },
            "tick" => Change::Tick,
            "start-send" => Change::StartSend { id: id()? },
            "opened" => Change::Opened { id: id()?, tab: tab(value)? },
            "put-in" => Change::PutIn { id: id()?, tab: tab(value)? },
            "send-failed" => Change::SendFailed { id: id()? },
            "remove" => Change::Remove { id: id()? },
            _ => return None,
        })
    }
}

/// A claude.ai conversation path as the content script reports it: `/chat/` and an id of letters, digits
/// and hyphens. Anything else (a page could report any path) goes back to a new chat.
fn is_conversation(path: &str) -> bool {
    path.strip_prefix("/chat/")
        .is_some_and(|id| !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hold(holds: &mut Holds, id: &str, text: &str, resets_at: Option<f64>, now: f64) {
        let change =
            Change::Hold { id: id.into(), text: text.into(), conversation: Some("/chat/abc-1".into()), resets_at };
        holds.apply(change, now).unwrap();
    }

    /// What the background sends, read by hand: every kind, and nothing else.
    #[test]
    fn changes_are_read_from_what_the_background_sends() {
        let read = |json: &str| Change::from_value(&serde_json::from_str(json).unwrap());
        assert_eq!(
            read(r#"{"kind":"hold","id":"a","text":"t","conversation":"/chat/x","resetsAt":5}"#),
            Some(Change::Hold {
                id: "a".into(),
                text: "t".into(),
                conversation: Some("/chat/x".into()),
                resets_at: Some(5.0)
            })
        );
        assert_eq!(
            read(r#"{"kind":"hold","id":"a","text":"t","conversation":null,"resetsAt":null}"#),
            Some(Change::Hold { id: "a".into(), text: "t".into(), conversation: None, resets_at: None })
        );
        assert_eq!(read(r#"{"kind":"status","down":true}"#), Some(Change::Status { down: true }));
        assert_eq!(read(r#"{"kind":"reply-completed","tab":7}"#), Some(Change::ReplyCompleted { tab: 7 }));
        assert_eq!(read(r#"{"kind":"failed-in","tab":7}"#), Some(Change::FailedIn { tab: 7 }));
        assert_eq!(read(r#"{"kind":"tick"}"#), Some(Change::Tick));
        assert_eq!(read(r#"{"kind":"start-send","id":"a"}"#), Some(Change::StartSend { id: "a".into() }));
        assert_eq!(read(r#"{"kind":"opened","id":"a","tab":3}"#), Some(Change::Opened { id: "a".into(), tab: 3 }));
        assert_eq!(read(r#"{"kind":"put-in","id":"a","tab":3}"#), Some(Change::PutIn { id: "a".into(), tab: 3 }));
        assert_eq!(read(r#"{"kind":"send-failed","id":"a"}"#), Some(Change::SendFailed { id: "a".into() }));
        assert_eq!(read(r#"{"kind":"remove","id":"a"}"#), Some(Change::Remove { id: "a".into() }));
        for junk in
            [r#"{"kind":"explode"}"#, r#"{"kind":"hold","id":"a"}"#, r#"{"kind":"put-in","id":"a","tab":1e12}"#, "[]"]
        {
            assert_eq!(read(junk), None, "{junk}");
        }
    }

    /// Every stage, written and read back as storage holds it.
    #[test]
    fn every_stage_survives_storage() {
        let mut holds = Holds { status_down: true, ..Holds::default() };
        for (n, stage) in [
            Stage::Waiting {},
            Stage::Ready { since: 1.0 },
            Stage::Sending { since: 2.0, tab: None },
            Stage::Sending { since: 3.0, tab: Some(4) },
            Stage::PutIn { tab: 5, at: 6.0 },
        ]
        .into_iter()
        .enumerate()
        {
            holds.held.push(Held {
                id: format!("p{n}"),
                text: "t".into(),
                conversation: None,
                held_at: 0.0,
                resets_at: Some(9.0),
                stage,
            });
        }
        assert_eq!(Holds::load(Some(&holds.to_json()), 0.0), holds);
    }

    #[test]
    fn a_held_prompt_is_kept_exactly_for_a_day_and_survives_storage() {
        let mut holds = Holds::default();
        let text = "  Line one\n\n\tindented «quoted» ✅\n";
        hold(&mut holds, "a", text, None, 1_000.0);
        let stored = holds.to_json();
        let loaded = Holds::load(Some(&stored), 1_000.0 + HOLD_LIFETIME_MS);
        assert_eq!(loaded.held[0].text, text, "exactly as written");
        assert_eq!(loaded.held[0].claude_url(), "https://claude.ai/chat/abc-1");
        assert!(Holds::load(Some(&stored), 1_001.0 + HOLD_LIFETIME_MS).held.is_empty(), "gone after 24 h");
        assert!(Holds::load(Some("not json"), 0.0).held.is_empty());
        assert!(Holds::load(None, 0.0).held.is_empty());
    }

    #[test]
    fn holding_refuses_nothing_and_too_much_and_keeps_the_newest_few() {
        let mut holds = Holds::default();
        let empty = Change::Hold { id: "x".into(), text: " \n".into(), conversation: None, resets_at: None };
        assert_eq!(holds.apply(empty, 0.0), Err(Refusal::Empty));
        let long =
            Change::Hold { id: "x".into(), text: "a".repeat(MAX_HELD_CHARS + 1), conversation: None, resets_at: None };
        assert_eq!(holds.apply(long, 0.0), Err(Refusal::TooLong));
        for n in 0..MAX_HELD + 2 {
            hold(&mut holds, &format!("p{n}"), &format!("prompt {n}"), None, n as f64);
        }
        assert_eq!(holds.held.len(), MAX_HELD);
        assert_eq!(holds.held[0].text, format!("prompt {}", MAX_HELD + 1), "newest first");
        hold(&mut holds, "again", "prompt 3", None, 100.0);
        assert_eq!(holds.held.iter().filter(|held| held.text == "prompt 3").count(), 1, "the same text once");
        assert_eq!(holds.held[0].id, "p3");
    }

    #[test]
    fn a_page_reported_path_that_is_not_a_conversation_goes_to_a_new_chat() {
        for path in ["/new", "/chat/", "/chat/../settings", "//evil.example/chat/x", "/chat/a?b"] {
            let mut holds = Holds::default();
            let change =
                Change::Hold { id: "a".into(), text: "t".into(), conversation: Some(path.into()), resets_at: None };
            holds.apply(change, 0.0).unwrap();
            assert_eq!(holds.held[0].claude_url(), "https://claude.ai/new", "{path}");
        }
    }

    #[test]
    fn claude_back_is_said_once_per_waiting_prompt() {
        let mut holds = Holds::default();
        holds.apply(Change::Status { down: true }, 0.0).unwrap();
        assert!(!holds.apply(Change::Status { down: false }, 0.0).unwrap().notify, "nothing held: nothing to say");
        hold(&mut holds, "a", "held", None, 0.0);
        assert!(holds.apply(Change::ReplyCompleted { tab: 7 }, 1.0).unwrap().notify);
        assert_eq!(holds.held[0].stage, Stage::Ready { since: 1.0 });
        assert!(!holds.apply(Change::ReplyCompleted { tab: 7 }, 2.0).unwrap().notify);
    }

    #[test]
    fn the_status_page_brings_claude_back_only_after_an_incident_it_showed() {
        let mut holds = Holds::default();
        hold(&mut holds, "a", "held", None, 0.0);
        assert!(!holds.apply(Change::Status { down: false }, 1.0).unwrap().notify, "operational all along: no news");
        holds.apply(Change::Status { down: true }, 2.0).unwrap();
        let stored = holds.to_json();
        let mut holds = Holds::load(Some(&stored), 3.0);
        assert!(holds.status_down, "remembered across a restart");
        assert!(holds.apply(Change::Status { down: false }, 4.0).unwrap().notify);
        assert_eq!(holds.held[0].stage, Stage::Ready { since: 4.0 });
    }

    #[test]
    fn a_limit_reset_makes_only_its_prompt_ready_when_its_time_passes() {
        let mut holds = Holds::default();
        hold(&mut holds, "limit", "after the reset", Some(5_000.0), 0.0);
        hold(&mut holds, "outage", "after the outage", None, 0.0);
        assert_eq!(holds.next_reset(), Some(5_000.0));
        assert!(!holds.apply(Change::Tick, 4_999.0).unwrap().notify);
        assert!(holds.apply(Change::Tick, 5_000.0).unwrap().notify);
        let stages: Vec<_> = holds.held.iter().map(|held| (held.id.as_str(), held.stage.clone())).collect();
        assert_eq!(stages, [("outage", Stage::Waiting {}), ("limit", Stage::Ready { since: 5_000.0 })]);
        assert_eq!(holds.next_reset(), None);
    }

    #[test]
    fn a_send_goes_once_and_a_failure_puts_it_back_on_hold() {
        let mut holds = Holds::default();
        hold(&mut holds, "a", "once", None, 0.0);
        holds.apply(Change::ReplyCompleted { tab: 1 }, 1.0).unwrap();
        assert_eq!(holds.apply(Change::StartSend { id: "a".into() }, 2.0).unwrap().sending.unwrap().id, "a");
        assert_eq!(holds.apply(Change::StartSend { id: "a".into() }, 2.5), Err(Refusal::AlreadySent), "two clicks");
        holds.apply(Change::PutIn { id: "a".into(), tab: 9 }, 3.0).unwrap();
        assert_eq!(holds.apply(Change::StartSend { id: "a".into() }, 4.0), Err(Refusal::AlreadySent));
        // Claude fails again in that tab: back on hold, nothing lost; back again, ready again.
        holds.apply(Change::FailedIn { tab: 9 }, 5.0).unwrap();
        assert_eq!(holds.held[0].stage, Stage::Waiting {});
        assert!(holds.apply(Change::ReplyCompleted { tab: 4 }, 6.0).unwrap().notify);
        holds.apply(Change::StartSend { id: "a".into() }, 7.0).unwrap();
        holds.apply(Change::Opened { id: "a".into(), tab: 9 }, 7.5).unwrap();
        // A reply completes in another tab: not this one's answer.
        holds.apply(Change::ReplyCompleted { tab: 3 }, 9.0).unwrap();
        assert_eq!(holds.held.len(), 1);
        // Sent, and answered before the tab even reported it in: it goes.
        holds.apply(Change::ReplyCompleted { tab: 9 }, 10.0).unwrap();
        assert!(holds.held.is_empty(), "answered: it goes");
        assert_eq!(holds.apply(Change::StartSend { id: "a".into() }, 11.0), Err(Refusal::Unknown));
    }

    #[test]
    fn a_send_that_never_reported_may_be_tried_again_once_its_handoff_expired() {
        let mut holds = Holds::default();
        hold(&mut holds, "a", "lost tab", None, 0.0);
        holds.apply(Change::StartSend { id: "a".into() }, 1_000.0).unwrap();
        assert!(holds.apply(Change::StartSend { id: "a".into() }, 1_000.0 + SENDING_TIMEOUT_MS - 1.0).is_err());
        assert!(holds.apply(Change::StartSend { id: "a".into() }, 1_000.0 + SENDING_TIMEOUT_MS).is_ok());
        const { assert!(SENDING_TIMEOUT_MS > crate::delivery::HANDOFF_LIFETIME_MS) };
        holds.apply(Change::SendFailed { id: "a".into() }, 2_000_000.0).unwrap();
        assert!(matches!(holds.held[0].stage, Stage::Ready { .. }));
        // Claude failing in the tab it was opened in puts it back on hold; the failed send that follows
        // doesn't make it ready before Claude is back.
        holds.apply(Change::StartSend { id: "a".into() }, 2_000_000.5).unwrap();
        holds.apply(Change::Opened { id: "a".into(), tab: 5 }, 2_000_000.6).unwrap();
        holds.apply(Change::FailedIn { tab: 5 }, 2_000_000.7).unwrap();
        holds.apply(Change::SendFailed { id: "a".into() }, 2_000_000.8).unwrap();
        assert_eq!(holds.held[0].stage, Stage::Waiting {});
        holds.apply(Change::PutIn { id: "a".into(), tab: 5 }, 2_000_000.9).unwrap();
        assert_eq!(holds.held[0].stage, Stage::Waiting {}, "its report after the failure changes nothing");
        holds.apply(Change::Remove { id: "a".into() }, 2_000_001.0).unwrap();
        assert!(holds.held.is_empty());
    }
}
