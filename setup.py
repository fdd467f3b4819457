"""Build hook: the wheel ships the ontology inside the package, as ``kg/ontologies/*.ttl``.

The top-level ``ontologies/`` folder stays the one source; ``build_py`` copies its Turtle
files into the package at build time, where `kg.ontology` finds them with
``importlib.resources``. A source checkout (an editable install) reads ``ontologies/``.
Everything else is declared in ``pyproject.toml``.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent / "ontologies"


class BuildWithOntologies(build_py):
    """``build_py`` that also copies ``ontologies/*.ttl`` into ``kg/ontologies/``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "kg" / "ontologies"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted(SOURCE.glob("*.ttl")):
            self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildWithOntologies})
