// @ts-check
// Every runtime message is decoded by the Rust core (protocol.rs) against who sent it, before any handler
// runs. Replies are `{data}` or `{error}`; an unknown or malformed message is an error, never ignored.
import { api } from '../lib/browser.js';

// Reroute's target script also runs on the custom target's origin, once the user granted it. Read once per
// background lifetime and again when the settings change, not on every message (claude.ai sends many).
/** @type {Promise<string> | null} */
let customPattern = null;
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && 'settings' in changes) customPattern = null;
});
/** @param {RerouteCore} core */
async function customTargetPattern(core) {
  customPattern ??= api.storage.sync
    .get('settings')
    .then(({ settings }) => core.customTargetAccess(settings ?? null)?.originPattern ?? '');
  return customPattern;
}

/** Who sent a message, from what the browser vouches for (protocol.rs decides); the body proves nothing.
 * @param {RerouteCore} core @param {chrome.runtime.MessageSender | undefined} sender
 * @returns {Promise<'extension-page' | 'claude-content-script' | 'target-content-script' | 'web-page'>} */
export async function originOf(core, sender) {
  return core.senderOrigin(
    !!sender && sender.id === api.runtime.id,
    typeof sender?.url === 'string' ? sender.url : '',
    api.runtime.getURL(''),
    !!sender?.tab,
    await customTargetPattern(core),
  );
}

/** Routes decoded requests to `handlers[type](request, sender)`.
 * @param {Promise<RerouteCore>} ready @param {RequestHandlers} handlers */
export function listen(ready, handlers) {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    (async () => {
      const core = await ready;
      /** @type {BackgroundRequest} */
      const request = core.decodeRequest(message, await originOf(core, sender));
      // The core paired the request with its type and its sender (a tab, for a content script's): the handler
      // for that type takes both, which the checker can't follow through the lookup.
      const handler = /** @type {(request: BackgroundRequest, sender: chrome.runtime.MessageSender) => unknown} */ (
        handlers[request.type]
      );
      if (!handler) throw new Error(`no handler for ${request.type}`);
      return handler(request, sender);
    })().then(
      (data) => sendResponse({ data }),
      (error) => sendResponse({ error: String(error?.message ?? error) }),
    );
    return true; // the reply comes asynchronously
  });
}
