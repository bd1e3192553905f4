// Capabilities: every bundle grouped by kind. Capabilities and plugins have a Running switch
// (stopping asks first); the platform and the system libraries are shown, read-only.

import { groupBundles } from '../status/bundles.js';
import { busy, h, loadFailed, loading, pageHeading } from './dom.js';

const CONSOLE_BUNDLE = 'io.lanvan.adminconsole';

/** @param {HTMLElement} container @param {{api, feedback}} ctx */
export function mountCapabilities(container, { api, feedback }) {
  const list = h('div', { class: 'bundle-groups' }, loading());
  const refresh = h('button', { type: 'button', class: 'button button-quiet' }, 'Refresh');
  container.replaceChildren(
    pageHeading('Capabilities', {
      intro: 'What this server runs. Stopping a capability takes its feature away for everyone until it is started again; the server remembers it across restarts.',
      actions: [refresh],
    }),
    list);

  async function load() {
    const done = busy(refresh, 'Refreshing…');
    try {
      const bundles = await api.bundles();
      list.replaceChildren(...groupBundles(bundles).map(renderGroup));
    } catch (error) {
      list.replaceChildren(loadFailed(error, load));
    } finally {
      done();
    }
  }

  function renderGroup(group) {
    const headingId = `group-${group.kind}`;
    const rows = h('ul', { class: 'bundle-list' }, group.bundles.map((row) => renderRow(row)));
    const body = [h('p', { class: 'muted group-description' }, group.description), rows];
    // The libraries are many and rarely interesting: folded away, one click to open.
    if (group.kind === 'system') {
      return h('section', { class: 'card', 'aria-label': group.title },
        h('details', {},
          h('summary', {}, h('h2', { class: 'inline-heading' }, `${group.title} `), h('span', { class: 'muted' }, `(${group.bundles.length})`)),
          body));
    }
    return h('section', { class: 'card', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, group.title, h('span', { class: 'muted count' }, ` (${group.bundles.length})`)),
      body);
  }

  function renderRow(row) {
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const li = h('li', { class: 'bundle-row' },
      h('div', { class: 'bundle-name' },
        h('span', { class: 'bundle-title' }, row.title),
        h('span', { class: 'muted bundle-meta' }, `${row.symbolicName} · ${row.version}`)),
      h('span', { class: 'pill', 'data-tone': row.state.tone }, row.state.label),
      row.controllable ? runningSwitch(row, error) : h('span', { class: 'muted read-only' },
        row.kind === 'platform' || row.kind === 'system' ? 'Part of the server' : 'Cannot be stopped here'),
      error);
    return li;
  }

  function runningSwitch(row, error) {
    const button = h('button', {
      type: 'button', class: 'switch', role: 'switch', 'aria-checked': String(row.running),
      'aria-label': `${row.title} running`,
    }, h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })),
    h('span', { class: 'switch-text', 'aria-hidden': 'true' }, row.running ? 'Running' : 'Stopped'));
    button.addEventListener('click', () => toggle(row, button, error));
    return button;
  }

  async function toggle(row, button, error) {
    const stopping = row.running;
    if (stopping) {
      const confirmed = await feedback.confirm({
        title: `Stop ${row.title}?`,
        message: 'Its feature stops for every device and admin until it is started again here. The server keeps it stopped across restarts.',
        warning: row.symbolicName === CONSOLE_BUNDLE ? 'This is the admin console you are using: it stops answering, and only a restart with the bundle started brings it back.' : '',
        confirmLabel: 'Stop',
      });
      if (!confirmed) return;
    }
    error.hidden = true;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.querySelector('.switch-text').textContent = stopping ? 'Stopping…' : 'Starting…';
    try {
      const updated = stopping ? await api.stopBundle(row.symbolicName) : await api.startBundle(row.symbolicName);
      const [next] = groupBundles([updated]).flatMap((group) => group.bundles);
      const li = button.closest('li');
      const replacement = renderRow(next);
      li.replaceWith(replacement);
      replacement.querySelector('[role="switch"]')?.focus();
      if (next.running === !stopping) feedback.say(`${next.title} ${stopping ? 'stopped' : 'started'}.`);
      else feedback.say(`${next.title} did not ${stopping ? 'stop' : 'start'}; it is ${next.state.label.toLowerCase()}.`, 'danger');
    } catch (problem) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.querySelector('.switch-text').textContent = row.running ? 'Running' : 'Stopped';
      error.textContent = problem.message;
      error.hidden = false;
    }
  }

  refresh.addEventListener('click', load);
  load();
  return {};
}
