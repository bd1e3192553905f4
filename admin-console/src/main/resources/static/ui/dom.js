// Small DOM builders the views share. Text always goes in as text nodes, never as HTML, so values
// from the server (names, audit details) cannot inject markup.

/**
 * h('button', {type: 'button', class: 'button', onclick: fn, 'aria-pressed': 'false'}, 'Save')
 * Keys with a dash (aria-*, data-*), `class`/`for` and keys that are no property of the element
 * (role) become attributes; `on…` functions become listeners; other keys are set as properties
 * (value, checked, hidden, tabIndex…).
 * Children may be strings, nodes, arrays, or null/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false && key.includes('-')) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'for') el.htmlFor = value;
    else if (key.includes('-') || !(key in el)) el.setAttribute(key, String(value));
    else el[key] = value;
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child);
  }
}

let idCounter = 0;

/** A document-unique id for label/aria wiring. */
export function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** The heading every view starts with; focused after navigation so screen readers hear the page. */
export function pageHeading(title, { intro = '', actions = [] } = {}) {
  return h('div', { class: 'page-heading' },
    h('div', {},
      h('h1', { tabIndex: -1, 'data-view-title': '' }, title),
      intro ? h('p', { class: 'muted' }, intro) : null),
    actions.length > 0 ? h('div', { class: 'heading-actions' }, actions) : null);
}

/** A callout box; tone is info, ok, warning or danger. */
export function callout(tone, title, ...body) {
  return h('div', { class: `callout callout-${tone}` },
    title ? h('p', { class: 'callout-title' }, title) : null,
    body.length > 0 ? h('p', {}, body) : null);
}

/** The first-load state of a view: shown while its data is fetched. */
export function loading(text = 'Loading…') {
  return h('p', { class: 'muted loading-note', role: 'status' }, text);
}

/** A failed load: the server's detail and a Try again button. */
export function loadFailed(error, retry) {
  return h('div', { class: 'callout callout-danger', role: 'alert' },
    h('p', { class: 'callout-title' }, 'Could not load this page'),
    h('p', {}, error?.message ?? String(error)),
    h('p', {}, h('button', { type: 'button', class: 'button button-quiet', onclick: retry }, 'Try again')));
}

/** Shows `button` as busy (label swapped, disabled) until the returned function is called. */
export function busy(button, label) {
  const previous = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  return () => {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = previous;
  };
}

/**
 * Replaces `region`'s content with build()'s (an element, or null for nothing) only when `key`
 * differs from the one it shows: a view refreshed every few seconds keeps its nodes, and with
 * them the focus and the reading position, until what they show changes.
 */
export function showOnce(region, key, build) {
  if (region.dataset.shown === key) return;
  region.dataset.shown = key;
  const content = build();
  region.replaceChildren(...(content ? [content] : []));
}
