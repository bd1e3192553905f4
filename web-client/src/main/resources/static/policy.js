// The server's policies as the client obeys them (docs/protocol.md, "Policy"): which routes the
// mode allows, and which files may be offered. The same rules and wording as the server, so a
// transfer the server would refuse is refused here first. Knows nothing of the DOM.

export const Modes = Object.freeze({ HYBRID: 'hybrid', P2P_FIRST: 'p2p-first', SERVER_ONLY: 'server-only' });

const MODES = Object.values(Modes);

export const NO_POLICY = Object.freeze({ mode: Modes.HYBRID, maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: Object.freeze([]) });

const limit = (value) => (Number.isSafeInteger(value) && value > 0 ? value : 0);

/** A policy (welcome's `policy` or a `policy` frame) as a frozen, well-formed object. */
export function normalizePolicy(raw) {
  if (!raw || typeof raw !== 'object') return NO_POLICY;
  return Object.freeze({
    mode: MODES.includes(raw.mode) ? raw.mode : Modes.HYBRID,
    maxFileBytes: limit(raw.maxFileBytes),
    maxTransferBytes: limit(raw.maxTransferBytes),
    blockedExtensions: Object.freeze((Array.isArray(raw.blockedExtensions) ? raw.blockedExtensions : [])
      .filter((e) => typeof e === 'string' && e !== '')
      .map((e) => e.replace(/^\./, '').toLowerCase())),
  });
}

/** Why these files may not be sent under `policy`, naming the file and the rule; null when they may. */
export function refusalOf(policy, files) {
  for (const { name, size } of files) {
    if (policy.maxFileBytes > 0 && size > policy.maxFileBytes) {
      return `'${name}' is larger than the limit of ${policy.maxFileBytes} bytes per file`;
    }
    const type = typeOf(name);
    if (type !== '' && policy.blockedExtensions.includes(type)) {
      return `'${name}' has the blocked file type .${type}`;
    }
  }
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (policy.maxTransferBytes > 0 && total > policy.maxTransferBytes) {
    return `The transfer is larger than the limit of ${policy.maxTransferBytes} bytes per transfer`;
  }
  return null;
}

/**
 * The type (extension, lower case) of a file as the receiving system will save it, as the server
 * decides it (docs/protocol.md, "Transfers"): compatibility forms folded (NFKC), invisible format
 * characters dropped (direction overrides, zero-width spaces), an NTFS stream suffix cut
 * ("a.exe::$DATA" writes a.exe), trailing dots and spaces removed (Windows saves "setup.exe." as setup.exe).
 */
export function typeOf(fileName) {
  let name = fileName.slice(fileName.lastIndexOf('/') + 1).normalize('NFKC').replace(/\p{Cf}/gu, '');
  const stream = name.indexOf(':');
  if (stream >= 0) name = name.slice(0, stream);
  name = name.replace(/[.\s\p{Z}]+$/u, '').toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).trim();
}

/**
 * The route to offer for the route asked for under `policy`: {route} or {refusal} with a message.
 * server-only: 'auto' becomes 'relay', 'direct' is refused; p2p-first: 'auto' becomes 'direct'
 * (never the relay), 'relay' is refused.
 */
export function routeUnder(policy, route) {
  if (policy.mode === Modes.SERVER_ONLY) {
    if (route === 'direct') return { refusal: 'This server sends every transfer through the server (server-only mode), so direct transfers are not allowed' };
    return { route: 'relay' };
  }
  if (policy.mode === Modes.P2P_FIRST) {
    if (route === 'relay') return { refusal: 'This server allows direct transfers only (p2p-first mode), so the relay is not allowed' };
    return { route: 'direct' };
  }
  return { route };
}

/** Lines for the page's notice: the mode when it is not hybrid, and the limits when set. */
export function describePolicy(policy, formatBytes = (n) => `${n} bytes`) {
  const lines = [];
  if (policy.mode === Modes.SERVER_ONLY) lines.push('This server sends every transfer through the server (server-only mode).');
  if (policy.mode === Modes.P2P_FIRST) lines.push('Direct transfers only (p2p-first mode).');
  if (policy.maxFileBytes > 0) lines.push(`Files up to ${formatBytes(policy.maxFileBytes)} each.`);
  if (policy.maxTransferBytes > 0) lines.push(`Transfers up to ${formatBytes(policy.maxTransferBytes)} in total.`);
  if (policy.blockedExtensions.length > 0) lines.push(`Blocked file types: ${policy.blockedExtensions.map((e) => `.${e}`).join(', ')}.`);
  return lines;
}
