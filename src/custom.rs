//! The user's own target: a self-hosted front end such as Open WebUI or LibreChat, described by the address
//! where a new chat starts and the CSS selector of its message box. Reroute opens the address, puts the prompt
//! into that box and reads it back (the user grants that one origin); the prompt never goes into the address.
//!
//! Settings from before (an address template with `{prompt}`, the message box optional) load with the slot
//! taken out of the address; one without a message box loads as needing one, and has no button until it has.
//!
//! ```
//! use reroute::custom::CustomTarget;
//! let target = CustomTarget::new("My WebUI", "https://chat.example.net/", Some("#chat-input")).unwrap();
//! assert!(target.is_ready());
//! assert_eq!(target.origin_pattern(), "https://chat.example.net/*");
//! let old = CustomTarget::new("My WebUI", "https://chat.example.net/?q={prompt}&model=llama", None).unwrap();
//! assert_eq!((old.url.as_str(), old.is_ready()), ("https://chat.example.net/?model=llama", false));
//! assert!(CustomTarget::new("x", "http://chat.example.net/", Some("textarea")).is_err(), "https only");
//! ```

use serde::{Deserialize, Serialize};

use crate::targets::{Editor, SiteView};

/// Where an earlier version's address template put the prompt; taken out of every address.
pub const PROMPT_SLOT: &str = "{prompt}";

/// A custom target, as the options page saves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomTarget {
    /// Its button says "Send to {name}".
    pub name: String,
    /// `https://…`, where a new chat starts. It never carries the prompt.
    pub url: String,
    /// The message box Reroute puts the prompt into and reads back. None only while the user hasn't given one
    /// (settings from before it was required): the target has no button until it has one.
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
    /// A selector longer than 200 characters, or with characters a selector never needs.
    Composer,
}

impl CustomTarget {
    /// A valid custom target, or why not. A `{prompt}` slot in the address is taken out (the prompt goes only
    /// into the message box); without a message box the target is valid but not [ready](Self::is_ready).
    pub fn new(name: &str, url: &str, composer: Option<&str>) -> Result<Self, Invalid> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(Invalid::Name);
        }
        let url = without_slot(url.trim());
        // The scheme and host in lower case, as the browser keeps a granted origin: this is the one place the
        // address is normalised, so the permission asked for, the one granted and the script's match agree.
        let Some(rest) = url.get(..8).filter(|scheme| scheme.eq_ignore_ascii_case("https://")).map(|_| &url[8..])
        else {
            return Err(Invalid::Url);
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(authority_end);
        if host_of(authority).is_none() || url.chars().count() > 2_000 || url.chars().any(char::is_whitespace) {
            return Err(Invalid::Url);
        }
        let url = format!("https://{}{path}", authority.to_ascii_lowercase());
        let composer = composer.map(str::trim).filter(|selector| !selector.is_empty());
        if composer.is_some_and(|selector| selector.chars().count() > 200 || selector.contains(['{', '}', '<', '>'])) {
            return Err(Invalid::Composer);
        }
        Ok(Self { name: name.to_string(), url, composer: composer.map(str::to_string) })
    }

    /// Itself, checked again (what storage or a message holds is untrusted), and migrated: an address
    /// template's `{prompt}` slot is taken out.
    pub fn validated(&self) -> Result<Self, Invalid> {
        Self::new(&self.name, &self.url, self.composer.as_deref())
    }

    /// Whether it can take a prompt: it has a message box. One without gets no button; the options page says
    /// it needs one.
    pub fn is_ready(&self) -> bool {
        self.composer.is_some()
    }

    /// The host permission its message box needs: `https://host/*` (any port: a match pattern has none).
    pub fn origin_pattern(&self) -> String {
        let rest = self.url.trim_start_matches("https://");
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        format!("https://{}/*", host_of(authority).unwrap_or_default())
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
            limit_texts: Vec::new(),
            challenge: crate::targets::CHALLENGE.iter().map(|item| item.to_string()).collect(),
            challenge_texts: crate::targets::CHALLENGE_TEXTS.iter().map(|item| item.to_string()).collect(),
        }
    }
}

/// The host of an address's `host[:port]` part, or None when it is not one a match pattern can name: no user
/// name (`user@host` would ask for one site and open another), a DNS name or an IPv4 address of letters,
/// digits, dots and hyphens, or an IPv6 address in brackets; the port, if any, digits.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (address, after) = v6.split_once(']')?;
            let valid = !address.is_empty() && address.chars().all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
            (valid.then_some(&authority[..address.len() + 2])?, after.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let name_ok = host.starts_with('[')
        || (!host.is_empty()
            && !host.starts_with(['.', '-'])
            && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')));
    let port_ok =
        port.is_none_or(|port| !port.is_empty() && port.len() <= 5 && port.chars().all(|c| c.is_ascii_digit()));
    (name_ok && port_ok).then_some(host)
}

/// `url` without an address template's `{prompt}` slot: a query or fragment parameter that held it goes whole
/// (`?q={prompt}&model=llama` is `?model=llama`), a slot anywhere else goes alone.
fn without_slot(url: &str) -> String {
    if !url.contains(PROMPT_SLOT) {
        return url.to_string();
    }
    let params = |list: &str| {
        list.split('&').filter(|param| !param.is_empty() && !param.contains(PROMPT_SLOT)).collect::<Vec<_>>().join("&")
    };
    let (rest, fragment) = url.split_once('#').map_or((url, None), |(rest, fragment)| (rest, Some(fragment)));
    let (path, query) = rest.split_once('?').map_or((rest, None), |(path, query)| (path, Some(query)));
    let mut clean = path.replace(PROMPT_SLOT, "");
    if let Some(query) = query.map(params).filter(|query| !query.is_empty()) {
        clean.push('?');
        clean.push_str(&query);
    }
    if let Some(fragment) = fragment.map(params).filter(|fragment| !fragment.is_empty()) {
        clean.push('#');
        clean.push_str(&fragment);
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_needs_https_and_a_host() {
        assert_eq!(CustomTarget::new("", "https://a.example/", Some("textarea")), Err(Invalid::Name));
        assert_eq!(CustomTarget::new(&"x".repeat(41), "https://a.example/", Some("textarea")), Err(Invalid::Name));
        for url in [
            "",
            "chat.example.net",
            "javascript:alert(1)//{prompt}",
            "https://",
            "https:// x/",
            "ftp://a/",
            "http://a.example/",
            "https://{prompt}/",
            "https://{prompt}.example/",
        ] {
            assert_eq!(CustomTarget::new("x", url, Some("textarea")), Err(Invalid::Url), "{url}");
        }
        assert_eq!(CustomTarget::new("x", "https://a.example/", Some("<img>")), Err(Invalid::Composer));
        for url in [
            "https://user@chat.example.net/?q={prompt}",
            "https://a.example:/",
            "https://a.example:x/",
            "https://[::1/",
            "https://a.example:3000:1/",
        ] {
            assert_eq!(CustomTarget::new("x", url, Some("textarea")), Err(Invalid::Url), "{url}");
        }
        let trimmed = CustomTarget::new("  LibreChat ", " https://chat.lan:3080/c/new ", Some("  textarea  ")).unwrap();
        assert_eq!((trimmed.name.as_str(), trimmed.composer.as_deref()), ("LibreChat", Some("textarea")));
        assert_eq!(trimmed.origin_pattern(), "https://chat.lan/*");
        assert!(trimmed.is_ready());
    }

    /// One normalisation: the browser grants `https://chat.lan/*` for `https://Chat.Lan/`, so the address, the
    /// pattern asked for and the script's match are all lower case (the path keeps its case).
    #[test]
    fn the_host_is_kept_in_lower_case_and_its_pattern_names_it_without_port() {
        for (url, address, pattern) in [
            ("https://Chat.Lan/", "https://chat.lan/", "https://chat.lan/*"),
            ("HTTPS://Chat.Lan:3080/C/New", "https://chat.lan:3080/C/New", "https://chat.lan/*"),
            ("https://[::1]:8443/", "https://[::1]:8443/", "https://[::1]/*"),
            ("https://[FE80::1]/", "https://[fe80::1]/", "https://[fe80::1]/*"),
            ("https://10.0.0.2:3000", "https://10.0.0.2:3000", "https://10.0.0.2/*"),
        ] {
            let target = CustomTarget::new("x", url, Some("textarea")).unwrap();
            assert_eq!((target.url.as_str(), target.origin_pattern().as_str()), (address, pattern), "{url}");
        }
    }

    #[test]
    fn without_a_message_box_it_is_kept_but_not_ready() {
        for composer in [None, Some(""), Some("   ")] {
            let target = CustomTarget::new("x", "https://a.example/", composer).unwrap();
            assert_eq!(target.composer, None);
            assert!(!target.is_ready(), "{composer:?}");
        }
    }

    /// No address carries the prompt: an earlier version's template loses its slot, and the parameter around it.
    #[test]
    fn a_template_loses_its_prompt_slot() {
        for (template, address) in [
            ("https://chat.example.net/?q={prompt}", "https://chat.example.net/"),
            ("https://a.example/?q={prompt}&model=llama", "https://a.example/?model=llama"),
            ("https://a.example/?model=llama&q={prompt}", "https://a.example/?model=llama"),
            ("https://chat.lan:3080/c/new?prompt={prompt}", "https://chat.lan:3080/c/new"),
            ("https://a.example/ask/{prompt}", "https://a.example/ask/"),
            ("https://a.example/#/chat?q={prompt}", "https://a.example/"),
            ("https://a.example/?x=1#q={prompt}&y=2", "https://a.example/?x=1#y=2"),
            ("https://a.example/?q={prompt}#top", "https://a.example/#top"),
            ("https://a.example/c/new", "https://a.example/c/new"),
        ] {
            let target = CustomTarget::new("x", template, Some("textarea")).unwrap();
            assert_eq!(target.url, address, "{template}");
            assert!(!target.url.contains(PROMPT_SLOT));
        }
    }

    #[test]
    fn its_view_holds_the_message_box_and_no_way_to_send() {
        let view = CustomTarget::new("x", "https://a.example/", Some("#chat-input")).unwrap().site_view();
        assert_eq!((view.composer, view.send, view.enter_sends), (vec!["#chat-input".to_string()], Vec::new(), false));
    }

    proptest::proptest! {
        #[test]
        fn anything_typed_is_accepted_or_refused_without_panicking(name in ".{0,50}", url in ".{0,80}", composer in proptest::option::of(".{0,30}")) {
            if let Ok(target) = CustomTarget::new(&name, &url, composer.as_deref()) {
                proptest::prop_assert!(target.url.starts_with("https://"));
                proptest::prop_assert!(!target.url.contains(PROMPT_SLOT));
                proptest::prop_assert_eq!(target.validated(), Ok(target.clone()));
            }
        }
    }
}
