/* Part 4 of 4: the filter controls, the legend, and the handle for scripts and tests. */

// ------------------------------------------------------------------ filter controls

var typeBox = document.getElementById('kg-types');
var typeInputs = [];
data.eventTypes.concat([UNTYPED]).forEach(function (t) {
  var hasAny = data.edges.some(function (e) { return (e.type || UNTYPED) === t; });
  if (!hasAny) { return; }
  var label = el('label');
  var input = el('input');
  input.type = 'checkbox';
  input.checked = true;
  input.value = t;
  input.addEventListener('change', function () {
    if (input.checked) { state.types.add(t); } else { state.types.delete(t); }
    apply();
  });
  label.appendChild(input);
  label.appendChild(el('span', null, t || 'other links (no event type)'));
  typeBox.appendChild(label);
  typeInputs.push(input);
});
function setAllTypes(on) {
  typeInputs.forEach(function (input) {
    input.checked = on;
    if (on) { state.types.add(input.value); } else { state.types.delete(input.value); }
  });
  apply();
}
document.getElementById('kg-types-all').addEventListener('click', function () { setAllTypes(true); });
document.getElementById('kg-types-none').addEventListener('click', function () { setAllTypes(false); });

var dateFrom = document.getElementById('kg-date-from');
var dateTo = document.getElementById('kg-date-to');
if (data.dates.length) {
  dateFrom.value = data.dates[0];
  dateTo.value = data.dates[1];
  dateFrom.min = dateTo.min = data.dates[0];
  dateFrom.max = dateTo.max = data.dates[1];
}
dateFrom.addEventListener('change', function () { state.from = dateFrom.value; apply(); });
dateTo.addEventListener('change', function () { state.to = dateTo.value; apply(); });
var undated = document.getElementById('kg-undated');
undated.addEventListener('change', function () { state.undated = undated.checked; apply(); });

var weight = document.getElementById('kg-weight');
var weightValue = document.getElementById('kg-weight-value');
weight.max = String(Math.max(1, data.maxWeight));
weight.addEventListener('input', function () {
  state.minWeight = Number(weight.value);
  weightValue.textContent = weight.value;
  apply();
});

// ------------------------------------------------------------------ legend

var legend = document.getElementById('kg-legend');
function legendItem(className, color, text, property) {
  var li = el('li');
  var swatch = el('span', className);
  swatch.style[property || 'background'] = color;
  li.appendChild(swatch);
  li.appendChild(el('span', null, text));
  legend.appendChild(li);
}
var presentTypes = new Set(data.nodes.map(function (n) { return n.type || ''; }));
Object.keys(COLORS.types).forEach(function (t) {
  if (presentTypes.has(t)) { legendItem('kg-swatch', COLORS.types[t], t); }
});
if (Array.from(presentTypes).some(function (t) { return !COLORS.types[t]; })) {
  legendItem('kg-swatch', COLORS.other, 'other actor');
}
['1', '-1', '0'].forEach(function (sign) { legendItem('kg-line', signColor(sign), SIGN_NAMES[sign], 'borderTopColor'); });
if (data.timeline && data.timeline.length) {
  ['1', '2', '3', '4'].forEach(function (q) { legendItem('kg-swatch kg-square', COLORS.quads[q], 'quad ' + q + ': ' + QUAD_NAMES[q]); });
}
legend.appendChild(el('li', 'kg-note', 'Node size: weighted degree. Edge width: events.'));

updateSummary();
drawTimeline();

// For scripts and tests driving the page.
window.kg = {
  network: network, data: data, state: state, apply: apply, find: find, search: search,
  pin: pin, unpin: unpin, fit: fitView, labelled: labelled, setDates: setDates,
  timelineSeries: timelineSeries,
  pinned: function () { return pinned; },
  visibleEdges: function () { return edgesView.getIds(); },
  visibleNodes: function () { return nodesView.getIds(); }
};
