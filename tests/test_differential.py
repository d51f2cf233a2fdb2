"""One engine, proven: every command gives the same stdout, stderr and exit code from
a fresh cache, from a cache brought up to date incrementally (files edited, added and
deleted since it was built), and with --no-cache; on the seeds, on a generated corpus
and on a hostile one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from iranfocus_cli.cli import cli

from .conftest import ROOT, SEEDS, write_hostile

TEASER = ("Iran Focus\n\nLondon, 20 Feb - Amid heightened political tensions between the United States and Iran, "
          "there is huge unrest in Khuzestan \u2013 Iran\u2019s main oil field province, said Maryam Rajavi.\n\n"
          "The Iranian oil supplies are essential to the survival of the clerical regime running the country. "
          "Depriving it of the oil supplies spells the end of the regime, Ali Khamenei's office said.\n")


def invoke(args: list[str], cache: str) -> tuple[str, str, int]:
    r = CliRunner().invoke(cli, args, env={"IRANFOCUS_CACHE_DIR": cache}, catch_exceptions=False)
    return r.stdout, r.stderr, r.exit_code


def make_seeds(d: Path) -> None:
    shutil.copytree(SEEDS, d)


def make_generated(d: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--out", str(d), "--mb", "0.3",
                    "--seed", "5", "--per-dir", "8", "--noise"], check=True, capture_output=True)


def make_hostile(d: Path) -> None:
    write_hostile(d, long_words=5000, unknown_layouts=True)


def texts(d: Path) -> list[Path]:
    return sorted(p for p in d.rglob("*.txt") if p.is_file() and not p.is_symlink() and p.stat().st_size > 20)


def mutate(d: Path) -> None:
    """Edit one file, add two, delete one: enough to move years, repeats and people."""
    files = texts(d)
    edited = files[len(files) // 2]
    data = edited.read_bytes()
    edited.write_bytes(data.replace(b"Iran", b"Iraan", 3) + b"\n\nIran Focus\n\nLondon, 21 Feb - Hassan Rohani spoke.\n")
    st = edited.stat()
    os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    (d / "aaa_first.txt").write_text(TEASER)  # sorts first: the first copy of repeats changes
    (d / "zzz_last.txt").write_text(TEASER + "\nIran Focus\n\nLondon, 19 Feb - On Sunday, February 19, 2017, a rally.\n")
    files[-1].unlink()


MAKERS = {"seeds": make_seeds, "generated": make_generated, "hostile": make_hostile}


@pytest.fixture(scope="module", params=list(MAKERS))
def states(request, tmp_path_factory):
    """(corpus, fresh cache, incrementally updated cache)."""
    base = tmp_path_factory.mktemp(request.param)
    corpus = base / "corpus"
    MAKERS[request.param](corpus)
    incremental = str(base / "cache-incremental")
    out, err, code = invoke(["--corpus", str(corpus), "index"], incremental)
    assert code == 0, err
    mutate(corpus)
    return corpus, str(base / "cache-fresh"), incremental


def commands(ids: list[str], dup: str | None) -> list[list[str]]:
    first = ids[0]
    cmds = [
        ["pages"], ["pages", "--json"],
        ["list"], ["list", "--json"], ["list", "--sort", "source", "--reverse", "--limit", "7"],
        ["list", "--kind", "caption"], ["list", "--since", "2018-01", "--until", "2018-02"],
        ["list", "--since", "2017-02", "--until", "2017-03", "--unknown-year", "match", "--json"],
        ["list", "--until", "2017", "--undated"], ["list", "--dated", "--reverse"],
        ["list", "-k", "iran", "--exclude", "trump", "--source", "0*"], ["list", "--person", "Rouhani"],
        ["show", first], ["show", "--json", first], ["show", first.split("#")[0] + "#1"], ["show", "no-such-id"],
        ["show", first[:2]],
        ["grep", "khamenei"], ["grep", "-c", "iran"], ["grep", "-l", "-w", "Rajavi"], ["grep", "--json", "r[ao]jav"],
        ["grep", "-F", "-c", "Khamenei\u2019s"], ["grep", "-c", "khamenei", "--since", "2018"],
        ["grep", "--person", "Rajavi"], ["grep", "-c", "--person", "Rouhani"], ["grep", "--person", "Rohani", "government"],
        ["grep", "-C", "2", "-k", "protest", "--kind", "article", "iran"], ["grep", "zzznothing"], ["grep", "(bad"],
        ["grep", "-c", "iraan"], ["list", "-k", "iraan rohani", "--json"], ["grep", "-l", "khuzestan"],
        ["captions"], ["captions", "--unique", "--json"], ["captions", "--since", "2018-05", "--until", "2018-07"],
        ["export"], ["export", "--format", "csv"], ["export", "--format", "json", "--kind", "caption"],
        ["people"], ["people", "--min", "2", "--json"], ["people", "--with", "Khamenei"], ["people", "--suggest"],
        ["people", "--since", "2018"],
    ]
    if dup:
        cmds.append(["show", dup])
    return cmds


def test_fresh_incremental_and_no_cache_agree(states):
    corpus, fresh, incremental = states
    base = ["--corpus", str(corpus)]
    exported = [json.loads(x) for x in invoke(base + ["--no-cache", "export"], fresh + "-probe")[0].splitlines()]
    ids = [x["id"] for x in exported]
    dup = next((x["id"] for x in exported if x["duplicate_of"]), None)
    assert ids
    for cmd in commands(ids, dup):
        a = invoke(base + cmd, fresh)
        b = invoke(base + cmd, incremental)
        c = invoke(base + ["--no-cache"] + cmd, fresh + "-unused")
        assert a == b, f"fresh vs incremental differ for {cmd}"
        assert a == c, f"cache vs --no-cache differ for {cmd}"
        assert "Traceback" not in a[1]


def test_unusable_cache_folder_is_no_cache(states):
    corpus, fresh, _ = states
    note = "cannot use the cache"
    for cmd in (["list"], ["grep", "-c", "iran"], ["pages"]):
        a = invoke(["--corpus", str(corpus), *cmd], "/proc/no-such-place")
        c = invoke(["--corpus", str(corpus), "--no-cache", *cmd], fresh)
        assert a[1].startswith(note)
        assert (a[0], a[1].split("\n", 1)[1], a[2]) == c
