// The admin REST API (/api/admin/…) with the session rules the server enforces: every request but
// a GET carries the session's CSRF token in X-CSRF-Token; a 401 means the session is gone; a 403
// "Change the initial admin password first" means nothing else works until the password changes.
// Knows nothing of the DOM. Errors are ApiError from /lib/server/api.js (message = problem detail).
//
// Emits 'session' events ({detail: {session, reason}}) whenever what the console knows about the
// session changes; reason is one of SessionReason. The page renders from them.

import { ApiError, getJson, readProblem } from '/lib/server/api.js';

export const SessionReason = Object.freeze({
  LOADED: 'loaded',
  SIGNED_IN: 'signed-in',
  SIGNED_OUT: 'signed-out',
  EXPIRED: 'expired',
  PASSWORD_REQUIRED: 'password-required',
  PASSWORD_CHANGED: 'password-changed',
});

const SESSION = '/api/admin/session';
const TIMEOUT_MS = 15_000;
const PASSWORD_FIRST = /change the initial admin password/i;
const CSRF_REFUSED = /X-CSRF-Token/i;

export class AdminApi extends EventTarget {
  #fetch;
  #session = null;

  /** @param {{fetchImpl?: typeof fetch}} [options] */
  constructor({ fetchImpl = (...args) => globalThis.fetch(...args) } = {}) {
    super();
    this.#fetch = fetchImpl;
  }

  /** @returns {?{username: string, csrfToken: string, mustChangePassword: boolean}} */
  get session() {
    return this.#session;
  }

  /** Asks the server whether this browser is signed in; resolves the session or null. */
  async loadSession() {
    try {
      this.#setSession(await getJson(SESSION, { fetchImpl: this.#fetch }), SessionReason.LOADED);
    } catch (error) {
      if (error?.status !== 401) throw error;
      this.#setSession(null, SessionReason.LOADED);
    }
    return this.#session;
  }

  async signIn(username, password) {
    const session = await this.#send('POST', SESSION, { username, password }, { settlesSession: true });
    this.#setSession(session, SessionReason.SIGNED_IN);
    return session;
  }

  /** Changes the signed-in admin's password, then reloads the session (mustChangePassword is now false). */
  async changePassword(currentPassword, newPassword) {
    await this.#send('PUT', `${SESSION}/password`, { currentPassword, newPassword });
    const session = await getJson(SESSION, { fetchImpl: this.#fetch });
    this.#setSession(session, SessionReason.PASSWORD_CHANGED);
    return session;
  }

  async signOut() {
    try {
      await this.#send('DELETE', SESSION, undefined, { settlesSession: true });
    } catch (error) {
      // Already signed out on the server (expired): the outcome the admin asked for.
      if (error?.status !== 401) throw error;
    }
    this.#setSession(null, SessionReason.SIGNED_OUT);
  }

  bundles() { return this.get('/api/admin/bundles'); }
  startBundle(symbolicName) { return this.#send('POST', `/api/admin/bundles/${encodeURIComponent(symbolicName)}/start`); }
  stopBundle(symbolicName) { return this.#send('POST', `/api/admin/bundles/${encodeURIComponent(symbolicName)}/stop`); }

  mode() { return this.get('/api/admin/mode'); }
  setMode(mode) { return this.#send('PUT', '/api/admin/mode', { mode }); }

  policies() { return this.get('/api/admin/policies'); }
  savePolicies(changes) { return this.#send('PUT', '/api/admin/policies', changes); }

  settingsList() { return this.get('/api/admin/config'); }
  settings(pid) { return this.get(`/api/admin/config/${encodeURIComponent(pid)}`); }
  saveSettings(pid, values) { return this.#send('PUT', `/api/admin/config/${encodeURIComponent(pid)}`, values); }

  /** Connected devices and those turned away while awaiting approval; needs the signaling capability. */
  devices() { return this.get('/api/admin/devices'); }
  /** Disconnects the device at once and refuses it until approved again: {deviceId, revoked, connectionsClosed}. */
  revokeDevice(deviceId) { return this.#send('POST', `/api/admin/devices/${encodeURIComponent(deviceId)}/revoke`); }
  /** Lets the device join (and lifts a revocation): {deviceId, approved}. */
  approveDevice(deviceId) { return this.#send('POST', `/api/admin/devices/${encodeURIComponent(deviceId)}/approve`); }
  /** Everything the server holds about a device, from every capability that keeps personal data (a JSON object). */
  personalData(deviceId) { return this.get(`/api/admin/devices/${encodeURIComponent(deviceId)}/personal-data`); }
  /** Erases it in every capability: {pseudonym, complete, erased: {holder: counts}, failed: {holder: why}}. */
  erasePersonalData(deviceId) { return this.#send('DELETE', `/api/admin/devices/${encodeURIComponent(deviceId)}/personal-data`); }
  /**
   * Devices the trust capability knows: {devices, total, offset, limit}; needs the trust capability.
   * @param {URLSearchParams|string} query status, q, scoreBelow, offset, limit
   */
  knownDevices(query) { return this.get(`/api/admin/devices/known?${query}`); }
  /** Lets many devices join at once (and lifts revocations and holds): {deviceIds, approved}. */
  approveDevices(deviceIds) { return this.#send('POST', '/api/admin/devices/approve', { deviceIds }); }
  /** Revokes many devices at once: {deviceIds, revoked, connectionsClosed}. */
  revokeDevices(deviceIds) { return this.#send('POST', '/api/admin/devices/revoke', { deviceIds }); }
  /** A known device and its decisions and reputation events, newest first. */
  deviceHistory(deviceId) { return this.get(`/api/admin/devices/${encodeURIComponent(deviceId)}/history`); }
  /** Transfer counts since the server started; needs the signaling capability. */
  stats() { return this.get('/api/admin/stats'); }

  /** @param {URLSearchParams|string} query from audit/query.js */
  auditPage(query) { return this.get(`/api/admin/audit?${query}`); }
  verifyAudit() { return this.get('/api/admin/audit/verify'); }

  /** GET with the session rules applied to its failures. */
  async get(path) {
    try {
      return await getJson(path, { fetchImpl: this.#fetch });
    } catch (error) {
      this.#noticeRefusal(error);
      throw error;
    }
  }

  // settlesSession: the caller decides what the answer means for the session (signing in and out).
  async #send(method, path, body, { settlesSession = false, retried = false } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.#session?.csrfToken) headers['X-CSRF-Token'] = this.#session.csrfToken;
    let response;
    try {
      response = await this.#fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'same-origin',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable(error);
    }
    if (!response.ok) {
      const error = await readProblem(response);
      // Signing in elsewhere in this browser replaces the cookie and with it the token: fetch the
      // current token once and try again, rather than failing a harmless save.
      if (error.status === 403 && CSRF_REFUSED.test(error.message) && !retried && !settlesSession) {
        if (await this.loadSession()) return this.#send(method, path, body, { retried: true });
      }
      if (!settlesSession) this.#noticeRefusal(error);
      throw error;
    }
    if (response.status === 204) return null;
    try {
      return await response.json();
    } catch {
      throw new ApiError('The server sent an answer that is not valid JSON.', { status: response.status, title: 'Unexpected answer' });
    }
  }

  #noticeRefusal(error) {
    if (error?.status === 401 && this.#session) {
      this.#setSession(null, SessionReason.EXPIRED);
    } else if (error?.status === 403 && PASSWORD_FIRST.test(error.message) && this.#session) {
      this.#setSession({ ...this.#session, mustChangePassword: true }, SessionReason.PASSWORD_REQUIRED);
    }
  }

  #setSession(session, reason) {
    this.#session = session ? {
      username: String(session.username ?? ''),
      csrfToken: String(session.csrfToken ?? ''),
      mustChangePassword: session.mustChangePassword === true,
    } : null;
    this.dispatchEvent(new CustomEvent('session', { detail: { session: this.#session, reason } }));
  }
}

/**
 * Whether a failure means the capability behind the resource is not running: its endpoints go away
 * (404) or answer "unavailable" (503) while it is stopped, e.g. devices and stats without signaling.
 */
export function isCapabilityStopped(error) {
  return error?.status === 404 || error?.status === 503;
}

function unreachable(error) {
  if (error?.name === 'TimeoutError') {
    return new ApiError(`The server did not answer within ${TIMEOUT_MS / 1000} s.`, { title: 'Server not answering' });
  }
  return new ApiError('The LANVan server could not be reached. Check that this device is on the same network as the server.',
    { title: 'Server unreachable' });
}
