// @ts-check
// The one owner of the usage Claude reports (key `usage` in storage.local): the 5-hour and 7-day windows from
// the last `message_limit` a claude.ai tab took (from its own replies and refusals, never a request of
// Reroute's). The core decides what is newer and what the popup shows (src/usage.rs); this file copies the
// tab's report into the record, one write at a time.
import { api } from '../lib/browser.js';
import { serial } from './serial.js';

const USAGE_KEY = 'usage';

export class UsageRecord {
  #ready;
  #write = serial();

  /** @param {Promise<RerouteCore>} ready the core, once its wasm is loaded */
  constructor(ready) {
    this.#ready = ready;
  }

  /** The tab `tabId` may have taken a limit (a stream event, or the request an early one waited for).
   * @param {number} tabId */
  fromTab(tabId) {
    return this.#write(async () => {
      const core = await this.#ready;
      const key = `tab:${tabId}`;
      /** @type {{[key: string]: unknown}} storage holds anything: the core reads it */
      const stored = { ...(await api.storage.session.get(key)), ...(await api.storage.local.get(USAGE_KEY)) };
      const next = core.usageFromTab(stored[USAGE_KEY] ?? null, stored[key] ?? null);
      if (typeof next === 'string') await api.storage.local.set({ [USAGE_KEY]: next });
    });
  }

  /** What the popup shows now, or null. */
  async view() {
    const core = await this.#ready;
    /** @type {{[key: string]: unknown}} */
    const { [USAGE_KEY]: stored } = await api.storage.local.get(USAGE_KEY);
    return core.usageView(stored ?? null, Date.now());
  }
}
