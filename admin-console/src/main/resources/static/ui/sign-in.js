// The sign-in screen. Success is not handled here: the API announces the new session and the
// page moves on to the password change or the console from that event.

import { FormErrors, textField } from './fields.js';
import { busy, h } from './dom.js';

const LABELS = { username: 'User name', password: 'Password' };

/**
 * @param {HTMLElement} container
 * @param {{api: import('../server/admin-api.js').AdminApi, notice?: {tone: string, text: string}}} ctx
 *   notice: why the admin is here (signed out, session expired)
 */
export function mountSignIn(container, { api, notice = null }) {
  const username = h('input', {
    name: 'username', type: 'text', value: 'admin', autocomplete: 'username', autocapitalize: 'none',
    spellcheck: false, required: true, maxLength: 64,
  });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxLength: 256 });
  const fields = new Map([['username', textField({ label: LABELS.username, control: username })],
    ['password', textField({ label: LABELS.password, control: password, extra: revealButton(password) })]]);
  const summary = h('div', { class: 'callout callout-danger', role: 'alert' });
  const errors = new FormErrors(summary, fields, LABELS);
  const submit = h('button', { type: 'submit', class: 'button button-wide' }, 'Sign in');

  const form = h('form', { class: 'auth-card card', noValidate: true, 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title', tabIndex: -1, 'data-view-title': '' }, 'Sign in'),
    h('p', { class: 'muted' }, 'Manage this LANVan server: capabilities, policies and the audit log.'),
    notice ? h('p', { class: `callout callout-${notice.tone}`, role: 'status' }, notice.text) : null,
    summary,
    [...fields.values()].map((field) => field.root),
    submit,
    h('details', { class: 'auth-help' },
      h('summary', {}, 'First sign-in?'),
      h('p', {}, 'Sign in as admin with the initial password. The server prints it on its console when it '
        + 'first starts, and keeps it in the file data/initial-admin-password. You will choose a new one next.')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const missing = {};
    if (!username.value.trim()) missing.username = 'Enter the user name (usually admin).';
    if (!password.value) missing.password = 'Enter the password.';
    if (Object.keys(missing).length > 0) {
      errors.show(missing);
      return;
    }
    errors.clear();
    const done = busy(submit, 'Signing in…');
    try {
      await api.signIn(username.value.trim(), password.value);
    } catch (error) {
      done();
      password.value = '';
      // 401 and 429 say what happened in words (wrong password, locked until when): show them as they are.
      errors.show({}, [error.message]);
      return;
    }
    done();
  });

  container.replaceChildren(h('div', { class: 'auth-screen' }, form));
  (username.value ? password : username).focus();
  return {};
}

/** A "Show" toggle for a password box: typing a long password blind on a phone is error-prone. */
export function revealButton(input) {
  const button = h('button', { type: 'button', class: 'button button-quiet reveal', 'aria-pressed': 'false' }, 'Show');
  button.setAttribute('aria-label', 'Show password');
  button.addEventListener('click', () => {
    const shown = input.type === 'password';
    input.type = shown ? 'text' : 'password';
    button.setAttribute('aria-pressed', String(shown));
    button.textContent = shown ? 'Hide' : 'Show';
  });
  return button;
}
