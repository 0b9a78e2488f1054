// The local stand-in for the outside world: one HTTPS server that answers for status.claude.com, claude.ai,
// chatgpt.com and gemini.google.com, routed by the Host header. Browsers reach it through their own host
// mapping (Chromium: --host-resolver-rules; Firefox: network.dns.forceResolve), so Reroute runs with its
// real manifest and real host permissions.
//
// Run by hand: node www/server.mjs [--port 443] [--status major-outage]
// Switch the status from a shell: curl -k 'https://127.0.0.1/__sim/status?scenario=operational' -H 'Host: status.claude.com'
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { completion, COMPLETION_MODES } from './claude.ai/api.mjs';
import { TEXTS_BY_LANGUAGE } from './claude.ai/texts.mjs';
import { scenarios } from './status/scenarios.mjs';

/** The targets asked for only when the user enables them (targets.rs), each a simulation of its own. */
export const OPTIONAL_TARGET_HOSTS = ['www.perplexity.ai', 'chat.mistral.ai', 'chat.deepseek.com', 'copilot.microsoft.com', 'grok.com'];
export const HOSTS = [
  'claude.ai', 'status.claude.com', 'chatgpt.com', 'gemini.google.com', 'status.openai.com', 'www.google.com', 'chat.example.net',
  ...OPTIONAL_TARGET_HOSTS,
];

/** The targets' own status pages: what each serves in each state (real payload shapes, see status/). */
const TARGET_STATUS = {
  'status.openai.com': { path: '/api/v2/summary.json', ok: 'openai-operational.json', down: 'openai-conversations-outage.json' },
  'www.google.com': { path: '/appsstatus/dashboard/incidents.json', ok: 'google-calm.json', down: 'google-gemini-outage.json' },
};
// late-send: the send control comes 2 s after the text; shadow: a grammar checker's closed shadow host wraps the
// composer (as in the captures); ja: the site's Japanese UI; twin: a hidden copy of the composer comes first in the
// page; q-autosend: chatgpt.com submits a `?q=` by itself; challenge: Cloudflare's bot check instead of the page;
// limit: the user's own usage cap over the composer (ChatGPT); error-screen: the site's error in place of the app
// (Gemini).
export const TARGET_MODES = ['ok', 'slow', 'login', 'broken', 'error', 'no-send', 'mangle', 'spa', 'late-send', 'shadow', 'ja', 'twin', 'q-autosend', 'challenge', 'limit', 'error-screen'];
/** Where each simulated target posts what the user submitted. */
const SUBMIT_PATHS = [
  '/backend-api/conversation', '/_/BardChatUi/data/StreamGenerate', '/api/chat/completions', '/rest/sse/perplexity_ask', '/api/chat',
  '/api/v0/chat/completion', '/c/api/conversations', '/rest/app-chat/conversations/new',
];
const www = new URL('.', import.meta.url).pathname;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** A self-signed certificate for every simulated host, made once per machine with openssl. */
function certificate() {
  // One certificate per host list: a cached one made before a host was added would not name it.
  const dir = join(tmpdir(), `reroute-www-cert-${createHash('sha1').update(HOSTS.join()).digest('hex').slice(0, 8)}`);
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  if (!existsSync(cert)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', '/CN=reroute-simulation',
      '-addext', `subjectAltName=${HOSTS.map((host) => `DNS:${host}`).join(',')},IP:127.0.0.1`,
      '-keyout', key, '-out', cert,
    ], { stdio: 'ignore' });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export class Simulation {
  /** Every request, in order: {at, host, method, path, headers}. Tests count and inspect these. */
  requests = [];
  #status = 'operational';
  #statusSince = Date.now();
  #claudeMode = 'ok';
  /** How claude.ai's pages look: its 2026 markup, UI language, a grammar checker in the page, or Cloudflare's
   * challenge standing in for every page. */
  #claudePage = { markup: 'late-2026', lang: 'en', extension: 'none', challenge: false };
  // chat.example.net: a self-hosted front end (Open WebUI-like) for the custom target.
  #targetModes = Object.fromEntries(['chatgpt.com', 'gemini.google.com', 'chat.example.net', ...OPTIONAL_TARGET_HOSTS].map((host) => [host, 'ok']));
  #targetStatus = { 'status.openai.com': 'ok', 'www.google.com': 'ok' };
  /** What the target sites received, in order: {host, text, at}. Tests compare these byte for byte. */
  submissions = [];
  #bundles = new Map();
  #server;

  get claudeMode() {
    return this.#claudeMode;
  }

  /** How claude.ai's completion endpoint answers from now on: one of COMPLETION_MODES. */
  setClaude(mode) {
    if (!COMPLETION_MODES.includes(mode)) throw new Error(`no claude.ai mode '${mode}'; have: ${COMPLETION_MODES.join(', ')}`);
    this.#claudeMode = mode;
  }

  /** How claude.ai's pages look from their next load: any of {markup: 'late-2026' | 'feb-2026', lang: 'en' |
   * 'ja', extension: 'none' | 'grammar-checker', challenge: boolean}; unnamed ones keep their value. */
  setClaudePage(page) {
    const next = { ...this.#claudePage, ...page };
    if (!['late-2026', 'feb-2026'].includes(next.markup) || !(next.lang in TEXTS_BY_LANGUAGE) || !['none', 'grammar-checker'].includes(next.extension)) {
      throw new Error(`no claude.ai page ${JSON.stringify(page)}`);
    }
    this.#claudePage = { ...next, challenge: !!next.challenge };
  }

  get claudePage() {
    return { ...this.#claudePage };
  }

  get statusScenario() {
    return this.#status;
  }

  setStatus(name) {
    if (!scenarios[name]) throw new Error(`no status scenario '${name}'; have: ${Object.keys(scenarios).join(', ')}`);
    this.#status = name;
    this.#statusSince = Date.now();
  }

  requestsTo(host, path) {
    return this.requests.filter((request) => request.host === host && (!path || request.path === path));
  }

  /** Each simulated site's app.mjs, bundled with its editor library into /app.js, in memory. */
  /** How a target site behaves from its next page load: one of TARGET_MODES (each site's app.mjs says which it knows). */
  setTarget(host, mode) {
    if (!(host in this.#targetModes)) throw new Error(`not a target host: ${host}`);
    if (!TARGET_MODES.includes(mode)) throw new Error(`no target mode '${mode}'; have: ${TARGET_MODES.join(', ')}`);
    this.#targetModes[host] = mode;
  }

  /** What a target's status page says from now on: 'ok' or 'down' (host: status.openai.com or www.google.com). */
  setTargetStatus(host, state) {
    if (!(host in TARGET_STATUS) || !['ok', 'down'].includes(state)) throw new Error(`no target status ${host} ${state}`);
    this.#targetStatus[host] = state;
  }

  submissionsTo(host) {
    return this.submissions.filter((submission) => submission.host === host);
  }

  async #bundle() {
    for (const host of HOSTS) {
      const entry = join(www, host, 'app.mjs');
      if (!existsSync(entry)) continue;
      const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', minify: true, write: false, logLevel: 'error' });
      this.#bundles.set(`${host}/app.js`, result.outputFiles[0].contents);
    }
  }

  async listen(port = 443, address = '127.0.0.1') {
    await this.#bundle();
    this.#server = createServer(certificate(), (request, response) => this.#handle(request, response));
    // Slow scenarios keep sockets open; don't let them hold the process at close.
    this.#server.keepAliveTimeout = 1000;
    await new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, address, resolve);
    });
    this.port = this.#server.address().port;
    return this;
  }

  async close() {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => (this.#server ? this.#server.close(resolve) : resolve()));
  }

  #handle(request, response) {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(request.url, `https://${host}`);
    this.requests.push({ at: Date.now(), host, method: request.method, path: url.pathname, headers: request.headers });
    if (url.pathname === '/__sim/claude') {
      try {
        this.setClaude(url.searchParams.get('mode'));
        return send(response, 200, 'text/plain', `claude.ai completion: ${this.#claudeMode}\n`);
      } catch (error) {
        return send(response, 400, 'text/plain', `${error.message}\n`);
      }
    }
    if (url.pathname === '/__sim/target') {
      try {
        this.setTarget(host, url.searchParams.get('mode'));
        return send(response, 200, 'text/plain', `${host}: ${url.searchParams.get('mode')}\n`);
      } catch (error) {
        return send(response, 400, 'text/plain', `${error.message}\n`);
      }
    }
    if (url.pathname === '/__sim/status') {
      try {
        this.setStatus(url.searchParams.get('scenario'));
        return send(response, 200, 'text/plain', `status: ${this.#status}\n`);
      } catch (error) {
        return send(response, 400, 'text/plain', `${error.message}\n`);
      }
    }
    if (host === 'status.claude.com') return this.#serveStatusApi(url, request, response);
    if (host in TARGET_STATUS) {
      const page = TARGET_STATUS[host];
      if (url.pathname !== page.path) return send(response, 404, 'text/plain', 'not found\n');
      const body = readFileSync(join(www, 'status', page[this.#targetStatus[host]]), 'utf8');
      return send(response, 200, 'application/json', body);
    }
    if (host === 'claude.ai' && this.#claudePage.challenge) {
      return send(response, 403, TYPES['.html'], readFileSync(join(www, 'claude.ai', 'challenge.html')), { 'cf-mitigated': 'challenge' });
    }
    if (host === 'claude.ai' && url.pathname.startsWith('/api/')) {
      return completion(this.#claudeMode, url, request, response, (text) => this.submissions.push({ host, text, at: Date.now() }));
    }
    if (host === 'claude.ai' && !extname(url.pathname)) return send(response, 200, TYPES['.html'], this.#claudeShell());
    if (host in this.#targetModes && request.method === 'POST' && SUBMIT_PATHS.includes(url.pathname)) {
      return this.#recordSubmission(host, request, response);
    }
    if (host in this.#targetModes && !extname(url.pathname)) {
      // The optional targets share one shell; their app.js builds the rest.
      const own = join(www, host, 'index.html');
      const shell = existsSync(own) ? own : join(www, 'lib', 'target-shell.html');
      const page = readFileSync(shell, 'utf8').replace('%SIM_MODE%', this.#targetModes[host]);
      return send(response, 200, TYPES['.html'], page);
    }
    const bundle = this.#bundles.get(`${host}${url.pathname}`);
    if (bundle) return send(response, 200, TYPES['.js'], bundle);
    if (HOSTS.includes(host)) return serveFile(response, host, url.pathname);
    send(response, 421, 'text/plain', `not a simulated host: ${host}\n`);
  }

  /** claude.ai's page as served, before the app hydrates, in the chosen markup and language. */
  #claudeShell() {
    const { markup, lang, extension } = this.#claudePage;
    const texts = TEXTS_BY_LANGUAGE[lang];
    const fill = { LANG: lang, MARKUP: markup, EXTENSION: extension, COMPOSER_LABEL: texts.composerLabel, PLACEHOLDER: texts.placeholder, DISCLAIMER: texts.disclaimer };
    return readFileSync(join(www, 'claude.ai', 'index.html'), 'utf8').replace(/%SIM_([A-Z_]+)%/g, (_, name) => fill[name]);
  }

  #recordSubmission(host, request, response) {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const { text } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        this.submissions.push({ host, text, at: Date.now() });
        send(response, 200, 'application/json', '{"ok":true}');
      } catch {
        send(response, 400, 'application/json', '{"ok":false}');
      }
    });
  }

  #serveStatusApi(url, request, response) {
    if (url.pathname !== '/api/v2/summary.json') return serveFile(response, 'status.claude.com', url.pathname);
    const scenario = scenarios[this.#status];
    const body = scenario.body(this.#statusSince);
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    const reply = () => {
      if (response.destroyed) return;
      // Statuspage serves these headers; the extension's background fetch relies on none but the ETag.
      const headers = { 'access-control-allow-origin': '*', 'cache-control': 'max-age=0, private, must-revalidate' };
      if (scenario.status === 200 && request.headers['if-none-match'] === etag) {
        response.writeHead(304, { ...headers, etag });
        return response.end();
      }
      send(response, scenario.status, scenario.type, body, scenario.status === 200 ? { ...headers, etag } : headers);
    };
    if (scenario.delayMs) setTimeout(reply, scenario.delayMs).unref();
    else reply();
  }
}

function send(response, status, type, body, headers = {}) {
  response.writeHead(status, { 'content-type': type, ...headers });
  response.end(body);
}

function serveFile(response, host, path) {
  const relative = normalize(path.endsWith('/') ? `${path}index.html` : path).replace(/^(\.\.(\/|$))+/, '');
  const file = join(www, host, relative);
  if (!file.startsWith(join(www, host)) || !existsSync(file)) {
    // Single-page apps answer every route with their shell.
    const shell = join(www, host, 'index.html');
    if (existsSync(shell) && !extname(relative)) return send(response, 200, TYPES['.html'], readFileSync(shell));
    return send(response, 404, 'text/plain', 'not found\n');
  }
  send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const simulation = new Simulation();
  simulation.setStatus(arg('status', 'operational'));
  await simulation.listen(Number(arg('port', 443)));
  console.log(`simulating ${HOSTS.join(', ')} on https://127.0.0.1:${simulation.port} (status: ${simulation.statusScenario})`);
}
