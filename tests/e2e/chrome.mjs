// Debian's Chromium with the built extension loaded, driven by Playwright. The real hosts resolve to the local
// simulation through --host-resolver-rules, so the extension runs with its shipped manifest and host matches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { HOSTS } from '../../www/server.mjs';

const hex = (rgba) => `#${rgba.slice(0, 3).map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** Calls `source` (a function's text) with `args`. Playwright evaluates over CDP, which a page's CSP (ours
 * forbids eval) does not block. */
const call = (target, source, args) => target.evaluate(`(${source})(...${JSON.stringify(args)})`);

export function wrapPage(page) {
  return {
    raw: page,
    text: (selector) => page.evaluate((s) => document.querySelector(s)?.textContent.trim() ?? null, selector),
    attribute: (selector, name) =>
      page.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name]),
    isHidden: (selector) =>
      page.evaluate((s) => {
        const element = document.querySelector(s);
        return !element || element.hidden || !element.checkVisibility();
      }, selector),
    click: (selector) => page.click(selector),
    /** A real (trusted) click on `inner` inside `host`'s open shadow root (Playwright's CSS pierces it). */
    clickInShadow: (host, inner) => page.click(`${host} ${inner}`),
    /** Real keystrokes into the element, as a user types. */
    type: (selector, text) => page.locator(selector).pressSequentially(text),
    url: async () => page.url(),
    // Not waitForFunction: it evals the string inside the page, which our extension pages' CSP forbids.
    async waitFor(expression, { timeout = 10_000 } = {}) {
      const deadline = Date.now() + timeout;
      // A navigation under way destroys the context a look runs in: that look is false, the next one counts.
      const look = () => page.evaluate(expression).catch((error) => {
        if (/context was destroyed|navigat/i.test(String(error?.message))) return false;
        throw error;
      });
      while (!(await look())) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${expression}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    evaluate: (source, ...args) => call(page, source, args),
    screenshot: (path) => page.screenshot({ path }),
    close: () => page.close(),
  };
}

/** Flags that load Reroute as shipped (unless `extensionDir` is null: a baseline for benchmarks) and send the
 * real hosts to the local simulation on `port`. */
export function chromiumArgs(extensionDir, port) {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--no-sandbox',
    '--no-first-run',
    // Without these, Chromium's own background requests hit this machine's closed network.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=${HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ')}, EXCLUDE localhost`,
    '--ignore-certificate-errors',
  ];
}

/** `profileDir`: a profile to use and keep (a browser restart is a second launch with the same one); without
 * it, a fresh profile that close() deletes. */
export async function launchChrome({ extensionDir, port, width = 420, height = 700, colorScheme = 'light', profileDir = null }) {
  const userDataDir = profileDir ?? mkdtempSync(join(tmpdir(), 'reroute-chrome-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width, height },
    colorScheme,
    args: chromiumArgs(extensionDir, port),
  });
  const firstWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // Node gives non-special schemes an opaque "null" origin, so build it from the host.
  const extensionOrigin = `chrome-extension://${new URL(firstWorker.url()).host}/`;
  const worker = async () =>
    context.serviceWorkers().find((w) => w.url().startsWith(extensionOrigin)) ??
    context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(extensionOrigin) });

  return {
    name: 'chrome',
    extensionOrigin,
    context,
    worker,
    /** The global badge, or with `tabUrl` (a URL prefix) the badge that tab shows. */
    async badge({ tabUrl = null } = {}) {
      const [text, color, title, drawn] = await (await worker()).evaluate(async (prefix) => {
        const details = {};
        if (prefix) {
          const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url?.startsWith(prefix));
          if (!tab) throw new Error(`no tab at ${prefix}`);
          details.tabId = tab.id;
        }
        return Promise.all([
          chrome.action.getBadgeText(details),
          chrome.action.getBadgeBackgroundColor(details),
          chrome.action.getTitle(details),
          prefix ? null : chrome.storage.local.get('statusBadge').then(({ statusBadge }) => statusBadge?.icon ?? null),
        ]);
      }, tabUrl);
      // Chrome has no getter for the action's icon: the global one is read from what the background drew (the
      // record it set the icon from); a tab's own is unknown here (null).
      return { text, color: hex(color), title, icon: drawn };
    },
    /** Takes the whole browser offline or back: navigator.onLine and the online/offline events follow. */
    setOffline: (offline) => context.setOffline(offline),
    async evaluateInBackground(source, ...args) {
      return call(await worker(), source, args);
    },
    /** A tab the extension opened, once its URL starts with `prefix` and it has loaded; null within `timeout`. */
    async tabAt(prefix, { timeout = 10_000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const page = context.pages().find((candidate) => candidate.url().startsWith(prefix));
        if (page) {
          await page.waitForLoadState('load').catch(() => {});
          return wrapPage(page);
        }
        if (Date.now() >= deadline) return null;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}${path}`);
      return wrapPage(page);
    },
    async openTab(url) {
      const page = await context.newPage();
      await page.goto(url);
      return wrapPage(page);
    },
    /** Answers the browser's permission prompt that `click` (a user's click asking for `pattern`) brings up.
     * Automation can't reach Chromium's prompt (its auto-confirm is set only by Chromium's own in-process
     * tests; no switch or DevTools command answers it), so each answer takes the user's other way to it:
     * - yes: the user first adds the site in chrome://extensions' "Site access" (what that page itself calls),
     *   and Chromium grants a request for a site already granted without asking again;
     * - no: the prompt is closed unanswered (its window goes, each tab moved out first), which Chromium
     *   reports to the extension as a refusal, as when the user presses Escape. */
    async answerPermissionPrompt(answer, pattern, click) {
      if (answer === 'yes') {
        const settings = await context.newPage();
        await settings.goto('chrome://extensions/');
        // Site access takes whole sites: `https://www.google.com/appsstatus/*` is added as https://www.google.com/*.
        const site = `${pattern.slice(0, pattern.indexOf('/', 'https://'.length))}/*`;
        await settings.evaluate(([id, origin]) => chrome.developerPrivate.addHostPermission(id, origin), [new URL(extensionOrigin).host, site]);
        await settings.close();
        return click();
      }
      await click();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await call(await worker(), async () => {
        // Every tab into a window of its own (each stays visible, as Playwright keeps its pages), then the
        // old windows go, the prompt's with them.
        const old = await chrome.windows.getAll({ populate: true });
        for (const tab of old.flatMap((window) => window.tabs)) await chrome.windows.create({ tabId: tab.id, focused: tab.active });
        for (const window of old) await chrome.windows.remove(window.id).catch(() => {});
      }, []);
    },
    /** Stops the service worker, as Chrome does after 30 s idle, so a test can see what a cold start shows. */
    async stopBackground() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const { targetInfos } = await cdp.send('Target.getTargets');
      for (const target of targetInfos) {
        if (target.type === 'service_worker' && target.url.startsWith(extensionOrigin)) {
          await cdp.send('Target.closeTarget', { targetId: target.targetId });
        }
      }
      await cdp.detach();
    },
    async close() {
      await context.close();
      if (!profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
