// Numbers as admins read them: "2 h 5 min", "245 MiB". Knows nothing of the DOM.

const UNKNOWN = '—';

/** Uptime in the two largest units that matter: "42 s", "5 min 3 s", "2 h 5 min", "3 d 4 h". */
export function formatUptime(totalSeconds) {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return UNKNOWN;
  const s = Math.floor(totalSeconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days > 0) return pair(days, 'd', hours, 'h');
  if (hours > 0) return pair(hours, 'h', minutes, 'min');
  if (minutes > 0) return pair(minutes, 'min', seconds, 's');
  return `${seconds} s`;
}

function pair(major, majorUnit, minor, minorUnit) {
  return minor > 0 ? `${major} ${majorUnit} ${minor} ${minorUnit}` : `${major} ${majorUnit}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Binary units, as the JVM counts memory; one decimal below 10 ("1.5 GiB"), none above ("245 MiB"). */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return UNKNOWN;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = unit > 0 && value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.7 KiB would round to "1024 KiB"; say "1 MiB" instead.
  if (rounded >= 1024 && unit < BYTE_UNITS.length - 1) return `1 ${BYTE_UNITS[unit + 1]}`;
  return `${rounded} ${BYTE_UNITS[unit]}`;
}

/**
 * Heap figures from GET /api/admin/system's `memory`. The JVM reports max as -1 when no limit is
 * defined; then there is no fraction to show.
 * @returns {{used: string, max: ?string, fraction: ?number, text: string}}
 */
export function describeHeap({ heapUsedBytes, heapMaxBytes } = {}) {
  const used = formatBytes(heapUsedBytes);
  if (!(heapMaxBytes > 0) || !Number.isFinite(heapUsedBytes)) {
    return { used, max: null, fraction: null, text: `${used} used, no limit set` };
  }
  const fraction = Math.min(1, Math.max(0, heapUsedBytes / heapMaxBytes));
  const max = formatBytes(heapMaxBytes);
  return { used, max, fraction, text: `${used} of ${max} (${Math.round(fraction * 100)} %)` };
}

/**
 * How long ago an instant was, coarse enough that a 5 s refresh does not make it flicker:
 * "just now", "42 s ago", "5 min ago", "2 h 5 min ago", "3 d 4 h ago". A time slightly in the
 * future (the server's clock ahead of this browser's) reads as "just now".
 * @param {string|number|Date} instant an ISO instant or anything Date accepts
 * @param {number} now milliseconds since the epoch
 */
export function formatAgo(instant, now = Date.now()) {
  const at = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : NaN;
  if (!Number.isFinite(at) || !Number.isFinite(now)) return UNKNOWN;
  const seconds = Math.floor((now - at) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${formatUptime(seconds)} ago`;
}

const counts = new Intl.NumberFormat('en');

/** A count of things: "12", "12,345"; a dash for anything that is not a whole number ≥ 0. */
export function formatCount(value) {
  return Number.isSafeInteger(value) && value >= 0 ? counts.format(value) : UNKNOWN;
}
