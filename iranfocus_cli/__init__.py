"""iranfocus: a command-line corpus inspector for plain-text dumps of Iran Focus pages.

The library is usable on its own::

    from iranfocus_cli import load_corpus
    corpus = load_corpus(["seeds"])
    for item in corpus.items:
        print(item.id, item.date, item.title)
"""

__version__ = "0.1.0"

from .corpus import Corpus, load_corpus  # noqa: E402
from .model import Item  # noqa: E402
from .parse import split_page  # noqa: E402

__all__ = ["Corpus", "Item", "__version__", "load_corpus", "split_page"]
