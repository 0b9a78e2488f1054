// Assembles dist/chrome and dist/firefox from extension/ and the wasm core in dist/core, each with its own
// manifest generated from extension/manifest.json, then writes a store zip for each.
//
// Why two manifests: Chrome wants `background.service_worker`; Firefox wants `background.scripts` and a gecko
// id. One manifest with both loads in both browsers, but web-ext lint warns about the ignored key, and a store
// package should say exactly what it means.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const source = JSON.parse(readFileSync(join(root, 'extension/manifest.json'), 'utf8'));

/** The gecko id is Reroute's identity on addons.mozilla.org; never change it once published. */
export const GECKO_ID = 'reroute@reroute-extension.org';

export function manifestFor(browser) {
  const manifest = structuredClone(source);
  const entry = manifest.background.service_worker;
  if (browser === 'chrome') {
    manifest.background = { service_worker: entry, type: 'module' };
  } else {
    manifest.background = { scripts: [entry], type: 'module' };
    delete manifest.minimum_chrome_version;
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // 142: the first release (desktop and Android) that knows data_collection_permissions, which AMO
        // requires of new extensions; everything else used here is older.
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return manifest;
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** A minimal deterministic zip (fixed timestamps), so the same source gives the same bytes. */
function zip(dir, out) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const dosTime = 0; // 00:00:00
  const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1; // 2026-01-01
  for (const file of listFiles(dir)) {
    const name = Buffer.from(relative(dir, file).split('\\').join('/'));
    const data = readFileSync(file);
    const packed = deflateRawSync(data, { level: 9 });
    const checksum = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(dosTime, 10);
    header.writeUInt16LE(dosDate, 12);
    header.writeUInt32LE(checksum, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += header.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(out, Buffer.concat([...locals, directory, end]));
}

/** The content scripts can't run wasm on claude.ai (its CSP applies to them in Chromium), so the one table of
 * claude.ai facts in src/claude.rs is written into them here, through the wasm core itself. */
async function claudeSiteConfig() {
  const core = await import(join(root, 'dist/core/reroute.js'));
  core.initSync({ module: readFileSync(join(root, 'dist/core/reroute_bg.wasm')) });
  return JSON.stringify(core.claudeContentConfig());
}

function fillContentScripts(out, config) {
  for (const file of listFiles(join(out, 'content'))) {
    const text = readFileSync(file, 'utf8');
    if (text.includes('__CLAUDE_SITE__')) writeFileSync(file, text.replace('__CLAUDE_SITE__', config));
  }
}

function assemble(browser, config) {
  const out = join(root, 'dist', browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(root, 'extension'), out, {
    recursive: true,
    // Specs sit beside the code they test, type declarations beside the code tsc checks; neither ships.
    filter: (path) => !path.endsWith('.test.mjs') && !path.endsWith('.d.ts') && !path.endsWith('/manifest.json'),
  });
  cpSync(join(root, 'dist/core'), join(out, 'core'), { recursive: true, filter: (path) => !path.endsWith('.d.ts') });
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifestFor(browser), null, 2)}\n`);
  fillContentScripts(out, config);
  zip(out, join(root, 'dist', `reroute-${browser}.zip`));
  const bytes = listFiles(out).reduce((sum, file) => sum + statSync(file).size, 0);
  console.log(`dist/${browser}: ${listFiles(out).length} files, ${(bytes / 1024).toFixed(1)} KiB`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = await claudeSiteConfig();
  for (const browser of ['chrome', 'firefox']) assemble(browser, config);
}
