// Changing the admin password: forced after the first sign-in with the initial password (the
// server refuses everything else until then), and on request from the navigation.

import { MIN_PASSWORD_LENGTH, checkPasswords } from '../forms/password.js';
import { fieldProblems } from '../forms/problems.js';
import { FormErrors, textField } from './fields.js';
import { busy, h } from './dom.js';
import { revealButton } from './sign-in.js';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password', confirmPassword: 'New password again' };

/**
 * @param {HTMLElement} container
 * @param {{api, feedback, forced: boolean}} ctx forced: the first change, before anything else works
 */
export function mountPasswordChange(container, { api, feedback, forced }) {
  const input = (name, autocomplete) => h('input', { name, type: 'password', autocomplete, required: true, maxLength: 256 });
  const current = input('currentPassword', 'current-password');
  const next = input('newPassword', 'new-password');
  const again = input('confirmPassword', 'new-password');
  const fields = new Map([
    ['currentPassword', textField({
      label: LABELS.currentPassword, control: current, extra: revealButton(current),
      hint: forced ? 'The initial password you just signed in with.' : '',
    })],
    ['newPassword', textField({
      label: LABELS.newPassword, control: next, extra: revealButton(next),
      hint: `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one that is easy to type.`,
    })],
    ['confirmPassword', textField({ label: LABELS.confirmPassword, control: again, extra: revealButton(again) })],
  ]);
  const summary = h('div', { class: 'callout callout-danger', role: 'alert' });
  const errors = new FormErrors(summary, fields, LABELS);
  const submit = h('button', { type: 'submit', class: 'button button-wide' }, forced ? 'Save and continue' : 'Change password');
  const done = h('p', { class: 'callout callout-ok', role: 'status', hidden: true });

  // Password managers file the new password under this user name.
  const user = h('input', { type: 'text', name: 'username', autocomplete: 'username', value: api.session?.username ?? '', hidden: true, readOnly: true });
  const form = h('form', { class: 'auth-card card', noValidate: true, 'aria-labelledby': 'password-title' },
    user,
    h('h1', { id: 'password-title', tabIndex: -1, 'data-view-title': '' }, forced ? 'Choose your own password' : 'Change password'),
    forced
      ? h('p', { class: 'callout callout-info' }, 'You signed in with the initial password. Choose a new one before using '
        + 'the console: the initial password is written in a file on the server, so others may know it.')
      : h('p', { class: 'muted' }, 'Other browsers signed in as this admin are signed out when you change it.'),
    summary,
    done,
    [...fields.values()].map((field) => field.root),
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    done.hidden = true;
    const problems = checkPasswords(current.value, next.value, again.value);
    if (Object.keys(problems).length > 0) {
      errors.show(problems);
      return;
    }
    errors.clear();
    const restore = busy(submit, 'Saving…');
    try {
      await api.changePassword(current.value, next.value);
    } catch (error) {
      restore();
      const { fields: byField, general } = fieldProblems(error.message, LABELS);
      errors.show(byField, general);
      return;
    }
    restore();
    form.reset();
    // After the forced change the console replaces this screen and says so itself.
    if (!forced) {
      feedback.say('Password changed.');
      done.textContent = 'Password changed. Use the new one next time you sign in.';
      done.hidden = false;
    }
  });

  container.replaceChildren(h('div', { class: 'auth-screen' }, form));
  return {};
}
