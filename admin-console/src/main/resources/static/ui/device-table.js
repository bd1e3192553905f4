// The devices table: one row per device, keyed by device id. A refresh rebuilds only the rows
// whose device changed (the others just get their "5 min ago" updated), so the focus stays on
// the button someone is about to press. On phones the rows become cards (CSS).

import { h } from './dom.js';

/** The empty table, with the column headings; rows come from updateDeviceRows. */
export function deviceTable() {
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'device-table' },
      h('caption', { class: 'visually-hidden' }, 'Connected devices and devices awaiting approval'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Device'),
        h('th', { scope: 'col' }, 'Platform'),
        h('th', { scope: 'col' }, 'Address'),
        h('th', { scope: 'col' }, 'Since'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {})));
}

/**
 * Brings the table's rows in line with `rows` (from devices/devices.js). A row whose action is
 * under way is left as it is. Nodes already in place are not moved: moving a focused node blurs it.
 * @param {HTMLElement} table from deviceTable()
 * @param {import('../devices/devices.js').DeviceRow[]} rows
 * @param {{isPending: (deviceId: string) => boolean, onApprove: Function, onRevoke: Function}} handlers
 *   onApprove(row, button), onRevoke(row, button)
 */
export function updateDeviceRows(table, rows, handlers) {
  const tbody = table.querySelector('tbody');
  const existing = new Map([...tbody.rows].map((tr) => [tr.dataset.deviceId, tr]));
  const wanted = rows.map((row) => {
    const tr = existing.get(row.deviceId);
    if (!tr || (tr.dataset.signature !== row.signature && !handlers.isPending(row.deviceId))) return deviceRow(row, handlers);
    const time = tr.querySelector('time');
    if (time.textContent !== row.since.ago) time.textContent = row.since.ago;
    return tr;
  });
  wanted.forEach((tr, i) => {
    if (tbody.rows[i] !== tr) tbody.insertBefore(tr, tbody.rows[i] ?? null);
  });
  while (tbody.rows.length > wanted.length) tbody.lastElementChild.remove();
}

function deviceRow(row, { onApprove, onRevoke }) {
  // The visible label stays "Approve"/"Revoke"; the accessible name says which device.
  const approve = row.canApprove && h('button', {
    type: 'button', class: 'button button-small', 'data-action': 'approve', 'aria-label': `Approve ${row.name}`,
  }, 'Approve');
  const revoke = row.canRevoke && h('button', {
    type: 'button', class: 'button button-quiet button-small button-danger-quiet', 'data-action': 'revoke', 'aria-label': `Revoke ${row.name}`,
  }, 'Revoke');
  if (approve) approve.addEventListener('click', () => onApprove(row, approve));
  if (revoke) revoke.addEventListener('click', () => onRevoke(row, revoke));
  return h('tr', { 'data-device-id': row.deviceId, 'data-signature': row.signature },
    h('td', { class: 'device' },
      h('span', { class: 'device-name' }, row.name),
      h('span', { class: 'device-id mono muted' }, row.deviceId)),
    h('td', { class: 'platform', 'data-label': 'Platform' }, row.platform),
    h('td', { class: 'address', 'data-label': 'Address' }, h('span', { class: 'mono' }, row.address)),
    h('td', { class: 'since', 'data-label': row.since.label },
      h('time', { dateTime: row.since.iso, title: row.since.title }, row.since.ago)),
    h('td', { class: 'status' }, h('span', { class: 'pill', 'data-tone': row.status.tone }, row.status.label)),
    h('td', { class: 'actions' }, h('div', { class: 'row-actions' }, approve, revoke)));
}

/**
 * Runs `update` on `region`; when that removed the focused button, the same device's same action
 * ([data-device-id] … [data-action]) takes the focus back if it was rebuilt, or else the heading
 * of the region's section.
 */
export function keepDeviceFocus(region, update) {
  const before = region.ownerDocument.activeElement;
  const inside = before !== null && region.contains(before);
  const deviceId = inside ? before.closest('[data-device-id]')?.dataset.deviceId : undefined;
  const action = inside ? before.dataset.action : undefined;
  update();
  if (!inside || before.isConnected) return;
  const again = deviceId && [...region.querySelectorAll('[data-device-id]')]
    .find((el) => el.dataset.deviceId === deviceId)?.querySelector(`[data-action="${action}"]`);
  (again ?? region.closest('section')?.querySelector('h2'))?.focus();
}
