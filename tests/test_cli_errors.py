"""Every argument and option of every command, given a bad value: one line, the right class, status 1.

The cases are keyed by what typer's own command tree lists (``typer.main.get_command``), so a new
option without a bad-value case here fails `test_every_option_has_a_bad_value_case`.
"""

from __future__ import annotations

import pytest
import typer.main

from kg.cli import app, main, run
from kg.errors import InputError, KGError, ModelError, OutputError, QueryError, StoreError

#: A command line that works (up to where the bad value stops it), for each command.
VALID = {
    "build": ["build", "{article}", "--out", "{tmp}/out"],
    "extract": ["extract", "{article}"],
    "query": ["query", "{graph}", "ASK {}"],
    "serve": ["serve", "{graph}"],  # every case below stops it before it serves
    "export": ["export", "{graph}", "--out", "{tmp}/g.trig"],
    "events": ["events", "{graph}"],
    "viz": ["viz", "{graph}", "--out", "{tmp}/g.html"],
    "stats": ["stats", "{graph}"],
    "actors": ["actors", "{graph}"],
}

#: (command, parameter) → (what replaces or extends the valid line, the class raised, words of the message).
#: An argument's case replaces the arguments; an option's case is appended (the last value wins);
#: a case that starts with the command is the whole line.
BAD = {
    ("build", "inputs"): (["{missing}"], InputError, "no such file"),
    ("build", "--out"): (["--out", "{article}"], OutputError, "not a folder"),
    ("build", "--store"): (["--store", "sparql:nowhere"], StoreError, "sparql:"),
    ("build", "--input-format"): (["--input-format", "yaml"], InputError, "yaml"),
    ("build", "--model"): (["--model", "no_such_pipeline"], ModelError, "no_such_pipeline"),
    ("build", "--actors"): (["--actors", "{missing}"], InputError, "missing"),
    ("build", "--verbs"): (["--verbs", "{missing}"], InputError, "missing"),
    ("build", "--workers"): (["--workers", "0"], InputError, "--workers"),
    ("build", "--batch-size"): (["--batch-size", "0"], InputError, "--batch-size"),
    ("build", "--scheduler"): (["--scheduler", "nowhere:1"], InputError, "nowhere:1"),
    ("build", "--parts"): (["--workers", "2", "--parts", "{article}"], OutputError, "article.txt"),
    ("extract", "inputs"): (["{missing}"], InputError, "no such file"),
    ("extract", "--input-format"): (["--input-format", "yaml"], InputError, "yaml"),
    ("extract", "--format"): (["--format", "xml"], InputError, "xml"),
    ("extract", "--model"): (["--model", "no_such_pipeline"], ModelError, "no_such_pipeline"),
    ("extract", "--actors"): (["--actors", "{missing}"], InputError, "missing"),
    ("extract", "--verbs"): (["--verbs", "{missing}"], InputError, "missing"),
    ("extract", "--out"): (["--out", "{article}/lines.jsonl"], OutputError, "cannot write"),
    ("query", "store"): (["{missing}", "ASK {}"], StoreError, "no such"),
    ("query", "sparql"): (["{graph}", "SELECT WHERE"], QueryError, "malformed SPARQL"),
    ("query", "--named"): (["query", "{graph}", "--named", "no-such-query"], QueryError, "no-such-query"),
    ("query", "--param"): (["query", "{graph}", "--named", "said-by", "--param", "actor"], InputError, "NAME=VALUE"),
    ("query", "--format"): (["--format", "yaml"], InputError, "yaml"),
    ("serve", "store"): (["{missing}"], StoreError, "no such"),
    ("serve", "--port"): (["--port", "http"], InputError, "--port"),
    ("serve", "--timeout"): (["--timeout", "soon"], InputError, "--timeout"),
    ("serve", "--cors"): (["--cors", "example.org\nX-Injected: 1"], InputError, "--cors"),
    ("serve", "--workers"): (["--workers", "many"], InputError, "--workers"),
    ("serve", "--allow-host"): (["--allow-host", "bad host\n"], InputError, "--allow-host"),
    ("query", "--timeout"): (["--timeout", "soon"], InputError, "--timeout"),
    ("export", "store"): (["{missing}", "--out", "{tmp}/g.trig"], StoreError, "no such"),
    ("export", "--out"): (["--out", "{tmp}"], OutputError, "cannot write"),
    ("export", "--format"): (["--format", "rdfa"], InputError, "rdfa"),
    ("events", "store"): (["{missing}"], StoreError, "no such"),
    ("events", "--format"): (["--format", "xml"], InputError, "xml"),
    ("events", "--out"): (["--out", "{tmp}"], OutputError, "cannot write"),
    ("viz", "graph"): (["{missing}", "--out", "{tmp}/g.html"], StoreError, "no such"),
    ("viz", "--out"): (["--out", "{tmp}/g.png"], InputError, ".png"),
    ("viz", "--seed"): (["--seed", "lucky"], InputError, "--seed"),
    ("stats", "graph"): (["{missing}"], StoreError, "no such"),
    ("stats", "--top"): (["--top", "0"], InputError, "--top"),
    ("actors", "graph"): (["{missing}"], StoreError, "no such"),
    ("actors", "--format"): (["--format", "xml"], InputError, "xml"),
    ("actors", "--actors"): (["--actors", "{missing}"], InputError, "missing"),
}

#: Parameters any value of which is valid.
ANY_VALUE = {("viz", "--title")}

#: Cases that fail today, each with the reason (strict: the day one passes, its entry must go).
KNOWN_WRONG = {
    ("actors", "--actors"): "kg actors does not report an --actors file that does not exist (exit 0)",
    ("build", "--parts"): "a --parts path that is a file ends in a FileExistsError traceback, not one line",
}

#: Cases not run: the bad value is not checked, so the command would start serving and never return.
NOT_CHECKED = {
    ("serve", "--cors"): "an origin that is not one (no scheme, a line break) is not checked: the server starts with it",
    ("serve", "--allow-host"): "a host name with a space or a line break is not checked: the server starts with it",
}

#: Cases that wait on a network timeout (seconds) or start worker processes that load spaCy: left to the full tier.
SLOW = {("build", "--scheduler"), ("build", "--parts")}


def _parameters() -> set[tuple[str, str]]:
    """(command, parameter) for every argument and every option that takes a value."""
    found = set()
    for name, command in typer.main.get_command(app).commands.items():
        for param in command.params:
            if param.param_type_name == "argument":
                found.add((name, param.name))
            elif not param.is_flag:
                found.add((name, max(param.opts, key=len)))
    return found


def test_every_option_has_a_bad_value_case():
    walked = _parameters()
    assert walked - BAD.keys() - ANY_VALUE == set(), "add a bad-value case to BAD for these"
    assert BAD.keys() - walked == set(), "these cases name no parameter any more"


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("cli-errors")
    article = tmp / "article.txt"
    article.write_text("Iran condemned the sanctions.\n", encoding="utf-8")
    graph = tmp / "graph.ttl"
    graph.write_text("<urn:kg:a> <urn:kg:b> <urn:kg:c> .\n", encoding="utf-8")
    return {"article": str(article), "graph": str(graph), "missing": str(tmp / "missing.ttl"), "tmp": str(tmp)}


def _line(command: str, parameter: str, paths: dict[str, str]) -> list[str]:
    change = BAD[command, parameter][0]
    valid = VALID[command]
    if change[0] == command:
        args = change
    elif parameter.startswith("--"):
        args = valid + change
    else:  # an argument: the case's arguments in place of the valid ones, the options kept
        first_option = next((i for i, a in enumerate(valid) if a.startswith("--")), len(valid))
        args = [command, *change, *valid[first_option:]]
    for key, value in paths.items():
        args = [a.replace(f"{{{key}}}", value) for a in args]
    return args


def _marks(case: tuple[str, str]) -> list:
    marks = [pytest.mark.slow] if case in SLOW else []
    if case in KNOWN_WRONG:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[case]))
    if case in NOT_CHECKED:
        marks.append(pytest.mark.xfail(run=False, reason=NOT_CHECKED[case]))
    return marks


@pytest.mark.parametrize(
    "command,parameter",
    [pytest.param(*case, marks=_marks(case), id=" ".join(case)) for case in sorted(BAD)],
)
def test_bad_value_is_one_line_of_the_right_class_and_status_1(command, parameter, paths, capsys):
    args = _line(command, parameter, paths)
    _, error_class, words = BAD[command, parameter]
    with pytest.raises(KGError) as caught:
        run(args)
    assert type(caught.value) is error_class, f"{args}: {type(caught.value).__name__}: {caught.value}"
    assert main(args) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("kg: error: "), err
    assert words in err, err


def test_an_existing_output_is_left_as_it_was(paths, tmp_path, capsys):
    out = tmp_path / "events.csv"
    out.write_text("before\n", encoding="utf-8")
    assert main(["events", paths["graph"], "--format", "xml", "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "before\n"


def test_a_usage_error_is_status_2_and_not_a_kg_error(capsys):
    assert main(["stats"]) == 2  # missing argument
    assert main(["stats", "g.ttl", "--no-such-option"]) == 2
    assert "Usage:" in capsys.readouterr().err


def test_the_tree_drawn_in_kg_errors_is_the_class_tree():
    import kg.errors

    drawn: dict[str, str] = {}
    parents: list[str] = []
    indent = 0
    for line in kg.errors.__doc__.splitlines():
        stripped = line.strip()
        if stripped == "KGError":
            parents, indent = ["KGError"], line.index("K")
        elif parents and ("├─ " in line or "└─ " in line):
            depth = (line.index("─") - indent - 1) // 3 + 1  # a level is three columns
            name = line.split("─ ", 1)[1].split()[0]
            del parents[depth:]
            drawn[name] = parents[-1]
            parents.append(name)
    classes = {name: getattr(kg.errors, name) for name in kg.errors.__all__ if name != "KGError"}
    assert drawn == {name: cls.__base__.__name__ for name, cls in classes.items()}
