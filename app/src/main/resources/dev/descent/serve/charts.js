// descent's interactive charts, one home for the dashboard (descent serve) and the self-contained report.html: uPlot
// line charts of a metric over runs with a smoothing slider (the debiased EMA TensorBoard draws), linear or log y, step or
// wall time on x, a run filter, seed bands, zoom and a hover read-out of every series; and scatters of a sweep's trials
// (each searched hyperparameter against the metric). Needs uPlot as a global; defines window.descentCharts.
'use strict';
(() => {
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const MAX_POINTS = 1500;       // drawn points per series: more is invisible at chart width and slows hover
  const SMOOTHING = 0.6;         // TensorBoard's default
  // outliers: whether the y axis starts out ignoring them (a per-step, noisy metric), or shows every value (a run's whole
  // accuracy curve or schedule is never an outlier)
  const CURVES = [
    {id: 'loss', title: 'Training loss', columns: ['loss'], log: true, outliers: true},
    {id: 'accuracy', title: 'Evaluation accuracy (test or validation)', columns: ['test_accuracy', 'validation_accuracy'], log: false, outliers: false},
    {id: 'lr', title: 'Learning rate', columns: ['lr'], log: true, outliers: false},
    {id: 'grad_norm', title: 'Gradient norm', columns: ['grad_norm'], log: true, outliers: true},
  ];

  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  };

  // ---- the smoothing TensorBoard draws, and dev.descent.stats.Ema.debiased computes for the static plots ---------------
  function smooth(ys, w) {
    if (w <= 0) return ys;
    const out = new Array(ys.length);
    let last = 0, pow = 1;
    for (let i = 0; i < ys.length; i++) {
      const y = ys[i];
      if (!Number.isFinite(y)) { out[i] = y; continue; }
      last = w * last + (1 - w) * y;
      pow *= w;
      out[i] = last / (1 - pow);
    }
    return out;
  }

  /** uPlot's cursor.dataIdx: the index of series i's point nearest to the hovered one, looking both ways. */
  function nearestPoint(u, i, hovered) {
    const ys = u.data[i];
    if (ys[hovered] != null) return hovered;
    for (let d = 1; d < ys.length; d++) {
      const lo = hovered - d, hi = hovered + d;
      if (lo < 0 && hi >= ys.length) break;
      if (lo >= 0 && ys[lo] != null) return lo;
      if (hi < ys.length && ys[hi] != null) return hi;
    }
    return hovered;
  }

  /**
   * TensorBoard's "ignore outliers in chart scaling", as dev.descent.plot.LineChart.ignoringOutliers draws the static
   * plots: the 5th to 95th percentile of the values, widened on each side by a fifth of that span but never past the
   * data; in log10 on a log axis. Null when no value is usable.
   */
  function outlierRange(values, log) {
    const v = values.filter(y => Number.isFinite(y) && (!log || y > 0)).map(y => log ? Math.log10(y) : y).sort((a, b) => a - b);
    if (!v.length) return null;
    const q = p => { const h = (v.length - 1) * p, i = Math.floor(h), j = Math.min(i + 1, v.length - 1); return v[i] + (h - i) * (v[j] - v[i]); };
    const a = q(0.05), b = q(0.95), widen = 0.2 * (b - a);
    const lo = Math.max(v[0], a - widen), hi = Math.min(v[v.length - 1], b + widen);
    return log ? [10 ** lo, 10 ** hi] : [lo, hi];
  }

  const fmt = v => Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : +v.toPrecision(4) + '';

  function regex(text) {
    if (!text) return null;
    try { return new RegExp(text, 'i'); } catch (e) { return undefined; }
  }

  /**
   * One chart of one metric over the series of some folders, with its own controls. A folder is {id, series: Map of
   * {label, group, cols: {step: [], loss: [], ...}}}; prefix(id) starts each label (to tell compared folders apart).
   */
  class CurveChart {
    constructor(parent, spec, folders, prefix) {
      this.spec = spec;
      this.folders = folders;
      this.prefix = prefix;
      this.smoothing = SMOOTHING;
      this.log = spec.log;
      this.x = 'step';
      this.filter = null;
      this.bands = false;
      this.outliers = !!spec.outliers;
      this.plot = null;
      this.signature = '';
      this.zoomed = false;
      this.drawn = 0;
      const id = spec.id;
      const value = el('span', {class: 'smoothing-value'}, SMOOTHING.toFixed(2));
      const slider = el('input', {type: 'range', min: '0', max: '0.99', step: '0.01', value: String(SMOOTHING), class: 'smoothing', 'aria-label': 'smoothing'});
      slider.addEventListener('input', () => { this.smoothing = +slider.value; value.textContent = (+slider.value).toFixed(2); this.update(); });
      const log = el('input', {type: 'checkbox', class: 'log'});
      log.checked = this.log;
      log.addEventListener('change', () => { this.log = log.checked; this.update(); });
      const x = el('select', {class: 'x', 'aria-label': 'x axis'}, el('option', {value: 'step'}, 'step'), el('option', {value: 'seconds'}, 'wall time (s)'));
      x.addEventListener('change', () => { this.x = x.value; this.update(); });
      const filter = el('input', {type: 'text', class: 'filter', placeholder: 'runs: name or regex', 'aria-label': 'run filter'});
      filter.addEventListener('input', () => {
        const r = regex(filter.value);
        filter.classList.toggle('invalid', r === undefined);
        if (r !== undefined) { this.filter = r; this.update(); }
      });
      const bands = el('input', {type: 'checkbox', class: 'bands'});
      bands.addEventListener('change', () => { this.bands = bands.checked; this.update(); });
      const outliers = el('input', {type: 'checkbox', class: 'outliers'});
      outliers.checked = this.outliers;
      outliers.addEventListener('change', () => { this.outliers = outliers.checked; this.signature = ''; this.update(); });
      this.plotBox = el('div', {class: 'plot'});
      this.root = el('section', {class: 'chart', id: 'chart-' + id},
        el('h3', {}, spec.title),
        el('div', {class: 'controls'},
          el('label', {}, 'smoothing ', slider, ' ', value),
          el('label', {}, log, ' log y'),
          el('label', {}, 'x ', x),
          filter,
          el('label', {title: 'mean of the seeds of each configuration, band from min to max'}, bands, ' seed bands'),
          el('label', {title: 'y axis from the 5th to the 95th percentile of the drawn values, as TensorBoard'}, outliers, ' ignore outliers')),
        this.plotBox);
      parent.append(this.root);
    }

    /** The series to draw: [{label, xs, ys}] after filter, smoothing and (with bands) the mean and spread over seeds. */
    lines() {
      const out = [];
      for (const f of this.folders) {
        const pre = this.prefix(f.id);
        for (const s of f.series.values()) {
          const col = this.spec.columns.find(c => s.cols[c]);
          if (!col || !s.cols[this.x]) continue;
          const label = pre + s.label;
          if (this.filter && !this.filter.test(label)) continue;
          const xs = [], ys = [], steps = [];
          const sx = s.cols[this.x], sy = s.cols[col], st = s.cols.step || sx;
          for (let i = 0; i < sy.length; i++) {
            if (Number.isFinite(sy[i]) && Number.isFinite(sx[i])) { xs.push(sx[i]); ys.push(sy[i]); steps.push(st[i]); }
          }
          if (!ys.length) continue;
          out.push({label, group: pre + s.group, steps, xs, ys: smooth(ys, this.smoothing)});
        }
      }
      return this.bands ? this.seedBands(out) : out.map(l => ({label: l.label, xs: l.xs, ys: l.ys}));
    }

    /**
     * Per configuration: the mean over its seeds at each step, and the min and max (drawn as a band). Seeds are matched
     * by step, also when x is wall time (then x is the seeds' mean time at that step).
     */
    seedBands(lines) {
      const groups = new Map();
      for (const l of lines) { if (!groups.has(l.group)) groups.set(l.group, []); groups.get(l.group).push(l); }
      const out = [];
      for (const [group, members] of groups) {
        const at = new Map();
        for (const m of members) {
          m.steps.forEach((step, i) => {
            if (!at.has(step)) at.set(step, {x: [], y: []});
            at.get(step).x.push(m.xs[i]);
            at.get(step).y.push(m.ys[i]);
          });
        }
        const steps = [...at.keys()].sort((a, b) => a - b);
        const xs = [], mean = [], lo = [], hi = [];
        const avg = v => v.reduce((a, b) => a + b, 0) / v.length;
        for (const step of steps) {
          const {x, y} = at.get(step);
          xs.push(avg(x)); mean.push(avg(y)); lo.push(Math.min(...y)); hi.push(Math.max(...y));
        }
        out.push({label: group + ' (mean of ' + members.length + ')', xs, ys: mean, band: {lo, hi}});
      }
      return out;
    }

    /** uPlot's aligned data: the union of every line's x, each line null where it has no point. */
    aligned(lines) {
      const thin = [];
      for (const l of lines) {
        const stride = Math.max(1, Math.ceil(l.xs.length / MAX_POINTS));
        const keep = i => i % stride === 0 || i === l.xs.length - 1;
        const idx = l.xs.map((_, i) => i).filter(keep);
        thin.push({...l, xs: idx.map(i => l.xs[i]), ys: idx.map(i => l.ys[i]),
          band: l.band && {lo: idx.map(i => l.band.lo[i]), hi: idx.map(i => l.band.hi[i])}});
      }
      const xset = new Set();
      for (const l of thin) for (const x of l.xs) xset.add(x);
      const xs = Float64Array.from(xset).sort();
      const pos = new Map();
      xs.forEach((x, i) => pos.set(x, i));
      const column = (l, vals) => {
        const a = new Array(xs.length).fill(null);
        l.xs.forEach((x, i) => { const v = vals[i]; a[pos.get(x)] = this.log && !(v > 0) ? null : v; });
        return a;
      };
      const data = [xs], series = [{label: this.x === 'step' ? 'step' : 'seconds'}], bands = [];
      thin.forEach((l, k) => {
        const color = PALETTE[k % PALETTE.length];
        data.push(column(l, l.ys));
        series.push({label: l.label, stroke: color, width: 1.5, spanGaps: true, points: {show: false}});
        if (l.band) {
          const main = data.length - 1;
          data.push(column(l, l.band.hi));
          series.push({label: l.label + ' max', stroke: color, width: 0, spanGaps: true, points: {show: false}});
          data.push(column(l, l.band.lo));
          series.push({label: l.label + ' min', stroke: color, width: 0, spanGaps: true, points: {show: false}});
          bands.push({series: [main + 1, main + 2], fill: color + '33'});
        }
      });
      return {data, series, bands};
    }

    update() {
      const {data, series, bands} = this.aligned(this.lines());
      this.drawn = data.slice(1).reduce((n, a) => n + a.filter(v => v !== null).length, 0);
      if (series.length === 1) {
        this.destroy();
        this.plotBox.replaceChildren(el('p', {class: 'nodata'}, 'no data yet'));
        return;
      }
      const signature = JSON.stringify([series.map(s => s.label), this.log, this.x, bands.length]);
      if (this.plot && signature === this.signature) {
        this.plot.setData(data, !this.zoomed);
        return;
      }
      this.destroy();
      this.plotBox.replaceChildren();
      this.signature = signature;
      this.zoomed = false;
      const width = Math.max(300, this.plotBox.clientWidth || 500);
      this.plot = new uPlot({
        width, height: 280, series, bands,
        scales: {x: {time: false}, y: {distr: this.log ? 3 : 1, range: (u, min, max) => this.yRange(u, min, max)}},
        axes: [{label: this.x === 'step' ? 'step' : 'wall time (s)'}, {size: 60}],
        // the read-out shows every series at its point nearest the cursor (with wall time, runs share no x)
        cursor: {drag: {x: true, y: false}, dataIdx: nearestPoint},
        legend: {live: true},
        hooks: {setSelect: [u => { if (u.select.width > 0) this.zoomed = true; }]},
      }, data, this.plotBox);
      this.plot.over.addEventListener('dblclick', () => { this.zoomed = false; });
      if (!this.resize) {
        this.resize = new ResizeObserver(() => {
          if (this.plot && this.plotBox.clientWidth && Math.abs(this.plotBox.clientWidth - this.plot.width) > 4) {
            this.plot.setSize({width: this.plotBox.clientWidth, height: 280});
          }
        });
        this.resize.observe(this.plotBox);
      }
    }

    /** The y range: uPlot's own, or with "ignore outliers" the outlierRange of the values in the x range shown. */
    yRange(u, min, max) {
      const own = () => this.log ? uPlot.rangeLog(min, max, 10, true) : uPlot.rangeNum(min, max, 0.1, true);
      if (!this.outliers || min == null || max == null) return own();
      const [i0, i1] = u.series[0].idxs || [0, u.data[0].length - 1], values = [];  // the points in the x range shown
      for (let s = 1; s < u.data.length; s++) {
        const ys = u.data[s];
        for (let i = i0; i <= i1; i++) if (ys[i] != null) values.push(ys[i]);
      }
      const r = outlierRange(values, this.log);
      if (!r || !(r[0] < r[1])) return own();
      if (this.log) { const pad = 10 ** (0.04 * Math.log10(r[1] / r[0])); return [r[0] / pad, r[1] * pad]; }
      const pad = 0.04 * (r[1] - r[0]);
      return [r[0] - pad, r[1] + pad];
    }

    /** How many points are drawn (tests watch it grow). */
    points() {
      return this.drawn;
    }

    destroy() {
      if (this.plot) { this.plot.destroy(); this.plot = null; this.signature = ''; }
    }

    /** Removes the chart for good (the view is rebuilt). */
    dispose() {
      this.destroy();
      if (this.resize) this.resize.disconnect();
    }
  }

  /**
   * A sweep's trials (trials.csv as rows of strings, the header first) as scatters: the sensitivity (lr against the
   * metric) and every other searched key against it, one colour per problem and optimizer. Appends a hint and a grid of
   * charts to box; returns the uPlots (each chart section's .plot is its uPlot too, for tests).
   */
  function trialScatters(box, t) {
    const plots = [];
    if (!t || t.length < 2) { box.append(el('p', {class: 'nodata'}, 'no trial finished yet')); return plots; }
    const head = t[0];
    const col = name => head.indexOf(name);
    const lr = col('lr'), seed = col('seed'), metric = col('metric'), opt = col('optimizer'), prob = col('problem');
    const trial = col('trial'), rung = col('rung');
    // a trial promoted through successive halving has a row per rung: its point is its highest rung so far
    const last = new Map();
    for (const r of t.slice(1)) {
      const k = [r[prob], r[opt], r[trial]].join('\n');
      if (trial < 0 || rung < 0) last.set(last.size, r);
      else if (!last.has(k) || +r[rung] > +last.get(k)[rung]) last.set(k, r);
    }
    const rows = [...last.values()];
    if (lr < 0 || metric < 0) { box.append(el('p', {class: 'nodata'}, 'trials.csv has no lr or metric column')); return plots; }
    const keys = head.slice(lr, seed > lr ? seed : lr + 1);
    const diverged = rows.filter(r => !Number.isFinite(parseFloat(r[metric]))).length;
    box.append(el('p', {class: 'hint'}, rows.length + ' trials' + (diverged ? ', ' + diverged + ' diverged (not drawn)' : '')));
    const grid = el('div', {class: 'charts'});
    box.append(grid);
    for (const key of keys) {
      const k = col(key);
      const byOpt = new Map();
      for (const r of rows) {
        const x = parseFloat(r[k]), y = parseFloat(r[metric]);
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        const name = (prob >= 0 ? r[prob] + ' ' : '') + r[opt];
        if (!byOpt.has(name)) byOpt.set(name, []);
        byOpt.get(name).push([x, y]);
      }
      const chart = el('section', {class: 'chart scatter', 'data-key': key}, el('h3', {}, key === 'lr' ? 'Sensitivity: learning rate against the metric' : key + ' against the metric'));
      grid.append(chart);
      if (!byOpt.size) { chart.append(el('p', {class: 'nodata'}, 'no finite values')); continue; }
      const xs = [...new Set([...byOpt.values()].flat().map(p => p[0]))].sort((a, b) => a - b);
      const at = new Map(xs.map((x, i) => [x, i]));
      // uPlot holds one y per x in a series: trials that share an x (a grid) go to further lanes of the same colour
      const data = [xs], series = [{label: key}], names = [], legend = el('p', {class: 'legend'});
      let k2 = 0;
      for (const [name, pts] of byOpt) {
        const color = PALETTE[k2++ % PALETTE.length];
        const lanes = [];
        for (const [x, y] of pts) {
          let lane = lanes.find(l => l[at.get(x)] === null);
          if (!lane) { lane = new Array(xs.length).fill(null); lanes.push(lane); }
          lane[at.get(x)] = y;
        }
        for (const lane of lanes) {
          data.push(lane);
          names.push(name);
          series.push({label: name, stroke: color, paths: () => null, points: {show: true, size: 7, fill: color}});
        }
        legend.append(el('span', {class: 'key'}, el('span', {class: 'swatch', 'data-color': color}), name + ' (' + pts.length + ')'));
      }
      const readout = el('p', {class: 'readout'}, '\u00a0');
      const logX = key === 'lr' || xs[0] > 0 && xs[xs.length - 1] / xs[0] >= 100;
      const plotBox = el('div', {class: 'plot'});
      chart.append(plotBox, legend, readout);
      const plot = new uPlot({width: 440, height: 240, series, legend: {show: false},
        scales: {x: {time: false, distr: logX ? 3 : 1}}, axes: [{label: key}, {label: 'metric', size: 60}],
        hooks: {setCursor: [u => {
          const i = u.cursor.idx;
          if (i == null) { readout.textContent = '\u00a0'; return; }
          const vals = [];
          for (let s = 1; s < u.data.length; s++) if (u.data[s][i] != null) vals.push(names[s - 1] + ' ' + fmt(u.data[s][i]));
          readout.textContent = key + ' ' + fmt(xs[i]) + ': ' + (vals.join(', ') || 'no trial here');
        }]}}, data, plotBox);
      for (const sw of legend.querySelectorAll('.swatch')) sw.style.background = sw.dataset.color;
      plots.push(plot);
      chart.plot = plot; // tests read the drawn points
    }
    return plots;
  }

  window.descentCharts = {PALETTE, CURVES, SMOOTHING, el, smooth, outlierRange, fmt, regex, nearestPoint, CurveChart, trialScatters};
})();
