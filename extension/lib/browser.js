// @ts-check
// The WebExtension namespace, resolved once. Firefox has `browser` (and a `chrome` alias); Chrome only
// `chrome`. Both return promises from MV3 APIs, so callers await either the same way.
export const api = globalThis.browser ?? globalThis.chrome;
