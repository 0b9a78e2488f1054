// Detection on claude.ai (simulated on the captured 2026 markup), with the shipped manifests in Chromium and
// Firefox: each failure kind gives the right data-verdict on the in-page offer and the right badge on that tab, in
// both 2026 markups (Jan/Feb: render-count turns and .font-claude-response; late 2026: transcript rows and
// [data-testid=assistant-message]); the conversation's own text, informational notices, a Cloudflare challenge
// and a healthy stream give neither. The page in Japanese and with a grammar checker's closed shadow root too.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, sleep, startSimulation, switchStatus } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

const RED = '#dc2626';
let caseNumber = 0;

const MARKUPS = ['late-2026', 'feb-2026'];

for (const name of browsersFor(simulation)) {
  let browser;
  describe(`${name}: detecting Claude failures on claude.ai`, () => {
    before(async () => {
      simulation.setStatus('operational');
      simulation.setClaude('ok');
      browser = await launch(name, simulation, { width: 1100, height: 720 });
      await eventually(() => browser.badge(), (badge) => badge.title.includes('operational'));
    });
    after(() => browser?.close());
    // A test that failed halfway must not leave claude.ai failing for the next.
    afterEach(() => simulation.setClaude('ok'));
    for (const markup of MARKUPS) {
      describe(`the ${markup} markup`, () => {
        before(() => simulation.setClaudePage({ markup, lang: 'en', extension: 'none', challenge: false }));
        suite(() => browser, name);
      });
    }
    describe('claude.ai in Japanese', () => {
      before(() => simulation.setClaudePage({ markup: 'late-2026', lang: 'ja', extension: 'none', challenge: false }));
      after(() => simulation.setClaudePage({ lang: 'en' }));
      japanese(() => browser);
    });
    describe('a grammar checker wraps the composer in a closed shadow root', () => {
      before(() => simulation.setClaudePage({ markup: 'feb-2026', lang: 'en', extension: 'grammar-checker', challenge: false }));
      after(() => simulation.setClaudePage({ extension: 'none' }));
      shadowed(() => browser);
    });
  });
}

/** What every scenario needs: a fresh tab, and what to expect of the offer and the badge. */
function helpers(getBrowser) {
    const browser = new Proxy({}, { get: (_, key) => { const real = getBrowser(); const value = real[key]; return typeof value === 'function' ? value.bind(real) : value; } });

    /** A fresh claude.ai tab at a URL no other case uses, so its badge can be read by URL. */
    async function openClaude(path = 'new', query = '') {
      const url = `https://claude.ai/${path}?case=${++caseNumber}${query ? `&${query}` : ''}`;
      const page = await browser.openTab(url);
      await page.waitFor(`document.readyState === 'complete' && !!document.querySelector('[data-testid="chat-input"], .error-screen')`);
      page.url = url;
      return page;
    }
    const offered = (page) => page.evaluate(() => document.querySelector('#reroute-offer')?.dataset.verdict ?? null);
    // Fire and forget, as a user does: tests wait on what the page shows.
    const send = (page, text = 'Please summarise this article.') =>
      page.evaluate((t) => {
        window.__sim.send(t);
      }, text);
    const show = (page, what) => page.evaluate((w) => window.__sim.show(w), what);

    const offerReason = (page) =>
      page.evaluate(() => document.querySelector('#reroute-offer')?.shadowRoot.querySelector('.reasons')?.textContent ?? null);

    async function expectVerdict(page, verdict, badgeText, reason) {
      await page.waitFor(`document.querySelector('#reroute-offer')?.dataset.verdict === ${JSON.stringify(verdict)}`, { timeout: 8000 });
      // Evidence arrives by several paths (the page, the API response): the reason settles once all of it is in.
      if (reason) assert.match(await eventually(() => offerReason(page), (text) => reason.test(text ?? ''), { timeout: 3000 }), reason, `${verdict}: the evidence named`);
      // Firefox reads a tab's own toolbar icon (set just after the badge); Chrome has no getter for it (null).
      const iconToo = (b) => browser.name !== 'firefox' || b.icon === 'down';
      const badge = await eventually(() => browser.badge({ tabUrl: page.url }), (b) => b.text === badgeText && iconToo(b));
      assert.equal(badge.text, badgeText, `${verdict}: tab badge`);
      assert.equal(badge.color, RED, `${verdict}: tab badge colour`);
      if (browser.name === 'firefox') assert.equal(badge.icon, 'down', `${verdict}: the tab's red icon`);
    }

    /** Nothing for a while: no offer, and the tab shows the global (status) badge. The page is closed when that
     * fails, so no failing tab outlives its test. */
    async function expectNothing(page, why, { reported = true } = {}) {
      try {
        await nothingOn(page, why, reported);
      } catch (error) {
        await page.close().catch(() => {});
        throw error;
      }
    }
    /** The background's stored state for the tab at `url` (storage.session `tab:<id>`), with the tab's id, as
     * one string to compare; null when there is no such tab. */
    const tabState = (url) =>
      browser.evaluateInBackground(async (tabUrl) => {
        const api = globalThis.browser ?? globalThis.chrome;
        const tab = (await api.tabs.query({})).find((candidate) => candidate.url === tabUrl || /^[&#]/.test(candidate.url?.slice(tabUrl.length) ?? '') && candidate.url.startsWith(tabUrl));
        if (!tab) return null;
        const key = `tab:${tab.id}`;
        return JSON.stringify([tab.id, (await api.storage.session.get(key))[key] ?? null]);
      }, url);
    /** An extension page to send runtime messages from (Chromium's worker can't message itself). */
    let messenger = null;
    async function verdictsNow() {
      const ask = async () => (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'claude/verdicts' })).data;
      if (browser.name === 'firefox') return browser.evaluateInBackground(ask);
      try {
        messenger ??= await browser.openExtensionPage('options/options.html');
        return await messenger.evaluate(ask);
      } catch {
        messenger = await browser.openExtensionPage('options/options.html');
        return messenger.evaluate(ask);
      }
    }
    /** Waits until the background has taken the tab's events in: what it holds for the tab (changed from
     * `before`, when given: the state read before the action) holds still, and then the background judges the
     * tab once more through the tab's own queue, behind anything that arrived (`claude/verdicts`). An absence
     * means something only after this; a fixed sleep passed whether or not anything had been judged. */
    async function processed(page, why, before = undefined, reported = true) {
      let last = await tabState(page.url);
      let settled = false;
      for (const deadline = Date.now() + 8_000; !settled && Date.now() < deadline; ) {
        await sleep(250);
        const now = await tabState(page.url);
        // The page reported something (`reported`, as most cases do): the background holds it for the tab.
        settled = now !== null && now !== before && now === last && (!reported || !now.endsWith(',null]'));
        last = now;
      }
      assert.ok(settled, `${why}: the background took the tab's events in (its state: ${last})`);
      const [tabId] = JSON.parse(last);
      const judged = (await verdictsNow()).find((entry) => entry.tabId === tabId);
      assert.ok(judged?.verdict, `${why}: the background judged the tab`);
      return judged.verdict;
    }
    async function nothingOn(page, why, reported) {
      await processed(page, why, undefined, reported);
      assert.equal(await offered(page), null, `${why}: no offer`);
      const [tab, global] = [await browser.badge({ tabUrl: page.url }), await browser.badge()];
      assert.equal(tab.text, global.text, `${why}: no badge of its own`);
      if (browser.name === 'firefox') assert.equal(tab.icon, global.icon, `${why}: the global icon`);
    }

    async function check(setup, verdict, badgeText, reason) {
      const page = await setup();
      try {
        await expectVerdict(page, verdict, badgeText, reason);
      } finally {
        simulation.setClaude('ok');
        await page.close();
      }
    }

    /** Every reason of `page`'s verdict, in the words the popup uses (asked of the background as the popup
     * asks it, for that tab alone). */
    async function verdictReasons(page) {
      const popup = await browser.openExtensionPage('popup/popup.html');
      try {
        return await popup.evaluate(async (url) => {
          const api = globalThis.browser ?? globalThis.chrome;
          const tab = (await api.tabs.query({ url: 'https://claude.ai/*' })).find((candidate) => candidate.url === url);
          const { data } = await api.runtime.sendMessage({ type: 'claude/verdicts' });
          const { say } = await import('/lib/i18n.js');
          return data.find((entry) => entry.tabId === tab.id).verdict.reasons.map(say);
        }, page.url);
      } finally {
        await popup.close();
      }
    }

    return { browser, openClaude, offered, send, show, offerReason, expectVerdict, expectNothing, check, verdictReasons, tabState, processed };
}

/** The detection suite proper, for one markup. */
function suite(getBrowser, name) {
    const { browser, openClaude, offered, send, show, expectVerdict, expectNothing, check, verdictReasons, tabState, processed } = helpers(getBrowser);

    // ---- Each failure kind ----

    // The reason names the signal path that must have seen it: webRequest for HTTP statuses, the stream
    // observer for events inside a 200, the page for texts.
    const replies = [
      ['http-529', 'outage', 'ERR', 'a reply answered with HTTP 529 (capacity error inline)', /^1 of the last 1 replies failed with HTTP 529$/],
      ['http-500', 'outage', 'ERR', 'a reply answered with HTTP 500 ("This response didn\'t load")', /^1 of the last 1 replies failed with HTTP 500$/],
      ['sse-error', 'outage', 'ERR', 'an overloaded_error event inside an HTTP 200', /^a reply ended with overloaded_error$/],
      ['network-error', 'outage', 'ERR', 'the connection dropping ("Can\'t reach Claude" + no answer)', /couldn’t connect to Claude|got no answer/],
      ['http-403', 'auth', 'AUTH', 'HTTP 403 permission_error', /permission_error|HTTP 403/],
      ['http-429', 'limit', 'LIM', 'HTTP 429 with the limit banner', /hit your limit/],
      ['limit-exceeded', 'limit', 'LIM', 'message_limit exceeded_limit in the stream', /Usage limit reached|server reported the limit/],
    ];
    for (const [mode, verdict, badgeText, what, reason] of replies) {
      test(`${what} → ${verdict}`, () =>
        check(async () => {
          const page = await openClaude();
          simulation.setClaude(mode);
          await send(page);
          return page;
        }, verdict, badgeText, reason));
    }

    const screens = [
      ['error-screen', 'outage', 'ERR', 'the full-page "Claude will return soon" screen'],
      ['busy', 'outage', 'ERR', '"Server is temporarily limiting requests"'],
      ['api-error', 'outage', 'ERR', 'an "API Error: 500 {…}" toast'],
      ['capacity', 'outage', 'ERR', 'the capacity error inline in the chat'],
      ['usage-limit', 'limit', 'LIM', 'the "Usage limit reached ∙ Resets …" banner'],
    ];
    for (const [what, verdict, badgeText, description] of screens) {
      test(`${description} → ${verdict}`, () => check(() => openClaude('new', `show=${what}`), verdict, badgeText));
    }

    test('"There was an error logging you in" on the login page → auth', () =>
      check(() => openClaude('login', 'error=1'), 'auth', 'AUTH'));

    test('a limit banner right after a reply that used 10 % of the window → false-limit', () =>
      check(async () => {
        const page = await openClaude();
        await send(page);
        await page.waitFor(`document.querySelector('[data-is-streaming="false"]') !== null`);
        await show(page, 'limit-banner');
        return page;
      }, 'false-limit', 'LIM?', /hit your limit/));

    test('a limit banner while replies fail with 529 → false-limit', () =>
      check(async () => {
        const page = await openClaude();
        simulation.setClaude('http-529');
        await send(page);
        await show(page, 'limit-banner');
        return page;
      }, 'false-limit', 'LIM?'));

    test('the browser going offline → offline, and back', async () => {
      const page = await openClaude();
      try {
        await browser.setOffline(true);
        await expectVerdict(page, 'offline', 'OFF');
        await browser.setOffline(false);
        await page.waitFor(`document.querySelector('#reroute-offer') === null`);
      } finally {
        await browser.setOffline(false);
        await page.close();
      }
    });

    test('a weak sign alone is not an outage, but with the status page agreeing it is', async () => {
      const page = await openClaude('new', 'show=something-wrong');
      await expectNothing(page, '"Something went wrong" alone');
      // The status page comes back to operational however this ends: a degraded one would turn later weak signs
      // into outages.
      try {
        await switchStatus(browser, simulation, 'degraded', '!');
        await expectVerdict(page, 'outage', 'ERR');
      } finally {
        await switchStatus(browser, simulation, 'operational', '');
      }
      await page.close();
    });

    test('maintenance on the status page and an error screen → maintenance', async () => {
      await switchStatus(browser, simulation, 'maintenance', 'MNT');
      try {
        await check(() => openClaude('new', 'show=error-screen'), 'maintenance', 'MNT');
      } finally {
        await switchStatus(browser, simulation, 'operational', '');
      }
    });

    if (name === 'chrome') {
      test('"Copy prompt" puts the composer\'s text on the clipboard, exactly', async () => {
        await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://claude.ai' });
        const page = await openClaude('new', 'show=capacity');
        await expectVerdict(page, 'outage', 'ERR');
        const prompt = '  Keep my spacing\n\n\tand tabs  ';
        await page.evaluate((text) => window.__sim.setComposer(text), prompt);
        await page.clickInShadow('#reroute-offer', 'button[data-action="copy"]');
        await page.waitFor(`document.querySelector('#reroute-offer').shadowRoot.textContent.includes('Copied')`);
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), prompt);
        await page.close();
      });
    }

    test('the popup leads with the verdict, then its reasons, and the status page below', async () => {
      const page = await openClaude();
      simulation.setClaude('http-529');
      await send(page);
      await expectVerdict(page, 'outage', 'ERR');
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`!document.querySelector('#tab-verdict').hidden`);
      assert.equal(await popup.attribute('#tab-verdict', 'data-verdict'), 'outage');
      assert.equal(await popup.text('#tab-headline'), 'Claude is failing: capacity errors on your last reply');
      assert.equal(await popup.text('#tab-reasons li:first-child'), '1 of the last 1 replies failed with HTTP 529');
      assert.match(await popup.text('#tab-confidence'), /^Confidence \d+ %$/);
      // The one coloured line at the top says what the user sees, even while the status page is green.
      await popup.waitFor(`document.querySelector('#status').dataset.state === 'major-outage'`);
      assert.equal(await popup.text('#state-words'), 'Claude is failing: capacity errors on your last reply');
      assert.equal(await popup.text('#sentence'), 'Status page: operational');
      await popup.close();
      simulation.setClaude('ok');
      await page.close();
    });

    // ---- Never from the conversation ----

    test('a conversation quoting every error text, a code block of error JSON and a chat title "Something went wrong" → nothing', async () => {
      const page = await openClaude('chat/quoting');
      assert.ok(await page.evaluate(() => document.body.innerText.includes('Claude will return soon')), 'the texts are on the page');
      assert.ok(await page.evaluate(() => document.querySelector('pre code').textContent.includes('overloaded_error')));
      await expectNothing(page, 'quoted texts');
      // A new message quoting them, and a reply, stream in: still nothing.
      await send(page, 'Due to unexpected capacity constraints, Claude is unable to respond. Claude will return soon.');
      await page.waitFor(`document.querySelector('[data-is-streaming="false"]') !== null`);
      await expectNothing(page, 'a new message quoting errors');
      await page.close();
    });

    test('a long streaming reply → nothing', async () => {
      const page = await openClaude();
      simulation.setClaude('long');
      await send(page);
      await page.waitFor(`document.querySelector('[data-is-streaming="true"]') !== null`);
      await expectNothing(page, 'while streaming');
      await page.waitFor(`document.querySelector('[data-is-streaming="false"]') !== null`, { timeout: 30_000 });
      await expectNothing(page, 'after streaming');
      simulation.setClaude('ok');
      await page.close();
    });

    test('"Approaching 5-hour limit" and the length-limit notice are informational → nothing', async () => {
      for (const what of ['approaching', 'length-limit']) {
        const page = await openClaude('new', `show=${what}`);
        await expectNothing(page, what);
        await page.close();
      }
    });

    test('recovery: a failure, then a reply that completes → the offer and the badge go away', async () => {
      const page = await openClaude();
      simulation.setClaude('http-529');
      await send(page);
      await expectVerdict(page, 'outage', 'ERR');
      simulation.setClaude('ok');
      await send(page, 'Trying again');
      await page.waitFor(`document.querySelector('#reroute-offer') === null`);
      await expectNothing(page, 'after recovery');
      await page.close();
    });

    test('the offer is labelled, keyboard reachable, and once dismissed stays away for that incident', async () => {
      const page = await openClaude();
      simulation.setClaude('http-529');
      await send(page);
      await expectVerdict(page, 'outage', 'ERR');
      const offer = await page.evaluate(() => {
        const root = document.querySelector('#reroute-offer').shadowRoot;
        const buttons = [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent);
        return { buttons, region: root.querySelector('[role="region"]').getAttribute('aria-label'), headline: root.querySelector('.headline').textContent };
      });
      assert.deepEqual(offer.buttons, ['Send to ChatGPT', 'Send to Gemini', 'Keep for when Claude is back', 'Copy prompt', 'Dismiss']);
      assert.match(offer.region, /Reroute/);
      assert.equal(offer.headline, 'Claude is failing: capacity errors on your last reply');
      const focused = await page.evaluate(() => {
        const button = document.querySelector('#reroute-offer').shadowRoot.querySelector('button');
        button.focus();
        return document.activeElement?.id === 'reroute-offer' && document.querySelector('#reroute-offer').shadowRoot.activeElement === button;
      });
      assert.ok(focused, 'the offer takes keyboard focus');

      // A page script's synthetic click does nothing; the user's click dismisses.
      // The click handler runs within click(), and a trusted click removes the offer right there: no wait needed.
      await page.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelector('[aria-label="Dismiss"]').click());
      assert.equal(await offered(page), 'outage', 'a synthetic click is ignored');
      await page.clickInShadow('#reroute-offer', '[aria-label="Dismiss"]');
      await page.waitFor(`document.querySelector('#reroute-offer') === null`);
      // The same incident goes on: another failure does not bring the offer back; the badge stays red.
      const before = await tabState(page.url);
      await send(page, 'Again');
      await processed(page, 'another failure', before);
      assert.equal(await offered(page), null);
      assert.equal((await browser.badge({ tabUrl: page.url })).text, 'ERR');
      simulation.setClaude('ok');
      await page.close();
    });

    // ---- The real pages of 2026 ----

    test('HTTP 500 → the site\'s warning in the last reply row ("This response didn’t load.") → outage', () =>
      check(async () => {
        const page = await openClaude();
        simulation.setClaude('http-500');
        await send(page);
        await page.waitFor(`!!document.querySelector('[data-testid="message-warning"]')`);
        return page;
      }, 'outage', 'ERR', /^1 of the last 1 replies failed with HTTP 500$/));

    test('the warning alone, with no failing response in sight, is seen through the page\'s structure → outage', () =>
      check(() => openClaude('new', 'show=failed-reply'), 'outage', 'ERR', /^claude\.ai shows “This response didn’t load\. Try again”$/));

    test('a warning left on an earlier reply, with a completed reply after it → nothing', async () => {
      const page = await openClaude('new', 'show=old-warning');
      await expectNothing(page, 'an old row\'s warning');
      await page.close();
    });

    test('a stream that ends without message_stop → outage, and the page\'s "interrupted" warning', () =>
      check(async () => {
        const page = await openClaude();
        simulation.setClaude('stream-cut');
        await send(page);
        return page;
      }, 'outage', 'ERR', /^1 reply stream\(s\) stopped before the reply finished$/));

    test('HTTP 529 → the offer on the first failing response, long before claude.ai\'s retries end and it shows a text', async () => {
      const page = await openClaude();
      simulation.setClaude('http-529');
      const sent = Date.now();
      await send(page);
      await expectVerdict(page, 'outage', 'ERR');
      const seenAfter = Date.now() - sent;
      assert.equal(await page.evaluate(() => document.querySelector('[data-testid="message-warning"]')), null, 'the page shows no text yet');
      assert.ok(seenAfter < 6000, `offered within ${seenAfter} ms, before the first retry (8 s)`);
      simulation.setClaude('ok');
      await page.close();
    });

    const bandNotices = [
      ['limit-resets', 'limit', 'LIM', '"Your limit resets 3:00 PM." in the notice band', /Your limit resets 3:00 PM/],
      ['usage-limit', 'limit', 'LIM', 'the 2026 banner "Usage limit reached ∙ Resets …"', /Usage limit reached/],
      ['out-of-free', 'limit', 'LIM', '"You are out of free messages until …"', /out of free messages/],
      ['capacity-band', 'outage', 'ERR', '"Due to capacity constraints, chatting with Claude is currently not available."', /capacity constraints/],
    ];
    for (const [what, verdict, badgeText, description, reason] of bandNotices) {
      test(`${description} → ${verdict}`, () => check(() => openClaude('new', `show=${what}`), verdict, badgeText, reason));
    }

    test('"Looks like you have too many chats going…" is not an outage → nothing', async () => {
      const page = await openClaude('new', 'show=too-many-chats');
      await expectNothing(page, 'too many chats');
      await page.close();
    });

    test('"Your limit resets …" in the band right after a reply that used 10 % of the window → false-limit', () =>
      check(async () => {
        const page = await openClaude();
        await send(page);
        await page.waitFor(`document.querySelector('[data-is-streaming="false"]') !== null`);
        await show(page, 'limit-resets');
        return page;
      }, 'false-limit', 'LIM?', /limit resets/));

    test('the exceeded limit answered as JSON with HTTP 429 → limit, read from the answer itself', async () => {
      const page = await openClaude();
      simulation.setClaude('limit-429');
      await send(page);
      await expectVerdict(page, 'limit', 'LIM');
      const reasons = await eventually(() => verdictReasons(page), (list) => list.includes("claude.ai's server reported the limit as exceeded"));
      assert.ok(reasons.includes("claude.ai's server reported the limit as exceeded"), reasons.join(' | '));
      assert.ok(reasons.includes('a reply was refused with HTTP 429'), reasons.join(' | '));
      simulation.setClaude('ok');
      await page.close();
    });

    for (const route of ['maintenance', 'restricted']) {
      test(`the error screen served at /${route} → outage, by its route`, async () => {
        const page = await openClaude(route);
        await expectVerdict(page, 'outage', 'ERR');
        const reasons = await verdictReasons(page);
        assert.ok(reasons.includes(`claude.ai sent this tab to its error screen at “/${route}”`), reasons.join(' | '));
        await page.close();
      });
    }

    test('Cloudflare\'s challenge instead of a reply (HTTP 403, HTML) → nothing: not an outage, not a login failure', async () => {
      const page = await openClaude();
      simulation.setClaude('challenge');
      await send(page);
      await eventually(() => simulation.requestsTo('claude.ai').filter((r) => r.path.endsWith('/completion')).length, (n) => n > 0);
      await expectNothing(page, 'a challenged reply');
      simulation.setClaude('ok');
      await page.close();
    });

    test('Cloudflare\'s challenge page at any claude.ai URL → nothing', async () => {
      simulation.setClaudePage({ challenge: true });
      try {
        const url = `https://claude.ai/new?case=${++caseNumber}`;
        const page = await browser.openTab(url);
        page.url = url;
        assert.equal(await page.evaluate(() => document.title), 'Just a moment...');
        // Cloudflare's page has nothing of claude.ai's to report: the background's judgement is the sign.
        await expectNothing(page, 'the challenge page', { reported: false });
        await page.close();
      } finally {
        simulation.setClaudePage({ challenge: false });
      }
    });

    test('capture reads the live editor, never the inert server-rendered twin', async () => {
      const page = await openClaude('new', 'show=capacity');
      await expectVerdict(page, 'outage', 'ERR');
      await page.evaluate(() => {
        window.__sim.setServerRendered('stale text the user typed before the app loaded');
        window.__sim.setComposer('  the live prompt\n\n\twith its spacing  ');
      });
      const popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`document.querySelector('#prompt').value !== ''`);
      assert.equal(await popup.evaluate(() => document.querySelector('#prompt').value), '  the live prompt\n\n\twith its spacing  ');
      await popup.close();
      await page.close();
    });
}

/** claude.ai in its Japanese UI: its failure texts and labels are Japanese; structure and network are not. */
function japanese(getBrowser) {
  const { openClaude, send, expectVerdict, expectNothing, check } = helpers(getBrowser);
  test('the capacity warning in Japanese → outage, quoted', () =>
    check(() => openClaude('new', 'show=capacity'), 'outage', 'ERR', /予期せぬ容量制限により/));
  test('the 2026 limit banner in Japanese → limit', () => check(() => openClaude('new', 'show=usage-limit'), 'limit', 'LIM', /利用制限に達しました/));
  test('HTTP 500 → outage, whatever the page says it in', () =>
    check(async () => {
      const page = await openClaude();
      simulation.setClaude('http-500');
      await send(page, '要約してください');
      return page;
    }, 'outage', 'ERR'));
  test('a conversation quoting every Japanese failure text → nothing', async () => {
    const page = await openClaude('chat/quoting');
    // Quotes inside the conversation are never reported: the background's judgement is the sign.
    await expectNothing(page, 'quoted Japanese texts', { reported: false });
    await page.close();
  });
  test('the approaching-limit notice in Japanese is informational → nothing', async () => {
    const page = await openClaude('new', 'show=approaching');
    await expectNothing(page, '使用量の上限に近づいています');
    await page.close();
  });
  test('the offer finds the Japanese composer and sits above it', async () => {
    const page = await openClaude('new', 'show=capacity');
    await expectVerdict(page, 'outage', 'ERR');
    const [offer, composer] = await page.evaluate(() =>
      [document.querySelector('#reroute-offer'), document.querySelector('[data-testid="chat-input"]').closest('fieldset')].map((e) => e.getBoundingClientRect().toJSON()));
    assert.ok(offer.bottom <= composer.top + 1 && Math.abs(offer.left - composer.left) < 2, JSON.stringify({ offer, composer }));
    await page.close();
  });
}

/** A grammar checker's closed shadow root around the composer (as in the captures): nothing changes. */
function shadowed(getBrowser) {
  const { browser, openClaude, send, expectVerdict, check } = helpers(getBrowser);
  test('detection is unchanged → outage on HTTP 529', () =>
    check(async () => {
      const page = await openClaude();
      simulation.setClaude('http-529');
      await send(page);
      return page;
    }, 'outage', 'ERR'));
  test('capture reads the slotted editor', async () => {
    const page = await openClaude('new', 'show=capacity');
    await expectVerdict(page, 'outage', 'ERR');
    await page.evaluate(() => window.__sim.setComposer('Through the shadow host\n\n  exactly'));
    const popup = await browser.openExtensionPage('popup/popup.html');
    await popup.waitFor(`document.querySelector('#prompt').value !== ''`);
    assert.equal(await popup.evaluate(() => document.querySelector('#prompt').value), 'Through the shadow host\n\n  exactly');
    await popup.close();
    await page.close();
  });
}
