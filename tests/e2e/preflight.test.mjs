// A target that can't take the prompt (issue "Back to Claude", part 4), with the shipped manifests in Chromium and
// Firefox: a login wall, Cloudflare's bot check and the target's own usage limit are each told apart, on the
// target's notice and on its button, with nothing sent there (and its error screen, on Gemini); with "try the next target" on, the same prompt
// moves to the next target in the user's order by itself, exactly once, and never back.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, startSimulation } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

const CASES = [
  { mode: 'login', title: 'Sign in to ChatGPT first', chip: 'sign-in needed' },
  { mode: 'challenge', title: 'ChatGPT is checking your browser', chip: 'bot check' },
  { mode: 'limit', title: 'Your ChatGPT limit is reached', chip: 'limit reached' },
];

for (const name of browsersFor(simulation)) {
  describe(`${name}: a target that can't take the prompt`, () => {
    let browser;
    let claude;

    before(async () => {
      simulation.setClaude('ok');
      browser = await launch(name, simulation, { width: 1100, height: 760 });
      claude = await browser.openTab('https://claude.ai/new?show=capacity&case=preflight');
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
    });
    after(() => browser?.close());
    afterEach(async () => {
      simulation.setTarget('chatgpt.com', 'ok');
      simulation.setTarget('gemini.google.com', 'ok');
      for (const url of ['https://chatgpt.com/', 'https://gemini.google.com/']) {
        for (let tab = await browser.tabAt(url, { timeout: 0 }); tab; tab = await browser.tabAt(url, { timeout: 0 })) await tab.close();
      }
    });

    /** The notice on the target's tab: its title and body. */
    async function noticeOn(url) {
      const tab = await browser.tabAt(url);
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 25_000 });
      return tab.evaluate(() => {
        const root = document.querySelector('#reroute-notice').shadowRoot;
        return { title: root.querySelector('h2').textContent, body: root.querySelector('p').textContent };
      });
    }
    const offerButton = (target) =>
      claude.evaluate((id) => document.querySelector('#reroute-offer').shadowRoot.querySelector(`button[data-target="${id}"]`)?.textContent ?? '', target);
    async function setTryNext(on) {
      const page = await browser.openExtensionPage('popup/popup.html');
      await page.evaluate(async (value) => {
        const api = globalThis.browser ?? globalThis.chrome;
        const { data } = await api.runtime.sendMessage({ type: 'settings/get' });
        await api.runtime.sendMessage({ type: 'settings/set', settings: { ...data.settings, tryNextTarget: value } });
      }, on);
      await page.close();
    }

    test('a login wall, a bot check and its own limit are each named on the notice and the button; nothing is sent there', async () => {
      for (const { mode, title, chip } of CASES) {
        simulation.setTarget('chatgpt.com', mode);
        const sent = simulation.submissionsTo('chatgpt.com').length;
        await claude.evaluate((text) => window.__sim.setComposer(text), `Preflight ${mode}`);
        await claude.clickInShadow('#reroute-offer', 'button[data-target="chatgpt"]');
        const notice = await noticeOn('https://chatgpt.com/');
        assert.equal(notice.title, title, mode);
        assert.match(notice.body, /Reroute didn't send anything/, mode);
        assert.equal(await eventually(() => offerButton('chatgpt'), (text) => text.includes(chip)), `Send to ChatGPT ${chip}`);
        assert.equal(simulation.submissionsTo('chatgpt.com').length, sent, `${mode}: nothing sent`);
        for (let tab = await browser.tabAt('https://chatgpt.com/', { timeout: 0 }); tab; tab = await browser.tabAt('https://chatgpt.com/', { timeout: 0 })) await tab.close();
      }
    });

    test('"try the next target" on: the prompt moves to the next target by itself, once, and never back', async () => {
      await setTryNext(true);
      try {
        simulation.setTarget('chatgpt.com', 'challenge');
        const prompt = 'Moved on by itself\n\n  exactly once ✅';
        const [toChatgpt, toGemini] = [simulation.submissionsTo('chatgpt.com').length, simulation.submissionsTo('gemini.google.com').length];
        await claude.evaluate((text) => window.__sim.setComposer(text), prompt);
        await claude.clickInShadow('#reroute-offer', 'button[data-target="chatgpt"]');
        const notice = await noticeOn('https://chatgpt.com/');
        assert.equal(notice.title, 'ChatGPT is checking your browser');
        assert.match(notice.body, /Your prompt went to Gemini instead/);
        const landed = await eventually(() => simulation.submissionsTo('gemini.google.com').slice(toGemini), (list) => list.length > 0);
        assert.deepEqual(landed.map((submission) => submission.text), [prompt]);
        assert.equal(simulation.submissionsTo('chatgpt.com').length, toChatgpt);

        // Both walled: ChatGPT moves it to Gemini, Gemini has nowhere left to move it (ChatGPT was tried): it stops there.
        for (let tab = await browser.tabAt('https://gemini.google.com/', { timeout: 0 }); tab; tab = await browser.tabAt('https://gemini.google.com/', { timeout: 0 })) await tab.close();
        simulation.setTarget('gemini.google.com', 'login');
        const second = 'Nowhere to go';
        const geminiBefore = simulation.submissionsTo('gemini.google.com').length;
        await claude.evaluate((text) => window.__sim.setComposer(text), second);
        await claude.clickInShadow('#reroute-offer', 'button[data-target="chatgpt"]');
        const last = await noticeOn('https://gemini.google.com/');
        assert.equal(last.title, 'Sign in to Gemini first');
        assert.doesNotMatch(last.body, /went to/, 'no third target, no loop');
        const tabs = await browser.evaluateInBackground(async () => (await (globalThis.browser ?? globalThis.chrome).tabs.query({})).map((tab) => tab.url));
        assert.equal(tabs.filter((url) => url?.startsWith('https://chatgpt.com/')).length, 2, 'ChatGPT opened once per prompt, never again');
        assert.equal(simulation.submissionsTo('gemini.google.com').length, geminiBefore);
      } finally {
        await setTryNext(false);
      }
    });

    // Last: it leaves Gemini marked down for 15 minutes, which the test above must not meet.
    test("the target's error screen in place of its composer: named, with its words, and nothing sent", async () => {
      simulation.setTarget('gemini.google.com', 'error-screen');
      const sent = simulation.submissionsTo('gemini.google.com').length;
      await claude.evaluate((text) => window.__sim.setComposer(text), 'Preflight error screen');
      await claude.clickInShadow('#reroute-offer', 'button[data-target="gemini"]');
      const notice = await noticeOn('https://gemini.google.com/');
      assert.equal(notice.title, 'Gemini shows an error');
      assert.match(notice.body, /^Gemini shows “Something went wrong \(500\)\. Please try again later\.” instead of its message box/);
      assert.equal(await eventually(() => offerButton('gemini'), (text) => text.includes('error')), 'Send to Gemini error');
      assert.equal(simulation.submissionsTo('gemini.google.com').length, sent);
    });
  });
}
