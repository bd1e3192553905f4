import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { HashRouter, parseHash, routeHref } from '../../main/resources/static/router.js';

describe('parseHash', () => {
  test('readsNameParameterAndQuery', () => {
    assert.deepEqual(parseHash('#/settings/io.lanvan.relay'), { name: 'settings', param: 'io.lanvan.relay', query: {} });
    assert.deepEqual(parseHash('#/audit?action=admin.&actor=admin'), { name: 'audit', param: null, query: { action: 'admin.', actor: 'admin' } });
  });

  test('treatsAnEmptyOrMissingHashAsNoRoute', () => {
    assert.equal(parseHash('').name, '');
    assert.equal(parseHash('#').name, '');
    assert.equal(parseHash(undefined).name, '');
  });

  test('decodesTheParameterAndSurvivesBrokenEscapes', () => {
    assert.equal(parseHash('#/settings/com.acme%2Fodd%20pid').param, 'com.acme/odd pid');
    assert.equal(parseHash('#/settings/%E0%A4%A').param, '%E0%A4%A');
  });
});

describe('routeHref', () => {
  test('buildsHashesThatParseBack', () => {
    const href = routeHref('settings', { param: 'com.acme/odd pid' });
    assert.equal(href, '#/settings/com.acme%2Fodd%20pid');
    assert.equal(parseHash(href).param, 'com.acme/odd pid');
  });

  test('leavesEmptyQueryValuesOut', () => {
    assert.equal(routeHref('audit', { query: { action: 'admin.', actor: '', subject: null, q: undefined } }), '#/audit?action=admin.');
    assert.equal(routeHref('dashboard'), '#/dashboard');
  });
});

function fakeWindow(hash) {
  const listeners = new Set();
  const win = {
    location: {
      hash,
      replace(url) { win.location.hash = url; },
    },
    addEventListener: (type, fn) => listeners.add(fn),
    removeEventListener: (type, fn) => listeners.delete(fn),
    go(next) { win.location.hash = next; for (const fn of listeners) fn(); },
    fireAgain() { for (const fn of listeners) fn(); },
    listeners,
  };
  return win;
}

describe('HashRouter', () => {
  const routes = ['dashboard', 'audit', 'settings'];

  test('dispatchesTheCurrentRouteOnStartAndEachChange', () => {
    const win = fakeWindow('#/audit?q=x');
    const seen = [];
    new HashRouter({ window: win, routes, fallback: 'dashboard', onRoute: (r) => seen.push(r) }).start();
    win.go('#/settings/io.lanvan.relay');
    assert.deepEqual(seen.map((r) => [r.name, r.param]), [['audit', null], ['settings', 'io.lanvan.relay']]);
    assert.deepEqual(seen[0].query, { q: 'x' });
  });

  test('replacesAnUnknownRouteWithTheFallbackAndDispatchesItOnce', () => {
    const win = fakeWindow('#/nowhere');
    const seen = [];
    new HashRouter({ window: win, routes, fallback: 'dashboard', onRoute: (r) => seen.push(r.name) }).start();
    assert.equal(win.location.hash, '#/dashboard');
    win.fireAgain(); // a browser that fires hashchange for replace()
    assert.deepEqual(seen, ['dashboard']);
  });

  test('navigatingToTheCurrentRouteDispatchesItAgain', () => {
    const win = fakeWindow('#/audit');
    const seen = [];
    const router = new HashRouter({ window: win, routes, fallback: 'dashboard', onRoute: (r) => seen.push(r.name) });
    router.start();
    router.navigate('#/audit');
    router.refresh();
    assert.deepEqual(seen, ['audit', 'audit', 'audit']);
  });

  test('stopsListening', () => {
    const win = fakeWindow('#/audit');
    const router = new HashRouter({ window: win, routes, fallback: 'dashboard', onRoute: () => {} });
    router.start();
    router.stop();
    assert.equal(win.listeners.size, 0);
  });
});
