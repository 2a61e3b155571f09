// Streams overview: every stream of every instance, polled every few seconds.
import { getJson, hasOperation, streamPath } from './api.js';
import { el, count, bytes, ratio, label } from './format.js';
import { searchResults } from './search.js';

const POLL_MS = 3000;
const TIERS = ['FAST', 'SLOW', 'FRAME', 'KEYFRAMES'];

export function overview(root) {
  const status = el('p', { class: 'muted small', 'aria-live': 'polite' }, 'Loading streams…');
  const table = el('div', { class: 'table-wrap' });
  const search = el('section', { class: 'panel', hidden: true });
  root.append(
    el('h1', {}, 'Streams'),
    el('p', { class: 'muted' }, 'Every stream of every bridge instance; updated every 3 s.'),
    search,
    table,
    status,
  );
  let timer = null;
  let stopped = false;

  async function poll() {
    try {
      const streams = await getJson('/v1/streams');
      const lags = await Promise.allSettled(streams.map((s) => getJson(`${streamPath(s.streamId)}/lag`)));
      render(table, streams, lags.map((l) => (l.status === 'fulfilled' ? l.value : null)));
      status.textContent = `${streams.length} stream${streams.length === 1 ? '' : 's'} · updated ${new Date().toLocaleTimeString()}`;
      status.classList.remove('error');
    } catch (e) {
      status.textContent = `Could not load the streams: ${e.message}`;
      status.classList.add('error');
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }
  poll();

  hasOperation('/v1/search').then((yes) => {
    if (yes && !stopped) {
      search.hidden = false;
      search.append(el('h2', {}, 'Search all streams'), searchForm('/v1/search'));
    }
  });

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function searchForm(path) {
  const input = el('input', { type: 'search', id: 'search-all-input', name: 'q', placeholder: 'person, truck, text on a sign…', 'aria-label': 'Search all streams' });
  const out = el('div', { id: 'search-all-output' });
  const form = el(
    'form',
    {
      class: 'search row',
      onsubmit: async (ev) => {
        ev.preventDefault();
        const q = input.value.trim();
        if (!q) return;
        out.replaceChildren(el('p', { class: 'muted' }, 'Searching…'));
        try {
          const r = await getJson(`${path}?q=${encodeURIComponent(q)}&limit=20`);
          out.replaceChildren(searchResults(r, (m) => `#/streams/${encodeURIComponent(m.streamId)}?t=${m.ptsMillis}`));
        } catch (e) {
          out.replaceChildren(el('p', { class: 'error' }, `Search failed: ${e.message}`));
        }
      },
    },
    input,
    el('button', { type: 'submit' }, 'Search'),
  );
  return el('div', {}, form, out);
}

function tier(s, name) {
  return (s.tiers || []).find((t) => t.tier === name);
}

function render(root, streams, lags) {
  if (streams.length === 0) {
    root.replaceChildren(
      el('p', { class: 'empty' }, 'No streams yet. Publish frames with ./skim ingest, or run ./skim run.'),
    );
    return;
  }
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'Stream'),
    el('th', { scope: 'col', class: 'num' }, 'Frames'),
    el('th', { scope: 'col', class: 'num' }, 'Tokens in'),
    el('th', { scope: 'col', class: 'num' }, 'Tokens out'),
    el('th', { scope: 'col', class: 'num' }, 'Ratio'),
    ...TIERS.map((t) => el('th', { scope: 'col', class: 'num' }, `${t} /h`)),
    el('th', { scope: 'col', class: 'num' }, 'Held'),
    el('th', { scope: 'col', class: 'num', title: 'records of the stream\'s input partitions the bridge has not read yet' }, 'Lag'),
    el('th', { scope: 'col' }, 'Time range'),
  );
  const rows = streams.map((s, i) =>
    el(
      'tr',
      { dataset: { stream: s.streamId } },
      el('th', { scope: 'row' }, el('a', { href: `#/streams/${encodeURIComponent(s.streamId)}`, class: 'stream-link' }, s.streamId)),
      el('td', { class: 'num', dataset: { col: 'frames', label: 'Frames' } }, count(s.frames)),
      el('td', { class: 'num', dataset: { label: 'Tokens in' } }, count(s.tokensIn)),
      el('td', { class: 'num', dataset: { label: 'Tokens out' } }, count(s.tokensOut)),
      el('td', { class: 'num', title: 'encoder tokens in per token stored', dataset: { label: 'Ratio' } }, ratio(s.tokensIn, s.tokensOut)),
      ...TIERS.map((t) => {
        const m = tier(s, t);
        return el(
          'td',
          { class: 'num', dataset: { label: `${t} per stream-hour` }, title: m ? `${count(m.blocks)} blocks, ${bytes(m.bytes)} held; retention ${Math.round(m.retentionMillis / 3600000)} h` : '' },
          m && m.bytesPerStreamHour != null ? bytes(m.bytesPerStreamHour) : '–',
        );
      }),
      el('td', { class: 'num', dataset: { label: 'Held' } }, bytes(s.bytesHeld)),
      el('td', { class: 'num', dataset: { col: 'lag', label: 'Lag' } }, lagText(lags[i])),
      el('td', { dataset: { label: 'Time range' } }, s.frames > 0 ? `${label(s.firstPtsMillis)} – ${label(s.lastPtsMillis)}` : '–'),
    ),
  );
  root.replaceChildren(
    el(
      'table',
      { class: 'streams' },
      el('caption', { class: 'sr-only' }, 'Streams with frames, tokens, bytes per stream-hour per tier and time range'),
      el('thead', {}, head),
      el('tbody', {}, rows),
    ),
  );
}

function lagText(lag) {
  if (!lag) return '–';
  const known = Object.values(lag.records).filter((n) => n != null);
  return known.length ? `${count(known.reduce((a, b) => a + b, 0))} rec` : '–';
}
