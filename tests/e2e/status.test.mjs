// The built extension, as shipped, in Chromium and Firefox: status.claude.com (simulated) → the toolbar badge
// and the popup. Each state the served status goes through is checked on the badge text, colour and title,
// and in the popup.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, pollStatusNow, startSimulation, switchStatus } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

const RED = '#b91c1c';
const GREY = '#6b7280';

for (const name of browsersFor(simulation)) {
  describe(`${name}: Claude's status on the toolbar`, () => {
    let browser;
    let popup;

    /** The badge with `text`, and the icon drawn just after it (`icon`, when given). */
    const badgeBecomes = (text, icon) => eventually(() => browser.badge(), (badge) => badge.text === text && (!icon || badge.icon === icon));
    const popupState = () => popup.attribute('#status', 'data-state');
    /** What a user does: click "Check now" and wait for the answer. */
    async function checkNow(expectedState) {
      await popup.click('#check-now');
      await popup.waitFor(`!document.querySelector('#check-now').disabled && document.querySelector('#status').dataset.state === ${JSON.stringify(expectedState)}`, { timeout: 15_000 });
    }

    before(async () => {
      simulation.setStatus('operational');
      browser = await launch(name, simulation);
    });
    after(() => browser?.close());

    test('operational on install: empty badge, the title and popup say so', async () => {
      // The first poll runs on install, before anyone opens anything.
      const badge = await eventually(() => browser.badge(), (b) => b.title.includes('operational') && b.icon === 'ok');
      assert.equal(badge.text, '');
      assert.equal(badge.icon, 'ok', 'the green toolbar icon');
      assert.match(badge.title, /Claude: operational/);

      popup = await browser.openExtensionPage('popup/popup.html');
      await popup.waitFor(`document.querySelector('#status').dataset.state === 'operational'`);
      assert.equal(await popup.text('#state-words'), 'Claude: operational');
      assert.equal(await popup.text('#sentence'), 'claude.ai is operational');
      assert.equal(await popup.text('#components li:first-child'), 'claude.aioperational');
      assert.ok(await popup.isHidden('#incident'));
      assert.match(await popup.text('#checked'), /^Checked (just now|\d+ min ago)$/);
      assert.equal(await popup.attribute('#status-page', 'href'), 'https://status.claude.com');
    });

    test('major outage: red DOWN badge, title in words, popup shows components and the incident', async () => {
      simulation.setStatus('major-outage');
      await checkNow('major-outage');
      const badge = await badgeBecomes('DOWN', 'down');
      assert.equal(badge.text, 'DOWN');
      assert.equal(badge.icon, 'down', 'the red toolbar icon');
      assert.equal(badge.color, RED);
      assert.match(badge.title, /Claude: major outage/);
      assert.match(badge.title, /Major outage on claude.ai: Elevated errors on claude.ai \(updated 4 min ago\)/);

      assert.equal(await popup.text('#state-words'), 'Claude: major outage');
      assert.equal(await popup.text('#components li:nth-child(1)'), 'claude.aimajor outage');
      assert.equal(await popup.text('#components li:nth-child(2)'), 'Claude API (api.anthropic.com)partial outage');
      assert.equal(await popup.isHidden('#incident'), false);
      assert.equal(await popup.text('#incident-name'), 'Elevated errors on claude.ai');
      assert.match(await popup.text('#incident-update'), /^We have identified the issue/);
      assert.equal(await popup.text('#incident-meta'), 'Identified, updated 4 min ago');
      assert.equal(await popup.attribute('#incident-link', 'href'), 'https://stspg.io/yq0bz8k1v7wd');
    });

    test('malformed answer: grey ?, never a stale red or green, and the popup says why', async () => {
      simulation.setStatus('truncated');
      await checkNow('unknown');
      const badge = await badgeBecomes('?');
      assert.equal(badge.color, GREY);
      assert.match(badge.title, /Claude: unknown/);
      assert.equal(await popup.text('#state-words'), 'Claude: unknown');
      assert.equal(await popup.text('#sentence'), "Claude's status is unknown: the status page sent unreadable data (it ends too early)");
      assert.equal(await popup.text('#last-known'), 'Last known: major outage (just now)');
    });

    test('back to operational', async () => {
      simulation.setStatus('operational');
      await checkNow('operational');
      const badge = await badgeBecomes('');
      assert.match(badge.title, /Claude: operational/);
      assert.equal(await popup.text('#sentence'), 'claude.ai is operational');
      assert.ok(await popup.isHidden('#last-known'));
      assert.ok(await popup.isHidden('#incident'));
    });

    test('every kind of bad answer ends in unknown with a reason the popup shows', async () => {
      const cases = {
        'html-error': 'the status page sent a web page instead of status data',
        empty: 'the status page sent an empty answer',
        'empty-object': "the status page's answer holds no components and no status",
        'unknown-status': 'claude.ai reports an unrecognised status “partially_melted”',
        huge: 'the status page sent more than 2 MB',
        'duplicate-components': 'the status page lists claude.ai twice, as major outage and as operational',
        'server-error': 'the status page answered HTTP 503',
      };
      for (const [scenario, reason] of Object.entries(cases)) {
        simulation.setStatus('operational');
        await checkNow('operational');
        simulation.setStatus(scenario);
        await checkNow('unknown');
        assert.equal(await popup.text('#sentence'), `Claude's status is unknown: ${reason}`, scenario);
        const unknown = await eventually(() => browser.badge(), (badge) => badge.icon === 'unknown');
        assert.deepEqual([unknown.text, unknown.icon], ['?', 'unknown'], scenario);
      }
    });

    test('timestamps without fractional seconds are read, not rejected', async () => {
      simulation.setStatus('no-fraction');
      await checkNow('major-outage');
      assert.equal(await popup.text('#incident-meta'), 'Identified, updated 4 min ago');
    });

    test('a slow status page times out after 10 s into unknown', async () => {
      simulation.setStatus('slow');
      const started = Date.now();
      await checkNow('unknown');
      const waited = Date.now() - started;
      assert.equal(await popup.text('#sentence'), "Claude's status is unknown: the status page did not answer within 10 s");
      assert.ok(waited >= 9_500 && waited < 14_000, `timed out after ${waited} ms`);
    });

    test('repeat requests are conditional, and a 304 keeps the state', async () => {
      simulation.setStatus('major-outage');
      await checkNow('major-outage');
      const before = simulation.requestsTo('status.claude.com', '/api/v2/summary.json').length;
      await popup.click('#check-now');
      await popup.waitFor(`!document.querySelector('#check-now').disabled`);
      await eventually(() => simulation.requestsTo('status.claude.com', '/api/v2/summary.json').length, (n) => n > before);
      const last = simulation.requestsTo('status.claude.com', '/api/v2/summary.json').at(-1);
      assert.match(last.headers['if-none-match'] ?? '', /^"[\w-]+"$/, 'the repeat request carries the ETag');
      assert.equal(await popupState(), 'major-outage');
      assert.equal((await browser.badge()).text, 'DOWN');
    });

    test('polls every minute while the popup is open, and every ten minutes once nothing watches', async () => {
      const alarmIn = async () => {
        const alarm = await browser.evaluateInBackground(async () => {
          const api = globalThis.browser ?? globalThis.chrome;
          return (await api.alarms.get('status-poll'))?.scheduledTime ?? null;
        });
        return alarm === null ? null : (alarm - Date.now()) / 1000;
      };
      // The popup is open: the next poll is at most a minute (plus jitter) away.
      const watched = await alarmIn();
      assert.ok(watched !== null && watched <= 66 && watched > 0, `next poll in ${watched} s while the popup is open`);

      await popup.close();
      popup = null;
      // Fire the alarm now: the background polls and, with nobody watching, schedules the idle cadence.
      const requests = simulation.requestsTo('status.claude.com').length;
      await pollStatusNow(browser);
      await eventually(() => simulation.requestsTo('status.claude.com').length, (n) => n > requests);
      const idle = await eventually(alarmIn, (seconds) => seconds !== null && seconds > 120);
      assert.ok(idle >= 530 && idle <= 661, `next poll in ${idle} s while idle`);

      // Opening claude.ai brings the next poll within a minute again.
      const claude = await browser.openTab('https://claude.ai/new');
      const watching = await eventually(alarmIn, (seconds) => seconds !== null && seconds <= 66);
      assert.ok(watching <= 66, `next poll in ${watching} s with a claude.ai tab open`);
      await claude.close();
    });

    test('a restarted background shows the stored state at once, before any request', async () => {
      await switchStatus(browser, simulation, 'major-outage', 'DOWN');
      // Scribble on the badge, make the server hang, and restart the background: only storage can restore DOWN.
      await browser.evaluateInBackground(() => (globalThis.browser ?? chrome).action.setBadgeText({ text: 'X' }));
      simulation.setStatus('slow');
      await browser.stopBackground();
      const tab = await browser.openTab('https://claude.ai/new');
      const badge = await badgeBecomes('DOWN');
      assert.equal(badge.text, 'DOWN');
      await tab.close();
    });
  });
}
