// Company branding from the optional branding plugin (GET /api/branding; 404 when it is not
// deployed). Values are checked here so the UI can apply them without further thought.
// Knows nothing of the DOM.

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const MAX_NAME_CHARS = 60;

/** Resolves to normalized branding, or null when no branding plugin is deployed. */
export async function loadBranding(getJson) {
  try {
    return normalizeBranding(await getJson('/api/branding'));
  } catch (error) {
    if (error?.status === 404) return null;
    throw error;
  }
}

/**
 * Keeps only values that are safe to show: a short company name, a #rgb/#rrggbb accent colour
 * (expanded to #rrggbb, with a readable ink colour for text on it) and a same-origin logo path.
 * Missing or unusable values become null. Returns null when nothing usable is left.
 */
export function normalizeBranding(raw) {
  if (raw === null || typeof raw !== 'object') return null;
  const companyName = typeof raw.companyName === 'string' ? raw.companyName.trim().slice(0, MAX_NAME_CHARS) || null : null;
  const accentColor = typeof raw.accentColor === 'string' && HEX_COLOUR.test(raw.accentColor.trim())
    ? expandHex(raw.accentColor.trim())
    : null;
  // Only paths on this origin: the CSP would block others anyway, and a broken image looks worse.
  const logoUrl = typeof raw.logoUrl === 'string' && /^\/(?!\/)/.test(raw.logoUrl) ? raw.logoUrl : null;
  if (!companyName && !accentColor && !logoUrl) return null;
  return { companyName, accentColor, accentInk: accentColor ? contrastingInk(accentColor) : null, logoUrl };
}

/**
 * Ink for text on `hex`: white when it reaches the WCAG AA ratio of 4.5:1 (it usually looks
 * right on brand colours), otherwise whichever of white and near-black contrasts more.
 */
export function contrastingInk(hex) {
  const dark = '#111318';
  const light = '#ffffff';
  const background = relativeLuminance(hex);
  const onLight = 1.05 / (background + 0.05);
  const onDark = (background + 0.05) / (relativeLuminance(dark) + 0.05);
  return onLight >= 4.5 || onLight >= onDark ? light : dark;
}

export function relativeLuminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(expandHex(hex).slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function expandHex(hex) {
  const value = hex.toLowerCase();
  return value.length === 4 ? `#${value[1]}${value[1]}${value[2]}${value[2]}${value[3]}${value[3]}` : value;
}
