// The custom target, in Chromium and Firefox with the shipped manifests: a self-hosted front end (simulated at
// chat.example.net, a <textarea> composer as Open WebUI and LibreChat have) set up in the options page as an
// address and its message box. The user is asked for that one site: refused, it is saved but has no button (the
// prompt goes only into the box, so without access there is no way in); granted, it gets a button, Reroute opens
// the address as given (no prompt in it), puts the prompt into the box and reads it back. A target stored by an
// earlier version as an address template with `{prompt}` and no message box loads without the slot, waiting for
// its message box, with no button until it has one.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, startSimulation } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());
const PROMPT = 'Summarise this for me:\n\n\tline with a tab\n  two leading spaces ✅ «quotes» & <tags>\n';
const SITE = 'https://chat.example.net/';
const ORIGIN = 'https://chat.example.net/*';
const NO_ACCESS = "Saved, but without access to that site Reroute can't put your prompt in, so it has no button. Save again and allow access.";
const SAVED = 'Saved: My WebUI has a button now.';
const NEEDS_BOX = 'My WebUI needs its message box: give its CSS selector and save, then it gets a button.';

for (const name of browsersFor(simulation)) {
  describe(`${name}: a custom target`, () => {
    let browser;
    let claude;

    before(async () => {
      simulation.setClaude('ok');
      browser = await launch(name, simulation, { width: 1000, height: 800 });
      claude = await browser.openTab('https://claude.ai/new?show=capacity&case=custom');
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
    });
    after(() => browser?.close());
    afterEach(async () => {
      for (let tab = await browser.tabAt(SITE, { timeout: 0 }); tab; tab = await browser.tabAt(SITE, { timeout: 0 })) await tab.close();
    });

    async function openOptions() {
      const options = await browser.openExtensionPage('options/options.html');
      await options.waitFor(`document.querySelectorAll('#targets li').length > 0`);
      return options;
    }

    /** Fills the options page's custom target form as a user types, and presses Save. */
    async function setUp(options, { url, composer = '' }) {
      await options.evaluate(
        (fields) => {
          for (const [id, value] of Object.entries(fields)) {
            const input = document.getElementById(id);
            input.value = value;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }
          document.getElementById('custom-status').textContent = '';
        },
        { 'custom-name': 'My WebUI', 'custom-url': url, 'custom-composer': composer },
      );
      await options.click('#save-custom');
    }
    const status = (options) => eventually(() => options.text('#custom-status'), (text) => text !== '', { timeout: 10_000 });
    const granted = (page) => page.evaluate((origin) => (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: [origin] }), ORIGIN);
    /** The popup's target buttons, as the background lists them once the popup has drawn them. */
    async function popupTargets() {
      const popup = await browser.openExtensionPage('popup/popup.html');
      try {
        await popup.waitFor(`document.querySelector('#prompt')?.dataset.loaded === 'true'`);
        return await popup.evaluate(() => [...document.querySelectorAll('#targets button')].map((button) => button.dataset.target));
      } finally {
        await popup.close();
      }
    }
    const offerButton = () =>
      claude.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('button[data-target="custom"]')?.textContent ?? null);

    test('an address and its message box: refused its site, no button; granted, the prompt goes into the box, checked, never into the URL', async () => {
      const options = await openOptions();
      await setUp(options, { url: 'ftp://chat.example.net/', composer: '#chat-input' });
      assert.equal(await status(options), "That doesn't work as a target: use an https:// address, and a CSS selector for its message box.");
      assert.equal(await granted(options), false, 'not at install');

      // Refused: saved, said so, and no button (the box is the only way in).
      await browser.answerPermissionPrompt('no', ORIGIN, () => setUp(options, { url: SITE, composer: '#chat-input' }));
      assert.equal(await status(options), NO_ACCESS);
      assert.equal(await granted(options), false);
      assert.ok(!(await popupTargets()).includes('custom'), 'no button without access to its site');
      assert.equal(await offerButton(), null, 'nor in the offer');

      // Granted, with an address as an earlier version wanted it: the `{prompt}` slot is taken out.
      await browser.answerPermissionPrompt('yes', ORIGIN, () => setUp(options, { url: `${SITE}?q={prompt}`, composer: '#chat-input' }));
      assert.equal(await status(options), SAVED);
      assert.equal(await granted(options), true);
      assert.equal(await options.evaluate(() => document.getElementById('custom-url').value), SITE, 'the address without the slot');
      const rows = await options.evaluate(() => [...document.querySelectorAll('#targets li')].map((li) => [li.dataset.target, li.querySelector('label').textContent]));
      assert.deepEqual(rows.at(-1), ['custom', 'My WebUI'], 'listed last, by its name');
      assert.equal(await eventually(offerButton, (text) => text === 'Send to My WebUI'), 'Send to My WebUI');

      const before = simulation.submissionsTo('chat.example.net').length;
      await claude.evaluate((text) => window.__sim.setComposer(text), PROMPT);
      await claude.clickInShadow('#reroute-offer', 'button[data-target="custom"]');
      const tab = await browser.tabAt(SITE);
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 20_000 });
      assert.equal(await tab.evaluate(() => document.querySelector('#reroute-notice').shadowRoot.querySelector('h2').textContent), 'Your prompt is ready in My WebUI');
      assert.deepEqual(await tab.evaluate(() => [window.__sim.text(), window.__sim.tracked()]), [PROMPT, PROMPT]);
      assert.equal(await tab.url(), SITE, 'the address as given: no prompt in the URL');
      // The notice is the delivery's end: nothing was sent on the way.
      assert.equal(simulation.submissionsTo('chat.example.net').length, before, 'never sent without the user');

      // Removed: its button goes, and so does the access.
      await options.click('#remove-custom');
      await options.waitFor(`document.querySelector('#custom-status').textContent === 'Removed.'`);
      await eventually(offerButton, (text) => text === null);
      assert.equal(await granted(options), false);
      await options.close();
    });

    test('the core checks the address before its site is asked for: a user name asks for nothing; capitals get the one access the browser keeps, and a button that works', async () => {
      const options = await openOptions();
      // Issue 11, defect 8: the page asked for https://chat.example.net/* (its own reading of the address) and
      // kept it when the core then refused the address.
      await setUp(options, { url: 'https://user@chat.example.net/?q={prompt}', composer: '#chat-input' });
      assert.equal(await status(options), "That doesn't work as a target: use an https:// address, and a CSS selector for its message box.");
      assert.equal(await granted(options), false, 'nothing asked for, nothing kept');

      // The page lowercased the host for the request, the core didn't: the access granted never matched the
      // script the background wanted, so the target had no button.
      await browser.answerPermissionPrompt('yes', ORIGIN, () => setUp(options, { url: 'https://Chat.Example.Net/', composer: '#chat-input' }));
      assert.equal(await status(options), SAVED);
      assert.equal(await options.evaluate(() => document.getElementById('custom-url').value), SITE, 'one normalisation, shown as stored');
      assert.equal(await granted(options), true);
      assert.equal(await eventually(offerButton, (text) => text === 'Send to My WebUI'), 'Send to My WebUI');
      await claude.evaluate((text) => window.__sim.setComposer(text), PROMPT);
      await claude.clickInShadow('#reroute-offer', 'button[data-target="custom"]');
      const tab = await browser.tabAt(SITE);
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 20_000 });
      assert.deepEqual(await tab.evaluate(() => window.__sim.text()), PROMPT);

      await options.click('#remove-custom');
      await options.waitFor(`document.querySelector('#custom-status').textContent === 'Removed.'`);
      assert.equal(await granted(options), false, 'its access goes with it');
      await options.close();
    });

    test('stored by an earlier version as a template without a message box: loads needing one, no button; given one, a button', async () => {
      const old = {
        version: 2,
        custom: { name: 'My WebUI', url: `${SITE}?q={prompt}`, composer: null },
        targets: [{ id: 'custom', enabled: true }, { id: 'chatgpt', enabled: true }, { id: 'gemini', enabled: true }],
        defaultTarget: 'custom',
      };
      const page = await browser.openExtensionPage('popup/popup.html');
      await page.evaluate((settings) => (globalThis.browser ?? globalThis.chrome).storage.sync.set({ settings }), JSON.stringify(old));
      await page.close();

      const options = await openOptions();
      assert.equal(await status(options), NEEDS_BOX);
      assert.equal(await options.evaluate(() => document.getElementById('custom-url').value), SITE, 'the slot taken out');
      assert.equal(await options.evaluate(() => document.getElementById('custom-composer').value), '');
      const listed = await options.evaluate(() => [...document.querySelectorAll('#targets li')].map((li) => li.dataset.target));
      assert.ok(!listed.includes('custom'), `no place in the list: ${listed}`);
      assert.ok(!(await popupTargets()).includes('custom'), 'no button until it has its message box');
      assert.equal(await offerButton(), null, 'nor in the offer');

      await browser.answerPermissionPrompt('yes', ORIGIN, () => setUp(options, { url: SITE, composer: '#chat-input' }));
      assert.equal(await status(options), SAVED);
      assert.equal(await eventually(offerButton, (text) => text === 'Send to My WebUI'), 'Send to My WebUI');

      await options.click('#remove-custom');
      await options.waitFor(`document.querySelector('#custom-status').textContent === 'Removed.'`);
      await eventually(offerButton, (text) => text === null);
      await options.close();
    });
  });
}
