// The "Server" card and footer version: what this page knows about the server it talks to.

/** Facts that need no request: where the page came from and whether the line is encrypted. */
export function renderOrigin(doc, { host, secure }) {
  doc.querySelector('[data-server-address]').textContent = host || 'Not served by a LANVan server';
  doc.querySelector('[data-server-transport]').textContent = secure ? 'Encrypted (HTTPS)' : 'Not encrypted';
}

/** @param {{name: string, version: string}} system body of GET /api/system (all it tells anonymous callers) */
export function renderSystem(doc, system) {
  const version = typeof system.version === 'string' ? system.version : 'Unknown';
  doc.querySelector('[data-server-version]').textContent = version;
  doc.querySelector('[data-footer-version]').textContent = version;
}

export function renderSystemUnavailable(doc) {
  doc.querySelector('[data-server-version]').textContent = 'Unavailable';
}
