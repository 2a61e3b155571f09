// Dead letters: the latest records of skim.frames.dlq and skim.tokens.dlq.
import { getJson } from './api.js';
import { el, when } from './format.js';

const POLL_MS = 10000;

export function deadLetters(root) {
  const status = el('p', { class: 'muted small', 'aria-live': 'polite' }, 'Loading…');
  const body = el('div', { class: 'table-wrap' });
  root.append(
    el('h1', {}, 'Dead letters'),
    el(
      'p',
      { class: 'muted' },
      'Frames the compressor could not process (skim.frames.dlq) and token blocks or keyframes the bridge could not read (skim.tokens.dlq): the 50 latest records (read from the end of each partition), newest first.',
    ),
    body,
    status,
  );
  let timer = null;
  let stopped = false;
  async function poll() {
    try {
      const r = await getJson('/v1/dead-letters?limit=50');
      render(body, r);
      status.textContent = `${r.records.length} shown (${r.scope === 'all' ? 'all streams' : 'only the streams this key may read'}) · updated ${new Date().toLocaleTimeString()}`;
      status.classList.remove('error');
    } catch (e) {
      status.textContent = `Could not load the dead letters: ${e.message}`;
      status.classList.add('error');
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }
  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function render(root, r) {
  if (r.records.length === 0) {
    root.replaceChildren(el('p', { class: 'empty' }, `No dead letters in ${r.topics.join(' or ')}.`));
    return;
  }
  root.replaceChildren(
    el(
      'table',
      { class: 'dlq' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Failed at', 'Stream', 'Stage', 'Reason', 'Record (topic/partition@offset)', 'Dead letter at', 'Original'].map((h) =>
            el('th', { scope: 'col' }, h),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        r.records.map((d) =>
          el(
            'tr',
            {},
            el('td', { class: 'nowrap' }, when(d.failedAtMillis)),
            el('td', {}, d.streamId ?? el('span', { class: 'muted' }, 'unknown')),
            el('td', {}, el('span', { class: `stage stage-${d.stage}` }, d.stage)),
            el('td', { class: 'reason' }, d.reason, d.exceptionClass ? el('div', { class: 'muted small' }, d.exceptionClass) : null),
            el('td', { class: 'mono' }, `${d.topic}/${d.partition}@${d.offset}`),
            el('td', { class: 'mono' }, `${d.dlqTopic}/${d.dlqPartition}@${d.dlqOffset}`),
            el('td', { class: 'small' }, d.payloadBytes != null ? `${d.payloadBytes} bytes kept` : d.payloadRef || 'none'),
          ),
        ),
      ),
    ),
  );
}
