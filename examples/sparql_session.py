"""A graph on disk and an analyst's questions: SPARQL over an Oxigraph store, then networkx.

Run: python examples/sparql_session.py [STORE_DIR]
"""

import sys
from pathlib import Path

import kg

HERE = Path(__file__).resolve().parent
store = sys.argv[1] if len(sys.argv) > 1 else "example-store"

# Build into an Oxigraph store on disk; running it again adds nothing (same documents, same content).
graph = kg.build_graph([HERE / "khamenei-rejects-talks-2019-09-18.txt", *kg.read_documents([HERE / "corpus"])], store=store)
print(graph.summary())

QUESTIONS = {
    "Who acts on whom, and how?": """
        SELECT ?source ?plover ?target WHERE {
          ?e a kg:Event ; kg:source/skos:prefLabel ?source ; kg:target/skos:prefLabel ?target ;
             kg:ploverType/skos:prefLabel ?plover }
        ORDER BY ?source""",
    "What did Ali Khamenei say?": """
        SELECT ?subject ?relation ?object WHERE {
          ?c kg:attributedTo/skos:prefLabel "Ali Khamenei" ; kg:subjectText ?subject ;
             kg:relation ?relation ; kg:objectText ?object }""",
    "What was denied or not done?": """
        SELECT ?subject ?relation ?object WHERE {
          ?c kg:polarity kg:Negative ; kg:subjectText ?subject ; kg:relation ?relation ; kg:objectText ?object }""",
}
for question, sparql in QUESTIONS.items():
    print(f"\n{question}")
    for row in graph.query(sparql):
        print("  ", " | ".join(str(v) for v in row))

network = graph.to_networkx()
print("\nMost connected actors:")
for node, degree in sorted(network.degree, key=lambda nd: -nd[1])[:5]:
    print(f"   {network.nodes[node]['label']}: {degree}")
graph.close()
