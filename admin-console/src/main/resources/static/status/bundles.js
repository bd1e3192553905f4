// The bundle list from GET /api/system, shaped for the table. Knows nothing of the DOM.

// Tone is for colour; the label always says the same in words.
const STATES = {
  ACTIVE: { label: 'Active', tone: 'ok' },
  STARTING: { label: 'Starting', tone: 'info' },
  STOPPING: { label: 'Stopping', tone: 'info' },
  RESOLVED: { label: 'Resolved', tone: 'warning' },
  INSTALLED: { label: 'Installed', tone: 'danger' },
  UNINSTALLED: { label: 'Uninstalled', tone: 'neutral' },
};

const KINDS = {
  platform: 'Platform',
  capability: 'Capability',
  plugin: 'Plugin',
  system: 'System',
};

/** @returns {{label: string, tone: 'ok'|'info'|'warning'|'danger'|'neutral'}} */
export function describeState(state) {
  const known = STATES[String(state).toUpperCase()];
  if (known) return known;
  const text = String(state ?? '').trim();
  return { label: text ? text[0].toUpperCase() + text.slice(1).toLowerCase() : 'Unknown', tone: 'neutral' };
}

export function describeKind(kind) {
  return KINDS[kind] ?? (typeof kind === 'string' && kind ? kind : 'Other');
}

/** Bundles in id order, with the words the table shows. */
export function toRows(bundles = []) {
  return [...bundles]
    .sort((a, b) => a.id - b.id)
    .map((bundle) => ({
      id: bundle.id,
      name: String(bundle.symbolicName ?? ''),
      version: String(bundle.version ?? ''),
      state: describeState(bundle.state),
      kind: describeKind(bundle.kind),
    }));
}

/** Rows containing every word of `query` (case-insensitive) in their name, version, state, kind or id. */
export function filterRows(rows, query = '') {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const haystack = `${row.id} ${row.name} ${row.version} ${row.state.label} ${row.kind}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Counts for the summary card: how many bundles run, and which do not. */
export function summarizeBundles(bundles = []) {
  const inactive = bundles.filter((b) => String(b.state).toUpperCase() !== 'ACTIVE');
  return {
    total: bundles.length,
    active: bundles.length - inactive.length,
    inactive: inactive.map((b) => String(b.symbolicName ?? b.id)),
  };
}
