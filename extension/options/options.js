// @ts-check
// The options page. Every change is saved at once; the background has the Rust core make the settings
// consistent (a default that is enabled, at least one target, limits in range) and this page shows what it
// stored. Settings that could not be read are named in a notice, never silently replaced.
import { api } from '../lib/browser.js';
import { localize, t } from '../lib/i18n.js';
import { drawStrip, headline, lagLines, medianLag } from '../lib/history-strip.js';
import init, * as core from '../core/reroute.js';

/** The user's settings as the core stores them (src/settings.rs), camelCase.
 * @typedef {object} Settings
 * @property {{id: string, enabled: boolean}[]} targets in the user's order
 * @property {string} defaultTarget
 * @property {boolean} autoSubmit
 * @property {{include: boolean, maxTurns: number}} context
 * @property {boolean} notifications
 * @property {boolean} detectionPaused
 * @property {{name: string, url: string, composer: string | null} | null} custom
 * @property {boolean} tryNextTarget
 */
/** A built-in target's row in the core's target table (`targetTable`): `permission` is the optional host
 * permission it needs, or null; `statusPermission` the one its status feed needs.
 * @typedef {{name: string, permission: {origins: string[]} | null, status: boolean,
 *   statusPermission: {origins: string[]} | null}} TableRow */

/** options.html's element `id` (the page has every one this script names).
 * @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ ($(id));
localize();
/** Asks the background; its answer's data, or null.
 * @param {object} message
 * @returns {Promise<any>} the background's answer, checked where it is used */
const request = (message) => api.runtime.sendMessage(message).then((reply) => reply?.data ?? null);

/** @type {Settings | null} */
let settings = null;
/** The built-in targets by id.
 * @type {Record<string, TableRow>} */
let table = {};
/** Targets behind an optional permission the browser granted. */
let granted = new Set();

/** Says which settings could not be read (and went back to their defaults), or that they were migrated.
 * @param {{reset: string[], migratedFrom: number | null}} repaired */
function renderRepaired({ reset, migratedFrom }) {
  const notice = $('repaired');
  if (reset.length > 0) {
    const fields = reset.map((field) => t(`field_${field}`)).join(', ');
    notice.textContent = t('settingsReset', fields);
  } else if (migratedFrom !== null && migratedFrom !== undefined) {
    notice.textContent = t('settingsMigrated');
  }
  notice.hidden = notice.textContent === '';
}

/** @param {string} id */
const nameOf = (id) => (id === 'custom' ? settings?.custom?.name : table[id]?.name) ?? id;
/** Enabled, and reachable: a target behind a permission the user revoked in the browser shows as off.
 * @param {Settings['targets'][number]} choice */
const isOn = (choice) => choice.enabled && (!table[choice.id]?.permission || granted.has(choice.id));

async function readGranted() {
  const checks = Object.entries(table)
    .filter(([, row]) => row.permission)
    .map(async ([id, row]) => (row.permission && (await api.permissions.contains(row.permission)) ? id : null));
  granted = new Set((await Promise.all(checks)).filter(Boolean));
}

/** @param {Settings['targets'][number]} choice
 * @param {number} index
 * @param {number} count */
function targetRow(choice, index, count) {
  const item = document.createElement('li');
  item.dataset.target = choice.id;
  const label = document.createElement('label');
  label.className = 'name';
  const enabled = document.createElement('input');
  enabled.type = 'checkbox';
  enabled.checked = isOn(choice);
  enabled.dataset.action = 'enable';
  label.append(enabled, nameOf(choice.id));
  const permission = table[choice.id]?.permission;
  if (permission) {
    // Said before it is asked: turning it on asks the browser for access to this one site.
    const note = document.createElement('span');
    note.className = 'asks';
    note.textContent = t('targetAsksAccess', new URL(permission.origins[0].replace('/*', '/')).hostname);
    label.append(note);
  }
  /** @param {'up' | 'down'} action
   * @param {string} text
   * @param {boolean} disabled */
  const move = (action, text, disabled) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.action = action;
    button.textContent = text;
    button.disabled = disabled;
    button.setAttribute('aria-label', t(action === 'up' ? 'moveUp' : 'moveDown', nameOf(choice.id)));
    return button;
  };
  item.append(label, move('up', '\u2191', index === 0), move('down', '\u2193', index === count - 1));
  return item;
}

/** @param {Settings} settings */
function render(settings) {
  $('targets').replaceChildren(...settings.targets.map((choice, index) => targetRow(choice, index, settings.targets.length)));
  $('default-target').replaceChildren(
    ...settings.targets
      .filter(isOn)
      .map((choice) => new Option(nameOf(choice.id), choice.id, false, choice.id === settings.defaultTarget)),
  );
  $input('submit-auto').checked = settings.autoSubmit;
  $input('submit-ask').checked = !settings.autoSubmit;
  $input('context-include').checked = settings.context.include;
  $input('context-turns').value = String(settings.context.maxTurns);
  $input('context-turns').disabled = !settings.context.include;
  $input('notifications').checked = settings.notifications;
  $input('try-next').checked = settings.tryNextTarget;
  $input('detection-paused').checked = settings.detectionPaused;
}

/** Saves one change: an object of fields, or a function from the settings to it. Saves run one at a time,
 * each on the settings the one before stored, so two quick changes never undo each other.
 * @type {Promise<boolean>} */
let saving = Promise.resolve(true);
/** @param {Partial<Settings> | ((current: Settings) => Partial<Settings>)} change
 * @returns {Promise<boolean>} whether the background stored it */
function save(change) {
  const run = async () => {
    // Only over the settings as loaded: the background stores what it is sent, and every field missing from it
    // would be stored at its default (a change made while they load, or after they failed to, reset the rest).
    if (!settings) {
      $('saved').textContent = t('loadFailed');
      return false;
    }
    const fields = typeof change === 'function' ? change(settings) : change;
    const loaded = await request({ type: 'settings/set', settings: { ...settings, ...fields } });
    if (!loaded) {
      $('saved').textContent = t('saveFailed');
      return false;
    }
    settings = /** @type {Settings} */ (loaded.settings);
    $('repaired').hidden = true;
    render(settings);
    $('saved').textContent = t('saved');
    return true;
  };
  const done = saving.then(run, run);
  saving = done;
  return done;
}

/** Keeps keyboard focus on the same control after the list is redrawn.
 * @param {string} target
 * @param {string} action */
function refocus(target, action) {
  const row = $('targets').querySelector(`li[data-target="${target}"]`);
  /** @type {HTMLButtonElement | HTMLInputElement | null | undefined} */
  const control = row?.querySelector(`[data-action="${action}"]`);
  (control && !control.disabled ? control : /** @type {HTMLInputElement | null | undefined} */ (row?.querySelector('[data-action="enable"]')))?.focus();
}

/** The target of the row `control` is in. @param {Element} control */
const rowTarget = (control) => /** @type {HTMLElement} */ (control.closest('li')).dataset.target ?? '';

$('targets').addEventListener('click', async (event) => {
  /** @type {HTMLButtonElement | null} */
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (!button) return;
  const target = rowTarget(button);
  await save((current) => {
    const targets = [...current.targets];
    const from = targets.findIndex((choice) => choice.id === target);
    const to = button.dataset.action === 'up' ? from - 1 : from + 1;
    if (to >= 0 && to < targets.length) [targets[from], targets[to]] = [targets[to], targets[from]];
    return { targets };
  });
  refocus(target, button.dataset.action ?? '');
});
$('targets').addEventListener('change', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.dataset.action !== 'enable' || !settings) return;
  const target = rowTarget(box);
  const enabled = box.checked;
  if (!enabled && !settings.targets.some((choice) => choice.id !== target && isOn(choice))) {
    box.checked = true;
    $('saved').textContent = t('oneTargetStays');
    return;
  }
  const permission = table[target]?.permission;
  const apply = async () => {
    await save((current) => ({ targets: current.targets.map((choice) => (choice.id === target ? { ...choice, enabled } : choice)) }));
    refocus(target, 'enable');
  };
  if (!permission) return void apply();
  if (!enabled) {
    // Off: the access goes too, so Reroute holds no more than it uses.
    granted.delete(target);
    return void apply().then(() => api.permissions.remove(permission).catch(() => {}));
  }
  // Asked within the click (no await before it): unchecked until the browser says yes.
  box.checked = false;
  $('saved').textContent = t('permissionWaiting');
  api.permissions.request(permission).then(
    async (yes) => {
      if (!yes) {
        $('saved').textContent = t('targetAccessRefused', nameOf(target));
        return;
      }
      granted.add(target);
      await apply();
    },
    () => {
      $('saved').textContent = t('permissionFailed');
    },
  );
});
$('default-target').addEventListener('change', () => save({ defaultTarget: /** @type {HTMLSelectElement} */ ($('default-target')).value }));
for (const radio of document.querySelectorAll('input[name="submit"]')) {
  radio.addEventListener('change', () => save({ autoSubmit: $input('submit-auto').checked }));
}
$('context-include').addEventListener('change', () => {
  const include = $input('context-include').checked;
  save((current) => ({ context: { ...current.context, include } }));
});
$('context-turns').addEventListener('change', () => {
  const field = $input('context-turns');
  const turns = Number(field.value);
  if (Number.isInteger(turns) && turns >= 1 && turns <= 20) save((current) => ({ context: { ...current.context, maxTurns: turns } }));
  else if (settings) field.value = String(settings.context.maxTurns);
});
$('notifications').addEventListener('change', () => save({ notifications: $input('notifications').checked }));
$('try-next').addEventListener('change', () => save({ tryNextTarget: $input('try-next').checked }));
$('detection-paused').addEventListener('change', () => save({ detectionPaused: $input('detection-paused').checked }));

// ---- Gemini's status: an optional host permission, asked for only when the user turns it on ----

// The target table and the settings are fetched before any click: permissions.request must run within the
// click's user gesture, with no await before it.
// The core too: the custom target's address is checked by it, synchronously, before its site is asked for.
const [loaded, targetTable] = await Promise.all([request({ type: 'settings/get' }), request({ type: 'targets/table' }), init()]);
table = Object.fromEntries((targetTable ?? []).map((/** @type {TableRow & {id: string}} */ { id, ...row }) => [id, row]));
const geminiPermission = table.gemini?.statusPermission ?? null;
$input('gemini-status').checked = !!geminiPermission && (await api.permissions.contains(geminiPermission));
$('gemini-status').addEventListener('change', () => {
  const box = $input('gemini-status');
  if (!geminiPermission) return;
  const enabling = box.checked;
  // Unchecked until the browser says yes: the prompt may wait for the user as long as it likes.
  box.checked = false;
  if (enabling) $('saved').textContent = t('permissionWaiting');
  const change = enabling ? api.permissions.request(geminiPermission) : api.permissions.remove(geminiPermission).then(() => false);
  change.then(
    (granted) => {
      box.checked = granted;
      $('saved').textContent = t(granted ? 'permissionGranted' : 'permissionRefused');
    },
    () => {
      $('saved').textContent = t('permissionFailed');
    },
  );
});

await readGranted();
// Access granted or taken back in the browser's own settings shows here at once.
const redraw = async () => {
  await readGranted();
  if (settings) render(settings);
};
api.permissions.onAdded.addListener(redraw);
api.permissions.onRemoved.addListener(redraw);
if (loaded) {
  settings = /** @type {Settings} */ (loaded.settings);
  render(settings);
  renderRepaired(loaded);
} else {
  $('saved').textContent = t('loadFailed');
}

// ---- History ----

async function showHistory() {
  const summary = await request({ type: 'history/get', days: 30 });
  if (!summary) return;
  $('history-headline').textContent = headline(summary);
  drawStrip($('history-strip'), summary, { width: 600, height: 40 });
  $('history-median').textContent = medianLag(summary);
  $('history-lags').replaceChildren(...lagLines(summary).map((line) => Object.assign(document.createElement('li'), { textContent: line })));
}

/** @param {'json' | 'csv'} format */
async function download(format) {
  const text = await request({ type: 'history/export', format });
  if (typeof text !== 'string') return;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }));
  link.download = `reroute-history.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  $('history-status').textContent = t('historyExported', `reroute-history.${format}`);
}

$('export-json').addEventListener('click', () => download('json'));
$('export-csv').addEventListener('click', () => download('csv'));
$('clear-history').addEventListener('click', async () => {
  await request({ type: 'history/clear' });
  $('history-status').textContent = t('historyCleared');
  await showHistory();
});
showHistory();

// ---- The custom target ----
// An address where a new chat starts and its message box: Reroute opens the address, puts the prompt into the
// box and reads it back, so it needs that one site granted. The prompt never goes into the address (the core
// takes a `{prompt}` slot out of it, and an older target without a message box waits for one, with no button).

/** The custom target the form (or the settings) describe, as the core checks it: `{target, originPattern}`,
 * the pattern null while it has no message box, or `{invalid}`. The core is the one place an address is
 * normalised (`https://Chat.Lan/` is `https://chat.lan/*`, as the browser keeps it), so what is asked for,
 * what is granted and what the background registers are the same pattern.
 * @param {{name: string, url: string, composer: string | null}} custom
 * @returns {{target: NonNullable<Settings['custom']>, originPattern: string | null} | {invalid: 'name' | 'url' | 'composer'}} */
const checkCustom = (custom) => core.checkCustomTarget(custom.name, custom.url, custom.composer ?? undefined);
/** The host pattern the stored custom target holds, or null.
 * @param {Settings['custom'] | undefined} custom */
function storedPattern(custom) {
  const checked = custom ? checkCustom(custom) : null;
  return checked && 'target' in checked ? checked.originPattern : null;
}

/** What the custom target lacks, if anything: its message box, or access to its site. Said under the form. */
async function customState() {
  const custom = settings?.custom;
  if (!custom) return '';
  if (!custom.composer) return t('customNeedsBox', custom.name);
  const pattern = storedPattern(custom);
  const granted = pattern && (await api.permissions.contains({ origins: [pattern] }).catch(() => false));
  return granted ? '' : t('customNoAccess');
}

async function renderCustom() {
  $input('custom-name').value = settings?.custom?.name ?? '';
  $input('custom-url').value = settings?.custom?.url ?? '';
  $input('custom-composer').value = settings?.custom?.composer ?? '';
  /** @type {HTMLButtonElement} */ ($('remove-custom')).disabled = !settings?.custom;
  $('custom-status').textContent = await customState();
}

/** Origins granted to Reroute, as the browser keeps them; read before any click so that a click knows,
 * without an await, whether the access it asks for is new (only new access is given back on failure). */
let grantedOrigins = new Set(/** @type {string[]} */ ((await api.permissions.getAll()).origins ?? []));
const readOrigins = async () => {
  grantedOrigins = new Set((await api.permissions.getAll()).origins ?? []);
};
api.permissions.onAdded.addListener(readOrigins);
api.permissions.onRemoved.addListener(readOrigins);
/** Built-in targets' and status feeds' patterns: never given back on the custom target's behalf. */
const builtInPatterns = () =>
  new Set(Object.values(table).flatMap((row) => [...(row.permission?.origins ?? []), ...(row.statusPermission?.origins ?? [])]));

/** Gives back access that was asked for the custom target and is no longer used by it.
 * @param {string | null} pattern */
async function giveBack(pattern) {
  if (!pattern || builtInPatterns().has(pattern) || pattern === storedPattern(settings?.custom)) return;
  await api.permissions.remove({ origins: [pattern] }).catch(() => {});
}

$('save-custom').addEventListener('click', () => {
  const checked = checkCustom({
    name: $input('custom-name').value,
    url: $input('custom-url').value,
    composer: $input('custom-composer').value.trim() || null,
  });
  // Checked before anything is asked: an address the core refuses asks the user for nothing.
  if (!('target' in checked)) {
    $('custom-status').textContent = t('customInvalid');
    return;
  }
  const { target, originPattern: pattern } = checked;
  const previous = storedPattern(settings?.custom);
  const isNew = pattern !== null && !grantedOrigins.has(pattern);
  // Asked within the click, with no await before it: a permission request must come from the user's gesture.
  const access = pattern ? api.permissions.request({ origins: [pattern] }).catch(() => false) : Promise.resolve(false);
  access.then(async () => {
    const saved = await save({ custom: target });
    const stored = settings?.custom;
    if (!saved || stored?.url !== target.url || stored?.composer !== target.composer) {
      // Not stored as asked: access asked for it goes back, so Reroute holds none it doesn't use.
      if (isNew) await giveBack(pattern);
      await renderCustom();
      $('custom-status').textContent = t(saved ? 'customInvalid' : 'saveFailed');
      return;
    }
    if (previous !== pattern) await giveBack(previous);
    await renderCustom();
    if ($('custom-status').textContent === '') $('custom-status').textContent = t('customSaved', target.name);
  });
});
$('remove-custom').addEventListener('click', async () => {
  const pattern = storedPattern(settings?.custom);
  if (!(await save({ custom: null }))) return;
  await giveBack(pattern);
  await renderCustom();
  $('custom-status').textContent = t('customRemoved');
});
renderCustom();
