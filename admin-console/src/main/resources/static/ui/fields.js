// Labelled form fields with a hint and an error slot wired up for assistive technology, and a
// form-level error summary that links to the fields (GOV.UK pattern: one place lists every
// problem, each field says its own).

import { h, uniqueId } from './dom.js';

/**
 * @param {{label: string, hint?: string, control: HTMLElement, extra?: ?Node, note?: ?Node}} spec
 *   control: the input/select/textarea the label names; extra: beside it (a unit, a Show button);
 *   note: under it (the exact byte count of a size)
 * @returns {{root: HTMLElement, control: HTMLElement, setError(message: ?string): void}}
 */
export function textField({ label, hint = '', control, extra = null, note = null }) {
  const id = control.id || uniqueId('field');
  control.id = id;
  const hintEl = hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  describe(control, [hintEl?.id, errorEl.id]);
  const root = h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id }, label),
    hintEl,
    errorEl,
    extra ? h('div', { class: 'field-row' }, control, extra) : control,
    note);
  return { root, control, setError: errorSetter(root, control, errorEl) };
}

/** A checkbox with its label to the right and an optional hint under it. */
export function checkboxField({ label, hint = '', control }) {
  const id = control.id || uniqueId('check');
  control.id = id;
  const hintEl = hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  describe(control, [hintEl?.id, errorEl.id]);
  const root = h('div', { class: 'field field-check' },
    h('div', { class: 'check-row' }, control, h('label', { for: id }, label)),
    hintEl,
    errorEl);
  return { root, control, setError: errorSetter(root, control, errorEl) };
}

function describe(control, ids) {
  control.setAttribute('aria-describedby', ids.filter(Boolean).join(' '));
}

function errorSetter(root, control, errorEl) {
  return (message) => {
    errorEl.textContent = message ?? '';
    errorEl.hidden = !message;
    root.classList.toggle('has-error', Boolean(message));
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  };
}

/**
 * Shows a form's problems: each field's next to it, and all of them in a summary at the top that
 * takes the focus, so keyboard and screen reader users land on the list.
 */
export class FormErrors {
  #summary;
  #fields;
  #labels;

  /**
   * @param {HTMLElement} summary an empty element at the top of the form
   * @param {Map<string, {control: HTMLElement, setError: Function}>} fields by field id
   * @param {Object<string, string>} labels field id → label
   */
  constructor(summary, fields, labels) {
    this.#summary = summary;
    this.#fields = fields;
    this.#labels = labels;
    summary.classList.add('error-summary');
    summary.tabIndex = -1;
    summary.hidden = true;
  }

  clear() {
    for (const field of this.#fields.values()) field.setError(null);
    this.#summary.replaceChildren();
    this.#summary.hidden = true;
  }

  /** @param {Object<string, string>} fieldErrors @param {string[]} [general] messages for no one field */
  show(fieldErrors, general = []) {
    this.clear();
    const items = [];
    for (const message of general) items.push(h('li', {}, message));
    for (const [id, message] of Object.entries(fieldErrors)) {
      const field = this.#fields.get(id);
      if (!field) {
        items.push(h('li', {}, `${this.#labels[id] ?? id}: ${message}`));
        continue;
      }
      field.setError(message);
      items.push(h('li', {}, h('a', {
        href: `#${field.control.id}`,
        onclick: (event) => { event.preventDefault(); field.control.focus(); },
      }, `${this.#labels[id] ?? id}: ${message}`)));
    }
    if (items.length === 0) return;
    const count = items.length === 1 ? 'There is a problem' : `There are ${items.length} problems`;
    this.#summary.replaceChildren(h('p', { class: 'callout-title' }, count), h('ul', {}, items));
    this.#summary.hidden = false;
    this.#summary.focus();
  }
}
