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

    // Fault tests: polling must outlive a failed fetch, a stopped worker and a popup that went away, and a stale
    // answer must turn into `?` even when no poll comes. The clock is moved in storage, not waited for.

    /** When the background's poll alarm is due (Unix ms), or null when there is none. */
    const pollAlarm = () =>
      browser.evaluateInBackground(async () => (await (globalThis.browser ?? globalThis.chrome).alarms.get('status-poll'))?.scheduledTime ?? null);
    const statusRequests = () => simulation.requestsTo('status.claude.com', '/api/v2/summary.json').length;

    test('a failed poll followed by 15 minutes: the watchdog turns the badge to ? and arms polling again', async () => {
      assert.equal((await switchStatus(browser, simulation, 'operational', '')).text, '');
      // The next fetch never lands (the alarm was lost with it), and 16 minutes pass: age the stored answer and
      // the drawn badge by 16 minutes, drop the poll alarm, and fire the watchdog as its period would.
      await browser.evaluateInBackground(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const shift = 16 * 60_000;
        const { statusRecord, statusBadge } = await api.storage.local.get(['statusRecord', 'statusBadge']);
        const record = JSON.parse(statusRecord);
        record.lastGoodAt -= shift;
        record.lastCheckedAt -= shift;
        await api.storage.local.set({ statusRecord: JSON.stringify(record), statusBadge: { ...statusBadge, freshUntil: statusBadge.freshUntil - shift } });
        await api.alarms.clear('status-poll');
        await api.alarms.create('status-watchdog', { when: Date.now() });
      });
      const badge = await badgeBecomes('?');
      assert.equal(badge.text, '?', 'a 16-minute-old green is unknown');
      assert.match(badge.title, /the last answer from the status page is 16 min old/);
      const due = await eventually(pollAlarm, (at) => at !== null);
      assert.ok(due !== null && due > Date.now(), 'the watchdog armed the poll alarm again');
      const watchdog = await eventually(
        () => browser.evaluateInBackground(async () => (await (globalThis.browser ?? globalThis.chrome).alarms.get('status-watchdog'))?.periodInMinutes ?? null),
        (minutes) => minutes !== null,
      );
      assert.ok(watchdog > 0, 'the watchdog is periodic again');
    });

    test('the poll alarm is armed after a poll whose fetch failed (HTTP 503)', async () => {
      await switchStatus(browser, simulation, 'operational', '');
      const requests = statusRequests();
      assert.equal((await switchStatus(browser, simulation, 'server-error', '?')).text, '?');
      assert.ok(statusRequests() > requests);
      const due = await eventually(pollAlarm, (at) => at !== null && at > Date.now());
      assert.ok(due !== null && due > Date.now(), 'the next poll is armed');
    });

    test('the poll alarm is armed after the background is stopped mid-poll', async () => {
      await switchStatus(browser, simulation, 'operational', '');
      simulation.setStatus('slow');
      const requests = statusRequests();
      await pollStatusNow(browser);
      await eventually(statusRequests, (n) => n > requests);
      // The request hangs (up to 10 s): stop the background before it answers.
      await browser.stopBackground();
      simulation.setStatus('operational');
      // Wake it without anything that schedules a poll (the options page only reads settings).
      const options = await browser.openExtensionPage('options/options.html');
      const due = await eventually(pollAlarm, (at) => at !== null, { timeout: 5_000 });
      assert.ok(due !== null, 'a poll alarm outlives the stopped poll');
      await options.close();
    });

    test('a popup port that closed before its disconnect arrived breaks neither the redraw nor polling', async () => {
      await switchStatus(browser, simulation, 'operational', '');
      // Posting to a closed popup's port throws until its disconnect is delivered: make the popup's port do that.
      await browser.evaluateInBackground(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        // Chromium runs this in the worker; Firefox in an extension page, from which the event page is reached.
        const background = typeof window === 'undefined' ? globalThis : await api.runtime.getBackgroundPage();
        (background.browser ?? background.chrome).runtime.onConnect.addListener((port) => {
          port.postMessage = () => {
            throw new Error('Attempting to use a disconnected port object');
          };
        });
      });
      const closed = await browser.openExtensionPage('popup/popup.html');
      try {
        for (const scenario of ['major-outage', 'operational']) {
          // Each poll redraws (to the closed port too) and must still happen, draw the badge and arm the next.
          const requests = statusRequests();
          simulation.setStatus(scenario);
          await pollStatusNow(browser);
          await eventually(statusRequests, (n) => n > requests);
          assert.ok(statusRequests() > requests, `${scenario}: the poll happened`);
          const badge = await badgeBecomes(scenario === 'operational' ? '' : 'DOWN');
          assert.equal(badge.text, scenario === 'operational' ? '' : 'DOWN', `${scenario}: the badge was redrawn`);
          const due = await eventually(pollAlarm, (at) => at !== null && at > Date.now());
          assert.ok(due !== null && due > Date.now(), `${scenario}: the next poll is armed`);
        }
      } finally {
        await closed.close();
      }
    });
  });
}
