// The options page, in Chromium and Firefox with the shipped manifests: what the user sets is stored in
// storage.sync under a versioned schema, survives a reload, and changes what the popup and the in-page offer
// show; corrupt or old settings are repaired or migrated with a visible notice, and never break Reroute.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, startSimulation } from './browsers.mjs';

/** The targets a fresh install lists but leaves off (each asks for its own site when turned on). */
const OFF_AT_INSTALL = ['perplexity:false', 'lechat:false', 'deepseek:false', 'copilot:false', 'grok:false'];
const simulation = await startSimulation('operational');
after(() => simulation.close());

/** Exactly what Reroute 0.1 stored (schema version 1: no version field). */
const VERSION_1 = JSON.stringify({ defaultTarget: 'gemini', autoSubmit: false, context: { include: true, maxTurns: 2, maxChars: 900 } });

for (const name of browsersFor(simulation)) {
  describe(`${name}: options`, () => {
    let browser;

    before(async () => {
      simulation.setClaude('ok');
      browser = await launch(name, simulation, { width: 900, height: 800 });
    });
    after(() => browser?.close());

    /** Writes `value` as the stored settings (a string, as Reroute stores them), or removes them. */
    async function storeRaw(value) {
      const page = await browser.openExtensionPage('popup/popup.html');
      await page.evaluate(async (stored) => {
        const api = globalThis.browser ?? globalThis.chrome;
        if (stored === null) await api.storage.sync.remove('settings');
        else await api.storage.sync.set({ settings: stored });
      }, value);
      await page.close();
    }

    async function storedSettings(page) {
      return page.evaluate(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const { settings } = await api.storage.sync.get('settings');
        return settings === undefined ? null : JSON.parse(settings);
      });
    }

    async function openOptions() {
      const page = await browser.openExtensionPage('options/options.html');
      await page.waitFor(`document.querySelectorAll('#targets li').length > 0`);
      return page;
    }

    /** What the options page shows. */
    const shown = (page) =>
      page.evaluate(() => ({
        targets: [...document.querySelectorAll('#targets li')].map((li) => `${li.dataset.target}:${li.querySelector('input').checked}`),
        defaultTarget: document.querySelector('#default-target').value,
        ask: document.querySelector('#submit-ask').checked,
        context: document.querySelector('#context-include').checked,
        turns: document.querySelector('#context-turns').value,
        notifications: document.querySelector('#notifications').checked,
        paused: document.querySelector('#detection-paused').checked,
        notice: document.querySelector('#repaired').hidden ? null : document.querySelector('#repaired').textContent,
      }));

    async function popupTargets() {
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`document.querySelectorAll('#targets button').length > 0`);
      const buttons = await popup.evaluate(() =>
        [...document.querySelectorAll('#targets button')].map((b) => `${b.dataset.target}${b.classList.contains('primary') ? '*' : ''}`),
      );
      await popup.close();
      return buttons;
    }

    const offerTargets = (tab) =>
      tab.evaluate(() => [...(document.querySelector('#reroute-offer')?.shadowRoot.querySelectorAll('button[data-target]') ?? [])].map((b) => b.dataset.target));

    test('a fresh install shows the defaults, with no notice', async () => {
      await storeRaw(null);
      const page = await openOptions();
      assert.deepEqual(await shown(page), {
        targets: ['chatgpt:true', 'gemini:true', ...OFF_AT_INSTALL],
        defaultTarget: 'chatgpt',
        ask: false,
        context: false,
        turns: '4',
        notifications: true,
        paused: false,
        notice: null,
      });
      await page.close();
    });

    test('settings round trip: changed with clicks, stored versioned in storage.sync, kept across a reload, and used by the popup and the offer', async () => {
      await storeRaw(null);
      const claude = await browser.openTab('https://claude.ai/new?show=capacity');
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
      assert.deepEqual(await offerTargets(claude), ['chatgpt', 'gemini']);

      let page = await openOptions();
      await page.click('li[data-target="gemini"] button[data-action="up"]');
      await page.waitFor(`document.querySelector('#targets li').dataset.target === 'gemini'`);
      await page.click('#submit-ask');
      await page.click('#context-include');
      await page.waitFor(`!document.querySelector('#context-turns').disabled`);
      await page.evaluate(() => {
        const turns = document.querySelector('#context-turns');
        turns.value = '7';
        turns.dispatchEvent(new Event('change'));
      });
      await page.click('#notifications');
      await page.waitFor(`document.querySelector('#saved').textContent === 'Saved.' && !document.querySelector('#notifications').checked`);
      await page.evaluate(() => {
        const select = document.querySelector('#default-target');
        select.value = 'gemini';
        select.dispatchEvent(new Event('change'));
      });
      await eventually(() => storedSettings(page), (stored) => stored?.defaultTarget === 'gemini');
      const stored = await storedSettings(page);
      assert.equal(stored.version, 2);
      assert.deepEqual(stored.targets, [
        { id: 'gemini', enabled: true },
        { id: 'chatgpt', enabled: true },
        ...OFF_AT_INSTALL.map((entry) => ({ id: entry.split(':')[0], enabled: false })),
      ]);
      await page.close();

      page = await openOptions();
      assert.deepEqual(await shown(page), {
        targets: ['gemini:true', 'chatgpt:true', ...OFF_AT_INSTALL],
        defaultTarget: 'gemini',
        ask: true,
        context: true,
        turns: '7',
        notifications: false,
        paused: false,
        notice: null,
      });
      assert.deepEqual(await popupTargets(), ['gemini*', 'chatgpt']);
      await eventually(() => offerTargets(claude), (targets) => targets.join() === 'gemini,chatgpt');

      // Disabling a target removes its buttons; at least one always stays.
      await page.click('li[data-target="chatgpt"] input');
      await page.waitFor(`document.querySelector('#default-target').options.length === 1`);
      assert.deepEqual(await popupTargets(), ['gemini*']);
      await eventually(() => offerTargets(claude), (targets) => targets.join() === 'gemini');
      await page.click('li[data-target="gemini"] input');
      await page.waitFor(`document.querySelector('#saved').textContent === 'At least one target stays enabled.'`);
      assert.equal(await page.evaluate(() => document.querySelector('li[data-target="gemini"] input').checked), true);
      await page.close();
      await claude.close();
      await storeRaw(null);
    });

    test('corrupt settings: defaults for what is unreadable, the rest kept, a visible notice, and Reroute still works', async () => {
      await storeRaw(JSON.stringify({ version: 2, defaultTarget: 'nonsense', autoSubmit: false, targets: 7, notifications: 'loud' }));
      const page = await openOptions();
      const view = await shown(page);
      assert.match(view.notice, /couldn't be read.*default target, targets and their order, notifications/);
      assert.equal(view.ask, true, 'autoSubmit: false was readable and is kept');
      assert.deepEqual([view.defaultTarget, view.notifications, view.targets], ['chatgpt', true, ['chatgpt:true', 'gemini:true', ...OFF_AT_INSTALL]]);
      assert.deepEqual(await popupTargets(), ['chatgpt*', 'gemini']);
      // Any change stores the repaired settings, and the notice goes.
      await page.click('#submit-auto');
      await page.waitFor(`document.querySelector('#repaired').hidden`);
      assert.equal((await storedSettings(page)).notifications, true);
      await page.close();

      await storeRaw('{"version": 2, "targets": [');
      const broken = await openOptions();
      assert.match((await shown(broken)).notice, /all settings/);
      await broken.close();
      await storeRaw(null);
    });

    test('settings from version 1 are migrated, keeping every value they held', async () => {
      await storeRaw(VERSION_1);
      const page = await openOptions();
      const view = await shown(page);
      assert.match(view.notice, /earlier version of Reroute were kept/);
      assert.deepEqual(
        { ...view, notice: null },
        { targets: ['chatgpt:true', 'gemini:true', ...OFF_AT_INSTALL], defaultTarget: 'gemini', ask: true, context: true, turns: '2', notifications: true, paused: false, notice: null },
      );
      assert.deepEqual(await popupTargets(), ['gemini*', 'chatgpt']);
      await page.close();
      await storeRaw(null);
    });

    test('pausing detection hides the offer and the tab badge; resuming brings them back', async () => {
      const claude = await browser.openTab('https://claude.ai/new?show=capacity&case=pause');
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
      const page = await openOptions();
      await page.click('#detection-paused');
      await claude.waitFor(`!document.querySelector('#reroute-offer')`);
      const tabUrl = 'https://claude.ai/new?show=capacity&case=pause';
      await eventually(async () => [(await browser.badge({ tabUrl })).text, (await browser.badge()).text], ([tab, global]) => tab === global);
      assert.equal((await browser.badge({ tabUrl })).text, (await browser.badge()).text, 'the tab shows the global status badge');
      await page.click('#detection-paused');
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
      await page.close();
      await claude.close();
      await storeRaw(null);
    });
  });
}
