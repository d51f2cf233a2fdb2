"""Collocates: the words that occur near a word, a phrase or a person. Pure.

Texts are cut into word tokens the way the text index cuts them (runs of
letters and digits of the folded text: case, accents and quotes do not matter,
and an apostrophe splits "Khamenei's" into "khamenei" and "s"). A node is one
or more *forms* (a word, a phrase, or every spelling of a person); each
occurrence of a form, longest first and never overlapping, opens a window of
``window`` tokens to its left and right; windows that overlap count a token
once, and the node's own tokens are never in a window. For a candidate word w:

* ``O``  observed: occurrences of w inside the node's windows;
* ``f_w`` its frequency in the reference corpus, ``N`` the reference's size in tokens;
* ``W``  the number of tokens inside all windows;
* ``E = W * f_w / N`` expected: the count of w in that many tokens drawn at random;
* ``MI = log2(O / E)`` (mutual information, as AntConc reports it);
* ``LL`` Dunning's log-likelihood G\u00b2 of the 2\u00d72 table (w or not, inside
  the windows or not): ``2 * sum(o * ln(o / e))`` over the four cells, each
  expected cell the product of its margins over N. LL is the ranking default:
  it does not overrate rare words the way MI does.

The windows must lie inside the reference (``f_w >= O``, ``N >= W``); where a
frequency handed in is smaller than what the windows saw, the observed count is
used. Stop words, numbers and the node's own words are left out unless asked
for, and words seen fewer than ``min_count`` times near the node are not reported.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .textnorm import fold

_TOKEN_RE = re.compile(r"[^\W_]+")
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves said says say s t
one two three new also m re ve ll d don didn doesn isn wasn aren weren hasn hadn
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


@dataclass
class Windows:
    """What the node's windows hold: word counts, their size, and how often the node occurred."""

    observed: Counter[str]
    tokens: int = 0        # W: tokens inside all windows
    occurrences: int = 0   # occurrences of the node
    texts: int = 0         # texts with at least one occurrence


def node_forms(node: str | Sequence[str]) -> list[list[str]]:
    """The token lists of a node's forms, longest first (empty forms dropped)."""
    forms = [node] if isinstance(node, str) else list(node)
    toks = {tuple(tokens(f)) for f in forms}
    return [list(t) for t in sorted(toks, key=lambda t: (-len(t), t)) if t]


# Beyond ASCII, what is not a letter or digit in the common punctuation of news text:
# a text holding anything else may need the full fold to be cut into tokens.
_UNUSUAL = re.compile(r"[^\x00-\x7f\u00a0\u00ab\u00bb\u2010-\u2015\u2018-\u201f\u2026\u2032\u2033]")


def _folded(text: str) -> str:
    """The text folded as far as cutting it into tokens needs: lower case, and the full
    fold only when it holds a letter or digit beyond ASCII (quotes, dashes and spaces
    separate tokens either way)."""
    m = _UNUSUAL.search(text)
    if m is None or not any(c.isalnum() for c in set(text[m.start():]) if not c.isascii()):
        return text.lower()
    return fold(text)


class _Node:
    """A node's forms as patterns: each form's first token found by plain search, the rest
    matched from there, with token boundaries on both sides; longest form first."""

    def __init__(self, forms: list[list[str]]):
        self.by_first: dict[str, list[re.Pattern[str]]] = {}
        for form in forms:
            rx = re.compile(r"[\W_]+".join(map(re.escape, form)) + r"(?![^\W_])")
            self.by_first.setdefault(form[0], []).append(rx)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the node's occurrences in a folded text, no two overlapping."""
        found: list[tuple[int, int]] = []
        for first, rxs in self.by_first.items():
            p = text.find(first)
            while p != -1:
                if p == 0 or not text[p - 1].isalnum():
                    for rx in rxs:
                        m = rx.match(text, p)
                        if m:
                            found.append((p, m.end()))
                            break
                p = text.find(first, p + 1)
        found.sort(key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int]] = []
        for s, e in found:
            if not out or s >= out[-1][1]:
                out.append((s, e))
        return out


def _left(text: str, at: int, window: int) -> list[tuple[int, str]]:
    """The ``window`` tokens before offset ``at``, with their offsets."""
    reach = 16 * (window + 1)
    while True:
        lo = max(0, at - reach)
        toks = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(text, lo, at)]
        if lo > 0 and toks and toks[0][0] == lo and text[lo - 1].isalnum():
            toks = toks[1:]  # cut at its start
        if len(toks) >= window or lo == 0:
            return toks[-window:]
        reach *= 4


def _right(text: str, at: int, window: int) -> list[tuple[int, str]]:
    """The ``window`` tokens from offset ``at`` on, with their offsets."""
    reach = 16 * (window + 1)
    while True:
        hi = min(len(text), at + reach)
        toks = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(text, at, hi)]
        if hi < len(text) and toks and toks[-1][0] + len(toks[-1][1]) == hi and text[hi].isalnum():
            toks = toks[:-1]  # cut at its end
        if len(toks) >= window or hi == len(text):
            return toks[:window]
        reach *= 4


def _around(text: str, s: int, e: int, window: int) -> list[str]:
    """The ``window`` tokens either side of one occurrence (offsets not needed)."""
    reach = 16 * (window + 1)
    while True:
        lo = max(0, s - reach)
        left = _TOKEN_RE.findall(text, lo, s)
        if lo > 0 and left and text[lo].isalnum() and text[lo - 1].isalnum():
            left = left[1:]  # cut at its start
        if len(left) >= window or lo == 0:
            break
        reach *= 4
    reach = 16 * (window + 1)
    while True:
        hi = min(len(text), e + reach)
        right = _TOKEN_RE.findall(text, e, hi)
        if hi < len(text) and right and text[hi - 1].isalnum() and text[hi].isalnum():
            right = right[:-1]  # cut at its end
        if len(right) >= window or hi == len(text):
            break
        reach *= 4
    return left[-window:] + right[:window]


def count_windows(texts: Iterable[str], forms: list[list[str]], window: int) -> Windows:
    """Tokens inside the node's windows, over every text (a window never crosses texts).

    Only the neighbourhood of each occurrence is cut into tokens: the node is found by
    plain search, so a long text costs little more than reading it.
    """
    out = Windows(Counter())
    node = _Node(forms)
    for text in texts:
        folded = _folded(text)
        spans = node.spans(folded)
        if not spans:
            continue
        if len(spans) == 1:  # one window, nothing to share
            inside = _around(folded, *spans[0], window)
        else:
            near: dict[int, str] = {}
            for s, e in spans:
                near.update(_left(folded, s, window))
                near.update(_right(folded, e, window))
            inside = [w for at, w in near.items() if not any(s <= at < e for s, e in spans)]
        out.tokens += len(inside)
        out.occurrences += len(spans)
        out.texts += 1
        out.observed.update(inside)
    return out


def candidates(observed: Mapping[str, int], forms: list[list[str]], *, min_count: int = 2,
               keep_stop_words: bool = False) -> list[str]:
    """The words worth scoring: seen at least ``min_count`` times, not the node's own words,
    and (unless kept) not stop words or numbers."""
    skip = {t for f in forms for t in f}
    return [w for w, o in observed.items() if o >= min_count and w not in skip
            and (keep_stop_words or (w not in STOP_WORDS and not w.isdigit()))]


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


def score(windows: Windows, words: Iterable[str], *, frequency: Mapping[str, int], corpus_tokens: int,
          measure: str = "ll") -> list[Collocate]:
    """Score words seen in the windows against the reference, ranked by ``measure``."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}")
    n = max(corpus_tokens, windows.tokens)
    out: list[Collocate] = []
    for word in words:
        o = windows.observed[word]
        f_w = max(frequency.get(word, 0), o)
        expected = windows.tokens * f_w / n if n else 0.0
        mi = math.log2(o / expected) if expected else 0.0
        out.append(Collocate(word, o, expected, f_w, mi, log_likelihood(o, windows.tokens, f_w, n)))
    key = (lambda c: (-c.ll, -c.observed, c.word)) if measure == "ll" else (lambda c: (-c.mi, -c.observed, c.word))
    return sorted(out, key=key)


def find_collocates(texts: Iterable[str], node: str | Sequence[str], *, frequency: Mapping[str, int],
                    corpus_tokens: int, window: int = 5, min_count: int = 2, keep_stop_words: bool = False,
                    measure: str = "ll") -> list[Collocate]:
    """Collocates of ``node`` (a word or phrase, or several forms) in ``texts``, ranked by
    ``measure`` ("ll" or "mi").

    ``frequency`` holds every word's count in the reference corpus and ``corpus_tokens``
    its size, so that the expected counts compare the windows with the corpus.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}")
    forms = node_forms(node)
    if not forms:
        return []
    win = count_windows(texts, forms, window)
    words = candidates(win.observed, forms, min_count=min_count, keep_stop_words=keep_stop_words)
    return score(win, words, frequency=frequency, corpus_tokens=corpus_tokens, measure=measure)
