import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { describeState, filterRows, groupBundles, summarizeBundles, toRows } from '../../main/resources/static/status/bundles.js';

const bundles = [
  { id: 12, symbolicName: 'io.lanvan.web', version: '0.1.0.SNAPSHOT', state: 'ACTIVE', kind: 'platform' },
  { id: 0, symbolicName: 'org.apache.felix.framework', version: '7.0.5', state: 'ACTIVE', kind: 'system' },
  { id: 20, symbolicName: 'io.lanvan.relay', version: '0.1.0.SNAPSHOT', state: 'RESOLVED', kind: 'capability' },
  { id: 31, symbolicName: 'com.acme.branding', version: '1.2.0', state: 'INSTALLED', kind: 'plugin' },
];

describe('describeState', () => {
  test('givesEveryKnownStateWordsAndATone', () => {
    assert.deepEqual(describeState('ACTIVE'), { label: 'Active', tone: 'ok' });
    assert.deepEqual(describeState('RESOLVED'), { label: 'Resolved', tone: 'warning' });
    assert.deepEqual(describeState('INSTALLED'), { label: 'Installed', tone: 'danger' });
    assert.deepEqual(describeState('STARTING'), { label: 'Starting', tone: 'info' });
  });

  test('showsAnUnknownStateAsWordsRatherThanHidingIt', () => {
    assert.deepEqual(describeState('LAZY'), { label: 'Lazy', tone: 'neutral' });
    assert.deepEqual(describeState(undefined), { label: 'Unknown', tone: 'neutral' });
  });
});

describe('toRows', () => {
  test('ordersBundlesByIdWithReadableStateAndKind', () => {
    const rows = toRows(bundles);
    assert.deepEqual(rows.map((row) => row.id), [0, 12, 20, 31]);
    assert.deepEqual(rows[2], {
      id: 20, name: 'io.lanvan.relay', version: '0.1.0.SNAPSHOT', state: { label: 'Resolved', tone: 'warning' }, kind: 'Capability',
    });
  });

  test('doesNotReorderTheServersArray', () => {
    const copy = [...bundles];
    toRows(copy);
    assert.deepEqual(copy, bundles);
  });
});

describe('filterRows', () => {
  const rows = toRows(bundles);
  const names = (filtered) => filtered.map((row) => row.name);

  test('keepsEverythingForAnEmptyFilter', () => {
    assert.equal(filterRows(rows, '   ').length, 4);
  });

  test('matchesNameVersionStateAndKindIgnoringCase', () => {
    assert.deepEqual(names(filterRows(rows, 'LANVAN')), ['io.lanvan.web', 'io.lanvan.relay']);
    assert.deepEqual(names(filterRows(rows, 'resolved')), ['io.lanvan.relay']);
    assert.deepEqual(names(filterRows(rows, 'plugin')), ['com.acme.branding']);
    assert.deepEqual(names(filterRows(rows, '7.0')), ['org.apache.felix.framework']);
  });

  test('requiresEveryWordToMatch', () => {
    assert.deepEqual(names(filterRows(rows, 'lanvan active')), ['io.lanvan.web']);
    assert.deepEqual(filterRows(rows, 'lanvan plugin'), []);
  });
});

describe('summarizeBundles', () => {
  test('countsActiveBundlesAndNamesTheOthers', () => {
    assert.deepEqual(summarizeBundles(bundles), { total: 4, active: 2, inactive: ['io.lanvan.relay', 'com.acme.branding'] });
    assert.deepEqual(summarizeBundles(undefined), { total: 0, active: 0, inactive: [] });
  });
});

describe('groupBundles', () => {
  const admin = [
    { id: 40, symbolicName: 'io.lanvan.signaling', name: 'LANVan signaling', version: '0.1.0', state: 'ACTIVE', kind: 'capability', canStop: true },
    { id: 41, symbolicName: 'io.lanvan.admin', name: 'LANVan admin', version: '0.1.0', state: 'ACTIVE', kind: 'capability', canStop: false },
    { id: 12, symbolicName: 'io.lanvan.web', name: 'io.lanvan.web', version: '0.1.0', state: 'ACTIVE', kind: 'platform', canStop: false },
    { id: 0, symbolicName: 'org.apache.felix.framework', version: '7.0.5', state: 'ACTIVE', kind: 'system', canStop: false },
    { id: 31, symbolicName: 'com.acme.branding', name: 'ACME branding', version: '1.2.0', state: 'RESOLVED', kind: 'plugin', canStop: true },
    { id: 50, symbolicName: 'odd', version: '1', state: 'ACTIVE', kind: 'mystery', canStop: true },
  ];

  test('groupsByKindInTheOrderAdminsLookAndSortsByName', () => {
    const groups = groupBundles(admin);
    assert.deepEqual(groups.map((g) => g.kind), ['capability', 'plugin', 'platform', 'system']);
    assert.deepEqual(groups[0].bundles.map((b) => b.title), ['LANVan admin', 'LANVan signaling']);
    assert.deepEqual(groups[3].bundles.map((b) => b.symbolicName), ['odd', 'org.apache.felix.framework']);
    assert.equal(groups[3].bundles[0].kind, 'system', 'an unknown kind is shown with the system bundles');
  });

  test('letsOnlyStoppableCapabilitiesAndPluginsBeControlled', () => {
    const rows = groupBundles(admin).flatMap((g) => g.bundles);
    const controllable = rows.filter((r) => r.controllable).map((r) => r.symbolicName);
    assert.deepEqual(controllable, ['io.lanvan.signaling', 'com.acme.branding']);
  });

  test('saysWhetherEachRuns', () => {
    const plugin = groupBundles(admin)[1].bundles[0];
    assert.equal(plugin.running, false);
    assert.deepEqual(plugin.state, { label: 'Resolved', tone: 'warning' });
  });

  test('leavesEmptyGroupsOut', () => {
    assert.deepEqual(groupBundles([]), []);
  });
});
