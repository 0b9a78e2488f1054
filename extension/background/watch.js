// @ts-check
// Claude going down and coming back, from every claude.ai tab's verdict and the status page at once. The
// Rust core (watch.rs, history.rs) decides what is a transition, what to log and whether to notify; this file
// stores its answers and shows the notification. The history never holds prompt text.
import { api } from '../lib/browser.js';
import { say, t } from '../lib/i18n.js';
import { serial } from './serial.js';

const WATCH_KEY = 'watch';
const HISTORY_KEY = 'history';
const FAILING_KEY = 'failingTabs';
const NOTIFICATION_PREFIX = 'reroute-';
export const NOTIFIED_KEY = 'notified';

export class Watcher {
  #ready;
  /** Looks run one at a time: each reads and writes the same stored state.
   * @type {Promise<unknown>} */
  #queue = Promise.resolve();

  /** @param {Promise<RerouteCore>} ready the core, once its wasm is loaded */
  constructor(ready) {
    this.#ready = ready;
  }

  /** @template T @param {() => Promise<T>} work @returns {Promise<T>} */
  #serially(work) {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }

  /** A tab's verdict, as TabMonitor applied it. @param {number} tabId @param {Verdict} verdict */
  tabVerdict(tabId, verdict) {
    return this.#serially(async () => {
      const failing = await this.#failing();
      const key = String(tabId);
      const entry = verdict.kind === 'ok' ? null : { kind: verdict.kind, headline: verdict.headline, reason: verdict.reasons[0] ?? null };
      if (JSON.stringify(failing[key] ?? null) === JSON.stringify(entry)) return this.#look();
      if (entry) failing[key] = entry;
      else delete failing[key];
      await api.storage.session.set({ [FAILING_KEY]: failing });
      return this.#look();
    });
  }

  /** A closed tab is no evidence that Claude is back: its failure is dropped without a look, so "back" waits
   * for the next thing Reroute actually sees (an ok verdict on a claude.ai tab, a status answer).
   * @param {number} tabId */
  forgetTab(tabId) {
    return this.#serially(async () => {
      const failing = await this.#failing();
      if (!(String(tabId) in failing)) return;
      delete failing[String(tabId)];
      await api.storage.session.set({ [FAILING_KEY]: failing });
    });
  }

  /** The status page answered. */
  statusChanged() {
    return this.#serially(() => this.#look());
  }

  /** @returns {Promise<{[tabId: string]: unknown}>} as storage holds it: the core reads it (watch.rs) */
  async #failing() {
    /** @type {{[key: string]: any}} storage holds anything */
    const { [FAILING_KEY]: failing } = await api.storage.session.get(FAILING_KEY);
    return failing && typeof failing === 'object' ? failing : {};
  }

  async #look() {
    const core = await this.#ready;
    /** @type {[{[tabId: string]: unknown}, {[key: string]: any}, {[key: string]: unknown}]} storage holds anything:
     * the core reads it */
    const [failing, local, { settings }] = await Promise.all([
      this.#failing(),
      api.storage.local.get([WATCH_KEY, HISTORY_KEY, 'statusRecord']),
      api.storage.sync.get('settings'),
    ]);
    const notify = core.readSettings(settings ?? null).notifications;
    const step = core.watchStep(local[WATCH_KEY] ?? null, local[HISTORY_KEY] ?? null, Object.values(failing), local.statusRecord ?? null, Date.now(), notify);
    // Most looks change nothing: the history can be large, so it is only written when it changed.
    /** @type {{[key: string]: unknown}} */
    const changed = {};
    if (step.watch !== local[WATCH_KEY]) changed[WATCH_KEY] = step.watch;
    if (step.history !== local[HISTORY_KEY]) changed[HISTORY_KEY] = step.history;
    if (Object.keys(changed).length > 0) await api.storage.local.set(changed);
    if (step.notification) await this.#show(step.notification);
  }

  /** @param {{kind: 'down' | 'back', source: 'tab' | 'status' | null, headline: Phrase | null, reason: Phrase | null,
   *   incident: string | null}} notification the core's (watch.rs `Notification`) */
  async #show({ kind, source, headline, reason, incident }) {
    const [title, message] =
      kind === 'back'
        ? [t('notifyBackTitle'), t('notifyBackBody')]
        : source === 'status'
          ? [t('notifyStatusTitle'), `${incident ?? t('notifyMayBeUnavailable')} ${t('notifyClickReroute')}`]
          : [say(headline), `${reason ? say(reason) : t('notifySawOnTab')} ${t('notifyClickReroute')}`];
    const id = `${NOTIFICATION_PREFIX}${kind}`;
    // One at a time: "back" replaces "down".
    await Promise.all(['down', 'back'].map((other) => api.notifications.clear(`${NOTIFICATION_PREFIX}${other}`).catch(() => {})));
    await api.notifications.create(id, { type: 'basic', iconUrl: api.runtime.getURL('icons/icon-128.png'), title, message });
    await recordNotified(kind, title);
  }

  /** A delivery ended: its target and outcome go in the history, never its text.
   * @param {string} target @param {string} outcome */
  recordReroute(target, outcome) {
    return this.#serially(async () => {
      const core = await this.#ready;
      const { [HISTORY_KEY]: history } = await api.storage.local.get(HISTORY_KEY);
      await api.storage.local.set({ [HISTORY_KEY]: core.historyRecordReroute(history ?? null, target, outcome, Date.now()) });
    });
  }

  /** @param {number} days */
  async summary(days) {
    const core = await this.#ready;
    const { [HISTORY_KEY]: history } = await api.storage.local.get(HISTORY_KEY);
    return core.historySummary(history ?? null, Date.now(), days);
  }

  /** @param {'json' | 'csv'} format */
  async export(format) {
    const core = await this.#ready;
    const { [HISTORY_KEY]: history } = await api.storage.local.get(HISTORY_KEY);
    return core.historyExport(history ?? null, format, Date.now());
  }

  clear() {
    return this.#serially(() => api.storage.local.remove(HISTORY_KEY));
  }
}

const writeNotified = serial();
/** Logs a notification shown, for the end-to-end tests and for "why did I get this?" (titles only, in this
 * session). The one writer of the key: "Claude is back" for held prompts can come at the same moment as the
 * watcher's own, and neither may drop the other.
 * @param {string} kind @param {string} title */
export function recordNotified(kind, title) {
  return writeNotified(async () => {
    /** @type {{[key: string]: unknown}} */
    const { [NOTIFIED_KEY]: shown } = await api.storage.session.get(NOTIFIED_KEY);
    await api.storage.session.set({ [NOTIFIED_KEY]: [...(Array.isArray(shown) ? shown : []), { kind, title, at: Date.now() }].slice(-20) });
  });
}

/** A click on Reroute's notification: back to the claude.ai tab used last, or a new one.
 * @param {string} id */
export async function onNotificationClicked(id) {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return;
  api.notifications.clear(id).catch(() => {});
  const [tab] = (await api.tabs.query({ url: 'https://claude.ai/*' })).sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  if (!tab) return api.tabs.create({ url: 'https://claude.ai/new' });
  await api.tabs.update(tab.id, { active: true });
  await api.windows.update(tab.windowId, { focused: true }).catch(() => {});
}
