//! Atlassian Statuspage `summary.json` → a typed summary → Claude's state for a claude.ai user.
//!
//! Two halves, both pure:
//! - [`parse_summary`] reads the payload. It tolerates the incident.io variant (status.openai.com), where
//!   `incidents`, `scheduled_maintenances` or `group` may be missing and `components` may be `null`, and it
//!   skips a malformed list element instead of throwing the whole payload away. It never panics.
//! - [`assess`] judges a [`Summary`] by the components a claude.ai user depends on ([`CLAUDE_COMPONENTS`]),
//!   not by the page's blended indicator, and explains itself in one sentence.
//!
//! ```
//! use reroute::status::{assess, parse_summary, State};
//! let body = r#"{"status":{"indicator":"major"},"components":[
//!     {"id":"rwppv331jlwc","name":"claude.ai","status":"major_outage"}],
//!   "incidents":[{"id":"i1","name":"Elevated errors","status":"investigating","impact":"major",
//!     "incident_updates":[{"body":"Looking into it","created_at":"2026-08-05T13:00:00Z"}]}]}"#;
//! let summary = parse_summary(body).unwrap();
//! let now = reroute::time::parse_rfc3339("2026-08-05T13:04:00Z").unwrap();
//! let assessment = assess(&summary, now);
//! assert_eq!(assessment.state, State::MajorOutage);
//! assert_eq!(assessment.sentence.english(), "Major outage on claude.ai: Elevated errors (updated 4 min ago)");
//! ```

use serde::Serialize;

use crate::phrase::{Arg, Phrase};
use crate::time::{ago, parse_rfc3339};

/// Longest incident or maintenance text kept; the popup shows a line or two, and storage stays small.
const MAX_TEXT_CHARS: usize = 600;

/// What Reroute knows of a status page after one good answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// The page's name, e.g. "Claude".
    pub page_name: Option<String>,
    /// The human status page, e.g. `https://status.claude.com`; only ever an `https` URL.
    pub page_url: Option<String>,
    /// The page's blended indicator; a fallback only, see [`assess`].
    pub indicator: Option<Indicator>,
    /// Components, without `group: true` headings (they repeat their children).
    pub components: Vec<Component>,
    /// Unresolved incidents, as the page lists them.
    pub incidents: Vec<Incident>,
    /// Active and upcoming scheduled maintenances.
    pub maintenances: Vec<Maintenance>,
}

/// The page's overall indicator: a blend over every component, so a Claude Code problem colours it too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Indicator {
    /// `none`: all systems operational.
    None,
    /// `minor`.
    Minor,
    /// `major`.
    Major,
    /// `critical`.
    Critical,
    /// `maintenance`.
    Maintenance,
    /// A value this version does not know.
    Unrecognised(String),
}

impl From<String> for Indicator {
    fn from(text: String) -> Self {
        match text.as_str() {
            "none" => Self::None,
            "minor" => Self::Minor,
            "major" => Self::Major,
            "critical" => Self::Critical,
            "maintenance" => Self::Maintenance,
            _ => Self::Unrecognised(text),
        }
    }
}

impl From<Indicator> for String {
    fn from(indicator: Indicator) -> Self {
        match indicator {
            Indicator::None => "none".into(),
            Indicator::Minor => "minor".into(),
            Indicator::Major => "major".into(),
            Indicator::Critical => "critical".into(),
            Indicator::Maintenance => "maintenance".into(),
            Indicator::Unrecognised(text) => text,
        }
    }
}

/// One component of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// Statuspage's id, e.g. `rwppv331jlwc` for claude.ai.
    pub id: String,
    /// Display name, e.g. `claude.ai`.
    pub name: String,
    /// Its status.
    pub status: ComponentStatus,
    /// When its status last changed, in Unix ms.
    pub updated_at: Option<f64>,
}

/// A component's status. incident.io's `full_outage` reads as [`ComponentStatus::MajorOutage`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComponentStatus {
    /// `operational`.
    Operational,
    /// `degraded_performance`.
    DegradedPerformance,
    /// `partial_outage`.
    PartialOutage,
    /// `major_outage` (or incident.io's `full_outage`).
    MajorOutage,
    /// `under_maintenance`.
    UnderMaintenance,
    /// A value this version does not know; on a component that matters it makes the state unknown.
    Unrecognised(String),
}

impl From<String> for ComponentStatus {
    fn from(text: String) -> Self {
        match text.as_str() {
            "operational" => Self::Operational,
            "degraded_performance" => Self::DegradedPerformance,
            "partial_outage" => Self::PartialOutage,
            "major_outage" | "full_outage" => Self::MajorOutage,
            "under_maintenance" => Self::UnderMaintenance,
            _ => Self::Unrecognised(text),
        }
    }
}

impl From<ComponentStatus> for String {
    fn from(status: ComponentStatus) -> Self {
        match status {
            ComponentStatus::Operational => "operational".into(),
            ComponentStatus::DegradedPerformance => "degraded_performance".into(),
            ComponentStatus::PartialOutage => "partial_outage".into(),
            ComponentStatus::MajorOutage => "major_outage".into(),
            ComponentStatus::UnderMaintenance => "under_maintenance".into(),
            ComponentStatus::Unrecognised(text) => text,
        }
    }
}

impl ComponentStatus {
    /// Its `_locales` name: `operational`, `degraded_performance`, …; `None` when unrecognised.
    fn key(&self) -> Option<&'static str> {
        Some(match self {
            Self::Operational => "operational",
            Self::DegradedPerformance => "degraded_performance",
            Self::PartialOutage => "partial_outage",
            Self::MajorOutage => "major_outage",
            Self::UnderMaintenance => "under_maintenance",
            Self::Unrecognised(_) => return None,
        })
    }

    /// The words a person reads, e.g. "partial outage".
    pub fn phrase(&self) -> Phrase {
        match (self.key(), self) {
            (Some(key), _) => Phrase::plain(&format!("component_{key}")),
            (None, Self::Unrecognised(text)) => Phrase::new("component_unrecognised", [text]),
            (None, _) => unreachable!("only an unrecognised status has no key"),
        }
    }

    /// What a component has, as "claude.ai (Claude API has a partial outage)" says it.
    fn had(&self) -> Phrase {
        match self.key() {
            Some(key) => Phrase::plain(&format!("component_had_{key}")),
            None => self.phrase(),
        }
    }

    /// The words in English, e.g. "partial outage" (the popup's fallback for a status it has no message for).
    pub fn words(&self) -> String {
        match self {
            Self::Operational => "operational".into(),
            Self::DegradedPerformance => "degraded performance".into(),
            Self::PartialOutage => "partial outage".into(),
            Self::MajorOutage => "major outage".into(),
            Self::UnderMaintenance => "under maintenance".into(),
            Self::Unrecognised(text) => format!("unrecognised status \u{201c}{text}\u{201d}"),
        }
    }
}

/// An incident's impact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// `none`, or missing.
    #[default]
    None,
    /// `minor`.
    Minor,
    /// `major`.
    Major,
    /// `critical`.
    Critical,
}

impl Impact {
    fn from_wire(text: Option<&str>) -> Self {
        match text {
            Some("minor") => Self::Minor,
            Some("major") => Self::Major,
            Some("critical") => Self::Critical,
            // Unknown impacts are not guessed upward: the components say more than the impact anyway.
            _ => Self::None,
        }
    }
}

/// An unresolved incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// Statuspage's id (empty on incident.io payloads that omit it).
    pub id: String,
    /// Title, e.g. "Elevated errors on Claude Opus 5".
    pub name: String,
    /// investigating, identified, monitoring, …
    pub status: String,
    /// Its impact.
    pub impact: Impact,
    /// A link to the incident, `https` only.
    pub link: Option<String>,
    /// When it started, in Unix ms.
    pub started_at: Option<f64>,
    /// The newest update.
    pub latest_update: Option<Update>,
    /// Components it names (from `components` and from its updates' `affected_components`); empty when it
    /// names none, which Statuspage allows and incident.io does with `components: null`.
    pub component_ids: Vec<String>,
    /// Names of those components, for matching when ids differ.
    pub component_names: Vec<String>,
}

/// One update of an incident or maintenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    /// What it says, capped at a few hundred characters.
    pub body: String,
    /// When it was posted, in Unix ms.
    pub created_at: Option<f64>,
}

/// A scheduled maintenance that is active or upcoming.
#[derive(Clone, Debug, PartialEq)]
pub struct Maintenance {
    /// Title.
    pub name: String,
    /// True while it is in progress or being verified.
    pub active: bool,
    /// Start, in Unix ms.
    pub scheduled_for: Option<f64>,
    /// End, in Unix ms.
    pub scheduled_until: Option<f64>,
    /// A link to it, `https` only.
    pub link: Option<String>,
    /// Components it names (ids).
    pub component_ids: Vec<String>,
    /// Components it names (names).
    pub component_names: Vec<String>,
}

/// Why a payload could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing came back.
    Empty,
    /// An HTML page came back (an error page, a captive portal, a Cloudflare challenge).
    Html,
    /// Not JSON, or cut off.
    Malformed(Malformed),
    /// JSON, but not a summary: neither components nor an indicator.
    NotASummary,
}

/// Where JSON went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// It ends too early.
    EndsEarly,
    /// At a line and column.
    At(usize, usize),
    /// JSON, but not an object.
    NotAnObject,
}

impl ParseError {
    /// Why, for the user.
    pub fn phrase(&self) -> Phrase {
        match self {
            Self::Empty => Phrase::plain("unknown_empty"),
            Self::Html => Phrase::plain("unknown_html"),
            Self::Malformed(Malformed::EndsEarly) => Phrase::plain("unknown_malformed_early"),
            Self::Malformed(Malformed::At(line, column)) => Phrase::new("unknown_malformed_at", [line, column]),
            Self::Malformed(Malformed::NotAnObject) => Phrase::plain("unknown_not_an_object"),
            Self::NotASummary => Phrase::plain("unknown_not_a_summary"),
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for ParseError {}

/// Reads a `summary.json` body.
///
/// # Errors
/// A [`ParseError`] for an empty body, HTML, malformed JSON, or JSON that holds no status at all.
pub fn parse_summary(body: &str) -> Result<Summary, ParseError> {
    let trimmed = body.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    if trimmed.starts_with('<') {
        return Err(ParseError::Html);
    }
    let wire = wire::parse(trimmed)
        .map_err(|error| {
            ParseError::Malformed(match error.classify() {
                serde_json::error::Category::Eof => Malformed::EndsEarly,
                _ => Malformed::At(error.line(), error.column()),
            })
        })?
        .ok_or(ParseError::Malformed(Malformed::NotAnObject))?;
    let summary = Summary::from(wire);
    if summary.components.is_empty() && summary.indicator.is_none() {
        return Err(ParseError::NotASummary);
    }
    Ok(summary)
}

fn timestamp(text: Option<&String>) -> Option<f64> {
    text.and_then(|text| parse_rfc3339(text))
}

fn capped(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => format!("{}\u{2026}", &text[..cut]),
        None => text.to_string(),
    }
}

/// Links end up in the popup's `href`: only `https` passes, so a payload can never smuggle `javascript:` in.
fn https_link(text: Option<String>) -> Option<String> {
    text.filter(|link| link.len() < 2048 && link.starts_with("https://") && !link.chars().any(char::is_whitespace))
}

fn refs_to_lists(refs: impl Iterator<Item = (Option<String>, Option<String>)>) -> (Vec<String>, Vec<String>) {
    let (mut ids, mut names) = (Vec::new(), Vec::new());
    for (id, name) in refs {
        if let Some(id) = id.filter(|id| !ids.contains(id)) {
            ids.push(id);
        }
        if let Some(name) = name.filter(|name| !names.contains(name)) {
            names.push(name);
        }
    }
    (ids, names)
}

impl From<wire::Summary> for Summary {
    fn from(wire: wire::Summary) -> Self {
        let components = wire
            .components
            .into_iter()
            // Group headings repeat their children; a component without a name or status says nothing.
            .filter(|component| component.group != Some(true))
            .filter_map(|component| {
                Some(Component {
                    id: component.id.unwrap_or_default(),
                    name: component.name?,
                    status: ComponentStatus::from(component.status?),
                    updated_at: timestamp(component.updated_at.as_ref()),
                })
            })
            .collect();

        let incidents = wire
            .incidents
            .into_iter()
            .filter(|incident| !matches!(incident.status.as_deref(), Some("resolved" | "postmortem")))
            .filter_map(|incident| {
                let name = incident.name.as_deref()?;
                // Statuspage lists updates newest first, but order by time anyway: hand-edited payloads don't.
                let latest = incident
                    .incident_updates
                    .iter()
                    .enumerate()
                    .max_by(|(ia, a), (ib, b)| {
                        let (ta, tb) = (timestamp(a.created_at.as_ref()), timestamp(b.created_at.as_ref()));
                        ta.partial_cmp(&tb).unwrap_or(std::cmp::Ordering::Equal).then(ib.cmp(ia))
                    })
                    .map(|(_, update)| update);
                let (component_ids, component_names) =
                    refs_to_lists(incident.components.iter().map(|c| (c.id.clone(), c.name.clone())).chain(
                        incident.incident_updates.iter().flat_map(|update| {
                            update.affected_components.iter().map(|a| (a.code.clone(), a.name.clone()))
                        }),
                    ));
                Some(Incident {
                    id: incident.id.unwrap_or_default(),
                    name: capped(name),
                    status: incident.status.unwrap_or_else(|| "investigating".into()),
                    impact: Impact::from_wire(incident.impact.as_deref()),
                    link: https_link(incident.shortlink),
                    started_at: timestamp(incident.started_at.as_ref().or(incident.created_at.as_ref())),
                    latest_update: latest.map(|update| Update {
                        body: capped(update.body.as_deref().unwrap_or_default()),
                        created_at: timestamp(update.created_at.as_ref()),
                    }),
                    component_ids,
                    component_names,
                })
            })
            .collect();

        let maintenances = wire
            .scheduled_maintenances
            .into_iter()
            .filter_map(|maintenance| {
                let name = maintenance.name.as_deref()?;
                let active = match maintenance.status.as_deref() {
                    Some("in_progress" | "verifying") => true,
                    Some("scheduled") | None => false,
                    Some(_) => return None, // completed, or a value we can't place in time
                };
                let (component_ids, component_names) =
                    refs_to_lists(maintenance.components.iter().map(|c| (c.id.clone(), c.name.clone())));
                Some(Maintenance {
                    name: capped(name),
                    active,
                    scheduled_for: timestamp(maintenance.scheduled_for.as_ref()),
                    scheduled_until: timestamp(maintenance.scheduled_until.as_ref()),
                    link: https_link(maintenance.shortlink),
                    component_ids,
                    component_names,
                })
            })
            .collect();

        Summary {
            page_name: wire.page.as_ref().and_then(|page| page.name.clone()),
            page_url: https_link(wire.page.and_then(|page| page.url)),
            indicator: wire.status.and_then(|status| status.indicator).map(Indicator::from),
            components,
            incidents,
            maintenances,
        }
    }
}

// ---- Which components matter to a claude.ai user. ----

/// How much a component's trouble means for a claude.ai user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// claude.ai itself: its status is the user's status.
    Primary,
    /// A service claude.ai runs on: its trouble shows through, one step milder.
    Upstream,
}

/// A component Reroute watches: matched by id, or by name when a page (or a fixture) uses other ids.
#[derive(Clone, Copy, Debug)]
pub struct WatchedComponent {
    /// Statuspage's id on status.claude.com.
    pub id: &'static str,
    /// Names it has been published under, compared case-insensitively; a name matches when it starts with one.
    pub names: &'static [&'static str],
    /// What its trouble means for the user.
    pub role: Role,
}

/// status.claude.com's components that a claude.ai user depends on (page id `tymt9n04zgry`, see PAGE-MODEL).
pub const CLAUDE_COMPONENTS: &[WatchedComponent] = &[
    WatchedComponent { id: "rwppv331jlwc", names: &["claude.ai"], role: Role::Primary },
    WatchedComponent { id: "k8w3r06qmzrp", names: &["claude api", "api.anthropic.com"], role: Role::Upstream },
];

fn watched_role(id: &str, name: &str) -> Option<Role> {
    // ASCII folding is enough for these names, and `to_lowercase` would pull Unicode tables into the wasm.
    let name = name.trim().to_ascii_lowercase();
    CLAUDE_COMPONENTS
        .iter()
        .find(|watched| {
            (!id.is_empty() && watched.id == id) || watched.names.iter().any(|prefix| name.starts_with(prefix))
        })
        .map(|watched| watched.role)
}

fn names_watched(ids: &[String], names: &[String]) -> Option<Role> {
    let by_id = ids.iter().filter_map(|id| watched_role(id, ""));
    let by_name = names.iter().filter_map(|name| watched_role("", name));
    by_id.chain(by_name).min_by_key(|role| *role != Role::Primary)
}

// ---- The state and its explanation. ----

/// Claude's state for a claude.ai user, from the status page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Everything relevant works.
    Operational,
    /// Slower or flakier than usual.
    Degraded,
    /// Planned work on claude.ai.
    Maintenance,
    /// Some requests fail.
    PartialOutage,
    /// claude.ai is down.
    MajorOutage,
    /// Reroute cannot tell; never shown as green.
    Unknown,
}

impl State {
    /// The words the action title and popup use.
    pub fn words(self) -> &'static str {
        match self {
            Self::Operational => "operational",
            Self::Degraded => "degraded",
            Self::Maintenance => "maintenance",
            Self::PartialOutage => "partial outage",
            Self::MajorOutage => "major outage",
            Self::Unknown => "unknown",
        }
    }

    /// Its `_locales` name.
    fn key(self) -> &'static str {
        match self {
            Self::Operational => "operational",
            Self::Degraded => "degraded",
            Self::Maintenance => "maintenance",
            Self::PartialOutage => "partial_outage",
            Self::MajorOutage => "major_outage",
            Self::Unknown => "unknown",
        }
    }

    /// The state's words, e.g. "major outage".
    pub fn phrase(self) -> Phrase {
        Phrase::plain(&format!("state_{}", self.key()))
    }

    /// The state's words to start a sentence with, e.g. "Major outage".
    fn title(self) -> Phrase {
        Phrase::plain(&format!("state_title_{}", self.key()))
    }

    /// How bad it is for someone trying to chat; `Unknown` is not on this scale.
    fn severity(self) -> u8 {
        match self {
            Self::Operational | Self::Unknown => 0,
            Self::Degraded => 1,
            Self::Maintenance => 2,
            Self::PartialOutage => 3,
            Self::MajorOutage => 4,
        }
    }
}

/// A component as the popup lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentView {
    /// Display name.
    pub name: String,
    /// Raw status for styling, e.g. `partial_outage`.
    pub status: String,
    /// Its status in words.
    pub words: String,
    /// Whether it is claude.ai itself or a service it runs on.
    pub role: Role,
}

/// The incident the popup shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IncidentView {
    /// Title.
    pub name: String,
    /// investigating, identified, monitoring, …
    pub status: String,
    /// The newest update's text.
    pub latest_update: Option<String>,
    /// "updated 4 min ago".
    pub updated: Option<Phrase>,
    /// Where to read more (`https` only).
    pub link: Option<String>,
}

/// The verdict of the status page alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// The state.
    pub state: State,
    /// One sentence, e.g. "Major outage on claude.ai: Elevated errors (updated 4 min ago)".
    pub sentence: Phrase,
    /// Why the state is unknown, when it is.
    pub reason: Option<Phrase>,
    /// claude.ai and the services it runs on.
    pub components: Vec<ComponentView>,
    /// The most relevant open incident.
    pub incident: Option<IncidentView>,
    /// A maintenance in progress or coming up, in one line.
    pub maintenance: Option<Phrase>,
}

/// "Claude's status is unknown: {reason}".
pub fn unknown_sentence(reason: &Phrase) -> Phrase {
    Phrase::with("status_unknown", [reason.clone().into()])
}

fn unknown(reason: Phrase, components: Vec<ComponentView>) -> Assessment {
    Assessment {
        state: State::Unknown,
        sentence: unknown_sentence(&reason),
        reason: Some(reason),
        components,
        incident: None,
        maintenance: None,
    }
}

/// The state a component's status means for a claude.ai user, given what the component is to them.
fn state_for(status: &ComponentStatus, role: Role) -> State {
    match (status, role) {
        (ComponentStatus::Operational, _) => State::Operational,
        (ComponentStatus::DegradedPerformance, _) => State::Degraded,
        (ComponentStatus::PartialOutage, Role::Primary) => State::PartialOutage,
        (ComponentStatus::MajorOutage, Role::Primary) => State::MajorOutage,
        (ComponentStatus::UnderMaintenance, Role::Primary) => State::Maintenance,
        // claude.ai runs on the API, so its trouble shows through, but not every request fails.
        (ComponentStatus::MajorOutage, Role::Upstream) => State::PartialOutage,
        (ComponentStatus::PartialOutage | ComponentStatus::UnderMaintenance, Role::Upstream) => State::Degraded,
        (ComponentStatus::Unrecognised(_), _) => State::Unknown,
    }
}

fn state_for_impact(impact: Impact, role: Option<Role>) -> State {
    match (impact, role) {
        (Impact::None, _) => State::Operational,
        (Impact::Critical, Some(Role::Primary)) => State::MajorOutage,
        (Impact::Major, Some(Role::Primary)) | (Impact::Critical, Some(Role::Upstream)) => State::PartialOutage,
        // An incident that names no component could be about anything: it counts as a warning only.
        _ => State::Degraded,
    }
}

/// Judges a summary for a claude.ai user at time `now` (Unix ms).
pub fn assess(summary: &Summary, now: f64) -> Assessment {
    // The components that matter, deduplicated: identical repeats are harmless, contradicting ones are not.
    let mut watched: Vec<(&Component, Role)> = Vec::new();
    for component in &summary.components {
        let Some(role) = watched_role(&component.id, &component.name) else {
            continue;
        };
        match watched.iter().find(|(seen, _)| {
            seen.name.eq_ignore_ascii_case(&component.name) || (!seen.id.is_empty() && seen.id == component.id)
        }) {
            Some((seen, _)) if seen.status == component.status => {}
            Some((seen, _)) => {
                let views = component_views(&watched);
                let reason = Phrase::with(
                    "unknown_listed_twice",
                    [component.name.as_str().into(), seen.status.phrase().into(), component.status.phrase().into()],
                );
                return unknown(reason, views);
            }
            None => watched.push((component, role)),
        }
    }
    watched.sort_by_key(|(_, role)| *role != Role::Primary);
    let components = component_views(&watched);

    if let Some((component, _)) =
        watched.iter().find(|(component, _)| matches!(component.status, ComponentStatus::Unrecognised(_)))
    {
        let reason = Phrase::with(
            "unknown_component_status",
            [component.name.as_str().into(), component.status.phrase().into()],
        );
        return unknown(reason, components);
    }

    // The worst of: each watched component, and each open incident by what it names.
    let mut state = State::Operational;
    let mut cause: Option<&Component> = None;
    for (component, role) in &watched {
        let candidate = state_for(&component.status, *role);
        if candidate.severity() > state.severity() {
            state = candidate;
            cause = Some(component);
        }
    }

    let relevant_incidents: Vec<(&Incident, Option<Role>)> = summary
        .incidents
        .iter()
        .filter_map(|incident| {
            let named = !incident.component_ids.is_empty() || !incident.component_names.is_empty();
            match names_watched(&incident.component_ids, &incident.component_names) {
                Some(role) => Some((incident, Some(role))),
                None if !named => Some((incident, None)),
                None => None, // names only other products, e.g. Claude Code
            }
        })
        .collect();
    for (incident, role) in &relevant_incidents {
        let candidate = state_for_impact(incident.impact, *role);
        if candidate.severity() > state.severity() {
            state = candidate;
            cause = None;
        }
    }

    let active_maintenance = summary.maintenances.iter().find(|maintenance| {
        maintenance.active && {
            let named = !maintenance.component_ids.is_empty() || !maintenance.component_names.is_empty();
            !named || names_watched(&maintenance.component_ids, &maintenance.component_names).is_some()
        }
    });
    if active_maintenance.is_some() && State::Maintenance.severity() > state.severity() {
        state = State::Maintenance;
        cause = None;
    }

    // Nothing watched on the page (renamed components, another page's payload): fall back to the blend.
    if watched.is_empty() {
        let fallback = match &summary.indicator {
            Some(Indicator::None) => State::Operational,
            Some(Indicator::Minor) => State::Degraded,
            Some(Indicator::Major) => State::PartialOutage,
            Some(Indicator::Critical) => State::MajorOutage,
            Some(Indicator::Maintenance) => State::Maintenance,
            Some(Indicator::Unrecognised(text)) => {
                return unknown(Phrase::new("unknown_indicator", [text]), components);
            }
            None => return unknown(Phrase::plain("unknown_no_component"), components),
        };
        if fallback.severity() > state.severity() {
            state = fallback;
        }
    }

    // The incident to show: the one about claude.ai first, then the API, then unscoped; newest first among equals.
    let incident = relevant_incidents
        .iter()
        .min_by(|(a, role_a), (b, role_b)| {
            let rank = |role: &Option<Role>| match role {
                Some(Role::Primary) => 0,
                Some(Role::Upstream) => 1,
                None => 2,
            };
            let updated = |incident: &Incident| {
                incident.latest_update.as_ref().and_then(|u| u.created_at).or(incident.started_at).unwrap_or(0.0)
            };
            rank(role_a)
                .cmp(&rank(role_b))
                .then(updated(b).partial_cmp(&updated(a)).unwrap_or(std::cmp::Ordering::Equal))
        })
        .map(|(incident, _)| *incident);
    let incident_view = incident.map(|incident| {
        let updated_at = incident.latest_update.as_ref().and_then(|u| u.created_at).or(incident.started_at);
        IncidentView {
            name: incident.name.clone(),
            status: incident.status.clone(),
            latest_update: incident.latest_update.as_ref().map(|u| u.body.clone()).filter(|body| !body.is_empty()),
            updated: updated_at.map(|at| Phrase::with("status_updated", [ago(at, now).into()])),
            link: incident.link.clone().or_else(|| summary.page_url.clone()),
        }
    });

    let maintenance = active_maintenance
        .map(|maintenance| match maintenance.scheduled_until {
            Some(until) if until > now => Phrase::with(
                "maintenance_in_progress_until",
                [maintenance.name.as_str().into(), span_up(until - now).into()],
            ),
            _ => Phrase::new("maintenance_in_progress", [&maintenance.name]),
        })
        .or_else(|| {
            summary
                .maintenances
                .iter()
                .filter(|maintenance| !maintenance.active && maintenance.scheduled_for.is_some_and(|at| at > now))
                .min_by(|a, b| a.scheduled_for.partial_cmp(&b.scheduled_for).unwrap_or(std::cmp::Ordering::Equal))
                .map(|maintenance| {
                    let starts_in = span_up(maintenance.scheduled_for.unwrap_or(now) - now);
                    Phrase::with("maintenance_scheduled", [maintenance.name.as_str().into(), starts_in.into()])
                })
        });

    let sentence = sentence(state, cause, incident, active_maintenance, now);
    Assessment { state, sentence, reason: None, components, incident: incident_view, maintenance }
}

fn component_views(watched: &[(&Component, Role)]) -> Vec<ComponentView> {
    watched
        .iter()
        .map(|(component, role)| ComponentView {
            name: component.name.clone(),
            status: String::from(component.status.clone()),
            words: component.status.words(),
            role: *role,
        })
        .collect()
}

fn sentence(
    state: State,
    cause: Option<&Component>,
    incident: Option<&Incident>,
    maintenance: Option<&Maintenance>,
    now: f64,
) -> Phrase {
    if state == State::Operational {
        return Phrase::plain("status_operational_sentence");
    }
    let place: Arg = match cause {
        Some(component) if watched_role(&component.id, &component.name) == Some(Role::Upstream) => {
            Phrase::with("status_place_upstream", [component.name.as_str().into(), component.status.had().into()])
                .into()
        }
        _ => "claude.ai".into(),
    };
    let text = Phrase::with("status_on", [state.title().into(), place]);
    let named = |text: Phrase, name: &str| Phrase::with("status_named", [text.into(), name.into()]);
    if state == State::Maintenance {
        return match maintenance {
            Some(maintenance) => named(text, &maintenance.name),
            None => text,
        };
    }
    match incident {
        Some(incident) => {
            let text = named(text, &incident.name);
            let updated = incident.latest_update.as_ref().and_then(|u| u.created_at).or(incident.started_at);
            match updated {
                Some(at) => Phrase::with("status_updated_suffix", [text.into(), ago(at, now).into()]),
                None => text,
            }
        }
        None => match cause.and_then(|component| component.updated_at) {
            Some(at) => Phrase::with("status_since_suffix", [text.into(), ago(at, now).into()]),
            None => text,
        },
    }
}

/// A span until something starts or ends, rounded up (a maintenance ending in 30 s ends "in 1 min").
fn span_up(ms: f64) -> Phrase {
    crate::time::span((ms / 60_000.0).ceil().max(1.0) * 60_000.0)
}

mod wire;

#[cfg(test)]
mod tests;
