// Ask: a question about the stream, answered over server-sent events; every [t=...] citation and
// every evidence moment is a link that moves the timeline there.
import { postEvents, streamPath } from './api.js';
import { el, label, linkCitations, tagChips } from './format.js';

export function askPanel(streamId, hrefOf, onCite) {
  const question = el('textarea', { id: 'ask-question', name: 'question', rows: '2', maxlength: '2000', required: true, placeholder: 'When does the scene change? What happens after the truck leaves?' });
  const button = el('button', { type: 'submit', id: 'ask-submit' }, 'Ask');
  const out = el('div', { id: 'ask-output', 'aria-live': 'polite' });
  const form = el(
    'form',
    { id: 'ask-form', class: 'ask', onsubmit: (ev) => (ev.preventDefault(), ask()) },
    el('label', { for: 'ask-question' }, 'Question about this stream'),
    question,
    el('div', { class: 'row' }, button),
  );

  const cite = (ms, exact) => onCite(ms, exact);

  async function ask() {
    const q = question.value.trim();
    if (!q) return;
    button.disabled = true;
    const status = el('p', { class: 'muted', id: 'ask-status' }, 'Choosing the evidence…');
    const evidenceBox = el('div', { id: 'evidence-box' });
    const answerBox = el('div', { id: 'answer-box' });
    out.replaceChildren(status, answerBox, evidenceBox);
    let evidence = null;
    try {
      await postEvents(`${streamPath(streamId)}/ask/stream`, { question: q }, (name, data) => {
        if (name === 'evidence') {
          evidence = data;
          status.textContent = `Evidence chosen: ${data.evidence.length} moments, ${data.contextTokens} of ${data.tokenBudget} tokens; waiting for the answer…`;
          evidenceBox.replaceChildren(renderEvidence(data.evidence, data.relevance, [], hrefOf, cite));
        } else if (name === 'answer') {
          status.textContent = '';
          answerBox.replaceChildren(renderAnswer(data, hrefOf, cite));
          const cited = [...(data.citations || []), ...((data.extractive && data.extractive.citations) || [])];
          evidenceBox.replaceChildren(renderEvidence(data.evidence, data.relevance, cited, hrefOf, cite));
        } else if (name === 'error') {
          status.textContent = '';
          answerBox.replaceChildren(el('p', { class: 'error', role: 'alert' }, `The answer failed: ${data.detail || data.title || data}`));
        }
      });
      if (!evidence && status.textContent) status.textContent = 'No answer came back.';
    } catch (e) {
      status.textContent = '';
      answerBox.replaceChildren(el('p', { class: 'error', role: 'alert' }, `Could not ask: ${e.message}`));
    } finally {
      button.disabled = false;
    }
  }

  return el('section', { class: 'panel', id: 'ask' }, el('h2', {}, 'Ask'), form, out);
}

function renderAnswer(r, hrefOf, cite) {
  if (r.answer != null) {
    return el(
      'div',
      { class: 'answer model' },
      el('p', { class: 'label' }, `Answer from ${r.backend}${r.model ? ` (${r.model})` : ''}`),
      el('p', { class: 'answer-text' }, linkCitations(r.answer, hrefOf, cite)),
      usage(r),
    );
  }
  const x = r.extractive;
  return el(
    'div',
    { class: 'answer no-model' },
    el('p', { class: 'label' }, x ? 'No model answer: an extractive answer, evidence and summary (none of it model-generated)' : 'No model answer: evidence and summary only (not model-generated)'),
    el('p', { class: 'small' }, r.reason),
    x
      ? el(
          'div',
          { class: 'extractive' },
          el('p', { class: 'label small' }, x.label || 'Extractive answer, not model-generated'),
          el('p', { class: 'answer-text' }, linkCitations(x.text, hrefOf, cite)),
        )
      : null,
    r.summary
      ? el(
          'div',
          { class: 'summary' },
          el('p', { class: 'label small' }, r.summary.label || 'Summary, not model-generated'),
          el('p', { class: 'answer-text' }, linkCitations(r.summary.text, hrefOf, cite)),
        )
      : null,
    usage(r),
  );
}

function usage(r) {
  const u = r.usage;
  if (!u) return null;
  return el('p', { class: 'small muted' }, `${u.moments} moments, ${u.images} images, ${u.contextTokens} of ${u.tokenBudget} context tokens${u.promptTokens != null ? `; the model counted ${u.promptTokens} prompt and ${u.completionTokens} answer tokens` : ''}.`);
}

function why(m, relevance) {
  if (m.relevance && typeof m.relevance === 'object') {
    // {score, basis}: the bridge says in words why the moment was chosen
    return m.relevance.basis || m.role;
  }
  if (m.role === 'detail') {
    return m.relevance != null
      ? `slow-tier detail, relevance ${m.relevance.toFixed(2)} to the question`
      : `slow-tier detail, ranked by ${relevance && relevance.includes('novelty') ? 'novelty' : relevance || 'novelty'} (${m.novelty.toFixed(2)})`;
  }
  return `even time coverage (${m.tier} tier)`;
}

function renderEvidence(moments, relevance, cited, hrefOf, cite) {
  const citedSeqs = new Set(cited.map((c) => c.seq));
  return el(
    'div',
    {},
    el('h3', {}, `Evidence (${moments.length} moments)`),
    relevance ? el('p', { class: 'small muted' }, `Detail ranking: ${relevance}`) : null,
    el(
      'ol',
      { id: 'evidence', class: 'evidence' },
      moments.map((m) =>
        el(
          'li',
          { class: citedSeqs.has(m.seq) ? 'cited' : null, dataset: { seq: String(m.seq), ms: String(m.ptsMillis) } },
          el(
            'a',
            {
              class: 'cite',
              href: hrefOf(m.ptsMillis),
              dataset: { ms: String(m.ptsMillis) },
              onclick: (ev) => {
                ev.preventDefault();
                cite(m.ptsMillis, true);
              },
            },
            `[t=${m.time || label(m.ptsMillis)}]`,
          ),
          ' ',
          el('span', { class: `pill tier-${m.tier}` }, m.tier),
          ' ',
          why(m, relevance),
          `, ${m.tokens} token${m.tokens === 1 ? '' : 's'}`,
          m.keyframe ? ', keyframe' : '',
          (m.tags || []).length ? [' ', tagChips(m.tags)] : null,
          citedSeqs.has(m.seq) ? el('strong', {}, ' · cited') : '',
        ),
      ),
    ),
  );
}
