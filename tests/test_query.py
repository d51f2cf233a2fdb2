"""Pure query functions over hand-built items."""

from __future__ import annotations

import datetime as dt

import pytest

from iranfocus_cli.errors import BadQuery
from iranfocus_cli.grep import compile_pattern, count_item, grep_item
from iranfocus_cli.model import Item
from iranfocus_cli.query import (
    FilterReport,
    Filters,
    filter_items,
    fold_captions,
    parse_bound,
    sort_items,
)


def mk(n, date=None, text="text", kind="article", title=None, source="a.txt", dup=None, people=()):
    return Item(id=f"a#{n}", kind=kind, source=source, line_start=n, line_end=n, title=title, byline=None,
                place=None, date=date, date_text=None, year_basis=None, text=text, people=people,
                duplicate_of=dup, text_lines=(n,))


ITEMS = [
    mk(1, "2018-01-25", "Supreme Leader Ali Khamenei spoke."),
    mk(2, "2018-02-01", "Khamenei\u2019s office said nothing."),
    mk(3, "--01-28", "Gérard Deprez chaired the meeting."),
    mk(4, None, "An undated byline piece about Rajavi."),
    mk(5, "2018-11", "Truckers strike in November.", kind="caption"),
    mk(6, "2017-12-30", "Old news from December."),
]


@pytest.mark.parametrize("text,end,expect", [
    ("2018", False, dt.date(2018, 1, 1)), ("2018", True, dt.date(2018, 12, 31)),
    ("2018-01", True, dt.date(2018, 1, 31)), ("Jan 2018", False, dt.date(2018, 1, 1)),
    ("2018-02", True, dt.date(2018, 2, 28)), ("2018-01-25", True, dt.date(2018, 1, 25)),
    ("January 25, 2018", False, dt.date(2018, 1, 25)),
])
def test_parse_bound(text, end, expect):
    assert parse_bound(text, end=end) == expect


@pytest.mark.parametrize("bad", ["yesterday-ish", "2018-13", "Jan 25", ""])
def test_parse_bound_rejects(bad):
    with pytest.raises(ValueError):
        parse_bound(bad, end=False)


def test_date_range_leaves_out_unknown_years_and_counts_them():
    rep = FilterReport()
    got = filter_items(ITEMS, Filters(since=dt.date(2018, 1, 1), until=dt.date(2018, 1, 31)), report=rep)
    assert [i.id for i in got] == ["a#1"]
    assert rep.unknown_year == 1 and rep.undated == 1


def test_unknown_year_match_uses_day_and_month():
    got = filter_items(ITEMS, Filters(since=dt.date(2018, 1, 26), until=dt.date(2018, 1, 31), unknown_year="match"))
    assert [i.id for i in got] == ["a#3"]


def test_month_precision_overlaps_range():
    got = filter_items(ITEMS, Filters(since=dt.date(2018, 11, 15)))
    assert [i.id for i in got] == ["a#5"]


def test_keywords_all_and_exclude_fold_case_accents_quotes():
    assert [i.id for i in filter_items(ITEMS, Filters(keywords=("gerard", "MEETING")))] == ["a#3"]
    assert [i.id for i in filter_items(ITEMS, Filters(keywords=("khamenei's",)))] == ["a#2"]
    assert [i.id for i in filter_items(ITEMS, Filters(keywords=("khamenei",), exclude=("office",)))] == ["a#1"]


def test_kind_source_dated():
    assert [i.id for i in filter_items(ITEMS, Filters(kinds=("caption",)))] == ["a#5"]
    assert [i.id for i in filter_items(ITEMS, Filters(dated=False))] == ["a#4"]
    assert filter_items(ITEMS, Filters(sources=("b*",))) == []
    assert len(filter_items(ITEMS, Filters(sources=("a.*",)))) == 6


def test_sort_by_date_oldest_first_undated_last():
    assert [i.id for i in sort_items(ITEMS)] == ["a#6", "a#1", "a#2", "a#5", "a#3", "a#4"]
    assert [i.id for i in sort_items(ITEMS, reverse=True)][-1] == "a#4"
    assert [i.id for i in sort_items(ITEMS, by="source", limit=2)] == ["a#1", "a#2"]


def test_grep_smart_case_accents_quotes():
    m = compile_pattern("khamenei's")
    assert [count_item(i, m) for i in ITEMS[:2]] == [0, 1]
    assert count_item(ITEMS[2], compile_pattern("Gerard Deprez")) == 1
    assert count_item(ITEMS[0], compile_pattern("KHAMENEI")) == 0  # capitals: case-sensitive
    assert count_item(ITEMS[0], compile_pattern("KHAMENEI", ignore_case=True)) == 1
    assert count_item(ITEMS[2], compile_pattern("Gerard", exact=True)) == 0


def test_grep_word_fixed_and_hits():
    assert count_item(ITEMS[1], compile_pattern("khamenei", word=True)) == 1
    assert count_item(ITEMS[0], compile_pattern("kham", word=True)) == 0
    assert count_item(mk(9, text="a.b a+b"), compile_pattern("a.b", fixed=True)) == 1
    hits = grep_item(ITEMS[0], compile_pattern("ali"), context=2)
    assert hits[0].to_dict() == {"id": "a#1", "date": "2018-01-25", "source": "a.txt", "line": 1,
                                 "pre": "Supreme Leader ", "match": "Ali", "post": " Khamenei spoke."}


@pytest.mark.parametrize("words", [1, 2, 3, 8])
def test_grep_context_is_the_text_itself(words):
    text = "First “quoted” words; then Khamenei\u2019s office,\nsaid Rouhani, probably.  Then the end"
    item = mk(9, text=text)
    for pattern in ("khamenei", "rouhani", "said", "first", "end"):
        for h in grep_item(item, compile_pattern(pattern), context=words):
            piece = h.pre + h.match + h.post
            assert piece in text
            start = text.index(piece)
            # context starts and ends where words do (or at the match itself)
            assert start == 0 or text[start - 1].isspace() or not h.pre
            end = start + len(piece)
            assert end == len(text) or text[end].isspace() or not h.post
            assert len(h.pre.split()) <= words and len(h.post.split()) <= words
    h = grep_item(item, compile_pattern("khamenei"), context=2)[0]
    assert (h.pre, h.match, h.post) == ("words; then ", "Khamenei", "\u2019s office,")


@pytest.mark.parametrize("text,end,expect", [
    ("13/06/2018", False, dt.date(2018, 6, 13)), ("06/13/2018", False, dt.date(2018, 6, 13)),
    ("13.06.2018", False, dt.date(2018, 6, 13)), ("06/06/2018", True, dt.date(2018, 6, 6)),
    ("2018/06/13", False, dt.date(2018, 6, 13)),
])
def test_parse_bound_numeric_dates_that_can_be_told_apart(text, end, expect):
    assert parse_bound(text, end=end) == expect


@pytest.mark.parametrize("bad,reason", [
    ("01/06/2018", "ambiguous"), ("12/11/2018", "ambiguous"), ("01/06/18", "four digits"),
    ("31/02/2018", "no such day"), ("2018-02-30", "no such day"), ("2018-13-01", "no such month"),
])
def test_parse_bound_refuses_numeric_dates_with_a_reason(bad, reason):
    with pytest.raises(ValueError) as e:
        parse_bound(bad, end=False)
    assert reason in e.value.args[0]


def test_ambiguous_date_names_both_iso_forms():
    with pytest.raises(ValueError) as e:
        parse_bound("01/06/2018", end=False)
    assert "2018-06-01" in e.value.args[1] and "2018-01-06" in e.value.args[1]


def test_bad_regex_is_bad_query():
    with pytest.raises(BadQuery):
        compile_pattern("(unclosed")


def test_fold_captions_counts_repeats():
    caps = [mk(1, kind="caption", text="x"), mk(2, kind="caption", text="x", dup="a#1"), mk(3, kind="caption")]
    groups = fold_captions(caps)
    assert [(g.first.id, g.count) for g in groups] == [("a#1", 2), ("a#3", 1)]
