"""Every command explains itself with an example, and errors are one line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app, main

COMMANDS = ["build", "extract", "query", "serve", "export", "events", "viz", "stats"]


def test_top_level_help_lists_every_command_and_an_example():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_shows_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: kg " + command in " ".join(result.output.split())


def test_kg_error_is_one_line_with_status_1(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"kg: error: {tmp_path / 'nope.txt'}: no such file"


def test_usage_error_is_status_2(capsys):
    assert main(["build", "--no-such-option"]) == 2
