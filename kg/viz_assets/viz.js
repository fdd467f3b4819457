/* The actor network page, part 1 of 4: the data, the filters, the network and its first view.
 *
 * kg/viz/page.py joins viz.js, panel.js, timeline.js and controls.js, in that order, inside one
 * function scope, so they share their names.
 *
 * Article text is untrusted: every label, alias and sentence goes into the page through
 * textContent (tooltips, evidence panel, legend, search list) or is drawn on the canvas
 * as text. No string from the data is ever parsed as HTML, vis-network's own HTML
 * tooltips (`title`) are not used, and only http(s) URLs (checked again here) become links.
 */

var data = JSON.parse(document.getElementById('kg-data').textContent);
var COLORS = data.colors || {types: {}, other: '#bab0ac', signs: {}, quads: {}};
var SIGN_NAMES = {'1': 'cooperation', '-1': 'conflict', '0': 'unknown'};
var QUAD_NAMES = {'1': 'verbal cooperation', '2': 'material cooperation', '3': 'verbal conflict',
                  '4': 'material conflict', '0': 'no quad class'};
var UNTYPED = '';
var LABEL_FONT = 14;
var READABLE = 9;            // px on screen: a name drawn smaller than this is not readable
var large = !!data.large;
var labelledMax = data.labelled || 150;

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}
function typeColor(type) { return COLORS.types[type] || COLORS.other; }
function signColor(sign) { return COLORS.signs[String(sign)] || COLORS.signs['0'] || '#9a9a9a'; }
function safeUrl(url) { return typeof url === 'string' && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null; }

var nodeById = new Map();
data.nodes.forEach(function (n) { nodeById.set(n.id, n); });
var edgeById = new Map();
var pairCount = new Map();
var edgesOf = new Map();
data.edges.forEach(function (e) {
  edgeById.set(e.id, e);
  var pair = Math.min(e.from, e.to) + ':' + Math.max(e.from, e.to);
  pairCount.set(pair, (pairCount.get(pair) || 0) + 1);
  [e.from, e.to].forEach(function (id) {
    if (!edgesOf.has(id)) { edgesOf.set(id, []); }
    edgesOf.get(id).push(e);
  });
});

// The actors named in the first view: all of them up to `labelledMax`, else the most linked.
var labelled = new Set();
data.nodes.slice().sort(function (a, b) { return b.degree - a.degree || a.id - b.id; })
  .slice(0, data.nodes.length <= labelledMax ? data.nodes.length : 40)
  .forEach(function (n) { labelled.add(n.id); });

// A link's label on the canvas: a long relation ("acknowledged that his regime ...") is cut,
// its whole text is in the tooltip and the evidence panel.
function shortLabel(text) { return text.length > 22 ? text.slice(0, 20).trim() + '…' : text; }

// Parallel edges (one per event type) fan out on alternate sides of the straight line.
function smoothFor(e) {
  var pair = Math.min(e.from, e.to) + ':' + Math.max(e.from, e.to);
  if (large || pairCount.get(pair) < 2 || e.from === e.to) { return false; }
  var side = e.rank % 2 === 0 ? 1 : -1;
  var level = Math.floor(e.rank / 2) + 1;
  var clockwise = (e.from < e.to) === (side > 0);
  return {enabled: true, type: clockwise ? 'curvedCW' : 'curvedCCW', roundness: 0.15 * level};
}

var nodes = new vis.DataSet(data.nodes.map(function (n) {
  var color = typeColor(n.type);
  return {
    id: n.id, label: n.label, x: n.x, y: n.y, size: n.size,
    color: {background: color, border: '#555', highlight: {background: color, border: '#000'},
            hover: {background: color, border: '#000'}}
  };
}));
var edges = new vis.DataSet(data.edges.map(function (e) {
  var color = signColor(e.sign);
  return {
    id: e.id, from: e.from, to: e.to, label: shortLabel(e.type || e.relation || ''),
    width: 1 + Math.log2(Math.max(1, e.weight)),
    color: {color: color, highlight: color, hover: color, opacity: large ? 0.6 : 0.9},
    smooth: smoothFor(e)
  };
}));

// ------------------------------------------------------------------ filters

var state = {
  types: new Set(data.eventTypes.concat([UNTYPED])),
  from: data.dates.length ? data.dates[0] : '',
  to: data.dates.length ? data.dates[1] : '',
  undated: true,
  minWeight: 1
};
var visibleDegree = new Map();

function dateVisible(d) { return (!state.from || d >= state.from) && (!state.to || d <= state.to); }

function edgeVisible(e) {
  if (!state.types.has(e.type || UNTYPED)) { return false; }
  if (e.weight < state.minWeight) { return false; }
  if (!e.dates.length) { return state.undated; }
  return e.dates.some(dateVisible);
}

function countVisible() {
  visibleDegree = new Map();
  var shown = 0;
  data.edges.forEach(function (e) {
    if (edgeVisible(e)) {
      shown += 1;
      visibleDegree.set(e.from, (visibleDegree.get(e.from) || 0) + 1);
      visibleDegree.set(e.to, (visibleDegree.get(e.to) || 0) + 1);
    }
  });
  return shown;
}

function nodeVisible(n) { return n.degree === 0 || visibleDegree.has(n.id); }

var shownEdges = countVisible();
var edgesView = new vis.DataView(edges, {filter: function (item) { return edgeVisible(edgeById.get(item.id)); }});
var nodesView = new vis.DataView(nodes, {filter: function (item) { return nodeVisible(nodeById.get(item.id)); }});

function updateSummary() {
  var shownNodes = 0;
  data.nodes.forEach(function (n) { if (nodeVisible(n)) { shownNodes += 1; } });
  document.getElementById('kg-summary').textContent =
    data.nodes.length + ' actors, ' + data.edges.length + ' links' +
    (shownEdges < data.edges.length ? ' (showing ' + shownNodes + ' actors, ' + shownEdges + ' links)' : '');
}

// ------------------------------------------------------------------ network

var container = document.getElementById('kg-network');
var options = {
  autoResize: true,
  physics: {enabled: false},
  layout: {improvedLayout: false, randomSeed: 1},
  interaction: {
    hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
    keyboard: {enabled: true, bindToWindow: false}, multiselect: false, tooltipDelay: 100
  },
  nodes: {
    shape: 'dot', borderWidth: 1,
    font: {size: LABEL_FONT, face: 'system-ui, sans-serif', color: '#222', strokeWidth: 3, strokeColor: '#ffffff'},
    scaling: {label: {drawThreshold: 6, maxVisible: 40}}
  },
  edges: {
    arrows: {to: {enabled: true, scaleFactor: 0.5}},
    font: {size: 10, face: 'system-ui, sans-serif', align: 'middle', color: '#444', strokeWidth: 3, strokeColor: '#ffffff'},
    selectionWidth: 2, hoverWidth: 1, smooth: false,
    // Many links: their labels appear once the reader zooms in (or on hover, in the tooltip).
    scaling: {label: {drawThreshold: data.edges.length > 40 ? 8 : 5}}
  }
};
var network = new vis.Network(container, {nodes: nodesView, edges: edgesView}, options);

// Label widths as the canvas draws them, for framing names as well as dots.
var measure = document.createElement('canvas').getContext('2d');
measure.font = LABEL_FONT + 'px system-ui, sans-serif';
var labelWidth = new Map();
function widthOf(n) {
  if (!labelWidth.has(n.id)) { labelWidth.set(n.id, measure.measureText(n.label).width + 6); }
  return labelWidth.get(n.id);
}

// The box (canvas units) that frames the given actors, their names included when drawn.
function boxOf(ids, fontSize) {
  var box = null;
  ids.forEach(function (id) {
    var n = nodeById.get(id);
    var half = n.size, below = n.size;
    if (labelled.has(id)) {
      var f = fontSize(n);
      half = Math.max(half, widthOf(n) * f / LABEL_FONT / 2);
      below = n.size + 2 + f * 1.3;
    }
    var b = [n.x - half, n.y - n.size, n.x + half, n.y + below];
    box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
  });
  return box;
}

var fontSizes = new Map();
function currentFont(n) { return fontSizes.get(n.id) || LABEL_FONT; }

// Frame the given actors (all visible ones by default) with their names, and make sure the
// names in `labelled` are drawn at a readable size at that scale.
function fitView(ids, opts) {
  ids = ids || nodesView.getIds();
  var w = container.clientWidth, h = container.clientHeight;
  if (!ids.length || !w || !h) { return; }
  var scale = 1;
  var box = null;
  for (var pass = 0; pass < 3; pass++) {
    box = boxOf(ids, currentFont);
    scale = Math.min(0.94 * w / Math.max(box[2] - box[0], 1), 0.94 * h / Math.max(box[3] - box[1], 1), 1.5);
    var wanted = READABLE / scale;
    var changed = [];
    labelled.forEach(function (id) {
      var size = Math.max(LABEL_FONT, Math.ceil(wanted));
      if ((fontSizes.get(id) || LABEL_FONT) !== size) {
        fontSizes.set(id, size);
        changed.push({id: id, font: {size: size}});
      }
    });
    if (!changed.length) { break; }
    nodes.update(changed);
  }
  network.moveTo({position: {x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2}, scale: scale,
                  animation: opts && opts.animate && !large ? {duration: 250} : false});
}
fitView();
network.once('afterDrawing', function () {
  window.__kgReady = performance.now();
  document.body.setAttribute('data-ready', '1');
});

// The page is framed again when its frame changes size (a notebook's iframe lays out late),
// until the reader moves the view.
var userMoved = false;
network.on('dragEnd', function () { userMoved = true; });
network.on('zoom', function () { userMoved = true; });
var lastSize = container.clientWidth + 'x' + container.clientHeight;
new ResizeObserver(function () {
  var size = container.clientWidth + 'x' + container.clientHeight;
  if (size !== lastSize) {
    lastSize = size;
    if (!userMoved) { fitView(); }
  }
}).observe(container);
