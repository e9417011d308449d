// §2's lists, a page at a time: Previous and Next follow the page's own tokens.
import { h, replace, errorBox } from './dom.js';

/**
 * A list with its pager. `load({nextToken} | {previousToken} | {})` answers a page
 * `{items, nextToken, previousToken, count}`; `show(items)` draws them (an element).
 * Returns the element, with `reload()` to read the first page again.
 */
export function pagedList({ label, load, show, empty }) {
  const body = h('div', { class: 'list-body', 'aria-live': 'polite', 'aria-busy': 'true' });
  const previous = h('button', { type: 'button', text: '← Previous', disabled: true });
  const next = h('button', { type: 'button', text: 'Next →', disabled: true });
  const summary = h('span', { class: 'muted' });
  let page = null;

  async function open(tokens) {
    previous.disabled = next.disabled = true;
    body.setAttribute('aria-busy', 'true');
    try {
      page = await load(tokens);
      replace(body, page.items.length ? show(page.items) : h('p', { class: 'muted', text: empty }));
      labelCells(body);
      summary.textContent = `${page.count} on this page`;
      previous.disabled = !page.previousToken;
      next.disabled = !page.nextToken;
    } catch (error) {
      if (error.name !== 'AbortError') replace(body, errorBox(error));
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  }

  previous.addEventListener('click', () => open({ previousToken: page.previousToken }));
  next.addEventListener('click', () => open({ nextToken: page.nextToken }));
  const element = h('section', { class: 'paged', 'aria-label': label },
    body, h('nav', { class: 'pager', 'aria-label': `${label} pages` }, previous, summary, next));
  element.reload = () => open({});
  element.loaded = open({});
  return element;
}

// At a phone's width a table's rows stack and its header is hidden: each cell then shows its
// column's name itself (console.css, td[data-label]).
function labelCells(root) {
  for (const table of root.querySelectorAll('table')) {
    const names = [...table.querySelectorAll('thead th')].map(th => th.textContent);
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.cells].forEach((cell, index) => { cell.dataset.label = names[index] ?? ''; });
    }
  }
}
