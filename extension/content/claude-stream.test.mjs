// Unit tests of claude-stream.js, the read-only observer of claude.ai's completion stream. It is a classic
// script for the page's world, so it runs here as a script in a context whose `window` has a fake fetch: the
// test hands it a Response (a stream cut into chunks where it likes) and reads what it posts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';

const ORIGIN = 'https://claude.ai';
const COMPLETION = `${ORIGIN}/api/organizations/org/chat_conversations/chat/completion`;
// The fields of src/claude.rs's ContentConfig the script reads; assemble.mjs writes the real one in.
const SITE = { completionPaths: ['/completion', '/retry_completion'] };
const source = readFileSync(new URL('./claude-stream.js', import.meta.url), 'utf8').replace('__CLAUDE_SITE__', JSON.stringify(SITE));

/** Loads the script over a fake fetch that answers `respond(input, init)`; returns the page's fetch and what
 * the script posted. */
function page(respond) {
  const posted = [];
  const window = {
    location: { origin: ORIGIN, href: `${ORIGIN}/chat/chat` },
    fetch: async (input, init) => respond(input, init),
    postMessage: (message, origin) => {
      assert.equal(origin, ORIGIN, 'posted to the page’s own origin only');
      posted.push(JSON.parse(JSON.stringify(message)));
    },
  };
  vm.runInNewContext(source, { window, Request, Response, URL, TextDecoderStream });
  return { fetch: (...args) => window.fetch(...args), posted };
}

/** A stream answer whose body arrives in `chunks` (strings), optionally failing after them. */
function streamed(chunks, { status = 200, failWith = null } = {}) {
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (failWith) controller.error(failWith);
      else controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
}

/** Waits until the script has read the whole answer: it posts at most once more after the last chunk. */
async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Sends one completion through the page's fetch and returns what was posted, the page reading its own copy. */
async function complete(response) {
  const { fetch, posted } = page(() => response);
  const answer = await fetch(COMPLETION, { method: 'POST', body: '{}' });
  await answer.text(); // the page reads the stream as it would
  await settle();
  return posted.map((message) => {
    assert.equal(message.source, 'reroute-stream');
    return message.event;
  });
}

const frame = (event, data) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const DELTA = frame('content_block_delta', { type: 'content_block_delta', delta: { type: 'text_delta', text: 'secret reply text' } });
const LIMIT = frame('message_limit', {
  type: 'message_limit',
  message_limit: {
    type: 'within_limit',
    resetsAt: 1767225600,
    remaining: null,
    windows: { '5h': { status: 'within_limit', resets_at: 1767225600, utilization: 0.25 }, '7d': { status: 'within_limit', resets_at: 1767700000, utilization: 0.4 } },
  },
});
const STOP = frame('message_stop', { type: 'message_stop' });
/** What LIMIT becomes: both windows, as claude.ai reports them. */
const WITHIN_LIMIT = {
  kind: 'stream-limit',
  limitType: 'within_limit',
  utilization: 0.25,
  resetsAt: 1767225600,
  windows: {
    fiveHour: { utilization: 0.25, resetsAt: 1767225600, status: 'within_limit' },
    sevenDay: { utilization: 0.4, resetsAt: 1767700000, status: 'within_limit' },
  },
};

test('a complete reply: its limit event and its end, never its content', async () => {
  const events = await complete(streamed([frame('message_start', { type: 'message_start' }), DELTA, LIMIT, DELTA, STOP]));
  assert.deepEqual(events, [
    WITHIN_LIMIT,
    { kind: 'stream-done' },
  ]);
  assert.doesNotMatch(JSON.stringify(events), /secret/);
});

test('frames cut anywhere between chunks read the same, with \\n or \\r\\n line ends', async () => {
  for (const newline of ['\n', '\r\n']) {
    const whole = [DELTA, LIMIT, STOP].join('').replaceAll('\n', newline);
    for (let cut = 1; cut < whole.length; cut++) {
      const events = await complete(streamed([whole.slice(0, cut), whole.slice(cut)]));
      assert.deepEqual(
        events.map((event) => event.kind),
        ['stream-limit', 'stream-done'],
        `${JSON.stringify(newline)} cut at ${cut}: ${JSON.stringify(whole.slice(Math.max(0, cut - 10), cut))}|…`,
      );
    }
  }
});

test('an error inside an HTTP 200 is its type, and the stream that said why it ends is not cut', async () => {
  const events = await complete(
    streamed([DELTA, frame('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })]),
  );
  assert.deepEqual(events, [{ kind: 'stream-error', errorType: 'overloaded_error' }]);
});

test('a stream that ends before message_stop is cut; one the page aborts is not', async () => {
  assert.deepEqual(await complete(streamed([DELTA, LIMIT, DELTA])), [
    WITHIN_LIMIT,
    { kind: 'stream-cut' },
  ]);
  const { fetch, posted } = page(() => streamed([DELTA], { failWith: new DOMException('The user aborted a request.', 'AbortError') }));
  await (await fetch(COMPLETION, { method: 'POST' })).text().catch(() => {});
  await settle();
  assert.deepEqual(posted, []);
});

test('a network failure mid-stream is a cut', async () => {
  const { fetch, posted } = page(() => streamed([DELTA], { failWith: new TypeError('network error') }));
  await (await fetch(COMPLETION, { method: 'POST' })).text().catch(() => {});
  await settle();
  assert.deepEqual(posted.map((message) => message.event), [{ kind: 'stream-cut' }]);
});

test('an exceeded limit in the stream ends it; a frame that is not JSON is skipped', async () => {
  const exceeded = frame('message_limit', { message_limit: { type: 'exceeded_limit', resetsAt: 1767225600 } });
  assert.deepEqual(await complete(streamed(['event: message_limit\ndata: {not json\n\n', exceeded])), [
    { kind: 'stream-limit', limitType: 'exceeded_limit', utilization: null, resetsAt: 1767225600, windows: { fiveHour: null, sevenDay: null } },
  ]);
});

test("HTTP 429's JSON: the limit in error.message, its utilisation not trusted", async () => {
  const limit = { type: 'exceeded_limit', resetsAt: 1767225600, windows: { '5h': { utilization: 0.1 } } };
  const body = JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: JSON.stringify(limit) } });
  const events = await complete(new Response(body, { status: 429, headers: { 'content-type': 'application/json' } }));
  assert.deepEqual(events, [
    {
      kind: 'stream-limit',
      limitType: 'exceeded_limit',
      utilization: null,
      resetsAt: 1767225600,
      // Reached and when: taken; how much: not (it may be stale).
      windows: { fiveHour: { utilization: null, resetsAt: null, status: null }, sevenDay: null },
    },
  ]);
  // A 429 whose message is prose, not a limit: nothing.
  const prose = JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Too many requests' } });
  assert.deepEqual(await complete(new Response(prose, { status: 429, headers: { 'content-type': 'application/json' } })), []);
});

test('only POSTs to a completion endpoint of the page’s origin are read, and the page gets its own Response', async () => {
  const response = streamed([STOP]);
  const { fetch, posted } = page(() => response);
  assert.equal(await fetch(COMPLETION, { method: 'POST' }), response, 'the very same Response');
  for (const [input, init] of [
    [COMPLETION, undefined],
    [`${ORIGIN}/api/organizations/org/chat_conversations`, { method: 'POST' }],
    ['https://example.com/completion', { method: 'POST' }],
  ]) {
    const { fetch: other, posted: none } = page(() => streamed([STOP]));
    await (await other(input, init)).text();
    await settle();
    assert.deepEqual(none, [], `${init?.method ?? 'GET'} ${input}`);
  }
  await response.text();
  await settle();
  assert.deepEqual(posted.map((message) => message.event.kind), ['stream-done']);
  const retry = page(() => streamed([STOP]));
  await (await retry.fetch(new Request(`${ORIGIN}/api/x/retry_completion`, { method: 'POST' }))).text();
  await settle();
  assert.deepEqual(retry.posted.map((message) => message.event.kind), ['stream-done'], 'a Request object, retry_completion');
});
