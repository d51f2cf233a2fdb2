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
