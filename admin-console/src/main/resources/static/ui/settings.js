// Settings: every component that describes its configuration with Metatype (#/settings), and the
// form for one of them (#/settings/<pid>).

import { routeHref } from '../router.js';
import { h, loadFailed, loading, pageHeading } from './dom.js';
import { settingsForm } from './settings-form.js';

// Components whose settings also have a page of their own, with friendlier controls.
const OWN_PAGES = {
  'io.lanvan.policy': { href: '#/policies', text: 'These are also on the Policies and Deployment mode pages, with friendlier controls.' },
};

/** @param {HTMLElement} container @param {{api, feedback, route}} ctx */
export function mountSettings(container, ctx) {
  const show = (route) => (route.param ? showOne(container, ctx, route.param) : showList(container, ctx));
  show(ctx.route);
  return {
    // Between the list and a form the page is rebuilt: its heading takes the focus again.
    update: (route) => {
      show(route);
      container.querySelector('[data-view-title]')?.focus();
    },
  };
}

async function showList(container, { api }) {
  const body = h('div', {}, loading());
  container.replaceChildren(
    pageHeading('Settings', { intro: 'Each capability and plugin that has settings. Changes apply at once; no restart needed.' }),
    body);
  try {
    const components = await api.settingsList();
    if (components.length === 0) {
      body.replaceChildren(h('p', { class: 'empty-state card' }, 'No running component describes any settings.'));
      return;
    }
    body.replaceChildren(h('ul', { class: 'component-list' }, components.map((component) => h('li', {},
      h('a', { class: 'component-card card', href: routeHref('settings', { param: component.pid }) },
        h('span', { class: 'component-name' }, component.name || component.pid),
        component.description ? h('span', { class: 'component-description' }, component.description) : null,
        h('span', { class: 'muted component-meta' }, origin(component)))))));
  } catch (error) {
    body.replaceChildren(loadFailed(error, () => showList(container, { api })));
  }
}

async function showOne(container, ctx, pid) {
  const back = h('p', { class: 'back-link' }, h('a', { href: routeHref('settings') }, '← All settings'));
  const body = h('div', {}, loading());
  container.replaceChildren(back, pageHeading(pid), body);
  try {
    const settings = await ctx.api.settings(pid);
    const own = OWN_PAGES[pid];
    container.replaceChildren(...[back,
      pageHeading(settings.name || pid, { intro: settings.description || '' }),
      h('p', { class: 'muted component-meta' }, origin(settings)),
      own ? h('p', { class: 'callout callout-info' }, own.text, ' ', h('a', { href: own.href }, 'Open Policies')) : null,
      settingsForm(settings, ctx)].filter(Boolean));
    container.querySelector('[data-view-title]')?.focus();
  } catch (error) {
    body.replaceChildren(loadFailed(error, () => showOne(container, ctx, pid)));
  }
}

function origin({ pid, bundle }) {
  return bundle && bundle !== pid ? `${pid} · from bundle ${bundle}` : pid;
}
