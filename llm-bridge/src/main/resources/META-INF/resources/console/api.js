// The bridge's REST API as the console uses it: the API key (sessionStorage, X-API-Key), problem
// JSON errors, JPEGs fetched with the key (an <img src> cannot send a header).

const KEY = 'skim.apiKey';

/** A failed request: status and the problem's detail. */
export class ApiError extends Error {
  constructor(status, title, detail, path) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.path = path;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  const key = apiKey();
  if (key) h['X-API-Key'] = key;
  return h;
}

const listeners = new Set();

/** Called with the ApiError of every 401 (no key, or a key the bridge refused). */
export function onUnauthorized(fn) {
  listeners.add(fn);
}

async function fail(res, path) {
  let title = res.statusText;
  let detail = '';
  try {
    const body = await res.json();
    title = body.title || title;
    detail = body.detail || '';
  } catch (e) {
    detail = `HTTP ${res.status} from ${path}`;
  }
  const err = new ApiError(res.status, title, detail, path);
  if (res.status === 401) listeners.forEach((fn) => fn(err));
  throw err;
}

/** GET a JSON resource. */
export async function getJson(path, signal) {
  const res = await fetch(path, { headers: headers(), signal });
  if (!res.ok) await fail(res, path);
  return res.json();
}

/** POST JSON, read JSON. */
export async function postJson(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  });
  if (!res.ok) await fail(res, path);
  return res.json();
}

/**
 * POST JSON and read server-sent events; onEvent(name, data) for each event as it arrives.
 * (EventSource cannot POST or send a header, so the stream is read from fetch.)
 */
export async function postEvents(path, body, onEvent) {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
    body: JSON.stringify(body),
  });
  if (!res.ok) await fail(res, path);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    buffer = buffer.replace(/\r\n/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, cut), onEvent);
      buffer = buffer.slice(cut + 2);
    }
    if (done) break;
  }
  if (buffer.trim()) dispatch(buffer, onEvent);
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return;
  const text = data.join('\n');
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // not JSON: passed on as text
  }
  onEvent(name, parsed);
}

const images = new Map();

/** An object URL of a JPEG fetched with the key (cached per link). */
export function imageUrl(link) {
  if (!images.has(link)) {
    const p = fetch(link, { headers: headers({ Accept: 'image/jpeg' }) }).then(async (res) => {
      if (!res.ok) await fail(res, link);
      return URL.createObjectURL(await res.blob());
    });
    p.catch(() => images.delete(link));
    images.set(link, p);
  }
  return images.get(link);
}

let operations = null;

/** Whether the bridge's OpenAPI document has this path (asked once, without a 404 in the log). */
export async function hasOperation(path) {
  if (!operations) {
    operations = fetch('q/openapi?format=json', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : { paths: {} }))
      .then((doc) => new Set(Object.keys(doc.paths || {})))
      .catch(() => new Set());
  }
  return (await operations).has(path);
}

export function streamPath(id) {
  return `/v1/streams/${encodeURIComponent(id)}`;
}
