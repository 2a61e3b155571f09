// A stream's page: totals, search, the timeline strip, the moment shown large, and ask.
import { getJson, hasOperation, streamPath } from './api.js';
import { el, count, bytes, ratio, label } from './format.js';
import { Timeline } from './timeline.js';
import { MomentView } from './moment.js';
import { askPanel } from './ask.js';
import { searchResults } from './search.js';

const POLL_MS = 5000;
const SHOW_DELAY_MS = 80;
// the timeline shows one hour of the stream at a time: the latest (following it live), or the hour
// around a moment asked for (a link, a citation, a search hit)
const SPAN_MS = 3600000;

export function streamPage(root, id, params) {
  const href = (ms) => `#/streams/${encodeURIComponent(id)}?t=${ms}`;
  const stats = el('p', { class: 'stats muted', id: 'stream-stats' }, 'Loading…');
  const status = el('p', { class: 'small muted', 'aria-live': 'polite' });
  const selectedLabel = el('span', { id: 'selected-time', class: 'mono' }, '–');
  const moment = new MomentView(id);
  let showTimer = null;
  const timeline = new Timeline((f) => {
    selectedLabel.textContent = `t=${label(f.ptsMillis)} · frame ${f.seq}${f.gated.length ? ' · gated' : ''}`;
    history.replaceState(null, '', href(f.ptsMillis));
    clearTimeout(showTimer);
    showTimer = setTimeout(() => moment.show(f, nearestKeyframe), SHOW_DELAY_MS);
  });
  const nearestKeyframe = (f) => {
    let best = null;
    for (const g of timeline.frames) {
      if (g.keyframe && (!best || Math.abs(g.ptsMillis - f.ptsMillis) < Math.abs(best.ptsMillis - f.ptsMillis))) best = g;
    }
    return best;
  };
  let stream = null; // the stream's totals, as last polled
  let shown = null; // [from, to] of the timeline shown
  let follow = !params.has('t'); // the latest hour, moving with the stream
  let center = Number(params.get('t')) || 0;
  const latest = el('button', { type: 'button', id: 'timeline-latest', class: 'secondary', hidden: true, onclick: () => ((follow = true), refresh()) }, 'Show the latest hour');
  const rangeLabel = el('span', { class: 'small muted', id: 'timeline-range' });

  function wanted() {
    const first = stream.firstPtsMillis;
    const last = stream.lastPtsMillis;
    if (follow) return [Math.max(first, last - SPAN_MS), last];
    const from = Math.max(first, Math.min(center - SPAN_MS / 2, last - SPAN_MS));
    return [from, Math.min(last, from + SPAN_MS)];
  }

  async function refresh() {
    const [from, to] = wanted();
    const entries = await getJson(`${streamPath(id)}/timeline?from=${from}&to=${to}&limit=10000`);
    shown = [from, to];
    timeline.set(entries);
    latest.hidden = follow || to >= stream.lastPtsMillis;
    rangeLabel.textContent = `t=${label(from)} – t=${label(to)}${follow ? ' (the latest hour, live)' : ''}`;
  }

  const goTo = async (ms, exact) => {
    if (stream && shown && (ms < shown[0] || ms > shown[1])) {
      follow = false;
      center = ms;
      await refresh();
    }
    timeline.selectTime(ms, exact);
    timeline.root.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    timeline.root.focus({ preventScroll: true });
  };

  const searchBox = el('section', { class: 'panel', id: 'search', hidden: true });
  root.append(
    el('p', { class: 'crumbs' }, el('a', { href: '#/streams' }, 'Streams'), ' / ', id),
    el('h1', {}, id),
    stats,
    searchBox,
    el(
      'section',
      { class: 'panel' },
      el('div', { class: 'row spread' }, el('h2', {}, 'Timeline'), selectedLabel),
      el('div', { class: 'row spread' }, rangeLabel, latest),
      timeline.root,
      el(
        'p',
        { class: 'legend small' },
        el('span', { class: 'key k-FAST' }), ' FAST ',
        el('span', { class: 'key k-SLOW' }), ' SLOW ',
        el('span', { class: 'key k-FRAME' }), ' FRAME blocks · ',
        el('span', { class: 'key k-gated' }), ' gated frames · ',
        el('span', { class: 'key k-novelty' }), ' novelty (scaled to its peak after the first frame) · ',
        el('span', { class: 'key k-mark' }), ' search hits. Drag or click to scrub; ←/→ frame by frame, Shift+←/→ keyframe by keyframe.',
      ),
      status,
    ),
    moment.root,
    askPanel(id, href, goTo),
  );

  let stopped = false;
  let timer = null;
  let lastKey = null;

  async function load(first) {
    try {
      const s = await getJson(streamPath(id));
      stream = s;
      stats.replaceChildren(
        `${count(s.frames)} frames · ${count(s.tokensIn)} tokens in → ${count(s.tokensOut)} out (${ratio(s.tokensIn, s.tokensOut)}) · ${bytes(s.bytesHeld)} held · t=${label(s.firstPtsMillis)} – ${label(s.lastPtsMillis)}`,
      );
      const key = `${s.frames}/${s.blocks}/${s.lastPtsMillis}`;
      if (key !== lastKey && (first || follow)) {
        lastKey = key;
        await refresh();
        if (first && params.has('t')) timeline.selectTime(center, true);
      }
      status.textContent = `${timeline.frames.length} frames on the timeline · updated ${new Date().toLocaleTimeString()}`;
      status.classList.remove('error');
    } catch (e) {
      status.textContent = e.status === 403 ? `This API key may not read stream '${id}'.` : `Could not load the stream: ${e.message}`;
      status.classList.add('error');
      stats.textContent = '';
    }
    if (!stopped) timer = setTimeout(() => load(false), POLL_MS);
  }
  load(true);

  hasOperation('/v1/streams/{id}/search').then((yes) => {
    if (!yes || stopped) return;
    const input = el('input', { type: 'search', id: 'search-input', name: 'q', placeholder: 'person, truck, text on a sign…', 'aria-label': 'Search this stream' });
    const out = el('div', { id: 'search-output' });
    searchBox.hidden = false;
    searchBox.append(
      el('h2', {}, 'Search'),
      el(
        'form',
        {
          id: 'search-form',
          class: 'search row',
          onsubmit: async (ev) => {
            ev.preventDefault();
            const q = input.value.trim();
            if (!q) return;
            out.replaceChildren(el('p', { class: 'muted' }, 'Searching…'));
            try {
              const r = await getJson(`${streamPath(id)}/search?q=${encodeURIComponent(q)}&limit=20`);
              timeline.setMarks((r.moments || []).map((m) => m.ptsMillis));
              out.replaceChildren(searchResults(r, (m) => href(m.ptsMillis), (m) => goTo(m.ptsMillis, true)));
            } catch (e) {
              out.replaceChildren(el('p', { class: 'error' }, `Search failed: ${e.message}`));
            }
          },
        },
        input,
        el('button', { type: 'submit' }, 'Search'),
      ),
      out,
    );
  });

  return () => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(showTimer);
  };
}
