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
   A text is hashed and shingled once (``sketch``), as its page is stored.
3. **Verification** is exact, on the 4-gram sets (kept as sorted arrays of 64-bit
   hashes, 12 bytes a 4-gram, so a corpus's texts fit in memory while they are
   linked): two texts of similar length
   are *near* copies when at least ``NEAR_OVERLAP`` of the shorter one's 4-grams
   are in the longer; a much shorter text is a *teaser* of a longer one when that
   much of it lies in the longer text's opening. Two stories that share only a
   sentence (a boilerplate line) fall far below these bars and stay apart. A pair
   whose answer cannot change the stories is not verified (``Linker``), so a story
   of n texts costs about n checks, not n*n/2; the stories are the same as when
   every pair is verified.

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
from collections.abc import Callable, Container, Iterable, Sequence
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
    return folded_words(fold(text))


def folded_words(folded: str) -> list[str]:
    """``text_words`` of a text already folded."""
    return _WORD_RE.findall(folded)


@dataclass(frozen=True)
class Shingled:
    """A text ready for ``verify``, compact (12 bytes a 4-gram): its number of words,
    its distinct 4-gram hashes sorted, where each first occurs, and its opening's."""

    words: int
    grams: Any        # numpy uint64, sorted, distinct
    first: Any        # numpy uint32: the position of each gram's first occurrence
    opening: frozenset[int]

    @property
    def nbytes(self) -> int:
        return int(self.grams.nbytes + self.first.nbytes) + 64 * len(self.opening) + 200


def gram_hashes(words: Sequence[str]) -> Any:
    """The 64-bit hashes of a text's word 4-grams, in order (numpy uint64); a text of
    fewer than four words is one gram."""
    import numpy as np

    _, _, mult = _permutations()
    table = _WORD_HASH
    for w in set(words).difference(table):
        b = w.encode("utf-8", "surrogatepass")
        table[w] = zlib.crc32(b) | (zlib.adler32(b) << 32)
    wh = np.fromiter(map(table.__getitem__, words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    if n < 1:
        return (wh * mult[:len(words)]).sum(dtype=np.uint64).reshape(1) if len(words) else wh
    return sum((wh[k:k + n] * mult[k] for k in range(SHINGLE)), np.zeros(n, dtype=np.uint64))


def shingled(words: Sequence[str], sh: Any = None) -> Shingled:
    """``words`` as ``verify`` takes them (``sh``: their ``gram_hashes``, if known)."""
    import numpy as np

    sh = gram_hashes(words) if sh is None else sh
    grams, first = np.unique(sh, return_index=True)
    opening = grams[first < OPENING_WORDS - SHINGLE + 1]
    return Shingled(len(words), grams, first.astype(np.uint32), frozenset(opening.tolist()))


@dataclass(frozen=True)
class Sketch:
    """What the store keeps of a text for linking: its number of distinct 4-grams and
    its LSH band keys; and, for the linking that follows, the text ``shingled``."""

    size: int
    bands: list[tuple[int, int]]
    text: Shingled | None


def sketch(words: Sequence[str]) -> Sketch:
    """A text's ``Sketch``: its words hashed and shingled once."""
    sh = gram_hashes(words)
    sd = shingled(words, sh)
    return Sketch(len(sd.grams), _band_keys(words, sh), sd)


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


_WORD_HASH: dict[str, int] = {}  # each word's 64-bit hash (CRC-32 and Adler-32), once


def band_keys(words: Sequence[str]) -> list[tuple[int, int]]:
    """(band, key) pairs of a text for LSH: the bands of the MinHash signature of its
    word 4-grams (bands 0..BANDS-1) and of its opening's (BANDS..2*BANDS-1). Texts
    shorter than ``MIN_WORDS`` link by exact repeats only."""
    return _band_keys(words, None)


def _band_keys(words: Sequence[str], sh: Any) -> list[tuple[int, int]]:
    if len(words) < MIN_WORDS:
        return []
    import numpy as np

    a, b, _ = _permutations()
    sh = gram_hashes(words) if sh is None else sh

    def minhash(grams: Any) -> Any:  # the least a*h + b of the grams, per permutation
        m = np.multiply.outer(grams, a)
        m += b
        return m.min(axis=0)

    opening = minhash(sh[:OPENING_WORDS - SHINGLE + 1])
    full = opening
    for k in range(0, len(sh), 4096):  # in chunks, so a text of a million words needs little memory
        full = np.minimum(full, minhash(sh[k:k + 4096]))
    out: list[tuple[int, int]] = []
    # the top 32 bits are kept (the shift keeps the order, so it comes after the min)
    for base, sig in ((0, full >> np.uint64(32)), (BANDS, opening >> np.uint64(32))):
        rows = sig.reshape(BANDS, ROWS)
        mix = np.zeros(BANDS, dtype=np.uint64)
        for k in range(ROWS):  # a 63-bit key per band (an SQLite integer)
            mix = (mix * np.uint64(0x100000001B3)) ^ rows[:, k]
        out.extend((base + j, int(v >> np.uint64(1))) for j, v in enumerate(mix))
    return out


def verify(a: Sequence[str] | Shingled, b: Sequence[str] | Shingled) -> str | None:
    """How two texts (word lists, or ``shingled`` ones) are linked, exactly: "near",
    "teaser" (the first is a teaser of the second), "full" (the second is a teaser
    of the first), or None.

    Near copies that begin alike need ``NEAR_OVERLAP`` of the shorter text's 4-grams
    in the longer; copies that begin differently (a dropped lead) need
    ``SAME_OVERLAP``, so two teasers that share one sentence but open differently stay
    apart. A much shorter text is a teaser when ``TEASER_OVERLAP`` of it lies in the
    longer text's opening."""
    import numpy as np

    sa = a if isinstance(a, Shingled) else shingled(a)
    sb = b if isinstance(b, Shingled) else shingled(b)
    swap = len(sa.grams) > len(sb.grams)
    short, long_ = (sb, sa) if swap else (sa, sb)
    if not len(short.grams):
        return None
    # where each of the shorter text's 4-grams is in the longer (sorted arrays)
    at = np.searchsorted(long_.grams, short.grams)
    at[at == len(long_.grams)] = 0
    found = long_.grams[at] == short.grams
    if len(short.grams) >= NEAR_SIZE * len(long_.grams):
        agree = len(sa.opening & sb.opening) >= 0.5 * min(len(sa.opening), len(sb.opening))
        shared = int(np.count_nonzero(found))
        return "near" if shared >= (NEAR_OVERLAP if agree else SAME_OVERLAP) * len(short.grams) else None
    # the 4-grams that first occur within the longer text's opening (as long as the teaser, and some)
    head = short.words + OPENING_WORDS - SHINGLE + 1
    if np.count_nonzero(found & (long_.first[at] < head)) >= TEASER_OVERLAP * len(short.grams):
        return "full" if swap else "teaser"
    return None


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


def buckets_of(keys: dict[str, list[tuple[int, int]]]) -> list[tuple[str, ...]]:
    """The LSH buckets with more than one text (texts that share a band key), each once."""
    buckets: dict[tuple[int, int], list[str]] = {}
    for k, bands in keys.items():
        for bk in bands:
            buckets.setdefault(bk, []).append(k)
    return sorted({tuple(sorted(set(ks))) for ks in buckets.values() if len(set(ks)) > 1})


def within(texts: Iterable[tuple[str, Shingled | None]], room: int) -> dict[str, Shingled]:
    """The shingled texts that fit in ``room`` bytes, in order (the rest are read again
    when they are needed)."""
    out: dict[str, Shingled] = {}
    for k, sd in texts:
        if sd is not None and sd.nbytes <= room:
            out[k] = sd
            room -= sd.nbytes
    return out


class Linker:
    """Verifies the candidate pairs of LSH buckets, skipping every pair whose answer
    cannot change the stories, so a story of n texts costs about n checks, not n*n/2.

    A pair of similar size can only be a near link: it is skipped when near links
    already join the two. A pair of very different size can only be a teaser link:
    it is skipped when the longer text is already joined to an article the teaser is
    known to fit. Joins only ever merge, so both skips hold at the end, and the links
    kept give the same stories as verifying every pair. ``words_of`` loads texts'
    words; ``sizes`` are their numbers of distinct 4-grams (``Sketch.size``).
    """

    CACHE = 96 << 20  # bytes of shingled texts kept at a time

    def __init__(self, words_of: Callable[[list[str]], dict[str, list[str]]], sizes: dict[str, int]) -> None:
        self.words_of, self.sizes = words_of, sizes
        self._bytes = 0
        self.union = _Union()
        self.longs: dict[str, list[str]] = {}
        self._long_roots: dict[str, set[str]] = {}  # roots of a teaser's articles, as last seen
        self.done: set[tuple[str, str]] = set()
        self.links: list[tuple[str, str, str]] = []  # (a, b, "near") or (teaser, article, "teaser")
        self.checked = 0
        self._cache: dict[str, Shingled] = {}

    def seed(self, links: Iterable[tuple[str, str, str]]) -> None:
        """Links already known (kept, not returned again), so their pairs are skipped."""
        for a, b, rel in links:
            if rel == "near":
                self.union.join(a, b)
            else:
                self.longs.setdefault(a, []).append(b)

    def bucket(self, members: Sequence[str], new: Container[str] | None = None) -> None:
        """Check the pairs of one bucket that hold a text of ``new`` (None: every pair).

        The skips here use roots as last seen: two texts whose roots, read at any
        times, were the same are joined for good, since a root that stops being one
        never becomes one again. A root that differs is read afresh by ``check``."""
        find, sizes, done, long_roots = self.union.find, self.sizes, self.done, self._long_roots
        roots = [find(m) for m in members]
        for i, x in enumerate(members):
            sx, rx = sizes[x], roots[i]
            for j in range(i):
                y = members[j]
                if new is not None and x not in new and y not in new:
                    continue
                sy, ry = sizes[y], roots[j]
                if sx <= sy:
                    if sx >= NEAR_SIZE * sy:
                        if ry == rx:
                            continue  # only a near link is possible, and near links join them
                    elif ry in long_roots.get(x, ()):
                        continue  # a teaser of x's story already
                elif sy >= NEAR_SIZE * sx:
                    if ry == rx:
                        continue
                elif rx in long_roots.get(y, ()):
                    continue
                if ((x, y) if x < y else (y, x)) in done:
                    continue
                if self.check(x, y):
                    rx = roots[i] = find(x)

    def check(self, a: str, b: str) -> bool:
        """Verify a pair unless its answer cannot matter; True when it joined them."""
        if a > b:
            a, b = b, a
        if (a, b) in self.done:
            return False
        short, long_ = (b, a) if self.sizes[a] > self.sizes[b] else (a, b)
        find = self.union.find
        if self.sizes[short] >= NEAR_SIZE * self.sizes[long_]:
            if find(a) == find(b):
                return False
        elif short in self.longs:
            root = find(long_)
            if root not in self._long_roots.get(short, ()):  # an old root still a root is proof
                self._long_roots[short] = {find(t) for t in self.longs[short]}
            if root in self._long_roots[short]:
                return False
        self.done.add((a, b))
        self.checked += 1
        words = self._words([a, b])
        if len(words) < 2:  # a text that is not there any more links nothing
            return False
        rel = verify(words[a], words[b])
        if rel == "near":
            self.union.join(a, b)
            self.links.append((a, b, "near"))
            return True
        if rel in ("teaser", "full"):
            t, art = (a, b) if rel == "teaser" else (b, a)
            self.longs.setdefault(t, []).append(art)
            self.links.append((t, art, "teaser"))
        return False

    def keep(self, texts: dict[str, Shingled]) -> None:
        """Texts already shingled (by the loader), kept as long as the cache allows."""
        fit = within(((k, sd) for k, sd in texts.items() if k not in self._cache), self.CACHE - self._bytes)
        self._cache.update(fit)
        self._bytes += sum(sd.nbytes for sd in fit.values())

    def _words(self, keys: list[str]) -> dict[str, Shingled]:
        cache = self._cache
        out = {k: cache.pop(k) for k in keys if k in cache}
        missing = [k for k in keys if k not in out]
        if missing:
            new = {k: shingled(w) for k, w in self.words_of(missing).items()}
            self._bytes += sum(sd.nbytes for sd in new.values())
            out.update(new)
        while cache and self._bytes > self.CACHE:
            self._bytes -= cache.pop(next(iter(cache))).nbytes  # the least recently used
        cache.update(out)  # most recently used last
        return out


@dataclass(frozen=True)
class Member:
    """An item as story grouping needs it: ``group`` is its exact-repeat group (kind
    and content key), ``size`` the length of its text, ``order`` its corpus position.
    A member may stand for its whole group: then it is the group's first item and
    ``copies`` says how many items the group has."""

    id: str
    order: int
    group: str
    size: int
    copies: int = 1


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
        if len(group) == 1 and group[0].copies == 1:
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
    heads: dict[str, str] = {}
    for it in items:
        g = f"{it.kind}:{it.content_key or it.id}"
        members.append(Member(it.id, it.order, g, len(it.text)))
        if it.kind == "article":
            heads.setdefault(g, fold(it.text))
    return group_stories(members, *split_links(link_texts(heads)[1]))


def link_texts(texts: dict[str, str]) -> tuple[dict[str, Sketch], list[tuple[str, str, str]]]:
    """Sketch and link texts, given folded, by key: their sketches (without the shingled
    text) and the links ``Linker`` keeps."""
    sketches: dict[str, Sketch] = {}
    sizes: dict[str, int] = {}
    linker = Linker(lambda keys: {k: folded_words(texts[k]) for k in keys}, sizes)
    for k, t in texts.items():
        sk = sketch(folded_words(t))
        sizes[k] = sk.size
        if sk.text is not None:
            linker.keep({k: sk.text})
        sketches[k] = Sketch(sk.size, sk.bands, None)
    for members in buckets_of({k: sk.bands for k, sk in sketches.items()}):
        linker.bucket(members)
    return sketches, linker.links


def split_links(links: Iterable[tuple[str, str, str]]) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Links as ``group_stories`` takes them: near pairs, and each teaser's articles."""
    near: list[tuple[str, str]] = []
    teasers: dict[str, list[str]] = {}
    for a, b, rel in links:
        if rel == "near":
            near.append((a, b))
        else:
            teasers.setdefault(a, []).append(b)
    return near, teasers


@dataclass(frozen=True)
class Dated:
    """An item's date as the store holds it, for the flow along story links."""

    id: str
    date: str | None
    year_basis: str | None


PROVEN = ("written", "page", "user")


def story_date(group: Iterable[Dated]) -> tuple[tuple[str, str] | None, bool]:
    """The date a story lends its undated items, as (date, source id), and whether its
    proven dates disagree. Only a full date whose year was written, proven on its page
    or set by the user counts, and only when every such date in the story is the same
    day; the source is the first such item given (pass them in corpus order)."""
    proven = [d for d in group if d.date and d.year_basis in PROVEN and len(d.date) == 10]
    if len({d.date for d in proven}) > 1:
        return None, True
    if not proven:
        return None, False
    assert proven[0].date is not None
    return (proven[0].date, proven[0].id), False


def takes_date(date: str | None, lent: str) -> bool:
    """Whether an item dated ``date`` takes the story's date ``lent``: when it has no date,
    or the same day and month without a year."""
    return date is None or (date.startswith("--") and date[2:] == lent[5:])


def flow_dates(stories: dict[str, list[Dated]]) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """Dates that flow to undated items: ({id: (date, source id)}, stories whose dates disagree)."""
    flows: dict[str, tuple[str, str]] = {}
    conflicts: set[str] = set()
    for story, group in stories.items():
        lent, odd = story_date(group)
        if odd:
            conflicts.add(story)
        if lent is not None:
            flows.update((d.id, lent) for d in group if takes_date(d.date, lent[0]))
    return flows, conflicts
