/* Part 2 of 4: hover tooltips, the pinned evidence panel, apply() and the actor search. */

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
