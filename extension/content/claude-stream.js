// Runs in claude.ai's own JavaScript world ("MAIN"), the only place that sees the completion stream. It wraps
// fetch read-only: the page gets the very same promise and Response it would have got; Reroute reads a clone.
// From the server-sent events it forwards only event types, error types and limit fields, never content, to
// Reroute's isolated content script (claude.js), which validates them. Any error in here leaves the page alone.
(() => {
  // Filled in by tools/assemble.mjs from src/claude.rs, the one table of claude.ai facts.
  const SITE = __CLAUDE_SITE__;
  const original = window.fetch;
  if (typeof original !== 'function') return;

  const post = (event) => window.postMessage({ source: 'reroute-stream', event }, window.location.origin);

  function isCompletion(input, init) {
    const request = input instanceof Request ? input : null;
    const method = String(init?.method ?? request?.method ?? 'GET').toUpperCase();
    if (method !== 'POST') return false;
    const url = new URL(request ? request.url : String(input), window.location.href);
    return url.origin === window.location.origin && SITE.completionPaths.some((ending) => url.pathname.endsWith(ending));
  }

  // The only events read; every other frame (thousands of content deltas) is skipped by its first line.
  const WANTED = new Set(['error', 'message_limit', 'message_stop']);

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
      const limit = JSON.parse(data)?.message_limit ?? {};
      const utilization = limit.windows?.['5h']?.utilization;
      post({
        kind: 'stream-limit',
        limitType: String(limit.type ?? '').slice(0, 40),
        utilization: Number.isFinite(utilization) ? utilization : null,
      });
    } else if (type === 'message_stop') {
      post({ kind: 'stream-done' });
    }
  }

  async function watch(response) {
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !response.body || !type.includes('text/event-stream')) return;
    const reader = response.clone().body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replaceAll('\r\n', '\n');
      let start = 0;
      let end;
      while ((end = buffer.indexOf('\n\n', start)) >= 0) {
        if (buffer.startsWith('event:', start)) {
          const name = buffer.slice(start + 6, buffer.indexOf('\n', start)).trim();
          if (WANTED.has(name)) {
            try {
              handleFrame(buffer.slice(start, end));
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
    const pending = original.apply(this, arguments);
    try {
      if (isCompletion(input, init)) pending.then((response) => watch(response).catch(() => {}), () => {});
    } catch {
      // Never let Reroute break the page.
    }
    return pending;
  };
})();
