// How Reroute looks, and whether everyone can use it: axe-core (from npm) over the popup, the options page and
// the in-page offer in Chromium, in light and dark, must find no violations; and the same screens are saved
// as screenshots under dist/screenshots/ (the README shows them).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { browsersFor, eventually, launch, startSimulation, switchStatus } from './browsers.mjs';

const simulation = await startSimulation('operational');
after(() => simulation.close());

const root = new URL('../../', import.meta.url).pathname;
const shots = `${root}dist/screenshots`;
mkdirSync(shots, { recursive: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations on `page` (within `include`, a selector list), as "rule: target" lines. */
async function violations(page, include = null) {
  await page.raw.evaluate(AXE);
  const found = await page.raw.evaluate(async (selectors) => {
    const context = selectors ? { include: selectors.map((selector) => [selector]) } : document;
    const result = await window.axe.run(context, { resultTypes: ['violations'] });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} (${node.failureSummary?.split('\n')[1]?.trim() ?? ''})`),
    );
  }, include);
  return found;
}

// Chromium only: axe runs through Playwright's page access, and one browser's pixels are enough for the README.
for (const name of browsersFor(simulation).filter((browserName) => browserName === 'chrome')) {
  for (const scheme of ['light', 'dark']) {
    describe(`${name}, ${scheme}: accessibility and screenshots`, () => {
      let browser;
      let claude;

      before(async () => {
        simulation.setStatus('operational');
        simulation.setClaude('ok');
        browser = await launch(name, simulation, { width: 420, height: 760, colorScheme: scheme });
        // Something to show: the usage Claude reported with a reply, an incident on the status page, a failing
        // claude.ai tab with a prompt, and one prompt held for when Claude is back.
        const earlier = await browser.openTab('https://claude.ai/new?case=look-usage');
        await earlier.waitFor(`!!document.querySelector('[data-testid="chat-input"]')`);
        await earlier.evaluate(() => window.__sim.send('How much of my limit is left?'));
        await earlier.waitFor(`document.querySelector('[data-is-streaming="false"]') !== null`);
        await earlier.close();
        await switchStatus(browser, simulation, 'major-outage', 'DOWN');
        claude = await browser.openTab('https://claude.ai/new?show=capacity');
        await claude.raw.setViewportSize({ width: 1000, height: 640 });
        await claude.waitFor(`!!document.querySelector('#reroute-offer')`);
        await claude.evaluate(() => window.__sim.setComposer('Draft a reply to the board about the Q3 numbers.'));
        await claude.clickInShadow('#reroute-offer', 'button[data-action="hold"]');
        await claude.waitFor(`document.querySelector('#reroute-offer').shadowRoot.querySelector('.outcome').textContent !== ''`);
        await claude.evaluate(() => window.__sim.setComposer('Summarise the attached report in five bullet points.\n\nKeep the numbers exact.'));
      });
      after(async () => {
        simulation.setStatus('operational');
        await browser?.close();
      });

      test('the popup: no axe violations', async () => {
        const popup = await browser.openExtensionPage('popup/popup.html');
        await popup.waitFor(
          `document.querySelector('#status').dataset.state === 'major-outage' && !!document.querySelector('#history-strip svg') && document.querySelectorAll('#targets button').length > 0` +
            ` && !document.querySelector('#usage').hidden && document.querySelectorAll('#held-list li').length === 1 && !document.querySelector('#tab-since').hidden`,
        );
        assert.deepEqual(await violations(popup), []);
        await popup.raw.screenshot({ path: `${shots}/popup-${scheme}.png`, fullPage: true });
        await popup.close();
      });

      test('the options page: no axe violations', async () => {
        const options = await browser.openExtensionPage('options/options.html');
        await options.raw.setViewportSize({ width: 760, height: 1100 });
        await options.waitFor(`document.querySelectorAll('#targets li').length > 0 && !!document.querySelector('#history-strip svg')`);
        assert.deepEqual(await violations(options), []);
        await options.raw.screenshot({ path: `${shots}/options-${scheme}.png`, fullPage: true });
        await options.close();
      });

      test('the in-page offer: no axe violations', async () => {
        await eventually(() => claude.evaluate(() => document.querySelector('#reroute-offer').shadowRoot.querySelectorAll('button[data-target]').length), (n) => n === 2);
        assert.deepEqual(await violations(claude, ['#reroute-offer']), []);
        await claude.raw.screenshot({ path: `${shots}/offer-${scheme}.png` });
      });
    });
  }
}
