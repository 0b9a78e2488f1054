// @ts-check
// Polls status.claude.com and keeps the toolbar badge and any open popup in step. The Rust core does the
// request, judges the answer and picks the next delay; this file only stores, schedules and draws.
import { api } from '../lib/browser.js';
import { say, t, word } from '../lib/i18n.js';

export const STATUS_ALARM = 'status-poll';
// A periodic alarm beside the one-shot poll alarm: should the poll alarm ever be lost (a throw before it was
// armed, a browser that dropped it), this one re-arms it and redraws, so a stale answer still turns into `?`.
export const STATUS_WATCHDOG = 'status-watchdog';
const WATCHDOG_MINUTES = 5;
const RECORD_KEY = 'statusRecord';
// The badge as last drawn, with the core's `freshUntil`, so a restarted background can draw it before the
// wasm is compiled.
const BADGE_KEY = 'statusBadge';
// Same origin as the manifest's host permission for claude.ai.
const CLAUDE_TABS = 'https://claude.ai/*';

/** @param {unknown} url */
export function isClaudeTab(url) {
  return typeof url === 'string' && url.startsWith('https://claude.ai/');
}

export class StatusMonitor {
  #ready;
  /** @type {Set<chrome.runtime.Port>} */
  #viewers = new Set();
  /** @type {Promise<void> | null} */
  #inFlight = null;

  #onChange;

  /** `onChange` runs after each new status answer: tab verdicts weigh the status page too.
   * @param {Promise<RerouteCore>} ready @param {() => void} [onChange] */
  constructor(ready, onChange = () => {}) {
    this.#ready = ready;
    this.#onChange = onChange;
  }

  async #record() {
    const stored = await api.storage.local.get(RECORD_KEY);
    return stored[RECORD_KEY] ?? null;
  }

  async view() {
    const [core, record] = await Promise.all([this.#ready, this.#record()]);
    return core.statusView(record, Date.now());
  }

  /** Draws the badge from storage, without a request: first the badge as last drawn if its answer is still
   * fresh (no wasm needed), then the exact view once the core is ready. */
  async restore() {
    const { [BADGE_KEY]: drawn } = await api.storage.local.get(BADGE_KEY);
    const usable = isDrawnBadge(drawn) && (drawn.freshUntil === null || Date.now() < drawn.freshUntil);
    if (usable) {
      await drawBadge(drawn);
      performance.mark('reroute:badge-restored');
    }
    await this.#render(await this.view());
    if (!usable) performance.mark('reroute:badge-restored');
  }

  /** One request now; concurrent callers share it. */
  pollNow() {
    this.#inFlight ??= (async () => {
      const [core, before] = await Promise.all([this.#ready, this.#record()]);
      // Arm the next poll before asking: the worker can be stopped during the request (up to 10 s) and any
      // step after it can throw, and polling must go on either way. The answer replaces this schedule.
      await this.#schedule(before);
      const record = await core.checkStatus(before, core.claudeStatusUrl());
      await api.storage.local.set({ [RECORD_KEY]: record });
      await this.#schedule(record);
      await this.#render(core.statusView(record, Date.now()));
      await this.#onChange();
    })().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  /** The poll alarm or the watchdog fired. Never rejects: an alarm listener has nobody to report to. */
  async onAlarm(name = STATUS_ALARM) {
    try {
      // Redraw first: after a long sleep the stored answer may be stale, and a stale green must not linger
      // for the length of the request.
      await this.restore();
      if (name === STATUS_ALARM) await this.pollNow();
      else await this.#rearm();
    } catch (error) {
      console.error('Reroute: status check failed', error);
    } finally {
      await this.keepWatch().catch((error) => console.error('Reroute: status watchdog not armed', error));
    }
  }

  /** Makes sure the watchdog runs; called on every start of the background. Creating an alarm that exists
   * would restart its period, so only a missing one is created. */
  async keepWatch() {
    if (!(await api.alarms.get(STATUS_WATCHDOG))) {
      await api.alarms.create(STATUS_WATCHDOG, { periodInMinutes: WATCHDOG_MINUTES });
    }
  }

  /** The watchdog's other half: a poll alarm that is missing (or long overdue) is armed again. */
  async #rearm() {
    const alarm = await api.alarms.get(STATUS_ALARM);
    if (!alarm || alarm.scheduledTime < Date.now() - WATCHDOG_MINUTES * 60_000) await this.#schedule(await this.#record());
  }

  /** A claude.ai tab or the popup opened: poll every minute from now on, and now if the last check is old. */
  async watchingStarted() {
    const [core, record, alarm] = await Promise.all([this.#ready, this.#record(), api.alarms.get(STATUS_ALARM)]);
    const action = core.onWatchingStarted(record, Date.now(), alarm?.scheduledTime);
    if (action === 'poll-now') return this.pollNow();
    if (action === 'reschedule') return this.#schedule(record);
  }

  /** @param {chrome.runtime.Port} port */
  addViewer(port) {
    this.#viewers.add(port);
    port.onDisconnect.addListener(() => this.#viewers.delete(port));
    this.view()
      .then((view) => this.#post(port, view))
      .catch((error) => console.error('Reroute: status view failed', error));
    this.watchingStarted().catch((error) => console.error('Reroute: status check failed', error));
  }

  /** @param {unknown} record as stored, read by the core */
  async #schedule(record) {
    const core = await this.#ready;
    const watching = this.#viewers.size > 0 || (await api.tabs.query({ url: CLAUDE_TABS })).length > 0;
    const delay = core.nextPollDelay(record, watching, Math.random());
    await api.alarms.create(STATUS_ALARM, { when: Date.now() + delay });
  }

  /** @param {StatusView} view */
  async #render(view) {
    const title = t('toolbarTitle', word('state', view.state, view.words), say(view.sentence));
    const drawn = { ...view.badge, title, freshUntil: view.freshUntil ?? null };
    await Promise.all([drawBadge(drawn), api.storage.local.set({ [BADGE_KEY]: drawn })]);
    for (const port of this.#viewers) this.#post(port, view);
  }

  /** A popup can close between its last message and its disconnect reaching us, and posting to its port then
   * throws: that popup is gone, and nothing else (the badge, the next poll) may fail with it.
   * @param {chrome.runtime.Port} port @param {StatusView} view */
  #post(port, view) {
    try {
      port.postMessage({ type: 'status/view', view });
    } catch {
      this.#viewers.delete(port);
    }
  }
}

/** The core's status view (poll.rs `StatusView`): what the toolbar draws of it; the popup shows the rest.
 * @typedef {{state: string, words: string, sentence: Phrase, freshUntil: number | null,
 *   badge: {text: string, color: string, textColor: string, icon: string}}} StatusView */

/** The badge as last drawn, kept in storage so a restarted background draws it before the wasm is ready.
 * @typedef {{text: string, color: string, textColor: string, title: string, icon?: string, freshUntil: number | null}} DrawnBadge */

/** Storage can hold anything an older version or a broken profile left: check the shape before drawing it.
 * @param {any} value what storage held
 * @returns {value is DrawnBadge} */
function isDrawnBadge(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    ['text', 'color', 'textColor', 'title'].every((key) => typeof value[key] === 'string') &&
    (value.freshUntil === null || Number.isFinite(value.freshUntil))
  );
}

/** The toolbar icon for a state (poll.rs's `Badge::icon`); drawn by tools/icons.mjs from icon.svg.
 * @param {string} icon */
export const stateIcon = (icon) => ({ 16: `/icons/state-${icon}-16.png`, 32: `/icons/state-${icon}-32.png` });
const ICONS = new Set(['ok', 'degraded', 'down', 'maintenance', 'unknown']);
/** @param {any} icon anything storage held @returns {icon is string} */
export const isIcon = (icon) => ICONS.has(icon);

/** The icon the toolbar shows now, so an unchanged state doesn't load it again (setIcon decodes the PNGs).
 * @type {string | null} */
let shownIcon = null;

/** Draws the badge; resolves once it is drawn, with the toolbar icon on its way. */
/** @param {DrawnBadge} badge */
async function drawBadge({ text, color, textColor, title, icon }) {
  await Promise.all([
    api.action.setBadgeText({ text }),
    api.action.setBadgeBackgroundColor({ color }),
    api.action.setBadgeTextColor({ color: textColor }),
    api.action.setTitle({ title }),
  ]);
  // After the badge, which says the state at once, and not waited for (a restarted worker's badge shouldn't
  // wait on decoding PNGs). A badge stored before the state icons has none: its colours still tell.
  if (isIcon(icon) && icon !== shownIcon) {
    shownIcon = icon;
    api.action.setIcon({ path: stateIcon(icon) }).catch(() => (shownIcon = null));
  }
}
