"""The corpus on disk: find files, decode them safely, parse each one.

What needs the whole corpus (years, repeats, people) is settled by the store
(``store.py``), the one engine every command and ``load_corpus()`` read.

Reading is defensive: a file that cannot be read, is binary, vanishes or changes
while it is read gives one warning naming it, and the rest of the corpus loads.
Only a path the user named that does not exist is an error.
"""

from __future__ import annotations

import codecs
import os
import stat as stat_mod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import CorpusError
from .model import Item

if TYPE_CHECKING:
    from .parse import Page

TEXT_SUFFIXES = (".txt",)
SIDECAR = "iranfocus.toml"


def _fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as cp1252, or latin-1 where cp1252 has a hole."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start:err.end]
    out = []
    for b in bad:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(bytes([b]).decode("latin-1"))
    return "".join(out), err.end


codecs.register_error("iranfocus-cp1252", _fallback)


def default_seeds() -> str:
    """The bundled seed pages: packaged data, or the source tree's seeds/."""
    here = os.path.dirname(os.path.realpath(__file__))
    for cand in (os.path.join(here, "seeds"), os.path.join(os.path.dirname(here), "seeds")):
        if os.path.isdir(cand):
            return cand
    raise CorpusError("the bundled seeds are missing from this installation")


def decode_bytes(data: bytes) -> tuple[str | None, list[str]]:
    """Bytes to text: UTF-8 (BOM dropped), stray bytes as cp1252; None if binary."""
    notes: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ["UTF-16 text"]
        except UnicodeDecodeError:
            return None, ["binary file (bad UTF-16); skipped"]
    if b"\x00" in data:
        return None, ["binary file (NUL bytes); skipped"]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="iranfocus-cp1252")
        notes.append(f"not valid UTF-8 (first bad byte at offset {e.start}); stray bytes read as cp1252")
        return text, notes


@dataclass(frozen=True)
class SourceFile:
    """A file of the corpus: its real path and the name items cite."""

    path: str
    source: str
    root: int
    sidecar: str | None = None
    # (size, mtime_ns) as seen by the walk; compared with the cache to spot changes
    stat: tuple[int, int] | None = field(default=None, compare=False)


@dataclass
class Found:
    """What a corpus walk found: files, and what it skipped and why."""

    files: list[SourceFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0
    sidecars: list[str] = field(default_factory=list)


def find_files(paths: list[str]) -> Found:
    """Files of the corpus in a stable order: by root as given, then by path."""
    found = Found()
    seen: set = set()
    for root_no, given in enumerate(paths):
        if not os.path.lexists(given):
            raise CorpusError(f"corpus path does not exist: {given}")
        if not os.path.isdir(given):
            if not os.path.exists(given):
                found.warnings.append(f"{given}: broken link; skipped")
                found.skipped += 1
                continue
            st = os.stat(given)
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                found.files.append(SourceFile(given, given, root_no, None, (st.st_size, st.st_mtime_ns)))
            continue
        sidecar = os.path.join(given, SIDECAR)
        has_sidecar = os.path.isfile(sidecar)
        if has_sidecar:
            found.sidecars.append(sidecar)
        before = len(found.files)
        _walk(given, root_no, found, seen, sidecar if has_sidecar else None)
        if len(found.files) == before:
            found.warnings.append(f"{given}: no text files (*.txt) in this folder")
    return found


def _walk(root: str, root_no: int, found: Found, seen: set, sidecar: str | None) -> None:
    """Walk a folder once, one stat a file: it tells links to seen files and change."""
    visited: set[tuple[int, int]] = set()
    stack = [(root, "")]
    out: list[SourceFile] = []
    while stack:
        d, rel_dir = stack.pop()
        try:
            st = os.stat(d)
        except OSError as e:
            found.warnings.append(f"{d}: cannot read folder ({e.strerror}); skipped")
            found.skipped += 1
            continue
        if (st.st_dev, st.st_ino) in visited:
            found.warnings.append(f"{d}: folder link loop; skipped")
            continue
        visited.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(d) as it:
                entries = list(it)
        except OSError as e:
            found.warnings.append(f"{d}: cannot read folder ({e.strerror}); skipped")
            found.skipped += 1
            continue
        for ent in entries:
            try:
                is_dir = ent.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append((ent.path, rel_dir + ent.name + "/"))
                continue
            if not ent.name.lower().endswith(TEXT_SUFFIXES):
                continue
            est: os.stat_result | None
            try:
                est = ent.stat()
            except OSError:
                est = None
            if est is None or not stat_mod.S_ISREG(est.st_mode):
                found.warnings.append(f"{ent.path}: broken link or not a regular file; skipped")
                found.skipped += 1
                continue
            key = (est.st_dev, est.st_ino)
            if key in seen:
                continue
            seen.add(key)
            out.append(SourceFile(ent.path, rel_dir + ent.name, root_no, sidecar, (est.st_size, est.st_mtime_ns)))
    out.sort(key=lambda f: f.source)
    found.files.extend(out)


@dataclass
class FileResult:
    """One file read and parsed, or why it was skipped."""

    file: SourceFile
    page: Page | None
    warnings: list[str]
    size: int = 0
    mtime_ns: int = 0
    digest: str = ""
    # worked out where the page was parsed (``index._parse_job``), for the store: the
    # items' index values, and the year the page proves on its own (``dates.own_year``)
    fts: list[tuple[str, str, str]] | None = None
    own_year: int | None = None


def digest_bytes(data: bytes) -> str:
    """The content hash of a file's bytes, as the cache keeps it."""
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: str) -> str | None:
    """The content hash of a file, or None if it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return digest_bytes(fh.read())
    except OSError:
        return None


def read_file(f: SourceFile, stem: str) -> FileResult:
    """Read, decode and parse one file. Never raises for I/O or bad content."""
    try:
        st = os.stat(f.path)
        if not stat_mod.S_ISREG(st.st_mode):
            return FileResult(f, None, ["not a regular file; skipped"])
        with open(f.path, "rb") as fh:
            data = fh.read()
        st2 = os.stat(f.path)
    except FileNotFoundError:
        return FileResult(f, None, ["vanished while loading; skipped"])
    except PermissionError:
        return FileResult(f, None, ["permission denied; skipped"])
    except OSError as e:
        return FileResult(f, None, [f"cannot read ({e.strerror or e}); skipped"])
    notes = []
    if (st2.st_size, st2.st_mtime_ns) != (st.st_size, st.st_mtime_ns) or len(data) != st.st_size:
        notes.append("changed while loading; used the bytes read")
    if not data:
        return FileResult(f, None, ["empty file; skipped"], 0, st2.st_mtime_ns, "")
    text, dnotes = decode_bytes(data)
    notes.extend(dnotes)
    digest = digest_bytes(data)
    if text is None:
        return FileResult(f, None, notes, len(data), st2.st_mtime_ns, digest)
    from .parse import split_page  # loaded only when a file is parsed

    page = split_page(text, source=f.source, stem=stem)
    if not page.items:
        notes.append("no text in file; skipped")
    notes.extend(page.warnings)
    return FileResult(f, page, notes, len(data), st2.st_mtime_ns, digest)


def file_stem(path: str) -> str:
    """``Path(path).stem`` without building a Path (this runs for every file, every command)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1] if os.sep == "\\" else path.rsplit("/", 1)[-1]
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def stems_for(files: list[SourceFile]) -> list[str]:
    """Item id prefixes: the file stem, or the path without suffix where stems clash."""
    stems = [file_stem(f.source) for f in files]
    counts: dict[str, int] = {}
    for s in stems:
        counts[s] = counts.get(s, 0) + 1
    out = []
    for f, s in zip(files, stems, strict=False):
        if counts[s] > 1:
            p = f.source.replace("\\", "/")
            s = p.rsplit(".", 1)[0] if "." in p.rsplit("/", 1)[-1] else p
            if f.root:
                s = f"{f.root}:{s}"
        out.append(s)
    return out


# --- year overrides -------------------------------------------------------------

def read_sidecar(path: str) -> dict[str, int]:
    """The [years] table of a corpus folder's iranfocus.toml."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise CorpusError(f"{path}: cannot read ({e})") from e
    years = data.get("years", {})
    if not isinstance(years, dict) or not all(isinstance(v, int) for v in years.values()):
        raise CorpusError(f"{path}: [years] must map file names to whole years")
    return {str(k): int(v) for k, v in years.items()}


def match_overrides(files: list[SourceFile], stems: list[str], given: dict[str, int],
                    strict: bool) -> dict[int, int]:
    """Map user year overrides (by file name, path or stem) to file indexes."""
    out: dict[int, int] = {}
    for key, year in given.items():
        hits = [i for i, f in enumerate(files)
                if key in (f.source, os.path.basename(f.source), stems[i], file_stem(f.source), f.path)]
        if not hits and strict:
            raise CorpusError(f"--year {key}={year}: no file of the corpus is called {key}")
        for i in hits:
            out[i] = year
    return out


# --- the corpus -------------------------------------------------------------------

@dataclass
class PageInfo:
    """What `pages` shows for one file."""

    source: str
    stem: str
    layout: str
    lines: int
    articles: int
    captions: int
    year: int | None
    basis: str | None
    reason: str
    evidence: list[str]
    warnings: list[str]
    layout_reason: str = ""


@dataclass
class Corpus:
    """Every item of the corpus, with per-file details and warnings (``load_corpus``)."""

    items: list[Item]
    pages: list[PageInfo]
    warnings: list[str]
    skipped: int
    files: int
