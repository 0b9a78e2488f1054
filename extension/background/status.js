// Polls status.claude.com and keeps the toolbar badge and any open popup in step. The Rust core does the
// request, judges the answer and picks the next delay; this file only stores, schedules and draws.
import { api } from '../lib/browser.js';

export const STATUS_ALARM = 'status-poll';
const RECORD_KEY = 'statusRecord';
// Same origin as the manifest's host permission for claude.ai.
const CLAUDE_TABS = 'https://claude.ai/*';

export function isClaudeTab(url) {
  return typeof url === 'string' && url.startsWith('https://claude.ai/');
}

export class StatusMonitor {
  #ready;
  #viewers = new Set();
  #inFlight = null;

  constructor(ready) {
    this.#ready = ready;
  }

  async #record() {
    const stored = await api.storage.local.get(RECORD_KEY);
    return stored[RECORD_KEY] ?? null;
  }

  async view() {
    const [core, record] = await Promise.all([this.#ready, this.#record()]);
    return core.statusView(record, Date.now());
  }

  /** Draws the badge from the stored record, without a request. */
  async restore() {
    await this.#render(await this.view());
    performance.mark('reroute:badge-restored');
  }

  /** One request now; concurrent callers share it. */
  pollNow() {
    this.#inFlight ??= (async () => {
      const [core, before] = await Promise.all([this.#ready, this.#record()]);
      const record = await core.checkStatus(before, core.claudeStatusUrl());
      await api.storage.local.set({ [RECORD_KEY]: record });
      await this.#render(core.statusView(record, Date.now()));
      await this.#schedule(record);
    })().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async onAlarm() {
    // Redraw first: after a long sleep the stored answer may be stale, and a stale green must not linger
    // for the length of the request.
    await this.restore();
    await this.pollNow();
  }

  /** A claude.ai tab or the popup opened: poll every minute from now on, and now if the last check is old. */
  async watchingStarted() {
    const [core, record, alarm] = await Promise.all([this.#ready, this.#record(), api.alarms.get(STATUS_ALARM)]);
    const action = core.onWatchingStarted(record, Date.now(), alarm?.scheduledTime);
    if (action === 'poll-now') return this.pollNow();
    if (action === 'reschedule') return this.#schedule(record);
  }

  addViewer(port) {
    this.#viewers.add(port);
    port.onDisconnect.addListener(() => this.#viewers.delete(port));
    this.view().then((view) => port.postMessage({ type: 'status/view', view }));
    this.watchingStarted();
  }

  async #schedule(record) {
    const core = await this.#ready;
    const watching = this.#viewers.size > 0 || (await api.tabs.query({ url: CLAUDE_TABS })).length > 0;
    const delay = core.nextPollDelay(record, watching, Math.random());
    await api.alarms.create(STATUS_ALARM, { when: Date.now() + delay });
  }

  async #render(view) {
    await Promise.all([
      api.action.setBadgeText({ text: view.badge.text }),
      api.action.setBadgeBackgroundColor({ color: view.badge.color }),
      api.action.setBadgeTextColor({ color: view.badge.textColor }),
      api.action.setTitle({ title: view.title }),
    ]);
    for (const port of this.#viewers) port.postMessage({ type: 'status/view', view });
  }
}
