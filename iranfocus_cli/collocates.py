"""Collocates: the words that occur near a word, a phrase or a person. Pure.

Texts are cut into word tokens (folded: case, accents and quotes do not matter).
Each occurrence of the node (the query, one or more tokens) opens a window of
``window`` tokens to its left and right; windows that overlap count a token once.
For a candidate word w:

* ``O``  observed: occurrences of w inside the node's windows;
* ``f_w`` its frequency in the whole corpus, ``N`` the corpus size in tokens;
* ``W``  the number of tokens inside all windows;
* ``E = W * f_w / N`` expected: the count of w in that many tokens drawn at random;
* ``MI = log2(O / E)`` (mutual information, as AntConc reports it);
* ``LL`` Dunning's log-likelihood G\u00b2 of the 2\u00d72 table (w or not, inside
  the windows or not): ``2 * sum(o * ln(o / e))`` over the four cells, each
  expected cell the product of its margins over N. LL is the ranking default:
  it does not overrate rare words the way MI does.

Stop words and the node's own words are left out unless asked for, and words
seen fewer than ``min_count`` times near the node are not reported.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .textnorm import fold

_TOKEN_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves said says say s t
one two three new also its it's i'm he's she's they're we're don't didn't doesn't can't won't isn't wasn't
""".split())
MEASURES = ("ll", "mi")


def tokens(text: str) -> list[str]:
    """The folded word tokens of a text."""
    return _TOKEN_RE.findall(fold(text))


@dataclass(frozen=True)
class Collocate:
    """A word near the node, with the figures a reader needs to judge it."""

    word: str
    observed: int
    expected: float
    frequency: int
    mi: float
    ll: float

    def to_dict(self) -> dict:
        return {"word": self.word, "observed": self.observed, "expected": round(self.expected, 4),
                "frequency": self.frequency, "mi": round(self.mi, 4), "ll": round(self.ll, 4)}


def node_windows(toks: list[str], node: list[str], window: int) -> set[int]:
    """Positions of tokens within ``window`` of an occurrence of ``node`` (the node excluded)."""
    n = len(node)
    inside: set[int] = set()
    hits: set[int] = set()
    for k in range(len(toks) - n + 1):
        if toks[k:k + n] == node:
            hits.update(range(k, k + n))
            inside.update(range(max(0, k - window), k))
            inside.update(range(k + n, min(len(toks), k + n + window)))
    return inside - hits


def log_likelihood(o: int, w_tokens: int, f_w: int, n: int) -> float:
    """Dunning's G\u00b2 for a word seen ``o`` times in ``w_tokens`` window tokens, ``f_w`` times in ``n``."""
    cells = [(o, w_tokens, f_w), (w_tokens - o, w_tokens, n - f_w),
             (f_w - o, n - w_tokens, f_w), (n - w_tokens - f_w + o, n - w_tokens, n - f_w)]
    g = 0.0
    for obs, row, col in cells:
        exp = row * col / n if n else 0.0
        if obs > 0 and exp > 0:
            g += obs * math.log(obs / exp)
    return 2 * g


def find_collocates(texts: Iterable[str], node: str, *, frequency: Counter[str], corpus_tokens: int,
                    window: int = 5, min_count: int = 2, keep_stop_words: bool = False,
                    measure: str = "ll") -> list[Collocate]:
    """Collocates of ``node`` in ``texts``, ranked by ``measure`` ("ll" or "mi").

    ``frequency`` holds every word's count in the whole corpus and ``corpus_tokens``
    its size, so that the expected counts compare the windows with the corpus.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}")
    node_toks = tokens(node)
    if not node_toks:
        return []
    observed: Counter[str] = Counter()
    in_windows = 0
    for text in texts:
        toks = tokens(text)
        pos = node_windows(toks, node_toks, window)
        in_windows += len(pos)
        observed.update(toks[p] for p in pos)
    out: list[Collocate] = []
    skip = set(node_toks) | (set() if keep_stop_words else STOP_WORDS)
    for word, o in observed.items():
        if o < min_count or word in skip or word.isdigit():
            continue
        f_w = max(frequency.get(word, 0), o)
        expected = in_windows * f_w / corpus_tokens if corpus_tokens else 0.0
        mi = math.log2(o / expected) if expected else 0.0
        out.append(Collocate(word, o, expected, f_w, mi, log_likelihood(o, in_windows, f_w, corpus_tokens)))
    key = (lambda c: (-c.ll, -c.observed, c.word)) if measure == "ll" else (lambda c: (-c.mi, -c.observed, c.word))
    return sorted(out, key=key)
