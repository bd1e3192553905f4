// Bundles shaped for display: the dashboard table (GET /api/admin/system) and the Capabilities page
// groups (GET /api/admin/bundles). Knows nothing of the DOM.

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

// The Capabilities page's groups, in the order an admin looks for them.
const GROUPS = [
  { kind: 'capability', title: 'Capabilities', description: 'Features of this server. Stopping one takes its feature away until it is started again.' },
  { kind: 'plugin', title: 'Plugins', description: 'Added by your organisation, from the server’s plugins folder.' },
  { kind: 'platform', title: 'Platform', description: 'The server’s core; always running.' },
  { kind: 'system', title: 'System and libraries', description: 'The OSGi framework and the libraries it loads.' },
];

/**
 * GET /api/admin/bundles grouped by kind, sorted by name; empty groups are left out. A row is
 * controllable when the server says it can be stopped and its kind allows it.
 */
export function groupBundles(bundles = []) {
  const known = new Set(GROUPS.map((g) => g.kind));
  const groups = GROUPS.map((group) => ({ ...group, bundles: [] }));
  for (const bundle of bundles) {
    const kind = known.has(bundle.kind) ? bundle.kind : 'system';
    groups.find((g) => g.kind === kind).bundles.push({ ...toControlRow(bundle), kind });
  }
  for (const group of groups) group.bundles.sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
  return groups.filter((group) => group.bundles.length > 0);
}

function toControlRow(bundle) {
  const symbolicName = String(bundle.symbolicName ?? '');
  const name = String(bundle.name ?? '').trim();
  const running = String(bundle.state).toUpperCase() === 'ACTIVE';
  return {
    id: bundle.id,
    symbolicName,
    title: name && name !== symbolicName ? name : symbolicName,
    version: String(bundle.version ?? ''),
    state: describeState(bundle.state),
    running,
    controllable: (bundle.kind === 'capability' || bundle.kind === 'plugin') && bundle.canStop !== false,
  };
}
