// Trust (issue "never lose a prompt, never do what the user didn't ask"), with the shipped manifests in Chromium
// and Firefox: a message Claude already answered is never offered again; a draft outlives its tab; two quick
// clicks deliver once; every click in the offer ends in words on screen, even with a huge conversation; no
// copy of a prompt outlives its handoff.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, sleep, startSimulation, switchStatus } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

let caseNumber = 0;

for (const name of browsersFor(simulation)) {
  describe(`${name}: trusting Reroute with a prompt`, () => {
    let browser;

    before(async () => {
      simulation.setStatus('operational');
      simulation.setClaude('ok');
      simulation.setClaudePage({ markup: 'late-2026', lang: 'en', extension: 'none', challenge: false });
      browser = await launch(name, simulation, { width: 1100, height: 720 });
      await eventually(() => browser.badge(), (badge) => badge.title.includes('operational'));
    });
    after(() => browser?.close());
    afterEach(async () => {
      simulation.setClaude('ok');
      simulation.setTarget('chatgpt.com', 'ok');
      for (const url of ['https://chatgpt.com/', 'https://gemini.google.com/']) {
        for (let tab = await browser.tabAt(url, { timeout: 0 }); tab; tab = await browser.tabAt(url, { timeout: 0 })) await tab.close();
      }
    });

    async function openClaude(query = '') {
      const url = `https://claude.ai/new?case=trust-${++caseNumber}${query}`;
      const page = await browser.openTab(url);
      await page.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
      page.url = url;
      return page;
    }

    /** What the popup offers to send, and what "Recover last prompt" lists, once both are drawn (the popup
     * marks its prompt section as loaded). */
    async function popupPrompt() {
      const popup = await browser.openExtensionPage('popup/popup.html');
      try {
        await popup.waitFor(`document.querySelector('#prompt')?.dataset.loaded === 'true'`);
        return await popup.evaluate(() => ({
          prompt: document.querySelector('#prompt').value,
          recent: [...document.querySelectorAll('#recent li .line')].map((line) => line.title),
        }));
      } finally {
        await popup.close();
      }
    }

    test('a message Claude already answered is never offered again, whatever fails afterwards', async () => {
      const page = await openClaude();
      // Typed, then sent with the Send button, as a user does: the draft is saved on the way.
      await page.type('[data-testid="chat-input"]', 'Answered already');
      await sleep(600);
      await page.click('button[data-cds="Button"]');
      await page.waitFor(`document.querySelector('[data-is-streaming="false"]') !== null`);
      await sleep(300);
      await switchStatus(browser, simulation, 'major-outage', 'DOWN');
      try {
        assert.equal((await popupPrompt()).prompt, '', 'the status page fails: nothing to send');
        await page.evaluate(() => window.__sim.show('capacity-band'));
        await eventually(() => page.evaluate(() => document.querySelector('#reroute-offer')?.dataset.verdict ?? null), (v) => v === 'outage');
        assert.equal((await popupPrompt()).prompt, '', 'the tab fails too: still not the answered message');
      } finally {
        await switchStatus(browser, simulation, 'operational', '');
        await page.close();
      }
    });

    test('a draft outlives its tab: typed, the tab closed, it is listed under "Recover last prompt"', async () => {
      const page = await openClaude();
      const draft = `Typed, then the tab closed ${caseNumber}`;
      await page.type('[data-testid="chat-input"]', draft);
      await sleep(700); // saved 400 ms after typing stops
      await page.close();
      const { recent } = await popupPrompt();
      assert.ok(recent.some((text) => text.trim() === draft), JSON.stringify(recent));
    });

    test('two quick clicks on one button deliver once, in one tab', async () => {
      const page = await openClaude('&show=capacity');
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      const prompt = `Only once ${caseNumber}`;
      await page.evaluate((text) => window.__sim.setComposer(text), prompt);
      const before = simulation.submissionsTo('chatgpt.com').length;
      await page.clickInShadow('#reroute-offer', 'button[data-target="chatgpt"]');
      await page.clickInShadow('#reroute-offer', 'button[data-target="chatgpt"]');
      await eventually(() => simulation.submissionsTo('chatgpt.com').length, (n) => n > before);
      // The first delivery has reported back (its notice is up); a second click that became a second delivery
      // would have opened its own tab before that, and sent from it.
      const delivered = await browser.tabAt('https://chatgpt.com/');
      await delivered.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 20_000 });
      assert.deepEqual(simulation.submissionsTo('chatgpt.com').slice(before).map((s) => s.text), [prompt]);
      const tabs = await browser.evaluateInBackground(async () => (await (globalThis.browser ?? globalThis.chrome).tabs.query({ url: 'https://chatgpt.com/*' })).length);
      assert.equal(tabs, 1, 'one ChatGPT tab');
      await page.close();
    });

    test('every click ends in words on screen, and a huge turn in the conversation no longer sinks the request', async () => {
      const page = await openClaude();
      // One earlier message of 250,000 characters (more than a request may carry per turn).
      await page.evaluate((text) => window.__sim.send(text), `Long paste: ${'lorem ipsum '.repeat(21_000)}`);
      await page.waitFor(`document.querySelector('[data-is-streaming="false"]') !== null`);
      await page.evaluate(() => window.__sim.show('capacity-band'));
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      const prompt = 'After a very long conversation';
      await page.evaluate((text) => window.__sim.setComposer(text), prompt);
      const before = simulation.submissionsTo('gemini.google.com').length;
      await page.clickInShadow('#reroute-offer', 'button[data-target="gemini"]');
      const outcome = await eventually(
        () => page.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('[role="status"].outcome')?.textContent ?? ''),
        (text) => text.startsWith('Gemini is open in a new tab'),
      );
      assert.match(outcome, /^Gemini is open in a new tab; your prompt goes in there\. (Your prompt is on your clipboard too\.|Use Copy prompt to keep it\.)$/);
      const delivered = await eventually(() => simulation.submissionsTo('gemini.google.com').slice(before), (list) => list.length > 0);
      assert.deepEqual(delivered.map((s) => s.text), [prompt]);
      // An empty composer and no unanswered message: said, not silently ignored.
      await page.evaluate(() => window.__sim.setComposer(''));
      await page.clickInShadow('#reroute-offer', 'button[data-target="gemini"]');
      await page.waitFor(`document.querySelector('#reroute-offer').shadowRoot.querySelector('.outcome').textContent === "Nothing to send: Claude's message box is empty."`);
      await page.close();
    });

    test('the background stopped mid-delivery: the prompt still lands once, with its notice and its copy for Recover', async () => {
      // ChatGPT's editor mounts 3 s after its page: the background is stopped while the target waits for it,
      // after the tab and its handoff exist. The target's report then wakes a fresh background, which has only
      // storage to go on.
      simulation.setTarget('chatgpt.com', 'slow');
      const page = await openClaude('&show=capacity');
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      const prompt = `Through a restart ${caseNumber}`;
      await page.evaluate((text) => window.__sim.setComposer(text), prompt);
      const before = simulation.submissionsTo('chatgpt.com').length;
      await page.clickInShadow('#reroute-offer', 'button[data-target="chatgpt"]');
      const tab = await browser.tabAt('https://chatgpt.com/');
      await browser.stopBackground();
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 20_000 });
      assert.equal(await tab.evaluate(() => document.querySelector('#reroute-notice').shadowRoot.querySelector('h2').textContent), 'Sent to ChatGPT by Reroute');
      assert.deepEqual(simulation.submissionsTo('chatgpt.com').slice(before).map((s) => s.text), [prompt], 'once, exactly');
      assert.ok((await popupPrompt()).recent.some((text) => text === prompt), 'kept for Recover');
      await page.close();
    });

    test("the browser's storage is full: the prompt is still delivered, and the offer says Recover has no copy", async () => {
      // storage.session (memory: prompts are never written to disk) filled to the browser's own quota, so the
      // browser itself refuses the next write (Firefox enforces one without publishing QUOTA_BYTES: the largest
      // filler that fits is found by halving).
      const fill = () =>
        browser.evaluateInBackground(async () => {
          const session = (globalThis.browser ?? globalThis.chrome).storage.session;
          let [fits, fails] = [0, 16 * 1024 * 1024];
          while (fails - fits > 8) {
            const size = Math.floor((fits + fails) / 2);
            const stored = await session.set({ filler: 'x'.repeat(size) }).then(() => true, () => false);
            if (stored) fits = size;
            else fails = size;
          }
          await session.set({ filler: 'x'.repeat(fits) });
          return fits;
        });
      const empty = () => browser.evaluateInBackground(() => (globalThis.browser ?? globalThis.chrome).storage.session.remove('filler'));
      const page = await openClaude('&show=capacity');
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      const prompt = `Storage full ${caseNumber}`;
      await page.evaluate((text) => window.__sim.setComposer(text), prompt);
      const before = simulation.submissionsTo('chatgpt.com').length;
      await fill();
      try {
        await page.clickInShadow('#reroute-offer', 'button[data-target="chatgpt"]');
        const outcome = await eventually(
          () => page.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('[role="status"].outcome')?.textContent ?? ''),
          (text) => text.startsWith('ChatGPT is open in a new tab'),
        );
        assert.match(outcome, /Reroute couldn't keep a copy for Recover: the browser's storage for extensions is full\.$/);
        const delivered = await eventually(() => simulation.submissionsTo('chatgpt.com').slice(before), (list) => list.length > 0);
        assert.deepEqual(delivered.map((s) => s.text), [prompt]);
      } finally {
        await empty();
      }
      await page.close();
    });

    test('no copy of a prompt outlives its handoff: expired handoffs are swept, claimed or not', async () => {
      const stale = JSON.stringify({ id: 'stale', target: 'chatgpt', prompt: 'an old secret', autoSubmit: true, createdAt: Date.now() - 10 * 60_000 });
      await browser.evaluateInBackground(async (value) => (globalThis.browser ?? globalThis.chrome).storage.session.set({ 'handoff:424242': value }), stale);
      const page = await openClaude('&show=capacity');
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      await page.evaluate(() => window.__sim.setComposer('A fresh prompt'));
      const before = simulation.submissionsTo('chatgpt.com').length;
      await page.clickInShadow('#reroute-offer', 'button[data-target="chatgpt"]');
      await eventually(() => simulation.submissionsTo('chatgpt.com').length, (n) => n > before);
      const left = await eventually(
        () => browser.evaluateInBackground(async () => Object.keys(await (globalThis.browser ?? globalThis.chrome).storage.session.get(null)).filter((key) => key.startsWith('handoff:'))),
        (keys) => keys.length === 0,
      );
      assert.deepEqual(left, [], 'neither the stale handoff nor the delivered one is left');
      await page.close();
    });
  });
}
