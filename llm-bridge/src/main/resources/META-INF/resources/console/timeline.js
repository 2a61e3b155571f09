// The timeline strip: keyframe thumbnails over time, the tiers as bands, gated frames, the novelty
// curve, search marks and a cursor. Scrubbed with the mouse (press and drag) or the keyboard
// (arrows: frame by frame; Shift+arrows: keyframe by keyframe; Home/End).
import { imageUrl } from './api.js';
import { el, label } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const GUTTER = 52;
const ROWS = {
  FAST: [62, 12],
  SLOW: [78, 12],
  FRAME: [94, 12],
  gated: [110, 10],
  novelty: [124, 44],
  marks: [172, 12],
};
const HEIGHT = 190;

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** The frames of a timeline answer, each once: seq, ptsMillis, novelty, tiers, gated tiers, keyframe. */
export function framesOf(entries) {
  const bySeq = new Map();
  const get = (m) => {
    let f = bySeq.get(m.seq);
    if (!f) {
      f = { seq: m.seq, ptsMillis: m.ptsMillis, novelty: null, tiers: [], gated: [], keyframe: null };
      bySeq.set(m.seq, f);
    }
    return f;
  };
  for (const e of entries) {
    for (const m of e.frames) {
      const f = get(m);
      if (!f.tiers.includes(e.tier)) f.tiers.push(e.tier);
      if (e.tier === 'FAST' || f.novelty == null) f.novelty = m.novelty;
    }
    for (const m of e.gated) {
      const f = get(m);
      if (!f.gated.includes(e.tier)) f.gated.push(e.tier);
      if (f.novelty == null) f.novelty = m.novelty;
    }
    for (const link of e.keyframes || []) {
      const seq = Number(link.slice(link.lastIndexOf('/') + 1));
      if (bySeq.has(seq)) bySeq.get(seq).keyframe = link;
    }
  }
  return [...bySeq.values()].sort((a, b) => a.ptsMillis - b.ptsMillis || a.seq - b.seq);
}

export class Timeline {
  constructor(onSelect) {
    this.onSelect = onSelect;
    this.entries = [];
    this.frames = [];
    this.marks = [];
    this.index = -1;
    this.root = el('div', {
      id: 'timeline',
      class: 'timeline',
      tabindex: '0',
      role: 'slider',
      'aria-label': 'Timeline: arrow keys move frame by frame, Shift+arrows keyframe by keyframe',
      'aria-valuemin': '0',
    });
    this.thumbs = el('div', { class: 'thumbs' });
    this.svg = svg('svg', { class: 'strip', height: String(HEIGHT), 'aria-hidden': 'true' });
    this.root.append(this.thumbs, this.svg);
    this.root.addEventListener('pointerdown', (e) => {
      this.root.setPointerCapture(e.pointerId);
      this.dragging = true;
      this.root.focus({ preventScroll: true });
      // a thumbnail selects its own keyframe; elsewhere the frame nearest to the pointer
      const thumb = e.target.closest && e.target.closest('.thumb');
      if (thumb) this.selectSeq(Number(thumb.dataset.seq));
      else this.pick(e);
    });
    this.root.addEventListener('pointermove', (e) => this.dragging && this.pick(e));
    this.root.addEventListener('pointerup', () => (this.dragging = false));
    this.root.addEventListener('pointercancel', () => (this.dragging = false));
    this.root.addEventListener('keydown', (e) => this.key(e));
    new ResizeObserver(() => this.draw()).observe(this.root);
  }

  set(entries) {
    this.entries = entries;
    const seq = this.index >= 0 ? this.frames[this.index].seq : null;
    this.frames = framesOf(entries);
    this.index = seq == null ? -1 : this.frames.findIndex((f) => f.seq === seq);
    this.root.setAttribute('aria-valuemax', String(Math.max(0, this.frames.length - 1)));
    this.draw();
  }

  setMarks(ptsList) {
    this.marks = ptsList;
    this.draw();
  }

  range() {
    if (this.frames.length === 0) return [0, 1];
    const t0 = this.frames[0].ptsMillis;
    const t1 = this.frames[this.frames.length - 1].ptsMillis;
    return [t0, Math.max(t1, t0 + 1)];
  }

  x(ms) {
    const [t0, t1] = this.range();
    const w = Math.max(1, this.width - GUTTER - 8);
    return GUTTER + ((ms - t0) / (t1 - t0)) * w;
  }

  ms(x) {
    const [t0, t1] = this.range();
    const w = Math.max(1, this.width - GUTTER - 8);
    return t0 + ((Math.min(Math.max(x, GUTTER), GUTTER + w) - GUTTER) / w) * (t1 - t0);
  }

  nearest(ms) {
    let best = -1;
    let d = Infinity;
    this.frames.forEach((f, i) => {
      const dd = Math.abs(f.ptsMillis - ms);
      if (dd < d) {
        d = dd;
        best = i;
      }
    });
    return best;
  }

  /** Selects the frame at a cited time: exactly that pts, else (a label without ms) its second, else the nearest. */
  selectTime(ms, exact = true) {
    let i = this.frames.findIndex((f) => (exact ? f.ptsMillis === ms : f.ptsMillis >= ms && f.ptsMillis < ms + 1000));
    if (i < 0) i = this.nearest(ms);
    this.select(i);
  }

  selectSeq(seq) {
    const i = this.frames.findIndex((f) => f.seq === seq);
    if (i >= 0) this.select(i);
  }

  select(i) {
    if (i < 0 || i >= this.frames.length) return;
    this.index = i;
    const f = this.frames[i];
    this.root.setAttribute('aria-valuenow', String(i));
    this.root.setAttribute('aria-valuetext', `t=${label(f.ptsMillis)}, frame ${f.seq}`);
    this.root.dataset.selectedMs = String(f.ptsMillis);
    this.root.dataset.selectedSeq = String(f.seq);
    this.drawCursor();
    this.onSelect(f);
  }

  selected() {
    return this.index >= 0 ? this.frames[this.index] : null;
  }

  pick(e) {
    const rect = this.root.getBoundingClientRect();
    this.select(this.nearest(this.ms(e.clientX - rect.left)));
  }

  key(e) {
    const n = this.frames.length;
    if (n === 0) return;
    let i = this.index < 0 ? 0 : this.index;
    const step = (dir) => {
      if (e.shiftKey) {
        for (let j = i + dir; j >= 0 && j < n; j += dir) if (this.frames[j].keyframe) return j;
        return i;
      }
      return Math.min(n - 1, Math.max(0, i + dir));
    };
    if (e.key === 'ArrowRight') i = step(1);
    else if (e.key === 'ArrowLeft') i = step(-1);
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = n - 1;
    else return;
    e.preventDefault();
    this.select(i);
  }

  draw() {
    this.width = this.root.clientWidth || 800;
    const s = this.svg;
    s.setAttribute('width', String(this.width));
    s.setAttribute('viewBox', `0 0 ${this.width} ${HEIGHT}`);
    s.replaceChildren();
    for (const [name, [y, h]] of Object.entries(ROWS)) {
      const text = { FAST: 'FAST', SLOW: 'SLOW', FRAME: 'FRAME', gated: 'gated', novelty: 'novelty', marks: 'search' }[name];
      const t = svg('text', { x: '4', y: String(y + Math.min(h, 12) - 2), class: 'row-label' });
      t.textContent = text;
      s.append(t);
    }
    for (const e of this.entries) {
      const row = ROWS[e.tier];
      if (!row) continue;
      const x0 = this.x(e.fromMillis);
      const x1 = this.x(e.toMillis);
      s.append(
        svg('rect', {
          class: `band band-${e.tier}`,
          x: String(x0),
          y: String(row[0]),
          width: String(Math.max(2, x1 - x0)),
          height: String(row[1]),
        }),
      );
    }
    const [gy, gh] = ROWS.gated;
    for (const f of this.frames) {
      if (f.gated.length) {
        s.append(svg('rect', { class: 'gated', x: String(this.x(f.ptsMillis) - 0.5), y: String(gy), width: '1.5', height: String(gh) }));
      }
    }
    const [ny, nh] = ROWS.novelty;
    // scaled to the largest novelty after the first frame (which is new against an empty memory)
    const top = Math.max(1e-6, ...this.frames.slice(1).map((f) => f.novelty || 0));
    const pts = this.frames
      .filter((f) => f.novelty != null)
      .map((f) => `${this.x(f.ptsMillis).toFixed(1)},${(ny + nh - Math.min(1, f.novelty / top) * nh).toFixed(1)}`);
    this.root.dataset.noveltyMax = top.toFixed(4);
    if (pts.length) {
      s.append(svg('line', { class: 'axis', x1: String(GUTTER), x2: String(this.width - 8), y1: String(ny + nh), y2: String(ny + nh) }));
      s.append(svg('polyline', { class: 'novelty', points: pts.join(' ') }));
    }
    const [my, mh] = ROWS.marks;
    for (const ms of this.marks) {
      const x = this.x(ms);
      s.append(svg('path', { class: 'mark', d: `M${x - 5},${my} L${x + 5},${my} L${x},${my + mh} Z` }));
    }
    this.cursor = svg('line', { class: 'cursor', y1: '0', y2: String(HEIGHT) });
    s.append(this.cursor);
    this.drawThumbs();
    this.drawCursor();
  }

  drawThumbs() {
    this.thumbs.replaceChildren();
    const THUMB_W = matchMedia('(max-width: 700px)').matches ? 64 : 96; // as style.css sizes them
    let last = -Infinity;
    for (const f of this.frames) {
      if (!f.keyframe) continue;
      const x = Math.min(Math.max(this.x(f.ptsMillis) - THUMB_W / 2, GUTTER), this.width - THUMB_W);
      if (x < last + THUMB_W + 2) continue;
      last = x;
      const img = el('img', {
        class: 'thumb',
        alt: `keyframe t=${label(f.ptsMillis)}`,
        style: `left:${x}px`,
        draggable: 'false',
        dataset: { seq: String(f.seq), ms: String(f.ptsMillis) },
      });
      imageUrl(f.keyframe).then(
        (u) => (img.src = u),
        () => img.classList.add('missing'),
      );
      this.thumbs.append(img);
    }
  }

  drawCursor() {
    if (!this.cursor) return;
    const f = this.selected();
    this.cursor.style.display = f ? '' : 'none';
    if (f) {
      const x = String(this.x(f.ptsMillis));
      this.cursor.setAttribute('x1', x);
      this.cursor.setAttribute('x2', x);
    }
  }
}
