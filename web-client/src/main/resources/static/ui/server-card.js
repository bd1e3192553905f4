// The "Server" card and footer version: what this page knows about the server it talks to.

// "Nov 25, 1:00 PM": short enough for a phone; the year only when it is not this one.
function formatStarted(date, now = new Date()) {
  const options = { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
  if (date.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  return new Intl.DateTimeFormat(undefined, options).format(date);
}

/** Facts that need no request: where the page came from and whether the line is encrypted. */
export function renderOrigin(doc, { host, secure }) {
  doc.querySelector('[data-server-address]').textContent = host || 'Not served by a LANVan server';
  doc.querySelector('[data-server-transport]').textContent = secure ? 'Encrypted (HTTPS)' : 'Not encrypted';
}

/** @param {{version: string, startedAt: string}} system body of GET /api/system */
export function renderSystem(doc, system) {
  const version = typeof system.version === 'string' ? system.version : 'Unknown';
  const started = new Date(system.startedAt);
  doc.querySelector('[data-server-version]').textContent = version;
  doc.querySelector('[data-server-started]').textContent = Number.isNaN(started.getTime()) ? 'Unknown' : formatStarted(started);
  doc.querySelector('[data-footer-version]').textContent = version;
}

export function renderSystemUnavailable(doc) {
  for (const selector of ['[data-server-version]', '[data-server-started]']) {
    doc.querySelector(selector).textContent = 'Unavailable';
  }
}
