// What the simulated status.claude.com serves. Each scenario is a real payload shape (see README.md beside
// this file) or one of the ways a real server misbehaves. Timestamps in JSON scenarios are shifted so that
// the newest one is `ageMinutes` old: "updated 4 min ago" reads the same whenever the demo runs.
import { readFileSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
const fixture = (name) => readFileSync(`${here}${name}`, 'utf8');
const ISO = /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d))"/g;

/** Shifts every timestamp in a JSON text so the newest is `ageMinutes` before now. */
export function restamp(text, ageMinutes, now = Date.now()) {
  const times = [...text.matchAll(ISO)].map((match) => Date.parse(match[1]));
  if (times.length === 0) return text;
  const shift = now - ageMinutes * 60_000 - Math.max(...times);
  return text.replace(ISO, (_, stamp) => JSON.stringify(new Date(Date.parse(stamp) + shift).toISOString()));
}

// `since` is when the scenario was switched on: the payload then stays byte-stable (a stable ETag) and its
// incidents age as they would on the real page.
const json = (body, ageMinutes = 4) => ({
  status: 200,
  type: 'application/json',
  body: (since) => restamp(body, ageMinutes, since),
});

const operational = fixture('claude-operational.json');

/** name → { status, type, body(since): string, delayMs? } */
export const scenarios = {
  operational: json(operational, 30),
  degraded: json(fixture('claude-two-incidents.json'), 9),
  'major-outage': json(fixture('claude-major-outage.json'), 4),
  maintenance: json(fixture('claude-maintenance.json'), 20),
  'api-outage': json(
    operational
      .replace('"Claude API (api.anthropic.com)","status":"operational"', '"Claude API (api.anthropic.com)","status":"major_outage"')
      .replace('"indicator":"none"', '"indicator":"major"'),
    6,
  ),
  // Real shapes, malformed: each must end in "unknown" with a reason, never a crash or a stale green.
  'html-error': {
    status: 200,
    type: 'text/html',
    body: () => '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>cloudflare</body></html>',
  },
  truncated: { status: 200, type: 'application/json', body: () => operational.slice(0, Math.floor(operational.length / 2)) },
  empty: { status: 200, type: 'application/json', body: () => '' },
  'empty-object': { status: 200, type: 'application/json', body: () => '{}' },
  'unknown-status': json(
    operational.replace('"name":"claude.ai","status":"operational"', '"name":"claude.ai","status":"partially_melted"'),
  ),
  'duplicate-components': json(
    operational.replace(
      '"components":[',
      '"components":[{"id":"rwppv331jlwc","name":"claude.ai","status":"major_outage","position":0,"group":false,"group_id":null},',
    ),
  ),
  // No fractional seconds anywhere: readable, not an error.
  'no-fraction': {
    status: 200,
    type: 'application/json',
    body: (since) =>
      restamp(fixture('claude-major-outage.json'), 4, since).replace(/"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d+Z"/g, '"$1Z"'),
  },
  huge: {
    status: 200,
    type: 'application/json',
    // 3 MB of well-formed JSON: the cap must cut it off, not parse it.
    body: () => operational.replace('"incidents":[]', `"incidents":[],"padding":"${'x'.repeat(3 * 1024 * 1024)}"`),
  },
  'server-error': { status: 503, type: 'text/html', body: () => '<html><body>Service Unavailable</body></html>' },
  slow: { ...json(operational, 1), delayMs: 15_000 },
};
