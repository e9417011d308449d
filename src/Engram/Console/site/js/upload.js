// Drag and drop (or choose) files; each one goes through the signed upload flow with its own
// progress bar, then `afterUpload(file)` (say, adding it to a memory).
import { uploadFile } from './api.js';
import { h, append, replace, errorBox, announce } from './dom.js';

export function dropZone({ id, label, afterUpload }) {
  const input = h('input', { id, type: 'file', multiple: true, class: 'file-input' });
  const progress = h('ul', { class: 'uploads', 'aria-label': 'Uploads' });
  const zone = h('div', { class: 'drop-zone' },
    h('label', { for: id }, h('strong', { text: label }), h('span', { class: 'muted', text: ' Drop files here, or choose them.' })),
    input, progress);

  async function uploadAll(files) {
    await Promise.all([...files].map(async file => {
      const bar = h('progress', { max: 1, value: 0, 'aria-label': `Uploading ${file.name}` });
      const state = h('span', { class: 'muted', text: 'uploading…' });
      const row = h('li', {}, h('span', { class: 'upload-name', text: file.name }), bar, state);
      append(progress, row);
      try {
        const created = await uploadFile(file, fraction => { bar.value = fraction; });
        state.textContent = 'uploaded';
        if (afterUpload) {
          state.textContent = 'adding…';
          await afterUpload(created);
          state.textContent = 'added';
        }
        row.classList.add('done');
        announce(`${file.name} ${state.textContent}`);
      } catch (error) {
        replace(state, errorBox(error));
      }
    }));
  }

  input.addEventListener('change', () => { uploadAll(input.files).then(() => { input.value = ''; }); });
  zone.addEventListener('dragover', event => { event.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', event => {
    event.preventDefault();
    zone.classList.remove('dragging');
    if (event.dataTransfer?.files?.length) uploadAll(event.dataTransfer.files);
  });
  return zone;
}
