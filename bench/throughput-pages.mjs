// The anchor pages of bench/throughput.mjs, served by its local collector (plain HTTP on
// 127.0.0.1, a secure context). Each page does one measurement and POSTs its figures to
// /result/<run>/<role>; the two WebRTC pages exchange their SDP through /signal/<run>/<role>.
// No automation driver is attached to these pages.

/** Runs in both anchor pages: helpers to talk to the collector. */
function common() {
  const params = new URLSearchParams(location.search);
  const run = params.get('run');
  const role = params.get('role');
  const bytes = Number(params.get('bytes'));
  const report = (figures) => fetch(`/result/${run}/${role}`, { method: 'POST', body: JSON.stringify(figures) });
  const log = (message) => fetch(`/log/${run}/${role}`, { method: 'POST', body: message });
  const fail = (error) => report({ ok: false, message: String(error?.stack ?? error) });
  window.addEventListener('error', (event) => fail(event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => fail(event.reason));
  return { params, run, role, bytes, report, fail, log };
}

/**
 * The raw data channel ceiling: `channels` data channels, `message`-byte messages spread over them,
 * each channel filled while its bufferedAmount is under `high` and resumed at `low`. No work per
 * message on either side (no hashing, encryption or storage); the receiver only counts bytes.
 */
function rtcPage() {
  const { params, run, role, bytes, report, fail, log } = common();
  const channels = Number(params.get('channels'));
  const messageBytes = Number(params.get('message'));
  const high = Number(params.get('high'));
  const low = Number(params.get('low'));
  const other = role === 'send' ? 'recv' : 'send';

  const signal = (body) => fetch(`/signal/${run}/${other}`, { method: 'POST', body: JSON.stringify(body) });
  const nextSignal = async () => {
    for (;;) {
      const response = await fetch(`/signal/${run}/${role}`);
      if (response.status === 200) return response.json();
    }
  };
  const gathered = (pc) => new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') resolve();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  });
  const cipher = async (pc) => {
    const stats = await pc.getStats();
    for (const s of stats.values()) if (s.type === 'transport') return `${s.tlsVersion ?? ''} ${s.dtlsCipher ?? ''}`.trim();
    return '';
  };

  (async () => {
    // Chromium offers host (here: loopback) candidates only to a page that may use a camera or a
    // microphone: ask once (the browser runs with a fake device and auto-accepts), then let go.
    (await navigator.mediaDevices.getUserMedia({ audio: true })).getTracks().forEach((t) => t.stop());
    const pc = new RTCPeerConnection({ iceServers: [] });
    if (role === 'send') {
      const open = [];
      for (let i = 0; i < channels; i++) {
        const dc = pc.createDataChannel(`bench-${i}`, { ordered: true });
        dc.binaryType = 'arraybuffer';
        dc.bufferedAmountLowThreshold = low;
        open.push(dc);
      }
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc);
      await signal(pc.localDescription.toJSON());
      await pc.setRemoteDescription(await nextSignal());
      log('answer set');
      pc.addEventListener('connectionstatechange', () => log(`pc ${pc.connectionState}`));
      await Promise.all(open.map((dc) => (dc.readyState === 'open' ? null : new Promise((r) => dc.addEventListener('open', r, { once: true })))));
      const payload = new Uint8Array(messageBytes);
      crypto.getRandomValues(payload.subarray(0, Math.min(messageBytes, 65536)));
      log('open');
      const started = performance.now();
      // Each channel sends its share; all shares add up to `bytes`.
      await Promise.all(open.map(async (dc, i) => {
        let share = Math.floor(bytes / channels) + (i < bytes % channels ? 1 : 0);
        while (share > 0) {
          if (dc.bufferedAmount >= high) {
            await new Promise((r) => dc.addEventListener('bufferedamountlow', r, { once: true }));
            continue;
          }
          const n = Math.min(messageBytes, share);
          dc.send(n === messageBytes ? payload : payload.subarray(0, n));
          share -= n;
        }
      }));
      await report({ ok: true, sendMs: performance.now() - started, cipher: await cipher(pc) });
    } else {
      let received = 0;
      let firstAt = null;
      let messages = 0;
      pc.addEventListener('datachannel', ({ channel }) => {
        channel.binaryType = 'arraybuffer';
        channel.addEventListener('message', async (event) => {
          firstAt ??= performance.now();
          received += event.data.byteLength;
          messages++;
          if (received === bytes) {
            const ms = performance.now() - firstAt;
            await report({ ok: true, ms, bytes: received, messages, cipher: await cipher(pc) });
          }
        });
      });
      await pc.setRemoteDescription(await nextSignal());
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
      await signal(pc.localDescription.toJSON());
    }
  })().catch(fail);
}

/**
 * A bare WebSocket forwarder over TLS: the sender writes `message`-byte binary frames to
 * wss://127.0.0.1:<port>/fwd (keeping at most `high` bytes buffered in the socket), the bench's
 * forwarder passes them to the receiver's socket, which counts bytes. A text frame 'start' opens
 * the measurement on the receiver.
 */
function wssPage() {
  const { params, run, role, bytes, report, fail } = common();
  const messageBytes = Number(params.get('message'));
  const high = Number(params.get('high'));
  const ws = new WebSocket(`wss://127.0.0.1:${params.get('port')}/fwd?run=${run}&role=${role}`);
  ws.binaryType = 'arraybuffer';
  const tick = () => new Promise((r) => setTimeout(r, 0));
  (async () => {
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('socket error')); });
    if (role === 'send') {
      // The forwarder says 'go' once both sockets are paired.
      await new Promise((r) => { ws.onmessage = (event) => { if (event.data === 'go') r(); }; });
      const payload = new Uint8Array(messageBytes);
      crypto.getRandomValues(payload.subarray(0, Math.min(messageBytes, 65536)));
      const started = performance.now();
      ws.send('start');
      let left = bytes;
      while (left > 0) {
        if (ws.bufferedAmount >= high) { await tick(); continue; }
        const n = Math.min(messageBytes, left);
        ws.send(n === messageBytes ? payload : payload.subarray(0, n));
        left -= n;
      }
      while (ws.bufferedAmount > 0) await tick();
      await report({ ok: true, sendMs: performance.now() - started });
    } else {
      let received = 0;
      let startAt = null;
      let messages = 0;
      ws.onmessage = async (event) => {
        if (typeof event.data === 'string') { startAt = performance.now(); return; }
        received += event.data.byteLength;
        messages++;
        if (received === bytes) await report({ ok: true, ms: performance.now() - startAt, bytes: received, messages });
      };
    }
  })().catch(fail);
}

const html = (title, fn) => `<!doctype html><meta charset="utf-8"><title>${title}</title>
<script>const common = ${common};\n(${fn})();</script>`;

export const pages = {
  '/rtc.html': html('raw data channel', rtcPage),
  '/wss.html': html('TLS WebSocket forwarder', wssPage),
};
