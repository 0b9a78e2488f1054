// @ts-check
// Every string a user reads comes from _locales (the browser picks the language). Pages mark static text
// with data-i18n attributes; scripts call t(). A missing message shows its key, so a gap is visible and the
// hard-coded-string test (tests/i18n.test.mjs) keeps the UI free of English literals.
import { api } from './browser.js';

/** The message `key`, with `$1`… filled from `substitutions`.
 * @param {string} key
 * @param {...unknown} substitutions
 * @returns {string} */
export function t(key, ...substitutions) {
  return api.i18n.getMessage(key, substitutions.map(String)) || key;
}

/** A state or status in the user's language (`{prefix}_{value}`); `fallback` for one this version doesn't know
 * (the core's English words, or the status page's own).
 * @param {string} prefix
 * @param {unknown} value
 * @param {string} fallback
 * @returns {string} */
export function word(prefix, value, fallback) {
  return api.i18n.getMessage(`${prefix}_${String(value).replace(/-/g, '_')}`) || fallback;
}

/** Words the Rust core chose (phrase.rs): `{key, args}`, said in the user's language. content/i18n.js is the
 * content scripts' copy of `t`, `say` and `isPhrase` (they can't import modules); '' for anything that isn't a
 * phrase.
 * @param {unknown} phrase
 * @returns {string} */
export function say(phrase) {
  return isPhrase(phrase) ? t(phrase.key, ...phrase.args.map((arg) => (typeof arg === 'string' ? arg : say(arg)))) : '';
}

/** A phrase's shape (an argument is text or a phrase), for values that came through storage or another context.
 * @param {any} value anything (it came from another context)
 * @param {number} [depth]
 * @returns {value is Phrase} */
export const isPhrase = (value, depth = 0) =>
  depth < 8 &&
  typeof value?.key === 'string' &&
  /^\w+$/.test(value.key) &&
  Array.isArray(value.args) &&
  value.args.every((/** @type {unknown} */ arg) => typeof arg === 'string' || isPhrase(arg, depth + 1));

const ATTRIBUTES = { 'data-i18n-title': 'title', 'data-i18n-placeholder': 'placeholder', 'data-i18n-aria-label': 'aria-label' };

/** Fills `root`'s marked elements: data-i18n for the text, data-i18n-title / -placeholder / -aria-label.
 * @param {ParentNode} [root] */
export function localize(root = document) {
  document.documentElement.lang = api.i18n.getUILanguage();
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.getAttribute('data-i18n') ?? '');
  for (const [data, attribute] of Object.entries(ATTRIBUTES)) {
    for (const element of root.querySelectorAll(`[${data}]`)) element.setAttribute(attribute, t(element.getAttribute(data) ?? ''));
  }
}
