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
        let messages: serde_json::Value =
            serde_json::from_str(include_str!("../extension/_locales/en/messages.json")).expect("en messages");
        let message = messages[&self.key]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("_locales/en has no message {}", self.key));
        let wanted = messages[&self.key]["placeholders"].as_object().map_or(0, |placeholders| placeholders.len());
        assert_eq!(wanted, self.args.len(), "{} takes {wanted} argument(s): {:?}", self.key, self.args);
        let mut text = message.to_string();
        for (index, arg) in self.args.iter().enumerate() {
            let said = match arg {
                Arg::Text(text) => text.clone(),
                Arg::Phrase(phrase) => phrase.english(),
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
