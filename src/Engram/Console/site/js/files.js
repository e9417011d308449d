// Files: upload (drag and drop, with progress), the list, and one file with its deletion.
import { get, del, page } from './api.js';
import { h, append, replace, time, bytes, errorSlot, errorBox, confirmAction, actionButton, announce } from './dom.js';
import { pagedList } from './paging.js';
import { dropZone } from './upload.js';

export async function filesPage(view, { signal }) {
  const list = pagedList({
    label: 'Files',
    empty: 'No files yet.',
    load: tokens => page('/files/list', 'files', { limit: 10, ...tokens }, signal),
    show: files => h('table', {},
      h('caption', { class: 'visually-hidden', text: 'Files, newest first' }),
      h('thead', {}, h('tr', {}, ['File', 'Type', 'Size', 'Tokens', 'Created'].map(name => h('th', { scope: 'col', text: name })))),
      h('tbody', {}, files.map(file => h('tr', {},
        h('td', {}, h('a', { href: `#/files/${encodeURIComponent(file.id)}`, text: file.name })),
        h('td', { text: `${file.fileType} (${file.category})` }),
        h('td', { class: 'number', text: bytes(file.size) }),
        h('td', { class: 'number', text: file.tokens ?? '—' }),
        h('td', {}, time(file.createdAt)))))),
  });
  append(view, h('h1', { text: 'Files' }),
    h('p', { class: 'muted', text: 'To put files in a memory, upload them on the memory\'s page, or add these from there.' }),
    dropZone({ id: 'file-upload', label: 'Upload files.', afterUpload: () => list.reload() }),
    list);
  await list.loaded;
}

export async function filePage(view, { params: [id], signal }) {
  const errors = errorSlot();
  const summary = h('div', { class: 'summary' });
  const title = h('h1', { text: `File ${id}` });
  append(view, h('p', {}, h('a', { href: '#/files', text: '← Files' })), title, summary, errors);
  let file;
  try {
    file = (await get(`/files/get/${encodeURIComponent(id)}`, {}, signal)).data;
  } catch (error) {
    replace(summary, errorBox(error));
    return;
  }
  title.textContent = file.name;
  replace(summary,
    h('dl', { class: 'facts' },
      h('dt', { text: 'ID' }), h('dd', { text: file.id }),
      h('dt', { text: 'Type' }), h('dd', { text: `${file.fileType} (${file.category})` }),
      file.externalURI ? [h('dt', { text: 'Address' }), h('dd', {}, h('a', { href: file.externalURI, rel: 'noopener noreferrer', text: file.externalURI }))] : null,
      h('dt', { text: 'Size' }), h('dd', { text: bytes(file.size) }),
      h('dt', { text: 'Text' }), h('dd', { text: file.length === null ? 'not ingested yet' : `${file.length} characters, ${file.tokens} tokens` }),
      h('dt', { text: 'Created' }), h('dd', {}, time(file.createdAt))),
    h('div', { class: 'actions' }, actionButton('Delete file', async () => {
      if (!await confirmAction(`Delete ${file.name} everywhere, with all that every memory took from it?`, 'Delete file')) return;
      await del(`/files/delete/${encodeURIComponent(id)}`);
      announce('File deleted');
      location.hash = '#/files';
    }, errors, { class: 'danger' })));
}
