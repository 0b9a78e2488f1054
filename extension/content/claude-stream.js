// @ts-check
// Runs in claude.ai's own JavaScript world ("MAIN"), the only place that sees the completion stream. It wraps
// fetch read-only: the page gets the very same promise and Response it would have got; Reroute reads a clone.
// From the server-sent events it forwards only event types, error types and limit fields, never content, to
// Reroute's isolated content script (claude.js), which validates them; likewise from the JSON answer of an
// HTTP 429 (the exceeded limit), and whether a stream ended before its `message_stop`. Any error in here leaves
// the page alone.
(() => {
  // Filled in by tools/assemble.mjs from src/claude.rs, the one table of claude.ai facts.
  const SITE = __CLAUDE_SITE__;
  const original = window.fetch;
  if (typeof original !== 'function') return;

  /** What this script tells claude.js (which validates it again: the page can post the same).
   * @typedef {{kind: 'stream-error', errorType: string}
   *   | {kind: 'stream-limit', limitType: string, utilization: number | null, resetsAt: number | null,
   *      windows: {fiveHour: LimitWindow | null, sevenDay: LimitWindow | null}}
   *   | {kind: 'stream-done'} | {kind: 'stream-cut'}} StreamEvent */
  /** @param {StreamEvent} event */
  const post = (event) => window.postMessage({ source: 'reroute-stream', event }, window.location.origin);
  /** @param {unknown} value */
  const finite = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

  /** One of a message_limit's windows: used (0 to 1), reset time (Unix s), status.
   * @typedef {{utilization: number | null, resetsAt: number | null, status: string | null}} LimitWindow */
  /** @param {any} window claude.ai's JSON, read defensively @param {boolean} trustUtilization
   * @returns {LimitWindow | null} */
  const limitWindow = (window, trustUtilization) =>
    window && typeof window === 'object'
      ? {
          utilization: trustUtilization ? finite(window.utilization) : null,
          resetsAt: finite(window.resets_at),
          status: typeof window.status === 'string' ? window.status.slice(0, 40) : null,
        }
      : null;

  /** What a message_limit object says, as the stream's event and the 429 answer both carry it.
   * @param {any} limit claude.ai's JSON, read defensively
   * @param {{trustUtilization: boolean}} options
   * @returns {StreamEvent} */
  function limitEvent(limit, { trustUtilization }) {
    return {
      kind: 'stream-limit',
      limitType: String(limit?.type ?? '').slice(0, 40),
      // The 429 answer's utilisation may be stale (PAGE-MODEL); its type and reset time are reliable.
      utilization: trustUtilization ? finite(limit?.windows?.['5h']?.utilization) : null,
      resetsAt: finite(limit?.resetsAt),
      windows: { fiveHour: limitWindow(limit?.windows?.['5h'], trustUtilization), sevenDay: limitWindow(limit?.windows?.['7d'], trustUtilization) },
    };
  }

  /** Whether a fetch call is the user sending a message (a POST to a completion endpoint of this origin).
   * @param {RequestInfo | URL} input
   * @param {RequestInit | undefined} init */
  function isCompletion(input, init) {
    const request = input instanceof Request ? input : null;
    const method = String(init?.method ?? request?.method ?? 'GET').toUpperCase();
    if (method !== 'POST') return false;
    const url = new URL(request ? request.url : String(input), window.location.href);
    return url.origin === window.location.origin && SITE.completionPaths.some((ending) => url.pathname.endsWith(ending));
  }

  // The only events read; every other frame (thousands of content deltas) is skipped by its first line.
  const WANTED = new Set(['error', 'message_limit', 'message_stop']);

  /** Reads one wanted frame; returns its event type.
   * @param {string} frame */
  function handleFrame(frame) {
    let type = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (type === 'error') {
      const error = JSON.parse(data)?.error;
      post({ kind: 'stream-error', errorType: String(error?.type ?? 'unknown_error').slice(0, 40) });
    } else if (type === 'message_limit') {
      post(limitEvent(JSON.parse(data)?.message_limit, { trustUtilization: true }));
    } else if (type === 'message_stop') {
      post({ kind: 'stream-done' });
    }
    return type;
  }

  /** The exceeded limit claude.ai answers with HTTP 429 and JSON, no stream: `error.message` holds the
   * message_limit object as a JSON string.
   * @param {Response} response */
  async function readRefusal(response) {
    const body = await response.clone().json();
    const limit = JSON.parse(body?.error?.message ?? 'null');
    if (limit && typeof limit === 'object') post(limitEvent(limit, { trustUtilization: false }));
  }

  /** Reads a completion's answer (a clone) to its end.
   * @param {Response} response */
  async function watch(response) {
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 429 && type.includes('json')) return readRefusal(response);
    if (!response.ok || !response.body || !type.includes('text/event-stream')) return;
    const body = /** @type {NonNullable<Response['body']>} */ (response.clone().body); // a clone of a body has one
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    // The reply ended properly (message_stop), or the stream said why it didn't (error, exceeded limit).
    let ended = false;
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (error) {
        // The page stopping the reply (its Stop button, leaving the chat) aborts it: not a failure.
        if (/** @type {{name?: unknown} | null | undefined} */ (error)?.name !== 'AbortError' && !ended) post({ kind: 'stream-cut' });
        return;
      }
      const { value, done } = chunk;
      if (done) {
        if (!ended) post({ kind: 'stream-cut' });
        return;
      }
      // Line ends may be \r\n, and a chunk may end between the two: normalise what has arrived as a whole (a
      // final \r waits for its \n), or that frame would run into the next and both be lost.
      buffer = (buffer + value).replaceAll('\r\n', '\n');
      let start = 0;
      let end;
      while ((end = buffer.indexOf('\n\n', start)) >= 0) {
        if (buffer.startsWith('event:', start)) {
          const name = buffer.slice(start + 6, buffer.indexOf('\n', start)).trim();
          if (WANTED.has(name)) {
            try {
              handleFrame(buffer.slice(start, end));
              ended ||= name !== 'message_limit' || buffer.slice(start, end).includes('exceeded_limit');
            } catch {
              // A frame we can't read is skipped; the next one may be fine.
            }
          }
        }
        start = end + 2;
      }
      buffer = buffer.slice(start);
      // A frame that never ends (a misbehaving server): drop it rather than grow without bound.
      if (buffer.length > 1_000_000) buffer = '';
    }
  }

  window.fetch = function fetch(input, init) {
    // The page's own arguments, however many it passed.
    const pending = original.apply(this, /** @type {Parameters<typeof fetch>} */ (/** @type {unknown} */ (arguments)));
    try {
      if (isCompletion(input, init)) pending.then((response) => watch(response).catch(() => {}), () => {});
    } catch {
      // Never let Reroute break the page.
    }
    return pending;
  };
})();
