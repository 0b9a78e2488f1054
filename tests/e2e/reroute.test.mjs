// Rerouting, with the shipped manifests in Chromium and Firefox: a prompt captured on claude.ai (simulated)
// arrives in ChatGPT's or Gemini's composer (simulated on the captured markup with their real editor libraries:
// ProseMirror, and Quill 1 as Gemini runs it), is submitted, and the site receives it byte for byte. The prompt
// never travels in the target's URL. Every failure path keeps the prompt; no web page can start a delivery.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, sleep, startSimulation } from './browsers.mjs';
import { generatePrompts } from './prompts.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

const HOSTS = { chatgpt: 'chatgpt.com', gemini: 'gemini.google.com' };
const URLS = { chatgpt: 'https://chatgpt.com/', gemini: 'https://gemini.google.com/' };
// REROUTE_PROMPTS=20 for a quick local run; the suite as shipped sends 200.
/** Closes every ChatGPT and Gemini tab. */
async function closeTargetTabs(browser) {
  for (const url of Object.values(URLS)) {
    for (let tab = await browser.tabAt(url, { timeout: 0 }); tab; tab = await browser.tabAt(url, { timeout: 0 })) await tab.close();
  }
}

/** A claude.ai tab with a capacity failure on it, so the in-page offer stays up for a whole suite. */
async function claudeWithOffer(browser, query = '') {
  const tab = await browser.openTab(`https://claude.ai/new?show=capacity${query}`);
  await tab.waitFor(`!!document.querySelector('#reroute-offer')`);
  return tab;
}

const PROMPTS = generatePrompts(Number(process.env.REROUTE_PROMPTS ?? 200), { hugeAt: [7, 8] });

for (const name of browsersFor(simulation)) {
  describe(`${name}: rerouting a prompt`, () => {
    let browser;
    let claude;

    before(async () => {
      simulation.setStatus('operational');
      simulation.setClaude('ok');
      browser = await launch(name, simulation, { width: 1100, height: 720 });
      claude = await claudeWithOffer(browser);
    });
    after(() => browser?.close());

    // Whatever a test did or failed to do, the next starts clean: no target tabs, every site well, an offer up.
    afterEach(async () => {
      resetTargets();
      simulation.setClaude('ok');
      await closeTargets();
      const alive = await claude.evaluate(() => !!document.querySelector('#reroute-offer')).catch(() => false);
      if (!alive) claude = await claudeWithOffer(browser, '&case=restored');
    });

    const resetTargets = () => Object.values(HOSTS).forEach((host) => simulation.setTarget(host, 'ok'));

    /** The user clicks the offer's button for `target` with `prompt` in claude.ai's composer. */
    async function clickOffer(target, prompt) {
      if (prompt !== undefined) await claude.evaluate((text) => window.__sim.setComposer(text), prompt);
      await claude.clickInShadow('#reroute-offer', `button[data-target="${target}"]`);
    }

    const closeTargets = () => closeTargetTabs(browser);

    /** Waits for the next submission to `target`'s site, or null. */
    async function nextSubmission(target, count, timeout = 20_000) {
      const submissions = await eventually(() => simulation.submissionsTo(HOSTS[target]), (list) => list.length > count, { timeout });
      return submissions.length > count ? submissions[count] : null;
    }

    async function notice(target) {
      const tab = await browser.tabAt(URLS[target]);
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`, { timeout: 25_000 });
      return {
        tab,
        ...(await tab.evaluate(() => {
          const root = document.querySelector('#reroute-notice').shadowRoot;
          return {
            ok: document.querySelector('#reroute-notice').dataset.ok,
            title: root.querySelector('h2').textContent,
            body: root.querySelector('p').textContent,
            buttons: [...root.querySelectorAll('button')].map((button) => button.textContent),
          };
        })),
      };
    }

    test(`${PROMPTS.length} generated prompts arrive byte-exact (half to ChatGPT, half to Gemini on Quill 1), none in a URL`, async () => {
      const mismatches = [];
      const started = Date.now();
      for (const [index, prompt] of PROMPTS.entries()) {
        if (index % 25 === 0) console.log(`# ${name}: prompt ${index} of ${PROMPTS.length}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
        const target = index % 2 ? 'gemini' : 'chatgpt';
        const count = simulation.submissionsTo(HOSTS[target]).length;
        await clickOffer(target, prompt);
        const submission = await nextSubmission(target, count);
        // The tab has sent, so it is there; it may still be finishing its load (tabAt waits for that).
        const tab = await browser.tabAt(URLS[target], { timeout: 5000 });
        const loaded = await tab?.evaluate(() => window.__sim.loadedUrl);
        // Quill 1's model holds text NFC-normalised (parchment 1's TextBlot.value() calls normalize()), so Gemini
        // gets "é" for "e\u0301" whoever puts the text in, a user's own paste included; the composer shows what
        // was pasted. Everything else must be byte for byte.
        const expected = target === 'gemini' ? prompt.normalize('NFC') : prompt;
        if (submission?.text !== expected || loaded !== URLS[target] + (target === 'gemini' ? 'app' : '')) {
          const notice = await tab?.evaluate(() => document.querySelector('#reroute-notice')?.shadowRoot.querySelector('h2')?.textContent ?? null);
          mismatches.push({ index, target, length: prompt.length, got: submission?.text?.slice(0, 200) ?? null, loaded: loaded?.slice(0, 200), notice });
        }
        await closeTargets();
      }
      resetTargets();
      assert.deepEqual(mismatches, [], `${mismatches.length} of ${PROMPTS.length} prompts did not arrive exactly`);
    });

    test('with an empty composer, the last message that got no reply is what goes', async () => {
      const page = await browser.openTab('https://claude.ai/new?case=unanswered');
      await page.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
      simulation.setClaude('http-529');
      const prompt = '  Why did my reply fail?\n\nPlease keep this exact.  ';
      // Not awaited: claude.ai keeps retrying a capacity failure for tens of seconds.
      await page.evaluate((text) => {
        window.__sim.send(text);
      }, prompt);
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      simulation.setClaude('ok');
      const count = simulation.submissionsTo(HOSTS.gemini).length;
      await page.clickInShadow('#reroute-offer', 'button[data-target="gemini"]');
      assert.equal((await nextSubmission('gemini', count))?.text, prompt);
      await closeTargets();
      await page.close();
    });

    test('a slow target page and a client-side navigation still get the prompt', async () => {
      for (const [target, mode] of [['chatgpt', 'slow'], ['gemini', 'slow'], ['chatgpt', 'spa']]) {
        simulation.setTarget(HOSTS[target], mode);
        const prompt = `Delivered despite ${mode}\n\n  on ${target}`;
        const count = simulation.submissionsTo(HOSTS[target]).length;
        await clickOffer(target, prompt);
        assert.equal((await nextSubmission(target, count))?.text, prompt, `${target} ${mode}`);
        await closeTargets();
      }
      resetTargets();
    });

    test('the prompt never travels in the URL: a site that would send a ?q= unchecked gets it once, read back', async () => {
      // chatgpt.com in this mode sends whatever `?q=` holds by itself, as launchers use it.
      simulation.setTarget(HOSTS.chatgpt, 'q-autosend');
      const prompt = 'Never in a URL: q=1&x=2\n\n  exactly once';
      const count = simulation.submissionsTo(HOSTS.chatgpt).length;
      await clickOffer('chatgpt', prompt);
      assert.equal((await nextSubmission('chatgpt', count))?.text, prompt);
      const tab = await browser.tabAt(URLS.chatgpt);
      const urls = await tab.evaluate(() => ({ loaded: window.__sim.loadedUrl, now: location.href }));
      assert.deepEqual(urls, { loaded: 'https://chatgpt.com/', now: 'https://chatgpt.com/' });
      // The delivery is over once its notice is up (the report came back): a second send would be in by then.
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`);
      assert.equal(simulation.submissionsTo(HOSTS.chatgpt).length, count + 1);
      await closeTargets();
      resetTargets();
    });

    test('composers as real users meet them: Japanese Gemini, a grammar checker\'s closed shadow root, a hidden twin, a send button that comes late', async () => {
      const cases = [
        ['gemini', 'ja', () => ({
          label: document.querySelector('rich-textarea .ql-editor').getAttribute('aria-label'),
          send: document.querySelector('button.send-button').getAttribute('aria-label'),
          editables: document.querySelectorAll('rich-textarea [contenteditable="true"]').length,
        }), { label: 'Gemini へのプロンプトを入力', send: 'プロンプトを送信', editables: 2 }],
        ['gemini', 'shadow', () => ({ shadowed: window.__sim.shadowed, editables: document.querySelectorAll('rich-textarea [contenteditable="true"]').length }), { shadowed: true, editables: 2 }],
        ['chatgpt', 'shadow', () => ({ shadowed: window.__sim.shadowed, role: document.querySelector('#prompt-textarea').getAttribute('role') }), { shadowed: true, role: null }],
        // A hidden copy of the composer first in the page: the live one gets the prompt, the copy nothing.
        ['chatgpt', 'twin', () => [...document.querySelectorAll('#prompt-textarea')].map((editor) => editor.textContent), ['', '']],
        ['gemini', 'twin', () => [...document.querySelectorAll('.ql-editor')].map((editor) => editor.textContent), ['', '']],
        ['chatgpt', 'late-send', () => ({ turns: document.querySelectorAll('article[data-turn="user"] [data-message-author-role="user"]').length }), { turns: 1 }],
      ];
      for (const [target, mode, probe, expected] of cases) {
        simulation.setTarget(HOSTS[target], mode);
        const prompt = `Delivered on ${target} (${mode}):\n\n\tインデント  and  spaces\n- a list\n`;
        const count = simulation.submissionsTo(HOSTS[target]).length;
        const clicked = Date.now();
        await clickOffer(target, prompt);
        assert.equal((await nextSubmission(target, count))?.text, prompt, `${target} ${mode}`);
        if (mode === 'late-send') assert.ok(Date.now() - clicked >= 2000, 'sent only once the button came');
        const tab = await browser.tabAt(URLS[target]);
        assert.deepEqual(await tab.evaluate(probe), expected, `${target} ${mode}`);
        await closeTargets();
      }
      resetTargets();
    });

    test('a login wall: nothing sent, the prompt kept, the other target offered', async () => {
      simulation.setTarget(HOSTS.chatgpt, 'login');
      const count = simulation.submissionsTo(HOSTS.chatgpt).length;
      await clickOffer('chatgpt', 'Behind a login wall');
      const shown = await notice('chatgpt');
      assert.equal(shown.title, 'Sign in to ChatGPT first');
      assert.deepEqual(shown.buttons, ['Copy prompt', 'Send to Gemini instead', 'Dismiss']);
      assert.equal(simulation.submissionsTo(HOSTS.chatgpt).length, count);
      // The other target, from the notice, with the same prompt.
      const geminiCount = simulation.submissionsTo(HOSTS.gemini).length;
      await shown.tab.clickInShadow('#reroute-notice', 'button:nth-of-type(2)');
      assert.equal((await nextSubmission('gemini', geminiCount))?.text, 'Behind a login wall');
      await closeTargets();
      resetTargets();
    });

    test('the target shows its own error: Reroute says so and offers the other target', async () => {
      simulation.setTarget(HOSTS.gemini, 'error');
      const count = simulation.submissionsTo(HOSTS.gemini).length;
      await clickOffer('gemini', 'Gemini will fail on this');
      await nextSubmission('gemini', count);
      const tab = await browser.tabAt(URLS.gemini);
      await tab.waitFor(`document.querySelector('#reroute-notice')?.dataset.ok === 'false'`, { timeout: 12_000 });
      const shown = await notice('gemini');
      assert.equal(shown.title, 'Gemini is failing too');
      assert.match(shown.body, /Something went wrong \(13\)/);
      assert.ok(shown.buttons.includes('Send to ChatGPT instead'));
      await closeTargets();
      resetTargets();
    });

    test('an editor that changes the text: not sent, and the user is told', async () => {
      simulation.setTarget(HOSTS.chatgpt, 'mangle');
      const count = simulation.submissionsTo(HOSTS.chatgpt).length;
      await clickOffer('chatgpt', 'double  spaces  matter');
      const shown = await notice('chatgpt');
      assert.equal(shown.title, "ChatGPT changed your prompt, so Reroute didn't send it");
      assert.equal(simulation.submissionsTo(HOSTS.chatgpt).length, count);
      await closeTargets();
      resetTargets();
    });

    test('a send control that never comes (ChatGPT) or stays aria-disabled (Gemini): nothing sent, the prompt kept', async () => {
      for (const [target, title] of [['gemini', "Reroute couldn't confirm Gemini sent your prompt"], ['chatgpt', "Reroute couldn't confirm ChatGPT sent your prompt"]]) {
        simulation.setTarget(HOSTS[target], 'no-send');
        const count = simulation.submissionsTo(HOSTS[target]).length;
        await clickOffer(target, 'Never confirmed\n\n  kept');
        const shown = await notice(target);
        assert.equal(shown.title, title);
        assert.ok(shown.buttons.includes('Copy prompt'));
        assert.equal(await shown.tab.evaluate(() => window.__sim.text()), 'Never confirmed\n\n  kept');
        assert.equal(simulation.submissionsTo(HOSTS[target]).length, count);
        await closeTargets();
      }
      resetTargets();
    });

    test('no composer within 15 s: the user is told, the prompt kept', async () => {
      simulation.setTarget(HOSTS.gemini, 'broken');
      await clickOffer('gemini', 'Nowhere to put this');
      const shown = await notice('gemini');
      assert.equal(shown.title, "Reroute couldn't find Gemini's message box");
      await closeTargets();
      resetTargets();
    });

    test('"ask before sending" leaves the verified prompt in the composer', async () => {
      /** Whether the background stored "send for me", as the popup's checkbox left it. */
      const autoSubmit = (page) =>
        page.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'settings/get' })).data.settings.autoSubmit);
      const settings = await browser.openExtensionPage('popup/popup.html');
      await settings.waitFor(`document.querySelector('#ask-before')?.disabled === false`);
      await settings.click('#ask-before');
      assert.equal(await eventually(() => autoSubmit(settings), (on) => on === false), false, 'stored before the popup closes');
      await settings.close();
      // "Send for me" comes back however this ends: the tests after it expect the prompt sent.
      try {
        const count = simulation.submissionsTo(HOSTS.gemini).length;
        await clickOffer('gemini', 'Wait for me\n\n  to press send');
        const shown = await notice('gemini');
        assert.equal(shown.title, 'Your prompt is ready in Gemini');
        assert.equal(await shown.tab.evaluate(() => window.__sim.text()), 'Wait for me\n\n  to press send');
        assert.equal(simulation.submissionsTo(HOSTS.gemini).length, count);
      } finally {
        await closeTargets();
        const restore = await browser.openExtensionPage('popup/popup.html');
        await restore.waitFor(`document.querySelector('#ask-before').checked && !document.querySelector('#ask-before').disabled`);
        await restore.click('#ask-before');
        await eventually(() => autoSubmit(restore), (on) => on === true);
        await restore.close();
      }
    });

    test('a handoff is delivered once: reloading the target tab sends nothing more', async () => {
      const count = simulation.submissionsTo(HOSTS.gemini).length;
      await clickOffer('gemini', 'Only once');
      await nextSubmission('gemini', count);
      const tab = await browser.tabAt(URLS.gemini);
      // What makes a second delivery impossible: the handoff is gone once the delivery reported.
      await tab.waitFor(`!!document.querySelector('#reroute-notice')`);
      const handoffs = () =>
        browser.evaluateInBackground(async () => Object.keys(await (globalThis.browser ?? globalThis.chrome).storage.session.get(null)).filter((key) => key.startsWith('handoff:')));
      assert.deepEqual(await eventually(handoffs, (keys) => keys.length === 0), []);
      // Reloaded once the mark set before it is gone, and the page's editor is up again (empty).
      await tab.evaluate(() => {
        window.__beforeReload = true;
        setTimeout(() => location.reload(), 50);
      });
      await tab.waitFor(`!window.__beforeReload && document.readyState === 'complete' && window.__sim?.text().trim() === ''`);
      assert.equal(simulation.submissionsTo(HOSTS.gemini).length, count + 1);
      await closeTargets();
    });

    test('the popup: the captured prompt, edited, goes exactly as edited', async () => {
      await claude.evaluate((text) => window.__sim.setComposer(text), 'From the composer');
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`document.querySelector('#prompt').value === 'From the composer'`);
      const edited = 'From the composer\n\n\tedited in the popup ✍️ ';
      await popup.evaluate((text) => {
        const area = document.querySelector('#prompt');
        area.value = text;
        area.dispatchEvent(new Event('input'));
      }, edited);
      const count = simulation.submissionsTo(HOSTS.gemini).length;
      await popup.click('button[data-target="gemini"]');
      assert.equal((await nextSubmission('gemini', count))?.text, edited);
      assert.match(await popup.text('#send-result'), /Opening Gemini/);
      await popup.close();
      await closeTargets();
    });

    test('drafts survive an error screen: typed text comes back under "Recover last prompt"', async () => {
      const page = await browser.openTab('https://claude.ai/new?case=draft');
      await page.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
      await page.type('[data-testid="chat-input"]', 'A draft I must not lose');
      await sleep(700); // the draft saves 400 ms after typing stops
      // What the editor holds (Firefox's WebDriver typing leaves an empty first paragraph, which is kept too).
      const typed = await page.evaluate(() => window.__sim.editor.getText({ blockSeparator: '\n' }));
      assert.equal(typed.trim(), 'A draft I must not lose');
      await page.evaluate(() => window.__sim.show('error-screen'));
      // A saved draft stands in for the empty page only while the tab is failing: once Reroute has seen it fail.
      await page.waitFor(`!!document.querySelector('#reroute-offer')`);
      await claude.close(); // only the wiped tab is left on claude.ai; afterEach opens a new one
      const popup = await browser.openExtensionPage('popup/popup.html');
      // Listed under "Recover last prompt", whichever claude.ai tab the popup takes its prompt from.
      await popup.waitFor(`[...document.querySelectorAll('#recent li .line')].some((line) => line.title === ${JSON.stringify(typed)})`).catch(async (error) => {
        throw new Error(`${error.message}; Recover lists ${JSON.stringify(await popup.evaluate(() => [...document.querySelectorAll('#recent li .line')].map((line) => line.title)))}`);
      });
      await popup.close();
      await page.close();
    });

    test('HTML and scripts in a prompt arrive as literal text, and nothing runs', async () => {
      const prompt = '<img src=x onerror="document.title=\'pwned\'"> <script>document.title="pwned"</script> **not bold**';
      for (const target of ['chatgpt', 'gemini']) {
        const count = simulation.submissionsTo(HOSTS[target]).length;
        await clickOffer(target, prompt);
        assert.equal((await nextSubmission(target, count))?.text, prompt);
        const tab = await browser.tabAt(URLS[target]);
        const page = await tab.evaluate(() => ({ title: document.title, images: document.querySelectorAll('img').length, scripts: [...document.scripts].filter((s) => !s.src).length }));
        assert.deepEqual(page, { title: target === 'chatgpt' ? 'ChatGPT' : 'Gemini', images: 0, scripts: 0 });
        await closeTargets();
      }
    });

    // Only Firefox lets a test press an extension shortcut (privileged code fires the <key> it built from the
    // manifest); Chromium's key events from automation reach the page, never the browser's accelerators.
    test('the keyboard shortcut sends the composer to the default target', { skip: name === 'chrome' && 'Chromium automation cannot press extension shortcuts' }, async () => {
      const manifest = JSON.parse(readFileSync(new URL(`../../dist/${name}/manifest.json`, import.meta.url), 'utf8'));
      const shortcut = manifest.commands['reroute-default'].suggested_key.default;
      const settingsPage = await browser.openExtensionPage('popup/popup.html');
      const setDefault = (target) =>
        settingsPage.evaluate(async (defaultTarget) => {
          const api = globalThis.browser ?? globalThis.chrome;
          const { data } = await api.runtime.sendMessage({ type: 'settings/get' });
          await api.runtime.sendMessage({ type: 'settings/set', settings: { ...data.settings, defaultTarget } });
        }, target);
      try {
        for (const target of ['chatgpt', 'gemini']) {
          await setDefault(target);
          const prompt = `By shortcut to ${target}\n\n  exactly`;
          await claude.evaluate((text) => window.__sim.setComposer(text), prompt);
          const count = simulation.submissionsTo(HOSTS[target]).length;
          assert.ok(await browser.pressShortcut(shortcut), `${shortcut} is registered`);
          assert.equal((await nextSubmission(target, count))?.text, prompt);
          await closeTargets();
        }
        // Issue 11: the shortcut took the default target even when its site was withheld (a tab where nothing
        // runs), and ended in nothing at all when there was nothing to send.
        await setDefault('chatgpt');
        await browser.evaluateInBackground(() => browser.permissions.remove({ origins: ['https://chatgpt.com/*'] }));
        const prompt = 'By shortcut, ChatGPT withheld';
        await claude.evaluate((text) => window.__sim.setComposer(text), prompt);
        const count = simulation.submissionsTo(HOSTS.gemini).length;
        assert.ok(await browser.pressShortcut(shortcut));
        assert.equal((await nextSubmission('gemini', count))?.text, prompt, 'the next target with a button');
        assert.equal(await browser.tabAt('https://chatgpt.com/', { timeout: 0 }), null, 'no tab where nothing could run');
        await closeTargets();
        // A fresh chat, nothing typed (no draft to stand in either).
        const fresh = await browser.openTab('https://claude.ai/new?case=shortcut-empty');
        await fresh.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
        assert.ok(await browser.pressShortcut(shortcut));
        const said = await eventually(
          () => fresh.evaluate(() => {
            const line = document.querySelector('#reroute-offer')?.shadowRoot.querySelector('.outcome') ?? document.querySelector('#reroute-toast')?.shadowRoot.querySelector('[role="status"]');
            return line?.textContent ?? '';
          }),
          (text) => text !== '',
        );
        assert.equal(said, "Nothing to send: Claude's message box is empty.");
        await fresh.close();
      } finally {
        await setDefault('chatgpt');
        await browser.grantHosts(['https://chatgpt.com/*']);
        await settingsPage.close();
      }
    });

    // Only Firefox lets a test open the real context menu and choose an item (privileged code); Chromium's
    // automation can right-click, but its context menu is beyond reach.
    test('the context menu sends the selected text on claude.ai, exactly', { skip: name === 'chrome' && 'Chromium automation cannot reach context menus' }, async () => {
      const page = await browser.openTab('https://claude.ai/chat/quoting?case=context-menu');
      await page.waitFor(`!!document.querySelector('[data-testid="user-message"]')`);
      const selected = await page.evaluate(() => {
        const message = document.querySelector('[data-testid="user-message"]');
        const range = document.createRange();
        range.selectNodeContents(message);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return getSelection().toString();
      });
      assert.ok(selected.length > 100 && selected.includes('\n'), 'a multi-line selection');
      const count = simulation.submissionsTo(HOSTS.gemini).length;
      const labels = await browser.contextMenu(page.handle, '[data-testid="user-message"]', 'Send selection to Gemini', 'Send selection to');
      assert.deepEqual(labels, ['Send selection to ChatGPT', 'Send selection to Gemini']);
      assert.equal((await nextSubmission('gemini', count))?.text, selected);
      await closeTargets();
      await page.close();
    });

    test('a web page cannot start a delivery: posted messages and synthetic clicks send nothing', async () => {
      const before = simulation.submissions.length;
      const tabsBefore = await browser.tabAt(URLS.chatgpt, { timeout: 0 });
      assert.equal(tabsBefore, null);
      const pageMessaging = await claude.evaluate(() => {
        window.__sim.setComposer('A page script wants this sent');
        const root = document.querySelector('#reroute-offer').shadowRoot;
        for (const button of root.querySelectorAll('button[data-target]')) {
          button.click();
          button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        }
        window.postMessage({ type: 'claude/reroute', target: 'chatgpt', prompt: 'forged', turns: [] }, '*');
        window.postMessage({ source: 'reroute-stream', event: { kind: 'claude/reroute', target: 'chatgpt' } }, '*');
        // Pages have no runtime messaging into Reroute (no externally_connectable).
        return typeof globalThis.chrome?.runtime?.sendMessage;
      });
      assert.equal(pageMessaging, 'undefined', 'the page has no runtime.sendMessage into Reroute');
      // The absence means something only once the forged attempts had their chance: a real click after them goes
      // the same way (content script → background → target tab) and lands; anything forged would have landed
      // before it, so exactly one submission, to ChatGPT, with one ChatGPT tab.
      const chatgptBefore = simulation.submissionsTo(HOSTS.chatgpt).length;
      await clickOffer('chatgpt');
      try {
        const submitted = await nextSubmission('chatgpt', chatgptBefore);
        assert.equal(submitted?.text, 'A page script wants this sent', 'the real click delivered');
        assert.equal(simulation.submissions.length, before + 1, 'only the real click delivered');
        assert.equal(await browser.tabAt(URLS.gemini, { timeout: 0 }), null);
      } finally {
        await closeTargets();
      }
    });
  });
}
