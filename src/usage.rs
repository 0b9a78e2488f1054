//! Usage as Claude itself reports it: each reply's stream carries a `message_limit` event with the 5-hour and
//! 7-day windows (how much is used, when each resets), and a refused message's HTTP 429 answer carries the same
//! object (its `type` and reset time reliable, its utilisation possibly stale). Reroute keeps the last figures
//! it saw, with their time, and makes no request of its own: the popup says "5-hour window: 42 % used, resets
//! 15:00" and how old that is.
//!
//! ```
//! use reroute::usage::{Usage, Window, Windows};
//! let windows = Windows { five_hour: Some(Window { utilization: Some(0.42), resets_at: Some(7_200.0), status: None }), seven_day: None };
//! let usage = Usage::default().seen("within_limit", Some(&windows), None, 1_000.0);
//! let view = usage.view(61_000.0).unwrap();
//! assert_eq!((view.lines[0].percent, view.lines[0].resets_at, view.age_ms), (Some(42), Some(7_200_000.0), 60_000.0));
//! ```

use serde::{Deserialize, Serialize};

/// One window of claude.ai's `message_limit.windows` (`5h`, `7d`), as the content script passes it on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Window {
    /// 0 to 1.
    #[serde(default)]
    pub utilization: Option<f64>,
    /// Unix seconds.
    #[serde(default)]
    pub resets_at: Option<f64>,
    /// `within_limit`, `exceeded_limit`, or what a later version says.
    #[serde(default)]
    pub status: Option<String>,
}

/// The windows a `message_limit` object names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Windows {
    /// `5h`.
    #[serde(default)]
    pub five_hour: Option<Window>,
    /// `7d`.
    #[serde(default)]
    pub seven_day: Option<Window>,
}

/// What Reroute last knew of one window.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// 0 to 1, when a reply reported it.
    pub used: Option<f64>,
    /// The window's limit is reached.
    pub exceeded: bool,
    /// Unix ms.
    pub resets_at: Option<f64>,
}

/// The last figures, and when they were seen (Unix ms); stored as JSON in `storage.local`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Usage {
    /// The 5-hour window.
    pub five_hour: Option<Figure>,
    /// The 7-day window.
    pub seven_day: Option<Figure>,
    /// When these were reported.
    pub at: Option<f64>,
}

/// One line of the popup: which window, how much of it is used, and when it resets.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    /// `5h` or `7d`.
    pub window: &'static str,
    /// Whole percent used, when known.
    pub percent: Option<u8>,
    /// The limit is reached.
    pub exceeded: bool,
    /// Unix ms.
    pub resets_at: Option<f64>,
    /// The reset time has passed since: the figure is from before it.
    pub reset_since: bool,
}

/// What the popup shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    /// One per window Claude reported.
    pub lines: Vec<Line>,
    /// How old the figures are, ms.
    pub age_ms: f64,
    /// The same, as said: "4 min ago".
    pub ago: crate::phrase::Phrase,
}

/// A stored figure older than this is not shown: a week-old percentage says nothing about today.
pub const MAX_AGE_MS: f64 = 7.0 * 24.0 * 3_600_000.0;

impl Usage {
    /// What storage holds (a JSON string); anything unreadable is nothing known.
    pub fn load(stored: Option<&str>) -> Self {
        stored.and_then(|json| serde_json::from_str(json).ok()).unwrap_or_default()
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// After a `message_limit` (of `limit_type`, with its `windows` and overall `resets_at` in Unix seconds) at
    /// `now`. A window without a percentage (the 429 answer's are left out: they may be stale) keeps the last
    /// reply's, and takes only what is reached and when it resets.
    pub fn seen(mut self, limit_type: &str, windows: Option<&Windows>, resets_at: Option<f64>, now: f64) -> Self {
        let exceeded_overall = limit_type == "exceeded_limit";
        let windows = windows.cloned().unwrap_or_default();
        let mut any = false;
        for (slot, window) in [(&mut self.five_hour, windows.five_hour), (&mut self.seven_day, windows.seven_day)] {
            let Some(window) = window else { continue };
            any = true;
            let previous = slot.take().unwrap_or_default();
            let used = window.utilization.filter(|u| u.is_finite()).map(|u| u.clamp(0.0, 1.0));
            *slot = Some(Figure {
                used: used.or(previous.used),
                exceeded: window.status.as_deref() == Some("exceeded_limit"),
                resets_at: seconds_to_ms(window.resets_at).or(previous.resets_at),
            });
        }
        // A refusal that names no window is the 5-hour one's (the limit users meet).
        if !any && exceeded_overall {
            let previous = self.five_hour.take().unwrap_or_default();
            self.five_hour =
                Some(Figure { exceeded: true, resets_at: seconds_to_ms(resets_at).or(previous.resets_at), ..previous });
        }
        if any || exceeded_overall {
            self.at = Some(now);
        }
        self
    }

    /// The lines to show at `now`, or None when nothing recent is known.
    pub fn view(&self, now: f64) -> Option<View> {
        let at = self.at.filter(|at| now >= *at && now - at <= MAX_AGE_MS)?;
        let line = |window: &'static str, figure: &Option<Figure>| {
            figure.as_ref().map(|figure| Line {
                window,
                percent: figure.used.map(|used| (used * 100.0).round() as u8),
                exceeded: figure.exceeded,
                resets_at: figure.resets_at,
                reset_since: figure.resets_at.is_some_and(|reset| reset <= now),
            })
        };
        let lines: Vec<Line> =
            [line("5h", &self.five_hour), line("7d", &self.seven_day)].into_iter().flatten().collect();
        (!lines.is_empty()).then(|| View { lines, age_ms: now - at, ago: crate::time::ago(at, now) })
    }
}

fn seconds_to_ms(seconds: Option<f64>) -> Option<f64> {
    seconds.filter(|s| s.is_finite() && *s > 0.0 && *s < 1e11).map(|s| s * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(utilization: Option<f64>, resets_at: f64, status: &str) -> Option<Window> {
        Some(Window { utilization, resets_at: Some(resets_at), status: Some(status.into()) })
    }

    #[test]
    fn each_reply_replaces_the_figures_and_both_windows_are_shown() {
        let first = Windows {
            five_hour: window(Some(0.08), 100.0, "within_limit"),
            seven_day: window(Some(0.3), 900.0, "within_limit"),
        };
        let usage = Usage::default().seen("within_limit", Some(&first), Some(100.0), 10_000.0);
        let stored = usage.to_json();
        let usage = Usage::load(Some(&stored));
        let view = usage.view(20_000.0).unwrap();
        assert_eq!(view.age_ms, 10_000.0);
        let lines: Vec<_> =
            view.lines.iter().map(|line| (line.window, line.percent, line.resets_at, line.exceeded)).collect();
        assert_eq!(lines, [("5h", Some(8), Some(100_000.0), false), ("7d", Some(30), Some(900_000.0), false)]);
        let next = Windows { five_hour: window(Some(0.425), 100.0, "within_limit"), seven_day: None };
        let usage = usage.seen("within_limit", Some(&next), None, 30_000.0);
        assert_eq!(usage.view(30_000.0).unwrap().lines[0].percent, Some(43));
        assert_eq!(usage.view(30_000.0).unwrap().lines[1].percent, Some(30), "a window not reported keeps its figure");
    }

    #[test]
    fn a_refusal_says_what_is_reached_and_when_it_resets_but_not_its_stale_percentage() {
        let reply = Windows { five_hour: window(Some(0.6), 100.0, "within_limit"), seven_day: None };
        let usage = Usage::default().seen("within_limit", Some(&reply), None, 1_000.0);
        let refused = Windows { five_hour: window(None, 200.0, "exceeded_limit"), seven_day: None };
        let usage = usage.seen("exceeded_limit", Some(&refused), Some(200.0), 2_000.0);
        let line = &usage.view(2_000.0).unwrap().lines[0];
        assert_eq!((line.percent, line.exceeded, line.resets_at), (Some(60), true, Some(200_000.0)));
        // One that names no window: the 5-hour window is reached.
        let bare = Usage::default().seen("exceeded_limit", None, Some(300.0), 3_000.0);
        let line = &bare.view(3_000.0).unwrap().lines[0];
        assert_eq!((line.window, line.percent, line.exceeded, line.resets_at), ("5h", None, true, Some(300_000.0)));
    }

    #[test]
    fn old_or_missing_figures_are_not_shown_and_a_passed_reset_is_said() {
        assert_eq!(Usage::load(Some("garbage")).view(0.0), None);
        assert_eq!(Usage::default().seen("within_limit", None, None, 0.0).view(0.0), None, "nothing reported");
        let reply = Windows { five_hour: window(Some(0.5), 10.0, "within_limit"), seven_day: None };
        let usage = Usage::default().seen("within_limit", Some(&reply), None, 1_000.0);
        assert!(usage.view(20_000.0).unwrap().lines[0].reset_since);
        assert_eq!(usage.view(1_000.0 + MAX_AGE_MS + 1.0), None);
        assert_eq!(usage.view(0.0), None, "a clock that went backwards");
    }
}
