// The dashboard's device and transfer tiles (in the dashboard template), from GET /api/admin/stats.
// While the signaling capability is stopped the figures do not exist: the tiles give way to a note.

import { isCapabilityStopped } from '../server/admin-api.js';
import { transferTiles } from '../status/transfers.js';

const $ = (root, name) => root.querySelector(`[data-${name}]`);

/** Sets text only when it changed, so assistive technology is not told about identical updates. */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * @param {ParentNode} root the dashboard
 * @param {PromiseSettledResult<object>} result of api.stats()
 */
export function renderTransfers(root, result) {
  const tiles = $(root, 'transfer-tiles');
  const off = $(root, 'transfers-off');
  const error = $(root, 'transfers-error');

  if (result.status === 'rejected') {
    const stopped = isCapabilityStopped(result.reason);
    const filled = tiles.dataset.filled === 'true';
    off.hidden = !stopped;
    tiles.hidden = stopped || !filled;
    // Another failure keeps the last figures, dimmed, with the reason; an unreachable server is
    // already reported for the whole dashboard.
    tiles.classList.toggle('is-stale', !stopped);
    const message = stopped || result.reason?.unreachable ? ''
      : filled ? `Couldn’t refresh these figures: ${sentence(result.reason?.message)} The ones below are from the last successful refresh.`
        : `Couldn’t load these figures: ${sentence(result.reason?.message)}`;
    setText(error, message);
    error.hidden = !message;
    return;
  }

  const view = transferTiles(result.value);
  off.hidden = true;
  error.hidden = true;
  tiles.classList.remove('is-stale');
  tiles.hidden = false;
  tiles.dataset.filled = 'true';
  setText($(root, 'stat-connected'), view.connectedDevices);
  setText($(root, 'stat-open'), view.openTransfers);
  setText($(root, 'stat-finished'), view.finished);
  renderOutcomes($(root, 'stat-outcomes'), view.outcomes);

  const { routes } = view;
  setText($(root, 'stat-bytes'), routes.empty ? '0 B' : `${routes.total} in total`);
  $(root, 'route-bar').hidden = routes.empty;
  $(root, 'route-legend').hidden = routes.empty;
  $(root, 'route-empty').hidden = !routes.empty;
  // Widths through the CSSOM: the page's CSP allows no style attributes, but this is not one.
  $(root, 'route-bar-direct').style.width = `${routes.direct.share * 100}%`;
  $(root, 'route-bar-relay').style.width = `${routes.relay.share * 100}%`;
  setText($(root, 'route-direct'), `${routes.direct.bytes} (${routes.direct.percent})`);
  setText($(root, 'route-relay'), `${routes.relay.bytes} (${routes.relay.percent})`);
}

function renderOutcomes(list, outcomes) {
  if (list.children.length !== outcomes.length) {
    const doc = list.ownerDocument;
    list.replaceChildren(...outcomes.map((outcome) => {
      const item = doc.createElement('div');
      item.className = 'outcome';
      item.dataset.tone = outcome.tone;
      const value = doc.createElement('dd');
      value.dataset.outcome = outcome.key;
      const label = doc.createElement('dt');
      label.textContent = outcome.label;
      item.append(label, value);
      return item;
    }));
  }
  for (const outcome of outcomes) setText(list.querySelector(`[data-outcome="${outcome.key}"]`), outcome.value);
}

// Problem details may or may not end with a full stop.
function sentence(text) {
  const value = String(text ?? '').trim();
  return /[.!?…]$/.test(value) ? value : `${value}.`;
}
