// The console's table of contents: sign-in, then one page per hash route. Hash routes need no
// server fallback, and a reload keeps the page (the key stays in this tab's session storage).
import { apiKey, get } from './api.js';
import { h, replace, errorSlot } from './dom.js';
import { sessionsPage, sessionPage } from './sessions.js';
import { memoriesPage } from './memories.js';
import { memoryPage } from './memory.js';
import { filesPage, filePage } from './files.js';
import { askPage } from './ask.js';
import { graphPage } from './graph.js';

const routes = [
  [/^\/sessions$/, sessionsPage],
  [/^\/sessions\/(.+)$/, sessionPage],
  [/^\/memories$/, memoriesPage],
  [/^\/memories\/(.+)$/, memoryPage],
  [/^\/files$/, filesPage],
  [/^\/files\/(.+)$/, filePage],
  [/^\/ask(?:\/(.+))?$/, askPage],
  [/^\/graph\/(.+)$/, graphPage],
];

const main = document.getElementById('main');
let current = new AbortController();

function signedIn(isSignedIn) {
  document.getElementById('nav').hidden = !isSignedIn;
  document.getElementById('sign-out').hidden = !isSignedIn;
}

function signInPage() {
  signedIn(false);
  const errors = errorSlot();
  const key = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'page-title' },
    h('h1', { id: 'page-title', tabindex: '-1', text: 'Sign in' }),
    h('p', { text: 'Paste an API key (ek_…). The console shows that key\'s account only, and keeps the key in this tab until you sign out or close it.' }),
    h('label', { for: 'api-key', text: 'API key' }), key,
    h('button', { type: 'submit', class: 'primary', text: 'Sign in' }),
    errors);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    errors.show(null);
    apiKey.set(key.value.trim());
    try {
      await get('/sessions/list', { limit: 1 }); // any call checks the key: 401 or 403 otherwise
      location.hash = '#/sessions';
      if (location.hash === '#/sessions') render();
    } catch (error) {
      apiKey.clear();
      errors.show(error);
      key.focus();
    }
  });
  replace(main, form);
  key.focus();
}

function parseHash() {
  const [path, query = ''] = location.hash.slice(1).split('?');
  return { path, query: new URLSearchParams(query) };
}

async function render() {
  current.abort(); // stops the previous page's polling and pending reads
  current = new AbortController();
  if (!apiKey.get()) return signInPage();
  signedIn(true);
  const { path, query } = parseHash();
  if (!routes.some(([pattern]) => pattern.test(path))) {
    location.replace('#/sessions');
    return;
  }
  for (const [pattern, page] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    for (const link of document.querySelectorAll('#nav a')) {
      link.toggleAttribute('aria-current', path.startsWith(link.getAttribute('href').slice(1)));
      if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page');
    }
    const view = h('div', { class: 'page' });
    replace(main, view);
    const params = match.slice(1).map(value => value === undefined ? undefined : decodeURIComponent(value));
    await page(view, { params, query, signal: current.signal });
    const title = view.querySelector('h1');
    if (title) {
      title.tabIndex = -1; // focus moves to the new page's title, as a page load would
      title.focus();
    }
    return;
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  apiKey.clear();
  location.hash = '';
  render();
});
// The skip link's #main is not a route: only '#/…' hashes are pages.
window.addEventListener('hashchange', () => { if (location.hash === '' || location.hash.startsWith('#/')) render(); });
render();
