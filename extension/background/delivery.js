// @ts-check
// Delivering a prompt: open the target next to the claude.ai tab, leave a one-time handoff for that tab in
// storage.session (never storage.local), and answer the target content script's claim and report. Recent
// prompts stay in storage.session too, for "Recover last prompt" and for rerouting after a failure.
import { api } from '../lib/browser.js';
import { granted } from './health.js';

const RECENT_KEY = 'recentPrompts';
const MAX_RECENT = 10;
export const SETTINGS_KEY = 'settings';
const handoffKey = (tabId) => `handoff:${tabId}`;
const draftKey = (tabId) => `draft:${tabId}`;

export class Delivery {
  #ready;
  /** Tabs being opened: a claim that arrives before its handoff is stored waits for it. */
  #opening = new Map();

  /** Told how each delivery ended (target and outcome only), for the history and the target's health. */
  #onOutcome;

  /** @param {Promise<any>} ready the core, once its wasm is loaded
   * @param {(target: string, outcome: string) => void} [onOutcome] */
  constructor(ready, onOutcome = () => {}) {
    this.#ready = ready;
    this.#onOutcome = onOutcome;
  }

  async settings() {
    return (await this.loadSettings()).settings;
  }

  /** The settings with what reading them repaired or migrated: `{settings, reset, migratedFrom}`. */
  async loadSettings() {
    const core = await this.#ready;
    return core.loadSettings(await this.#storedSettings());
  }

  /** Stores what the user chose (made consistent by the core) and returns it as read back. */
  async saveSettings(settings) {
    const core = await this.#ready;
    await api.storage.sync.set({ [SETTINGS_KEY]: core.storeSettings(settings) });
    return this.loadSettings();
  }

  /** The text to send for `prompt`: with the conversation `turns` before it when the settings ask for context. */
  async pack(prompt, turns) {
    const core = await this.#ready;
    return core.packPrompt(prompt, turns, await this.#storedSettings());
  }

  async #storedSettings() {
    const { [SETTINGS_KEY]: stored } = await api.storage.sync.get(SETTINGS_KEY);
    return stored ?? null;
  }

  /** Sends `text` to `target`, opening it next to `openerTab` when there is one. */
  async start(target, text, openerTab) {
    const core = await this.#ready;
    const stored = await this.#storedSettings();
    const settings = core.readSettings(stored);
    const id = crypto.randomUUID();
    await this.#remember({ id, text, target, at: Date.now() });
    let tab;
    const opened = (async () => {
      tab = await api.tabs.create({
        url: core.targetUrl(target, text, stored),
        ...(openerTab ? { index: openerTab.index + 1, openerTabId: openerTab.id, windowId: openerTab.windowId } : {}),
      });
      await api.storage.session.set({ [handoffKey(tab.id)]: core.newHandoff(id, target, text, settings.autoSubmit, Date.now()) });
      return tab;
    })();
    this.#opening.set(id, opened);
    try {
      await opened;
    } finally {
      this.#opening.delete(id);
    }
    return { id, tabId: tab.id };
  }

  /** The prompt waiting for `tabId`, with its site's row; null when there is none or it expired. */
  async claim(tabId) {
    const core = await this.#ready;
    await Promise.allSettled(this.#opening.values());
    const key = handoffKey(tabId);
    const { [key]: stored } = await api.storage.session.get(key);
    if (stored === undefined) return null;
    const claim = core.claimHandoff(stored, Date.now(), await this.#storedSettings());
    if (!claim) await api.storage.session.remove(key);
    return claim;
  }

  /** How the delivery to `tabId` ended: the handoff goes, and the notice for that tab comes back. */
  async report(tabId, id, outcome) {
    const core = await this.#ready;
    const key = handoffKey(tabId);
    /** @type {{[key: string]: any}} storage holds anything */
    const { [key]: stored } = await api.storage.session.get(key);
    if (stored !== undefined && JSON.parse(stored).id === id) await api.storage.session.remove(key);
    const recent = (await this.recent()).find((entry) => entry.id === id);
    if (!recent) throw new Error('unknown delivery');
    const notice = core.deliveryNotice(outcome, recent.target, await this.#storedSettings(), await granted());
    await this.#remember({ ...recent, outcome: outcome.outcome });
    this.#onOutcome(recent.target, outcome.outcome);
    return notice;
  }

  /** The same prompt to another target, after the first one failed. */
  async reroute(id, target, fromTab) {
    const recent = (await this.recent()).find((entry) => entry.id === id);
    if (!recent) throw new Error('unknown delivery');
    return this.start(target, recent.text, fromTab);
  }

  async recent() {
    const { [RECENT_KEY]: recent } = await api.storage.session.get(RECENT_KEY);
    return Array.isArray(recent) ? recent : [];
  }

  async #remember(entry) {
    const recent = (await this.recent()).filter((other) => other.id !== entry.id);
    await api.storage.session.set({ [RECENT_KEY]: [entry, ...recent].slice(0, MAX_RECENT) });
  }

  /** The claude.ai composer's text as the user types, so an error screen or a crash never loses it. */
  async saveDraft(tabId, conversation, text) {
    const key = draftKey(tabId);
    /** @type {{[key: string]: any}} storage holds anything */
    const { [key]: previous } = await api.storage.session.get(key);
    // An emptied composer (the message was sent) keeps the last words the user wrote.
    if (!text.trim() && previous?.conversation === conversation) return;
    await api.storage.session.set({ [key]: { conversation, text, at: Date.now() } });
  }

  /** @returns {Promise<{conversation: string, text: string, at: number} | null>} as saveDraft stored it */
  async draft(tabId) {
    /** @type {{[key: string]: any}} storage holds anything */
    const { [draftKey(tabId)]: draft } = await api.storage.session.get(draftKey(tabId));
    return draft ?? null;
  }

  forget(tabId) {
    return api.storage.session.remove([handoffKey(tabId), draftKey(tabId)]);
  }
}
