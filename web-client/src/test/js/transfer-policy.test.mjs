import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { describePolicy, normalizePolicy, refusalOf, routeUnder, typeOf } from '../../main/resources/static/policy.js';
import { eventually, FakeServer, nextEvent } from './transfer-fakes.mjs';

async function twoDevices(server = {}) {
  const fake = Object.assign(new FakeServer(), server);
  const ana = await fake.join('p-ana', "Ana's laptop");
  const ben = await fake.join('p-ben', "Ben's phone");
  return { server: fake, ana, ben };
}

function acceptNext(device) {
  return nextEvent(device.engine, 'incoming').then(({ transfer }) => {
    transfer.accept();
    return transfer;
  });
}

const textFile = (name, text) => new File([text], name, { type: 'text/plain' });
const offers = (server) => server.frames.filter((f) => f.type === 'transfer.offer');

describe('policy rules', () => {
  test('normalizesWhatTheServerSentAndDefaultsToHybridWithoutLimits', () => {
    assert.deepEqual(normalizePolicy(undefined), { mode: 'hybrid', maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: [] });
    assert.deepEqual(normalizePolicy({ mode: 'server-only', maxFileBytes: 10, maxTransferBytes: -1, blockedExtensions: ['.EXE', 'bat', 3] }),
      { mode: 'server-only', maxFileBytes: 10, maxTransferBytes: 0, blockedExtensions: ['exe', 'bat'] });
    assert.equal(normalizePolicy({ mode: 'carrier-pigeon' }).mode, 'hybrid');
    assert.ok(Object.isFrozen(normalizePolicy({})));
  });

  test('refusesWithTheServersWordingNamingTheFileAndTheRule', () => {
    const policy = normalizePolicy({ maxFileBytes: 5, maxTransferBytes: 8, blockedExtensions: ['exe'] });
    assert.equal(refusalOf(policy, [{ name: 'tools/setup.EXE', size: 1 }]), "'tools/setup.EXE' has the blocked file type .exe");
    assert.equal(refusalOf(policy, [{ name: 'big.bin', size: 6 }]), "'big.bin' is larger than the limit of 5 bytes per file");
    assert.equal(refusalOf(policy, [{ name: 'a', size: 5 }, { name: 'b', size: 4 }]), 'The transfer is larger than the limit of 8 bytes per transfer');
    assert.equal(refusalOf(policy, [{ name: 'exe', size: 5 }, { name: 'b.txt', size: 3 }]), null);
  });

  test('aBlockedTypeIsRefusedHoweverItsNameIsDisguised', () => {
    const policy = normalizePolicy({ blockedExtensions: ['exe'] });
    for (const name of ['setup.exe.', 'setup.exe ', 'setup.exe. . ', 'SETUP.EXE', 'dir/setup.e\u200bxe', 'setup.exe\u202e',
      'setup.\uff45\uff58\uff45', 'setup.exe::$DATA', 'setup.exe\u00a0']) {
      assert.equal(refusalOf(policy, [{ name, size: 1 }]), `'${name}' has the blocked file type .exe`, JSON.stringify(name));
    }
    assert.equal(refusalOf(policy, [{ name: 'notes.exe.txt', size: 1 }]), null);
    assert.equal(typeOf('README'), '');
  });

  test('routesFollowTheMode', () => {
    const mode = (m) => normalizePolicy({ mode: m });
    assert.deepEqual(routeUnder(mode('hybrid'), 'auto'), { route: 'auto' });
    assert.deepEqual(routeUnder(mode('server-only'), 'auto'), { route: 'relay' });
    assert.match(routeUnder(mode('server-only'), 'direct').refusal, /server-only/);
    assert.deepEqual(routeUnder(mode('p2p-first'), 'auto'), { route: 'direct' });
    assert.deepEqual(routeUnder(mode('p2p-first'), 'direct'), { route: 'direct' });
    assert.match(routeUnder(mode('p2p-first'), 'relay').refusal, /p2p-first/);
  });

  test('describesTheModeWhenNotHybridAndTheLimitsWhenSet', () => {
    assert.deepEqual(describePolicy(normalizePolicy({})), []);
    assert.deepEqual(describePolicy(normalizePolicy({ mode: 'server-only', maxFileBytes: 1000, blockedExtensions: ['exe'] })), [
      'This server sends every transfer through the server (server-only mode).', 'Files up to 1000 bytes each.', 'Blocked file types: .exe.',
    ]);
    assert.deepEqual(describePolicy(normalizePolicy({ mode: 'p2p-first', maxTransferBytes: 2048 }), (n) => `${n / 1024} KB`),
      ['Direct transfers only (p2p-first mode).', 'Transfers up to 2 KB in total.']);
  });
});

describe('transfer engine under a policy', () => {
  test('aBlockedExtensionOrAnOversizedFileFailsAtOnceWithoutAnOffer', async () => {
    const { server, ana } = await twoDevices({ policy: normalizePolicy({ maxFileBytes: 4, maxTransferBytes: 6, blockedExtensions: ['exe'] }) });
    const blocked = ana.engine.send('p-ben', [textFile('setup.exe', 'x')]);
    await assert.rejects(blocked.done, { code: 'policy', message: "'setup.exe' has the blocked file type .exe." });
    assert.equal(blocked.state, 'failed');
    await assert.rejects(ana.engine.send('p-ben', [textFile('big.txt', 'hello')]).done,
      { code: 'policy', message: "'big.txt' is larger than the limit of 4 bytes per file." });
    await assert.rejects(ana.engine.send('p-ben', [textFile('a.txt', 'abcd'), textFile('b.txt', 'abc')]).done,
      { code: 'policy', message: 'The transfer is larger than the limit of 6 bytes per transfer.' });
    assert.equal(offers(server).length, 0);
    assert.equal(ana.engine.active.length, 0);
  });

  test('serverOnlySendsAutoStraightToTheRelayAndRefusesDirect', async () => {
    const { server, ana, ben } = await twoDevices({ policy: normalizePolicy({ mode: 'server-only' }) });
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    await incoming;
    assert.equal((await sent.done).route, 'relay');
    assert.equal(offers(server)[0].route, 'relay');
    assert.equal(server.directAttempts, 0);
    await assert.rejects(ana.engine.send('p-ben', [textFile('a.txt', 'x')], { route: 'direct' }).done, { code: 'policy', message: /server-only/ });
    assert.equal(offers(server).length, 1);
  });

  test('p2pFirstRefusesTheRelayAndAutoNeverFallsBackToIt', async () => {
    const { server, ana, ben } = await twoDevices({ policy: normalizePolicy({ mode: 'p2p-first' }), directWorks: false });
    await assert.rejects(ana.engine.send('p-ben', [textFile('a.txt', 'x')], { route: 'relay' }).done, { code: 'policy', message: /p2p-first/ });
    assert.equal(offers(server).length, 0);
    const incoming = acceptNext(ben);
    const sent = ana.engine.send('p-ben', [textFile('a.txt', 'x')]);
    await incoming;
    await assert.rejects(sent.done, { code: 'no-route' });
    assert.equal(server.transports.filter((t) => t.transport.route === 'relay').length, 0);
  });

  test('aPolicyRefusedAnswerToTheOfferFailsTheTransferWithTheServersMessage', async () => {
    const { ana } = await twoDevices({ refuseOffers: "'setup.exe' has the blocked file type .exe" });
    const sent = ana.engine.send('p-ben', [textFile('setup.exe', 'x')]);
    await assert.rejects(sent.done, { code: 'policy', message: "'setup.exe' has the blocked file type .exe." });
    await eventually(() => ana.engine.active.length === 0, { what: 'the transfer to end' });
  });
});
