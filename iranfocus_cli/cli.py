"""The command line: parse options, make one library call, render.

Errors from the library (``IranfocusError``) are turned into one line on
stderr in one place, ``IranfocusGroup.invoke``; a broken pipe ends quietly.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from . import __version__
from .errors import IranfocusError

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
        self._store: Any = None

    def store(self, *, rebuild: bool = False):
        """The corpus: the SQLite cache, or parsed in memory with --no-cache."""
        if self._store is None or rebuild:
            from .render import print_note, progress_factory, warn

            store = None
            if not self.no_cache:
                from .index import open_store

                store = open_store(self.paths or None, years=self.years, aliases=self.aliases, rebuild=rebuild,
                                   progress_factory=progress_factory, notify=print_note)
            if store is None:
                from .corpus import load_corpus
                from .store import MemoryStore

                store = MemoryStore(load_corpus(self.paths or None, years=self.years, aliases=self.aliases),
                                    aliases=self.aliases)
            for w in store.warnings():
                warn(w)
            self._store = store
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


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _select(settings: Settings, flt, needles: tuple[str, ...] = (), extra=None):
    """Run the filters over the corpus; returns (items, report)."""
    from .query import FilterReport
    from .store import select

    report = FilterReport()
    return list(select(settings.store(), flt, needles=needles, report=report, extra=extra)), report


def _left_out_note(report, flt) -> None:
    from .render import print_note

    if flt.has_range and report.unknown_year:
        print_note(f"note: {report.unknown_year} item(s) with an unknown year were left out of the date range "
                   "(--unknown-year match includes them by day and month)")


# --- commands --------------------------------------------------------------------------

@cli.command("pages")
@json_option
@click.pass_obj
def pages_cmd(settings: Settings, as_json: bool) -> None:
    """Show each file's layout, item counts, inferred year and the evidence for it.

    \b
    Example:
      iranfocus pages
    """
    from .render import print_pages, write_json_array

    store = settings.store()
    pages = store.pages()
    sm = store.summary()
    arts = sum(p.articles for p in pages)
    caps = sum(p.captions for p in pages)
    summary = (f"{sm.files} file(s): {sm.loaded} loaded, {sm.skipped} skipped; "
               f"{arts} articles, {caps} captions; {sm.warnings} warning(s)")
    if as_json:
        write_json_array(({**vars(p)} for p in pages), sys.stdout)
        click.echo(summary, err=True)
    else:
        print_pages(pages, summary)


@cli.command("list")
@filter_options(default_kind="article")
@click.option("--sort", "sort_by", type=click.Choice(["date", "source"]), default="date", show_default=True,
              help="Order by date (undated last) or by file and position.")
@click.option("--reverse", is_flag=True, help="Newest first (undated items stay last).")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most N items.")
@json_option
@click.pass_obj
def list_items(settings: Settings, sort_by: str, reverse: bool, limit: int | None, as_json: bool, **kw: Any) -> None:
    """List articles (or captions with --kind caption), oldest first.

    Articles without a headline show their lead, shortened, in dim italics
    (marked "[lead]" when piped).

    \b
    Example:
      iranfocus list --since 2018-01-20 --until 2018-01 --limit 5
    """
    from .query import sort_items
    from .render import print_items, write_json_array

    flt = make_filters(kw, "article")
    items, report = _select(settings, flt)
    items = sort_items(items, by=sort_by, reverse=reverse, limit=limit)
    _left_out_note(report, flt)
    if as_json:
        write_json_array((it.to_dict() for it in items), sys.stdout)
    else:
        print_items(items)


@cli.command("show")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@json_option
@click.pass_obj
def show_items(settings: Settings, ids: tuple[str, ...], as_json: bool) -> None:
    """Print whole items: headline, metadata, paragraphs, and where each appears again.

    An ID may be shortened to any unique prefix.

    \b
    Example:
      iranfocus show 003_c270d168d62968d9#9
    """
    from .render import print_item, write_json_array

    store = settings.store()
    found = [store.get(i) for i in ids]
    if as_json:
        objs = []
        for it in found:
            d = it.to_dict()
            d["repeats"] = [r.id for r in store.repeats(it)]
            objs.append(d)
        if len(objs) == 1:
            import json

            click.echo(json.dumps(objs[0], ensure_ascii=False, indent=2))
        else:
            write_json_array(objs, sys.stdout)
        return
    for k, it in enumerate(found):
        if k:
            click.echo("")
        print_item(it, store.repeats(it))


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
             context: int, count: bool, ids_only: bool, as_json: bool, **kw: Any) -> None:
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
    from .query import FilterReport, compile_pattern
    from .render import print_counts, print_hits, print_ids, write_json_array
    from .store import grep_counts, grep_hits

    flt = make_filters(kw)
    person_only = pattern is None
    if pattern is None:
        if not flt.persons:
            raise click.UsageError("give a PATTERN, or --person NAME to find every spelling of a person")
        from .people import person_pattern

        # no pattern of its own: the person's spellings are what grep looks for
        pattern, fixed, word = person_pattern(settings.store().people(), flt.persons) or "(?!)", False, True
    ignore = {"ignore": True, "sensitive": False}.get(case or "", True if person_only else None)
    matcher = compile_pattern(pattern, fixed=fixed, word=word, exact=exact, ignore_case=ignore)
    store = settings.store()
    report = FilterReport()
    if count or ids_only:
        counts = grep_counts(store, flt, matcher, report=report)
        rows = [{"id": i, "count": n} for i, n in counts] if count else [{"id": i} for i, _ in counts]
        if as_json:
            write_json_array(rows, sys.stdout)
        elif count:
            print_counts(counts)
        else:
            print_ids(i for i, _ in counts)
        found = bool(counts)
    else:
        items, hits = grep_hits(store, flt, matcher, context=context, report=report)
        if flt.persons and not person_only:
            hits = _with_person_hits(settings, flt, items, hits, context)
        if as_json:
            write_json_array((h.to_dict() for h in hits), sys.stdout)
        else:
            print_hits(hits)
        found = bool(hits)
    _left_out_note(report, flt)
    if not found:
        sys.exit(1)


def _with_person_hits(settings: Settings, flt, items, hits, context):
    """With --person, also show where each variant of the person's name occurs."""
    from .people import person_hits

    extra = person_hits(settings.store().people(), items, flt.persons, context=context)
    seen = {(h.id, h.line, h.pre, h.match) for h in hits}
    merged = hits + [h for h in extra if (h.id, h.line, h.pre, h.match) not in seen]
    order = {it.id: k for k, it in enumerate(items)}
    return sorted(merged, key=lambda h: (order.get(h.id, 0), h.field != "title", h.line))


@cli.command("captions")
@filter_options()
@click.option("--unique", is_flag=True, help="Fold repeats across pages into one row with a count.")
@json_option
@click.pass_obj
def captions_cmd(settings: Settings, unique: bool, as_json: bool, **kw: Any) -> None:
    """Show the caption items (sidebar video and photo titles): date, place, text.

    \b
    Example:
      iranfocus captions --unique --keyword strike
    """
    from .query import fold_captions
    from .render import print_captions, write_json_array

    flt = make_filters(kw, "caption")
    items, report = _select(settings, flt)
    _left_out_note(report, flt)
    rows: list = fold_captions(items) if unique else items
    if as_json:
        write_json_array((r.to_dict() for r in rows), sys.stdout)
    else:
        print_captions(rows, unique=unique)


@cli.command("export")
@filter_options()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl", show_default=True,
              help="JSON Lines, a JSON array, or CSV of the scalar fields.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write to FILE (atomically) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option("--raw", is_flag=True, help="CSV: keep cells starting with = + - @ as they are (no leading ').")
@json_option
@click.pass_obj
def export_cmd(settings: Settings, fmt: str, output: str, force: bool, raw: bool, as_json: bool, **kw: Any) -> None:
    """Export the items that pass the filters, as the JSON objects of SPEC.md.

    CSV cells that a spreadsheet would run as a formula (starting with = + - @)
    get a leading apostrophe unless --raw is given.

    \b
    Examples:
      iranfocus export --format jsonl > items.jsonl
      iranfocus export -k "truck drivers" --format json -o strike.json
    """
    from .model import CSV_FIELDS
    from .output import write_output
    from .query import FilterReport
    from .store import select

    flt = make_filters(kw)
    if as_json:
        fmt = "json"
    report = FilterReport()
    # streamed: items are read, converted and written one at a time
    items = select(settings.store(), flt, report=report)
    n = write_output((it.to_dict() for it in items), output, fmt, force=force, raw=raw, csv_fields=CSV_FIELDS)
    _left_out_note(report, flt)
    if output != "-":
        click.echo(f"wrote {n} item(s) to {output}", err=True)


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
               as_json: bool, **kw: Any) -> None:
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
    from .people import co_mentions, person_table, suggest_merges
    from .render import print_people, write_json_array

    flt = make_filters(kw)
    people = settings.store().people()
    if suggest:
        pairs = suggest_merges(people)[:limit]
        if as_json:
            write_json_array(({"a": a, "b": b, "score": sc} for a, b, sc in pairs), sys.stdout)
        else:
            print_people([[a, b, sc] for a, b, sc in pairs], ["name", "maybe the same as", "score"])
        return
    items, report = _select(settings, flt)
    _left_out_note(report, flt)
    if with_name:
        name, co = co_mentions(people, items, with_name)
        co = [(n, c) for n, c in co if c >= min_items][:limit]
        if as_json:
            write_json_array(({"name": n, "items": c, "with": name} for n, c in co), sys.stdout)
        else:
            print_people([[n, c] for n, c in co], [f"mentioned with {name}", "items"])
        return
    rows = person_table(people, items, min_items=min_items)[:limit]
    if as_json:
        write_json_array((r.to_dict() for r in rows), sys.stdout)
    else:
        print_people([[r.name, r.mentions, len(r.items), r.first or "", r.last or "", ", ".join(r.variants)]
                      for r in rows], ["name", "mentions", "items", "first", "last", "variants"])


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Throw the cache away and parse every file again.")
@json_option
@click.pass_obj
def index_cmd(settings: Settings, rebuild: bool, as_json: bool) -> None:
    """Bring the corpus cache up to date and show what it holds.

    The cache is kept correct on every command anyway (changed files are parsed
    again, alone); this command is for building it ahead of time, or anew.

    \b
    Examples:
      iranfocus --corpus ~/crawl index
      iranfocus index --rebuild
    """
    import json
    import time

    from .errors import IranfocusError

    if settings.no_cache:
        raise IranfocusError("index needs the cache; drop --no-cache")
    t0 = time.perf_counter()
    store = settings.store(rebuild=rebuild)
    if not hasattr(store, "stats"):
        raise IranfocusError("the cache folder cannot be written; see the note above")
    st = store.stats()
    st["seconds"] = round(time.perf_counter() - t0, 3)
    if as_json:
        click.echo(json.dumps(st))
    else:
        click.echo(f"{st['path']}: {st['files']} file(s), {st['items']} item(s), {st['bytes'] / 1e6:.1f} MB; "
                   f"parsed {st['parsed']}, removed {st['removed']}, touched {st['touched']} in {st['seconds']} s")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="iranfocus")
