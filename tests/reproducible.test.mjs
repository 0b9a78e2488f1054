// Two builds from the same commit give byte-identical store zips, and dist/reroute-source.zip is all a store
// reviewer needs to get them. Run by `./build.sh test` right after its build: this extracts that build's source
// zip into a fresh directory, runs the zip's own build.sh there, and compares every zip byte for byte.
//
// What is rebuilt: the Rust crate from the zip's sources at another path (so no path or timestamp of the
// checkout can hide in the wasm), wasm-bindgen, wasm-opt, the assembly and all three zips. The crates.io
// dependencies are compiled in target/reproducible/, apart from target/: on a fresh machine (CI) that is a second
// full compile; on a developer's machine they are reused from the previous run, and only Reroute's own crate is
// compiled again. The npm tools are the checkout's (node_modules, linked), installed from the same lock file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { unzip } from '../tools/assemble.mjs';

const root = new URL('..', import.meta.url).pathname;
const ZIPS = ['reroute-chrome.zip', 'reroute-firefox.zip', 'reroute-source.zip'];
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Reroute's own crate is compiled again every run: its artifacts in the shared target dir go first. */
function forgetOwnCrate(target) {
  const release = join(target, 'wasm32-unknown-unknown/release');
  for (const dir of [release, join(release, 'deps'), join(release, '.fingerprint')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (/^(lib)?reroute[-.]/.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
    }
  }
}

test('a build from dist/reroute-source.zip gives byte-identical zips', { timeout: 30 * 60_000 }, (t) => {
  for (const zip of ZIPS) assert.ok(existsSync(join(root, 'dist', zip)), `dist/${zip}: run ./build.sh first`);
  const scratch = mkdtempSync(join(tmpdir(), 'reroute-reproducible-'));
  try {
    unzip(join(root, 'dist/reroute-source.zip'), scratch);
    const target = join(root, 'target/reproducible');
    mkdirSync(target, { recursive: true });
    forgetOwnCrate(target);
    symlinkSync(target, join(scratch, 'target'));
    // build.sh runs `npm ci` when package-lock.json is newer than node_modules' copy, and npm ci would empty the
    // linked node_modules: the extracted files carry the zip's fixed 2026-01-01 time, so that can't happen.
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
    assert.ok(
      statSync(join(scratch, 'package-lock.json')).mtimeMs < statSync(join(root, 'node_modules/.package-lock.json')).mtimeMs,
      'the extracted package-lock.json must be older than node_modules/.package-lock.json',
    );
    const started = Date.now();
    try {
      execFileSync('bash', ['build.sh'], { cwd: scratch, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      assert.fail(`build.sh from the source zip failed:\n${error.stdout}\n${error.stderr}`);
    }
    t.diagnostic(`rebuilt from the source zip in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const zip of ZIPS) {
      const [first, second] = [sha256(join(root, 'dist', zip)), sha256(join(scratch, 'dist', zip))];
      t.diagnostic(`${zip}: ${first} (checkout) ${second} (from the source zip)`);
      assert.equal(second, first, `${zip} differs between the two builds`);
    }
  } finally {
    // The links first, by name, so nothing behind them can go with the scratch directory.
    for (const link of ['target', 'node_modules']) rmSync(join(scratch, link), { force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
});
