// One way to start either browser with the built extension, so every suite runs the same scenarios in both.
import { Simulation } from '../../www/server.mjs';

const root = new URL('../../', import.meta.url).pathname;
export const BROWSERS = ['chrome', 'firefox'];

/** The browsers this run is asked for: both, or those REROUTE_BROWSERS names (=chrome or =firefox when working
 * on one). A name that isn't a browser here is an error, not a quietly empty run. */
export function requestedBrowsers() {
  const wanted = process.env.REROUTE_BROWSERS?.split(',').map((name) => name.trim()).filter(Boolean) ?? BROWSERS;
  const unknown = wanted.filter((name) => !BROWSERS.includes(name));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new Error(`REROUTE_BROWSERS=${process.env.REROUTE_BROWSERS}: name ${BROWSERS.join(' and/or ')}`);
  }
  return BROWSERS.filter((name) => wanted.includes(name));
}

/** Why a simulation couldn't have port 443, for the error that says so. */
const unavailable443 = new WeakMap();

/** The simulation on port 443 when possible: Firefox's DNS override keeps the port, Chromium's maps any. */
export async function startSimulation(status = 'operational') {
  const simulation = new Simulation();
  simulation.setStatus(status);
  try {
    await simulation.listen(443);
  } catch (error) {
    if (error.code !== 'EACCES' && error.code !== 'EADDRINUSE') throw error;
    unavailable443.set(simulation, error.code);
    await simulation.listen(0);
  }
  return simulation;
}

/** Browsers to run: those requested. One this simulation can't serve (Firefox only reaches port 443) fails the
 * run: a suite skipped with a warning reads as passed. */
export function browsersFor(simulation) {
  const requested = requestedBrowsers();
  if (requested.includes('firefox') && simulation.port !== 443) {
    throw new Error(
      `port 443 unavailable (${unavailable443.get(simulation) ?? `listening on ${simulation.port}`}): Firefox can only reach the ` +
        'simulation there. Allow binding it (e.g. sysctl net.ipv4.ip_unprivileged_port_start=443, or free the port), ' +
        'or run Chromium alone with REROUTE_BROWSERS=chrome',
    );
  }
  return requested;
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
