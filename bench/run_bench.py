#!/usr/bin/env python3
"""Benchmarks: iranfocus against ripgrep on synthetic corpora, side by side in one run.

Usage:
    python bench/run_bench.py --mb 100 1000 [--runs 5] [--work DIR] [--md FILE]

For each size it makes a corpus with bench/make_corpus.py (seed 1, kept in
--work for the next run), then times whole processes:

* cold index: the cache removed, then ``iranfocus index`` (parse + index);
* ``iranfocus grep -c khamenei`` with the cache cold (first command after the
  cache was removed) and warm, against ``rg -i -c khamenei`` on the same files;
* ``iranfocus list --since 2018-01 --until 2018-02``;
* ``iranfocus export --format jsonl`` of everything, with its peak RSS;
* touching one file (mtime only), then the next ``grep -c``; and editing one
  file's content, then the next ``grep -c``.

Each warm figure is the median of --runs runs, taken in turns with rg so both
see the same page cache. No timing is asserted anywhere: this prints numbers.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(cmd: list[str], env: dict, out=subprocess.DEVNULL) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of one whole process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return dt, int(ru.ru_maxrss / 1024), p.returncode


def median_of(cmd: list[str], env: dict, runs: int) -> tuple[float, int]:
    times, rss = [], []
    for _ in range(runs):
        t, m, _ = run(cmd, env)
        times.append(t)
        rss.append(m)
    return statistics.median(times), max(rss)


def iranfocus_cmd() -> list[str]:
    exe = shutil.which("iranfocus")
    return [exe] if exe else [sys.executable, "-m", "iranfocus_cli"]


def bench_size(mb: float, runs: int, work: Path) -> list[tuple[str, str, str, str]]:
    corpus = work / f"corpus-{mb:g}mb"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--out", str(corpus), "--mb", str(mb),
                        "--seed", "1"], check=True)
    cache = work / f"cache-{mb:g}mb"
    env = dict(os.environ, IRANFOCUS_CACHE_DIR=str(cache))
    ifx = iranfocus_cmd() + ["--corpus", str(corpus)]
    rg = shutil.which("rg")
    rows: list[tuple[str, str, str, str]] = []
    label = f"{mb:g} MB"

    def fmt(t: float) -> str:
        return f"{t:.3f} s"

    # cold: the cache thrown away before each run (fewer runs: each one parses everything)
    cold_runs = max(1, min(runs, 3 if mb <= 100 else 1))
    cold_index, cold_grep = [], []
    for _ in range(cold_runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold_index.append(run(ifx + ["index"], env)[0])
        shutil.rmtree(cache, ignore_errors=True)
        cold_grep.append(run(ifx + ["grep", "-c", "khamenei"], env)[0])
    rows.append((label, "cold index (`iranfocus index`, no cache)", fmt(statistics.median(cold_index)),
                 f"{cold_runs} run(s)"))
    rgt = None
    if rg:
        rgt, _ = median_of([rg, "-i", "-c", "khamenei", str(corpus)], env, runs)
    rows.append((label, "`grep -c khamenei`, cache cold", fmt(statistics.median(cold_grep)),
                 f"rg {fmt(rgt)}, ratio {statistics.median(cold_grep) / rgt:.1f}x" if rgt else "rg not installed"))
    # warm, in turns with rg
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(run(ifx + ["grep", "-c", "khamenei"], env)[0])
        if rg:
            theirs.append(run([rg, "-i", "-c", "khamenei", str(corpus)], env)[0])
    warm = statistics.median(ours)
    if theirs:
        r = statistics.median(theirs)
        note = f"rg -i -c {fmt(r)}; iranfocus/rg = {warm / r:.2f}x"
    else:
        note = "rg not installed"
    rows.append((label, "`grep -c khamenei`, cache warm", fmt(warm), note))
    t, _ = median_of(ifx + ["list", "--since", "2018-01", "--until", "2018-02"], env, runs)
    rows.append((label, "`list --since 2018-01 --until 2018-02`, warm", fmt(t), ""))
    t, rss = median_of(ifx + ["export", "--format", "jsonl"], env, max(1, min(runs, 3)))
    rows.append((label, "`export --format jsonl` (to /dev/null), warm", fmt(t), f"peak RSS {rss} MB"))
    # touch one file, then the next command
    first = next(iter(sorted(corpus.rglob("*.txt"))))
    touched = []
    for _ in range(runs):
        os.utime(first)
        touched.append(run(ifx + ["grep", "-c", "khamenei"], env)[0])
    t = statistics.median(touched)
    rows.append((label, "touch one file, then `grep -c khamenei`", fmt(t), f"{t / warm:.2f}x the warm run"))
    # edit one file's content, then the next command
    original = first.read_bytes()
    edited = []
    try:
        for k in range(runs):
            first.write_bytes(original + f"\nIran Focus\n\nLondon, 0{k + 1} Feb - An edit {k}.\n".encode())
            edited.append(run(ifx + ["grep", "-c", "khamenei"], env)[0])
    finally:
        first.write_bytes(original)
    t = statistics.median(edited)
    rows.append((label, "edit one file, then `grep -c khamenei`", fmt(t), f"{t / warm:.2f}x the warm run"))
    return rows


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    rg = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0] if shutil.which(
        "rg") else "rg not installed"
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{mem}, {cpu}; "
            f"Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}; {rg}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[100, 1000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=str(HERE / "out"), help="where corpora and caches go (default bench/out)")
    ap.add_argument("--md", help="also write the table to this file")
    a = ap.parse_args(argv)
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    lines = [f"Machine: {machine()}", "", "| corpus | what | time (median) | compared |", "|---|---|---|---|"]
    for mb in a.mb:
        for row in bench_size(mb, a.runs, work):
            lines.append("| " + " | ".join(row) + " |")
            print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if a.md:
        Path(a.md).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
