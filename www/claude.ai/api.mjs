// claude.ai's internal API as the page calls it (PAGE-MODEL.md): the organisation list, and the completion
// endpoint answering with server-sent events, or failing in each of the ways users have reported.
import { Buffer } from 'node:buffer';

/** The ways the completion endpoint can answer. */
export const COMPLETION_MODES = [
  'ok', // a short reply, within the limit at 10 % of the 5-hour window
  'long', // a 20,000-token reply in small deltas (the page-overhead bench)
  'http-500',
  'http-529',
  'http-403',
  'http-429',
  'sse-error', // HTTP 200, a few deltas, then `event: error` overloaded_error
  'limit-exceeded', // HTTP 200, message_limit exceeded_limit, no reply
  'limit-429', // HTTP 429 with JSON, no stream: error.message holds the message_limit object as a JSON string
  'stream-cut', // HTTP 200, a few deltas, then the stream ends without message_stop
  'challenge', // Cloudflare's challenge page (HTML, HTTP 403, cf-mitigated: challenge) instead of an answer
  'network-error', // the connection drops before any answer
];

const ERRORS = {
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
  403: ['permission_error', 'Account is no longer a member of the organization associated with this token.'],
  429: ['rate_limit_error', 'Rate limited'],
};

const frame = (event, data) => `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;

function limit(type, utilization) {
  const resetsAt = Math.floor(Date.now() / 1000) + 3 * 3600;
  return frame('message_limit', {
    message_limit: {
      type,
      resetsAt,
      windows: { '5h': { status: type, resets_at: resetsAt, utilization }, '7d': { status: 'within_limit', resets_at: resetsAt + 86400, utilization: 0.03 } },
    },
  });
}

function delta(text) {
  return frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text } });
}

const REPLY = ['Here is a short answer.', ' It arrives in a few pieces,', ' like a real stream.', '\n\nA second paragraph.'];

export function completion(mode, url, request, response, record = () => {}) {
  if (url.pathname === '/api/organizations') {
    response.writeHead(200, { 'content-type': 'application/json' });
    return response.end(JSON.stringify([{ uuid: '6f1c2e7a-0b4d-4e0f-9a51-3c2d1b0e9f88', name: 'Personal' }]));
  }
  if (!/\/completion$/.test(url.pathname) || request.method !== 'POST') {
    response.writeHead(404, { 'content-type': 'application/json' });
    return response.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }));
  }
  // The prompt is recorded as the server got it (what a user sent, or Reroute sent back for them), then
  // answered in the current mode.
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const { prompt } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (typeof prompt === 'string') record(prompt);
    } catch {
      // not JSON: nothing to record
    }
    answer(mode, request, response);
  });
}

function answer(mode, request, response) {
  if (mode === 'network-error') return request.socket.destroy();
  if (mode === 'challenge') {
    response.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cf-mitigated': 'challenge' });
    return response.end('<!doctype html><title>Just a moment...</title><h2>Performing security verification</h2>');
  }
  if (mode === 'limit-429') {
    // The limit is already exceeded: the answer is JSON, its message the limit as a string; `type` and
    // `resetsAt` are reliable, the utilisation may be stale (PAGE-MODEL).
    const resetsAt = Math.floor(Date.now() / 1000) + 3 * 3600;
    const limit = { type: 'exceeded_limit', resetsAt, remaining: 0, perModelLimit: false, windows: { '5h': { status: 'exceeded_limit', resets_at: resetsAt, utilization: 0.42 } } };
    response.writeHead(429, { 'content-type': 'application/json' });
    return response.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: JSON.stringify(limit) }, request_id: 'req_sim' }));
  }
  const status = Number(mode.startsWith('http-') ? mode.slice(5) : 200);
  if (status !== 200) {
    const [type, message] = ERRORS[status];
    response.writeHead(status, { 'content-type': 'application/json' });
    return response.end(JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_sim' }));
  }
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const frames = [frame('message_start', { message: { id: 'msg_sim', role: 'assistant', model: 'claude-opus-5' } })];
  if (mode === 'limit-exceeded') {
    frames.push(limit('exceeded_limit', 1));
    return writeSlowly(response, frames);
  }
  frames.push(frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
  if (mode === 'long') {
    // About 20,000 tokens at ~4 characters each, one delta per token.
    for (let i = 0; i < 20_000; i++) frames.push(delta(i % 200 === 199 ? 'word\n\n' : 'word'));
  } else {
    frames.push(...REPLY.map(delta));
  }
  if (mode === 'sse-error') {
    frames.push(frame('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }));
    return writeSlowly(response, frames);
  }
  if (mode === 'stream-cut') return writeSlowly(response, frames); // no content_block_stop, no message_stop
  frames.push(frame('content_block_stop', { index: 0 }), frame('message_delta', { delta: { stop_reason: 'end_turn' } }));
  frames.push(limit('within_limit', 0.1), frame('message_stop', {}));
  writeSlowly(response, frames, mode === 'long' ? 200 : 1);
}

/** Writes frames in small batches with a pause between, so the page sees a stream, not one chunk. */
function writeSlowly(response, frames, perBatch = 1) {
  let next = 0;
  const tick = () => {
    if (response.destroyed) return;
    if (next >= frames.length) return response.end();
    response.write(frames.slice(next, next + perBatch).join(''));
    next += perBatch;
    setTimeout(tick, 5);
  };
  tick();
}
