//! Claude going down and coming back, from everything Reroute sees at once: the verdicts of the open claude.ai
//! tabs and the status page. Each transition is logged in the [`History`] and may raise one notification:
//! never more than one per transition, "down" at most once every [`MIN_GAP_MS`] (a flapping service must
//! not flood the desktop), and "back" only after the user was told it was down.
//!
//! ```
//! use reroute::status::State;
//! use reroute::verdict::VerdictKind;
//! use reroute::watch::{step, Failing, Seen, WatchState};
//! use reroute::history::History;
//! let mut history = History::new(0.0);
//! use reroute::phrase::Phrase;
//! let failing = [Failing { kind: VerdictKind::Outage, headline: Phrase::plain("verdict_reply_failed"), reason: None }];
//! let seen = Seen { failing: &failing, status: State::Operational, incident: None };
//! let (state, note) = step(WatchState::default(), &mut history, &seen, 1_000.0, true);
//! assert_eq!(note.unwrap().headline.unwrap().english(), "Claude is failing: your last reply failed");
//! let calm = Seen { failing: &[], status: State::Operational, incident: None };
//! let (_, note) = step(state, &mut history, &calm, 2_000.0, true);
//! assert_eq!(note.unwrap().kind, "back");
//! ```

use serde::{Deserialize, Serialize};

use crate::history::{Cause, Event, History};
use crate::phrase::Phrase;
use crate::status::State;
use crate::verdict::VerdictKind;

/// The shortest time between two "Claude is down" notifications.
pub const MIN_GAP_MS: f64 = 10.0 * 60_000.0;

/// At most this many "down" spells are logged per 24 hours. A tab's verdict can flip on evidence a page feeds
/// in; without a cap a page flipping it in a loop would fill the log's 2,000 entries within minutes and push
/// out the 30 days before. 24 a day, with their "back", stay under that bound over the whole 30 days.
pub const MAX_DOWNS_PER_DAY: usize = 24;

/// What the watcher remembers between observations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WatchState {
    /// Whether Claude was down at the last observation.
    pub down: bool,
    /// Whether the user was told about the current (or last) down spell.
    pub told_down: bool,
    /// When the last "down" notification went out.
    pub last_down_note: Option<f64>,
}

/// A claude.ai tab whose verdict is not ok.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Failing {
    /// The verdict.
    pub kind: VerdictKind,
    /// Its headline.
    pub headline: Phrase,
    /// Its first reason.
    pub reason: Option<Phrase>,
}

/// Everything Reroute sees right now.
pub struct Seen<'a> {
    /// Tabs with a verdict other than ok.
    pub failing: &'a [Failing],
    /// The status page's state.
    pub status: State,
    /// The status page's open incident, by title.
    pub incident: Option<&'a str>,
}

/// A notification to show. Its fixed words are in `_locales` (notify*); the verdict's headline and reason
/// (phrases too), or the incident's title (the status page's own words), fill them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// "down" or "back": the id the extension gives it, so a click knows what it was.
    pub kind: &'static str,
    /// What saw it: "tab" (a claude.ai tab's verdict) or "status" (the status page); none for "back".
    pub source: Option<&'static str>,
    /// The verdict's headline, for a tab.
    pub headline: Option<Phrase>,
    /// The verdict's first reason, for a tab.
    pub reason: Option<Phrase>,
    /// The open incident's title, for the status page.
    pub incident: Option<String>,
}

/// Why Claude counts as down now, if it does: a failing tab's verdict first (it is what the user sees), else
/// the status page. A real usage limit and the user's own connection are not Claude being down.
fn down_cause<'a>(seen: &'a Seen) -> Option<(Cause, Option<&'a Failing>)> {
    let tab = seen.failing.iter().find_map(|failing| {
        let cause = match failing.kind {
            VerdictKind::Outage => Cause::Outage,
            VerdictKind::FalseLimit => Cause::FalseLimit,
            VerdictKind::Auth => Cause::Auth,
            VerdictKind::Maintenance => Cause::Maintenance,
            VerdictKind::Ok | VerdictKind::Limit | VerdictKind::Offline => return None,
        };
        Some((cause, Some(failing)))
    });
    tab.or(matches!(seen.status, State::PartialOutage | State::MajorOutage).then_some((Cause::Status, None)))
}

/// Takes one observation: logs a transition or a new incident in `history`, and returns the new state and the
/// notification to show, if any (`notify` is the user's switch).
pub fn step(
    state: WatchState,
    history: &mut History,
    seen: &Seen,
    now: f64,
    notify: bool,
) -> (WatchState, Option<Notification>) {
    if let Some(name) = seen.incident.filter(|name| !history.knows_incident(name)) {
        history.record(Event::Incident { at: now, name: name.chars().take(200).collect() });
    }
    match (state.down, down_cause(seen)) {
        // Over the cap, Claude stays "up" here: nothing logged, no notification, and so no "back" to log.
        (false, Some(_)) if history.downs_since(now - crate::history::DAY_MS) >= MAX_DOWNS_PER_DAY => (state, None),
        (false, Some((cause, failing))) => {
            history.record(Event::Down { at: now, cause });
            let quiet = state.last_down_note.is_some_and(|last| now - last < MIN_GAP_MS);
            if !notify || quiet {
                return (WatchState { down: true, told_down: false, ..state }, None);
            }
            let note = match failing {
                Some(failing) => Notification {
                    kind: "down",
                    source: Some("tab"),
                    headline: Some(failing.headline.clone()),
                    reason: failing.reason.clone(),
                    incident: None,
                },
                None => Notification {
                    kind: "down",
                    source: Some("status"),
                    headline: None,
                    reason: None,
                    incident: seen.incident.map(str::to_string),
                },
            };
            (WatchState { down: true, told_down: true, last_down_note: Some(now) }, Some(note))
        }
        (true, None) => {
            history.record(Event::Back { at: now });
            let note = (notify && state.told_down).then_some(Notification {
                kind: "back",
                source: None,
                headline: None,
                reason: None,
                incident: None,
            });
            (WatchState { down: false, told_down: false, ..state }, note)
        }
        _ => (state, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failing(kind: VerdictKind) -> Vec<Failing> {
        vec![Failing { kind, headline: Phrase::plain("verdict_ok"), reason: Some(Phrase::plain("reason_unconfirmed")) }]
    }

    fn run(observations: &[(Vec<Failing>, State, f64)], notify: bool) -> (Vec<Option<&'static str>>, History) {
        let mut history = History::new(0.0);
        let mut state = WatchState::default();
        let mut notes = Vec::new();
        for (failing, status, at) in observations {
            let seen = Seen { failing, status: *status, incident: None };
            let (next, note) = step(state, &mut history, &seen, *at, notify);
            state = next;
            notes.push(note.map(|note| note.kind));
        }
        (notes, history)
    }

    #[test]
    fn a_flood_of_flips_cannot_flush_the_history() {
        let mut history = History::new(0.0);
        // A spell a week ago that must survive.
        let week = 7.0 * crate::history::DAY_MS;
        history.record(Event::Down { at: 1.0, cause: Cause::Outage });
        history.record(Event::Back { at: 2.0 });
        let mut state = WatchState::default();
        let outage = failing(VerdictKind::Outage);
        for i in 0..5_000 {
            let failing: &[Failing] = if i % 2 == 0 { &outage } else { &[] };
            let seen = Seen { failing, status: State::Operational, incident: None };
            (state, _) = step(state, &mut history, &seen, week + f64::from(i) * 10.0, true);
        }
        let downs = history.events.iter().filter(|e| matches!(e, Event::Down { .. })).count();
        assert_eq!(downs, 1 + MAX_DOWNS_PER_DAY);
        assert_eq!(history.events.first(), Some(&Event::Down { at: 1.0, cause: Cause::Outage }));
        // A day later, real spells are logged again.
        let later = week + 2.0 * crate::history::DAY_MS;
        let seen = Seen { failing: &outage, status: State::Operational, incident: None };
        let (state, _) = step(state, &mut history, &seen, later, true);
        assert!(state.down);
        // And over 30 days of flooding the log stays under its size bound, so nothing is evicted early.
        const { assert!(MAX_DOWNS_PER_DAY * 2 * 30 < crate::history::MAX_EVENTS) };
    }

    #[test]
    fn one_notification_per_transition() {
        let ok = State::Operational;
        let (notes, history) = run(
            &[
                (failing(VerdictKind::Outage), ok, 1.0),
                (failing(VerdictKind::Outage), ok, 2.0),
                (failing(VerdictKind::Auth), State::MajorOutage, 3.0),
                (vec![], ok, 4.0),
                (vec![], ok, 5.0),
            ],
            true,
        );
        assert_eq!(notes, [Some("down"), None, None, Some("back"), None]);
        assert_eq!(history.events.len(), 2);
    }

    #[test]
    fn flapping_is_logged_but_notified_at_most_once_per_gap() {
        let ok = State::Operational;
        let minute = 60_000.0;
        let (notes, history) = run(
            &[
                (failing(VerdictKind::Outage), ok, 0.0),
                (vec![], ok, minute),
                (failing(VerdictKind::Outage), ok, 2.0 * minute),
                (vec![], ok, 3.0 * minute),
                (failing(VerdictKind::Outage), ok, 12.0 * minute),
            ],
            true,
        );
        assert_eq!(notes, [Some("down"), Some("back"), None, None, Some("down")], "no 'back' for an untold 'down'");
        assert_eq!(history.events.len(), 5);
    }

    #[test]
    fn the_switch_silences_everything_but_the_log() {
        let (notes, history) = run(
            &[(failing(VerdictKind::FalseLimit), State::Operational, 1.0), (vec![], State::Operational, 2.0)],
            false,
        );
        assert_eq!(notes, [None, None]);
        assert_eq!(history.events.len(), 2);
    }

    #[test]
    fn a_real_limit_or_the_users_own_connection_is_not_claude_down() {
        for kind in [VerdictKind::Limit, VerdictKind::Offline, VerdictKind::Ok] {
            let (notes, history) = run(&[(failing(kind), State::Operational, 1.0)], true);
            assert_eq!(notes, [None], "{kind:?}");
            assert!(history.events.is_empty());
        }
    }

    #[test]
    fn the_status_page_alone_counts_and_its_incident_is_logged_once() {
        let mut history = History::new(0.0);
        let seen = Seen { failing: &[], status: State::MajorOutage, incident: Some("Elevated errors on Claude.ai") };
        let (state, note) = step(WatchState::default(), &mut history, &seen, 1.0, true);
        let note = note.unwrap();
        assert_eq!((note.kind, note.source), ("down", Some("status")));
        assert_eq!(note.incident.as_deref(), Some("Elevated errors on Claude.ai"));
        let (_, again) = step(state, &mut history, &seen, 2.0, true);
        assert_eq!(again, None);
        let incidents = history.events.iter().filter(|e| matches!(e, Event::Incident { .. })).count();
        assert_eq!(incidents, 1);
    }

    #[test]
    fn a_degraded_status_is_not_down() {
        let (notes, _) = run(&[(vec![], State::Degraded, 1.0), (vec![], State::Unknown, 2.0)], true);
        assert_eq!(notes, [None, None]);
    }
}
