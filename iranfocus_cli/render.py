"""Output: the only module that knows rich. Tables for a terminal, tab-separated
lines when piped, and JSON / JSON Lines / CSV writers for programs.

Corpus text is never read as markup: the Console is built with ``markup=False``
and every cell is a ``rich.text.Text``. Control characters (escape sequences,
bells, backspaces, bidi overrides) are replaced by visible escapes before
anything reaches a terminal, so a page cannot restyle or take over the screen.

Tables fit the window: every column says how narrow it can be and still be read,
and which columns matter least. When the window is too narrow for all of them, the
least useful ones are stacked under a neighbour (a date under the id) or left out,
and the table's caption names what was left out; piped output always has every
column. rich itself is imported only when a table, a KWIC line or a progress bar is
drawn, so piped commands never load it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None, *, keep_newlines: bool = False) -> str:
    """Text safe for a terminal: control characters become visible \\x.. escapes."""
    if not text:
        return ""
    if text.isprintable():
        return text  # no control or format character, and no white space but the space
    out = _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                          else f"\\u{ord(m.group()):04x}", text)
    if not keep_newlines:
        out = out.replace("\t", " ").replace("\n", " ")
    return out


def one_line(text: str | None) -> str:
    """Clean text collapsed to one line."""
    if text and text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text  # no control, format or white space but single inner spaces: already one clean line
    return " ".join(clean(text).split())


_SPACES_RE = re.compile(r"\s+")


def flat(text: str | None) -> str:
    """Clean text on one line, every run of white space one space; unlike ``one_line``
    it keeps the space (or its absence) at either end, so that KWIC context joins its
    match exactly as the corpus text does."""
    return _SPACES_RE.sub(" ", clean(text))


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


def _text(cell: Any):
    """A table cell as rich Text: corpus text is never read as markup."""
    from rich.text import Text

    if isinstance(cell, Exact):
        return Text(str(cell))
    return cell if isinstance(cell, Text) else Text(one_line("" if cell is None else str(cell)))


def fit_columns(columns: Sequence[Column], widths: list[int], room: int) -> tuple[list[int], dict[int, list[int]], list[int]]:
    """Which columns a table shows in ``room`` characters: (the columns shown, the columns
    stacked under each of them, the columns left out), by position.

    ``widths`` are the narrowest readable widths of the columns. While the table does
    not fit, the column with the highest ``drop`` goes: under the column it names in
    ``under`` (or where that one went), or else out of the table.
    """
    shown = list(range(len(columns)))
    stacked: dict[int, list[int]] = {k: [] for k in shown}
    owner: dict[int, int] = {}
    left_out: list[int] = []
    by_header = {c.header: k for k, c in enumerate(columns)}

    def need() -> int:  # a rich table with borders: 3 characters a column, and 1
        return sum(widths[k] for k in shown) + 3 * len(shown) + 1

    for k in sorted((k for k, c in enumerate(columns) if c.drop), key=lambda k: -columns[k].drop):
        if need() <= room or len(shown) == 1:
            break
        shown.remove(k)
        moved = [k, *stacked.pop(k)]
        under = columns[k].under
        host = by_header.get(under) if under else None
        while host is not None and host not in shown:
            host = owner.get(host)
        if host is None:
            left_out.extend(moved)
            continue
        stacked[host].extend(moved)
        owner.update(dict.fromkeys(moved, host))
    return shown, stacked, sorted(left_out)


def _table(columns: Sequence[Column], rows: Iterable[dict]) -> None:
    """Records as a rich table that fits the window (see ``fit_columns``)."""
    from rich.table import Table
    from rich.text import Text

    con = _console()
    cells = [[_text(c.cell(r)) for c in columns] for r in rows]

    def readable(k: int) -> int:
        c = columns[k]
        widest = max((row[k].cell_len for row in cells), default=0)
        if c.min_width and not c.options.get("no_wrap"):
            widest = min(widest, c.min_width)
        return max(len(c.header), widest)

    widths = [readable(k) for k in range(len(columns))]
    shown, stacked, left_out = fit_columns(columns, widths, con.width)
    caption = None
    if left_out:
        caption = (f"not shown at {con.width} columns: {', '.join(columns[k].header for k in left_out)}"
                   " (a wider window, or a pipe, shows every column)")
    table = Table(show_lines=bool(any(stacked.values())), header_style="bold", caption=caption,
                  caption_justify="left")
    for k in shown:
        opts = dict(columns[k].options)
        if stacked[k]:
            opts.pop("no_wrap", None)  # what is stacked under it may need to wrap
        table.add_column("\n".join(columns[x].header for x in (k, *stacked[k])), min_width=widths[k], **opts)
    for row in cells:
        out = []
        for k in shown:
            cell = row[k].copy()
            for x in stacked[k]:
                if row[x].plain:
                    cell.append("\n")
                    cell.append_text(Text(row[x].plain, style="dim"))
            out.append(cell)
        table.add_row(*out)
    con.print(table)


def _tsv(header: list[str] | None, rows: Iterable[list[Any]], out: IO[str]) -> None:
    if header is not None:
        out.write("\t".join(header) + "\n")
    for row in rows:
        out.write(_tsv_line(row) + "\n")


def _tsv_line(row: Iterable[Any]) -> str:
    return "\t".join(map(_tsv_cell, row))


def _tsv_cell(c: Any) -> str:
    """A plain value as a tab-separated cell (styled cells are made for terminals only)."""
    if type(c) is int:
        return str(c)
    return c if isinstance(c, Exact) else one_line(str(c)) if c is not None else ""


class Exact(str):
    """A cell whose spaces at either end are part of it (KWIC context): written as it
    is, not trimmed."""


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
    """The headline; when there is none, the lead (the first paragraph): on a terminal
    shortened, in dim italics; piped whole, after "[lead] "."""
    if r["kind"] == "caption":
        return one_line(r["text"])
    if r["title"]:
        return one_line(r["title"])
    if is_terminal():
        return styled(shorten(r["text"], 90), "dim italic")
    return "[lead] " + one_line(r["text"].split("\n\n", 1)[0])


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


def _tail_words(text: str, width: int) -> str:
    """The longest end of text that starts a word and fits in width cells."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    for m in re.finditer(r"(?<!\S)\S", text):
        if cell_len(text[m.start():]) <= width:
            return text[m.start():]
    return ""


def _head_words(text: str, width: int) -> str:
    """The longest start of text that ends a word and fits in width cells."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    ends = [m.end() for m in re.finditer(r"\S(?!\S)", text)]
    return next((text[:e] for e in reversed(ends) if cell_len(text[:e]) <= width), "")


def print_kwic(hits: list[dict], *, highlight_style: str = "bold red") -> None:
    """grep on a terminal: id, date, left context, the match highlighted, right context.

    Between the context and the match is exactly what the text has there (no space is
    added, none is taken away), and context is cut only where a word ends. Below 100
    columns the date is left out, to leave room for the text.
    """
    from rich.cells import cell_len
    from rich.text import Text

    if not hits:
        return
    con = _console()
    id_w = max(len(h["id"]) for h in hits)
    date_w = max(len(h["date"] or "") for h in hits) if con.width >= 100 else 0
    match_w = min(max(cell_len(flat(h["match"])) for h in hits), 40)
    room = max(20, con.width - id_w - (date_w + 2 if date_w else 0) - match_w - 2)
    left_w = room // 2
    right_w = room - left_w
    for h in hits:
        match = flat(h["match"])
        if cell_len(match) > match_w:
            match = match[:match_w - 1] + "\u2026"
        pre = _tail_words(flat(h["pre"]), left_w)
        post = _head_words(flat(h["post"]), right_w + match_w - cell_len(match))
        line = Text.assemble((h["id"].ljust(id_w), "dim"), "  ")
        if date_w:
            line.append((h["date"] or "").ljust(date_w) + "  ", "dim")
        line.append(" " * (left_w - cell_len(pre)) + pre)
        line.append(match, highlight_style)
        line.append(post)
        con.print(line, no_wrap=True, overflow="crop")


# --- views: how records look as a table ---------------------------------------------------

RIGHT = {"justify": "right"}
NO_WRAP = {"no_wrap": True}


@dataclass(frozen=True)
class Column:
    """A table column: its header, the cell of a record, and rich column options; and how
    it gives way on a narrow terminal: ``min_width`` is the narrowest a wrapping column
    can be and still be read (0: as wide as its widest cell), a column with a higher
    ``drop`` goes first (0: it always stays), stacked under the column named by
    ``under`` or else left out."""

    header: str
    cell: Callable[[dict], Any]
    options: dict = field(default_factory=dict)
    min_width: int = 0
    drop: int = 0
    under: str | None = None


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
    fields: tuple[str, ...] = ()  # the record keys its cells read, when a producer can give just those


def _col(header: str, key: str, options: dict | None = None, **fit: Any) -> Column:
    return Column(header, lambda r: r[key], options or {}, **fit)


def _date(r: dict) -> str:
    return r["date"] or ""


_ID = _col("id", "id", NO_WRAP)
ITEMS_VIEW = View((
    _ID, Column("date", _date, NO_WRAP, drop=2, under="id"),
    Column("place/byline", lambda r: r["place"] or (f"by {r['byline']}" if r["byline"] else ""),
           min_width=12, drop=3, under="date"),
    Column("headline", headline_cell, min_width=40),
    _col("words", "words", RIGHT, drop=4)),
    fields=("id", "kind", "date", "place", "byline", "title", "text", "words"))
_CAPTION_COLS = (_ID, Column("date", _date, NO_WRAP, drop=2, under="id"),
                 Column("place", lambda r: r["place"] or "", min_width=12, drop=3, under="date"),
                 Column("caption", lambda r: one_line(r["text"]), min_width=40))
CAPTIONS_VIEW = View(_CAPTION_COLS)
UNIQUE_CAPTIONS_VIEW = View(_CAPTION_COLS + (_col("count", "count", RIGHT),))
HITS_VIEW = View((_col("id", "id"), Column("date", _date), _col("line", "line"),
                  Column("pre", lambda r: Exact(flat(r["pre"]))), Column("match", lambda r: Exact(flat(r["match"]))),
                  Column("post", lambda r: Exact(flat(r["post"])))), terminal=print_kwic)
COUNTS_VIEW = View((_ID, _col("count", "count", RIGHT)))
IDS_VIEW = View(line=lambda r: r["id"])  # bare ids, one a line, for xargs
SHOW_VIEW = View(whole=print_items)
PEOPLE_VIEW = View((
    _col("name", "name", min_width=16), _col("mentions", "mentions", RIGHT), _col("items", "items", RIGHT),
    Column("first", lambda r: r["first_date"] or "", NO_WRAP, drop=2),
    Column("last", lambda r: r["last_date"] or "", NO_WRAP, drop=3, under="first"),
    Column("variants", lambda r: ", ".join(r["variants"]), min_width=20, drop=1)))
STORIES_VIEW = View((
    _col("story", "story", NO_WRAP), _col("copies", "copies", RIGHT), _col("pages", "pages", RIGHT, drop=3, under="copies"),
    Column("first", lambda r: r["first_date"] or "", NO_WRAP, drop=2),
    Column("last", lambda r: r["last_date"] or "", NO_WRAP, drop=4, under="first"),
    Column("headline", lambda r: r["title"] or r["lead"], min_width=20)))
SUGGEST_VIEW = View((_col("name", "a", min_width=16), _col("maybe the same as", "b", min_width=16),
                     _col("score", "score", RIGHT)))
PAGES_VIEW = View((
    _col("file", "source", NO_WRAP), _col("layout", "layout", drop=4, under="file"),
    _col("why", "layout_reason", min_width=20, drop=6), _col("articles", "articles", RIGHT),
    _col("captions", "captions", RIGHT, drop=3, under="articles"),
    Column("year", lambda r: str(r["year"]) if r["year"] else "unknown"),
    Column("basis", lambda r: r["basis"] or "", drop=5, under="year"),
    _col("decision", "reason", min_width=16, drop=2),
    Column("evidence", lambda r: "; ".join(r["evidence"]), min_width=24, drop=7)))


GREP_VIEWS = {"hits": HITS_VIEW, "count": COUNTS_VIEW, "ids": IDS_VIEW}
INDEX_VIEW = View(line=lambda st: (
    f"{st['path']}: {st['files']} file(s), {st['items']} item(s), {st['bytes'] / 1e6:.1f} MB; "
    f"parsed {st['parsed']}, removed {st['removed']}, touched {st['touched']} in {st['seconds']} s"))


def with_view(name: str) -> View:
    """`people --with NAME`: who is mentioned together with NAME."""
    return View((_col(f"mentioned with {name}", "name", min_width=16), _col("items", "items", RIGHT)))


def emit(records: Iterable[dict], fmt: str, view: View | None = None, *, out: IO[str] | None = None,
         csv_fields: list[str] | None = None, raw: bool = False) -> int:
    """Write records: ``text`` (the view: a table on a terminal, else tab-separated lines),
    ``json``, ``jsonl`` or ``csv``. Returns how many were written."""
    out = out or sys.stdout
    if fmt != "text":
        return write_records(records, out, fmt, csv_fields=csv_fields, raw=raw)
    view = view or View()
    if view.whole is None and (view.line is not None or not is_terminal(out)):
        # lines and tab-separated rows are written as the records come, never all held
        if view.line is None:
            _tsv([c.header for c in view.columns] if view.header else None, (), out)
        cells = [c.cell for c in view.columns]
        line = view.line or (lambda r: _tsv_line([cell(r) for cell in cells]))
        n = 0
        for r in records:
            out.write(line(r) + "\n")
            n += 1
        return n
    rows = list(records)
    if view.whole is not None:
        view.whole(rows)
    elif is_terminal(out) and view.terminal is not None:
        view.terminal(rows)
    else:
        _table(view.columns, rows)
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
    import json

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


def write_csv(objs: Iterable[dict], out: IO[str], fields: list[str], *, raw: bool = False,
              excel: bool = False) -> int:
    """CSV of the scalar fields (people joined by "; "). Unless raw, control
    characters (escape sequences, bells, bidi overrides) are written as visible
    \\x.. escapes, so viewing the file cannot take over a terminal. With ``excel``
    the file starts with a UTF-8 byte order mark and lines end in CRLF, which is how
    Excel recognises a UTF-8 CSV (without the mark it reads the accents as cp1252)."""
    import csv

    if excel:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    w.writerow(fields)
    n = 0
    for obj in objs:
        cells = [csv_cell(obj.get(f), raw=raw) for f in fields]
        w.writerow(cells if raw else [clean(c, keep_newlines=True) for c in cells])
        n += 1
    return n


FORMATS = ("jsonl", "json", "csv", "excel-csv")


def write_records(objs: Iterable[dict], out: IO[str], fmt: str, *, csv_fields: list[str] | None = None,
                  raw: bool = False) -> int:
    """Write records in one of ``FORMATS``; returns how many were written."""
    if fmt == "json":
        return write_json_array(objs, out)
    if fmt == "jsonl":
        return write_jsonl(objs, out)
    if fmt in ("csv", "excel-csv"):
        return write_csv(objs, out, csv_fields or [], raw=raw, excel=fmt == "excel-csv")
    raise ValueError(fmt)


def to_text(objs: Iterable[dict], fmt: str, **kw: Any) -> str:
    """Records written to a string (used by tests and small outputs)."""
    import io

    buf = io.StringIO()
    write_records(objs, buf, fmt, **kw)
    return buf.getvalue()
