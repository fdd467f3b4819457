"""The wheel ships what an installed `kg` reads: the ontology, the shapes, the queries, the data."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT

#: What a build reads: the package, its declared metadata and the ontology source.
SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "kg", "ontologies"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the sources, offline (the build tools of this environment)."""
    tree = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(out), str(tree)],
        check=True, capture_output=True, text=True,
    )
    (built,) = out.glob("kg-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_ships_the_ontology_and_shapes(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for ttl in sorted((ROOT / "ontologies").glob("*.ttl")):
        assert f"kg/ontologies/{ttl.name}" in names
    assert "kg/store/queries/who-rejected-what.rq" in names and "kg/data/extraction.schema.json" in names
    assert not any(name.startswith(("tests/", "ontologies/", "benchmarks/")) for name in names)


@pytest.mark.slow
def test_an_installed_package_reads_its_own_copy(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import kg.ontology as o, rdflib;"
        "print(o.ONTOLOGY_PATH); print(o.SHAPES_PATH); print(len(rdflib.Graph().parse(o.ONTOLOGY_PATH)))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(site)], cwd=tmp_path, capture_output=True, text=True, check=True)
    ontology, shapes, triples = done.stdout.split()
    assert ontology == str(site / "kg" / "ontologies" / "kg.ttl")
    assert shapes == str(site / "kg" / "ontologies" / "shapes.ttl")
    assert int(triples) > 100
