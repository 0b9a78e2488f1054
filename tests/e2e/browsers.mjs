// One way to start either browser with the built extension, so every suite runs the same scenarios in both.
import { Simulation } from '../../www/server.mjs';

const root = new URL('../../', import.meta.url).pathname;
export const BROWSERS = ['chrome', 'firefox'];

/** The simulation on port 443 when possible: Firefox's DNS override keeps the port, Chromium's maps any. */
export async function startSimulation(status = 'operational') {
  const simulation = new Simulation();
  simulation.setStatus(status);
  try {
    await simulation.listen(443);
  } catch (error) {
    if (error.code !== 'EACCES' && error.code !== 'EADDRINUSE') throw error;
    await simulation.listen(0);
    console.warn(`# port 443 unavailable (${error.code}): Firefox suites are skipped`);
  }
  return simulation;
}

/** Browsers to run: all that this simulation can serve (Firefox only reaches port 443), narrowed by
 * REROUTE_BROWSERS=chrome or =firefox when working on one. */
export function browsersFor(simulation) {
  const wanted = process.env.REROUTE_BROWSERS?.split(',') ?? BROWSERS;
  return BROWSERS.filter((name) => wanted.includes(name) && (name === 'chrome' || simulation.port === 443));
}

export async function launch(name, simulation, options = {}) {
  if (name === 'chrome') {
    const { launchChrome } = await import('./chrome.mjs');
    return launchChrome({ extensionDir: `${root}dist/chrome`, port: simulation.port, ...options });
  }
  const { launchFirefox } = await import('./firefox.mjs');
  return launchFirefox({ extensionDir: `${root}dist/firefox`, ...options });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `accept(value)` holds; returns the last value either way, so assertions show it. */
export async function eventually(probe, accept, { timeout = 15_000, every = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await sleep(every);
    value = await probe();
  }
  return value;
}

/** Fires the background's status-poll alarm now: it polls exactly as it would on schedule. */
export function pollStatusNow(browser) {
  return browser.evaluateInBackground(() => (globalThis.browser ?? globalThis.chrome).alarms.create('status-poll', { when: Date.now() }));
}

/** Switches the simulated status page, has the background poll it, and waits for the global badge to show it. */
export async function switchStatus(browser, simulation, scenario, badgeText) {
  simulation.setStatus(scenario);
  await pollStatusNow(browser);
  return eventually(() => browser.badge(), (badge) => badge.text === badgeText);
}
