/* The actor network page: draws the graph embedded as JSON with vis-network.
 *
 * Article text is untrusted: every label, alias and sentence goes into the page through
 * textContent (tooltips, evidence panel, legend, search list) or is drawn on the canvas
 * as text. No string from the data is ever parsed as HTML, vis-network's own HTML
 * tooltips (`title`) are not used, and only http(s) URLs (checked again here) become links.
 */
(function () {
  'use strict';

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

  // ------------------------------------------------------------------ tooltips

  var tooltip = document.getElementById('kg-tooltip');

  function listSection(parent, heading, items, className) {
    if (!items || !items.length) { return; }
    parent.appendChild(el('div', className || 'kg-tt-meta', heading));
    var ul = el('ul');
    items.forEach(function (item) { ul.appendChild(el('li', null, item)); });
    parent.appendChild(ul);
  }

  function nodeMeta(n) {
    var meta = [n.type || 'actor'];
    if (n.code) { meta.push(n.code); }
    if (n.country) { meta.push(n.country); }
    if (n.sector) { meta.push(n.sector); }
    meta.push(n.degree + (n.degree === 1 ? ' link' : ' links'));
    return meta.join(' · ');
  }

  function edgeMeta(e) {
    var meta = [e.type || e.relation || 'link'];
    if (e.cameo) { meta.push('CAMEO ' + e.cameo); }
    meta.push(SIGN_NAMES[String(e.sign)] || SIGN_NAMES['0']);
    meta.push(e.weight + (e.weight === 1 ? ' event' : ' events'));
    if (e.dates.length) {
      meta.push(e.dates[0] === e.dates[e.dates.length - 1] ? e.dates[0] : e.dates[0] + ' – ' + e.dates[e.dates.length - 1]);
    }
    return meta.join(' · ');
  }

  function edgeTitle(e) { return nodeById.get(e.from).label + ' → ' + nodeById.get(e.to).label; }

  function nodeTooltip(n) {
    var box = el('div');
    box.appendChild(el('div', 'kg-tt-title', n.label));
    box.appendChild(el('div', 'kg-tt-meta', nodeMeta(n)));
    listSection(box, 'Also known as', n.aliases);
    listSection(box, 'Roles', n.roles);
    return box;
  }

  function edgeTooltip(e) {
    var box = el('div');
    box.appendChild(el('div', 'kg-tt-title', edgeTitle(e)));
    box.appendChild(el('div', 'kg-tt-meta', edgeMeta(e)));
    if (e.evidence.length) {
      var ul = el('ul');
      e.evidence.slice(0, 3).forEach(function (ev) {
        var li = el('li');
        li.appendChild(el('div', 'kg-tt-sentence', ev.sentence));
        var where = [ev.title || ev.document, ev.date].filter(function (s) { return s; }).join(' · ');
        if (where) { li.appendChild(el('div', 'kg-tt-source', where)); }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    box.appendChild(el('div', 'kg-tt-meta', 'Click for all the evidence'));
    return box;
  }

  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth) { x = Math.max(0, rect.left + pointer.x - w - 14); }
    if (y + h > window.innerHeight) { y = Math.max(0, rect.top + pointer.y - h - 14); }
    tooltip.style.left = x + 'px';
    tooltip.style.top = y + 'px';
  }

  function hideTooltip() { tooltip.hidden = true; }

  network.on('hoverNode', function (p) { showTooltip(nodeTooltip(nodeById.get(p.node)), p.pointer.DOM); });
  network.on('hoverEdge', function (p) { showTooltip(edgeTooltip(edgeById.get(p.edge)), p.pointer.DOM); });
  network.on('blurNode', hideTooltip);
  network.on('blurEdge', hideTooltip);
  network.on('dragStart', hideTooltip);
  network.on('zoom', hideTooltip);

  // ------------------------------------------------------------------ evidence panel

  var panel = document.getElementById('kg-evidence');
  var panelTitle = document.getElementById('kg-evidence-title');
  var panelBody = document.getElementById('kg-evidence-body');
  var pinned = null;   // {kind: 'node' | 'edge', id}

  function evidenceList(items) {
    var ul = el('ul', 'kg-evidence-list');
    var shown = 0;
    items.forEach(function (ev) {
      if (ev.date && !dateVisible(ev.date)) { return; }
      shown += 1;
      var li = el('li');
      li.appendChild(el('p', 'kg-sentence', ev.sentence));
      var source = el('div', 'kg-source');
      var parts = [ev.date, ev.title || ev.document, ev.publisher].filter(function (s) { return s; });
      source.appendChild(document.createTextNode(parts.join(' · ')));
      var url = safeUrl(ev.url);
      if (url) {
        if (parts.length) { source.appendChild(document.createTextNode(' · ')); }
        var a = el('a', null, 'article');
        a.href = url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.title = url;
        source.appendChild(a);
      }
      li.appendChild(source);
      ul.appendChild(li);
    });
    return shown ? ul : el('p', 'kg-note', items.length ? 'No evidence in the chosen dates.' : 'No sentence recorded.');
  }

  function linkButton(e, here) {
    var other = e.from === here ? nodeById.get(e.to) : nodeById.get(e.from);
    var b = el('button', 'kg-link-button',
      (e.from === here ? '→ ' : '← ') + other.label + ': ' + (e.type || e.relation || 'link') +
      ' (' + e.weight + ')');
    b.type = 'button';
    b.addEventListener('click', function () { pin({kind: 'edge', id: e.id}); });
    return b;
  }

  function renderPanel() {
    if (!pinned) { panel.hidden = true; return; }
    panel.hidden = false;
    panelBody.replaceChildren();
    if (pinned.kind === 'node') {
      var n = nodeById.get(pinned.id);
      panelTitle.textContent = n.label;
      panelBody.appendChild(el('div', 'kg-meta', nodeMeta(n)));
      listSection(panelBody, 'Also known as', n.aliases, 'kg-meta');
      listSection(panelBody, 'Roles', n.roles, 'kg-meta');
      var links = (edgesOf.get(n.id) || []).filter(edgeVisible);
      panelBody.appendChild(el('h3', null, links.length + (links.length === 1 ? ' link' : ' links') +
        ((edgesOf.get(n.id) || []).length > links.length ? ' shown by the filters' : '')));
      var ul = el('ul');
      links.forEach(function (e) {
        var li = el('li');
        li.appendChild(linkButton(e, n.id));
        li.appendChild(evidenceList(e.evidence));
        ul.appendChild(li);
      });
      panelBody.appendChild(ul);
    } else {
      var e = edgeById.get(pinned.id);
      panelTitle.textContent = edgeTitle(e);
      panelBody.appendChild(el('div', 'kg-meta', edgeMeta(e)));
      if (!edgeVisible(e)) { panelBody.appendChild(el('p', 'kg-note', 'This link is hidden by the filters.')); }
      panelBody.appendChild(el('h3', null, 'Evidence'));
      panelBody.appendChild(evidenceList(e.evidence));
      if (e.moreEvidence) { panelBody.appendChild(el('p', 'kg-note', '… and ' + e.moreEvidence + ' more sentences')); }
      [e.from, e.to].forEach(function (id) {
        var b = el('button', 'kg-link-button', nodeById.get(id).label);
        b.type = 'button';
        b.addEventListener('click', function () { pin({kind: 'node', id: id}); });
        panelBody.appendChild(el('div')).appendChild(b);
      });
    }
  }

  function pin(what) {
    pinned = what;
    hideTooltip();
    if (what && what.kind === 'node' && nodeVisible(nodeById.get(what.id))) { network.selectNodes([what.id]); }
    if (what && what.kind === 'edge' && edgeVisible(edgeById.get(what.id))) {
      network.setSelection({nodes: [], edges: [what.id]}, {unselectAll: true, highlightEdges: false});
    }
    renderPanel();
    if (what) { panelTitle.focus({preventScroll: true}); }
  }

  function unpin() {
    pinned = null;
    network.unselectAll();
    renderPanel();
  }

  network.on('click', function (p) {
    if (p.nodes.length) { pin({kind: 'node', id: p.nodes[0]}); } else if (p.edges.length) { pin({kind: 'edge', id: p.edges[0]}); }
  });
  document.getElementById('kg-evidence-close').addEventListener('click', unpin);
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape' && pinned) { unpin(); } });

  function apply() {
    shownEdges = countVisible();
    edgesView.refresh();
    nodesView.refresh();
    updateSummary();
    hideTooltip();
    renderPanel();
    drawTimeline();
    fitView(null, {animate: true});
  }

  // ------------------------------------------------------------------ search

  var searchBox = document.getElementById('kg-search');
  var searchResult = document.getElementById('kg-search-result');
  var actorList = document.getElementById('kg-actor-list');
  var fragment = document.createDocumentFragment();
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) {
    var option = document.createElement('option');
    option.value = n.label;
    fragment.appendChild(option);
  });
  actorList.appendChild(fragment);

  function find(query) {
    var q = String(query || '').trim().toLowerCase();
    if (!q) { return null; }
    var tests = [
      function (n) { return n.label.toLowerCase() === q; },
      function (n) { return n.aliases.some(function (a) { return a.toLowerCase() === q; }); },
      function (n) { return n.label.toLowerCase().indexOf(q) >= 0; },
      function (n) { return n.aliases.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; }); }
    ];
    for (var i = 0; i < tests.length; i++) {
      for (var j = 0; j < data.nodes.length; j++) {
        if (tests[i](data.nodes[j])) { return data.nodes[j]; }
      }
    }
    return null;
  }

  function search() {
    hideTooltip();
    var n = find(searchBox.value);
    if (!n) {
      searchResult.textContent = searchBox.value.trim() ? 'No actor matches.' : '';
      network.unselectAll();
      return null;
    }
    if (!nodeVisible(n)) {
      searchResult.textContent = n.label + ' is hidden by the filters.';
      return n;
    }
    // Frame the actor with the actors it is linked to.
    var near = new Set([n.id]);
    (edgesOf.get(n.id) || []).forEach(function (e) { if (edgeVisible(e)) { near.add(e.from); near.add(e.to); } });
    fitView(Array.from(near), {animate: true});
    pin({kind: 'node', id: n.id});
    searchResult.textContent = n.label + (n.type ? ' (' + n.type + ')' : '');
    return n;
  }

  document.getElementById('kg-search-go').addEventListener('click', search);
  searchBox.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { search(); } });
  searchBox.addEventListener('change', search);

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
}());
