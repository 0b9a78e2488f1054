// The targets' own health, in Chromium and Firefox with the shipped manifests: when ChatGPT's status page says
// it is down, Gemini comes first in the in-page offer and the popup, and ChatGPT says why; Gemini's status
// feed needs an optional permission that is asked for only when the user turns it on.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, sleep, startSimulation } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());
const GOOGLE_FEED = '/appsstatus/dashboard/incidents.json';
const feedReads = () => simulation.requestsTo('www.google.com', GOOGLE_FEED).map((request) => request.path);

for (const name of browsersFor(simulation)) {
  describe(`${name}: target health`, () => {
    let browser;
    let caseNumber = 0;

    before(async () => {
      simulation.setClaude('ok');
      // One simulation serves both browsers in turn: what the one before read is not this one's doing.
      simulation.requests.splice(0);
      browser = await launch(name, simulation, { width: 1000, height: 800 });
    });
    after(() => browser?.close());
    afterEach(async () => {
      simulation.setTargetStatus('status.openai.com', 'ok');
      simulation.setTargetStatus('www.google.com', 'ok');
      await forgetHealth();
    });

    /** Forgets what was learnt, once any check still in flight has landed, so a test starts from fresh checks. */
    async function forgetHealth() {
      await sleep(500);
      const page = await browser.openExtensionPage('options/options.html');
      await page.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.remove('targetHealth'));
      await page.close();
    }

    const offerButtons = (tab) =>
      tab.evaluate(() =>
        [...(document.querySelector('#reroute-offer')?.shadowRoot.querySelectorAll('button[data-target]') ?? [])].map(
          (b) => `${b.dataset.target}:${b.dataset.health}${b.classList.contains('primary') ? '*' : ''}`,
        ),
      );

    test("ChatGPT's status page says it is down: Gemini comes first, and ChatGPT says why", async () => {
      simulation.setTargetStatus('status.openai.com', 'down');
      const claude = await browser.openTab(`https://claude.ai/new?show=capacity&case=health-${++caseNumber}`);
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
      const offer = await eventually(() => offerButtons(claude), (buttons) => buttons[0]?.startsWith('gemini'));
      assert.deepEqual(offer, ['gemini:unknown*', 'chatgpt:down']);
      const title = await claude.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('button[data-target="chatgpt"]').title);
      assert.equal(title, 'OpenAI: Elevated errors for ChatGPT conversations');
      assert.ok(simulation.requestsTo('status.openai.com', '/api/v2/summary.json').length >= 1);
      assert.deepEqual(feedReads(), [], "Gemini's feed is not read without the user's permission");

      // The popup shows the same order and the reason in words.
      const popupPage = await browser.openExtensionPage('popup/popup.html');
      await popupPage.waitFor(`document.querySelectorAll('#targets button').length === 2`);
      const shown = await popupPage.evaluate(() => ({
        buttons: [...document.querySelectorAll('#targets button')].map((b) => `${b.dataset.target}:${b.dataset.health}${b.classList.contains('primary') ? '*' : ''}`),
        reasons: [...document.querySelectorAll('#target-health li')].map((li) => li.textContent),
      }));
      await popupPage.close();
      assert.deepEqual(shown, { buttons: ['gemini:unknown*', 'chatgpt:down'], reasons: ['OpenAI: Elevated errors for ChatGPT conversations'] });
      await claude.close();
    });

    test('a target that showed its own error after a reroute goes last, and when everything is down the offer says so', async () => {
      simulation.setTargetStatus('status.openai.com', 'down');
      simulation.setTarget('gemini.google.com', 'error');
      // Gemini's error mode is undone however this ends: the tests after it deliver to Gemini.
      try {
        await forgetHealth();
        const claude = await browser.openTab(`https://claude.ai/new?show=capacity&case=health-${++caseNumber}`);
        await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
        assert.deepEqual(await eventually(() => offerButtons(claude), (buttons) => buttons[0]?.startsWith('gemini')), ['gemini:unknown*', 'chatgpt:down']);
        await claude.evaluate(() => window.__sim.setComposer('Gemini will show its error'));
        const count = simulation.submissionsTo('gemini.google.com').length;
        await claude.clickInShadow('#reroute-offer', 'button[data-target="gemini"]');
        await eventually(() => simulation.submissionsTo('gemini.google.com'), (list) => list.length > count, { timeout: 20_000 });
        const offer = await eventually(() => offerButtons(claude), (buttons) => buttons.every((b) => b.includes(':down')), { timeout: 15_000 });
        assert.deepEqual(offer, ['chatgpt:down', 'gemini:down'], 'both down: the user order stands, nothing is primary');
        const allDown = await claude.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('.all-down').textContent);
        assert.equal(allDown, 'Your other assistants are failing too. Your prompt is safe: copy it and try again later.');
        const gemini = await browser.tabAt('https://gemini.google.com/');
        await gemini?.close();
        await claude.close();
      } finally {
        simulation.setTarget('gemini.google.com', 'ok');
      }
    });

    test("Gemini's status: an optional permission, not granted at install; refused, nothing is read; granted, the feed is read", async () => {
      const options = await browser.openExtensionPage('options/options.html');
      await options.waitFor(`document.querySelectorAll('#targets li').length > 0`);
      assert.equal(await options.evaluate(() => document.querySelector('#gemini-status').checked), false);
      const granted = () =>
        options.evaluate(() => (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: ['https://www.google.com/appsstatus/*'] }));
      assert.equal(await granted(), false);

      // Refused: unchecked, nothing read.
      await browser.answerPermissionPrompt('no', 'https://www.google.com/appsstatus/*', () => options.click('#gemini-status'));
      const refused = await eventually(() => options.text('#saved'), (text) => /Gemini's status/.test(text), { timeout: 8000 });
      assert.equal(refused, "Gemini's status won't be checked.");
      assert.equal(await options.evaluate(() => document.querySelector('#gemini-status').checked), false);
      assert.equal(await granted(), false);
      assert.deepEqual(feedReads(), []);

      await browser.answerPermissionPrompt('yes', 'https://www.google.com/appsstatus/*', () => options.click('#gemini-status'));
      const outcome = await eventually(() => options.text('#saved'), (text) => /will check/.test(text), { timeout: 8000 });
      assert.equal(outcome, "Reroute will check Gemini's status.");
      assert.equal(await granted(), true);
      simulation.setTargetStatus('www.google.com', 'down');
      const claude = await browser.openTab(`https://claude.ai/new?show=capacity&case=health-${++caseNumber}`);
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
      const offer = await eventually(() => offerButtons(claude), (buttons) => buttons.includes('gemini:down'));
      assert.deepEqual(offer, ['chatgpt:ok*', 'gemini:down']);
      assert.ok(simulation.requestsTo('www.google.com', GOOGLE_FEED).length >= 1);
      // Turned off again: the permission goes.
      await options.click('#gemini-status');
      await eventually(granted, (value) => value === false);
      await sleep(100);
      await options.close();
      await claude.close();
    });
  });
}
