// Numbers, times and citations as the console writes them.

/** HH:MM:SS.mmm of a presentation time, as the bridge labels moments. */
export function label(ms) {
  const t = Math.max(0, Math.round(ms));
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(t / 3600000))}:${pad(Math.floor(t / 60000) % 60)}:${pad(Math.floor(t / 1000) % 60)}.${pad(t % 1000, 3)}`;
}

export function count(n) {
  return n == null ? '–' : Number(n).toLocaleString('en-US');
}

export function bytes(n) {
  if (n == null) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Number(n);
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

export function ratio(a, b) {
  if (!a || !b) return '–';
  return `${(a / b).toFixed(1)}×`;
}

export function when(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/**
 * The [t=HH:MM:SS(.mmm)] labels of a text, as Citations.java finds them: {index, length, ms,
 * exact}; a label without milliseconds stands for its whole second.
 */
export function citations(text) {
  const out = [];
  const re = /\[?t=(\d{1,3}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\]?/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    let ms = Number(m[1]) * 3600000 + Number(m[2]) * 60000 + Number(m[3]) * 1000;
    const exact = m[4] !== undefined;
    if (exact) ms += Number((m[4] + '00').slice(0, 3));
    out.push({ index: m.index, length: m[0].length, ms, exact, text: m[0] });
  }
  return out;
}

/** Creates an element: el('a', {class: 'x', href}, 'text', child...). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/**
 * A text with each citation turned into a link (onCite(ms, exact) on click); the rest stays text.
 */
export function linkCitations(text, hrefOf, onCite) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const c of citations(text || '')) {
    frag.append(text.slice(at, c.index));
    frag.append(
      el(
        'a',
        {
          class: 'cite',
          href: hrefOf(c.ms),
          dataset: { ms: String(c.ms) },
          onclick: (ev) => {
            ev.preventDefault();
            onCite(c.ms, c.exact);
          },
        },
        c.text,
      ),
    );
    at = c.index + c.length;
  }
  frag.append(text ? text.slice(at) : '');
  return frag;
}

/** Tags grouped by label, best score first: "person ×3 0.85". */
export function tagChips(tags) {
  const by = new Map();
  for (const t of tags || []) {
    const g = by.get(t.label) || { label: t.label, kind: t.kind, score: 0, n: 0 };
    g.score = Math.max(g.score, Number(t.score));
    g.n += 1;
    by.set(t.label, g);
  }
  return [...by.values()]
    .sort((a, b) => b.score - a.score)
    .map((g) =>
      el('span', { class: 'tag', title: g.kind ? g.kind.toLowerCase() : null }, `${g.label}${g.n > 1 ? ` ×${g.n}` : ''} ${g.score.toFixed(2)}`),
    );
}
