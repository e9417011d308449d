// The graph view of a graph memory: its entities (GET /memories/entities) and, around the one
// chosen, the facts that mention it (GET /memories/facts) drawn as a small graph. A server
// without those routes answers 404 "Not found": the view says so instead of failing.
import { get, page } from './api.js';
import { h, append, replace, errorBox, time } from './dom.js';
import { pagedList } from './paging.js';
import { layout } from './force.js';

const svgNamespace = 'http://www.w3.org/2000/svg';
const width = 640, height = 420;

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const isMissingRoute = error => error.status === 404 && error.message === 'Not found';

export async function graphPage(view, { params: [id], signal }) {
  const title = h('h1', { text: `Graph of ${id}` });
  const drawing = h('section', { class: 'graph', 'aria-label': 'Entity graph', 'aria-live': 'polite' },
    h('p', { class: 'muted', text: 'Choose an entity to see the facts around it.' }));
  append(view, h('p', {}, h('a', { href: `#/memories/${encodeURIComponent(id)}`, text: '← Memory' })), title);
  try {
    const memory = (await get(`/memories/get/${encodeURIComponent(id)}`, {}, signal)).data;
    title.textContent = `Graph of ${memory.name}`;
    if (memory.memoryType !== 'graph') {
      append(view, h('p', { class: 'note', text: 'This is a vector memory: only graph memories have entities and facts to draw.' }));
      return;
    }
  } catch (error) {
    if (error.name !== 'AbortError') append(view, errorBox(error));
    return;
  }

  const entities = pagedList({
    label: 'Entities',
    empty: 'No entities yet: ingest something into this memory first.',
    load: async tokens => {
      try {
        return await page('/memories/entities', 'entities', { memoryID: id, limit: 50, ...tokens }, signal);
      } catch (error) {
        if (!isMissingRoute(error)) throw error;
        layoutMissing();
        return { items: [], count: 0 };
      }
    },
    show: items => h('ul', { class: 'entities' }, items.map(entity => h('li', {},
      h('button', { type: 'button', class: 'entity', onclick: () => choose(entity.name) },
        h('span', { text: entity.name }), ' ', h('span', { class: 'muted', text: `${entity.type} · ${entity.factCount} facts` }))))),
  });
  append(view, h('div', { class: 'graph-layout' }, entities, drawing));
  await entities.loaded;

  function layoutMissing() {
    entities.hidden = true;
    replace(drawing, h('p', { class: 'note', role: 'status',
      text: 'This server has no graph routes yet: GET /memories/entities answered 404 "Not found". '
        + 'The graph view needs a server with graph memory\'s entity and fact endpoints.' }));
  }

  async function choose(name) {
    replace(drawing, h('p', { class: 'muted', text: `Loading the facts around ${name}…` }));
    try {
      const facts = await page('/memories/facts', 'facts', { memoryID: id, entity: name, limit: 100 }, signal);
      draw(name, facts.items);
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (isMissingRoute(error)) layoutMissing();
      else replace(drawing, errorBox(error));
    }
  }

  function draw(centre, facts) {
    const nodes = [{ id: centre }];
    const edges = new Map();
    for (const fact of facts) {
      const names = fact.entities.includes(centre) ? fact.entities : [centre, ...fact.entities];
      for (const name of names) if (!nodes.some(node => node.id === name)) nodes.push({ id: name });
      // Each fact links every pair of the entities it names; the centre's edges carry the relation.
      for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) {
          const key = [names[i], names[j]].sort().join('\u0000');
          if (!edges.has(key)) edges.set(key, { source: names[i], target: names[j], label: fact.relation ?? '' });
        }
      }
    }
    layout(nodes, [...edges.values()], width, height);
    const at = new Map(nodes.map(node => [node.id, node]));
    const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': `Entities connected to ${centre}` });
    for (const edge of edges.values()) {
      const a = at.get(edge.source), b = at.get(edge.target);
      picture.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'edge' }));
      if (edge.label) picture.append(svg('text', { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 4, class: 'edge-label' }, edge.label));
    }
    for (const node of nodes) {
      const isCentre = node.id === centre;
      const group = svg('g', { class: isCentre ? 'node centre' : 'node', transform: `translate(${node.x},${node.y})` },
        svg('circle', { r: isCentre ? 14 : 10 }), svg('text', { y: 28, 'text-anchor': 'middle' }, node.id));
      if (!isCentre) {
        group.setAttribute('tabindex', '0');
        group.setAttribute('role', 'button');
        group.setAttribute('aria-label', `${node.id}: show the facts around it`);
        group.addEventListener('click', () => choose(node.id));
        group.addEventListener('keydown', event => {
          if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); choose(node.id); }
        });
      }
      picture.append(group);
    }
    replace(drawing,
      h('h2', { text: `Around ${centre}` }), picture,
      h('h3', { text: `${facts.length} facts` }),
      h('ul', { class: 'facts-list' }, facts.map(fact => h('li', {},
        h('span', { text: fact.content }),
        fact.relation ? h('span', { class: 'muted', text: ` (${fact.relation})` }) : null,
        fact.validAt ? [' ', h('span', { class: 'muted' }, 'valid at ', time(fact.validAt))] : null))));
  }
}
