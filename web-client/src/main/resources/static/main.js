// Entry point of the employee page: wires the server connection, the server facts and optional
// company branding to the UI. Everything here reacts to server state; nothing is invented.

import { describeDevice } from './device.js';
import { getJson } from '/lib/server/api.js';
import { loadBranding } from '/lib/server/branding.js';
import { ServerConnection, Status, socketUrl } from './server/connection.js';
import { applyBranding } from '/lib/ui/branding.js';
import { clearNotice, showNotice } from './ui/notice.js';
import { renderOrigin, renderSystem, renderSystemUnavailable } from './ui/server-card.js';
import { ConnectionIndicator } from './ui/status.js';

const PRODUCT = 'LANVan';
document.querySelector('[data-startup-note]').remove();
const noticeRegion = document.querySelector('[data-notice-region]');
const connection = new ServerConnection({ url: socketUrl(location) });

document.querySelector('[data-device-name]').textContent =
  describeDevice(navigator.userAgent, { maxTouchPoints: navigator.maxTouchPoints }).label;
document.querySelector('[data-insecure-note]').hidden = window.isSecureContext;
renderOrigin(document, { host: location.host, secure: location.protocol === 'https:' });

async function refreshSystem() {
  try {
    renderSystem(document, await getJson('/api/system'));
    clearNotice(noticeRegion);
  } catch (error) {
    renderSystemUnavailable(document);
    showNotice(noticeRegion, {
      tone: error.unreachable ? 'warning' : 'danger',
      title: error.unreachable ? 'Server unreachable' : 'The server could not answer',
      message: error.message,
      action: { label: 'Try again', run: retry },
    });
  }
}

function retry() {
  connection.reconnectNow();
  refreshSystem();
}

const indicator = new ConnectionIndicator(document.querySelector('[data-connection]'));
let previous = connection.state;
connection.subscribe((state) => {
  indicator.render(state);
  // Back after a drop: the server may have restarted, possibly with another version.
  if (state.status === Status.CONNECTED && previous.status === Status.RECONNECTING) refreshSystem();
  if (state.lastError && state.lastError !== previous.lastError) {
    showNotice(noticeRegion, { tone: 'danger', title: 'The server reported a problem', message: state.lastError.message || state.lastError.code });
  }
  previous = state;
});

window.addEventListener('online', () => connection.reconnectNow());
connection.start();
refreshSystem();

// Branding is optional: without the plugin, or if it fails, the page keeps its own look.
loadBranding((path) => getJson(path))
  .then((branding) => applyBranding(document, branding, { product: PRODUCT }))
  .catch(() => {});
