"""timeline and collocates over the store and through the command line, on the seeds."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pytest
from click.testing import CliRunner

from iranfocus_cli.attention import date_counts, timeline_for, totals_for
from iranfocus_cli.cli import cli
from iranfocus_cli.grep import compile_pattern
from iranfocus_cli.query import Filters, parse_bound
from iranfocus_cli.store import open_store
from iranfocus_cli.timeline import period_span, periods_between

from .conftest import SEEDS


def run(*args, env=None):
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


def export(*args):
    r = run("export", *args)
    assert r.exit_code == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def month_of(date):
    """The line or month an exported item's date counts in, worked out by hand."""
    if date is None:
        return "no date"
    if date.startswith("--"):
        return "unknown year"
    return date[:7] if len(date) >= 7 else "no month"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store([str(SEEDS)], cache=False)
    yield s
    s.close()


@pytest.mark.parametrize("person, unique", [("Rouhani", ["--unique"]), ("Khamenei", ["--unique"]), ("Rouhani", [])])
def test_timeline_by_month_is_the_count_of_exported_items_by_hand(person, unique):
    copies = [] if unique else ["--copies"]
    r = run("timeline", "--by", "month", "--person", person, "--json", *copies)
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    mine = Counter(month_of(x["date"]) for x in export("--person", person, *unique))
    every = Counter(month_of(x["date"]) for x in export(*unique))
    months = [x["period"] for x in rows if x["start"]]
    known = sorted(p for p in mine if p[0].isdigit())
    assert months[0] == known[0] and months[-1] == known[-1]
    assert months == periods_between(known[0], known[-1], "month")  # every month between, the empty ones too
    for x in rows:
        assert x["count"] == mine.get(x["period"], 0), x
        assert x["total"] == every.get(x["period"], 0), x
        assert x["share"] == (round(x["count"] / x["total"], 4) if x["total"] else None), x
    lines = {x["period"]: x["count"] for x in rows if not x["start"]}
    assert lines == {p: n for p, n in mine.items() if not p[0].isdigit()}
    assert any(x["count"] == 0 and x["total"] == 0 and x["share"] is None for x in rows)


def test_unknown_years_have_their_own_line_and_are_not_spread():
    rows = json.loads(run("timeline", "--person", "Khamenei", "--json", "--by", "year").stdout)
    unknown = [x for x in rows if x["period"] == "unknown year"]
    assert unknown and unknown[0]["count"] == sum(
        1 for x in export("--person", "Khamenei", "--unique") if (x["date"] or "").startswith("--"))
    assert unknown[0]["start"] is None and unknown[0]["total"] > 0
    assert sum(x["count"] for x in rows) == len(export("--person", "Khamenei", "--unique"))


def test_one_series_per_person_and_per_pattern():
    rows = json.loads(run("timeline", "--person", "Rouhani", "--person", "Trump", "khamenei", "--json").stdout)
    assert [s for s in dict.fromkeys(x["series"] for x in rows)] == ["Hassan Rouhani", "Donald Trump", "khamenei"]
    by = {(x["series"], x["period"]): x["count"] for x in rows}
    grep_ids = {line.split(":")[0] for line in run("grep", "-c", "khamenei").stdout.split()}
    hand = Counter(month_of(x["date"]) for x in export("--unique") if x["id"] in grep_ids)
    assert {p: n for (s, p), n in by.items() if s == "khamenei" and n} == +hand


def test_keywords_filter_every_series_and_name_the_only_one():
    rows = json.loads(run("timeline", "-k", "Khamenei", "--json", "--copies").stdout)
    assert {x["series"] for x in rows} == {"Khamenei"}
    hand = Counter(month_of(x["date"]) for x in export("-k", "Khamenei"))
    assert {x["period"]: x["count"] for x in rows if x["count"]} == +hand
    both = json.loads(run("timeline", "--person", "Trump", "-k", "Putin", "--json", "--copies").stdout)
    assert sum(x["count"] for x in both) == len(export("--person", "Trump", "-k", "Putin"))


@pytest.mark.parametrize("flt", [
    Filters(keywords=("khamenei",)), Filters(keywords=("Iran",), unique=True), Filters(keywords=("strike", "truck")),
    Filters(keywords=("khamenei",), exclude=("rouhani",)), Filters(exclude=("iran",), unique=True),
    Filters(keywords=("zzzz",)), Filters(keywords=("khamenei's",)), Filters(keywords=("e",)),
    Filters(keywords=("khamenei",), kinds=("caption",)), Filters(keywords=("london",)), Filters(exclude=("london",)),
])
def test_counts_from_the_index_are_those_of_the_items(store, flt):
    # date_counts answers plain words from the text index; select checks every item
    assert date_counts(store, flt) == Counter(it.date for it in store.select(flt))


@pytest.mark.parametrize("pattern, kw", [("khamenei", {}), ("Khamenei", {"ignore_case": True}),
                                         ("khamene[i]", {}), ("Khamenei", {}), ("rajavi", {"word": True})])
def test_a_pattern_series_counts_the_items_grep_finds(store, pattern, kw):
    from iranfocus_cli.grep import count_item

    m = compile_pattern(pattern, **kw)
    for unique in (False, True):
        flt = Filters(unique=unique)
        hand = Counter(it.date for it in store.select(flt, extra=lambda it: count_item(it, m) > 0)
                       if count_item(it, m) > 0)
        assert date_counts(store, flt, matcher=m) == hand


def test_totals_are_every_item_of_the_kinds_and_sources_in_the_range(store):
    flt = Filters(kinds=("article",), since=parse_bound("2018-01-20", end=False), until=parse_bound("2018-02", end=True))
    assert totals_for(store, replace(flt, keywords=("khamenei",))) == Counter(
        it.date for it in store.select(Filters(kinds=("article",), since=flt.since, until=flt.until)))
    match = replace(flt, unknown_year="match")
    assert totals_for(store, match) == Counter(it.date for it in store.select(
        Filters(kinds=("article",), since=flt.since, until=flt.until, unknown_year="match")))
    tl = timeline_for(store, flt, by="month", copies=True)
    assert [r.period for r in tl.rows] == ["2018-01", "2018-02"]
    jan = tl.rows[0]
    assert jan.total == sum(1 for it in store.select(Filters(kinds=("article",), since=flt.since, until=flt.until))
                            if it.date.startswith("2018-01"))


def test_a_date_range_says_what_it_left_out_per_series():
    r = run("timeline", "--person", "Trump", "--person", "Khamenei", "--since", "2018-01", "--until", "2018-06")
    assert r.exit_code == 0
    assert "Donald Trump: note: the date range left out" in r.stderr and "unknown year" in r.stderr


def test_json_csv_and_lines_carry_the_same_numbers():
    args = ("timeline", "--person", "Trump", "--by", "year")
    rows = json.loads(run(*args, "--json").stdout)
    import csv
    import io

    cs = list(csv.DictReader(io.StringIO(run(*args, "--csv").stdout)))
    tsv = [dict(zip(["series", "period", "start", "end", "count", "total", "share"], line.split("\t")))
           for line in run(*args).stdout.splitlines()[1:]]
    for a, b, c in zip(rows, cs, tsv):
        assert (a["period"], str(a["count"]), str(a["total"])) == (b["period"], b["count"], b["total"]) == (
            c["period"], c["count"], c["total"])
        assert b["share"] == c["share"] == ("" if a["share"] is None else str(a["share"]))
    assert len(rows) == len(cs) == len(tsv)
    assert [(x["start"], x["end"]) for x in rows if x["start"]] == [period_span(x["period"], "year") for x in rows
                                                                     if x["start"]]


@pytest.mark.parametrize("args", [
    ("--person", "Trump"), ("--person", "Trump", "--person", "Khamenei", "--by", "year"),
    ("--by", "day"), ("--by", "week", "--person", "Trump", "--person", "Rajavi", "--person", "Khamenei"),
])
def test_the_chart_fits_80_columns_and_shows_the_json_numbers(args):
    env = {"COLUMNS": "80"}
    r = run("timeline", "--chart", *args, env=env)
    lines = r.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 80
    assert "\x1b" not in r.stdout
    rows = json.loads(run("timeline", "--json", *args).stdout)
    bars = [line.split() for line in lines if line[:4].isdigit() or line.startswith(("unknown", "no "))]
    if "|" in r.stdout:  # sparklines: each series' sum is shown
        for name in dict.fromkeys(x["series"] for x in rows):
            total = sum(x["count"] for x in rows if x["series"] == name and x["start"])
            assert any(line.startswith(name[:24]) and f"| {total} in all" in line for line in lines)
        return
    for name in dict.fromkeys(x["series"] for x in rows):
        want = [x for x in rows if x["series"] == name]
        got, bars = bars[:len(want)], bars[len(want):]
        for x, cells in zip(want, got):
            k = 2 if x["period"] in ("unknown year", "no date", "no month", "no day") else 1
            assert cells[k:k + 2] == [str(x["count"]), str(x["total"])], (x, cells)
            share = cells[k + 2] if len(cells) > k + 2 and cells[k + 2].endswith("%") else ""
            assert share == ("" if x["share"] is None else f"{x['share'] * 100:.2f}%")


def test_nothing_matched_is_exit_code_1_and_bad_input_2():
    assert run("timeline", "zzzzqqq").exit_code == 1
    assert run("timeline", "--by", "fortnight").exit_code == 2
    assert run("timeline", "(bad").exit_code == 2
    assert run("timeline", "--person", "Nobody Atall").exit_code in (1, 2)


def test_collocates_of_a_person_and_of_a_phrase():
    r = run("collocates", "--person", "Rouhani", "--min", "2", "--json")
    rows = json.loads(r.stdout)
    assert r.exit_code == 0 and rows[0]["word"] == "president"
    assert all(x["word"] not in ("rouhani", "rohani", "hassan") for x in rows)
    assert "Hassan Rouhani: 8 occurrence(s)" in r.stderr
    rows = json.loads(run("collocates", "truck drivers", "--window", "4", "--json").stdout)
    assert {"nationwide", "strike", "heavy"} <= {x["word"] for x in rows[:4]}
    unique = run("collocates", "truck drivers", "--window", "4", "--json", "--unique")
    assert json.loads(unique.stdout)[0]["observed"] < rows[0]["observed"]
    assert run("collocates", "zzzzqqq").exit_code == 1
    assert run("collocates").exit_code == 2


@pytest.mark.parametrize("flt", [Filters(), Filters(kinds=("caption",)), Filters(keywords=("truck drivers",)),
                                 Filters(unique=True)])
def test_the_texts_collocates_read_are_those_grep_searches(store, flt):
    from iranfocus_cli.attention import node_texts
    from iranfocus_cli.collocates import node_forms
    from iranfocus_cli.index import grep_fields

    forms = node_forms("strike")
    want = [t for it in store.select(flt, needles=["strike"]) for _, t in grep_fields(it)]
    assert sorted(node_texts(store, flt, forms)) == sorted(want) and want


def test_a_person_asked_twice_is_one_series_and_a_pattern_keeps_its_own():
    rows = json.loads(run("timeline", "--person", "Rouhani", "--person", "Rohani", "Hassan Rouhani", "--json",
                          "--by", "year").stdout)
    assert list(dict.fromkeys(x["series"] for x in rows)) == ["Hassan Rouhani", "Hassan Rouhani (pattern)"]
