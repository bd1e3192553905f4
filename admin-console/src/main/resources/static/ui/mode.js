// Deployment mode: which routes transfers may take. Saving applies at once; the server pushes the
// change to every connected device within a second.

import { busy, h, loadFailed, loading, pageHeading } from './dom.js';

export const MODES = Object.freeze([
  {
    value: 'hybrid',
    title: 'Hybrid',
    summary: 'Direct, with the relay as fallback',
    text: 'Devices send files straight to each other over WebRTC. Where no direct path exists (guest Wi-Fi, strict '
      + 'firewalls), the transfer goes through the server’s relay instead. The right choice for most networks.',
  },
  {
    value: 'p2p-first',
    title: 'Peer-to-peer only',
    summary: 'Direct only; the relay is refused',
    text: 'Files only ever travel directly between devices; file data never passes through the server. Devices that '
      + 'cannot reach each other cannot transfer.',
  },
  {
    value: 'server-only',
    title: 'Server only',
    summary: 'Everything through the server’s relay',
    text: 'Every transfer goes through the server’s relay, never directly. For firewalled networks where devices '
      + 'cannot reach each other, and for audited environments where all transfers must pass one known point.',
  },
]);

/** @param {HTMLElement} container @param {{api, feedback}} ctx */
export function mountMode(container, { api, feedback }) {
  const body = h('div', {}, loading());
  container.replaceChildren(
    pageHeading('Deployment mode', { intro: 'Which way files travel between devices.' }),
    body);

  async function load() {
    body.replaceChildren(loading());
    try {
      render((await api.mode()).mode);
    } catch (error) {
      body.replaceChildren(loadFailed(error, load));
    }
  }

  function render(saved) {
    let inForce = saved;
    const status = h('p', { class: 'save-status', role: 'status' });
    const failure = h('p', { class: 'callout callout-danger', role: 'alert', hidden: true });
    const cards = MODES.map((mode) => {
      const id = `mode-${mode.value}`;
      const radio = h('input', { type: 'radio', name: 'mode', value: mode.value, id, checked: mode.value === saved, 'aria-describedby': `${id}-text` });
      const badge = h('span', { class: 'pill', 'data-tone': 'ok', hidden: mode.value !== saved }, 'In force');
      return {
        mode, badge,
        root: h('div', { class: 'radio-card' },
          radio,
          h('label', { for: id },
            h('span', { class: 'radio-card-title' }, mode.title, ' ', badge),
            h('span', { class: 'radio-card-summary' }, mode.summary),
            h('span', { class: 'radio-card-text', id: `${id}-text` }, mode.text))),
      };
    });
    const save = h('button', { type: 'submit', class: 'button' }, 'Save mode');
    const form = h('form', { class: 'card mode-form' },
      h('fieldset', {},
        h('legend', {}, 'Transfers may go'),
        h('div', { class: 'radio-cards' }, cards.map((card) => card.root))),
      h('div', { class: 'form-actions' }, save, status));

    form.addEventListener('change', () => {
      const chosen = form.elements.mode.value;
      status.textContent = chosen === inForce ? '' : 'Not saved yet.';
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = form.elements.mode.value;
      if (chosen === inForce) {
        status.textContent = 'This mode is already in force.';
        return;
      }
      failure.hidden = true;
      const done = busy(save, 'Saving…');
      try {
        const result = await api.setMode(chosen);
        inForce = result?.mode ?? chosen;
        for (const card of cards) card.badge.hidden = card.mode.value !== inForce;
        const title = MODES.find((m) => m.value === inForce)?.title ?? inForce;
        status.textContent = `Saved: ${title}. Devices were told within a second.`;
        feedback.say(`Deployment mode is now ${title}.`);
      } catch (error) {
        status.textContent = '';
        failure.textContent = error.message;
        failure.hidden = false;
      } finally {
        done();
      }
    });
    body.replaceChildren(failure, form);
  }

  load();
  return {};
}
