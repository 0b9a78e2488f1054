// Renders extension/icons/icon.svg to every PNG the extension uses (Chrome takes no SVG icons): the icon at the
// sizes the manifests name, and the toolbar's state icons, the same drawing with its background in the state's
// colours and without the brand dot (so "down" reads as red at 16 px even where the badge text can't be read).
// The names match poll.rs's `Badge::icon`. Run by hand after changing the SVG: node tools/icons.mjs. The PNGs
// are committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const dir = new URL('../extension/icons/', import.meta.url).pathname;
const svg = readFileSync(`${dir}icon.svg`, 'utf8');
/** Background gradient (top left, bottom right) per toolbar state. */
export const STATES = {
  ok: ['#16a34a', '#0f766e'],
  degraded: ['#f59e0b', '#b45309'],
  down: ['#ef4444', '#991b1b'],
  maintenance: ['#3b82f6', '#1e40af'],
  unknown: ['#9ca3af', '#4b5563'],
};

function stateSvg([from, to]) {
  const drawn = svg.replace('stop-color="#4f46e5"', `stop-color="${from}"`).replace('stop-color="#0e7490"', `stop-color="${to}"`);
  const withoutDot = drawn.replace(/<circle id="brand-dot"[^>]*\/>/, '');
  if (drawn === svg || withoutDot === drawn) throw new Error('icon.svg changed: update tools/icons.mjs');
  return withoutDot;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
async function render(source, size, file) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${source}`);
  await page.screenshot({ path: `${dir}${file}`, omitBackground: true });
}
for (const size of [16, 32, 48, 128]) await render(svg, size, `icon-${size}.png`);
for (const [state, colours] of Object.entries(STATES)) {
  for (const size of [16, 32]) await render(stateSvg(colours), size, `state-${state}-${size}.png`);
}
await browser.close();
