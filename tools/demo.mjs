// ./build.sh demo: the www/ simulation with an outage in progress, and Chromium with Reroute loaded and the
// real hosts mapped to it. With a display it opens a window and keeps running; without one it runs headless
// and saves screenshots under dist/demo/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { HOSTS, Simulation } from '../www/server.mjs';
import { chromiumArgs } from '../tests/e2e/chrome.mjs';

const root = new URL('..', import.meta.url).pathname;
const extensionDir = join(root, 'dist/chrome');
const headless = !process.env.DISPLAY;

const simulation = new Simulation();
simulation.setStatus('major-outage');
try {
  await simulation.listen(443);
} catch {
  await simulation.listen(0);
}
const port = simulation.port;
console.log(`Simulating ${HOSTS.join(', ')} on https://127.0.0.1:${port}, status.claude.com reporting a major outage.`);

const context = await chromium.launchPersistentContext('', {
  executablePath: '/usr/bin/chromium',
  headless,
  viewport: { width: 1100, height: 720 },
  args: chromiumArgs(extensionDir, port),
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}/`;

// Wait for the first poll to land on the badge.
for (let i = 0; i < 100 && (await worker.evaluate(() => chrome.action.getBadgeText({}))) !== 'DOWN'; i++) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const badge = await worker.evaluate(async () => ({
  text: await chrome.action.getBadgeText({}),
  title: await chrome.action.getTitle({}),
}));
console.log(`Toolbar badge: "${badge.text}" — ${badge.title.replace('\n', ' — ')}`);

const claude = await context.newPage();
await claude.goto('https://claude.ai/new');
const popup = await context.newPage();
await popup.setViewportSize({ width: 380, height: 440 });
await popup.goto(`${extensionOrigin}popup/popup.html`);
await popup.waitForSelector('#status:not([data-state="pending"])');

if (headless) {
  const out = join(root, 'dist/demo');
  mkdirSync(out, { recursive: true });
  await popup.screenshot({ path: join(out, 'popup-major-outage.png') });
  await claude.screenshot({ path: join(out, 'claude.png') });
  console.log(`No display: screenshots saved in ${out}/ (popup-major-outage.png, claude.png).`);
  await context.close();
  await simulation.close();
} else {
  console.log(`The popup is open in a tab (the toolbar button opens the same). Switch the simulated status:
  curl -k https://127.0.0.1:${port}/__sim/status?scenario=operational -H 'Host: status.claude.com'
  (scenarios: operational, degraded, major-outage, maintenance, api-outage, html-error, slow, …)
Press Ctrl-C to stop.`);
  process.on('SIGINT', async () => {
    await context.close();
    await simulation.close();
    process.exit(0);
  });
}
