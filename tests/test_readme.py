"""The README tour runs exactly as shown (piped output, bundled seeds)."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from iranfocus_cli.cli import cli

from .conftest import ROOT


def tour():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```\n(\$ iranfocus .*?)```", text, re.S):
        cmd, _, expected = block.partition("\n")
        if "┏" in expected:  # the terminal table is shown for its looks only
            continue
        yield cmd[2:], expected


@pytest.mark.parametrize("cmd,expected", list(tour()), ids=lambda x: x[:40] if isinstance(x, str) else "")
def test_readme_tour(cmd, expected):
    head = None
    if "| head -" in cmd:
        cmd, _, tail = cmd.partition("| head -")
        head = int(tail.strip())
    args = shlex.split(cmd)[1:]
    r = CliRunner().invoke(cli, args, catch_exceptions=False)
    out = r.stdout.splitlines()
    if head is not None:
        out = out[:head]
    assert out + r.stderr.splitlines() == expected.splitlines()


def test_readme_says_how_to_run_the_installed_command():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("## A short tour", 1)[0]
    # the tour calls plain `iranfocus`: the set-up must say how that name gets on PATH
    assert "source .venv/bin/activate" in setup and ".venv/bin/iranfocus" in setup
    assert "_IRANFOCUS_COMPLETE=bash_source iranfocus" in setup
    assert "[LICENSE](LICENSE)" in text and (ROOT / "LICENSE").exists()


def test_readme_completion_command_works():
    r = CliRunner().invoke(cli, [], prog_name="iranfocus", env={"_IRANFOCUS_COMPLETE": "bash_source"})
    assert r.exit_code == 0 and "_iranfocus_completion" in r.stdout
