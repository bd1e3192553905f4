// Entry point of the employee page: builds window.lanvan (lanvan.js) from the browser's parts
// (WebSocket, IndexedDB, OPFS, WebRTC) and wires the UI to it, plus the server facts and optional
// company branding. The UI renders lanvan's state and acts only through its public API.

import { describeDevice } from './device.js';
import { randomId } from './encoding.js';
import { DeviceIdentity } from './identity.js';
import { memoryStore, openKeyValueStore } from './keyvalue.js';
import { Lanvan } from './lanvan.js';
import { getJson } from '/lib/server/api.js';
import { loadBranding } from '/lib/server/branding.js';
import { ServerConnection, Status, socketUrl } from './server/connection.js';
import { connectRelay, relayUrl } from './transfer/relay.js';
import { MemoryStorage, OpfsStorage } from './transfer/storage.js';
import { connectDirect } from './transfer/webrtc.js';
import { PeerTrust } from './trust.js';
import { applyBranding } from '/lib/ui/branding.js';
import { DeviceList } from './ui/devices.js';
import { IncomingDialog, TextDialog } from './ui/dialogs.js';
import { clearNotice, showNotice } from './ui/notice.js';
import { PairingCard } from './ui/pairing.js';
import { renderPaused } from './ui/paused.js';
import { renderPolicy } from './ui/policy.js';
import { saveFile } from './ui/save.js';
import { renderOrigin, renderSystem, renderSystemUnavailable } from './ui/server-card.js';
import { ConnectionIndicator } from './ui/status.js';
import { ThisDeviceCard } from './ui/this-device.js';
import { ReportDialog } from './ui/report.js';
import { TransferList } from './ui/transfers.js';
import { VerifyDialog } from './ui/verify.js';

const PRODUCT = 'LANVan';
const $ = (selector) => document.querySelector(selector);
$('[data-startup-note]').remove();
const noticeRegion = $('[data-notice-region]');
const connection = new ServerConnection({ url: socketUrl(location) });

const store = openKeyValueStore().catch(() => memoryStore());
const lock = navigator.locks ? (fn) => navigator.locks.request('lanvan-identity', fn) : undefined;
const identity = store.then((kv) => DeviceIdentity.load({
  store: kv, userAgent: navigator.userAgent, maxTouchPoints: navigator.maxTouchPoints, lock,
}));
const storage = OpfsStorage.open({ session: randomId(12) }).catch(() => null).then((opfs) => opfs ?? new MemoryStorage());

const lanvan = new Lanvan({
  connection,
  identity,
  trust: new PeerTrust(store),
  storage,
  routes: {
    direct: connectDirect,
    relay: ({ ticket, abortSignal }) => connectRelay({ url: relayUrl(location, ticket), abortSignal }),
  },
});
window.lanvan = lanvan;

// The server's policies (mode and limits), live as the server pushes them
const policyNotice = $('[data-policy-notice]');
renderPolicy(policyNotice, lanvan.policy);
lanvan.addEventListener('policy', ({ detail }) => renderPolicy(policyNotice, detail.policy));

// What an admin stopped on the server (hot swap), in plain words, until it is back
const pausedNotice = $('[data-paused-notice]');
renderPaused(pausedNotice, lanvan.paused);
lanvan.addEventListener('capabilities', () => renderPaused(pausedNotice, lanvan.paused));

// This device
$('[data-device-name]').textContent = describeDevice(navigator.userAgent, { maxTouchPoints: navigator.maxTouchPoints }).label;
$('[data-insecure-note]').hidden = window.isSecureContext;
renderOrigin(document, { host: location.host, secure: location.protocol === 'https:' });
const thisDevice = new ThisDeviceCard($('.device-card'), lanvan);
identity.then(() => thisDevice.render(), (error) => showNotice(noticeRegion, {
  tone: 'danger',
  title: 'This browser cannot take part',
  message: `LANVan needs WebCrypto and a secure (https) page to make this device's keys: ${error.message}`,
}));
lanvan.addEventListener('self', () => thisDevice.render());

// Devices nearby, sending
const textDialog = new TextDialog($('[data-text-dialog]'), (peer, text) => lanvan.sendText(peer.id, text));
const verifyDialog = new VerifyDialog($('[data-verify-dialog]'), lanvan);
const reportDialog = new ReportDialog($('[data-report-dialog]'), lanvan);
const devices = new DeviceList($('.nearby-card'), {
  onFiles: (peer, files) => lanvan.send(peer.id, files),
  onText: (peer) => textDialog.open(peer),
  onTrust: (peer) => lanvan.trustPeer(peer.id),
  onVerify: (peer) => verifyDialog.open(peer),
  onReport: (peer) => reportDialog.open(peer),
});
const pairing = new PairingCard($('.pair-card'), lanvan.pair);
lanvan.addEventListener('pairretired', ({ detail }) => pairing.retired(detail.reason));
lanvan.addEventListener('pairrequest', ({ detail }) => pairing.requested(detail));
const renderPeers = () => {
  devices.render({ peers: lanvan.peers, refused: lanvan.refusedPeers, status: lanvan.status, refusal: lanvan.refusal });
  pairing.setOnline(lanvan.status === 'online');
};
lanvan.addEventListener('peers', renderPeers);
lanvan.addEventListener('status', renderPeers);
renderPeers();
lanvan.addEventListener('identitychange', ({ detail }) => showNotice(noticeRegion, {
  tone: 'danger',
  title: `${detail.peer.name} shows another key than before`,
  message: 'It may be another device with the same name, the same device after its browser data was cleared, or someone '
    + 'posing as it. Files from it will not be accepted automatically: compare safety codes with its owner (Verify) before trusting it.',
}));

// Transfers
const transfers = new TransferList($('.transfers-card'), { onSave: saveFile });
const incoming = new IncomingDialog($('[data-incoming-dialog]'));
lanvan.addEventListener('transfer', ({ detail }) => transfers.add(detail.transfer));
lanvan.addEventListener('incoming', ({ detail }) => incoming.offer(detail));

// Files dropped beside a device tile must not make the browser open them instead of this page.
for (const type of ['dragover', 'drop']) {
  document.addEventListener(type, (event) => {
    if (!event.defaultPrevented && [...(event.dataTransfer?.types ?? [])].includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'none';
    }
  });
}
// Peers learn at once that this page went away, instead of waiting for their connection to time out.
window.addEventListener('pagehide', () => lanvan.close());

// Server connection and facts
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

const indicator = new ConnectionIndicator($('[data-connection]'));
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
