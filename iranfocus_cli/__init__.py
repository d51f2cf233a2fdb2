"""iranfocus: a command-line corpus inspector for plain-text dumps of Iran Focus pages.

The library is usable on its own::

    from iranfocus_cli import load_corpus
    corpus = load_corpus(["seeds"])
    for item in corpus.items:
        print(item.id, item.date, item.title)

The public names are imported when first used, so that ``iranfocus`` starts
without loading the parser when the cache already holds the answer.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .corpus import Corpus
    from .model import Item
    from .parse import split_page
    from .store import load_corpus

_EXPORTS = {"Corpus": "corpus", "Item": "model", "split_page": "parse", "load_corpus": "store"}
__all__ = ["Corpus", "Item", "__version__", "load_corpus", "split_page"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
