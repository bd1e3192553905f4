// An init script that makes the page's /ws connection lie the way a malicious or compromised
// server could: it rewrites frames on their way in, after the server sent them and before the
// page reads them. The page's own code runs unchanged; only what "the server" says differs.
// Also records the page's hello, so a test can tell which identity key the page announced.
//
// Lies (one per page):
//   'none'            passes every frame unchanged (the control: the wrapper itself breaks nothing)
//   'sdp-fingerprint' every a=fingerprint in a signal frame's description names another certificate,
//                     as when the server answers the WebRTC offer with a DTLS endpoint of its own
//   'offer-key-share' a transfer.offer arrives with the server's own ephemeral key in keyShare
//   'accept-key-share' a transfer.accept arrives with the server's own ephemeral key in keyShare

function lie(mode, serverKey) {
  const Native = window.WebSocket;
  window.__e2eLies = { mode, told: 0, sentHello: null };
  const otherFingerprint = (value) => value.replace(/[0-9A-F]{2}/gi, (pair) => ((parseInt(pair, 16) ^ 0x5a).toString(16).padStart(2, '0').toUpperCase()));
  const rewrite = (text) => {
    if (mode === 'none') return text;
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return text;
    }
    let changed = false;
    if (mode === 'sdp-fingerprint' && frame.type === 'signal' && typeof frame.data?.description?.sdp === 'string') {
      frame.data.description.sdp = frame.data.description.sdp.replace(/^(a=fingerprint:\S+ )([0-9A-Fa-f:]+)/gm, (_, head, value) => head + otherFingerprint(value));
      changed = true;
    }
    if ((mode === 'offer-key-share' && frame.type === 'transfer.offer') || (mode === 'accept-key-share' && frame.type === 'transfer.accept')) {
      frame.keyShare = { ...frame.keyShare, publicKey: serverKey };
      changed = true;
    }
    if (!changed) return text;
    window.__e2eLies.told += 1;
    return JSON.stringify(frame);
  };

  class LyingWebSocket extends Native {
    send(data) {
      if (typeof data === 'string' && data.includes('"type":"hello"')) {
        try {
          window.__e2eLies.sentHello = JSON.parse(data);
        } catch {
          // not JSON: not a hello
        }
      }
      return super.send(data);
    }

    set onmessage(handler) {
      super.onmessage = typeof handler === 'function'
        ? (event) => handler(typeof event.data === 'string' ? new MessageEvent('message', { data: rewrite(event.data), origin: event.origin }) : event)
        : handler;
    }

    get onmessage() {
      return super.onmessage;
    }
  }
  window.WebSocket = LyingWebSocket;
}

/** The init script for a page whose server tells `mode` lies; `serverKey`: base64url raw P-256 point of "the server's" key. */
export const lyingServerScript = (mode, serverKey = '') => `(${lie})(${JSON.stringify(mode)}, ${JSON.stringify(serverKey)});`;

/** A fresh P-256 public key (raw, 65 bytes, base64url), as a server that substitutes key shares would use. */
export async function serverKeyShare() {
  const { webcrypto } = await import('node:crypto');
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  return Buffer.from(await webcrypto.subtle.exportKey('raw', pair.publicKey)).toString('base64url');
}
