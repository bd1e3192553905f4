// Applies normalized company branding (see ../server/branding.js) to the page. Elements marked
// data-brand-name, data-brand-tagline and data-brand-logo are filled; without branding the page
// keeps its LANVan look.

/**
 * @param {Document} doc
 * @param {{companyName: ?string, accentColor: ?string, accentInk: ?string, logoUrl: ?string}} branding
 * @param {{product: string}} page product name as the page shows it, e.g. "LANVan"
 */
export function applyBranding(doc, branding, { product }) {
  if (!branding) return;
  const { companyName, accentColor, accentInk, logoUrl } = branding;

  if (companyName) {
    for (const el of doc.querySelectorAll('[data-brand-name]')) el.textContent = companyName;
    for (const el of doc.querySelectorAll('[data-brand-tagline]')) el.textContent = product;
    doc.title = `${product} · ${companyName}`;
  }

  if (accentColor) {
    // CSSOM, not a style attribute: allowed under style-src 'self'.
    doc.documentElement.style.setProperty('--accent', accentColor);
    doc.documentElement.style.setProperty('--on-accent', accentInk);
    doc.querySelector('meta[name="theme-color"]')?.setAttribute('content', accentColor);
  }

  if (logoUrl) {
    for (const img of doc.querySelectorAll('img[data-brand-logo]')) {
      const fallback = img.getAttribute('src');
      img.addEventListener('error', () => img.setAttribute('src', fallback), { once: true });
      img.setAttribute('src', logoUrl);
      img.classList.add('is-company-logo');
    }
  }
}
