// @ts-check
// Messages from _locales for the content scripts, which can't import lib/i18n.js (its module twin for pages):
// loaded before claude.js and target.js in the extension's isolated world.
// eslint-disable-next-line no-unused-vars
const RerouteI18n = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  /** The message `key`, with `$1`… filled from `substitutions`.
   * @type {(key: string, ...substitutions: unknown[]) => string} */
  const t = (key, ...substitutions) => api.i18n.getMessage(key, substitutions.map(String)) || key;
  /** A phrase's shape (phrase.rs: `{key, args}`, an argument text or a phrase), for values from another context.
   * @param {any} value anything (it came from another context)
   * @param {number} [depth]
   * @returns {value is Phrase} */
  const isPhrase = (value, depth = 0) =>
    depth < 8 &&
    typeof value?.key === 'string' &&
    /^\w+$/.test(value.key) &&
    Array.isArray(value.args) &&
    value.args.every((/** @type {unknown} */ arg) => typeof arg === 'string' || isPhrase(arg, depth + 1));
  /** Words the Rust core chose, in the user's language; '' for anything that isn't a phrase.
   * @type {(phrase: unknown) => string} */
  const say = (phrase) =>
    isPhrase(phrase) ? t(phrase.key, ...phrase.args.map((arg) => (typeof arg === 'string' ? arg : say(arg)))) : '';
  return { t, say, isPhrase };
})();
