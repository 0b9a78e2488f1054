// @ts-check
// The uptime strip: one bar per day, coloured by how much of it Claude was down as Reroute saw it, with a
// mark above each day the status page had an incident. Drawn with DOM calls from the core's summary
// (history.rs), never from markup strings.
import { t } from './i18n.js';

/** One day of the strip (history.rs `Day`).
 * @typedef {object} Day
 * @property {number} start midnight UTC starting the day (Unix ms)
 * @property {number} down share of the watched part of the day Claude was down, 0 to 1
 * @property {boolean} watched whether Reroute was watching at all that day
 * @property {('outage' | 'false-limit' | 'auth' | 'maintenance' | 'status')[]} causes why it went down, each once
 * @property {string[]} incidents status page incidents first seen that day
 * @property {number} reroutes prompts rerouted that day
 */
/** The strip and its headline figure (history.rs `Summary`).
 * @typedef {object} Summary
 * @property {number} uptimePercent
 * @property {Day[]} days oldest first
 * @property {number} reroutes
 * @property {boolean} downNow
 * @property {boolean} wholePeriod whether Reroute watched the whole period
 * @property {Lag[]} lags incidents the status page acknowledged after Reroute saw failures
 * @property {number | null} medianLagMs their median lag
 */
/** How late the status page was on one incident (history.rs `Lag`).
 * @typedef {{name: string, firstFailureAt: number, acknowledgedAt: number, lagMs: number, lagMinutes: number}} Lag
 */

const SVG = 'http://www.w3.org/2000/svg';
/** @type {(name: string, attributes: Record<string, string | number>) => SVGElement} */
const svg = (name, attributes) => {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
};

/** @param {number} start */
const day = (start) => new Date(start).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** @param {Day} entry */
function describe(entry) {
  if (!entry.watched) return t('stripNotWatching', day(entry.start));
  let head = entry.down === 0 ? t('stripNoFailures', day(entry.start)) : t('stripDown', day(entry.start), (entry.down * 100).toFixed(1));
  if (entry.causes.length) head += ` ${t('stripCauses', entry.causes.map((cause) => t(`cause_${cause.replace('-', '_')}`)).join(', '))}`;
  const parts = [head];
  if (entry.incidents.length) parts.push(t('stripIncidents', entry.incidents.join('; ')));
  if (entry.reroutes) parts.push(t('stripReroutes', entry.reroutes));
  return parts.join('; ');
}

/** A lag as said: "7 min", or "less than a minute". @param {number} ms */
const lagWords = (ms) => (ms < 60_000 ? t('lagUnderMinute') : t('lagMinutes', Math.round(ms / 60_000)));

/** One line per incident the status page acknowledged after the user's first failure, newest first.
 * @param {Summary} summary @returns {string[]} */
export function lagLines(summary) {
  return [...(summary.lags ?? [])].reverse().map((lag) => t('lagIncident', lagWords(lag.lagMs), lag.name));
}

/** The median lag over the period, said; empty when there was no such incident. @param {Summary} summary */
export function medianLag(summary) {
  if (summary.medianLagMs === null || summary.medianLagMs === undefined) return '';
  return t('lagMedian', summary.days.length, lagWords(summary.medianLagMs), summary.lags.length);
}

/** @param {Summary} summary */
export function headline(summary) {
  const days = summary.days.length;
  return summary.wholePeriod ? t('stripHeadline', summary.uptimePercent, days) : t('stripHeadlineSince', summary.uptimePercent);
}

/** Replaces `container`'s content with the strip for `summary`.
 * @param {Element} container
 * @param {Summary} summary
 * @param {{width?: number, height?: number}} [size] */
export function drawStrip(container, summary, { width = 308, height = 34 } = {}) {
  const count = summary.days.length;
  const gap = 3;
  const barWidth = (width - gap * (count - 1)) / count;
  const top = 8;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'strip' });
  const label = svg('title', {});
  label.textContent = `${headline(summary)}. ${summary.days.map(describe).join('. ')}.`;
  chart.append(label);
  summary.days.forEach((entry, index) => {
    const x = index * (barWidth + gap);
    const level = !entry.watched ? 'unwatched' : entry.down === 0 ? 'up' : entry.down < 0.05 ? 'some' : 'down';
    const bar = svg('rect', { x, y: top, width: barWidth, height: height - top, rx: 2, class: `day ${level}`, 'data-day': index });
    const tip = svg('title', {});
    tip.textContent = describe(entry);
    bar.append(tip);
    chart.append(bar);
    if (entry.incidents.length) {
      chart.append(svg('circle', { cx: x + barWidth / 2, cy: 3, r: 2.5, class: 'incident' }));
    }
  });
  container.replaceChildren(chart);
}
