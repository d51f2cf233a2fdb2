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

Counts come in either as one date per item or, from an index that groups them,
as ``{date: number of items}``; both give the same timeline.

``chart_lines`` draws a timeline as plain text for a terminal of a given width:
a bar per period (eighth-block bars, readable without colour), or, when there
are too many periods for bars, a sparkline per series with the periods binned
into the columns there are.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .model import split_iso

BY = ("day", "week", "month", "year")
UNKNOWN_YEAR = "unknown year"
NO_DATE = "no date"
NO_DAY = "no day"
NO_MONTH = "no month"
LINES = (NO_MONTH, NO_DAY, UNKNOWN_YEAR, NO_DATE)

Dates = Iterable[str | None] | Mapping[str | None, int]


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


def period_span(label: str, by: str) -> tuple[str | None, str | None]:
    """The first and last day (ISO) of a period; (None, None) for the lines that hold no period."""
    if label in LINES:
        return None, None
    start = _parse(label, by)
    if by == "year":
        end = dt.date(start.year, 12, 31)
    elif by == "month":
        end = dt.date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    else:
        end = start + dt.timedelta(days=6 if by == "week" else 0)
    return start.isoformat(), end.isoformat()


def tally(dates: Dates, by: str) -> Counter[str]:
    """Items per period label (or line): from one date per item, or from ``{date: count}``."""
    out: Counter[str] = Counter()
    if isinstance(dates, Mapping):
        for d, n in dates.items():
            out[period_of(d, by)] += n
    else:
        out.update(period_of(d, by) for d in dates)
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

    def records(self) -> Iterator[dict]:
        """One flat record per series and period (then per series and line): what a
        program reads, the same numbers the chart shows."""
        for k, name in enumerate(self.names):
            for r in (*self.rows, *self.lines):
                start, end = period_span(r.period, self.by)
                yield {"series": name, "period": r.period, "start": start, "end": end,
                       "count": r.counts[k], "total": r.total, "share": r.shares[k]}

    @property
    def matched(self) -> int:
        """How many items the series count in all, periods and lines together."""
        return sum(sum(r.counts) for r in (*self.rows, *self.lines))


def build_timeline(series: Mapping[str, Dates], totals: Dates, by: str,
                   *, since: str | None = None, until: str | None = None) -> Timeline:
    """Count each series' dates per period of ``by``, beside the counts of ``totals``.

    A series (and ``totals``) is one date per item, or ``{date: number of items}``.
    ``since`` and ``until`` (period labels) widen the range of periods shown; by
    default it runs from the first to the last period that any series has.
    """
    if by not in BY:
        raise ValueError(f"--by must be one of {', '.join(BY)}")
    names = tuple(series)
    counted = [tally(dates, by) for dates in series.values()]
    total = tally(totals, by)
    seen = sorted({p for c in counted for p, n in c.items() if n and p not in LINES})
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


# --- a chart for the terminal -------------------------------------------------------------

EIGHTHS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589"
FULL = "\u2588"
SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
MAX_BAR_ROWS = 60  # more periods than this are drawn as sparklines


def share_text(share: float | None) -> str:
    """A share as the chart prints it: the same number as in JSON, in per cent."""
    return "" if share is None else f"{share * 100:.2f}%"


def bar(value: int, top: int, width: int) -> str:
    """A horizontal bar of ``value`` out of ``top`` in ``width`` cells, to an eighth of a cell."""
    if value <= 0 or top <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    return FULL * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def spark(values: list[int], top: int) -> str:
    """A sparkline: one block per value, its height out of ``top``; a blank for zero."""
    return "".join(" " if v <= 0 or top <= 0 else SPARKS[min(7, math.ceil(v / top * 8) - 1)] for v in values)


def chart_lines(tl: Timeline, width: int = 80, *, what: str = "items", max_rows: int = MAX_BAR_ROWS) -> list[str]:
    """The timeline as lines of plain text no wider than ``width``: a bar per period and
    series when there are at most ``max_rows`` of them, else a sparkline per series."""
    width = max(width, 40)
    if len(tl.rows) * len(tl.names) > max_rows:
        return _spark_lines(tl, width, what)
    return _bar_lines(tl, width, what)


def _bar_lines(tl: Timeline, width: int, what: str) -> list[str]:
    rows = (*tl.rows, *tl.lines)
    if not rows:
        return [f"no {what} in any {tl.by}"]
    lab = max(len("period"), *(len(r.period) for r in rows))
    cnt = max(len("count"), *(len(str(c)) for r in rows for c in r.counts))
    tot = max(len("total"), *(len(str(r.total)) for r in rows))
    shr = len("100.00%")
    room = max(width - (lab + cnt + tot + shr + 4), 8)
    top = max((c for r in tl.rows for c in r.counts), default=0)
    out: list[str] = []
    for k, name in enumerate(tl.names):
        if k:
            out.append("")
        out.append(_fit(f"{name}: {what} per {tl.by}; share = count / all {what} dated that {tl.by}", width))
        out.append(f"{'period':<{lab}} {'count':>{cnt}} {'total':>{tot}} {'share':>{shr}}")
        for r in rows:
            b = bar(r.counts[k], top, room) if r.period not in LINES else ""
            out.append(f"{r.period:<{lab}} {r.counts[k]:>{cnt}} {r.total:>{tot}} {share_text(r.shares[k]):>{shr}} {b}".rstrip())
    return out


def _spark_lines(tl: Timeline, width: int, what: str) -> list[str]:
    names = [_fit(n, 24) for n in tl.names]
    name_w = max(len(n) for n in names)
    sums = [sum(r.counts[k] for r in tl.rows) for k in range(len(names))]
    stat_w = max(len(f"{s} in all") for s in sums)
    room = max(width - name_w - stat_w - 4, 10)
    per = math.ceil(len(tl.rows) / room)
    bins = [tl.rows[j:j + per] for j in range(0, len(tl.rows), per)]
    cols = [[sum(r.counts[k] for r in b) for b in bins] for k in range(len(names))]
    top = max(max(c) for c in cols)
    first, last = tl.rows[0].period, tl.rows[-1].period
    unit = f"{per} {tl.by}s a column" if per > 1 else f"one {tl.by} a column"
    out = [_fit(f"{what} per {tl.by}, {first} to {last}: {len(tl.rows)} {tl.by}s, {unit}", width),
           _fit(f"(one scale for every line: a full block is {top} {what} in a column)", width)]
    for name, col, s in zip(names, cols, sums):
        out.append(f"{name:<{name_w}} |{spark(col, top)}| {s} in all")
    gap = len(bins) - len(first) - len(last)
    out.append(" " * (name_w + 2) + (first + " " * gap + last if gap > 0 else first))
    for r in tl.lines:
        counts = ", ".join(f"{n} {c}" for n, c in zip(names, r.counts)) if len(names) > 1 else str(r.counts[0])
        out.append(_fit(f"{r.period}: {counts} (of {r.total} {what})", width))
    return out


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "\u2026"
