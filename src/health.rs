//! Whether a target works right now, so Reroute never sends someone from one outage into another: ChatGPT from
//! status.openai.com (incident.io's variant of the Statuspage summary), Gemini from Google's Workspace status
//! feed, and either from its own error shown on its page after a reroute.
//!
//! ```
//! use reroute::health::{gemini_health, Health};
//! let feed = r#"[{"external_desc":"Gemini is unavailable","status_impact":"SERVICE_OUTAGE",
//!   "affected_products":[{"title":"Gemini","id":"npdyhgECDJ6tB66MxXyo"}],
//!   "most_recent_update":{"status":"SERVICE_OUTAGE","text":"We're investigating."}}]"#;
//! assert_eq!(gemini_health(feed).unwrap().health, Health::Down);
//! ```

use serde::{Deserialize, Serialize};

use crate::phrase::Phrase;
use crate::status::{ComponentStatus, Impact, Summary};
use crate::targets::Target;

/// Google's product id for Gemini in the Workspace status feed (PAGE-MODEL).
pub const GEMINI_PRODUCT_ID: &str = "npdyhgECDJ6tB66MxXyo";
/// status.openai.com components a ChatGPT user sending a text prompt depends on (PAGE-MODEL). Voice mode,
/// file uploads and the like do not stop a prompt, so they do not count.
pub const CHATGPT_COMPONENTS: &[&str] = &["conversations", "login", "chatgpt"];
/// How long the target's own error on its page counts against it.
pub const SITE_ERROR_MS: f64 = 15.0 * 60_000.0;
/// A status answer older than this says nothing any more.
pub const STALE_MS: f64 = 30.0 * 60_000.0;

/// How a target is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    /// Nothing reported.
    Ok,
    /// Reroute has no fresh answer.
    Unknown,
    /// Working, with trouble.
    Degraded,
    /// Not working.
    Down,
}

/// A target's health and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Judged {
    /// How it is doing.
    pub health: Health,
    /// One short sentence, when it is not ok.
    pub reason: Option<Phrase>,
}

impl Judged {
    const fn ok() -> Self {
        Self { health: Health::Ok, reason: None }
    }
}

/// ChatGPT's health from status.openai.com's summary.
pub fn chatgpt_health(summary: &Summary) -> Judged {
    let relevant = |name: &str| CHATGPT_COMPONENTS.contains(&name.trim().to_lowercase().as_str());
    let components = summary.components.iter().filter(|component| relevant(&component.name));
    let worst = components
        .filter_map(|component| {
            let (health, key) = match component.status {
                ComponentStatus::MajorOutage => (Health::Down, "health_openai_major_outage"),
                ComponentStatus::PartialOutage => (Health::Degraded, "health_openai_partial_outage"),
                ComponentStatus::DegradedPerformance => (Health::Degraded, "health_openai_degraded_performance"),
                _ => return None,
            };
            Some((health, Phrase::new(key, [&component.name])))
        })
        .max_by_key(|(health, _)| *health);
    let incident = summary
        .incidents
        .iter()
        .filter(|incident| incident.component_names.iter().any(|name| relevant(name)))
        .filter_map(|incident| {
            let health = match incident.impact {
                Impact::Critical | Impact::Major => Health::Down,
                Impact::Minor => Health::Degraded,
                _ => return None,
            };
            Some((health, Phrase::new("health_openai_incident", [&incident.name])))
        })
        .max_by_key(|(health, _)| *health);
    match worst.into_iter().chain(incident).max_by_key(|(health, _)| *health) {
        Some((health, reason)) => Judged { health, reason: Some(reason) },
        None => Judged::ok(),
    }
}

#[derive(Deserialize)]
struct FeedIncident {
    #[serde(default)]
    external_desc: Option<String>,
    #[serde(default)]
    status_impact: Option<String>,
    #[serde(default)]
    affected_products: Option<Vec<FeedProduct>>,
    #[serde(default)]
    most_recent_update: Option<FeedUpdate>,
}

#[derive(Deserialize)]
struct FeedProduct {
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize)]
struct FeedUpdate {
    #[serde(default)]
    status: Option<String>,
}

/// Gemini's health from Google's Workspace status feed (`incidents.json`): an incident on the Gemini product
/// is open until its most recent update says AVAILABLE. None when the body is not the feed.
pub fn gemini_health(body: &str) -> Option<Judged> {
    let incidents: Vec<FeedIncident> = serde_json::from_str(body).ok()?;
    let open = incidents.iter().filter(|incident| {
        let gemini =
            incident.affected_products.iter().flatten().any(|product| product.id.as_deref() == Some(GEMINI_PRODUCT_ID));
        let status = incident.most_recent_update.as_ref().and_then(|update| update.status.as_deref());
        gemini && status != Some("AVAILABLE")
    });
    let worst = open
        .filter_map(|incident| {
            let health = match incident.status_impact.as_deref() {
                Some("SERVICE_OUTAGE") => Health::Down,
                Some("SERVICE_DISRUPTION") => Health::Degraded,
                _ => return None,
            };
            let text: String = incident.external_desc.as_deref().unwrap_or_default().trim().chars().take(160).collect();
            let reason = if text.is_empty() {
                Phrase::plain("health_google_unnamed")
            } else {
                Phrase::new("health_google_incident", [text])
            };
            Some((health, reason))
        })
        .max_by_key(|(health, _)| *health);
    Some(match worst {
        Some((health, reason)) => Judged { health, reason: Some(reason) },
        None => Judged::ok(),
    })
}

/// What Reroute last learnt about one target.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Evidence {
    /// The status answer's body, when there was a good one.
    pub body: Option<String>,
    /// When it was fetched.
    pub checked_at: Option<f64>,
    /// When the target last showed its own error on its page after a reroute.
    pub site_error_at: Option<f64>,
    /// What last kept it from taking a prompt (delivery.rs `Outcome::blocked_kind`: login_wall, challenge,
    /// own_limit, error_screen), and when.
    pub blocked: Option<String>,
    /// When.
    pub blocked_at: Option<f64>,
}

/// A target's health from what Reroute learnt, at `now`; `name` is what its button says (a custom target's is
/// the user's).
pub fn judge(target: Target, name: &str, evidence: &Evidence, now: f64) -> Judged {
    // The latest of what its own page showed counts for a while, by what it was.
    let site_error = evidence.site_error_at.filter(|at| now - at < SITE_ERROR_MS);
    let blocked = evidence.blocked_at.filter(|at| now - at < SITE_ERROR_MS).zip(evidence.blocked.as_deref());
    if let Some((_, kind)) = blocked.filter(|(at, _)| site_error.is_none_or(|error| *at >= error)) {
        let key = match kind {
            "login_wall" => "health_login_wall",
            "challenge" => "health_challenge",
            "own_limit" => "health_own_limit",
            _ => "health_error_screen",
        };
        return Judged { health: Health::Down, reason: Some(Phrase::new(key, [name])) };
    }
    if site_error.is_some() {
        return Judged { health: Health::Down, reason: Some(Phrase::new("health_site_error", [name])) };
    }
    let fresh = evidence.checked_at.is_some_and(|at| now - at < STALE_MS);
    let body = evidence.body.as_deref().filter(|_| fresh);
    let judged = body.and_then(|body| match target {
        Target::Chatgpt => crate::status::parse_summary(body).ok().map(|summary| chatgpt_health(&summary)),
        Target::Gemini => gemini_health(body),
        // No feed Reroute reads: only their own errors on their pages count.
        Target::Custom
        | Target::Perplexity
        | Target::LeChat
        | Target::Deepseek
        | Target::Copilot
        | Target::Grok
        | Target::Claude => None,
    });
    judged.unwrap_or(Judged { health: Health::Unknown, reason: None })
}

/// A button to offer: a target, its name, and its health.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Button {
    /// The target.
    pub id: Target,
    /// Its name.
    pub name: String,
    /// How it is doing.
    pub health: Health,
    /// Why, when it is not ok.
    pub reason: Option<Phrase>,
    /// The user withheld Reroute's access to the target's site (both browsers let them, even for the hosts the
    /// manifest requires): its script won't run there, so sending would open a tab where nothing happens.
    #[serde(rename = "accessNeeded")]
    pub access_needed: bool,
    /// The word on its button while it is not ok (a message key): what stood in the way last time when that is
    /// known (a login wall is not an outage), else down or having issues. None while it is fine.
    pub chip: Option<&'static str>,
}

/// The button's word for `health` and its `reason` (see [`Button::chip`]).
fn chip(health: Health, reason: Option<&Phrase>) -> Option<&'static str> {
    let named = reason.and_then(|reason| match reason.key.as_str() {
        "health_login_wall" => Some("chipLogin"),
        "health_challenge" => Some("chipChallenge"),
        "health_own_limit" => Some("chipOwnLimit"),
        "health_error_screen" => Some("chipErrorScreen"),
        _ => None,
    });
    match health {
        Health::Down => Some(named.unwrap_or("healthDown")),
        Health::Degraded => Some(named.unwrap_or("healthIssues")),
        Health::Ok | Health::Unknown => None,
    }
}

/// The target to move a prompt to after `tried` could not take it: the first of `buttons` (already in the
/// user's order, healthy first) not tried yet, reachable and not down. None when there is no such target: the
/// prompt then stays where it is, with the notice.
pub fn next_target(buttons: &[Button], tried: &[Target]) -> Option<Target> {
    buttons
        .iter()
        .find(|button| !tried.contains(&button.id) && !button.access_needed && button.health != Health::Down)
        .map(|button| button.id)
}

/// The buttons for `order` (the user's, default first), healthy targets first: a target that is down goes
/// after one that works, whatever the user's order; within the same health the user's order stands.
pub fn buttons(order: &[Target], judged: impl Fn(Target) -> Judged, name: impl Fn(Target) -> String) -> Vec<Button> {
    let rank = |health: Health| match health {
        Health::Ok | Health::Unknown => 0,
        Health::Degraded => 1,
        Health::Down => 2,
    };
    let mut buttons: Vec<Button> = order
        .iter()
        .map(|&id| {
            let Judged { health, reason } = judged(id);
            Button { id, name: name(id), health, chip: chip(health, reason.as_ref()), reason, access_needed: false }
        })
        .collect();
    buttons.sort_by_key(|button| rank(button.health));
    buttons
}

/// Marks the buttons of required-host targets whose host `granted` (the origin patterns the browser granted)
/// lacks, and puts them last: they can't be sent to until the user allows the site again. Optional targets
/// and the custom one only get a button while granted (settings.rs), so they never need this.
pub fn mark_access(buttons: &mut [Button], granted: &[String]) {
    for button in buttons.iter_mut() {
        let site = button.id.site();
        button.access_needed =
            button.id != Target::Custom && !site.optional && !granted.contains(&site.origin_pattern());
    }
    buttons.sort_by_key(|button| button.access_needed);
}

#[cfg(test)]
mod tests;
