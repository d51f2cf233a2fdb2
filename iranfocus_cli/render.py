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
from collections.abc import Iterable
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


def _table(columns: list[tuple[str, dict]], rows: Iterable[list[Any]], title: str | None = None,
           caption: str | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, caption=caption, show_lines=False, header_style="bold",
                  title_justify="left", caption_justify="left")
    for name, opts in columns:
        table.add_column(name, **opts)
    for row in rows:
        table.add_row(*[cell if isinstance(cell, Text) else Text(str(cell)) for cell in row])
    _console().print(table)


def _tsv(header: list[str], rows: Iterable[list[Any]], out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join(one_line(str(c)) if c is not None else "" for c in row) + "\n")


def write_rows(header: list[str], rows: list[list[Any]], *, styles: dict[str, dict] | None = None,
               title: str | None = None, caption: str | None = None) -> None:
    """A table on a terminal, tab-separated lines (with a header) otherwise."""
    if is_terminal():
        from rich.text import Text

        styles = styles or {}
        cols = [(h, styles.get(h, {})) for h in header]
        trows = [[c if isinstance(c, Text) else Text(one_line("" if c is None else str(c))) for c in r]
                 for r in rows]
        _table(cols, trows, title, caption)
    else:
        _tsv(header, [[c.plain if hasattr(c, "plain") else c for c in r] for r in rows])


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
    text = one_line(text)
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0] or text[:width]
    return cut + "\u2026"


def headline_cell(it) -> Any:
    """The headline, or the shortened lead in dim italics when there is none."""
    if it.kind == "caption":
        return one_line(it.text)
    if it.title:
        return one_line(it.title)
    lead = shorten(it.text, 90)
    if is_terminal():
        return styled(lead, "dim italic")
    return f"[lead] {lead}"


def print_items(items: list, *, note: str | None = None) -> None:
    """The list table: id, date, place or byline, headline, words."""
    rows = [[it.id, it.date or "", it.place or (f"by {it.byline}" if it.byline else ""),
             headline_cell(it), it.words] for it in items]
    write_rows(["id", "date", "place/byline", "headline", "words"], rows,
               styles={"words": {"justify": "right"}, "id": {"no_wrap": True},
                       "date": {"no_wrap": True}},
               caption=note if is_terminal() else None)


def print_captions(groups: list, *, unique: bool) -> None:
    """Caption table: date, place, text (and count when folded)."""
    header = ["id", "date", "place", "caption"] + (["count"] if unique else [])
    rows = []
    for g in groups:
        it = g.first if unique else g
        row = [it.id, it.date or "", it.place or "", one_line(it.text)]
        if unique:
            row.append(g.count)
        rows.append(row)
    write_rows(header, rows, styles={"count": {"justify": "right"}, "id": {"no_wrap": True}})


def print_item(it, repeats: list) -> None:
    """The whole item: headline, metadata, paragraphs, and where it appears again."""
    term = is_terminal()
    out: list[tuple[str, str]] = []
    head = it.title or ("(no headline)" if it.kind == "article" else "")
    out.append((clean(head), "bold"))
    for t in it.title_repeats:
        out.append(("  (repeated: " + clean(t) + ")", "dim"))
    meta = [f"id: {it.id}", f"kind: {it.kind}", f"source: {clean(it.source)} lines {it.line_start}-{it.line_end}"]
    if it.byline:
        meta.append(f"byline: {clean(it.byline)}")
    if it.place:
        meta.append(f"place: {clean(it.place)}")
    if it.date or it.date_text:
        unknown = bool(it.date and it.date.startswith("--"))
        basis = f", year: {it.year_basis}" if it.year_basis else (", year unknown" if unknown else "")
        meta.append(f"date: {it.date or '?'} (written \"{clean(it.date_text)}\"{basis})")
    if it.people:
        meta.append("people: " + ", ".join(clean(p) for p in it.people))
    if it.duplicate_of:
        meta.append(f"repeats: {it.duplicate_of}")
    for m in meta:
        out.append((m, "dim"))
    out.append(("", ""))
    for para in it.text.split("\n\n"):
        out.append((clean(para, keep_newlines=True), ""))
        out.append(("", ""))
    if repeats:
        out.append(("Appears again: " + ", ".join(r.id for r in repeats), "dim"))
    if term:
        from rich.text import Text

        con = _console()
        for line, style in out:
            con.print(Text(line, style=style), soft_wrap=True)
    else:
        sys.stdout.write("\n".join(line for line, _ in out).rstrip("\n") + "\n")


# --- grep -----------------------------------------------------------------------------

def print_hits(hits: Iterable, *, highlight_style: str = "bold red") -> int:
    """KWIC rows: id, date, left context, the match highlighted, right context."""
    n = 0
    if not is_terminal():
        for h in hits:
            sys.stdout.write("\t".join([h.id, h.date or "", str(h.line), one_line(h.pre),
                                        one_line(h.match), one_line(h.post)]) + "\n")
            n += 1
        return n
    from rich.text import Text

    rows = list(hits)
    if not rows:
        return 0
    con = _console()
    id_w = max(len(h.id) for h in rows)
    date_w = max(len(h.date or "") for h in rows)
    match_w = min(max(len(one_line(h.match)) for h in rows), 40)
    room = max(20, con.width - id_w - date_w - match_w - 6)
    left_w = room // 2
    right_w = room - left_w
    style = "" if _no_color() else highlight_style
    for h in rows:
        pre = one_line(h.pre)[-left_w:]
        post = one_line(h.post)[:right_w]
        con.print(Text.assemble(
            (h.id.ljust(id_w), "dim"), "  ", ((h.date or "").ljust(date_w), "dim"), "  ",
            pre.rjust(left_w), " ", (one_line(h.match)[:match_w], style), " ", post,
        ), no_wrap=True, overflow="crop")
    return len(rows)


def print_counts(counts: Iterable[tuple[str, int]]) -> int:
    """`grep -c`: one "id:count" line per matching item."""
    n = 0
    w = sys.stdout.write
    for ident, c in counts:
        w(f"{ident}:{c}\n")
        n += 1
    return n


def print_ids(ids: Iterable[str]) -> int:
    """`grep -l`: one id per line."""
    n = 0
    for ident in ids:
        sys.stdout.write(ident + "\n")
        n += 1
    return n


# --- pages and people --------------------------------------------------------------------

def print_pages(infos: list, summary: str, *, evidence: bool = True) -> None:
    """Per-file table: layout, counts, year and the evidence behind it."""
    rows = []
    for p in infos:
        year = str(p.year) if p.year else "unknown"
        ev = "; ".join(p.evidence) if evidence else ""
        rows.append([p.source, p.layout, p.articles, p.captions, year, p.basis or "", p.reason, ev])
    write_rows(["file", "layout", "articles", "captions", "year", "basis", "decision", "evidence"], rows,
               styles={"articles": {"justify": "right"}, "captions": {"justify": "right"},
                       "file": {"no_wrap": True}})
    print_note(summary, stream=sys.stdout if is_terminal() else sys.stderr)


def print_people(rows: list[list[Any]], header: list[str]) -> None:
    """The people table."""
    write_rows(header, rows, styles={"mentions": {"justify": "right"}, "items": {"justify": "right"},
                                     "count": {"justify": "right"}, "score": {"justify": "right"}})


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

def print_note(text: str, *, stream: IO[str] | None = None) -> None:
    """A one-line note (warnings, summaries) to stderr unless told otherwise."""
    (stream or sys.stderr).write(clean(text) + "\n")


def warn(text: str) -> None:
    """A warning on stderr."""
    sys.stderr.write("warning: " + clean(text) + "\n")


# --- machine-readable writers -----------------------------------------------------------------

_JSON_UNSAFE_RE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _dumps(obj: Any) -> str:
    """Compact JSON, UTF-8 text kept, but C1 controls, bidi overrides and lone
    surrogates escaped: the result is valid JSON and safe on a terminal."""
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False))


def write_json_array(objs: Iterable[dict], out: IO[str]) -> int:
    """Stream a JSON array, one object per line, without building it in memory."""
    n = 0
    out.write("[")
    for obj in objs:
        out.write(("\n" if n == 0 else ",\n") + _dumps(obj))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(objs: Iterable[dict], out: IO[str]) -> int:
    """One JSON object per line."""
    n = 0
    for obj in objs:
        out.write(_dumps(obj) + "\n")
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
