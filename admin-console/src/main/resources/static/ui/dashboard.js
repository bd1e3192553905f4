// Dashboard: the server's status (readiness, version, uptime, heap, bundle health) and the device
// and transfer counts, refreshed every 5 s while the page is visible. Built from the
// <template data-dashboard-template> in index.html.

import { Poller } from '../status/poller.js';
import { BundleTable } from './bundle-table.js';
import { renderReadiness, renderSystem } from './summary.js';
import { renderTransfers } from './transfers.js';

export const REFRESH_MS = 5000;
const clockTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * @param {HTMLElement} container
 * @param {{getJson: Function, api: import('../server/admin-api.js').AdminApi, onSystem?: (system: object) => void}} ctx
 *   getJson for the public status endpoints, api for the admin ones; onSystem: for the footer's version
 * @returns {{unmount(): void}}
 */
export function mountDashboard(container, { getJson, api, onSystem = () => {} }) {
  const template = document.querySelector('[data-dashboard-template]');
  container.replaceChildren(template.content.cloneNode(true));
  const $ = (name) => container.querySelector(`[data-${name}]`);

  const table = new BundleTable(container);
  const updated = $('updated');
  const errorRegion = $('refresh-error');
  const dashboard = $('dashboard');
  let lastSuccess = null;

  async function refresh() {
    const [system, readiness, stats] = await Promise.allSettled([
      getJson('/api/admin/system'),
      // 503 is the readiness check's normal "not ready" answer, with the problems in the body.
      getJson('/health/ready', { acceptStatuses: [503] }),
      api.stats(),
    ]);
    // The view element outlives the page: check the page's own element, which a sign-out (the
    // stats call noticing an expired session, say) or a navigation has removed meanwhile.
    if (!dashboard.isConnected) return;
    renderReadiness(container, readiness.status === 'fulfilled' ? readiness.value : null);
    renderTransfers(container, stats);

    if (system.status === 'fulfilled') {
      // Readiness comes from /health/ready, the one place that decides it.
      const ready = readiness.status === 'fulfilled' && readiness.value?.status === 'UP';
      renderSystem(container, { ...system.value, capabilitiesReady: ready });
      table.setBundles(system.value.bundles);
      onSystem(system.value);
      lastSuccess = new Date();
      dashboard.classList.remove('is-stale');
      updated.textContent = `Updated ${clockTime.format(lastSuccess)} · refreshes every ${REFRESH_MS / 1000} s`;
      showRefreshError(null);
    } else {
      dashboard.classList.add('is-stale');
      updated.textContent = lastSuccess ? `Last updated ${clockTime.format(lastSuccess)}` : 'No data from the server yet';
      showRefreshError(system.reason);
    }
  }

  // Re-rendered only when the message changes: a live region that repeats every 5 s is noise.
  function showRefreshError(error) {
    const heading = lastSuccess ? "Couldn't refresh." : `${error?.title || 'No answer from the server'}.`;
    const message = error ? `${heading} ${error.message}` : '';
    if (errorRegion.dataset.message === message) return;
    errorRegion.dataset.message = message;
    if (!message) {
      errorRegion.replaceChildren();
      return;
    }
    const box = document.createElement('p');
    box.className = 'callout callout-danger';
    const strong = document.createElement('strong');
    strong.textContent = `${heading} `;
    box.append(strong, error.message, lastSuccess ? ' The figures below are from the last successful refresh; retrying every 5 s.' : ' Retrying every 5 s.');
    errorRegion.replaceChildren(box);
  }

  const poller = new Poller({ task: refresh, intervalMs: REFRESH_MS });
  const onVisibility = () => poller.setPaused(document.hidden);
  document.addEventListener('visibilitychange', onVisibility);
  $('refresh').addEventListener('click', () => poller.refreshNow());
  poller.setPaused(document.hidden);
  poller.start();

  return {
    unmount() {
      poller.stop();
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
