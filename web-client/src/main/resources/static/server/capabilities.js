// What the server can do right now, from its `capabilities` frames (docs/protocol.md,
// "Capabilities"): which capabilities run, which an admin stopped, which message types are
// answered. The page uses it to say in plain words what is paused, to fail a request at once
// instead of waiting for an answer that cannot come, and to sign in again when signaling returns.
// Knows nothing of the DOM.

/** The capabilities this page depends on, by bundle name as the server lists them. */
export const Capability = Object.freeze({
  SIGNALING: 'io.lanvan.signaling',
  RELAY: 'io.lanvan.relay',
  POLICY: 'io.lanvan.policy',
});

/** Why something is paused, for people: one sentence on what stopped and one on what happens now. */
const PAUSED = Object.freeze({
  [Capability.SIGNALING]: "Finding devices is paused: the server's signaling capability is stopped. It will reconnect on its own.",
  [Capability.RELAY]: "Sending through the server is paused: the server's relay capability is stopped. Direct transfers still work.",
  [Capability.POLICY]: "The server's policy capability is stopped: its default rules apply (every route, no limits) until it is back.",
});

const names = (value) => Object.freeze((Array.isArray(value) ? value : []).filter((n) => typeof n === 'string').sort());

/** A `capabilities` frame as a frozen {available, stopped, types}. */
export function readCapabilities(frame) {
  return Object.freeze({ available: names(frame.available), stopped: names(frame.stopped), types: names(frame.types) });
}

/** Whether the server answers `type` now; true while it is not known (before the first frame). */
export function answers(capabilities, type) {
  return capabilities === null || capabilities.types.includes(type);
}

/** Whether an admin stopped `capability` (known to be installed and not running). */
export function isStopped(capabilities, capability) {
  return capabilities !== null && capabilities.stopped.includes(capability);
}

/**
 * The capabilities this page depends on that cannot be used now, each with its sentence:
 * [{capability, message}]. Signaling counts as paused whenever `hello` is not answered.
 */
export function pausedCapabilities(capabilities) {
  if (capabilities === null) return Object.freeze([]);
  const paused = [];
  if (!answers(capabilities, 'hello')) paused.push(Capability.SIGNALING);
  if (isStopped(capabilities, Capability.RELAY)) paused.push(Capability.RELAY);
  if (isStopped(capabilities, Capability.POLICY)) paused.push(Capability.POLICY);
  return Object.freeze(paused.map((capability) => Object.freeze({ capability, message: PAUSED[capability] })));
}

/** The sentence for a request refused because the capability answering `type` is stopped. */
export function unavailableMessage(type) {
  return type === 'hello' || type.startsWith('transfer.') || type === 'signal' || type === 'rename' || type.startsWith('pair.')
    ? "The server's signaling capability is stopped, so nothing can be sent right now. LANVan reconnects on its own when it is back."
    : `The server cannot answer '${type}' right now: the capability behind it is stopped.`;
}

/** Whether two capability sets say the same. */
export function sameCapabilities(a, b) {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return ['available', 'stopped', 'types'].every((key) => a[key].join('\n') === b[key].join('\n'));
}
