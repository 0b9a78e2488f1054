// @ts-check
// The popup: Claude's status as the background last judged it. The background pushes a new view whenever it
// changes; while this page is open, the background polls every minute.
import { api } from '../lib/browser.js';
import { localize, say, t, word } from '../lib/i18n.js';
import { drawStrip, headline, lagLines } from '../lib/history-strip.js';

/** Claude's status as the popup draws it (src/poll.rs `StatusView`).
 * @typedef {object} StatusView
 * @property {string} state operational, degraded, partial-outage, major-outage, maintenance or unknown
 * @property {string} words the state in the core's English words
 * @property {Phrase} sentence
 * @property {Phrase | null} lastKnown
 * @property {{name: string, status: string, words: string}[]} components
 * @property {{name: string, status: string, latestUpdate: string | null, updated: Phrase | null, link: string | null} | null} incident
 * @property {Phrase | null} maintenance
 * @property {Phrase | null} checked
 * @property {string} pageUrl
 */
/** A claude.ai tab's verdict, as `claude/verdicts` lists them.
 * @typedef {{active: boolean, title: string, verdict: Verdict}} TabVerdict */
/** A prompt the popup can bring back.
 * @typedef {{text: string}} Recent */

/** popup.html's element `id` (the page has every one this script names).
 * @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const $input = (id) => /** @type {HTMLInputElement} */ ($(id));
/** @param {string} id */
const $link = (id) => /** @type {HTMLAnchorElement} */ ($(id));
localize();

/** @param {string} text */
function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}


/** @param {HTMLElement} element
 * @param {string | null | undefined} text shown, or the element hidden when there is none */
function show(element, text) {
  element.textContent = text ?? '';
  element.hidden = !text;
}

/** The official view, and a failing verdict on a claude.ai tab if there is one: the headline line says
 * whichever the user should believe now (what they see failing beats a status page that hasn't noticed). */
/** @type {StatusView | null} */
let lastView = null;
/** @type {Verdict | null} */
let localFailure = null;

function drawHeadline() {
  if (!lastView) return;
  // Is it me or Claude? Since when it has failed here, and whether the status page says so yet.
  const since = localFailure?.since ? t('failingSince', clock(localFailure.since)) : '';
  const stillGreen = localFailure && localFailure.kind !== 'offline' && lastView.state === 'operational' ? ` ${t('statusStillGreen')}` : '';
  show($('tab-since'), since ? `${since}${stillGreen}` : '');
  if (localFailure) {
    $('status').dataset.state = ['limit', 'offline', 'maintenance'].includes(localFailure.kind) ? 'degraded' : 'major-outage';
    $('state-words').textContent = say(localFailure.headline);
    $('sentence').textContent = t('officialStatus', word('state', lastView.state, lastView.words));
  } else {
    $('status').dataset.state = lastView.state;
    $('state-words').textContent = t('statusLine', word('state', lastView.state, lastView.words));
    // For "unknown" the sentence carries the reason: "Claude's status is unknown: the status page …".
    $('sentence').textContent = say(lastView.sentence);
  }
}

/** @param {StatusView} view */
function render(view) {
  lastView = view;
  drawHeadline();
  show($('last-known'), say(view.lastKnown));

  const incident = view.incident;
  $('incident').hidden = !incident;
  if (incident) {
    $('incident-name').textContent = incident.name;
    show($('incident-update'), incident.latestUpdate);
    const stage = word('incident_status', incident.status, capitalise(incident.status));
    $('incident-meta').textContent = [stage, say(incident.updated)].filter(Boolean).join(', ');
    // The core only lets https links through.
    $link('incident-link').href = incident.link ?? view.pageUrl;
  }
  show($('maintenance'), say(view.maintenance));

  const items = (view.components ?? []).map((component) => {
    const item = document.createElement('li');
    item.dataset.status = component.status;
    const name = document.createElement('span');
    name.textContent = component.name;
    const state = document.createElement('span');
    state.className = 'words';
    state.textContent = word('component', component.status, component.words);
    item.append(name, state);
    return item;
  });
  if (items.length === 0) {
    const item = document.createElement('li');
    item.className = 'muted';
    item.textContent = t('noComponents');
    items.push(item);
  }
  $('components').replaceChildren(...items);
  $('checked').textContent = view.checked ? say(view.checked) : t('notChecked');
  $link('status-page').href = view.pageUrl;
}

/** What Reroute sees on claude.ai itself: the current tab's verdict, or another claude.ai tab in trouble.
 * @param {TabVerdict[] | null | undefined} entries */
function renderVerdicts(entries) {
  const entry = Array.isArray(entries) ? entries.find((e) => e.active || e.verdict?.kind !== 'ok') : null;
  const section = $('tab-verdict');
  section.hidden = !entry;
  localFailure = entry && entry.verdict.kind !== 'ok' ? entry.verdict : null;
  drawHeadline();
  if (!entry) return;
  const { verdict } = entry;
  section.dataset.verdict = verdict.kind;
  $('tab-verdict-heading').textContent = entry.active ? t('verdictThisTab') : t('verdictOtherTab', entry.title);
  $('tab-headline').textContent = say(verdict.headline);
  $('tab-reasons').replaceChildren(
    ...verdict.reasons.map((reason) => {
      const item = document.createElement('li');
      item.textContent = say(reason);
      return item;
    }),
  );
  $('tab-confidence').textContent = verdict.kind === 'ok' ? '' : t('confidence', Math.round(verdict.confidence * 100));
}

/** @param {any} value from the background or a port, checked before use
 * @returns {value is StatusView} */
function isView(value) {
  return value !== null && typeof value === 'object' && typeof value.state === 'string' && typeof value.words === 'string';
}

// Connecting tells the background the popup is open (faster polling) and subscribes to pushed views.
const port = api.runtime.connect({ name: 'popup' });
port.onMessage.addListener((message) => {
  if (message?.type === 'status/view' && isView(message.view)) render(message.view);
});

api.runtime.sendMessage({ type: 'claude/verdicts' }).then((reply) => renderVerdicts(reply?.data));

$('check-now').addEventListener('click', async () => {
  const button = /** @type {HTMLButtonElement} */ ($('check-now'));
  button.setAttribute('aria-busy', 'true');
  button.disabled = true;
  button.textContent = t('checking');
  try {
    const reply = await api.runtime.sendMessage({ type: 'status/refresh' });
    if (isView(reply?.data)) render(reply.data);
  } finally {
    button.removeAttribute('aria-busy');
    button.disabled = false;
    button.textContent = t('checkNow');
  }
});

// ---- Sending the prompt elsewhere ----

/** Asks the background; its answer's data, or null.
 * @param {object} message
 * @returns {Promise<any>} the background's answer, checked where it is used */
const request = (message) => api.runtime.sendMessage(message).then((reply) => reply?.data ?? null);
/** The fields of the settings (src/settings.rs) the popup shows; it sends back all it was given.
 * @typedef {{autoSubmit: boolean, detectionPaused: boolean, context: {include: boolean}}} PopupSettings */
/** The settings as the background last gave them, null until then.
 * @type {PopupSettings | null} */
let settings = null;

async function loadPrompt() {
  const captured = await request({ type: 'prompt/get' });
  $input('prompt').value = captured?.packed ?? '';
  renderRecent(captured?.recent ?? []);
  // What was captured is drawn (tests wait for this rather than for time to pass).
  $('prompt').dataset.loaded = 'true';
  renderTargets(captured?.targets ?? []);
  // Then ask the targets' own status (if due) and redraw with what it says.
  request({ type: 'targets/refresh' }).then((targets) => targets && renderTargets(targets));
}

/** One button per enabled target, in the user's order (the default first) with healthy targets first; a
 * failing target says why under the buttons.
 * @param {TargetButton[]} targets */
function renderTargets(targets) {
  $('targets').replaceChildren(
    ...targets.map((target, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.target = target.id;
      button.dataset.health = target.health;
      button.dataset.name = target.name;
      button.textContent = t('sendTo', target.name);
      if (target.accessNeeded) {
        // The user withheld the site from Reroute in the browser: sending would open a tab where nothing runs.
        const chip = document.createElement('span');
        chip.className = 'health';
        chip.textContent = t('accessNeeded');
        button.append(' ', chip);
        button.dataset.access = 'needed';
        button.title = t('accessNeededHint', target.name);
        return button;
      }
      if (target.chip) {
        // The core's word for it: what stood in the way last time (a login wall is not an outage), else down.
        const chip = document.createElement('span');
        chip.className = 'health';
        chip.textContent = t(target.chip);
        button.append(' ', chip);
      }
      if (index === 0 && target.health !== 'down') button.className = 'primary';
      return button;
    }),
  );
  const failing = targets.filter((target) => target.reason || target.accessNeeded);
  $('target-health').replaceChildren(
    ...failing.map((target) => {
      const item = document.createElement('li');
      item.textContent = target.accessNeeded ? t('accessNeededHint', target.name) : say(target.reason);
      return item;
    }),
  );
  const allDown = targets.length > 0 && targets.every((target) => target.health === 'down');
  $('all-down').hidden = !allDown;
  $('all-down').textContent = allDown ? t('allTargetsDown') : '';
  updateButtons();
}

function updateButtons() {
  for (const button of $('targets').querySelectorAll('button')) {
    button.disabled = $input('prompt').value.length === 0 || button.dataset.access === 'needed';
  }
  /** @type {HTMLButtonElement} */ ($('hold')).disabled = $input('prompt').value.trim() === '';
}

// ---- Held for Claude: kept until Claude is back, then sent back to claude.ai in one click ----

/** A held prompt as the background lists it (src/hold.rs `Held`).
 * @typedef {{id: string, text: string, heldAt: number, stage: 'waiting' | 'ready' | 'sending' | 'put-in'}} Held */
const STAGE_WORDS = { waiting: 'heldWaiting', ready: 'heldReady', sending: 'heldSending', 'put-in': 'heldPutIn' };

/** @param {Held[]} held */
function renderHeld(held) {
  $('held').hidden = held.length === 0;
  $('held-list').replaceChildren(
    ...held.map((prompt) => {
      const item = document.createElement('li');
      item.dataset.stage = prompt.stage;
      const line = document.createElement('span');
      line.className = 'line';
      const first = prompt.text.split('\n').find((text) => text.trim()) ?? prompt.text;
      line.textContent = first;
      line.title = prompt.text;
      const stage = document.createElement('span');
      stage.className = 'muted stage';
      const at = new Date(prompt.heldAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      stage.textContent = `${t(STAGE_WORDS[prompt.stage] ?? 'heldWaiting')} · ${t('heldAt', at)}`;
      item.append(line, stage);
      if (prompt.stage === 'ready') {
        const send = document.createElement('button');
        send.type = 'button';
        send.className = 'primary';
        send.dataset.action = 'send';
        send.textContent = t('sendToClaude');
        send.setAttribute('aria-label', t('sendToClaudeLabel', first.slice(0, 40)));
        send.addEventListener('click', () => sendHeld(prompt.id, send));
        item.append(send);
      }
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.dataset.action = 'remove';
      remove.textContent = t('deleteHeld');
      remove.setAttribute('aria-label', t('deleteHeldLabel', first.slice(0, 40)));
      remove.addEventListener('click', async () => {
        await request({ type: 'held/remove', id: prompt.id });
        $('held-result').textContent = t('heldDeleted');
        await loadHeld();
      });
      item.append(remove);
      return item;
    }),
  );
  $('held-list').dataset.loaded = 'true';
}

async function loadHeld() {
  renderHeld((await request({ type: 'held/list' })) ?? []);
}

/** One click, one send: the button is off while it is on its way, and the background refuses a second
 * (from this popup or another) until the first ended.
 * @param {string} id @param {HTMLButtonElement} button */
async function sendHeld(id, button) {
  button.disabled = true;
  const answer = await api.runtime.sendMessage({ type: 'held/send', id }).catch(() => null);
  const sent = answer?.data;
  $('held-result').textContent = sent?.sent
    ? t('heldSendOpening')
    : sent?.refused === 'already-sent'
      ? t('heldAlreadySent')
      : sent?.refused === 'unknown'
        ? t('heldGone')
        : t('heldSendFailed');
  await loadHeld();
}

// ---- Usage, as Claude's own replies report it (no request of Reroute's) ----

/** One window's line (src/usage.rs `Line`).
 * @typedef {{window: '5h' | '7d', percent: number | null, exceeded: boolean, resetsAt: number | null, resetSince: boolean}} UsageLine */
/** @param {number} at Unix ms @returns {string} the time in the user's clock, with the day when not today */
function clock(at) {
  const when = new Date(at);
  const today = when.toDateString() === new Date().toDateString();
  return today ? when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : when.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

/** @param {{lines: UsageLine[], ago: Phrase} | null} usage */
function renderUsage(usage) {
  $('usage').hidden = !usage;
  if (!usage) return;
  $('usage-lines').replaceChildren(
    ...usage.lines.map((line) => {
      const item = document.createElement('li');
      item.dataset.window = line.window;
      const name = t(line.window === '5h' ? 'usageFiveHour' : 'usageSevenDay');
      const resets = line.resetsAt === null ? '' : clock(line.resetsAt);
      item.textContent = line.resetSince
        ? t('usageResetSince', name, resets)
        : line.exceeded
          ? t(resets ? 'usageReached' : 'usageReachedNoReset', name, resets)
          : line.percent !== null
            ? t(resets ? 'usageUsed' : 'usageUsedNoReset', name, String(line.percent), resets)
            : t('usageResets', name, resets);
      return item;
    }),
  );
  $('usage-age').textContent = t('usageFrom', say(usage.ago));
}

$('hold').addEventListener('click', async () => {
  const text = $input('prompt').value;
  if (!text.trim()) return;
  const kept = await request({ type: 'held/hold', text });
  $('held-result').textContent = kept && !kept.refused ? t('heldKept') : t('heldKeepFailed');
  await loadHeld();
});

/** @param {Recent[]} recent */
function renderRecent(recent) {
  $('recover').hidden = recent.length === 0;
  $('recent').replaceChildren(
    ...recent.map((entry) => {
      const item = document.createElement('li');
      const line = document.createElement('span');
      line.className = 'line';
      line.textContent = entry.text.split('\n').find((text) => text.trim()) ?? entry.text;
      line.title = entry.text;
      const use = document.createElement('button');
      use.type = 'button';
      use.textContent = t('useRecent');
      use.setAttribute('aria-label', t('useRecentLabel', line.textContent.slice(0, 40)));
      use.addEventListener('click', () => {
        $input('prompt').value = entry.text;
        updateButtons();
        $('prompt').focus();
      });
      item.append(line, use);
      return item;
    }),
  );
}

/** @param {PopupSettings} settings */
function renderSettings(settings) {
  $input('ask-before').checked = !settings.autoSubmit;
  $input('with-context').checked = settings.context.include;
  // Off until the settings are read: a change made before then had nothing to be saved over, and was lost.
  $input('ask-before').disabled = false;
  $input('with-context').disabled = false;
  $('paused').hidden = !settings.detectionPaused;
}

/** @param {Partial<PopupSettings>} change */
async function saveSettings(change) {
  // Only over the settings as loaded: the background stores what it is sent, and every field missing from it
  // would be stored at its default (targets, order, notifications… reset by one checkbox).
  const current = settings;
  if (!current) return;
  /** @type {PopupSettings} */
  const saved = (await request({ type: 'settings/set', settings: { ...current, ...change } }))?.settings ?? current;
  settings = saved;
  renderSettings(saved);
  await loadPrompt();
}

$('prompt').addEventListener('input', updateButtons);
$('targets').addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? /** @type {HTMLButtonElement | null} */ (event.target.closest('button[data-target]')) : null;
  if (!button || !$input('prompt').value) return;
  const name = button.dataset.name;
  const sent = await request({ type: 'prompt/send', target: button.dataset.target, text: $input('prompt').value });
  $('send-result').textContent = sent ? t('opening', name) : t('couldNotOpen', name);
});
$input('ask-before').addEventListener('change', () => saveSettings({ autoSubmit: !$input('ask-before').checked }));
$input('with-context').addEventListener('change', () =>
  settings && saveSettings({ context: { ...settings.context, include: $input('with-context').checked } }),
);

request({ type: 'settings/get' }).then((loaded) => {
  settings = loaded?.settings ?? null;
  if (settings) renderSettings(settings);
});
$('resume').addEventListener('click', (event) => {
  event.preventDefault();
  saveSettings({ detectionPaused: false });
});
// The options page opens as the browser prefers (a tab, or inside about:addons in Firefox).
$('open-options').addEventListener('click', (event) => {
  event.preventDefault();
  api.runtime.openOptionsPage();
  window.close();
});
const promptLoaded = loadPrompt();
loadHeld();
request({ type: 'usage/get' }).then(renderUsage);

const statusDrawn = new Promise((resolve) => port.onMessage.addListener(resolve));
const historyDrawn = request({ type: 'history/get', days: 7 }).then((summary) => {
  if (!summary) return;
  $('history-headline').textContent = headline(summary);
  drawStrip($('history-strip'), summary);
  $('history-lags').replaceChildren(...lagLines(summary).map((line) => Object.assign(document.createElement('li'), { textContent: line })));
});
// For ./build.sh bench: when everything the popup shows is there.
Promise.all([statusDrawn, historyDrawn, promptLoaded]).then(() => performance.mark('reroute:popup-drawn'));
