// The file list of an offer (docs/protocol.md, "Transfers"): relative paths with '/' separators,
// sizes, types. Checked when files are offered and again when an offer arrives, since a peer (or
// a server) could send anything. Knows nothing of the DOM.

import { MAX_FILES } from './framing.js';

export const ROUTES = Object.freeze(['auto', 'direct', 'relay']);
const TRANSFER_ID = /^[A-Za-z0-9_-]{8,64}$/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
const HAS_CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

export const isTransferId = (value) => typeof value === 'string' && TRANSFER_ID.test(value);

/**
 * A safe relative path from whatever a browser gave ("C:\\x\\a.jpg", "/photos/./a.jpg"):
 * '/' separators, no empty, '.' or '..' segments, no control characters, at most 1024 characters.
 */
export function normalizeName(raw) {
  const segments = String(raw ?? '')
    .replace(CONTROL_CHARS, '')
    .split(/[\\/]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  let name = segments.join('/');
  if (name.length > 1024) name = name.slice(name.length - 1024).replace(/^[^/]*\//, '') || name.slice(-1024);
  return name || 'file';
}

/** The last segment of a relative path: what a download is called. */
export const baseName = (name) => name.slice(name.lastIndexOf('/') + 1);

/** Throws a TypeError naming the first thing wrong with an offer's files / totalBytes. */
export function checkManifest(files, totalBytes) {
  if (!Array.isArray(files) || files.length === 0) throw new TypeError('files must be a non-empty array');
  if (files.length > MAX_FILES) throw new TypeError(`At most ${MAX_FILES} files per transfer`);
  let sum = 0;
  files.forEach((file, i) => {
    const { name, size, type } = file ?? {};
    if (typeof name !== 'string' || name.length < 1 || name.length > 1024 || name.startsWith('/')
        || name.split('/').some((s) => s === '' || s === '..') || HAS_CONTROL_CHAR.test(name)) {
      throw new TypeError(`files[${i}].name is not a safe relative path`);
    }
    if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`files[${i}].size must be a non-negative integer`);
    if (typeof type !== 'string' || type.length > 255) throw new TypeError(`files[${i}].type must be a string of at most 255 characters`);
    sum += size;
  });
  if (totalBytes !== undefined && totalBytes !== sum) throw new TypeError('totalBytes is not the sum of the sizes');
  return sum;
}

/**
 * What lanvan.send() accepts: File objects (a FileList too) or {file, name} pairs (the name being a
 * relative path, for files taken from a dropped folder). A File's webkitRelativePath wins over its
 * name, so an <input webkitdirectory> keeps the folder structure.
 * @returns {{name: string, size: number, type: string, blob: Blob}[]}
 */
export function describeFiles(files) {
  return Array.from(files ?? [], (entry) => {
    const blob = entry?.file ?? entry;
    if (!blob || typeof blob.slice !== 'function' || !Number.isSafeInteger(blob.size)) {
      throw new TypeError('Each file must be a File or {file, name}');
    }
    const name = normalizeName(entry?.file ? entry.name : (blob.webkitRelativePath || blob.name));
    return { name, size: blob.size, type: String(blob.type ?? '').slice(0, 255), blob };
  });
}
