// Every runtime message is decoded by the Rust core (protocol.rs) against who sent it, before any handler
// runs. Replies are `{data}` or `{error}`; an unknown or malformed message is an error, never ignored.
import { api } from '../lib/browser.js';

const CLAUDE_ORIGIN = 'https://claude.ai/';

/** Who sent a message, from what the browser vouches for; the message body proves nothing. */
export function originOf(sender) {
  if (!sender || sender.id !== api.runtime.id) return 'web-page';
  const url = typeof sender.url === 'string' ? sender.url : '';
  if (url.startsWith(api.runtime.getURL(''))) return 'extension-page';
  if (sender.tab && url.startsWith(CLAUDE_ORIGIN)) return 'claude-content-script';
  return 'web-page';
}

/** Routes decoded requests to `handlers[type](request, sender)`. */
export function listen(ready, handlers) {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    (async () => {
      const core = await ready;
      const request = core.decodeRequest(message, originOf(sender));
      const handler = handlers[request.type];
      if (!handler) throw new Error(`no handler for ${request.type}`);
      return handler(request, sender);
    })().then(
      (data) => sendResponse({ data }),
      (error) => sendResponse({ error: String(error?.message ?? error) }),
    );
    return true; // the reply comes asynchronously
  });
}
