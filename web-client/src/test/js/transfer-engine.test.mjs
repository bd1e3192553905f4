import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { toHex } from '../../main/resources/static/encoding.js';
import { exportIdentityKey, generateIdentityKeyPair } from '../../main/resources/static/transfer/crypto.js';
import { MAX_PIECE_RESENDS } from '../../main/resources/static/transfer/pieces.js';
import { eventually, FakeServer, nextEvent, randomBytes } from './transfer-fakes.mjs';

const digest = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
const sha256 = async (bytes) => toHex(await digest(bytes));
const MiB = 1024 * 1024;

/** The piece root of docs/transfer.md, computed here on its own: SHA-256 over the SHA-256s of each 4 MiB. */
async function pieceRoot(bytes) {
  const hashes = [];
  for (let at = 0; at < bytes.length; at += 4 * MiB) hashes.push(...await digest(bytes.subarray(at, at + 4 * MiB)));
  return sha256(new Uint8Array(hashes));
}

async function twoDevices(options = {}) {
  const server = new FakeServer();
  Object.assign(server, options.server);
  const ana = await server.join('p-ana', "Ana's laptop", options.ana);
  const ben = await server.join('p-ben', "Ben's phone", options.ben);
  return { server, ana, ben };
}

/** Ben accepts the next offer at once; resolves with Ben's side of the transfer. */
function acceptNext(device) {
  return nextEvent(device.engine, 'incoming').then(({ transfer }) => {
    transfer.accept();
    return transfer;
  });
}

const textFile = (name, text) => new File([text], name, { type: 'text/plain' });

describe('transfer engine', () => {
  test('sendsSeveralFilesIncludingAnEmptyOneAndBothSidesAgreeOnTheHashes', async () => {
    const { server, ana, ben } = await twoDevices();
    const big = randomBytes(700_001);
    const files = [textFile('notes/a.txt', 'hello'), new File([], 'empty.bin'), new File([big], 'big.bin', { type: 'application/octet-stream' })];
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', files);
    const received = await incoming;

    assert.deepEqual(received.files.map((f) => [f.name, f.size, f.type]),
      [['notes/a.txt', 5, 'text/plain'], ['empty.bin', 0, ''], ['big.bin', 700_001, 'application/octet-stream']]);
    const [senderResult, receiverResult] = await Promise.all([sent.done, received.done]);

    const expected = [
      { name: 'notes/a.txt', size: 5, root: await pieceRoot(new TextEncoder().encode('hello')) },
      { name: 'empty.bin', size: 0, root: await pieceRoot(new Uint8Array()) },
      { name: 'big.bin', size: 700_001, root: await pieceRoot(big) },
    ];
    assert.deepEqual(senderResult.files, expected);
    assert.deepEqual(receiverResult.files, expected);
    assert.equal(senderResult.route, 'direct');
    assert.equal(receiverResult.bytes, 700_006);
    assert.equal(sent.state, 'completed');
    assert.equal(sent.progress.bytes, 700_006);
    const bigFile = await received.files[2].file();
    assert.equal(bigFile.name, 'big.bin');
    assert.equal(await sha256(new Uint8Array(await bigFile.arrayBuffer())), await sha256(big));
    assert.equal(await (await received.files[0].file()).text(), 'hello');
    await eventually(() => server.reports.length === 2, { what: 'both reports' });
    assert.deepEqual(server.reports.map((r) => [r.from, r.outcome, r.route, r.bytes]).sort(),
      [['p-ana', 'completed', 'direct', 700_006], ['p-ben', 'completed', 'direct', 700_006]]);
  });

  test('fallsBackToTheRelayWhenWebRtcDoesNotConnect', async () => {
    const { ana, ben } = await twoDevices({ server: { directWorks: false } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'via relay')]);
    const received = await incoming;
    const [s, r] = await Promise.all([sent.done, received.done]);
    assert.equal(s.route, 'relay');
    assert.equal(r.route, 'relay');
    assert.equal(sent.route, 'relay');
  });

  test('routeRelayGoesStraightToTheRelay', async () => {
    const { ana, ben } = await twoDevices();
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')], { route: 'relay' });
    await incoming;
    assert.equal((await sent.done).route, 'relay');
  });

  test('directOnlyFailsWithNoRouteOnBothSidesWhenWebRtcFails', async () => {
    const { ana, ben } = await twoDevices({ server: { directWorks: false } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')], { route: 'direct' });
    const received = await incoming;
    await assert.rejects(sent.done, { code: 'no-route', message: /limited to direct/ });
    await assert.rejects(received.done, { code: 'no-route' });
  });

  test('failsWithNoRouteWhenWebRtcFailsAndTheRelayIsNotRunning', async () => {
    const { ana, ben } = await twoDevices({ server: { directWorks: false, relayRunning: false } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    const received = await incoming;
    await assert.rejects(sent.done, { code: 'no-route', message: /relay is not available/ });
    await assert.rejects(received.done, { code: 'no-route' });
  });

  test('aDeclinedOfferRejectsOnBothSidesWithDeclined', async () => {
    const { ana, ben } = await twoDevices();
    const incoming = nextEvent(ben.engine, 'incoming');
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    const { transfer } = await incoming;
    transfer.decline();
    await assert.rejects(transfer.done, { code: 'declined', message: 'You declined the files.' });
    await assert.rejects(sent.done, { code: 'declined', byPeer: true, message: "Ben's phone declined the files." });
    assert.equal(sent.state, 'declined');
  });

  test('theSenderCancellingMidTransferStopsTheReceiverAndDiscardsItsFiles', async () => {
    const { ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000 } } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')]);
    const received = await incoming;
    received.addEventListener('progress', () => sent.cancel(), { once: true });
    await assert.rejects(sent.done, { code: 'cancelled', byPeer: false, message: 'You cancelled the transfer.' });
    await assert.rejects(received.done, { code: 'cancelled', byPeer: true, message: "Ana's laptop cancelled the transfer." });
    assert.equal(received.state, 'cancelled');
    await eventually(() => ben.storage.discarded.has(received.id), { what: 'the files discarded' });
    await assert.rejects(received.files[0].file());
  });

  test('theReceiverCancellingMidTransferStopsTheSender', async () => {
    const { ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000 } } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')]);
    const received = await incoming;
    received.addEventListener('progress', () => received.cancel(), { once: true });
    await assert.rejects(sent.done, { code: 'cancelled', byPeer: true });
    await assert.rejects(received.done, { code: 'cancelled', byPeer: false });
  });

  test('aReceiverThatLeavesBeforeAnsweringFailsTheTransferWithPeerLeft', async () => {
    const { server, ana, ben } = await twoDevices();
    const incoming = nextEvent(ben.engine, 'incoming');
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    await incoming;
    server.leave('p-ben');
    await assert.rejects(sent.done, { code: 'peer-left', message: /Ben's phone is no longer connected/ });
  });

  test('aReceiverThatClosesMidTransferFailsTheSenderWithPeerLeft', async () => {
    const { server, ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000 } } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')]);
    const received = await incoming;
    received.addEventListener('progress', () => {
      ben.engine.cancelAll('closed'); // what the page does on pagehide
      server.leave('p-ben');
    }, { once: true });
    await assert.rejects(sent.done, { code: 'peer-left', message: "Ben's phone closed LANVan before all files arrived." });
  });

  // Races seen in browsers: the route's close reaches the other side before the reason does.

  test('aReceiverWhoseRouteClosesBeforeItsClosedCancelArrivesStillFailsTheSenderWithPeerLeft', async () => {
    const { server, ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000 } } });
    server.delays['transfer.cancel'] = 100;
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')]);
    const received = await incoming;
    received.addEventListener('progress', () => {
      // The page goes away: its data route drops first, its cancel comes through the server later.
      server.transports.find((t) => t.peerId === 'p-ben' && t.transferId === received.id).transport.close();
      ben.engine.cancelAll('closed');
    }, { once: true });
    await assert.rejects(sent.done, { code: 'peer-left', byPeer: true, message: "Ben's phone closed LANVan before all files arrived." });
  });

  test('aReceiverThatVanishesWithoutACancelFailsTheSenderWithPeerLeftOnceThePeerListSaysSo', async () => {
    const { server, ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000 } } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')]);
    const received = await incoming;
    received.addEventListener('progress', () => {
      server.transports.find((t) => t.peerId === 'p-ben' && t.transferId === received.id).transport.close();
      setTimeout(() => server.leave('p-ben'), 100);
    }, { once: true });
    await assert.rejects(sent.done, { code: 'peer-left', byPeer: true });
  });

  test('aClosingPageSaysSoOnTheDataChannelSoThePeerNeedsNoServer', async () => {
    const { server, ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000 } } });
    server.delays['transfer.cancel'] = Infinity;
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')]);
    const received = await incoming;
    received.addEventListener('progress', () => ben.engine.cancelAll('closed'), { once: true });
    await assert.rejects(sent.done, { code: 'peer-left', byPeer: true, message: "Ben's phone closed LANVan before all files arrived." });
  });

  test('aSenderWhoseRouteClosesBeforeItsCancelArrivesStillEndsTheReceiverAsCancelled', async () => {
    const { server, ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000 } } });
    server.delays['transfer.cancel'] = 100;
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')]);
    const received = await incoming;
    received.addEventListener('progress', () => {
      // The route closes under the cancel: only the server's copy of it gets through, and later.
      server.transports.find((t) => t.peerId === 'p-ana' && t.transferId === sent.id).transport.close();
      sent.cancel();
    }, { once: true });
    await assert.rejects(sent.done, { code: 'cancelled', byPeer: false });
    await assert.rejects(received.done, { code: 'cancelled', byPeer: true, message: "Ana's laptop cancelled the transfer." });
    assert.equal(received.state, 'cancelled');
  });

  test('aRouteThatClosesWithNoReasonArrivingFailsWithConnectionLostAfterTheGrace', async () => {
    const { server, ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000, timing: { routeLostGraceMs: 50 } } } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')]);
    const received = await incoming;
    received.addEventListener('progress', () => {
      server.transports.find((t) => t.peerId === 'p-ben' && t.transferId === received.id).transport.close();
    }, { once: true });
    await assert.rejects(sent.done, { code: 'connection-lost', byPeer: false, message: "The connection to Ben's phone was lost during the transfer." });
  });

  test('theRelayClosingWith1001WhenItsCapabilityStopsEndsBothSidesNamingTheServerNotThePeer', async () => {
    const { server, ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 300_000 } } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')], { route: 'relay' });
    const received = await incoming;
    received.addEventListener('progress', () => {
      server.transports.find((t) => t.peerId === 'p-ben' && t.transferId === received.id).transport
        .closeByServer({ code: 1001, reason: 'Capability stopped' });
    }, { once: true });
    for (const transfer of [sent, received]) {
      await assert.rejects(transfer.done, (error) => error.code === 'unavailable' && error.byPeer === false
        && /server's relay stopped during the transfer/.test(error.message) && !/Ben|Ana/.test(error.message));
    }
  });

  test('aSendRefusedBeforeTheRelaysCloseEventArrivesWaitsForItToSayWhy', async () => {
    const { server, ana, ben } = await twoDevices({ ana: { engine: { windowBytes: 8_000_000 } } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([randomBytes(3_000_000)], 'big.bin')], { route: 'relay' });
    const received = await incoming;
    received.addEventListener('progress', () => {
      server.transports.find((t) => t.peerId === 'p-ben' && t.transferId === received.id).transport
        .closeByServer({ code: 1001, reason: 'Capability stopped' }, { eventDelayMs: 40 });
    }, { once: true });
    for (const transfer of [sent, received]) {
      await assert.rejects(transfer.done, (error) => error.code === 'unavailable' && error.byPeer === false);
    }
  });

  test('theServersPeerLeftCancelReadsAsPeerLeft', async () => {
    const { ana, ben } = await twoDevices();
    const incoming = nextEvent(ben.engine, 'incoming');
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    await incoming;
    ana.engine.handleFrame({ type: 'transfer.cancel', from: 'p-ben', transferId: sent.id, reason: 'peer-left' });
    await assert.rejects(sent.done, { code: 'peer-left', byPeer: true });
  });

  test('sendingToAPeerThatIsNotThereFailsAtOnce', async () => {
    const { ana } = await twoDevices();
    const sent = ana.engine.send('p-nobody', [textFile('a.txt', 'x')]);
    await assert.rejects(sent.done, { code: 'peer-left' });
  });

  test('aPeerUnavailableAnswerFromTheServerFailsTheOffer', async () => {
    const { server, ana } = await twoDevices();
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    server.peers.delete('p-ben'); // gone from the server before the offer reached it
    await assert.rejects(sent.done, { code: 'peer-left' });
  });

  test('aPieceCorruptedOnceIsFetchedAgainAndTheFileArrivesIntact', async () => {
    const seen = [];
    // The test hook flips a byte of piece 1 the first time it is checked, as a bad write would.
    const beforePieceCheck = ({ file, piece, attempt, bytes }) => {
      seen.push([file, piece, attempt]);
      if (piece === 1 && attempt === 0) bytes[12_345] ^= 0x40;
    };
    const { server, ana, ben } = await twoDevices({ ben: { engine: { beforePieceCheck } } });
    const content = randomBytes(9 * MiB + 17);
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [new File([content], 'video.mp4', { type: 'video/mp4' })]);
    const received = await incoming;
    const [senderResult, receiverResult] = await Promise.all([sent.done, received.done]);
    const expected = [{ name: 'video.mp4', size: content.length, root: await pieceRoot(content) }];
    assert.deepEqual(senderResult.files, expected);
    assert.deepEqual(receiverResult.files, expected);
    assert.equal(receiverResult.bytes, content.length);
    assert.equal(sent.progress.bytes, content.length);
    assert.deepEqual(seen.filter(([, piece]) => piece === 1), [[0, 1, 0], [0, 1, 1]], 'piece 1 was checked twice');
    assert.equal(await sha256(new Uint8Array(await (await received.files[0].file()).arrayBuffer())), await sha256(content));
    await eventually(() => server.reports.length === 2, { what: 'both reports' });
    assert.deepEqual(server.reports.map((r) => r.outcome), ['completed', 'completed']);
  });

  test('aPieceThatStaysCorruptEndsBothSidesWithHashMismatchAndTheReceiverDiscardsTheFile', async () => {
    let checks = 0;
    const beforePieceCheck = ({ bytes }) => { checks += 1; bytes[0] ^= 1; };
    const { server, ana, ben } = await twoDevices({ ben: { engine: { beforePieceCheck } } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [textFile('report.pdf', 'content')]);
    const received = await incoming;
    await assert.rejects(received.done, { code: 'hash-mismatch', message: /report\.pdf arrived damaged/ });
    await assert.rejects(sent.done, { code: 'hash-mismatch', byPeer: true, message: /report\.pdf arrived damaged/ });
    assert.equal(checks, 1 + MAX_PIECE_RESENDS, 'the piece was asked for again, a bounded number of times');
    await eventually(() => ben.storage.discarded.has(received.id), { what: 'the files discarded' });
    await assert.rejects(received.files[0].file());
    // The server hears it: a failed report with reason hash-mismatch counts against the sender.
    await eventually(() => server.reports.length === 2, { what: 'both reports' });
    assert.deepEqual(server.reports.map((r) => [r.outcome, r.reason]), [['failed', 'hash-mismatch'], ['failed', 'hash-mismatch']]);
  });

  test('anOfferSignedByAnotherKeyThanTheAnnouncedOneIsRefusedUnseen', async () => {
    const someoneElse = await exportIdentityKey((await generateIdentityKeyPair()).publicKey);
    const { ana, ben } = await twoDevices({ ana: { announcedKey: someoneElse } });
    let incomingFired = false;
    ben.engine.addEventListener('incoming', () => { incomingFired = true; });
    const announced = nextEvent(ben.engine, 'transfer');
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    const { transfer } = await announced;
    await assert.rejects(transfer.done, { code: 'verification-failed', message: /The server altered the connection details of this transfer \(the encryption key said to come from “Ana's laptop” is not signed by that device's identity key/ });
    await assert.rejects(sent.done, { code: 'verification-failed', byPeer: true, message: /could not verify this device/ });
    assert.equal(incomingFired, false);
  });

  test('anAcceptSignedByAnotherKeyThanTheAnnouncedOneStopsTheTransfer', async () => {
    const someoneElse = await exportIdentityKey((await generateIdentityKeyPair()).publicKey);
    const { ana, ben } = await twoDevices({ ben: { announcedKey: someoneElse } });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    const received = await incoming;
    await assert.rejects(sent.done, { code: 'verification-failed', byPeer: false, message: /The server altered the connection details of this transfer \(the encryption key said to come from “Ben's phone” is not signed by that device's identity key/ });
    await assert.rejects(received.done, { code: 'verification-failed', byPeer: true });
  });
});
