// Reroute's background: Chrome runs it as a module service worker, Firefox as an event page. Either may be
// stopped at any moment, so every listener is registered synchronously right here (Chrome tears a module
// worker down on a top-level await, see TOOLCHAIN.md), state lives in storage, and timing uses alarms.
import { api } from '../lib/browser.js';
import init, * as core from '../core/reroute.js';
import { listen, originOf } from './messages.js';
import { STATUS_ALARM, StatusMonitor, isClaudeTab } from './status.js';

// Handlers await this; the wasm core compiles while storage is read.
const ready = init().then(() => core);
const status = new StatusMonitor(ready);

api.runtime.onInstalled.addListener(() => status.pollNow());
api.runtime.onStartup.addListener(() => status.pollNow());
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === STATUS_ALARM) status.onAlarm();
});
api.tabs.onUpdated.addListener((_tabId, change, tab) => {
  if (change.status === 'complete' && isClaudeTab(tab.url)) status.watchingStarted();
});
api.runtime.onConnect.addListener((port) => {
  if (port.name !== 'popup' || originOf(port.sender) !== 'extension-page') {
    port.disconnect();
    return;
  }
  status.addViewer(port);
});
listen(ready, {
  'status/get': () => status.view(),
  'status/refresh': async () => {
    await status.pollNow();
    return status.view();
  },
});

// A restarted worker shows the right badge at once, from the last stored answer (or "?" when it is stale).
status.restore();
