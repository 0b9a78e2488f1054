// What Reroute must not believe, in Chromium and Firefox with the shipped manifests: another site's requests to
// claude.ai's API (issue 11, defect 6), stream events a page script posts with no completion in flight (defect
// 7), a script left behind in a page by an extension reload (defect 10, Chromium: Firefox unloads them), and a
// required host the user withheld (defect 11).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, startSimulation } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

const COMPLETION = 'https://claude.ai/api/organizations/org-1/chat_conversations/conv-1/completion';
let caseNumber = 0;

/** Storage keeps the core's records as JSON strings. */
const parsed = (value) => (typeof value === 'string' ? JSON.parse(value) : value);

/** The background's per-tab states and send log, as storage holds them. */
const evidence = (browser) =>
  browser.evaluateInBackground(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const session = await api.storage.session.get(null);
    const { sendLog } = await api.storage.local.get('sendLog');
    const tabs = Object.fromEntries(Object.entries(session).filter(([key]) => key.startsWith('tab:')));
    const log = typeof sendLog === 'string' ? JSON.parse(sendLog) : sendLog;
    return { tabs, sends: log?.sends?.length ?? 0 };
  });

/** The stored state of the claude.ai tab at `url`. */
const tabState = (browser, url) =>
  browser.evaluateInBackground(async (prefix) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const [tab] = await api.tabs.query({ url: 'https://claude.ai/*' }).then((tabs) => tabs.filter((t) => t.url?.startsWith(prefix)));
    if (!tab) return null;
    const key = `tab:${tab.id}`;
    return (await api.storage.session.get(key))[key] ?? null;
  }, url).then(parsed);

for (const name of browsersFor(simulation)) {
  let browser;
  describe(`${name}: what Reroute doesn't take from untrusted sources`, () => {
    before(async () => {
      simulation.setStatus('operational');
      simulation.setClaude('ok');
      browser = await launch(name, simulation, { width: 1100, height: 720 });
      await eventually(() => browser.badge(), (badge) => badge.title.includes('operational'));
    });
    after(async () => {
      simulation.setClaude('ok');
      await browser?.close();
    });

    test('another site fetching claude.ai\'s completion endpoint changes no verdict and no send log (defect 6)', async () => {
      simulation.setClaude('http-529');
      const before_ = await evidence(browser);
      const page = await browser.openTab(`https://chatgpt.com/?case=${++caseNumber}`);
      // CORS keeps the page from reading the answers (no-cors gives an opaque response), but the requests
      // reach claude.ai with its cookies and webRequest sees each 529.
      const statuses = await page.evaluate(async (url) => {
        const seen = [];
        for (let i = 0; i < 4; i++) {
          const response = await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: 'x' });
          seen.push(response.type);
        }
        return seen;
      }, COMPLETION);
      assert.deepEqual(statuses, ['opaque', 'opaque', 'opaque', 'opaque']);
      // A claude.ai page's own request afterwards: once it is counted, the others (made before) were looked at.
      const claude = await browser.openTab(`https://claude.ai/new?case=${++caseNumber}`);
      await claude.evaluate(async (url) => {
        await fetch(url, { method: 'POST', body: '{}' }).catch(() => null);
      }, COMPLETION);
      await eventually(() => evidence(browser), (now) => now.sends === before_.sends + 1);
      const now = await evidence(browser);
      assert.equal(now.sends, before_.sends + 1, 'only the claude.ai page\'s send is logged');
      const others = Object.keys(now.tabs).filter((key) => !(key in before_.tabs));
      // Only the claude.ai tab has a state now.
      assert.equal(others.length, 1, `tab states: ${others.join(', ')}`);
      simulation.setClaude('ok');
    });

    test('a page script posting stream events with no completion in flight raises nothing (defect 7)', async () => {
      const url = `https://claude.ai/new?case=${++caseNumber}`;
      const page = await browser.openTab(url);
      await page.waitFor(`document.readyState === 'complete' && !!document.querySelector('[data-testid="chat-input"]')`);
      await page.evaluate(() => {
        for (let i = 0; i < 20; i++) {
          window.postMessage({ source: 'reroute-stream', event: { kind: 'stream-error', errorType: 'overloaded_error' } }, '*');
          window.postMessage({ source: 'reroute-stream', event: { kind: 'stream-cut' } }, '*');
        }
        // Then something the page really reports, so the test knows the forged events were handled first.
        window.dispatchEvent(new Event('offline'));
      });
      const state = await eventually(() => tabState(browser, url), (state) => state?.offline === true);
      assert.equal(state?.offline, true, 'the page\'s later offline event arrived');
      assert.deepEqual(state.signals ?? [], [], 'no stream signal taken');
      // Back online, nothing is left that could hold an offer up: forged outage evidence would.
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      const offer = () => page.evaluate(() => document.querySelector('#reroute-offer')?.dataset.verdict ?? null);
      assert.equal(await eventually(offer, (verdict) => verdict === null, { timeout: 5000 }), null);
    });

    test('a withheld required host: its button says access is needed (defect 11)', async () => {
      if (name === 'chrome') {
        // What the user does in chrome://extensions: site access "on specific sites", every site but chatgpt.com.
        const settings = await browser.openTab('chrome://extensions/');
        await settings.evaluate(async (id) => {
          await chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_SPECIFIC_SITES' });
          for (const site of ['https://claude.ai/*', 'https://status.claude.com/*', 'https://status.openai.com/*', 'https://gemini.google.com/*']) {
            await chrome.developerPrivate.addHostPermission(id, site);
          }
        }, new URL(browser.extensionOrigin).host);
      } else {
        // Firefox lets the user (and the extension) take back an MV3 host permission, required or not.
        await browser.evaluateInBackground(() => browser.permissions.remove({ origins: ['https://chatgpt.com/*'] }));
      }
      const popup = await browser.openExtensionPage('popup/popup.html');
      const chatgpt = await eventually(
        () => popup.evaluate(() => {
          const button = document.querySelector('#targets [data-target="chatgpt"]');
          return button ? { access: button.dataset.access ?? null, text: button.textContent } : null;
        }),
        (button) => button?.access === 'needed',
        { timeout: 8000 },
      );
      assert.equal(chatgpt.access, 'needed');
      assert.match(chatgpt.text, /access needed/);
      const gemini = await popup.evaluate(() => document.querySelector('#targets [data-target="gemini"]')?.dataset.access ?? null);
      assert.equal(gemini, null, 'gemini.google.com is still granted');
    });
  });
}

// Chrome leaves a page's content scripts running after the extension is reloaded or updated, cut off from it
// (runtime.sendMessage throws "Extension context invalidated" synchronously); Firefox unloads them.
if (browsersFor(simulation).includes('chrome')) {
  describe('chrome: a script orphaned by an extension reload stops cleanly (defect 10)', () => {
    let browser;
    before(async () => {
      simulation.setStatus('operational');
      simulation.setClaude('http-529');
      browser = await launch('chrome', simulation, { width: 1100, height: 720 });
    });
    after(async () => {
      simulation.setClaude('ok');
      await browser?.close();
    });

    test('its offer goes and nothing throws when the page next reports', async () => {
      const page = await browser.openTab(`https://claude.ai/new?case=${++caseNumber}`);
      await page.waitFor(`document.readyState === 'complete' && !!document.querySelector('[data-testid="chat-input"]')`);
      const errors = [];
      page.raw.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.raw.on('pageerror', (error) => errors.push(String(error)));
      for (const text of ['first', 'second']) {
        await page.evaluate((t) => window.__sim.send(t), text);
        await page.waitFor(`!document.querySelector('[data-is-streaming="true"]')`).catch(() => {});
      }
      await page.waitFor(`document.querySelector('#reroute-offer')?.dataset.verdict === 'outage'`, { timeout: 10_000 });
      await browser.evaluateInBackground(() => setTimeout(() => chrome.runtime.reload(), 50)).catch(() => {});
      // The old script learns it is orphaned the next time it reports: going offline is one such report.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await page.evaluate(() => window.dispatchEvent(new Event('offline')));
      const offer = () => page.evaluate(() => document.querySelector('#reroute-offer')?.dataset.verdict ?? null);
      assert.equal(await eventually(offer, (verdict) => verdict === null, { timeout: 5000 }), null, 'the orphan removed its offer');
      assert.deepEqual(errors.filter((text) => /context invalidated/i.test(text)), [], 'no uncaught error');
    });
  });
}
