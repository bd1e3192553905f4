// Settings forms generated from Metatype (GET /api/admin/config/{pid}), so a new plugin's settings
// appear without changes here. Decides the control for each attribute and maps values both ways.
// Knows nothing of the DOM.
//
// Form values by control: checkbox → boolean; choices → string[]; everything else → string
// (a list is one entry per line).

import { linesToList } from './values.js';

/** What the server shows instead of a stored password; sending it back keeps the old one. */
export const PASSWORD_MASK = '********';

const INT_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const UNBOUNDED = 2 ** 31 - 1;

/** @returns {{kind: 'checkbox'|'select'|'choices'|'list'|'password'|'number'|'text', step?: string}} */
export function controlFor(attribute) {
  const list = attribute.cardinality !== 0 && attribute.cardinality !== undefined;
  const options = Array.isArray(attribute.options) && attribute.options.length > 0;
  if (attribute.type === 'boolean' && !list) return { kind: 'checkbox' };
  if (options) return { kind: list ? 'choices' : 'select' };
  if (list) return { kind: 'list' };
  if (attribute.type === 'password') return { kind: 'password' };
  if (attribute.type === 'integer' || attribute.type === 'long') return { kind: 'number', step: '1' };
  if (attribute.type === 'double' || attribute.type === 'float') return { kind: 'number', step: 'any' };
  return { kind: 'text' };
}

/** The attribute's current value (or its default when none is stored) as its control holds it. */
export function initialFormValue(attribute) {
  const { kind } = controlFor(attribute);
  const current = storedOrDefault(attribute);
  switch (kind) {
    case 'checkbox': return String(current[0] ?? 'false') === 'true';
    case 'choices': return current.map(String);
    case 'list': return current.map(String).join('\n');
    // An empty password box means "keep what is stored"; the mask is never shown as text.
    case 'password': return '';
    default: return current.length > 0 ? String(current[0]) : '';
  }
}

/** Text for "Default: …" under a field, or '' when there is no default worth showing. */
export function describeDefault(attribute) {
  const defaults = Array.isArray(attribute.defaultValue) ? attribute.defaultValue : [];
  if (defaults.length === 0 || attribute.type === 'password') return '';
  const labels = defaults.map((value) => attribute.options?.find((o) => o.value === value)?.label ?? value);
  return `Default: ${labels.join(', ')}`;
}

/**
 * The settings to send: only attributes whose value changed, converted to the attribute's type.
 * @param {object} settings GET /api/admin/config/{pid}
 * @param {Object<string, string|boolean|string[]>} form form values by attribute id
 * @returns {{values: object, errors: Object<string, string>}}
 */
export function changedSettings(settings, form) {
  const values = {};
  const errors = {};
  for (const attribute of settings.attributes ?? []) {
    if (!(attribute.id in form)) continue;
    const parsed = readFormValue(attribute, form[attribute.id]);
    if ('error' in parsed) {
      errors[attribute.id] = parsed.error;
      continue;
    }
    if (parsed.keep) continue;
    const before = readFormValue(attribute, initialFormValue(attribute));
    if (JSON.stringify(before.value) !== JSON.stringify(parsed.value)) values[attribute.id] = parsed.value;
  }
  return { values, errors };
}

/** @returns {{value: any} | {error: string} | {keep: true}} */
export function readFormValue(attribute, raw) {
  const { kind } = controlFor(attribute);
  if (kind === 'checkbox') return { value: raw === true };
  if (kind === 'password') {
    if (raw === '' || raw === PASSWORD_MASK) {
      return attribute.required && attribute.value == null ? { error: 'Required.' } : { keep: true };
    }
    return { value: raw };
  }
  if (kind === 'choices' || kind === 'list') {
    const entries = kind === 'choices' ? [...raw] : linesToList(raw);
    const limit = Math.abs(attribute.cardinality);
    if (limit < UNBOUNDED && entries.length > limit) return { error: `At most ${limit} entries.` };
    if (attribute.required && entries.length === 0) return { error: 'Enter at least one entry.' };
    const converted = [];
    for (const entry of entries) {
      const one = convert(attribute.type, entry);
      if ('error' in one) return { error: `“${entry}”: ${one.error}` };
      converted.push(one.value);
    }
    return { value: converted };
  }
  const text = String(raw ?? '').trim();
  if (text === '' && attribute.required) return { error: 'Required.' };
  // A typed setting cannot be stored empty: the server would refuse "null" as a number.
  if (text === '' && kind === 'number') return { error: 'Enter a number.' };
  return convert(attribute.type, text);
}

function convert(type, text) {
  switch (type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(text)) return { error: 'Enter a whole number.' };
      const value = Number(text);
      const range = type === 'integer' ? INT_RANGE : { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
      if (value < range.min || value > range.max) return { error: `Enter a number from ${range.min} to ${range.max}.` };
      return { value };
    }
    case 'double':
    case 'float': {
      const value = Number(text);
      return text !== '' && Number.isFinite(value) ? { value } : { error: 'Enter a number.' };
    }
    case 'boolean':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { error: 'Enter true or false.' };
    default:
      return { value: text };
  }
}

// A .cfg file may store a list as one comma-separated string, ConfigAdmin as an array.
function storedOrDefault(attribute) {
  const { value } = attribute;
  if (value === null || value === undefined) return Array.isArray(attribute.defaultValue) ? attribute.defaultValue : [];
  if (Array.isArray(value)) return value;
  if (attribute.cardinality !== 0 && typeof value === 'string' && attribute.type !== 'password') return linesToList(value);
  return [value];
}
