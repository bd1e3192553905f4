// One message at a time in the page's notice region (an aria-live container that always stays in
// the document, so screen readers announce what is put into it).

/**
 * @param {HTMLElement} region
 * @param {{tone?: 'warning'|'danger', title: string, message: string, action?: {label: string, run: () => void}}} notice
 */
export function showNotice(region, { tone = 'warning', title, message, action }) {
  const box = document.createElement('div');
  box.className = `callout callout-${tone} notice`;

  const text = document.createElement('div');
  const heading = document.createElement('p');
  heading.className = 'notice-title';
  heading.textContent = title;
  const body = document.createElement('p');
  body.textContent = message;
  text.append(heading, body);
  box.append(text);

  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = action.label;
    button.addEventListener('click', action.run);
    box.append(button);
  }
  region.replaceChildren(box);
}

export function clearNotice(region) {
  region.replaceChildren();
}
