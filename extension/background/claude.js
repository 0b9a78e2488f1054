// @ts-check
// Watches claude.ai tabs. What the content script sees, what webRequest sees and what the status page says are
// combined by the Rust core (verdict.rs) into one verdict per tab, shown on that tab's badge and in the page.
// Per-tab state lives in storage.session (never on disk), so a restarted background loses nothing.
import { api } from '../lib/browser.js';
import { serial } from './serial.js';
import { isIcon, stateIcon } from './status.js';

export const VERDICT_ALARM = 'verdict-refresh';
const SEND_LOG_KEY = 'sendLog';
const STATUS_KEYS = ['statusRecord', 'statusBadge', SEND_LOG_KEY];
/** @param {number} tabId */
const tabKey = (tabId) => `tab:${tabId}`;

export class TabMonitor {
  #ready;
  /** One promise chain per tab, so two events never read and write the same state at once.
   * @type {Map<number, Promise<Verdict>>} */
  #queues = new Map();
  /** Read once from the core: this runs for every claude.ai API request.
   * @type {Promise<string[]>} */
  #completionPaths;

  /** Told every verdict applied, for notifications and history. */
  #onVerdict;

  /** The target buttons to show in the offer, for the stored settings. */
  #targetButtons;

  /** @param {Promise<RerouteCore>} ready the core, once its wasm is loaded
   * @param {(tabId: number, verdict: Verdict) => void} [onVerdict]
   * @param {(storedSettings: unknown) => Promise<unknown[]>} [targetButtons] */
  constructor(ready, onVerdict = () => {}, targetButtons = async (_storedSettings) => []) {
    this.#ready = ready;
    this.#onVerdict = onVerdict;
    this.#targetButtons = targetButtons;
    this.#completionPaths = ready.then((core) => core.claudeContentConfig().completionPaths);
  }

  /** Is this a completion request (the user sending, the answer a reply)? @param {string} url */
  async isCompletion(url) {
    const path = new URL(url).pathname;
    return (await this.#completionPaths).some((ending) => path.endsWith(ending));
  }

  /** @param {number} tabId @param {TabEvent} event */
  observe(tabId, event) {
    return this.#update(tabId, (core, state) => core.observeTab(state, event, Date.now()));
  }

  /** @param {number} tabId */
  async send(tabId) {
    // Queued first, before the send log's storage round trip: the stream's events are only taken once the core
    // knows this completion is in flight (verdict.rs), and a fast failing answer can arrive within milliseconds.
    const observed = this.observe(tabId, { kind: 'send' });
    await this.#recordSend(false);
    return observed;
  }

  /** When the tab last completed a reply Reroute took (not one a page merely claimed), Unix ms, or null.
   * Read after every update queued before it. @param {number} tabId @returns {Promise<number | null>} */
  async lastReplyAt(tabId) {
    await this.#queues.get(tabId)?.catch(() => {});
    const core = await this.#ready;
    const key = tabKey(tabId);
    const { [key]: state } = await api.storage.session.get(key);
    return core.tabLastReplyAt(state ?? null) ?? null;
  }

  /** @param {number} tabId @param {string} incident */
  dismiss(tabId, incident) {
    return this.#update(tabId, (core, state) => core.dismissTab(state, incident));
  }

  /** The tab's verdict now, re-applied to its badge and page. @param {number} tabId */
  verdict(tabId) {
    return this.#update(tabId, null);
  }

  /** The status page changed, or time passed: every watched tab's verdict may have changed. */
  async refreshAll() {
    const stored = await api.storage.session.get(null);
    const tabIds = Object.keys(stored)
      .filter((key) => key.startsWith('tab:'))
      .map((key) => Number(key.slice(4)));
    await Promise.all(tabIds.map((tabId) => this.verdict(tabId)));
  }

  /** Every open claude.ai tab with its verdict, the active one first, then those in trouble. */
  async verdicts() {
    const open = /** @type {TabWithId[]} */ (await api.tabs.query({ url: 'https://claude.ai/*' }));
    const listed = await Promise.all(
      open.map(async (tab) => ({ tabId: tab.id, active: tab.active, title: tab.title ?? '', verdict: await this.verdict(tab.id) })),
    );
    /** @param {{active: boolean, verdict: Verdict}} entry */
    const rank = (entry) => (entry.active ? 0 : entry.verdict.kind !== 'ok' ? 1 : 2);
    return listed.sort((a, b) => rank(a) - rank(b));
  }

  /** @param {number} tabId */
  forget(tabId) {
    this.#queues.delete(tabId);
    return api.storage.session.remove(tabKey(tabId));
  }

  /** Starts the send count's observation window, so "few sends" only counts once Reroute saw a whole one. */
  startCounting() {
    return this.#recordSend(true);
  }

  /** The send log's one writer: two sends close together each get counted. */
  #sendLogWrite = serial();
  /** @param {boolean} startOnly */
  #recordSend(startOnly) {
    return this.#sendLogWrite(async () => {
      const core = await this.#ready;
      const { [SEND_LOG_KEY]: log } = await api.storage.local.get(SEND_LOG_KEY);
      await api.storage.local.set({ [SEND_LOG_KEY]: core.recordSend(log ?? null, Date.now(), startOnly) });
    });
  }

  /** @param {number} tabId
   * @param {((core: RerouteCore, state: unknown) => unknown) | null} change the new state from the stored one;
   *   null only re-applies the verdict */
  #update(tabId, change) {
    const run = async () => {
      const core = await this.#ready;
      const key = tabKey(tabId);
      let { [key]: state } = await api.storage.session.get(key);
      if (change) {
        state = change(core, state ?? null);
        await api.storage.session.set({ [key]: state });
      }
      return this.#apply(core, tabId, state ?? null);
    };
    const next = (this.#queues.get(tabId) ?? Promise.resolve()).then(run, run);
    this.#queues.set(tabId, next);
    return next;
  }

  /** @param {RerouteCore} core @param {number} tabId @param {unknown} state as stored, read by the core
   * @returns {Promise<Verdict>} */
  async #apply(core, tabId, state) {
    // The offer's buttons start as soon as the settings are read, so they are ready when the badge is: the page
    // learns the verdict no later.
    const settingsRead = api.storage.sync.get('settings');
    const targets = settingsRead.then(({ settings }) => this.#targetButtons(settings)).catch(() => []);
    /** @type {[{[key: string]: any}, {[key: string]: unknown}]} storage holds anything: the core reads it */
    const [stored, { settings: storedSettings }] = await Promise.all([api.storage.local.get(STATUS_KEYS), settingsRead]);
    const paused = core.readSettings(storedSettings ?? null).detectionPaused;
    // Paused: the tab's signals are still kept, but judged as if there were none, so nothing is shown.
    const verdict = core.tabVerdict(paused ? null : state, stored.statusRecord ?? null, stored[SEND_LOG_KEY] ?? null, Date.now());
    // A blocking verdict overrides the status badge on this tab only. Chrome can't reset a tab's colour to the
    // global one, so an ok tab gets the global colour back explicitly (refreshAll runs when it changes).
    const badge = verdict.badge ?? {
      text: null,
      color: stored.statusBadge?.color ?? '#6b7280',
      textColor: '#ffffff',
      icon: isIcon(stored.statusBadge?.icon) ? stored.statusBadge.icon : 'unknown',
    };
    await Promise.all([
      api.action.setBadgeText({ tabId, text: badge.text }),
      api.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      api.action.setBadgeTextColor({ tabId, color: badge.textColor }),
    ]).catch(() => {}); // the tab closed meanwhile
    api.tabs.sendMessage(tabId, { type: 'verdict', verdict, targets: await targets }).catch(() => {}); // no content script (yet)
    // The icon last: setIcon decodes its PNGs, and the page's offer shouldn't wait for that.
    api.action.setIcon({ tabId, path: stateIcon(badge.icon) }).catch(() => {});
    // Signals expire: while anything is wrong, look again every minute even if nothing new arrives.
    if (verdict.kind !== 'ok') api.alarms.create(VERDICT_ALARM, { delayInMinutes: 1 });
    this.#onVerdict(tabId, verdict);
    return verdict;
  }
}
