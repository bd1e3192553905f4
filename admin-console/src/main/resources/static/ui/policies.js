// Policies: sizes, blocked extensions, address lists, rate limits, audit retention. The form is
// generated from POLICY_SECTIONS; only changed fields are sent, so the audit log names real changes.

import { POLICY_LABELS, POLICY_SECTIONS, changedPolicies, formToPolicies, policiesToForm } from '../forms/policies.js';
import { fieldProblems } from '../forms/problems.js';
import { SIZE_UNITS, describeBytes, joinBytes } from '../forms/values.js';
import { busy, h, loadFailed, loading, pageHeading } from './dom.js';
import { FormErrors, checkboxField, textField } from './fields.js';

/** @param {HTMLElement} container @param {{api, feedback}} ctx */
export function mountPolicies(container, { api, feedback }) {
  const body = h('div', {}, loading());
  container.replaceChildren(
    pageHeading('Policies', {
      intro: 'Rules every device follows and the server enforces. Saved changes reach connected devices within a second.',
    }),
    body);

  async function load() {
    body.replaceChildren(loading());
    try {
      render(await api.policies());
    } catch (error) {
      body.replaceChildren(loadFailed(error, load));
    }
  }

  function render(initial) {
    let saved = initial;
    const controls = new Map(); // field id → {read(), write(value), field}
    const summary = h('div', { class: 'callout callout-danger', role: 'alert' });
    const sections = POLICY_SECTIONS.map((section) => h('fieldset', { class: 'card form-section' },
      h('legend', {}, section.title),
      section.note ? h('p', { class: 'callout callout-warning' }, section.note) : null,
      section.fields.map((spec) => {
        const control = buildControl(spec);
        controls.set(spec.id, control);
        return control.field.root;
      })));
    const errors = new FormErrors(summary, new Map([...controls].map(([id, c]) => [id, c.field])), POLICY_LABELS);
    const save = h('button', { type: 'submit', class: 'button' }, 'Save policies');
    const undo = h('button', { type: 'button', class: 'button button-quiet' }, 'Undo changes');
    const status = h('p', { class: 'save-status', role: 'status' });
    const form = h('form', { class: 'policies-form', noValidate: true },
      h('p', { class: 'muted' }, 'The deployment mode is on its own page: ', h('a', { href: '#/mode' }, 'Deployment mode'), '.'),
      summary,
      sections,
      h('div', { class: 'form-actions sticky-actions' }, save, undo, status));

    const fill = (policies) => {
      const values = policiesToForm(policies);
      for (const [id, control] of controls) control.write(values[id]);
    };
    const read = () => Object.fromEntries([...controls].map(([id, control]) => [id, control.read()]));
    fill(saved);

    form.addEventListener('input', () => { status.textContent = 'Not saved yet.'; });
    undo.addEventListener('click', () => {
      fill(saved);
      errors.clear();
      status.textContent = 'Changes undone.';
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const { values, errors: problems } = formToPolicies(read());
      if (Object.keys(problems).length > 0) {
        errors.show(problems);
        status.textContent = '';
        return;
      }
      const changes = changedPolicies(saved, values);
      errors.clear();
      if (Object.keys(changes).length === 0) {
        status.textContent = 'Nothing changed.';
        return;
      }
      const done = busy(save, 'Saving…');
      try {
        saved = (await api.savePolicies(changes)) ?? { ...saved, ...changes };
        fill(saved);
        status.textContent = 'Saved. Devices were told within a second.';
        feedback.say('Policies saved.');
      } catch (error) {
        status.textContent = '';
        const { fields, general } = fieldProblems(error.message, POLICY_LABELS);
        errors.show(fields, general);
      } finally {
        done();
      }
    });
    body.replaceChildren(form);
  }

  load();
  return {};
}

/** A control for one policy field: {field, read(), write(value)} in policiesToForm's shapes. */
function buildControl(spec) {
  switch (spec.kind) {
    case 'bytes': return bytesControl(spec);
    case 'boolean': {
      const input = h('input', { type: 'checkbox', name: spec.id });
      return { field: checkboxField({ label: spec.label, hint: spec.hint, control: input }), read: () => input.checked, write: (v) => { input.checked = v; } };
    }
    case 'addresses': {
      const input = h('textarea', { name: spec.id, rows: 3, spellcheck: false, autocapitalize: 'none', class: 'mono', placeholder: 'e.g. 192.168.1.0/24' });
      return { field: textField({ label: spec.label, hint: spec.hint, control: input }), read: () => input.value, write: (v) => { input.value = v; } };
    }
    case 'number': {
      const input = h('input', { type: 'text', inputMode: 'numeric', name: spec.id, class: 'input-short', autocomplete: 'off' });
      const unit = spec.unit ? h('span', { class: 'unit' }, spec.unit) : null;
      const hint = [spec.hint, `From ${spec.min} to ${spec.max.toLocaleString()}.`].filter(Boolean).join(' ');
      return { field: textField({ label: spec.label, hint, control: input, extra: unit }), read: () => input.value, write: (v) => { input.value = v; } };
    }
    default: {
      const input = h('input', { type: 'text', name: spec.id, autocomplete: 'off', spellcheck: false, autocapitalize: 'none' });
      return { field: textField({ label: spec.label, hint: spec.hint, control: input }), read: () => input.value, write: (v) => { input.value = v; } };
    }
  }
}

// Amount + unit, with the exact byte count under it so "1.5 GB" is never ambiguous.
function bytesControl(spec) {
  const amount = h('input', { type: 'text', inputMode: 'decimal', name: spec.id, class: 'input-short', autocomplete: 'off' });
  const unit = h('select', { name: `${spec.id}-unit`, 'aria-label': `${spec.label} unit` },
    SIZE_UNITS.map((u) => h('option', { value: u.id }, u.label)));
  const exact = h('output', { class: 'field-output' });
  const update = () => {
    const result = joinBytes(amount.value, unit.value);
    exact.textContent = 'value' in result ? `= ${describeBytes(result.value)}` : '';
  };
  amount.addEventListener('input', update);
  unit.addEventListener('change', update);
  const field = textField({ label: spec.label, hint: spec.hint, control: amount, extra: unit, note: exact });
  return {
    field,
    read: () => ({ amount: amount.value, unit: unit.value }),
    write: (value) => {
      amount.value = value.amount;
      unit.value = value.unit;
      update();
    },
  };
}
