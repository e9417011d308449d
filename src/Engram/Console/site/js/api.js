// The console's only way to the server: the public HTTP API, with the key the person typed.
// The key lives in this tab's session storage: never in a URL, a cookie or a log.

const keyName = 'engram.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(keyName),
  set: key => sessionStorage.setItem(keyName, key),
  clear: () => sessionStorage.removeItem(keyName),
};

/** An API answer that was not a success: `message` is the API's own `error` text. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** A URL on this server with the query's set values (null, undefined and '' are left out). */
function url(path, query = {}) {
  const target = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') target.searchParams.set(name, value);
  }
  return target;
}

async function errorOf(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (typeof body.error === 'string') return new ApiError(body.error, response.status, body.status);
  } catch {
    // not the contract's envelope (a proxy's page, say): the status line says what happened
  }
  return new ApiError(`${response.status} ${response.statusText || 'error'}`.trim(), response.status);
}

export async function call(method, path, { query, body, signal } = {}) {
  const headers = { 'X-API-Key': apiKey.get() ?? '' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, query), {
      method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(`The server did not answer (${error.message})`, 0);
  }
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

export const get = (path, query, signal) => call('GET', path, { query, signal });
export const post = (path, body) => call('POST', path, { body });
export const del = (path, query) => call('DELETE', path, { query });

/** A list page: `{items, nextToken, previousToken, count}` from §2's `data`. */
export async function page(path, plural, query, signal) {
  const { data } = await get(path, query, signal);
  return { items: data[plural], nextToken: data.nextToken, previousToken: data.previousToken, count: data.count, data };
}

/**
 * duohub's three-step upload: a signed URL, the bytes PUT there without the key (with
 * progress, which fetch cannot report for uploads), then the file record. Returns the File.
 */
export async function uploadFile(file, onProgress) {
  const { data: ticket } = await post('/files/upload', { fileName: file.name });
  await new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', ticket.uploadUrl);
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) return resolve();
      let message = `${request.status} ${request.statusText}`;
      try { message = JSON.parse(request.responseText).error ?? message; } catch { /* keep the status line */ }
      reject(new ApiError(message, request.status));
    });
    request.addEventListener('error', () => reject(new ApiError('The upload did not reach the server', 0)));
    request.send(file);
  });
  onProgress(1);
  const { data: created } = await post('/files/create', { name: file.name, key: ticket.key });
  return created;
}
