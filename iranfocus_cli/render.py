"""Output: the only module that knows rich. Tables for a terminal, tab-separated
lines when piped, and JSON / JSON Lines / CSV writers for programs.

Corpus text is never read as markup: the Console is built with ``markup=False``
and every cell is a ``rich.text.Text``. Control characters (escape sequences,
bells, backspaces, bidi overrides) are replaced by visible escapes before
anything reaches a terminal, so a page cannot restyle or take over the screen.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None, *, keep_newlines: bool = False) -> str:
    """Text safe for a terminal: control characters become visible \\x.. escapes."""
    if not text:
        return ""
    out = _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                          else f"\\u{ord(m.group()):04x}", text)
    if not keep_newlines:
        out = out.replace("\t", " ").replace("\n", " ")
    return out


def one_line(text: str | None) -> str:
    """Clean text collapsed to one line."""
    return " ".join(clean(text).split())


def is_terminal(stream: IO[str] | None = None) -> bool:
    """Whether output goes to a terminal (then tables; else plain lines)."""
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _console(stream: IO[str] | None = None, *, stderr: bool = False):
    from rich.console import Console

    return Console(file=stream, stderr=stderr, highlight=False, emoji=False, markup=False,
                   soft_wrap=False)


def _table(columns: list[tuple[str, dict]], rows: Iterable[list[Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, header_style="bold")
    for name, opts in columns:
        table.add_column(name, **opts)
    for row in rows:
        table.add_row(*[cell if isinstance(cell, Text) else Text(one_line("" if cell is None else str(cell)))
                        for cell in row])
    _console().print(table)


def _tsv(header: list[str] | None, rows: Iterable[list[Any]], out: IO[str]) -> None:
    if header is not None:
        out.write("\t".join(header) + "\n")
    for row in rows:
        # cells are plain values here: styled cells are made for terminals only
        out.write("\t".join(one_line(str(c)) if c is not None else "" for c in row) + "\n")


def styled(text: str, style: str):
    """A cell in a style (for example dim italics for a lead shown instead of a headline)."""
    from rich.text import Text

    return Text(one_line(text), style=style if is_terminal() and not _no_color() else "")


def _no_color() -> bool:
    import os

    return bool(os.environ.get("NO_COLOR"))


# --- items --------------------------------------------------------------------------

def shorten(text: str, width: int) -> str:
    """Cut text to about width characters on a word boundary, with an ellipsis."""
    # only a prefix can show: clean and collapse just enough of it
    k = 2 * width + 16
    while k < len(text) and len(one_line(text[:k])) <= width + 1:
        k *= 2
    text = one_line(text[:k])
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0] or text[:width]
    return cut + "\u2026"


def headline_cell(r: dict) -> Any:
    """The headline, or the shortened lead in dim italics when there is none."""
    if r["kind"] == "caption":
        return one_line(r["text"])
    if r["title"]:
        return one_line(r["title"])
    lead = shorten(r["text"], 90)
    if is_terminal():
        return styled(lead, "dim italic")
    return f"[lead] {lead}"


def print_item(r: dict) -> None:
    """The whole item (a record of ``answers.show_records``): headline, metadata,
    paragraphs, and where it appears again."""
    out: list[tuple[str, str]] = []
    head = r["title"] or ("(no headline)" if r["kind"] == "article" else "")
    out.append((clean(head), "bold"))
    for t in r["title_repeats"]:
        out.append(("  (repeated: " + clean(t) + ")", "dim"))
    meta = [f"id: {r['id']}", f"kind: {r['kind']}", f"source: {clean(r['source'])} lines {r['line_start']}-{r['line_end']}"]
    if r["byline"]:
        meta.append(f"byline: {clean(r['byline'])}")
    if r["place"]:
        meta.append(f"place: {clean(r['place'])}")
    if r["date"] or r["date_text"]:
        unknown = bool(r["date"] and r["date"].startswith("--"))
        basis = f", year: {r['year_basis']}" if r["year_basis"] else (", year unknown" if unknown else "")
        meta.append(f"date: {r['date'] or '?'} (written \"{clean(r['date_text'])}\"{basis})")
    if r["people"]:
        meta.append("people: " + ", ".join(clean(p) for p in r["people"]))
    if r["duplicate_of"]:
        meta.append(f"repeats: {r['duplicate_of']}")
    out.extend((m, "dim") for m in meta)
    out.append(("", ""))
    for para in r["text"].split("\n\n"):
        out.append((clean(para, keep_newlines=True), ""))
        out.append(("", ""))
    if r["repeats"]:
        out.append(("Appears again: " + ", ".join(r["repeats"]), "dim"))
    if is_terminal():
        from rich.text import Text

        con = _console()
        for line, style in out:
            con.print(Text(line, style=style), soft_wrap=True)
    else:
        sys.stdout.write("\n".join(line for line, _ in out).rstrip("\n") + "\n")


def print_items(records: list[dict]) -> None:
    """Whole items, one after another with a blank line between them."""
    for k, r in enumerate(records):
        if k:
            sys.stdout.write("\n")
            sys.stdout.flush()
        print_item(r)


def print_kwic(hits: list[dict], *, highlight_style: str = "bold red") -> None:
    """grep on a terminal: id, date, left context, the match highlighted, right context."""
    from rich.text import Text

    if not hits:
        return
    con = _console()
    id_w = max(len(h["id"]) for h in hits)
    date_w = max(len(h["date"] or "") for h in hits)
    match_w = min(max(len(one_line(h["match"])) for h in hits), 40)
    room = max(20, con.width - id_w - date_w - match_w - 6)
    left_w = room // 2
    right_w = room - left_w
    style = "" if _no_color() else highlight_style
    for h in hits:
        pre = one_line(h["pre"])[-left_w:]
        post = one_line(h["post"])[:right_w]
        con.print(Text.assemble(
            (h["id"].ljust(id_w), "dim"), "  ", ((h["date"] or "").ljust(date_w), "dim"), "  ",
            pre.rjust(left_w), " ", (one_line(h["match"])[:match_w], style), " ", post,
        ), no_wrap=True, overflow="crop")


# --- views: how records look as a table ---------------------------------------------------

RIGHT = {"justify": "right"}
NO_WRAP = {"no_wrap": True}


@dataclass(frozen=True)
class Column:
    """A table column: its header, the cell of a record, and rich column options."""

    header: str
    cell: Callable[[dict], Any]
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class View:
    """How records look as text: table columns (a rich table on a terminal, tab-separated
    lines otherwise), or one plain line per record; optionally a layout of its own on a
    terminal."""

    columns: tuple[Column, ...] = ()
    header: bool = True
    line: Callable[[dict], str] | None = None
    terminal: Callable[[list[dict]], None] | None = None
    whole: Callable[[list[dict]], None] | None = None  # writes all records its own way


def _col(header: str, key: str, options: dict | None = None) -> Column:
    return Column(header, lambda r: r[key], options or {})


ITEMS_VIEW = View((
    _col("id", "id", NO_WRAP), Column("date", lambda r: r["date"] or "", NO_WRAP),
    Column("place/byline", lambda r: r["place"] or (f"by {r['byline']}" if r["byline"] else "")),
    Column("headline", headline_cell), Column("words", lambda r: len(r["text"].split()), RIGHT)))
_CAPTION_COLS = (_col("id", "id", NO_WRAP), Column("date", lambda r: r["date"] or ""),
                 Column("place", lambda r: r["place"] or ""), Column("caption", lambda r: one_line(r["text"])))
CAPTIONS_VIEW = View(_CAPTION_COLS)
UNIQUE_CAPTIONS_VIEW = View(_CAPTION_COLS + (_col("count", "count", RIGHT),))
HITS_VIEW = View((_col("id", "id"), Column("date", lambda r: r["date"] or ""), _col("line", "line"), _col("pre", "pre"),
                  _col("match", "match"), _col("post", "post")), header=False, terminal=print_kwic)
COUNTS_VIEW = View(line=lambda r: f"{r['id']}:{r['count']}")
IDS_VIEW = View(line=lambda r: r["id"])
SHOW_VIEW = View(whole=print_items)
PEOPLE_VIEW = View((
    _col("name", "name"), _col("mentions", "mentions", RIGHT), Column("items", lambda r: len(r["items"]), RIGHT),
    Column("first", lambda r: r["first_date"] or ""), Column("last", lambda r: r["last_date"] or ""),
    Column("variants", lambda r: ", ".join(r["variants"]))))
SUGGEST_VIEW = View((_col("name", "a"), _col("maybe the same as", "b"), _col("score", "score", RIGHT)))
PAGES_VIEW = View((
    _col("file", "source", NO_WRAP), _col("layout", "layout"), _col("why", "layout_reason"), _col("articles", "articles", RIGHT),
    _col("captions", "captions", RIGHT), Column("year", lambda r: str(r["year"]) if r["year"] else "unknown"),
    Column("basis", lambda r: r["basis"] or ""), _col("decision", "reason"),
    Column("evidence", lambda r: "; ".join(r["evidence"]))))


GREP_VIEWS = {"hits": HITS_VIEW, "count": COUNTS_VIEW, "ids": IDS_VIEW}
INDEX_VIEW = View(line=lambda st: (
    f"{st['path']}: {st['files']} file(s), {st['items']} item(s), {st['bytes'] / 1e6:.1f} MB; "
    f"parsed {st['parsed']}, removed {st['removed']}, touched {st['touched']} in {st['seconds']} s"))


def with_view(name: str) -> View:
    """`people --with NAME`: who is mentioned together with NAME."""
    return View((_col(f"mentioned with {name}", "name"), _col("items", "items", RIGHT)))


def emit(records: Iterable[dict], fmt: str, view: View | None = None, *, out: IO[str] | None = None,
         csv_fields: list[str] | None = None, raw: bool = False) -> int:
    """Write records: ``text`` (the view: a table on a terminal, else tab-separated lines),
    ``json``, ``jsonl`` or ``csv``. Returns how many were written."""
    out = out or sys.stdout
    if fmt != "text":
        return write_records(records, out, fmt, csv_fields=csv_fields, raw=raw)
    view = view or View()
    rows = list(records)
    if view.whole is not None:
        view.whole(rows)
    elif view.line is not None:
        out.write("".join(view.line(r) + "\n" for r in rows))
    elif is_terminal(out) and view.terminal is not None:
        view.terminal(rows)
    elif is_terminal(out):
        _table([(c.header, c.options) for c in view.columns], [[c.cell(r) for c in view.columns] for r in rows])
    else:
        _tsv([c.header for c in view.columns] if view.header else None, ([c.cell(r) for c in view.columns] for r in rows), out)
    return len(rows)


# --- progress -----------------------------------------------------------------------------

def progress_factory(total: int):
    """A progress bar on stderr while a terminal waits; nothing when stderr is not one."""
    if not is_terminal(sys.stderr):
        return (lambda n: None), (lambda: None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    prog = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=_console(sys.stderr), transient=True)
    task = prog.add_task("parse", total=total)
    prog.start()
    return (lambda n: prog.advance(task, n)), prog.stop


# --- notes on stderr ------------------------------------------------------------------------

def print_summary(text: str, fmt: str) -> None:
    """A summary line: under the table on a terminal, else on stderr (it is not data)."""
    print_note(text, stream=sys.stdout if fmt == "text" and is_terminal() else sys.stderr)


def print_note(text: str, *, stream: IO[str] | None = None) -> None:
    """A one-line note (warnings, summaries) to stderr unless told otherwise."""
    (stream or sys.stderr).write(clean(text) + "\n")


def warn(text: str) -> None:
    """A warning on stderr."""
    sys.stderr.write("warning: " + clean(text) + "\n")


# --- machine-readable writers -----------------------------------------------------------------

_JSON_UNSAFE_RE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def encode_json(obj: Any, *, indent: int | None = None) -> str:
    """The one JSON encoder: UTF-8 text kept, but C1 controls, bidi overrides and lone
    surrogates escaped, so the result is valid JSON and safe on a terminal."""
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False, indent=indent))


def write_json_object(obj: Any, out: IO[str] | None = None) -> None:
    """One JSON object, indented (show --json of one item, index --json)."""
    (out or sys.stdout).write(encode_json(obj, indent=2) + "\n")


def write_json_array(objs: Iterable[dict], out: IO[str]) -> int:
    """Stream a JSON array, one object per line, without building it in memory."""
    n = 0
    out.write("[")
    for obj in objs:
        out.write(("\n" if n == 0 else ",\n") + encode_json(obj))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(objs: Iterable[dict], out: IO[str]) -> int:
    """One JSON object per line."""
    n = 0
    for obj in objs:
        out.write(encode_json(obj) + "\n")
        n += 1
    return n


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any, *, raw: bool) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    s = str(value)
    if not raw and s.startswith(FORMULA_START):
        return "'" + s
    return s


def write_csv(objs: Iterable[dict], out: IO[str], fields: list[str], *, raw: bool = False) -> int:
    """CSV of the scalar fields (people joined by "; "). Unless raw, control
    characters (escape sequences, bells, bidi overrides) are written as visible
    \\x.. escapes, so viewing the file cannot take over a terminal."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(fields)
    n = 0
    for obj in objs:
        cells = [csv_cell(obj.get(f), raw=raw) for f in fields]
        w.writerow(cells if raw else [clean(c, keep_newlines=True) for c in cells])
        n += 1
    return n


def write_records(objs: Iterable[dict], out: IO[str], fmt: str, *, csv_fields: list[str] | None = None,
                  raw: bool = False) -> int:
    """Write records in one of json, jsonl, csv; returns how many were written."""
    if fmt == "json":
        return write_json_array(objs, out)
    if fmt == "jsonl":
        return write_jsonl(objs, out)
    if fmt == "csv":
        return write_csv(objs, out, csv_fields or [], raw=raw)
    raise ValueError(fmt)


def to_text(objs: Iterable[dict], fmt: str, **kw: Any) -> str:
    """Records written to a string (used by tests and small outputs)."""
    buf = io.StringIO()
    write_records(objs, buf, fmt, **kw)
    return buf.getvalue()
