"""How the corpus is laid out in SQLite: where the database lives, its version,
its tables, items as rows, and parsing many files at once.

``store.Store`` is the one engine that fills and reads these tables; this
module only knows their shape.

**Version.** A database written by other code is stale. ``code_version()``
hashes the source of every module the store can run: the modules reachable
from ``store.py`` by the package's own imports (top-level or inside functions),
found by reading the import statements. Presentation (``cli``, ``render``,
``output``) is not reachable from the store, so changing how a table looks
keeps the cache; changing the parser, the dates, the people grouping, the
filters or this schema throws it away. No list of files is kept by hand. The
database also keeps the ``source_stamp()`` it was last checked against, so the
sources are hashed again only after a module changed.

**Items as rows.** The ``items`` table has one column per field of
``model.Item``, derived from the dataclass, so a field added to the model is
stored and read back without touching this module. Tuples are joined (strings
by ``SEP``, line numbers by commas); the content key is stored as a short
digest, since only its equality matters.

**People.** ``mentioned`` holds, per item, each person its mentions resolve
to, under each spelling: how often, and where the spelling first occurs in the
item (``lead`` marks one row per item and person). The people table of any
selection of items is an aggregate of it.

**Years.** A page's dates (``file_dates``: its datelines, their offsets, the
date mentions and its articles' content keys) are kept apart from ``files``, so
the settling's reads of ``files`` stay small. ``files`` keeps each page's own
verdict in the corpus's era (``own_y``; ``own_note`` where it gives no year) and
``page_teasers`` the teasers of its dated articles, so an update weighs only the
pages it brought and the pages that wait on teasers dated elsewhere.

**Text index.** ``fts`` is a contentless FTS5 index over the *folded* headline,
byline and place, and body (three columns), tokenised by ``unicode61
remove_diacritics 2``, with positions. Because it holds the same folded text that
grep and keyword filters search, any item they can match contains index terms
that contain the pattern's words: FTS gives a superset of candidates, which the
exact check then narrows. And since a plain word can only occur inside one
token, grep counts it from the index alone: the instances of every term that
contains it, times how often it occurs in that term (``instances``).
"""

from __future__ import annotations

import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import __version__
from .corpus import FileResult, SourceFile, read_file
from .model import Item
from .textnorm import fold

if TYPE_CHECKING:
    from .dates import PageDates, PageYear, Vote

SCHEMA = 15
SEP = "\x1f"
PARALLEL_MIN_FILES = 64

# --- version ---------------------------------------------------------------------------

_IMPORT_RE = re.compile(r"^\s*from \.(\w*) import ([\w, ()]+)", re.M)


def _local_imports(here: str, name: str) -> set[str]:
    """Modules of the package that module ``name`` imports (anywhere in its source)."""
    try:
        with open(os.path.join(here, f"{name}.py"), encoding="utf-8") as fh:
            src = fh.read()
    except OSError:
        return set()
    out = set()
    for mod, names in _IMPORT_RE.findall(src):
        if mod:
            out.add(mod)
        else:  # "from . import x": x is a module, or a name of __init__
            for n in re.findall(r"\w+", names):
                out.add(n if os.path.exists(os.path.join(here, f"{n}.py")) else "__init__")
    return out


@lru_cache(maxsize=1)
def version_modules() -> tuple[str, ...]:
    """The modules whose code shapes what is stored: everything the store imports, transitively."""
    here = os.path.dirname(os.path.realpath(__file__))
    seen: set[str] = set()
    todo = ["store"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_local_imports(here, name) - seen)
    return tuple(sorted(seen))


@lru_cache(maxsize=1)
def code_version() -> str:
    """Schema, release and a hash of the source of every module in version_modules()."""
    import hashlib

    here = os.path.dirname(os.path.realpath(__file__))
    h = hashlib.sha1()
    for name in version_modules():
        h.update(name.encode())
        try:
            with open(os.path.join(here, f"{name}.py"), "rb") as fh:
                h.update(fh.read())
        except OSError:
            pass
    return f"{SCHEMA}:{__version__}:{h.hexdigest()[:12]}"


def source_stamp() -> str:
    """The package's modules by name, size and modification time. While it is unchanged,
    a database once found to be of ``code_version()`` still is, and no command need read
    and hash the sources again."""
    here = os.path.dirname(os.path.realpath(__file__))
    with os.scandir(here) as it:
        parts = sorted(f"{e.name}:{st.st_size}:{st.st_mtime_ns}" for e in it if e.name.endswith(".py")
                       for st in [e.stat()])
    return f"{SCHEMA}:{__version__}:{here}:{','.join(parts)}"


# --- where ------------------------------------------------------------------------------

def cache_dir() -> str:
    """$IRANFOCUS_CACHE_DIR, else the platform's user cache folder."""
    env = os.environ.get("IRANFOCUS_CACHE_DIR")
    if env:
        return env
    home = os.path.expanduser("~")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "iranfocus")
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
        return os.path.join(base, "iranfocus", "Cache")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache"), "iranfocus")


def quick_digest(data: bytes) -> str:
    """A 64-bit checksum (CRC-32 and Adler-32) of what tells caches and settings apart:
    no collision is likely among a user's corpora, and it needs no hashing library at
    start-up."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def db_path_for(paths: list[str]) -> str:
    """The cache file of a corpus: named by a checksum of its resolved root paths. A
    cache that an earlier release named by the roots' SHA-1 is renamed to it, so it is
    brought up to date (or rebuilt) in place and not left behind."""
    key = "\n".join(os.path.realpath(p) for p in paths).encode("utf-8", "surrogatepass")
    folder = cache_dir()
    path = os.path.join(folder, f"corpus-{quick_digest(key)}.sqlite")
    if not os.path.exists(path):
        import hashlib

        old = os.path.join(folder, f"corpus-{hashlib.sha1(key).hexdigest()[:16]}.sqlite")
        for suffix in ("", "-wal", "-shm"):
            try:
                os.replace(old + suffix, path + suffix)
            except OSError:
                pass
    return path


# --- items as rows ----------------------------------------------------------------------

def _join_strs(v: tuple[str, ...]) -> str | None:
    return SEP.join(v) if v else None


def _split_strs(s: str | None) -> tuple[str, ...]:
    return tuple(s.split(SEP)) if s else ()


def _join_ints(v: tuple[int, ...]) -> str | None:
    return ",".join(map(str, v)) if v else None


def _split_ints(s: str | None) -> tuple[int, ...]:
    return tuple(map(int, s.split(","))) if s else ()


def content_digest(key: str) -> str | None:
    """The stored form of a content key: a digest (only equality matters)."""
    import hashlib

    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest() if key else None


def _same(v: Any) -> Any:
    return v


def _codecs(f: Any) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    if f.name == "content_key":
        return content_digest, (lambda s: s or "")
    t = str(f.type)
    if t.startswith("tuple[str"):
        return _join_strs, _split_strs
    if t.startswith("tuple[int"):
        return _join_ints, _split_ints
    return _same, _same


ITEM_FIELDS = [f.name for f in fields(Item)]
_ENCODE = [_codecs(f)[0] for f in fields(Item)]
_DECODE = [_codecs(f)[1] for f in fields(Item)]
# The body lives in a table of its own (``texts``), so that scanning the other columns
# (dates, kinds, people) reads a few megabytes, not the whole corpus.
APART = ("text",)
ITEM_COLUMNS = ", ".join(f"t.{n}" if n in APART else f"i.{n}" for n in ITEM_FIELDS)
# Every query that reads whole items reads them from here.
ITEMS = "items i JOIN texts t ON t.rowid = i.rowid JOIN files f ON f.fid = i.fid"
_ROW_FIELDS = [n for n in ITEM_FIELDS if n not in APART]
# Columns of the items table beyond the model's fields: the file and position, the
# date as parsed (before a page year was applied), the span the date covers, the
# date and basis the item's own page gives (before a date flowed along its story),
# the length of its text, whether it is its story's best copy (story_rank 0: the copy
# --unique keeps; 1 for the others, which rank by ``store.RANK_KEY``), and
# its number of words (``Item.words``, which a table shows).
_EXTRA = ["fid", "n", "raw_date", "date_lo", "date_hi", "base_date", "base_basis", "size", "story_rank", "words"]
_INTEGER = ("fid", "n", "size", "story_rank", "words")


def item_row(it: Item) -> list[Any]:
    """The values of an item's columns in ``items`` (all but APART), in model order."""
    return [enc(getattr(it, name)) for enc, name in zip(_ENCODE, ITEM_FIELDS) if name not in APART]


_DECODE_AT = [(k, dec) for k, dec in enumerate(_DECODE) if dec is not _same]


def field_columns(names: list[str]) -> tuple[str, Callable[[tuple], dict[str, Any]]]:
    """The SQL columns (over ITEMS) of some item fields (or of ``words``, kept in a
    column of its own), and the function that makes a row of them the record of just
    those fields, as ``Item.fields_of`` gives them."""
    at = {n: k for k, n in enumerate(ITEM_FIELDS)}
    cols = ", ".join(f"t.{n}" if n in APART else f"i.{n}" for n in names)
    # tuples as lists, as records hold them
    decode = [(k, _DECODE[at[n]]) for k, n in enumerate(names) if n in at and _DECODE[at[n]] is not _same]

    def record(r: tuple) -> dict[str, Any]:
        v = list(r)
        for k, dec in decode:
            v[k] = dec(v[k])
            if type(v[k]) is tuple:
                v[k] = list(v[k])
        return dict(zip(names, v))
    return cols, record


def row_item(r: tuple) -> Item:
    """An item from a row of ITEM_COLUMNS (fields in model order)."""
    v = list(r)
    for k, dec in _DECODE_AT:
        v[k] = dec(v[k])
    return Item.of_values(v)


def date_span(date: str | None) -> tuple[str | None, str | None]:
    """First and last day (ISO) a date with a known year covers; (None, None) otherwise."""
    import calendar

    from .model import split_iso

    y, mo, d = split_iso(date)
    if y is None or mo is None:
        return None, None
    if d is None:
        return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}", f"{y:04d}-{mo:02d}-{d:02d}"


INSERT_ITEM = (f"INSERT INTO items({', '.join(_EXTRA + _ROW_FIELDS)})"
               f" VALUES ({', '.join('?' * (len(_EXTRA) + len(_ROW_FIELDS)))})")
INSERT_TEXT = f"INSERT INTO texts(rowid, {', '.join(APART)}) VALUES (?, {', '.join('?' * len(APART))})"

# The text index: contentless, no positions; the same definition serves the small
# index of newly added items whose terms are added to ``terms``.
FTS = "fts5(title, meta, body, content='', detail=full, tokenize='unicode61 remove_diacritics 2')"

DDL = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
  fid INTEGER PRIMARY KEY, path TEXT UNIQUE, source TEXT, root INTEGER, stem TEXT, ord INTEGER,
  size INTEGER, mtime_ns INTEGER, digest TEXT, status TEXT, layout TEXT, layout_reason TEXT, lines INTEGER,
  warnings TEXT, own_year INTEGER, year INTEGER, basis TEXT, reason TEXT, votes TEXT,
  settled INTEGER DEFAULT 0, own_y INTEGER, own_note TEXT, own_ok INTEGER DEFAULT 0);
CREATE TABLE file_dates (fid INTEGER PRIMARY KEY, dates TEXT);
CREATE INDEX files_proven ON files(own_year) WHERE status = 'ok' AND own_year IS NOT NULL;
CREATE INDEX files_unweighed ON files(fid) WHERE status = 'ok' AND own_ok = 0;
CREATE INDEX files_waiting ON files(ord, own_note) WHERE status = 'ok' AND own_y IS NULL;
CREATE INDEX files_dated ON files(fid, ord, own_y) WHERE status = 'ok' AND own_y IS NOT NULL;
CREATE TABLE page_teasers (fid INTEGER, n INTEGER, t TEXT, off INTEGER);
CREATE INDEX page_teasers_t ON page_teasers(t);
CREATE INDEX page_teasers_fid ON page_teasers(fid);
CREATE TABLE items (rowid INTEGER PRIMARY KEY, {', '.join(c + ' INTEGER' if c in _INTEGER else c for c in _EXTRA)},
  {', '.join(n + (' TEXT UNIQUE' if n == 'id' else '') for n in _ROW_FIELDS)});
CREATE TABLE texts (rowid INTEGER PRIMARY KEY, {', '.join(APART)});
CREATE INDEX files_fresh ON files(path, fid, size, mtime_ns, stem, ord, source, root);
CREATE INDEX files_ord ON files(ord);
CREATE INDEX files_warned ON files(ord) WHERE warnings != '[]';
CREATE INDEX items_fid ON items(fid, n);
CREATE INDEX items_kind ON items(kind, date);
CREATE INDEX items_best ON items(kind, date) WHERE story_rank = 0;
CREATE INDEX items_date ON items(date_lo, date);
CREATE INDEX items_nospan ON items(kind, date) WHERE date_lo IS NULL;
CREATE INDEX items_ckey ON items(kind, content_key, story);
CREATE INDEX items_story ON items(story, story_rank, content_key);
CREATE TABLE sketches (ckey TEXT PRIMARY KEY, size INTEGER) WITHOUT ROWID;
CREATE TABLE bands (band INTEGER, key INTEGER, ckey TEXT, PRIMARY KEY (band, key, ckey)) WITHOUT ROWID;
CREATE INDEX bands_ckey ON bands(ckey);
CREATE TABLE links (a TEXT, b TEXT, rel TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX links_b ON links(b);
CREATE TABLE story_conflicts (story TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE story_lent (story TEXT PRIMARY KEY, date TEXT, source TEXT) WITHOUT ROWID;
CREATE TABLE repeats (g TEXT PRIMARY KEY, ckey TEXT, first TEXT, size INTEGER, copies INTEGER, story TEXT, rel TEXT,
  p_first TEXT, p_lo TEXT, p_hi TEXT) WITHOUT ROWID;
CREATE INDEX repeats_ckey ON repeats(ckey);
CREATE INDEX repeats_story ON repeats(story);
CREATE TABLE forms (form TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
CREATE TABLE mentioned (item INTEGER, person TEXT, variant TEXT, n INTEGER, pos INTEGER, lead INTEGER);
CREATE INDEX mentioned_item ON mentioned(item);
CREATE INDEX mentioned_person ON mentioned(person, item);
CREATE TABLE people_memo (sel TEXT, person TEXT, variant TEXT, n INTEGER, lead INTEGER, lo TEXT, hi TEXT, first INTEGER);
CREATE INDEX people_memo_sel ON people_memo(sel);
CREATE VIRTUAL TABLE fts USING {FTS};
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE instances USING fts5vocab(fts, 'instance');
CREATE TABLE terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""


def grep_fields(it: Item) -> list[tuple[str, str]]:
    """The (field, text) pairs grep searches in an item: headline, then body."""
    if it.kind == "article" and it.title:
        return [("title", it.title), ("text", it.text)]
    return [("text", it.text)]


def fts_values(it: Item) -> tuple[str, str, str]:
    """The folded (title, meta, body) columns of the text index: what grep searches
    (headline and body, see grep_fields) apart from what keyword filters also search
    (byline and place)."""
    fields = dict(grep_fields(it))
    meta = "\n".join(x for x in (it.byline, it.place) if x)
    return fold(fields.get("title", "")), fold(meta), fold(fields["text"])


# --- page dates as JSON -------------------------------------------------------------------

def dates_json(pd: PageDates, keys: dict[int, str]) -> str:
    """A page's date evidence (and its articles' content digests) as JSON."""
    return json.dumps({
        "dl": pd.datelines, "off": {str(k): v for k, v in pd.offsets.items()},
        "m": [[n, m.text, m.month, m.day, m.year, m.weekday] for n, m in pd.mentions],
        "k": {str(k): v for k, v in keys.items()},
    }, ensure_ascii=False)


def dates_load(s: str) -> tuple[PageDates, dict[int, str]]:
    """The inverse of dates_json."""
    from .dates import Mention, PageDates

    d = json.loads(s)
    pd = PageDates(datelines=[tuple(x) for x in d["dl"]], offsets={int(k): v for k, v in d["off"].items()},
                   mentions=[(n, Mention(t, mo, dy, y, wd)) for n, t, mo, dy, y, wd in d["m"]])
    return pd, {int(k): v for k, v in d["k"].items()}


def votes_json(votes: list[Vote]) -> str:
    """A page's votes as kept: [year, weight, kind, text, item, against] each."""
    return json.dumps(_vote_rows(votes), ensure_ascii=False)


def _vote_rows(votes: list[Vote]) -> list[list[Any]]:
    return [[v.year, v.weight, v.kind, v.text, v.item, v.against] for v in votes]


def votes_load(s: str | None) -> list[Vote]:
    """The inverse of votes_json."""
    return _votes(json.loads(s or "[]"))


def _votes(rows: list[list[Any]]) -> list[Vote]:
    from .dates import Vote

    return [Vote(*v) for v in rows]


def own_note(own: PageYear) -> str | None:
    """What is kept of a page's own verdict that gives it no year (its reason and
    votes), for the pages that wait on teasers dated elsewhere; None for a year."""
    return None if own.year is not None else json.dumps([own.reason, _vote_rows(own.votes)], ensure_ascii=False)


def note_year(note: str) -> PageYear:
    """The inverse of own_note."""
    from .dates import PageYear

    reason, votes = json.loads(note)
    return PageYear(None, None, reason, _votes(votes))


# --- parsing many files ----------------------------------------------------------------------

def _parse_job(job: tuple[SourceFile, str]) -> FileResult:
    from .dates import own_year

    res = read_file(*job)
    if res.page is not None:
        res.fts = [fts_values(it) for it in res.page.items]
        res.own_year = own_year(res.page.dates)
    return res


def parse_files(jobs: list[tuple[SourceFile, str]], progress: Callable[[int], None] | None = None) -> Iterator[FileResult]:
    """Read and parse files, on all cores when there are many; results in job order."""
    if len(jobs) < PARALLEL_MIN_FILES or (os.cpu_count() or 1) < 2:
        for j in jobs:
            yield _parse_job(j)
            if progress:
                progress(1)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=ctx) as ex:
        for res in ex.map(_parse_job, jobs, chunksize=16):
            yield res
            if progress:
                progress(1)
