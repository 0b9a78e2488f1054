//! The user's settings, read defensively: whatever `storage.sync` holds, Reroute gets valid [`Settings`], and
//! learns which stored values it could not use, so the options page can say so.
//!
//! The stored form is versioned ([`SCHEMA_VERSION`]). Version 1 (Reroute 0.1) had no `version` field and no
//! target list, notifications or pause switch; it is migrated on read, keeping everything it held.
//!
//! ```
//! use reroute::settings::{Settings, Loaded};
//! let loaded = Settings::load(Some(r#"{"version": 2, "autoSubmit": false, "defaultTarget": "nonsense"}"#));
//! assert!(!loaded.settings.auto_submit);
//! assert_eq!(loaded.reset, ["defaultTarget"]);
//! assert_eq!(Settings::load(None), Loaded::default());
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::custom::CustomTarget;
use crate::prompt::ContextOptions;
use crate::targets::{Target, TARGETS};

/// The version [`Settings::to_stored`] writes.
pub const SCHEMA_VERSION: u64 = 2;

/// How many conversation turns the context may carry, and how many characters.
const TURNS: std::ops::RangeInclusive<usize> = 1..=20;
const CHARS: std::ops::RangeInclusive<usize> = 500..=50_000;

/// One target in the user's list: the order is the order of the buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetChoice {
    /// Which target.
    pub id: Target,
    /// Whether it gets a button.
    pub enabled: bool,
}

/// What the user chose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Where the keyboard shortcut sends, and the first button.
    pub default_target: Target,
    /// Send once the prompt is verified in the target's composer; off is "ask before sending".
    pub auto_submit: bool,
    /// Conversation context before the prompt.
    pub context: ContextOptions,
    /// Every known target once, in the user's order.
    pub targets: Vec<TargetChoice>,
    /// Desktop notifications when Claude goes down and comes back.
    pub notifications: bool,
    /// No failure detection on claude.ai pages (the status badge still updates).
    pub detection_paused: bool,
    /// The user's own target, when set up; it is in `targets` exactly when it is ready (has its message box).
    pub custom: Option<CustomTarget>,
    /// When a target can't take the prompt (a login wall, a bot check, its own limit, its error screen), move
    /// the same prompt to the next healthy target in the user's order by itself. Off unless the user turns it on.
    pub try_next_target: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            default_target: Target::Chatgpt,
            auto_submit: true,
            context: ContextOptions::default(),
            targets: TARGETS.iter().map(|site| TargetChoice { id: site.id, enabled: !site.optional }).collect(),
            notifications: true,
            detection_paused: false,
            custom: None,
            try_next_target: false,
        }
    }
}

/// Settings as read from storage, with what reading them had to repair.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Loaded {
    /// Always valid.
    pub settings: Settings,
    /// The stored fields that were unusable and now hold their defaults ("settings" when nothing was usable).
    pub reset: Vec<&'static str>,
    /// The schema version the stored settings were migrated from, if they were older.
    pub migrated_from: Option<u64>,
}

impl Settings {
    /// Settings from their stored JSON (None: nothing stored yet). Each field that is missing takes its
    /// default; each that is present but unusable takes its default and is named in [`Loaded::reset`], so one
    /// bad value never costs the others and never goes unnoticed.
    pub fn load(stored: Option<&str>) -> Loaded {
        let Some(stored) = stored else { return Loaded::default() };
        let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(stored) else {
            return Loaded { reset: vec!["settings"], ..Loaded::default() };
        };
        let version = match fields.get("version") {
            None => 1,
            Some(version) => version.as_u64().filter(|v| *v >= 1).unwrap_or(SCHEMA_VERSION),
        };
        let mut reader = Reader { fields: &fields, reset: Vec::new() };
        let defaults = Settings::default();
        let context = reader.object("context");
        let mut settings = Settings {
            default_target: reader.field("defaultTarget", defaults.default_target),
            auto_submit: reader.field("autoSubmit", defaults.auto_submit),
            context: ContextOptions {
                include: context.as_ref().and_then(|c| c.get("include")?.as_bool()).unwrap_or(defaults.context.include),
                max_turns: in_range(context.as_ref().and_then(|c| c.get("maxTurns")), TURNS)
                    .unwrap_or(defaults.context.max_turns),
                max_chars: in_range(context.as_ref().and_then(|c| c.get("maxChars")), CHARS)
                    .unwrap_or(defaults.context.max_chars),
            },
            // Version 1 had none of these: their defaults are the migration.
            targets: reader.targets().unwrap_or(defaults.targets),
            notifications: reader.field("notifications", defaults.notifications),
            detection_paused: reader.field("detectionPaused", defaults.detection_paused),
            custom: reader.custom(),
            try_next_target: reader.field("tryNextTarget", defaults.try_next_target),
        };
        settings.fit_custom_into_targets();
        if let Some(context) = &context {
            let valid = |name: &str, ok: &dyn Fn(&Value) -> bool| context.get(name).is_none_or(ok);
            if !valid("include", &Value::is_boolean)
                || !valid("maxTurns", &|v| in_range(Some(v), TURNS).is_some())
                || !valid("maxChars", &|v| in_range(Some(v), CHARS).is_some())
            {
                reader.note("context");
            }
        }
        if settings.normalise() {
            reader.note("defaultTarget");
        }
        Loaded { settings, reset: reader.reset, migrated_from: (version < SCHEMA_VERSION).then_some(version) }
    }

    /// Settings from what storage holds, repairs and all; for readers that only need the values.
    pub fn from_stored(json: &str) -> Self {
        Self::load((!json.is_empty()).then_some(json)).settings
    }

    /// The JSON to store, stamped with the schema version.
    pub fn to_stored(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Value::Object(fields) = &mut value {
            fields.insert("version".into(), SCHEMA_VERSION.into());
        }
        value.to_string()
    }

    /// Settings the options page sent, made consistent: every target listed once, at least one enabled, the
    /// default among the enabled ones, the context limits in range, a custom target valid or gone.
    pub fn validated(mut self) -> Self {
        self.custom = self.custom.and_then(|custom| custom.validated().ok());
        self.fit_custom_into_targets();
        let mut seen = Vec::new();
        self.targets.retain(|choice| !seen.contains(&choice.id) && (seen.push(choice.id), true).1);
        for site in TARGETS {
            if !seen.contains(&site.id) {
                self.targets.push(TargetChoice { id: site.id, enabled: false });
            }
        }
        if !self.targets.iter().any(|choice| choice.enabled) {
            self.targets = Settings::default().targets;
        }
        self.context.max_turns = self.context.max_turns.clamp(*TURNS.start(), *TURNS.end());
        self.context.max_chars = self.context.max_chars.clamp(*CHARS.start(), *CHARS.end());
        self.normalise();
        self
    }

    /// The enabled targets in the user's order, the default first.
    pub fn target_order(&self) -> Vec<Target> {
        let mut order: Vec<Target> =
            self.targets.iter().filter(|choice| choice.enabled).map(|choice| choice.id).collect();
        order.sort_by_key(|id| *id != self.default_target);
        order
    }

    /// The enabled targets Reroute can reach now, in the user's order: a target behind an optional host
    /// permission counts only while `granted` (the granted origin patterns) holds it, so revoking access in
    /// the browser removes its button rather than leaving one that opens a page Reroute can't fill. The custom
    /// target too: its prompt goes only into its message box, so without access to its site it has no way in.
    pub fn reachable_order(&self, granted: &[String]) -> Vec<Target> {
        let reachable = |target: &Target| match target {
            Target::Custom => self
                .custom
                .as_ref()
                .is_some_and(|custom| custom.is_ready() && granted.contains(&custom.origin_pattern())),
            _ => !target.site().optional || granted.contains(&target.site().origin_pattern()),
        };
        self.target_order().into_iter().filter(reachable).collect()
    }

    /// The target to offer instead of `target` when it fails: the next reachable one in the user's order.
    pub fn alternative_to(&self, target: Target, granted: &[String]) -> Option<Target> {
        self.reachable_order(granted).into_iter().find(|&other| other != target)
    }

    /// A target's name as its button says it.
    pub fn target_name(&self, target: Target) -> String {
        match (target, &self.custom) {
            (Target::Custom, Some(custom)) => custom.name.clone(),
            _ => target.site().name.to_string(),
        }
    }

    /// The custom target is listed (once, enabled when new) exactly when it is ready: one that still needs its
    /// message box (settings from before it was required) is kept, but has no place in the list, so no button.
    fn fit_custom_into_targets(&mut self) {
        let listed = self.targets.iter().any(|choice| choice.id == Target::Custom);
        match (self.custom.as_ref().is_some_and(CustomTarget::is_ready), listed) {
            (true, false) => self.targets.push(TargetChoice { id: Target::Custom, enabled: true }),
            (false, true) => self.targets.retain(|choice| choice.id != Target::Custom),
            _ => {}
        }
    }

    /// Makes the default target an enabled one; true when it had to change.
    fn normalise(&mut self) -> bool {
        let enabled = |id: Target| self.targets.iter().any(|choice| choice.id == id && choice.enabled);
        if enabled(self.default_target) {
            return false;
        }
        let Some(first) = self.targets.iter().find(|choice| choice.enabled) else { return false };
        self.default_target = first.id;
        true
    }
}

fn in_range(value: Option<&Value>, range: std::ops::RangeInclusive<usize>) -> Option<usize> {
    value?.as_u64().map(|n| n as usize).filter(|n| range.contains(n))
}

/// Reads fields one by one, noting each that is present but unusable.
struct Reader<'a> {
    fields: &'a Map<String, Value>,
    reset: Vec<&'static str>,
}

impl Reader<'_> {
    fn note(&mut self, name: &'static str) {
        if !self.reset.contains(&name) {
            self.reset.push(name);
        }
    }

    fn field<T: serde::de::DeserializeOwned>(&mut self, name: &'static str, default: T) -> T {
        match self.fields.get(name) {
            None => default,
            Some(value) => serde_json::from_value(value.clone()).unwrap_or_else(|_| {
                self.note(name);
                default
            }),
        }
    }

    fn object(&mut self, name: &'static str) -> Option<Map<String, Value>> {
        match self.fields.get(name)? {
            Value::Object(object) => Some(object.clone()),
            _ => {
                self.note(name);
                None
            }
        }
    }

    /// The custom target: none when absent or null; a stored one that no longer validates is reset. One from
    /// before the prompt left the address loads with its `{prompt}` slot taken out, and without a message box
    /// as one that needs it (validated() does both).
    fn custom(&mut self) -> Option<CustomTarget> {
        match self.fields.get("custom") {
            None | Some(Value::Null) => None,
            Some(value) => {
                let valid = serde_json::from_value::<CustomTarget>(value.clone())
                    .ok()
                    .and_then(|custom| custom.validated().ok());
                if valid.is_none() {
                    self.note("custom");
                }
                valid
            }
        }
    }

    /// The target list: known targets once each, in the stored order; targets this version added but the
    /// stored list lacks come after, enabled only when they need no permission. Unknown ids (from a newer
    /// Reroute) are skipped.
    fn targets(&mut self) -> Option<Vec<TargetChoice>> {
        let stored = self.fields.get("targets")?;
        let Some(list) = stored.as_array() else {
            self.note("targets");
            return None;
        };
        let mut targets: Vec<TargetChoice> = Vec::new();
        for entry in list {
            let id = entry.get("id").and_then(|id| serde_json::from_value::<Target>(id.clone()).ok());
            let enabled = entry.get("enabled").and_then(Value::as_bool);
            match (id, enabled) {
                (Some(Target::Claude), _) => {} // claude.ai is where held prompts go back to, never a target
                (Some(id), Some(enabled)) if !targets.iter().any(|choice| choice.id == id) => {
                    targets.push(TargetChoice { id, enabled })
                }
                (None, _) if entry.get("id").is_some_and(Value::is_string) => {} // a newer Reroute's target
                _ => {
                    self.note("targets");
                    return None;
                }
            }
        }
        for site in TARGETS {
            if !targets.iter().any(|choice| choice.id == site.id) {
                // A target this version added: on when it needs no permission, else off until the user asks.
                targets.push(TargetChoice { id: site.id, enabled: !site.optional });
            }
        }
        if !targets.iter().any(|choice| choice.enabled) {
            self.note("targets");
            return None;
        }
        Some(targets)
    }
}

#[cfg(test)]
mod tests;
