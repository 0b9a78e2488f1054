//! Signals over time → one verdict per claude.ai tab: is Claude failing this user right now, why, and how sure
//! is Reroute.
//!
//! Signals come from four places: texts claude.ai shows outside the conversation ([`Event::PageText`]), its API
//! responses seen by `webRequest` ([`Event::Http`], [`Event::NetworkError`], [`Event::Send`]), the completion
//! stream's event types ([`Event::Stream`]), and the browser's connectivity ([`Event::Online`]). The status page
//! comes in through [`Context`]. Everything here is pure: the background stores a [`TabState`] per tab and
//! calls [`TabState::observe`] and [`TabState::verdict`].
//!
//! Rules worth knowing:
//! - Signals expire after [`SIGNAL_WINDOW_MS`], and a reply that completes voids every failure before it.
//! - Strong evidence (an error screen, a capacity error, HTTP 5xx on a reply, an `overloaded_error` event)
//!   makes an outage alone; weak evidence ("Something went wrong", a reply that didn't load) needs a second,
//!   independent signal (network or status page) first.
//! - A limit message is *false* when the evidence says the user can't really be out of messages.
//!
//! ```
//! use reroute::verdict::{Context, Event, TabState, VerdictKind};
//! let mut tab = TabState::default();
//! let context = Context::at(60_000.0);
//! tab.observe(Event::Send, 0.0);
//! tab.observe(Event::Http { status: 529, completion: true, challenge: false }, 1_000.0);
//! let verdict = tab.verdict(&context);
//! assert_eq!(verdict.kind, VerdictKind::Outage);
//! assert_eq!(reroute::phrase::english(&verdict.reasons), ["1 of the last 1 replies failed with HTTP 529"]);
//! ```

use serde::{Deserialize, Serialize};

use crate::claude::{classify_text, Surface, TextKind};
use crate::phrase::Phrase;
use crate::poll::Badge;
use crate::status::State;

/// How long a signal counts.
pub const SIGNAL_WINDOW_MS: f64 = 10.0 * 60_000.0;
/// The usage window claude.ai's limits are counted in.
pub const LIMIT_WINDOW_MS: f64 = 5.0 * 3_600_000.0;
/// At most this many sends in the limit window, observed over the whole window, means a limit message is false.
pub const FEW_SENDS: u32 = 3;
/// Below this share of the 5-hour window used, a limit message is false.
pub const LOW_UTILIZATION: f64 = 0.8;
/// Signals kept per tab; older ones fall off.
const MAX_SIGNALS: usize = 48;
/// Failure texts kept per tab (one per page element).
const MAX_PAGE_FAILURES: usize = 16;
/// Longest quote of a page text in a reason.
const QUOTE_CHARS: usize = 90;
/// An exceeded limit holds until its reset time, but never longer than this (the weekly window), whatever a
/// page claims.
const MAX_LIMIT_HOLD_MS: f64 = 7.0 * 24.0 * 3_600_000.0;
/// The key of the page failure an error-screen route makes.
const ROUTE_KEY: &str = "route";
/// How long after a completion request started its stream events are still taken: claude.ai's longest replies
/// stream for minutes; a stream event later than this belongs to no request Reroute saw.
pub const STREAM_OPEN_MS: f64 = 15.0 * 60_000.0;
/// At most this many completions counted as in flight at once (a retry may start before the last one ended).
const MAX_OPEN_STREAMS: u32 = 4;

/// Something observed on or about one claude.ai tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Event {
    /// A text appeared outside the conversation; `key` names its page element until it goes.
    PageText {
        /// The content script's id for the element.
        key: String,
        /// Where it showed.
        surface: Surface,
        /// What it says (capped by the content script).
        text: String,
    },
    /// The element with that key left the page.
    PageCleared {
        /// The content script's id for the element.
        key: String,
    },
    /// The user sent a message (a completion request started).
    Send,
    /// A claude.ai API response.
    Http {
        /// HTTP status.
        status: u16,
        /// Whether it answered a completion (a reply) rather than another API call.
        completion: bool,
        /// Whether it was a Cloudflare challenge (`cf-mitigated: challenge`, or an HTML 403): a check of the
        /// user's browser, not a failure of Claude's, so it is no signal at all.
        #[serde(default)]
        challenge: bool,
    },
    /// A claude.ai API request that got no HTTP answer.
    NetworkError {
        /// The browser's error, e.g. `net::ERR_INTERNET_DISCONNECTED`.
        error: String,
        /// Whether it was a completion.
        completion: bool,
    },
    /// The completion stream's `event: error`, possibly inside an HTTP 200.
    StreamError {
        /// `error.type`, e.g. `overloaded_error`.
        #[serde(rename = "errorType")]
        error_type: String,
    },
    /// The completion stream's `message_limit` event.
    StreamLimit {
        /// `within_limit` or `exceeded_limit` (or what a later version sends).
        #[serde(rename = "limitType")]
        limit_type: String,
        /// The 5-hour window's utilisation, 0 to 1, when given.
        #[serde(default)]
        utilization: Option<f64>,
        /// When the limit resets, Unix seconds, when given (the stream's event and the HTTP 429 answer both
        /// carry `resetsAt`).
        #[serde(default, rename = "resetsAt")]
        resets_at: Option<f64>,
        /// The windows it reports (5-hour, 7-day), for the usage the popup shows (usage.rs).
        #[serde(default)]
        windows: Option<crate::usage::Windows>,
    },
    /// The completion stream's `message_stop`: a reply completed.
    StreamDone,
    /// A reply's stream ended, or broke, before its `message_stop` (and without an error event): the site
    /// shows such a reply as interrupted.
    StreamCut,
    /// The page is at one of claude.ai's error-screen routes (`/maintenance`, `/restricted`), or left it
    /// (`path` another route).
    Route {
        /// The URL's path.
        path: String,
    },
    /// The browser went online or offline.
    Online {
        /// `navigator.onLine`.
        online: bool,
    },
}

/// What a stored signal is. Stored shapes use serde's default (external) tagging on purpose: internal tags
/// and `flatten` buffer every value through serde's `Content`, which costs tens of kilobytes of wasm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
enum Signal {
    Send,
    Http {
        status: u16,
        completion: bool,
    },
    NetworkError {
        offline: bool,
        completion: bool,
    },
    StreamError {
        error_type: String,
    },
    Limit {
        exceeded: bool,
        utilization: Option<f64>,
        /// Unix ms; an exceeded limit holds until then (or until a reply completes), past the signal window.
        #[serde(default)]
        resets_at: Option<f64>,
    },
    Done,
    StreamCut,
}

impl Timed {
    /// Until when this signal counts.
    fn holds_until(&self) -> f64 {
        match self.signal {
            Signal::Limit { exceeded: true, resets_at: Some(resets_at), .. } => {
                (self.at + SIGNAL_WINDOW_MS).max(resets_at.min(self.at + MAX_LIMIT_HOLD_MS))
            }
            _ => self.at + SIGNAL_WINDOW_MS,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Timed {
    at: f64,
    signal: Signal,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageFailure {
    key: String,
    kind: TextKind,
    surface: Surface,
    quote: String,
    at: f64,
}

/// What Reroute remembers about one tab; stored in `storage.session`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TabState {
    signals: Vec<Timed>,
    page: Vec<PageFailure>,
    offline: bool,
    dismissed: Option<String>,
    /// Completion requests webRequest saw start in this tab ([`Event::Send`]) whose stream hasn't ended yet.
    /// Stream events come through the page (claude-stream.js posts them as window messages, which any page
    /// script can post too), so they are only taken while the browser itself saw a completion in flight, and
    /// each completion's stream ends once.
    open_streams: u32,
    /// When the last of them started.
    last_send: Option<f64>,
    /// Stream events that came before any request they could belong to, with when: the browser may hand them
    /// over first (Firefox, waking its event page, delivers the events it queued in any order). Taken if a
    /// request starts within [`EARLY_STREAM_MS`], dropped otherwise.
    early: Vec<(f64, Event)>,
    /// The last `message_limit` taken (so from a completion the browser saw), for the usage the popup shows:
    /// when, its type, its windows and reset time. The background copies it into its usage record (usage.rs).
    usage_report: Option<UsageReport>,
}

/// A `message_limit` Reroute took, as the usage record needs it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageReport {
    /// When it was taken, Unix ms.
    pub at: f64,
    /// `within_limit` or `exceeded_limit`.
    pub limit_type: String,
    /// Its windows.
    pub windows: Option<crate::usage::Windows>,
    /// When the limit resets, Unix seconds.
    pub resets_at: Option<f64>,
}

/// How long a stream event may wait for the request it belongs to.
const EARLY_STREAM_MS: f64 = 3_000.0;

/// What the background knows beyond the tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Context {
    /// Now, Unix ms.
    pub now: f64,
    /// The status page's state.
    pub status: State,
    /// The status page's sentence, for reasons.
    pub status_sentence: Phrase,
    /// The status page itself can't be reached over the network: with claude.ai failing too, the user's
    /// connection is the likelier cause.
    pub status_unreachable: bool,
    /// Sends observed in this browser over the last 5 hours.
    pub sends_in_window: u32,
    /// Whether Reroute has been watching for the whole 5-hour window, so that the count means something.
    pub observed_whole_window: bool,
}

impl Default for Context {
    fn default() -> Self {
        Self {
            now: 0.0,
            status: State::Unknown,
            status_sentence: Phrase::plain("status_operational_sentence"),
            status_unreachable: false,
            sends_in_window: 0,
            observed_whole_window: false,
        }
    }
}

impl Context {
    /// A context at `now` with nothing known beyond the tab.
    pub fn at(now: f64) -> Self {
        Self { now, ..Self::default() }
    }
}

/// What Reroute concludes about a tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    /// Claude works, as far as Reroute can tell.
    Ok,
    /// Claude is failing.
    Outage,
    /// A limit message the evidence contradicts.
    FalseLimit,
    /// A real usage limit.
    Limit,
    /// Claude can't sign the user in.
    Auth,
    /// The user's own connection is down.
    Offline,
    /// Planned maintenance.
    Maintenance,
}

impl VerdictKind {
    fn badge(self) -> Option<Badge> {
        let text = match self {
            Self::Ok => return None,
            Self::Outage => "ERR",
            Self::FalseLimit => "LIM?",
            Self::Limit => "LIM",
            Self::Auth => "AUTH",
            Self::Offline => "OFF",
            Self::Maintenance => "MNT",
        };
        // Red for every blocking verdict: the tab needs attention, whatever the cause.
        Some(Badge { text, color: "#dc2626", text_color: "#ffffff", icon: "down" })
    }
}

/// The verdict for one tab.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// What it is.
    pub kind: VerdictKind,
    /// 0 to 1.
    pub confidence: f64,
    /// One short sentence for the in-page offer, e.g. "Claude is failing: capacity errors on the last 2 replies".
    pub headline: Phrase,
    /// The evidence, one sentence each.
    pub reasons: Vec<Phrase>,
    /// The tab's badge while this verdict holds; `None` for ok.
    pub badge: Option<Badge>,
    /// Names this incident, so a dismissed offer stays away until a new one starts.
    pub incident: Option<String>,
    /// Whether to show the in-page offer: blocking, and not dismissed for this incident.
    pub offer: bool,
    /// When the exceeded limit behind this verdict resets, Unix ms (a prompt held for Claude is ready then).
    pub resets_at: Option<f64>,
    /// Since when Claude has been failing for this user here: the first failure this verdict rests on, Unix ms.
    pub since: Option<f64>,
}

fn is_offline_error(error: &str) -> bool {
    const OFFLINE: &[&str] = &[
        "ERR_INTERNET_DISCONNECTED",
        "ERR_NAME_NOT_RESOLVED",
        "ERR_NETWORK_CHANGED",
        "ERR_ADDRESS_UNREACHABLE",
        "NS_ERROR_OFFLINE",
        "NS_ERROR_UNKNOWN_HOST",
    ];
    OFFLINE.iter().any(|code| error.contains(code))
}

/// Aborted requests are the page or the user cancelling (navigation, Stop), not failures.
fn is_abort(error: &str) -> bool {
    error.contains("ERR_ABORTED") || error.contains("NS_BINDING_ABORTED") || error.contains("ERR_BLOCKED")
}

fn quote(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("\u{201c}{}\u{2026}\u{201d}", text[..cut].trim_end()),
        None => format!("\u{201c}{text}\u{201d}"),
    }
}

impl TabState {
    /// Takes in one event at `now`. Returns whether anything changed.
    pub fn observe(&mut self, event: Event, now: f64) -> bool {
        if event != Event::Send {
            return self.observe_one(event, now);
        }
        let early: Vec<(f64, Event)> =
            std::mem::take(&mut self.early).into_iter().filter(|(at, _)| now - *at <= EARLY_STREAM_MS).collect();
        self.observe_one(Event::Send, now);
        for (_, event) in early {
            self.observe_one(event, now);
        }
        true
    }

    fn observe_one(&mut self, event: Event, now: f64) -> bool {
        let signal = match event {
            Event::PageText { key, surface, text } => {
                let Some(kind) = classify_text(&text) else {
                    // Not (or no longer) a failure text: the element may have changed to something harmless.
                    return self.clear(&key);
                };
                self.page.retain(|failure| failure.key != key);
                self.page.push(PageFailure { key, kind, surface, quote: quote(&text), at: now });
                if self.page.len() > MAX_PAGE_FAILURES {
                    self.page.remove(0);
                }
                return true;
            }
            Event::PageCleared { key } => return self.clear(&key),
            Event::Online { online } => {
                let changed = self.offline == online;
                self.offline = !online;
                return changed;
            }
            Event::Route { path } => {
                if !crate::claude::is_error_route(&path) {
                    return self.clear(ROUTE_KEY);
                }
                self.page.retain(|failure| failure.key != ROUTE_KEY);
                let quote = quote(&path);
                self.page.push(PageFailure {
                    key: ROUTE_KEY.into(),
                    kind: TextKind::ServiceDisruption,
                    surface: Surface::Page,
                    quote,
                    at: now,
                });
                return true;
            }
            Event::Send => {
                self.open_streams = (self.open_streams + 1).min(MAX_OPEN_STREAMS);
                self.last_send = Some(now);
                Signal::Send
            }
            Event::StreamError { .. } | Event::StreamLimit { .. } | Event::StreamDone | Event::StreamCut
                if !self.stream_open(now) =>
            {
                self.early.retain(|(at, _)| now - *at <= EARLY_STREAM_MS);
                if self.early.len() < MAX_OPEN_STREAMS as usize {
                    self.early.push((now, event));
                }
                return false;
            }
            Event::Http { challenge: true, .. } => return false,
            Event::Http { status, completion, .. } => Signal::Http { status, completion },
            Event::NetworkError { error, .. } if is_abort(&error) => return false,
            Event::NetworkError { error, completion } => {
                Signal::NetworkError { offline: is_offline_error(&error), completion }
            }
            Event::StreamError { error_type } => {
                self.open_streams -= 1;
                Signal::StreamError { error_type: error_type.chars().take(40).collect() }
            }
            Event::StreamLimit { limit_type, utilization, resets_at, windows } => Signal::Limit {
                exceeded: {
                    self.usage_report = Some(UsageReport {
                        at: now,
                        limit_type: limit_type.chars().take(40).collect(),
                        windows,
                        resets_at,
                    });
                    // An exceeded limit ends the request (as a stream event or as the 429's answer).
                    let exceeded = limit_type == "exceeded_limit";
                    self.open_streams -= u32::from(exceeded);
                    exceeded
                },
                utilization: utilization.filter(|u| u.is_finite()).map(|u| u.clamp(0.0, 1.0)),
                resets_at: resets_at.filter(|at| at.is_finite() && *at > 0.0).map(|at| at * 1000.0),
            },
            Event::StreamDone => {
                self.open_streams -= 1;
                Signal::Done
            }
            Event::StreamCut => {
                self.open_streams -= 1;
                Signal::StreamCut
            }
        };
        self.signals.push(Timed { at: now, signal });
        if self.signals.len() > MAX_SIGNALS {
            self.signals.remove(0);
        }
        true
    }

    /// When the last reply Reroute took completed.
    pub fn last_reply_at(&self) -> Option<f64> {
        self.signals.iter().rev().find(|timed| timed.signal == Signal::Done).map(|timed| timed.at)
    }

    /// The last `message_limit` taken from a completion the browser saw.
    pub fn usage_report(&self) -> Option<&UsageReport> {
        self.usage_report.as_ref()
    }

    /// Whether a completion webRequest saw is still streaming, as far as Reroute knows.
    fn stream_open(&self, now: f64) -> bool {
        self.open_streams > 0 && self.last_send.is_some_and(|at| now - at >= 0.0 && now - at < STREAM_OPEN_MS)
    }

    fn clear(&mut self, key: &str) -> bool {
        let before = self.page.len();
        self.page.retain(|failure| failure.key != key);
        before != self.page.len()
    }

    /// The user dismissed the offer for `incident`.
    pub fn dismiss(&mut self, incident: &str) {
        self.dismissed = Some(incident.chars().take(80).collect());
    }

    /// The verdict at `context.now`.
    pub fn verdict(&self, context: &Context) -> Verdict {
        let now = context.now;
        // A completed reply voids every failure before it.
        let last_success = self
            .signals
            .iter()
            .filter(|timed| timed.signal == Signal::Done)
            .map(|timed| timed.at)
            .fold(f64::NEG_INFINITY, f64::max);
        let recent: Vec<&Timed> = self
            .signals
            .iter()
            .filter(|timed| timed.at > last_success && timed.at <= now && timed.holds_until() > now)
            .collect();
        let page: Vec<&PageFailure> = self.page.iter().filter(|failure| failure.at > last_success).collect();
        let mut evidence = Evidence::gather(&recent, &page);
        evidence.offline = self.offline;
        // What the server last said about the limit is context, not a failure: a completed reply carries it,
        // so it must outlive that reply.
        evidence.last_limit = self
            .signals
            .iter()
            .filter(|timed| timed.holds_until() > now && timed.at <= now)
            .filter_map(|timed| match timed.signal {
                // An exceeded limit is over once a reply completes after it.
                Signal::Limit { exceeded: true, .. } if timed.at <= last_success => None,
                Signal::Limit { exceeded, utilization, .. } => Some((exceeded, utilization)),
                _ => None,
            })
            .next_back();
        let (kind, confidence, headline, reasons) = evidence.decide(context);

        let since = (kind != VerdictKind::Ok).then(|| {
            let first = recent
                .iter()
                .filter(|timed| {
                    !matches!(timed.signal, Signal::Send | Signal::Done | Signal::Limit { exceeded: false, .. })
                })
                .map(|timed| timed.at)
                .chain(page.iter().map(|failure| failure.at))
                .fold(f64::INFINITY, f64::min);
            if first.is_finite() {
                first
            } else {
                now
            }
        });
        let incident = since.map(|first| format!("{}-{}", kind_name(kind), first as u64));
        let offer = kind != VerdictKind::Ok && incident.is_some() && incident != self.dismissed;
        let resets_at = recent
            .iter()
            .filter_map(|timed| match timed.signal {
                Signal::Limit { exceeded: true, resets_at, .. } => resets_at,
                _ => None,
            })
            .next_back()
            .filter(|_| kind != VerdictKind::Ok);
        Verdict { kind, confidence, headline, reasons, badge: kind.badge(), incident, offer, resets_at, since }
    }
}

fn kind_name(kind: VerdictKind) -> &'static str {
    match kind {
        VerdictKind::Ok => "ok",
        VerdictKind::Outage => "outage",
        VerdictKind::FalseLimit => "false-limit",
        VerdictKind::Limit => "limit",
        VerdictKind::Auth => "auth",
        VerdictKind::Offline => "offline",
        VerdictKind::Maintenance => "maintenance",
    }
}

/// The evidence in the window, sorted by what it points to.
struct Evidence<'a> {
    replies: u32,
    failed_replies: Vec<u16>,
    other_api_failures: u32,
    auth_statuses: Vec<u16>,
    rate_limited: bool,
    network_failures: u32,
    offline_errors: u32,
    stream_errors: Vec<&'a str>,
    stream_cuts: u32,
    last_limit: Option<(bool, Option<f64>)>,
    page: Vec<&'a PageFailure>,
    offline: bool,
}

impl<'a> Evidence<'a> {
    fn gather(recent: &[&'a Timed], page: &[&'a PageFailure]) -> Self {
        let mut evidence = Evidence {
            replies: 0,
            failed_replies: Vec::new(),
            other_api_failures: 0,
            auth_statuses: Vec::new(),
            rate_limited: false,
            network_failures: 0,
            offline_errors: 0,
            stream_errors: Vec::new(),
            stream_cuts: 0,
            last_limit: None,
            page: page.to_vec(),
            offline: false,
        };
        for timed in recent {
            match &timed.signal {
                Signal::Send => evidence.replies += 1,
                Signal::Http { status: 401 | 403, .. } => evidence.auth_statuses.push(403),
                Signal::Http { status: 429, completion: true } => evidence.rate_limited = true,
                Signal::Http { status: status @ (500..=599), completion: true } => {
                    evidence.failed_replies.push(*status)
                }
                Signal::Http { status: 500..=599, completion: false } => evidence.other_api_failures += 1,
                Signal::Http { .. } => {}
                Signal::NetworkError { offline: true, .. } => evidence.offline_errors += 1,
                Signal::NetworkError { offline: false, .. } => evidence.network_failures += 1,
                Signal::StreamError { error_type } => evidence.stream_errors.push(error_type),
                Signal::StreamCut => evidence.stream_cuts += 1,
                Signal::Limit { .. } | Signal::Done => {}
            }
        }
        evidence
    }

    fn page_has(&self, kinds: &[TextKind]) -> Option<&'a PageFailure> {
        self.page.iter().rev().find(|failure| kinds.contains(&failure.kind)).copied()
    }

    fn stream_has(&self, types: &[&str]) -> Option<&'a str> {
        self.stream_errors.iter().rev().find(|error| types.contains(error)).copied()
    }

    fn outage_stream_errors(&self) -> Vec<&'a str> {
        self.stream_errors.iter().filter(|error| OUTAGE_STREAM_ERRORS.contains(error)).copied().collect()
    }

    /// Replies that failed, by HTTP status, by an error event inside a 200, or by a stream cut short.
    fn reply_failures(&self) -> usize {
        self.failed_replies.len() + self.outage_stream_errors().len() + self.stream_cuts as usize
    }

    /// A failure text that is an outage on its own: an error screen, a capacity or server error, or the site's
    /// own warning in a reply's row that the reply failed.
    fn strong_page(&self) -> Option<&'a PageFailure> {
        const STRONG: &[TextKind] =
            &[TextKind::ServiceDisruption, TextKind::Capacity, TextKind::Busy, TextKind::ApiError];
        self.page.iter().rev().copied().find(|failure| {
            STRONG.contains(&failure.kind)
                || (failure.kind == TextKind::FailedReply && failure.surface == Surface::ReplyWarning)
        })
    }

    fn decide(&self, context: &Context) -> (VerdictKind, f64, Phrase, Vec<Phrase>) {
        let mut reasons = Vec::new();
        let status_failing = matches!(context.status, State::Degraded | State::PartialOutage | State::MajorOutage);
        let status_reason = || Phrase::with("reason_status_page", [context.status_sentence.clone().into()]);

        // The user's own connection first: everything else fails when it does.
        let connection_down = self.offline
            || self.offline_errors > 0
            || (self.network_failures > 0 && context.status_unreachable)
            || (self.page_has(&[TextKind::CheckConnection]).is_some() && context.status_unreachable);
        if connection_down {
            if self.offline {
                reasons.push(Phrase::plain("reason_browser_offline"));
            }
            if self.offline_errors > 0 {
                reasons.push(Phrase::new("reason_offline_requests", [self.offline_errors]));
            }
            if context.status_unreachable {
                reasons.push(Phrase::plain("reason_status_unreachable"));
            }
            if let Some(failure) = self.page_has(&[TextKind::CheckConnection, TextKind::CantReach]) {
                reasons.push(Phrase::new("reason_page_shows", [&failure.quote]));
            }
            return (VerdictKind::Offline, 0.9, Phrase::plain("verdict_offline"), reasons);
        }

        let any_failure = self.page.iter().any(|failure| !failure.kind.is_informational())
            || !self.failed_replies.is_empty()
            || !self.stream_errors.is_empty()
            || self.stream_cuts > 0
            || self.network_failures > 0
            || self.other_api_failures > 0;
        if context.status == State::Maintenance && any_failure {
            reasons.push(status_reason());
            self.outage_reasons(&mut reasons);
            return (VerdictKind::Maintenance, 0.9, Phrase::plain("verdict_maintenance"), reasons);
        }

        let auth_page = self.page_has(&[TextKind::Auth]);
        let auth_stream = self.stream_has(&["permission_error", "authentication_error"]);
        if auth_page.is_some() || auth_stream.is_some() || !self.auth_statuses.is_empty() {
            if let Some(failure) = auth_page {
                reasons.push(Phrase::new("reason_page_shows", [&failure.quote]));
            }
            if !self.auth_statuses.is_empty() {
                reasons.push(Phrase::new("reason_refused_403", [self.auth_statuses.len()]));
            }
            if let Some(error) = auth_stream {
                reasons.push(Phrase::new("reason_reply_ended", [error]));
            }
            let confidence = if reasons.len() > 1 { 0.9 } else { 0.75 };
            return (VerdictKind::Auth, confidence, Phrase::plain("verdict_auth"), reasons);
        }

        let limit_page = self.page_has(&[TextKind::LimitReached]);
        let limit_stream =
            matches!(self.last_limit, Some((true, _))) || self.stream_has(&["rate_limit_error"]).is_some();
        if limit_page.is_some() || limit_stream || self.rate_limited {
            if let Some(failure) = limit_page {
                reasons.push(Phrase::new("reason_page_shows", [&failure.quote]));
            }
            let mut contrary = Vec::new();
            if let Some((false, utilization)) = self.last_limit {
                match utilization {
                    Some(u) if u < LOW_UTILIZATION => {
                        contrary.push(Phrase::new("reason_low_utilization", [format!("{:.0}", u * 100.0)]))
                    }
                    None => contrary.push(Phrase::plain("reason_within_limit")),
                    _ => {}
                }
            }
            if context.observed_whole_window && context.sends_in_window <= FEW_SENDS {
                contrary.push(Phrase::new("reason_few_sends", [context.sends_in_window]));
            }
            if self.reply_failures() > 0 || self.network_failures > 0 || self.other_api_failures > 0 {
                contrary.push(Phrase::plain("reason_limit_amid_failures"));
            }
            if status_failing {
                contrary.push(status_reason());
            }
            if contrary.is_empty() {
                if limit_stream {
                    reasons.push(Phrase::plain("reason_limit_exceeded"));
                }
                if self.rate_limited {
                    reasons.push(Phrase::plain("reason_refused_429"));
                }
                return (VerdictKind::Limit, 0.8, Phrase::plain("verdict_limit"), reasons);
            }
            let confidence = (0.55 + 0.15 * contrary.len() as f64).min(0.95);
            reasons.extend(contrary);
            return (VerdictKind::FalseLimit, confidence, Phrase::plain("verdict_false_limit"), reasons);
        }

        // Outage: strong evidence alone, weak evidence with a second, independent source.
        let strong_page = self.strong_page();
        let strong_network = !self.failed_replies.is_empty() || self.stream_cuts > 0;
        let strong_stream = self.stream_has(OUTAGE_STREAM_ERRORS).is_some();
        let weak_page =
            self.page_has(&[TextKind::FailedReply, TextKind::CantReach, TextKind::Generic, TextKind::CheckConnection]);
        let weak_network = self.network_failures > 0 || self.other_api_failures > 0;
        let sources = [
            strong_page.is_some() || weak_page.is_some(),
            strong_network || weak_network,
            strong_stream,
            status_failing,
        ]
        .iter()
        .filter(|present| **present)
        .count();
        let strong = strong_page.is_some() || strong_network || strong_stream;
        if strong || (weak_page.is_some() || weak_network) && sources >= 2 {
            self.outage_reasons(&mut reasons);
            if status_failing {
                reasons.push(status_reason());
            }
            let confidence = (0.55 + 0.15 * sources as f64 + 0.05 * self.reply_failures().min(3) as f64).min(0.98);
            return (VerdictKind::Outage, confidence, self.outage_headline(), reasons);
        }

        if let Some(failure) = self.page_has(&[TextKind::LimitApproaching]) {
            reasons.push(Phrase::new("reason_page_warning", [&failure.quote]));
        }
        if weak_page.is_some() || weak_network {
            reasons.push(Phrase::plain("reason_unconfirmed"));
        }
        (VerdictKind::Ok, 0.0, Phrase::plain("verdict_ok"), reasons)
    }

    fn outage_reasons(&self, reasons: &mut Vec<Phrase>) {
        if !self.failed_replies.is_empty() {
            let mut statuses: Vec<String> = self.failed_replies.iter().map(u16::to_string).collect();
            statuses.dedup();
            let attempts = self.replies.max(self.failed_replies.len() as u32);
            let failed = self.failed_replies.len().to_string();
            reasons.push(Phrase::new("reason_replies_http", [failed, attempts.to_string(), statuses.join(", ")]));
        }
        let stream_failures = self.outage_stream_errors();
        if let Some(error) = stream_failures.last() {
            reasons.push(match stream_failures.len() {
                1 => Phrase::new("reason_reply_ended", [error]),
                n => Phrase::new("reason_replies_ended", [n.to_string(), error.to_string()]),
            });
        }
        if self.stream_cuts > 0 {
            reasons.push(Phrase::new("reason_stream_cut", [self.stream_cuts]));
        }
        for failure in self.page.iter().rev().filter(|failure| !failure.kind.is_informational()).take(2) {
            reasons.push(if failure.key == ROUTE_KEY {
                Phrase::new("reason_error_route", [&failure.quote])
            } else {
                Phrase::new("reason_page_shows", [&failure.quote])
            });
        }
        if self.network_failures > 0 {
            reasons.push(Phrase::new("reason_no_answer", [self.network_failures]));
        }
        if self.other_api_failures > 0 {
            reasons.push(Phrase::new("reason_other_api", [self.other_api_failures]));
        }
    }

    fn outage_headline(&self) -> Phrase {
        let failures = self.reply_failures();
        if self.page_has(&[TextKind::ServiceDisruption]).is_some() {
            Phrase::plain("verdict_disruption")
        } else if self.page_has(&[TextKind::Capacity, TextKind::Busy]).is_some()
            || self.stream_has(&["overloaded_error"]).is_some()
            || self.failed_replies.contains(&529)
        {
            match failures {
                0 | 1 => Phrase::plain("verdict_capacity_one"),
                n => Phrase::new("verdict_capacity_many", [n]),
            }
        } else {
            match failures {
                0 => Phrase::plain("verdict_no_replies"),
                1 => Phrase::plain("verdict_reply_failed"),
                n => Phrase::new("verdict_replies_failed", [n]),
            }
        }
    }
}

/// Stream error types that mean Claude itself is failing.
const OUTAGE_STREAM_ERRORS: &[&str] = &["overloaded_error", "api_error", "timeout_error", "internal_server_error"];

/// Sends observed in this browser, for the false-limit rule. Stored in `storage.local`: times only, no content.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SendLog {
    /// When Reroute started counting.
    pub observing_since: Option<f64>,
    /// Send times within the last 5 hours.
    pub sends: Vec<f64>,
}

impl SendLog {
    /// Starts counting at `now` if not yet started.
    pub fn start(&mut self, now: f64) {
        self.observing_since.get_or_insert(now);
    }

    /// Records a send at `now`, forgetting those outside the window.
    pub fn record(&mut self, now: f64) {
        self.start(now);
        self.sends.retain(|at| now - at < LIMIT_WINDOW_MS);
        if self.sends.len() < 1000 {
            self.sends.push(now);
        }
    }

    /// Sends within the window at `now`, and whether Reroute watched the whole window.
    pub fn window(&self, now: f64) -> (u32, bool) {
        let count = self.sends.iter().filter(|at| now - **at < LIMIT_WINDOW_MS).count() as u32;
        (count, self.observing_since.is_some_and(|since| now - since >= LIMIT_WINDOW_MS))
    }
}

#[cfg(test)]
mod tests;
