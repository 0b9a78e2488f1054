//! The user's own target: a self-hosted front end such as Open WebUI or LibreChat, described by a URL template
//! with `{prompt}` and, optionally, the CSS selector of its message box. With a selector, Reroute puts the
//! prompt in and checks it (the user grants that one origin); without, the URL alone carries the prompt.
//!
//! ```
//! use reroute::custom::CustomTarget;
//! let target = CustomTarget::new("My WebUI", "https://chat.example.net/?q={prompt}", None).unwrap();
//! assert_eq!(target.url_for("a b"), "https://chat.example.net/?q=a%20b");
//! assert_eq!(target.origin_pattern(), "https://chat.example.net/*");
//! assert!(CustomTarget::new("x", "http://chat.example.net/?q={prompt}", None).is_err(), "https only");
//! ```

use serde::{Deserialize, Serialize};

use crate::prompt::{encode_query_value, MAX_URL_CHARS};
use crate::targets::{Editor, SiteView};

/// Where `{prompt}` goes in the template.
pub const PROMPT_SLOT: &str = "{prompt}";

/// A custom target, as the options page saves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomTarget {
    /// Its button says "Send to {name}".
    pub name: String,
    /// `https://…` with `{prompt}` where the prompt goes (optional when a composer is given).
    pub url: String,
    /// The message box, when Reroute should put the prompt in and check it.
    pub composer: Option<String>,
}

/// Why a custom target can't be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Invalid {
    /// Empty, or longer than 40 characters.
    Name,
    /// Not an `https://host/…` URL.
    Url,
    /// Neither `{prompt}` in the URL nor a message box to put it in.
    NoWayIn,
    /// A selector longer than 200 characters, or with characters a selector never needs.
    Composer,
}

impl CustomTarget {
    /// A valid custom target, or why not.
    pub fn new(name: &str, url: &str, composer: Option<&str>) -> Result<Self, Invalid> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(Invalid::Name);
        }
        let url = url.trim();
        let host = url.strip_prefix("https://").map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
        let valid_host = host.is_some_and(|host| {
            !host.is_empty()
                && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        });
        if !valid_host || url.chars().count() > 2_000 || url.chars().any(char::is_whitespace) {
            return Err(Invalid::Url);
        }
        let composer = composer.map(str::trim).filter(|selector| !selector.is_empty());
        if composer.is_some_and(|selector| selector.chars().count() > 200 || selector.contains(['{', '}', '<', '>'])) {
            return Err(Invalid::Composer);
        }
        if composer.is_none() && !url.contains(PROMPT_SLOT) {
            return Err(Invalid::NoWayIn);
        }
        Ok(Self { name: name.to_string(), url: url.to_string(), composer: composer.map(str::to_string) })
    }

    /// Itself, checked again (what storage or a message holds is untrusted).
    pub fn validated(&self) -> Result<Self, Invalid> {
        Self::new(&self.name, &self.url, self.composer.as_deref())
    }

    /// The URL to open for `prompt`: the template with the prompt in its slot, or with the slot empty when the
    /// prompt makes the URL too long (the message box, or the clipboard, carries it then).
    pub fn url_for(&self, prompt: &str) -> String {
        let url = self.url.replace(PROMPT_SLOT, &encode_query_value(prompt));
        if url.chars().count() <= MAX_URL_CHARS {
            url
        } else {
            self.url.replace(PROMPT_SLOT, "")
        }
    }

    /// The host permission its message box needs: `https://host/*`.
    pub fn origin_pattern(&self) -> String {
        let rest = self.url.trim_start_matches("https://");
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.split(':').next().unwrap_or_default();
        format!("https://{host}/*")
    }

    /// What the target content script needs: the message box only. There is no send button to press (a
    /// custom site's is unknown), so the prompt waits there for the user.
    pub fn site_view(&self) -> SiteView {
        SiteView {
            name: self.name.clone(),
            composer: self.composer.iter().cloned().collect(),
            send: Vec::new(),
            enter_sends: false,
            disabled_class: None,
            user_turn: Vec::new(),
            editor: Editor::Plain,
            login_wall: Vec::new(),
            error_texts: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_needs_https_a_host_and_a_way_in() {
        assert_eq!(CustomTarget::new("", "https://a.example/?q={prompt}", None), Err(Invalid::Name));
        assert_eq!(CustomTarget::new(&"x".repeat(41), "https://a.example/?q={prompt}", None), Err(Invalid::Name));
        for url in [
            "",
            "chat.example.net",
            "javascript:alert(1)//{prompt}",
            "https://",
            "https:// x/{prompt}",
            "ftp://a/{prompt}",
        ] {
            assert_eq!(CustomTarget::new("x", url, None), Err(Invalid::Url), "{url}");
        }
        assert_eq!(CustomTarget::new("x", "https://a.example/", None), Err(Invalid::NoWayIn));
        assert!(CustomTarget::new("x", "https://a.example/", Some("textarea#chat")).is_ok());
        assert_eq!(CustomTarget::new("x", "https://a.example/", Some("<img>")), Err(Invalid::Composer));
        let trimmed =
            CustomTarget::new("  LibreChat ", " https://chat.lan:3080/c/new?prompt={prompt} ", Some("  ")).unwrap();
        assert_eq!((trimmed.name.as_str(), trimmed.composer.as_deref()), ("LibreChat", None));
        assert_eq!(trimmed.origin_pattern(), "https://chat.lan/*");
    }

    #[test]
    fn the_prompt_is_encoded_into_its_slot_and_a_long_one_left_out() {
        let target = CustomTarget::new("x", "https://a.example/?q={prompt}&model=llama", Some("textarea")).unwrap();
        assert_eq!(target.url_for("1 + 1 = 2?\n#"), "https://a.example/?q=1%20%2B%201%20%3D%202%3F%0A%23&model=llama");
        assert_eq!(target.url_for(&"x".repeat(MAX_URL_CHARS)), "https://a.example/?q=&model=llama");
    }

    proptest::proptest! {
        #[test]
        fn anything_typed_is_accepted_or_refused_without_panicking(name in ".{0,50}", url in ".{0,80}", composer in proptest::option::of(".{0,30}")) {
            if let Ok(target) = CustomTarget::new(&name, &url, composer.as_deref()) {
                proptest::prop_assert!(target.url.starts_with("https://"));
                proptest::prop_assert_eq!(target.validated(), Ok(target.clone()));
            }
        }
    }
}
