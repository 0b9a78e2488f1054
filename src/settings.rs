//! The user's settings, read defensively: whatever storage holds, Reroute gets a valid [`Settings`].
//!
//! ```
//! use reroute::settings::Settings;
//! let settings = Settings::from_stored(r#"{"autoSubmit": false, "defaultTarget": "nonsense"}"#);
//! assert!(!settings.auto_submit);
//! assert_eq!(settings, Settings { auto_submit: false, ..Settings::default() });
//! ```

use serde::{Deserialize, Serialize};

use crate::prompt::ContextOptions;
use crate::targets::Target;

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Where the keyboard shortcut sends, and the first button.
    pub default_target: Target,
    /// Send once the prompt is verified in the target's composer; off is "ask before sending".
    pub auto_submit: bool,
    /// Conversation context before the prompt.
    pub context: ContextOptions,
}

impl Default for Settings {
    fn default() -> Self {
        Self { default_target: Target::Chatgpt, auto_submit: true, context: ContextOptions::default() }
    }
}

impl Settings {
    /// Settings from their stored JSON: each field that is missing or invalid falls back to its default on its
    /// own, so one bad value never costs the others.
    pub fn from_stored(json: &str) -> Self {
        let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
        let defaults = Self::default();
        let field = |name: &str| value.get(name).cloned();
        let context = field("context").unwrap_or_default();
        let context_field = |name: &str| context.get(name).cloned();
        let limited = |value: Option<serde_json::Value>, range: std::ops::RangeInclusive<usize>, default: usize| {
            value.and_then(|value| value.as_u64()).map(|n| n as usize).filter(|n| range.contains(n)).unwrap_or(default)
        };
        Self {
            default_target: field("defaultTarget")
                .and_then(|value| serde_json::from_value(value).ok())
                .unwrap_or(defaults.default_target),
            auto_submit: field("autoSubmit").and_then(|value| value.as_bool()).unwrap_or(defaults.auto_submit),
            context: ContextOptions {
                include: context_field("include").and_then(|value| value.as_bool()).unwrap_or(defaults.context.include),
                max_turns: limited(context_field("maxTurns"), 1..=20, defaults.context.max_turns),
                max_chars: limited(context_field("maxChars"), 500..=50_000, defaults.context.max_chars),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anything_stored_gives_valid_settings() {
        for junk in ["", "null", "[]", "42", "{", r#"{"defaultTarget":7}"#, r#"{"context":"yes"}"#] {
            assert_eq!(Settings::from_stored(junk), Settings::default(), "{junk}");
        }
    }

    #[test]
    fn each_field_falls_back_on_its_own() {
        let settings = Settings::from_stored(
            r#"{"defaultTarget":"gemini","autoSubmit":"yes","context":{"include":true,"maxTurns":500,"maxChars":2000}}"#,
        );
        assert_eq!(settings.default_target, Target::Gemini);
        assert!(settings.auto_submit, "a string is not a boolean: default");
        assert!(settings.context.include);
        assert_eq!(settings.context.max_turns, 4, "out of range: default");
        assert_eq!(settings.context.max_chars, 2_000);
    }

    #[test]
    fn settings_round_trip() {
        let settings = Settings {
            default_target: Target::Gemini,
            auto_submit: false,
            context: ContextOptions { include: true, max_turns: 2, max_chars: 900 },
        };
        assert_eq!(Settings::from_stored(&serde_json::to_string(&settings).unwrap()), settings);
    }
}
