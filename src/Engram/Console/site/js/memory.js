// One memory: its status and counts, its samples, files in (upload or pick), ingestion with
// progress (polling GET /memories/get/{id}), and files out.
import { get, post, del, page } from './api.js';
import { h, append, replace, time, statusBadge, errorSlot, errorBox, confirmAction, actionButton, announce } from './dom.js';
import { pagedList } from './paging.js';
import { dropZone } from './upload.js';

const settled = new Set(['success', 'failed', 'empty']);

export async function memoryPage(view, { params: [id], signal }) {
  const path = `/memories/get/${encodeURIComponent(id)}`;
  const errors = errorSlot();
  const summary = h('div', { class: 'summary' });
  const progress = h('div', { class: 'ingestion', 'aria-live': 'polite' });
  const title = h('h1', { text: `Memory ${id}` });
  append(view, h('p', {}, h('a', { href: '#/memories', text: '← Memories' })), title, summary, errors, progress);

  let memory;
  try {
    memory = (await get(path, {}, signal)).data;
  } catch (error) {
    replace(summary, errorBox(error));
    return;
  }

  const fileNames = new Map();
  let watching = false;
  const samples = pagedList({
    label: 'Samples',
    empty: 'No samples yet: upload files or add existing ones above.',
    load: tokens => page('/memories/samples', 'samples', { memoryID: id, limit: 20, ...tokens }, signal),
    show: showSamples,
  });
  append(view,
    h('h2', { text: 'Add files' }),
    dropZone({ id: 'memory-upload', label: 'Upload into this memory.', afterUpload: file => addFiles([file.id]) }),
    existingFiles(),
    h('h2', { text: 'Samples' }), samples);
  showSummary();
  // "pending" is also samples waiting for a start; only a running job is watched on arrival.
  if (memory.status === 'processing') watchIngestion();
  await samples.loaded;

  function showSummary() {
    title.textContent = memory.name;
    replace(summary,
      h('dl', { class: 'facts' },
        h('dt', { text: 'ID' }), h('dd', { text: memory.id }),
        h('dt', { text: 'Type' }), h('dd', { text: memory.memoryType + (memory.ontology ? ` (${memory.ontology})` : '') }),
        h('dt', { text: 'Status' }), h('dd', { id: 'memory-status' }, statusBadge(memory.status)),
        h('dt', { text: 'Samples' }), h('dd', { text: memory.sampleCount }),
        h('dt', { text: 'Chunks' }), h('dd', { text: memory.chunkCount }),
        h('dt', { text: 'Facts' }), h('dd', { text: memory.factCount }),
        h('dt', { text: 'Entities' }), h('dd', { text: memory.entityCount }),
        h('dt', { text: 'Updated' }), h('dd', {}, time(memory.updatedAt))),
      h('div', { class: 'actions' },
        actionButton('Start ingestion', startIngestion, errors, { class: 'primary' }),
        h('a', { class: 'button', href: `#/ask/${encodeURIComponent(id)}`, text: 'Ask this memory' }),
        memory.memoryType === 'graph' ? h('a', { class: 'button', href: `#/graph/${encodeURIComponent(id)}`, text: 'Graph view' }) : null,
        actionButton('Delete memory', deleteMemory, errors, { class: 'danger' })));
  }

  async function addFiles(files) {
    await post('/memories/add-files', { memoryID: id, files });
    memory = (await get(path, {}, signal)).data;
    showSummary();
    samples.reload();
  }

  async function startIngestion() {
    const started = await post('/memories/start-ingestion', { memoryID: id });
    announce(`${started.message}: ${started.data.sampleCount} samples`);
    replace(progress, h('p', { text: `${started.message}: ${started.data.sampleCount} samples, about ${started.data.tokenMetrics.tokensForIngestion} tokens.` }));
    await watchIngestion();
  }

  // The memory's status every second until it settles; the bar is the share of samples done.
  async function watchIngestion() {
    if (watching) return;
    watching = true;
    const bar = h('progress', { id: 'ingestion-progress', max: 1, 'aria-label': 'Ingestion progress' });
    const state = h('span');
    append(progress, h('p', {}, bar, ' ', state));
    while (!signal.aborted) {
      try {
        memory = (await get(path, {}, signal)).data;
        const { items } = await page('/memories/samples', 'samples', { memoryID: id, limit: 100 }, signal);
        const done = items.filter(sample => settled.has(sample.status)).length;
        if (items.length) bar.value = done / items.length;
        state.textContent = `${memory.status}: ${done} of ${items.length} samples done`;
        showSummary();
        if (settled.has(memory.status)) break;
      } catch (error) {
        if (error.name !== 'AbortError') replace(progress, errorBox(error));
        watching = false;
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    watching = false;
    if (signal.aborted) return;
    bar.value = 1;
    announce(`Ingestion ${memory.status}`);
    samples.reload();
  }

  async function deleteMemory() {
    if (!await confirmAction(`Delete memory ${memory.name} and everything derived from it? Its files stay.`, 'Delete memory')) return;
    await del(`/memories/delete/${encodeURIComponent(id)}`);
    announce('Memory deleted');
    location.hash = '#/memories';
  }

  function showSamples(items) {
    const table = h('table', {},
      h('caption', { class: 'visually-hidden', text: 'Samples, oldest first' }),
      h('thead', {}, h('tr', {}, ['Source', 'Type', 'Status', 'Error', 'Tokens', 'Updated', ''].map(name => h('th', { scope: 'col', text: name })))),
      h('tbody', {}, items.map(sample => h('tr', {},
        h('td', {}, sourceLink(sample)),
        h('td', { text: sample.type }),
        h('td', {}, statusBadge(sample.status)),
        h('td', { class: 'sample-error', text: sample.error ?? '' }),
        h('td', { class: 'number', text: sample.tokens ?? '—' }),
        h('td', {}, time(sample.updatedAt)),
        h('td', {}, sample.fileID ? actionButton('Remove', () => removeFile(sample.fileID), errors, { class: 'quiet', 'aria-label': `Remove file ${sample.fileID} from memory` }) : null)))));
    return table;
  }

  function sourceLink(sample) {
    if (sample.messageID) {
      return h('a', { href: `#/sessions/${encodeURIComponent(sample.sessionID)}?message=${encodeURIComponent(sample.messageID)}`, text: `message in ${sample.sessionID}` });
    }
    const link = h('a', { href: `#/files/${encodeURIComponent(sample.fileID)}`, text: fileNames.get(sample.fileID) ?? sample.fileID });
    if (!fileNames.has(sample.fileID)) {
      get(`/files/get/${encodeURIComponent(sample.fileID)}`, {}, signal)
        .then(({ data }) => { fileNames.set(data.id, data.name); link.textContent = data.name; })
        .catch(() => { /* the id stays as the link's text */ });
    }
    return link;
  }

  async function removeFile(fileID) {
    const name = fileNames.get(fileID) ?? fileID;
    if (!await confirmAction(`Remove ${name} from this memory? The file itself stays.`, 'Remove from memory')) return;
    await del('/memories/delete-file', { memoryID: id, fileID });
    announce(`${name} removed from memory`);
    memory = (await get(path, {}, signal)).data;
    showSummary();
    samples.reload();
  }

  // Files already uploaded, to put in this memory without uploading again (the newest hundred).
  function existingFiles() {
    const slot = errorSlot();
    const select = h('select', { id: 'existing-files', multiple: true, size: 4 });
    const details = h('details', { class: 'card' },
      h('summary', { text: 'Add files already uploaded' }),
      h('label', { for: 'existing-files', text: 'Files (newest first)' }), select,
      actionButton('Add to memory', async () => {
        const files = [...select.selectedOptions].map(option => option.value);
        if (files.length) await addFiles(files);
      }, slot), slot);
    details.addEventListener('toggle', async () => {
      if (!details.open || select.options.length) return;
      try {
        const { items } = await page('/files/list', 'files', { limit: 100 }, signal);
        replace(select, items.map(file => h('option', { value: file.id, text: `${file.name} (${file.fileType})` })));
      } catch (error) {
        slot.show(error);
      }
    });
    return details;
  }
}
