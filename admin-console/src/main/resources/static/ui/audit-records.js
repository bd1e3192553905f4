// The audit records table: one row per record with its details folded away behind a button
// (aria-expanded), so a page of fifty stays scannable. On phones the rows become cards (CSS).

import { h } from './dom.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** @param {object[]} records from GET /api/admin/audit @returns {HTMLElement} */
export function recordsTable(records) {
  if (records.length === 0) {
    return h('p', { class: 'empty-state' }, 'No audit records match these filters.');
  }
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'audit-table' },
      h('caption', { class: 'visually-hidden' }, 'Audit records'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'num' }, '#'),
        h('th', { scope: 'col' }, 'Time'),
        h('th', { scope: 'col' }, 'Action'),
        h('th', { scope: 'col' }, 'Actor'),
        h('th', { scope: 'col' }, 'Subject'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Details')))),
      records.map(recordRows)));
}

// Each record is its own <tbody>: the summary row and its details row stay together.
function recordRows(record) {
  const detailsId = `audit-details-${record.sequence}`;
  const time = new Date(record.timestamp);
  const toggle = h('button', {
    type: 'button', class: 'button button-quiet button-small', 'aria-expanded': 'false', 'aria-controls': detailsId,
  }, 'Details');
  toggle.setAttribute('aria-label', `Details of record ${record.sequence}`);
  const details = h('tr', { class: 'audit-details', id: detailsId, hidden: true },
    h('td', { colSpan: 6 }, detailsList(record)));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide' : 'Details';
    details.hidden = !open;
  });
  return h('tbody', {},
    h('tr', {},
      h('td', { class: 'num', 'data-label': '#' }, String(record.sequence)),
      h('td', { 'data-label': 'Time' }, h('time', { dateTime: record.timestamp },
        Number.isNaN(time.getTime()) ? String(record.timestamp) : when.format(time))),
      h('td', { 'data-label': 'Action' }, h('code', {}, String(record.action ?? ''))),
      h('td', { 'data-label': 'Actor' }, String(record.actor ?? '')),
      h('td', { 'data-label': 'Subject', class: 'subject' }, String(record.subject ?? '')),
      h('td', { class: 'actions' }, toggle)),
    details);
}

function detailsList(record) {
  const entries = Object.entries(record.details ?? {});
  return h('div', { class: 'details-grid' },
    entries.length > 0
      ? h('dl', { class: 'kv' }, entries.map(([key, value]) => [h('dt', {}, key), h('dd', {}, String(value))]))
      : h('p', { class: 'muted' }, 'No further details.'),
    h('dl', { class: 'kv hashes' },
      h('dt', {}, 'Record'), h('dd', {}, `#${record.sequence}`),
      h('dt', {}, 'Time (UTC)'), h('dd', {}, String(record.timestamp)),
      h('dt', {}, 'Hash'), h('dd', { class: 'mono' }, String(record.hash ?? '')),
      h('dt', {}, 'Previous hash'), h('dd', { class: 'mono' }, String(record.previousHash ?? ''))));
}
