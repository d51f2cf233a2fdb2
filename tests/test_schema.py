"""The item schema in docs/items.md lists exactly the fields the code exports, in order."""

from __future__ import annotations

import re
from pathlib import Path

from iranfocus_cli.model import EXPORTED

DOC = Path(__file__).resolve().parent.parent / "docs" / "items.md"


def test_every_exported_field_is_documented_in_order():
    names: list[str] = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| ((?:`\w+`(?:, )?)+) \|", line)
        if m:
            names += re.findall(r"`(\w+)`", m.group(1))
    assert names == list(EXPORTED)
