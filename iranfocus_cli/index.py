"""The persistent cache: one SQLite database per corpus, always correct.

Each file is keyed by path, size, mtime and a content hash; on every command
the corpus folder is walked and compared, and only files that were added,
edited or removed are parsed (in parallel when there are many) and written.
Whatever needs the whole corpus (page years, repeats, people) is settled again
only when something changed. A database from another version of the tool, or
a corrupt one, is rebuilt with a notice. All writing happens in one
``BEGIN IMMEDIATE`` transaction, so two commands running at once wait for each
other instead of corrupting anything (WAL mode lets readers go on).

Tables: ``files`` (one row per file, with its page-level date evidence),
``items`` (the parsed items and their provenance, with indexed columns for
kind, source and date), ``forms`` (how often each person-mention string occurs),
and ``fts``, a contentless FTS5 index over the *folded* headline and body,
tokenised by ``unicode61 remove_diacritics 2``. Because the index holds the
same folded text that grep searches, any item grep can match contains index
terms that contain the pattern's words: FTS gives a superset of candidates,
and every candidate is checked with the same matcher as without the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__
from .corpus import (
    FileResult,
    Found,
    PageInfo,
    SourceFile,
    default_seeds,
    find_files,
    match_overrides,
    read_file,
    read_sidecar,
    stems_for,
)
from .dates import Mention, PageDates, PageYear, Vote, dated_by_page, resolve_years
from .errors import CorpusError, ItemNotFound
from .model import Item
from .parse import UNKNOWN_LAYOUT
from .people import People, build_people
from .query import FilterReport, Filters, _date_span, count_left_out, grep_fields
from .store import Summary
from .textnorm import fold

SCHEMA = 7
SEP = "\x1f"
PARALLEL_MIN_FILES = 64


def _code_version() -> str:
    """Schema, release and a hash of the code that decides what items are: a cache
    written by any other parser is stale, even within one release."""
    h = hashlib.sha1()
    here = Path(__file__).resolve().parent
    for name in ("parse.py", "dates.py", "people.py", "people_data.py", "textnorm.py", "corpus.py", "index.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return f"{SCHEMA}:{__version__}:{h.hexdigest()[:12]}"


def cache_dir() -> Path:
    """$IRANFOCUS_CACHE_DIR, else the platform's user cache folder."""
    env = os.environ.get("IRANFOCUS_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "iranfocus"
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "iranfocus" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "iranfocus"


def db_path_for(paths: list[str]) -> Path:
    """The cache file of a corpus: named by a hash of its resolved root paths."""
    roots = [os.path.realpath(p) for p in paths]
    h = hashlib.sha1("\n".join(roots).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return cache_dir() / f"corpus-{h}.sqlite"


_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
  fid INTEGER PRIMARY KEY, path TEXT UNIQUE, source TEXT, root INTEGER, stem TEXT, ord INTEGER,
  size INTEGER, mtime_ns INTEGER, digest TEXT, status TEXT, layout TEXT, lines INTEGER,
  warnings TEXT, dates TEXT, year INTEGER, basis TEXT, reason TEXT, votes TEXT, settled INTEGER DEFAULT 0);
CREATE TABLE items (
  rowid INTEGER PRIMARY KEY, fid INTEGER, n INTEGER, id TEXT UNIQUE, kind TEXT, source TEXT,
  line_start INTEGER, line_end INTEGER, title TEXT, byline TEXT, place TEXT, date TEXT, date_text TEXT,
  year_basis TEXT, text TEXT, people TEXT, duplicate_of TEXT, title_repeats TEXT, ckey TEXT,
  mentions TEXT, text_lines TEXT, raw_date TEXT, date_lo TEXT, date_hi TEXT);
CREATE TABLE ftexts (rowid INTEGER PRIMARY KEY, ftext TEXT);
CREATE INDEX items_fid ON items(fid, n);
CREATE INDEX items_kind ON items(kind);
CREATE INDEX items_date ON items(date_lo);
CREATE INDEX items_ckey ON items(kind, ckey);
CREATE TABLE forms (form TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(head, body, content='', detail=none,
  tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
CREATE TABLE terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""

_ITEM_COLS = ("id, kind, source, line_start, line_end, title, byline, place, date, date_text, year_basis, text, "
              "people, duplicate_of, title_repeats, mentions, text_lines")


def _split(s: str | None) -> tuple[str, ...]:
    return tuple(s.split(SEP)) if s else ()


def _row_item(r: tuple) -> Item:
    return Item(
        id=r[0], kind=r[1], source=r[2], line_start=r[3], line_end=r[4], title=r[5], byline=r[6], place=r[7],
        date=r[8], date_text=r[9], year_basis=r[10], text=r[11], people=_split(r[12]), duplicate_of=r[13],
        title_repeats=_split(r[14]), mentions=_split(r[15]),
        text_lines=r[16] or "",
    )


def _span_cols(date: str | None) -> tuple[str | None, str | None]:
    span = _date_span(date) if date else None
    return (span[0].isoformat(), span[1].isoformat()) if span else (None, None)


def _ckey(key: str) -> str | None:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest() if key else None


def _fts_values(it: Item) -> tuple[str, str, str]:
    """Folded (head, body) for the index, and the folded text grep counts in."""
    head = "\n".join(x for x in (it.title if it.kind == "article" else None, it.byline, it.place) if x)
    body = fold(it.text)
    ftext = "\n".join(fold(t) for _, t in grep_fields(it))
    return fold(head), body, ftext


# --- page dates as JSON ---------------------------------------------------------------

def _dates_json(pd: PageDates, keys: dict[int, str]) -> str:
    return json.dumps({
        "dl": pd.datelines, "off": {str(k): v for k, v in pd.offsets.items()},
        "m": [[n, m.text, m.month, m.day, m.year, m.weekday] for n, m in pd.mentions],
        "k": {str(k): v for k, v in keys.items()},
    }, ensure_ascii=False)


def _dates_load(s: str) -> tuple[PageDates, dict[int, str]]:
    d = json.loads(s)
    pd = PageDates(datelines=[tuple(x) for x in d["dl"]], offsets={int(k): v for k, v in d["off"].items()},
                   mentions=[(n, Mention(t, mo, dy, y, wd)) for n, t, mo, dy, y, wd in d["m"]])
    return pd, {int(k): v for k, v in d["k"].items()}


# --- parsing many files ----------------------------------------------------------------

def _parse_job(job: tuple[SourceFile, str]) -> FileResult:
    res = read_file(*job)
    if res.page is not None:
        res.fts = [_fts_values(it) for it in res.page.items]
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


def _people_fingerprint(people: People) -> str:
    """Changes whenever a mention could now resolve to another person."""
    h = hashlib.sha1()
    for k, g in sorted(people.by_key.items()):
        h.update(repr((k, people.persons[g].name)).encode("utf-8", "surrogatepass"))
    for sk, gs in sorted(people.by_surname.items()):
        best = max(gs, key=lambda g: sum(people.persons[g].variants.values()))
        h.update(repr((sk, sorted(people.persons[g].name for g in gs), people.persons[best].name)).encode(
            "utf-8", "surrogatepass"))
    return h.hexdigest()


# --- the store ----------------------------------------------------------------------------

@dataclass
class Change:
    """What an update of the cache did."""

    parsed: int = 0
    removed: int = 0
    touched: int = 0
    rebuilt: str | None = None


class CacheStore:
    """A corpus kept in SQLite; see the module docstring."""

    def __init__(self, paths: list[str] | None, *, years: dict[str, int] | None = None,
                 aliases: str | None = None, rebuild: bool = False,
                 progress_factory: Callable[[int], tuple[Callable[[int], None], Callable[[], None]]] | None = None,
                 notify: Callable[[str], None] | None = None):
        self.paths = paths or [str(default_seeds())]
        self.years = years or {}
        self.aliases = aliases
        self.notify = notify or (lambda s: None)
        self.progress_factory = progress_factory
        self.path = db_path_for(self.paths)
        self._people: People | None = None
        self._warnings: list[str] = []
        self._walk_skipped = 0
        self._parsed_now: set[int] = set()
        self._dirty: set[tuple[str, str]] = set()   # (kind, content key) whose repeats may have changed
        self._full_dup = False
        self.change = Change()
        self.db = self._open(rebuild)
        try:
            self._update()
            self.db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise CorpusError(f"the cache is busy ({e}); try again") from e
            self.db.close()
            self.notify(f"cache {self.path} is damaged ({e}); rebuilding it")
            self._remove()
            self.db = self._open(False)
            self.change = Change(rebuilt="damaged")
            self._update()
            self.db.execute("PRAGMA journal_mode=WAL")

    # -- opening ------------------------------------------------------------------------

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(str(self.path) + suffix)
            except FileNotFoundError:
                pass

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=120, isolation_level=None, check_same_thread=False)
        # A new database is filled in one transaction with a rollback journal (cheap when
        # the file starts empty); WAL, for readers alongside a writer, comes after.
        db.execute("PRAGMA journal_mode=DELETE" if not self.path.exists() or not self.path.stat().st_size
                   else "PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=120000")
        db.execute("PRAGMA cache_size=-32768")
        return db

    def _open(self, rebuild: bool) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if rebuild:
            self._remove()
            self.change.rebuilt = "asked"
        fresh = not self.path.exists()
        try:
            db = self._connect()
            if not fresh:
                row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
                want = _code_version()
                if row is None or row[0] != want:
                    db.close()
                    self.notify(f"cache {self.path} is from another version of iranfocus; rebuilding it")
                    self._remove()
                    self.change.rebuilt = "version"
                    db = self._connect()
                    fresh = True
        except sqlite3.DatabaseError as e:
            self.notify(f"cache {self.path} is damaged ({e}); rebuilding it")
            self._remove()
            self.change.rebuilt = "damaged"
            db = self._connect()
            fresh = True
        if fresh:
            db.execute("BEGIN IMMEDIATE")
            if db.execute("SELECT count(*) FROM sqlite_master WHERE name='meta'").fetchone()[0] == 0:
                for stmt in _DDL.split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                db.execute("INSERT INTO meta VALUES ('version', ?)", (_code_version(),))
            db.execute("COMMIT")
        return db

    # -- keeping it correct --------------------------------------------------------------

    def _update(self) -> None:
        found = find_files(self.paths)
        self._warnings = list(found.warnings)
        self._walk_skipped = found.skipped
        stems = stems_for(found.files)
        wanted = {f.path: (i, f, s) for i, (f, s) in enumerate(zip(found.files, stems))}
        stats: dict[str, tuple[int, int] | None] = {f.path: f.stat for f in found.files}
        rows = {r[0]: r for r in self.db.execute("SELECT path, fid, size, mtime_ns, stem, ord, source, root FROM files")}
        fingerprint = self._settings_fingerprint(found)
        if self._fresh(wanted, stats, rows) and self._meta("settings") == fingerprint:
            self._load_warnings()
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            rows = {r[0]: r for r in self.db.execute(
                "SELECT path, fid, size, mtime_ns, stem, ord, source, root FROM files")}
            changed = self._sync(found, wanted, stats, rows)
            if changed or self._meta("settings") != fingerprint:
                self._settle(found)
                self._set_meta("settings", fingerprint)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._load_warnings()

    def _settings_fingerprint(self, found: Found) -> str:
        h = hashlib.sha1()
        h.update(json.dumps(sorted(self.years.items())).encode())
        for sc in found.sidecars:
            h.update(Path(sc).read_bytes() if os.path.isfile(sc) else b"")
        if self.aliases:
            try:
                h.update(Path(self.aliases).read_bytes())
            except OSError as e:
                raise CorpusError(f"alias file {self.aliases}: {e.strerror}") from e
        return h.hexdigest()

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @staticmethod
    def _fresh(wanted: dict, stats: dict, rows: dict) -> bool:
        if set(wanted) != set(rows):
            return False
        for p, (i, f, stem) in wanted.items():
            r = rows[p]
            if stats[p] is None or (r[2], r[3]) != stats[p] or r[4] != stem or r[5] != i or r[6] != f.source:
                return False
        return True

    def _sync(self, found: Found, wanted: dict, stats: dict, rows: dict) -> bool:
        """Bring files and items in line with the disk; True if any content changed."""
        changed = False
        for p, r in rows.items():
            if p not in wanted:
                self._drop_file(r[1])
                self.change.removed += 1
                changed = True
        jobs: list[tuple[SourceFile, str]] = []
        for p, (i, f, stem) in wanted.items():
            r = rows.get(p)
            if r is not None and stats[p] is not None and (r[2], r[3]) == stats[p] and r[4] == stem:
                if (r[5], r[6], r[7]) != (i, f.source, f.root):
                    self.db.execute("UPDATE files SET ord=?, source=?, root=? WHERE fid=?", (i, f.source, f.root, r[1]))
                    self._full_dup = True  # corpus order changed: "first" may be another item
                    self.db.execute("UPDATE items SET source=? WHERE fid=?", (f.source, r[1]))
                    changed = True
                continue
            jobs.append((f, stem))
        if not jobs:
            return changed
        tick, done = (lambda n: None), (lambda: None)
        if self.progress_factory and len(jobs) >= PARALLEL_MIN_FILES:
            tick, done = self.progress_factory(len(jobs))
        try:
            for res in parse_files(jobs, tick):
                i = wanted[res.file.path][0]
                r = rows.get(res.file.path)
                if r is not None and res.digest and r[2] == res.size:
                    old = self.db.execute("SELECT digest, stem FROM files WHERE fid=?", (r[1],)).fetchone()
                    if old and old[0] == res.digest and old[1] == wanted[res.file.path][2]:
                        self.db.execute("UPDATE files SET mtime_ns=?, ord=?, source=? WHERE fid=?",
                                        (res.mtime_ns, i, res.file.source, r[1]))
                        self.change.touched += 1
                        continue
                if r is not None:
                    self._drop_file(r[1])
                self._add_file(res, i, wanted[res.file.path][2])
                self.change.parsed += 1
                changed = True
        finally:
            done()
        return changed

    def _drop_file(self, fid: int) -> None:
        cur = self.db.execute("SELECT rowid, kind, title, byline, place, text, mentions, ckey FROM items"
                              " INDEXED BY items_fid WHERE fid=?", (fid,))
        forms: Counter = Counter()
        for rowid, kind, title, byline, place, text, mentions, ckey in cur.fetchall():
            if ckey:
                self._dirty.add((kind, ckey))
            it = Item(id="", kind=kind, source="", line_start=0, line_end=0, title=title, byline=byline, place=place,
                      date=None, date_text=None, year_basis=None, text=text)
            head, body, _ = _fts_values(it)
            self.db.execute("INSERT INTO fts(fts, rowid, head, body) VALUES('delete', ?, ?, ?)", (rowid, head, body))
            forms.update(_split(mentions))
        self._add_forms(forms, -1)
        self.db.execute("DELETE FROM ftexts WHERE rowid IN (SELECT rowid FROM items WHERE fid=?)", (fid,))
        self.db.execute("DELETE FROM items WHERE fid=?", (fid,))
        self.db.execute("DELETE FROM files WHERE fid=?", (fid,))

    def _add_forms(self, forms: Counter, sign: int) -> None:
        self.db.executemany(
            "INSERT INTO forms(form, n) VALUES(?, ?) ON CONFLICT(form) DO UPDATE SET n = n + excluded.n",
            [(f, sign * c) for f, c in forms.items()])
        if sign < 0:
            self.db.execute("DELETE FROM forms WHERE n <= 0")

    def _add_file(self, res: FileResult, order: int, stem: str) -> None:
        f = res.file
        page = res.page
        status = "ok" if page is not None and page.items else "skipped"
        dates = None
        if page is not None:
            keys = {it.number: _ckey(it.content_key) or "" for it in page.items if it.kind == "article"}
            dates = _dates_json(page.dates, keys)
        cur = self.db.execute(
            "INSERT INTO files(path, source, root, stem, ord, size, mtime_ns, digest, status, layout, lines, warnings, dates)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (f.path, f.source, f.root, stem, order, res.size, res.mtime_ns, res.digest, status,
             page.layout if page else None, page.lines if page else 0, json.dumps(res.warnings, ensure_ascii=False),
             dates))
        fid = cur.lastrowid
        assert fid is not None
        self._parsed_now.add(fid)
        if status != "ok" or page is None:
            return
        forms: Counter = Counter()
        rows = []
        fts_rows = []
        for it in page.items:
            lo, hi = _span_cols(it.date)
            rows.append((fid, it.number, it.id, it.kind, it.source, it.line_start, it.line_end, it.title, it.byline,
                         it.place, it.date, it.date_text, it.year_basis, it.text, SEP.join(it.title_repeats),
                         _ckey(it.content_key), SEP.join(it.mentions), ",".join(map(str, it.text_lines)), it.date,
                         lo, hi))
            forms.update(it.mentions)
            if rows[-1][15]:
                self._dirty.add((it.kind, rows[-1][15]))
        self.db.executemany(
            "INSERT INTO items(fid, n, id, kind, source, line_start, line_end, title, byline, place, date, date_text,"
            " year_basis, text, title_repeats, ckey, mentions, text_lines, raw_date, date_lo, date_hi)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        folded = res.fts or [_fts_values(it) for it in page.items]
        for rowid, fv in zip(self.db.execute("SELECT rowid FROM items WHERE fid=? ORDER BY n", (fid,)), folded):
            fts_rows.append((rowid[0], fv[0], fv[1]))
        self.db.executemany("INSERT INTO fts(rowid, head, body) VALUES (?,?,?)", fts_rows)
        self.db.executemany("INSERT INTO ftexts(rowid, ftext) VALUES (?,?)",
                            [(r[0], fv[2]) for r, fv in zip(fts_rows, folded)])
        self._add_forms(forms, 1)

    # -- what needs the whole corpus --------------------------------------------------------

    def _settle(self, found: Found) -> None:
        self._settle_years(found)
        self._settle_duplicates()
        self._settle_people()
        # The index's terms, as a plain table: scanning it for "terms containing a word"
        # is many times faster than scanning the fts5vocab view of the index.
        self.db.execute("DELETE FROM terms")
        self.db.execute("INSERT INTO terms SELECT term FROM vocab")

    def _settle_years(self, found: Found) -> None:
        rows = self.db.execute(
            "SELECT fid, path, source, stem, dates, year, basis, settled FROM files WHERE status='ok' ORDER BY ord").fetchall()
        files = [SourceFile(r[1], r[2], 0) for r in rows]
        given: dict[str, int] = {}
        for sc in found.sidecars:
            given.update(read_sidecar(sc))
        overrides = match_overrides(files, [r[3] for r in rows], given, strict=False)
        overrides.update(match_overrides(files, [r[3] for r in rows], self.years, strict=True))
        pages = [_dates_load(r[4]) for r in rows]
        results = resolve_years(pages, overrides)
        for r, (pd, _), py in zip(rows, pages, results):
            votes = json.dumps([[v.year, v.weight, v.kind, v.text, v.item, v.against] for v in py.votes],
                               ensure_ascii=False)
            reason = py.reason if pd.datelines else "no datelines"
            self.db.execute("UPDATE files SET year=?, basis=?, reason=?, votes=?, settled=1 WHERE fid=?",
                            (py.year, py.basis, reason, votes, r[0]))
            if not r[7] or (py.year, py.basis) != (r[5], r[6]):
                self._apply_year(r[0], pd, py)

    def _apply_year(self, fid: int, pd: PageDates, py: PageYear) -> None:
        updates = []
        for rowid, n, raw, date, basis in self.db.execute(
                "SELECT rowid, n, raw_date, date, year_basis FROM items INDEXED BY items_fid WHERE fid=?"
                " AND kind='article' AND raw_date LIKE '--%'", (fid,)):
            new_date, new_basis = dated_by_page(raw, pd.offsets.get(n, 0), py)
            if (new_date, new_basis) != (date, basis):
                lo, hi = _span_cols(new_date)
                updates.append((new_date, new_basis, lo, hi, rowid))
        self.db.executemany("UPDATE items SET date=?, year_basis=?, date_lo=?, date_hi=? WHERE rowid=?", updates)

    def _settle_duplicates(self) -> None:
        """Point every repeat at the first item with its content, in corpus order; only
        the content keys touched by this update, unless the order of files changed."""
        scope = ""
        if not self._full_dup and len(self._dirty) < 50_000:
            if not self._dirty:
                return
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS dirty (kind TEXT, ckey TEXT)")
            self.db.execute("DELETE FROM dirty")
            self.db.executemany("INSERT INTO dirty VALUES (?, ?)", sorted(self._dirty))
            scope = " AND (i.kind, i.ckey) IN (SELECT kind, ckey FROM dirty)"
        self.db.execute("UPDATE items SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL" +
                        scope.replace("i.", ""))
        self.db.execute(f"""
            WITH ranked AS (
              SELECT i.rowid AS rid, i.id AS iid,
                     FIRST_VALUE(i.id) OVER (PARTITION BY i.kind, i.ckey ORDER BY f.ord, i.n) AS first_id
              FROM items i JOIN files f ON f.fid = i.fid WHERE i.ckey IS NOT NULL{scope})
            UPDATE items SET duplicate_of = ranked.first_id
            FROM ranked WHERE items.rowid = ranked.rid AND ranked.first_id != ranked.iid""")
        self._dirty.clear()
        self._full_dup = False

    def _settle_people(self) -> None:
        """Fill each item's people; all items only when the grouping itself changed."""
        self._people = None
        people = self.people()
        fp = _people_fingerprint(people)
        scope = "" if self._meta("people") != fp else " WHERE people IS NULL"
        updates = []
        for rowid, mentions, old in self.db.execute(f"SELECT rowid, mentions, people FROM items{scope}"):
            new = SEP.join(people.names_for(_split(mentions)))
            if new != old:
                updates.append((new, rowid))
        self.db.executemany("UPDATE items SET people=? WHERE rowid=?", updates)
        self._set_meta("people", fp)

    # -- reading ------------------------------------------------------------------------------

    def _load_warnings(self) -> None:
        """Warnings to show: every one about a file parsed now or skipped; layout notes
        about files parsed earlier are folded into one line (``pages`` lists them)."""
        quiet = 0
        for source, w, fid in self.db.execute("SELECT source, warnings, fid FROM files"
                                              " WHERE warnings != '[]' ORDER BY ord"):
            for x in json.loads(w or "[]"):
                if x == UNKNOWN_LAYOUT and fid not in self._parsed_now:
                    quiet += 1
                else:
                    self._warnings.append(f"{source}: {x}")
        if quiet:
            self._warnings.append(f"{quiet} page(s) fit no known layout and were loaded as one article each "
                                  "(iranfocus pages shows which)")

    def warnings(self) -> list[str]:
        return self._warnings

    def people(self) -> People:
        if self._people is None:
            counts = dict(self.db.execute("SELECT form, n FROM forms"))
            self._people = build_people(counts, aliases=self.aliases)
        return self._people

    def _terms_containing(self, word: str, limit: int = 400) -> list[str] | None:
        terms = [r[0] for r in self.db.execute(
            "SELECT term FROM terms WHERE instr(term, ?) > 0 LIMIT ?", (word, limit + 1))]
        return None if len(terms) > limit else terms

    def _fts_query(self, words: Iterable[str]) -> str | None:
        """An FTS5 query that every item holding all these folded words matches; None = no narrowing."""
        groups = []
        for w in dict.fromkeys(words):
            if len(w) < 3 or not w.isascii() or not w.isalnum():
                continue
            terms = self._terms_containing(w)
            if terms is None:
                continue
            if not terms:
                return "\"\""  # nothing can match
            groups.append("(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in terms) + ")")
        return " AND ".join(groups) if groups else None

    def count_left_out(self, flt: Filters, report: FilterReport, people: tuple[str, ...] = (),
                       person_match=None, needles: tuple[str, ...] = (), extra=None) -> None:
        """Count what a date range leaves out for lack of a year, among items passing the rest."""
        if not flt.has_range:
            return
        if flt.keywords or flt.exclude or people or extra is not None:
            rest = replace(flt, since=None, until=None)
            count_left_out(self.candidates(rest, people=people, needles=needles), flt, report, person_match, extra)
            return
        where, args = self._base_where(flt.kinds, flt.dated, flt.sources)
        und, unk = self.db.execute("SELECT sum(i.date IS NULL), sum(i.date LIKE '--%') FROM items i" +
                                   (" WHERE " + " AND ".join(where) if where else ""), args).fetchone()
        report.undated += und or 0
        if flt.unknown_year != "match":
            report.unknown_year += unk or 0

    def _base_where(self, kinds: tuple[str, ...], dated: bool | None,
                    sources: tuple[str, ...] = ()) -> tuple[list[str], list]:
        """SQL conditions (on items as ``i``) for the kind, dated and source filters."""
        where: list[str] = []
        args: list = []
        if kinds:
            where.append("i.kind IN (%s)" % ",".join("?" * len(kinds)))
            args.extend(kinds)
        if dated is not None:
            where.append("i.date IS NOT NULL" if dated else "i.date IS NULL")
        if sources:
            where.append("i.fid IN (%s)" % (",".join(map(str, self._source_fids(sources))) or "NULL"))
        return where, args

    def _source_fids(self, globs: tuple[str, ...]) -> list[int]:
        import fnmatch

        return [fid for fid, src in self.db.execute("SELECT fid, source FROM files")
                if any(fnmatch.fnmatchcase(src, g) or fnmatch.fnmatchcase(src.rsplit("/", 1)[-1], g) for g in globs)]

    def candidates(self, flt: Filters, *, needles: tuple[str, ...] = (),
                   people: tuple[str, ...] = ()) -> Iterator[Item]:
        """Items that may pass the filters (a superset), in corpus order."""
        import re

        where, args = self._base_where(flt.kinds, flt.dated, flt.sources)
        if flt.has_range:
            # Items without a known year fail a range (their count is taken apart, see
            # count_left_out); in "match" mode unknown years stay, to be matched on day and month.
            rng = []
            if flt.since:
                rng.append("i.date_hi >= ?")
                args.append(flt.since.isoformat())
            if flt.until:
                rng.append("i.date_lo <= ?")
                args.append(flt.until.isoformat())
            alt = " OR i.date LIKE '--%'" if flt.unknown_year == "match" else ""
            where.append("((" + " AND ".join(rng) + ")" + alt + ")")
        for name in people:
            where.append("instr(i.people, ?) > 0")
            args.append(name)
        words = list(needles)
        for k in flt.keywords:
            words.extend(re.findall(r"[a-z0-9]+", fold(k)))
        q = self._fts_query(words) if words else None
        if q is not None:
            where.append("i.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(q)
        sql = (f"SELECT {', '.join('i.' + c.strip() for c in _ITEM_COLS.split(','))} FROM items i "
               "JOIN files f ON f.fid = i.fid" + (" WHERE " + " AND ".join(where) if where else "") +
               " ORDER BY f.ord, i.n")
        for r in self.db.execute(sql, args):
            yield _row_item(r)

    def count_literal(self, needle: str, kinds: tuple[str, ...] = (), dated: bool | None = None) -> list[tuple[str, int]]:
        """grep -c for a plain ASCII word or phrase, counted inside SQLite in the folded text.

        Same answer as counting ``fold(text)`` per item in Python: non-overlapping
        occurrences, headline and body apart (they are joined by a newline, which
        the needle cannot contain).
        """
        import re

        inner, inner_args = self._base_where(kinds, dated)
        q = self._fts_query(re.findall(r"[a-z0-9]+", needle))
        if q is not None:
            inner.append("i.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        sql = ("SELECT id, c FROM (SELECT i.id AS id, f.ord AS ord, i.n AS n,"
               " (length(t.ftext) - length(replace(t.ftext, ?, ''))) / length(?) AS c"
               " FROM items i JOIN files f ON f.fid = i.fid JOIN ftexts t ON t.rowid = i.rowid" +
               (" WHERE " + " AND ".join(inner) if inner else "") + ") WHERE c > 0 ORDER BY ord, n")
        args = [needle, needle] + inner_args + ([q] if q is not None else [])
        return list(self.db.execute(sql, args))

    def get(self, ident: str) -> Item:
        sql = f"SELECT {_ITEM_COLS} FROM items WHERE id=?"
        r = self.db.execute(sql, (ident,)).fetchone()
        if r:
            return _row_item(r)
        esc = ident.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.db.execute(f"SELECT {_ITEM_COLS} FROM items WHERE id LIKE ? ESCAPE '\\' ORDER BY rowid LIMIT 6",
                               (esc + "%",)).fetchall()
        if len(rows) == 1:
            return _row_item(rows[0])
        if rows:
            sample = ", ".join(r[0] for r in rows[:5])
            raise ItemNotFound(f"id prefix {ident!r} is ambiguous ({sample}, ...)")
        import difflib

        stem = ident.split("#", 1)[0]
        pool = [r[0] for r in self.db.execute("SELECT id FROM items WHERE id LIKE ? ESCAPE '\\'",
                                              (stem[:6].replace("%", "\\%").replace("_", "\\_") + "%",))]
        if len(pool) > 50000:
            pool = pool[:50000]
        near = difflib.get_close_matches(ident, pool, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise ItemNotFound(f"no item with id {ident!r}{hint}")

    def repeats(self, item: Item) -> list[Item]:
        root = item.duplicate_of or item.id
        rows = self.db.execute(
            f"SELECT {', '.join('i.' + c.strip() for c in _ITEM_COLS.split(','))} FROM items i JOIN files f"
            " ON f.fid = i.fid WHERE (i.id = ? OR i.duplicate_of = ?) AND i.id != ? ORDER BY f.ord, i.n",
            (root, root, item.id))
        return [_row_item(r) for r in rows]

    def pages(self) -> list[PageInfo]:
        out = []
        counts_by: dict[int, dict[str, int]] = {}
        for fid, kind, n in self.db.execute("SELECT fid, kind, count(*) FROM items GROUP BY fid, kind"):
            counts_by.setdefault(fid, {})[kind] = n
        for (source, stem, layout, lines, year, basis, reason, votes, warnings, fid) in self.db.execute(
                "SELECT source, stem, layout, lines, year, basis, reason, votes, warnings, fid FROM files"
                " WHERE status='ok' ORDER BY ord"):
            counts = counts_by.get(fid, {})
            ev = [Vote(*v).describe() for v in json.loads(votes or "[]")]
            out.append(PageInfo(source, stem, layout, lines, counts.get("article", 0), counts.get("caption", 0),
                                year, basis, reason or "", ev, json.loads(warnings or "[]")))
        return out

    def summary(self) -> Summary:
        loaded, skipped = self.db.execute("SELECT sum(status='ok'), sum(status!='ok') FROM files").fetchone()
        loaded, skipped = loaded or 0, (skipped or 0) + self._walk_skipped
        return Summary(loaded + skipped, loaded, skipped, len(self._warnings))

    def stats(self) -> dict:
        files = self.db.execute("SELECT count(*) FROM files").fetchone()[0]
        items = self.db.execute("SELECT count(*) FROM items").fetchone()[0]
        size = sum(os.path.getsize(str(self.path) + s) for s in ("", "-wal") if os.path.exists(str(self.path) + s))
        return {"path": str(self.path), "files": files, "items": items, "bytes": size,
                "parsed": self.change.parsed, "removed": self.change.removed, "touched": self.change.touched,
                "rebuilt": self.change.rebuilt}


def open_store(paths: list[str] | None, *, years: dict[str, int] | None = None, aliases: str | None = None,
               rebuild: bool = False, progress_factory=None, notify=None):
    """The cache for a corpus, or None when no cache folder can be written (then parse in memory)."""
    try:
        return CacheStore(paths, years=years, aliases=aliases, rebuild=rebuild,
                          progress_factory=progress_factory, notify=notify)
    except (OSError, sqlite3.OperationalError) as e:
        if notify:
            notify(f"cannot use the cache ({e}); reading the corpus without it")
        return None
