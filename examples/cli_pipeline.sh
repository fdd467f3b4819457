#!/usr/bin/env bash
# The command line end to end: extract → store → query → events table → network page.
# Run: bash examples/cli_pipeline.sh [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-out}"
mkdir -p "$out"

# 1. Extractions as JSON lines (one object per triple, with actors and events).
kg extract "$here/khamenei-rejects-talks-2019-09-18.txt" > "$out/triples.jsonl"

# 2. Build a store on disk from the article and a small corpus; the HTML and Turtle land in $out.
kg build "$here/khamenei-rejects-talks-2019-09-18.txt" "$here/corpus" --store "$out/store" --out "$out" --quiet

# 3. Ask it something, as CSV.
kg query "$out/store" "SELECT ?who ?what WHERE { ?c kg:subjectActor/skos:prefLabel ?who ; kg:relation \"reject\" ; kg:objectText ?what }" --format csv

# 4. A PETRARCH-style event table, and the network page.
kg events "$out/store" --format csv --out "$out/events.csv"
kg viz "$out/store" --out "$out/network.html"
echo "wrote $out/triples.jsonl $out/events.csv $out/network.html"
