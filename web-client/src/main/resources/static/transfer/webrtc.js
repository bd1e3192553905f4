// The direct route: one RTCPeerConnection per transfer with one reliable, ordered data channel.
// The sender makes the SDP offer; descriptions and ICE candidates travel in `signal` frames as
// {"description": RTCSessionDescriptionInit} and {"candidate": RTCIceCandidateInit}. Resolves with
// a transport (see channel.js) once the data channel is open, or rejects when ICE fails, the time
// limit passes or the attempt is aborted.
//
// One channel is enough: every data channel of a connection shares one SCTP association and its
// congestion window, so more channels add reordering work, not throughput.
//
// Binding to the identities (docs/transfer.md, "Binding the direct path"): each description goes
// out as {"description", "signature"}, the signature (signDescription) covering its DTLS
// fingerprints; a received one is applied only once verifyDescription vouched for it, and once the
// channel opens, the certificate the peer actually presented (getStats, or the DTLS transport) must
// be one of the fingerprints vouched for. Either failing rejects with what those hooks throw; there
// is no unsigned fallback.

export const HIGH_WATER_BYTES = 8 * 1024 * 1024; // Chromium closes a channel whose buffer passes 16 MiB
export const LOW_WATER_BYTES = 1024 * 1024;
const FLUSH_POLL_MS = 5;
const PC_CLOSE_WAIT_MS = 1_000;

/**
 * @param {object} options
 * @param {'offerer'|'answerer'} options.role
 * @param {(data: object) => void} options.sendSignal
 * @param {(handler: (data: object) => void) => () => void} options.onSignal subscribe; returns unsubscribe
 * @param {(description: object) => Promise<string>} options.signDescription the signature of a description sent
 * @param {(description: object, signature: ?string) => Promise<string[]>} options.verifyDescription the
 *   fingerprints a received description is vouched for with; throws when it is not
 * @param {() => Error} options.certificateMismatch the error when the peer's certificate is not one vouched for
 */
export function connectDirect({
  role, iceServers = [], sendSignal, onSignal, timeoutMs = 10_000, abortSignal,
  signDescription, verifyDescription, certificateMismatch,
  RTCPeerConnectionImpl = globalThis.RTCPeerConnection,
}) {
  return new Promise((resolve, reject) => {
    if (typeof RTCPeerConnectionImpl !== 'function') {
      reject(new Error('This browser has no WebRTC'));
      return;
    }
    if (abortSignal?.aborted) {
      reject(abortSignal.reason ?? new Error('Aborted'));
      return;
    }
    const pc = new RTCPeerConnectionImpl({ iceServers });
    let settled = false;
    let unsubscribe = () => {};
    let remoteDescriptionSet = false;
    let vouchedFingerprints = null;
    const earlyCandidates = [];
    let signals = Promise.resolve();
    // What this side sends leaves in order: a candidate never overtakes the description it belongs to
    // while that description is being signed.
    let outgoing = Promise.resolve();
    const send = (make) => {
      outgoing = outgoing.then(make).then(sendSignal).catch(fail);
    };
    const sendDescription = () => send(async () => {
      const description = pc.localDescription.toJSON();
      return { description, signature: await signDescription(description) };
    });

    const finish = () => {
      settled = true;
      clearTimeout(timer);
      abortSignal?.removeEventListener('abort', onAbort);
    };
    const fail = (error) => {
      if (settled) return;
      finish();
      unsubscribe();
      pc.close();
      reject(error);
    };
    const onAbort = () => fail(abortSignal.reason ?? new Error('Aborted'));
    const timer = setTimeout(() => fail(new Error('WebRTC did not connect in time')), timeoutMs);
    abortSignal?.addEventListener('abort', onAbort, { once: true });

    // Signals are applied one at a time, in the order they came.
    unsubscribe = onSignal((data) => {
      signals = signals.then(() => applySignal(data)).catch((error) => fail(error));
    });
    async function applySignal(data) {
      if (data.description) {
        vouchedFingerprints = await verifyDescription(data.description, data.signature ?? null);
        if (settled) return;
        await pc.setRemoteDescription(data.description);
        remoteDescriptionSet = true;
        for (const candidate of earlyCandidates.splice(0)) await pc.addIceCandidate(candidate);
        if (data.description.type === 'offer') {
          await pc.setLocalDescription(await pc.createAnswer());
          sendDescription();
        }
      } else if (data.candidate) {
        if (remoteDescriptionSet) await pc.addIceCandidate(data.candidate);
        else earlyCandidates.push(data.candidate);
      }
    }

    pc.onicecandidate = ({ candidate }) => {
      if (candidate) send(() => ({ candidate: candidate.toJSON() }));
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') fail(new Error('No direct connection could be made (ICE failed)'));
    };
    const adopt = (channel) => {
      channel.binaryType = 'arraybuffer';
      const opened = () => {
        if (settled) return;
        presentedAsVouched(pc, vouchedFingerprints).then((matches) => {
          if (settled) return;
          if (!matches) {
            fail(certificateMismatch());
            return;
          }
          finish();
          resolve(new DataChannelTransport(pc, channel, unsubscribe));
        }, fail);
      };
      channel.addEventListener('open', opened, { once: true });
      if (channel.readyState === 'open') opened();
    };

    if (role === 'offerer') {
      adopt(pc.createDataChannel('lanvan-transfer', { ordered: true }));
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .then(sendDescription)
        .catch(fail);
    } else {
      pc.ondatachannel = ({ channel }) => adopt(channel);
    }
  });
}

/**
 * Whether the certificate the peer presented in the DTLS handshake has one of the fingerprints its
 * signed description vouched for. The browser already checks it against the description it applied;
 * this checks it against the signed one, where the browser tells: getStats() (transport →
 * remoteCertificateId → certificate), or else the DTLS transport's remote certificates (hashed here
 * with SHA-256). A browser that tells neither leaves the signed description as the only check.
 */
export async function presentedAsVouched(pc, vouched) {
  if (!Array.isArray(vouched) || vouched.length === 0) return false;
  const presented = await presentedFingerprints(pc);
  return presented.length === 0 || presented.some((fingerprint) => vouched.includes(fingerprint));
}

async function presentedFingerprints(pc) {
  const found = [];
  try {
    const stats = await pc.getStats();
    stats.forEach((report) => {
      if (report.type !== 'transport' || !report.remoteCertificateId) return;
      const certificate = stats.get(report.remoteCertificateId);
      if (certificate?.fingerprint && certificate.fingerprintAlgorithm) {
        found.push(`${certificate.fingerprintAlgorithm.toLowerCase()} ${certificate.fingerprint.toUpperCase()}`);
      }
    });
  } catch {
    // no stats: try the transport below
  }
  if (found.length > 0) return found;
  const certificates = pc.sctp?.transport?.getRemoteCertificates?.() ?? [];
  for (const der of certificates) {
    const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', der));
    found.push(`sha-256 ${[...digest].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')}`);
  }
  return found;
}

class DataChannelTransport {
  route = 'direct';
  onmessage = null;
  onclose = null;
  #pc;
  #channel;
  #unsubscribe;
  #closed = false;
  #drained = null;

  constructor(pc, channel, unsubscribe) {
    this.#pc = pc;
    this.#channel = channel;
    this.#unsubscribe = unsubscribe;
    channel.bufferedAmountLowThreshold = LOW_WATER_BYTES;
    channel.onmessage = (event) => this.onmessage?.(event.data);
    channel.onbufferedamountlow = () => this.#wake();
    channel.onclose = () => this.#ended('The data channel closed');
    channel.onerror = () => {}; // close follows
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') this.#ended('The connection failed');
    };
  }

  /** What one message may hold on this connection (both browsers' SCTP limits). */
  get maxMessageSize() {
    return this.#pc.sctp?.maxMessageSize;
  }

  send(bytes) {
    this.#channel.send(bytes);
  }

  /** Backpressure: resolves when `bytes` more fit under the high-water mark. */
  ready(bytes) {
    if (this.#closed || this.#channel.readyState !== 'open') return Promise.reject(new Error('The data channel is closed'));
    if (this.#channel.bufferedAmount + bytes <= HIGH_WATER_BYTES) return Promise.resolve();
    this.#drained ??= deferred();
    return this.#drained.promise;
  }

  /** Resolves once the channel's buffer is empty (closing the connection earlier would drop it). */
  async flush() {
    while (!this.#closed && this.#channel.readyState === 'open' && this.#channel.bufferedAmount > 0) {
      await new Promise((resolve) => setTimeout(resolve, FLUSH_POLL_MS));
    }
    if (this.#closed || this.#channel.readyState !== 'open') throw new Error('The data channel is closed');
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    this.#wake(new Error('The data channel is closed'));
    // The channel closes after what is queued on it was delivered (a cancel, say); closing the
    // connection at once would drop that, so it waits for the channel, at most a second.
    const pc = this.#pc;
    const channel = this.#channel;
    let timer = null;
    const closePc = () => {
      clearTimeout(timer);
      pc.close();
    };
    try {
      channel.close();
    } catch {
      closePc();
      return;
    }
    if (channel.readyState === 'closed') closePc();
    else {
      timer = setTimeout(closePc, PC_CLOSE_WAIT_MS);
      channel.addEventListener('close', closePc, { once: true });
    }
  }

  #wake(error) {
    const drained = this.#drained;
    this.#drained = null;
    if (error) drained?.reject(error);
    else drained?.resolve();
  }

  #ended(reason) {
    if (this.#closed) return;
    this.close();
    this.onclose?.({ code: 1006, reason });
  }
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
