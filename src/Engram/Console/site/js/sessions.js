// Sessions: the list (customer filter, paging) and one session's messages as a conversation.
import { get, post, del, page } from './api.js';
import { h, append, replace, time, errorSlot, errorBox, confirmAction, actionButton, announce } from './dom.js';
import { pagedList } from './paging.js';

export async function sessionsPage(view, { query, signal }) {
  const customer = query.get('customer') ?? '';
  const filter = h('input', { id: 'customer-filter', name: 'customer', value: customer, autocomplete: 'off' });
  const form = h('form', { class: 'filter', role: 'search' },
    h('label', { for: 'customer-filter', text: 'Customer user ID' }), filter,
    h('button', { type: 'submit', text: 'Filter' }));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const value = filter.value.trim();
    location.hash = value ? `#/sessions?customer=${encodeURIComponent(value)}` : '#/sessions';
  });
  const list = pagedList({
    label: 'Sessions',
    empty: customer ? `No sessions for customer ${customer}.` : 'No sessions yet.',
    load: tokens => page('/sessions/list', 'sessions', { customerUserID: customer, limit: 10, ...tokens }, signal),
    show: sessions => h('table', {},
      h('caption', { class: 'visually-hidden', text: 'Sessions, newest first' }),
      h('thead', {}, h('tr', {}, ['Session', 'Customer', 'Created', 'Ended'].map(name => h('th', { scope: 'col', text: name })))),
      h('tbody', {}, sessions.map(session => h('tr', {},
        h('td', {}, h('a', { href: `#/sessions/${encodeURIComponent(session.id)}`, text: session.id })),
        h('td', { text: session.customerUserID ?? '—' }),
        h('td', {}, time(session.createdAt)),
        h('td', {}, session.endedAt ? time(session.endedAt) : h('span', { class: 'muted', text: 'open' })))))),
  });
  append(view, h('h1', { text: 'Sessions' }), form, list);
  await list.loaded;
}

export async function sessionPage(view, { params: [id], query, signal }) {
  const errors = errorSlot();
  const header = h('div', { class: 'summary' });
  const conversation = h('ol', { class: 'conversation', 'aria-label': 'Messages, oldest first' });
  const more = h('div');
  append(view, h('p', {}, h('a', { href: '#/sessions', text: '← Sessions' })),
    h('h1', { text: `Session ${id}` }), header, errors, h('h2', { text: 'Conversation' }), conversation, more);

  let session;
  try {
    session = (await get(`/sessions/get/${encodeURIComponent(id)}`, {}, signal)).data;
  } catch (error) {
    replace(header, errorBox(error));
    return;
  }
  showSummary();

  function showSummary() {
    replace(header,
      h('dl', { class: 'facts' },
        h('dt', { text: 'Customer' }), h('dd', { text: session.customerUserID ?? '—' }),
        h('dt', { text: 'Created' }), h('dd', {}, time(session.createdAt)),
        h('dt', { text: 'Ended' }), h('dd', { id: 'session-ended' }, session.endedAt ? time(session.endedAt) : 'open'),
        session.metadata.map(({ key, value }) => [h('dt', { text: key }), h('dd', { text: value })])),
      h('div', { class: 'actions' },
        actionButton('End session', endSession, errors, { disabled: !!session.endedAt }),
        actionButton('Delete session', deleteSession, errors, { class: 'danger' })));
  }

  async function endSession() {
    if (!await confirmAction(`End session ${id}? It keeps its messages and accepts no new ones.`, 'End session')) return;
    session = (await post(`/sessions/end/${encodeURIComponent(id)}`)).data;
    showSummary();
    announce('Session ended');
  }

  async function deleteSession() {
    if (!await confirmAction(`Delete session ${id} and all its messages?`, 'Delete session')) return;
    await del(`/sessions/delete/${encodeURIComponent(id)}`);
    announce('Session deleted');
    location.hash = '#/sessions';
  }

  // Messages oldest first, a hundred at a time; the one a source linked to is marked and shown.
  const target = query.get('message');
  async function loadMessages(nextToken) {
    try {
      const messages = await page('/messages/list', 'messages', { sessionID: id, limit: 100, nextToken }, signal);
      append(conversation, messages.items.map(message => h('li', {
        id: `message-${message.id}`, class: `message role-${message.role}${message.id === target ? ' target' : ''}`,
      },
      h('div', { class: 'message-head' }, h('strong', { text: message.role }), ' ', time(message.createdAt)),
      h('p', { class: 'message-text', text: message.content }))));
      if (!conversation.children.length) replace(more, h('p', { class: 'muted', text: 'No messages in this session.' }));
      else replace(more, messages.nextToken
        ? actionButton('Load more messages', () => loadMessages(messages.nextToken), errors)
        : h('p', { class: 'muted', text: `${messages.data.totalCount} messages` }));
      document.getElementById(`message-${target}`)?.scrollIntoView({ block: 'center' });
    } catch (error) {
      if (error.name !== 'AbortError') replace(more, errorBox(error));
    }
  }
  await loadMessages();
}
