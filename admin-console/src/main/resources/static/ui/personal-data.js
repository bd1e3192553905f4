// Personal data of one device (GDPR access and erasure): a device id, "Export" (downloads what
// every capability holds about it as JSON) and "Erase…" (asks first, then says what was erased).
// Any device id works, connected or not: a request may come long after the device left.

import { DEVICE_ID, describeErasure } from '../devices/devices.js';
import { busy, h } from './dom.js';

/** @param {{api, feedback}} ctx @returns {HTMLElement} the card */
export function personalDataCard({ api, feedback }) {
  const heading = h('h2', { id: 'personal-data-heading', tabIndex: -1 }, 'Personal data of a device');
  const input = h('input', {
    id: 'personal-data-device', type: 'text', class: 'mono', autocomplete: 'off', spellcheck: 'false',
    maxLength: 64, 'aria-describedby': 'personal-data-help',
  });
  const exportButton = h('button', { type: 'button', class: 'button', 'data-action': 'export-personal-data' }, 'Export');
  const eraseButton = h('button', { type: 'button', class: 'button button-danger', 'data-action': 'erase-personal-data' }, 'Erase…');
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const outcome = h('p', { class: 'muted', 'aria-live': 'polite' });

  function deviceId() {
    const id = input.value.trim();
    error.hidden = DEVICE_ID.test(id);
    error.textContent = error.hidden ? '' : 'A device id is 8-64 characters: letters, digits, _ and -.';
    return error.hidden ? id : null;
  }

  exportButton.addEventListener('click', async () => {
    const id = deviceId();
    if (!id) { input.focus(); return; }
    const restore = busy(exportButton, 'Exporting…');
    try {
      const data = await api.personalData(id);
      const link = h('a', {
        href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })),
        download: `lanvan-personal-data-${id}.json`,
      });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
      outcome.textContent = `Exported what the server holds about ${id}.`;
    } catch (failure) {
      error.textContent = `Could not export: ${failure.message}`;
      error.hidden = false;
    } finally {
      restore();
    }
  });

  eraseButton.addEventListener('click', async () => {
    const id = deviceId();
    if (!id) { input.focus(); return; }
    const confirmed = await feedback.confirm({
      title: 'Erase this device’s personal data?',
      message: `Everything the server holds about ${id} is erased or made unreadable: its audit records then show a pseudonym. The audit chain still verifies.`,
      warning: 'This cannot be undone. Backups made before now still hold the data until they expire.',
      confirmLabel: 'Erase',
    });
    if (!confirmed) return;
    const restore = busy(eraseButton, 'Erasing…');
    try {
      const result = await api.erasePersonalData(id);
      outcome.textContent = describeErasure(result);
      feedback.say(`Personal data of ${id} erased.`);
    } catch (failure) {
      error.textContent = `Could not erase: ${failure.message}`;
      error.hidden = false;
    } finally {
      restore();
    }
  });

  return h('section', { class: 'card', 'aria-labelledby': 'personal-data-heading' },
    heading,
    h('p', { id: 'personal-data-help', class: 'muted group-description' },
      'For a data-subject request: export or erase what every capability holds about one device, connected or not. Both are recorded in the audit log.'),
    h('label', { for: 'personal-data-device' }, 'Device id'),
    input,
    h('div', { class: 'form-actions' }, exportButton, eraseButton),
    error,
    outcome);
}
