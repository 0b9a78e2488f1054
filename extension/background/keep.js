// @ts-check
// The one owner of what Reroute keeps of the user's prompts in storage.session (memory only): the drafts typed
// on claude.ai, kept per conversation (key `drafts`), and the prompts sent elsewhere (key `recentPrompts`), for
// "Recover last prompt". Every rule (what is kept, for how long, when a draft may stand in for an empty
// composer) is the core's (src/keep.rs); this file reads, asks the core, and writes, one write at a time.
import { api } from '../lib/browser.js';
import { serial } from './serial.js';

const DRAFTS_KEY = 'drafts';
const RECENT_KEY = 'recentPrompts';

/** @typedef {{id: string, text: string, target: string, at: number, outcome?: string}} SentPrompt */

export class PromptKeeper {
  #ready;
  #write = serial();

  /** @param {Promise<RerouteCore>} ready the core, once its wasm is loaded */
  constructor(ready) {
    this.#ready = ready;
  }

  async #drafts() {
    const { [DRAFTS_KEY]: stored } = await api.storage.session.get(DRAFTS_KEY);
    return typeof stored === 'string' ? stored : undefined;
  }

  /** What the user typed in `conversation` (a claude.ai path) in `tabId`.
   * @param {number} tabId @param {string} conversation @param {string} text */
  saveDraft(tabId, conversation, text) {
    return this.#write(async () => {
      const core = await this.#ready;
      await api.storage.session.set({ [DRAFTS_KEY]: core.saveDraft(await this.#drafts(), tabId, conversation, text, Date.now()) });
    });
  }

  /** A reply completed in `tabId`: Claude answered what was typed there.
   * @param {number} tabId */
  answered(tabId) {
    return this.#write(async () => {
      const core = await this.#ready;
      const stored = await this.#drafts();
      if (stored !== undefined) await api.storage.session.set({ [DRAFTS_KEY]: core.draftsAnswered(stored, tabId, Date.now()) });
    });
  }

  /** The draft that may stand in for `tabId`'s empty composer in `conversation`, while the tab is `failing`.
   * @param {number} tabId @param {string} conversation @param {boolean} failing
   * @returns {Promise<string | undefined>} */
  async fallback(tabId, conversation, failing) {
    const core = await this.#ready;
    return core.draftFallback(await this.#drafts(), tabId, conversation, failing, Date.now());
  }

  /** @returns {Promise<SentPrompt[]>} the prompts sent elsewhere, newest first */
  async sent() {
    const { [RECENT_KEY]: recent } = await api.storage.session.get(RECENT_KEY);
    return Array.isArray(recent) ? recent : [];
  }

  /** Puts `entry` first (replacing the one with its id), within the core's bounds.
   * @param {SentPrompt} entry */
  remember(entry) {
    return this.#write(async () => {
      const core = await this.#ready;
      await api.storage.session.set({ [RECENT_KEY]: core.rememberSent(await this.sent(), entry) });
    });
  }

  /** Everything "Recover last prompt" lists: drafts and sent prompts, newest first.
   * @returns {Promise<{id: string, text: string, at: number, target?: string}[]>} */
  async recoverable() {
    const core = await this.#ready;
    const [drafts, sent] = await Promise.all([this.#drafts(), this.sent()]);
    /** @type {{conversation: string, text: string, at: number}[]} */
    const listed = core.listedDrafts(drafts, Date.now());
    const fromDrafts = listed.map((draft) => ({ id: `draft:${draft.conversation}`, text: draft.text, at: draft.at }));
    // A draft that was then sent is listed once.
    const sentTexts = new Set(sent.map((entry) => entry.text));
    return [...fromDrafts.filter((draft) => !sentTexts.has(draft.text)), ...sent].sort((a, b) => b.at - a.at);
  }
}
