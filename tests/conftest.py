"""Shared fixtures: every test runs with a private cache folder and plain output."""

from __future__ import annotations

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
