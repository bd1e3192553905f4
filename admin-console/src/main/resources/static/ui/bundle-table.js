// The bundles table with its filter box. Rows are rebuilt only when the data or the filter
// changed, so a refresh every few seconds does not disturb someone reading the table.

import { filterRows, toRows } from '../status/bundles.js';

export class BundleTable {
  #doc;
  #body;
  #filter;
  #count;
  #rows = null;
  #rendered = '';

  /** @param {ParentNode} root holding [data-bundle-rows] (tbody), [data-bundle-filter], [data-bundle-count] */
  constructor(root) {
    this.#doc = root.ownerDocument ?? root;
    this.#body = root.querySelector('[data-bundle-rows]');
    this.#filter = root.querySelector('[data-bundle-filter]');
    this.#count = root.querySelector('[data-bundle-count]');
    this.#filter.addEventListener('input', () => this.#render());
  }

  setBundles(bundles) {
    this.#rows = toRows(bundles);
    this.#render();
  }

  #render() {
    if (this.#rows === null) return;
    const query = this.#filter.value.trim();
    const shown = filterRows(this.#rows, query);
    const key = JSON.stringify([query, shown]);
    if (key === this.#rendered) return;
    this.#rendered = key;

    this.#body.replaceChildren(...(shown.length > 0 ? shown.map((row) => this.#row(row)) : [this.#emptyRow(query)]));
    this.#count.textContent = query
      ? `Showing ${shown.length} of ${this.#rows.length} bundles`
      : `${this.#rows.length} bundles`;
  }

  #row({ id, name, version, state, kind }) {
    const tr = this.#doc.createElement('tr');
    const pill = this.#doc.createElement('span');
    pill.className = 'pill';
    pill.dataset.tone = state.tone;
    pill.textContent = state.label;
    // Narrow screens hide the version and kind columns and show them under the name instead
    // (CSS switches which of the two is displayed, so each is announced once).
    const nameCell = this.#cell(this.#breakableName(name), 'name');
    const secondary = this.#doc.createElement('span');
    secondary.className = 'name-details';
    secondary.textContent = `${version} · ${kind}`;
    nameCell.append(secondary);
    tr.append(this.#cell(String(id), 'num'), nameCell, this.#cell(version, 'version'), this.#cell(pill), this.#cell(kind, 'kind'));
    return tr;
  }

  // Symbolic names are long dotted words: allow line breaks after the dots, not mid-word.
  #breakableName(name) {
    const fragment = this.#doc.createDocumentFragment();
    name.split('.').forEach((part, i, parts) => {
      fragment.append(i < parts.length - 1 ? `${part}.` : part);
      if (i < parts.length - 1) fragment.append(this.#doc.createElement('wbr'));
    });
    return fragment;
  }

  #cell(content, className) {
    const td = this.#doc.createElement('td');
    if (className) td.className = className;
    td.append(content);
    return td;
  }

  #emptyRow(query) {
    const tr = this.#doc.createElement('tr');
    const td = this.#cell(query ? `No bundle matches “${query}”.` : 'The server reported no bundles.', 'empty');
    td.colSpan = 5;
    tr.append(td);
    return tr;
  }
}
