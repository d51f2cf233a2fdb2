"""Attention over time, from the store: the timelines and collocates of a selection.

``timeline_for`` is the one way every command (``timeline``, ``report``) gets a
timeline: series of the items passing filters, beside the totals of all items
of the same kinds and sources in the same date range, counted by story unless
``copies`` is asked. A series is the filters plus one person or one grep
pattern; with neither it is the items the filters pass.

**Counted from the index.** When SQL can say everything a series asks, one
statement selects the dates of its items and they are counted into ``{date:
count}`` for ``timeline.build_timeline``: the items table is read, never a
text. A keyword (or a grep pattern) that is one plain word is said in SQL too:
a folded headline or body holds an ASCII word exactly when one of its index
tokens contains it, since a run of ASCII letters and digits always lies inside
one token. So the text index answers "which items contain *khamenei*" from the
terms that contain it, as ``Store.count_word`` counts it for ``grep -c``, in the
headline and body columns only (the byline and place are not what -k searches).
That condition has to be in place before one item per story is picked, so for
those series the pick is ``store.one_per_story``, as ``Store.compile`` makes it.
Anything else (a phrase, a regex, day-and-month matching of unknown years) reads
the selected items and checks them, as every command does.

**Collocates** (``collocates_for``) read the headlines and bodies of the selected
items that hold the node (narrowed by the text index) and count the words in
its windows (``collocates.count_windows``). The reference the windows are
compared with is the whole corpus as the text index holds it: ``N`` is the
number of tokens in the headlines and bodies of all items (every copy), which
FTS5 keeps as running totals per column, and a word's frequency is its number
of instances in those columns, looked up only for the words seen near the node.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import TYPE_CHECKING

from .collocates import Collocate, Windows, candidates, count_windows, node_forms, score
from .query import FilterReport, Filters, md_in_range
from .store import BEST_COPY, KIND_IN
from .textnorm import fold
from .timeline import Timeline, build_timeline, period_of

if TYPE_CHECKING:
    from .grep import Matcher
    from .store import FilterSQL, Store

_PLAIN_WORD = re.compile(r"[a-z0-9]+")
MAX_TERMS = 2000  # terms containing a word, beyond which the index is not asked


# --- counting items per date -------------------------------------------------------------

def totals_filters(flt: Filters) -> Filters:
    """What the share divides by: every item of the same kinds and sources (and one per
    story when the series count stories), whatever it says or whoever it names."""
    return Filters(kinds=flt.kinds, sources=flt.sources, unique=flt.unique)


def _word_condition(store: Store, word: str) -> tuple[str, list[str]] | None:
    """SQL on ``items i`` for "the headline or body holds this plain folded word", from
    the text index; None when the index cannot say it exactly (too many terms contain
    the word, or some are not ASCII)."""
    terms = [r[0] for r in store.db.execute("SELECT term FROM terms WHERE instr(term, ?) > 0 LIMIT ?",
                                            (word, MAX_TERMS + 1))]
    if len(terms) > MAX_TERMS or not all(t.isascii() for t in terms):
        return None
    if not terms:
        return "0", []
    query = "{title body} : (" + " OR ".join('"' + t.replace('"', '""') + '"' for t in terms) + ")"
    return "i.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)", [query]


def _indexed(store: Store, flt: Filters) -> FilterSQL | None:
    """The filters as SQL alone, keywords and exclusions that are plain words answered by
    the text index; None when some check needs the items themselves."""
    plain = [k for k in flt.keywords if _PLAIN_WORD.fullmatch(fold(k))]
    gone = [k for k in flt.exclude if _PLAIN_WORD.fullmatch(fold(k))]
    if not plain and not gone:
        q = store.compile(flt)
        return None if q.residual else q
    q = store.compile(replace(flt, keywords=tuple(k for k in flt.keywords if k not in plain),
                              exclude=tuple(k for k in flt.exclude if k not in gone), unique=False))
    if q.residual:
        return None
    for k, negate in [(k, False) for k in plain] + [(k, True) for k in gone]:
        cond = _word_condition(store, fold(k))
        if cond is None:
            return None
        q.add(f"NOT ({cond[0]})" if negate else cond[0], *cond[1])
    from .store import one_per_story

    return one_per_story(q) if flt.unique else q


def _plain(matcher: Matcher | None) -> str | None:
    """The folded word a pattern is, when it is one plain word matched in any case."""
    return matcher.literal if matcher is not None and matcher.literal and _PLAIN_WORD.fullmatch(matcher.literal) else None


def _grouped(store: Store, q: FilterSQL) -> Counter[str | None]:
    if all(w.startswith(KIND_IN) or w == BEST_COPY for w in q.where):
        # the indexes on (kind, date), of every copy and of the best, hand the groups over in order
        out: Counter[str | None] = Counter()
        for date, n in store.db.execute(f"SELECT i.date, count(*) FROM items i WHERE {q.sql()}"
                                        " GROUP BY i.kind, i.date", q.params):
            out[date] += n
        return out
    # else counted here: SQLite would sort every selected row to group them, which takes
    # about twice as long as handing the dates over
    return Counter(map(itemgetter(0), store.db.execute(f"SELECT i.date FROM items i WHERE {q.sql()}", q.params)))


def date_counts(store: Store, flt: Filters, *, matcher: Matcher | None = None) -> Counter[str | None]:
    """How many items passing ``flt`` (and matching ``matcher``) carry each date: from the
    index when SQL can say it all, else by reading the selected items."""
    word = _plain(matcher)
    if word is not None:  # a plain word matched in any case is the keyword filter
        flt, matcher = replace(flt, keywords=(*flt.keywords, word)), None
    if matcher is None:
        q = _indexed(store, flt)
        if q is not None:
            return _grouped(store, q)
    from .grep import count_item, literal_needles

    m = matcher
    extra = (lambda it: count_item(it, m) > 0) if m is not None else None
    needles = literal_needles(m) if m is not None else ()
    q = store.compile(flt, needles, extra=extra)
    if not q.residual and (extra is None or flt.unique):
        return _grouped(store, q)
    return Counter(it.date for it in store.select(flt, needles=needles) if extra is None or extra(it))


def totals_for(store: Store, flt: Filters, *, known: Mapping[Filters, Counter[str | None]] | None = None
               ) -> Counter[str | None]:
    """The items the share divides by, per date: ``totals_filters(flt)`` within the date
    range of ``flt`` (an unknown year in it by day and month, when ``flt`` matches those).

    ``known`` holds counts already made, by their filters (a series that is every item)."""
    base = totals_filters(flt)
    ranged = replace(base, since=flt.since, until=flt.until)
    out = Counter((known or {}).get(ranged) or date_counts(store, ranged))
    if flt.has_range and flt.unknown_year == "match":
        from .model import split_iso

        for date, n in date_counts(store, replace(base, dated=True)).items():
            _, mo, d = split_iso(date)
            if date and date.startswith("--") and mo and d and md_in_range(mo, d, flt.since, flt.until):
                out[date] = n
    return out


# --- series ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    """One series of a timeline: its name, its filters, and a grep pattern its items match."""

    name: str
    flt: Filters
    matcher: Matcher | None = None


def series_name(flt: Filters) -> str:
    """The name of the one series of a timeline with no person or pattern of its own."""
    return " + ".join([*flt.keywords, *flt.persons]) or "items"


def make_series(store: Store, flt: Filters, *, persons: Sequence[str] = (),
                patterns: Sequence[Matcher] = ()) -> list[Series]:
    """One series per person (named by their canonical name) and per grep pattern, each
    also passing ``flt``; or, with neither, the items ``flt`` passes."""
    out: dict[str, Series] = {}
    for s in _series(store, flt, persons, patterns):
        if s in out.values():
            continue  # two spellings of one person are one series
        if s.name in out:
            s = replace(s, name=f"{s.name} (pattern)")
        out[s.name] = s
    return list(out.values()) or [Series(series_name(flt), flt)]


def _series(store: Store, flt: Filters, persons: Sequence[str], patterns: Sequence[Matcher]) -> Iterable[Series]:
    if persons:
        from .people import canonical_names

        for p in canonical_names(store.people(), persons):
            yield Series(p, replace(flt, persons=(*flt.persons, p)))
    for m in patterns:
        yield Series(m.pattern, flt, m)


def timeline_for(store: Store, flt: Filters, *, by: str = "month", persons: tuple[str, ...] = (),
                 copies: bool = False, patterns: Sequence[Matcher] = (),
                 reports: dict[str, FilterReport] | None = None) -> Timeline:
    """One series of the items passing ``flt`` (or one per person and per grep pattern,
    each also passing ``flt``), counted per period of ``by``, beside the totals
    (``totals_for``); by story unless ``copies``.

    ``reports``, when given, gets per series what the date range left out for lack of a year.
    """
    flt = replace(flt, unique=not copies)
    series = make_series(store, flt, persons=persons, patterns=patterns)
    counts = {s.name: date_counts(store, s.flt, matcher=s.matcher) for s in series}
    known = {s.flt: counts[s.name] for s in series if s.matcher is None}
    if reports is not None and flt.has_range:
        for s in series:
            reports[s.name] = _left_out(store, s)
    since = period_of(flt.since.isoformat(), by) if flt.since else None
    until = period_of(flt.until.isoformat(), by) if flt.until else None
    return build_timeline(counts, totals_for(store, flt, known=known), by, since=since, until=until)


def left_out_notes(flt: Filters, reports: Mapping[str, FilterReport]) -> list[str]:
    """The notes on what the date range left out, one per series that lost something
    (named when there are several series)."""
    from .answers import left_out_note

    notes = [(name, left_out_note(flt, rep)) for name, rep in reports.items()]
    return [f"{name}: {note}" if len(reports) > 1 else note for name, note in notes if note]


def _left_out(store: Store, s: Series) -> FilterReport:
    from .grep import count_item, literal_needles

    rep = FilterReport()
    m = s.matcher
    store.count_left_out(s.flt, rep, needles=literal_needles(m) if m else (),
                         extra=(lambda it: count_item(it, m) > 0) if m else None)
    return rep


# --- collocates ------------------------------------------------------------------------

@dataclass(frozen=True)
class CollocateAnswer:
    """Collocates of a node, with what they were measured on."""

    node: str
    forms: tuple[str, ...]            # the node's forms (every spelling of a person)
    windows: Windows
    corpus_tokens: int                # N
    collocates: list[Collocate]

    def summary(self, window: int) -> str:
        w = self.windows
        return (f"{self.node}: {w.occurrences} occurrence(s) in {w.texts} text(s); {w.tokens} token(s) within "
                f"{window} word(s) of them; reference: {self.corpus_tokens} tokens in every item's headline and body")


def corpus_tokens(store: Store) -> int:
    """N: the tokens in the headlines and bodies of all items, as the text index counts
    them (its running per-column totals, the record FTS5 keeps for ranking)."""
    cols = [r[1] for r in store.db.execute("PRAGMA table_info(fts)")]
    row = store.db.execute("SELECT block FROM fts_data WHERE id = 1").fetchone()
    sizes = _varints(row[0]) if row and row[0] else []
    if len(sizes) == len(cols) + 1:
        return sum(n for c, n in zip(cols, sizes[1:]) if c != "meta")
    return sum(word_frequencies(store, None).values())


def _varints(blob: bytes) -> list[int]:
    """SQLite's big-endian varints (7 bits a byte, the ninth byte whole), one after another."""
    out, i = [], 0
    while i < len(blob):
        v = 0
        for k in range(9):
            c = blob[i]
            i += 1
            if k == 8:
                v = (v << 8) | c
                break
            v = (v << 7) | (c & 0x7F)
            if not c & 0x80:
                break
        out.append(v)
    return out


def word_frequencies(store: Store, words: Iterable[str] | None) -> dict[str, int]:
    """Instances of each word in the headlines and bodies of all items, from the text
    index (every word of the index when ``words`` is None)."""
    store.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_col USING fts5vocab(main, fts, 'col')")
    if words is None:
        return dict(store.db.execute("SELECT term, sum(cnt) FROM temp.vocab_col WHERE col != 'meta' GROUP BY term"))
    out: dict[str, int] = {}
    for w in words:
        r = store.db.execute("SELECT sum(cnt) FROM temp.vocab_col WHERE term = ? AND col != 'meta'", (w,)).fetchone()
        out[w] = r[0] or 0
    return out


def node_texts(store: Store, flt: Filters, forms: list[list[str]], *,
               report: FilterReport | None = None) -> Iterator[str]:
    """The headlines and bodies of the items passing ``flt`` that may hold the node
    (narrowed by the text index on the words of its form, when it has one form)."""
    from .index import grep_fields

    needles = forms[0] if len(forms) == 1 else []
    q = store.compile(flt, needles)
    if q.residual:
        for it in store.select(flt, needles=needles, report=report):
            yield from (text for _, text in grep_fields(it))
        return
    if report is not None:
        store.count_left_out(flt, report, needles=needles)
    # only the columns grep_fields reads: a headline (of an article) and the body; read in
    # batches, which is much faster than one row at a time between the windows' work
    cur = store.db.execute(f"SELECT i.kind, i.title, t.text FROM items i JOIN texts t ON t.rowid = i.rowid"
                           f" WHERE {q.sql()}", q.params)
    while rows := cur.fetchmany(2000):
        for kind, title, text in rows:
            if kind == "article" and title:
                yield title
            yield text


def collocates_for(store: Store, flt: Filters, *, query: str | None = None, window: int = 5, min_count: int = 2,
                   measure: str = "ll", keep_stop_words: bool = False,
                   report: FilterReport | None = None) -> CollocateAnswer:
    """The words near ``query`` (a word or phrase), or near every spelling of the people
    ``flt`` names, in the items ``flt`` passes; scored against the whole corpus."""
    if query is not None:
        node, raw = query, [query]
    else:
        from .people import canonical_names

        people = store.people()
        names = canonical_names(people, flt.persons)
        node, raw = " + ".join(names), _spellings(store, names)
    forms = node_forms(raw)
    if not forms:
        from .errors import BadQuery

        raise BadQuery(f"{node!r} has no words to look for")
    win = count_windows(node_texts(store, flt, forms, report=report), forms, window)
    words = candidates(win.observed, forms, min_count=min_count, keep_stop_words=keep_stop_words)
    n = corpus_tokens(store)
    found = score(win, words, frequency=word_frequencies(store, words), corpus_tokens=n, measure=measure)
    return CollocateAnswer(node, tuple(" ".join(f) for f in forms), win, n, found)


def _spellings(store: Store, names: Iterable[str]) -> list[str]:
    """Every spelling of these people (their variants, aliases and lone surnames)."""
    from .people import spellings

    return sorted(spellings(store.people(), names))
