// The devices the trust capability knows (GET /api/admin/devices/known): the query the filters make,
// and the rows the table shows. No DOM here, so node --test can check it.

export const STATUSES = ['pending', 'approved', 'revoked', 'held'];
export const PAGE_SIZE = 50;

/**
 * The query string for the filters: a status (or all), text in the id, name or platform (at most
 * 100 characters, as the server takes), and "flagged only" as scoreBelow the policy's threshold.
 * @param {{status?: string, text?: string, flaggedBelow?: ?number, offset?: number}} filters
 */
export function knownQuery({ status = '', text = '', flaggedBelow = null, offset = 0 } = {}) {
  const query = new URLSearchParams();
  if (STATUSES.includes(status)) query.set('status', status);
  const trimmed = String(text ?? '').trim().slice(0, 100);
  if (trimmed) query.set('q', trimmed);
  if (Number.isFinite(flaggedBelow)) query.set('scoreBelow', String(flaggedBelow));
  if (Number.isInteger(offset) && offset > 0) query.set('offset', String(offset));
  query.set('limit', String(PAGE_SIZE));
  return query.toString();
}

/** "12 Nov 2026, 14:03" style text for an ISO time, or "never". */
function when(iso, format) {
  const time = Date.parse(iso ?? '');
  return Number.isFinite(time) ? format(new Date(time)) : 'never';
}

/**
 * The fingerprint people see in the web client ("This device", Verify) for a device id: the id is
 * base64url(SHA-256 of the key), the fingerprint the same 32 bytes as lower-case hex in groups of 4.
 * An id that is not 32 bytes (from before ids were key hashes) is shown as it is.
 */
export function fingerprintOf(deviceId) {
  const id = String(deviceId ?? '');
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return id;
  const binary = atob(id.replace(/-/g, '+').replace(/_/g, '/') + '=');
  const hex = Array.from(binary, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return hex.match(/.{4}/g).join(' ');
}

/** Table rows for a page of known devices, with each device's fingerprint as people compare it. */
export function knownRows(page, format = (date) => date.toISOString()) {
  const devices = Array.isArray(page?.devices) ? page.devices : [];
  return devices.map((d) => {
    const reputation = d?.reputation ?? {};
    const score = Number(reputation.score ?? 0);
    return {
      deviceId: String(d.deviceId),
      fingerprint: fingerprintOf(d.deviceId),
      name: String(d.name ?? '').trim() || '(never seen)',
      platform: String(d.platform ?? ''),
      status: STATUSES.includes(d.status) ? d.status : 'pending',
      firstSeen: when(d.firstSeen, format),
      lastSeen: when(d.lastSeen, format),
      addresses: Array.isArray(d.addresses) ? d.addresses.join(', ') : '',
      score: Math.round(score * 100) / 100,
      flagged: Boolean(reputation.flagged),
      counts: `${reputation.completed ?? 0} completed, ${reputation.failed ?? 0} failed, ${reputation.hashMismatches ?? 0} hash mismatches, `
        + `${reputation.declined ?? 0} declined, ${reputation.cancelled ?? 0} cancelled, ${reputation.reports ?? 0} reports`,
      canApprove: d.status !== 'approved',
      canRevoke: d.status !== 'revoked',
    };
  });
}

/** The selected ids still on the page (a refresh may drop some), in page order. */
export function keptSelection(selected, rows) {
  return rows.map((row) => row.deviceId).filter((id) => selected.has(id));
}

/** "Showing 1-50 of 120" for a page. */
export function describePage(page) {
  const total = Number(page?.total ?? 0);
  const count = Array.isArray(page?.devices) ? page.devices.length : 0;
  const offset = Number(page?.offset ?? 0);
  if (total === 0) return 'No known devices match.';
  return `Showing ${offset + 1}-${offset + count} of ${total}.`;
}
