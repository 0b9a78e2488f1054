// Assembles dist/chrome and dist/firefox from extension/ and the wasm core in dist/core, each with its own
// manifest generated from extension/manifest.json, then writes a store zip for each.
//
// Why two manifests: Chrome wants `background.service_worker`; Firefox wants `background.scripts` and a gecko
// id. One manifest with both loads in both browsers, but web-ext lint warns about the ignored key, and a store
// package should say exactly what it means.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

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

/** Every zip entry's time: fixed, so the same source gives the same bytes. */
const ZIP_DATE = new Date(2026, 0, 1);
const dosTime = 0; // 00:00:00
const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1; // 2026-01-01

/** A minimal deterministic zip of `dir`. */
function zip(dir, out) {
  zipEntries(
    listFiles(dir).map((file) => ({ name: relative(dir, file).split('\\').join('/'), data: readFileSync(file) })),
    out,
  );
}

/** A minimal deterministic zip of `{name, data}` entries, in the order given: fixed timestamps, no extra fields. */
function zipEntries(entries, out) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = entry.data;
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

/** Extracts a zip written by `zipEntries` into `dir` (the reproducibility check rebuilds from the source zip on
 * machines without `unzip`). Files get the zip's fixed time, as `unzip` gives them, so a build's "is this newer"
 * checks see the same order as in a checkout. */
export function unzip(file, dir) {
  const bytes = readFileSync(file);
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(end + 16);
  for (let index = 0; index < bytes.readUInt16LE(end + 10); index++) {
    const packedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const target = join(dir, name);
    if (relative(dir, target).startsWith('..')) throw new Error(`zip entry outside ${dir}: ${name}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, inflateRawSync(bytes.subarray(start, start + packedSize)));
    utimesSync(target, ZIP_DATE, ZIP_DATE);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]);

/** Inline Markdown: `code`, **strong**, *emphasis*, [text](https://…). Code spans are taken literally. */
function inline(text) {
  return text
    .split(/(`[^`]*`)/)
    .map((part, index) => {
      if (index % 2 === 1) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/\*([^*]+)\*/g, '<em>$1</em>')
        .replace(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
    })
    .join('');
}

/** PRIVACY.md as the page the options page links to (extension pages can't show Markdown). Only the Markdown
 * PRIVACY.md uses is understood (headings, paragraphs, one level of `- ` lists, inline marks); anything else
 * fails the build rather than ship garbled. The page has no script, so the extension pages' CSP holds. It stays
 * English, like README: a document, not UI (the options page's link to it says so in the user's language). */
export function privacyPage(markdown) {
  const blocks = [];
  let block = null;
  for (const line of markdown.split('\n')) {
    if (!line.trim()) {
      block = null;
    } else if (/^#{1,2} /.test(line)) {
      const level = line.indexOf(' ');
      blocks.push({ kind: `h${level}`, lines: [line.slice(level + 1)] });
      block = null;
    } else if (line.startsWith('- ')) {
      if (block?.kind !== 'ul') blocks.push((block = { kind: 'ul', items: [] }));
      block.items.push([line.slice(2)]);
    } else if (block?.kind === 'ul' && line.startsWith('  ')) {
      block.items.at(-1).push(line.trim());
    } else if (/^(\s|[#>|`]|\d+\.|\* |<)/.test(line) || block?.kind === 'ul') {
      throw new Error(`PRIVACY.md: privacyPage() doesn't render this Markdown: ${line}`);
    } else if (block?.kind === 'p') {
      block.lines.push(line);
    } else {
      blocks.push((block = { kind: 'p', lines: [line] }));
    }
  }
  const title = blocks.find((entry) => entry.kind === 'h1')?.lines[0] ?? 'Privacy';
  const body = blocks.map((entry) =>
    entry.kind === 'ul'
      ? `<ul>\n${entry.items.map((item) => `  <li>${inline(item.join(' '))}</li>`).join('\n')}\n</ul>`
      : `<${entry.kind}>${inline(entry.lines.join(' '))}</${entry.kind}>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>${inline(title).replace(/<[^>]+>/g, '')}</title>
  <link rel="stylesheet" href="lib/theme.css">
  <style>
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; margin: 0; background: var(--bg); color: var(--fg); }
    main { max-width: 720px; margin: 0 auto; padding: 24px 20px 40px; }
    h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 24px; }
    code { background: var(--card); border: 1px solid var(--border); border-radius: 4px; padding: 0 3px; font-size: 0.9em; }
    a { color: var(--focus); }
  </style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

/** What addons.mozilla.org's reviewers need to rebuild the wasm and the extension: the sources, never the
 * simulations, tests or captures (the build doesn't read them). */
const SOURCE_FILES = ['Cargo.toml', 'Cargo.lock', 'build.sh', 'package.json', 'package-lock.json', 'rustfmt.toml', 'README.md', 'PRIVACY.md'];
const SOURCE_DIRS = ['.cargo', 'src', 'extension', 'tools'];

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The tools this build used, read from where they are pinned (and rustc and Node from the machine). */
function toolVersions() {
  const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    rustc: execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim(),
    wasmBindgen: lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1] ?? 'unknown',
    binaryen: packageJson.devDependencies.binaryen,
    node: process.version,
  };
}

function reviewerNotes(versions, zips) {
  return `# Building Reroute from this source

Written by \`./build.sh\` into \`dist/reroute-source.zip\`. The extension's JavaScript, HTML and CSS ship as
they are in \`extension/\`; the one generated part is the WebAssembly core (\`core/reroute_bg.wasm\` and its
glue \`core/reroute.js\`), compiled from the Rust in \`src/\`, plus the manifests and \`privacy.html\`, which
\`tools/assemble.mjs\` writes from \`extension/manifest.json\` and \`PRIVACY.md\`.

## Tools (the versions this zip was built with)

- Rust: \`${versions.rustc}\`, with the \`wasm32-unknown-unknown\` target
  (\`rustup toolchain install ${versions.rustc.split(' ')[1]} --target wasm32-unknown-unknown\`)
- wasm-bindgen-cli ${versions.wasmBindgen} (pinned by \`Cargo.lock\`; \`build.sh\` installs exactly this one)
- binaryen ${versions.binaryen} for \`wasm-opt\` (npm, pinned by \`package.json\` and \`package-lock.json\`)
- Node.js ${versions.node} and npm
- Linux with \`bash\` (built and checked on Debian)

## Build

\`\`\`sh
unzip reroute-source.zip -d reroute && cd reroute
rustup default ${versions.rustc.split(' ')[1]}   # or RUSTUP_TOOLCHAIN=${versions.rustc.split(' ')[1]} for this shell
bash build.sh          # installs wasm-bindgen-cli and runs npm ci on first use (needs network), then builds
\`\`\`

It writes \`dist/firefox/\` (the unpacked add-on) and \`dist/reroute-firefox.zip\`, the package submitted to
addons.mozilla.org; \`dist/reroute-chrome.zip\` likewise for Chrome. With the tools above the zips are
byte-identical to the ones built with this source:

\`\`\`
${zips.map(([name, hash]) => `${hash}  dist/${name}`).join('\n')}
\`\`\`

(\`sha256sum dist/*.zip\` to compare.) \`./build.sh test\` runs every check, and rebuilds from this zip to prove
exactly that.
`;
}

/** dist/reroute-source.zip: the sources above and the build notes, deterministic like the store zips. */
function sourceZip() {
  const files = [...SOURCE_FILES.map((file) => join(root, file)), ...SOURCE_DIRS.flatMap((dir) => listFiles(join(root, dir)))];
  const zips = ['reroute-chrome.zip', 'reroute-firefox.zip'].map((name) => [name, sha256(join(root, 'dist', name))]);
  const entries = files.map((file) => ({ name: relative(root, file), data: readFileSync(file) }));
  entries.push({ name: 'BUILD-FOR-REVIEWERS.md', data: Buffer.from(reviewerNotes(toolVersions(), zips)) });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out = join(root, 'dist', 'reroute-source.zip');
  zipEntries(entries, out);
  console.log(`dist/reroute-source.zip: ${entries.length} files`);
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
  writeFileSync(join(out, 'privacy.html'), privacyPage(readFileSync(join(root, 'PRIVACY.md'), 'utf8')));
  fillContentScripts(out, config);
  zip(out, join(root, 'dist', `reroute-${browser}.zip`));
  const bytes = listFiles(out).reduce((sum, file) => sum + statSync(file).size, 0);
  console.log(`dist/${browser}: ${listFiles(out).length} files, ${(bytes / 1024).toFixed(1)} KiB`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = await claudeSiteConfig();
  for (const browser of ['chrome', 'firefox']) assemble(browser, config);
  sourceZip();
}
