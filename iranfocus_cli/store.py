"""The store: the one engine that answers every command, from one SQLite database.

A ``Store`` keeps a corpus in SQLite (tables in ``index.py``) and is always
correct: on opening, the corpus folder is walked and compared with the database
by size and mtime (and content hash when those changed; a walk the same as the one
last found fresh, by one digest of it, is fresh at once); files that were added,
edited or removed are parsed (in parallel when there are many) and written, and
what needs the whole corpus (page years, repeats, people) is settled again,
only for what the change touched. All writing happens in one
``BEGIN IMMEDIATE`` transaction, so two commands running at once wait for each
other instead of corrupting anything (WAL mode lets readers go on).

The same engine serves every way of reading a corpus: the persistent cache; a
*throwaway* database in a temporary folder for ``--no-cache``, for a cache
folder that cannot be written and for the library's ``load_corpus()``. There
is no second path that could settle years, repeats or people differently.

**Filters.** ``filter_sql`` is the one place that turns ``query.Filters`` into
SQL: WHERE conditions with parameters, words for narrowing by the text index,
and a *residual* predicate for what SQL cannot say exactly (substring keywords,
day-and-month matching of unknown years). Every field of ``Filters`` must have
a handler there, or it raises. What a date range leaves out for lack of a year
is counted by compiling the same filters without the range.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from .corpus import (
    Corpus,
    FileResult,
    Found,
    PageInfo,
    SourceFile,
    default_seeds,
    file_digest,
    find_files,
    match_overrides,
    read_sidecar,
    stems_for,
)
from .errors import CorpusError, ItemNotFound
from .index import (
    APART,
    DDL,
    FTS,
    INSERT_ITEM,
    INSERT_TEXT,
    ITEM_COLUMNS,
    ITEMS,
    PARALLEL_MIN_FILES,
    SEP,
    code_version,
    content_digest,
    date_span,
    dates_json,
    dates_load,
    db_path_for,
    fts_values,
    item_row,
    note_year,
    own_note,
    parse_files,
    quick_digest,
    row_item,
    source_stamp,
    votes_json,
    votes_load,
)
from .model import UNKNOWN_LAYOUT, Item
from .query import FilterReport, Filters, field_has, item_haystack, md_in_range
from .textnorm import fold

# The parser, the dates and the people grouping are loaded when a file is parsed or
# a person looked up, so a command answered from a fresh cache starts fast.
if TYPE_CHECKING:
    from concurrent.futures import Future

    from .dates import PageDates, PageYear
    from .people import People
    from .stories import Member, Shingled, Sketch, StoryLink

    Linked = tuple[dict[str, Sketch], list[tuple[str, str, str]]]  # sketches and links of stories.link_texts

NEW = ("new",)  # what ``_repeat_groups`` says of a group none of whose items has a story yet
REDATED_MAX = 100_000  # grouped items dated anew, listed one by one at most
NEW_TERMS_MAX = 20_000  # items: beyond this, the terms table is rebuilt from the whole index
BATCH = 5_000  # rows read and written at a time when settling, to keep memory flat
PEOPLE_MEMO_KEEP = 64  # people tables of this many selections kept (the oldest go first)
LINK_TEXTS_CHARS = 32 << 20  # article text kept in memory for story linking, at most
LINK_APART_MIN = 500  # new texts worth linking in a second process

Progress = Callable[[int], tuple[Callable[[int], None], Callable[[], None]]]


@dataclass
class Summary:
    """What the corpus load found: counts for the summary line."""

    files: int
    loaded: int
    skipped: int
    warnings: int


@dataclass
class Change:
    """What an update of the store did."""

    parsed: int = 0
    removed: int = 0
    touched: int = 0
    rebuilt: str | None = None


# --- filters to SQL ------------------------------------------------------------------------

@dataclass
class FilterSQL:
    """Filters compiled: SQL conditions on ``items i``, words for the text index, and
    the residual checks SQL could not express (every one must hold). ``per_story``:
    every condition holds for all copies of a story or for none (so the best copy of
    each story is simply the one ranked first)."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    residual: list[Callable[[Item], bool]] = field(default_factory=list)
    per_story: bool = True

    def add(self, cond: str, *params: Any, per_story: bool = False) -> None:
        self.where.append(cond)
        self.params.extend(params)
        self.per_story = self.per_story and per_story

    def accepts(self, it: Item) -> bool:
        """Whether an item the SQL selected passes the residual checks too."""
        return all(ok(it) for ok in self.residual)

    def sql(self) -> str:
        return " AND ".join(self.where) if self.where else "1"


@dataclass(frozen=True)
class Resolve:
    """What compiling filters needs to look up: file ids by glob, people by name."""

    source_fids: Callable[[tuple[str, ...]], list[int]]
    people: Callable[[], People]


KIND_IN = "i.kind IN ("


def _kinds(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    if flt.kinds:
        out.add(KIND_IN + ",".join("?" * len(flt.kinds)) + ")", *flt.kinds, per_story=True)  # a story has one kind


def _sources(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    if flt.sources:
        out.add("i.fid IN (%s)" % (",".join(map(str, rs.source_fids(flt.sources))) or "NULL"))


def _dated(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    if flt.dated is not None:
        out.add("i.date IS NOT NULL" if flt.dated else "i.date IS NULL")


def _keywords(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    if flt.keywords:
        keys = [fold(k) for k in flt.keywords]
        for k in keys:
            out.words.extend(re.findall(r"[a-z0-9]+", k))
        out.residual.append(lambda it: all(k in item_haystack(it) for k in keys))


def _exclude(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    if flt.exclude:
        excl = [fold(k) for k in flt.exclude]
        out.residual.append(lambda it: not any(k in item_haystack(it) for k in excl))


def _field_like(name: str, wanted: tuple[str, ...], out: FilterSQL) -> None:
    """A field (place, byline) containing one of the wanted texts, folded as keywords
    are; the text index narrows when there is a single text."""
    if not wanted:
        return
    if len(wanted) == 1:
        out.words.extend(re.findall(r"[a-z0-9]+", fold(wanted[0])))
    out.residual.append(lambda it: field_has(getattr(it, name), wanted))


def _places(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    _field_like("place", flt.places, out)


def _bylines(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    _field_like("byline", flt.bylines, out)


def _unique(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    """One item per story: read by Store.compile, which needs the other conditions."""


def _persons(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    if not flt.persons:
        return
    from .people import canonical_names

    for name in canonical_names(rs.people(), flt.persons):  # as items.people lists them
        out.add("i.rowid IN (SELECT item FROM mentioned WHERE person = ?)", name)


def _date_range(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    """A range: known years by their span; unknown years fail, or in "match" mode are
    kept for a residual check of day and month."""
    if not flt.has_range:
        return
    rng, args = [], []
    if flt.since:
        # a span is at most a month long, so nothing starting earlier can reach since
        rng.append("i.date_hi >= ? AND i.date_lo >= ?")
        args.extend([flt.since.isoformat(), (flt.since - dt.timedelta(days=31)).isoformat()])
    if flt.until:
        rng.append("i.date_lo <= ?")
        args.append(flt.until.isoformat())
    if flt.unknown_year != "match":
        out.add("(" + " AND ".join(rng) + ")", *args)
        return
    out.add("((" + " AND ".join(rng) + ") OR i.date LIKE '--%')", *args)
    since, until = flt.since, flt.until

    from .model import split_iso

    def day_and_month(it: Item) -> bool:
        if not (it.date or "").startswith("--"):
            return True
        _, mo, d = split_iso(it.date)
        return mo is not None and d is not None and md_in_range(mo, d, since, until)

    out.residual.append(day_and_month)


def _part_of_range(flt: Filters, out: FilterSQL, rs: Resolve) -> None:
    """Read by _date_range."""


# One handler per field of Filters. A field without one makes filter_sql raise.
FILTER_SQL: dict[str, Callable[[Filters, FilterSQL, Resolve], None]] = {
    "kinds": _kinds, "sources": _sources, "dated": _dated, "keywords": _keywords, "exclude": _exclude,
    "persons": _persons, "since": _date_range, "until": _part_of_range, "unknown_year": _part_of_range,
    "places": _places, "bylines": _bylines, "unique": _unique,
}


def filter_sql(flt: Filters, rs: Resolve) -> FilterSQL:
    """Compile every filter into SQL plus the residual checks SQL cannot express."""
    out = FilterSQL()
    for f in fields(flt):
        handler = FILTER_SQL.get(f.name)
        if handler is None:
            raise NotImplementedError(f"filter {f.name!r} has no SQL: add it to store.FILTER_SQL")
        handler(flt, out, rs)
    return out


BEST_COPY = "i.story_rank = 0"  # as the partial index items_best has it
# how a story's copies rank (read with ``files f``), each a value sorted ascending: the
# fullest first, then the earliest known date (a day and month without a year is not
# known), then corpus order; the best one has story_rank 0, the others 1
CORPUS_ORDER = "f.ord * 4294967296 + i.n"  # an item's place in the corpus, as one integer
RANK_COLUMNS = ("-coalesce(i.size, 0)", "CASE WHEN i.date IS NULL OR i.date LIKE '--%' THEN '~' ELSE i.date END",
                "f.ord", "i.n")
RANK_KEY = ", ".join(RANK_COLUMNS)


def one_per_story(q: FilterSQL) -> FilterSQL:
    """The items ``q`` selects (all SQL), one per story: the best ranked (``RANK_KEY``)."""
    if q.per_story:
        return FilterSQL([*q.where, BEST_COPY], list(q.params), per_story=False)
    # "+i.story": the window runs over the selected rows, not down the story index
    return FilterSQL([f"i.rowid IN (SELECT rid FROM (SELECT i.rowid AS rid, row_number() OVER (PARTITION BY +i.story"
                      f" ORDER BY i.story_rank, {RANK_KEY}) AS rn FROM items i JOIN files f ON f.fid = i.fid"
                      f" WHERE {q.sql()}) WHERE rn = 1)"], list(q.params),
                     per_story=False)


# --- the store ----------------------------------------------------------------------------

# an item's exact-repeat group, as one string: its kind and content key ("kind:id" when
# it has none, as an item without text has)
GROUP_OF = "i.kind || ':' || coalesce(i.content_key, i.id)"


def _group_joins(t: str) -> tuple[str, str]:
    """The two ways items join a table ``t`` of groups (``kind``, ``k``): by content key,
    and, for the items without one, by id (each uses its own index)."""
    return f"i.kind = {t}.kind AND i.content_key = {t}.k", f"i.id = {t}.k AND i.content_key IS NULL"


YEAR_COLUMNS = "year=?, basis=?, reason=?, votes=?, settled=1"  # a page's year as kept (``_year_row``)


def _year_row(py: PageYear, pd: PageDates | None) -> tuple[int | None, str | None, str, str]:
    """A page's year, basis, reason and votes as kept; ``pd``: its dates, when they were
    read (a page without datelines says so as its reason)."""
    return py.year, py.basis, py.reason if pd is None or pd.datelines else "no datelines", votes_json(py.votes)


def _group_key(group: str, first: str) -> str | None:
    """The content key of an exact-repeat group ("kind:key"; "kind:id" of its one item
    when it has none)."""
    key = group.split(":", 1)[1]
    return None if key == first else key


def _date_order(d: str) -> str:
    # known years first by date, then day and month without a year; the undated last, by
    # file and position even when the rest is reversed (ISO text sorts like the dates)
    known = f"i.date IS NULL, i.date LIKE '--%' {d}, i.date {d}, "
    return known + (f"CASE WHEN i.date IS NOT NULL THEN i.source END {d}, CASE WHEN i.date IS NOT NULL THEN i.n END {d}, "
                    "i.source, i.n")


_ORDER = {
    "corpus": ("f.ord, i.n", "f.ord DESC, i.n DESC"),
    "date": (_date_order("ASC"), _date_order("DESC")),
    "source": ("i.source, i.n", "i.source DESC, i.n DESC"),
}


# The mentions of the selected items (``sel``, see Store._select_into_sel), each item's rows
# through mentioned_item: reading (person, item) pairs for every item and wanted person
# instead is a hundred times the work.
SEL_MENTIONS = "FROM sel s CROSS JOIN mentioned m INDEXED BY mentioned_item ON m.item = s.rid"


def _people_fingerprint(people: People) -> str:
    """Changes whenever a mention could now resolve to another person."""
    import hashlib

    h = hashlib.sha1()
    for k, g in sorted(people.by_key.items()):
        h.update(repr((k, people.persons[g].name)).encode("utf-8", "surrogatepass"))
    for sk, gs in sorted(people.by_surname.items()):
        best = max(gs, key=lambda g: sum(people.persons[g].variants.values()))
        h.update(repr((sk, sorted(people.persons[g].name for g in gs), people.persons[best].name)).encode(
            "utf-8", "surrogatepass"))
    return h.hexdigest()


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _remove_tree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


class Store:
    """A corpus kept in SQLite; see the module docstring."""

    def __init__(self, paths: list[str] | None, *, db_path: str | None = None, years: dict[str, int] | None = None,
                 aliases: str | None = None, rebuild: bool = False, progress_factory: Progress | None = None,
                 notify: Callable[[str], None] | None = None):
        self.paths = paths or [default_seeds()]
        self.years = years or {}
        self.aliases = aliases
        self.notify = notify or (lambda s: None)
        self.progress_factory = progress_factory
        self.temporary = db_path is None
        if db_path is None:
            import tempfile

            tmp = tempfile.mkdtemp(prefix="iranfocus-")
            self._cleanup = weakref.finalize(self, _remove_tree, tmp)
            db_path = os.path.join(tmp, "corpus.sqlite")
        self.path = db_path
        self._people: People | None = None
        self._warnings: list[str] = []
        self._walk_skipped = 0
        self._dirty: set[tuple[str, str]] = set()   # (kind, content digest) whose repeats may have changed
        self._full_dup = False
        self._dirty_stories: set[str] = set()  # stories whose members or dates may have changed
        # grouped items whose page dates them anew (None: too many to list: every item of a
        # dirty story is written again)
        self._redated: set[int] | None = set()
        self._gone: set[str] = set()  # exact-repeat groups (kind:id) of dropped items without a content key
        # the folded body of each article text this update added, by content digest, for
        # story linking (None once they pass LINK_TEXTS_CHARS: then read again from the cache)
        self._texts: dict[str, str] | None = {}
        self._text_chars = 0
        self._temp = 0  # temporary tables made by this connection
        self._sel: tuple[str, list] | None = None  # the selection in the temporary table ``sel``
        # index rows added by this update (None once there are too many to keep)
        self._new_fts: list[tuple[int, str, str, str]] | None = []
        self.change = Change()
        self.db = self._open(rebuild)
        try:
            self._update()
            self._journal("WAL")
        except sqlite3.DatabaseError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise CorpusError(f"the cache is busy ({e}); try again") from e
            self.db.close()
            self.notify(f"cache {self.path} is damaged ({e}); rebuilding it")
            self._remove()
            self.db = self._open(False)
            self.change = Change(rebuilt="damaged")
            self._update()
            self._journal("WAL")

    def close(self) -> None:
        """Close the database (and delete it if it is a throwaway one)."""
        self.db.close()
        if self.temporary:
            self._cleanup()

    # -- opening ------------------------------------------------------------------------

    def _journal(self, mode: str) -> None:
        # a throwaway database has no other readers and need not survive a crash
        self.db.execute(f"PRAGMA journal_mode={'MEMORY' if self.temporary else mode}")

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(self.path + suffix)
            except FileNotFoundError:
                pass

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=120, isolation_level=None, check_same_thread=False)
        self.db = db
        # A new database is filled in one transaction with a rollback journal (cheap when
        # the file starts empty); WAL, for readers alongside a writer, comes after.
        self._journal("WAL" if os.path.exists(self.path) and os.path.getsize(self.path) else "DELETE")
        db.execute("PRAGMA synchronous=" + ("OFF" if self.temporary else "NORMAL"))
        db.execute("PRAGMA busy_timeout=120000")
        db.execute("PRAGMA cache_size=-32768")
        return db

    def _open(self, rebuild: bool) -> sqlite3.Connection:
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        if rebuild:
            self._remove()
            self.change.rebuilt = "asked"
        fresh = not os.path.exists(self.path)
        try:
            db = self._connect()
            if not fresh:
                if not self._same_code(db):
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
                for stmt in DDL.split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                db.execute("INSERT INTO meta VALUES ('version', ?), ('stamp', ?)",
                           (code_version(), f"{code_version()}\n{source_stamp()}"))
            db.execute("COMMIT")
        return db

    @staticmethod
    def _same_code(db: sqlite3.Connection) -> bool:
        """Whether the database was written by this code: its version, checked against a
        hash of the sources only when their stamp changed since the last check."""
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('version', 'stamp')").fetchall())
        stamp = f"{meta.get('version')}\n{source_stamp()}"  # the sources, and the version they were found to be
        if meta.get("stamp") == stamp:
            return True
        if meta.get("version") != code_version():
            return False
        try:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
        except sqlite3.OperationalError:
            pass  # a read-only cache is checked against the hash every time
        return True

    # -- keeping it correct --------------------------------------------------------------

    def _update(self) -> None:
        found = find_files(self.paths)
        self._warnings = list(found.warnings)
        self._walk_skipped = found.skipped
        fingerprint = self._settings_fingerprint(found)
        # the walk as last found fresh (every file's path, name, root, size and mtime, in
        # order): when it is the same, the cache is, without reading its file table
        manifest = quick_digest("\n".join(f"{f.path}\0{f.source}\0{f.root}\0{f.stat}" for f in found.files)
                                .encode("utf-8", "surrogatepass"))
        if self._meta("manifest") == manifest and self._meta("settings") == fingerprint:
            self._load_warnings()
            return
        stems = stems_for(found.files)
        wanted = {f.path: (i, f, s) for i, (f, s) in enumerate(zip(found.files, stems))}
        stats: dict[str, tuple[int, int] | None] = {f.path: f.stat for f in found.files}
        query = "SELECT path, fid, size, mtime_ns, stem, ord, source, root FROM files"
        rows = {r[0]: r for r in self.db.execute(query)}
        if self._fresh(wanted, stats, rows) and self._meta("settings") == fingerprint:
            with contextlib.suppress(sqlite3.OperationalError):  # a cache that cannot be written is still read
                self._set_meta("manifest", manifest)
            self._load_warnings()
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM meta WHERE key='manifest'")  # kept again when next found fresh
            rows = {r[0]: r for r in self.db.execute(query)}
            changed = self._sync(wanted, stats, rows)
            if changed or self._meta("settings") != fingerprint:
                self._settle(found)
                self._set_meta("settings", fingerprint)
                self.db.execute("DELETE FROM people_memo")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._load_warnings()

    def _settings_fingerprint(self, found: Found) -> str:
        parts = [json.dumps(sorted(self.years.items())).encode()]
        parts += [_read_bytes(sc) if os.path.isfile(sc) else b"" for sc in found.sidecars]
        if self.aliases:
            try:
                parts.append(_read_bytes(self.aliases))
            except FileNotFoundError as e:
                raise CorpusError(f"alias file not found: {self.aliases}") from e
            except OSError as e:
                raise CorpusError(f"alias file {self.aliases}: {e.strerror}") from e
        return quick_digest(b"".join(len(p).to_bytes(8, "big") + p for p in parts))

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

    def _sync(self, wanted: dict, stats: dict, rows: dict) -> bool:
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
            same = r is not None and stats[p] is not None and (r[2], r[3]) == stats[p] and r[4] == stem
            if not same and r is not None and stats[p] is not None and r[2] == stats[p][0] and r[4] == stem:
                # touched, not edited? the content hash says, before any parsing
                old = self.db.execute("SELECT digest FROM files WHERE fid=?", (r[1],)).fetchone()
                if old and old[0] and file_digest(f.path) == old[0]:
                    self.db.execute("UPDATE files SET mtime_ns=? WHERE fid=?", (stats[p][1], r[1]))
                    self.change.touched += 1
                    same = True
            if same:
                assert r is not None
                changed = self._place(r, i, f) or changed
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
                        self.db.execute("UPDATE files SET mtime_ns=? WHERE fid=?", (res.mtime_ns, r[1]))
                        changed = self._place(r, i, res.file) or changed
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

    def _place(self, r: tuple, order: int, f: SourceFile) -> bool:
        """Move a file whose content did not change (``r``: its row as ``_update`` reads
        it) to its place in the corpus: its order, source name and root. True if it
        moved: then the corpus order changed, so every repeat's first copy and story is
        settled again."""
        if (r[5], r[6], r[7]) == (order, f.source, f.root):
            return False
        self.db.execute("UPDATE files SET ord=?, source=?, root=? WHERE fid=?", (order, f.source, f.root, r[1]))
        self._full_dup = True  # corpus order changed: "first" may be another item
        self.db.execute("UPDATE items SET source=? WHERE fid=?", (f.source, r[1]))
        return True

    def _drop_file(self, fid: int) -> None:
        forms: Counter = Counter()
        for r in self.db.execute(f"SELECT i.rowid, {ITEM_COLUMNS} FROM {ITEMS} WHERE i.fid=?",
                                 (fid,)).fetchall():
            it = row_item(r[1:])
            if it.content_key:
                self._dirty.add((it.kind, it.content_key))
            else:
                self._gone.add(f"{it.kind}:{it.id}")
            if it.story:
                self._dirty_stories.add(it.story)
            self.db.execute("INSERT INTO fts(fts, rowid, title, meta, body) VALUES('delete', ?, ?, ?, ?)",
                            (r[0], *fts_values(it)))
            forms.update(it.mentions)
        self._add_forms(forms, -1)
        self.db.execute("DELETE FROM mentioned WHERE item IN (SELECT rowid FROM items WHERE fid=?)", (fid,))
        self.db.execute("DELETE FROM texts WHERE rowid IN (SELECT rowid FROM items WHERE fid=?)", (fid,))
        self.db.execute("DELETE FROM items WHERE fid=?", (fid,))
        self.db.execute("DELETE FROM page_teasers WHERE fid=?", (fid,))
        self.db.execute("DELETE FROM file_dates WHERE fid=?", (fid,))
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
        keys: dict[int, str] = {}
        if page is not None:
            keys = {it.number: content_digest(it.content_key) or "" for it in page.items if it.kind == "article"}
            dates = dates_json(page.dates, keys)
        cur = self.db.execute(
            "INSERT INTO files(path, source, root, stem, ord, size, mtime_ns, digest, status, layout, layout_reason, lines,"
            " warnings, own_year) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (f.path, f.source, f.root, stem, order, res.size, res.mtime_ns, res.digest, status,
             page.layout if page else None, page.layout_reason if page else None, page.lines if page else 0,
             json.dumps(res.warnings, ensure_ascii=False), res.own_year))
        fid = cur.lastrowid
        assert fid is not None
        if status != "ok" or page is None:
            return
        from .dates import page_teasers

        # the dates apart: a page's run to 2 KB, and the years scan the rest of files
        self.db.execute("INSERT INTO file_dates VALUES (?,?)", (fid, dates))
        self.db.executemany("INSERT INTO page_teasers VALUES (?,?,?,?)",
                            [(fid, n, t, off) for n, t, off in page_teasers(page.dates, keys)])
        forms: Counter = Counter()
        rows = []
        folded = res.fts or [fts_values(it) for it in page.items]
        for it, fv in zip(page.items, folded):
            lo, hi = date_span(it.date)
            rows.append([fid, it.number, it.date, lo, hi, it.date, it.year_basis, len(it.text), 0, it.words,
                         *item_row(it)])
            forms.update(it.mentions)
            if it.content_key:
                key = content_digest(it.content_key) or ""
                self._dirty.add((it.kind, key))
                if it.kind == "article":
                    self._keep_text(key, fv[2])
        self.db.executemany(INSERT_ITEM, rows)
        rowids = [r[0] for r in self.db.execute("SELECT rowid FROM items WHERE fid=? ORDER BY n", (fid,))]
        self.db.executemany(INSERT_TEXT, [(rid, *(getattr(it, n) for n in APART)) for rid, it in zip(rowids, page.items)])
        fts_rows = [(rid, *fv) for rid, fv in zip(rowids, folded)]
        self.db.executemany("INSERT INTO fts(rowid, title, meta, body) VALUES (?,?,?,?)", fts_rows)
        if self._new_fts is not None:
            self._new_fts.extend(fts_rows)
            if len(self._new_fts) > NEW_TERMS_MAX:
                self._new_fts = None  # a big change: all terms are read again from the index
        self._add_forms(forms, 1)

    def _keep_text(self, key: str, folded: str) -> None:
        # a copy with a body over one without (an article of a headline alone has its
        # headline as key; another may carry the same words as its body)
        if self._texts is not None and (key not in self._texts or (folded and not self._texts[key])):
            self._texts[key] = folded
            self._text_chars += len(folded)
            if self._text_chars > LINK_TEXTS_CHARS:
                self._texts = None

    # -- what needs the whole corpus --------------------------------------------------------

    def _settle(self, found: Found) -> None:
        apart = self._link_apart()
        self._settle_years(found)
        dirty, everything = set(self._dirty), self._full_dup
        self._settle_duplicates()
        self._settle_people()
        self._settle_stories(dirty, everything, apart)
        big = self._new_fts is None
        self._settle_terms()
        if big or not self.db.execute("SELECT count(*) FROM sqlite_master WHERE name='sqlite_stat1'").fetchone()[0]:
            # statistics for the query planner (else it may walk a whole kind to find one month)
            self.db.execute("ANALYZE")

    def _settle_terms(self) -> None:
        """The index's terms, as a plain table: scanning it for "terms containing a word"
        is many times faster than scanning the fts5vocab view of the index.

        It must hold every term of the index (it narrows grep's candidates); a term
        no item holds any more does no harm. So after a small change only the terms of
        the added items are added, read from a small index of just those items.
        """
        if self._new_fts is None or self.db.execute("SELECT count(*) FROM terms").fetchone()[0] == 0:
            self.db.execute("DELETE FROM terms")
            self.db.execute("INSERT INTO terms SELECT term FROM vocab")
        elif self._new_fts:
            self.db.execute("DROP TABLE IF EXISTS temp.newvocab")
            self.db.execute("DROP TABLE IF EXISTS temp.newfts")
            self.db.execute(f"CREATE VIRTUAL TABLE temp.newfts USING {FTS}")
            self.db.executemany("INSERT INTO temp.newfts(rowid, title, meta, body) VALUES (?,?,?,?)", self._new_fts)
            self.db.execute("CREATE VIRTUAL TABLE temp.newvocab USING fts5vocab(temp, newfts, 'row')")
            self.db.execute("INSERT OR IGNORE INTO terms SELECT term FROM temp.newvocab")
            self.db.execute("DROP TABLE temp.newvocab")
            self.db.execute("DROP TABLE temp.newfts")
        self._new_fts = []

    def _settle_years(self, found: Found) -> None:
        """Decide every page's year and date its articles by it.

        What a page's own evidence says in the corpus's era is kept with the page
        (``own_y``; and ``own_note``, its reason and votes, where it gives no year), as
        are the teasers of its dated articles (``page_teasers``). While the era and the
        years the user set stay as they were, only the pages stored since are weighed,
        and the pages with teasers and no year of their own are given one by the
        teasers dated elsewhere (``_settle_waiting``). Otherwise (a new cache, another
        era, other years set) every page is weighed again (``_settle_all_years``)."""
        from .dates import era_of

        given: dict[str, int] = {}
        for sc in found.sidecars:
            given.update(read_sidecar(sc))
        overrides: dict[int, int] = {}  # by fid
        paths: list[tuple[str, int]] = []
        if given or self.years:
            rows = self.db.execute("SELECT path, source, stem, fid FROM files WHERE status='ok' ORDER BY ord").fetchall()
            files = [SourceFile(r[0], r[1], 0) for r in rows]
            stems = [r[2] for r in rows]
            by_idx = match_overrides(files, stems, given, strict=False)
            by_idx.update(match_overrides(files, stems, self.years, strict=True))
            overrides = {rows[i][3]: y for i, y in by_idx.items()}
            paths = sorted((rows[i][0], y) for i, y in by_idx.items())
            del rows, files, stems
        proven = sorted(r[0] for r in self.db.execute(
            "SELECT DISTINCT own_year FROM files INDEXED BY files_proven WHERE status='ok' AND own_year IS NOT NULL"))
        era = era_of(proven)
        state = json.dumps([era, paths])
        if self._meta("years") == state:  # weighing the new pages alone costs less than weighing all
            self._settle_waiting(era, overrides)
        else:
            self._settle_all_years(proven, overrides)
            self._set_meta("years", state)

    def _settle_all_years(self, proven: list[int], overrides: dict[int, int]) -> None:
        """Every page's year, from every page's stored evidence (``dates.settle_years``).
        The pages' dates are read a batch at a time, twice: a GB of pages holds about
        100 MB of them, too many to hold at once."""
        from array import array

        from .dates import settle_years

        fids = array("q")
        before: list[tuple[int | None, str | None, int]] = []  # (year, basis, settled) as last settled
        distinct: dict[tuple, tuple] = {}  # those are few: one copy of each
        for fid, *was in self.db.execute("SELECT fid, year, basis, settled FROM files WHERE status='ok' ORDER BY ord"):
            fids.append(fid)
            before.append(distinct.setdefault(tuple(was), tuple(was)))
        by_idx = {k: overrides[fid] for k, fid in enumerate(fids) if fid in overrides}

        def read() -> Iterator[tuple[PageDates, dict[int, str]]]:
            # a batch at a time, so no cursor over files stays open while the loop below
            # updates it; a tenth of BATCH, as a page's dates run to 2 KB
            last = -1
            while batch := self.db.execute(
                    "SELECT f.ord, d.dates FROM files f JOIN file_dates d ON d.fid = f.fid WHERE f.status='ok'"
                    " AND f.ord > ? ORDER BY f.ord LIMIT ?", (last, BATCH // 10)).fetchall():
                last = batch[-1][0]
                for _ord, dates in batch:
                    yield dates_load(dates)

        def reread(idx: int) -> PageDates:
            return self._dates_of(fids[idx])

        waiting: dict[int, PageYear] = {}  # pages without a year that a duplicate may yet date
        for idx, pd, py, final, own in settle_years(read, reread, by_idx, proven):
            if own is None:
                self.db.execute(f"UPDATE files SET {YEAR_COLUMNS} WHERE fid=?", (*_year_row(py, pd), fids[idx]))
            else:
                self.db.execute(f"UPDATE files SET {YEAR_COLUMNS}, own_y=?, own_note=?, own_ok=1 WHERE fid=?",
                                (*_year_row(py, pd), own.year, own_note(own), fids[idx]))
            if not final:
                waiting[idx] = replace(py, votes=[])
                continue
            waiting.pop(idx, None)
            year, basis, settled = before[idx]
            if not settled or (py.year, py.basis) != (year, basis):
                self._apply_year(fids[idx], pd.offsets, py)
        for idx, py in waiting.items():
            year, basis, settled = before[idx]
            if not settled or (py.year, py.basis) != (year, basis):
                self._apply_year(fids[idx], {}, py)  # no year: the offsets are not used

    def _settle_waiting(self, era: tuple[int, int] | None, overrides: dict[int, int]) -> None:
        """The years of an update that left the era and the user's years as they were.
        The pages stored since are weighed on their own; then every page with teasers
        and no year of its own takes what the teasers dated elsewhere lend it
        (``dates.duplicate_rounds`` over those pages in corpus order, each teaser known
        by its first dated page, as ``dates.settle_years`` has them). A page neither new
        nor waiting keeps what its own evidence gave it. Only what changed is written."""
        from .dates import PageYear, duplicate_rounds, first_dated, own_verdict, undated

        results: dict[int, PageYear] = {}  # by fid
        dates_of: dict[int, PageDates] = {}
        for fid, dates in self.db.execute(
                "SELECT f.fid, d.dates FROM files f INDEXED BY files_unweighed JOIN file_dates d ON d.fid = f.fid"
                " WHERE f.status='ok' AND f.own_ok = 0").fetchall():
            pd = dates_of[fid] = dates_load(dates)[0]
            own = results[fid] = own_verdict(pd, era)
            self.db.execute("UPDATE files SET own_y=?, own_note=?, own_ok=1 WHERE fid=?", (own.year, own_note(own), fid))
        # the pages with teasers and no year of their own, in corpus order, and their teasers
        at: dict[int, int] = {}  # ord -> fid
        for fid, order, note in self.db.execute(
                "SELECT fid, ord, own_note FROM files INDEXED BY files_waiting WHERE status='ok' AND own_y IS NULL"
                " AND EXISTS (SELECT 1 FROM page_teasers t WHERE t.fid = files.fid) ORDER BY ord"):
            at[order] = fid
            results[fid] = note_year(note)
        self._temp_keys("wf", at.values(), "k INTEGER PRIMARY KEY")
        teasers: dict[int, list[tuple[int, str, int]]] = {fid: [] for fid in at.values()}
        for fid, n, t, off in self.db.execute(
                "SELECT fid, n, t, off FROM page_teasers WHERE fid IN (SELECT k FROM wf) ORDER BY fid, n, rowid"):
            teasers[fid].append((n, t, off))
        shared: dict[str, str] = {}
        waiting = {order: undated(results[fid].votes, teasers.pop(fid), shared) for order, fid in at.items()}
        known: dict[str, int | None] = dict.fromkeys(shared)
        self._temp_keys("wt", shared)
        del shared
        for t, year, first in self.db.execute(
                "SELECT pt.t, f.own_y + pt.off, min(f.ord * 4294967296 + pt.n) FROM page_teasers pt"
                " JOIN files f INDEXED BY files_dated ON f.fid = pt.fid WHERE pt.t IN (SELECT k FROM wt)"
                " AND f.status='ok' AND f.own_y IS NOT NULL GROUP BY pt.t"):
            first_dated(known, t, year, first >> 32)
        for order, year, reason, extra in duplicate_rounds(waiting, known):
            fid = at[order]
            results[fid] = PageYear(year, "duplicate", reason, results[fid].votes + extra)
        self._keep_years(results, dates_of, overrides)

    def _keep_years(self, results: dict[int, PageYear], dates_of: dict[int, PageDates],
                    overrides: dict[int, int]) -> None:
        """Write the years worked out for some pages (by fid, with the dates of those
        that were read) where they changed, and date the articles of a page whose year
        or basis changed or that is new."""
        from .dates import set_by_user

        self._temp_keys("wf", results, "k INTEGER PRIMARY KEY")
        was = {r[0]: r[1:] for r in self.db.execute(
            "SELECT fid, year, basis, reason, votes, settled FROM files WHERE fid IN (SELECT k FROM wf)")}
        for fid, py in results.items():
            if fid in overrides:
                py = set_by_user(overrides[fid], py)
            pd = dates_of.get(fid)  # (a page that waits, not read, has teasers, so datelines)
            now = _year_row(py, pd)
            *kept, settled = was[fid]
            if settled and now == tuple(kept):
                continue
            self.db.execute(f"UPDATE files SET {YEAR_COLUMNS} WHERE fid=?", (*now, fid))
            if not settled or now[:2] != tuple(kept[:2]):
                offsets = {} if py.year is None else (pd or self._dates_of(fid)).offsets  # no year: not used
                self._apply_year(fid, offsets, py)

    def _dates_of(self, fid: int) -> PageDates:
        """A page's dates, read again."""
        return dates_load(self.db.execute("SELECT dates FROM file_dates WHERE fid=?", (fid,)).fetchone()[0])[0]

    def _apply_year(self, fid: int, offsets: dict[int, int], py: PageYear) -> None:
        """Date the page's articles by its year. A date that flowed along a story stays
        until the stories are settled again (the item's story is marked for that)."""
        from .dates import dated_by_page

        base, shown = [], []
        for rowid, n, raw, date, basis, source, story in self.db.execute(
                "SELECT rowid, n, raw_date, base_date, base_basis, date_source, story FROM items INDEXED BY items_fid"
                " WHERE fid=? AND kind='article' AND raw_date LIKE '--%'", (fid,)):
            new_date, new_basis = dated_by_page(raw, offsets.get(n, 0), py)
            if (new_date, new_basis) != (date, basis):
                base.append((new_date, new_basis, rowid))
                if source is None:
                    shown.append((new_date, new_basis, *date_span(new_date), rowid))
                if story:
                    self._dirty_stories.add(story)
                    if self._redated is not None:
                        self._redated.add(rowid)
                        if len(self._redated) > REDATED_MAX:
                            self._redated = None
        self.db.executemany("UPDATE items SET base_date=?, base_basis=? WHERE rowid=?", base)
        self.db.executemany("UPDATE items SET date=?, year_basis=?, date_lo=?, date_hi=? WHERE rowid=?", shown)

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
            scope = " AND (i.kind, i.content_key) IN (SELECT kind, ckey FROM dirty)"
        else:
            self.db.execute("UPDATE items SET duplicate_of = NULL WHERE content_key IS NULL AND duplicate_of IS NOT NULL")
        # each content key's first copy (min() takes the bare i.id from its row), then only
        # the rows whose first copy changed are written (a caption repeated on every page
        # has a copy in most files: rewriting them all made an edit slow)
        self.db.execute(f"""
            WITH firsts AS (
              SELECT i.kind AS kind, i.content_key AS ckey, min({CORPUS_ORDER}), i.id AS first_id
              FROM items i JOIN files f ON f.fid = i.fid WHERE i.content_key IS NOT NULL{scope} GROUP BY 1, 2)
            UPDATE items SET duplicate_of = nullif(firsts.first_id, items.id)
            FROM firsts WHERE items.kind = firsts.kind AND items.content_key = firsts.ckey
              AND items.duplicate_of IS NOT nullif(firsts.first_id, items.id)""")
        self._dirty.clear()
        self._full_dup = False

    def _link_apart(self) -> Future[Linked] | None:
        """A new cache: every text is sketched and linked in a second process (the future of
        ``stories.link_texts``) while this one settles years, repeats and people."""
        texts = self._texts
        if (texts is None or len(texts) < LINK_APART_MIN or (os.cpu_count() or 1) < 2
                or self.db.execute("SELECT 1 FROM sketches LIMIT 1").fetchone()):
            return None
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        from .stories import link_texts

        if "fork" not in mp.get_all_start_methods():
            return None
        pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"))
        future = pool.submit(link_texts, texts)
        pool.shutdown(wait=False)
        return future

    def _settle_stories(self, dirty: set[tuple[str, str]], everything: bool,
                        apart: Future[Linked] | None = None) -> None:
        """Link stories (see stories.py) for what this update touched: new article texts
        get their LSH band keys and are compared with the texts that share a key (the
        keys are indexed); texts linked to one that is gone are compared again; then the
        stories of the touched items, and of every item linked to them, are grouped
        again, their dates flowed and their best copies marked. ``apart``: the same work, for
        a new cache, done by a second process (see ``_link_apart``)."""
        from .stories import Linker, folded_words, sketch, text_words, within

        texts, self._texts, self._text_chars = self._texts or {}, {}, 0
        keys = {k for kind, k in dirty if kind == "article" and k}
        self._temp_keys("dck", keys)
        live = {r[0] for r in self.db.execute(
            "SELECT DISTINCT content_key FROM items WHERE kind='article' AND content_key IN (SELECT k FROM dck)")}
        # a key sketched from a copy without a body when one with a body is there now,
        # or the other way round: sketched again, as if gone and new (``_texts_of``)
        self._temp_keys("dck", live)
        stale = {r[0] for r in self.db.execute(
            "SELECT s.ckey FROM sketches s WHERE s.ckey IN (SELECT k FROM dck) AND (s.size = 0) ="
            " EXISTS (SELECT 1 FROM items INDEXED BY items_ckey WHERE kind='article' AND content_key = s.ckey"
            " AND size > 0)")}
        gone = (keys - live) | stale
        # the texts linked to a text that is gone are checked again: the links kept are
        # only enough to join a story, so one gone may have held two of them together
        self._temp_keys("dck", gone)
        again = {r[0] for r in self.db.execute(
            "SELECT b FROM links WHERE a IN (SELECT k FROM dck) UNION SELECT a FROM links WHERE b IN (SELECT k FROM dck)")}
        again -= gone
        for table, col in (("bands", "ckey"), ("sketches", "ckey"), ("links", "a"), ("links", "b")):
            self.db.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT k FROM dck)")
        self._temp_keys("dck", live)
        new = sorted(live - {r[0] for r in self.db.execute(
            "SELECT ckey FROM sketches WHERE ckey IN (SELECT k FROM dck)")})
        done = self._linked_apart(apart, new) if apart is not None and not again else None
        kept: dict[str, Shingled] = {}  # for linking, as many as the linker's cache holds
        for k in range(0, len(new), BATCH):
            chunk = new[k:k + BATCH]
            if done is not None:
                made = {ck: done[0][ck] for ck in chunk}
            else:  # from the texts kept as the pages were added, else from the cache
                made = {ck: sketch(folded_words(texts[ck])) for ck in chunk if ck in texts}
                made.update((ck, sketch(text_words(text))) for ck, text in
                            self._texts_of([ck for ck in chunk if ck not in made]).items())
                kept.update(within(((ck, sk.text) for ck, sk in made.items()),
                                   Linker.CACHE - sum(sd.nbytes for sd in kept.values())))
            self.db.executemany("INSERT OR IGNORE INTO sketches VALUES (?,?)", [(ck, sk.size) for ck, sk in made.items()])
            self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?,?,?)",
                                [(b, key, ck) for ck, sk in made.items() for b, key in sk.bands])
        del texts
        if done is not None:
            self.db.executemany("INSERT OR REPLACE INTO links VALUES (?,?,?)", done[1])
        elif set(new) | again:
            self._link(set(new) | again, kept)
        self._group_stories(None if everything else {k for _, k in dirty if k} | again, dirty)

    @staticmethod
    def _linked_apart(apart: Future[Linked], new: list[str]) -> Linked | None:
        """What the second process found, if it linked exactly the new texts (else None:
        the work is done here)."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            sketches, links = apart.result()
        except (BrokenProcessPool, MemoryError):  # the process died (out of memory, killed): link here
            return None
        return (sketches, links) if set(sketches) == set(new) else None

    def _temp_keys(self, name: str, keys: Iterable[str] | Iterable[int], columns: str = "k TEXT PRIMARY KEY") -> None:
        """An empty temporary table ``name`` of ``columns`` (by default one key column),
        then holding ``keys``."""
        keyed = "PRIMARY KEY" in columns and "INTEGER PRIMARY KEY" not in columns
        self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns}){' WITHOUT ROWID' if keyed else ''}")
        self.db.execute(f"DELETE FROM {name}")
        if rows := [(k,) for k in keys]:
            self.db.executemany(f"INSERT OR IGNORE INTO {name} VALUES (?)", rows)

    def _link(self, check: set[str], texts: dict[str, Shingled]) -> None:
        """Verify the LSH candidates of the texts in ``check`` (see ``stories.Linker``),
        bucket by bucket, and keep the links found: every bucket when every text is to be
        checked (a new cache), else the buckets of those texts, knowing the links kept."""
        from .stories import Linker, text_words

        sep = "\x1f"
        everything = len(check) >= self.db.execute("SELECT count(*) FROM sketches").fetchone()[0]
        if everything:
            scope = ""
        else:
            self._temp_keys("dck", check)
            scope = " WHERE (band, key) IN (SELECT band, key FROM bands WHERE ckey IN (SELECT k FROM dck))"
        # many bands give the same bucket (a story's texts share most of their keys): a
        # bucket seen again can change nothing, so each is walked once
        # (one string object per key: at 1 GB the buckets name 23 000 keys 730 000 times)
        one: dict[str, str] = {}
        buckets = sorted({tuple(sorted(one.setdefault(k, k) for k in m.split(sep))) for (m,) in self.db.execute(
            f"SELECT group_concat(ckey, char(31)) FROM bands{scope} GROUP BY band, key HAVING count(*) > 1")})
        del one
        members = {k for m in buckets for k in m}
        self._temp_keys("dck", members)
        sizes = dict(self.db.execute("SELECT ckey, size FROM sketches WHERE ckey IN (SELECT k FROM dck)"))
        linker = Linker(lambda ks: {ck: text_words(t) for ck, t in self._texts_of(ks).items()}, sizes)
        linker.keep(texts)
        if not everything:
            linker.seed(self.db.execute("SELECT a, b, rel FROM links WHERE a IN (SELECT k FROM dck)"
                                        " UNION SELECT a, b, rel FROM links WHERE b IN (SELECT k FROM dck)"))
        for m in buckets:
            linker.bucket(m, None if everything else check)
        self.db.executemany("INSERT OR REPLACE INTO links VALUES (?,?,?)", linker.links)

    def _texts_of(self, ckeys: list[str]) -> dict[str, str]:
        """The text of one article per content key (the copy first stored with a body,
        else the first: the text of every copy is the same, and reading them all read the
        text of a key as many times as it is repeated; only an article of a headline alone,
        keyed by its headline, has none)."""
        out: dict[str, str] = {}
        for k in range(0, len(ckeys), 500):
            chunk = ckeys[k:k + 500]
            out.update(self.db.execute(
                "SELECT i.content_key, t.text FROM items i JOIN texts t ON t.rowid = i.rowid WHERE i.rowid IN"
                " (SELECT min((size = 0) << 62 | rowid) & ((1 << 62) - 1) FROM items INDEXED BY items_ckey"
                f" WHERE kind='article' AND content_key IN ({','.join('?' * len(chunk))}) GROUP BY content_key)",
                chunk))
        return out

    def _group_stories(self, seeds: set[str] | None, touched: set[tuple[str, str]] | None = None) -> None:
        """Group into stories the items whose content keys are ``seeds`` (None: all), with
        every item linked to them or sharing a story with them; flow dates; mark each
        story's best copy.

        Each exact-repeat group is summed up (``_repeat_groups``) and the sums kept in
        ``repeats``: after an edit only the groups ``touched`` (kind, content key) or
        dated anew are summed up again from their items (``_closure_groups``).
        Grouping and each story's dates are worked out from those sums. Then only the
        items that can change are written: those of a group whose story or relation
        changed, of a story whose lent date changed (``story_lent`` keeps each story's)
        or whose page dates changed, and new ones. So an edit in a story of a hundred
        thousand copies rewrites the copies it touched, not the story."""
        from .stories import group_stories, split_links

        if seeds is None:
            linked = self.db.execute("SELECT a, b, rel FROM links").fetchall()
            members, sums = self._repeat_groups(" WHERE 1")
        else:
            linked = self._story_closure(seeds)
            members, sums = self._closure_groups(touched or set())
        near, teasers = split_links((f"article:{a}", f"article:{b}", rel) for a, b, rel in linked)
        links = group_stories(members, near, teasers)
        self._keep_groups(members, sums, links, everything=seeds is None)
        fullest: dict[str, int] = {}
        days: dict[str, set[str]] = {}
        lender: dict[str, str] = {}
        changed = []
        for m, (was, first, lo, hi) in zip(members, sums, strict=True):
            link = links[m.id]
            fullest[link.story] = max(fullest.get(link.story, 0), m.size)
            if was is not NEW and was != (link.story, link.relation):  # (new items are written anyway)
                changed.append(m.group.split(":", 1))
            if first is not None:  # the group's proven dates (as stories.story_date counts them)
                days.setdefault(link.story, set()).update((lo, hi))
                lender[link.story] = min(lender.get(link.story, first), first)
        self._temp_keys("gs", (), "g TEXT PRIMARY KEY, story TEXT, rel TEXT")
        self.db.executemany("INSERT INTO gs VALUES (?,?,?)",
                            ((m.group, links[m.id].story, links[m.id].relation) for m in members))
        # the groups that may hold a story's best copy: those as full as the story's fullest
        self._temp_keys("fg", (), "kind TEXT, k TEXT, size INTEGER")
        self.db.executemany("INSERT INTO fg VALUES (?,?,?)", (
            (*m.group.split(":", 1), m.size) for m in members if m.size == fullest[links[m.id].story]))
        self._temp_keys("cg", (), "kind TEXT, k TEXT")
        self.db.executemany("INSERT INTO cg VALUES (?,?)", changed)
        stories = set(fullest)
        del members, links, fullest, sums, changed
        # the date each story lends: one proven day only, lent by the first item that has it
        conflicts = {s for s, d in days.items() if len(d) > 1}
        lent = {s: (d.pop(), lender[s].split(" ", 1)[1]) for s, d in days.items() if len(d) == 1}
        del days, lender
        self._temp_keys("sd", (), "story TEXT PRIMARY KEY, date TEXT, source TEXT")
        self.db.executemany("INSERT INTO sd VALUES (?,?,?)", [(s, *v) for s, v in lent.items()])
        # the stories whose lent date changed: all their items are written again
        kept = {s: (d, src) for s, d, src in self.db.execute(
            "SELECT story, date, source FROM story_lent WHERE story IN (SELECT story FROM gs)")}
        relent = {s for s in stories if kept.get(s) != lent.get(s)}
        self._temp_keys("cs", relent | (self._dirty_stories if self._redated is None else set()))
        self._write_stories()
        self._mark_best()
        old = " WHERE story IN (SELECT k FROM ck)" if seeds is not None else ""
        self.db.execute(f"DELETE FROM story_lent{old}")
        self.db.executemany("DELETE FROM story_lent WHERE story=?", [(s,) for s in stories])
        self.db.executemany("INSERT INTO story_lent VALUES (?,?,?)", [(s, *v) for s, v in lent.items()])
        stories |= self._dirty_stories
        self.db.execute(f"DELETE FROM story_conflicts{old}")  # (a story renamed leaves none behind)
        self.db.executemany("DELETE FROM story_conflicts WHERE story=?", [(s,) for s in stories])
        self.db.executemany("INSERT OR IGNORE INTO story_conflicts VALUES (?)", [(s,) for s in conflicts])
        self._dirty_stories.clear()
        self._redated = set()
        self._gone.clear()

    def _closure_groups(self, touched: set[tuple[str, str]]) -> tuple[list[Member], list[tuple]]:
        """``_repeat_groups`` of the closure (the keys and stories in ``ck``): the groups
        this update touched (``touched``, those of items dated anew, of new items without
        a content key) summed up afresh, the others as ``repeats`` keeps them. When the
        items dated anew were too many to list, every group is summed up afresh."""
        from .stories import Member

        if self._redated is None:
            return self._repeat_groups(
                " WHERE (i.content_key IN (SELECT k FROM ck) OR i.story IN (SELECT k FROM ck) OR i.story IS NULL)")
        self._temp_keys("tg", (), "kind TEXT, k TEXT, PRIMARY KEY (kind, k)")
        self.db.executemany("INSERT OR IGNORE INTO tg VALUES (?,?)", [(kind, k) for kind, k in touched if k])
        self.db.executemany("INSERT OR IGNORE INTO tg VALUES (?,?)", [g.split(":", 1) for g in self._gone])
        self._temp_keys("rd", (), "rid INTEGER PRIMARY KEY")
        self.db.executemany("INSERT INTO rd VALUES (?)", [(r,) for r in self._redated])
        self.db.execute("INSERT OR IGNORE INTO tg SELECT kind, coalesce(content_key, id) FROM items"
                        " WHERE rowid IN (SELECT rid FROM rd)")
        self.db.execute("INSERT OR IGNORE INTO tg SELECT kind, id FROM items WHERE story IS NULL AND content_key IS NULL")
        members, sums = self._repeat_groups(" WHERE (i.kind, i.content_key) IN (SELECT kind, k FROM tg)")
        more = self._repeat_groups(" WHERE i.content_key IS NULL AND i.id IN (SELECT k FROM tg)")
        members += more[0]
        sums += more[1]
        for g, first, size, copies, story, rel, p_first, p_lo, p_hi in self.db.execute(
                "SELECT g, first, size, copies, story, rel, p_first, p_lo, p_hi FROM repeats"
                " WHERE (ckey IN (SELECT k FROM ck) OR story IN (SELECT k FROM ck))"
                " AND g NOT IN (SELECT kind || ':' || k FROM tg)"):
            at, iid = first.split(" ", 1)
            members.append(Member(iid, int(at), g, size, copies))
            sums.append(((story, rel), p_first, p_lo, p_hi))
        return members, sums

    def _keep_groups(self, members: list[Member], sums: list[tuple], links: dict[str, StoryLink], *,
                     everything: bool) -> None:
        """Keep in ``repeats`` the sums of the groups just grouped, with their new story
        and relation (what their items are about to have): those of the closure and of
        the groups gone are replaced, or, with ``everything``, the whole table."""
        if everything:
            self.db.execute("DELETE FROM repeats")
        else:
            self.db.execute("DELETE FROM repeats WHERE ckey IN (SELECT k FROM ck) OR story IN (SELECT k FROM ck)")
            self.db.executemany("DELETE FROM repeats WHERE g=?", [(g,) for g in self._gone])
            if self._redated is not None:
                self.db.execute("DELETE FROM repeats WHERE g IN (SELECT kind || ':' || k FROM tg)")
        self.db.executemany("INSERT OR REPLACE INTO repeats VALUES (?,?,?,?,?,?,?,?,?,?)", (
            (m.group, _group_key(m.group, m.id), f"{m.order:020d} {m.id}", m.size, m.copies,
             links[m.id].story, links[m.id].relation, p_first, p_lo, p_hi)
            for m, (_was, p_first, p_lo, p_hi) in zip(members, sums, strict=True)))

    def _repeat_groups(self, scope: str) -> tuple[list[Member], list[tuple]]:
        """Each exact-repeat group among the items ``scope`` selects, in one pass: as a
        story ``Member`` (its first item, fullest size and number of copies), and its
        sums: the (story, relation) all its items grouped before have now (None when
        they differ; ``NEW`` when none was grouped before), and its proven dates (as
        ``stories.story_date`` takes them: written, proven on the page or set by the
        user, whole days): the first item with one (its corpus order and id, as one
        string), the least and the greatest."""
        from .stories import PROVEN, Member

        proven = f"i.base_basis IN ({','.join(repr(p) for p in PROVEN)}) AND length(i.base_date) = 10"
        order = f"printf('%020d ', {CORPUS_ORDER}) || i.id"
        grouped = "CASE WHEN i.story IS NOT NULL THEN i.story_relation END"  # the relation of an item grouped before
        members, sums = [], []
        for (g, first, size, copies, stories, s_lo, s_hi, rels, r_lo, r_hi, p_first, p_lo, p_hi) in self.db.execute(
                f"SELECT {GROUP_OF}, min({order}), max(coalesce(i.size, 0)), count(*),"
                f" count(i.story), min(i.story), max(i.story), count({grouped}), min({grouped}), max({grouped}),"
                f" min(CASE WHEN {proven} THEN {order} END), min(CASE WHEN {proven} THEN i.base_date END),"
                f" max(CASE WHEN {proven} THEN i.base_date END)"
                f" FROM items i JOIN files f ON f.fid = i.fid{scope} GROUP BY 1"):
            at, iid = first.split(" ", 1)
            members.append(Member(iid, int(at), g, size, copies))
            same = s_lo == s_hi and rels in (0, stories) and r_lo == r_hi
            sums.append((((s_lo, r_lo) if same else None) if stories else NEW, p_first, p_lo, p_hi))
        return members, sums

    def _write_stories(self) -> None:
        """Give the items that can change (see ``_group_stories``: the temporary tables
        ``gs``, ``sd``, ``cg`` and ``cs`` say which) their story, relation and date, in
        one statement that writes only the rows whose values differ. An item takes the
        story's date as stories.takes_date says; an item whose date no longer flows gets
        its own back, and its span from date_span; a new item is not the best copy yet."""
        self._temp_keys("upd", (), "rid INTEGER PRIMARY KEY")
        self.db.executemany("INSERT OR IGNORE INTO upd VALUES (?)", [(r,) for r in self._redated or ()])
        for pick in ("SELECT rowid FROM items WHERE story IS NULL",
                     "SELECT rowid FROM items WHERE story IN (SELECT k FROM cs)",
                     *(f"SELECT i.rowid FROM cg JOIN items i ON {join}" for join in _group_joins("cg"))):
            self.db.execute(f"INSERT OR IGNORE INTO upd {pick}")
        takes = ("(sd.date IS NOT NULL AND (i.base_date IS NULL OR (substr(i.base_date, 1, 2) = '--'"
                 " AND substr(i.base_date, 3) = substr(sd.date, 6))))")  # as stories.takes_date
        self.db.create_function("span_lo", 1, lambda d: date_span(d)[0], deterministic=True)
        self.db.create_function("span_hi", 1, lambda d: date_span(d)[1], deterministic=True)
        self.db.execute(f"""
            WITH r AS (
              SELECT i.rowid AS rid, gs.story AS story, gs.rel AS rel, {takes} AS takes, sd.date AS lent,
                     sd.source AS lender, i.base_date AS own, i.base_basis AS own_basis,
                     CASE WHEN i.story IS NULL THEN 1 ELSE i.story_rank END AS rank
              FROM upd JOIN items i ON i.rowid = upd.rid JOIN gs ON gs.g = {GROUP_OF}
                LEFT JOIN sd ON sd.story = gs.story),
            n AS (
              SELECT rid, story, rel, rank, takes, lent,
                     CASE WHEN takes THEN lent ELSE own END AS date,
                     CASE WHEN takes THEN 'duplicate' ELSE own_basis END AS basis,
                     CASE WHEN takes THEN lender END AS source
              FROM r)
            UPDATE items SET story = n.story, story_relation = n.rel, story_rank = n.rank, date = n.date,
              year_basis = n.basis, date_source = n.source,
              date_lo = CASE WHEN n.takes THEN n.lent WHEN items.date_source IS NULL THEN items.date_lo
                        ELSE span_lo(n.date) END,
              date_hi = CASE WHEN n.takes THEN n.lent WHEN items.date_source IS NULL THEN items.date_hi
                        ELSE span_hi(n.date) END
            FROM n WHERE items.rowid = n.rid AND (items.story IS NOT n.story OR items.story_relation IS NOT n.rel
              OR items.story_rank IS NOT n.rank OR items.date IS NOT n.date OR items.year_basis IS NOT n.basis
              OR items.date_source IS NOT n.source)""")

    def _mark_best(self) -> None:
        """Mark each story of ``gs`` its best copy (story_rank 0, the others 1; see
        ``RANK_KEY``), found among the copies of its fullest groups (``fg``) only."""
        best: dict[str, tuple] = {}
        for join in _group_joins("fg"):
            for story, *rank in self.db.execute(
                    f"SELECT i.story, {RANK_KEY}, i.rowid FROM fg JOIN items i ON {join} JOIN files f ON f.fid = i.fid"
                    f" WHERE coalesce(i.size, 0) = fg.size"):
                key = tuple(rank)
                if story not in best or key < best[story]:
                    best[story] = key
        self._temp_keys("bc", (), "rid INTEGER PRIMARY KEY")
        self.db.executemany("INSERT INTO bc VALUES (?)", [(b[-1],) for b in best.values()])
        self.db.execute("UPDATE items SET story_rank = 1 WHERE story IN (SELECT story FROM gs) AND story_rank = 0"
                        " AND rowid NOT IN (SELECT rid FROM bc)")
        self.db.execute("UPDATE items SET story_rank = 0 WHERE rowid IN (SELECT rid FROM bc) AND story_rank != 0")

    def _story_closure(self, seeds: set[str]) -> list[tuple]:
        """The links among every item reachable from the seed content keys (and from the
        stories marked dirty) through links and shared stories; those keys and stories
        are left in the temporary table ``ck``."""
        ckeys, stories = set(seeds), set(self._dirty_stories)
        todo_k, todo_s = set(ckeys), set(stories)
        linked: set[tuple] = set()
        while todo_k or todo_s:
            self._temp_keys("ck", todo_k)
            new_links = self.db.execute("SELECT a, b, rel FROM links WHERE a IN (SELECT k FROM ck)"
                                        " UNION SELECT a, b, rel FROM links WHERE b IN (SELECT k FROM ck)").fetchall()
            linked.update(new_links)
            found_s = {r[0] for r in self.db.execute(
                "SELECT DISTINCT story FROM items WHERE content_key IN (SELECT k FROM ck) AND story IS NOT NULL")}
            self._temp_keys("ck", todo_s | found_s)
            found_k = {r[0] for r in self.db.execute(
                "SELECT DISTINCT content_key FROM items WHERE story IN (SELECT k FROM ck) AND content_key IS NOT NULL")}
            found_k |= {x for a, b, _ in new_links for x in (a, b)}
            todo_k, todo_s = found_k - ckeys, found_s - stories
            ckeys |= found_k
            stories |= found_s
        self._temp_keys("ck", ckeys | stories)
        return sorted(linked)

    def _settle_people(self) -> None:
        """Fill each item's people; all items only when the grouping itself changed."""
        self._people = None
        people = self.people()
        fp = _people_fingerprint(people)
        everything = self._meta("people") != fp
        scope = "" if everything else " AND people IS NULL AND mentions IS NOT NULL"
        if everything:
            self.db.execute("DELETE FROM mentioned")
        last = -1
        while True:  # in batches of rowids, so memory stays flat on a big corpus
            batch = self.db.execute(f"SELECT rowid, mentions, people FROM items WHERE rowid > ?{scope}"
                                    f" ORDER BY rowid LIMIT {BATCH}", (last,)).fetchall()
            if not batch:
                break
            last = batch[-1][0]
            updates: list[tuple[str | None, int]] = []
            mentioned: list[tuple[int, str, str, int, int, int]] = []
            for rowid, mentions, old in batch:
                forms = mentions.split(SEP) if mentions else []
                names = people.names_for(forms)
                new = SEP.join(names)  # "" when the mentions name nobody: not resolved again next time
                if new != old:
                    updates.append((new, rowid))
                seen: dict[tuple[str, str], list[int]] = {}
                for pos, (form, g) in enumerate(zip(forms, people.resolve_mentions(forms))):
                    if g is not None:
                        seen.setdefault((people.persons[g].name, form.lstrip("!?")), [0, pos])[0] += 1
                lead: set[str] = set()
                for (name, variant), (n, pos) in seen.items():
                    mentioned.append((rowid, name, variant, n, pos, name not in lead))
                    lead.add(name)
            if not everything:
                self.db.executemany("DELETE FROM mentioned WHERE item=?", [(r[0],) for r in batch])
            self.db.executemany("INSERT INTO mentioned VALUES (?,?,?,?,?,?)", mentioned)
            self.db.executemany("UPDATE items SET people=? WHERE rowid=?", updates)
        self._set_meta("people", fp)

    # -- reading ------------------------------------------------------------------------------

    def _load_warnings(self) -> None:
        """Warnings to show: every one about a file, except that pages fitting no known
        layout are folded into one line (``pages`` lists them)."""
        rows = self.db.execute("SELECT source, warnings FROM files WHERE warnings != '[]' ORDER BY ord").fetchall()
        if not rows:
            return
        quiet = 0
        for source, w in rows:
            for x in json.loads(w or "[]"):
                if x == UNKNOWN_LAYOUT:
                    quiet += 1
                else:
                    self._warnings.append(f"{source}: {x}")
        if quiet:
            self._warnings.append(f"{quiet} page(s) fit no known layout and were loaded as one article each "
                                  "(iranfocus pages shows which)")

    def warnings(self) -> list[str]:
        """Warnings about the corpus, one line each."""
        return self._warnings

    def people(self) -> People:
        """The corpus's people, grouped from every mention."""
        if self._people is None:
            from .people import build_people

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

    def _source_fids(self, globs: tuple[str, ...]) -> list[int]:
        import fnmatch

        return [fid for fid, src in self.db.execute("SELECT fid, source FROM files")
                if any(fnmatch.fnmatchcase(src, g) or fnmatch.fnmatchcase(src.rsplit("/", 1)[-1], g) for g in globs)]

    def compile(self, flt: Filters, needles: Iterable[str] = (), *,
                extra: Callable[[Item], bool] | None = None) -> FilterSQL:
        """Filters as SQL on ``items i`` (with text-index narrowing) plus residual checks.

        With ``flt.unique``, one item per story among those passing: the best ranked
        (the fullest copy, then the earliest known date). SQL picks it when SQL says
        everything; otherwise the items are checked here (with ``extra`` too) and the
        chosen ones handed to SQL by rowid, with nothing left residual."""
        q = filter_sql(flt, Resolve(self._source_fids, self.people))
        fq = self._fts_query([*q.words, *needles])
        if fq is not None:
            q.add("i.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)", fq)
        if not flt.unique:
            return q
        if not q.residual and extra is None:
            return one_per_story(q)
        best: dict[str, tuple[tuple, int]] = {}
        for rid, story, rank in self._unique_rows(q, extra):
            if story not in best or rank < best[story][0]:
                best[story] = (rank, rid)
        self._temp += 1
        name = f"temp.uniq{self._temp}"
        self.db.execute(f"CREATE TEMP TABLE uniq{self._temp} (rid INTEGER PRIMARY KEY)")
        self.db.executemany(f"INSERT INTO {name} VALUES (?)", [(rid,) for _, rid in best.values()])
        return FilterSQL([f"i.rowid IN (SELECT rid FROM {name})"], per_story=False)

    def _unique_rows(self, q: FilterSQL, extra: Callable[[Item], bool] | None) -> Iterator[tuple[int, str, tuple]]:
        sql = (f"SELECT i.rowid, i.story, i.story_rank, {RANK_KEY}, {ITEM_COLUMNS} FROM {ITEMS} WHERE {q.sql()}")
        for r in self.db.execute(sql, q.params):
            it = row_item(r[3 + len(RANK_COLUMNS):])
            if q.accepts(it) and (extra is None or extra(it)):
                yield r[0], r[1], r[2:3 + len(RANK_COLUMNS)]

    def _rows(self, q: FilterSQL, order: str = "corpus", reverse: bool = False,
              limit: int | None = None) -> Iterator[Item]:
        sql = f"SELECT {ITEM_COLUMNS} FROM {ITEMS} WHERE {q.sql()} ORDER BY "
        sql += _ORDER[order][reverse]
        if limit is not None and not q.residual:
            sql += f" LIMIT {int(limit)}"
        for r in self.db.execute(sql, q.params):
            yield row_item(r)

    def select(self, flt: Filters, *, needles: Iterable[str] = (), order: str = "corpus", reverse: bool = False,
               limit: int | None = None, report: FilterReport | None = None,
               extra: Callable[[Item], bool] | None = None) -> Iterator[Item]:
        """The items that pass the filters, in corpus order, or sorted by ``order``: "date"
        (oldest first, day and month without a year next, undated last even when
        reversed) or "source" (file, then position); at most ``limit``.

        ``needles`` are folded words every wanted item holds (grep's), for narrowing by
        the text index. ``report`` gets what the date range left out for lack of a year,
        among the items passing every other filter and ``extra``.
        """
        q = self.compile(flt, needles, extra=extra)  # now, so a bad query fails before any output

        def items() -> Iterator[Item]:
            n = 0
            for it in self._rows(q, order, reverse, limit):
                if limit is not None and n >= limit:
                    break
                if q.accepts(it):
                    n += 1
                    yield it
            if report is not None:
                self.count_left_out(flt, report, needles=needles, extra=extra)
        return items()

    def select_fields(self, flt: Filters, names: list[str], *, order: str = "corpus", reverse: bool = False,
                      limit: int | None = None, report: FilterReport | None = None) -> Iterator[dict[str, Any]]:
        """``select``, as records of just the fields ``names`` (what a table shows): read
        and decoded from those columns only, without making whole items, unless a filter
        needs whole items to decide."""
        from .index import field_columns

        q = self.compile(flt)  # now, so a bad query fails before any output
        if q.residual:
            items = self.select(flt, order=order, reverse=reverse, limit=limit, report=report)
            return (it.fields_of(tuple(names)) for it in items)
        cols, record = field_columns(names)
        sql = f"SELECT {cols} FROM {ITEMS} WHERE {q.sql()} ORDER BY {_ORDER[order][reverse]}"
        sql += f" LIMIT {int(limit)}" if limit is not None else ""

        def records() -> Iterator[dict[str, Any]]:
            yield from map(record, self.db.execute(sql, q.params))
            if report is not None:
                self.count_left_out(flt, report)
        return records()

    def count_left_out(self, flt: Filters, report: FilterReport, *, needles: Iterable[str] = (),
                       extra: Callable[[Item], bool] | None = None) -> None:
        """Count what the date range leaves out for lack of a year, by reason: items with
        no date, and (unless matched on day and month) items whose day and month fall in
        the range in some year of it. The same filters compiled without the range, among
        items without a known year."""
        if not flt.has_range:
            return
        from .model import split_iso

        q = self.compile(replace(flt, since=None, until=None), needles)
        q.add("i.date_lo IS NULL")  # no known year: a range cannot place it
        if not q.residual and extra is None:
            # through the partial index of the items with no known year: the planner's
            # statistics count NULL as one value of date_lo and take a tenth of the rows
            rows = self.db.execute(f"SELECT i.date, count(*) FROM items i INDEXED BY items_nospan WHERE {q.sql()}"
                                   " GROUP BY i.date", q.params).fetchall()
        else:
            rows = list(Counter(it.date for it in self._rows(q) if q.accepts(it) and (extra is None or extra(it))).items())
        for date, n in rows:
            if date is None:
                report.undated += n
            elif flt.unknown_year != "match":
                _, mo, d = split_iso(date)
                if mo is not None and d is not None and md_in_range(mo, d, flt.since, flt.until):
                    report.unknown_year += n

    def count_word(self, word: str, q: FilterSQL) -> list[tuple[str, int]] | None:
        """grep -c for one plain ASCII word, from the index alone: per item selected by the
        SQL of ``q``, the instances in headline and body of every term containing the word,
        times how often it occurs in the term; None when the index cannot say exactly.

        The same count as ``fold(text).count(word)`` per field: a run of letters and
        digits lies inside one token, and tokens are the folded text's own letters.
        """
        if not (word.isascii() and word.isalnum()):
            return None
        terms = self._terms_containing(word, limit=2000)
        if terms is None or not all(t.isascii() for t in terms):
            return None
        if not terms:
            return []
        weights = ", ".join("(?, ?)" for _ in terms)
        sql = (f"WITH w(term, k) AS (VALUES {weights}),"
               " c AS (SELECT v.doc AS doc, sum(w.k) AS n FROM w JOIN instances v ON v.term = w.term"
               " WHERE v.col != 'meta' GROUP BY v.doc)"
               f" SELECT i.id, c.n FROM c JOIN items i ON i.rowid = c.doc JOIN files f ON f.fid = i.fid"
               f" WHERE {q.sql()} ORDER BY f.ord, i.n")
        return list(self.db.execute(sql, [x for t in terms for x in (t, t.count(word))] + q.params))

    def caption_groups(self, q: FilterSQL) -> list[dict[str, Any]]:
        """The items the SQL of ``q`` selects, repeats folded into the first selected one
        (as ``query.fold_captions`` does), reading whole items only for those firsts."""
        groups: dict[str, tuple[int, list[str]]] = {}
        for rid, ident, key in self.db.execute(
                f"SELECT i.rowid, i.id, coalesce(i.duplicate_of, i.id) FROM items i JOIN files f ON f.fid = i.fid"
                f" WHERE {q.sql()} ORDER BY f.ord, i.n", q.params):
            groups.setdefault(key, (rid, []))[1].append(ident)
        firsts: dict[int, Item] = {}
        rids = [rid for rid, _ in groups.values()]
        for k in range(0, len(rids), 500):
            chunk = rids[k:k + 500]
            for r in self.db.execute(f"SELECT i.rowid, {ITEM_COLUMNS} FROM {ITEMS} WHERE i.rowid IN"
                                     f" ({','.join('?' * len(chunk))})", chunk):
                firsts[r[0]] = row_item(r[1:])
        return [{**firsts[rid].to_dict(), "count": len(ids), "ids": ids} for rid, ids in groups.values()]

    def person_rows(self, q: FilterSQL, *, min_items: int = 1, limit: int | None = None,
                    ids: bool = True) -> list[dict[str, Any]]:
        """The people table of the items the SQL of ``q`` selects, aggregated from
        ``mentioned``: most mentioned first, as ``people.person_table`` orders it;
        ``items`` counts the items, and ``ids`` lists them (None unless ``ids``)."""
        people: dict[str, list] = {}
        for person, variant, n, lead, lo, hi, first in self._spellings(q):
            p = people.setdefault(person, [0, 0, None, None, []])
            p[0] += n
            p[1] += lead
            p[2] = min((d for d in (p[2], lo) if d is not None), default=None)
            p[3] = max((d for d in (p[3], hi) if d is not None), default=None)
            p[4].append((-n, first, variant))
        rows = sorted(((p, *v) for p, v in people.items() if v[1] >= min_items), key=lambda r: (-r[1], r[0]))
        rows = rows[:limit] if limit is not None else rows
        listed: dict[str, list[str]] = {}
        if ids:
            self._select_into_sel(q)
            self.db.execute("DROP TABLE IF EXISTS temp.wanted")
            self.db.execute("CREATE TEMP TABLE wanted (person TEXT PRIMARY KEY)")
            self.db.executemany("INSERT INTO wanted VALUES (?)", [(r[0],) for r in rows])
            for person, item_id in self.db.execute(
                    f"SELECT m.person, s.id {SEL_MENTIONS} WHERE m.lead AND m.person IN (SELECT person FROM wanted)"):
                listed.setdefault(person, []).append(item_id)
        return [{"name": p, "variants": [v for _, _, v in sorted(spelt)], "mentions": n, "items": k,
                 "ids": listed[p] if ids else None, "first_date": lo, "last_date": hi} for p, n, k, lo, hi, spelt in rows]

    def _select_into_sel(self, q: FilterSQL) -> None:
        """The selection as the temporary table ``sel``, in corpus order: its rowid is the
        corpus position, and joins driven from it (CROSS JOIN keeps it the outer loop)
        come out in that order, unsorted."""
        key = (q.sql(), q.params)
        if key == self._sel and self.db.execute("SELECT 1 FROM temp.sqlite_master WHERE name='sel'").fetchone():
            return  # made already (people's spellings, then their items' ids), and not rolled back
        self.db.execute("DROP TABLE IF EXISTS temp.sel")
        self.db.execute("CREATE TEMP TABLE sel AS SELECT i.rowid AS rid, i.id AS id, i.date AS date FROM items i"
                        f" JOIN files f ON f.fid = i.fid WHERE {q.sql()} ORDER BY f.ord, i.n", q.params)
        self._sel = key

    def _spellings(self, q: FilterSQL) -> list[tuple]:
        """Per person and spelling in the selection of ``q``: mentions, items (``lead``
        marks one row per item and person), first and last known date, and the first
        position (corpus order, then offset).

        Kept in ``people_memo`` by the selection's SQL and parameters until the corpus
        changes (an update empties it), so the same table asked again reads only its
        rows. It is worked out and kept in one write transaction: a writer cannot empty
        the memo between the reading and the keeping."""
        key = json.dumps([q.sql(), q.params], ensure_ascii=False)
        memo = "SELECT person, variant, n, lead, lo, hi, first FROM people_memo WHERE sel=?"
        rows = self.db.execute(memo, (key,)).fetchall()
        if rows:
            return [r for r in rows if r[0] is not None]  # a (None, ...) row marks a selection with none
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # busy: work it out, keep nothing
            return self._spellings_of(q)
        try:
            rows = self._spellings_of(q)
            try:
                self.db.execute("DELETE FROM people_memo WHERE sel=?", (key,))
                self.db.execute("DELETE FROM people_memo WHERE sel IN (SELECT sel FROM people_memo GROUP BY sel"
                                " ORDER BY min(rowid) DESC LIMIT -1 OFFSET ?)", (PEOPLE_MEMO_KEEP - 1,))
                self.db.executemany("INSERT INTO people_memo VALUES (?,?,?,?,?,?,?,?)",
                                    [(key, *r) for r in rows or [(None,) * 7]])
            except sqlite3.OperationalError:  # a cache the user cannot write: nothing kept
                self.db.execute("ROLLBACK")
                return rows
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return rows

    def _spellings_of(self, q: FilterSQL) -> list[tuple]:
        self._select_into_sel(q)
        known = "CASE WHEN s.date NOT LIKE '--%' THEN s.date END"
        return self.db.execute(
            f"SELECT m.person, m.variant, sum(m.n), sum(m.lead), min({known}), max({known}),"
            f" min(s.rowid * 1000000 + m.pos) {SEL_MENTIONS} GROUP BY m.person, m.variant").fetchall()

    def get(self, ident: str) -> Item:
        """The item with this id, or the only one whose id starts with it."""
        r = self.db.execute(f"SELECT {ITEM_COLUMNS} FROM {ITEMS} WHERE i.id=?", (ident,)).fetchone()
        if r:
            return row_item(r)
        esc = ident.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.db.execute(f"SELECT {ITEM_COLUMNS} FROM {ITEMS}"
                               " WHERE i.id LIKE ? ESCAPE '\\' ORDER BY f.ord, i.n LIMIT 6", (esc + "%",)).fetchall()
        if len(rows) == 1:
            return row_item(rows[0])
        if rows:
            sample = ", ".join(r[0] for r in rows[:5])
            raise ItemNotFound(f"id prefix {ident!r} is ambiguous ({sample}{', ...' if len(rows) > 5 else ''})")
        esc_tail = "%/" + esc
        under = [r[0] for r in self.db.execute("SELECT id FROM items WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 6",
                                                (esc_tail + ("" if "#" in ident else "#%"),))]
        if under:
            raise ItemNotFound(f"no item with id {ident!r}; ids under sub-folders start with the folder: "
                               f"did you mean {', '.join(under[:5])}?")
        import difflib

        stem = ident.split("#", 1)[0]
        pool = [r[0] for r in self.db.execute("SELECT id FROM items WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 50000",
                                              (stem[:6].replace("%", "\\%").replace("_", "\\_") + "%",))]
        near = difflib.get_close_matches(ident, pool, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise ItemNotFound(f"no item with id {ident!r}{hint}")

    def repeats(self, item: Item) -> list[Item]:
        """Other items with the same content, in corpus order."""
        root = item.duplicate_of or item.id
        rows = self.db.execute(
            f"SELECT {ITEM_COLUMNS} FROM {ITEMS}"
            " WHERE (i.id = ? OR i.duplicate_of = ?) AND i.id != ? ORDER BY f.ord, i.n", (root, root, item.id))
        return [row_item(r) for r in rows]

    def story_items(self, item: Item) -> list[Item]:
        """The other items of the item's story, in corpus order."""
        rows = self.db.execute(f"SELECT {ITEM_COLUMNS} FROM {ITEMS} WHERE i.story = ? AND i.id != ? ORDER BY f.ord, i.n",
                               (item.story or item.id, item.id))
        return [row_item(r) for r in rows]

    def dates_disagree(self, story: str | None) -> bool:
        """Whether the copies of a story carry different proven dates (so none flowed)."""
        return self.db.execute("SELECT 1 FROM story_conflicts WHERE story=?", (story,)).fetchone() is not None

    def story_rows(self, q: FilterSQL, *, min_copies: int = 2, limit: int | None = None) -> list[dict[str, Any]]:
        """Stories among the items the SQL of ``q`` selects: per story its copies, pages,
        first and last known dates, and its best-ranked copy's headline or lead; most
        copies first."""
        known = "CASE WHEN i.date NOT LIKE '--%' THEN i.date END"
        rows = self.db.execute(
            f"SELECT i.story, count(*), count(DISTINCT i.fid), min({known}), max({known}),"
            f" group_concat(DISTINCT i.story_relation) FROM items i WHERE {q.sql()} GROUP BY i.story"
            f" HAVING count(*) >= ? ORDER BY count(*) DESC, min(i.rowid)"
            + ("" if limit is None else f" LIMIT {int(limit)}"), [*q.params, min_copies]).fetchall()
        out = []
        for story, copies, pages, first, last, rels in rows:
            best = self.db.execute(f"SELECT {ITEM_COLUMNS} FROM {ITEMS} WHERE i.story=? ORDER BY i.story_rank LIMIT 1",
                                   (story,)).fetchone()
            it = row_item(best)
            out.append({"story": story, "copies": copies, "pages": pages, "first_date": first, "last_date": last,
                        "fullest": it.id, "title": it.title, "lead": it.text.split("\n", 1)[0],
                        "relations": sorted((rels or "").split(",")) if rels else [],
                        "dates_disagree": self.dates_disagree(story)})
        return out

    def pages(self) -> list[PageInfo]:
        """Per file: layout, item counts, year and the evidence for it."""

        out = []
        counts_by: dict[int, dict[str, int]] = {}
        for fid, kind, n in self.db.execute("SELECT fid, kind, count(*) FROM items GROUP BY fid, kind"):
            counts_by.setdefault(fid, {})[kind] = n
        for (source, stem, layout, why, lines, year, basis, reason, votes, warnings, fid) in self.db.execute(
                "SELECT source, stem, layout, layout_reason, lines, year, basis, reason, votes, warnings, fid FROM files"
                " WHERE status='ok' ORDER BY ord"):
            counts = counts_by.get(fid, {})
            ev = [v.describe() for v in votes_load(votes)]
            out.append(PageInfo(source, stem, layout, lines, counts.get("article", 0), counts.get("caption", 0),
                                year, basis, reason or "", ev, json.loads(warnings or "[]"), why or ""))
        return out

    def summary(self) -> Summary:
        """File counts and the number of warnings, for the summary line."""
        loaded, skipped = self.db.execute("SELECT sum(status='ok'), sum(status!='ok') FROM files").fetchone()
        loaded, skipped = loaded or 0, (skipped or 0) + self._walk_skipped
        return Summary(loaded + skipped, loaded, skipped, len(self._warnings))

    def stats(self) -> dict[str, Any]:
        """What the database holds and what the last update did."""
        files = self.db.execute("SELECT count(*) FROM files").fetchone()[0]
        items = self.db.execute("SELECT count(*) FROM items").fetchone()[0]
        size = sum(os.path.getsize(str(self.path) + s) for s in ("", "-wal") if os.path.exists(str(self.path) + s))
        return {"path": str(self.path), "files": files, "items": items, "bytes": size,
                "parsed": self.change.parsed, "removed": self.change.removed, "touched": self.change.touched,
                "rebuilt": self.change.rebuilt}


def open_store(paths: list[str] | None, *, cache: bool = True, years: dict[str, int] | None = None,
               aliases: str | None = None, rebuild: bool = False, progress_factory: Progress | None = None,
               notify: Callable[[str], None] | None = None) -> Store:
    """The store of a corpus: its cache, or a throwaway database when ``cache`` is false
    or no cache folder can be written."""
    if cache:
        try:
            return Store(paths, db_path=db_path_for(paths or [default_seeds()]), years=years, aliases=aliases,
                         rebuild=rebuild, progress_factory=progress_factory, notify=notify)
        except (OSError, sqlite3.OperationalError) as e:
            if notify:
                notify(f"cannot use the cache ({e}); reading the corpus without it")
    return Store(paths, years=years, aliases=aliases, progress_factory=progress_factory, notify=notify)


def load_corpus(paths: list[str] | None = None, *, years: dict[str, int] | None = None,
                aliases: str | None = None) -> Corpus:
    """Load a corpus (files or folders; default the bundled seeds) into memory, through a
    throwaway store."""
    store = open_store(paths, cache=False, years=years, aliases=aliases)
    try:
        sm = store.summary()
        return Corpus(list(store.select(Filters())), store.pages(), list(store.warnings()), sm.skipped, sm.files)
    finally:
        store.close()
