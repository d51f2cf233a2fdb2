"""Timelines and collocates, on hand-made data with hand-computed figures."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from iranfocus_cli.collocates import find_collocates, tokens
from iranfocus_cli.timeline import build_timeline, period_of, periods_between


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


def test_collocates_measures_match_the_hand_computation():
    texts = ["alpha beta node gamma", "delta node beta"]
    freq = Counter(tok for t in texts for tok in tokens(t))
    n = sum(freq.values())                                  # 7 tokens
    got = {c.word: c for c in find_collocates(texts, "node", frequency=freq, corpus_tokens=n, window=1, min_count=1)}
    beta = got["beta"]
    w = 4                                                   # tokens inside the windows
    expected = w * 2 / n                                    # E = W * f / N = 8/7
    assert beta.observed == 2 and beta.expected == pytest.approx(expected)
    assert beta.mi == pytest.approx(math.log2(2 / expected))
    e11, e12, e22 = 4 * 2 / 7, 4 * 5 / 7, 3 * 5 / 7        # margins: window 4 of 7 tokens, beta 2 of 7
    ll = 2 * (2 * math.log(2 / e11) + 2 * math.log(2 / e12) + 3 * math.log(3 / e22))
    assert beta.ll == pytest.approx(ll)
    assert list(got) == ["beta", "delta", "gamma"]          # ranked by log-likelihood, then count, then word
    assert "node" not in got and "alpha" not in got


def test_collocates_leave_out_stop_words_unless_asked():
    texts = ["the strike spread to the city", "the strike ended"]
    freq = Counter(tok for t in texts for tok in tokens(t))
    words = [c.word for c in find_collocates(texts, "strike", frequency=freq, corpus_tokens=9, window=2, min_count=1)]
    assert "the" not in words and "spread" in words
    kept = find_collocates(texts, "strike", frequency=freq, corpus_tokens=9, window=2, min_count=1, keep_stop_words=True)
    assert "the" in [c.word for c in kept]
