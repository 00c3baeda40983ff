// dyad's page: filters kept in the URL, a dyad chart, alerts, a timeline of events, a map of
// their places, the document an event came from with its sentence marked, and CSV/JSON downloads.
// Plain ES module, no dependencies. All text from the API goes into the DOM as text nodes.

const SVG_NS = 'http://www.w3.org/2000/svg';
// Filters the API takes (sent to every endpoint) and the page-only parameter `by` (chart period).
const FILTERS = ['actor', 'source', 'target', 'dyad', 'code', 'root', 'quad', 'from', 'to', 'country', 'text', 'level'];
const PARAMS = [...FILTERS, 'by'];
const PAGE_SIZE = 100;
const QUAD_NAMES = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };
const QUAD_COLORS = { 1: '#8fb8de', 2: '#2f6fae', 3: '#f0a04b', 4: '#c8362d' };
// Trend bands shaded on the chart: the alerting ones.
const ALERT_BANDS = {
  'large increase': { cls: 'band-large-increase', color: '#c8362d', opacity: 0.16 },
  'moderate increase': { cls: 'band-moderate-increase', color: '#f0a04b', opacity: 0.18 },
  'large decrease': { cls: 'band-large-decrease', color: '#3f9a7a', opacity: 0.16 },
};

const $ = (id) => document.getElementById(id);

// ---------- small DOM helpers ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function svgTitle(text) {
  return s('title', null, text);
}

function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

function fmtNum(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(Number(x))) return '–';
  const n = Number(x);
  return (n > 0 ? '+' : n < 0 ? '−' : '') + Math.abs(n).toFixed(digits);
}

// ---------- state ----------

const state = {
  params: new URLSearchParams(), // current filters + by
  records: [], // fetched event records (mentions or clusters), in API order
  nextOffset: null,
  level: 'mention',
  generation: 0, // bumps on every reload; stale responses are dropped
  controller: null,
  topo: null, // decoded country outlines
  series: null,
  selected: null, // event_id of the open event
  openToken: 0, // bumps on every click; only the last one renders
  mapWorld: false,
  blobUrls: [],
};

function readUrl() {
  const q = new URLSearchParams(location.search);
  const p = new URLSearchParams();
  for (const k of PARAMS) {
    const v = (q.get(k) || '').trim();
    if (v) p.set(k, v);
  }
  return p;
}

function fillForm(p) {
  const form = $('filters');
  for (const k of PARAMS) {
    const el = form.elements.namedItem(k);
    if (!el) continue;
    el.value = p.get(k) || '';
    if (el.tagName === 'SELECT' && el.value !== (p.get(k) || '')) el.value = '';
    el.removeAttribute('aria-invalid');
  }
}

function readForm() {
  const form = $('filters');
  const p = new URLSearchParams();
  for (const k of PARAMS) {
    const el = form.elements.namedItem(k);
    let v = el ? el.value.trim() : '';
    if (['actor', 'source', 'target', 'dyad', 'country'].includes(k)) v = v.toUpperCase();
    if (v) p.set(k, v);
  }
  return p;
}

function apiQuery(extra) {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (state.params.get(k)) q.set(k, state.params.get(k));
  for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined) q.set(k, v);
  return q.toString();
}

// ---------- fetching ----------

class ApiError extends Error {
  constructor(message, parameter, status) {
    super(message);
    this.parameter = parameter;
    this.status = status;
  }
}

async function getJson(path, signal) {
  let res;
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(`cannot reach the server (${e.message})`, null, 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const err = body && body.error;
    const msg = err && err.message ? err.message : `HTTP ${res.status} from ${path.split('?')[0]}`;
    throw new ApiError(msg, err ? err.parameter ?? null : null, res.status);
  }
  if (body === null) throw new ApiError(`bad JSON from ${path.split('?')[0]}`, null, res.status);
  return body;
}

function setStatus(text, kind) {
  const el = $('status');
  el.textContent = text;
  el.className = 'status' + (kind ? ' ' + kind : '');
}

function showError(e) {
  if (e && e.name === 'AbortError') return;
  const param = e && e.parameter;
  setStatus(param ? `Error in “${param}”: ${e.message}` : `Error: ${e ? e.message : 'unknown'}`, 'error');
  const el = param ? $('filters').elements.namedItem(param) : null;
  if (el) el.setAttribute('aria-invalid', 'true');
}

async function reload() {
  const gen = ++state.generation;
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  const signal = controller.signal;
  state.level = state.params.get('level') === 'cluster' ? 'cluster' : 'mention';
  state.records = [];
  state.nextOffset = null;
  setStatus('Loading…', 'busy');
  const by = state.params.get('by') || 'week';
  const events = getJson(`/api/events?${apiQuery({ limit: PAGE_SIZE, offset: 0 })}`, signal);
  const series = getJson(`/api/series?${apiQuery({ by })}`, signal);
  const alerts = getJson(`/api/alerts?${apiQuery({ by })}`, signal);
  const actors = getJson(`/api/actors?${apiQuery({ limit: 12 })}`, signal);
  const results = await Promise.allSettled([events, series, alerts, actors]);
  if (gen !== state.generation) return;
  const [ev, se, al, ac] = results;
  let firstError = null;
  if (ev.status === 'fulfilled') {
    state.records = Array.isArray(ev.value.events) ? ev.value.events : [];
    state.nextOffset = ev.value.next_offset ?? null;
    state.level = ev.value.level === 'cluster' ? 'cluster' : state.level;
  } else firstError = ev.reason;
  renderTimeline();
  renderMap();
  renderDownloads();
  if (se.status === 'fulfilled') {
    state.series = se.value;
    renderChart(se.value);
  } else {
    state.series = null;
    renderChart(null);
    firstError = firstError || se.reason;
  }
  if (al.status === 'fulfilled') renderAlerts(al.value.alerts);
  else {
    renderAlerts([]);
    firstError = firstError || al.reason;
  }
  if (ac.status === 'fulfilled') renderActors(ac.value.actors);
  else renderActors([]);
  if (firstError) showError(firstError);
  else setStatus(summary());
}

function summary() {
  const n = state.records.length;
  const what = state.level === 'cluster' ? 'cluster' : 'event';
  const more = state.nextOffset !== null ? ' (more available)' : '';
  const f = FILTERS.filter((k) => state.params.get(k)).map((k) => `${k}=${state.params.get(k)}`);
  return `${n} ${what}${n === 1 ? '' : 's'} shown${more}${f.length ? ' · ' + f.join(', ') : ''}`;
}

async function loadMore() {
  if (state.nextOffset === null) return;
  const gen = state.generation;
  const btn = $('more');
  btn.disabled = true;
  try {
    const body = await getJson(`/api/events?${apiQuery({ limit: PAGE_SIZE, offset: state.nextOffset })}`, state.controller?.signal);
    if (gen !== state.generation) return;
    state.records = state.records.concat(Array.isArray(body.events) ? body.events : []);
    state.nextOffset = body.next_offset ?? null;
    renderTimeline();
    renderMap();
    renderDownloads();
    setStatus(summary());
  } catch (e) {
    showError(e);
  } finally {
    btn.disabled = false;
  }
}

// ---------- records: one shape for mentions and clusters ----------

function norm(r) {
  if (state.level === 'cluster' || r.num_mentions !== undefined) {
    return {
      kind: 'cluster',
      id: r.first_event_id ?? `cluster-${r.cluster_id}`,
      cluster_id: r.cluster_id ?? null,
      doc_id: r.first_doc_id ?? null,
      sentence_index: null,
      date_start: r.date_start ?? null,
      date_end: r.date_end ?? null,
      date_precision: null,
      date_text: null,
      source: r.source ?? null,
      target: r.target ?? null,
      cameo: r.cameo ?? '',
      root: r.root ?? '',
      quad_class: r.quad_class ?? null,
      goldstein: r.goldstein ?? null,
      plover: r.plover ?? null,
      country: r.country ?? null,
      place: null,
      lat: null,
      lon: null,
      fatalities: null,
      verb_rule: null,
      sentence: r.sentence ?? '',
      num_mentions: r.num_mentions ?? null,
      num_articles: r.num_articles ?? null,
      num_sources: r.num_sources ?? null,
    };
  }
  const loc = r.location || null;
  const d = r.date || {};
  return {
    kind: 'mention',
    id: r.event_id,
    cluster_id: r.cluster_id ?? null,
    doc_id: r.doc_id ?? null,
    sentence_index: r.sentence_index ?? null,
    date_start: d.start ?? null,
    date_end: d.end ?? null,
    date_precision: d.precision ?? null,
    date_text: d.text ?? null,
    source: r.source ? r.source.code ?? null : null,
    target: r.target ? r.target.code ?? null : null,
    cameo: r.cameo ?? '',
    root: r.root ?? '',
    quad_class: r.quad_class ?? null,
    goldstein: r.goldstein ?? null,
    plover: r.plover ?? null,
    country: loc ? loc.country ?? null : null,
    place: loc ? loc.name ?? loc.text ?? null : null,
    lat: loc && Number.isFinite(loc.lat) ? loc.lat : null,
    lon: loc && Number.isFinite(loc.lon) ? loc.lon : null,
    loc_precision: loc ? loc.precision ?? null : null,
    fatalities: r.fatalities ?? null,
    verb_rule: r.verb ? r.verb.rule ?? null : null,
    sentence: r.sentence ?? '',
    num_mentions: null,
    num_articles: null,
    num_sources: null,
  };
}

function dateLabel(n) {
  if (!n.date_start) return 'undated';
  let t = n.date_start;
  if (n.date_end && n.date_end !== n.date_start) t += ` – ${n.date_end}`;
  return t;
}

// ---------- timeline ----------

function renderTimeline() {
  const ul = $('timeline');
  clear(ul);
  const recs = state.records.map(norm);
  $('count').textContent = recs.length ? `(${recs.length}${state.nextOffset !== null ? '+' : ''})` : '';
  if (!recs.length) {
    ul.append(h('li', { class: 'empty muted' }, 'No events match these filters.'));
  }
  for (const n of recs) {
    const li = h(
      'li',
      {
        class: `event q${n.quad_class ?? 0}` + (n.id === state.selected ? ' selected' : ''),
        tabindex: 0,
        role: 'button',
        'aria-label': `${dateLabel(n)} ${n.source ?? '?'} to ${n.target ?? '?'} CAMEO ${n.cameo}`,
        dataset: {
          eventId: n.id,
          docId: n.doc_id ?? '',
          sentenceIndex: n.sentence_index ?? '',
          cameo: n.cameo,
          quad: n.quad_class ?? '',
        },
        onclick: () => openEvent(n.doc_id, n.sentence_index, n.id, n),
        onkeydown: (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            openEvent(n.doc_id, n.sentence_index, n.id, n);
          }
        },
      },
      h(
        'div',
        { class: 'event-head' },
        h('span', { class: 'date' }, dateLabel(n), n.date_precision ? h('span', { class: 'precision' }, n.date_precision) : null),
        h('span', { class: 'dyad' }, n.source ?? '—', ' → ', n.target ?? '—'),
        h('span', { class: 'badges' },
          h('span', { class: 'badge cameo', title: n.plover ? `PLOVER ${n.plover}` : null }, n.cameo),
          h('span', { class: 'badge gold', title: 'Goldstein' }, 'G ', fmtNum(n.goldstein)),
          h('span', { class: `badge quad q${n.quad_class ?? 0}`, title: QUAD_NAMES[n.quad_class] || 'QuadClass' }, 'Q', n.quad_class ?? '?'),
          n.kind === 'cluster'
            ? h('span', { class: 'badge', title: `${n.num_articles ?? 0} articles, ${n.num_sources ?? 0} sources` }, `×${n.num_mentions ?? 0}`)
            : null,
          n.place ? h('span', { class: 'badge place' }, n.place) : null),
      ),
      h('p', { class: 'sentence' }, n.sentence),
    );
    ul.append(li);
  }
  $('more').hidden = state.nextOffset === null;
}

// ---------- actors ----------

function renderActors(actors) {
  const ul = $('actors');
  clear(ul);
  for (const a of Array.isArray(actors) ? actors : []) {
    if (!a || !a.code) continue;
    ul.append(
      h('li', null,
        h('button', {
          type: 'button',
          class: 'chip',
          title: `${a.code}: ${a.events ?? 0} events (${a.as_source ?? 0} as source, ${a.as_target ?? 0} as target). Click to filter.`,
          dataset: { actor: a.code },
          onclick: () => {
            $('f-actor').value = a.code;
            applyForm(true);
          },
        }, a.code, h('span', { class: 'chip-n' }, a.events ?? 0))),
    );
  }
}

// ---------- alerts ----------

function renderAlerts(alerts) {
  const ul = $('alerts');
  clear(ul);
  const list = Array.isArray(alerts) ? alerts : [];
  if (!list.length) {
    ul.append(h('li', { class: 'empty muted' }, 'No alerts for these filters.'));
    return;
  }
  for (const a of list) {
    const evs = Array.isArray(a.events) ? a.events : [];
    ul.append(
      h('li', { class: `alert rule-${a.rule ?? 'unknown'}`, dataset: { rule: a.rule ?? '' } },
        h('div', { class: 'alert-head' },
          h('span', { class: 'badge rule' }, a.rule ?? 'alert'),
          a.band ? h('span', { class: 'badge band' }, a.band) : null,
          h('span', { class: 'message' }, a.message ?? `${a.period ?? ''}`)),
        evs.length
          ? h('ul', { class: 'alert-events' },
            evs.map((e) =>
              h('li', null,
                h('button', {
                  type: 'button',
                  class: 'alert-event',
                  dataset: { eventId: e.event_id ?? '', docId: e.doc_id ?? '', sentenceIndex: e.sentence_index ?? '' },
                  onclick: () => openEvent(e.doc_id, e.sentence_index, e.event_id, null),
                },
                h('span', { class: 'muted' }, `${e.date ?? ''} ${e.cameo ?? ''} ${e.source ?? '—'} → ${e.target ?? '—'} `),
                e.sentence ?? '')))) : null),
    );
  }
}

// ---------- detail: the document with the sentence marked ----------

async function openEvent(docId, sentenceIndex, eventId, rec) {
  if (!docId) {
    setStatus('This record names no document.', 'error');
    return;
  }
  state.selected = eventId ?? null;
  for (const li of $('timeline').querySelectorAll('li[data-event-id]')) {
    li.classList.toggle('selected', li.dataset.eventId === eventId);
  }
  const token = ++state.openToken;
  const base = `/api/documents/${encodeURIComponent(docId)}`;
  try {
    let doc;
    let idx = sentenceIndex === '' || sentenceIndex === undefined ? null : sentenceIndex;
    if (idx === null) {
      // A cluster names its first mention's event id but not its sentence: look it up.
      doc = await getJson(base);
      const m = (doc.events || []).find((e) => e.event_id === eventId);
      idx = m ? m.sentence_index : null;
      if (idx !== null && idx !== undefined) doc = await getJson(`${base}?sentence=${encodeURIComponent(idx)}`);
    } else {
      doc = await getJson(`${base}?sentence=${encodeURIComponent(idx)}`);
    }
    if (token !== state.openToken) return; // a later click won
    const mention = (doc.events || []).find((e) => e.event_id === eventId) || null;
    renderDetail(doc, mention, rec);
  } catch (e) {
    showError(e);
  }
}

function field(dl, name, ...value) {
  const vals = value.flat().filter((v) => v !== null && v !== undefined && v !== '');
  dl.append(h('dt', null, name), h('dd', null, vals.length ? vals : h('span', { class: 'muted' }, '—')));
}

function actorField(a) {
  if (!a) return null;
  return [
    a.code ? h('code', null, a.code) : null,
    a.text ? ` “${a.text}”` : null,
    a.entry ? h('span', { class: 'muted' }, ` ${a.entry}`) : null,
    a.country ? h('span', { class: 'muted' }, ` (${a.country})`) : null,
  ];
}

function renderDetail(doc, m, rec) {
  $('detail-empty').hidden = true;
  $('detail-body').hidden = false;
  const dl = $('detail-fields');
  clear(dl);
  const n = rec || (m ? norm(m) : null);
  if (rec && rec.kind === 'cluster') {
    field(dl, 'Cluster', `#${rec.cluster_id ?? '?'}`, ` · ${rec.num_mentions ?? 0} mentions, ${rec.num_articles ?? 0} articles, ${rec.num_sources ?? 0} sources`);
  }
  if (m) {
    field(dl, 'Event', h('code', null, m.event_id), m.cluster_id !== null && m.cluster_id !== undefined ? h('span', { class: 'muted' }, ` cluster ${m.cluster_id}`) : null);
    field(dl, 'Code', h('code', null, m.cameo ?? ''), m.plover ? ` ${m.plover}` : null, ` · Q${m.quad_class ?? '?'} ${QUAD_NAMES[m.quad_class] ?? ''}`, ` · Goldstein ${fmtNum(m.goldstein)}`);
    field(dl, 'Source', actorField(m.source));
    field(dl, 'Target', actorField(m.target));
    const d = m.date || {};
    field(dl, 'Date', d.start ?? null, d.end && d.end !== d.start ? ` – ${d.end}` : null, d.precision ? h('span', { class: 'precision' }, d.precision) : null, d.text ? ` “${d.text}”` : null);
    const loc = m.location;
    field(
      dl,
      'Place',
      loc
        ? [
          loc.name ?? loc.text ?? '',
          loc.admin1 ? `, ${loc.admin1}` : null,
          loc.country ? ` (${loc.country})` : null,
          loc.precision ? h('span', { class: 'precision' }, loc.precision) : null,
          Number.isFinite(loc.lat) && Number.isFinite(loc.lon) ? h('span', { class: 'muted' }, ` ${loc.lat.toFixed(4)}, ${loc.lon.toFixed(4)}`) : null,
          loc.text && loc.text !== loc.name ? h('span', { class: 'muted' }, ` “${loc.text}”`) : null,
        ]
        : null,
    );
    field(dl, 'Fatalities', m.fatalities ?? null, m.fatalities_text ? ` “${m.fatalities_text}”` : null);
    const v = m.verb || {};
    field(dl, 'Verb', v.text ? `“${v.text}”` : null);
    field(dl, 'Rule', v.rule ? h('code', null, v.rule) : null);
    field(dl, 'Rules', (Array.isArray(v.rules) ? v.rules : []).map((r) => h('span', { class: 'badge rulename' }, r)));
  } else if (n) {
    field(dl, 'Event', h('code', null, n.id ?? ''));
    field(dl, 'Code', n.cameo, ` · Q${n.quad_class ?? '?'} · Goldstein ${fmtNum(n.goldstein)}`);
    field(dl, 'Dyad', `${n.source ?? '—'} → ${n.target ?? '—'}`);
    field(dl, 'Date', dateLabel(n));
  }
  field(dl, 'Document', h('code', null, doc.id ?? ''), doc.date ? ` · ${doc.date}` : null, doc.title ? ` · ${doc.title}` : null, doc.source ? ` · ${doc.source}` : null);
  if (doc.url) {
    let href = null;
    try {
      const u = new URL(doc.url);
      if (u.protocol === 'http:' || u.protocol === 'https:') href = u.href;
    } catch { /* not a URL */ }
    if (href) field(dl, 'URL', h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, doc.url));
  }

  const box = $('document');
  clear(box);
  const mk = doc.marked;
  if (mk) {
    const mark = h('mark', { id: 'marked-sentence', dataset: { sentenceIndex: mk.index ?? '' } }, mk.sentence ?? '');
    box.append(document.createTextNode(mk.before ?? ''), mark, document.createTextNode(mk.after ?? ''));
    // Scroll the document box (not the page) so the marked sentence is in view.
    requestAnimationFrame(() => {
      box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
    });
  } else {
    box.append(document.createTextNode(doc.text ?? ''));
  }

  const ul = $('doc-events');
  clear(ul);
  const others = (doc.events || []).filter((e) => !m || e.event_id !== m.event_id);
  if (!others.length) ul.append(h('li', { class: 'muted' }, 'none'));
  for (const e of others) {
    ul.append(h('li', null, h('button', {
      type: 'button',
      class: 'linkish',
      dataset: { eventId: e.event_id },
      onclick: () => openEvent(doc.id, e.sentence_index, e.event_id, null),
    }, `#${e.sentence_index} ${e.cameo} ${e.source?.code ?? '—'} → ${e.target?.code ?? '—'} (G ${fmtNum(e.goldstein)})`)));
  }
}

// ---------- chart ----------

function niceMax(x) {
  if (x <= 5) return Math.max(1, Math.ceil(x));
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

function renderChart(series) {
  const svg = $('chart');
  clear(svg);
  const W = 960, H = 260, ml = 44, mr = 44, mt = 14, mb = 40;
  const pw = W - ml - mr, ph = H - mt - mb;
  const rows = series && Array.isArray(series.rows) ? series.rows : [];
  renderChartLegend();
  if (!rows.length) {
    svg.append(s('text', { x: W / 2, y: H / 2, class: 'chart-empty', 'text-anchor': 'middle' }, series ? 'No events for these filters.' : 'No series.'));
    return;
  }
  const n = rows.length;
  const band = pw / n;
  const bw = Math.max(1, Math.min(40, band * 0.78));
  const maxCount = niceMax(Math.max(1, ...rows.map((r) => (r.quad1 || 0) + (r.quad2 || 0) + (r.quad3 || 0) + (r.quad4 || 0))));
  const y = (c) => mt + ph - (c / maxCount) * ph;
  const yg = (g) => mt + ph / 2 - (g / 10) * (ph / 2);
  const x = (i) => ml + i * band;

  // Alert bands behind everything.
  const bands = s('g', { class: 'alert-bands' });
  rows.forEach((r, i) => {
    const b = r.trend && r.trend.band;
    const style = b && ALERT_BANDS[b];
    if (!style) return;
    const change = r.trend.change === null || r.trend.change === undefined ? '' : ` (${fmtNum(r.trend.change * 100, 0)}% vs baseline ${r.trend.baseline ?? '?'})`;
    bands.append(s('rect', {
      class: `alert-band ${style.cls}`, x: x(i), y: mt, width: band, height: ph,
      fill: style.color, 'fill-opacity': style.opacity, dataset: { period: r.period ?? '' },
    }, svgTitle(`${r.period}: ${b}${change}`)));
  });
  svg.append(bands);

  // Axes and grid.
  const axes = s('g', { class: 'axes' });
  const ticks = maxCount <= 5 ? maxCount : 5;
  for (let t = 0; t <= ticks; t++) {
    const c = (maxCount / ticks) * t;
    axes.append(s('line', { x1: ml, x2: ml + pw, y1: y(c), y2: y(c), class: 'grid' }));
    axes.append(s('text', { x: ml - 6, y: y(c) + 4, 'text-anchor': 'end', class: 'tick' }, Number.isInteger(c) ? c : c.toFixed(1)));
  }
  for (const g of [-10, -5, 0, 5, 10]) {
    axes.append(s('text', { x: ml + pw + 6, y: yg(g) + 4, class: 'tick gold-tick' }, g > 0 ? `+${g}` : g));
  }
  axes.append(s('line', { x1: ml, x2: ml + pw, y1: yg(0), y2: yg(0), class: 'zero' }));
  axes.append(s('text', { x: 12, y: mt + ph / 2, class: 'axis-label', transform: `rotate(-90 12 ${mt + ph / 2})`, 'text-anchor': 'middle' }, 'events'));
  axes.append(s('text', { x: W - 8, y: mt + ph / 2, class: 'axis-label', transform: `rotate(90 ${W - 8} ${mt + ph / 2})`, 'text-anchor': 'middle' }, 'mean Goldstein'));
  const step = Math.max(1, Math.ceil(n / 10));
  rows.forEach((r, i) => {
    if (i % step !== 0) return;
    const cx = x(i) + band / 2;
    axes.append(s('line', { x1: cx, x2: cx, y1: mt + ph, y2: mt + ph + 4, class: 'tickmark' }));
    axes.append(s('text', { x: cx, y: mt + ph + 17, 'text-anchor': 'middle', class: 'tick' }, r.period ?? r.start ?? ''));
  });
  svg.append(axes);

  // Stacked bars.
  const bars = s('g', { class: 'bars' });
  rows.forEach((r, i) => {
    let acc = 0;
    const bx = x(i) + (band - bw) / 2;
    const g = s('g', { class: 'period', dataset: { period: r.period ?? '' } });
    const total = r.events ?? (r.quad1 || 0) + (r.quad2 || 0) + (r.quad3 || 0) + (r.quad4 || 0);
    const trend = r.trend && r.trend.band ? `; trend ${r.trend.band}` : '';
    g.append(svgTitle(`${r.period} (${r.start ?? ''} – ${r.end ?? ''}): ${total} events; Q1 ${r.quad1 || 0}, Q2 ${r.quad2 || 0}, Q3 ${r.quad3 || 0}, Q4 ${r.quad4 || 0}; mean Goldstein ${fmtNum(r.goldstein_mean, 2)}${trend}`));
    for (const q of [1, 2, 3, 4]) {
      const c = r[`quad${q}`] || 0;
      if (c <= 0) continue;
      g.append(s('rect', { class: `bar q${q}`, x: bx, width: bw, y: y(acc + c), height: y(acc) - y(acc + c), fill: QUAD_COLORS[q], dataset: { quad: q, count: c } }));
      acc += c;
    }
    // A transparent hit area so the tooltip works on empty periods too.
    g.append(s('rect', { class: 'hit', x: x(i), y: mt, width: band, height: ph, fill: 'transparent' }));
    bars.append(g);
  });
  svg.append(bars);

  // Mean Goldstein line over the periods that have events.
  const pts = rows.map((r, i) => [r, i]).filter(([r]) => (r.events || 0) > 0 && Number.isFinite(r.goldstein_mean));
  if (pts.length) {
    const line = s('g', { class: 'gold-line' });
    // One polyline per run of consecutive periods with events: no line across empty periods.
    let run = [];
    const flush = () => {
      if (run.length > 1) line.append(s('polyline', { points: run.map(([r, i]) => `${(x(i) + band / 2).toFixed(1)},${yg(r.goldstein_mean).toFixed(1)}`).join(' '), fill: 'none' }));
      run = [];
    };
    for (const p of pts) {
      if (run.length && p[1] !== run[run.length - 1][1] + 1) flush();
      run.push(p);
    }
    flush();
    for (const [r, i] of pts) {
      line.append(s('circle', { cx: x(i) + band / 2, cy: yg(r.goldstein_mean), r: 3.2 }, svgTitle(`${r.period}: mean Goldstein ${fmtNum(r.goldstein_mean, 2)}`)));
    }
    svg.append(line);
  }
}

function renderChartLegend() {
  const el = $('chart-legend');
  if (el.childNodes.length) return;
  for (const q of [1, 2, 3, 4]) {
    el.append(h('span', { class: 'key' }, h('span', { class: 'swatch', style: `background:${QUAD_COLORS[q]}` }), `Q${q} ${QUAD_NAMES[q]}`));
  }
  el.append(h('span', { class: 'key' }, h('span', { class: 'swatch line' }), 'mean Goldstein (right axis)'));
  for (const [name, st] of Object.entries(ALERT_BANDS)) {
    el.append(h('span', { class: 'key' }, h('span', { class: 'swatch band', style: `background:${st.color};opacity:${Math.min(1, st.opacity * 3)}` }), `trend: ${name}`));
  }
}

// ---------- map ----------

const MAP_W = 960, MAP_H = 480;
const project = (lon, lat) => [((lon + 180) / 360) * MAP_W, ((90 - lat) / 180) * MAP_H];

// Decode a TopoJSON topology (quantized, delta-encoded arcs) into one SVG path string per country.
function decodeTopology(topo) {
  const tf = topo.transform;
  const arcs = (topo.arcs || []).map((arc) => {
    let x = 0, y = 0;
    return arc.map((p) => {
      if (!tf) return [p[0], p[1]];
      x += p[0];
      y += p[1];
      return [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]];
    });
  });
  const ring = (indices) => {
    const pts = [];
    for (const i of indices) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      if (!a) continue;
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    return pts;
  };
  const draw = (pts, shift) => pts.map((p, k) => {
    const [px, py] = project(p[0] + shift, p[1]);
    return `${k ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
  }).join('') + 'Z';
  // A ring crossing the antimeridian (Russia's Chukotka, Fiji) jumps by ~360° of longitude:
  // unwrap it into one continuous ring, and draw it again shifted by 360° where it runs off
  // an edge, so no line crosses the whole map.
  const ringPath = (pts) => {
    if (pts.length < 3) return '';
    const un = [];
    let off = 0;
    pts.forEach((p, k) => {
      if (k) {
        const d = p[0] + off - un[k - 1][0];
        if (d > 180) off -= 360;
        else if (d < -180) off += 360;
      }
      un.push([p[0] + off, p[1]]);
    });
    const lons = un.map((p) => p[0]);
    let d = draw(un, 0);
    if (Math.max(...lons) > 180) d += draw(un, -360);
    if (Math.min(...lons) < -180) d += draw(un, 360);
    return d;
  };
  const obj = topo.objects && (topo.objects.countries || Object.values(topo.objects)[0]);
  const out = [];
  for (const g of (obj && obj.geometries) || []) {
    let polys = [];
    if (g.type === 'Polygon') polys = [g.arcs];
    else if (g.type === 'MultiPolygon') polys = g.arcs;
    const d = polys.map((rings) => rings.map((r) => ringPath(ring(r))).join('')).join('');
    if (d) out.push({ id: g.id ?? null, name: (g.properties && g.properties.name) || '', d });
  }
  return out;
}

async function loadCountries() {
  try {
    const topo = await getJson('/static/countries.json');
    state.topo = decodeTopology(topo);
  } catch (e) {
    state.topo = [];
    $('map-note').textContent = `Country outlines unavailable: ${e.message}`;
  }
  renderMap();
}

// red (−10) … grey (0) … blue (+10)
function goldsteinColor(g) {
  const t = Math.max(-1, Math.min(1, (Number(g) || 0) / 10));
  const grey = [150, 150, 150], red = [200, 30, 30], blue = [30, 85, 200];
  const to = t < 0 ? red : blue;
  const k = Math.abs(t);
  const c = grey.map((v, i) => Math.round(v + (to[i] - v) * k));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function locations() {
  const byKey = new Map();
  for (const r of state.records) {
    const n = norm(r);
    if (n.lat === null || n.lon === null) continue;
    const key = `${n.lat.toFixed(4)},${n.lon.toFixed(4)},${n.place ?? ''}`;
    let l = byKey.get(key);
    if (!l) {
      l = { key, lat: n.lat, lon: n.lon, name: n.place ?? '', country: n.country, precision: n.loc_precision, count: 0, gsum: 0, first: n };
      byKey.set(key, l);
    }
    l.count++;
    l.gsum += Number(n.goldstein) || 0;
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

function renderMap() {
  const svg = $('map');
  clear(svg);
  svg.append(s('rect', { class: 'sea', x: 0, y: 0, width: MAP_W, height: MAP_H }));
  const land = s('g', { class: 'land' });
  const selCountry = state.params.get('country');
  for (const c of state.topo || []) {
    land.append(s('path', { d: c.d, 'fill-rule': 'evenodd', class: 'country', dataset: { name: c.name } }, svgTitle(c.name)));
  }
  svg.append(land);

  const locs = locations();
  // Fit the view to the points (at least a 50°×28° window), or show the world.
  let vb = [0, project(0, 84)[1], MAP_W, project(0, -60)[1] - project(0, 84)[1]];
  if (locs.length && !state.mapWorld) {
    let lo0 = Math.min(...locs.map((l) => l.lon)), lo1 = Math.max(...locs.map((l) => l.lon));
    let la0 = Math.min(...locs.map((l) => l.lat)), la1 = Math.max(...locs.map((l) => l.lat));
    const padLon = Math.max(8, (lo1 - lo0) * 0.2), padLat = Math.max(6, (la1 - la0) * 0.2);
    lo0 -= padLon; lo1 += padLon; la0 -= padLat; la1 += padLat;
    let spanLon = lo1 - lo0, spanLat = la1 - la0;
    // Keep the map's 2:1 aspect (in degrees) and a minimum size.
    spanLon = Math.max(spanLon, spanLat * 2, 50);
    spanLat = spanLon / 2;
    const cLon = (lo0 + lo1) / 2, cLat = (la0 + la1) / 2;
    const [x0, y0] = project(Math.max(-180, cLon - spanLon / 2), Math.min(90, cLat + spanLat / 2));
    const [x1, y1] = project(Math.min(180, cLon + spanLon / 2), Math.max(-90, cLat - spanLat / 2));
    vb = [x0, y0, x1 - x0, y1 - y0];
  }
  svg.setAttribute('viewBox', vb.map((v) => v.toFixed(1)).join(' '));
  // User units per screen pixel: keeps circles and labels the same size on screen at any zoom.
  const k = vb[2] / (svg.clientWidth > 0 ? svg.clientWidth : MAP_W);

  const pts = s('g', { class: 'points' });
  const maxCount = Math.max(1, ...locs.map((l) => l.count));
  for (const l of locs) {
    const [cx, cy] = project(l.lon, l.lat);
    const mean = l.gsum / l.count;
    const r = (4 + 12 * Math.sqrt(l.count / maxCount)) * k;
    pts.append(s('circle', {
      cx: cx.toFixed(2), cy: cy.toFixed(2), r: r.toFixed(2), fill: goldsteinColor(mean), class: 'point',
      'stroke-width': (1.2 * k).toFixed(3),
      dataset: { name: l.name, count: l.count, country: l.country ?? '' },
      tabindex: 0,
      onclick: () => openEvent(l.first.doc_id, l.first.sentence_index, l.first.id, l.first),
    }, svgTitle(`${l.name || 'unnamed place'}${l.country ? ` (${l.country})` : ''}${l.precision ? `, ${l.precision}` : ''}: ${l.count} event${l.count === 1 ? '' : 's'}, mean Goldstein ${fmtNum(mean, 1)}; ${l.lat.toFixed(2)}, ${l.lon.toFixed(2)}`)));
  }
  svg.append(pts);
  for (const l of locs.slice(0, 12)) {
    const [cx, cy] = project(l.lon, l.lat);
    const r = (4 + 12 * Math.sqrt(l.count / maxCount)) * k;
    pts.append(s('text', { x: (cx + r + 2 * k).toFixed(2), y: (cy + 4 * k).toFixed(2), class: 'point-label', 'font-size': (11 * k).toFixed(2) }, l.name));
  }
  const note = $('map-note');
  if (state.level === 'cluster') note.textContent = 'Cluster records carry a country but no coordinates: switch the level to mention to see places.';
  else if (!locs.length) note.textContent = state.records.length ? 'None of these events has a place with coordinates.' : '';
  else note.textContent = `${locs.length} place${locs.length === 1 ? '' : 's'}${selCountry ? ` in ${selCountry}` : ''}; circle area ∝ events, colour = mean Goldstein.`;
  renderMapLegend();
}

function renderMapLegend() {
  const el = $('map-legend');
  if (el.childNodes.length) return;
  const stops = [-10, -5, 0, 5, 10].map((g) => `${goldsteinColor(g)} ${(g + 10) * 5}%`).join(', ');
  el.append(h('span', { class: 'key' }, '−10', h('span', { class: 'gradient', style: `background:linear-gradient(to right, ${stops})` }), '+10 mean Goldstein'));
}

// ---------- downloads ----------

const CSV_COLUMNS = ['event_id', 'cluster_id', 'doc_id', 'sentence_index', 'date_start', 'date_end', 'date_precision', 'source', 'target', 'cameo', 'root', 'quad_class', 'goldstein', 'plover', 'country', 'place', 'lat', 'lon', 'fatalities', 'verb_rule', 'num_mentions', 'sentence'];

// RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes; CRLF between records.
function csvField(v) {
  if (v === null || v === undefined) return '';
  const t = String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function toCsv(records) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const n = norm(r);
    const row = { ...n, event_id: n.id };
    lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function renderDownloads() {
  for (const u of state.blobUrls) URL.revokeObjectURL(u);
  state.blobUrls = [];
  const csvUrl = URL.createObjectURL(new Blob([toCsv(state.records)], { type: 'text/csv;charset=utf-8' }));
  const jsonUrl = URL.createObjectURL(new Blob([JSON.stringify({ level: state.level, filters: Object.fromEntries(state.params), events: state.records }, null, 2)], { type: 'application/json' }));
  state.blobUrls.push(csvUrl, jsonUrl);
  const n = state.records.length;
  const suffix = state.level === 'cluster' ? 'clusters' : 'events';
  for (const [id, url, ext] of [['download-csv', csvUrl, 'csv'], ['download-json', jsonUrl, 'json']]) {
    const a = $(id);
    a.href = url;
    a.download = `dyad-${suffix}.${ext}`;
    a.setAttribute('aria-disabled', n ? 'false' : 'true');
    a.title = `${n} ${suffix} as ${ext.toUpperCase()}`;
  }
}

// ---------- wiring ----------

function applyForm(push) {
  const p = readForm();
  const changed = p.toString() !== state.params.toString();
  state.params = p;
  const qs = p.toString();
  const url = `${location.pathname}${qs ? '?' + qs : ''}${location.hash}`;
  if (push && changed) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  for (const el of $('filters').elements) el.removeAttribute?.('aria-invalid');
  reload();
}

function init() {
  state.params = readUrl();
  fillForm(state.params);
  const form = $('filters');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    applyForm(true);
  });
  form.addEventListener('change', () => applyForm(true));
  $('reset').addEventListener('click', () => {
    form.reset();
    for (const k of PARAMS) {
      const el = form.elements.namedItem(k);
      if (el) el.value = '';
    }
    applyForm(true);
  });
  $('more').addEventListener('click', loadMore);
  $('map-zoom').addEventListener('click', () => {
    state.mapWorld = !state.mapWorld;
    $('map-zoom').setAttribute('aria-pressed', String(state.mapWorld));
    $('map-zoom').textContent = state.mapWorld ? 'Fit' : 'World';
    renderMap();
  });
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(renderMap, 150);
  });
  window.addEventListener('popstate', () => {
    state.params = readUrl();
    fillForm(state.params);
    reload();
  });
  // Normalize the URL (drops unknown or empty parameters) without adding history.
  const qs = state.params.toString();
  history.replaceState(null, '', `${location.pathname}${qs ? '?' + qs : ''}${location.hash}`);
  loadCountries();
  reload();
}

init();
