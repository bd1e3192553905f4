// The Devices page's logic: rows from GET /api/admin/devices, the revoked ids and the admission
// rule from GET /api/admin/policies, and what a revoke or an approval changes before the next
// refresh confirms it. Knows nothing of the DOM.

import { formatAgo } from '../status/format.js';

export const PLATFORM_LABELS = Object.freeze({
  windows: 'Windows', macos: 'macOS', linux: 'Linux', android: 'Android', ios: 'iOS', other: 'Other',
});

const STATUSES = Object.freeze({
  revoked: { label: 'Revoked', tone: 'danger' },
  'awaiting-approval': { label: 'Awaiting approval', tone: 'warning' },
  connected: { label: 'Connected', tone: 'ok' },
});

const UNNAMED = 'Unnamed device';
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * @typedef {{deviceId: string, name: string, platform: string, address: string, since: string,
 *            status: string, approved: boolean, revoked: boolean}} Device  one entry of GET /api/admin/devices
 * @typedef {{deviceId: string, name: string, platform: string, address: string,
 *            since: {iso: string, ago: string, label: string, title: string},
 *            status: {key: string, label: string, tone: string}, needsAdmin: boolean,
 *            canRevoke: boolean, canApprove: boolean, signature: string}} DeviceRow
 */

/**
 * The rows the page shows: devices that need an admin (awaiting approval, revoked) first, then the
 * connected ones by name. `signature` changes when anything but the passing of time does, so the
 * page rebuilds a row (and the focus in it) only when something about the device changed.
 * @param {Device[]} devices
 * @param {number} now milliseconds since the epoch
 * @returns {DeviceRow[]}
 */
export function deviceRows(devices, now = Date.now()) {
  const rows = (Array.isArray(devices) ? devices : []).filter((d) => d && typeof d.deviceId === 'string').map((device) => {
    const key = device.revoked === true ? 'revoked' : String(device.status ?? '');
    const status = { key, ...(STATUSES[key] ?? { label: key || 'Unknown', tone: 'neutral' }) };
    const name = String(device.name ?? '').trim() || UNNAMED;
    const platform = PLATFORM_LABELS[device.platform] ?? PLATFORM_LABELS.other;
    const address = String(device.address ?? '') || '—';
    const sinceMs = Date.parse(device.since);
    const since = {
      iso: String(device.since ?? ''),
      ago: formatAgo(String(device.since ?? ''), now),
      // What the time means: a connection, or the moment a device was turned away.
      label: key === 'connected' ? 'Connected' : 'Asked to join',
      title: Number.isFinite(sinceMs) ? absolute.format(sinceMs) : '',
    };
    const needsAdmin = key !== 'connected';
    const canRevoke = key !== 'revoked';
    const canApprove = key === 'revoked' || key === 'awaiting-approval';
    const signature = JSON.stringify([device.deviceId, name, platform, address, since.iso, key, canRevoke, canApprove]);
    return { deviceId: device.deviceId, name, platform, address, since, status, needsAdmin, canRevoke, canApprove, signature };
  });
  return rows.sort(byAttentionThenName);
}

function byAttentionThenName(a, b) {
  if (a.needsAdmin !== b.needsAdmin) return a.needsAdmin ? -1 : 1;
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true })
    || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0);
}

/** "3 connected · 1 awaiting approval", or the empty state's sentence. */
export function describeDevices(rows) {
  if (rows.length === 0) return 'No devices connected right now.';
  const count = (key) => rows.filter((row) => row.status.key === key).length;
  const parts = [`${count('connected')} connected`];
  if (count('awaiting-approval') > 0) parts.push(`${count('awaiting-approval')} awaiting approval`);
  if (count('revoked') > 0) parts.push(`${count('revoked')} revoked`);
  return parts.join(' · ');
}

/**
 * The revoked device ids from the policies, sorted, each with the name of a device that has it, if
 * the page knows one (a revoked device is not connected; later entries in `devices` win, blank
 * names do not).
 * @returns {{deviceId: string, name: ?string}[]}
 */
export function revokedDevices(policies, devices = []) {
  const names = new Map((Array.isArray(devices) ? devices : [])
    .map((d) => [d?.deviceId, String(d?.name ?? '').trim()])
    .filter(([, name]) => name));
  const ids = Array.isArray(policies?.revokedDevices) ? policies.revokedDevices.map(String) : [];
  return [...new Set(ids)].sort().map((deviceId) => ({ deviceId, name: names.get(deviceId) || null }));
}

/**
 * What the `anonymousDevices` policy means for this page, or null while it is not known.
 * @returns {?{anonymous: boolean, title: string, text: string}}
 */
export function admissionRule(policies) {
  if (typeof policies?.anonymousDevices !== 'boolean') return null;
  return policies.anonymousDevices
    ? { anonymous: true, title: 'Devices may join without approval.',
      text: 'Any device on an allowed network address can connect. Revoke a device to turn it away for good.' }
    : { anonymous: false, title: 'Devices need an admin’s approval.',
      text: 'A new device is turned away and listed here as awaiting approval until you approve it; it can join the next time it connects.' };
}

/**
 * The page's data after a revoke succeeded, before the next refresh confirms it: the device is
 * disconnected (so no longer listed) and its id is among the revoked ones.
 * @param {{devices: ?Device[], policies: ?object}} state
 */
export function afterRevoke(state, deviceId) {
  const policies = state.policies && {
    ...state.policies,
    revokedDevices: [...new Set([...(state.policies.revokedDevices ?? []), deviceId])],
    approvedDevices: (state.policies.approvedDevices ?? []).filter((id) => id !== deviceId),
  };
  return { ...state, devices: state.devices && state.devices.filter((d) => d.deviceId !== deviceId), policies };
}

/**
 * The page's data after an approval succeeded: the id leaves the revoked ones, and a device that
 * was turned away leaves the list (it joins when it next connects); a connected one stays, approved.
 */
export function afterApprove(state, deviceId) {
  const policies = state.policies && {
    ...state.policies,
    approvedDevices: [...new Set([...(state.policies.approvedDevices ?? []), deviceId])],
    revokedDevices: (state.policies.revokedDevices ?? []).filter((id) => id !== deviceId),
  };
  const devices = state.devices && state.devices
    .filter((d) => d.deviceId !== deviceId || d.status === 'connected')
    .map((d) => (d.deviceId === deviceId ? { ...d, approved: true, revoked: false } : d));
  return { ...state, devices, policies };
}

/** What a device id looks like (8-64 characters A-Z a-z 0-9 _ -, as the server checks). */
export const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The erasure's answer in one sentence an admin reads: what each capability erased, or why not.
 * @param {{pseudonym?: string, complete?: boolean, erased?: Object<string, Object<string, number>>, failed?: Object<string, string>}} result
 */
export function describeErasure(result) {
  const parts = Object.entries(result?.erased ?? {}).map(([holder, counts]) => {
    const numbers = Object.entries(counts ?? {}).map(([kind, count]) => `${kind} ${Number(count) || 0}`);
    return `${holder}: ${numbers.join(', ') || 'nothing held'}`;
  });
  const failed = Object.entries(result?.failed ?? {}).map(([holder, why]) => `${holder} failed (${why})`);
  const erased = parts.length > 0 ? parts.join('; ') : 'no capability holds personal data';
  const shown = result?.pseudonym ? ` It now appears as ${result.pseudonym}.` : '';
  return `${result?.complete === false ? 'Partly erased' : 'Erased'}: ${[erased, ...failed].join('; ')}.${shown}`;
}
