"""What a new user meets first, through the command line: options that contradict each
other, dates, filters, global options after the command, tables at 80 columns, grep's
context, output formats, the spreadsheet CSV, shell completion and the licence."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from iranfocus_cli import render
from iranfocus_cli.cli import cli, filter_options, make_filters

from .conftest import ROOT, SEEDS


def run(*args, env=None, **kw):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False, **kw)


def ids(result) -> list[str]:
    return [x["id"] for x in json.loads(result.stdout)]


@pytest.fixture
def terminal(monkeypatch):
    """Output as on a terminal of 80 columns (rich still writes plain text to the runner)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(render, "is_terminal", lambda stream=None: True)


# --- conflicting options --------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["export", "--json", "--format", "csv"], ["export", "--json", "--format", "jsonl"],
    ["export", "--format", "excel-csv", "--json"], ["captions", "--kind", "article"],
    ["grep", "-c", "-l", "iran"], ["people", "--suggest", "--with", "Trump"],
])
def test_options_that_contradict_each_other_are_refused(args):
    r = run(*args)
    assert r.exit_code == 2 and r.stdout == "" and "Error:" in r.stderr


def test_agreeing_options_are_accepted():
    assert ids(run("export", "--json", "--format", "json", "--kind", "caption")) == ids(run("export", "--json",
                                                                                             "--kind", "caption"))
    r = run("captions", "--kind", "caption", "--json")
    assert r.exit_code == 0 and {x["kind"] for x in json.loads(r.stdout)} == {"caption"}


# --- dates -------------------------------------------------------------------------------

def test_ambiguous_slash_date_is_refused_with_the_iso_forms():
    r = run("list", "--since", "01/06/2018")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [
        "Error: --since '01/06/2018': day and month are ambiguous; "
        "write 2018-06-01 for 1 June or 2018-01-06 for 6 January"]


@pytest.mark.parametrize("value", ["23/06/2018", "06/23/2018", "23.06.2018"])
def test_slash_dates_that_can_be_told_apart_are_read(value):
    got = run("list", "--since", value, "--until", "2018-06", "--json")
    want = run("list", "--since", "2018-06-23", "--until", "2018-06", "--json")
    assert got.exit_code == 0 and ids(got) == ids(want) and ids(got)
    assert ids(got) != ids(run("list", "--since", "2018-06-24", "--until", "2018-06", "--json"))


@pytest.mark.parametrize("value,reason", [
    ("not-a-date", "not a date"), ("Jan 25", "the date needs a year"), ("2018-02-30", "no such day"),
    ("2018-13", "no such month"),
])
def test_bad_date_is_one_line_with_reason_and_example(value, reason):
    r = run("grep", "iran", "--until", value)
    assert r.exit_code == 2 and r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and "Usage" not in r.stderr
    assert lines[0] == f"Error: --until {value!r}: {reason}; for example 2018-01-25, 2018-01, 'Jan 2018' or 2018"


def test_other_bad_values_are_one_line_too():
    r = run("list", "--since", "2018-03", "--until", "2018-01")
    assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1 and "is after --until" in r.stderr
    r = run("--year", "garbage", "list")
    assert r.exit_code == 2 and r.stderr.splitlines() == [
        "Error: --year 'garbage': not FILE=YEAR; for example --year 001_de5385de09d5271a.txt=2017"]


# --- what -k searches, and the field filters ------------------------------------------------

def test_keyword_searches_what_grep_searches():
    # "London" is the dateline place of most articles, but few say it in their text
    by_keyword = ids(run("list", "-k", "london", "--json"))
    by_grep = run("grep", "-l", "london", "--kind", "article").stdout.split()
    assert sorted(by_keyword) == sorted(by_grep) and len(by_keyword) < 10
    assert "headline or body" in run("list", "--help").stdout


def test_place_and_byline_filters():
    london = json.loads(run("list", "--place", "LONDON", "--json").stdout)
    assert len(london) > 50 and all(x["place"] == "London" for x in london)
    jubin = json.loads(run("list", "--byline", "jubin", "--byline", "nobody at all", "--json").stdout)
    assert jubin and all(x["byline"] == "Jubin Katiraie" for x in jubin)
    assert "003_c270d168d62968d9#9" in [x["id"] for x in jubin]
    assert run("export", "--byline", "jubin", "--place", "london").stdout == ""


@pytest.mark.parametrize("cmd", [["list"], ["grep", "iran"], ["grep", "-c", "iran"], ["grep", "-l", "iran"],
                                 ["export"], ["people"], ["captions"]])
def test_every_listing_command_takes_the_shared_filters(cmd):
    r = run(*cmd, "--place", "nowhere-at-all", "--byline", "x", "--unique")
    assert r.exit_code in (0, 1) and "Error" not in r.stderr and "nowhere" not in r.stdout
    for opt in ("--place", "--byline", "--unique"):
        assert opt in run(cmd[0], "--help").stdout


def test_unique_keeps_one_item_per_story():
    every = [json.loads(x) for x in run("export").stdout.splitlines()]
    one = [json.loads(x) for x in run("export", "--unique").stdout.splitlines()]
    assert len(one) < len(every)
    assert len({x["story"] for x in one}) == len(one) and {x["story"] for x in one} == {x["story"] for x in every}
    help_text = " ".join(run("list", "--help").stdout.split())
    assert "Default: every copy" in help_text and "fullest copy" in help_text


def test_unique_counts_each_story_once_in_grep_and_people():
    story = {x["id"]: x["story"] for x in map(json.loads, run("export").stdout.splitlines())}
    every, one = run("grep", "-l", "iran").stdout.split(), run("grep", "-l", "iran", "--unique").stdout.split()
    assert set(one) < set(every) and len({story[i] for i in one}) == len(one)
    assert {story[i] for i in one} == {story[i] for i in every}
    counted = run("grep", "-c", "iran", "--unique").stdout.splitlines()[1:]
    assert [line.split("\t")[0] for line in counted] == one
    people = {p["name"]: p for p in json.loads(run("people", "--json").stdout)}
    unique = {p["name"]: p for p in json.loads(run("people", "--json", "--unique").stdout)}
    assert all(len({story[i] for i in p["ids"]}) == p["items"] for p in unique.values())
    assert all(unique[n]["items"] <= people[n]["items"] for n in unique)


def test_a_command_can_leave_unique_out():
    @click.command()
    @filter_options(unique=False)
    def probe(**kw):
        click.echo(repr(make_filters(kw).unique))

    r = CliRunner().invoke(probe, ["--place", "x"])
    assert r.exit_code == 0 and r.stdout.strip() == "False"
    assert CliRunner().invoke(probe, ["--unique"]).exit_code == 2


# --- global options after the command ---------------------------------------------------------

def test_global_options_after_the_command(tmp_path):
    page = SEEDS / "001_de5385de09d5271a.txt"
    before = run("--corpus", str(page), "list", "--json")
    after = run("list", "--corpus", str(page), "--json")
    assert after.exit_code == 0 and after.stdout == before.stdout
    assert {x["source"] for x in json.loads(after.stdout)} == {str(page)}
    j = json.loads(run("show", "001_de5385de09d5271a#1", "--json", "--year", "001_de5385de09d5271a.txt=2017").stdout)
    assert j["date"] == "2017-02-20" and j["year_basis"] == "user"
    assert run("grep", "-c", "khamenei", "--no-cache").stdout == run("--no-cache", "grep", "-c", "khamenei").stdout
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[merge]\n"Donald Trump" = ["Vladimir Putin"]\n')
    names = {p["name"] for p in json.loads(run("people", "--json", "--aliases", str(aliases)).stdout)}
    assert "Vladimir Putin" not in names and "Donald Trump" in names
    r = run("list", "--corpus", "/no/such/path")
    assert r.exit_code == 2 and "does not exist" in r.stderr


# --- tables at 80 columns ----------------------------------------------------------------------

def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"[│┃]", line)[1:-1]]


@pytest.mark.parametrize("cmd,keep,left_out", [
    (["list", "--limit", "5"], ["id", "date", "place/byline", "headline"], ["words"]),
    (["pages"], ["file", "layout", "articles", "captions", "year", "basis", "decision"], ["why", "evidence"]),
    (["people", "--min", "3"], ["name", "mentions", "items", "first", "last", "variants"], []),
    (["captions", "--unique"], ["id", "date", "place", "caption", "count"], []),
])
def test_tables_fit_80_columns(terminal, cmd, keep, left_out):
    from rich.cells import cell_len

    r = run(*cmd)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines and all(cell_len(line) <= 80 for line in lines)
    head = lines[:lines.index(next(x for x in lines if x.startswith("┡")))]
    headers = [h for line in head for h in _cells(line) if h]
    assert headers == [h for h in headers if "…" not in h]  # no header squeezed to "lay…"
    assert sorted(headers) == sorted(keep)
    note = " ".join(x.strip() for x in lines if not x.startswith(("┏", "┃", "┡", "│", "├", "└")))
    for h in left_out:
        assert h in note.split("columns:")[1]
    if not left_out:
        assert "not shown" not in note


def test_list_at_80_columns_gives_the_headline_room(terminal):
    r = run("list", "--limit", "3")
    body = [_cells(x) for x in r.stdout.splitlines() if x.startswith("│")]
    assert body[0][0] == "002_1f8e78664717a478#15" and body[1][0] == "2017-06-19" and body[2][0] == "London"
    assert len(body[0][1]) >= 45  # the headline column, not 14 characters


def test_tables_keep_every_column_when_wide(terminal, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    lines = run("pages").stdout.splitlines()
    assert _cells(lines[1]) == ["file", "layout", "why", "articles", "captions", "year", "basis", "decision", "evidence"]
    assert "not shown" not in "".join(lines)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pseudo-terminal")
def test_a_real_terminal_of_80_columns():
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "xterm"}
    p = subprocess.Popen([sys.executable, "-m", "iranfocus_cli", "pages"], stdin=subprocess.DEVNULL, stdout=slave,
                         stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait(60)
    os.close(master)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.decode()).replace("\r\n", "\n")
    from rich.cells import cell_len

    assert "┏" in text and "layout" in text and "lay…" not in text
    assert all(cell_len(line) <= 80 for line in text.splitlines())


# --- grep shows the text as it is -------------------------------------------------------------

PAGE = ("Iran Focus\n\nLondon, 02 Feb - Alpha beta gamma delta epsilon zeta eta theta iota kappa "
        "Khamenei\u2019s office, Rouhani, probably lambda mu nu xi omicron pi rho sigma tau upsilon "
        "phi chi psi omega.\n")


@pytest.fixture
def page(tmp_path):
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    return str(tmp_path)


def test_terminal_grep_shows_the_text_exactly(terminal, page):
    text = " ".join(PAGE.split())
    for pattern, shown in (("khamenei", "Khamenei\u2019s office,"), ("rouhani", "Rouhani, probably")):
        r = run("--corpus", page, "grep", pattern)
        assert r.exit_code == 0
        line = r.stdout.splitlines()[0]
        assert len(line) <= 80 and shown in line
        context = line.split("  ", 1)[1].strip()  # after the id
        at = text.index(context)  # exactly a piece of the text ...
        before, after = text[at - 1: at], text[at + len(context): at + len(context) + 1]
        assert before in ("", " ") and after in ("", " ")  # ... cut where words end


def test_grep_json_and_tsv_keep_the_exact_text(page):
    text = PAGE.split(" - ", 1)[1]
    for h in json.loads(run("--corpus", page, "grep", "--json", "-C", "3", "khamenei|rouhani").stdout):
        assert h["pre"] + h["match"] + h["post"] in text
    rows = run("--corpus", page, "grep", "-C", "3", "khamenei").stdout.splitlines()
    assert rows[0] == "id\tdate\tline\tpre\tmatch\tpost"
    _, _, _, pre, match, post = rows[1].split("\t")
    assert (pre, match, post) == ("theta iota kappa ", "Khamenei", "\u2019s office, Rouhani,")


# --- one shape for every output --------------------------------------------------------------

def test_grep_count_is_a_table_like_the_others():
    lines = run("grep", "-c", "rajavi").stdout.splitlines()
    assert lines[0] == "id\tcount" and all(re.fullmatch(r"\S+#\d+\t\d+", x) for x in lines[1:])
    counts = json.loads(run("grep", "-c", "rajavi", "--json").stdout)
    assert [f"{c['id']}\t{c['count']}" for c in counts] == lines[1:]
    ids_only = run("grep", "-l", "rajavi").stdout.splitlines()
    assert ids_only == [c["id"] for c in counts]  # bare ids, for xargs


def test_people_items_mean_the_same_in_the_table_and_in_json():
    table = [line.split("\t") for line in run("people", "--min", "3").stdout.splitlines()]
    assert table[0][:3] == ["name", "mentions", "items"]
    rows = json.loads(run("people", "--min", "3", "--json").stdout)
    assert [(r["name"], str(r["items"])) for r in rows] == [(t[0], t[2]) for t in table[1:]]
    assert all(r["items"] == len(r["ids"]) == len(set(r["ids"])) for r in rows)
    co = json.loads(run("people", "--with", "Trump", "--json").stdout)
    assert co and all(isinstance(r["items"], int) for r in co)


def test_a_piped_lead_is_not_cut():
    rows = [line.split("\t") for line in run("list").stdout.splitlines()[1:]]
    leads = {r[0]: r[3] for r in rows if r[3].startswith("[lead] ")}
    assert leads
    for ident, cell in list(leads.items())[:5]:
        text = json.loads(run("show", "--json", ident).stdout)["text"]
        assert cell == "[lead] " + " ".join(text.split("\n\n")[0].split())
        assert not cell.endswith("\u2026")


# --- a CSV for spreadsheets ------------------------------------------------------------------------

def test_excel_csv_has_a_bom_crlf_and_the_same_cells(tmp_path):
    r = run("export", "--format", "excel-csv", "-k", "gerard deprez")
    data = r.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbfid,kind,") and b"G\xc3\xa9rard" in data
    assert data.count(b"\r\n") >= 2 and b"\n" not in data.replace(b"\r\n", b"")[: data.index(b"\r\n")]
    plain = run("export", "--format", "csv", "-k", "gerard deprez").stdout
    excel = data.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(excel))) == list(csv.reader(io.StringIO(plain)))
    out = tmp_path / "items.csv"
    assert run("export", "--format", "excel-csv", "-k", "gerard deprez", "-o", str(out)).exit_code == 0
    assert out.read_bytes() == data


# --- help, completion, licence ------------------------------------------------------------------

def test_help_says_where_the_schema_is():
    r = run("--help")
    assert r.exit_code == 0 and "docs/items.md" in r.stdout
    assert (ROOT / "docs" / "items.md").exists()


def test_shell_completion_script_and_answers():
    for shell, marker in (("bash", "complete -o nosort -F _iranfocus_completion iranfocus"),
                          ("zsh", "#compdef iranfocus"), ("fish", "complete --no-files --command iranfocus")):
        r = CliRunner().invoke(cli, [], prog_name="iranfocus", env={"_IRANFOCUS_COMPLETE": f"{shell}_source"})
        assert r.exit_code == 0 and marker in r.stdout, shell
    r = CliRunner().invoke(cli, [], prog_name="iranfocus", env={
        "_IRANFOCUS_COMPLETE": "bash_complete", "COMP_WORDS": "iranfocus list --pl", "COMP_CWORD": "2"})
    assert r.stdout.split() == ["plain,--place"]


def test_license_is_mit_as_pyproject_says():
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License") and "WITHOUT WARRANTY" in text
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text()


# --- start-up ---------------------------------------------------------------------------------------

def test_piped_list_loads_neither_rich_nor_dateutil():
    code = ("import sys\nfrom iranfocus_cli.cli import main\nsys.argv = ['iranfocus', 'list']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(m for m in ('rich', 'dateutil', 'iranfocus_cli.parse', 'hashlib', 'pathlib',"
            " 'tempfile', 'shutil') if m in sys.modules))")
    warm = subprocess.run([sys.executable, "-m", "iranfocus_cli", "index"], capture_output=True, cwd=ROOT, env=os.environ)
    assert warm.returncode == 0
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=os.environ)
    assert p.returncode == 0 and p.stdout.startswith("id\tdate")
    assert p.stderr.strip() == ""


def test_console_entry_exits_with_the_commands_code_and_leaves_nothing(tmp_path):
    """The console entry (``run``) skips the interpreter's teardown: exit codes, messages,
    a closed pipe and a throwaway database's removal must all come out as with ``main``."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "IRANFOCUS_CACHE_DIR": str(tmp_path / "cache")}

    def go(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "iranfocus_cli", *args], capture_output=True, text=True,
                              cwd=ROOT, env=env)

    ok = go("--no-cache", "list", "--json")
    assert ok.returncode == 0 and len(json.loads(ok.stdout)) == 77
    assert [p.name for p in tmp_path.iterdir()] == []  # the throwaway database is gone
    missing = go("show", "nope")
    assert missing.returncode == 1 and missing.stderr.startswith("Error: no item with id 'nope'")
    bad = go("list", "--since", "never")
    assert bad.returncode == 2 and "--since" in bad.stderr
    none = go("grep", "zzzzqqq")
    assert none.returncode == 1 and len(none.stdout.splitlines()) <= 1  # at most the header
    p = subprocess.Popen([sys.executable, "-m", "iranfocus_cli", "--no-cache", "grep", "the"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=ROOT, env=env)
    assert p.stdout is not None and p.stdout.readline()
    p.stdout.close()  # the reader goes away mid-answer
    assert p.wait() == 0 and b"Traceback" not in p.stderr.read()
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == []


def test_closed_standard_streams(tmp_path):
    """Started with standard output closed (``>&-``): one line and exit 2, no traceback;
    with standard error closed, the answer still comes, and exit 0."""
    env = {**os.environ, "IRANFOCUS_CACHE_DIR": str(tmp_path / "cache")}
    py = f"'{sys.executable}' -m iranfocus_cli"
    shut = subprocess.run(["sh", "-c", f"{py} list >&-"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert shut.returncode == 2 and shut.stderr == "Error: standard output is closed\n"
    quiet = subprocess.run(["sh", "-c", f"{py} list 2>&-"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert quiet.returncode == 0 and quiet.stdout.startswith("id\tdate")
