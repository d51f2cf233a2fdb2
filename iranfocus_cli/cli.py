"""The command line: parse options, make one library call, render.

Errors from the library (``IranfocusError``) are turned into one line on
stderr in one place, ``IranfocusGroup.invoke``; a broken pipe ends quietly.
A bad option value (a date, FILE=YEAR) is one line too, with the reason and an
example, exit code 2.

The global options (``--corpus``, ``--year``, ``--aliases``, ``--no-cache``) are
options of the group, and ``IranfocusGroup`` also adds them to every command it
hands out, so ``iranfocus list --corpus X`` works as ``iranfocus --corpus X list``
does, for the commands of other modules too.

The library is imported inside the command that needs it, and only as far as
that command needs it, so ``--help`` and a piped ``list`` start without loading
rich, dateutil or the parser.
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


# Commands defined in modules of their own, loaded only when named (or listed in --help).
LAZY_COMMANDS = {
    "stories": "iranfocus_cli.stories_cli:stories_cmd",
    "timeline": "iranfocus_cli.attention_cli:timeline_cmd",
    "collocates": "iranfocus_cli.attention_cli:collocates_cmd",
    "report": "iranfocus_cli.report_cli:report_cmd",
}


class IranfocusGroup(click.Group):
    """A click group that reports domain errors as one line and exits cleanly."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attr = LAZY_COMMANDS[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        cmd = super().get_command(ctx, name)
        if cmd is not None:
            _accept_global_options(cmd)
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        if sys.stdout is None:  # started with standard output closed (``>&-``): nowhere to answer
            click.echo("Error: standard output is closed", err=True)
            ctx.exit(2)
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


class OptionValueError(click.BadParameter):
    """A bad option value, shown as one line: which option, the value, the reason and an
    example of a good value (no usage block). Exit code 2, as for every usage error."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.message}", file=file, err=file is None)


def _option_name(param: click.Parameter | None) -> str:
    return max(param.opts, key=len) if param is not None and param.opts else "value"


DATE_EXAMPLES = "for example 2018-01-25, 2018-01, 'Jan 2018' or 2018"


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
            # parse_bound gives the reason, and sometimes the good forms of this very value
            reason = str(e.args[0]) if e.args else "not a date"
            example = str(e.args[1]) if len(e.args) > 1 else DATE_EXAMPLES
            raise OptionValueError(f"{_option_name(param)} {value!r}: {reason}; {example}", ctx, param) from None


class YearOverride(click.ParamType):
    """FILE=YEAR."""

    name = "FILE=YEAR"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, int]:
        if isinstance(value, tuple):
            return value
        name, sep, year = str(value).rpartition("=")
        if not sep or not name or not year.strip().isdigit() or not 1000 <= int(year) <= 2999:
            raise OptionValueError(f"{_option_name(param)} {value!r}: not FILE=YEAR; for example "
                                   "--year 001_de5385de09d5271a.txt=2017", ctx, param)
        return name, int(year)


class Settings:
    """Global options, and the corpus store opened once on first use."""

    def __init__(self, corpus: tuple[str, ...], years: tuple[tuple[str, int], ...],
                 aliases: str | None, no_cache: bool):
        self.corpus = list(corpus)
        self.years = dict(years)
        self.aliases = aliases
        self.no_cache = no_cache
        self._store: Store | None = None

    @property
    def paths(self) -> list[str]:
        """The corpus paths: --corpus, else $IRANFOCUS_CORPUS (empty: the bundled seeds)."""
        env = os.environ.get(ENV_CORPUS)
        return self.corpus or ([p for p in env.split(os.pathsep) if p] if env else [])

    def store(self, *, rebuild: bool = False) -> Store:
        """The corpus store: the cache, or a throwaway database with --no-cache."""
        if self._store is None or rebuild:
            from .render import print_note, progress_factory, warn
            from .store import open_store

            if self._store is not None:
                self._store.close()
            self._store = open_store(self.paths or None, cache=not self.no_cache, years=self.years,
                                     aliases=self.aliases, rebuild=rebuild, progress_factory=progress_factory,
                                     notify=print_note)
            ctx = click.get_current_context(silent=True)
            if ctx is not None:  # closed (a throwaway one deleted) when the command line is done
                ctx.find_root().call_on_close(self._store.close)
            for w in self._store.warnings():
                warn(w)
        return self._store


def _global_after_command(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """A global option given after the command: add it to the settings."""
    settings = ctx.find_object(Settings)
    if settings is None or not value:  # completion parses without the group's settings
        return
    if param.name == "late_corpus":
        settings.corpus.extend(value)
    elif param.name == "late_years":
        settings.years.update(value)
    elif param.name == "late_aliases":
        settings.aliases = value
    elif param.name == "late_no_cache":
        settings.no_cache = True


def _global_options() -> list[click.Option]:
    """The global options as options of a command (see ``IranfocusGroup.get_command``)."""
    late: dict[str, Any] = {"expose_value": False, "callback": _global_after_command}
    return [
        click.Option(["--corpus", "late_corpus"], multiple=True, metavar="PATH",
                     help="A page file or a folder of *.txt pages; repeatable (also before the command).", **late),
        click.Option(["--year", "late_years"], multiple=True, type=YearOverride(),
                     help="Set the year of a file's datelines, FILE=YEAR (also before the command).", **late),
        click.Option(["--aliases", "late_aliases"], type=click.Path(dir_okay=False),
                     help="TOML file of person aliases (also before the command).", **late),
        click.Option(["--no-cache", "late_no_cache"], is_flag=True,
                     help="Parse the corpus afresh, without the cache (also before the command).", **late),
    ]


def _accept_global_options(cmd: click.Command) -> None:
    """Let a command take the global options after its name too (once; never over an
    option of its own with the same name)."""
    if getattr(cmd, "_takes_global_options", False):
        return
    taken = {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)}
    cmd.params.extend(o for o in _global_options() if not set(o.opts) & taken)
    cmd._takes_global_options = True  # type: ignore[attr-defined]


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

    The global options may also follow the command (iranfocus list --corpus DIR).
    Every field of the exported items is described in docs/items.md, in the
    project's repository.

    \b
    Shell completion for bash (zsh_source or fish_source for those shells):
      eval "$(_IRANFOCUS_COMPLETE=bash_source iranfocus)"

    \b
    Examples:
      iranfocus list --since 2018-01-20 --until 2018-01
      iranfocus grep -w Rajavi
      iranfocus export --keyword "truck drivers" --format json -o strike.json
    """
    ctx.obj = Settings(corpus, years, aliases, no_cache)


# --- shared options -----------------------------------------------------------------

def filter_options(default_kind: str | None = None, unique: bool = True, kind: bool = True) -> Callable:
    """The filters shared by every listing command; ``unique=False`` leaves --unique out
    (for a command that counts stories its own way), ``kind=False`` leaves --kind out
    (for a command that shows one kind only)."""

    def deco(f: Callable) -> Callable:
        opts = [
            click.option("--since", type=DateBound(end=False),
                         help="On or after DATE (2018-01-25, 2018-01, 'Jan 2018', 2018); not 01/06/2018, "
                              "which is ambiguous (13/06/2018 is not)."),
            click.option("--until", type=DateBound(end=True), help="On or before DATE; a month or year counts whole."),
            click.option("--keyword", "-k", "keywords", multiple=True, metavar="TEXT",
                         help="Items whose headline or body contains TEXT, the text grep searches (case, "
                              "accents, quotes ignored; the place and byline have options of their own); "
                              "repeat: all must appear."),
            click.option("--exclude", multiple=True, metavar="TEXT",
                         help="Leave out items whose headline or body contains TEXT; repeatable."),
            click.option("--place", "places", multiple=True, metavar="TEXT",
                         help="Items whose dateline place (or caption place) contains TEXT, folded; repeat: "
                              "any of them."),
            click.option("--byline", "bylines", multiple=True, metavar="TEXT",
                         help="Items whose byline contains TEXT, folded; repeat: any of them."),
            *([click.option("--kind", "kinds", multiple=True, type=click.Choice(["article", "caption"]),
                            help="Only this kind of item" + (f" (default: {default_kind})." if default_kind else "."))]
              if kind else []),
            click.option("--source", "sources", multiple=True, metavar="GLOB",
                         help="Only files whose name or path matches GLOB, e.g. '00[01]*'."),
            click.option("--dated/--undated", default=None, help="Only items with / without a date."),
            click.option("--person", "persons", multiple=True, metavar="NAME",
                         help="Items mentioning this person under any of their names; repeatable."),
            click.option("--unknown-year", type=click.Choice(["skip", "match"]), default="skip", show_default=True,
                         help="In a date range, leave out items whose year is unknown, or match them on day and month."),
            *([click.option("--unique", is_flag=True,
                            help="One item per story: its fullest copy, with the earliest known date, so that "
                                 "counts are not inflated by how often a page was crawled. Default: every copy, "
                                 "since a listing shows what the pages hold.")]
              if unique else []),
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
        raise OptionValueError(f"--since {since} is after --until {until}; for example --since 2018-01 --until 2018-03")
    kinds = kw.pop("kinds", ()) or ((default_kind,) if default_kind else ())
    return Filters(since=since, until=until, keywords=kw.pop("keywords"), exclude=kw.pop("exclude"),
                   kinds=tuple(kinds), sources=kw.pop("sources"), dated=kw.pop("dated"),
                   persons=kw.pop("persons"), unknown_year=kw.pop("unknown_year"),
                   places=kw.pop("places"), bylines=kw.pop("bylines"), unique=kw.pop("unique", False))


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

    Articles without a headline show their lead (the first paragraph): on a
    terminal shortened, in dim italics; piped whole, after "[lead] ". --unique
    lists each story once.

    \b
    Example:
      iranfocus list --since 2018-01-20 --until 2018-01 --limit 5
    """
    from .answers import list_records
    from .query import FilterReport
    from .render import ITEMS_VIEW, emit

    flt, report = make_filters(kw, "article"), FilterReport()
    emit(list_records(settings.store(), flt, sort_by=sort_by, reverse=reverse, limit=limit, report=report,
                      fields=list(ITEMS_VIEW.fields) if fmt == "text" else None), fmt, ITEMS_VIEW)
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
@click.option("-c", "--count", is_flag=True, help="Count the matches in each matching item (id, count).")
@click.option("-l", "--files-with-matches", "ids_only", is_flag=True,
              help="Print only the ids of matching items, one a line, with no header (for xargs).")
@filter_options()
@json_option
@click.pass_obj
def grep_cmd(settings: Settings, pattern: str | None, fixed: bool, word: bool, exact: bool, case: str | None,
             context: int, count: bool, ids_only: bool, fmt: str, **kw: Any) -> None:
    """Search whole items (headline and body) and show each hit in context.

    By default PATTERN is a regex; matching ignores case when PATTERN is all
    lower-case, and always ignores accents and curly-vs-straight quotes
    (--exact turns all folding off). The context is the text exactly as it
    is around the match. Piped, each hit is a tab-separated line under a
    header: id, date, line, pre, match, post (pre + match + post is the text).
    Exit code: 0 if something matched, 1 if nothing did, 2 on error.

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

    if count and ids_only:
        raise click.UsageError("-c/--count and -l/--files-with-matches ask for different outputs; give one")
    flt, report, mode = make_filters(kw), FilterReport(), "count" if count else "ids" if ids_only else "hits"
    if pattern is None and not flt.persons:
        raise click.UsageError("give a PATTERN, or --person NAME to find every spelling of a person")
    store = settings.store()
    matcher = make_matcher(store, pattern, flt.persons, fixed=fixed, word=word, exact=exact, case=case)
    found = emit(grep_records(store, flt, matcher, mode=mode, context=context, report=report), fmt, GREP_VIEWS[mode])
    _note(flt, report)
    if not found:
        sys.exit(1)


@cli.command("captions")
@filter_options(default_kind="caption", kind=False)
@click.option("--kind", "other_kinds", multiple=True, type=click.Choice(["article", "caption"]), hidden=True)
@json_option
@click.pass_obj
def captions_cmd(settings: Settings, other_kinds: tuple[str, ...], fmt: str, **kw: Any) -> None:
    """Show the caption items (sidebar video and photo titles): date, place, text.

    With --unique, repeats across pages are one row, with a count.

    \b
    Example:
      iranfocus captions --unique --keyword strike
    """
    from .answers import caption_records
    from .query import FilterReport
    from .render import CAPTIONS_VIEW, UNIQUE_CAPTIONS_VIEW, emit

    if "article" in other_kinds:
        raise click.UsageError("captions shows caption items only; for articles use list or export --kind article")
    flt, report = make_filters(kw, "caption"), FilterReport()
    records = caption_records(settings.store(), flt, report=report)
    emit(records, fmt, UNIQUE_CAPTIONS_VIEW if flt.unique else CAPTIONS_VIEW)
    _note(flt, report)


@cli.command("export")
@filter_options()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "excel-csv"]),
              help="JSON Lines (the default), a JSON array, CSV of the scalar fields, or that CSV for "
                   "spreadsheets (excel-csv: a UTF-8 byte order mark and CRLF line ends, so Excel keeps the accents).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write to FILE (atomically) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option("--raw", is_flag=True, help="CSV: keep cells starting with = + - @ as they are (no leading ').")
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.pass_obj
def export_cmd(settings: Settings, fmt: str | None, output: str, force: bool, raw: bool, as_json: bool,
               **kw: Any) -> None:
    """Export the items that pass the filters, as the JSON objects described in docs/items.md.

    CSV cells that a spreadsheet would run as a formula (starting with = + - @)
    get a leading apostrophe unless --raw is given.

    \b
    Examples:
      iranfocus export --format jsonl > items.jsonl
      iranfocus export -k "truck drivers" --format json -o strike.json
      iranfocus export --kind article --format excel-csv -o articles.csv
    """
    from .answers import export_records
    from .model import CSV_FIELDS
    from .output import write_output
    from .query import FilterReport
    from .render import print_note

    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json and --format {fmt} ask for different formats; give one of them")
    flt, report = make_filters(kw), FilterReport()
    records = export_records(settings.store(), flt, report=report)  # streamed, one item at a time
    n = write_output(records, output, "json" if as_json else fmt or "jsonl", force=force, raw=raw,
                     csv_fields=CSV_FIELDS)
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
    and splits. "items" is the number of items that mention the person; --json
    also gives their ids, as "ids".

    \b
    Examples:
      iranfocus people --min 2
      iranfocus people --with "Maryam Rajavi"
      iranfocus people --suggest
    """
    from .answers import people_records, person_name
    from .query import FilterReport
    from .render import PEOPLE_VIEW, SUGGEST_VIEW, emit, with_view

    if suggest and with_name:
        raise click.UsageError("--suggest and --with ask different questions; give one of them")
    flt, report, store = make_filters(kw), FilterReport(), settings.store()
    records = people_records(store, flt, min_items=min_items, with_name=with_name, suggest=suggest, limit=limit,
                             report=report, ids=fmt != "text")  # a table counts the items; it does not list them
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
    """The command line, in this process (tests call it; it returns by SystemExit)."""
    cli(prog_name="iranfocus")


def run() -> None:
    """Console-script entry point: ``main``, then a quick exit. By then every answer is
    written and the store closed (with the root context), so the interpreter's teardown,
    freeing every module and object one by one, is skipped: it took a tenth of a small
    command's time. An unexpected error still ends the normal way, with its traceback."""
    try:
        main()
        code: Any = 0
    except SystemExit as e:
        code = e.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: started with it closed
                stream.flush()
        except (OSError, ValueError):  # the reader went away: nothing more to say
            pass
    os._exit(code or 0)
