"""The Python API on the example article: triples, a graph, a SPARQL question, the network.

Run: python examples/quickstart.py [OUT_DIR]
"""

import sys
from pathlib import Path

import kg

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "khamenei-rejects-talks-2019-09-18.txt"
out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")

# 1. Open extraction: one triple per conjunct, negation and attribution as fields.
for triple in kg.extract("Khamenei outright rejected any plans for talks with U.S. authorities."):
    print(triple.subject_text, "|", triple.relation, "|", triple.object_text)

# 2. The whole article into a graph of actors, claims and events.
graph = kg.build_graph([ARTICLE])
print(graph.summary())

# 3. SPARQL, with kg's prefixes already declared.
for row in graph.query(
    """SELECT ?who ?what WHERE {
         ?claim kg:subjectActor/skos:prefLabel ?who ; kg:relation "reject" ; kg:objectText ?what }"""
):
    print(f"{row.who} rejected {row.what}")

# 4. The actor network: networkx for analysis, HTML for exploring.
network = graph.to_networkx()
print(network.number_of_nodes(), "actors,", network.number_of_edges(), "links")
graph.export(out / "quickstart.ttl", format="turtle")
graph.to_html(out / "quickstart.html")
print("wrote", out / "quickstart.ttl", "and", out / "quickstart.html")
