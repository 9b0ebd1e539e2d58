// report.html's start-up: the charts of charts.js (inlined above, with uPlot) drawn from the JSON block #descent-data,
// with no network. Shows the #interactive section, hidden for readers without JavaScript (they keep the static figures).
'use strict';
(() => {
  const {CURVES, el, CurveChart, trialScatters} = window.descentCharts;
  const data = JSON.parse(document.getElementById('descent-data').textContent);
  // tests and curious readers: window.descent.charts[id].plot is the uPlot, as on the dashboard
  window.descent = {charts: {}, data};
  const host = document.getElementById('interactive');
  host.hidden = false;
  const folder = {id: '', series: new Map(data.series.map((s, i) => [i, s]))};
  const has = spec => data.series.some(s => spec.columns.some(c => s.cols[c] && s.cols[c].some(Number.isFinite)));
  const grid = el('div', {class: 'charts'});
  host.append(grid);
  for (const spec of CURVES.filter(has)) {
    const chart = new CurveChart(grid, spec, [folder], () => '');
    window.descent.charts[spec.id] = chart;
    chart.update();
  }
  if (data.trials) {
    const box = el('section', {class: 'sweep'}, el('h3', {}, 'Trials: each searched hyperparameter against the metric'));
    host.append(box);
    trialScatters(box, data.trials);
  }
})();
