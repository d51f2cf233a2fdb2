#!/usr/bin/env python3
"""Benchmarks: iranfocus against ripgrep (and a bare SQLite FTS5 build) on synthetic
corpora, side by side in one run.

Usage:
    python bench/run_bench.py --mb 100 1000 [--runs 5] [--work DIR] [--md FILE] [--only PART ...]

For each size it makes a corpus with bench/make_corpus.py (seed 1, kept in
--work for the next run), then times whole processes, output piped to /dev/null:

* cold index: the cache removed, then ``iranfocus index``; next to it a bare
  SQLite FTS5 build over the same files (unicode61, one row per file, one
  transaction), in a fresh Python process;
* warm ``grep -c WORD`` against ``rg -i -c WORD``; ``grep -w NAME`` printing its
  lines against ``rg -w NAME``; ``people``, ``captions --unique`` and ``list``
  over one month, each against ``rg -i -c WORD``;
* editing one file (and touching one), then ``grep -c WORD``, against the warm run;
* the peak RSS of every command, and the size of the cache against the corpus;
* ``timeline`` per month (all items, ``--person NAME``, ``-k WORD``) and
  ``collocates`` (of WORD, of ``--person NAME``), warm, each against ``rg -i -c
  WORD``; and the same questions asked of the library inside one process whose
  store is already open (``attention.timeline_for``, ``attention.collocates_for``),
  which leaves out start-up and the check that the cache is fresh.

``--only`` runs some parts: ``startup``, ``cold``, ``grep``, ``listing``, ``edit``,
``attention`` (default: all). Without ``cold`` an existing cache is used (and
built first if there is none).

On the bundled seeds it also times ``list`` piped against the same Python's
``python -c pass`` (start-up). Each warm figure is the median of --runs runs,
taken in turns with its comparison so both see the same page cache. Nothing is
asserted: this prints numbers.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORD = "khamenei"
NAME = "Rajavi"
MONTH = "2018-03"

BARE_FTS = r"""
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[2], isolation_level=None)
db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61')")
db.execute("BEGIN")
for root, _, names in os.walk(sys.argv[1]):
    for n in names:
        if n.endswith('.txt'):
            with open(os.path.join(root, n), 'rb') as fh:
                db.execute("INSERT INTO t(body) VALUES (?)", (fh.read().decode('utf-8', 'replace'),))
db.execute("COMMIT")
"""

# The cold index with story linking left out, to measure what stories add.
NO_STORIES = r"""
import sys
from iranfocus_cli import store
store.Store._keep_text = lambda self, key, folded: None
store.Store._settle_stories = lambda self, dirty, everything: None
from iranfocus_cli.cli import main
sys.argv[0] = "iranfocus"
main()
"""


def run(cmd: list[str], env: dict) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of one whole process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    return dt, int(ru.ru_maxrss / 1024), os.waitstatus_to_exitcode(status)


def side_by_side(a: list[str], b: list[str] | None, env: dict, runs: int) -> tuple[float, int, float | None]:
    """Medians of ``runs`` runs of a and b, in turns; and a's peak RSS."""
    ta, tb, rss = [], [], 0
    for _ in range(runs):
        t, m, _ = run(a, env)
        ta.append(t)
        rss = max(rss, m)
        if b:
            tb.append(run(b, env)[0])
    return statistics.median(ta), rss, (statistics.median(tb) if tb else None)


def iranfocus_cmd() -> list[str]:
    exe = shutil.which("iranfocus")
    return [exe] if exe else [sys.executable, "-m", "iranfocus_cli"]


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.rglob("*.txt"))


def cache_bytes(cache: Path) -> int:
    return sum(p.stat().st_size for p in cache.glob("*.sqlite*"))


Row = tuple[str, str, str, str, str]


ATTENTION = (["timeline", "--by", "month"], ["timeline", "--by", "month", "--person", NAME],
             ["timeline", "--by", "month", "-k", WORD], ["collocates", WORD], ["collocates", "--person", NAME])

# The library calls behind the attention commands, timed inside one process whose store is open.
LIBRARY = r"""
import json, statistics, sys, time
from iranfocus_cli.attention import collocates_for, timeline_for
from iranfocus_cli.query import Filters
from iranfocus_cli.store import open_store

corpus, word, name, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = open_store([corpus])
calls = [
    ("`timeline_for(by='month')`", lambda: timeline_for(store, Filters(), by="month")),
    (f"`timeline_for(persons=({name!r},))`", lambda: timeline_for(store, Filters(), persons=(name,))),
    (f"`timeline_for(Filters(keywords=({word!r},)))`", lambda: timeline_for(store, Filters(keywords=(word,)))),
    (f"`collocates_for(query={word!r})`", lambda: collocates_for(store, Filters(), query=word)),
    (f"`collocates_for(Filters(persons=({name!r},)))`", lambda: collocates_for(store, Filters(persons=(name,)))),
]
out = []
for what, call in calls:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    out.append((what, statistics.median(times)))
print(json.dumps(out))
"""


def library_times(corpus: Path, env: dict, runs: int) -> list[tuple[str, float]]:
    """Medians of the library calls behind timeline and collocates, the store already open."""
    import json

    p = subprocess.run([sys.executable, "-c", LIBRARY, str(corpus), WORD, NAME, str(runs)], env=env,
                       capture_output=True, text=True, check=True)
    return [tuple(x) for x in json.loads(p.stdout)]  # type: ignore[misc]


PARTS = ("startup", "cold", "grep", "listing", "edit", "attention")


def bench_size(mb: float, runs: int, work: Path, cold_runs: int = 1, parts: tuple[str, ...] = PARTS) -> list[Row]:
    corpus = work / f"corpus-{mb:g}mb"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--out", str(corpus), "--mb", str(mb),
                        "--seed", "1"], check=True)
    cache = work / f"cache-{mb:g}mb"
    env = dict(os.environ, IRANFOCUS_CACHE_DIR=str(cache))
    ifx = iranfocus_cmd() + ["--corpus", str(corpus)]
    rg = shutil.which("rg")
    label = f"{mb:g} MB"
    rows: list[Row] = []

    def add(what: str, t: float, rss: int | None, other: str, ratio: str) -> None:
        rows.append((label, what, f"{t:.3f} s" + (f", {rss} MB" if rss is not None else ""), other, ratio))
        print("| " + " | ".join(rows[-1]) + " |", flush=True)

    if "cold" in parts:
        # cold: the cache thrown away before each build; the bare FTS5 build and the
        # build without stories in turns
        cold, bare, plain, rss = [], [], [], 0
        bare_cache = work / "cache-nostories"
        for _ in range(max(1, cold_runs)):
            shutil.rmtree(cache, ignore_errors=True)
            t, m, _ = run(ifx + ["index"], env)
            cold.append(t)
            rss = max(rss, m)
            fts = work / "bare-fts.sqlite"
            fts.unlink(missing_ok=True)
            bare.append(run([sys.executable, "-c", BARE_FTS, str(corpus), str(fts)], env)[0])
            fts.unlink(missing_ok=True)
            shutil.rmtree(bare_cache, ignore_errors=True)
            plain.append(run([sys.executable, "-c", NO_STORIES, "--corpus", str(corpus), "index"],
                             dict(env, IRANFOCUS_CACHE_DIR=str(bare_cache)))[0])
            shutil.rmtree(bare_cache, ignore_errors=True)
        tc, tb, tp = statistics.median(cold), statistics.median(bare), statistics.median(plain)
        add(f"cold index ({len(cold)} run(s))", tc, rss, f"bare FTS5 build {tb:.3f} s", f"{tc / tb:.1f}x")
        add("cold index: what stories add", tc, None, f"without story linking {tp:.3f} s",
            f"+{(tc / tp - 1) * 100:.0f}%")
        size = cache_bytes(cache)
        rows.append((label, "cache size", f"{size / 1e6:.0f} MB", f"corpus {corpus_bytes(corpus) / 1e6:.0f} MB",
                     f"{size / corpus_bytes(corpus):.2f}x"))
        print("| " + " | ".join(rows[-1]) + " |", flush=True)
    else:
        run(ifx + ["index"], env)  # an existing cache brought up to date (or built) outside the timings

    rg_c = [rg, "-i", "-c", WORD, str(corpus)] if rg else None

    def against_rg(cmd: list[str]) -> None:
        t, rss, t2 = side_by_side(ifx + cmd, rg_c, env, runs)
        add(f"`{' '.join(cmd)}`, warm", t, rss, f"`rg -i -c {WORD}` {t2:.3f} s" if t2 else "no rg",
            f"{t / t2:.2f}x" if t2 else "")

    warm = 0.0
    if "grep" in parts or "edit" in parts:
        warm, rss, trg = side_by_side(ifx + ["grep", "-c", WORD], rg_c, env, runs)
        add(f"`grep -c {WORD}`, warm", warm, rss, f"`rg -i -c {WORD}` {trg:.3f} s" if trg else "no rg",
            f"{warm / trg:.2f}x" if trg else "")
    if "grep" in parts:
        t, rss, t2 = side_by_side(ifx + ["grep", "-w", NAME], [rg, "-w", NAME, str(corpus)] if rg else None, env, runs)
        add(f"`grep -w {NAME}` (lines printed)", t, rss, f"`rg -w {NAME}` {t2:.3f} s" if t2 else "no rg",
            f"{t / t2:.2f}x" if t2 else "")
    if "listing" in parts:
        for cmd in (["people"], ["captions", "--unique"], ["list", "--since", MONTH, "--until", MONTH],
                    ["export", "--format", "jsonl"]):
            against_rg(cmd)
    if "attention" in parts:
        for cmd in ATTENTION:
            against_rg(cmd)
        for what, secs in library_times(corpus, env, runs):
            add(f"{what}, in process", secs, None, "store open: no start-up, no freshness check", "")
    if "edit" in parts:
        edit_rows(corpus, ifx, env, runs, warm, add)
    return rows


def edit_rows(corpus: Path, ifx: list[str], env: dict, runs: int, warm: float, add: Callable) -> None:
    # touch one file, then edit one file, then the next command
    first = sorted(corpus.rglob("*.txt"))[0]
    touched, rss = [], 0
    for _ in range(runs):
        os.utime(first)
        t, m, _ = run(ifx + ["grep", "-c", WORD], env)
        touched.append(t)
        rss = max(rss, m)
    t = statistics.median(touched)
    add(f"touch one file, then `grep -c {WORD}`", t, rss, f"warm {warm:.3f} s", f"{t / warm:.2f}x")
    original = first.read_bytes()
    edited, rss = [], 0
    try:
        for k in range(runs):
            first.write_bytes(original + f"\nIran Focus\n\nLondon, 0{k + 1} Feb - An edit {k} about Khamenei.\n".encode())
            t, m, _ = run(ifx + ["grep", "-c", WORD], env)
            edited.append(t)
            rss = max(rss, m)
    finally:
        first.write_bytes(original)
        run(ifx + ["index"], env)
    t = statistics.median(edited)
    add(f"edit one file, then `grep -c {WORD}`", t, rss, f"warm {warm:.3f} s", f"{t / warm:.2f}x")




def bench_startup(runs: int, work: Path) -> list[Row]:
    env = dict(os.environ, IRANFOCUS_CACHE_DIR=str(work / "cache-seeds"))
    run(iranfocus_cmd() + ["list"], env)
    t, rss, tp = side_by_side(iranfocus_cmd() + ["list"], [sys.executable, "-c", "pass"], env, max(runs, 5))
    assert tp is not None
    return [("seeds", "`list`, piped (start-up)", f"{t:.3f} s, {rss} MB", f"`python -c pass` {tp:.3f} s",
             f"{t / tp:.1f}x")]


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rg = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0] if shutil.which(
        "rg") else "rg not installed"
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}; "
            f"Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}; {rg}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[100, 1000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=str(HERE / "out"), help="where corpora and caches go (default bench/out)")
    ap.add_argument("--cold-runs", type=int, default=1, help="cold builds per size (each parses everything)")
    ap.add_argument("--md", help="also write the table to this file")
    ap.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS), help="run only these parts")
    a = ap.parse_args(argv)
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    lines = [f"Machine: {machine()}", "", "| corpus | what | iranfocus (median, peak RSS) | compared with | ratio |",
             "|---|---|---|---|---|"]
    # as installed: the modules' bytecode compiled (an environment may forbid writing it)
    import compileall

    compileall.compile_dir(str(HERE.parent / "iranfocus_cli"), quiet=1)
    rows = bench_startup(a.runs, work) if "startup" in a.only else []
    for mb in a.mb:
        rows += bench_size(mb, a.runs, work, a.cold_runs, tuple(a.only))
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if a.md:
        Path(a.md).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
