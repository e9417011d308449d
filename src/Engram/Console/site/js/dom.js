// Small DOM builders shared by the pages: no framework, so every element is made here in the open.

/** h('a', {href: '#/x', class: 'y', onclick: f}, 'text', child, [more]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A timestamp from the API, shown in the reader's time zone, machine-readable in datetime. */
export function time(iso) {
  if (!iso) return h('span', { class: 'muted', text: '—' });
  return h('time', { datetime: iso, title: iso, text: new Date(iso).toLocaleString() });
}

export function statusBadge(status) {
  return h('span', { class: `badge badge-${status}`, text: status });
}

/** Said to screen readers (and shown nowhere else): the outcome of an action. */
export function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = message; }, 50);
}

/** Every API error is shown as its own message, in an alert the screen reader reads at once. */
export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert', text: error?.message ?? String(error) });
}

/** A region that shows the latest error of the actions near it, or nothing. */
export function errorSlot() {
  const slot = h('div', { class: 'error-slot' });
  slot.show = error => replace(slot, error ? errorBox(error) : null);
  return slot;
}

/** The confirmation every delete and end asks for, as a modal dialog (focus stays inside it). */
export function confirmAction(message, confirmLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = message;
  document.getElementById('confirm-yes').textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
  });
}

export function bytes(size) {
  if (size === null || size === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = size, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A button that disables itself while its action runs and shows the action's error in `slot`. */
export function actionButton(label, action, slot, attributes = {}) {
  const button = h('button', { type: 'button', ...attributes, text: label });
  button.addEventListener('click', async () => {
    button.disabled = true;
    slot?.show(null);
    try {
      await action();
    } catch (error) {
      slot ? slot.show(error) : console.error(error);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
