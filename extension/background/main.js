// Reroute's background: Chrome runs it as a module service worker, Firefox as an event page. Either may be
// stopped at any moment, so every listener is registered synchronously right here (Chrome tears a module
// worker down on a top-level await, see TOOLCHAIN.md), state lives in storage, and timing uses alarms.
import { api } from '../lib/browser.js';
import init, * as core from '../core/reroute.js';
import { TabMonitor, VERDICT_ALARM } from './claude.js';
import { listen, originOf } from './messages.js';
import { STATUS_ALARM, StatusMonitor, isClaudeTab } from './status.js';

// Handlers await this; the wasm core compiles while storage is read.
const ready = init().then(() => core);
const tabs = new TabMonitor(ready);
const status = new StatusMonitor(ready, () => tabs.refreshAll());

api.runtime.onInstalled.addListener(() => {
  status.pollNow();
  tabs.startCounting();
});
api.runtime.onStartup.addListener(() => status.pollNow());
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === STATUS_ALARM) status.onAlarm();
  if (alarm.name === VERDICT_ALARM) tabs.refreshAll();
});
api.tabs.onUpdated.addListener((_tabId, change, tab) => {
  if (change.status === 'complete' && isClaudeTab(tab.url)) status.watchingStarted();
});
api.tabs.onRemoved.addListener((tabId) => tabs.forget(tabId));
api.runtime.onConnect.addListener((port) => {
  if (port.name !== 'popup' || originOf(port.sender) !== 'extension-page') {
    port.disconnect();
    return;
  }
  status.addViewer(port);
});

// claude.ai's API, seen read-only: the user's sends, failing answers, requests that got no answer.
const claudeApi = { urls: ['https://claude.ai/api/*'] };
api.webRequest.onBeforeRequest.addListener((request) => {
  if (request.tabId < 0 || request.method !== 'POST') return;
  tabs.isCompletion(request.url).then((completion) => completion && tabs.send(request.tabId));
}, claudeApi);
api.webRequest.onCompleted.addListener((request) => {
  if (request.tabId < 0 || request.statusCode < 400) return;
  tabs.isCompletion(request.url).then((completion) =>
    tabs.observe(request.tabId, { kind: 'http', status: request.statusCode, completion }),
  );
}, claudeApi);
api.webRequest.onErrorOccurred.addListener((request) => {
  if (request.tabId < 0) return;
  tabs.isCompletion(request.url).then((completion) =>
    tabs.observe(request.tabId, { kind: 'network-error', error: String(request.error), completion }),
  );
}, claudeApi);

listen(ready, {
  'status/get': () => status.view(),
  'status/refresh': async () => {
    await status.pollNow();
    return status.view();
  },
  'claude/hello': (_request, sender) => tabs.verdict(sender.tab.id),
  'claude/event': (request, sender) => tabs.observe(sender.tab.id, request.event),
  'claude/dismiss': (request, sender) => tabs.dismiss(sender.tab.id, request.incident),
  'claude/open-target': async (request, sender) => {
    const url = core.targetUrl(request.target);
    await api.tabs.create({ url, index: sender.tab.index + 1, openerTabId: sender.tab.id });
    return true;
  },
  'claude/verdicts': () => tabs.verdicts(),
});

// A restarted worker shows the right badge at once, from the last stored answer (or "?" when it is stale).
status.restore();
