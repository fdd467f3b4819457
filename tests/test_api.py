"""The public API: what `import kg` offers, and that it stays curated."""

from __future__ import annotations

import pytest

import kg


def test_all_is_sorted_and_importable():
    assert kg.__all__ == sorted(kg.__all__)
    for name in kg.__all__:
        assert hasattr(kg, name), name


def test_extract_keeps_spans_and_fields():
    (triple,) = [t for t in kg.extract("Khamenei outright rejected any plans for talks with U.S. authorities.") if t.relation == "reject"]
    assert triple.subject_text == "Khamenei"
    assert triple.object_text.endswith("plans for talks with U.S. authorities")
    assert triple.sentence.start_char == 0 and triple.negated is False


def test_extract_rejects_non_text():
    import pytest

    with pytest.raises(kg.InputError):
        kg.extract(b"bytes")  # type: ignore[arg-type]


def test_a_closed_store_opens_again_in_the_same_process(tmp_path):
    store = str(tmp_path / "store")
    first = kg.build_graph(["Iran attacked Iraq."], store=store)
    first.close()
    with kg.build_graph(["Iraq attacked Iran."], store=store) as second:
        assert second.summary().documents == 2
    with kg.open_graph(store) as again:
        assert again.summary().documents == 2


def test_open_graph_refuses_a_missing_store(tmp_path):
    import pytest

    with pytest.raises(kg.StoreError, match="no such store"):
        kg.open_graph(tmp_path / "typo")
    assert not (tmp_path / "typo").exists()


def test_the_extraction_stage_is_one_object_whatever_is_imported_first():
    import kg.extract as stage

    assert stage is kg.extract and callable(stage) and stage.extract_triples.__module__ == "kg.extract"


_IMPORTS = """
import sys
import {module}
heavy = sorted(m for m in ("rdflib", "kg.store", "kg.store.endpoint", "kg.graph", "networkx", "pyoxigraph") if m in sys.modules)
print(" ".join(heavy) or "-", "spacy" in sys.modules, callable(__import__("kg").extract))
"""


@pytest.mark.slow  # a fresh interpreter each
@pytest.mark.parametrize(
    ("module", "spacy"),
    [("kg", False), ("kg.cli", False), ("kg.actors", False), ("kg.actors.ids", False), ("kg.extract.component", True)],
)
def test_light_imports_load_no_store(module, spacy):
    """`import kg`, the command line's command table and spaCy's component load no RDF machinery."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _IMPORTS.format(module=module)], capture_output=True, text=True, check=True)
    heavy, loaded_spacy, extract_callable = done.stdout.split()
    assert heavy == "-" and loaded_spacy == str(spacy) and extract_callable == "True", done.stdout


@pytest.mark.slow  # a fresh interpreter
def test_reading_a_store_loads_no_spacy():
    """`kg query`, `kg export`, `kg serve` read stores: no parser needed, none loaded."""
    import subprocess
    import sys

    code = "import sys, kg.store, kg.graph, kg.cli.store; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
