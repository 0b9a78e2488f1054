// A panic in the Rust core (panic = "abort") reaches JS only as "RuntimeError: unreachable"; the panic hook
// (src/wasm.rs) logs its message first, so the background's console says what went wrong and where (issue 11,
// defect 10). Runs on the built core: ./build.sh first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const core = new URL('../dist/chrome/core/', import.meta.url);

test('a panic in the core logs its message before the wasm traps', async () => {
  const { default: init, ...exports } = await import(new URL('reroute.js', core).href);
  await init({ module_or_path: readFileSync(new URL('reroute_bg.wasm', core)) });
  assert.equal(typeof exports.__panicForTest, 'function', 'the core exports its test panic');
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args.join(' '));
  try {
    assert.throws(() => exports.__panicForTest('the sky fell'), /unreachable/);
  } finally {
    console.error = original;
  }
  assert.ok(logged.some((line) => line.includes('Reroute core panicked') && line.includes('the sky fell')), `logged: ${logged.join(' | ')}`);
});
