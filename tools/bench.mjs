// ./build.sh bench: the performance figures each issue asks for, measured on the built extension in Debian's
// Chromium against the local simulation. Medians of several runs; nothing here is a pass/fail test.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Simulation } from '../www/server.mjs';
import { launchChrome } from '../tests/e2e/chrome.mjs';
import { eventually, sleep } from '../tests/e2e/browsers.mjs';

const root = new URL('..', import.meta.url).pathname;
const rows = [];
const report = (figure, value, aim = '') => {
  rows.push([figure, value, aim]);
  console.log(`  ${figure}: ${value}${aim ? `  (aim ${aim})` : ''}`);
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const dirSize = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? dirSize(join(dir, entry.name)) : statSync(join(dir, entry.name)).size),
    0,
  );

/** A ~200 KB summary.json in the real shape: the Claude page with many incidents, updates and components. */
function bigSummary() {
  const base = JSON.parse(readFileSync(join(root, 'www/status/claude-major-outage.json'), 'utf8'));
  const incident = base.incidents[0];
  const components = [...base.components];
  for (let i = 0; components.length < 120; i++) {
    components.push({ ...base.components[3], id: `extra${i}`, name: `Claude Code region ${i}`, position: 10 + i });
  }
  const incidents = [];
  while (JSON.stringify({ ...base, components, incidents }).length < 200_000) {
    const n = incidents.length;
    incidents.push({
      ...incident,
      id: `inc${n}`,
      name: `${incident.name} #${n}`,
      incident_updates: Array.from({ length: 6 }, (_, u) => ({ ...incident.incident_updates[u % 2], id: `u${n}-${u}` })),
    });
  }
  return JSON.stringify({ ...base, components, incidents });
}

console.log('Reroute bench (Chromium, dist/chrome, local simulation)\n');

console.log('Size');
const wasm = readFileSync(join(root, 'dist/chrome/core/reroute_bg.wasm'));
report('reroute_bg.wasm raw', kb(wasm.length), '≤ 150 KB');
report('reroute_bg.wasm gzipped', kb(gzipSync(wasm, { level: 9 }).length));
report('dist/chrome total', kb(dirSize(join(root, 'dist/chrome'))));
report('dist/reroute-chrome.zip', kb(statSync(join(root, 'dist/reroute-chrome.zip')).size));

const simulation = new Simulation();
simulation.setStatus('major-outage');
await simulation.listen(0);
const browser = await launchChrome({ extensionDir: join(root, 'dist/chrome'), port: simulation.port });
await eventually(() => browser.badge(), (badge) => badge.text === 'DOWN');

console.log('\nService worker cold start → badge set from stored state');
const coldStarts = [];
for (let run = 0; run < 15; run++) {
  await browser.stopBackground();
  await sleep(150);
  // Opening the popup wakes the worker (its port connects); the mark times the restore, not the popup.
  const page = await browser.openExtensionPage('popup/popup.html');
  const marks = await eventually(
    () => browser.evaluateInBackground(() => performance.getEntriesByName('reroute:badge-restored').map((m) => m.startTime)),
    (value) => value.length > 0,
    { timeout: 5000 },
  );
  if (marks.length) coldStarts.push(marks[0]);
  await page.close();
}
report(`median of ${coldStarts.length} (ms since the worker started)`, `${median(coldStarts).toFixed(1)} ms`, '≤ 50 ms');
report('p95', `${percentile(coldStarts, 95).toFixed(1)} ms`);

console.log('\nParsing and judging a 200 KB summary.json in wasm');
const body = bigSummary();
const page = await browser.openExtensionPage('popup/popup.html');
const timings = await page.evaluate(
  async (payload, runs) => {
    const core = await import(`${location.origin}/core/reroute.js`);
    await core.default();
    const now = Date.now();
    for (let i = 0; i < 20; i++) core.assessPayload(payload, now); // warm the JIT
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      core.assessPayload(payload, now);
      times.push(performance.now() - start);
    }
    return times;
  },
  body,
  200,
);
report(`payload size`, kb(body.length));
report('median of 200', `${median(timings).toFixed(2)} ms`, '≤ 2 ms');
report('p95', `${percentile(timings, 95).toFixed(2)} ms`);
await page.close();

console.log('\nNetwork requests per hour');
const policy = await browser.openExtensionPage('popup/popup.html');
const perHour = await policy.evaluate(async () => {
  const core = await import(`${location.origin}/core/reroute.js`);
  await core.default();
  const mean = (watching) => {
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += core.nextPollDelay(null, watching, Math.random());
    return sum / 10_000;
  };
  return { idle: 3_600_000 / mean(false), watching: 3_600_000 / mean(true) };
});
await policy.close();
// The same, observed: let the real background poll, and read the delay it schedules each time.
const observe = async (withClaudeTab) => {
  const tab = withClaudeTab ? await browser.openTab('https://claude.ai/new') : null;
  const delays = [];
  for (let i = 0; i < 5; i++) {
    const before = simulation.requestsTo('status.claude.com').length;
    await browser.evaluateInBackground(() => chrome.alarms.create('status-poll', { when: Date.now() }));
    await eventually(() => simulation.requestsTo('status.claude.com').length, (n) => n > before);
    await sleep(200);
    const due = await browser.evaluateInBackground(async () => (await chrome.alarms.get('status-poll')).scheduledTime);
    delays.push(due - Date.now());
  }
  await tab?.close();
  return 3_600_000 / (delays.reduce((a, b) => a + b, 0) / delays.length);
};
report('idle, from the schedule (10,000 draws)', `${perHour.idle.toFixed(1)} requests/h`);
report('idle, observed over 5 polls', `${(await observe(false)).toFixed(1)} requests/h`);
report('claude.ai tab open, from the schedule', `${perHour.watching.toFixed(1)} requests/h`);
report('claude.ai tab open, observed over 5 polls', `${(await observe(true)).toFixed(1)} requests/h`);
console.log('  (a 304 answer carries no body: after the first poll, an unchanged status costs headers only)');

await browser.close();
await simulation.close();
