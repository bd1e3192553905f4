// The dashboard's device and transfer figures from GET /api/admin/stats (counts since the server
// started): what each tile says, and how the bytes split between the direct and relay routes.
// Knows nothing of the DOM.

import { formatBytes, formatCount } from './format.js';

/**
 * @param {{connectedDevices: number, openTransfers: number, completed: number, failed: number,
 *          cancelled: number, bytesDirect: number, bytesRelay: number}} stats
 */
export function transferTiles(stats) {
  const outcomes = [
    { key: 'completed', label: 'Completed', tone: 'ok' },
    { key: 'failed', label: 'Failed', tone: 'danger' },
    { key: 'cancelled', label: 'Cancelled', tone: 'neutral' },
  ].map((outcome) => ({ ...outcome, value: formatCount(stats?.[outcome.key]) }));
  const finished = ['completed', 'failed', 'cancelled'].reduce((sum, key) => sum + count(stats?.[key]), 0);
  return {
    connectedDevices: formatCount(stats?.connectedDevices),
    openTransfers: formatCount(stats?.openTransfers),
    outcomes,
    finished: `${formatCount(finished)} finished`,
    routes: routeSplit(stats?.bytesDirect, stats?.bytesRelay),
  };
}

/**
 * Bytes by route, with each route's share of the total for a proportional bar. Percentages are
 * whole numbers, but a share that is not nothing never reads "0 %", nor a share short of all "100 %".
 * @returns {{empty: boolean, total: string, text: string,
 *            direct: {bytes: string, share: number, percent: string}, relay: {bytes: string, share: number, percent: string}}}
 */
export function routeSplit(bytesDirect, bytesRelay) {
  const direct = count(bytesDirect);
  const relay = count(bytesRelay);
  const total = direct + relay;
  const part = (bytes) => {
    const share = total > 0 ? bytes / total : 0;
    return { bytes: formatBytes(bytes), share, percent: percentOf(share) };
  };
  const split = { empty: total === 0, total: formatBytes(total), direct: part(direct), relay: part(relay) };
  split.text = split.empty
    ? 'No file data has moved yet.'
    : `Direct ${split.direct.bytes} (${split.direct.percent}), relay ${split.relay.bytes} (${split.relay.percent})`;
  return split;
}

function percentOf(share) {
  if (share > 0 && share < 0.01) return '<1 %';
  if (share < 1 && share > 0.99) return '>99 %';
  return `${Math.round(share * 100)} %`;
}

// Negative or missing counts (an older server, a bug) count as nothing rather than breaking sums.
function count(value) {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
