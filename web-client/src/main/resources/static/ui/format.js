// Numbers and words for the transfer UI: sizes, speeds, time left, file summaries, states.
// Knows nothing of the DOM.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB" (decimal units, as file managers on phones and Macs show them). */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits).replace(/\.0+$|(\.\d*[1-9])0+$/, '$1')} ${UNITS[unit]}`;
}

export const formatSpeed = (bytesPerSecond) => (bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '');

/** Seconds left in words: "8 s left", "3 min left", "1 h 5 min left"; '' when unknown. */
export function formatEta(seconds) {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min left`;
  return minutes % 60 === 0 ? `${minutes / 60} h left` : `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

export const percentOf = (bytes, total) => (total > 0 ? Math.floor((bytes / total) * 100) : 100);

/** "report.pdf", "photos (12 files)", or "3 files" — what a transfer holds, in one line. */
export function summarizeFiles(files) {
  if (files.length === 1) return files[0].name;
  const folders = new Set(files.map((f) => (f.name.includes('/') ? f.name.slice(0, f.name.indexOf('/')) : null)));
  if (folders.size === 1 && !folders.has(null)) return `${[...folders][0]} (${files.length} files)`;
  return `${files.length} files`;
}

/** A received transfer that is a short text message is shown inline rather than as a file. */
export function isTextMessage(files) {
  return files.length === 1 && files[0].name === 'message.txt' && files[0].type.startsWith('text/plain') && files[0].size <= 100_000;
}

export const PLATFORM_LABELS = Object.freeze({
  windows: 'Windows', macos: 'Mac', linux: 'Linux', android: 'Android', ios: 'iPhone or iPad', other: 'Device',
});

export const platformLabel = (platform) => PLATFORM_LABELS[platform] ?? PLATFORM_LABELS.other;

const STATE_WORDS = {
  send: { offered: 'Waiting for them to accept', connecting: 'Connecting', transferring: 'Sending', completed: 'Sent' },
  receive: { offered: 'Wants to send you files', connecting: 'Connecting', transferring: 'Receiving', completed: 'Received and verified' },
};

export function stateLabel(transfer) {
  const words = STATE_WORDS[transfer.direction][transfer.state];
  if (words) return words;
  if (transfer.state === 'declined') return 'Declined';
  if (transfer.state === 'cancelled') return 'Cancelled';
  return 'Failed';
}
