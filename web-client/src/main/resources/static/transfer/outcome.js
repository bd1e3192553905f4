// The words for how a transfer ended. One place, so the two sides and the UI say the same thing.
// Knows nothing of the DOM.

import { TransferError } from './transfer.js';

/**
 * @param {string} code
 * @param {{peer?: string, file?: string, byPeer?: boolean, direction?: 'send'|'receive', detail?: string}} context
 * @returns {TransferError}
 */
export function transferError(code, { peer = 'The other device', file = 'A file', byPeer = false, direction = 'send', detail = '' } = {}) {
  return new TransferError(code, messageFor(code, { peer, file, byPeer, direction, detail }), { byPeer });
}

function messageFor(code, { peer, file, byPeer, direction, detail }) {
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
      return byPeer
        ? `${peer} could not verify this device's identity, so the transfer was stopped.`
        : `${peer} could not prove it is the device it claims to be, so the transfer was stopped.`;
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
