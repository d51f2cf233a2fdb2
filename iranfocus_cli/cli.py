"""The command line: parse options, make one library call, render.

Errors from the library (``IranfocusError``) are turned into one line on
stderr in one place, ``IranfocusGroup.invoke``; a broken pipe ends quietly.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import IranfocusError

if TYPE_CHECKING:
    from .store import Store

ENV_CORPUS = "IRANFOCUS_CORPUS"


class IranfocusGroup(click.Group):
    """A click group that reports domain errors as one line and exits cleanly."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IranfocusError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(e.exit_code)
        except BrokenPipeError:
            _quiet_pipe()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            ctx.exit(130)
        except OSError as e:
            if _is_pipe_error(e):
                _quiet_pipe()
                ctx.exit(0)
            click.echo(f"Error: {e.strerror or e}" + (f": {e.filename}" if e.filename else ""), err=True)
            ctx.exit(1)


def _is_pipe_error(e: OSError) -> bool:
    import errno

    return e.errno in (errno.EPIPE, errno.EINVAL) and not getattr(e, "filename", None)


def _quiet_pipe() -> None:
    """After the reader went away: point stdout at /dev/null so the final flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class DateBound(click.ParamType):
    """A --since/--until date; partial dates (2018-01, Jan 2018) cover their period."""

    name = "DATE"

    def __init__(self, *, end: bool):
        self.end = end

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from .query import parse_bound

        try:
            return parse_bound(str(value), end=self.end)
        except ValueError as e:
            self.fail(f"{value!r} is not a date ({e}); try 2018-01-25, 2018-01 or 'Jan 2018'", param, ctx)


class YearOverride(click.ParamType):
    """FILE=YEAR."""

    name = "FILE=YEAR"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, int]:
        if isinstance(value, tuple):
            return value
        name, sep, year = str(value).rpartition("=")
        if not sep or not name or not year.strip().isdigit() or not 1000 <= int(year) <= 2999:
            self.fail(f"{value!r} is not FILE=YEAR (for example 001_de5385de09d5271a.txt=2017)", param, ctx)
        return name, int(year)


class Settings:
    """Global options, and the corpus store opened once on first use."""

    def __init__(self, corpus: tuple[str, ...], years: tuple[tuple[str, int], ...],
                 aliases: str | None, no_cache: bool):
        env = os.environ.get(ENV_CORPUS)
        self.paths = list(corpus) or ([p for p in env.split(os.pathsep) if p] if env else [])
        self.years = dict(years)
        self.aliases = aliases
        self.no_cache = no_cache
        self._store: Store | None = None

    def store(self, *, rebuild: bool = False) -> Store:
        """The corpus store: the cache, or a throwaway database with --no-cache."""
        if self._store is None or rebuild:
            from .render import print_note, progress_factory, warn
            from .store import open_store

            self._store = open_store(self.paths or None, cache=not self.no_cache, years=self.years,
                                     aliases=self.aliases, rebuild=rebuild, progress_factory=progress_factory,
                                     notify=print_note)
            for w in self._store.warnings():
                warn(w)
        return self._store


@click.group(cls=IranfocusGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--corpus", "corpus", multiple=True, metavar="PATH",
              help="A page file or a folder of *.txt pages; repeat for more. "
                   f"Default: ${ENV_CORPUS}, else the bundled seeds.")
@click.option("--year", "years", multiple=True, type=YearOverride(),
              help="Set the year of a file's datelines, e.g. --year 001_de5385de09d5271a.txt=2017.")
@click.option("--aliases", type=click.Path(dir_okay=False), envvar="IRANFOCUS_ALIASES",
              help="TOML file of person aliases (merge/split); default $IRANFOCUS_ALIASES.")
@click.option("--no-cache", is_flag=True, help="Parse the corpus afresh, without the cache.")
@click.version_option(__version__, prog_name="iranfocus")
@click.pass_context
def cli(ctx: click.Context, corpus: tuple[str, ...], years: tuple[tuple[str, int], ...],
        aliases: str | None, no_cache: bool) -> None:
    """Inspect plain-text dumps of Iran Focus pages: articles, captions, dates, people.

    \b
    Examples:
      iranfocus list --since 2018-01-20 --until 2018-01
      iranfocus grep -w Rajavi
      iranfocus export --keyword "truck drivers" --format json -o strike.json
    """
    ctx.obj = Settings(corpus, years, aliases, no_cache)


# --- shared options -----------------------------------------------------------------

def filter_options(default_kind: str | None = None) -> Callable:
    """The filters shared by every listing command."""

    def deco(f: Callable) -> Callable:
        opts = [
            click.option("--since", type=DateBound(end=False), help="On or after DATE (2018-01-25, 2018-01, 'Jan 2018')."),
            click.option("--until", type=DateBound(end=True), help="On or before DATE; a month or year counts whole."),
            click.option("--keyword", "-k", "keywords", multiple=True, metavar="TEXT",
                         help="Items containing TEXT (case, accents, quotes ignored); repeat: all must appear."),
            click.option("--exclude", multiple=True, metavar="TEXT", help="Leave out items containing TEXT; repeatable."),
            click.option("--kind", "kinds", multiple=True, type=click.Choice(["article", "caption"]),
                         help="Only this kind of item" + (f" (default: {default_kind})." if default_kind else ".")),
            click.option("--source", "sources", multiple=True, metavar="GLOB",
                         help="Only files whose name or path matches GLOB, e.g. '00[01]*'."),
            click.option("--dated/--undated", default=None, help="Only items with / without a date."),
            click.option("--person", "persons", multiple=True, metavar="NAME",
                         help="Items mentioning this person under any of their names; repeatable."),
            click.option("--unknown-year", type=click.Choice(["skip", "match"]), default="skip", show_default=True,
                         help="In a date range, leave out items whose year is unknown, or match them on day and month."),
        ]
        for o in reversed(opts):
            f = o(f)
        f.__dict__["default_kind"] = default_kind
        return f

    return deco


def make_filters(kw: dict, default_kind: str | None = None):
    """Build Filters from the shared options (removing them from kw)."""
    from .query import Filters

    since, until = kw.pop("since"), kw.pop("until")
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="'--since'")
    kinds = kw.pop("kinds") or ((default_kind,) if default_kind else ())
    return Filters(since=since, until=until, keywords=kw.pop("keywords"), exclude=kw.pop("exclude"),
                   kinds=tuple(kinds), sources=kw.pop("sources"), dated=kw.pop("dated"),
                   persons=kw.pop("persons"), unknown_year=kw.pop("unknown_year"))


json_option = click.option("--json", "fmt", flag_value="json", default="text", help="Print JSON instead of a table.")


def _note(flt, report) -> None:
    """Say on stderr what a date range left out for lack of a year."""
    from .answers import left_out_note
    from .render import print_note

    note = left_out_note(flt, report)
    if note:
        print_note(note)


# --- commands --------------------------------------------------------------------------

@cli.command("pages")
@json_option
@click.pass_obj
def pages_cmd(settings: Settings, fmt: str) -> None:
    """Show each file's layout, item counts, inferred year and the evidence for it.

    \b
    Example:
      iranfocus pages
    """
    from .answers import pages_records
    from .render import PAGES_VIEW, emit, print_summary

    records, summary = pages_records(settings.store())
    emit(records, fmt, PAGES_VIEW)
    print_summary(summary, fmt)


@cli.command("list")
@filter_options(default_kind="article")
@click.option("--sort", "sort_by", type=click.Choice(["date", "source"]), default="date", show_default=True,
              help="Order by date (undated last) or by file and position.")
@click.option("--reverse", is_flag=True, help="Newest first (undated items stay last).")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most N items.")
@json_option
@click.pass_obj
def list_items(settings: Settings, sort_by: str, reverse: bool, limit: int | None, fmt: str, **kw: Any) -> None:
    """List articles (or captions with --kind caption), oldest first.

    Articles without a headline show their lead, shortened, in dim italics
    (marked "[lead]" when piped).

    \b
    Example:
      iranfocus list --since 2018-01-20 --until 2018-01 --limit 5
    """
    from .answers import list_records
    from .query import FilterReport
    from .render import ITEMS_VIEW, emit

    flt, report = make_filters(kw, "article"), FilterReport()
    emit(list_records(settings.store(), flt, sort_by=sort_by, reverse=reverse, limit=limit, report=report),
         fmt, ITEMS_VIEW)
    _note(flt, report)


@cli.command("show")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@json_option
@click.pass_obj
def show_items(settings: Settings, ids: tuple[str, ...], fmt: str) -> None:
    """Print whole items: headline, metadata, paragraphs, and where each appears again.

    An ID may be shortened to any unique prefix.

    \b
    Example:
      iranfocus show 003_c270d168d62968d9#9
    """
    from .answers import show_records
    from .render import SHOW_VIEW, emit, write_json_object

    records = show_records(settings.store(), ids)
    if fmt == "json" and len(records) == 1:
        write_json_object(records[0])
    else:
        emit(records, fmt, SHOW_VIEW)


@cli.command("grep")
@click.argument("pattern", required=False)
@click.option("-F", "--fixed-strings", "fixed", is_flag=True, help="Match PATTERN literally, not as a regex.")
@click.option("-w", "--word-regexp", "word", is_flag=True, help="Match whole words only.")
@click.option("--exact", is_flag=True, help="No folding: case, accents and quotes must match exactly.")
@click.option("-i", "--ignore-case", "case", flag_value="ignore", help="Ignore case even if PATTERN has capitals.")
@click.option("-s", "--case-sensitive", "case", flag_value="sensitive", help="Match case even if PATTERN is lower-case.")
@click.option("-C", "--context", type=click.IntRange(min=0), default=8, show_default=True, help="Words of context on each side.")
@click.option("-c", "--count", is_flag=True, help="Print id:count for each matching item.")
@click.option("-l", "--files-with-matches", "ids_only", is_flag=True, help="Print only the ids of matching items.")
@filter_options()
@json_option
@click.pass_obj
def grep_cmd(settings: Settings, pattern: str | None, fixed: bool, word: bool, exact: bool, case: str | None,
             context: int, count: bool, ids_only: bool, fmt: str, **kw: Any) -> None:
    """Search whole items (headline and body) and show each hit in context.

    By default PATTERN is a regex; matching ignores case when PATTERN is all
    lower-case, and always ignores accents and curly-vs-straight quotes
    (--exact turns all folding off). Exit code: 0 if something matched,
    1 if nothing did, 2 on error.

    \b
    Examples:
      iranfocus grep -w rajavi
      iranfocus grep "Khamenei's" --since 2018-01 -C 5
      iranfocus grep -c khamenei --kind article
      iranfocus grep --person Rouhani          (every spelling: Rouhani, Rohani...)
    """
    from .answers import grep_records
    from .grep import make_matcher
    from .query import FilterReport
    from .render import GREP_VIEWS, emit

    flt, report, mode = make_filters(kw), FilterReport(), "count" if count else "ids" if ids_only else "hits"
    if pattern is None and not flt.persons:
        raise click.UsageError("give a PATTERN, or --person NAME to find every spelling of a person")
    store = settings.store()
    matcher = make_matcher(store, pattern, flt.persons, fixed=fixed, word=word, exact=exact, case=case)
    records = grep_records(store, flt, matcher, mode=mode, context=context, report=report)
    emit(records, fmt, GREP_VIEWS[mode])
    _note(flt, report)
    if not records:
        sys.exit(1)


@cli.command("captions")
@filter_options()
@click.option("--unique", is_flag=True, help="Fold repeats across pages into one row with a count.")
@json_option
@click.pass_obj
def captions_cmd(settings: Settings, unique: bool, fmt: str, **kw: Any) -> None:
    """Show the caption items (sidebar video and photo titles): date, place, text.

    \b
    Example:
      iranfocus captions --unique --keyword strike
    """
    from .answers import caption_records
    from .query import FilterReport
    from .render import CAPTIONS_VIEW, UNIQUE_CAPTIONS_VIEW, emit

    flt, report = make_filters(kw, "caption"), FilterReport()
    records = caption_records(settings.store(), flt, unique=unique, report=report)
    emit(records, fmt, UNIQUE_CAPTIONS_VIEW if unique else CAPTIONS_VIEW)
    _note(flt, report)


@cli.command("export")
@filter_options()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl", show_default=True,
              help="JSON Lines, a JSON array, or CSV of the scalar fields.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write to FILE (atomically) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option("--raw", is_flag=True, help="CSV: keep cells starting with = + - @ as they are (no leading ').")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.pass_obj
def export_cmd(settings: Settings, fmt: str, output: str, force: bool, raw: bool, as_json: bool, **kw: Any) -> None:
    """Export the items that pass the filters, as the JSON objects described in docs/items.md.

    CSV cells that a spreadsheet would run as a formula (starting with = + - @)
    get a leading apostrophe unless --raw is given.

    \b
    Examples:
      iranfocus export --format jsonl > items.jsonl
      iranfocus export -k "truck drivers" --format json -o strike.json
    """
    from .answers import export_records
    from .model import CSV_FIELDS
    from .output import write_output
    from .query import FilterReport
    from .render import print_note

    flt, report = make_filters(kw), FilterReport()
    records = export_records(settings.store(), flt, report=report)  # streamed, one item at a time
    n = write_output(records, output, "json" if as_json else fmt, force=force, raw=raw, csv_fields=CSV_FIELDS)
    _note(flt, report)
    if output != "-":
        print_note(f"wrote {n} item(s) to {output}")


@cli.command("people")
@filter_options()
@click.option("--min", "min_items", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only people mentioned in at least N items.")
@click.option("--with", "with_name", metavar="NAME", help="Who is mentioned together with NAME, and how often.")
@click.option("--suggest", is_flag=True, help="List pairs of names that may be one person, with a similarity score.")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most N rows.")
@json_option
@click.pass_obj
def people_cmd(settings: Settings, min_items: int, with_name: str | None, suggest: bool, limit: int | None,
               fmt: str, **kw: Any) -> None:
    """Show who is mentioned: canonical name, mentions, items, first and last date, variants.

    Spellings of one person are merged (case, accents, possessives, honorifics,
    transliterations such as Rouhani/Rohani); --aliases FILE forces merges
    and splits.

    \b
    Examples:
      iranfocus people --min 2
      iranfocus people --with "Maryam Rajavi"
      iranfocus people --suggest
    """
    from .answers import people_records, person_name
    from .query import FilterReport
    from .render import PEOPLE_VIEW, SUGGEST_VIEW, emit, with_view

    flt, report, store = make_filters(kw), FilterReport(), settings.store()
    records = people_records(store, flt, min_items=min_items, with_name=with_name, suggest=suggest, limit=limit,
                             report=report)
    view = SUGGEST_VIEW if suggest else with_view(person_name(store, with_name)) if with_name else PEOPLE_VIEW
    emit(records, fmt, view)
    _note(flt, report)


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Throw the cache away and parse every file again.")
@json_option
@click.pass_obj
def index_cmd(settings: Settings, rebuild: bool, fmt: str) -> None:
    """Bring the corpus cache up to date and show what it holds.

    The cache is kept correct on every command anyway (changed files are parsed
    again, alone); this command is for building it ahead of time, or anew.

    \b
    Examples:
      iranfocus --corpus ~/crawl index
      iranfocus index --rebuild
    """
    import time

    from .answers import index_record
    from .render import INDEX_VIEW, emit

    if settings.no_cache:
        raise IranfocusError("index needs the cache; drop --no-cache")
    t0 = time.perf_counter()
    store = settings.store(rebuild=rebuild)
    if store.temporary:
        raise IranfocusError("the cache folder cannot be written; see the note above")
    emit([index_record(store, time.perf_counter() - t0)], "jsonl" if fmt == "json" else "text", INDEX_VIEW)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="iranfocus")
