// @ts-check
// Delivering a prompt: open the target next to the claude.ai tab, leave a one-time handoff for that tab in
// storage.session (never storage.local), and answer the target content script's claim and report. The prompts
// sent and the drafts are kept by keep.js (their one owner), for "Recover last prompt" and for rerouting after
// a failure.
import { api } from '../lib/browser.js';
import { granted } from './health.js';
import { PromptKeeper } from './keep.js';

export const SETTINGS_KEY = 'settings';
const HANDOFF_PREFIX = 'handoff:';
/** @param {number} tabId */
const handoffKey = (tabId) => `${HANDOFF_PREFIX}${tabId}`;
/** A second click on the same button while the first is on its way, or within a double click's time of it, is
 * the same request: one delivery, one tab. Sending the same prompt again later is the user's choice. */
const SAME_REQUEST_MS = 500;

export class Delivery {
  #ready;
  /** Tabs being opened: a claim that arrives before its handoff is stored waits for it. */
  #opening = new Map();

  /** Told how each delivery ended (target and outcome only), for the history and the target's health. */
  #onOutcome;
  /** Which target a prompt moves to next. */
  #nextFor;

  /** The prompts sent and the drafts. */
  keeper;

  /** Handoffs storage refused (its quota was full), by tab: held here instead, so the prompt still reaches the
   * tab that was opened for it. Lost only if the background stops before the tab claims it.
   * @type {Map<number, string>} */
  #unstored = new Map();

  /** Deliveries started lately, by target and text: a repeated request gets the first one's answer.
   * @type {Map<string, {at: number, pending: boolean, started: Promise<{id: string, tabId: number, kept: boolean}>}>} */
  #lately = new Map();

  /** @param {Promise<RerouteCore>} ready the core, once its wasm is loaded
   * @param {(target: string, outcome: string, id: string, tabId: number, blocked: string | null) => void} [onOutcome]
   * @param {(tried: string[]) => Promise<string | null>} [nextFor] the target to move a prompt to after `tried` */
  constructor(ready, onOutcome = () => {}, nextFor = async () => null) {
    this.#ready = ready;
    this.#onOutcome = onOutcome;
    this.#nextFor = nextFor;
    this.keeper = new PromptKeeper(ready);
  }

  async settings() {
    return (await this.loadSettings()).settings;
  }

  /** The settings with what reading them repaired or migrated: `{settings, reset, migratedFrom}`. */
  async loadSettings() {
    const core = await this.#ready;
    return core.loadSettings(await this.#storedSettings());
  }

  /** Stores what the user chose (made consistent by the core) and returns it as read back.
   * @param {unknown} settings as the core decoded them */
  async saveSettings(settings) {
    const core = await this.#ready;
    await api.storage.sync.set({ [SETTINGS_KEY]: core.storeSettings(settings) });
    return this.loadSettings();
  }

  /** The text to send for `prompt`: with the conversation `turns` before it when the settings ask for context.
   * @param {string} prompt @param {Turn[]} turns */
  async pack(prompt, turns) {
    const core = await this.#ready;
    return core.packPrompt(prompt, turns, await this.#storedSettings());
  }

  async #storedSettings() {
    const { [SETTINGS_KEY]: stored } = await api.storage.sync.get(SETTINGS_KEY);
    return stored ?? null;
  }

  /** Sends `text` to `target`, opening it next to `openerTab` when there is one. The same request again within
   * SAME_REQUEST_MS is answered by the first one: two quick clicks deliver once, in one tab.
   * @param {string} target @param {string} text @param {chrome.tabs.Tab | null} [openerTab]
   * @param {string[]} [tried] the targets this prompt went to before that could not take it */
  start(target, text, openerTab, tried = /** @type {string[]} */ ([])) {
    const key = `${target}\n${text}`;
    const now = Date.now();
    for (const [other, { at, pending }] of this.#lately) if (!pending && now - at > SAME_REQUEST_MS) this.#lately.delete(other);
    const earlier = this.#lately.get(key);
    if (earlier && (earlier.pending || now - earlier.at <= SAME_REQUEST_MS)) return earlier.started;
    const started = this.#start(target, text, openerTab, tried);
    const entry = { at: now, started, pending: true };
    this.#lately.set(key, entry);
    started.then(
      () => (entry.pending = false),
      () => this.#lately.get(key) === entry && this.#lately.delete(key),
    );
    return started;
  }

  /** @param {string} target @param {string} text @param {chrome.tabs.Tab | null} [openerTab]
   * @param {string[]} [tried] the targets this prompt went to before that could not take it */
  async #start(target, text, openerTab, tried = []) {
    const core = await this.#ready;
    const stored = await this.#storedSettings();
    const settings = core.readSettings(stored);
    const id = crypto.randomUUID();
    // The tab and its handoff first: they deliver the prompt. Keeping a copy for "Recover" comes after, and a
    // failure there (storage full) must not stop the send.
    const handoff = core.newHandoff(id, target, text, settings.autoSubmit, Date.now(), tried);
    const tab = await this.#open(id, core.targetUrl(target, text, stored), handoff, openerTab);
    // Whether "Recover" has it: the user is told when it doesn't (the browser's storage was full).
    const kept = await this.keeper.remember({ id, text, target, at: Date.now() }).then(
      () => true,
      (error) => (console.warn('Reroute: keeping a copy of the prompt', error), false),
    );
    return { id, tabId: tab.id, kept };
  }

  /** A prompt held for Claude, back to claude.ai at `url` (its conversation, or a new chat), through the same
   * handoff as a target (the target script runs on claude.ai too). `id` is the held prompt's, so the report
   * names it. No copy for "Recover": the held prompt is its own until Claude answers it.
   * @param {string} id @param {string} text @param {string} url @returns {Promise<number>} the tab's id */
  async sendToClaude(id, text, url) {
    const core = await this.#ready;
    const settings = core.readSettings(await this.#storedSettings());
    const tab = await this.#open(id, url, core.newHandoff(id, 'claude', text, settings.autoSubmit, Date.now(), undefined), null);
    return tab.id;
  }

  /** Opens `url` (next to `openerTab`, when there is one) and leaves `handoff` for it: in storage.session, or,
   * when storage refuses it (its quota is full), in memory.
   * @param {string} id @param {string} url @param {string} handoff @param {chrome.tabs.Tab | null | undefined} openerTab
   * @returns {Promise<TabWithId>} */
  async #open(id, url, handoff, openerTab) {
    this.#sweep();
    const opened = (async () => {
      const tab = /** @type {TabWithId} */ (await api.tabs.create({
        url,
        ...(openerTab ? { index: openerTab.index + 1, openerTabId: openerTab.id, windowId: openerTab.windowId } : {}),
      }));
      await api.storage.session.set({ [handoffKey(tab.id)]: handoff }).catch((error) => {
        console.warn('Reroute: storing the handoff; held in memory instead', error);
        this.#unstored.set(tab.id, handoff);
      });
      return tab;
    })();
    this.#opening.set(id, opened);
    try {
      return await opened;
    } finally {
      this.#opening.delete(id);
    }
  }

  /** Handoffs whose time has passed go, claimed or not: no copy of a prompt outlives its handoff. */
  async #sweep() {
    try {
      const core = await this.#ready;
      const all = await api.storage.session.get(null);
      const now = Date.now();
      const gone = Object.keys(all).filter((key) => key.startsWith(HANDOFF_PREFIX) && !core.handoffFresh(all[key], now));
      if (gone.length > 0) await api.storage.session.remove(gone);
      for (const [tabId, handoff] of this.#unstored) if (!core.handoffFresh(handoff, now)) this.#unstored.delete(tabId);
    } catch (error) {
      console.warn('Reroute: sweeping handoffs', error);
    }
  }

  /** The prompt waiting for `tabId`, with its site's row; null when there is none or it expired.
   * @param {number} tabId @returns {Promise<Claim | null>} */
  async claim(tabId) {
    const core = await this.#ready;
    await Promise.allSettled(this.#opening.values());
    const key = handoffKey(tabId);
    const { [key]: inStorage } = await api.storage.session.get(key);
    const stored = inStorage ?? this.#unstored.get(tabId);
    if (stored === undefined) return null;
    const claim = core.claimHandoff(stored, Date.now(), await this.#storedSettings());
    if (!claim) await this.#drop(tabId);
    this.#sweep();
    return claim;
  }

  /** How the delivery to `tabId` ended: the handoff goes, and the notice for that tab comes back. A target that
   * could not take the prompt (a login wall, a bot check, its own limit, its error screen: nothing was sent
   * there) is noted against its health; with "try the next target" on, the same prompt goes to the next target
   * that can take it, once per target (the handoff carries the ones tried), and the notice says where.
   * @param {number} tabId @param {string} id the handoff's @param {DeliveryOutcome} outcome
   * @param {chrome.tabs.Tab} [fromTab] the target's tab, for opening the next one beside it
   * @returns {Promise<DeliveryNotice>} */
  async report(tabId, id, outcome, fromTab) {
    const core = await this.#ready;
    const key = handoffKey(tabId);
    /** @type {{[key: string]: any}} storage holds anything */
    const { [key]: inStorage } = await api.storage.session.get(key);
    const stored = inStorage ?? this.#unstored.get(tabId);
    const handoff = typeof stored === 'string' ? parseHandoff(stored) : null;
    const own = handoff?.id === id ? handoff : null;
    if (own) await this.#drop(tabId);
    const recent = (await this.keeper.sent()).find((entry) => entry.id === id);
    // The copy for "Recover" may be missing (storage was full); the handoff still says where it went.
    const target = recent?.target ?? own?.target ?? null;
    if (!target) throw new Error('unknown delivery');
    const storedSettings = await this.#storedSettings();
    /** @type {{skips: boolean, blocked: string | null}} */
    const effect = core.outcomeEffect(outcome);
    let movedTo = null;
    const text = recent?.text ?? own?.prompt;
    if (effect.skips && target !== 'claude' && text && core.readSettings(storedSettings).tryNextTarget) {
      const tried = [...(own?.tried ?? []), target];
      movedTo = await this.#nextFor(tried);
      if (movedTo) {
        const next = movedTo;
        await this.start(next, text, fromTab ?? null, tried).catch((error) => {
          console.warn(`Reroute: moving the prompt on to ${next}`, error);
          movedTo = null;
        });
      }
    }
    const notice = core.deliveryNotice(outcome, target, storedSettings, await granted(), movedTo ?? undefined);
    if (recent) await this.keeper.remember({ ...recent, outcome: outcome.outcome });
    this.#onOutcome(target, outcome.outcome, id, tabId, effect.blocked);
    return notice;
  }

  /** The same prompt to another target, after the first one failed.
   * @param {string} id the failed delivery's @param {string} target @param {chrome.tabs.Tab} fromTab */
  async reroute(id, target, fromTab) {
    const recent = (await this.keeper.sent()).find((entry) => entry.id === id);
    if (!recent) throw new Error('unknown delivery');
    return this.start(target, recent.text, fromTab);
  }

  /** Only the handoff goes with its tab: drafts are kept per conversation, past the tab (keep.js).
   * @param {number} tabId */
  forget(tabId) {
    return this.#drop(tabId);
  }

  /** The handoff for `tabId` goes, wherever it was held. @param {number} tabId */
  #drop(tabId) {
    this.#unstored.delete(tabId);
    return api.storage.session.remove(handoffKey(tabId));
  }
}

/** A stored handoff's id, target, prompt and the targets tried before it, or null for anything else storage holds.
 * @param {string} json @returns {{id: string, target: string, prompt?: string, tried?: string[]} | null} */
function parseHandoff(json) {
  try {
    const value = JSON.parse(json);
    if (typeof value?.id !== 'string' || typeof value?.target !== 'string') return null;
    const tried = Array.isArray(value.tried) ? value.tried.filter((/** @type {unknown} */ t) => typeof t === 'string') : [];
    return { id: value.id, target: value.target, prompt: typeof value.prompt === 'string' ? value.prompt : undefined, tried };
  } catch {
    return null;
  }
}
