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

// A capacity failure on claude.ai: Reroute spots it in the page and offers to take the prompt elsewhere.
simulation.setClaude('http-529');
const claude = await context.newPage();
await claude.goto('https://claude.ai/new');
await claude.waitForSelector('[data-testid="chat-input"]');
await claude.evaluate(() => window.__sim.send('Summarise the attached meeting notes in five bullet points.'));
await claude.waitForSelector('#reroute-offer', { state: 'attached' });
console.log(`On claude.ai: the in-page offer shows "${await claude.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('.headline').textContent)}"`);
const popup = await context.newPage();
await popup.setViewportSize({ width: 380, height: 440 });
await popup.goto(`${extensionOrigin}popup/popup.html`);
await popup.waitForSelector('#status:not([data-state="pending"])');

if (headless) {
  const out = join(root, 'dist/demo');
  mkdirSync(out, { recursive: true });
  await popup.screenshot({ path: join(out, 'popup-major-outage.png') });
  await claude.screenshot({ path: join(out, 'claude-offer.png') });
  console.log(`No display: screenshots saved in ${out}/ (popup-major-outage.png, claude-offer.png).`);
  await context.close();
  await simulation.close();
} else {
  console.log(`The popup is open in a tab (the toolbar button opens the same). Switch the simulated status:
  curl -k https://127.0.0.1:${port}/__sim/status?scenario=operational -H 'Host: status.claude.com'
  (scenarios: operational, degraded, major-outage, maintenance, api-outage, html-error, slow, …)
and how claude.ai answers messages you send in the claude.ai tab:
  curl -k https://127.0.0.1:${port}/__sim/claude?mode=ok -H 'Host: claude.ai'
  (modes: ok, long, http-500, http-529, http-403, http-429, sse-error, limit-exceeded, network-error)
Press Ctrl-C to stop.`);
  process.on('SIGINT', async () => {
    await context.close();
    await simulation.close();
    process.exit(0);
  });
}
