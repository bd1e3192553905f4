// A settings form generated from a component's Metatype attributes (see forms/metatype.js):
// a plugin that describes its configuration gets a form here without changes to the console.

import { PASSWORD_MASK, changedSettings, controlFor, describeDefault, initialFormValue } from '../forms/metatype.js';
import { fieldProblems } from '../forms/problems.js';
import { busy, h } from './dom.js';
import { FormErrors, checkboxField, textField } from './fields.js';

/**
 * @param {object} initial GET /api/admin/config/{pid}
 * @param {{api, feedback}} ctx
 * @returns {HTMLElement}
 */
export function settingsForm(initial, { api, feedback }) {
  let settings = initial;
  const controls = new Map();
  const labels = Object.fromEntries((settings.attributes ?? []).map((a) => [a.id, a.name || a.id]));
  const summary = h('div', { class: 'callout callout-danger', role: 'alert' });
  const fields = (settings.attributes ?? []).map((attribute) => {
    const control = buildControl(attribute);
    controls.set(attribute.id, control);
    return control.field.root;
  });
  const errors = new FormErrors(summary, new Map([...controls].map(([id, c]) => [id, c.field])), labels);
  const save = h('button', { type: 'submit', class: 'button' }, 'Save settings');
  const undo = h('button', { type: 'button', class: 'button button-quiet' }, 'Undo changes');
  const status = h('p', { class: 'save-status', role: 'status' });
  const form = h('form', { class: 'card settings-form', noValidate: true },
    summary,
    fields.length > 0 ? fields : h('p', { class: 'muted' }, 'This component describes no settings.'),
    h('div', { class: 'form-actions' }, save, undo, status));

  const fill = () => {
    for (const attribute of settings.attributes ?? []) controls.get(attribute.id)?.write(initialFormValue(attribute));
  };
  const read = () => Object.fromEntries([...controls].map(([id, control]) => [id, control.read()]));

  form.addEventListener('input', () => { status.textContent = 'Not saved yet.'; });
  undo.addEventListener('click', () => {
    fill();
    errors.clear();
    status.textContent = 'Changes undone.';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { values, errors: problems } = changedSettings(settings, read());
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      status.textContent = '';
      return;
    }
    errors.clear();
    if (Object.keys(values).length === 0) {
      status.textContent = 'Nothing changed.';
      return;
    }
    const done = busy(save, 'Saving…');
    try {
      settings = await api.saveSettings(settings.pid, values);
      fill();
      status.textContent = 'Saved. The component uses the new settings now.';
      feedback.say(`${settings.name || settings.pid} saved.`);
    } catch (error) {
      status.textContent = '';
      const { fields: byField, general } = fieldProblems(error.message, labels);
      errors.show(byField, general);
    } finally {
      done();
    }
  });

  fill();
  return form;
}

function buildControl(attribute) {
  const { kind, step } = controlFor(attribute);
  const label = attribute.name || attribute.id;
  const hint = [attribute.description, describeDefault(attribute)].filter(Boolean).join(' · ');
  const name = attribute.id;
  switch (kind) {
    case 'checkbox': {
      const input = h('input', { type: 'checkbox', name });
      return { field: checkboxField({ label, hint, control: input }), read: () => input.checked, write: (v) => { input.checked = v; } };
    }
    case 'select': {
      const select = h('select', { name }, attribute.options.map((o) => h('option', { value: o.value }, o.label || o.value)));
      return simple(label, hint, select, attribute);
    }
    case 'choices': return choices(attribute, label, hint);
    case 'list': {
      const area = h('textarea', { name, rows: 4, spellcheck: false, autocapitalize: 'none' });
      return simple(label, `${hint ? `${hint} · ` : ''}One entry per line.`, area, attribute);
    }
    case 'password': {
      const input = h('input', { type: 'password', name, autocomplete: 'new-password' });
      input.placeholder = attribute.value === PASSWORD_MASK ? 'Unchanged (a password is stored)' : 'No password stored';
      return simple(label, `${hint ? `${hint} · ` : ''}Leave empty to keep the stored one.`, input, attribute);
    }
    case 'number': {
      const input = h('input', { type: 'text', inputMode: step === '1' ? 'numeric' : 'decimal', name, class: 'input-short', autocomplete: 'off' });
      return simple(label, hint, input, attribute);
    }
    default: {
      const input = h('input', { type: 'text', name, autocomplete: 'off', spellcheck: false });
      return simple(label, hint, input, attribute);
    }
  }
}

function simple(label, hint, control, attribute) {
  if (attribute.required) control.setAttribute('aria-required', 'true');
  return {
    field: textField({ label: attribute.required ? label : `${label} (optional)`, hint, control }),
    read: () => control.value,
    write: (value) => { control.value = value; },
  };
}

// A list whose entries come from fixed options: one checkbox per option, in a group.
function choices(attribute, label, hint) {
  const boxes = attribute.options.map((o) => h('input', { type: 'checkbox', name: attribute.id, value: o.value }));
  const group = h('fieldset', { class: 'choices', tabIndex: -1, id: `choices-${attribute.id}` },
    h('legend', { class: 'field-label' }, label),
    hint ? h('p', { class: 'field-hint' }, hint) : null,
    boxes.map((box, i) => h('label', { class: 'check-row' }, box, ' ', attribute.options[i].label || attribute.options[i].value)));
  const error = h('p', { class: 'field-error', hidden: true });
  group.append(error);
  return {
    field: {
      root: group,
      control: group,
      setError: (message) => { error.textContent = message ?? ''; error.hidden = !message; group.classList.toggle('has-error', Boolean(message)); },
    },
    read: () => boxes.filter((box) => box.checked).map((box) => box.value),
    write: (values) => { for (const box of boxes) box.checked = values.includes(box.value); },
  };
}
