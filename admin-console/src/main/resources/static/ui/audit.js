// Audit log: filters (kept in the page address, so a filtered view can be bookmarked or shared),
// records page by page, exports of the same selection, and verification of the hash chain.

import {
  AUDIT_FILTERS, AuditPaging, PAGE_SIZE, auditExportHref, auditPageQuery, describeVerification, filtersFromQuery, filtersToQuery,
  isoToLocalInput, localInputToIso,
} from '../audit/query.js';
import { routeHref } from '../router.js';
import { recordsTable } from './audit-records.js';
import { busy, h, loadFailed, loading, pageHeading } from './dom.js';

const TEXT_FILTERS = [
  { name: 'action', label: 'Action starts with', placeholder: 'e.g. admin.' },
  { name: 'actor', label: 'Actor', placeholder: 'e.g. admin' },
  { name: 'subject', label: 'Subject', placeholder: 'e.g. io.lanvan.relay' },
  { name: 'q', label: 'Text anywhere', placeholder: 'Words in any field' },
];

/** @param {HTMLElement} container @param {{api, navigate, route}} ctx */
export function mountAudit(container, { api, navigate, route }) {
  let filters = filtersFromQuery(route.query);
  let paging = new AuditPaging();
  let loadId = 0;
  // Shorter pages on phones, where every record is a card of its own.
  const pageSize = window.matchMedia('(max-width: 40rem)').matches ? PAGE_SIZE / 2 : PAGE_SIZE;

  const verifyButton = h('button', { type: 'button', class: 'button button-quiet' }, 'Verify chain');
  const csv = h('a', { class: 'button button-quiet', download: '' }, 'Export CSV');
  const json = h('a', { class: 'button button-quiet', download: '' }, 'Export JSON');
  const verification = h('div', { class: 'verification', 'aria-live': 'polite' });
  const form = filterForm();
  const results = h('div', { class: 'audit-results', 'aria-live': 'polite', 'aria-busy': 'false' });
  const newer = h('button', { type: 'button', class: 'button button-quiet' });
  const older = h('button', { type: 'button', class: 'button button-quiet' });
  const position = h('span', { class: 'muted' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Audit pages' }, newer, position, older);

  container.replaceChildren(
    pageHeading('Audit log', {
      intro: 'Every admin action and device event, in a hash chain that shows whether records were changed or removed.',
      actions: [verifyButton, csv, json],
    }),
    verification,
    form,
    h('section', { class: 'card', 'aria-label': 'Records' }, results, pager));

  function filterForm() {
    const from = h('input', { type: 'datetime-local', name: 'from', id: 'audit-from' });
    const to = h('input', { type: 'datetime-local', name: 'to', id: 'audit-to' });
    const order = h('select', { name: 'order', id: 'audit-order' },
      h('option', { value: 'newest' }, 'Newest first'), h('option', { value: 'oldest' }, 'Oldest first'));
    const cell = (label, control) => h('div', { class: 'field' }, h('label', { class: 'field-label', for: control.id }, label), control);
    const texts = TEXT_FILTERS.map((f) => cell(f.label, h('input', {
      type: 'search', name: f.name, id: `audit-${f.name}`, placeholder: f.placeholder, autocomplete: 'off', spellcheck: false,
    })));
    const clear = h('button', { type: 'button', class: 'button button-quiet' }, 'Clear');
    // Folded on phones unless a filter is set, so the records are not seven fields away.
    const folded = window.matchMedia('(max-width: 40rem)').matches && Object.keys(filtersToQuery(filters)).length === 0;
    const el = h('form', { class: 'card filter-form', role: 'search', 'aria-label': 'Filter audit records' },
      h('details', { class: 'filter-details', open: !folded },
        h('summary', {}, h('span', { class: 'filter-summary' }, 'Filters'), ' ', h('span', { class: 'muted', 'data-filter-count': '' })),
        h('div', { class: 'filter-grid' }, cell('From', from), cell('To', to), texts, cell('Order', order)),
        h('p', { class: 'field-hint' }, 'Times are in this browser’s time zone.'),
        h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Apply filters'), clear)));
    el.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = { order: order.value, from: localInputToIso(from.value), to: localInputToIso(to.value) };
      for (const f of TEXT_FILTERS) chosen[f.name] = el.elements[f.name].value.trim();
      navigate(routeHref('audit', { query: filtersToQuery(chosen) }));
    });
    clear.addEventListener('click', () => navigate(routeHref('audit')));
    return el;
  }

  function showFilters() {
    const fields = form.elements;
    fields.from.value = isoToLocalInput(filters.from);
    fields.to.value = isoToLocalInput(filters.to);
    fields.order.value = filters.order;
    for (const f of TEXT_FILTERS) fields[f.name].value = filters[f.name] ?? '';
    const active = AUDIT_FILTERS.filter((name) => filters[name]).length;
    form.querySelector('[data-filter-count]').textContent = active === 0 ? '(none)' : `(${active} active)`;
    csv.href = auditExportHref(filters, 'csv');
    json.href = auditExportHref(filters, 'json');
  }

  async function load() {
    const id = ++loadId;
    results.setAttribute('aria-busy', 'true');
    if (!results.firstChild) results.replaceChildren(loading('Loading records…'));
    pager.hidden = true;
    try {
      const page = await api.auditPage(auditPageQuery(filters, { cursor: paging.cursor, limit: pageSize }));
      if (id !== loadId) return; // a newer request has taken over
      paging = paging.withNext(page.next);
      results.replaceChildren(recordsTable(page.records ?? []));
      showPager((page.records ?? []).length);
    } catch (error) {
      if (id === loadId) results.replaceChildren(loadFailed(error, load));
    } finally {
      if (id === loadId) results.setAttribute('aria-busy', 'false');
    }
  }

  // Next means older records when the newest come first, newer ones otherwise.
  function showPager(count) {
    const newestFirst = filters.order === 'newest';
    newer.textContent = newestFirst ? '← Newer' : '← Older';
    older.textContent = newestFirst ? 'Older →' : 'Newer →';
    newer.disabled = !paging.hasPrevious;
    older.disabled = !paging.hasNext;
    position.textContent = `Page ${paging.page} · ${count} ${count === 1 ? 'record' : 'records'}`;
    pager.hidden = !paging.hasPrevious && !paging.hasNext;
  }

  newer.addEventListener('click', () => { paging = paging.back(); load(); });
  older.addEventListener('click', () => { paging = paging.forward(); load(); });

  verifyButton.addEventListener('click', async () => {
    const done = busy(verifyButton, 'Verifying…');
    try {
      const result = describeVerification(await api.verifyAudit());
      verification.replaceChildren(h('div', { class: `callout callout-${result.tone} verification-result`, role: result.tone === 'danger' ? 'alert' : null },
        h('p', { class: 'callout-title' }, result.title), h('p', {}, result.text),
        h('p', { class: 'verification-anchor' }, result.anchor)));
    } catch (error) {
      verification.replaceChildren(h('div', { class: 'callout callout-danger', role: 'alert' },
        h('p', { class: 'callout-title' }, 'Could not verify'), h('p', {}, error.message)));
    } finally {
      done();
    }
  });

  showFilters();
  load();

  return {
    /** A new filter in the address: same page, new records from the first page on. */
    update(next) {
      filters = filtersFromQuery(next.query);
      paging = new AuditPaging();
      showFilters();
      load();
    },
  };
}
