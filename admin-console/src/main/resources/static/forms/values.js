// Between what admins type and what the API takes: sizes with a unit ↔ bytes, one address per
// line ↔ arrays, "exe, .bat" ↔ extensions, whole numbers. Knows nothing of the DOM.
// Parsers return {value} or {error}; an error is a sentence to show next to the field.

/**
 * Decimal units, as the LANVan client shows sizes to its users ("2 GB" there is 2 000 000 000
 * bytes here), so a limit reads the same on both sides.
 */
export const SIZE_UNITS = Object.freeze([
  { id: 'B', label: 'bytes', factor: 1 },
  { id: 'KB', label: 'KB', factor: 1e3 },
  { id: 'MB', label: 'MB', factor: 1e6 },
  { id: 'GB', label: 'GB', factor: 1e9 },
  { id: 'TB', label: 'TB', factor: 1e12 },
]);

/** Bytes in the largest unit that shows them exactly with at most two decimals: 1.5e9 → 1.5 GB. */
export function splitBytes(bytes) {
  const value = Number(bytes);
  if (!Number.isFinite(value) || value <= 0) return { amount: '0', unit: 'MB' };
  for (const unit of [...SIZE_UNITS].reverse()) {
    const amount = value / unit.factor;
    if (amount >= 1 && Math.abs(Math.round(amount * 100) * unit.factor / 100 - value) < 0.5) {
      return { amount: String(Math.round(amount * 100) / 100), unit: unit.id };
    }
  }
  return { amount: String(value), unit: 'B' };
}

/** "1.5" + "GB" → {value: 1500000000}. Empty, negative or absurd amounts are errors. */
export function joinBytes(amount, unitId) {
  const unit = SIZE_UNITS.find((u) => u.id === unitId);
  if (!unit) return { error: `Unknown unit "${unitId}".` };
  const text = String(amount ?? '').trim().replace(',', '.');
  if (text === '') return { error: 'Enter a size, or 0 for no limit.' };
  if (!/^\d+(\.\d+)?$/.test(text)) return { error: 'Enter a number such as 250 or 1.5 (0 = no limit).' };
  const bytes = Math.round(Number(text) * unit.factor);
  if (!Number.isSafeInteger(bytes)) return { error: 'That is more than the server can count; choose a smaller size.' };
  return { value: bytes };
}

/** Thousands separators for the "= … bytes" hint under a size. */
export function describeBytes(bytes, locale = undefined) {
  if (bytes === 0) return 'No limit';
  return `${new Intl.NumberFormat(locale).format(bytes)} bytes`;
}

/** One entry per line (commas also split, as .cfg files write lists); blanks and repeats dropped. */
export function linesToList(text) {
  const seen = new Set();
  for (const entry of String(text ?? '').split(/[\n,]/)) {
    const trimmed = entry.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

export function listToLines(list) {
  return Array.isArray(list) ? list.map(String).join('\n') : '';
}

/** "exe, .BAT  ps1" → ['exe', 'bat', 'ps1']: the dot is optional and case does not matter. */
export function parseExtensions(text) {
  const seen = new Set();
  for (const entry of String(text ?? '').split(/[\s,;]+/)) {
    const extension = entry.trim().replace(/^\*?\./, '').toLowerCase();
    if (extension) seen.add(extension);
  }
  return [...seen];
}

export function formatExtensions(list) {
  return Array.isArray(list) ? list.join(', ') : '';
}

/** A whole number within [min, max]; the error names the limits. */
export function parseWholeNumber(text, { min = -Infinity, max = Infinity } = {}) {
  const trimmed = String(text ?? '').trim();
  if (!/^-?\d+$/.test(trimmed)) return { error: 'Enter a whole number.' };
  const value = Number(trimmed);
  if (value < min || value > max || !Number.isSafeInteger(value)) {
    return { error: Number.isFinite(max) ? `Enter a number from ${min} to ${max}.` : `Enter ${min} or more.` };
  }
  return { value };
}
