// Hash routes: "#/audit?action=admin.", "#/settings/io.lanvan.relay". The hash keeps the page a
// single static file the server can serve from anywhere, and lets reload, back and bookmarks work.
// Knows nothing of the DOM; the window is injected so node --test can drive it.

/**
 * Splits a location hash into its route name, an optional parameter and the query.
 * @returns {{name: string, param: ?string, query: Object<string, string>}}
 */
export function parseHash(hash) {
  const text = String(hash ?? '').replace(/^#/, '');
  const [pathPart, queryPart = ''] = splitOnce(text, '?');
  const segments = pathPart.split('/').filter(Boolean).map(decodeSegment);
  const query = {};
  for (const [key, value] of new URLSearchParams(queryPart)) query[key] = value;
  return { name: segments[0] ?? '', param: segments.length > 1 ? segments.slice(1).join('/') : null, query };
}

/** The hash for a route; empty query values are left out, so "#/audit?actor=" never appears. */
export function routeHref(name, { param = null, query = {} } = {}) {
  const path = param === null || param === '' ? `#/${name}` : `#/${name}/${encodeURIComponent(param)}`;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && String(value) !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls `onRoute({name, param, query})` for the current hash and each change. Unknown or empty
 * routes are replaced by the fallback (replace, not push, so Back does not bounce on them).
 */
export class HashRouter {
  #window;
  #names;
  #fallback;
  #onRoute;
  #lastHash = null;
  #listener = () => this.#dispatch();

  /**
   * @param {{window: {location: {hash: string, replace(url: string): void}, addEventListener: Function, removeEventListener: Function},
   *          routes: string[], fallback: string, onRoute: (route: {name: string, param: ?string, query: object}) => void}} options
   */
  constructor({ window, routes, fallback, onRoute }) {
    this.#window = window;
    this.#names = new Set(routes);
    this.#fallback = fallback;
    this.#onRoute = onRoute;
  }

  /** The route the current hash names, with the fallback for unknown ones. */
  get current() {
    const route = parseHash(this.#window.location.hash);
    return this.#names.has(route.name) ? route : { name: this.#fallback, param: null, query: {} };
  }

  start() {
    this.#window.addEventListener('hashchange', this.#listener);
    this.#dispatch();
  }

  stop() {
    this.#window.removeEventListener('hashchange', this.#listener);
    this.#lastHash = null;
  }

  /** Dispatches the current route again (after signing in, the page is built anew). */
  refresh() {
    this.#dispatch({ force: true });
  }

  /** Goes to `href` (a hash); when it is already current, the route is dispatched again. */
  navigate(href) {
    if (this.#window.location.hash === href) this.#dispatch({ force: true });
    else this.#window.location.hash = href;
  }

  // Browsers differ on whether location.replace() of the hash fires hashchange, so a hash already
  // dispatched is not dispatched twice.
  #dispatch({ force = false } = {}) {
    if (!this.#names.has(parseHash(this.#window.location.hash).name)) {
      this.#window.location.replace(routeHref(this.#fallback));
    }
    const hash = this.#window.location.hash;
    if (!force && hash === this.#lastHash) return;
    this.#lastHash = hash;
    this.#onRoute(this.current);
  }
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at === -1 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
