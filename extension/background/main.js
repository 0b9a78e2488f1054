// @ts-check
// Reroute's background: Chrome runs it as a module service worker, Firefox as an event page. Either may be
// stopped at any moment, so every listener is registered synchronously right here (Chrome tears a module
// worker down on a top-level await, see TOOLCHAIN.md), state lives in storage, and timing uses alarms.
import { api } from '../lib/browser.js';
import { t } from '../lib/i18n.js';
import init, * as core from '../core/reroute.js';
import { TabMonitor, VERDICT_ALARM } from './claude.js';
import { Delivery, SETTINGS_KEY } from './delivery.js';
import { listen, originOf } from './messages.js';
import { STATUS_ALARM, STATUS_WATCHDOG, StatusMonitor, isClaudeTab } from './status.js';
import { Watcher, onNotificationClicked } from './watch.js';
import { TargetHealth, granted } from './health.js';
import { HELD_NOTIFICATION, HOLD_ALARM, HeldPrompts } from './hold.js';
import { UsageRecord } from './usage.js';

// Handlers await this; the wasm core compiles while storage is read.
const ready = init().then(() => core);
const watcher = new Watcher(ready);
const usage = new UsageRecord(ready);
const held = new HeldPrompts(ready, async () => (await delivery.settings()).notifications);
/** A listener chain's failure, logged with what it was doing (an unhandled rejection in a service worker says
 * nothing about where it came from; a panic in the core has logged its message just before).
 * @param {string} what */
const logFailure = (what) => (/** @type {unknown} */ error) => console.error(`Reroute: ${what} failed`, error);
const health = new TargetHealth(ready, () => tabs.refreshAll());
const tabs = new TabMonitor(ready, (tabId, verdict) => {
  watcher.tabVerdict(tabId, verdict);
  // Claude failed again where a held prompt was put in: it goes back on hold, nothing lost.
  if (verdict.kind !== 'ok') held.failedIn(tabId).catch(logFailure('a held prompt back on hold'));
  // While Claude fails here, the buttons should say whether the targets work.
  if (verdict.kind !== 'ok') health.refresh();
}, (storedSettings) => health.buttons(storedSettings));
const status = new StatusMonitor(ready, () => {
  tabs.refreshAll();
  watcher.statusChanged();
  // The status page back to operational after an incident it showed: Claude is back for held prompts.
  status
    .view()
    .then(async (view) => {
      if (view.state !== 'unknown') await held.change({ kind: 'status', down: view.state !== 'operational' });
    })
    .catch(logFailure('the status page for held prompts'));
});
const delivery = new Delivery(ready, (target, outcome, id, tabId, blocked) => {
  // A held prompt back in claude.ai: in (it goes once Claude answers it there), or ready to try again.
  if (target === 'claude') {
    const change = outcome === 'submitted' || outcome === 'inserted' ? { kind: 'put-in', id, tab: tabId } : { kind: 'send-failed', id };
    held.change(change).catch(logFailure('a held prompt sent'));
    return;
  }
  // What kept the target from taking it is said on its button for a while.
  if (blocked) health.blocked(target, blocked);
  // A site error arrives after the send, as a follow-up to the same delivery: not another reroute.
  if (outcome === 'site-error') health.siteError(target);
  else watcher.recordReroute(target, outcome);
}, async (tried) => (await ready).nextTarget(JSON.stringify(await targetButtons()), JSON.stringify(tried)) ?? null);

/** The target buttons to offer, in the user's order with healthy targets first. */
async function targetButtons() {
  const { [SETTINGS_KEY]: stored } = await api.storage.sync.get(SETTINGS_KEY);
  return health.buttons(stored);
}

/** Refuses a target the user has no button for (disabled, or its permission revoked, or its site's access
 * withheld in the browser): a message from a claude.ai page is never trusted to pick one.
 * @param {string} target */
async function reachable(target) {
  if (!(await targetButtons()).some((button) => button.id === target && !button.accessNeeded)) throw new Error(`target ${target} is not enabled`);
  return target;
}

/** A claude.ai tab: queried by its URL, so the browser gives its url (Reroute has claude.ai's host permission).
 * @typedef {TabWithId & {url: string}} ClaudeTab */

/** The claude.ai tab to take a prompt from: the active one, else the one used last. */
async function claudeTab() {
  const open = /** @type {ClaudeTab[]} */ (await api.tabs.query({ url: 'https://claude.ai/*' }));
  return open.find((tab) => tab.active) ?? open.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
}

/** What the claude.ai tab would send now: the composer, or the last unanswered message; else the saved draft.
 * @param {ClaudeTab} tab @returns {Promise<{prompt: string, turns: Turn[]}>} */
async function capture(tab) {
  const captured = await api.tabs.sendMessage(tab.id, { type: 'capture' }).catch(() => null);
  if (captured && typeof captured.prompt === 'string' && captured.prompt) return captured;
  // The saved draft stands in only while this tab fails, for its conversation, and only a recent one: never a
  // message Claude already answered (keep.rs).
  const failing = (await tabs.verdict(tab.id)).kind !== 'ok';
  const draft = await delivery.keeper.fallback(tab.id, new URL(tab.url).pathname, failing);
  return { prompt: draft ?? '', turns: captured?.turns ?? [] };
}

api.runtime.onInstalled.addListener(() => {
  status.pollNow();
  tabs.startCounting();
  // Registered scripts and menus outlive the background; this only mends them after an update.
  syncTargetAccess();
});
api.contextMenus.onClicked.addListener(async (info, tab) => {
  const target = String(info.menuItemId).replace(MENU_PREFIX, '');
  if (typeof info.selectionText === 'string' && info.selectionText) delivery.start(await reachable(target), info.selectionText, tab);
});
api.commands.onCommand.addListener(async (command, commandTab) => {
  if (command !== 'reroute-default') return;
  const tab = commandTab?.url?.startsWith('https://claude.ai/') ? commandTab : await claudeTab();
  if (!tab?.id) return;
  const tabId = tab.id;
  // The shortcut's outcome is said in the claude.ai tab: a new tab opening, or why none did.
  /** @param {string} key */
  const say = (key) => api.tabs.sendMessage(tabId, { type: 'say', key }).catch(() => {});
  // Its url checked as it was picked, its id just above.
  const { prompt, turns } = await capture(/** @type {ClaudeTab} */ (tab));
  if (!prompt) return say('offerNothingToSend');
  const settings = await delivery.settings();
  // Only a target with a button: not one whose site the user withheld, where nothing could run.
  const usable = (await targetButtons()).filter((button) => !button.accessNeeded).map((button) => button.id);
  const target = usable.includes(settings.defaultTarget) ? settings.defaultTarget : usable[0];
  if (!target) return say('shortcutNoTarget');
  const started = await delivery.start(target, await delivery.pack(prompt, turns), tab).catch(() => null);
  if (!started) say('shortcutFailed');
  else if (!started.kept) say('offerNotKept');
});
api.runtime.onStartup.addListener(() => {
  status.pollNow();
  syncTargetAccess();
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === STATUS_ALARM || alarm.name === STATUS_WATCHDOG) status.onAlarm(alarm.name);
  if (alarm.name === VERDICT_ALARM) tabs.refreshAll();
  if (alarm.name === HOLD_ALARM) held.change({ kind: 'tick' }).catch(logFailure('a limit reset for held prompts'));
});
/** The newest held prompt that can go to Claude now, sent: the notification's click and its button. */
async function sendNewestReady() {
  const ready = (await held.list()).find((prompt) => prompt.stage === 'ready');
  if (ready) await sendHeld(ready.id);
}
/** A click on "Claude is back", or on its button (Chrome): the held prompt goes. @param {string} id */
const onHeldNotification = (id) => {
  if (id !== HELD_NOTIFICATION) return;
  api.notifications.clear(id).catch(() => {});
  sendNewestReady().catch(logFailure('a held prompt from its notification'));
};
api.notifications.onClicked.addListener(onHeldNotification);
api.notifications.onButtonClicked?.addListener(onHeldNotification);

/** A reply Reroute took completed in `tabId` (its time moved past `before`): what was typed there before it has
 * its answer, and Claude is back for held prompts. A page posting "done" without a completion in flight
 * changes nothing (verdict.rs takes stream events only from requests the browser saw).
 * @param {number} tabId @param {number | null} before */
async function afterReply(tabId, before) {
  const after = await tabs.lastReplyAt(tabId);
  if (after === null || after === before) return;
  await Promise.all([
    delivery.keeper.answered(tabId),
    held.change({ kind: 'reply-completed', tab: tabId }).catch(logFailure('a reply for held prompts')),
  ]);
}

/** Sends held prompt `id` to claude.ai, once: a second click (or a second popup) is refused by the core while
 * the first is on its way. A tab that could not be opened leaves it ready again.
 * @param {string} id @returns {Promise<{sent: boolean, refused?: string}>} */
async function sendHeld(id) {
  const started = await held.change({ kind: 'start-send', id });
  if ('refused' in started) return { sent: false, refused: started.refused };
  if (!started.sending || !started.sendingUrl) return { sent: false, refused: 'unknown' };
  try {
    const tab = await delivery.sendToClaude(started.sending.id, started.sending.text, started.sendingUrl);
    await held.change({ kind: 'opened', id, tab });
  } catch (error) {
    await held.change({ kind: 'send-failed', id });
    throw error;
  }
  return { sent: true };
}

/** Holds `text` for Claude, from `tab` (its conversation, and the reset time of a limit that stopped it).
 * @param {string} text @param {ClaudeTab | null} tab */
async function hold(text, tab) {
  const verdict = tab ? await tabs.verdict(tab.id) : null;
  const conversation = tab ? new URL(tab.url).pathname : null;
  return held.change({ kind: 'hold', id: crypto.randomUUID(), text, conversation, resetsAt: verdict?.resetsAt ?? null });
}
api.tabs.onUpdated.addListener((_tabId, change, tab) => {
  if (change.status === 'complete' && isClaudeTab(tab.url)) status.watchingStarted();
});
const MENU_PREFIX = 'reroute-selection-';
const SCRIPT_PREFIX = 'reroute-target-';
const TARGET_SCRIPTS = ['content/text.js', 'content/i18n.js', 'content/target.js'];

/** What the target script and the context menu need to follow the settings and the granted permissions:
 * the target script runs on a target behind an optional permission (and on the custom target's origin, when
 * it has a message box) exactly while the user granted it; the manifest can't name hosts the default install
 * must not reach. The menu offers every target there is a button for. Runs one round at a time. */
let syncing = Promise.resolve();
function syncTargetAccess() {
  const run = async () => {
    const core = await ready;
    const { [SETTINGS_KEY]: stored } = await api.storage.sync.get(SETTINGS_KEY);
    const origins = await granted();
    const wanted = new Map();
    for (const { id, permission } of core.targetTable()) {
      const pattern = permission?.origins[0];
      if (pattern && origins.includes(pattern)) wanted.set(`${SCRIPT_PREFIX}${id}`, pattern);
    }
    const custom = core.customTargetAccess(stored ?? null);
    if (custom && origins.includes(custom.originPattern)) {
      wanted.set(`${SCRIPT_PREFIX}custom`, custom.originPattern);
    }
    const registered = await api.scripting.getRegisteredContentScripts().catch(() => []);
    // Every registered script is Reroute's, including one an older version registered under another id.
    const stale = registered.filter((script) => wanted.get(script.id) !== script.matches?.[0]);
    if (stale.length > 0) await api.scripting.unregisterContentScripts({ ids: stale.map((script) => script.id) });
    const present = new Set(registered.filter((script) => !stale.includes(script)).map((script) => script.id));
    const missing = [...wanted].filter(([id]) => !present.has(id));
    if (missing.length > 0) {
      await api.scripting.registerContentScripts(
        missing.map(([id, pattern]) => ({ id, matches: [pattern], js: TARGET_SCRIPTS, runAt: 'document_idle' })),
      );
    }

    await api.contextMenus.removeAll();
    for (const button of await health.buttons(stored)) {
      if (button.accessNeeded) continue; // the site was withheld: nothing could run there
      api.contextMenus.create({
        id: `${MENU_PREFIX}${button.id}`,
        title: t('menuSendSelection', button.name),
        contexts: ['selection'],
        documentUrlPatterns: ['https://claude.ai/*'],
      });
    }
  };
  syncing = syncing.then(run, run).catch((error) => console.error('Reroute: target access', error));
  return syncing;
}

// Pausing detection or reordering targets shows on every claude.ai tab at once.
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'sync' || !(SETTINGS_KEY in changes)) return;
  tabs.refreshAll();
  syncTargetAccess();
});
api.permissions.onAdded.addListener(() => {
  syncTargetAccess();
  tabs.refreshAll();
});
api.permissions.onRemoved.addListener(() => {
  syncTargetAccess();
  tabs.refreshAll();
});
api.notifications.onClicked.addListener(onNotificationClicked);
api.tabs.onRemoved.addListener((tabId) => {
  tabs.forget(tabId);
  watcher.forgetTab(tabId);
  delivery.forget(tabId);
});
api.runtime.onConnect.addListener((port) => {
  if (port.name !== 'popup') return port.disconnect();
  ready.then(async (core) => ((await originOf(core, port.sender)) === 'extension-page' ? status.addViewer(port) : port.disconnect()));
});

// claude.ai's API, seen read-only: the user's sends, failing answers, requests that got no answer.
const claudeApi = { urls: ['https://claude.ai/api/*'] };
/** Whether claude.ai's own page made this request, in a tab's top frame (protocol.rs decides). Any other site
 * can fetch claude.ai's API too: CORS keeps it from reading the answer, but webRequest still sees the request
 * and its status. Chrome names the requesting origin `initiator`, Firefox gives `documentUrl`.
 * @param {any} request webRequest's details, whose fields differ between the browsers */
async function fromClaudePage(request) {
  const core = await ready;
  return core.isClaudePageRequest(request.tabId, request.frameId, request.initiator ?? undefined, request.documentUrl ?? undefined);
}
// Only watched, never blocked: the listener returns nothing.
api.webRequest.onBeforeRequest.addListener(/** @returns {undefined} */ (request) => {
  if (request.tabId < 0 || request.method !== 'POST') return;
  // A stream event that reaches the core before this registration is held there for it (verdict.rs, `early`).
  fromClaudePage(request)
    .then(async (own) => {
      if (!own || !(await tabs.isCompletion(request.url))) return;
      const replyBefore = await tabs.lastReplyAt(request.tabId);
      await tabs.send(request.tabId);
      // Stream events that came before their request were held for it, and are taken now.
      await usage.fromTab(request.tabId);
      await afterReply(request.tabId, replyBefore);
    })
    .catch(logFailure('a claude.ai request'));
}, claudeApi);
/** Cloudflare's bot check answers for claude.ai while it looks at the browser: `cf-mitigated: challenge`, or
 * an HTML page where the API speaks JSON. It asks the user to wait, it doesn't mean Claude is failing.
 * @param {chrome.webRequest.OnCompletedDetails} request */
const isChallenge = (request) => {
  const header = (/** @type {string} */ name) => request.responseHeaders?.find((h) => h.name.toLowerCase() === name)?.value ?? '';
  return /challenge/i.test(header('cf-mitigated')) || (request.statusCode === 403 && header('content-type').includes('text/html'));
};
api.webRequest.onCompleted.addListener((request) => {
  if (request.tabId < 0 || request.statusCode < 400) return;
  fromClaudePage(request)
    .then(async (own) => {
      if (!own) return;
      const completion = await tabs.isCompletion(request.url);
      await tabs.observe(request.tabId, { kind: 'http', status: request.statusCode, completion, challenge: isChallenge(request) });
    })
    .catch(logFailure('a claude.ai answer'));
}, claudeApi, ['responseHeaders']);
api.webRequest.onErrorOccurred.addListener((request) => {
  if (request.tabId < 0) return;
  fromClaudePage(request)
    .then(async (own) => {
      if (!own) return;
      const completion = await tabs.isCompletion(request.url);
      await tabs.observe(request.tabId, { kind: 'network-error', error: String(request.error), completion });
    })
    .catch(logFailure('a failed claude.ai request'));
}, claudeApi);

listen(ready, {
  'status/get': () => status.view(),
  'status/refresh': async () => {
    await status.pollNow();
    return status.view();
  },
  'claude/hello': async (_request, sender) => ({
    verdict: await tabs.verdict(sender.tab.id),
    targets: await targetButtons(),
  }),
  'claude/event': async (request, sender) => {
    const tabId = sender.tab.id;
    const replyBefore = request.event.kind === 'stream-done' ? await tabs.lastReplyAt(tabId) : null;
    const observed = await tabs.observe(tabId, request.event);
    if (request.event.kind === 'stream-done') await afterReply(tabId, replyBefore);
    if (request.event.kind === 'stream-limit') await usage.fromTab(tabId);
    return observed;
  },
  'claude/dismiss': (request, sender) => tabs.dismiss(sender.tab.id, request.incident),
  'claude/reroute': async (request, sender) =>
    delivery.start(await reachable(request.target), await delivery.pack(request.prompt, request.turns), sender.tab),
  'claude/draft': (request, sender) => delivery.keeper.saveDraft(sender.tab.id, request.conversation, request.text),
  'claude/verdicts': () => tabs.verdicts(),
  'claude/hold': (request, sender) => hold(request.prompt, /** @type {ClaudeTab} */ (sender.tab)),
  'held/hold': async (request) => hold(request.text, await claudeTab()),
  'held/list': () => held.list(),
  'usage/get': () => usage.view(),
  'held/send': (request) => sendHeld(request.id),
  'held/remove': (request) => held.change({ kind: 'remove', id: request.id }),
  'prompt/get': async () => {
    const tab = await claudeTab();
    const { prompt, turns } = tab ? await capture(tab) : { prompt: '', turns: [] };
    return {
      prompt,
      packed: prompt ? await delivery.pack(prompt, turns) : '',
      turns: turns.length,
      recent: await delivery.keeper.recoverable(),
      targets: await targetButtons(),
    };
  },
  'prompt/send': async (request) => delivery.start(await reachable(request.target), request.text, await claudeTab()),
  'settings/get': () => delivery.loadSettings(),
  'settings/set': (request) => delivery.saveSettings(request.settings),
  'history/get': (request) => watcher.summary(request.days),
  'history/export': (request) => watcher.export(request.format),
  'history/clear': () => watcher.clear(),
  'targets/refresh': async () => {
    await health.refresh();
    return targetButtons();
  },
  'targets/table': async () => (await ready).targetTable(),
  'target/claim': (_request, sender) => delivery.claim(sender.tab.id),
  'target/report': (request, sender) => delivery.report(sender.tab.id, request.id, request.outcome, sender.tab),
  'target/reroute': async (request, sender) => delivery.reroute(request.id, await reachable(request.target), sender.tab),
});

// A restarted worker shows the right badge at once, from the last stored answer (or "?" when it is stale).
status.restore();
status.keepWatch().catch((error) => console.error('Reroute: status watchdog not armed', error));
