// The Firefox adapter for the end-to-end scenarios: headless Firefox (ESR) driven by geckodriver through
// selenium-webdriver, with the built extension (dist/firefox) installed as a temporary add-on. Exposes the
// same small interface as the Chromium adapter, so the shared scenarios never touch WebDriver themselves.
//
// The simulated hosts are reached through network.dns.forceResolve, which maps every host name to 127.0.0.1
// but keeps the port: the Simulation has to listen on 443. Its certificate is self-signed (acceptInsecureCerts).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { By } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';

/** geckodriver from PATH, else where `cargo install geckodriver` puts it. Passing a path explicitly keeps
 *  selenium-manager (which would try the network) out of it. */
function geckodriverPath() {
  const candidates = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), join(homedir(), '.cargo', 'bin')];
  const found = candidates.map((dir) => join(dir, 'geckodriver')).find((path) => existsSync(path));
  if (!found) throw new Error('geckodriver not found on PATH or in ~/.cargo/bin');
  return found;
}

function firefoxBinary() {
  return process.env.FIREFOX_BIN ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A timeout that does not keep node alive by itself. */
const deadlineAfter = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Privileged code, run in the chrome context: the extension's global action state, read straight from the
 *  BrowserAction object that browser.action.* itself reads and writes (ExtensionActions.sys.mjs keeps the
 *  global values in `action.globals`; getBadgeText({}) is `getProperty(null, 'badgeText')`). Reading it here
 *  has no effect on the extension: no page connects to the background, nothing wakes the event page. (The
 *  toolbar button is only drawn from this state, and by default sits inside the Extensions panel.) */
const READ_ACTION = `
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const extension = WebExtensionPolicy.getByID(arguments[0])?.extension;
  const action = extension && ExtensionParent.apiManager.global.browserActionFor?.(extension)?.action;
  if (!action) return null;
  // arguments[1]: a URL prefix, to read that tab's own values (falling back to the global ones, as the
  // toolbar does); null for the global values.
  let tab = null;
  if (arguments[1]) {
    for (const window of Services.wm.getEnumerator('navigator:browser')) {
      tab ??= window.gBrowser.tabs.find((candidate) => candidate.linkedBrowser.currentURI.spec.startsWith(arguments[1]));
    }
    if (!tab) return null;
  }
  return {
    backgroundState: extension.backgroundState,
    text: action.getProperty(tab, 'badgeText'),
    color: action.getProperty(tab, 'badgeBackgroundColor'),
    title: action.getProperty(tab, 'title'),
    icon: String(action.getProperty(tab, 'icon')?.[16] ?? ''),
  };
`;

function hexColour(rgba) {
  return `#${rgba.slice(0, 3).map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/** `profileDir`: a profile to use and keep, in place (a browser restart is a second launch with the same one:
 * the add-on's UUID is kept in it, and its storage outlives the temporary add-on's removal at shutdown); without
 * it, geckodriver's fresh copy. */
export async function launchFirefox({ extensionDir, width = 420, height = 700, colorScheme = 'light', profileDir = null }) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  // Choosing the add-on's UUID (pref extensions.webextensions.uuids) makes its moz-extension:// origin known.
  const uuidFile = profileDir && join(profileDir, 'reroute-uuid');
  const uuid = uuidFile && existsSync(uuidFile) ? readFileSync(uuidFile, 'utf8').trim() : randomUUID();
  if (uuidFile) {
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(uuidFile, uuid);
  }
  const extensionOrigin = `moz-extension://${uuid}/`;

  const options = new firefox.Options()
    .addArguments('-headless')
    .setPreference('network.dns.forceResolve', '127.0.0.1')
    // What prefers-color-scheme says in pages: 0 dark, 1 light.
    .setPreference('layout.css.prefers-color-scheme.content-override', colorScheme === 'dark' ? 0 : 1)
    // Keep manifest.json a plain document (evaluateInBackground runs there), not the devtools JSON viewer.
    .setPreference('devtools.jsonview.enabled', false)
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [id]: uuid }))
    // Nothing else should talk to the (absent) network or pop up over the tabs we open.
    .setPreference('browser.shell.checkDefaultBrowser', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('browser.aboutwelcome.enabled', false)
    // Optional permissions are granted without the doorhanger a user would answer (automation cannot).
    .setPreference('extensions.webextOptionalPermissionPrompts', false);
  options.setAcceptInsecureCerts(true);
  if (profileDir) {
    options.addArguments('-profile', profileDir);
    // A temporary add-on is removed at shutdown; its storage stays, as a user's installed one's does.
    options.setPreference('extensions.webextensions.keepStorageOnUninstall', true);
  }
  const binary = firefoxBinary();
  if (binary) options.setBinary(binary);

  // --allow-system-access lets the session switch to the chrome context: WebDriver's get() refuses
  // moz-extension:// URLs, so extension pages are opened from privileged code, and badge() reads from there.
  // MOZ_HEADLESS reaches Firefox through geckodriver's environment, in case -headless is ever dropped.
  const service = new firefox.ServiceBuilder(geckodriverPath())
    .addArguments('--allow-system-access')
    .setEnvironment({ ...process.env, MOZ_HEADLESS: '1' })
    .build();
  const driver = firefox.Driver.createSession(options, service);
  // createSession() started geckodriver; keep its exit (via the service's internal command_) so close() can
  // wait for it. Otherwise a geckodriver still shutting down when node exits is orphaned (and, under an init
  // that does not reap, left as a zombie).
  const geckodriverExited = Promise.resolve(service.command_)
    .then((command) => command?.result())
    .catch(() => {});

  // WebDriver state (chrome/content context, current window) is global to the session, so every operation
  // runs alone: scenarios may call badge() and page methods concurrently.
  let queue = Promise.resolve();
  const exclusive = (fn) => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };
  const inChrome = async (script, ...args) => {
    await driver.setContext(firefox.Context.CHROME);
    try {
      return await driver.executeScript(script, ...args);
    } finally {
      await driver.setContext(firefox.Context.CONTENT);
    }
  };
  const handles = () => driver.getAllWindowHandles(); // content context: one handle per tab

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await queue;
    try {
      await driver.quit(); // closes Firefox, then SIGTERMs geckodriver
    } finally {
      await service.kill();
      await Promise.race([geckodriverExited, deadlineAfter(10000)]);
    }
  };

  /** A tab, addressed by its WebDriver window handle. Scripts run in the page's own realm (Marionette does not
   *  put content scripts behind Xrays), so an extension page's `browser` global is simply in scope. */
  const page = (handle) => {
    const run = (fn) =>
      exclusive(async () => {
        if (closed) throw new Error('browser closed');
        await driver.switchTo().window(handle);
        return fn();
      });
    const script = (body, ...args) => run(() => driver.executeScript(body, ...args));
    return {
      handle,
      text: (selector) =>
        script('const el = document.querySelector(arguments[0]); return el ? el.textContent.trim() : null;', selector),
      attribute: (selector, name) =>
        script('const el = document.querySelector(arguments[0]); return el ? el.getAttribute(arguments[1]) : null;', selector, name),
      // checkVisibility() is false for display:none on the element or any ancestor, and for elements not rendered.
      isHidden: (selector) =>
        script('const el = document.querySelector(arguments[0]); return !el || el.hidden || !el.checkVisibility();', selector),
      click: (selector) => run(async () => (await driver.findElement(By.css(selector))).click()),
      /** A real (trusted) click on `inner` inside `host`'s open shadow root. */
      clickInShadow: (host, inner) =>
        run(async () => (await (await driver.findElement(By.css(host))).getShadowRoot()).findElement(By.css(inner)).then((element) => element.click())),
      /** Real keystrokes into the element, as a user types. */
      type: (selector, text) => run(async () => (await driver.findElement(By.css(selector))).sendKeys(text)),
      url: () => run(() => driver.getCurrentUrl()),
      async waitFor(predicateSource, { timeout = 10000 } = {}) {
        const deadline = Date.now() + timeout;
        for (;;) {
          // A predicate that throws (e.g. before the element exists) counts as not yet true; the error is kept
          // for the timeout message.
          const [ok, error] = await script(`try { return [!!(${predicateSource})]; } catch (e) { return [false, String(e)]; }`);
          if (ok) return;
          if (Date.now() > deadline) {
            throw new Error(`firefox: timed out after ${timeout} ms waiting for ${predicateSource}${error ? ` (${error})` : ''}`);
          }
          await sleep(100);
        }
      },
      // WebDriver awaits a returned promise, so async functions work; the source is inlined, not eval'd.
      evaluate: (source, ...args) => script(`return (${source})(...arguments);`, ...args),
      screenshot: (path) => run(async () => writeFile(path, Buffer.from(await driver.takeScreenshot(), 'base64'))),
      close: () =>
        exclusive(async () => {
          if (closed) return;
          await driver.switchTo().window(handle);
          await driver.close();
          // Leave WebDriver pointed at a live tab, or the next command has no window to act in.
          const [next] = await handles();
          if (next) await driver.switchTo().window(next);
        }),
    };
  };

  /** Waits until the new tab's document has finished loading, then returns it as a Page. */
  const opened = async (before) => {
    for (let tries = 0; ; tries++) {
      const handle = (await handles()).find((h) => !before.includes(h));
      if (handle) {
        await driver.switchTo().window(handle);
        const loaded = async () => (await driver.executeScript('return document.readyState')) === 'complete';
        await driver.wait(loaded, 10000, 'firefox: the new tab did not finish loading');
        return page(handle);
      }
      if (tries > 100) throw new Error('firefox: the new tab never appeared');
      await sleep(50);
    }
  };

  try {
    // Size the viewport (what pages and screenshots see), not the window: add the browser chrome's own size.
    // The browser window's stylesheet sets a 500px minimum width, so lower it first for popup-sized widths.
    const [chromeWidth, chromeHeight] = await inChrome(`
      document.documentElement.style.setProperty('--window-min-width', '0px');
      const content = gBrowser.selectedBrowser.getBoundingClientRect();
      return [window.outerWidth - content.width, window.outerHeight - content.height];
    `);
    await driver.manage().window().setRect({ width: width + chromeWidth, height: height + chromeHeight });
    await driver.installAddon(extensionDir, true);
    // installAddon() returns once the add-on is installed; wait until its background is actually running so the
    // scenarios start from a live extension (its startup poll is on the way).
    const deadline = Date.now() + 15000;
    for (;;) {
      const state = await inChrome(READ_ACTION, id);
      if (state?.backgroundState === 'running') break;
      if (Date.now() > deadline) throw new Error(`firefox: extension background never started (${JSON.stringify(state)})`);
      await sleep(100);
    }
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }

  const openExtensionPage = (path) =>
    exclusive(async () => {
      const before = await handles();
      await inChrome(
        `gBrowser.selectedTab = gBrowser.addTab(arguments[0], {
           triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
         });`,
        new URL(path, extensionOrigin).href,
      );
      return opened(before);
    });

  // Firefox offers no way into the event page's own realm from WebDriver (it lives in a windowless browser in
  // the extension process), so "background" code runs in another document of the extension's origin: its
  // manifest.json, opened once in a tab of its own. That document gets the full `browser` API (alarms, action,
  // storage: state the parent process holds for the whole extension), but not the background's globals.
  // Unlike the popup it opens no port, so the background does not start polling faster.
  let extensionContext;
  const contextPage = () => (extensionContext ??= openExtensionPage('manifest.json'));

  return {
    name: 'firefox',
    extensionOrigin,
    /** The global badge, or with `tabUrl` (a URL prefix) the badge that tab shows. */
    async badge({ tabUrl = null } = {}) {
      const state = await exclusive(() => inChrome(READ_ACTION, id, tabUrl));
      if (!state) throw new Error(`firefox: no extension action${tabUrl ? ` or no tab at ${tabUrl}` : ''}`);
      // The toolbar icon's state, from the file it shows (icons/state-{state}-16.png), or null.
      const icon = /state-(\w+)-16\.png$/.exec(state.icon)?.[1] ?? null;
      return { text: state.text, color: hexColour(state.color), title: state.title, icon };
    },
    async evaluateInBackground(source, ...args) {
      return (await contextPage()).evaluate(source, ...args);
    },
    /** Suspends the event page as its idle timeout would (the counterpart of Chrome stopping its worker). */
    stopBackground: () =>
      exclusive(async () => {
        const terminate = () =>
          inChrome(
            `return WebExtensionPolicy.getByID(arguments[0]).extension
               .terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });`,
            id,
          );
        // A request in flight (a status poll against a hanging server takes up to its 10 s timeout) can hold
        // the suspension back under load, and an alarm may wake the page again between two looks: ask again
        // if it is still running after a while.
        for (let attempt = 0; attempt < 3; attempt++) {
          await terminate();
          const deadline = Date.now() + 12000;
          while (Date.now() < deadline) {
            if ((await inChrome(READ_ACTION, id))?.backgroundState !== 'running') return;
            await sleep(50);
          }
        }
        throw new Error('firefox: the background did not stop');
      }),
    /** Right-clicks `selector` in the page at `handle` as a user does (the real context menu opens, with the
     *  items Firefox built from the extension's contextMenus), chooses the item labelled `label`, and returns
     *  the labels of every visible item that starts with `labelPrefix`. */
    async contextMenu(handle, selector, label, labelPrefix) {
      return exclusive(async () => {
        await driver.switchTo().window(handle);
        await driver.actions().contextClick(await driver.findElement(By.css(selector))).perform();
        for (let tries = 0; tries < 50; tries++) {
          const result = await inChrome(
            `const menu = document.getElementById('contentAreaContextMenu');
             if (menu.state !== 'open') return null;
             const visible = [...menu.querySelectorAll('menuitem')].filter((item) => !item.hidden);
             const labels = visible.map((item) => item.getAttribute('label') ?? '').filter((text) => text.startsWith(arguments[1]));
             // Fired as a click on it would: the command event the menu item listens for.
             visible.find((item) => item.getAttribute('label') === arguments[0])?.doCommand();
             menu.hidePopup();
             return labels;`,
            label,
            labelPrefix,
          );
          if (result) return result;
          await sleep(50);
        }
        throw new Error('firefox: the context menu never opened');
      });
    },
    /** Presses the extension's keyboard shortcut `shortcut` (e.g. "Alt+Shift+R") as the browser registered it:
     *  the <key> element Firefox built from the manifest's `commands` fires its command, as the keypress would.
     *  False when no key of this add-on has that combination. */
    pressShortcut: (shortcut) =>
      exclusive(() =>
        inChrome(
          `const parts = arguments[1].toLowerCase().split('+');
           const letter = parts.pop();
           const keys = document.querySelectorAll('keyset[id="ext-keyset-id-' + arguments[0] + '"] > key');
           const key = [...keys].find((k) => k.getAttribute('key')?.toLowerCase() === letter &&
             k.getAttribute('modifiers').split(',').sort().join() === parts.sort().join());
           key?.doCommand();
           return !!key;`,
          id.toLowerCase().replace(/[^a-z0-9_-]/g, '_'),
          shortcut,
        ),
      ),
    /** Answers the permission prompt that `click` (a user's click asking for `pattern`) brings up. The profile
     * grants optional permissions without asking (automation can't wait on every prompt); for "no", prompts
     * are switched on for this one click and the real doorhanger's "Cancel" is pressed. */
    async answerPermissionPrompt(answer, _pattern, click) {
      if (answer === 'yes') return click();
      const prompts = (on) =>
        exclusive(() => inChrome('Services.prefs.setBoolPref("extensions.webextOptionalPermissionPrompts", arguments[0]);', on));
      await prompts(true);
      try {
        await click();
        for (let tries = 0; ; tries++) {
          const pressed = await exclusive(() =>
            inChrome(`
              const window = Services.wm.getMostRecentWindow('navigator:browser');
              const prompt = window.document.getElementById('addon-webext-permissions-notification');
              const cancel = prompt?.querySelector('.popup-notification-secondary-button');
              if (!cancel || prompt.hidden) return false;
              cancel.click();
              return true;`),
          );
          if (pressed) break;
          if (tries > 100) throw new Error('firefox: no permission prompt came up');
          await sleep(50);
        }
      } finally {
        await prompts(false);
      }
    },
    /** Gives the extension host access back as the user would in about:addons (a required host included,
     * which the extension itself can't request again without a user's click). */
    grantHosts: (origins) =>
      exclusive(() =>
        inChrome(
          `const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
           return ExtensionPermissions.add(arguments[0], { permissions: [], origins: arguments[1] }, WebExtensionPolicy.getByID(arguments[0]).extension)
             .then(() => true);`,
          id,
          origins,
        ),
      ),
    /** Takes the whole browser offline or back: navigator.onLine and the online/offline events follow. */
    setOffline: (offline) =>
      exclusive(() =>
        inChrome('Services.io.manageOfflineStatus = false; Services.io.offline = arguments[0];', offline),
      ),
    openExtensionPage,
    /** A tab the extension opened, once its URL starts with `prefix` and it has loaded; null within `timeout`. */
    async tabAt(prefix, { timeout = 10000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const found = await exclusive(async () => {
          for (const handle of await handles()) {
            await driver.switchTo().window(handle);
            if ((await driver.getCurrentUrl()).startsWith(prefix)) return handle;
          }
          return null;
        });
        if (found) return page(found);
        if (Date.now() >= deadline) return null;
        await sleep(100);
      }
    },
    openTab: (url) =>
      exclusive(async () => {
        await driver.switchTo().newWindow('tab');
        const handle = await driver.getWindowHandle();
        await driver.get(url); // waits for the load
        return page(handle);
      }),
    close,
  };
}
