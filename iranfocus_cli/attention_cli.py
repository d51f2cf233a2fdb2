"""The commands ``timeline`` and ``collocates``: parse options, one call to ``attention``, emit.

Both take the shared filters. ``timeline`` counts stories by default (its own
``--copies`` counts every copy), so it leaves the shared ``--unique`` out;
``collocates`` keeps it. On a terminal ``timeline`` draws a chart
(``timeline.chart_lines``, plain text sized to the window); piped, it prints the
same numbers as tab-separated lines, and ``--json``/``--csv`` give them to programs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from .cli import Settings, _note, filter_options, json_option, make_filters
from .timeline import BY

if TYPE_CHECKING:
    from .render import View
    from .timeline import Timeline

csv_option = click.option("--csv", "fmt", flag_value="csv", help="Print CSV instead of a table.")
TIMELINE_FIELDS = ["series", "period", "start", "end", "count", "total", "share"]
COLLOCATE_FIELDS = ["word", "observed", "expected", "frequency", "mi", "ll"]


def _field(name: str) -> Callable[[dict], Any]:
    return lambda r: r[name]


def _width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def timeline_view(tl: Timeline, *, what: str, chart: bool) -> View:
    """Records as tab-separated lines (or a table); on a terminal, or with ``chart``, the chart."""
    from .render import Column, View, clean
    from .timeline import chart_lines

    def draw(rows: list[dict]) -> None:
        sys.stdout.write("".join(clean(line) + "\n" for line in chart_lines(tl, _width(), what=what)))

    cols = tuple(Column(f, _field(f), {"justify": "right"} if f in ("count", "total", "share") else {})
                 for f in TIMELINE_FIELDS)
    return View(cols, terminal=draw, whole=draw if chart else None)


def collocates_view() -> View:
    from .render import Column, View

    right = {"justify": "right"}
    return View(tuple(Column(f, _field(f), {} if f == "word" else right) for f in COLLOCATE_FIELDS))


def _grep_options(f: Any) -> Any:
    for o in reversed([
        click.option("-F", "--fixed-strings", "fixed", is_flag=True, help="Match each PATTERN literally, not as a regex."),
        click.option("-w", "--word-regexp", "word", is_flag=True, help="Match whole words only."),
        click.option("-i", "--ignore-case", "case", flag_value="ignore", help="Ignore case even if PATTERN has capitals."),
        click.option("-s", "--case-sensitive", "case", flag_value="sensitive", help="Match case even in lower case."),
    ]):
        f = o(f)
    return f


@click.command("timeline")
@click.argument("patterns", nargs=-1, metavar="[PATTERN]...")
@click.option("--by", type=click.Choice(BY), default="month", show_default=True, help="The period counted in.")
@click.option("--copies", is_flag=True, help="Count every copy of a story (default: each story once).")
@click.option("--chart", is_flag=True, help="Draw the chart even when the output is not a terminal.")
@_grep_options
@filter_options(unique=False)
@json_option
@csv_option
@click.pass_obj
def timeline_cmd(settings: Settings, patterns: tuple[str, ...], by: str, copies: bool, chart: bool, fixed: bool,
                 word: bool, case: str | None, fmt: str, **kw: Any) -> None:
    """Count matching items per day, week, month or year, beside all items of that period.

    Each --person NAME and each PATTERN (a grep pattern: regex, smart case,
    accents and quotes folded) is a series of its own; the other filters,
    -k included, apply to every series. With neither, the one series is the
    items the filters pass. A story is counted once, at its fullest copy,
    unless --copies. "total" is the number of all stories (items, with
    --copies) of the same --kind and --source and in the same date range dated
    in the period, and "share" is count / total, blank where total is 0. A date with a month but no day counts
    only in month and year views; a day and month without a year, and no date,
    are counted on lines of their own, never spread into periods. Empty periods
    show as 0. On a terminal (or with --chart) the numbers are drawn as bars,
    or as a sparkline per series when there are many periods, sized to the
    window; piped, they are tab-separated lines, one per series and period,
    and --json/--csv give the same numbers to programs. Exit code 1 when
    nothing matched.

    \b
    Examples:
      iranfocus timeline --person Rouhani --person Khamenei
      iranfocus timeline -k "truck drivers" --by week --since 2018-05 --until 2018-08
      iranfocus timeline strike protest --by year --json
    """
    from .attention import left_out_notes, timeline_for
    from .grep import make_matcher
    from .render import emit, print_note

    flt = make_filters(kw)
    store = settings.store()
    matchers = [make_matcher(store, p, (), fixed=fixed, word=word, case=case) for p in patterns]
    reports: dict = {}
    tl = timeline_for(store, replace(flt, persons=()), by=by, persons=flt.persons, copies=copies, patterns=matchers,
                      reports=reports)
    emit(tl.records(), fmt, timeline_view(tl, what="items" if copies else "stories", chart=chart),
         csv_fields=TIMELINE_FIELDS)
    for note in left_out_notes(flt, reports):
        print_note(note)
    if not tl.matched:
        sys.exit(1)


@click.command("collocates")
@click.argument("query", required=False)
@click.option("--window", type=click.IntRange(1, 50), default=5, show_default=True,
              help="Words on each side of the node that count as near it.")
@click.option("--min", "min_count", type=click.IntRange(min=1), default=3, show_default=True,
              help="Only words seen at least N times near the node.")
@click.option("--by", "measure", type=click.Choice(["ll", "mi"]), default="ll", show_default=True,
              help="Rank by log-likelihood (ll) or mutual information (mi).")
@click.option("--stop-words", "keep_stop_words", is_flag=True, help="Keep stop words and numbers.")
@click.option("--limit", type=click.IntRange(min=0), default=30, show_default=True, help="Show at most N words; 0: all.")
@filter_options()
@json_option
@csv_option
@click.pass_obj
def collocates_cmd(settings: Settings, query: str | None, window: int, min_count: int, measure: str,
                   keep_stop_words: bool, limit: int, fmt: str, **kw: Any) -> None:
    """The words that occur near a word or phrase (QUERY), or near every spelling of a
    --person, in the items the filters pass; ranked by an association measure.

    Each row gives the word, how often it occurs within --window words of the
    node (observed), how often it would by chance (expected = W * f / N), its
    frequency f in the whole corpus, MI = log2(observed / expected) and Dunning's
    log-likelihood (LL, the default ranking, which does not overrate rare words).
    W is the number of words inside all windows; N is the number of words in the
    headlines and bodies of every item of the corpus (every copy, whatever the
    filters), as the text index counts them: the filters choose where the node
    is looked for, the whole corpus is what it is compared with. Words are
    folded (case, accents, quotes); stop words, numbers and the node's own words
    are left out unless --stop-words. With a QUERY, --person only chooses the
    items. A summary line (node, W, N) goes to stderr. Exit code 1 when the
    node does not occur.

    \b
    Examples:
      iranfocus collocates "truck drivers" --window 4
      iranfocus collocates --person Rouhani --min 2 --by mi
      iranfocus collocates khamenei --since 2018 --unique --json
    """
    from .attention import collocates_for
    from .query import FilterReport
    from .render import emit, print_summary

    flt, report = make_filters(kw), FilterReport()
    if query is None and not flt.persons:
        raise click.UsageError("give a WORD or PHRASE, or --person NAME")
    ans = collocates_for(settings.store(), flt, query=query, window=window, min_count=min_count, measure=measure,
                         keep_stop_words=keep_stop_words, report=report)
    emit((c.to_dict() for c in ans.collocates[:limit or None]), fmt, collocates_view(), csv_fields=COLLOCATE_FIELDS)
    print_summary(ans.summary(window), fmt)
    _note(flt, report)
    if not ans.windows.occurrences:
        sys.exit(1)
