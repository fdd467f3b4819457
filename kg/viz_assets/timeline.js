/* Part 3 of 4: the timeline of events by CAMEO quad class, and its brush. */

// ------------------------------------------------------------------ timeline

var DAY = 86400000;
function dayNumber(iso) { return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY); }
function isoDay(number) { return new Date(number * DAY).toISOString().slice(0, 10); }
// The same bins as kg.network.period_start: the day, the ISO week from Monday, the month.
function periodStart(iso, bin) {
  if (bin === 'month') { return iso.slice(0, 8) + '01'; }
  if (bin === 'week') {
    var d = dayNumber(iso);
    var weekday = (new Date(d * DAY).getUTCDay() + 6) % 7;
    return isoDay(d - weekday);
  }
  return iso;
}
function periodEnd(start, bin) {
  if (bin === 'month') {
    var y = +start.slice(0, 4), m = +start.slice(5, 7);
    return isoDay(Math.floor(Date.UTC(y, m, 1) / DAY) - 1);
  }
  return bin === 'week' ? isoDay(dayNumber(start) + 6) : start;
}

var timelineBox = document.getElementById('kg-timeline');
var chart = document.getElementById('kg-timeline-chart');
var binSelect = document.getElementById('kg-timeline-bin');
var SVG = 'http://www.w3.org/2000/svg';
var span = data.dates.length ? dayNumber(data.dates[1]) - dayNumber(data.dates[0]) : 0;
binSelect.value = span <= 62 ? 'day' : span <= 730 ? 'week' : 'month';
if (!data.timeline || !data.timeline.length) { timelineBox.classList.add('kg-empty'); }
var bars = [];   // [{start, end, x, width}]

function timelineSeries(bin) {
  var byPeriod = new Map();
  (data.timeline || []).forEach(function (row) {
    var start = periodStart(row[0], bin);
    if (!byPeriod.has(start)) { byPeriod.set(start, {start: start, quads: {}, total: 0}); }
    var p = byPeriod.get(start);
    p.quads[row[1]] = (p.quads[row[1]] || 0) + row[2];
    p.total += row[2];
  });
  return Array.from(byPeriod.values()).sort(function (a, b) { return a.start < b.start ? -1 : 1; });
}

function svg(tag, attrs) {
  var node = document.createElementNS(SVG, tag);
  Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  return node;
}

function drawTimeline() {
  if (!data.timeline || !data.timeline.length) { return; }
  var bin = binSelect.value;
  var series = timelineSeries(bin);
  var w = chart.clientWidth || 600, h = chart.clientHeight || 66;
  chart.replaceChildren();
  chart.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
  var first = dayNumber(series[0].start), last = dayNumber(periodEnd(series[series.length - 1].start, bin)) + 1;
  var least = bin === 'month' ? 365 : bin === 'week' ? 98 : 21;   // a few bars do not fill the whole width
  if (last - first < least) { first -= Math.floor((least - (last - first)) / 2); last = first + least; }
  var perDay = (w - 2) / Math.max(1, last - first);
  var top = Math.max.apply(null, series.map(function (p) { return p.total; }));
  bars = [];
  series.forEach(function (p) {
    var end = periodEnd(p.start, bin);
    var x = 1 + (dayNumber(p.start) - first) * perDay;
    var width = Math.max(1, (dayNumber(end) + 1 - dayNumber(p.start)) * perDay - 1);
    var inRange = (!state.from || end >= state.from) && (!state.to || p.start <= state.to);
    var y = h - 12;
    ['1', '2', '3', '4', '0'].forEach(function (q) {
      var n = p.quads[q] || 0;
      if (!n) { return; }
      var bh = n / top * (h - 16);
      y -= bh;
      var rect = svg('rect', {x: x, y: y, width: width, height: bh, fill: COLORS.quads[q] || '#bbb',
                              opacity: inRange ? 1 : 0.25, 'data-quad': q, 'data-start': p.start});
      var title = svg('title', {});
      title.textContent = p.start + ': ' + n + ' ' + QUAD_NAMES[q];
      rect.appendChild(title);
      chart.appendChild(rect);
    });
    bars.push({start: p.start, end: end, x: x, width: width});
  });
  var axis = svg('text', {x: 2, y: h - 1, 'font-size': 10, fill: '#666'});
  axis.textContent = series[0].start;
  chart.appendChild(axis);
  var axisEnd = svg('text', {x: w - 2, y: h - 1, 'font-size': 10, fill: '#666', 'text-anchor': 'end'});
  axisEnd.textContent = periodEnd(series[series.length - 1].start, bin);
  chart.appendChild(axisEnd);
}

function setDates(from, to) {
  state.from = from;
  state.to = to;
  dateFrom.value = from;
  dateTo.value = to;
  apply();
}

// The brush: drag (mouse, pen or finger) across the bars to keep the dates under it.
var brushStart = null, brushRect = null;
function chartX(ev) { var r = chart.getBoundingClientRect(); return (ev.clientX - r.left) * ((chart.viewBox.baseVal || {}).width || r.width) / r.width; }
chart.addEventListener('pointerdown', function (ev) {
  if (!bars.length) { return; }
  brushStart = chartX(ev);
  chart.setPointerCapture(ev.pointerId);
  brushRect = svg('rect', {x: brushStart, y: 0, width: 0, height: chart.clientHeight || 66, fill: 'rgba(30,90,180,.15)',
                           stroke: '#1a5fb4', id: 'kg-brush'});
  chart.appendChild(brushRect);
});
chart.addEventListener('pointermove', function (ev) {
  if (brushStart === null) { return; }
  var x = chartX(ev);
  brushRect.setAttribute('x', Math.min(x, brushStart));
  brushRect.setAttribute('width', Math.abs(x - brushStart));
});
chart.addEventListener('pointerup', function (ev) {
  if (brushStart === null) { return; }
  var a = Math.min(brushStart, chartX(ev)), b = Math.max(brushStart, chartX(ev));
  brushStart = null;
  var chosen = bars.filter(function (bar) { return bar.x + bar.width >= a && bar.x <= b; });
  if (!chosen.length) { drawTimeline(); return; }
  setDates(chosen[0].start, chosen[chosen.length - 1].end);
});
binSelect.addEventListener('change', drawTimeline);
document.getElementById('kg-timeline-clear').addEventListener('click', function () {
  setDates(data.dates.length ? data.dates[0] : '', data.dates.length ? data.dates[1] : '');
});
