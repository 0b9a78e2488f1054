// Back to Claude (issue "Back to Claude"), with the shipped manifests in Chromium and Firefox: a prompt held
// while Claude fails is sent back to claude.ai, exactly, once, when Claude is back; Claude counts as back when
// the status page recovers from an incident it showed, when a reply completes, or when a limit's reset time
// passes (the clock moved in storage, not waited for); Claude failing again puts it back on hold.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

    async function openClaude(query = '', path = '/new') {
      const url = `https://claude.ai${path}?case=hold-${++caseNumber}${query}`;
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
      // Never in the history or its exports.
      const exporter = await browser.openExtensionPage('popup/popup.html');
      const exported = await exporter.evaluate(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const get = async (format) => (await api.runtime.sendMessage({ type: 'history/export', format })).data;
        return [await get('json'), await get('csv')];
      });
      await exporter.close();
      for (const text of exported) assert.ok(!text.includes('Held through the outage'), text.slice(0, 200));
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

    test('a held prompt survives a browser restart (the same profile), and goes to Claude once it is back', async () => {
      const profileDir = mkdtempSync(join(tmpdir(), `reroute-restart-${name}-`));
      let first = await launch(name, simulation, { width: 1100, height: 760, profileDir });
      let second = null;
      try {
        simulation.setClaude('http-500');
        const page = await first.openTab(`https://claude.ai/new?case=hold-${++caseNumber}`);
        await page.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
        await page.evaluate(() => window.__sim.send('This one fails'));
        const prompt = `Held across a restart ${caseNumber}\n\n\tstill exact ✅`;
        await page.waitFor(`!!document.querySelector('#reroute-offer')`);
        await page.evaluate((text) => window.__sim.setComposer(text), prompt);
        await page.clickInShadow('#reroute-offer', 'button[data-action="hold"]');
        await page.waitFor(`document.querySelector('#reroute-offer').shadowRoot.querySelector('.outcome')?.textContent !== ''`);
        await first.close();
        first = null;

        // The browser starts again with the same profile: the prompt is still held, waiting.
        simulation.setClaude('ok');
        second = await launch(name, simulation, { width: 1100, height: 760, profileDir });
        const popup = async () => {
          const view = await second.openExtensionPage('popup/popup.html');
          try {
            await view.waitFor(`document.querySelector('#held-list')?.dataset.loaded === 'true'`);
            return await view.evaluate(() => [...document.querySelectorAll('#held-list li')].map((li) => [li.querySelector('.line').title, li.dataset.stage]));
          } finally {
            await view.close();
          }
        };
        assert.deepEqual(await popup(), [[prompt, 'waiting']]);
        // A reply completes: Claude is back, and the prompt goes, exactly.
        const other = await second.openTab(`https://claude.ai/new?case=hold-${++caseNumber}`);
        await other.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
        await other.evaluate(() => window.__sim.send('Back?'));
        assert.deepEqual(await eventually(popup, (list) => list[0]?.[1] === 'ready'), [[prompt, 'ready']]);
        const before = simulation.submissionsTo('claude.ai').length;
        const sender = await second.openExtensionPage('popup/popup.html');
        await sender.waitFor(`!!document.querySelector('#held-list button[data-action="send"]')`);
        await sender.click('#held-list button[data-action="send"]');
        await sender.close();
        assert.deepEqual(await eventually(() => toClaude(before), (list) => list.length > 0), [prompt]);
      } finally {
        await first?.close();
        await second?.close();
        rmSync(profileDir, { recursive: true, force: true });
      }
    });

    test('a reply completing in any claude.ai tab brings Claude back; failing again there puts the prompt back on hold', async () => {
      simulation.setClaude('http-500');
      // In a conversation: the prompt goes back to it.
      const conversation = `/chat/0d3f6a1c-held-${caseNumber + 1}`;
      const page = await openClaude('', conversation);
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
      const inConversation = await browser.evaluateInBackground(
        async (path) => (await (globalThis.browser ?? globalThis.chrome).tabs.query({ url: `https://claude.ai${path}*` })).length,
        conversation,
      );
      assert.equal(inConversation, 2, 'sent from a second tab in the conversation it came from');
      const [again] = await eventually(() => heldInPopup(), (list) => list[0]?.stage === 'waiting');
      assert.equal(again.text, prompt, 'back on hold');
      await page.close();
    });

    test('the popup shows the usage Claude reported: each reply\'s windows, then a refusal\'s reached limit', async () => {
      const page = await openClaude();
      await page.evaluate(() => window.__sim.send('How much have I used?'));
      await page.waitFor(`document.querySelector('[data-is-streaming="false"]') !== null`);
      const usage = async () => {
        const popup = await browser.openExtensionPage('popup/popup.html');
        try {
          await popup.waitFor(`document.querySelector('#held-list')?.dataset.loaded === 'true'`);
          return await popup.evaluate(() => ({
            shown: !document.querySelector('#usage').hidden,
            lines: Object.fromEntries([...document.querySelectorAll('#usage-lines li')].map((li) => [li.dataset.window, li.textContent])),
            age: document.querySelector('#usage-age').textContent,
          }));
        } finally {
          await popup.close();
        }
      };
      // The reply's message_limit: 10 % of the 5-hour window, 3 % of the 7-day one (the simulation's).
      let seen = await eventually(usage, (view) => view.shown);
      assert.match(seen.lines['5h'], /^5-hour window: 10 % used, resets \S/);
      assert.match(seen.lines['7d'], /^7-day window: 3 % used, resets \S/);
      assert.equal(seen.age, 'As your last reply reported it, just now.');

      // Refused with the 429's JSON: the 5-hour limit is reached (its stale percentage is not taken).
      simulation.setClaude('limit-429');
      await page.evaluate(() => window.__sim.send('And now?'));
      seen = await eventually(usage, (view) => view.lines['5h']?.includes('limit reached'));
      assert.match(seen.lines['5h'], /^5-hour window: limit reached, resets \S/);
      assert.match(seen.lines['7d'], /^7-day window: 3 % used/, 'a window the refusal does not name keeps its figure');
      await page.close();
    });

    test('is it me: since when it fails for you while the status page is green; how late the status page was, once it caught up', async () => {
      await browser.evaluateInBackground(() => (globalThis.browser ?? globalThis.chrome).storage.local.remove('history'));
      const page = await openClaude('&show=capacity');
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`!document.querySelector('#tab-since').hidden`);
      assert.match(
        await popup.text('#tab-since'),
        /^Failing for you since \S.*\. The status page still says all is well: it reports incidents late, and capacity errors never\.$/,
      );
      await popup.close();

      // The status page acknowledges an incident. Move the clock: the first failure Reroute saw is put 7 minutes
      // before the acknowledgment in the stored history (waiting 7 minutes would prove nothing more).
      await switchStatus(browser, simulation, 'major-outage', 'DOWN');
      try {
        const history = await eventually(
          () => browser.evaluateInBackground(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('history')).history ?? null),
          (stored) => stored !== null && JSON.parse(stored).events.some((event) => event.kind === 'incident'),
        );
        const log = JSON.parse(history);
        const incident = log.events.find((event) => event.kind === 'incident');
        const down = log.events.find((event) => event.kind === 'down');
        assert.equal(down.cause, 'outage', 'the spell began with failures Reroute saw, before the status page');
        down.at = incident.at - 7 * 60_000;
        await browser.evaluateInBackground((value) => (globalThis.browser ?? globalThis.chrome).storage.local.set({ history: value }), JSON.stringify(log));

        const options = await browser.openExtensionPage('options/options.html');
        await options.waitFor(`document.querySelectorAll('#history-lags li').length > 0`);
        assert.equal(await options.text('#history-lags li'), `Status page acknowledged “${incident.name}” 7 min after your first failure.`);
        assert.equal(await options.text('#history-median'), 'Over 30 days, the status page acknowledged incidents a median 7 min after Reroute saw them fail for you (1 incidents).');
        const csv = await options.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'history/export', format: 'csv' })).data);
        assert.ok(csv.split('\n').some((row) => row.includes(',incident,') && row.endsWith(',7')), csv);
        await options.close();
      } finally {
        await switchStatus(browser, simulation, 'operational', '');
      }
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
      // Deleted from the popup: gone.
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`!!document.querySelector('#held-list button[data-action="remove"]')`);
      await popup.click('#held-list button[data-action="remove"]');
      await popup.waitFor(`document.querySelector('#held-result').textContent === 'Deleted.'`);
      await popup.close();
      assert.deepEqual(await heldInPopup(), []);
      await page.close();
    });
  });
}
