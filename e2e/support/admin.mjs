// The admin API from Node, as the admin console uses it: trusting only the server's CA, with the
// session cookie and the CSRF token of a sign-in.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { eventually } from './eventually.mjs';

export class Admin {
  #server;
  #cookie = null;
  #csrf = null;

  constructor(server) { this.#server = server; }

  request(method, url, body) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#cookie) headers.cookie = this.#cookie;
    if (this.#csrf && method !== 'GET') headers['x-csrf-token'] = this.#csrf;
    return new Promise((resolve, reject) => {
      const request = https.request(`${this.#server.origin(4)}${url}`, { method, headers, ca: this.#server.ca, timeout: 10_000 }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve({
          status: response.statusCode, headers: response.headers, body: text ? JSON.parse(text) : null,
        }));
      });
      request.on('timeout', () => request.destroy(new Error(`${method} ${url} timed out`)));
      request.on('error', reject);
      if (body !== undefined) request.write(JSON.stringify(body));
      request.end();
    });
  }

  async call(method, url, body) {
    const response = await this.request(method, url, body);
    assert.ok(response.status >= 200 && response.status < 300, `${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** Signs in; resolves whether the server asks for a new password first. */
  async signIn(password) {
    const response = await this.request('POST', '/api/admin/session', { username: 'admin', password });
    assert.equal(response.status, 200, `signing in: ${JSON.stringify(response.body)}`);
    const cookie = [response.headers['set-cookie']].flat().find((c) => c.startsWith('__Host-lanvan-admin='));
    assert.ok(cookie, 'the session cookie is set');
    this.#cookie = cookie.split(';')[0];
    this.#csrf = response.body.csrfToken;
    return response.body.mustChangePassword;
  }

  /**
   * The first sign-in of a fresh server: the initial password from data/initial-admin-password,
   * then the forced change to `newPassword`, then a sign-in with it.
   */
  async signInFirstTime(newPassword) {
    const initial = await initialAdminPassword(this.#server);
    assert.equal(await this.signIn(initial), true, 'the initial password must be changed at first sign-in');
    await this.call('PUT', '/api/admin/session/password', { currentPassword: initial, newPassword });
    assert.equal(await this.signIn(newPassword), false, 'the new password is accepted as is');
  }

  setMode(mode) { return this.call('PUT', '/api/admin/mode', { mode }); }

  setPolicies(changes) { return this.call('PUT', '/api/admin/policies', changes); }

  /** Stops a capability bundle by symbolic name, as the console's Capabilities page does. */
  stopBundle(name) { return this.call('POST', `/api/admin/bundles/${encodeURIComponent(name)}/stop`); }

  startBundle(name) { return this.call('POST', `/api/admin/bundles/${encodeURIComponent(name)}/start`); }
}

/** The admin bundle writes it on its first start, which may finish after /health/ready. */
export function initialAdminPassword(server) {
  const file = path.join(server.home, 'data', 'initial-admin-password');
  return eventually(async () => (await readFile(file, 'utf8').catch(() => '')).trim(),
    { timeoutMs: 30_000, intervalMs: 100, what: 'data/initial-admin-password' });
}
