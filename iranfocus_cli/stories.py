"""Stories: items that carry the same story, however many pages repeat it. Pure.

A crawl repeats itself: the same teaser on many listing pages, a teaser and its
full article page, a story reposted with a new headline or a trimmed lead. This
module groups such items into *stories*, in three steps:

1. **Exact repeats** share a content key (the folded text) and are grouped first;
   only one item of each group goes on.
2. **Candidates** come from MinHash locality-sensitive hashing (Broder's
   MinHash, banded as in Leskovec, Rajaraman and Ullman, *Mining of Massive
   Datasets*, ch. 3): each text's word 4-grams, and separately its opening's,
   get a 64-permutation MinHash signature, computed for all 4-grams at once
   with numpy and cut into 16 bands of 4. Items that share a band key are
   candidates. The store keeps the band keys in SQLite, so a changed file is
   compared with the rest of the corpus by one indexed join, never all pairs,
   and nothing is held in memory between runs; ``link_stories`` does the same
   in memory. (datasketch's in-memory LSH index cannot be kept in the cache
   that way, so the method is used without the library.)
3. **Verification** is exact, on the 4-gram sets: two texts of similar length
   are *near* copies when at least ``NEAR_OVERLAP`` of the shorter one's 4-grams
   are in the longer; a much shorter text is a *teaser* of a longer one when that
   much of it lies in the longer text's opening. Two stories that share only a
   sentence (a boilerplate line) fall far below these bars and stay apart.

Each item then gets a story id (the id of the story's first item in corpus
order, so it is stable) and its relation to the story's fullest item: "same"
(an exact copy of it), "near", "teaser_of" (it is a teaser of that article),
"full_of" (it is the full article and the story holds its teaser); the fullest
item itself is "full_of" when the story has teasers, else "same". An item alone
in its story has no relation.

Dates flow along links (``flow_dates``): an undated item takes the date of a
dated item of its story whose year was written or proven on its page, never a
guessed one, and only when every such date in the story agrees.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .textnorm import fold

SHINGLE = 4            # words in a shingle
NUM_PERM = 64          # MinHash permutations, cut into BANDS bands of ROWS rows:
BANDS, ROWS = 16, 4    # a pair is proposed from a Jaccard of about (1/BANDS)**(1/ROWS) = 0.5
OPENING_WORDS = 20     # the opening a teaser shares with its article, for finding candidates
MIN_WORDS = 12         # shorter texts link by exact repeats only
NEAR_OVERLAP = 0.65    # share of the shorter text's 4-grams found in the longer
SAME_OVERLAP = 0.9     # the same, for copies whose openings differ
NEAR_SIZE = 0.6        # texts within this size ratio are near copies, below it a teaser
TEASER_OVERLAP = 0.9   # share of a teaser's 4-grams found in the article's opening

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class StoryItem:
    """What linking needs of an item: ``order`` is its place in the corpus."""

    id: str
    order: int
    kind: str
    text: str
    content_key: str


@dataclass(frozen=True)
class StoryLink:
    """An item's story (the id of its first item) and its relation to the fullest item."""

    story: str
    relation: str | None


def text_words(text: str) -> list[str]:
    """The folded words of a text, as linking compares them."""
    return _WORD_RE.findall(fold(text))


def _shingles(words: Sequence[str]) -> set[bytes]:
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[k:k + SHINGLE]).encode() for k in range(len(words) - SHINGLE + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any, Any]:
    """The MinHash permutations h -> a*h + b (mod 2^64, a odd; the top 32 bits are kept),
    and the multipliers that hash four word hashes into one 4-gram hash. Fixed by a
    seed, so signatures stored in a cache stay comparable."""
    import numpy as np

    gen = np.random.default_rng(20180125)
    a = gen.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64)
    mult = gen.integers(0, 1 << 63, SHINGLE, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    return a, b, mult


_WORD_HASH: dict[str, int] = {}


def _word_hash(w: str) -> int:
    h = _WORD_HASH.get(w)
    if h is None:
        h = _WORD_HASH[w] = zlib.crc32(w.encode("utf-8", "surrogatepass")) | (len(w) << 32)
    return h


def band_keys(words: Sequence[str]) -> list[tuple[int, int]]:
    """(band, key) pairs of a text for LSH: the bands of the MinHash signature of its
    word 4-grams (bands 0..BANDS-1) and of its opening's (BANDS..2*BANDS-1). Texts
    shorter than ``MIN_WORDS`` link by exact repeats only."""
    if len(words) < MIN_WORDS:
        return []
    import numpy as np

    a, b, mult = _permutations()
    wh = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    sh = sum((wh[k:k + n] * mult[k] for k in range(SHINGLE)), np.zeros(n, dtype=np.uint64))
    opening = ((np.outer(sh[:OPENING_WORDS - SHINGLE + 1], a) + b) >> np.uint64(32)).min(axis=0)
    full = opening
    for k in range(0, n, 4096):  # in chunks, so a text of a million words needs little memory
        full = np.minimum(full, ((np.outer(sh[k:k + 4096], a) + b) >> np.uint64(32)).min(axis=0))
    out: list[tuple[int, int]] = []
    for base, sig in ((0, full), (BANDS, opening)):
        rows = sig.reshape(BANDS, ROWS)
        mix = np.zeros(BANDS, dtype=np.uint64)
        for k in range(ROWS):  # a 63-bit key per band (an SQLite integer)
            mix = (mix * np.uint64(0x100000001B3)) ^ rows[:, k]
        out.extend((base + j, int(v >> np.uint64(1))) for j, v in enumerate(mix))
    return out


def verify(a_words: Sequence[str], b_words: Sequence[str]) -> str | None:
    """How two texts (word lists) are linked, exactly: "near", "teaser" (the first is a
    teaser of the second), "full" (the second is a teaser of the first), or None."""
    sa, sb = _shingles(a_words), _shingles(b_words)
    swap = len(sa) > len(sb)
    (sw, sset), (lw, lset) = ((b_words, sb), (a_words, sa)) if swap else ((a_words, sa), (b_words, sb))
    oa, ob = _shingles(a_words[:OPENING_WORDS]), _shingles(b_words[:OPENING_WORDS])
    agree = len(oa & ob) >= 0.5 * min(len(oa), len(ob))
    rel = _relation(sset, lset, _shingles(lw[:len(sw) + OPENING_WORDS]), agree)
    if rel == "teaser" and swap:
        return "full"
    return rel


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, a: str) -> str:
        root = a
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(a, a) != root:
            self.parent[a], a = root, self.parent[a]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _relation(short: set[bytes], long_: set[bytes], long_opening: set[bytes], openings_agree: bool) -> str | None:
    """'near' or 'teaser' when the shorter text ``short`` carries the story of ``long_``.

    Near copies that begin alike need ``NEAR_OVERLAP`` of the shorter text in the
    longer; copies that begin differently (a dropped lead) need ``SAME_OVERLAP``,
    so two teasers that share one sentence but open differently stay apart."""
    if not short:
        return None
    if len(short) >= NEAR_SIZE * len(long_):
        shared = len(short & long_)
        return "near" if shared >= (NEAR_OVERLAP if openings_agree else SAME_OVERLAP) * len(short) else None
    return "teaser" if len(short & long_opening) >= TEASER_OVERLAP * len(short) else None


def candidate_pairs(keys: dict[str, list[tuple[int, int]]]) -> set[tuple[str, str]]:
    """Pairs of texts that share a band key (a superset of the links), ordered."""
    buckets: dict[tuple[int, int], list[str]] = {}
    for k, bands in keys.items():
        for bk in bands:
            buckets.setdefault(bk, []).append(k)
    return {(x, y) for ks in buckets.values() for i, x in enumerate(ks) for y in ks[i + 1:] if x != y}


@dataclass(frozen=True)
class Member:
    """An item as story grouping needs it: ``group`` is its exact-repeat group (kind
    and content key), ``size`` the length of its text, ``order`` its corpus position."""

    id: str
    order: int
    group: str
    size: int


def group_stories(members: Iterable[Member], near: Iterable[tuple[str, str]],
                  teasers: dict[str, list[str]]) -> dict[str, StoryLink]:
    """Stories from exact-repeat groups joined by near links (pairs of groups) and by
    teasers (a group and the groups of the articles it fits); every member gets a link.

    A teaser joins its article's story only when every article it fits is of one
    story: a teaser that fits two different stories proves neither."""
    members = sorted(members, key=lambda m: m.order)
    union = _Union()
    for a, b in near:
        union.join(a, b)
    teaser_of: set[str] = set()
    for short, longs in teasers.items():
        if longs and len({union.find(t) for t in longs}) == 1:
            union.join(short, longs[0])
            teaser_of.add(short)
    stories: dict[str, list[Member]] = {}
    for m in members:
        stories.setdefault(union.find(m.group), []).append(m)
    out: dict[str, StoryLink] = {}
    for group in stories.values():
        story = group[0].id  # members are in corpus order
        if len(group) == 1:
            out[story] = StoryLink(story, None)
            continue
        fullest = max(group, key=lambda m: (m.size, -m.order))
        has_teasers = any(m.group in teaser_of for m in group)
        for m in group:
            if m.group == fullest.group:
                rel = "full_of" if has_teasers else "same"
            elif m.group in teaser_of or m.size < NEAR_SIZE * fullest.size:
                rel = "teaser_of"
            else:
                rel = "near"
            out[m.id] = StoryLink(story, rel)
    return out


def link_stories(items: Iterable[StoryItem]) -> dict[str, StoryLink]:
    """Group items into stories in memory; every item gets a ``StoryLink``."""
    items = sorted(items, key=lambda it: it.order)
    members: list[Member] = []
    heads: dict[str, StoryItem] = {}
    for it in items:
        g = f"{it.kind}:{it.content_key or it.id}"
        members.append(Member(it.id, it.order, g, len(it.text)))
        if it.kind == "article":
            heads.setdefault(g, it)
    words = {g: text_words(it.text) for g, it in heads.items()}
    near: list[tuple[str, str]] = []
    teasers: dict[str, list[str]] = {}
    for a, b in sorted(candidate_pairs({g: band_keys(w) for g, w in words.items()})):
        rel = verify(words[a], words[b])
        if rel == "near":
            near.append((a, b))
        elif rel in ("teaser", "full"):
            short, long_ = (a, b) if rel == "teaser" else (b, a)
            teasers.setdefault(short, []).append(long_)
    return group_stories(members, near, teasers)


@dataclass(frozen=True)
class Dated:
    """An item's date as the store holds it, for the flow along story links."""

    id: str
    date: str | None
    year_basis: str | None


PROVEN = ("written", "page", "user")


def flow_dates(stories: dict[str, list[Dated]]) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """Dates that flow to undated items: ({id: (date, source id)}, stories whose dates disagree).

    Only a full date whose year was written, proven on its page or set by the user
    flows, and only when every such date in the story is the same day.
    """
    flows: dict[str, tuple[str, str]] = {}
    conflicts: set[str] = set()
    for story, group in stories.items():
        proven = [d for d in group if d.date and d.year_basis in PROVEN and len(d.date) == 10]
        days = {d.date for d in proven}
        if len(days) > 1:
            conflicts.add(story)
            continue
        if not proven:
            continue
        src = proven[0]
        assert src.date is not None
        for d in group:
            if d.date is None or (d.date.startswith("--") and d.date[2:] == src.date[5:]):
                flows[d.id] = (src.date, src.id)
    return flows, conflicts
