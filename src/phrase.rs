//! Words for the user, named rather than written: the core decides *what* to say (a message of
//! `extension/_locales` and its arguments), and the UI says it in the user's language with `i18n.getMessage`.
//! An argument is data the message quotes (a number, a page's own text, an HTTP status) or another phrase
//! (a state's words, "4 min ago"), never an English sentence.
//!
//! ```
//! use reroute::phrase::Phrase;
//! let reason = Phrase::new("reason_replies_http", [2, 3, 529]);
//! assert_eq!(reason.english(), "2 of the last 3 replies failed with HTTP 529");
//! ```

use serde::{Deserialize, Serialize};

/// A message of `_locales` and the arguments for its `$ARG1$`…`$ARG9$`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    /// The message's name in `messages.json`.
    pub key: String,
    /// Its arguments, in order.
    #[serde(default)]
    pub args: Vec<Arg>,
}

/// One argument: quoted data, or words of their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    /// Said as it is.
    Text(String),
    /// Said in the user's language too.
    Phrase(Phrase),
}

impl From<Phrase> for Arg {
    fn from(phrase: Phrase) -> Self {
        Self::Phrase(phrase)
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Self::Text(text.to_string())
    }
}

impl Phrase {
    /// The message `key` quoting `args`.
    pub fn new<T: ToString>(key: &str, args: impl IntoIterator<Item = T>) -> Self {
        Self { key: key.to_string(), args: args.into_iter().map(|arg| Arg::Text(arg.to_string())).collect() }
    }

    /// The message `key` with arguments that may be phrases themselves.
    pub fn with(key: &str, args: impl IntoIterator<Item = Arg>) -> Self {
        Self { key: key.to_string(), args: args.into_iter().collect() }
    }

    /// The message `key`, which takes no arguments.
    pub fn plain(key: &str) -> Self {
        Self { key: key.to_string(), args: Vec::new() }
    }
}

/// English, from `_locales/en`, as an English-speaking user reads it: for native tests and doctests. Not in
/// the wasm build, which never formats words itself.
#[cfg(not(target_arch = "wasm32"))]
impl Phrase {
    /// This phrase in English; panics on a key `_locales/en` lacks or a wrong number of arguments, so a test
    /// that renders a phrase also proves its message exists.
    pub fn english(&self) -> String {
        self.said_in(include_str!("../extension/_locales/en/messages.json"))
    }

    /// This phrase in the language of `catalogue` (a `messages.json`), as `i18n.getMessage` would say it.
    pub fn said_in(&self, catalogue: &str) -> String {
        let messages: serde_json::Value = serde_json::from_str(catalogue).expect("a messages.json");
        self.render(&messages)
    }

    fn render(&self, messages: &serde_json::Value) -> String {
        let message =
            messages[&self.key]["message"].as_str().unwrap_or_else(|| panic!("_locales has no message {}", self.key));
        let wanted = messages[&self.key]["placeholders"].as_object().map_or(0, |placeholders| placeholders.len());
        assert_eq!(wanted, self.args.len(), "{} takes {wanted} argument(s): {:?}", self.key, self.args);
        let mut text = message.to_string();
        for (index, arg) in self.args.iter().enumerate() {
            let said = match arg {
                Arg::Text(text) => text.clone(),
                Arg::Phrase(phrase) => phrase.render(messages),
            };
            text = text.replace(&format!("$ARG{}$", index + 1), &said);
        }
        text
    }
}

/// An optional phrase in English.
#[cfg(not(target_arch = "wasm32"))]
pub fn english_of(phrase: &Option<Phrase>) -> Option<String> {
    phrase.as_ref().map(Phrase::english)
}

/// Each phrase in English.
#[cfg(not(target_arch = "wasm32"))]
pub fn english(phrases: &[Phrase]) -> Vec<String> {
    phrases.iter().map(Phrase::english).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a German user reads: nested phrases are said in German too, quoted data stays as it came.
    #[test]
    fn nested_phrases_are_said_in_the_users_language() {
        let on = Phrase::with("status_on", [Phrase::plain("state_title_major_outage").into(), "claude.ai".into()]);
        let named = Phrase::with("status_named", [on.into(), "Elevated errors".into()]);
        let sentence = Phrase::with("status_updated_suffix", [named.into(), Phrase::new("ago_minutes", [4]).into()]);
        assert_eq!(sentence.english(), "Major outage on claude.ai: Elevated errors (updated 4 min ago)");
        let german = include_str!("../extension/_locales/de/messages.json");
        assert_eq!(
            sentence.said_in(german),
            "Schwerer Ausfall bei claude.ai: Elevated errors (aktualisiert vor 4 Min.)"
        );
        let french = include_str!("../extension/_locales/fr/messages.json");
        assert_eq!(
            Phrase::new("reason_replies_http", [2, 3, 529]).said_in(french),
            "2 des 3 dernières réponses ont échoué avec HTTP 529"
        );
    }

    #[test]
    fn a_phrase_crosses_the_boundary_as_key_and_args() {
        let phrase = Phrase::with("status_checked", [Phrase::plain("ago_just_now").into()]);
        let json = serde_json::to_string(&phrase).unwrap();
        assert_eq!(json, r#"{"key":"status_checked","args":[{"key":"ago_just_now","args":[]}]}"#);
        assert_eq!(serde_json::from_str::<Phrase>(&json).unwrap(), phrase);
        assert!(serde_json::from_str::<Phrase>(r#"{"key":"x","args":[],"html":"<b>"}"#).is_err(), "strict shape");
    }
}
