//! # Reroute's core
//!
//! Reroute is a browser extension that keeps people working when Claude fails. This crate holds its logic,
//! pure and tested natively; the browser extension around it (in `extension/`) only observes, stores and
//! draws.
//!
//! - [`status`]: status.claude.com's `summary.json` → a typed summary → Claude's state for a claude.ai user.
//! - [`poll`]: what Reroute remembers between polls, when it asks again, and what the toolbar badge shows.
//! - [`claude`]: claude.ai's failure texts and page structure, as one table.
//! - [`verdict`]: signals from a claude.ai tab over time → one verdict with its reasons.
//! - [`targets`]: the sites a prompt can go to, one row each.
//! - [`prompt`]: the text that is sent (prompt, optional context preamble) and the URL that opens the target.
//! - [`delivery`]: the one-time handoff to the target tab, and how a delivery ended.
//! - [`hold`]: prompts held until Claude is back, and sent to claude.ai once.
//! - [`settings`]: the user's settings, validated whatever storage holds.
//! - [`protocol`]: the typed messages between Reroute's pages, content scripts and background.
//! - [`usage`]: the 5-hour and 7-day windows as claude.ai's own replies report them.
//! - [`time`]: the timestamps status pages write, and "4 min ago".
//!
//! The `wasm` module (only in the `wasm32` build) is the thin boundary the extension calls, and the one
//! place that touches the network.
//!
//! ```
//! use reroute::poll::{FetchOutcome, StatusRecord};
//! let body = r#"{"components":[{"id":"rwppv331jlwc","name":"claude.ai","status":"partial_outage"}]}"#;
//! let mut record = StatusRecord::default();
//! record.apply(FetchOutcome::Response { status: 200, body: body.into(), etag: None, last_modified: None }, 0.0);
//! let view = record.view(0.0);
//! assert_eq!(view.words, "partial outage");
//! assert_eq!(view.badge.text, "OUT");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod claude;
pub mod custom;
pub mod delivery;
pub mod health;
pub mod history;
pub mod hold;
pub mod keep;
pub mod phrase;
pub mod poll;
pub mod prompt;
pub mod protocol;
pub mod settings;
pub mod status;
pub mod targets;
pub mod time;
pub mod usage;
pub mod verdict;
pub mod watch;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
