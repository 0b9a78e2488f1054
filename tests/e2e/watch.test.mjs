// Notifications and history, in Chromium and Firefox with the shipped manifests: Claude failing on a
// claude.ai tab raises one notification, recovering raises "Claude is back", the switch silences both, and
// the history (strip, export, clear) records what happened without any prompt text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, sleep, startSimulation, switchStatus } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

for (const name of browsersFor(simulation)) {
  describe(`${name}: notifications and history`, () => {
    let browser;
    let page; // an extension page, to read Reroute's own state
    let caseNumber = 0;

    before(async () => {
      simulation.setStatus('operational');
      simulation.setClaude('ok');
      browser = await launch(name, simulation, { width: 1000, height: 800 });
      page = await browser.openExtensionPage('popup/popup.html');
    });
    after(() => browser?.close());

    const inExtension = (source, ...args) => page.evaluate(source, ...args);
    /** The notifications Reroute showed (kinds and titles, as it logged them), and those the browser holds. */
    const notified = () =>
      inExtension(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const { notified } = await api.storage.session.get('notified');
        return { log: notified ?? [], open: Object.keys(await api.notifications.getAll()) };
      });
    const reset = () =>
      inExtension(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        await api.storage.session.remove(['notified', 'failingTabs']);
        await api.storage.local.remove(['watch', 'history']);
        await api.storage.sync.remove('settings');
      });
    const setNotifications = (enabled) =>
      inExtension(async (notifications) => {
        const api = globalThis.browser ?? globalThis.chrome;
        const { data } = await api.runtime.sendMessage({ type: 'settings/get' });
        await api.runtime.sendMessage({ type: 'settings/set', settings: { ...data.settings, notifications } });
      }, enabled);

    async function failingClaudeTab() {
      simulation.setClaude('http-529');
      const tab = await browser.openTab(`https://claude.ai/new?case=watch-${++caseNumber}`);
      await tab.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
      await tab.evaluate(() => window.__sim.send('Hello?'));
      await tab.waitFor(`!!document.querySelector('#reroute-offer')`);
      return tab;
    }
    async function recover(tab) {
      simulation.setClaude('ok');
      await tab.evaluate(() => window.__sim.send('Trying again'));
      await tab.waitFor(`document.querySelector('#reroute-offer') === null`);
    }

    test('Claude failing, then back: one notification per transition, in the browser and in the history', async () => {
      await reset();
      const tab = await failingClaudeTab();
      let seen = await eventually(notified, (n) => n.log.length === 1);
      assert.deepEqual(seen.log.map((n) => n.kind), ['down']);
      assert.match(seen.log[0].title, /Claude/);
      // Headless Firefox has no desktop to show notifications on: it closes them at once, so only Chromium can
      // show what the browser holds.
      if (name === 'chrome') assert.deepEqual(seen.open, ['reroute-down'], 'the browser holds the notification');
      // More failures on the same spell: nothing new.
      await tab.evaluate(() => window.__sim.send('Still there?'));
      // Taken: the verdict now counts both failures (the watcher looked at it on the way).
      await tab.waitFor(`document.querySelector('#reroute-offer')?.shadowRoot.textContent.includes('last 2 replies')`);
      assert.equal((await notified()).log.length, 1);

      await recover(tab);
      seen = await eventually(notified, (n) => n.log.length === 2);
      assert.deepEqual(seen.log.map((n) => [n.kind, n.title]), [['down', seen.log[0].title], ['back', 'Claude is back']]);
      if (name === 'chrome') assert.deepEqual(seen.open, ['reroute-back'], '"back" replaces "down"');
      await sleep(1000);
      assert.equal((await notified()).log.length, 2, 'never more than one per transition');

      // The history holds both transitions; its exports hold no prompt text.
      const csv = await inExtension(async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'history/export', format: 'csv' })).data);
      const rows = csv.trim().split('\n');
      assert.equal(rows[0], 'time,event,detail,outcome,status_page_lag_minutes');
      assert.deepEqual(rows.slice(1).map((row) => row.split(',')[1]), ['down', 'back']);
      assert.match(rows[1], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,down,errors,,$/);
      const json = await inExtension(async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'history/export', format: 'json' })).data);
      assert.deepEqual(JSON.parse(json).events.map((event) => event.kind), ['down', 'back']);
      for (const text of ['Hello?', 'Still there?', 'Trying again']) assert.ok(!csv.includes(text) && !json.includes(text));
      await tab.close();
    });

    test('the switch in the options turns notifications off; the history still records', async () => {
      await reset();
      await setNotifications(false);
      // Restored however this ends: a later test must not inherit notifications switched off.
      try {
        const history = () =>
          inExtension(async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'history/export', format: 'json' })).data);
        const tab = await failingClaudeTab();
        await eventually(history, (json) => JSON.parse(json).events.length === 1);
        await recover(tab);
        // Both transitions reached the history (the point where a notification would have been raised), so the
        // absence below is of a notification, not of a transition not yet seen.
        const events = JSON.parse(await eventually(history, (json) => JSON.parse(json).events.length === 2)).events;
        assert.deepEqual(events.map((event) => event.kind), ['down', 'back'], 'the history still records');
        assert.deepEqual((await notified()).log, []);
        await tab.close();
      } finally {
        await setNotifications(true);
      }
    });

    test('the status page alone: an outage notifies, its incident is logged once; a quick second spell is logged, not notified; the strip shows it all', async () => {
      await reset();
      await switchStatus(browser, simulation, 'major-outage', 'DOWN');
      let seen = await eventually(notified, (n) => n.log.length === 1);
      assert.equal(seen.log[0].title, "Claude's status page reports an outage");
      await switchStatus(browser, simulation, 'operational', '');
      seen = await eventually(notified, (n) => n.log.length === 2);
      assert.equal(seen.log[1].title, 'Claude is back');

      // A reroute is recorded too (target and outcome only).
      const claude = await browser.openTab('https://claude.ai/new?show=capacity&case=strip');
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
      await claude.evaluate(() => window.__sim.setComposer('Rerouted, never logged'));
      const count = simulation.submissionsTo('gemini.google.com').length;
      await claude.clickInShadow('#reroute-offer', 'button[data-target="gemini"]');
      await eventually(() => simulation.submissionsTo('gemini.google.com'), (list) => list.length > count, { timeout: 20_000 });
      const gemini = await browser.tabAt('https://gemini.google.com/');
      await gemini.close();

      const exported = () =>
        inExtension(async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'history/export', format: 'json' })).data);
      await eventually(exported, (json) => JSON.parse(json).events.some((event) => event.kind === 'reroute'));
      const options = await browser.openExtensionPage('options/options.html');
      await options.waitFor(`!!document.querySelector('#history-strip svg')`);
      const strip = await options.evaluate(() => {
        const chart = document.querySelector('#history-strip svg');
        const today = [...chart.querySelectorAll('rect.day')].at(-1);
        return {
          headline: document.querySelector('#history-headline').textContent,
          days: chart.querySelectorAll('rect.day').length,
          incidents: chart.querySelectorAll('circle.incident').length,
          today: today.getAttribute('class'),
          tip: today.querySelector('title').textContent,
          label: chart.querySelector(':scope > title').textContent,
        };
      });
      // The history was just cleared: the figure is over what Reroute watched, and says so.
      assert.match(strip.headline, /^Claude as you saw it: \d+(\.\d)? % since Reroute started watching$/);
      assert.equal(strip.days, 30);
      assert.equal(strip.incidents, 1);
      assert.match(strip.today, /day (some|down)/);
      assert.match(strip.tip, /status page: .+; prompts rerouted: 1/);
      const json = JSON.parse(await options.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'history/export', format: 'json' })).data));
      // The capacity error on claude.ai was a second spell: logged, but within 10 minutes of the last "down"
      // notification, so not notified again.
      assert.deepEqual(json.events.map((event) => event.kind), ['incident', 'down', 'back', 'down', 'reroute']);
      assert.equal((await notified()).log.length, 2);
      assert.deepEqual(json.events.at(-1), { ...json.events.at(-1), target: 'gemini', outcome: 'submitted' });
      assert.ok(!JSON.stringify(json).includes('Rerouted, never logged'));

      // One button clears it.
      await options.click('#clear-history');
      await options.waitFor(`document.querySelector('#history-status').textContent === 'History cleared.'`);
      const cleared = await options.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'history/export', format: 'json' })).data);
      assert.deepEqual(JSON.parse(cleared).events, []);
      await options.close();
      await claude.close();
    });

    test('the popup shows the 7-day strip with its headline', async () => {
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`!!document.querySelector('#history-strip svg')`);
      assert.equal(await popup.evaluate(() => document.querySelectorAll('#history-strip rect.day').length), 7);
      assert.match(await popup.text('#history-headline'), /^Claude as you saw it: \d+(\.\d)? % since Reroute started watching$/);
      await popup.close();
    });
  });
}
