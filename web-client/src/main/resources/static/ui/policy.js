// The page's policy notice: the server's mode when it is not hybrid, and the limits when set
// (policy.js says what). Lives in an aria-live region, so a change the server pushes is announced.

import { describePolicy } from '../policy.js';
import { formatBytes } from './format.js';

/** Shows `policy` in `region` (hidden when there is nothing to say). */
export function renderPolicy(region, policy) {
  const lines = describePolicy(policy, formatBytes);
  region.dataset.mode = policy.mode;
  region.hidden = lines.length === 0;
  region.replaceChildren(...lines.map((line) => {
    const p = document.createElement('p');
    p.textContent = line;
    return p;
  }));
}
