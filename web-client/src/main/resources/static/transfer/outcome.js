// The words for how a transfer ended. One place, so the two sides and the UI say the same thing.
// Knows nothing of the DOM.

import { TransferError } from './transfer.js';

/**
 * @param {string} code
 * @param {{peer?: string, file?: string, byPeer?: boolean, direction?: 'send'|'receive', detail?: string,
 *   verification?: 'verified'|'unverified'}} context
 * @returns {TransferError}
 */
export function transferError(code, {
  peer = 'The other device', file = 'A file', byPeer = false, direction = 'send', detail = '', verification,
} = {}) {
  const error = new TransferError(code, messageFor(code, { peer, file, byPeer, direction, detail, verification }), { byPeer });
  if (code === 'verification-failed' && !byPeer && detail) error.tampered = detail;
  return error;
}

/** What the server (or something between) changed, said for the person at the screen. */
const TAMPERED = {
  'key-share': (peer) => `the encryption key said to come from “${peer}” is not signed by that device's identity key`,
  connection: (peer) => `the direct-connection details said to come from “${peer}” are not the ones that device signed`,
  certificate: (peer) => `the direct connection reached another device than the one “${peer}” signed for`,
};

function tamperedMessage(peer, detail, verification) {
  const what = (TAMPERED[detail] ?? TAMPERED['key-share'])(peer);
  let trust = '';
  if (verification === 'verified') trust = ` You verified ${peer}'s safety code, so this is not ${peer}'s doing.`;
  else if (verification === 'unverified') {
    trust = ` ${peer} is not verified: compare safety codes with ${peer} to be sure the server did not also replace its identity key.`;
  }
  return `The server altered the connection details of this transfer (${what}), so this transfer was stopped. `
    + `No file data was exchanged.${trust}`;
}

function messageFor(code, { peer, file, byPeer, direction, detail, verification }) {
  switch (code) {
    case 'declined':
      return byPeer ? `${peer} declined the files.` : 'You declined the files.';
    case 'cancelled':
      return byPeer ? `${peer} cancelled the transfer.` : 'You cancelled the transfer.';
    case 'peer-left':
      if (detail === 'closed') {
        return direction === 'send'
          ? `${peer} closed LANVan before all files arrived.`
          : `${peer} closed LANVan before sending all files.`;
      }
      return `${peer} is no longer connected, so the transfer stopped.`;
    case 'no-route':
      if (detail === 'relay-only') {
        return "This transfer was limited to the server's relay, which is not available right now (its capability may be stopped).";
      }
      return detail === 'direct-only'
        ? `No direct connection to ${peer} could be made, and this transfer was limited to direct connections.`
        : `No connection to ${peer} could be made: a direct connection failed and the server's relay is not available.`;
    case 'hash-mismatch':
      return `${file} arrived damaged (its SHA-256 checksum does not match what was sent), so it was discarded.`;
    case 'verification-failed':
      if (byPeer) {
        return `${peer} found the connection details of this transfer altered on the way (by the server, or `
          + 'something between), or could not verify this device, so this transfer was stopped.';
      }
      return tamperedMessage(peer, detail, verification);
    case 'integrity':
      return `Data from ${peer} failed its integrity check, so the transfer was stopped.`;
    case 'connection-lost':
      return detail === 'server'
        ? 'The connection to the LANVan server was lost before the transfer could start.'
        : `The connection to ${peer} was lost during the transfer.`;
    case 'storage':
      if (byPeer) return `${peer} could not store the files.`;
      return `This browser could not store the files${detail ? `: ${detail}` : '.'}`;
    case 'protocol':
      return `${peer} sent something LANVan did not expect, so the transfer was stopped${detail ? ` (${detail})` : ''}.`;
    case 'policy':
      return detail || "The server's policy does not allow this transfer.";
    case 'unavailable':
      return detail || 'The server cannot pass this transfer on right now: a capability it needs is stopped.';
    case 'invalid':
      return detail || 'These files cannot be sent.';
    default:
      return detail || `The transfer failed (${code}).`;
  }
}
