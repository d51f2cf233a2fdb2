"""Shared fixtures: every test runs with a private cache folder and plain output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path_factory):
    monkeypatch.setenv("IRANFOCUS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("IRANFOCUS_CORPUS", raising=False)
    monkeypatch.delenv("IRANFOCUS_ALIASES", raising=False)


@pytest.fixture(scope="session")
def seed_corpus():
    from iranfocus_cli import load_corpus

    return load_corpus([str(SEEDS)])


@pytest.fixture(scope="session")
def seed_items(seed_corpus):
    return {it.id: it for it in seed_corpus.items}


def write_hostile(d: Path, *, long_words: int = 800_000, unknown_layouts: bool = False) -> Path:
    """A corpus folder of hostile files: empty, binary, latin-1, BOM and CR line ends, a very
    long line, no blank lines, markup and escape sequences, a link loop and a dangling link."""
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "bin.txt").write_bytes(b"\x00\x01binary")
    (d / "latin.txt").write_bytes("Iran Focus\n\nLondon, 02 Feb - caf\xe9 \x93quoted\x94 text.\n".encode("latin-1"))
    (d / "bom.txt").write_bytes(b"\xef\xbb\xbfIran Focus\r\n\r\nLondon, 03 Feb - bom and crlf.\r\n")
    (d / "cr.txt").write_bytes(b"Iran Focus\r\rLondon, 04 Feb - lone cr.\r")
    (d / "long.txt").write_text("Iran Focus\n\nLondon, 05 Feb - " + "khamenei word " * long_words + "\n")
    (d / "noblank.txt").write_text("A headline\nIran Focus\nLondon, 06 Feb - no blank lines.\nMore.\n")
    if unknown_layouts:
        (d / "odd1.txt").write_text("just some words\nwith no layout at all\n")
        (d / "odd2.txt").write_text("more words\nin no layout\n")
    (d / "evil.txt").write_text(
        "[bold red]Headline[/bold red]\n\nIran Focus\n\nLondon, 07 Feb - [link=http://x]click[/link] "
        "\x1b]8;;http://evil\x07text\x1b]8;;\x07 \x1b[2J\x1b[1A\x08\x07 \u202egnp.exe =HYPERLINK(\"x\")\n\n"
        "@SUM(A1) -2+3 +cmd\n")
    (d / "sub").mkdir()
    os.symlink("..", d / "sub" / "loop")
    os.symlink("missing.txt", d / "dangling.txt")
    return d
