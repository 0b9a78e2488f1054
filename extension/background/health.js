// @ts-check
// The targets' own health (health.rs): ChatGPT's status page, Google's Workspace status feed for Gemini (only
// once the user granted that optional host permission), and each target's own error seen on its page after a
// reroute. Checked while Claude is failing or the popup asks, at most every few minutes.
import { api } from '../lib/browser.js';

const EVIDENCE_KEY = 'targetHealth';
/** What Reroute learnt of one target (health.rs `Evidence`), with when its status was last asked for, which only
 * this file reads (the interval between checks).
 * @typedef {{body?: string, checkedAt?: number, siteErrorAt?: number, attemptedAt?: number, blocked?: string,
 *   blockedAt?: number}} Evidence */

/** The origins the browser granted, read once and again when they change (the offer asks for buttons on every
 * verdict, and waits for them).
 * @type {Promise<string[]> | null} */
let grantedOrigins = null;
const forgetGranted = () => (grantedOrigins = null);
api.permissions.onAdded.addListener(forgetGranted);
api.permissions.onRemoved.addListener(forgetGranted);
export function granted() {
  grantedOrigins ??= api.permissions.getAll().then(
    ({ origins = [] }) => origins,
    () => (forgetGranted(), []),
  );
  return grantedOrigins;
}
const MIN_INTERVAL_MS = 3 * 60_000;

export class TargetHealth {
  #ready;
  /** @type {Promise<void> | null} */
  #inFlight = null;
  #writes = Promise.resolve();
  #onChange;

  /** `onChange` runs when what Reroute knows changed: the offers and the popup redraw their buttons.
   * @param {Promise<RerouteCore>} ready @param {() => void} [onChange] */
  constructor(ready, onChange = () => {}) {
    this.#ready = ready;
    this.#onChange = onChange;
  }

  /** @returns {Promise<{[target: string]: Evidence}>} as storage holds it: the core decodes it (health.rs) */
  async evidence() {
    /** @type {{[key: string]: any}} storage holds anything */
    const { [EVIDENCE_KEY]: evidence } = await api.storage.local.get(EVIDENCE_KEY);
    return evidence && typeof evidence === 'object' ? evidence : {};
  }

  /** Checks every target whose status Reroute may read; concurrent callers share one round. */
  refresh({ force = false } = {}) {
    this.#inFlight ??= (async () => {
      const core = await this.#ready;
      const now = Date.now();
      const known = await this.evidence();
      // The targets with a status feed (targets.rs), each only once the user granted what its feed needs.
      /** @param {TargetTableRow} row */
      const due = async ({ id, status, statusPermission }) => {
        if (!status || (!force && now - (known[id]?.attemptedAt ?? 0) < MIN_INTERVAL_MS)) return false;
        return !statusPermission || api.permissions.contains(statusPermission);
      };
      /** @type {{[target: string]: {body: string, checkedAt: number}}} */
      const checked = {};
      for (const row of /** @type {TargetTableRow[]} */ (core.targetTable())) {
        if (!(await due(row))) continue;
        const target = row.id;
        await this.#update(target, { attemptedAt: Date.now() });
        const body = await core.fetchTargetStatus(target).catch(() => null);
        // A failed check keeps the last answer (it goes stale on its own). The core answers one with undefined (an
        // Option through wasm-bindgen), a throw gives null: only a body is an answer.
        if (typeof body === 'string') checked[target] = { body, checkedAt: Date.now() };
      }
      for (const [target, answer] of Object.entries(checked)) await this.#update(target, answer);
      if (Object.keys(checked).length > 0) this.#onChange();
    })().finally(() => (this.#inFlight = null));
    return this.#inFlight;
  }

  /** The target showed its own error on its page after a reroute. @param {string} target */
  async siteError(target) {
    await this.#update(target, { siteErrorAt: Date.now() });
    this.#onChange();
  }

  /** The target could not take a prompt: `kind` is what stood in the way (login_wall, challenge, own_limit,
   * error_screen), said on its button for a while (health.rs).
   * @param {string} target @param {string} kind */
  async blocked(target, kind) {
    await this.#update(target, { blocked: kind, blockedAt: Date.now() });
    this.#onChange();
  }

  /** Merges `change` into one target's evidence, one write at a time (a check and a site error may cross).
   * @param {string} target @param {Evidence} change */
  #update(target, change) {
    const write = async () => {
      const evidence = await this.evidence();
      evidence[target] = { ...evidence[target], ...change };
      await api.storage.local.set({ [EVIDENCE_KEY]: evidence });
    };
    const run = this.#writes.then(write, write);
    this.#writes = run.catch(() => {});
    return run;
  }

  /** The buttons to offer, healthy targets first: `[{id, name, health, reason}]`; a target whose optional
   * host permission isn't granted (any more) has none.
   * @param {unknown} storedSettings @returns {Promise<TargetButton[]>} */
  async buttons(storedSettings) {
    const core = await this.#ready;
    const [origins, evidence] = await Promise.all([granted(), this.evidence()]);
    return core.targetButtons(storedSettings ?? null, evidence, Date.now(), origins);
  }
}
