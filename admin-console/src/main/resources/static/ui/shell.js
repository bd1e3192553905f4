// The page around the views: which screen shows (sign-in, forced password change, the console),
// the navigation with the current page marked, the phone menu, and the signed-in admin's name.

const PHONE = '(max-width: 59.99rem)';

export class Shell {
  #doc;
  #nav;
  #menuButton;
  #account;
  #view;
  #phone;

  /** @param {Document} doc @param {{onSignOut: () => void}} handlers */
  constructor(doc, { onSignOut }) {
    this.#doc = doc;
    this.#nav = doc.querySelector('[data-nav]');
    this.#menuButton = doc.querySelector('[data-menu-button]');
    this.#account = doc.querySelector('[data-account]');
    this.#view = doc.querySelector('[data-view]');
    this.#phone = doc.defaultView.matchMedia(PHONE);

    this.#menuButton.addEventListener('click', () => this.#setMenuOpen(this.#menuButton.getAttribute('aria-expanded') !== 'true'));
    this.#phone.addEventListener('change', () => this.#layoutNav());
    doc.querySelector('[data-sign-out]').addEventListener('click', onSignOut);
    // Escape closes the phone menu and gives the focus back to its button.
    this.#nav.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#phone.matches && this.#isMenuOpen()) {
        this.#setMenuOpen(false);
        this.#menuButton.focus();
      }
    });
    // The skip link's "#main" would be read as a route: move the focus by hand instead.
    doc.querySelector('[data-skip-link]').addEventListener('click', (event) => {
      event.preventDefault();
      this.#view.focus();
    });
  }

  /** The element views render into. */
  get view() {
    return this.#view;
  }

  /** @param {'loading'|'sign-in'|'password'|'app'} screen @param {?string} username */
  showScreen(screen, username = null) {
    this.#doc.body.dataset.screen = screen;
    const signedIn = screen === 'app' || screen === 'password';
    this.#account.hidden = !signedIn;
    this.#doc.querySelector('[data-account-name]').textContent = username ? `Signed in as ${username}` : '';
    this.#layoutNav();
  }

  /** Marks the current page in the navigation and closes the phone menu. */
  setCurrent(routeName) {
    for (const link of this.#nav.querySelectorAll('[data-route]')) {
      if (link.dataset.route === routeName) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    this.#setMenuOpen(false);
  }

  // On phones the navigation is a menu behind a button; on wider screens it is always shown.
  #layoutNav() {
    const app = this.#doc.body.dataset.screen === 'app';
    this.#menuButton.hidden = !app || !this.#phone.matches;
    this.#nav.hidden = !app || (this.#phone.matches && !this.#isMenuOpen());
  }

  #isMenuOpen() {
    return this.#menuButton.getAttribute('aria-expanded') === 'true';
  }

  #setMenuOpen(open) {
    this.#menuButton.setAttribute('aria-expanded', String(open));
    this.#layoutNav();
  }
}
