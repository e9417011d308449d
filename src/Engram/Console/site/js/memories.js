// Memories: the list with status and counts, and a form to make one.
import { post, page } from './api.js';
import { h, append, time, statusBadge, errorSlot, announce } from './dom.js';
import { pagedList } from './paging.js';

export async function memoriesPage(view, { signal }) {
  const list = pagedList({
    label: 'Memories',
    empty: 'No memories yet: create one above.',
    load: tokens => page('/memories/list', 'memories', { limit: 10, ...tokens }, signal),
    show: memories => h('table', {},
      h('caption', { class: 'visually-hidden', text: 'Memories, newest first' }),
      h('thead', {}, h('tr', {}, ['Memory', 'Type', 'Status', 'Samples', 'Chunks', 'Facts', 'Entities', 'Updated']
        .map(name => h('th', { scope: 'col', text: name })))),
      h('tbody', {}, memories.map(memory => h('tr', {},
        h('td', {}, h('a', { href: `#/memories/${encodeURIComponent(memory.id)}`, text: memory.name }),
          h('div', { class: 'muted small', text: memory.id })),
        h('td', { text: memory.memoryType }),
        h('td', {}, statusBadge(memory.status)),
        ['sampleCount', 'chunkCount', 'factCount', 'entityCount'].map(count => h('td', { class: 'number', text: memory[count] })),
        h('td', {}, time(memory.updatedAt)))))),
  });
  append(view, h('h1', { text: 'Memories' }), createForm(), list);
  await list.loaded;
}

function createForm() {
  const errors = errorSlot();
  const name = h('input', { id: 'memory-name', name: 'name', required: true, maxlength: '256', autocomplete: 'off' });
  const type = h('select', { id: 'memory-type', name: 'memoryType' },
    h('option', { value: 'vector', text: 'vector' }), h('option', { value: 'graph', text: 'graph' }));
  const ontology = h('select', { id: 'memory-ontology', name: 'ontology' },
    ['culture', 'essays', 'support_requests'].map(value => h('option', { value, text: value })));
  const ontologyField = h('div', { class: 'field', hidden: true },
    h('label', { for: 'memory-ontology', text: 'Ontology' }), ontology);
  type.addEventListener('change', () => { ontologyField.hidden = type.value !== 'graph'; });
  const form = h('form', { class: 'card inline-form', 'aria-labelledby': 'create-memory' },
    h('h2', { id: 'create-memory', text: 'New memory' }),
    h('div', { class: 'field' }, h('label', { for: 'memory-name', text: 'Name' }), name),
    h('div', { class: 'field' }, h('label', { for: 'memory-type', text: 'Type' }), type),
    ontologyField,
    h('button', { type: 'submit', class: 'primary', text: 'Create memory' }),
    errors);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    errors.show(null);
    const body = { name: name.value, memoryType: type.value };
    if (type.value === 'graph') body.ontology = ontology.value;
    try {
      const { data } = await post('/memories/create', body);
      announce(`Memory ${data.name} created`);
      location.hash = `#/memories/${encodeURIComponent(data.id)}`;
    } catch (error) {
      errors.show(error);
    }
  });
  return form;
}
