// The summary tiles: readiness, version, uptime, heap and bundle counts from live server data.

import { summarizeBundles } from '../status/bundles.js';
import { describeHeap, formatBytes, formatUptime } from '../status/format.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

// `root` is the dashboard's element (or the document): what the functions fill is inside it.
const $ = (root, name) => root.querySelector(`[data-${name}]`);

/** Sets text only when it changed, so assistive technology is not told about identical updates. */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** @param {{status: string, problems?: string[]}|null} readiness null when it could not be fetched */
export function renderReadiness(root, readiness) {
  const doc = root.ownerDocument ?? root;
  const badge = $(root, 'ready-badge');
  const problems = $(root, 'ready-problems');
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

/** @param {object} system body of GET /api/admin/system, with `capabilitiesReady` from /health/ready */
export function renderSystem(root, system) {
  setText($(root, 'version'), String(system.version ?? '—'));
  setText($(root, 'product-name'), String(system.name ?? 'LANVan'));

  setText($(root, 'uptime'), formatUptime(system.uptimeSeconds));
  const started = new Date(system.startedAt);
  setText($(root, 'started'), Number.isNaN(started.getTime()) ? 'Start time unknown' : `Since ${dateTime.format(started)}`);

  const heap = describeHeap(system.memory);
  setText($(root, 'heap'), heap.text);
  const meter = $(root, 'heap-meter');
  meter.hidden = heap.fraction === null;
  if (heap.fraction !== null) meter.value = heap.fraction;
  setText($(root, 'non-heap'), `Non-heap ${formatBytes(system.memory?.nonHeapUsedBytes)}`);

  const bundles = summarizeBundles(system.bundles);
  setText($(root, 'bundle-summary'), `${bundles.active} of ${bundles.total} active`);
  setText($(root, 'capabilities'), system.capabilitiesReady
    ? 'All capabilities ready'
    : 'Some capabilities are not ready');
  $(root, 'capabilities').dataset.tone = system.capabilitiesReady ? 'ok' : 'danger';
}
