// The custom target, in Chromium and Firefox with the shipped manifests: a self-hosted front end (simulated at
// chat.example.net, a <textarea> composer as Open WebUI and LibreChat have) set up in the options page gets a
// button on claude.ai, and the prompt arrives in its box exactly; with a message box selector, the user is asked
// for that one site: refused, the address alone is used; granted, Reroute puts the prompt in and checks it.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, sleep, startSimulation } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());
const PROMPT = 'Summarise this for me:\n\n\tline with a tab\n  two leading spaces ✅ «quotes» & <tags>\n';
const SITE = 'https://chat.example.net/';
const NO_ACCESS = "Saved. Without access to that site, Reroute uses the address only: the message box isn't checked.";

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

    /** Fills the options page's custom target form as a user types, and presses Save. */
    async function setUp(options, { url, composer = '' }) {
      await options.evaluate(
        (fields) => {
          for (const [id, value] of Object.entries(fields)) {
            const input = document.getElementById(id);
            input.value = value;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }
        },
        { 'custom-name': 'My WebUI', 'custom-url': url, 'custom-composer': composer },
      );
      await options.click('#save-custom');
    }

    const offerButton = () =>
      claude.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('button[data-target="custom"]')?.textContent ?? null);

    test('with {prompt} in its address: set up in the options, offered on claude.ai, the prompt in its box exactly', async () => {
      const options = await browser.openExtensionPage('options/options.html');
      await options.waitFor(`document.querySelectorAll('#targets li').length > 0`);
      await setUp(options, { url: 'ftp://chat.example.net/?q={prompt}' });
      await options.waitFor(`document.querySelector('#custom-status').textContent.startsWith("That doesn't work")`);

      await setUp(options, { url: `${SITE}?q={prompt}` });
      await options.waitFor(`document.querySelector('#custom-status').textContent === 'Saved: My WebUI has a button now.'`);
      const rows = await options.evaluate(() => [...document.querySelectorAll('#targets li')].map((li) => [li.dataset.target, li.querySelector('label').textContent]));
      assert.deepEqual(rows.at(-1), ['custom', 'My WebUI'], 'listed last, by its name');
      await eventually(offerButton, (text) => text === 'Send to My WebUI');

      const before = simulation.submissionsTo('chat.example.net').length;
      await claude.evaluate((text) => window.__sim.setComposer(text), PROMPT);
      await claude.clickInShadow('#reroute-offer', 'button[data-target="custom"]');
      const tab = await browser.tabAt(SITE);
      await tab.waitFor(`window.__sim?.text().length > 0`);
      assert.equal(await tab.evaluate(() => window.__sim.text()), PROMPT);
      await sleep(500);
      assert.equal(simulation.submissionsTo('chat.example.net').length, before, 'never sent without being checked');
      await options.close();
    });

    test('with a message box: asked for that one site; refused, said so; granted, Reroute puts the prompt in and checks it', async () => {
      const options = await browser.openExtensionPage('options/options.html');
      await options.waitFor(`document.querySelectorAll('#targets li').length > 0`);
      const granted = () =>
        options.evaluate(() => (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: ['https://chat.example.net/*'] }));
      assert.equal(await granted(), false, 'not at install');
      // Refused: saved without the message box's access, and said so.
      await browser.answerPermissionPrompt('no', 'https://chat.example.net/*', () => setUp(options, { url: SITE, composer: '#chat-input' }));
      await options.waitFor(`document.querySelector('#custom-status').textContent !== ''`);
      assert.equal(await options.text('#custom-status'), NO_ACCESS);
      assert.equal(await granted(), false);

      await browser.answerPermissionPrompt('yes', 'https://chat.example.net/*', () => setUp(options, { url: SITE, composer: '#chat-input' }));
      await options.waitFor(`document.querySelector('#custom-status').textContent === 'Saved: My WebUI has a button now.'`);
      assert.equal(await granted(), true);

      await claude.evaluate((text) => window.__sim.setComposer(text), 'Into the box\n\n\tchecked, not sent');
      await claude.clickInShadow('#reroute-offer', 'button[data-target="custom"]');
      const tab = await browser.tabAt(SITE);
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 20_000 });
      const notice = await tab.evaluate(() => document.querySelector('#reroute-notice').shadowRoot.querySelector('h2').textContent);
      assert.equal(notice, 'Your prompt is ready in My WebUI');
      assert.deepEqual(await tab.evaluate(() => [window.__sim.text(), window.__sim.tracked()]), [
        'Into the box\n\n\tchecked, not sent',
        'Into the box\n\n\tchecked, not sent',
      ]);

      // Removed: its button goes, and so does the access.
      await options.click('#remove-custom');
      await options.waitFor(`document.querySelector('#custom-status').textContent === 'Removed.'`);
      await eventually(offerButton, (text) => text === null);
      assert.equal(await granted(), false);
      await options.close();
    });
  });
}
