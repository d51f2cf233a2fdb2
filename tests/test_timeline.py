"""Timelines, on hand-made dates with hand-computed figures, and their chart."""

from __future__ import annotations

import pytest

from iranfocus_cli.timeline import build_timeline, chart_lines, period_of, period_span, periods_between


@pytest.mark.parametrize("date, by, period", [
    ("2018-01-25", "day", "2018-01-25"), ("2018-01-25", "week", "2018-W04"), ("2018-01-25", "month", "2018-01"),
    ("2018-01-25", "year", "2018"), ("2018-06", "month", "2018-06"), ("2018-06", "day", "no day"),
    ("2018-06", "year", "2018"), ("2018", "month", "no month"), ("2018", "year", "2018"),
    ("--06-25", "month", "unknown year"), ("--06-25", "year", "unknown year"), (None, "day", "no date"),
])
def test_period_of_keeps_each_date_at_its_precision(date, by, period):
    assert period_of(date, by) == period


def test_empty_periods_are_zero_and_unknown_years_stand_apart():
    t = build_timeline({"Rouhani": ["2017-03-02", "2017-05-19", "2017-05-20", "--05-19", None]},
                       ["2017-03-02", "2017-03-09", "2017-05-19", "2017-05-20", "2017-05-21", "--05-19", None, None],
                       "month")
    assert [(r.period, r.counts, r.total, r.shares) for r in t.rows] == [
        ("2017-03", (1,), 2, (0.5,)), ("2017-04", (0,), 0, (None,)), ("2017-05", (2,), 3, (0.6667,))]
    assert [(r.period, r.counts, r.total) for r in t.lines] == [("unknown year", (1,), 1), ("no date", (1,), 2)]


def test_weeks_cross_the_new_year():
    assert periods_between("2018-W52", "2019-W02", "week") == ["2018-W52", "2019-W01", "2019-W02"]
    assert periods_between("2019-12", "2020-02", "month") == ["2019-12", "2020-01", "2020-02"]


def test_counts_per_date_give_the_same_timeline_as_one_date_per_item():
    dates = ["2018-01-02", "2018-01-02", "2018-03", "2018", "--02-20", None, "2018-03-05"]
    totals = dates + ["2018-02-01", "2018-01-31"]
    weighted = build_timeline({"s": {"2018-01-02": 2, "2018-03": 1, "2018": 1, "--02-20": 1, None: 1, "2018-03-05": 1}},
                              {d: totals.count(d) for d in set(totals)}, "month")
    assert weighted == build_timeline({"s": dates}, totals, "month")
    assert [(r.period, r.counts) for r in weighted.rows] == [("2018-01", (2,)), ("2018-02", (0,)), ("2018-03", (2,))]
    assert [r.period for r in weighted.lines] == ["no month", "unknown year", "no date"]
    day = build_timeline({"s": dates}, totals, "day")
    assert [(r.period, r.counts) for r in day.lines] == [("no month", (1,)), ("no day", (1,)), ("unknown year", (1,)),
                                                         ("no date", (1,))]


def test_records_are_flat_with_the_span_of_each_period():
    tl = build_timeline({"a": ["2018-01-02"], "b": ["2018-02-03", None]}, ["2018-01-02", "2018-02-03"], "month")
    recs = list(tl.records())
    assert [(r["series"], r["period"], r["count"], r["total"], r["share"]) for r in recs] == [
        ("a", "2018-01", 1, 1, 1.0), ("a", "2018-02", 0, 1, 0.0), ("a", "no date", 0, 0, None),
        ("b", "2018-01", 0, 1, 0.0), ("b", "2018-02", 1, 1, 1.0), ("b", "no date", 1, 0, None)]
    assert (recs[1]["start"], recs[1]["end"]) == ("2018-02-01", "2018-02-28") and recs[2]["start"] is None
    assert tl.matched == 3


@pytest.mark.parametrize("label, by, span", [
    ("2016", "year", ("2016-01-01", "2016-12-31")), ("2016-02", "month", ("2016-02-01", "2016-02-29")),
    ("2018-W01", "week", ("2018-01-01", "2018-01-07")), ("2018-01-25", "day", ("2018-01-25", "2018-01-25")),
    ("unknown year", "month", (None, None)),
])
def test_period_span(label, by, span):
    assert period_span(label, by) == span


def test_bar_chart_fits_and_scales_every_series_alike():
    tl = build_timeline({"Hassan Rouhani": ["2017-03-02"] * 4 + ["--05-01"], "Ali Khamenei": ["2017-05-01"] * 8},
                        ["2017-03-02"] * 8 + ["2017-05-01"] * 10 + ["--05-01"] * 3, "month")
    lines = chart_lines(tl, 60, what="stories")
    assert max(map(len, lines)) <= 60
    assert lines[0].startswith("Hassan Rouhani: stories per month") and lines[1].split() == [
        "period", "count", "total", "share"]
    rouhani = [line.split() for line in lines[2:6]]
    assert rouhani == [["2017-03", "4", "8", "50.00%", lines[2].split()[-1]], ["2017-04", "0", "0"],
                       ["2017-05", "0", "10", "0.00%"], ["unknown", "year", "1", "3", "33.33%"]]
    khamenei = [line.split() for line in lines[9:12]]
    assert khamenei[2][:4] == ["2017-05", "8", "10", "80.00%"]
    # one scale, to an eighth of a cell: the widest bar fills the 27 cells left, 4 of 8 fill half
    assert khamenei[2][4] == "\u2588" * 27 and rouhani[0][4] == "\u2588" * 13 + "\u258c"


def test_many_periods_make_one_sparkline_per_series_within_the_width():
    days = [f"2018-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 15)]
    tl = build_timeline({"a": days, "b": days[:3]}, days, "day")
    lines = chart_lines(tl, 80)
    assert max(map(len, lines)) <= 80 and len(lines) == 5
    a, b = lines[2], lines[3]
    assert a.startswith("a |") and a.endswith("| 24 in all") and b.endswith("| 3 in all")
    assert lines[4].split() == ["2018-01-01", "2018-12-15"]
