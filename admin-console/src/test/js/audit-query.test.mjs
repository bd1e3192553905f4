import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  AuditPaging, auditExportHref, auditPageQuery, describeVerification, filtersFromQuery, filtersToQuery, isoToLocalInput, localInputToIso,
} from '../../main/resources/static/audit/query.js';

describe('audit filters', () => {
  test('keepOnlyKnownNonEmptyValuesAndADefaultOrder', () => {
    assert.deepEqual(filtersFromQuery({ action: 'admin.', actor: ' ', colour: 'red', from: 'yesterday' }), { action: 'admin.', order: 'newest' });
    assert.equal(filtersFromQuery({ order: 'oldest' }).order, 'oldest');
    assert.equal(filtersFromQuery({ order: 'random' }).order, 'newest');
  });

  test('roundTripThroughTheHashQueryLeavingTheDefaultOrderOut', () => {
    const filters = { from: '2026-11-25T10:00:00.000Z', q: 'report.pdf', order: 'newest' };
    assert.deepEqual(filtersToQuery(filters), { from: '2026-11-25T10:00:00.000Z', q: 'report.pdf' });
    assert.deepEqual(filtersFromQuery(filtersToQuery(filters)), filters);
  });

  test('becomeTheApisQueryWithCursorAndLimit', () => {
    const query = new URLSearchParams(auditPageQuery({ action: 'admin.', subject: 'io.lanvan.relay', order: 'oldest' }, { cursor: 120, limit: 50 }));
    assert.deepEqual(Object.fromEntries(query), { action: 'admin.', subject: 'io.lanvan.relay', order: 'oldest', cursor: '120', limit: '50' });
    assert.equal(new URLSearchParams(auditPageQuery({ order: 'newest' })).has('cursor'), false);
  });

  test('exportLinksCarryTheFiltersButNoPaging', () => {
    const href = auditExportHref({ actor: 'admin', q: 'a&b', order: 'oldest' }, 'csv');
    assert.equal(href, '/api/admin/audit/export?format=csv&actor=admin&q=a%26b');
  });
});

describe('datetime-local values', () => {
  test('convertToInstantsAndBackInTheBrowsersTimeZone', () => {
    const iso = localInputToIso('2026-11-25T10:30');
    assert.equal(iso, new Date(2026, 10, 25, 10, 30).toISOString());
    assert.equal(isoToLocalInput(iso), '2026-11-25T10:30');
  });

  test('leaveEmptyAndBrokenValuesEmpty', () => {
    assert.equal(localInputToIso(''), '');
    assert.equal(localInputToIso('not a time'), '');
    assert.equal(isoToLocalInput(undefined), '');
  });
});

describe('AuditPaging', () => {
  test('walksForwardWithTheServersCursorsAndBackWithoutThem', () => {
    let paging = new AuditPaging();
    assert.equal(paging.cursor, 0);
    assert.equal(paging.hasPrevious, false);
    paging = paging.withNext(951);
    assert.equal(paging.hasNext, true);
    paging = paging.forward().withNext(901);
    assert.equal(paging.cursor, 951);
    assert.equal(paging.page, 2);
    paging = paging.forward().withNext(null);
    assert.equal(paging.hasNext, false);
    assert.equal(paging.forward(), paging);
    paging = paging.back();
    assert.equal(paging.cursor, 951);
    assert.equal(paging.back().cursor, 0);
    assert.equal(paging.back().back().cursor, 0);
  });
});

describe('describeVerification', () => {
  test('saysIntactWithTheCount', () => {
    const text = describeVerification({ intact: true, verifiedRecords: 1234, firstSequence: 1, lastSequence: 1234, broken: null });
    assert.deepEqual(text, {
      tone: 'ok', title: 'Chain intact', text: 'All 1,234 records verified, #1 to #1234.',
      anchor: 'Not anchored outside the database: the server has no anchor key (its log says why).',
    });
  });

  test('saysHowFarSignedCheckpointsVouchAndWhichKeyCheckedThem', () => {
    const key = 'ab'.repeat(32);
    const text = describeVerification({ intact: true, verifiedRecords: 40, firstSequence: 1, lastSequence: 40, broken: null,
      anchoredThrough: 30, anchorKeyFingerprint: key });
    assert.equal(text.tone, 'ok');
    assert.equal(text.anchor, `Signed checkpoints outside the database vouch for the records through #30. Anchor key SHA-256: ${key}.`);
  });

  test('saysSoWhenNoCheckpointCoversTheRecordsYet', () => {
    const text = describeVerification({ intact: true, verifiedRecords: 3, firstSequence: 1, lastSequence: 3, broken: null,
      anchoredThrough: 0, anchorKeyFingerprint: 'cd'.repeat(32) });
    assert.match(text.anchor, /^No signed checkpoint outside the database covers these records yet/);
  });

  test('aRewrittenChainIsBrokenAtTheAnchorThatNoLongerMatches', () => {
    const text = describeVerification({ intact: false, verifiedRecords: 10, firstSequence: 1, lastSequence: 10,
      broken: { sequence: 20, reason: 'it is not the record anchored outside the database at 2026-01-10T08:00:19Z' },
      anchoredThrough: 10, anchorKeyFingerprint: 'ef'.repeat(32) });
    assert.equal(text.title, 'Chain broken at record #20');
    assert.match(text.anchor, /through #10\./);
  });

  test('namesTheBrokenRecordAndReasonProminently', () => {
    const text = describeVerification({ intact: false, verifiedRecords: 56, firstSequence: 1, lastSequence: 56, broken: { sequence: 57, reason: 'hash does not match its content' } });
    assert.equal(text.tone, 'danger');
    assert.equal(text.title, 'Chain broken at record #57');
    assert.equal(text.text, 'Reason: hash does not match its content. The 56 records before it verified. '
      + 'Records from #57 on may have been changed or removed: keep an export and investigate.');
  });

  test('saysSoWhenThereIsNothingToVerify', () => {
    assert.equal(describeVerification({ intact: true, verifiedRecords: 0, broken: null }).title, 'Nothing to verify yet');
  });
});
