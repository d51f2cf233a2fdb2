"""The SQLite cache: same answers as without it, always up to date, self-repairing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from iranfocus_cli.cli import cli
from iranfocus_cli.index import db_path_for
from iranfocus_cli.store import open_store

from .conftest import ROOT, SEEDS


def run(*args):
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return r


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen") / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--out", str(out), "--mb", "0.6",
                    "--seed", "7", "--per-dir", "10"], check=True, capture_output=True)
    return out


QUERIES = [
    ["grep", "--json", "khamenei"], ["grep", "-c", "rajavi"], ["grep", "-l", "-w", "Trump"],
    ["grep", "--json", "-F", "Khamenei\u2019s"], ["grep", "--json", "gerard deprez"], ["grep", "--json", "r[ao]jav"],
    ["grep", "--json", "-k", "protest", "--since", "2018-01", "--until", "2018-03", "iran"],
    ["list", "--json"], ["list", "--json", "--since", "2018-01", "--until", "2018-02"],
    ["list", "--json", "--since", "2018-01", "--unknown-year", "match", "--reverse"],
    ["list", "--json", "-k", "nuclear deal", "--exclude", "trump"], ["list", "--json", "--person", "Rouhani"],
    ["captions", "--json", "--unique"], ["export", "--format", "jsonl"], ["export", "--format", "csv"],
    ["export", "--kind", "article", "--source", "001/*"], ["captions", "--json"], ["people", "--json"], ["pages", "--json"],
    ["grep", "--json", "zzznothing"],
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: " ".join(q))
def test_cached_and_uncached_agree(generated, query):
    cached = run("--corpus", str(generated), *query)
    again = run("--corpus", str(generated), *query)
    plain = run("--corpus", str(generated), "--no-cache", *query)
    assert cached.exit_code == plain.exit_code == again.exit_code
    assert cached.stdout == plain.stdout == again.stdout
    assert cached.stdout or query[-1] == "zzznothing"


def _ids(*args):
    return [json.loads(x)["id"] for x in run(*args, "export").stdout.splitlines()]


def test_edit_add_delete_are_picked_up(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    base = run("--corpus", str(corpus), "export").stdout
    assert len(base.splitlines()) == 143
    # edit one file
    f = corpus / "001_de5385de09d5271a.txt"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("Ukraine is allowing", "Zanzibar is allowing"), encoding="utf-8")
    assert run("--corpus", str(corpus), "grep", "-c", "zanzibar").stdout == "id\tcount\n001_de5385de09d5271a#16\t1\n"
    # add a file
    (corpus / "new.txt").write_text("Iran Focus\n\nLondon, 02 Feb - A brand new teaser about Bolton.\n")
    assert "new#1" in _ids("--corpus", str(corpus))
    # delete a file
    os.unlink(corpus / "004_439be52d8a4ed63d.txt")
    ids = _ids("--corpus", str(corpus))
    assert not any(i.startswith("004_") for i in ids) and "new#1" in ids
    # only the changed file is parsed again
    os.utime(corpus / "000_c14d0114e5c73173.txt")
    store = open_store([str(corpus)])
    assert (store.change.parsed, store.change.touched) == (0, 1)
    (corpus / "new.txt").write_text("Iran Focus\n\nLondon, 03 Feb - Changed.\n")
    store = open_store([str(corpus)])
    assert store.change.parsed == 1


def test_year_evidence_follows_edits(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(SEEDS / "001_de5385de09d5271a.txt", corpus)
    assert json.loads(run("--corpus", str(corpus), "list", "--json", "--limit", "1").stdout)[0]["date"].startswith("--")
    (corpus / "other.txt").write_text(
        "Iran Focus\n\nLondon, 20 Feb - Amid heightened political tensions between the United States and Iran, "
        "there is huge unrest in Khuzestan \u2013 Iran\u2019s main oil field province.\n\n"
        "The Iranian oil supplies are essential to the survival of the clerical regime running the country. "
        "Depriving it of the oil supplies spells the end of the regime.\n\n"
        "Iran Focus\n\nLondon, 19 Feb - On Sunday, February 19, 2017, a rally was held.\n")
    arr = json.loads(run("--corpus", str(corpus), "list", "--json").stdout)
    by = {x["id"]: x for x in arr}
    assert by["other#2"]["date"] == "2017-02-19" and by["other#1"]["date"] == "2017-02-20"
    assert by["001_de5385de09d5271a#1"]["date"] == "2017-02-20"
    assert by["001_de5385de09d5271a#1"]["year_basis"] == "duplicate"


def test_corrupt_cache_is_rebuilt(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    run("--corpus", str(corpus), "list")
    db = db_path_for([str(corpus)])
    assert os.path.exists(db)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(str(db) + suffix):
            os.unlink(str(db) + suffix)
    with open(db, "wb") as fh:
        fh.write(b"this is not a database" * 100)
    r = run("--corpus", str(corpus), "list", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 77
    assert "rebuilding" in r.stderr


def test_old_version_cache_is_rebuilt(tmp_path):
    import sqlite3

    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    run("--corpus", str(corpus), "list")
    db = sqlite3.connect(db_path_for([str(corpus)]))
    db.execute("UPDATE meta SET value='0:0' WHERE key='version'")
    db.commit()
    db.close()
    r = run("--corpus", str(corpus), "list", "--json")
    assert r.exit_code == 0 and "another version" in r.stderr and len(json.loads(r.stdout)) == 77


def test_changed_source_stamp_checks_the_version_again(tmp_path):
    """A module whose size or time changed makes the version be checked by hash: the same
    code keeps the cache (and the stamp is renewed); only other code rebuilds it."""
    import sqlite3

    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    run("--corpus", str(corpus), "list")
    db = sqlite3.connect(db_path_for([str(corpus)]))
    stamp = db.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()[0]
    db.execute("UPDATE meta SET value='stale' WHERE key='stamp'")
    db.commit()
    r = run("--corpus", str(corpus), "list", "--json")
    assert r.exit_code == 0 and "another version" not in r.stderr and len(json.loads(r.stdout)) == 77
    assert db.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()[0] == stamp
    db.close()


def test_concurrent_commands_do_not_corrupt(tmp_path, generated):
    corpus = tmp_path / "c"
    shutil.copytree(generated, corpus)
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "iranfocus_cli", "--corpus", str(corpus), "grep", "-c", "khamenei"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-300:] for o in outs]
    assert len({o[0] for o in outs}) == 1
    plain = subprocess.run(cmd[:3] + ["--no-cache"] + cmd[3:], capture_output=True, cwd=ROOT, env=env)
    assert plain.stdout == outs[0][0]


def test_index_command(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    r = run("--corpus", str(corpus), "index", "--json")
    st = json.loads(r.stdout)
    assert st["files"] == 5 and st["items"] == 143
    time.sleep(0.01)
    st = json.loads(run("--corpus", str(corpus), "index", "--rebuild", "--json").stdout)
    assert st["parsed"] == 5 and st["rebuilt"] == "asked"


def test_unwritable_cache_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("IRANFOCUS_CACHE_DIR", "/proc/no-such-place")
    r = run("list", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 77


def test_repeats_follow_edits(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    run("--corpus", str(corpus), "export")
    teaser = ("Iran Focus\n\nLondon, 20 Feb - Amid heightened political tensions between the United States and Iran, "
              "there is huge unrest in Khuzestan \u2013 Iran\u2019s main oil field province.\n\n"
              "The Iranian oil supplies are essential to the survival of the clerical regime running the country. "
              "Depriving it of the oil supplies spells the end of the regime.\n")
    (corpus / "zz.txt").write_text(teaser)
    (corpus / "aa.txt").write_text("Iran Focus\n\nLondon, 01 Feb - Something else entirely.\n")
    for step in range(3):
        if step == 1:
            (corpus / "aa.txt").write_text(teaser)  # now aa.txt holds the first copy
        if step == 2:
            os.unlink(corpus / "aa.txt")
        cached = run("--corpus", str(corpus), "export").stdout
        plain = run("--corpus", str(corpus), "--no-cache", "export").stdout
        assert cached == plain
    by = {json.loads(x)["id"]: json.loads(x) for x in cached.splitlines()}
    assert by["zz#1"]["duplicate_of"] == "001_de5385de09d5271a#1"


def test_people_table_kept_until_the_corpus_changes(tmp_path):
    """A people table asked twice is read from the memo the first one left; an edit that
    adds a mention empties it, and the next table counts the new mention."""
    import sqlite3

    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    first = json.loads(run("--corpus", str(corpus), "people", "--json").stdout)
    db = sqlite3.connect(db_path_for([str(corpus)]))
    assert db.execute("SELECT count(DISTINCT sel) FROM people_memo").fetchone()[0] == 1
    assert json.loads(run("--corpus", str(corpus), "people", "--json").stdout) == first
    since = json.loads(run("--corpus", str(corpus), "people", "--json", "--since", "2018").stdout)
    assert db.execute("SELECT count(DISTINCT sel) FROM people_memo").fetchone()[0] == 2
    assert since != first
    rajavi = next(p for p in first if p["name"] == "Maryam Rajavi")
    page = sorted(corpus.iterdir())[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nMaryam Rajavi spoke again. Rajavi said so.\n",
                    encoding="utf-8")
    again = json.loads(run("--corpus", str(corpus), "people", "--json").stdout)
    after = next(p for p in again if p["name"] == "Maryam Rajavi")
    assert after["mentions"] > rajavi["mentions"]
    assert db.execute("SELECT count(DISTINCT sel) FROM people_memo").fetchone()[0] == 1
    no_cache = json.loads(run("--no-cache", "--corpus", str(corpus), "people", "--json").stdout)
    assert again == no_cache
    db.close()


def test_people_memo_keeps_the_latest_selections(tmp_path, monkeypatch):
    """At most PEOPLE_MEMO_KEEP selections are kept; the oldest go first."""
    from iranfocus_cli import store as store_mod
    from iranfocus_cli.query import Filters

    monkeypatch.setattr(store_mod, "PEOPLE_MEMO_KEEP", 3)
    store = open_store([str(SEEDS)], cache=False)
    try:
        qs = [store.compile(Filters(keywords=(w,))) for w in ("iran", "the", "regime", "protest", "nuclear")]
        for q in qs:
            store.person_rows(q)
        kept = {r[0] for r in store.db.execute("SELECT DISTINCT sel FROM people_memo")}
        assert kept == {json.dumps([q.sql(), q.params], ensure_ascii=False) for q in qs[-3:]}
    finally:
        store.close()


def test_people_table_from_a_read_only_cache(tmp_path):
    """A cache that cannot be written still answers (the table is worked out, not kept)."""
    import sqlite3

    from iranfocus_cli.query import Filters

    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    store = open_store([str(corpus)])
    try:
        q = store.compile(Filters())
        kept = store.person_rows(q)
        store.db.execute("DELETE FROM people_memo")
        rw, store.db = store.db, sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, isolation_level=None)
        try:  # as a file the user cannot write (even as root)
            assert store.person_rows(q) == kept
            assert store.db.execute("SELECT count(*) FROM people_memo").fetchone()[0] == 0
        finally:
            store.db.close()
            store.db = rw
    finally:
        store.close()


def test_cache_named_by_an_earlier_release_is_taken_over(tmp_path, monkeypatch):
    """A cache file named by the SHA-1 of the roots (as earlier releases named it) is
    renamed to the current name and rebuilt there, not left behind."""
    import hashlib

    monkeypatch.setenv("IRANFOCUS_CACHE_DIR", str(tmp_path / "cache"))
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    run("--corpus", str(corpus), "list")
    new = db_path_for([str(corpus)])
    key = os.path.realpath(corpus).encode()
    old = os.path.join(os.path.dirname(new), f"corpus-{hashlib.sha1(key).hexdigest()[:16]}.sqlite")
    os.replace(new, old)
    r = run("--corpus", str(corpus), "list", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 77
    assert os.path.exists(new) and not os.path.exists(old)


def test_a_file_put_back_as_it_was_is_read_again(tmp_path):
    """The cache is known fresh from the walk alone when the walk is the one last found
    fresh; a change forgets that walk, so a file edited and then put back with its old
    size and time (a restore from backup) is read again, not taken for unchanged."""
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    f = corpus / "001_de5385de09d5271a.txt"
    text, st = f.read_text(encoding="utf-8"), f.stat()
    for _ in range(2):  # built, then found fresh (the walk is kept)
        open_store([str(corpus)]).close()
    f.write_text(text.replace("Ukraine is allowing", "Zanzibar is allowing"), encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    store = open_store([str(corpus)])
    assert store.change.parsed == 1
    store.close()
    f.write_text(text, encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    store = open_store([str(corpus)])
    assert store.change.parsed == 1
    store.close()
    assert run("--corpus", str(corpus), "grep", "-c", "zanzibar").exit_code == 1
