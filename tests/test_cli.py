"""The command line through CliRunner: output shapes, errors and exit codes."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from iranfocus_cli.cli import cli

from .conftest import SEEDS


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_every_command_has_help_with_an_example():
    for name, cmd in cli.commands.items():
        assert cmd.help and "iranfocus " in cmd.help.split("Example")[-1], name
    r = run("--help")
    assert r.exit_code == 0 and "Examples" in r.stdout


def test_export_jsonl_has_every_spec_field():
    r = run("export", "--format", "jsonl")
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 143
    need = {"id", "kind", "source", "line_start", "line_end", "title", "byline", "place", "date", "date_text",
            "year_basis", "text", "people", "duplicate_of"}
    assert all(need <= set(r) for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)


def test_export_json_and_csv():
    arr = json.loads(run("export", "--format", "json", "--kind", "caption").stdout)
    assert arr and all(x["kind"] == "caption" for x in arr)
    csv_out = run("export", "--format", "csv", "--limit-not-an-option") if False else run("export", "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("id,kind,source,line_start")


def test_list_json_is_sorted_articles():
    r = run("list", "--json")
    arr = json.loads(r.stdout)
    assert all(x["kind"] == "article" for x in arr)
    dated = [x["date"] for x in arr if x["date"] and not x["date"].startswith("--")]
    assert dated == sorted(dated)
    assert arr[-1]["date"] is None


def test_list_date_range_and_note():
    r = run("list", "--since", "2018-01-20", "--until", "2018-01", "--json")
    arr = json.loads(r.stdout)
    assert arr and all("2018-01-20" <= x["date"] <= "2018-01-31" for x in arr)
    r2 = run("list", "--since", "Feb 2018", "--until", "2018-02")
    assert "unknown year" in r2.stderr


def test_list_table_plain_when_piped():
    r = run("list", "--limit", "3")
    lines = r.stdout.splitlines()
    assert lines[0].split("\t") == ["id", "date", "place/byline", "headline", "words"]
    assert len(lines) == 4 and "\x1b" not in r.stdout


def test_bad_date_is_usage_error():
    r = run("list", "--since", "not-a-date")
    assert r.exit_code == 2 and "not-a-date" in r.stderr


def test_show_item_and_prefix_and_unknown():
    r = run("show", "003_c270d168d62968d9#9")
    assert r.exit_code == 0 and "MEK Inspired Iranian Uprising" in r.stdout and "Jubin Katiraie" in r.stdout
    j = json.loads(run("show", "--json", "003_c270d168d62968d9#9").stdout)
    assert j["byline"] == "Jubin Katiraie"
    r = run("show", "003_c270d168d62968d9#99")
    assert r.exit_code == 1 and r.stderr.startswith("Error: no item") and "did you mean" in r.stderr
    assert "Traceback" not in r.stderr
    r = run("show", "004_439be52d8a4ed63d#7")
    assert r.exit_code == 0


def test_show_lists_repeats():
    j = json.loads(run("show", "--json", "003_c270d168d62968d9#41").stdout)
    assert j["duplicate_of"] == "000_c14d0114e5c73173#32" and "000_c14d0114e5c73173#32" in j["repeats"]


def test_grep_json_kwic_and_exit_codes():
    r = run("grep", "--json", "Gerard Deprez")
    rows = json.loads(r.stdout)
    assert r.exit_code == 0 and rows[0]["match"] == "Gérard Deprez"
    assert set(rows[0]) == {"id", "date", "source", "line", "pre", "match", "post"}
    assert run("grep", "zzzz-nothing").exit_code == 1
    r = run("grep", "(bad")
    assert r.exit_code == 2 and "bad regex" in r.stderr


def test_grep_quotes_and_counts_and_ids():
    straight = run("grep", "-c", "khamenei's").stdout
    assert "001_de5385de09d5271a#10\t1" in straight.splitlines()
    ids = run("grep", "-l", "-w", "rajavi").stdout.split()
    assert "000_c14d0114e5c73173#14" in ids
    assert run("grep", "--exact", "-c", "khamenei's").exit_code == 1


def test_captions_unique():
    r = run("captions", "--unique", "--json")
    arr = json.loads(r.stdout)
    kaz = [x for x in arr if x["text"].startswith("Public execution in Kazerun")]
    assert len(kaz) == 1 and kaz[0]["count"] == 2


def test_missing_corpus_path_is_error():
    r = run("--corpus", "/no/such/path", "list")
    assert r.exit_code == 2 and "does not exist" in r.stderr and "Traceback" not in r.stderr


def test_year_override(tmp_path):
    r = run("--year", "001_de5385de09d5271a.txt=2017", "show", "--json", "001_de5385de09d5271a#1")
    j = json.loads(r.stdout)
    assert j["date"] == "2017-02-20" and j["year_basis"] == "user"
    r = run("--year", "nosuch.txt=2017", "list")
    assert r.exit_code == 2 and "no file" in r.stderr
    assert run("--year", "garbage", "list").exit_code == 2


def test_sidecar_year_file(tmp_path):
    import shutil

    shutil.copy(SEEDS / "001_de5385de09d5271a.txt", tmp_path)
    (tmp_path / "iranfocus.toml").write_text('[years]\n"001_de5385de09d5271a.txt" = 2017\n')
    j = json.loads(run("--corpus", str(tmp_path), "list", "--json", "--limit", "1").stdout)
    assert j[0]["date"].startswith("2017-") and j[0]["year_basis"] == "user"


def test_pages_command():
    r = run("pages", "--json")
    arr = json.loads(r.stdout)
    assert [p["layout"] for p in arr] == ["listing"] * 4 + ["article"]
    assert arr[0]["year"] == 2018 and arr[1]["year"] is None
    assert "5 loaded, 0 skipped" in r.stderr


def test_people_json_shape():
    r = run("people", "--json", "--min", "2")
    arr = json.loads(r.stdout)
    assert arr and {"name", "variants", "mentions", "items", "ids"} <= set(arr[0])
    assert all(p["items"] == len(p["ids"]) >= 2 for p in arr)


def test_person_filter_matches_all_variants():
    arr = json.loads(run("list", "--person", "Rohani", "--json").stdout)
    assert arr and all("Hassan Rouhani" in x["people"] for x in arr)
    r = run("list", "--person", "Nobody Atall")
    assert r.exit_code in (1, 2) and "no person matches" in r.stderr


def test_people_with():
    r = run("people", "--with", "Trump", "--json")
    arr = json.loads(r.stdout)
    assert any(x["name"] == "Vladimir Putin" for x in arr)


@pytest.mark.parametrize("cmd", [["list"], ["grep", "iran"], ["export"], ["people"]])
def test_filters_are_shared(cmd):
    r = run(*cmd, "--kind", "article", "--source", "003*", "--keyword", "bolton", "--place", "london",
            "--byline", "x", "--unique", "--json")
    assert r.exit_code in (0, 1) and "Error" not in r.stderr
    r = run(*cmd, "--kind", "article", "--source", "003*", "--keyword", "bolton", "--json")
    assert r.exit_code == 0


def test_captions_take_the_shared_filters_but_not_kind():
    r = run("captions", "--source", "00[03]*", "--keyword", "strike", "--place", "yazd", "--unique", "--json")
    arr = json.loads(r.stdout)
    assert r.exit_code == 0 and arr and all("Yazd" in x["place"] for x in arr)
    assert "--kind" not in run("captions", "--help").stdout


def test_markup_in_corpus_is_printed_literally(tmp_path):
    page = "Iran Focus\n\nLondon, 02 Feb - [bold red]Hi[/bold red] \x1b[31mred\x1b]8;;http://x\x07link\n"
    (tmp_path / "evil.txt").write_text(page)
    r = run("--corpus", str(tmp_path), "list")
    assert "[bold red]Hi[/bold red]" in r.stdout and "\x1b" not in r.stdout and "\x07" not in r.stdout


def test_click_exceptions_are_one_line():
    r = run("grep")
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit)
    assert isinstance(click.get_current_context(silent=True), type(None))


def test_grep_person_highlights_every_spelling():
    rows = json.loads(run("grep", "--person", "Hassan Rouhani", "--json").stdout)
    assert {"Hassan Rouhani", "Rouhani", "Rohani"} <= {r["match"] for r in rows}
    counts = run("grep", "-c", "--person", "Janati").stdout.splitlines()
    assert counts == ["id\tcount", "004_439be52d8a4ed63d#4\t5"]
    withpat = json.loads(run("grep", "--person", "Rohani", "--json", "government").stdout)
    assert {"government", "Rohani"} <= {r["match"] for r in withpat}
    assert run("grep").exit_code == 2


@pytest.mark.parametrize("cmd", [("list", "--json"), ("grep", "--json", "Rajavi"), ("export", "--format", "json")])
def test_a_bad_query_fails_before_any_output(cmd):
    """Records are streamed, but the query is checked first: no half-written JSON."""
    r = run(*cmd, "--person", "Nobody At All")
    assert r.exit_code == 1 and r.stdout == "" and "no person matches" in r.stderr


def test_streamed_grep_hits_and_rows_are_counted_for_the_exit_code():
    assert run("grep", "Rajavi").exit_code == 0
    assert run("grep", "--json", "no such word anywhere").exit_code == 1
    r = run("grep", "no such word anywhere")
    assert r.exit_code == 1 and r.stdout.splitlines() == ["id\tdate\tline\tpre\tmatch\tpost"]
