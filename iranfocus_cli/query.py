"""Queries over items: filters, sorting, grep (keyword in context), captions.

Pure functions with keyword-only options; they return values and never print.

Dates in filters cover their whole period: ``--since 2018-01`` starts on 1 Jan
2018 and ``--until 2018-01`` ends on 31 Jan 2018. Items whose year is unknown
("--06-25") are left out of a date range by default and counted, so a command
can say how many it left out; with ``unknown_year="match"`` they match on day
and month alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import fnmatch
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .dates import MONTHS, split_iso
from .errors import BadQuery
from .model import Item
from .textnorm import fold, fold_marks

# --- date bounds --------------------------------------------------------------

_Y = re.compile(r"^\s*(\d{4})\s*$")
_YM = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})\s*$")
_MY = re.compile(r"^\s*([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")
_YMON = re.compile(r"^\s*(\d{4})\s+([A-Za-z]{3,9})\.?\s*$")


def parse_bound(text: str, *, end: bool) -> dt.date:
    """A --since/--until value as a date; partial dates cover their whole period.

    Raises ValueError with a reason when the text is not a date with a year.
    """
    m = _Y.match(text)
    if m:
        year = int(m.group(1))
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    y: int | None = None
    mo: int | None = None
    m = _YM.match(text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
    for rx, yi, mi in ((_MY, 2, 1), (_YMON, 1, 2)):
        m = rx.match(text)
        if m and m.group(mi).lower() in MONTHS:
            y, mo = int(m.group(yi)), MONTHS[m.group(mi).lower()]
    if y is not None and mo is not None:
        if not 1 <= mo <= 12 or not 1 <= y <= 9999:
            raise ValueError("no such month")
        return dt.date(y, mo, calendar.monthrange(y, mo)[1]) if end else dt.date(y, mo, 1)
    from dateutil import parser as du

    sentinel = dt.datetime(1, 1, 1)
    try:
        a = du.parse(text, default=sentinel.replace(day=1))
        b = du.parse(text, default=dt.datetime(2, 2, 2))
    except (ValueError, OverflowError) as e:
        raise ValueError("not a date") from e
    if a.year != b.year:
        raise ValueError("the date needs a year")
    if a.day != b.day:  # month and year only
        return dt.date(a.year, a.month, calendar.monthrange(a.year, a.month)[1]) if end else a.date()
    return a.date()


# --- filters ----------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    """The shared filters; all of them must hold (AND)."""

    since: dt.date | None = None
    until: dt.date | None = None
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    dated: bool | None = None
    persons: tuple[str, ...] = ()
    unknown_year: str = "skip"    # "skip" or "match"

    @property
    def has_range(self) -> bool:
        return self.since is not None or self.until is not None


@dataclass
class FilterReport:
    """What a date range left out, so the CLI can say so."""

    unknown_year: int = 0
    undated: int = 0


def _date_span(date: str) -> tuple[dt.date, dt.date] | None:
    y, mo, d = split_iso(date)
    if y is None or mo is None:
        return None
    if d is None:
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    day = dt.date(y, mo, d)
    return day, day


def _md_in_range(mo: int, d: int, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether day/month falls in the range in some year of it."""
    lo = since or dt.date(1, 1, 1)
    hi = until or dt.date(9999, 12, 31)
    for y in range(lo.year, min(hi.year, lo.year + 1) + 1):
        try:
            day = dt.date(y, mo, d)
        except ValueError:
            continue
        if lo <= day <= hi:
            return True
    return hi.year - lo.year >= 2


def item_haystack(it: Item) -> str:
    """The folded text that keyword filters search: headline, byline, place and body."""
    return fold("\n".join(x for x in (it.title if it.kind == "article" else None,
                                      it.byline, it.place, it.text) if x))


def make_predicate(f: Filters, report: FilterReport | None = None,
                   person_match: Callable[[Item], bool] | None = None) -> Callable[[Item], bool]:
    """A function telling whether an item passes the filters."""
    keys = [fold(k) for k in f.keywords]
    excl = [fold(k) for k in f.exclude]
    rep = report if report is not None else FilterReport()

    def ok(it: Item) -> bool:
        if f.kinds and it.kind not in f.kinds:
            return False
        if f.sources and not any(fnmatch.fnmatchcase(it.source, g) or
                                 fnmatch.fnmatchcase(it.source.rsplit("/", 1)[-1], g) for g in f.sources):
            return False
        if f.dated is not None and (it.date is not None) != f.dated:
            return False
        if keys or excl:
            hay = item_haystack(it)
            if any(k not in hay for k in keys) or any(k in hay for k in excl):
                return False
        if person_match is not None and not person_match(it):
            return False
        # The date range comes last, so what it leaves out is counted among items
        # that pass every other filter.
        if f.has_range:
            if it.date is None:
                rep.undated += 1
                return False
            span = _date_span(it.date)
            if span is None:
                _, mo, d = split_iso(it.date)
                if f.unknown_year != "match" or mo is None or d is None or not _md_in_range(mo, d, f.since, f.until):
                    rep.unknown_year += f.unknown_year != "match"
                    return False
            else:
                if f.since and span[1] < f.since:
                    return False
                if f.until and span[0] > f.until:
                    return False
        return True

    return ok


def count_left_out(items: Iterable[Item], f: Filters, report: FilterReport,
                   person_match: Callable[[Item], bool] | None = None,
                   extra: Callable[[Item], bool] | None = None) -> None:
    """Add to report the items a date range leaves out for lack of a (known) year,
    among those that pass every other filter (and ``extra``, e.g. grep's pattern)."""
    from dataclasses import replace

    rest = make_predicate(replace(f, since=None, until=None), None, person_match)
    ranged = make_predicate(f, report, None)
    for it in items:
        if (it.date is None or it.date.startswith("--")) and rest(it) and (extra is None or extra(it)):
            ranged(it)


def filter_items(items: Iterable[Item], f: Filters, *, report: FilterReport | None = None,
                 person_match: Callable[[Item], bool] | None = None) -> list[Item]:
    """The items that pass every filter, in corpus order."""
    ok = make_predicate(f, report, person_match)
    return [it for it in items if ok(it)]


def date_sort_key(it: Item) -> tuple:
    """Known dates first (oldest first), then day/month without a year, then undated."""
    y, mo, d = split_iso(it.date)
    if y is not None:
        return (0, y, mo or 0, d or 0, it.source, it.number)
    if mo is not None:
        return (1, 0, mo, d or 0, it.source, it.number)
    return (2, 0, 0, 0, it.source, it.number)


def sort_items(items: list[Item], *, by: str = "date", reverse: bool = False,
               limit: int | None = None) -> list[Item]:
    """Sort by date (undated last, also when reversed) or by source, then cut to limit."""
    if by == "source":
        out = sorted(items, key=lambda it: (it.source, it.number), reverse=reverse)
    else:
        dated = [it for it in items if it.date]
        undated = [it for it in items if not it.date]
        out = sorted(dated, key=date_sort_key, reverse=reverse) + sorted(
            undated, key=lambda it: (it.source, it.number))
    return out[:limit] if limit is not None else out


# --- grep ----------------------------------------------------------------------------

_ESCAPE_RE = re.compile(r"\\.|\[:[a-z]+:\]|\(\?P?<[^>]*>")


def smart_case_insensitive(pattern: str) -> bool:
    """True when the pattern has no upper-case literal letter (escapes don't count)."""
    return not any(c.isupper() for c in _ESCAPE_RE.sub("", pattern))


@dataclass(frozen=True)
class Matcher:
    """A compiled grep pattern and how text must be folded before matching it."""

    regex: re.Pattern[str]
    mode: str  # "exact", "marks" (accents/quotes folded) or "fold" (and case)
    pattern: str
    literal: str | None = None  # the folded needle when the pattern is a plain word

    def prepare(self, text: str) -> str:
        """Fold text the way the pattern was folded (length is kept)."""
        if self.mode == "exact":
            return text
        return fold_marks(text) if self.mode == "marks" else fold(text)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Non-empty match spans in text."""
        for m in self.regex.finditer(self.prepare(text)):
            if m.end() > m.start():
                yield m.start(), m.end()

    def count(self, text: str) -> int:
        """Number of non-empty matches in text."""
        if self.literal:
            # a plain ASCII word or phrase: counting it in the folded text is the same
            return fold(text).count(self.literal)
        return sum(1 for _ in self.spans(text))


def compile_pattern(pattern: str, *, fixed: bool = False, word: bool = False, exact: bool = False,
                    ignore_case: bool | None = None) -> Matcher:
    """Compile a grep pattern: regex by default, smart case, accent and quote folding."""
    if exact:
        mode, src = "exact", pattern
    else:
        insensitive = smart_case_insensitive(pattern) if ignore_case is None else ignore_case
        mode = "fold" if insensitive else "marks"
        src = fold(pattern) if (insensitive and fixed) else fold_marks(pattern)
    body = re.escape(src) if fixed else src
    if word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    flags = re.IGNORECASE if mode == "fold" else 0
    try:
        rx = re.compile(body, flags)
    except (re.error, OverflowError, RecursionError) as e:
        raise BadQuery(f"bad regex {pattern!r}: {e}") from e
    literal = None
    if mode == "fold" and not word and (fixed or re.fullmatch(r"[A-Za-z0-9 ]+", pattern)):
        literal = fold(src) if fold(src).isascii() and fold(src) else None
    return Matcher(rx, mode, pattern, literal)


@dataclass(frozen=True)
class Hit:
    """One keyword-in-context row."""

    id: str
    date: str | None
    source: str
    line: int
    pre: str
    match: str
    post: str
    field: str = "text"

    def to_dict(self) -> dict:
        return {"id": self.id, "date": self.date, "source": self.source, "line": self.line,
                "pre": self.pre, "match": self.match, "post": self.post}


_WS = re.compile(r"\s+")


def _context(text: str, start: int, end: int, words: int) -> tuple[str, str]:
    """Up to ``words`` words either side of a match, on one line."""
    if not words:
        return "", ""
    span = 30 * words + 30
    left = text[max(0, start - span):start].split()
    right = text[end:end + span].split()
    return " ".join(left[-words:]), " ".join(right[:words])


def grep_fields(it: Item) -> list[tuple[str, str]]:
    """The (field, text) pairs grep searches in an item: headline, then body."""
    if it.kind == "article" and it.title:
        return [("title", it.title), ("text", it.text)]
    return [("text", it.text)]


def grep_item(it: Item, m: Matcher, *, context: int = 8) -> list[Hit]:
    """Keyword-in-context hits of a pattern in one item."""
    import bisect

    hits = []
    for fld, text in grep_fields(it):
        breaks: list[int] | None = None
        for s, e in m.spans(text):
            pre, post = _context(text, s, e, context)
            if fld == "title":
                line = it.line_start
            else:
                if breaks is None:
                    breaks = [k for k, c in enumerate(text) if c == "\n"] if "\n" in text else []
                k = bisect.bisect_right(breaks, s)
                nums = it.line_numbers()
                line = nums[k] if k < len(nums) and nums[k] else it.line_start
            hits.append(Hit(it.id, it.date, it.source, line, pre, _WS.sub(" ", text[s:e]), post, fld))
    return hits


def count_item(it: Item, m: Matcher) -> int:
    """How many times the pattern matches in an item (headline and body)."""
    return sum(m.count(text) for _, text in grep_fields(it))


def grep_items(items: Iterable[Item], m: Matcher, *, context: int = 8) -> Iterator[Hit]:
    """Every hit of the pattern, item by item in the given order."""
    for it in items:
        yield from grep_item(it, m, context=context)


# --- captions ---------------------------------------------------------------------

@dataclass
class CaptionGroup:
    """A caption and the other places it appears."""

    first: Item
    ids: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.ids)

    def to_dict(self) -> dict:
        d = self.first.to_dict()
        d["count"] = self.count
        d["ids"] = list(self.ids)
        return d


def fold_captions(items: Iterable[Item]) -> list[CaptionGroup]:
    """Group repeated captions under their first appearance, keeping order."""
    groups: dict[str, CaptionGroup] = {}
    for it in items:
        key = it.duplicate_of or it.id
        if key not in groups:
            groups[key] = CaptionGroup(it)
        groups[key].ids.append(it.id)
    return list(groups.values())


# --- show --------------------------------------------------------------------------

def find_item(items: list[Item], ident: str) -> Item:
    """The item with this id, or the only one whose id starts with it."""
    import difflib

    by_id = {it.id: it for it in items}
    if ident in by_id:
        return by_id[ident]
    pref = [it for it in items if it.id.startswith(ident)]
    if len(pref) == 1:
        return pref[0]
    from .errors import ItemNotFound

    if len(pref) > 1:
        sample = ", ".join(it.id for it in pref[:5])
        raise ItemNotFound(f"id prefix {ident!r} is ambiguous: {len(pref)} items ({sample}, ...)")
    near = difflib.get_close_matches(ident, list(by_id), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise ItemNotFound(f"no item with id {ident!r}{hint}")


def repeats_of(items: list[Item], it: Item) -> list[Item]:
    """Other items with the same content as this one."""
    root = it.duplicate_of or it.id
    return [x for x in items if x.id != it.id and (x.id == root or x.duplicate_of == root)]
