// @ts-check
// The one owner of the prompts held for Claude (key `heldPrompts` in storage.local: they must outlive a browser
// restart; never in the history or its exports). Every rule (what is held, for how long, when Claude counts as
// back, that a send goes once) is the core's (src/hold.rs); this file reads, asks the core, writes one change
// at a time, keeps the alarm for the next limit reset, and says "Claude is back" once.
import { api } from '../lib/browser.js';
import { t } from '../lib/i18n.js';
import { serial } from './serial.js';
import { recordNotified } from './watch.js';

const HELD_KEY = 'heldPrompts';
export const HOLD_ALARM = 'hold-limit-reset';
// Not under watch.js's 'reroute-' prefix: a click on it sends the prompt, it doesn't only bring claude.ai forward.
export const HELD_NOTIFICATION = 'held-for-claude';

/** A held prompt as the core keeps it (hold.rs `Held`).
 * @typedef {{id: string, text: string, conversation: string | null, heldAt: number, resetsAt: number | null,
 *   stage: 'waiting' | 'ready' | 'sending' | 'put-in', since?: number, tab?: number, at?: number}} Held */
/** What a change did, or why it was refused.
 * @typedef {{held: Held[], notify: boolean, sending: Held | null, sendingUrl: string | null} | {refused: string}} Changed */

export class HeldPrompts {
  #ready;
  #write = serial();
  #notificationsOn;
  /** The claude.ai tabs held prompts went to, read from storage once and kept with every change: a failing
   * tab's verdict comes on every event it sees, and almost never concerns a held prompt.
   * @type {Promise<Set<number>> | null} */
  #sentTo = null;

  /** @param {Promise<RerouteCore>} ready the core, once its wasm is loaded
   * @param {() => Promise<boolean>} notificationsOn the user's switch for notifications */
  constructor(ready, notificationsOn) {
    this.#ready = ready;
    this.#notificationsOn = notificationsOn;
  }

  /** @returns {Promise<Held[]>} newest first */
  async list() {
    const core = await this.#ready;
    return core.heldPrompts(await this.#stored(), Date.now());
  }

  /** @returns {Promise<string | undefined>} */
  async #stored() {
    /** @type {{[key: string]: unknown}} storage holds anything: the core reads it */
    const { [HELD_KEY]: stored } = await api.storage.local.get(HELD_KEY);
    return typeof stored === 'string' ? stored : undefined;
  }

  /** Applies one change (hold.rs `Change`, e.g. `{kind: 'hold', id, text, conversation, resetsAt}`), after
   * every earlier one: two clicks, or two popups, are two changes in a row, and the second sees the first.
   * @param {{kind: string, [field: string]: unknown}} change
   * @returns {Promise<Changed>} */
  change(change) {
    return this.#write(async () => {
      const core = await this.#ready;
      const stored = await this.#stored();
      /** @type {Changed & {stored?: string, nextReset?: number | null}} */
      const result = core.changeHeld(stored, JSON.stringify(change), Date.now());
      if ('refused' in result) return result;
      this.#sentTo = Promise.resolve(tabsOf(result.held));
      // Most changes (a verdict, a status answer) change nothing: storage is written only when they do.
      if (result.stored !== stored) await api.storage.local.set({ [HELD_KEY]: result.stored });
      // A limit's reset time is an alarm: it survives the background stopping, and moves with the clock.
      if (result.nextReset) await api.alarms.create(HOLD_ALARM, { when: result.nextReset });
      else await api.alarms.clear(HOLD_ALARM);
      if (result.notify) await this.#tellBack().catch((error) => console.error('Reroute: telling that Claude is back', error));
      return result;
    });
  }

  /** Claude failed in `tabId`: a held prompt that went there goes back on hold. Nothing is read or written
   * for a tab no held prompt went to. @param {number} tabId */
  async failedIn(tabId) {
    await this.#write(async () => {}); // after every change queued before it (the send that opened this tab)
    this.#sentTo ??= this.list().then(tabsOf);
    if ((await this.#sentTo).has(tabId)) await this.change({ kind: 'failed-in', tab: tabId });
  }

  /** "Claude is back", once per return, when the user wants notifications; the popup says it either way. */
  async #tellBack() {
    if (!(await this.#notificationsOn())) return;
    const options = {
      type: /** @type {const} */ ('basic'),
      iconUrl: api.runtime.getURL('icons/icon-128.png'),
      title: t('heldBackTitle'),
      message: t('heldBackBody'),
    };
    // Chrome shows a button; Firefox has none, and a click on the notification does the same there.
    const withButton = { ...options, buttons: [{ title: t('sendToClaude') }] };
    try {
      // Firefox refuses the button synchronously (a schema error), not as a rejected promise.
      await api.notifications.create(HELD_NOTIFICATION, withButton);
    } catch {
      await api.notifications.create(HELD_NOTIFICATION, options);
    }
    await recordNotified('held-back', options.title);
  }
}

/** The tabs held prompts are on their way to, or in. @param {Held[]} held */
const tabsOf = (held) => new Set(held.flatMap((prompt) => (typeof prompt.tab === 'number' ? [prompt.tab] : [])));
