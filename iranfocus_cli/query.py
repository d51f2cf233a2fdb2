"""Queries over items: filters, sorting, captions.

Pure functions with keyword-only options; they return values and never print.
Filters are applied by the store, in SQL (``store.filter_sql``);
``make_predicate`` here is the same rule written plainly in Python, kept as the
oracle the tests compare the store against.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import Item
from .textnorm import fold

# --- date bounds --------------------------------------------------------------

_Y = re.compile(r"^\s*(\d{4})\s*$")
_YM = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})\s*$")
_MY = re.compile(r"^\s*([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")
_YMON = re.compile(r"^\s*(\d{4})\s+([A-Za-z]{3,9})\.?\s*$")


def parse_bound(text: str, *, end: bool) -> dt.date:
    """A --since/--until value as a date; partial dates cover their whole period.

    Raises ``ValueError(reason)`` when the text is not a date with a year, or
    ``ValueError(reason, good forms)`` when it is a numeric date whose day and month
    cannot be told apart (01/06/2018: 1 June or 6 January?); 13/06/2018 and
    06/13/2018 are read as 13 June. ISO and numeric dates are read without dateutil.
    """

    def day(y: int, mo: int, d: int) -> dt.date:
        if not 1 <= mo <= 12:
            raise ValueError("no such month")
        try:
            return dt.date(y, mo, d)
        except ValueError:
            raise ValueError("no such day") from None

    m = _Y.match(text)
    if m:
        year = int(m.group(1))
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    m = re.match(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$", text)
    if m:
        return day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.match(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d+)\s*$", text)  # 01/06/2018, 13.06.2018
    if m:
        n1, n2, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if len(m.group(3)) != 4:
            raise ValueError("the year needs four digits", "write the date as YYYY-MM-DD, e.g. 2018-06-13")
        if n1 <= 12 and n2 <= 12 and n1 != n2:
            name = calendar.month_name
            raise ValueError("day and month are ambiguous", f"write {year}-{n2:02d}-{n1:02d} for {n1} {name[n2]}"
                                                            f" or {year}-{n1:02d}-{n2:02d} for {n2} {name[n1]}")
        return day(year, n1, n2) if n1 <= 12 else day(year, n2, n1)
    from .dates import MONTHS

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
    places: tuple[str, ...] = ()  # the dateline place contains one of these (folded)
    bylines: tuple[str, ...] = ()  # the byline contains one of these (folded)
    unique: bool = False          # one item per story: the fullest, earliest dated

    @property
    def has_range(self) -> bool:
        return self.since is not None or self.until is not None


@dataclass
class FilterReport:
    """What a date range left out, so the CLI can say so."""

    unknown_year: int = 0
    undated: int = 0


def _date_span(date: str) -> tuple[dt.date, dt.date] | None:
    from .model import split_iso

    y, mo, d = split_iso(date)
    if y is None or mo is None:
        return None
    if d is None:
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    day = dt.date(y, mo, d)
    return day, day


def md_in_range(mo: int, d: int, since: dt.date | None, until: dt.date | None) -> bool:
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
    """The folded text that keyword filters search: what grep searches, the headline
    and the body (the byline and the place have filters of their own)."""
    return fold("\n".join(x for x in (it.title if it.kind == "article" else None, it.text) if x))


def field_has(value: str | None, wanted: tuple[str, ...]) -> bool:
    """Whether a field (place, byline) contains one of the wanted texts, folded."""
    return value is not None and any(fold(w) in fold(value) for w in wanted)


def make_predicate(f: Filters, report: FilterReport | None = None,
                   person_match: Callable[[Item], bool] | None = None) -> Callable[[Item], bool]:
    """A function telling whether an item passes the filters (the tests' oracle for the store)."""
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
        if f.places and not field_has(it.place, f.places):
            return False
        if f.bylines and not field_has(it.byline, f.bylines):
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
                from .model import split_iso

                _, mo, d = split_iso(it.date)
                fits = mo is not None and d is not None and md_in_range(mo, d, f.since, f.until)
                if f.unknown_year != "match" or not fits:
                    # left out for lack of a year only if some year would have put it in
                    rep.unknown_year += f.unknown_year != "match" and fits
                    return False
            else:
                if f.since and span[1] < f.since:
                    return False
                if f.until and span[0] > f.until:
                    return False
        return True

    return ok


def filter_items(items: Iterable[Item], f: Filters, *, report: FilterReport | None = None,
                 person_match: Callable[[Item], bool] | None = None) -> list[Item]:
    """The items that pass every filter, in corpus order (the oracle; commands use the store)."""
    ok = make_predicate(f, report, person_match)
    return [it for it in items if ok(it)]


def date_sort_key(it: Item) -> tuple:
    """Known dates first (oldest first), then day/month without a year, then undated."""
    from .model import split_iso

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


def __getattr__(name: str) -> Any:
    # people.person_hits reads the grep matcher from here; loaded only when asked for
    if name in ("compile_pattern", "grep_item"):
        from . import grep

        return getattr(grep, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
