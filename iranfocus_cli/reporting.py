"""What a report shows, gathered from the store: ``gather_report`` makes the ``ReportData``
that ``report.render_report`` lays out.

**One selection.** The items are selected once (the filters, and the pattern when one is
given, which keeps the items it matches as ``grep -l`` would), and every part of the
report is derived from that list: the timeline counts its dates, the people table
counts its mentions (``people.person_table``, the function ``people`` uses), and the
keyword-in-context lines come from grep over the same filters. So the chart, the
table, the lines and the people cannot disagree about what matched, and the copies of
an item are counted in the chart only when the table shows them too (``--unique``
keeps one item per story in both).

**The timeline** is ``timeline.build_timeline`` over those dates, beside the totals the
``timeline`` command divides by (``attention.totals_filters``: every item of the same
kinds and sources). ``attention.timeline_for`` is not called because it selects by
filters alone, and a pattern narrows the report further. The period is chosen from
the span of the dates unless asked for: days up to a month, weeks up to half a year,
months up to three years, years beyond (or when most dates have no month), so the
chart stays a few dozen bars long.

**Provenance.** The header carries the command line as run, the corpus paths, the number
of files read and a fingerprint of their contents (a hash of each file's name and
content digest), so a reader can tell whether two reports were made from the same
corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shlex
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .report import Copy, ReportData, ReportItem, ReportKwic, ReportPeriod, ReportPerson, ReportTimeline

if TYPE_CHECKING:
    from .grep import Matcher
    from .model import Item
    from .query import FilterReport, Filters
    from .store import Store

PROGRAM = "iranfocus"
LEAD_CHARS = 200  # a lead shown in the table is cut at a word before this many characters
_LINE_NOTES = {
    "no month": "{n} matching item(s) dated by year only are not in the chart by {by}.",
    "no day": "{n} matching item(s) dated by month only are not in the chart by {by}.",
}


def command_line(argv: Sequence[str], *, command: str = "report") -> str:
    """The command line as run, shell-quoted, with the program named ``iranfocus``;
    just the command's name when ``argv`` is not the one that ran it (a call from Python)."""
    args = list(argv[1:])
    if command not in args:
        return f"{PROGRAM} {command}"
    return shlex.join([PROGRAM, *args])


def choose_period(dates: Iterable[str | None]) -> str:
    """The timeline period for a set of dates: day, week, month or year, from their span."""
    from .model import split_iso

    years = months = 0
    full: list[dt.date] = []
    first = last = None
    for d in dates:
        y, mo, day = split_iso(d)
        if y is None:
            continue
        years += 1
        if mo is None:
            continue
        months += 1
        first, last = min(first or (y, mo), (y, mo)), max(last or (y, mo), (y, mo))
        if day is not None:
            full.append(dt.date(y, mo, day))
    if not years or months * 2 < years:  # a chart by month would leave most dates out
        return "month" if not years else "year"
    assert first is not None and last is not None
    if (last[0] - first[0]) * 12 + last[1] - first[1] > 36:
        return "year"
    if len(full) == months:
        span = (max(full) - min(full)).days
        if span <= 31:
            return "day"
        if span <= 183:
            return "week"
    return "month"


def _lead(text: str) -> str:
    """The first paragraph, cut at a word boundary when it is long."""
    first = text.split("\n\n", 1)[0]
    if len(first) <= LEAD_CHARS:
        return first
    cut = first[:LEAD_CHARS]
    return cut.rsplit(None, 1)[0] if " " in cut else cut


def _keyword_matcher(keywords: Sequence[str]) -> Matcher:
    """A grep matcher for the -k keywords as the keyword filter reads them: substrings, folded."""
    from .grep import compile_pattern
    from .textnorm import fold

    return compile_pattern("|".join(re.escape(fold(k)) for k in keywords), ignore_case=True)


def _select(store: Store, flt: Filters, m: Matcher | None, report: FilterReport | None) -> list[Item]:
    """The items of the report, by date (undated last); with a pattern, those it matches."""
    if m is None:
        return list(store.select(flt, order="date", report=report))
    from .grep import count_item, literal_needles

    def matches(it: Item) -> bool:
        return count_item(it, m) > 0

    return [it for it in store.select(flt, needles=literal_needles(m), order="date", report=report, extra=matches)
            if matches(it)]


def _timeline(store: Store, flt: Filters, items: Sequence[Item], by: str) -> tuple[ReportTimeline, list[str]]:
    """The chart of the items' dates beside the corpus totals, and notes on dates it cannot place."""
    from .attention import totals_filters
    from .timeline import NO_DATE, UNKNOWN_YEAR, build_timeline, period_of

    dates = [it.date for it in items]
    by = choose_period(dates) if by == "auto" else by
    totals = (it.date for it in store.select(totals_filters(flt)))
    since = period_of(flt.since.isoformat(), by) if flt.since else None
    until = period_of(flt.until.isoformat(), by) if flt.until else None
    tl = build_timeline({"items": dates}, totals, by, since=since, until=until)
    lines = {r.period: r.counts[0] for r in tl.lines}
    periods = [ReportPeriod(r.period, r.counts[0], r.total, r.shares[0]) for r in tl.rows]
    notes = [note.format(n=lines[p], by=by) for p, note in _LINE_NOTES.items() if lines.get(p)]
    return ReportTimeline(by, periods, lines.get(UNKNOWN_YEAR, 0), lines.get(NO_DATE, 0)), notes


def _stories(store: Store, items: Sequence[Item]) -> dict[str, list[Copy]]:
    """Every item (id, source, relation) of the stories the items belong to, once per story.

    The first item of a story in the report lists the others, so they are read for it, in
    corpus order; the rest of the story's rows only count them.
    """
    members: dict[str, list[Copy]] = {}
    for it in items:
        if it.story and it.story not in members:
            members[it.story] = [(it.id, it.source, it.story_relation),
                                 *((o.id, o.source, o.story_relation) for o in store.story_items(it))]
    return members


def _kwic(store: Store, flt: Filters, m: Matcher, items: Sequence[Item], context: int) -> list[ReportKwic]:
    """The keyword-in-context lines of the items, in the items' order."""
    from .grep import grep_hits

    order = {it.id: k for k, it in enumerate(items)}
    hits = [h for h in grep_hits(store, flt, m, context=context) if h.id in order]
    hits.sort(key=lambda h: order[h.id])
    return [ReportKwic(h.id, h.pre, h.match, h.post) for h in hits]


def _people(store: Store, items: Sequence[Item]) -> list[ReportPerson]:
    from .people import person_table

    return [ReportPerson(r.name, r.mentions, len(r.items)) for r in person_table(store.people(), items)]


def corpus_fingerprint(store: Store) -> tuple[int, str]:
    """The number of files read and a short hash of their names and contents."""
    digest = hashlib.sha256()
    n = 0
    for source, content in store.db.execute("SELECT source, digest FROM files WHERE status = 'ok' ORDER BY source"):
        digest.update(f"{source}\0{content}\n".encode("utf-8", "surrogateescape"))
        n += 1
    return n, digest.hexdigest()[:16]


def _sentence(note: str) -> str:
    """A stderr note ("note: the date range left out ...") as a sentence of the report."""
    text = note.removeprefix("note: ")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _report_item(it: Item) -> ReportItem:
    return ReportItem(id=it.id, date=it.date, year_basis=it.year_basis, place=it.place, title=it.title,
                      lead=_lead(it.text), people=it.people, source=it.source, line_start=it.line_start,
                      line_end=it.line_end, text=it.text, story=it.story)


def gather_report(store: Store, flt: Filters, *, pattern: str | None = None, by: str = "auto", context: int = 8,
                  command: str = PROGRAM + " report", title: str | None = None,
                  report: FilterReport | None = None) -> ReportData:
    """Everything a report of the items passing ``flt`` (and matching ``pattern``) shows.

    The keyword-in-context lines are those of the pattern, else of the ``-k`` keywords,
    else of the ``--person`` names; ``report`` gets what the date range left out.
    """
    from .answers import left_out_note
    from .grep import make_matcher
    from .query import FilterReport

    report = report if report is not None else FilterReport()
    m = make_matcher(store, pattern, flt.persons) if pattern is not None else None
    items = _select(store, flt, m, report)
    if m is None and flt.keywords:
        m = _keyword_matcher(flt.keywords)
    elif m is None and flt.persons:
        m = make_matcher(store, None, flt.persons)
    timeline, notes = _timeline(store, flt, items, by)
    left_out = left_out_note(flt, report)
    files, fingerprint = corpus_fingerprint(store)
    return ReportData(
        command=command, corpus_path=", ".join(store.paths), files=files, fingerprint=fingerprint,
        made=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), timeline=timeline,
        items=[_report_item(it) for it in items], stories=_stories(store, items),
        kwic=_kwic(store, flt, m, items, context) if m is not None else [],
        people=_people(store, items),
        notes=[*([_sentence(left_out)] if left_out else []), *notes],
        **({"title": title} if title else {}),
    )
