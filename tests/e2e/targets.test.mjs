// The targets beyond ChatGPT and Gemini (Perplexity, Le Chat, DeepSeek, Copilot, Grok), in Chromium and Firefox
// with the shipped manifests: none of their sites is reachable at install; turning one on in the options asks
// the browser for that one site, and only then does it get a button and Reroute's script on its pages. Each
// gets a prompt into its own kind of composer (Lexical, ProseMirror, React textareas) byte for byte, and each
// sends it its own way: a button found by structure, not by its (translated) label; DeepSeek's div[role=button]
// once its class-only disabled mark drops. Perplexity, Grok and DeepSeek run on their captured markup
// (tests/e2e/markup.test.mjs keeps them there); Le Chat and Copilot have no capture.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, sleep, startSimulation } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

const TARGETS = [
  { id: 'perplexity', name: 'Perplexity', host: 'www.perplexity.ai' },
  { id: 'lechat', name: 'Le Chat', host: 'chat.mistral.ai' },
  { id: 'deepseek', name: 'DeepSeek', host: 'chat.deepseek.com' },
  { id: 'copilot', name: 'Copilot', host: 'copilot.microsoft.com' },
  { id: 'grok', name: 'Grok', host: 'grok.com' },
];
const pattern = (host) => `https://${host}/*`;
// What breaks naive insertion: blank lines (ProseMirror collapses them), tabs (Lexical makes them nodes),
// runs of spaces, markup-looking text, non-Latin script and an emoji, and a trailing newline.
const PROMPT = 'Compare these two:\n\n\tindented with a tab\n  two spaces  inside  <b>not bold</b> & "quotes"\n\n\nthree blank lines above · 日本語 ✅\n';

for (const name of browsersFor(simulation)) {
  describe(`${name}: more targets, each asked for only when enabled`, () => {
    let browser;
    let options;
    let claude;

    before(async () => {
      simulation.setClaude('ok');
      browser = await launch(name, simulation, { width: 1000, height: 800 });
    });
    after(() => browser?.close());
    afterEach(async () => {
      for (const { host } of TARGETS) {
        simulation.setTarget(host, 'ok');
        for (let tab = await browser.tabAt(`https://${host}/`, { timeout: 0 }); tab; tab = await browser.tabAt(`https://${host}/`, { timeout: 0 })) {
          await tab.close();
        }
      }
    });

    const granted = (host) =>
      options.evaluate((origin) => (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: [origin] }), pattern(host));
    const row = (id) => `#targets li[data-target="${id}"] input[data-action="enable"]`;
    const checked = (id) => options.evaluate((selector) => document.querySelector(selector).checked, row(id));
    const offerButtons = () =>
      claude.evaluate(() =>
        [...(document.querySelector('#reroute-offer')?.shadowRoot.querySelectorAll('button[data-target]') ?? [])].map((b) => b.dataset.target),
      );
    const registeredScripts = () =>
      browser.evaluateInBackground(async () =>
        (await (globalThis.browser ?? globalThis.chrome).scripting.getRegisteredContentScripts()).map((script) => `${script.id} ${script.matches}`),
      );

    async function openClaude(label) {
      claude = await browser.openTab(`https://claude.ai/new?show=capacity&case=targets-${label}`);
      await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
    }

    test('at install: listed in the options, off, their sites not granted, no button, no script on them', async () => {
      options = await browser.openExtensionPage('options/options.html');
      await options.waitFor(`document.querySelectorAll('#targets li').length === 7`);
      const rows = await options.evaluate(() =>
        [...document.querySelectorAll('#targets li')].map((li) => [li.dataset.target, li.querySelector('input').checked, li.querySelector('.asks')?.textContent ?? '']),
      );
      assert.deepEqual(rows, [
        ['chatgpt', true, ''],
        ['gemini', true, ''],
        ...TARGETS.map(({ id, host }) => [id, false, `asks for access to ${host}`]),
      ]);
      for (const { host } of TARGETS) assert.equal(await granted(host), false, `${host} at install`);
      assert.deepEqual(await registeredScripts(), []);
      await openClaude('install');
      assert.deepEqual(await eventually(offerButtons, (buttons) => buttons.length > 0), ['chatgpt', 'gemini']);
    });

    test('refused in the permission prompt: stays off, nothing granted, no button', async () => {
      const { id, host } = TARGETS[4];
      await browser.answerPermissionPrompt('no', pattern(host), () => options.click(row(id)));
      const said = await eventually(() => options.text('#saved'), (text) => text.startsWith('Without access'), { timeout: 10_000 });
      assert.equal(said, "Without access to its site, Reroute can't send prompts to Grok.");
      assert.equal(await checked(id), false);
      assert.equal(await granted(host), false);
      assert.deepEqual(await registeredScripts(), []);
      await sleep(300);
      assert.deepEqual(await offerButtons(), ['chatgpt', 'gemini']);
    });

    for (const { id, name: targetName, host } of TARGETS) {
      test(`${targetName}: enabled (its site granted), a button on claude.ai, the prompt arrives exactly and is sent`, async () => {
        await browser.answerPermissionPrompt('yes', pattern(host), () => options.click(row(id)));
        await eventually(() => checked(id), Boolean);
        assert.equal(await checked(id), true, 'on once the browser said yes');
        assert.equal(await granted(host), true);
        await eventually(registeredScripts, (scripts) => scripts.includes(`reroute-target-${id} ${pattern(host)}`));

        const buttons = await eventually(offerButtons, (list) => list.includes(id));
        assert.ok(buttons.includes(id), `${id} offered: ${buttons}`);
        const before = simulation.submissionsTo(host).length;
        await claude.evaluate((text) => window.__sim.setComposer(text), PROMPT);
        await claude.clickInShadow('#reroute-offer', `button[data-target="${id}"]`);
        const submissions = await eventually(() => simulation.submissionsTo(host), (list) => list.length > before, { timeout: 20_000 });
        assert.equal(submissions.length, before + 1, `one send to ${host}`);
        assert.equal(submissions.at(-1).text, PROMPT);
        const tab = await browser.tabAt(`https://${host}/`);
        await tab.waitFor(`!!document.querySelector('#reroute-notice')`);
        assert.equal(await tab.evaluate(() => document.querySelector('#reroute-notice').dataset.ok), 'true');
      });
    }

    test('DeepSeek busy after the send: the notice says so and offers the next target; its button says it failed', async () => {
      simulation.setTarget('chat.deepseek.com', 'error');
      await claude.evaluate((text) => window.__sim.setComposer(text), 'Are you there?');
      await claude.clickInShadow('#reroute-offer', 'button[data-target="deepseek"]');
      const tab = await browser.tabAt('https://chat.deepseek.com/');
      const heading = await eventually(
        () => tab.evaluate(() => document.querySelector('#reroute-notice')?.shadowRoot.querySelector('h2').textContent ?? ''),
        (text) => text.includes('failing'),
      );
      assert.equal(heading, 'DeepSeek is failing too');
      const offered = await tab.evaluate(() => [...document.querySelector('#reroute-notice').shadowRoot.querySelectorAll('button')].map((b) => b.textContent));
      assert.ok(offered.includes('Send to ChatGPT instead'), offered.join(' | '));
      const health = await eventually(
        () => claude.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('button[data-target="deepseek"]')?.dataset.health),
        (value) => value === 'down',
      );
      assert.equal(health, 'down');
    });

    test('Grok signed out (as captured: Sign in / Sign up, the composer still there): the prompt arrives and is sent, never the sizing twin', async () => {
      simulation.setTarget('grok.com', 'login');
      const before = simulation.submissionsTo('grok.com').length;
      await claude.evaluate((text) => window.__sim.setComposer(text), PROMPT);
      await claude.clickInShadow('#reroute-offer', 'button[data-target="grok"]');
      const submissions = await eventually(() => simulation.submissionsTo('grok.com'), (list) => list.length > before, { timeout: 20_000 });
      assert.equal(submissions.at(-1).text, PROMPT);
      const tab = await browser.tabAt('https://grok.com/');
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`);
      assert.equal(await tab.evaluate(() => document.querySelector('#reroute-notice').dataset.ok), 'true');
      assert.equal(await tab.evaluate(() => window.__sim.twinTouched()), false, 'the autosize twin at the end of <body> never touched');
    });

    test('Perplexity in Japanese (its Submit button labelled 送信): found by its structure, the prompt sent', async () => {
      simulation.setTarget('www.perplexity.ai', 'ja');
      const before = simulation.submissionsTo('www.perplexity.ai').length;
      await claude.evaluate((text) => window.__sim.setComposer(text), 'ラベルが翻訳されていても');
      await claude.clickInShadow('#reroute-offer', 'button[data-target="perplexity"]');
      const submissions = await eventually(() => simulation.submissionsTo('www.perplexity.ai'), (list) => list.length > before, { timeout: 20_000 });
      assert.equal(submissions.at(-1)?.text, 'ラベルが翻訳されていても');
    });

    test('DeepSeek signed out: the prompt is kept and the notice says to sign in', async () => {
      simulation.setTarget('chat.deepseek.com', 'login');
      await claude.evaluate((text) => window.__sim.setComposer(text), 'Kept while signed out');
      await claude.clickInShadow('#reroute-offer', 'button[data-target="deepseek"]');
      const tab = await browser.tabAt('https://chat.deepseek.com/');
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 20_000 });
      const heading = await tab.evaluate(() => document.querySelector('#reroute-notice').shadowRoot.querySelector('h2').textContent);
      assert.equal(heading, 'Sign in to DeepSeek first');
      assert.equal(simulation.submissionsTo('chat.deepseek.com').filter((s) => s.text === 'Kept while signed out').length, 0);
    });

    test('turned off: its button, its script and its site access go', async () => {
      const { id, host } = TARGETS[0];
      await options.click(row(id));
      await eventually(() => granted(host), (value) => value === false);
      assert.equal(await granted(host), false);
      await eventually(registeredScripts, (scripts) => !scripts.some((script) => script.startsWith(`reroute-target-${id} `)));
      const buttons = await eventually(offerButtons, (list) => !list.includes(id));
      assert.ok(!buttons.includes(id), `${buttons}`);
    });

    test('access taken back outside the options page (as the browser\'s site-access settings do): the button goes', async () => {
      const { id, host } = TARGETS[3];
      assert.ok((await offerButtons()).includes(id));
      // Removed from another extension page: the options page and the background only hear of it through
      // permissions.onRemoved, as they would from the browser's settings.
      const other = await browser.openExtensionPage('popup/popup.html');
      await other.evaluate((origin) => (globalThis.browser ?? globalThis.chrome).permissions.remove({ origins: [origin] }), pattern(host));
      await other.close();
      const buttons = await eventually(offerButtons, (list) => !list.includes(id));
      assert.ok(!buttons.includes(id), `${buttons}`);
      await eventually(() => checked(id), (value) => value === false);
      assert.equal(await checked(id), false, 'the options show it off');
    });
  });
}
