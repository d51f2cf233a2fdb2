"""Stories: items that carry the same story, however many pages repeat it. Pure.

A crawl repeats itself: the same teaser on many listing pages, a teaser and its
full article page, a story reposted with a new headline or a trimmed lead. This
module groups such items into *stories*, in three steps:

1. **Exact repeats** share a content key (the folded text) and are grouped first;
   only one item of each group goes on.
2. **Candidates** come from MinHash locality-sensitive hashing (``datasketch``,
   the field's standard library): one index over each text's word 4-grams finds
   near-duplicates, a second over its opening finds a teaser and its full
   article. LSH finds candidate pairs in time linear in the corpus, not all pairs.
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

from .textnorm import fold

SHINGLE = 4            # words in a shingle
NUM_PERM = 64          # MinHash permutations
LSH_THRESHOLD = 0.5    # Jaccard at which LSH starts to propose a pair
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


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


def _shingles(words: Sequence[str]) -> set[bytes]:
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[k:k + SHINGLE]).encode() for k in range(len(words) - SHINGLE + 1)}


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


def candidate_pairs(sets: dict[str, set[bytes]], openings: dict[str, set[bytes]]) -> set[tuple[str, str]]:
    """Pairs of keys whose texts or openings LSH finds alike (a superset of the links)."""
    from datasketch import MinHash, MinHashLSH

    keys = list(sets)
    pairs: set[tuple[str, str]] = set()
    for source in (sets, openings):
        hashes = MinHash.bulk([list(source[k]) for k in keys], num_perm=NUM_PERM, hashfunc=zlib.crc32)
        lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        for k, mh in zip(keys, hashes):
            for other in lsh.query(mh):
                pairs.add((other, k))
            lsh.insert(k, mh)
    return pairs


def link_stories(items: Iterable[StoryItem]) -> dict[str, StoryLink]:
    """Group items into stories; every item gets a ``StoryLink``."""
    items = sorted(items, key=lambda it: it.order)
    groups: dict[tuple[str, str], list[StoryItem]] = {}
    for it in items:
        groups.setdefault((it.kind, it.content_key or it.id), []).append(it)
    heads = {g[0].id: g for g in groups.values()}
    union = _Union()
    for g in groups.values():
        for it in g[1:]:
            union.join(g[0].id, it.id)
    words = {h: _words(g[0].text) for h, g in heads.items() if g[0].kind == "article"}
    words = {h: w for h, w in words.items() if len(w) >= MIN_WORDS}
    sets = {h: _shingles(w) for h, w in words.items()}
    openings = {h: _shingles(w[:OPENING_WORDS]) for h, w in words.items()}
    teaser_of: dict[str, str] = {}
    targets: dict[str, list[str]] = {}
    if len(sets) > 1:
        for a, b in sorted(candidate_pairs(sets, openings)):
            short, long_ = (a, b) if len(sets[a]) <= len(sets[b]) else (b, a)
            opening = _shingles(words[long_][:len(words[short]) + OPENING_WORDS])
            agree = len(openings[a] & openings[b]) >= 0.5 * min(len(openings[a]), len(openings[b]))
            rel = _relation(sets[short], sets[long_], opening, agree)
            if rel == "near":
                union.join(a, b)
            elif rel == "teaser":
                targets.setdefault(short, []).append(long_)
    # A teaser joins its article's story only when every article it fits is of one
    # story: a teaser that fits two different stories proves neither.
    for short, longs in targets.items():
        if len({union.find(t) for t in longs}) == 1:
            union.join(short, longs[0])
            teaser_of[short] = longs[0]
    members: dict[str, list[StoryItem]] = {}
    for it in items:
        members.setdefault(union.find(it.id), []).append(it)
    out: dict[str, StoryLink] = {}
    for group in members.values():
        story = group[0].id  # items are in corpus order
        if len(group) == 1:
            out[story] = StoryLink(story, None)
            continue
        fullest = max(group, key=lambda it: (len(it.text), -it.order))
        has_teasers = any(it.id in teaser_of for it in group)
        for it in group:
            head = groups[(it.kind, it.content_key or it.id)][0].id
            if it.content_key == fullest.content_key and it.kind == fullest.kind:
                rel = "full_of" if has_teasers else "same"
            elif head in teaser_of or len(it.text) < NEAR_SIZE * len(fullest.text):
                rel = "teaser_of"
            else:
                rel = "near"
            out[it.id] = StoryLink(story, rel)
    return out


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
