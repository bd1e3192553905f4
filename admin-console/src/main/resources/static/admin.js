// Entry point of the admin console. The session decides the screen (sign-in, the forced password
// change, or the console); inside the console the hash route decides the page. State flows one
// way: the API announces session changes, this module renders the screen they call for.

import { getJson } from '/lib/server/api.js';
import { loadBranding } from '/lib/server/branding.js';
import { applyBranding } from '/lib/ui/branding.js';
import { HashRouter } from './router.js';
import { AdminApi, SessionReason } from './server/admin-api.js';
import { mountAudit } from './ui/audit.js';
import { mountCapabilities } from './ui/capabilities.js';
import { mountDashboard } from './ui/dashboard.js';
import { mountDevices } from './ui/devices.js';
import { loadFailed } from './ui/dom.js';
import { Feedback } from './ui/feedback.js';
import { mountMode } from './ui/mode.js';
import { mountPasswordChange } from './ui/password.js';
import { mountPolicies } from './ui/policies.js';
import { mountSettings } from './ui/settings.js';
import { Shell } from './ui/shell.js';
import { mountSignIn } from './ui/sign-in.js';

const PRODUCT = 'LANVan Admin';
document.querySelector('[data-startup-note]')?.remove();

/** Pages by route name: mount(container, ctx) → {update?(route), unmount?()}. */
const PAGES = {
  dashboard: { title: 'Dashboard', mount: (el, ctx) => mountDashboard(el, { getJson, onSystem: showVersion, ...ctx }) },
  capabilities: { title: 'Capabilities', mount: mountCapabilities },
  mode: { title: 'Deployment mode', mount: mountMode },
  policies: { title: 'Policies', mount: mountPolicies },
  devices: { title: 'Devices', mount: mountDevices },
  audit: { title: 'Audit log', mount: mountAudit },
  settings: { title: 'Settings', mount: mountSettings },
  password: { title: 'Change password', mount: (el, ctx) => mountPasswordChange(el, { ...ctx, forced: false }) },
};

const NOTICES = {
  [SessionReason.SIGNED_OUT]: { tone: 'info', text: 'You are signed out.' },
  [SessionReason.EXPIRED]: { tone: 'warning', text: 'Your session has ended. Sign in again to carry on where you were.' },
};

const api = new AdminApi();
const feedback = new Feedback(document);
const shell = new Shell(document, { onSignOut: signOut });
const router = new HashRouter({ window, routes: Object.keys(PAGES), fallback: 'dashboard', onRoute: showPage });
let screen = 'loading';
let page = null; // {name, view}
let brandName = null;
let focusHeading = false;

api.addEventListener('session', (event) => showScreenFor(event.detail));

function showScreenFor({ session, reason }) {
  if (!session) {
    leaveApp();
    screen = 'sign-in';
    shell.showScreen('sign-in');
    setTitle('Sign in');
    mountSignIn(shell.view, { api, notice: NOTICES[reason] ?? null });
  } else if (session.mustChangePassword) {
    leaveApp();
    screen = 'password';
    shell.showScreen('password', session.username);
    setTitle('Choose a password');
    mountPasswordChange(shell.view, { api, feedback, forced: true });
    shell.view.querySelector('input[name="currentPassword"]')?.focus();
  } else if (screen !== 'app') {
    screen = 'app';
    // Coming from the sign-in or password form, whose focused field is gone: the page heading
    // takes the focus. On a plain page load it stays at the top of the document.
    focusHeading = reason !== SessionReason.LOADED;
    shell.showScreen('app', session.username);
    router.start();
    getJson('/api/admin/system').then(showVersion).catch(() => {});
    if (reason === SessionReason.PASSWORD_CHANGED) feedback.say('Password changed. Welcome to the console.');
  }
}

function showPage(route) {
  if (screen !== 'app') return;
  const spec = PAGES[route.name];
  const ctx = { api, feedback, route, navigate: (href) => router.navigate(href) };
  if (page?.name === route.name && page.view?.update) {
    page.view.update(route);
    return;
  }
  page?.view?.unmount?.();
  shell.setCurrent(route.name);
  setTitle(spec.title);
  const focus = page !== null || focusHeading;
  page = { name: route.name, view: spec.mount(shell.view, ctx) ?? {} };
  // After navigating, the new page's heading takes the focus so screen readers announce it.
  if (focus) shell.view.querySelector('[data-view-title]')?.focus();
}

function leaveApp() {
  page?.view?.unmount?.();
  page = null;
  router.stop();
}

async function signOut() {
  try {
    await api.signOut();
  } catch (error) {
    feedback.say(`Could not sign out: ${error.message}`, 'danger');
  }
}

function setTitle(title) {
  document.title = `${title} · ${brandName ? `${PRODUCT} · ${brandName}` : PRODUCT}`;
}

function showVersion(system) {
  for (const el of document.querySelectorAll('[data-footer-version]')) el.textContent = String(system.version ?? '');
}

api.loadSession().catch((error) => {
  shell.showScreen('loading');
  shell.view.replaceChildren(loadFailed(error, () => window.location.reload()));
});

// Branding is optional: without the plugin, or if it fails, the console keeps its own look.
loadBranding((path) => getJson(path))
  .then((branding) => {
    applyBranding(document, branding, { product: PRODUCT });
    brandName = branding?.companyName ?? null;
  })
  .catch(() => {});
