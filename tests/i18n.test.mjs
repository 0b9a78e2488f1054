// Every string a user reads comes from _locales: this fails on a hard-coded string in the extension's pages,
// scripts or manifest, on a message key that does not exist, and on a language that lacks a message or
// drops a placeholder.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const extension = new URL('../extension/', import.meta.url).pathname;
const read = (path) => readFileSync(join(extension, path), 'utf8');
const locales = readdirSync(join(extension, '_locales'));
const catalogue = (lang) => JSON.parse(read(`_locales/${lang}/messages.json`));
const english = catalogue('en');

function files(dir, extension_) {
  return readdirSync(join(extension, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, extension_);
    return entry.name.endsWith(extension_) ? [path] : [];
  });
}
const htmlFiles = files('.', '.html');
const scriptFiles = files('.', '.js').filter((path) => !path.startsWith('core/'));

test('English and at least two more languages ship, each with every message and its placeholders', () => {
  assert.ok(locales.includes('en') && locales.length >= 3, `languages: ${locales.join(', ')}`);
  const placeholders = (message) => [...message.matchAll(/\$[A-Z0-9_]+\$/g)].map((match) => match[0]).sort();
  for (const lang of locales) {
    const messages = catalogue(lang);
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(english).sort(), `${lang}: the same keys as en`);
    for (const [key, { message }] of Object.entries(messages)) {
      assert.ok(message.trim(), `${lang}/${key} is empty`);
      assert.deepEqual(placeholders(message), placeholders(english[key].message), `${lang}/${key} placeholders`);
    }
  }
});

test('the manifest takes every user-facing field from _locales', () => {
  const manifest = JSON.parse(read('manifest.json'));
  const fields = [manifest.name, manifest.short_name, manifest.description, manifest.action.default_title, ...Object.values(manifest.commands).map((command) => command.description)];
  for (const field of fields) {
    assert.match(field, /^__MSG_\w+__$/, field);
    assert.ok(field.slice(6, -2) in english, `${field} is in en/messages.json`);
  }
});

test('pages hold no hard-coded text: every text is a data-i18n element, every key exists', () => {
  const offenders = [];
  for (const path of htmlFiles) {
    const html = read(path).replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<!--[\s\S]*?-->/g, '');
    for (const match of html.matchAll(/>([^<]*)</g)) {
      if (/\p{L}/u.test(match[1])) offenders.push(`${path}: "${match[1].trim()}"`);
    }
    for (const match of html.matchAll(/\s(placeholder|title|aria-label|alt)="([^"]*)"/g)) {
      if (/\p{L}/u.test(match[2])) offenders.push(`${path}: ${match[1]}="${match[2]}"`);
    }
    for (const match of html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) {
      if (!(match[1] in english)) offenders.push(`${path}: no message ${match[1]}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('scripts put no literal words on screen, and every message they name exists', () => {
  // A string literal with a letter, assigned to what a user reads or hears.
  const visible = [
    /\b(?:textContent|innerText|title|placeholder|alt)\s*=\s*(['"`])(?=[^'"`]*\p{L})/u,
    /setAttribute\(\s*'(?:aria-label|title|placeholder|alt)'\s*,\s*(['"`])(?=[^'"`]*\p{L})/u,
    /\bbutton\(\s*(['"`])(?=[^'"`]*\p{L})/u,
    /\btitle:\s*(['"`])(?=[^'"`]*\p{L})/u,
  ];
  const offenders = [];
  for (const path of scriptFiles) {
    read(path)
      .split('\n')
      .forEach((line, index) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        // Interpolations and escapes (\u00d7 is "×") are not words.
        const words = line.replace(/\$\{[^}]*\}/g, '').replace(/\\u[0-9a-fA-F]{4}/g, '');
        if (visible.some((pattern) => pattern.test(words))) offenders.push(`${relative('.', path)}:${index + 1}: ${line.trim()}`);
        for (const match of line.matchAll(/\b(?:t|getMessage)\(\s*'([A-Za-z_]+)'/g)) {
          if (!(match[1] in english)) offenders.push(`${path}:${index + 1}: no message ${match[1]}`);
        }
      });
  }
  assert.deepEqual(offenders, []);
});

test('every message the Rust core names (phrase.rs) exists', () => {
  const src = new URL('../src/', import.meta.url).pathname;
  const rust = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? rust(join(dir, entry.name)) : entry.name.endsWith('.rs') && !entry.name.startsWith('tests') ? [join(dir, entry.name)] : [],
    );
  // Keys the core builds from a prefix and a state's or status's name.
  const states = ['operational', 'degraded', 'maintenance', 'partial_outage', 'major_outage', 'unknown'];
  const statuses = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];
  const built = [
    ...states.flatMap((state) => [`state_${state}`, `state_title_${state}`]),
    ...statuses.flatMap((status) => [`component_${status}`, `component_had_${status}`]),
  ];
  const named = rust(src).flatMap((path) =>
    [...readFileSync(path, 'utf8').replace(/#\[cfg\(test\)\][\s\S]*$/, '').matchAll(/Phrase::(?:plain|new|with)\(\s*"(\w+)"/g)].map(
      (match) => match[1],
    ),
  );
  // Constants that hold a key (poll.rs's NOT_REACHED_YET), and keys chosen in a match (health.rs).
  const constants = rust(src).flatMap((path) =>
    [...readFileSync(path, 'utf8').matchAll(/(?:const \w+: &str = |\(Health::\w+, )"([a-z]+_[a-z_]+)"/g)].map((match) => match[1]),
  );
  assert.ok(named.length > 40, `found ${named.length} phrases`);
  const missing = [...new Set([...built, ...named, ...constants])].filter((key) => !(key in english));
  assert.deepEqual(missing, []);
});
