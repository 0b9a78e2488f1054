// The simulations against the real pages: for each site, each capture in tests/fixtures/real/ (see its
// SOURCES.md) and each role (composer, send button, the user's message, …), the element the SAME selector finds
// in the capture and in the simulation must agree on what Reroute and the site's own code read: the tag, the
// attributes that matter (role, aria-*, data-testid, contenteditable, id, type, disabled, …), the key classes and
// the structure around it. A simulation that drifts from the real markup fails here, before any delivery test
// runs against markup no user has.
//
// Captures are loaded into a blank page with JavaScript off and the network cut (they are inert markup); the
// simulation comes from the local server, as the browser suites see it. Chromium only: this compares markup,
// not browser behaviour.
//
// Each role can also name the field of the site's row in src/targets.rs (`row`: composer, send, userTurn): the
// row as shipped (read from the built core, dist/core, through a handoff's claim) must find that same element in
// the capture and in the simulation, so the table Reroute delivers with is checked against the real pages too.
//
// A site changed? Copy its new capture into tests/fixtures/real/<site>/ (byte for byte, a row in SOURCES.md),
// add it to SITES below, and fix the simulation in www/<host>/ and the row in src/targets.rs until this passes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { browsersFor, startSimulation } from './browsers.mjs';
import { chromiumArgs } from './chrome.mjs';

const FIXTURES = new URL('../fixtures/real/', import.meta.url).pathname;

/** The attributes compared when either element has them; everything else (hashed classes, styles, ids a
 * framework generates) may differ. */
const MATTERS = /^(id|role|type|name|contenteditable|disabled|hidden|inert|translate|tabindex|dir|placeholder|spellcheck|data-testid|data-placeholder|data-lexical-editor|aria-.+)$/;

/**
 * One entry per site. `roles`: what is compared, each with
 * - `selector`: how both pages are searched (the first match is compared);
 * - `classes`: classes that must be on both or on neither;
 * - `within`: ancestors (selectors for closest()) that must be around both or around neither;
 * - `ignore`: attributes left out (say why);
 * - `absent`: the element must be missing from both (what the real page doesn't show, e.g. a Send button while
 *   the composer is empty);
 * - `row`: the field of the site's row (targets.rs) whose selectors, tried in order as the target script does,
 *   must find this very element;
 * - `exact`: attributes compared both ways even against a reduced capture (what the site must NOT have matters
 *   too, e.g. a disabled state marked by a class alone).
 * `configure(simulation, mode)`: how the site's page is chosen, when it isn't a target mode (claude.ai's markup).
 * `variants`: each capture, the simulation mode that stands for it, which roles it shows, and attributes it
 * leaves out of every role (`ignore`, with the reason). A `reduced`
 * capture (REDUCED_*: hand-reduced, its structure not real) is compared one way: what it has, the simulation
 * must have; a raw capture both ways.
 * `message(page)`: makes the simulation show a user turn (typed and sent as a user would), for the roles
 * marked `afterSend`.
 */
const SITES = [
  {
    site: 'chatgpt.com',
    target: 'chatgpt',
    url: 'https://chatgpt.com/',
    variants: [
      ...['01-29', '02-27'].map((date) => ({
        capture: `chatgpt/oae_chat-simple_2026-${date}.html`,
        mode: 'ok',
        roles: ['composer', 'fallback', 'plus', 'voice', 'turn', 'message'],
      })),
      // July 2026 (reduced): the editor has gained role=textbox and an aria-label; the simulation follows the raw
      // captures (neither), and Reroute needs neither.
      { capture: 'chatgpt/REDUCED_tokenless_composer-idle.html', mode: 'ok', reduced: true, roles: ['composer'], ignore: ['role', 'aria-label'] },
    ],
    roles: {
      // QuillBot (the capturer's grammar checker) sets spellcheck=false on the editor in both raw captures.
      composer: {
        selector: '#prompt-textarea[contenteditable="true"]',
        classes: ['ProseMirror'],
        within: ['form[data-type="unified-composer"]', '[data-composer-surface]'],
        ignore: ['spellcheck'],
        row: 'composer',
      },
      // The hidden fallback textarea beside the editor: never the composer.
      fallback: { selector: 'textarea[name="prompt-textarea"]', within: ['form[data-type="unified-composer"]'] },
      plus: { selector: 'form[data-type="unified-composer"] button[data-testid="composer-plus-btn"]' },
      // An empty composer has no send button, only the voice button in its place (the test's selector only).
      voice: { selector: 'form[data-type="unified-composer"] button[aria-label="Start Voice"]' },
      turn: { selector: 'article[data-turn="user"]', ignore: ['data-testid'], afterSend: true, row: 'userTurn' }, // conversation-turn-N counts the thread's turns
      message: { selector: 'article[data-turn="user"] [data-message-author-role="user"]', afterSend: true },
    },
    message: (page) => typeAndEnter(page, '#prompt-textarea'),
  },
  {
    site: 'gemini.google.com',
    target: 'gemini',
    url: 'https://gemini.google.com/app',
    variants: [
      // Japanese UI (Jan/Feb 2026): the simulation's 'ja' mode. The editor's label changed between the two
      // captures; the simulation has February's.
      { capture: 'gemini/oae_chat-simple_2026-01-29.html', mode: 'ja', roles: ['composer', 'clipboard', 'send', 'sendContainer', 'message'], ignore: ['aria-label'] },
      { capture: 'gemini/oae_chat-simple_2026-02-27.html', mode: 'ja', roles: ['composer', 'clipboard', 'send', 'sendContainer', 'message'] },
      // English UI (July 2026, reduced).
      { capture: 'gemini/REDUCED_tokenless_composer-idle.html', mode: 'ok', reduced: true, roles: ['composer'] },
    ],
    roles: {
      composer: {
        selector: 'rich-textarea div.ql-editor[contenteditable="true"]',
        classes: ['ql-editor', 'textarea', 'new-input-ui'],
        within: ['input-area-v2', 'rich-textarea'],
        ignore: ['spellcheck'], // QuillBot's, in the raw captures
        row: 'composer',
      },
      // Quill 1's paste container beside the editor (Quill 2 has none): never the composer.
      clipboard: { selector: 'rich-textarea .ql-clipboard', within: ['rich-textarea'] },
      send: { selector: 'button.send-button', classes: ['send-button', 'submit'], within: ['div.send-button-container'], row: 'send' },
      sendContainer: { selector: 'div.send-button-container', classes: ['disabled'] },
      message: { selector: 'user-query', afterSend: true, row: 'userTurn' },
    },
    message: (page) => typeAndEnter(page, 'rich-textarea div.ql-editor'),
  },
  {
    // claude.ai: an existing chat, as both raw captures show it. The Feb 2026 capture stands for the
    // simulation's 'feb-2026' markup (render-count turns, .font-claude-response, no Send button while empty); the
    // Jan 2026 capture for the composer area both markups share, with its disabled Send button, as the July 2026
    // fragment also shows it. The late-2026 transcript rows were reported by other projects, never captured: no
    // capture to compare them with.
    site: 'claude.ai',
    url: 'https://claude.ai/chat/b1a3c9d2-7e44-4f0a-8c1e-5d2f0a9b7c61',
    configure: (simulation, markup) => simulation.setClaudePage({ markup, lang: 'en', extension: 'none', challenge: false }),
    variants: [
      {
        capture: 'claude/oae_chat-simple_2026-02-27.html',
        mode: 'feb-2026',
        roles: ['composer', 'placeholder', 'twin', 'twinFieldset', 'band', 'disclaimer', 'upload', 'noSend', 'user', 'turn', 'reply', 'replyBody', 'markdown', 'actions'],
      },
      {
        capture: 'claude/oae_chat-simple_2026-01-29.html',
        mode: 'late-2026',
        roles: ['composer', 'placeholder', 'twin', 'twinFieldset', 'band', 'disclaimer', 'upload', 'send'],
        // The captures disagree on the twin's placeholder in an existing chat (January "Reply...", February "How
        // can I help you today?"); the simulation follows February's.
        ignore: ['placeholder'],
      },
      { capture: 'claude/REDUCED_tokenless_claude-real-dom-fixture_2026-07-15.html', mode: 'late-2026', reduced: true, roles: ['composer', 'send'] },
      { capture: 'claude/REDUCED_tokenless_composer-idle.html', mode: 'late-2026', reduced: true, roles: ['composer'] },
    ],
    roles: {
      // QuillBot (the capturer's grammar checker) set spellcheck on the editor; the site doesn't.
      composer: { selector: '[data-testid="chat-input"]', classes: ['tiptap', 'ProseMirror'], within: ['fieldset', '[data-chat-input-container]'], ignore: ['spellcheck'] },
      placeholder: { selector: '[data-testid="chat-input"] > p', classes: ['is-empty', 'is-editor-empty'] },
      twin: { selector: 'textarea[data-testid="chat-input-ssr"]', within: ['fieldset[inert]', '[data-chat-input-container]'] },
      twinFieldset: { selector: 'fieldset[data-testid="prompt-input-ssr-interactive"]', classes: ['opacity-0', 'pointer-events-none'] },
      band: { selector: '[data-alert-band-wrapper]', within: ['fieldset'] },
      disclaimer: { selector: '[data-disclaimer]', within: ['[data-chat-input-container]'] },
      upload: { selector: 'input[data-testid="file-upload"]', within: ['fieldset'] },
      send: { selector: 'button[aria-label="Send message"]' },
      // February's empty composer has no Send button at all (a voice button instead).
      noSend: { selector: 'fieldset:not([inert]) button[aria-label="Send message"]', absent: true },
      user: { selector: '[data-testid="user-message"]', classes: ['!font-user-message'], within: ['div[data-test-render-count]'], afterSend: true },
      turn: { selector: 'div[data-test-render-count]', afterSend: true },
      reply: { selector: '[data-is-streaming="false"]', within: ['div[data-test-render-count]'], afterSend: true },
      replyBody: { selector: '[data-is-streaming] .font-claude-response', classes: ['font-claude-response'], afterSend: true },
      markdown: { selector: '.font-claude-response .standard-markdown .font-claude-response-body', classes: ['font-claude-response-body'], afterSend: true },
      actions: { selector: '[role="group"][aria-label="Message actions"]', afterSend: true },
    },
    message: (page) => page.evaluate(() => window.__sim.send('Hello from the markup test')),
  },
  {
    site: 'www.perplexity.ai',
    target: 'perplexity',
    url: 'https://www.perplexity.ai/',
    variants: [
      { capture: 'perplexity/oae_chat-simple_2026-02-27.html', mode: 'ok', roles: ['composer', 'placeholder', 'send', 'message'] },
      { capture: 'perplexity/acb_perplexity-thread_2026-04-29.html', mode: 'ok', roles: ['composer', 'placeholder', 'send', 'message'] },
    ],
    roles: {
      composer: { selector: 'div#ask-input[contenteditable="true"]', within: ['[data-ask-input-container]'], row: 'composer' },
      placeholder: { selector: '#ask-input + div[aria-hidden="true"]' },
      send: {
        selector: 'button[type="button"]:has(use[*|href="#pplx-icon-arrow-up"])',
        classes: ['pointer-events-none'],
        within: ['[data-ask-input-container]'],
        row: 'send',
      },
      message: { selector: 'h1[class*="group/query"]', classes: ['group/query'], afterSend: true, row: 'userTurn' },
    },
    message: (page) => typeAndEnter(page, '#ask-input'),
  },
  {
    site: 'grok.com',
    target: 'grok',
    url: 'https://grok.com/',
    variants: [
      // Signed out (April 2026, raw): the simulation's 'login' mode.
      { capture: 'grok/acb_grok-new-chat-signed-out_2026-04-29.html', mode: 'login', roles: ['composer', 'send', 'attach', 'files', 'twin', 'message'] },
      // Signed in (July 2026, reduced): the editor has role and label.
      { capture: 'grok/REDUCED_tokenless_composer-idle.html', mode: 'ok', reduced: true, roles: ['composer'] },
    ],
    roles: {
      composer: { selector: 'div.tiptap.ProseMirror[contenteditable="true"]', classes: ['tiptap', 'ProseMirror'], within: ['form', '.query-bar'], row: 'composer' },
      send: { selector: 'form button[type="submit"]', within: ['form', '.query-bar', 'div.hidden'], row: 'send' },
      attach: { selector: 'form .query-bar button[aria-label="Attach"]', ignore: ['id'] }, // a Radix id, new on every render
      files: { selector: 'form input[type="file"]', classes: ['hidden'] },
      // The autosize twin: the last thing in <body>, invisible; nothing may pick it as the composer.
      twin: { selector: 'body > textarea[aria-hidden="true"]' },
      message: { selector: 'div[id^="response-"].items-end .message-bubble', classes: ['message-bubble'], afterSend: true, row: 'userTurn' },
    },
    message: (page) => typeAndEnter(page, 'div.tiptap.ProseMirror'),
  },
  {
    // Reduced captures (August 2026) without turns: no message role.
    site: 'chat.deepseek.com',
    target: 'deepseek',
    url: 'https://chat.deepseek.com/',
    // The simulation is in Instant mode; Expert and Vision differ in the toggles, not the composer or send.
    variants: ['instant', 'expert', 'vision'].map((name) => ({
      capture: `deepseek/REDUCED_tokenless_composer-${name}.html`,
      mode: 'ok',
      reduced: true,
      roles: name === 'instant' ? ['composer', 'send', 'modes'] : ['composer', 'send'],
    })),
    roles: {
      composer: { selector: 'textarea[name="search"]', row: 'composer' },
      send: {
        selector: 'div[role="button"].ds-button--primary',
        classes: ['ds-button', 'ds-button--primary', 'ds-button--disabled'],
        // Its only disabled mark is the class: a simulation with `disabled` or `aria-disabled` would prove nothing.
        exact: ['disabled', 'aria-disabled', 'tabindex'],
        row: 'send',
      },
      modes: { selector: '[role="radiogroup"] > [role="radio"]' },
    },
  },
];

async function typeAndEnter(page, selector) {
  await page.click(selector);
  await page.keyboard.type('Hello from the markup test');
  await page.keyboard.press('Enter');
}

/** What matters of the first element `role.selector` finds in the page, or null. */
function describe_(page, role) {
  return page.evaluate(
    ([selector, classes, within, matters]) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const pattern = new RegExp(matters);
      return {
        tag: element.localName,
        attributes: Object.fromEntries([...element.attributes].filter((a) => pattern.test(a.name)).map((a) => [a.name, a.value])),
        classes: Object.fromEntries(classes.map((name) => [name, element.classList.contains(name)])),
        within: Object.fromEntries(within.map((ancestor) => [ancestor, !!element.parentElement?.closest(ancestor)])),
      };
    },
    [role.selector, role.classes ?? [], role.within ?? [], MATTERS.source],
  );
}

/** The differences between the capture's element and the simulation's, as readable lines. */
function differences(real, simulated, { reduced = false, ignore = [], exact = [] } = {}) {
  const lines = [];
  if (real.tag !== simulated.tag) lines.push(`tag: <${real.tag}> in the capture, <${simulated.tag}> in the simulation`);
  const names = new Set([...Object.keys(real.attributes), ...(reduced ? exact : Object.keys(simulated.attributes))]);
  for (const name of [...names].filter((name) => !ignore.includes(name)).sort()) {
    const [want, have] = [real.attributes[name], simulated.attributes[name]];
    if (want !== have) lines.push(`[${name}]: ${JSON.stringify(want ?? null)} in the capture, ${JSON.stringify(have ?? null)} in the simulation`);
  }
  for (const [name, has] of Object.entries(real.classes)) {
    if ((has || !reduced) && simulated.classes[name] !== has) lines.push(`.${name}: ${has ? '' : 'not '}on the capture's, ${simulated.classes[name] ? '' : 'not '}on the simulation's`);
  }
  for (const [ancestor, has] of Object.entries(real.within)) {
    if ((has || !reduced) && simulated.within[ancestor] !== has) lines.push(`inside ${ancestor}: ${has} in the capture, ${simulated.within[ancestor]} in the simulation`);
  }
  return lines;
}

/** Each target's row as the built core hands it to the target script (a claim's `site`). */
function shippedRows() {
  const core = `${new URL('../../dist/core/', import.meta.url).pathname}`;
  return import(`${core}reroute.js`).then((module) => {
    module.initSync({ module: readFileSync(`${core}reroute_bg.wasm`) });
    const now = Date.now();
    return Object.fromEntries(
      SITES.filter(({ target }) => target).map(({ target }) => [target, module.claimHandoff(module.newHandoff('markup', target, 'x', true, now), now, null).site]),
    );
  });
}

/** Whether the row's selectors, tried in order (the first that finds anything wins, its first match), find the
 * element `selector` finds. */
function rowFinds(page, selectors, selector) {
  return page.evaluate(
    ([selectors, selector]) => {
      const element = document.querySelector(selector);
      for (const candidate of selectors) {
        const found = document.querySelector(candidate);
        if (found) return { same: found === element, by: candidate };
      }
      return { same: false, by: null };
    },
    [selectors, selector],
  );
}

const simulation = await startSimulation('operational');
after(() => simulation.close());
const run = browsersFor(simulation).includes('chrome');

describe('chrome: the simulations carry the captured markup', { skip: !run && 'Chromium not selected (REROUTE_BROWSERS)' }, () => {
  let browser;
  let captures;
  let simulations;
  let rows;

  before(async () => {
    rows = await shippedRows();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs(null, simulation.port) });
    // Captures are inert markup: no script runs, nothing is fetched.
    captures = await browser.newContext({ javaScriptEnabled: false });
    await captures.route('**/*', (route) => route.abort());
    simulations = await browser.newContext({ ignoreHTTPSErrors: true });
  });
  after(() => browser?.close());

  async function openCapture(file) {
    const page = await captures.newPage();
    await page.setContent(readFileSync(`${FIXTURES}${file}`, 'utf8'), { waitUntil: 'domcontentloaded' });
    return page;
  }

  async function openSimulation(site, mode) {
    if (site.configure) site.configure(simulation, mode);
    else simulation.setTarget(site.site, mode);
    const page = await simulations.newPage();
    await page.goto(site.url);
    // The single-page app builds its composer after load.
    await page.waitForFunction(() => typeof window.__sim === 'object');
    return page;
  }

  for (const site of SITES) {
    for (const variant of site.variants) {
      test(`${site.site} as ${variant.capture} (simulation mode '${variant.mode}'): ${variant.roles.join(', ')}`, async () => {
        const real = await openCapture(variant.capture);
        const simulated = await openSimulation(site, variant.mode);
        const problems = [];
        try {
          const roles = variant.roles.map((name) => [name, site.roles[name]]);
          const compare = async (name, role) => {
            const [want, have] = [await describe_(real, role), await describe_(simulated, role)];
            // What the real page lacks, the simulation must lack too.
            if (role.absent) return want === null && have === null ? undefined : problems.push(`${name}: '${role.selector}' ${want ? 'finds something in the capture' : 'finds something in the simulation'}`);
            assert.ok(want, `${name}: '${role.selector}' finds nothing in ${variant.capture}: fix the table, not the simulation`);
            if (!have) return problems.push(`${name}: '${role.selector}' finds nothing in the simulation`);
            for (const line of differences(want, have, { reduced: variant.reduced, ignore: [...(role.ignore ?? []), ...(variant.ignore ?? [])], exact: role.exact })) problems.push(`${name} (${role.selector}) ${line}`);
            if (!role.row) return;
            const selectors = rows[site.target][role.row];
            for (const [where, page] of [[variant.capture, real], ['the simulation', simulated]]) {
              const { same, by } = await rowFinds(page, selectors, role.selector);
              if (!same) problems.push(`${name}: targets.rs's ${site.target}.${role.row} finds ${by ? `another element (by '${by}')` : 'nothing'} in ${where}`);
            }
          };
          // The idle page first (as captured: an empty composer), then what a sent message adds.
          for (const [name, role] of roles.filter(([, role]) => !role.afterSend)) await compare(name, role);
          const afterSend = roles.filter(([, role]) => role.afterSend);
          if (afterSend.length > 0) {
            await site.message(simulated);
            for (const [, role] of afterSend) await simulated.waitForSelector(role.selector, { timeout: 5000 }).catch(() => {});
            for (const [name, role] of afterSend) await compare(name, role);
          }
        } finally {
          await real.close();
          await simulated.close();
          if (site.configure) site.configure(simulation, 'late-2026');
          else simulation.setTarget(site.site, 'ok');
        }
        assert.deepEqual(problems, [], `the simulation of ${site.site} drifted from ${variant.capture}:\n  ${problems.join('\n  ')}`);
      });
    }
  }
});
