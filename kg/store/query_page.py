"""Store → browser: the query page ``kg serve`` answers on ``GET /``.

One self-contained HTML page (style and script inline, nothing fetched but the endpoint's
own ``/sparql``): a text area with the project's prefixes declared, the named queries to
pick (their parameters as fields), results as a table, and the results to download as CSV
or JSON. Every value from a result goes into the table as text, never as HTML.
"""

from __future__ import annotations

import html
import json

from kg.ontology import PREFIXES
from kg.store.named import named_queries

__all__ = ["query_page"]

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header, main { padding: 8px 16px; }
header { background: #f4f4f4; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0; }
textarea { width: 100%; box-sizing: border-box; font: 13px/1.4 ui-monospace, monospace; min-height: 16em; }
.row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 6px 0; }
#params label { display: inline-flex; gap: 4px; align-items: center; }
#status { color: #555; }
#status.error { color: #b00020; white-space: pre-wrap; }
table { border-collapse: collapse; margin-top: 8px; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; max-width: 40em; overflow-wrap: anywhere; }
th { background: #f0f0f0; position: sticky; top: 0; }
"""

_SCRIPT = r"""
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('kg-config').textContent);
  var editor = document.getElementById('query');
  var picker = document.getElementById('named');
  var paramsBox = document.getElementById('params');
  var status = document.getElementById('status');
  var results = document.getElementById('results');
  var current = null;       // the last result, as SPARQL JSON
  var named = null;         // the picked named query

  config.named.forEach(function (q) {
    var option = document.createElement('option');
    option.value = q.name;
    option.textContent = q.name + ' — ' + q.description;
    picker.appendChild(option);
  });

  picker.addEventListener('change', function () {
    named = config.named.find(function (q) { return q.name === picker.value; }) || null;
    paramsBox.replaceChildren();
    if (!named) { editor.value = config.prefixes + config.example; return; }
    editor.value = config.prefixes + named.text;
    named.params.forEach(function (p) {
      var label = document.createElement('label');
      label.textContent = p.name + ' ';
      var input = document.createElement('input');
      input.name = p.name;
      input.dataset.type = p.type;
      input.type = p.type === 'date' ? 'date' : p.type === 'integer' ? 'number' : 'text';
      input.placeholder = p.description;
      input.title = p.description;
      label.appendChild(input);
      paramsBox.appendChild(label);
    });
  });

  // A parameter's value as a SPARQL term, checked against its type, as kg.store.named does.
  function term(type, name, value) {
    if (type === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) { throw new Error(name + ': ' + JSON.stringify(value) + ' is not a date (YYYY-MM-DD)'); }
      return '"' + value + '"^^<http://www.w3.org/2001/XMLSchema#date>';
    }
    if (type === 'integer') {
      if (!/^[+-]?\d+$/.test(value.trim())) { throw new Error(name + ': ' + JSON.stringify(value) + ' is not an integer'); }
      return String(parseInt(value, 10));
    }
    if (type === 'country') {
      var code = /^[A-Za-z]{3}$/.test(value.trim()) ? value.trim().toUpperCase() : config.countries[value.trim().toLowerCase()];
      if (!code) { throw new Error(name + ': ' + JSON.stringify(value) + ' is not a country name or ISO 3166-1 alpha-3 code'); }
      return '"' + code + '"';
    }
    if (type === 'iri') {
      if (!/^[a-zA-Z][\w+.-]*:[^\s<>"{}|^`\\]*$/.test(value)) { throw new Error(name + ': ' + JSON.stringify(value) + ' is not an absolute IRI'); }
      return '<' + value + '>';
    }
    return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r') + '"';
  }

  function filled() {
    var text = editor.value;
    if (!named) { return text; }
    var values = {};
    paramsBox.querySelectorAll('input').forEach(function (input) {
      if (!input.value) { throw new Error('named query ' + named.name + ' needs ' + input.name); }
      values[input.name] = term(input.dataset.type, input.name, input.value);
    });
    return text.replace(/\$(\w+)/g, function (whole, name) { return values.hasOwnProperty(name) ? values[name] : whole; });
  }

  function cell(binding) {
    if (!binding) { return ''; }
    return binding.value;
  }

  function show(json) {
    current = json;
    results.replaceChildren();
    if (json.boolean !== undefined) {
      status.textContent = 'ASK: ' + json.boolean;
      return;
    }
    var vars = json.head.vars, rows = json.results.bindings;
    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    vars.forEach(function (v) { var th = document.createElement('th'); th.textContent = v; head.appendChild(th); });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.insertCell().textContent = cell(row[v]); });
    });
    results.appendChild(table);
    status.textContent = rows.length + (rows.length === 1 ? ' row' : ' rows');
    document.getElementById('csv').disabled = document.getElementById('json').disabled = false;
  }

  function run() {
    var sparql;
    status.className = '';
    try { sparql = filled(); } catch (err) { status.className = 'error'; status.textContent = err.message; return Promise.resolve(); }
    status.textContent = 'Running…';
    return fetch(config.endpoint, {
      method: 'POST',
      headers: {'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json'},
      body: sparql
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) { throw new Error('HTTP ' + response.status + ': ' + text); }
        var json;
        try { json = JSON.parse(text); } catch (err) { throw new Error('the endpoint did not answer with a table (CONSTRUCT and DESCRIBE: use the endpoint directly)'); }
        show(json);
      });
    }).catch(function (err) {
      status.className = 'error';
      status.textContent = err.message;
      results.replaceChildren();
    });
  }

  function csvField(value) {
    return /[",\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function download(name, type, text) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], {type: type}));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function asCsv() {
    var vars = current.head.vars;
    var lines = [vars.map(csvField).join(',')];
    current.results.bindings.forEach(function (row) { lines.push(vars.map(function (v) { return csvField(cell(row[v])); }).join(',')); });
    return lines.join('\r\n') + '\r\n';
  }

  document.getElementById('run').addEventListener('click', run);
  editor.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { run(); } });
  document.getElementById('csv').addEventListener('click', function () { if (current && current.head) { download('results.csv', 'text/csv', asCsv()); } });
  document.getElementById('json').addEventListener('click', function () { if (current) { download('results.json', 'application/sparql-results+json', JSON.stringify(current, null, 2)); } });
  editor.value = config.prefixes + config.example;
  window.kgQuery = {run: run, asCsv: asCsv, result: function () { return current; }};
}());
"""


def _script_json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def query_page(*, endpoint: str = "/sparql", title: str = "kg: SPARQL") -> str:
    """The query page as one HTML string, all of it inline.

    Args:
        endpoint: Where the page sends its queries (``POST``, ``application/sparql-query``).
        title: The page's title.

    Returns:
        The page.

    Examples:
        >>> page = query_page()
        >>> "PREFIX kg: " in page and "who-rejected-what" in page
        True
        >>> "<link" in page or "<script src" in page
        False
    """
    from kg.actors.gazetteer import default_gazetteer

    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + "\n"
    config = {
        "endpoint": endpoint,
        "prefixes": prefixes,
        "example": named_queries()["who-rejected-what"].text,  # the question `kg build` answers
        "countries": {label.lower(): code for code, (label, _adj) in default_gazetteer().states.items()},
        "named": [
            {
                "name": q.name,
                "description": q.description,
                "params": [{"name": p.name, "type": p.type, "description": p.description} for p in q.params],
                "text": "\n".join(line for line in q.text.splitlines() if not line.startswith("#")).strip() + "\n",
            }
            for q in named_queries().values()
        ],
    }
    safe_title = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{safe_title}</title>
<style>{_STYLE}</style>
</head>
<body>
<header><h1>{safe_title}</h1><div>Read-only SPARQL over this store; the kg, prov, skos, ... prefixes are declared below.</div></header>
<main>
  <div class="row">
    <label for="named">Named query</label>
    <select id="named"><option value="">(write your own)</option></select>
  </div>
  <div id="params" class="row"></div>
  <textarea id="query" spellcheck="false" aria-label="SPARQL query"></textarea>
  <div class="row">
    <button id="run" type="button">Run (Ctrl+Enter)</button>
    <button id="csv" type="button" disabled>Download CSV</button>
    <button id="json" type="button" disabled>Download JSON</button>
    <span id="status" aria-live="polite"></span>
  </div>
  <div id="results"></div>
</main>
<script type="application/json" id="kg-config">{_script_json(config)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
