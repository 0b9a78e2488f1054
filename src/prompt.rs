//! Prompt packing: the text that goes to the target, optionally with the Claude conversation before it as a
//! clearly marked preamble, and the URL that opens the target (never with the prompt in it).
//!
//! The one rule: **the prompt itself is never changed**. It is always the exact tail of what is sent; only the
//! preamble in front of it is trimmed to fit.
//!
//! ```
//! use reroute::prompt::{pack, ContextOptions, Turn, Role};
//! let turns = [Turn { role: Role::User, text: "What is Rust?".into() }, Turn { role: Role::Claude, text: "A language.".into() }];
//! let options = ContextOptions { include: true, max_turns: 4, max_chars: 2_000 };
//! let packed = pack("And Go?", &turns, &options);
//! assert!(packed.ends_with("\n\nAnd Go?"));
//! assert!(packed.starts_with("Context from my conversation with Claude"));
//! assert_eq!(pack("And Go?", &turns, &ContextOptions::default()), "And Go?");
//! ```

use serde::{Deserialize, Serialize};

use crate::targets::Site;

/// The longest prompt Reroute takes (characters); beyond this, even pasting by hand is unreasonable.
pub const MAX_PROMPT_CHARS: usize = 200_000;

/// Who said a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The user.
    User,
    /// Claude.
    Claude,
}

/// One turn of the Claude conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    /// Who said it.
    pub role: Role,
    /// What was said, as plain text.
    pub text: String,
}

/// Whether and how much conversation goes before the prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContextOptions {
    /// Off by default: only the prompt is sent.
    pub include: bool,
    /// The last this many turns.
    pub max_turns: usize,
    /// At most this many characters of preamble.
    pub max_chars: usize,
}

impl Default for ContextOptions {
    fn default() -> Self {
        Self { include: false, max_turns: 4, max_chars: 6_000 }
    }
}

/// The text to send: the prompt, after a preamble of the last turns when asked for.
pub fn pack(prompt: &str, turns: &[Turn], options: &ContextOptions) -> String {
    let preamble = if options.include { preamble(turns, options) } else { None };
    match preamble {
        Some(preamble) => format!("{preamble}\n\n{prompt}"),
        None => prompt.to_string(),
    }
}

fn preamble(turns: &[Turn], options: &ContextOptions) -> Option<String> {
    const HEAD_CHARS: usize = 120; // room for the header and footer lines
    let budget = options.max_chars.checked_sub(HEAD_CHARS)?;
    let recent: Vec<&Turn> = turns.iter().filter(|turn| !turn.text.trim().is_empty()).collect();
    let recent = &recent[recent.len().saturating_sub(options.max_turns)..];
    // Newest first, so that when the budget runs out it is the oldest turns that go.
    let mut kept: Vec<String> = Vec::new();
    let mut used = 0;
    for turn in recent.iter().rev() {
        let label = match turn.role {
            Role::User => "Me",
            Role::Claude => "Claude",
        };
        let left = budget.saturating_sub(used);
        let room = left.saturating_sub(label.len() + 3);
        if room < 40 {
            break;
        }
        let text = turn.text.trim();
        let text = match text.char_indices().nth(room) {
            Some((cut, _)) => format!("{}\u{2026}", &text[..cut]),
            None => text.to_string(),
        };
        let entry = format!("{label}: {text}");
        used += entry.chars().count() + 1;
        kept.push(entry);
    }
    if kept.is_empty() {
        return None;
    }
    kept.reverse();
    Some(format!(
        "Context from my conversation with Claude (last {} {}):\n---\n{}\n---\nMy question:",
        kept.len(),
        if kept.len() == 1 { "turn" } else { "turns" },
        kept.join("\n")
    ))
}

/// The URL that opens `site`: its plain address. The prompt never goes into a URL: ChatGPT's `?q=` is used in
/// the wild as "prefill and send", which would skip the read-back and *Ask before sending*, and a URL lands in
/// the browser's history. The composer gets the prompt, read back before anything is sent.
///
/// ```
/// use reroute::{prompt::target_url, targets::Target};
/// assert_eq!(target_url(Target::Chatgpt.site()), "https://chatgpt.com/");
/// assert_eq!(target_url(Target::Gemini.site()), "https://gemini.google.com/app");
/// ```
pub fn target_url(site: &Site) -> String {
    site.url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::TARGETS;
    use proptest::prelude::*;

    fn turn(role: Role, text: &str) -> Turn {
        Turn { role, text: text.into() }
    }

    fn on(max_turns: usize, max_chars: usize) -> ContextOptions {
        ContextOptions { include: true, max_turns, max_chars }
    }

    #[test]
    fn context_is_off_by_default() {
        assert_eq!(pack("hi", &[turn(Role::User, "earlier")], &ContextOptions::default()), "hi");
    }

    #[test]
    fn the_preamble_is_clearly_marked_and_takes_the_last_turns() {
        let turns =
            [turn(Role::User, "one"), turn(Role::Claude, "two"), turn(Role::User, "three"), turn(Role::Claude, "four")];
        let packed = pack("five", &turns, &on(2, 2_000));
        assert_eq!(
            packed,
            "Context from my conversation with Claude (last 2 turns):\n---\nMe: three\nClaude: four\n---\nMy question:\n\nfive"
        );
    }

    #[test]
    fn long_turns_are_cut_and_old_turns_dropped_to_fit() {
        let turns = [turn(Role::User, &"a".repeat(5_000)), turn(Role::Claude, &"b".repeat(5_000))];
        let packed = pack("q", &turns, &on(4, 1_000));
        assert!(packed.chars().count() <= 1_000 + 3, "{}", packed.chars().count());
        assert!(packed.contains("Claude: bbb") && packed.contains('\u{2026}'));
        assert!(!packed.contains("Me: aaa"), "the oldest turn goes first");
    }

    #[test]
    fn no_room_means_no_preamble() {
        assert_eq!(pack("q", &[turn(Role::User, "x")], &on(4, 50)), "q");
        assert_eq!(pack("q", &[], &on(4, 5_000)), "q");
        assert_eq!(pack("q", &[turn(Role::User, "  ")], &on(4, 5_000)), "q");
    }

    #[test]
    fn no_target_url_has_a_query() {
        for site in TARGETS {
            assert_eq!(target_url(site), site.url);
            assert!(!site.url.contains('?') && !site.url.contains('#'), "{}", site.name);
        }
    }

    proptest! {
        #[test]
        fn the_prompt_is_always_the_exact_tail(
            prompt in "\\PC{0,200}",
            texts in proptest::collection::vec("\\PC{0,300}", 0..8),
            max_turns in 0usize..10,
            max_chars in 0usize..3_000,
            include in any::<bool>(),
        ) {
            let turns: Vec<Turn> = texts.iter().enumerate().map(|(i, text)| Turn { role: if i % 2 == 0 { Role::User } else { Role::Claude }, text: text.clone() }).collect();
            let options = ContextOptions { include, max_turns, max_chars };
            let packed = pack(&prompt, &turns, &options);
            prop_assert!(packed.ends_with(&prompt));
            let preamble_chars = packed.chars().count() - prompt.chars().count();
            prop_assert!(preamble_chars == 0 || (include && preamble_chars <= max_chars + 2));
        }
    }
}
