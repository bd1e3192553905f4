// The summary tiles: readiness, version, uptime, heap and bundle counts from live server data.

import { summarizeBundles } from '../status/bundles.js';
import { describeHeap, formatBytes, formatUptime } from '../status/format.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const $ = (doc, name) => doc.querySelector(`[data-${name}]`);

/** Sets text only when it changed, so assistive technology is not told about identical updates. */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** @param {{status: string, problems?: string[]}|null} readiness null when it could not be fetched */
export function renderReadiness(doc, readiness) {
  const badge = $(doc, 'ready-badge');
  const problems = $(doc, 'ready-problems');
  let tone = 'neutral';
  let label = 'Unknown';
  if (readiness?.status === 'UP') [tone, label] = ['ok', 'Ready'];
  else if (readiness?.status === 'DOWN') [tone, label] = ['danger', 'Not ready'];
  badge.dataset.tone = tone;
  setText(badge, label);

  const list = Array.isArray(readiness?.problems) ? readiness.problems.map(String) : [];
  const current = [...problems.children].map((li) => li.textContent);
  if (current.join('\n') !== list.join('\n')) {
    problems.replaceChildren(...list.map((text) => Object.assign(doc.createElement('li'), { textContent: text })));
  }
  problems.hidden = list.length === 0;
}

/** @param {object} system body of GET /api/system */
export function renderSystem(doc, system) {
  setText($(doc, 'version'), String(system.version ?? '—'));
  setText($(doc, 'product-name'), String(system.name ?? 'LANVan'));
  for (const el of doc.querySelectorAll('[data-footer-version]')) setText(el, String(system.version ?? ''));

  setText($(doc, 'uptime'), formatUptime(system.uptimeSeconds));
  const started = new Date(system.startedAt);
  setText($(doc, 'started'), Number.isNaN(started.getTime()) ? 'Start time unknown' : `Since ${dateTime.format(started)}`);

  const heap = describeHeap(system.memory);
  setText($(doc, 'heap'), heap.text);
  const meter = $(doc, 'heap-meter');
  meter.hidden = heap.fraction === null;
  if (heap.fraction !== null) meter.value = heap.fraction;
  setText($(doc, 'non-heap'), `Non-heap ${formatBytes(system.memory?.nonHeapUsedBytes)}`);

  const bundles = summarizeBundles(system.bundles);
  setText($(doc, 'bundle-summary'), `${bundles.active} of ${bundles.total} active`);
  setText($(doc, 'capabilities'), system.capabilitiesReady
    ? 'All capabilities ready'
    : 'Some capabilities are not ready');
  $(doc, 'capabilities').dataset.tone = system.capabilitiesReady ? 'ok' : 'danger';
}
