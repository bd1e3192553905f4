// Audit viewer state that is not DOM: filters ↔ the page's hash query ↔ the API's query string,
// the cursors behind "Newer"/"Older", and what a verification result means in words.

export const AUDIT_FILTERS = Object.freeze(['from', 'to', 'action', 'actor', 'subject', 'q']);
export const PAGE_SIZE = 50;
const ORDERS = new Set(['newest', 'oldest']);

/**
 * Filters from the hash query (#/audit?action=admin.&from=…), keeping only known, non-empty
 * values; times must be ISO instants.
 */
export function filtersFromQuery(query = {}) {
  const filters = {};
  for (const name of AUDIT_FILTERS) {
    const value = String(query[name] ?? '').trim();
    if (!value) continue;
    if ((name === 'from' || name === 'to') && Number.isNaN(Date.parse(value))) continue;
    filters[name] = value;
  }
  filters.order = ORDERS.has(query.order) ? query.order : 'newest';
  return filters;
}

/** The hash query for `filters`: the default order is left out, to keep links short. */
export function filtersToQuery(filters) {
  const query = {};
  for (const name of AUDIT_FILTERS) if (filters[name]) query[name] = filters[name];
  if (filters.order && filters.order !== 'newest') query.order = filters.order;
  return query;
}

/** Query string for GET /api/admin/audit. */
export function auditPageQuery(filters, { cursor = 0, limit = PAGE_SIZE } = {}) {
  const params = filterParams(filters);
  params.set('order', ORDERS.has(filters.order) ? filters.order : 'newest');
  if (cursor) params.set('cursor', String(cursor));
  params.set('limit', String(limit));
  return params.toString();
}

/** Link for GET /api/admin/audit/export: the same records as on screen, every page of them. */
export function auditExportHref(filters, format) {
  const params = new URLSearchParams({ format });
  for (const [key, value] of filterParams(filters)) params.set(key, value);
  return `/api/admin/audit/export?${params}`;
}

function filterParams(filters) {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTERS) if (filters[name]) params.set(name, filters[name]);
  return params;
}

/** A datetime-local input's value ("2026-11-25T10:00", the browser's time zone) → ISO instant; '' stays ''. */
export function localInputToIso(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** ISO instant → value for a datetime-local input, in the browser's time zone. */
export function isoToLocalInput(iso) {
  const date = new Date(iso ?? '');
  if (!iso || Number.isNaN(date.getTime())) return '';
  const two = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * Where the viewer is in the records: the cursors of the pages before this one, so "back" needs
 * no cursor from the server. Immutable; each step returns a new one.
 */
export class AuditPaging {
  /** @param {number[]} cursors cursor of every page up to and including the current one */
  constructor(cursors = [0], next = null) {
    this.cursors = Object.freeze([...cursors]);
    this.next = next;
  }

  get cursor() { return this.cursors[this.cursors.length - 1]; }
  get page() { return this.cursors.length; }
  get hasPrevious() { return this.cursors.length > 1; }
  get hasNext() { return this.next !== null && this.next !== undefined; }

  /** The current page, now knowing where the following one starts (null: there is none). */
  withNext(next) { return new AuditPaging(this.cursors, next ?? null); }
  forward() { return this.hasNext ? new AuditPaging([...this.cursors, this.next]) : this; }
  back() { return this.hasPrevious ? new AuditPaging(this.cursors.slice(0, -1)) : this; }
}

/**
 * What the signed checkpoints outside the database say: how far they vouch for the chain, and the
 * key that checked them (admins compare its fingerprint with the one they noted down).
 */
function describeAnchoring(result) {
  const key = result?.anchorKeyFingerprint;
  if (!key) return 'Not anchored outside the database: the server has no anchor key (its log says why).';
  const through = Number(result?.anchoredThrough ?? 0);
  const checked = through > 0
    ? `Signed checkpoints outside the database vouch for the records through #${through}.`
    : 'No signed checkpoint outside the database covers these records yet (one is made within a minute of a new'
      + ' record; a missing data/audit/anchors.log reads the same).';
  return `${checked} Anchor key SHA-256: ${key}.`;
}

/** @returns {{tone: 'ok'|'info'|'danger', title: string, text: string, anchor: string}} */
export function describeVerification(result) {
  return { ...describeChain(result), anchor: describeAnchoring(result) };
}

function describeChain(result) {
  const count = Number(result?.verifiedRecords ?? 0);
  const number = new Intl.NumberFormat('en').format(count);
  if (result?.broken) {
    const { sequence, reason } = result.broken;
    const why = String(reason || 'none given').trim();
    return {
      tone: 'danger',
      title: `Chain broken at record #${sequence}`,
      text: `Reason: ${why}${/[.!?]$/.test(why) ? '' : '.'} `
        + `${count === 1 ? 'The 1 record' : `The ${number} records`} before it verified. `
        + `Records from #${sequence} on may have been changed or removed: keep an export and investigate.`,
    };
  }
  if (result?.intact && count === 0) return { tone: 'info', title: 'Nothing to verify yet', text: 'The audit log has no records.' };
  if (result?.intact) {
    return {
      tone: 'ok',
      title: 'Chain intact',
      text: `${count === 1 ? '1 record' : `All ${number} records`} verified, #${result.firstSequence} to #${result.lastSequence}.`,
    };
  }
  return { tone: 'danger', title: 'Chain not intact', text: 'The server reported a problem but did not say where.' };
}
