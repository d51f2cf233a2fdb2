"""Stores: where commands get items from.

A store hands out *candidates*: a superset of the items that can pass a set of
filters, in corpus order. The caller then applies the same pure predicate
(``query.make_predicate``) and the same grep matcher to every candidate, so
results are identical whichever store is used. ``MemoryStore`` parses the corpus
and offers every item; ``index.CacheStore`` narrows candidates with SQLite
(indexed columns and an FTS5 index) first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from .corpus import Corpus, PageInfo
from .model import Item
from .people import People, build_people, canonical_names, count_mentions, person_matcher
from .query import (
    FilterReport,
    Filters,
    Hit,
    Matcher,
    count_item,
    count_left_out,
    find_item,
    grep_item,
    make_predicate,
    repeats_of,
)


@dataclass
class Summary:
    """What the corpus load found: counts for the summary line."""

    files: int
    loaded: int
    skipped: int
    warnings: int


class Store(Protocol):
    """What commands need from a corpus, cached or not."""

    def candidates(self, flt: Filters, *, needles: tuple[str, ...] = (),
                   people: tuple[str, ...] = ()) -> Iterable[Item]: ...
    def get(self, ident: str) -> Item: ...
    def repeats(self, item: Item) -> list[Item]: ...
    def pages(self) -> list[PageInfo]: ...
    def summary(self) -> Summary: ...
    def people(self) -> People: ...
    def warnings(self) -> list[str]: ...
    def count_left_out(self, flt: Filters, report: FilterReport, people: tuple[str, ...] = (),
                       person_match=None, needles: tuple[str, ...] = (), extra=None) -> None: ...


class MemoryStore:
    """A corpus parsed in memory: every item is a candidate."""

    def __init__(self, corpus: Corpus, aliases: str | None = None):
        self.corpus = corpus
        self.aliases = aliases
        self._people: People | None = None

    def candidates(self, flt: Filters, *, needles: tuple[str, ...] = (),
                   people: tuple[str, ...] = ()) -> Iterable[Item]:
        return self.corpus.items

    def get(self, ident: str) -> Item:
        return find_item(self.corpus.items, ident)

    def repeats(self, item: Item) -> list[Item]:
        return repeats_of(self.corpus.items, item)

    def pages(self) -> list[PageInfo]:
        return self.corpus.pages

    def summary(self) -> Summary:
        c = self.corpus
        return Summary(c.files, len(c.pages), c.skipped, len(c.warnings))

    def people(self) -> People:
        if self._people is None:
            self._people = build_people(count_mentions(it.mentions for it in self.corpus.items), aliases=self.aliases)
        return self._people

    def warnings(self) -> list[str]:
        return self.corpus.warnings

    def count_left_out(self, flt: Filters, report: FilterReport, people: tuple[str, ...] = (),
                       person_match=None, needles: tuple[str, ...] = (), extra=None) -> None:
        count_left_out(self.corpus.items, flt, report, person_match, extra)


def select(store: Store, flt: Filters, *, needles: tuple[str, ...] = (),
           report: FilterReport | None = None, extra=None) -> Iterator[Item]:
    """The items that pass the filters, in corpus order (the one way every command selects).

    ``report`` counts what the date range left out for lack of a year among items
    passing the other filters and ``extra`` (grep passes "the pattern matches").
    """
    person_match = None
    wanted: tuple[str, ...] = ()
    if flt.persons:
        wanted = canonical_names(store.people(), flt.persons)
        person_match = person_matcher(wanted)
    ok = make_predicate(flt, None, person_match)
    for it in store.candidates(flt, needles=needles, people=wanted):
        if ok(it):
            yield it
    if report is not None:
        store.count_left_out(flt, report, wanted, person_match, needles, extra)


def literal_needles(m: Matcher) -> tuple[str, ...]:
    """Folded words that every match of the pattern must contain, if that is certain."""
    import re

    src = m.pattern
    if not re.fullmatch(r"[\w\s'\u2019-]+", src):
        return ()
    from .textnorm import fold

    return tuple(w for w in re.findall(r"[a-z0-9]+", fold(src)))


def grep_counts(store: Store, flt: Filters, m: Matcher, *,
                report: FilterReport | None = None) -> list[tuple[str, int]]:
    """(id, number of matches) for every item the pattern matches, in corpus order."""
    count_literal = getattr(store, "count_literal", None)
    if m.literal and count_literal is not None and flt == Filters(kinds=flt.kinds, dated=flt.dated):
        # a plain word and no filter that needs Python: the cache counts it in SQLite
        return count_literal(m.literal, flt.kinds, flt.dated)
    out = []
    for it in select(store, flt, needles=literal_needles(m), report=report, extra=lambda x: count_item(x, m) > 0):
        n = count_item(it, m)
        if n:
            out.append((it.id, n))
    return out


def grep_hits(store: Store, flt: Filters, m: Matcher, *, context: int = 8,
              report: FilterReport | None = None) -> tuple[list[Item], list[Hit]]:
    """The selected items and every keyword-in-context hit of the pattern in them."""
    items = list(select(store, flt, needles=literal_needles(m), report=report, extra=lambda x: count_item(x, m) > 0))
    return items, [h for it in items for h in grep_item(it, m, context=context)]
