// Back to Claude (issue "Back to Claude"), with the shipped manifests in Chromium and Firefox: a prompt held
// while Claude fails is sent back to claude.ai, exactly, once, when Claude is back; Claude counts as back when
// the status page recovers from an incident it showed, when a reply completes, or when a limit's reset time
// passes (the clock moved in storage, not waited for); Claude failing again puts it back on hold.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, startSimulation, switchStatus } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

let caseNumber = 0;
const KEPT = 'Kept for Claude: Reroute tells you when Claude is back, and sends it from there in one click.';

for (const name of browsersFor(simulation)) {
  describe(`${name}: holding a prompt until Claude is back`, () => {
    let browser;

    before(async () => {
      simulation.setStatus('operational');
      simulation.setClaude('ok');
      simulation.setClaudePage({ markup: 'late-2026', lang: 'en', extension: 'none', challenge: false });
      browser = await launch(name, simulation, { width: 1100, height: 760 });
      await eventually(() => browser.badge(), (badge) => badge.title.includes('operational'));
    });
    after(() => browser?.close());
    afterEach(async () => {
      simulation.setClaude('ok');
      // Nothing held carries over to the next test.
      await browser.evaluateInBackground(() => (globalThis.browser ?? globalThis.chrome).storage.local.remove('heldPrompts'));
      for (let tab = await browser.tabAt('https://claude.ai/', { timeout: 0 }); tab; tab = await browser.tabAt('https://claude.ai/', { timeout: 0 })) {
        await tab.close();
      }
    });

    async function openClaude(query = '') {
      const url = `https://claude.ai/new?case=hold-${++caseNumber}${query}`;
      const page = await browser.openTab(url);
      await page.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
      return page;
    }

    /** Holds `prompt` from the in-page offer, as a user does, and checks what the offer says. */
    async function holdFromOffer(page, prompt) {
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      await page.evaluate((text) => window.__sim.setComposer(text), prompt);
      await page.clickInShadow('#reroute-offer', 'button[data-action="hold"]');
      const said = await eventually(
        () => page.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('.outcome')?.textContent ?? ''),
        (text) => text !== '',
      );
      assert.equal(said, KEPT);
    }

    /** The popup's list of held prompts, once drawn: each one's full text, stage and buttons' names. */
    async function heldInPopup(popup) {
      const own = !popup;
      popup ??= await browser.openExtensionPage('popup/popup.html');
      try {
        await popup.waitFor(`document.querySelector('#held-list')?.dataset.loaded === 'true'`);
        return await popup.evaluate(() =>
          [...document.querySelectorAll('#held-list li')].map((item) => ({
            text: item.querySelector('.line').title,
            stage: item.dataset.stage,
            buttons: [...item.querySelectorAll('button')].map((button) => button.getAttribute('aria-label')),
          })),
        );
      } finally {
        if (own) await popup.close();
      }
    }
    const notified = () =>
      browser.evaluateInBackground(async () => ((await (globalThis.browser ?? globalThis.chrome).storage.session.get('notified')).notified ?? []).map((n) => n.kind));
    const toClaude = (from) => simulation.submissionsTo('claude.ai').slice(from).map((submission) => submission.text);

    test('held during an outage the status page shows; back when it recovers; "Send to Claude" from two popups sends it once, exactly', async () => {
      await switchStatus(browser, simulation, 'major-outage', 'DOWN');
      const page = await openClaude('&show=capacity');
      const prompt = `Held through the outage ${caseNumber}\n\n  indented, «quoted» & ✅\n`;
      await holdFromOffer(page, prompt);
      let held = await heldInPopup();
      assert.deepEqual(held.map(({ text, stage }) => [text, stage]), [[prompt, 'waiting']]);
      assert.ok(!held[0].buttons.some((label) => label.startsWith('Send to Claude')), 'nothing to send while Claude is down');
      await page.close();

      const before = simulation.submissionsTo('claude.ai').length;
      const shownBefore = (await notified()).filter((kind) => kind === 'held-back').length;
      await switchStatus(browser, simulation, 'operational', '');
      held = await eventually(() => heldInPopup(), (list) => list[0]?.stage === 'ready');
      assert.ok(held[0].buttons.some((label) => label.startsWith('Send to Claude')), JSON.stringify(held[0].buttons));
      const backs = async () => (await notified()).filter((kind) => kind === 'held-back').length;
      assert.equal(await eventually(backs, (count) => count > shownBefore), shownBefore + 1, `"Claude is back", once: ${JSON.stringify(await notified())}`);

      // Two popups open, a click in each at once: one sends, the other is told it is on its way.
      const popups = [await browser.openExtensionPage('popup/popup.html'), await browser.openExtensionPage('popup/popup.html')];
      for (const popup of popups) await popup.waitFor(`!!document.querySelector('#held-list button[data-action="send"]')`);
      await Promise.all(popups.map((popup) => popup.evaluate(() => document.querySelector('#held-list button[data-action="send"]').click())));
      const said = await Promise.all(
        popups.map((popup) => eventually(() => popup.text('#held-result'), (text) => text !== '')),
      );
      assert.deepEqual(said.sort(), ['Already on its way to Claude.', 'Opening Claude with your prompt…']);
      for (const popup of popups) await popup.close();

      const claude = await browser.tabAt('https://claude.ai/new');
      await claude.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 20_000 });
      assert.deepEqual(await eventually(() => toClaude(before), (list) => list.length > 0), [prompt], 'exactly the held prompt');
      // Answered there: it is held no more, and nothing else went.
      assert.deepEqual(await eventually(() => heldInPopup(), (list) => list.length === 0), []);
      assert.deepEqual(toClaude(before), [prompt], 'once');
    });

    test('a reply completing in any claude.ai tab brings Claude back; failing again there puts the prompt back on hold', async () => {
      simulation.setClaude('http-500');
      const page = await openClaude();
      await page.evaluate(() => window.__sim.send('This one fails'));
      const prompt = `Held after a failed reply ${caseNumber}`;
      await holdFromOffer(page, prompt);

      // Another message goes through: Claude is back.
      simulation.setClaude('ok');
      await page.evaluate(() => window.__sim.send('Are you there?'));
      const [ready] = await eventually(() => heldInPopup(), (list) => list[0]?.stage === 'ready');
      assert.equal(ready.text, prompt);

      // Sent back, and Claude fails again in that tab: held again, nothing lost.
      simulation.setClaude('http-500');
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`!!document.querySelector('#held-list button[data-action="send"]')`);
      const before = simulation.submissionsTo('claude.ai').length;
      await popup.click('#held-list button[data-action="send"]');
      await popup.close();
      assert.deepEqual(await eventually(() => toClaude(before), (list) => list.length > 0), [prompt]);
      const [again] = await eventually(() => heldInPopup(), (list) => list[0]?.stage === 'waiting');
      assert.equal(again.text, prompt, 'back on hold');
      await page.close();
    });

    test("a limit's reset time passing brings Claude back (the clock moved, not waited for)", async () => {
      simulation.setClaude('limit-429');
      const page = await openClaude();
      await page.evaluate(() => window.__sim.send('Over the limit'));
      await page.waitFor(`document.querySelector('#reroute-offer')?.dataset.verdict === 'limit'`);
      const prompt = `Held until the limit resets ${caseNumber}`;
      await holdFromOffer(page, prompt);
      const [waiting] = await heldInPopup();
      assert.equal(waiting.stage, 'waiting');
      // The limit resets in 3 hours (the 429's resetsAt): Reroute's alarm is set for it. Move the clock: the
      // stored reset time is put in the past, and the alarm fires as it would have.
      const alarm = await browser.evaluateInBackground(async () => (await (globalThis.browser ?? globalThis.chrome).alarms.get('hold-limit-reset'))?.scheduledTime ?? null);
      assert.ok(alarm > Date.now() + 2.5 * 3600_000 && alarm < Date.now() + 3.5 * 3600_000, `alarm at the reset: ${alarm}`);
      await browser.evaluateInBackground(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const { heldPrompts } = await api.storage.local.get('heldPrompts');
        const stored = JSON.parse(heldPrompts);
        for (const held of stored.held) held.resetsAt = Date.now() - 1000;
        await api.storage.local.set({ heldPrompts: JSON.stringify(stored) });
        await api.alarms.create('hold-limit-reset', { when: Date.now() });
      });
      const [ready] = await eventually(() => heldInPopup(), (list) => list[0]?.stage === 'ready');
      assert.equal(ready.text, prompt);
      await page.close();
    });
  });
}
