// Entry point of the admin console: polls the server's status every 5 s while the page is
// visible and renders it. Read-only until the control plane (sign-in, capability controls) lands.

import { getJson } from '/lib/server/api.js';
import { loadBranding } from '/lib/server/branding.js';
import { Poller } from './status/poller.js';
import { applyBranding } from '/lib/ui/branding.js';
import { BundleTable } from './ui/bundle-table.js';
import { renderReadiness, renderSystem } from './ui/summary.js';

const PRODUCT = 'LANVan Admin';
const REFRESH_MS = 5000;
document.querySelector('[data-startup-note]').remove();
const clockTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

const table = new BundleTable(document);
const updated = document.querySelector('[data-updated]');
const errorRegion = document.querySelector('[data-refresh-error]');
const dashboard = document.querySelector('[data-dashboard]');
let lastSuccess = null;

async function refresh() {
  const [system, readiness] = await Promise.allSettled([
    getJson('/api/system'),
    // 503 is the readiness check's normal "not ready" answer, with the problems in the body.
    getJson('/health/ready', { acceptStatuses: [503] }),
  ]);
  renderReadiness(document, readiness.status === 'fulfilled' ? readiness.value : null);

  if (system.status === 'fulfilled') {
    renderSystem(document, system.value);
    table.setBundles(system.value.bundles);
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
document.addEventListener('visibilitychange', () => poller.setPaused(document.hidden));
document.querySelector('[data-refresh]').addEventListener('click', () => poller.refreshNow());
poller.setPaused(document.hidden);
poller.start();

// Branding is optional: without the plugin, or if it fails, the console keeps its own look.
loadBranding((path) => getJson(path))
  .then((branding) => applyBranding(document, branding, { product: PRODUCT }))
  .catch(() => {});
