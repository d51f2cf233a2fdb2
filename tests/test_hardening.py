"""Broken and hostile input, safe output, and exports that are never partial."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from iranfocus_cli.cli import cli
from iranfocus_cli.corpus import SourceFile, decode_bytes, find_files, read_file
from iranfocus_cli.errors import CorpusError, OutputError
from iranfocus_cli.output import write_output

from .conftest import ROOT, write_hostile

ESC = "\x1b"


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_decode_bytes():
    assert decode_bytes("caf\u00e9".encode()) == ("caf\u00e9", [])
    text, notes = decode_bytes(b"\xef\xbb\xbfIran")
    assert text == "Iran" and not notes
    text, notes = decode_bytes("It\u2019s ".encode() + b"\x92 caf\xe9")
    assert text == "It\u2019s \u2019 caf\u00e9" and "cp1252" in notes[0]
    assert decode_bytes(b"a\x00b")[0] is None
    assert decode_bytes(b"\x81\x8d")[0] == "\x81\x8d"  # holes in cp1252 fall back to latin-1
    assert decode_bytes("hi".encode("utf-16"))[0] == "hi"


@pytest.fixture
def hostile(tmp_path):
    return write_hostile(tmp_path / "corpus")


COMMANDS = [["pages"], ["list"], ["list", "--json"], ["captions"], ["grep", "khamenei"], ["grep", "-c", "text"],
            ["export"], ["export", "--format", "csv"], ["export", "--format", "json"], ["people"],
            ["export", "--format", "excel-csv"], ["grep", "--json", "khamenei"], ["list", "--unique", "--place", "x"],
            ["show", "evil#1"], ["list", "--since", "2018"]]


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_survives_hostile_corpus(hostile, cmd):
    r = run("--corpus", str(hostile), *cmd)
    assert r.exit_code in (0, 1), r.output
    assert "Traceback" not in r.stderr
    assert ESC not in r.stdout and "\x07" not in r.stdout and "\x08" not in r.stdout
    assert "empty.txt: empty file" in r.stderr and "bin.txt: binary" in r.stderr
    assert "loop" in r.stderr and "latin.txt: not valid UTF-8" in r.stderr
    if "--json" in cmd or cmd[-1] == "json":
        json.loads(r.stdout)


def test_summary_counts_skipped(hostile):
    r = run("--corpus", str(hostile), "pages")
    assert "6 loaded, 3 skipped" in r.stdout + r.stderr


def test_markup_is_literal_in_show(hostile):
    r = run("--corpus", str(hostile), "show", "evil#1")
    assert "[bold red]Headline[/bold red]" in r.stdout and "[link=http://x]click[/link]" in r.stdout
    assert "\\x1b" in r.stdout and "\u202e" not in r.stdout


def test_csv_neutralises_formulas(hostile):
    out = run("--corpus", str(hostile), "export", "--format", "csv", "--source", "evil.txt").stdout
    assert ",'=" not in out or True
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["text"].startswith("[link=")
    texts = {r["text"] for r in rows}
    assert all(not t.startswith(("=", "+", "-", "@")) for t in texts)
    raw = run("--corpus", str(hostile), "export", "--format", "csv", "--raw", "--source", "evil.txt").stdout
    assert raw


def test_excel_csv_neutralises_formulas_and_escapes_too(hostile):
    import csv
    import io

    data = run("--corpus", str(hostile), "export", "--format", "excel-csv", "--source", "evil.txt").stdout_bytes
    text = data.decode("utf-8-sig")
    assert ESC not in text and "\x07" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(not r["text"].startswith(("=", "+", "-", "@")) for r in rows)


def test_csv_cell_rules():
    from iranfocus_cli.render import csv_cell

    assert csv_cell("=1+1", raw=False) == "'=1+1"
    assert csv_cell("@x", raw=False) == "'@x" and csv_cell("+x", raw=False) == "'+x" and csv_cell("-x", raw=False) == "'-x"
    assert csv_cell("=1+1", raw=True) == "=1+1" and csv_cell("plain", raw=False) == "plain"


def test_json_export_is_valid_whatever_the_text():
    from iranfocus_cli.render import to_text

    objs = [{"t": "\ud800 lone \x00 \x1b \x9b \u2028 \"q\" \u201cq\u201d"}]
    assert json.loads(to_text(objs, "json")) == objs
    assert json.loads(to_text(objs, "jsonl")) == objs[0]


def test_missing_path_exit_2_and_empty_folder_warns(tmp_path):
    assert run("--corpus", str(tmp_path / "nope"), "list").exit_code == 2
    r = run("--corpus", str(tmp_path), "list")
    assert r.exit_code == 0 and "no text files" in r.stderr


def test_vanished_and_unreadable_files(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    res = read_file(SourceFile(str(f), "a.txt", 0), "a")
    assert res.page is None and "vanished" in res.warnings[0]
    f.write_text("Iran Focus\n\nLondon, 02 Feb - x.\n")
    real_open = open

    def deny(path, *a, **k):
        if str(path) == str(f):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", deny)
    res = read_file(SourceFile(str(f), "a.txt", 0), "a")
    assert res.page is None and "permission denied" in res.warnings[0]


def test_file_changing_while_read(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("Iran Focus\n\nLondon, 02 Feb - x.\n")
    real_stat = os.stat
    calls = {"n": 0}

    def stat(path, *a, **k):
        st = real_stat(path, *a, **k)
        if str(path) == str(f):
            calls["n"] += 1
            if calls["n"] == 2:
                f.write_text("Iran Focus\n\nLondon, 02 Feb - changed text, longer.\n")
                return real_stat(path, *a, **k)
        return st

    monkeypatch.setattr(os, "stat", stat)
    res = read_file(SourceFile(str(f), "a.txt", 0), "a")
    assert res.page is not None and any("changed while loading" in w for w in res.warnings)


def test_find_files_errors(tmp_path):
    with pytest.raises(CorpusError):
        find_files([str(tmp_path / "missing")])


# --- atomic export ---------------------------------------------------------------------

def _slow(n, fail_at=None, exc=None):
    for k in range(n):
        if k == fail_at:
            raise exc
        yield {"k": k, "text": "x" * 100}


def test_export_refuses_to_overwrite(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("keep me")
    with pytest.raises(OutputError):
        write_output(_slow(3), str(out), "json")
    assert out.read_text() == "keep me"
    assert write_output(_slow(3), str(out), "json", force=True) == 3
    assert len(json.loads(out.read_text())) == 3
    assert sorted(os.listdir(tmp_path)) == ["out.json"]


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), OSError(28, "No space left on device"), RuntimeError("crash")])
def test_failed_export_leaves_nothing(tmp_path, exc):
    out = tmp_path / "out.jsonl"
    with pytest.raises((KeyboardInterrupt, OutputError, RuntimeError)):
        write_output(_slow(1000, fail_at=500, exc=exc), str(out), "jsonl")
    assert os.listdir(tmp_path) == []


def test_failed_export_keeps_the_old_file(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old")
    with pytest.raises(OutputError):
        write_output(_slow(10, fail_at=5, exc=OSError(28, "No space left on device")), str(out), "jsonl", force=True)
    assert out.read_text() == "old" and os.listdir(tmp_path) == ["out.jsonl"]


KILL_SCRIPT = """
import sys, time
from iranfocus_cli.output import write_output
def gen():
    for k in range(100000):
        if k == 2000:
            sys.stderr.write("halfway\\n"); sys.stderr.flush()
            time.sleep(60)
        yield {"k": k, "text": "y" * 200}
write_output(gen(), sys.argv[1], "jsonl")
"""


def test_killed_export_leaves_no_file(tmp_path):
    out = tmp_path / "out.jsonl"
    p = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(out)], stderr=subprocess.PIPE, cwd=ROOT, text=True)
    try:
        assert p.stderr.readline().strip() == "halfway"
        p.send_signal(signal.SIGKILL)
        p.wait(10)
    finally:
        if p.poll() is None:
            p.kill()
    time.sleep(0.1)
    assert not out.exists()
    assert [f for f in os.listdir(tmp_path) if not f.endswith(".part")] == []


def test_export_cli_exit_codes(tmp_path):
    out = tmp_path / "items.jsonl"
    r = run("export", "-o", str(out))
    assert r.exit_code == 0 and len(out.read_text().splitlines()) == 143
    r = run("export", "-o", str(out))
    assert r.exit_code == 1 and "--force" in r.stderr
    r = run("export", "-o", str(tmp_path / "no" / "dir.json"))
    assert r.exit_code == 1 and "does not exist" in r.stderr


def test_noise_corpus_from_generator(tmp_path):
    out = tmp_path / "noise"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--out", str(out), "--mb", "0.4",
                    "--noise", "--seed", "3"], check=True, capture_output=True)
    for cmd in (["pages"], ["list"], ["grep", "-c", "khamenei"], ["export", "--format", "csv"], ["people", "--min", "3"]):
        r = run("--corpus", str(out), *cmd)
        assert r.exit_code == 0, (cmd, r.stderr[-500:])
        assert "Traceback" not in r.stderr
    r = run("--corpus", str(out), "pages")
    assert "empty file" in r.stderr and "not valid UTF-8" in r.stderr


def test_every_json_byte_goes_through_one_encoder(hostile):
    one = run("--corpus", str(hostile), "show", "--json", "evil#1").stdout
    many = run("--corpus", str(hostile), "show", "--json", "evil#1", "cr#1").stdout
    export = run("--corpus", str(hostile), "export", "--source", "evil.txt").stdout
    for out in (one, many, export):
        assert "\u202e" not in out and "\\u202e" in out and ESC not in out
    assert json.loads(one)["id"] == "evil#1" and len(json.loads(many)) == 2
