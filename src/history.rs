//! What Reroute saw, kept locally for 30 days: Claude going down (and why) and coming back, the status page's
//! incidents, and the reroutes made. Never any prompt text: events hold kinds, times, target ids and incident
//! titles only. Bounded in size, summarised per day for the uptime strip, exported as JSON or CSV.
//!
//! ```
//! use reroute::history::{Cause, Event, History, DAY_MS};
//! let mut history = History::new(0.0);
//! history.record(Event::Down { at: DAY_MS, cause: Cause::Outage });
//! history.record(Event::Back { at: DAY_MS + DAY_MS / 10.0 });
//! let summary = history.summary(2.0 * DAY_MS - 1.0, 2); // the last moment of day 2
//! assert_eq!(summary.uptime_percent, 95.0); // down 10 % of one of two days
//! ```

use serde::{Deserialize, Serialize};

/// One day, in milliseconds.
pub const DAY_MS: f64 = 86_400_000.0;
/// How long events are kept.
pub const KEEP_MS: f64 = 30.0 * DAY_MS;
/// At most this many events, oldest dropped first (a flapping week must not fill storage).
pub const MAX_EVENTS: usize = 2_000;

/// Why Reroute judged Claude down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// Errors on a claude.ai page.
    Outage,
    /// A limit message the evidence contradicts.
    FalseLimit,
    /// Sign-in failures.
    Auth,
    /// Planned maintenance.
    Maintenance,
    /// The status page alone reported an outage.
    Status,
}

impl Cause {
    /// As CSV and the popup say it.
    pub fn words(self) -> &'static str {
        match self {
            Self::Outage => "errors",
            Self::FalseLimit => "false limit",
            Self::Auth => "sign-in failure",
            Self::Maintenance => "maintenance",
            Self::Status => "status page outage",
        }
    }
}

/// Something Reroute saw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Event {
    /// Claude went down.
    Down {
        /// When (ms since the epoch).
        at: f64,
        /// Why.
        cause: Cause,
    },
    /// Claude came back.
    Back {
        /// When.
        at: f64,
    },
    /// The status page showed a new incident.
    Incident {
        /// When it was first seen.
        at: f64,
        /// Its title.
        name: String,
    },
    /// A prompt went to another assistant (its text is never kept).
    Reroute {
        /// When.
        at: f64,
        /// Which target.
        target: String,
        /// How the delivery ended.
        outcome: String,
    },
}

impl Event {
    /// When it happened.
    pub fn at(&self) -> f64 {
        match self {
            Self::Down { at, .. } | Self::Back { at } | Self::Incident { at, .. } | Self::Reroute { at, .. } => *at,
        }
    }
}

/// The log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// When Reroute started keeping it (the uptime is over what it watched, not before).
    pub since: f64,
    /// Oldest first.
    pub events: Vec<Event>,
}

/// One day of the strip.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Day {
    /// Midnight UTC starting the day.
    pub start: f64,
    /// Share of the day Claude was down, 0 to 1 (of the part Reroute watched).
    pub down: f64,
    /// Whether Reroute was watching at all that day.
    pub watched: bool,
    /// Why it went down that day, each cause once.
    pub causes: Vec<Cause>,
    /// Status page incidents first seen that day.
    pub incidents: Vec<String>,
    /// Prompts rerouted that day.
    pub reroutes: usize,
}

/// The strip and its headline figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Up-time over the watched part of the period, one decimal.
    pub uptime_percent: f64,
    /// Oldest first.
    pub days: Vec<Day>,
    /// Reroutes over the period.
    pub reroutes: usize,
    /// Whether Claude is down right now.
    pub down_now: bool,
    /// Whether Reroute watched the whole period (else the figure is since it started watching).
    pub whole_period: bool,
    /// The status page's incidents acknowledged over the period after Reroute saw Claude failing for the user.
    pub lags: Vec<Lag>,
    /// Their median lag, ms.
    pub median_lag_ms: Option<f64>,
}

/// How far behind the status page was on one incident: Reroute saw Claude failing for the user at
/// `first_failure_at`, and the status page showed the incident at `acknowledged_at`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lag {
    /// The incident's title.
    pub name: String,
    /// When Reroute first saw Claude failing in this spell, Unix ms.
    pub first_failure_at: f64,
    /// When the status page first showed the incident, Unix ms.
    pub acknowledged_at: f64,
    /// The difference, ms.
    pub lag_ms: f64,
    /// The same in whole minutes, as the exports say it.
    pub lag_minutes: u32,
}

impl History {
    /// An empty log started at `now`.
    pub fn new(now: f64) -> Self {
        Self { since: now, events: Vec::new() }
    }

    /// The stored log (a JSON string), or a new one when there is none or it is unreadable.
    pub fn from_stored(stored: Option<&str>, now: f64) -> Self {
        let mut history: Self =
            stored.and_then(|json| serde_json::from_str(json).ok()).unwrap_or_else(|| Self::new(now));
        if !history.since.is_finite() || history.since > now {
            history.since = now;
        }
        history.events.retain(|event| event.at().is_finite());
        history.events.sort_by(|a, b| a.at().total_cmp(&b.at()));
        history
    }

    /// Adds `event`, dropping what is older than 30 days and the oldest beyond the size bound.
    pub fn record(&mut self, event: Event) {
        let now = event.at();
        self.events.push(event);
        self.events.sort_by(|a, b| a.at().total_cmp(&b.at()));
        let cutoff = now - KEEP_MS;
        self.events.retain(|event| event.at() >= cutoff);
        if self.events.len() > MAX_EVENTS {
            self.events.drain(..self.events.len() - MAX_EVENTS);
        }
        self.since = self.since.max(cutoff);
    }

    /// How many "down" spells started at or after `since`.
    pub fn downs_since(&self, since: f64) -> usize {
        self.events.iter().filter(|event| matches!(event, Event::Down { at, .. } if *at >= since)).count()
    }

    /// Whether the status page incident `name` was already logged.
    pub fn knows_incident(&self, name: &str) -> bool {
        self.events.iter().any(|event| matches!(event, Event::Incident { name: known, .. } if known == name))
    }

    /// The intervals Claude was down, clipped to [from, to].
    fn down_intervals(&self, from: f64, to: f64) -> Vec<(f64, f64)> {
        let mut intervals = Vec::new();
        let mut down_since: Option<f64> = None;
        for event in &self.events {
            match event {
                Event::Down { at, .. } => down_since = down_since.or(Some(*at)),
                Event::Back { at } => {
                    if let Some(start) = down_since.take() {
                        intervals.push((start, *at));
                    }
                }
                _ => {}
            }
        }
        if let Some(start) = down_since {
            intervals.push((start, to));
        }
        intervals.into_iter().map(|(a, b)| (a.max(from), b.min(to))).filter(|(a, b)| b > a).collect()
    }

    /// The last `days` days up to `now`, one entry per UTC day, and the up-time over what was watched.
    pub fn summary(&self, now: f64, days: usize) -> Summary {
        let today = (now / DAY_MS).floor() * DAY_MS;
        let first = today - (days.saturating_sub(1) as f64) * DAY_MS;
        let intervals = self.down_intervals(first, now);
        let overlap =
            |from: f64, to: f64| -> f64 { intervals.iter().map(|(a, b)| (b.min(to) - a.max(from)).max(0.0)).sum() };
        let day_list: Vec<Day> = (0..days)
            .map(|index| {
                let start = first + index as f64 * DAY_MS;
                let end = (start + DAY_MS).min(now);
                let watched_from = start.max(self.since);
                let watched = end > watched_from;
                let in_day = |event: &&Event| event.at() >= start && event.at() < start + DAY_MS;
                let mut causes: Vec<Cause> = self
                    .events
                    .iter()
                    .filter(in_day)
                    .filter_map(|event| match event {
                        Event::Down { cause, .. } => Some(*cause),
                        _ => None,
                    })
                    .collect();
                causes.sort();
                causes.dedup();
                Day {
                    start,
                    down: if watched { overlap(watched_from, end) / (end - watched_from) } else { 0.0 },
                    watched,
                    causes,
                    incidents: self
                        .events
                        .iter()
                        .filter(in_day)
                        .filter_map(|event| match event {
                            Event::Incident { name, .. } => Some(name.clone()),
                            _ => None,
                        })
                        .collect(),
                    reroutes: self.events.iter().filter(in_day).filter(|e| matches!(e, Event::Reroute { .. })).count(),
                }
            })
            .collect();
        let lags: Vec<Lag> = self.lags().into_iter().filter(|lag| lag.acknowledged_at >= first).collect();
        let watched_from = first.max(self.since);
        let watched_ms = (now - watched_from).max(0.0);
        let uptime = if watched_ms > 0.0 { 100.0 * (1.0 - overlap(watched_from, now) / watched_ms) } else { 100.0 };
        Summary {
            uptime_percent: (uptime * 10.0).round() / 10.0,
            reroutes: day_list.iter().map(|day| day.reroutes).sum(),
            down_now: matches!(
                self.events.iter().rev().find(|e| matches!(e, Event::Down { .. } | Event::Back { .. })),
                Some(Event::Down { .. })
            ),
            days: day_list,
            whole_period: self.since <= first,
            median_lag_ms: median(&lags.iter().map(|lag| lag.lag_ms).collect::<Vec<_>>()),
            lags,
        }
    }

    /// Every incident the status page showed while Reroute already saw Claude failing for the user (a spell
    /// that began with failures on claude.ai, not with the status page), with how long after the spell's
    /// first failure it came. The figure no status page publishes: how late it is for this user.
    pub fn lags(&self) -> Vec<Lag> {
        let mut spell: Option<(f64, Cause)> = None;
        let mut lags = Vec::new();
        for event in &self.events {
            match event {
                Event::Down { at, cause } => {
                    spell.get_or_insert((*at, *cause));
                }
                Event::Back { .. } => spell = None,
                Event::Incident { at, name } => {
                    if let Some((start, _)) = spell.filter(|(start, cause)| *cause != Cause::Status && at >= start) {
                        let lag_ms = at - start;
                        lags.push(Lag {
                            name: name.clone(),
                            first_failure_at: start,
                            acknowledged_at: *at,
                            lag_ms,
                            lag_minutes: (lag_ms / 60_000.0).round() as u32,
                        });
                    }
                }
                Event::Reroute { .. } => {}
            }
        }
        lags
    }

    /// The log as CSV: `time,event,detail,outcome,status_page_lag_minutes` (the last only for an incident the
    /// status page showed after Reroute saw failures), times in RFC 3339 UTC.
    pub fn to_csv(&self) -> String {
        let lags = self.lags();
        let mut csv = String::from("time,event,detail,outcome,status_page_lag_minutes\n");
        for event in &self.events {
            let (kind, detail, outcome) = match event {
                Event::Down { cause, .. } => ("down", cause.words().to_string(), String::new()),
                Event::Back { .. } => ("back", String::new(), String::new()),
                Event::Incident { name, .. } => ("incident", name.clone(), String::new()),
                Event::Reroute { target, outcome, .. } => ("reroute", target.clone(), outcome.clone()),
            };
            let lag = match event {
                Event::Incident { at, .. } => lags
                    .iter()
                    .find(|lag| lag.acknowledged_at == *at)
                    .map(|lag| lag.lag_minutes.to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            csv.push_str(&format!(
                "{},{kind},{},{},{lag}\n",
                crate::time::format_rfc3339(event.at()),
                csv_field(&detail),
                csv_field(&outcome)
            ));
        }
        csv
    }

    /// The log as JSON, with the status page's lag per incident.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&serde_json::json!({
            "since": self.since,
            "events": self.events,
            "statusPageLags": self.lags(),
        }))
        .unwrap_or_default()
    }
}

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[middle]),
        _ => Some((sorted[middle - 1] + sorted[middle]) / 2.0),
    }
}

/// A CSV field, quoted when it must be; a leading formula character is defused for spreadsheets.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests;
