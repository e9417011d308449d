// Ask: GET /memory with its toggles, and everything it answered, so a person sees why memory
// answered as it did: the payload with scores, the facts, the sources, token_count and the time.
import { get, page } from './api.js';
import { h, append, replace, errorSlot, errorBox } from './dom.js';

export async function askPage(view, { params: [chosen], signal }) {
  const errors = errorSlot();
  const memory = h('select', { id: 'ask-memory', name: 'memoryID', required: true });
  const query = h('textarea', { id: 'ask-query', name: 'query', required: true, maxlength: '2000', rows: 3 });
  const topK = h('input', { id: 'ask-top-k', name: 'top_k', type: 'number', min: '1', max: '50', value: '5', required: true });
  const facts = h('input', { id: 'ask-facts', name: 'facts', type: 'checkbox' });
  const assisted = h('input', { id: 'ask-assisted', name: 'assisted', type: 'checkbox' });
  const answer = h('section', { class: 'answer', 'aria-live': 'polite', 'aria-label': 'Answer' });
  const form = h('form', { class: 'card ask-form' },
    h('div', { class: 'field' }, h('label', { for: 'ask-memory', text: 'Memory' }), memory),
    h('div', { class: 'field wide' }, h('label', { for: 'ask-query', text: 'Query' }), query),
    h('div', { class: 'toggles' },
      h('div', { class: 'field' }, h('label', { for: 'ask-top-k', text: 'top_k' }), topK),
      h('div', { class: 'check' }, facts, h('label', { for: 'ask-facts', text: 'facts' })),
      h('div', { class: 'check' }, assisted, h('label', { for: 'ask-assisted', text: 'assisted' }))),
    h('button', { type: 'submit', class: 'primary', text: 'Ask' }), errors);
  append(view, h('h1', { text: 'Ask a memory' }), form, answer);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    errors.show(null);
    const started = performance.now();
    try {
      const result = await get('/memory', {
        memoryID: memory.value, query: query.value, top_k: topK.value, facts: facts.checked, assisted: assisted.checked,
      }, signal);
      showAnswer(answer, result, performance.now() - started);
    } catch (error) {
      if (error.name !== 'AbortError') replace(answer, errorBox(error));
    }
  });

  try {
    const { items } = await page('/memories/list', 'memories', { limit: 100 }, signal);
    replace(memory, items.map(item => h('option', { value: item.id, selected: item.id === chosen, text: `${item.name} (${item.memoryType}, ${item.status})` })));
    if (!items.length) errors.show(new Error('No memories yet: create one on the Memories page first.'));
  } catch (error) {
    if (error.name !== 'AbortError') errors.show(error);
  }
}

function score(value) {
  return h('span', { class: 'score' },
    h('meter', { min: 0, max: 1, value, 'aria-label': 'score' }), ' ', h('span', { text: value.toFixed(3) }));
}

function sourceLink(source) {
  if (source.type === 'message' || source.sessionID) {
    return h('a', { href: `#/sessions/${encodeURIComponent(source.sessionID)}?message=${encodeURIComponent(source.id)}`, text: source.name });
  }
  return h('a', { href: `#/files/${encodeURIComponent(source.id)}`, text: source.name });
}

function showAnswer(answer, result, milliseconds) {
  replace(answer,
    h('p', { class: 'answer-meta' },
      h('span', { id: 'answer-tokens', text: `token_count ${result.token_count}` }), ' · ',
      h('span', { id: 'answer-time', text: `${Math.round(milliseconds)} ms` })),
    h('h2', { text: 'Payload' }),
    result.payload.length
      ? h('ol', { class: 'payload' }, result.payload.map(item => h('li', {}, score(item.score), h('p', { class: 'payload-text', text: item.content }))))
      : h('p', { class: 'muted', text: 'Nothing in memory answers this query.' }),
    h('h2', { text: 'Facts' }),
    result.facts.length
      ? h('ul', { class: 'facts-list' }, result.facts.map(fact => h('li', { text: fact.content })))
      : h('p', { class: 'muted', text: 'No facts (turn on facts to ask for them).' }),
    h('h2', { text: 'Sources' }),
    result.sources.length
      ? h('ol', { class: 'sources' }, result.sources.map(source => h('li', {},
        sourceLink(source), ' ', h('span', { class: 'muted', text: source.type ?? '' }), ' ', score(source.score))))
      : h('p', { class: 'muted', text: 'No sources.' }));
}
