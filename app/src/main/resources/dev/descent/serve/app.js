// descent serve's page: the results folders on the left, their curves on the right, drawn with uPlot (shipped in the
// jar). Data comes from /api/* of the same server; rows arrive by server-sent events (/api/events), whose ids are the
// server's cursor, so the browser's automatic reconnect (Last-Event-ID) resumes without gaps or duplicates.
'use strict';
(() => {
  const {CURVES, el, CurveChart, trialScatters} = window.descentCharts;   // charts.js: the charts' one home
  const RENDER_EVERY_MS = 250;   // at most this often a burst of rows is redrawn, however fast training goes

  const state = {folders: [], current: null, compare: new Set(), open: new Map(), charts: [], sideCharts: [], renderPending: false, lastRender: 0};
  // tests and curious users: window.descent.charts[id].plot is the uPlot, .points() the points drawn
  window.descent = {state, charts: {}};

  const getJson = async url => {
    const r = await fetch(url, {cache: 'no-store'});
    if (!r.ok) throw new Error(url + ': ' + r.status);
    return r.json();
  };
  const fileUrl = (id, path) => '/files/' + id.split('/').map(encodeURIComponent).join('/') + '/' + path.split('/').map(encodeURIComponent).join('/');

  // ---- folders ----------------------------------------------------------------------------------------------------
  async function loadFolders() {
    try {
      const r = await getJson('/api/folders');
      document.getElementById('roots').textContent = r.roots.join(', ');
      if (JSON.stringify(r.folders) === JSON.stringify(state.folders)) return;
      state.folders = r.folders;
      renderFolderList();
    } catch (e) {
      document.getElementById('roots').textContent = 'server unreachable';
    }
  }

  function renderFolderList() {
    const filter = document.getElementById('folder-filter').value.toLowerCase();
    const list = document.getElementById('folder-list');
    list.replaceChildren();
    for (const f of state.folders) {
      if (filter && !f.name.toLowerCase().includes(filter)) continue;
      const box = el('input', {type: 'checkbox', title: 'compare', 'data-id': f.id});
      box.checked = f.id === state.current || state.compare.has(f.id);
      box.addEventListener('change', () => {
        if (!state.current) state.current = f.id;
        else if (f.id === state.current) { state.current = [...state.compare][0] || null; state.compare.delete(state.current); }
        else if (box.checked) state.compare.add(f.id); else state.compare.delete(f.id);
        renderFolderList();
        renderView();
      });
      const name = el('span', {class: 'name', title: f.id, 'data-id': f.id}, f.name);
      name.addEventListener('click', () => { state.current = f.id; state.compare.clear(); renderFolderList(); renderView(); });
      list.append(el('li', {class: f.id === state.current ? 'current' : ''}, box, name,
        el('span', {class: 'badge'}, f.kind), el('span', {class: 'badge ' + f.status}, f.status)));
    }
  }

  const selected = () => state.current ? [state.current, ...[...state.compare].filter(id => id !== state.current)] : [];

  // ---- one open folder: its detail and its series, kept current by server-sent events --------------------------------
  function openFolder(id) {
    if (state.open.has(id)) return state.open.get(id);
    const f = {id, detail: null, series: new Map()};
    state.open.set(id, f);
    loadDetail(f);
    return f;
  }

  async function loadDetail(f) {
    try {
      f.detail = await getJson('/api/folder?id=' + encodeURIComponent(f.id));
      renderSide();
    } catch (e) {
      console.warn(e.message);
    }
  }

  /**
   * One event stream for every shown folder (a browser opens at most six connections to a server). A new stream
   * starts without Last-Event-ID, so it sends every row again; applyRows drops the ones already here.
   */
  function connect(ids) {
    const key = ids.join('\n');
    if (state.source && state.sourceKey === key) return;
    if (state.source) state.source.close();
    state.source = null;
    state.sourceKey = key;
    if (!ids.length) return;
    const source = new EventSource('/api/events?' + ids.map(id => 'id=' + encodeURIComponent(id)).join('&'));
    state.source = source;
    const live = document.getElementById('live');
    let failures = 0; // reconnections in a row that did not open: the dashboard has stopped (e.g. study --serve ended)
    source.addEventListener('open', () => {
      failures = 0;
      live.classList.add('on');
      live.title = 'live updates';
    });
    source.addEventListener('error', () => {
      live.classList.remove('on');
      if (++failures >= 3) {
        source.close(); // stop retrying: what is shown stays; a reload connects again
        if (state.source === source) state.source = null;
        live.title = 'disconnected: the dashboard stopped; reload the page when it runs again';
        live.classList.add('off');
      }
    });
    source.addEventListener('rows', ev => {
      for (const part of JSON.parse(ev.data).folders) {
        const f = state.open.get(part.id);
        if (f && !applyRows(f, part)) {
          // rows that do not follow what we have: start over with a fresh stream (no Last-Event-ID)
          for (const g of state.open.values()) g.series.clear();
          state.sourceKey = null;
          connect(ids);
          return;
        }
      }
      scheduleRender();
    });
    source.addEventListener('folder', ev => {
      const f = state.open.get(JSON.parse(ev.data).id);
      if (f) loadDetail(f);
    });
  }

  /** Appends the rows of one event; false if they leave a gap (then the caller starts over). */
  function applyRows(f, msg) {
    for (const s of msg.series) {
      let cur = f.series.get(s.key);
      if (!cur || s.reset || cur.generation !== s.generation) {
        if (s.from !== 0) return false;
        cur = {key: s.key, label: s.label, group: s.group, seed: s.seed, generation: s.generation, count: 0,
          columns: s.columns, cols: Object.fromEntries(s.columns.map(c => [c, []]))};
        f.series.set(s.key, cur);
      }
      if (s.from > cur.count) return false;
      const skip = cur.count - s.from; // rows we already have (a duplicate delivery) are dropped, never appended twice
      for (let r = skip; r < s.rows.length; r++) {
        const row = s.rows[r];
        for (let c = 0; c < s.columns.length; c++) cur.cols[s.columns[c]].push(row[c] === null ? NaN : row[c]);
      }
      cur.count = Math.max(cur.count, s.from + s.rows.length);
    }
    return true;
  }

  function closeUnused() {
    const keep = new Set(selected());
    for (const id of [...state.open.keys()]) {
      if (!keep.has(id)) state.open.delete(id);
    }
  }

  // ---- rendering ------------------------------------------------------------------------------------------------------
  function scheduleRender() {
    if (state.renderPending) return;
    state.renderPending = true;
    const wait = Math.max(0, RENDER_EVERY_MS - (performance.now() - state.lastRender));
    setTimeout(() => requestAnimationFrame(() => {
      state.renderPending = false;
      state.lastRender = performance.now();
      for (const c of state.charts) c.update();
    }), wait);
  }

  function renderView() {
    closeUnused();
    for (const c of state.charts) c.dispose();
    state.charts = [];
    for (const p of state.sideCharts) p.destroy();
    state.sideCharts = [];
    window.descent.charts = {};
    const view = document.getElementById('view');
    view.replaceChildren();
    const ids = selected();
    if (!ids.length) { connect([]); view.append(el('p', {class: 'hint'}, 'Choose a results folder on the left.')); return; }
    const folders = ids.map(openFolder);
    connect(ids);
    view.append(el('h2', {class: 'folders-head'}));
    if (ids.map(entry).some(e => e.kind === 'study' || e.kind === 'sweep')) {
      const grid = el('div', {class: 'charts'});
      view.append(grid);
      for (const spec of CURVES) {
        const c = new CurveChart(grid, spec, folders, ids.length > 1 ? id => entry(id).name + ': ' : () => '');
        state.charts.push(c);
        window.descent.charts[spec.id] = c;
      }
    }
    view.append(el('div', {class: 'side'}));
    renderSide();
    scheduleRender();
  }

  const entry = id => state.folders.find(x => x.id === id) || {id, name: id, kind: '?', status: ''};

  /** The heading and the per-folder sections (sweep trials, landscape pictures): redrawn when a folder's files change. */
  function renderSide() {
    const ids = selected();
    const head = document.querySelector('#view .folders-head'), side = document.querySelector('#view .side');
    if (!head || !side) return;
    for (const p of state.sideCharts) p.destroy();
    state.sideCharts = [];
    head.replaceChildren(ids.length > 1 ? 'Comparing ' : '');
    ids.forEach((id, i) => {
      const e = entry(id);
      head.append((i ? ' · ' : '') + e.name + ' ');
      head.append(el('span', {class: 'badge ' + e.status}, e.status));
      const f = state.open.get(id);
      if (f.detail && f.detail.files.includes('report.html')) {
        head.append(el('a', {href: fileUrl(id, 'report.html'), target: '_blank', rel: 'noopener'}, 'report'));
      }
    });
    side.replaceChildren();
    for (const id of ids) {
      const f = state.open.get(id), e = entry(id);
      if (e.kind === 'sweep' && f && f.detail) side.append(sweepSection(f, e));
      if (e.kind === 'landscape' && f && f.detail) side.append(pictureSection(f, e));
    }
  }

  // ---- sweeps: the sensitivity (lr against the metric) and every other searched key against it ------------------------
  function sweepSection(f, e) {
    const box = el('section', {class: 'sweep'}, el('h3', {}, e.name + ': trials'));
    state.sideCharts.push(...trialScatters(box, f.detail.trials || []));
    return box;
  }

  function pictureSection(f, e) {
    const box = el('section', {class: 'landscape'}, el('h3', {}, e.name + ': pictures'));
    const grid = el('div', {class: 'pictures'});
    for (const p of f.detail.pictures) {
      grid.append(el('figure', {}, el('img', {src: fileUrl(f.id, p), alt: p, loading: 'lazy'}), el('figcaption', {}, p)));
    }
    box.append(grid);
    return box;
  }

  document.getElementById('folder-filter').addEventListener('input', renderFolderList);
  loadFolders().then(() => {
    const wanted = new URLSearchParams(location.search).getAll('id');
    if (wanted.length) { state.current = wanted[0]; wanted.slice(1).forEach(id => state.compare.add(id)); renderFolderList(); renderView(); }
  });
  setInterval(loadFolders, 5000);
})();
