// The policies form (GET/PUT /api/admin/policies) as data: its fields, and the mapping between
// the API's values and what the form's controls hold. Knows nothing of the DOM.
//
// Form values by field kind:  bytes → {amount: string, unit: string};  extensions, addresses,
// number → string;  boolean → boolean.

import {
  formatExtensions, joinBytes, linesToList, listToLines, parseExtensions, parseWholeNumber, splitBytes,
} from './values.js';

/** Sections and fields in the order the form shows them; limits mirror the server's rules. */
export const POLICY_SECTIONS = Object.freeze([
  {
    title: 'Files',
    fields: [
      { id: 'maxFileBytes', kind: 'bytes', label: 'Largest file', hint: 'Files above this size are refused. 0 means no limit.' },
      { id: 'maxTransferBytes', kind: 'bytes', label: 'Largest transfer', hint: 'All files of one transfer together. 0 means no limit.' },
      { id: 'blockedExtensions', kind: 'extensions', label: 'Blocked file extensions', hint: 'Separated by commas, e.g. exe, bat, ps1. Leave empty to allow every type.' },
    ],
  },
  {
    title: 'Devices',
    fields: [
      { id: 'clientAllow', kind: 'addresses', label: 'Allowed device addresses', hint: 'One address or CIDR range per line (e.g. 192.168.1.0/24). Empty allows every address.' },
      { id: 'clientDeny', kind: 'addresses', label: 'Denied device addresses', hint: 'One per line. Deny wins over allow.' },
      { id: 'anonymousDevices', kind: 'boolean', label: 'Devices may join without an admin’s approval' },
    ],
  },
  {
    title: 'Admin console',
    note: 'Keep the address you are using now allowed, or this console will refuse you after saving.',
    fields: [
      { id: 'adminAllow', kind: 'addresses', label: 'Allowed admin addresses', hint: 'One address or CIDR range per line. Empty allows every address.' },
      { id: 'adminDeny', kind: 'addresses', label: 'Denied admin addresses', hint: 'One per line. Deny wins over allow.' },
    ],
  },
  {
    title: 'Rate limits',
    fields: [
      { id: 'connectionsPerMinute', kind: 'number', min: 1, max: 100_000, label: 'Connections per minute', unit: 'per address', hint: 'New WebSocket connections one address may open each minute.' },
      { id: 'framesPerSecond', kind: 'number', min: 1, max: 100_000, label: 'Messages per second', unit: 'per connection', hint: 'WebSocket frames one connection may send each second.' },
    ],
  },
  {
    title: 'Audit log',
    fields: [
      { id: 'auditRetentionDays', kind: 'number', min: 1, max: 36_500, label: 'Keep audit records for', unit: 'days' },
      { id: 'recordFileNames', kind: 'boolean', label: 'Record file names in the audit log', hint: 'Off: only sizes and counts are recorded, which keeps file names private.' },
    ],
  },
]);

export const POLICY_FIELDS = Object.freeze(POLICY_SECTIONS.flatMap((section) => section.fields));

/** id → label, for matching the server's problem details to fields. */
export const POLICY_LABELS = Object.freeze(Object.fromEntries(POLICY_FIELDS.map((f) => [f.id, f.label])));

/** API policies → form values. */
export function policiesToForm(policies) {
  const form = {};
  for (const field of POLICY_FIELDS) {
    const value = policies?.[field.id];
    switch (field.kind) {
      case 'bytes': form[field.id] = splitBytes(value); break;
      case 'extensions': form[field.id] = formatExtensions(value); break;
      case 'addresses': form[field.id] = listToLines(value); break;
      case 'number': form[field.id] = value === undefined || value === null ? '' : String(value); break;
      case 'boolean': form[field.id] = value === true; break;
      default: throw new Error(`Unknown policy field kind ${field.kind}`);
    }
  }
  return form;
}

/**
 * Form values → API values, checking what the browser can check.
 * @returns {{values: object, errors: Object<string, string>}} errors by field id
 */
export function formToPolicies(form) {
  const values = {};
  const errors = {};
  for (const field of POLICY_FIELDS) {
    const raw = form[field.id];
    let parsed;
    switch (field.kind) {
      case 'bytes': parsed = joinBytes(raw?.amount, raw?.unit); break;
      case 'extensions': parsed = { value: parseExtensions(raw) }; break;
      case 'addresses': parsed = { value: linesToList(raw) }; break;
      case 'number': parsed = parseWholeNumber(raw, field); break;
      case 'boolean': parsed = { value: raw === true }; break;
      default: throw new Error(`Unknown policy field kind ${field.kind}`);
    }
    if ('error' in parsed) errors[field.id] = parsed.error;
    else values[field.id] = parsed.value;
  }
  return { values, errors };
}

/** The fields of `values` that differ from `saved`, so the audit log names only real changes. */
export function changedPolicies(saved, values) {
  const changes = {};
  for (const [id, value] of Object.entries(values)) {
    if (!sameValue(saved?.[id], value)) changes[id] = value;
  }
  return changes;
}

function sameValue(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    // Extensions come back sorted from the server; order carries no meaning for any list here.
    const left = [...a].map(String).sort();
    const right = [...b].map(String).sort();
    return left.every((item, i) => item === right[i]);
  }
  return a === b;
}
