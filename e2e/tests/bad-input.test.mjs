// The real server answers bad input from a page's raw WebSocket (bypassing the client) as
// docs/protocol.md says, and only the offending connection suffers: the devices around it carry on.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../support/eventually.mjs';
import { useLanvan } from '../support/harness.mjs';
import { MiB, oneFile, summary, transferAndVerify } from '../support/transfers.mjs';

let a;
let b;
let c;

useLanvan(async (lanvan) => {
  a = await lanvan.open('A');
  b = await lanvan.open('B');
  c = await lanvan.open('C on [::1]', { family: 6 });
  await eventually(async () => (await a.peerIds()).includes(b.id) && (await b.peerIds()).includes(a.id),
    { timeoutMs: 5000, what: 'A and B listing each other' });
});

let sockets = 0;

/** Opens a raw socket from A's page; returns helpers bound to it. */
async function rawSocket() {
  const name = `raw-${++sockets}`;
  await a.evaluate((name) => window.__e2e.openSocket(name), name);
  const state = () => a.evaluate((name) => {
    const { frames, closed } = window.__e2e.sockets.get(name);
    return { frames, closed };
  }, name);
  return {
    name,
    send: (text) => a.evaluate(({ name, text }) => window.__e2e.sockets.get(name).ws.send(text), { name, text }),
    sendJson: (message) => a.evaluate(({ name, message }) => window.__e2e.sockets.get(name).ws.send(JSON.stringify(message)), { name, message }),
    flood: (count) => a.evaluate(({ name, count }) => {
      const { ws } = window.__e2e.sockets.get(name);
      for (let i = 0; i < count && ws.readyState === WebSocket.OPEN; i++) ws.send(JSON.stringify({ type: 'ping', id: `f${i}` }));
    }, { name, count }),
    frame: (predicate, what) => eventually(async () => (await state()).frames.find(predicate), { timeoutMs: 5000, what }),
    closed: (what) => eventually(async () => (await state()).closed, { timeoutMs: 10_000, what }),
    state,
  };
}

test('malformed JSON is answered with a malformed-json error frame and the socket stays open', { timeout: 30_000 }, async () => {
  const socket = await rawSocket();
  await socket.send('{"type": "ping", "id": ');
  const error = await socket.frame((f) => f.type === 'error', 'an error frame');
  assert.equal(error.code, 'malformed-json');
  assert.ok(error.message, 'the error says what is wrong');
  await socket.sendJson({ type: 'ping', id: 'after' });
  await socket.frame((f) => f.type === 'pong' && f.id === 'after', 'a pong after the error');
  assert.equal((await socket.state()).closed, null, 'still open');
});

test('an unknown message type is answered with an unknown-type error frame naming the request', { timeout: 30_000 }, async () => {
  const socket = await rawSocket();
  await socket.sendJson({ type: 'no.such-type', id: 'u1' });
  const error = await socket.frame((f) => f.type === 'error', 'an error frame');
  assert.equal(error.code, 'unknown-type');
  assert.equal(error.inReplyTo, 'u1');
  assert.equal((await socket.state()).closed, null, 'still open');
});

test('a 70 KB frame closes the socket with 1009', { timeout: 30_000 }, async (t) => {
  const socket = await rawSocket();
  await socket.sendJson({ type: 'ping', id: 'big', padding: 'x'.repeat(70 * 1024) });
  const closed = await socket.closed('the close of the socket');
  assert.equal(closed.code, 1009, `close code (reason: ${closed.reason})`);
  t.diagnostic(`closed ${closed.code} ${closed.reason}`);
});

test('a flood of frames closes the socket with 1008', { timeout: 30_000 }, async (t) => {
  const socket = await rawSocket();
  await socket.flood(2000);
  const closed = await socket.closed('the close of the socket');
  assert.equal(closed.code, 1008, `close code (reason: ${closed.reason})`);
  t.diagnostic(`closed ${closed.code} ${closed.reason}`);
  assert.match(closed.reason, /rate/i, 'the reason names the rate limit');
});

test('a signal to a peer in another network is answered with peer-unavailable', { timeout: 30_000 }, async () => {
  const socket = await rawSocket();
  await a.evaluate((name) => window.__e2e.rawHello(name, { name: 'Raw socket' }), socket.name);
  const welcome = await socket.frame((f) => f.type === 'welcome' || f.type === 'error', 'the answer to hello');
  assert.equal(welcome.type, 'welcome', `hello is welcomed (${JSON.stringify(welcome)})`);
  const visible = welcome.peers.map((p) => p.peerId);
  assert.ok(visible.includes(a.id) && visible.includes(b.id), `the raw socket sees A and B, its own network (${visible})`);
  assert.ok(!visible.includes(c.id), 'and not C');

  await socket.sendJson({ type: 'signal', id: 's1', to: c.id, transferId: 'e2e-probe-0001', data: { probe: true } });
  const error = await socket.frame((f) => f.type === 'error' && f.inReplyTo === 's1', 'the answer to the signal');
  assert.equal(error.code, 'peer-unavailable');
});

test('after all that, the other devices are unaffected: they still see each other and a transfer works', { timeout: 60_000 }, async (t) => {
  assert.ok((await a.peerIds()).includes(b.id) && (await b.peerIds()).includes(a.id), 'A and B still list each other');
  t.diagnostic(summary(await transferAndVerify({ sender: a, receiver: b, specs: oneFile('after.bin', 2 * MiB, 21), options: { route: 'relay' }, expectRoute: 'relay' })));
  t.diagnostic(summary(await transferAndVerify({ sender: b, receiver: a, specs: oneFile('back.bin', 2 * MiB, 22), options: { route: 'auto' }, expectRoute: 'direct' })));
  assert.ok((await c.peerIds()).every((id) => id !== a.id && id !== b.id), 'C still does not see A or B');
});
