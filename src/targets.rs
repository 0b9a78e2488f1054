//! Where Reroute can send a prompt. One row per site: a site change is a one-line fix here.
//!
//! ```
//! use reroute::targets::{Target, TARGETS};
//! assert_eq!(Target::Chatgpt.site().url, "https://chatgpt.com/");
//! assert_eq!(TARGETS.len(), 2);
//! ```

use serde::{Deserialize, Serialize};

/// A target's id, as messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// chatgpt.com
    Chatgpt,
    /// gemini.google.com
    Gemini,
}

/// What Reroute knows of a target site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    /// Its id.
    pub id: Target,
    /// Its name, as buttons say it.
    pub name: &'static str,
    /// Where a new chat starts.
    pub url: &'static str,
}

/// Every target, in the default order.
pub const TARGETS: &[Site] = &[
    Site { id: Target::Chatgpt, name: "ChatGPT", url: "https://chatgpt.com/" },
    Site { id: Target::Gemini, name: "Gemini", url: "https://gemini.google.com/app" },
];

impl Target {
    /// This target's row.
    pub fn site(self) -> &'static Site {
        TARGETS.iter().find(|site| site.id == self).unwrap_or(&TARGETS[0])
    }
}
