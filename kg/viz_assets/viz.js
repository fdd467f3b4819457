/* The actor network page: draws the graph embedded as JSON with vis-network.
 *
 * Article text is untrusted: every label, alias and sentence goes into the page through
 * textContent (tooltips, legend, search list) or is drawn on the canvas as text. No string
 * from the data is ever parsed as HTML, and vis-network's own HTML tooltips (`title`)
 * are not used.
 */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var TYPE_COLORS = {
    Person: '#4e79a7', Government: '#e15759', State: '#59a14f',
    Organization: '#f28e2b', Group: '#b07aa1', Actor: '#9c755f'
  };
  var OTHER_COLOR = '#bab0ac';
  var SIGNS = {
    '1': {name: 'cooperation', color: '#2ca02c'},
    '-1': {name: 'conflict', color: '#d62728'},
    '0': {name: 'unknown', color: '#9a9a9a'}
  };
  var UNTYPED = '';
  var large = !!data.large;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function typeColor(type) { return TYPE_COLORS[type] || OTHER_COLOR; }

  var nodeById = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); });
  var edgeById = new Map();
  var pairCount = new Map();
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    var pair = Math.min(e.from, e.to) + ':' + Math.max(e.from, e.to);
    pairCount.set(pair, (pairCount.get(pair) || 0) + 1);
  });

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
    var color = SIGNS[String(e.sign)] ? SIGNS[String(e.sign)].color : SIGNS['0'].color;
    return {
      id: e.id, from: e.from, to: e.to, label: e.type || e.relation || '',
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

  function edgeVisible(e) {
    if (!state.types.has(e.type || UNTYPED)) { return false; }
    if (e.weight < state.minWeight) { return false; }
    if (!e.dates.length) { return state.undated; }
    for (var i = 0; i < e.dates.length; i++) {
      var d = e.dates[i];
      if ((!state.from || d >= state.from) && (!state.to || d <= state.to)) { return true; }
    }
    return false;
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

  function apply() {
    shownEdges = countVisible();
    edgesView.refresh();
    nodesView.refresh();
    updateSummary();
  }

  // ------------------------------------------------------------------ network

  var container = document.getElementById('kg-network');
  var options = {
    autoResize: true,
    physics: {enabled: false},
    layout: {improvedLayout: false, randomSeed: 1},
    interaction: {
      hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
      keyboard: false, multiselect: false, tooltipDelay: 100
    },
    nodes: {
      shape: 'dot', borderWidth: 1,
      font: {size: 14, face: 'system-ui, sans-serif', color: '#222', strokeWidth: 3, strokeColor: '#ffffff'},
      scaling: {label: {drawThreshold: 6}}
    },
    edges: {
      arrows: {to: {enabled: true, scaleFactor: 0.5}},
      font: {size: 10, face: 'system-ui, sans-serif', align: 'middle', color: '#444', strokeWidth: 3, strokeColor: '#ffffff'},
      selectionWidth: 2, hoverWidth: 1, smooth: false
    }
  };
  var network = new vis.Network(container, {nodes: nodesView, edges: edgesView}, options);
  network.fit({animation: false});
  // fit() frames the node centres; leave room for the labels at the edges.
  network.moveTo({scale: network.getScale() * 0.88, animation: false});
  network.once('afterDrawing', function () {
    window.__kgReady = performance.now();
    document.body.setAttribute('data-ready', '1');
  });

  // ------------------------------------------------------------------ tooltips

  var tooltip = document.getElementById('kg-tooltip');

  function listSection(parent, heading, items) {
    if (!items || !items.length) { return; }
    parent.appendChild(el('div', 'kg-tt-meta', heading));
    var ul = el('ul');
    items.forEach(function (item) { ul.appendChild(el('li', null, item)); });
    parent.appendChild(ul);
  }

  function nodeTooltip(n) {
    var box = el('div');
    box.appendChild(el('div', 'kg-tt-title', n.label));
    var meta = [n.type || 'actor'];
    if (n.code) { meta.push(n.code); }
    meta.push(n.degree + (n.degree === 1 ? ' link' : ' links'));
    box.appendChild(el('div', 'kg-tt-meta', meta.join(' · ')));
    listSection(box, 'Also known as', n.aliases);
    listSection(box, 'Roles', n.roles);
    return box;
  }

  function edgeTooltip(e) {
    var box = el('div');
    var source = nodeById.get(e.from), target = nodeById.get(e.to);
    box.appendChild(el('div', 'kg-tt-title', source.label + ' → ' + target.label));
    var meta = [];
    meta.push(e.type || e.relation || 'link');
    if (e.cameo) { meta.push('CAMEO ' + e.cameo); }
    meta.push((SIGNS[String(e.sign)] || SIGNS['0']).name);
    meta.push(e.weight + (e.weight === 1 ? ' event' : ' events'));
    if (e.dates.length) {
      meta.push(e.dates[0] === e.dates[e.dates.length - 1] ? e.dates[0] : e.dates[0] + ' – ' + e.dates[e.dates.length - 1]);
    }
    box.appendChild(el('div', 'kg-tt-meta', meta.join(' · ')));
    if (e.evidence.length) {
      var ul = el('ul');
      e.evidence.forEach(function (ev) {
        var li = el('li');
        li.appendChild(el('div', 'kg-tt-sentence', ev.sentence));
        var where = [ev.document, ev.date].filter(function (s) { return s; }).join(' · ');
        if (where) { li.appendChild(el('div', 'kg-tt-source', where)); }
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (e.moreEvidence) { box.appendChild(el('div', 'kg-tt-meta', '… and ' + e.moreEvidence + ' more')); }
    }
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
    network.selectNodes([n.id]);
    network.focus(n.id, {scale: Math.max(network.getScale(), 1.2), animation: large ? false : {duration: 300}});
    searchResult.textContent = n.label + (n.type ? ' (' + n.type + ')' : '');
    return n;
  }

  document.getElementById('kg-search-go').addEventListener('click', search);
  searchBox.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { search(); } });
  searchBox.addEventListener('change', search);

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
  var presentTypes = new Set(data.nodes.map(function (n) { return n.type || ''; }));
  Object.keys(TYPE_COLORS).forEach(function (t) {
    if (!presentTypes.has(t)) { return; }
    var li = el('li');
    var swatch = el('span', 'kg-swatch');
    swatch.style.background = TYPE_COLORS[t];
    li.appendChild(swatch);
    li.appendChild(el('span', null, t));
    legend.appendChild(li);
  });
  var unknownTypes = Array.from(presentTypes).filter(function (t) { return !TYPE_COLORS[t]; });
  if (unknownTypes.length) {
    var li = el('li');
    var swatch = el('span', 'kg-swatch');
    swatch.style.background = OTHER_COLOR;
    li.appendChild(swatch);
    li.appendChild(el('span', null, 'other actor'));
    legend.appendChild(li);
  }
  ['1', '-1', '0'].forEach(function (sign) {
    var li = el('li');
    var line = el('span', 'kg-line');
    line.style.borderTopColor = SIGNS[sign].color;
    li.appendChild(line);
    li.appendChild(el('span', null, SIGNS[sign].name));
    legend.appendChild(li);
  });
  legend.appendChild(el('li', 'kg-note', 'Node size: weighted degree. Edge width: events.'));

  updateSummary();

  // For scripts and tests driving the page.
  window.kg = {
    network: network, data: data, state: state, apply: apply, find: find, search: search,
    visibleEdges: function () { return edgesView.getIds(); },
    visibleNodes: function () { return nodesView.getIds(); }
  };
}());
