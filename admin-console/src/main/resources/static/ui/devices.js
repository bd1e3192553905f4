// Devices: who is connected now and who was turned away awaiting approval, with Revoke (asks
// first) and Approve; the revoked device ids with "Approve again"; and whether devices may join
// without approval. Refreshed every 5 s while visible, without disturbing the focus (device-table.js).

import {
  admissionRule, afterApprove, afterRevoke, describeDevices, deviceRows, revokedDevices,
} from '../devices/devices.js';
import { isCapabilityStopped } from '../server/admin-api.js';
import { Poller } from '../status/poller.js';
import { REFRESH_MS } from './dashboard.js';
import { deviceTable, keepDeviceFocus, updateDeviceRows } from './device-table.js';
import { knownDevicesSection } from './known-devices.js';
import { busy, h, loadFailed, loading, pageHeading, showOnce } from './dom.js';
import { personalDataCard } from './personal-data.js';

const clockTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** @param {HTMLElement} container @param {{api, feedback}} ctx */
export function mountDevices(container, { api, feedback }) {
  const refreshButton = h('button', { type: 'button', class: 'button button-quiet' }, 'Refresh now');
  const updated = h('p', { class: 'muted updated-line' }, 'Loading live data…');
  const refreshError = h('div', { class: 'notice-region', 'aria-live': 'polite' });
  const admission = h('div', { class: 'admission' });
  const listHeading = h('h2', { id: 'devices-heading', tabIndex: -1 }, 'Connected devices');
  const listSummary = h('p', { class: 'muted', 'aria-live': 'polite' });
  const actionError = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const listRegion = h('div', { class: 'device-list' }, loading());
  const revokedHeading = h('h2', { id: 'revoked-heading', tabIndex: -1 }, 'Revoked devices');
  const revokedRegion = h('div', {}, loading());
  const sections = h('div', { class: 'device-sections' },
    admission,
    h('section', { class: 'card', 'aria-labelledby': 'devices-heading' },
      h('div', { class: 'section-heading' }, h('div', {}, listHeading, listSummary)),
      actionError,
      listRegion),
    h('section', { class: 'card', 'aria-labelledby': 'revoked-heading' },
      revokedHeading,
      h('p', { class: 'muted group-description' },
        'Refused whenever they connect, until approved again. A device keeps its id across visits from the same browser.'),
      revokedRegion),
    knownDevicesSection({ api, feedback }),
    personalDataCard({ api, feedback }));
  const heading = pageHeading('Devices', {
    intro: 'The phones, tablets and computers connected to this server now, and those it turned away.',
    actions: [refreshButton],
  });
  heading.firstElementChild.append(updated);
  container.replaceChildren(
    heading,
    refreshError,
    sections);

  let state = { devices: null, devicesStopped: false, policies: null };
  let failure = null;
  let lastSuccess = null;
  // Bumped by every revoke and approval: a refresh that started before one ends shows the world
  // before it, so its answer is dropped (the next refresh is at most 5 s away).
  let generation = 0;
  const pending = new Set();
  // Names of devices listed during this visit: a device revoked here leaves the list at once, yet
  // its entry among the revoked ones should still say which device it is.
  const seenNames = new Map();

  async function refresh() {
    const started = generation;
    const [devices, policies, revoked] = await Promise.allSettled([api.devices(), api.policies(),
      api.knownDevices('status=revoked&limit=500')]);
    if (!sections.isConnected || started !== generation) return;
    if (devices.status === 'fulfilled') {
      state = { ...state, devices: devices.value, devicesStopped: false };
      for (const d of Array.isArray(devices.value) ? devices.value : []) if (d?.name) seenNames.set(d.deviceId, d.name);
    } else if (isCapabilityStopped(devices.reason)) state = { ...state, devices: null, devicesStopped: true };
    // Revocations are kept by the trust capability; the page's helpers read them among the policies.
    if (policies.status === 'fulfilled') {
      const known = revoked.status === 'fulfilled' && Array.isArray(revoked.value?.devices) ? revoked.value.devices : null;
      for (const d of known ?? []) if (d?.name) seenNames.set(d.deviceId, d.name);
      state = { ...state, policies: { ...policies.value, revokedDevices: known?.map((d) => d.deviceId) }, revokedUnknown: !known };
    }
    // Signaling being stopped is a state the page shows, not a failure to refresh.
    failure = [devices, policies].find((r) => r.status === 'rejected' && (r === policies || !isCapabilityStopped(r.reason)))?.reason ?? null;
    if (!failure) lastSuccess = new Date();
    render();
  }

  function render() {
    renderAdmission();
    renderList();
    renderRevoked();
    const hasData = state.devices !== null || state.devicesStopped;
    sections.classList.toggle('is-stale', Boolean(failure) && hasData);
    updated.textContent = lastSuccess
      ? `${failure ? 'Last updated' : 'Updated'} ${clockTime.format(lastSuccess)} · refreshes every ${REFRESH_MS / 1000} s`
      : failure ? 'No data from the server yet' : 'Loading live data…';
    showRefreshError(hasData ? failure : null);
  }

  // Re-rendered only when the message changes: a live region that repeats every 5 s is noise.
  function showRefreshError(error) {
    const message = error ? `Couldn’t refresh. ${error.message}` : '';
    if (refreshError.dataset.message === message) return;
    refreshError.dataset.message = message;
    if (!error) {
      refreshError.replaceChildren();
      return;
    }
    refreshError.replaceChildren(h('p', { class: 'callout callout-danger' }, h('strong', {}, 'Couldn’t refresh. '), error.message,
      ' What you see is from the last successful refresh; retrying every 5 s.'));
  }

  function renderAdmission() {
    const rule = admissionRule(state.policies);
    showOnce(admission, JSON.stringify(rule), () => (rule ? h('div', { class: `callout callout-${rule.anonymous ? 'info' : 'warning'}` },
      h('p', { class: 'callout-title' }, rule.title),
      h('p', {}, rule.text, ' ', h('a', { href: '#/policies' }, 'Change this in Policies'), '.')) : null));
  }

  function renderList() {
    if (state.devicesStopped) {
      listSummary.textContent = '';
      showOnce(listRegion, 'stopped', () => h('div', { class: 'callout callout-info' },
        h('p', { class: 'callout-title' }, 'Signaling is not running'),
        h('p', {}, 'Devices connect through the signaling capability, which is stopped, so none are connected. Revoked devices below stay revoked. ',
          h('a', { href: '#/capabilities' }, 'Start it on Capabilities'), '.')));
      return;
    }
    if (state.devices === null) {
      listSummary.textContent = '';
      showOnce(listRegion, failure ? `failed:${failure.message}` : 'loading',
        () => (failure ? loadFailed(failure, () => poller.refreshNow()) : loading()));
      return;
    }
    const rows = deviceRows(state.devices, Date.now());
    const summary = describeDevices(rows);
    if (rows.length === 0) {
      listSummary.textContent = '';
      showOnce(listRegion, 'empty', () => h('p', { class: 'empty-state' }, summary));
      return;
    }
    if (listSummary.textContent !== summary) listSummary.textContent = summary;
    showOnce(listRegion, 'table', deviceTable);
    keepDeviceFocus(listRegion, () => updateDeviceRows(listRegion.firstElementChild, rows, {
      isPending: (deviceId) => pending.has(deviceId),
      onApprove: (row, button) => approveDevice(row.deviceId, row.name, button, listHeading),
      onRevoke: revokeDevice,
    }));
  }

  function renderRevoked() {
    if (state.revokedUnknown) {
      showOnce(revokedRegion, 'unknown', () => h('p', { class: 'muted' },
        'Not known: the trust capability, which keeps revocations, is not running. ',
        h('a', { href: '#/capabilities' }, 'Start it on Capabilities'), '.'));
      return;
    }
    if (state.policies === null) {
      showOnce(revokedRegion, failure ? 'failed' : 'loading', () => (failure
        ? h('p', { class: 'muted' }, 'Not known: the policies could not be loaded.')
        : loading()));
      return;
    }
    const known = [...seenNames].map(([deviceId, name]) => ({ deviceId, name }));
    const revoked = revokedDevices(state.policies, [...known, ...(state.devices ?? [])]);
    keepDeviceFocus(revokedRegion, () => showOnce(revokedRegion, JSON.stringify(revoked), () => (revoked.length === 0
      ? h('p', { class: 'empty-state' }, 'No devices are revoked.')
      : h('ul', { class: 'revoked-list' }, revoked.map(({ deviceId, name }) => {
        const again = h('button', {
          type: 'button', class: 'button button-quiet button-small', 'data-action': 'approve',
          'aria-label': `Approve ${name ?? deviceId} again`,
        }, 'Approve again');
        again.addEventListener('click', () => approveDevice(deviceId, name ?? deviceId, again, revokedHeading));
        return h('li', { 'data-device-id': deviceId },
          h('span', { class: 'revoked-device' },
            name ? h('span', { class: 'device-name' }, name) : null,
            h('span', { class: 'mono device-id' }, deviceId)),
          again);
      })))));
  }

  async function revokeDevice(row, button) {
    const confirmed = await feedback.confirm({
      title: `Revoke ${row.name}?`,
      message: `It is disconnected at once, in every tab, and refused whenever it connects until an admin approves it again. Device id ${row.deviceId}.`,
      confirmLabel: 'Revoke',
    });
    if (!confirmed) return;
    await act(row.deviceId, button, 'Revoking…', () => api.revokeDevice(row.deviceId), {
      failed: `Could not revoke ${row.name}`,
      done: (result) => {
        state = afterRevoke(state, row.deviceId);
        const closed = Number(result?.connectionsClosed) || 0;
        feedback.say(`${row.name} revoked${closed > 0 ? `; ${closed} ${closed === 1 ? 'connection' : 'connections'} closed` : ''}.`);
        return listHeading;
      },
    });
  }

  async function approveDevice(deviceId, name, button, heading) {
    await act(deviceId, button, 'Approving…', () => api.approveDevice(deviceId), {
      failed: `Could not approve ${name}`,
      done: () => {
        state = afterApprove(state, deviceId);
        feedback.say(`${name} approved. It can join the next time it connects.`);
        return heading;
      },
    });
  }

  // The button's row or list item usually disappears on success: the focus goes to the heading of
  // its section (done returns it), and the toast says what happened.
  async function act(deviceId, button, busyLabel, call, { failed, done }) {
    actionError.hidden = true;
    pending.add(deviceId);
    generation += 1;
    const restore = busy(button, busyLabel);
    try {
      const result = await call();
      pending.delete(deviceId);
      generation += 1;
      const focusTarget = done(result);
      if (!sections.isConnected) return;
      render();
      if (!button.isConnected || button.disabled) focusTarget.focus();
      poller.refreshNow();
    } catch (error) {
      pending.delete(deviceId);
      restore();
      if (!sections.isConnected) return;
      button.focus();
      actionError.textContent = `${failed}: ${error.message}`;
      actionError.hidden = false;
    }
  }

  const poller = new Poller({ task: refresh, intervalMs: REFRESH_MS });
  const onVisibility = () => poller.setPaused(document.hidden);
  document.addEventListener('visibilitychange', onVisibility);
  refreshButton.addEventListener('click', () => poller.refreshNow());
  poller.setPaused(document.hidden);
  poller.start();

  return {
    unmount() {
      poller.stop();
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
