// Search results (GET /v1/search, /v1/streams/{id}/search): matching moments with why they match.
import { imageUrl } from './api.js';
import { el, label, tagChips } from './format.js';

/** A list of the answer's moments; hrefOf(moment) links each, onPick(moment) if given. */
export function searchResults(r, hrefOf, onPick) {
  const out = el('div', {});
  if (r.matched && r.matched.length) {
    out.append(
      el(
        'p',
        { class: 'small' },
        'Matched: ',
        r.matched.map((m, i) => [i ? ', ' : '', el('span', { class: 'tag' }, `${m.label} (${m.kind.toLowerCase()}, ${fmt(m.similarity)})`)]),
      ),
    );
  }
  if (r.note) out.append(el('p', { class: 'note', role: 'status' }, r.note));
  const moments = r.moments || [];
  if (moments.length === 0) {
    out.append(el('p', { class: 'empty' }, `No moment matches “${r.query}”.`));
    return out;
  }
  out.append(
    el(
      'ol',
      { class: 'search-results' },
      moments.map((m) =>
        el(
          'li',
          { dataset: { seq: String(m.seq), ms: String(m.ptsMillis) } },
          el(
            'a',
            {
              href: hrefOf(m),
              class: 'moment-link',
              onclick: onPick
                ? (ev) => {
                    ev.preventDefault();
                    onPick(m);
                  }
                : null,
            },
            `${m.streamId} t=${label(m.ptsMillis)}`,
          ),
          ` score ${fmt(m.score)} `,
          (m.tags || []).length ? el('span', { class: 'small' }, tagChips(m.tags)) : null,
          m.keyframe ? thumb(m.keyframe) : null,
        ),
      ),
    ),
  );
  return out;
}

function thumb(link) {
  const img = el('img', { class: 'hit-thumb', alt: '', loading: 'lazy' });
  imageUrl(link).then(
    (u) => (img.src = u),
    () => img.remove(),
  );
  return img;
}

function fmt(x) {
  return x == null ? '–' : Number(x).toFixed(2);
}
