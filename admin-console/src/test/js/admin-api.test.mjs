import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import './support/lib.mjs';
import { jsonReply, problem, scriptedFetch } from './support/fake-fetch.mjs';

// After the hook above: admin-api.js imports /lib/server/api.js as the browser does.
const { AdminApi, SessionReason, isCapabilityStopped } = await import('../../main/resources/static/server/admin-api.js');

const SESSION = { username: 'admin', csrfToken: 'token-1', mustChangePassword: false };

function apiWith(...replies) {
  const { fetchImpl, requests } = scriptedFetch(...replies);
  const api = new AdminApi({ fetchImpl });
  const events = [];
  api.addEventListener('session', (event) => events.push(event.detail.reason));
  return { api, requests, events };
}

async function signedIn(...replies) {
  const setup = apiWith(jsonReply(200, SESSION), ...replies);
  await setup.api.loadSession();
  setup.events.length = 0;
  return setup;
}

describe('session', () => {
  test('loadSessionResolvesNullWhenNotSignedIn', async () => {
    const { api, events } = apiWith(problem(401, 'Sign in first: no admin session, or it has expired.'));
    assert.equal(await api.loadSession(), null);
    assert.equal(api.session, null);
    assert.deepEqual(events, [SessionReason.LOADED]);
  });

  test('signInSendsTheCredentialsAndKeepsTheSession', async () => {
    const { api, requests, events } = apiWith(jsonReply(200, { ...SESSION, mustChangePassword: true }));
    const session = await api.signIn('admin', 'initial-secret');
    assert.equal(session.mustChangePassword, true);
    assert.deepEqual(requests[0].body, { username: 'admin', password: 'initial-secret' });
    assert.equal(requests[0].method, 'POST');
    assert.equal(api.session.csrfToken, 'token-1');
    assert.deepEqual(events, [SessionReason.SIGNED_IN]);
  });

  test('aWrongPasswordRejectsWithTheServersDetailWithoutSayingTheSessionExpired', async () => {
    const { api, events } = apiWith(problem(401, 'Wrong user name or password.'));
    await assert.rejects(api.signIn('admin', 'nope'), { status: 401, message: 'Wrong user name or password.' });
    assert.deepEqual(events, []);
  });

  test('aLockedSignInRejectsWithUntilWhen', async () => {
    const { api } = apiWith(problem(429, 'Too many wrong passwords; sign-in is locked until 10:15:00 UTC.'));
    await assert.rejects(api.signIn('admin', 'nope'), { status: 429, message: /locked until 10:15:00 UTC/ });
  });

  test('changingThePasswordReloadsTheSessionSoTheConsoleUnlocks', async () => {
    const { api, requests, events } = apiWith(
      jsonReply(200, { ...SESSION, mustChangePassword: true }),
      jsonReply(204),
      jsonReply(200, SESSION),
    );
    await api.signIn('admin', 'initial-secret');
    await api.changePassword('initial-secret', 'a much longer one');
    assert.equal(requests[1].method, 'PUT');
    assert.equal(requests[1].url, '/api/admin/session/password');
    assert.deepEqual(requests[1].body, { currentPassword: 'initial-secret', newPassword: 'a much longer one' });
    assert.equal(api.session.mustChangePassword, false);
    assert.deepEqual(events, [SessionReason.SIGNED_IN, SessionReason.PASSWORD_CHANGED]);
  });

  test('signOutForgetsTheSessionEvenWhenTheServerHadAlreadyEndedIt', async () => {
    const { api, events } = await signedIn(problem(401, 'Sign in first.'));
    await api.signOut();
    assert.equal(api.session, null);
    assert.deepEqual(events, [SessionReason.SIGNED_OUT]);
  });
});

describe('requests', () => {
  test('sendsTheCsrfTokenOnChangesButNotOnGets', async () => {
    const { api, requests } = await signedIn(jsonReply(200, { mode: 'hybrid' }), jsonReply(200, { mode: 'server-only' }));
    await api.mode();
    await api.setMode('server-only');
    assert.equal(requests[1].headers['X-CSRF-Token'], undefined);
    assert.equal(requests[2].headers['X-CSRF-Token'], 'token-1');
    assert.equal(requests[2].headers['Content-Type'], 'application/json');
    assert.deepEqual(requests[2].body, { mode: 'server-only' });
  });

  test('encodesNamesInPaths', async () => {
    const { api, requests } = await signedIn(jsonReply(200, {}), jsonReply(200, {}));
    await api.settings('com.acme/odd pid');
    await api.stopBundle('com.acme.branding');
    assert.equal(requests[1].url, '/api/admin/config/com.acme%2Fodd%20pid');
    assert.equal(requests[2].url, '/api/admin/bundles/com.acme.branding/stop');
    assert.equal(requests[2].method, 'POST');
  });

  test('a401OnAnyCallEndsTheSession', async () => {
    const { api, events } = await signedIn(problem(401, 'Sign in first: no admin session, or it has expired.'));
    await assert.rejects(api.policies(), { status: 401 });
    assert.equal(api.session, null);
    assert.deepEqual(events, [SessionReason.EXPIRED]);
  });

  test('theInitialPassword403AsksForAPasswordChange', async () => {
    const { api, events } = await signedIn(problem(403, 'Change the initial admin password first (PUT /api/admin/session/password).'));
    await assert.rejects(api.savePolicies({ framesPerSecond: 10 }), { status: 403 });
    assert.equal(api.session.mustChangePassword, true);
    assert.deepEqual(events, [SessionReason.PASSWORD_REQUIRED]);
  });

  test('aStaleCsrfTokenIsRefreshedOnceAndTheChangeRetried', async () => {
    const { api, requests } = await signedIn(
      problem(403, 'Missing or wrong X-CSRF-Token header.'),
      jsonReply(200, { ...SESSION, csrfToken: 'token-2' }),
      jsonReply(200, { mode: 'p2p-first' }),
    );
    assert.deepEqual(await api.setMode('p2p-first'), { mode: 'p2p-first' });
    assert.equal(requests[3].headers['X-CSRF-Token'], 'token-2');
  });

  test('aCsrfRefusalThatPersistsIsReportedNotRetriedForever', async () => {
    const refused = () => problem(403, 'Missing or wrong X-CSRF-Token header.');
    const { api, requests } = await signedIn(refused(), jsonReply(200, SESSION), refused());
    await assert.rejects(api.setMode('hybrid'), { status: 403, message: /X-CSRF-Token/ });
    assert.equal(requests.length, 4);
  });

  test('aPlatformBundleRefusalKeepsTheSessionAndShowsTheDetail', async () => {
    const { api, events } = await signedIn(problem(403, 'io.lanvan.web is part of the platform and cannot be started or stopped here.'));
    await assert.rejects(api.stopBundle('io.lanvan.web'), { message: /part of the platform/ });
    assert.notEqual(api.session, null);
    assert.deepEqual(events, []);
  });

  test('anUnreachableServerBecomesAnApiErrorWithStatusZero', async () => {
    const { api } = await signedIn(new TypeError('Failed to fetch'));
    await assert.rejects(api.setMode('hybrid'), (error) => error.name === 'ApiError' && error.unreachable && /could not be reached/.test(error.message));
  });

  test('aNoContentAnswerResolvesNull', async () => {
    const { api } = await signedIn(jsonReply(204));
    assert.equal(await api.savePolicies({ recordFileNames: true }), null);
  });
});

describe('devices', () => {
  test('revokeAndApprovePostWithTheCsrfTokenToTheDevicesPath', async () => {
    const { api, requests } = await signedIn(
      jsonReply(200, { deviceId: 'abc_DEF-123', revoked: true, connectionsClosed: 2 }),
      jsonReply(200, { deviceId: 'abc_DEF-123', approved: true }),
    );
    assert.deepEqual(await api.revokeDevice('abc_DEF-123'), { deviceId: 'abc_DEF-123', revoked: true, connectionsClosed: 2 });
    assert.deepEqual(await api.approveDevice('abc_DEF-123'), { deviceId: 'abc_DEF-123', approved: true });
    assert.deepEqual(requests.slice(1).map((r) => `${r.method} ${r.url} ${r.headers['X-CSRF-Token']}`), [
      'POST /api/admin/devices/abc_DEF-123/revoke token-1',
      'POST /api/admin/devices/abc_DEF-123/approve token-1',
    ]);
  });

  test('aDeviceIdCannotReachAnotherPath', async () => {
    const { api, requests } = await signedIn(problem(400, 'Device id must be 8-64 characters [A-Za-z0-9_-]'));
    await assert.rejects(api.revokeDevice('../../bundles/x'), { status: 400, message: /Device id must be/ });
    assert.equal(requests[1].url, '/api/admin/devices/..%2F..%2Fbundles%2Fx/revoke');
  });

  test('devicesAndStatsAreGets', async () => {
    const { api, requests } = await signedIn(jsonReply(200, []), jsonReply(200, { connectedDevices: 0 }));
    assert.deepEqual(await api.devices(), []);
    assert.deepEqual(await api.stats(), { connectedDevices: 0 });
    assert.deepEqual(requests.slice(1).map((r) => `${r.method} ${r.url}`), ['GET /api/admin/devices', 'GET /api/admin/stats']);
  });

  test('stoppedSignalingReadsAsACapabilityStoppedNotAsAnExpiredSession', async () => {
    const { api, events } = await signedIn(problem(404, 'Not found'), problem(503, 'Signaling is stopping'), problem(500, 'Boom'));
    const failures = [];
    for (let i = 0; i < 3; i += 1) failures.push(await api.stats().catch((error) => error));
    assert.deepEqual(failures.map(isCapabilityStopped), [true, true, false]);
    assert.equal(isCapabilityStopped(null), false);
    assert.deepEqual(events, []);
    assert.notEqual(api.session, null);
  });
});
