// The page's "paused" notice: what the server cannot do right now because an admin stopped one of
// its capabilities, one plain sentence each (lanvan.paused). Lives in an aria-live region, so the
// change is announced when it happens and when the capability returns.

/** Shows `paused` ([{capability, message}]) in `region`; hidden when nothing is paused. */
export function renderPaused(region, paused) {
  region.hidden = paused.length === 0;
  region.replaceChildren(...paused.map(({ capability, message }) => {
    const p = document.createElement('p');
    p.dataset.capability = capability;
    p.textContent = message;
    return p;
  }));
}
