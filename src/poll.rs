//! Polling status.claude.com: what one request gave, what Reroute remembers between requests, when to ask
//! again, and what the toolbar shows. Pure: the wasm layer does the request and the extension does storage.
//!
//! The rule that shapes this module: a stale or failed answer is **unknown**, never a stale green. A user who
//! sees an empty badge must be able to trust that the status page said "operational" less than 15 minutes ago.
//!
//! ```
//! use reroute::poll::{FetchOutcome, StatusRecord};
//! use reroute::status::State;
//! let mut record = StatusRecord::default();
//! record.apply(FetchOutcome::TimedOut, 0.0);
//! let view = record.view(0.0);
//! assert_eq!(view.state, State::Unknown);
//! assert_eq!(view.badge.text, "?");
//! assert_eq!(view.reason.unwrap().english(), "the status page did not answer within 10 s");
//! ```

use serde::{Deserialize, Serialize};

use crate::phrase::Phrase;
use crate::status::{assess, parse_summary, Assessment, ComponentView, IncidentView, State, Summary};
use crate::time::{ago, span};

/// The status API Reroute polls.
pub const CLAUDE_STATUS_URL: &str = "https://status.claude.com/api/v2/summary.json";
/// The page a person reads.
pub const CLAUDE_STATUS_PAGE: &str = "https://status.claude.com";
/// An answer older than this no longer vouches for anything.
pub const STALE_AFTER_MS: f64 = 15.0 * 60_000.0;
/// Poll interval while a claude.ai tab is open or the popup is visible.
pub const WATCHING_INTERVAL_MS: f64 = 60_000.0;
/// Poll interval otherwise.
pub const IDLE_INTERVAL_MS: f64 = 10.0 * 60_000.0;
/// Longest wait between polls while the status page keeps failing.
pub const BACKOFF_CAP_MS: f64 = 30.0 * 60_000.0;
/// Each delay is spread by up to this fraction either way, so that many browsers don't poll in step.
pub const JITTER: f64 = 0.1;
/// The whole request, body included, must finish within this.
pub const TIMEOUT_MS: u32 = 10_000;
/// Bodies beyond this are not read; a real summary is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What one request to the status API gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FetchOutcome {
    /// An HTTP answer.
    #[serde(rename_all = "camelCase")]
    Response {
        /// HTTP status.
        status: u16,
        /// The body as text, at most [`MAX_BODY_BYTES`].
        body: String,
        /// `ETag`, for the next conditional request.
        etag: Option<String>,
        /// `Last-Modified`, for the next conditional request.
        last_modified: Option<String>,
    },
    /// The body went past [`MAX_BODY_BYTES`] and was not read further.
    TooLarge,
    /// No complete answer within [`TIMEOUT_MS`].
    TimedOut,
    /// The request never got an HTTP answer (offline, DNS, TLS, CORS).
    #[serde(rename_all = "camelCase")]
    NetworkError {
        /// What the browser said.
        detail: String,
    },
}

/// What Reroute remembers between polls; persisted in `storage.local` so a restarted service worker shows
/// the right badge at once.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StatusRecord {
    /// The body of the last good answer, as received. Kept raw and parsed again for each view: the parse
    /// takes well under a millisecond, and a typed copy would need a second deserializer in the wasm.
    pub body: Option<String>,
    /// When the status page last gave a good answer (a summary, or 304 for the one we hold), in Unix ms.
    pub last_good_at: Option<f64>,
    /// When Reroute last asked, in Unix ms.
    pub last_checked_at: Option<f64>,
    /// Why the last request failed; `None` when it succeeded.
    #[serde(deserialize_with = "reason_or_none")]
    pub last_error: Option<Phrase>,
    /// Validators for the next conditional request.
    pub etag: Option<String>,
    /// Validators for the next conditional request.
    pub last_modified: Option<String>,
    /// Failed requests in a row, for backoff.
    pub consecutive_failures: u32,
    /// The last request got no HTTP answer at all: with claude.ai failing the same way, the user's own
    /// connection is the likelier cause.
    pub unreachable: bool,
}

/// A record stored before phrases gave its reason as English text: that reads as no reason (the next poll
/// writes a phrase), not as an unreadable record that would lose the last good answer with it.
fn reason_or_none<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Phrase>, D::Error> {
    Ok(serde_json::Value::deserialize(deserializer).ok().and_then(|value| serde_json::from_value(value).ok()))
}

/// What to do when someone starts watching (a claude.ai tab opened, the popup opened).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WatchAction {
    /// The last check is a minute old or more: ask now.
    PollNow,
    /// The next poll is further away than the watching cadence allows: bring it forward.
    Reschedule,
    /// The next poll is soon enough.
    Keep,
}

/// The toolbar badge.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Badge {
    /// At most four characters; empty when all is well.
    pub text: &'static str,
    /// Background, `#rrggbb`.
    pub color: &'static str,
    /// Text colour chosen for contrast with `color`.
    pub text_color: &'static str,
    /// The toolbar icon for this state: `icons/state-{icon}-{size}.png` (tools/icons.mjs draws them from
    /// icon.svg), so the state shows even where the badge text is too small to read.
    pub icon: &'static str,
}

/// Everything the toolbar and popup show about Claude's status.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusView {
    /// The state.
    pub state: State,
    /// The state in words: "operational", "major outage", …
    pub words: &'static str,
    /// One sentence for the popup and the action's title.
    pub sentence: Phrase,
    /// Why the state is unknown, when it is.
    pub reason: Option<Phrase>,
    /// The badge.
    pub badge: Badge,
    /// claude.ai and the services it runs on, from the last good answer.
    pub components: Vec<ComponentView>,
    /// The open incident, from the last good answer.
    pub incident: Option<IncidentView>,
    /// A maintenance line, from the last good answer.
    pub maintenance: Option<Phrase>,
    /// "Checked 1 min ago".
    pub checked: Option<Phrase>,
    /// When unknown but an older good answer exists: what it said and how old it is.
    pub last_known: Option<Phrase>,
    /// The status page for people.
    pub page_url: String,
    /// Until when this view may be shown again without asking the core (a restarted background draws the
    /// stored badge before the wasm is ready): the moment its answer goes stale. `None` for unknown, which
    /// cannot go stale.
    pub fresh_until: Option<f64>,
}

impl StatusRecord {
    /// Headers for the next request: conditional when Reroute holds a summary those validators belong to.
    pub fn request_headers(&self) -> Vec<(&'static str, String)> {
        if self.body.is_none() {
            return Vec::new();
        }
        let mut headers = Vec::new();
        if let Some(etag) = &self.etag {
            headers.push(("If-None-Match", etag.clone()));
        }
        if let Some(modified) = &self.last_modified {
            headers.push(("If-Modified-Since", modified.clone()));
        }
        headers
    }

    /// Takes in what one request gave at time `now`.
    pub fn apply(&mut self, outcome: FetchOutcome, now: f64) {
        self.last_checked_at = Some(now);
        self.unreachable = matches!(outcome, FetchOutcome::NetworkError { .. } | FetchOutcome::TimedOut);
        let result = match outcome {
            FetchOutcome::Response { status: 304, .. } if self.body.is_some() => Ok(None),
            FetchOutcome::Response { status: 304, .. } => {
                // A 304 for a summary we no longer hold: ask unconditionally next time.
                self.etag = None;
                self.last_modified = None;
                Err(Phrase::plain("unknown_304_without_answer"))
            }
            FetchOutcome::Response { body, .. } if body.len() > MAX_BODY_BYTES => Err(too_large()),
            FetchOutcome::Response { status: 200..=299, body, etag, last_modified } => match parse_summary(&body) {
                Ok(_) => Ok(Some((body, etag, last_modified))),
                Err(error) => Err(error.phrase()),
            },
            FetchOutcome::Response { status, .. } => Err(Phrase::new("unknown_http", [status])),
            FetchOutcome::TooLarge => Err(too_large()),
            FetchOutcome::TimedOut => Err(Phrase::new("unknown_timed_out", [TIMEOUT_MS / 1000])),
            FetchOutcome::NetworkError { detail } => Err(network_reason(&detail)),
        };
        match result {
            Ok(fresh) => {
                if let Some((body, etag, last_modified)) = fresh {
                    self.body = Some(body);
                    self.etag = etag.filter(|value| value.len() < 512);
                    self.last_modified = last_modified.filter(|value| value.len() < 128);
                }
                self.last_good_at = Some(now);
                self.last_error = None;
                self.consecutive_failures = 0;
            }
            Err(reason) => {
                self.last_error = Some(reason);
                self.consecutive_failures = self.consecutive_failures.saturating_add(1);
            }
        }
    }

    /// The summary of the last good answer.
    pub fn summary(&self) -> Option<Summary> {
        self.body.as_deref().and_then(|body| parse_summary(body).ok())
    }

    /// What to show at time `now`.
    pub fn view(&self, now: f64) -> StatusView {
        let summary = self.summary();
        let assessment = summary.as_ref().map(|summary| assess(summary, now));
        let stale_reason = match (&self.last_error, summary.as_ref(), self.last_good_at) {
            (Some(error), _, _) => Some(error.clone()),
            (None, None, _) | (None, Some(_), None) => Some(Phrase::plain(NOT_REACHED_YET)),
            (None, Some(_), Some(good)) if now - good > STALE_AFTER_MS => {
                Some(Phrase::with("unknown_stale", [span(now - good).into()]))
            }
            _ => None,
        };

        let last_known = match (&stale_reason, &assessment, self.last_good_at) {
            (Some(_), Some(Assessment { state, .. }), Some(good)) if *state != State::Unknown => {
                Some(Phrase::with("status_last_known", [state.phrase().into(), ago(good, now).into()]))
            }
            _ => None,
        };
        let (state, sentence, reason) = match (stale_reason, &assessment) {
            (None, Some(assessment)) => (assessment.state, assessment.sentence.clone(), assessment.reason.clone()),
            (reason, _) => {
                let reason = reason.unwrap_or_else(|| Phrase::plain(NOT_REACHED_YET));
                (State::Unknown, crate::status::unknown_sentence(&reason), Some(reason))
            }
        };
        let Assessment { components, incident, maintenance, .. } = assessment.unwrap_or_else(empty_assessment);
        StatusView {
            state,
            words: state.words(),
            badge: badge_for(state),
            sentence,
            reason,
            components,
            incident,
            maintenance,
            checked: self.last_checked_at.map(|at| Phrase::with("status_checked", [ago(at, now).into()])),
            last_known,
            page_url: summary.and_then(|summary| summary.page_url).unwrap_or_else(|| CLAUDE_STATUS_PAGE.to_string()),
            fresh_until: match (state, self.last_good_at) {
                (State::Unknown, _) | (_, None) => None,
                (_, Some(good)) => Some(good + STALE_AFTER_MS),
            },
        }
    }

    /// What to do when watching starts at `now`, with the next poll due at `next_poll_at` (if one is set).
    pub fn on_watching_started(&self, now: f64, next_poll_at: Option<f64>) -> WatchAction {
        let due = self.last_checked_at.is_none_or(|checked| now - checked >= WATCHING_INTERVAL_MS);
        let latest_acceptable = now + self.next_poll_delay_ms(true, 1.0);
        match next_poll_at {
            _ if due => WatchAction::PollNow,
            Some(at) if at <= latest_acceptable => WatchAction::Keep,
            _ => WatchAction::Reschedule,
        }
    }

    /// How long to wait before the next poll. `random` is uniform in `[0, 1)` (from `Math.random()`), passed
    /// in so tests can pin it.
    pub fn next_poll_delay_ms(&self, watching: bool, random: f64) -> f64 {
        let base = if watching { WATCHING_INTERVAL_MS } else { IDLE_INTERVAL_MS };
        let backoff = base * 2f64.powi(self.consecutive_failures.min(16) as i32);
        let random = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.5 };
        backoff.min(BACKOFF_CAP_MS) * (1.0 - JITTER + 2.0 * JITTER * random)
    }
}

const NOT_REACHED_YET: &str = "unknown_not_reached";

fn too_large() -> Phrase {
    Phrase::new("unknown_too_large", [MAX_BODY_BYTES / (1024 * 1024)])
}

fn network_reason(detail: &str) -> Phrase {
    let detail: String = detail.chars().take(120).collect();
    if detail.is_empty() {
        Phrase::plain("unknown_unreachable")
    } else {
        Phrase::new("unknown_unreachable_because", [detail])
    }
}

fn empty_assessment() -> Assessment {
    Assessment {
        state: State::Unknown,
        sentence: Phrase::plain(NOT_REACHED_YET),
        reason: None,
        components: Vec::new(),
        incident: None,
        maintenance: None,
    }
}

/// The badge for each state: text and colour both differ, so the state reads without colour vision.
pub fn badge_for(state: State) -> Badge {
    match state {
        State::Operational => Badge { text: "", color: "#15803d", text_color: "#ffffff", icon: "ok" },
        State::Degraded => Badge { text: "!", color: "#f59e0b", text_color: "#000000", icon: "degraded" },
        State::Maintenance => Badge { text: "MNT", color: "#2563eb", text_color: "#ffffff", icon: "maintenance" },
        State::PartialOutage => Badge { text: "OUT", color: "#dc2626", text_color: "#ffffff", icon: "down" },
        State::MajorOutage => Badge { text: "DOWN", color: "#b91c1c", text_color: "#ffffff", icon: "down" },
        State::Unknown => Badge { text: "?", color: "#6b7280", text_color: "#ffffff", icon: "unknown" },
    }
}

#[cfg(test)]
mod tests;
