"""Attention over time: counts per period, honest about dates. Pure.

Items are counted into periods (day, ISO week, month or year) by their date,
at the precision the date has:

* a full date counts in every view;
* a month-only date ("2018-06") counts in month and year views, and in day and
  week views goes to the line "no day";
* a year-only date counts in the year view only ("no month" elsewhere);
* a day and month with an unknown year ("--06-25") is never spread into
  periods: it counts in the line "unknown year"; an item with no date in "no date".

Every series is shown beside the number of all items dated in the same period
(``total``), and the share is ``count / total``, left blank where total is 0,
as Media Cloud's attention charts and WordSmith's hits per text normalise.
Periods with no items in between are filled with zeros, never skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .dates import split_iso

BY = ("day", "week", "month", "year")
UNKNOWN_YEAR = "unknown year"
NO_DATE = "no date"
NO_DAY = "no day"
NO_MONTH = "no month"
LINES = (NO_MONTH, NO_DAY, UNKNOWN_YEAR, NO_DATE)


def period_of(date: str | None, by: str) -> str:
    """The period label of a date in a view, or the name of the line it counts in."""
    if not date:
        return NO_DATE
    year, month, day = split_iso(date)
    if year is None:
        return UNKNOWN_YEAR
    if by == "year":
        return f"{year:04d}"
    if month is None:
        return NO_MONTH
    if by == "month":
        return f"{year:04d}-{month:02d}"
    if day is None:
        return NO_DAY
    d = dt.date(year, month, day)
    if by == "week":
        iso = d.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return d.isoformat()


def _parse(label: str, by: str) -> dt.date:
    if by == "year":
        return dt.date(int(label), 1, 1)
    if by == "month":
        return dt.date(int(label[:4]), int(label[5:7]), 1)
    if by == "week":
        return dt.date.fromisocalendar(int(label[:4]), int(label[6:8]), 1)
    return dt.date.fromisoformat(label)


def _next(d: dt.date, by: str) -> dt.date:
    if by == "year":
        return dt.date(d.year + 1, 1, 1)
    if by == "month":
        return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return d + dt.timedelta(days=7 if by == "week" else 1)


def periods_between(first: str, last: str, by: str) -> list[str]:
    """Every period label from ``first`` to ``last``, both included."""
    out: list[str] = []
    d, end = _parse(first, by), _parse(last, by)
    while d <= end:
        out.append(period_of(d.isoformat(), by))
        d = _next(d, by)
    return out


@dataclass(frozen=True)
class Row:
    """One period (or one of the lines of ``LINES``) of a timeline."""

    period: str
    counts: tuple[int, ...]       # one per series
    total: int                    # all items dated in this period
    shares: tuple[float | None, ...]

    def to_dict(self, names: tuple[str, ...]) -> dict:
        """The row as JSON: one count and share per series."""
        out: dict = {"period": self.period, "total": self.total}
        for name, c, s in zip(names, self.counts, self.shares):
            out[name] = {"count": c, "share": s}
        return out


@dataclass(frozen=True)
class Timeline:
    """Series counted per period, with the totals and the lines that hold no period."""

    by: str
    names: tuple[str, ...]
    rows: tuple[Row, ...]         # the periods, in order, zeros included
    lines: tuple[Row, ...]        # "no month", "no day", "unknown year", "no date", where not empty

    def to_dict(self) -> dict:
        return {"by": self.by, "series": list(self.names), "periods": [r.to_dict(self.names) for r in self.rows],
                "outside_periods": [r.to_dict(self.names) for r in self.lines]}


def build_timeline(series: Mapping[str, Iterable[str | None]], totals: Iterable[str | None], by: str,
                   *, since: str | None = None, until: str | None = None) -> Timeline:
    """Count each series' dates per period of ``by``, beside the counts of ``totals``.

    ``since`` and ``until`` (period labels) widen the range of periods shown; by
    default it runs from the first to the last period that any series has.
    """
    if by not in BY:
        raise ValueError(f"--by must be one of {', '.join(BY)}")
    names = tuple(series)
    counted = [Counter(period_of(d, by) for d in dates) for dates in series.values()]
    total = Counter(period_of(d, by) for d in totals)
    seen = sorted({p for c in counted for p in c if p not in LINES})
    first = since or (seen[0] if seen else None)
    last = until or (seen[-1] if seen else None)
    labels = periods_between(first, last, by) if first and last and first <= last else []

    def row(p: str) -> Row:
        counts = tuple(c.get(p, 0) for c in counted)
        t = total.get(p, 0)
        shares = tuple((round(c / t, 4) if t else None) for c in counts)
        return Row(p, counts, t, shares)

    lines = tuple(row(p) for p in LINES if any(c.get(p) for c in counted))
    return Timeline(by, names, tuple(row(p) for p in labels), lines)
