// A moment shown large: its keyframe (or the nearest one, said so) with an overlay of the encoder
// patches its kept tokens come from, per tier, and the keyframe's tags.
import { getJson, imageUrl, streamPath } from './api.js';
import { el, label, tagChips } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export class MomentView {
  constructor(streamId) {
    this.streamId = streamId;
    this.tier = null;
    this.root = el('section', { class: 'panel moment', id: 'moment', 'aria-live': 'polite' });
    this.root.append(el('p', { class: 'muted' }, 'Click the timeline, or use the arrow keys on it, to see a moment.'));
    this.request = 0;
  }

  /** Shows frame f (from the timeline); nearestKeyframe(f) gives a frame that has a keyframe. */
  async show(f, nearestKeyframe) {
    const n = ++this.request;
    let detail;
    try {
      detail = await getJson(`${streamPath(this.streamId)}/moments/${f.seq}?at=${f.ptsMillis}`);
    } catch (e) {
      if (n === this.request) this.root.replaceChildren(el('p', { class: 'error' }, `Could not load frame ${f.seq}: ${e.message}`));
      return;
    }
    if (n !== this.request) return;
    const shown = detail.keyframe ? { link: detail.keyframe.link, f } : null;
    const near = shown ? null : nearestKeyframe(f);
    const link = shown ? shown.link : near ? near.keyframe : null;
    this.render(detail, link, near);
  }

  render(d, link, near) {
    const tiers = d.tiers.map((t) => t.tier);
    if (!tiers.includes(this.tier)) this.tier = ['SLOW', 'FAST', 'FRAME'].find((t) => tiers.includes(t)) || null;
    const figure = el('div', { class: 'frame' });
    const img = link
      ? el('img', { id: 'moment-image', alt: `keyframe of frame ${d.seq}` })
      : el('div', { id: 'moment-image', class: 'blank', role: 'img', 'aria-label': 'no keyframe held' });
    const overlay = svg('svg', { class: 'overlay', preserveAspectRatio: 'none' });
    figure.append(img, overlay);
    if (link) {
      imageUrl(link).then(
        (u) => {
          img.src = u;
          img.dataset.link = link;
        },
        (e) => figure.append(el('p', { class: 'error' }, `keyframe: ${e.message}`)),
      );
    }
    const caption = link
      ? near
        ? `No keyframe is held for this frame; shown: the nearest keyframe, t=${label(near.ptsMillis)} (frame ${near.seq}). The overlay is this frame's tokens.`
        : 'Keyframe of this frame.'
      : 'No keyframe is held near this frame (keyframes are kept for slow frames, for the keyframe retention).';
    const choose = el(
      'div',
      { class: 'tiers', role: 'radiogroup', 'aria-label': 'Tokens of tier' },
      d.tiers.map((t) =>
        el(
          'label',
          {},
          el('input', {
            type: 'radio',
            name: 'overlay-tier',
            value: t.tier,
            checked: t.tier === this.tier,
            onchange: () => {
              this.tier = t.tier;
              this.drawOverlay(overlay, d);
              this.root.querySelector('.overlay-note').textContent = this.note(d);
            },
          }),
          ` ${t.tier} (${t.tokens.length})`,
        ),
      ),
    );
    const facts = el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'Time'),
      el('dd', { id: 'moment-time' }, `t=${label(d.ptsMillis)}`),
      el('dt', {}, 'Frame'),
      el('dd', { id: 'moment-seq' }, String(d.seq)),
      el('dt', {}, 'Novelty'),
      el('dd', {}, d.novelty == null ? '–' : d.novelty.toFixed(3)),
      el('dt', {}, 'Tokens kept'),
      el('dd', {}, d.tiers.length ? d.tiers.map((t) => `${t.tier} ${t.tokens.length} of ${t.gridRows * t.gridCols} patches (${t.chain.join(' > ')})`).join('; ') : 'none'),
      d.gated.length ? [el('dt', {}, 'Gated'), el('dd', { class: 'gated-text' }, `dropped by the ${d.gated.join(', ')} chain`)] : null,
      d.keyframe && d.keyframe.tags.length
        ? [el('dt', {}, 'Tags'), el('dd', {}, tagChips(d.keyframe.tags))]
        : null,
    );
    this.root.replaceChildren(
      el('h2', {}, `Moment t=${label(d.ptsMillis)}`),
      el('div', { class: 'moment-grid' }, el('div', {}, figure, el('p', { class: 'small muted' }, caption)), el('div', {}, choose, el('p', { class: 'small overlay-note' }, this.note(d)), facts)),
    );
    this.drawOverlay(overlay, d);
  }

  note(d) {
    const t = d.tiers.find((x) => x.tier === this.tier);
    if (!t) return 'No tier holds tokens of this frame.';
    const tags = d.keyframe && d.keyframe.tags.length ? ' Dashed boxes: the keyframe\'s tags.' : '';
    return `Highlighted: the ${t.tokens.length} patches of the ${t.gridRows}×${t.gridCols} encoder grid that ${t.tier} tokens come from (a merged token is drawn at its mean position, sized by how many patches it stands for).${tags}`;
  }

  drawOverlay(overlay, d) {
    overlay.replaceChildren();
    const t = d.tiers.find((x) => x.tier === this.tier);
    const tags = d.keyframe ? d.keyframe.tags : [];
    const rows = t ? t.gridRows : 1;
    const cols = t ? t.gridCols : 1;
    overlay.setAttribute('viewBox', `0 0 ${cols} ${rows}`);
    if (t) {
      for (let c = 1; c < cols; c++) overlay.append(svg('line', { class: 'grid', x1: c, x2: c, y1: 0, y2: rows }));
      for (let r = 1; r < rows; r++) overlay.append(svg('line', { class: 'grid', x1: 0, x2: cols, y1: r, y2: r }));
      for (const p of t.tokens) {
        const size = Math.min(Math.max(1, Math.sqrt(p.span)), Math.max(rows, cols));
        overlay.append(
          svg('rect', {
            class: 'token',
            x: String(p.col + 0.5 - size / 2),
            y: String(p.row + 0.5 - size / 2),
            width: String(size),
            height: String(size),
          }),
        );
      }
    }
    for (const tag of tags) {
      const box = svg('rect', { class: 'tag-box', x: tag.x * cols, y: tag.y * rows, width: tag.w * cols, height: tag.h * rows });
      const title = svg('title');
      title.textContent = `${tag.label} ${Number(tag.score).toFixed(2)}`;
      box.append(title);
      overlay.append(box);
    }
  }
}
