// Known devices: every device the trust capability knows, connected or not, with its fingerprint,
// first and last seen, addresses, status and reputation; filters; approve or revoke the selected
// ones at once; a device's history on demand. Loaded when the filters change or after an action,
// not every few seconds, so a selection is never disturbed.

import { describePage, keptSelection, knownQuery, knownRows, PAGE_SIZE, STATUSES } from '../devices/known.js';
import { busy, h, loadFailed, loading, uniqueId } from './dom.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** @returns {HTMLElement} the section; it loads itself */
export function knownDevicesSection({ api, feedback }) {
  const heading = h('h2', { id: 'known-heading', tabIndex: -1 }, 'Known devices');
  const statusId = uniqueId('known-status');
  const textId = uniqueId('known-text');
  const status = h('select', { id: statusId }, h('option', { value: '' }, 'All'),
    STATUSES.map((s) => h('option', { value: s }, s[0].toUpperCase() + s.slice(1))));
  const text = h('input', { id: textId, type: 'search', maxLength: 100, placeholder: 'Name, platform or id' });
  const flagged = h('input', { type: 'checkbox' });
  const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const region = h('div', { class: 'device-list' }, loading());
  const approveSelected = h('button', { type: 'button', class: 'button button-small' }, 'Approve selected');
  const revokeSelected = h('button', { type: 'button', class: 'button button-quiet button-small button-danger-quiet' }, 'Revoke selected');
  const previous = h('button', { type: 'button', class: 'button button-quiet button-small' }, 'Previous');
  const next = h('button', { type: 'button', class: 'button button-quiet button-small' }, 'Next');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter known devices' },
    h('label', { for: statusId }, 'Status '), status, ' ',
    h('label', { for: textId }, 'Search '), text, ' ',
    h('label', {}, flagged, ' Flagged only (score below the threshold)'), ' ',
    h('button', { type: 'submit', class: 'button button-small' }, 'Filter'));
  const section = h('section', { class: 'card', 'aria-labelledby': 'known-heading' },
    heading,
    h('p', { class: 'muted group-description' },
      'Every device that ever connected, and ids approved or revoked before they were seen. The fingerprint is the SHA-256 of the device’s key, as the device shows it under “This device”.'),
    form, summary, error,
    h('div', { class: 'row-actions' }, approveSelected, revokeSelected),
    region,
    h('div', { class: 'row-actions' }, previous, next));

  const selected = new Set();
  let offset = 0;
  let rows = [];
  let threshold = null;

  async function load() {
    error.hidden = true;
    try {
      if (flagged.checked && threshold === null) {
        const settings = await api.settings('io.lanvan.trust').catch(() => null);
        const value = Number(settings?.values?.threshold ?? settings?.threshold ?? -10);
        threshold = Number.isFinite(value) ? value : -10;
      }
      const page = await api.knownDevices(knownQuery({ status: status.value, text: text.value,
        flaggedBelow: flagged.checked ? threshold : null, offset }));
      rows = knownRows(page, (date) => dateTime.format(date));
      const kept = new Set(keptSelection(selected, rows));
      selected.clear();
      kept.forEach((id) => selected.add(id));
      summary.textContent = describePage(page);
      previous.disabled = offset === 0;
      next.disabled = offset + rows.length >= Number(page?.total ?? 0);
      render();
    } catch (failure) {
      region.replaceChildren(loadFailed(failure, load));
    }
  }

  function render() {
    if (rows.length === 0) {
      region.replaceChildren(h('p', { class: 'empty-state' }, 'No known devices match.'));
      return;
    }
    region.replaceChildren(h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['', 'Device', 'Fingerprint', 'First seen', 'Last seen', 'Addresses', 'Status', 'Reputation', '']
        .map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, rows.map((row) => {
        const box = h('input', { type: 'checkbox', checked: selected.has(row.deviceId), 'aria-label': `Select ${row.name}` });
        box.addEventListener('change', () => (box.checked ? selected.add(row.deviceId) : selected.delete(row.deviceId)));
        const historyRegion = h('div', { class: 'muted' });
        const historyButton = h('button', { type: 'button', class: 'button button-quiet button-small' }, 'History');
        historyButton.addEventListener('click', () => showHistory(row, historyRegion));
        return h('tr', { 'data-device-id': row.deviceId },
          h('td', {}, box),
          h('td', {}, h('span', { class: 'device-name' }, row.name), ' ', h('span', { class: 'muted' }, row.platform)),
          h('td', { class: 'mono device-id' }, row.fingerprint),
          h('td', {}, row.firstSeen), h('td', {}, row.lastSeen), h('td', {}, row.addresses),
          h('td', {}, row.status),
          h('td', { title: row.counts }, String(row.score), row.flagged ? h('strong', {}, ' flagged') : null),
          h('td', {}, historyButton, historyRegion));
      }))));
  }

  async function showHistory(row, target) {
    try {
      const history = await api.deviceHistory(row.deviceId);
      const events = Array.isArray(history?.events) ? history.events : [];
      target.replaceChildren(events.length === 0 ? 'No events.' : h('ul', {}, events.map((e) => h('li', {},
        `${dateTime.format(new Date(e.at))}: ${e.kind} by ${e.actor}${e.detail ? ` (${e.detail})` : ''}`))));
    } catch (failure) {
      target.textContent = `Could not load the history: ${failure.message}`;
    }
  }

  async function bulk(button, verb, call) {
    const ids = keptSelection(selected, rows);
    if (ids.length === 0) {
      error.textContent = `Select the devices to ${verb} first.`;
      error.hidden = false;
      return;
    }
    if (verb === 'revoke' && !(await feedback.confirm({
      title: `Revoke ${ids.length} ${ids.length === 1 ? 'device' : 'devices'}?`,
      message: 'They are disconnected at once and refused whenever they connect, under any name, until an admin approves them again.',
      confirmLabel: 'Revoke',
    }))) return;
    const restore = busy(button, verb === 'revoke' ? 'Revoking…' : 'Approving…');
    try {
      await call(ids);
      feedback.say(`${ids.length} ${ids.length === 1 ? 'device' : 'devices'} ${verb === 'revoke' ? 'revoked' : 'approved'}.`);
      selected.clear();
    } catch (failure) {
      error.textContent = `Could not ${verb}: ${failure.message}`;
      error.hidden = false;
    } finally {
      restore();
      load();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    load();
  });
  approveSelected.addEventListener('click', () => bulk(approveSelected, 'approve', (ids) => api.approveDevices(ids)));
  revokeSelected.addEventListener('click', () => bulk(revokeSelected, 'revoke', (ids) => api.revokeDevices(ids)));
  previous.addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); load(); });
  next.addEventListener('click', () => { offset += PAGE_SIZE; load(); });
  load();
  return section;
}
