"""The store: filters compiled to SQL agree with the plain Python rule (the oracle),
a filter without SQL fails loudly, ids resolve, and the cache version is derived."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from iranfocus_cli.errors import ItemNotFound
from iranfocus_cli.index import version_modules
from iranfocus_cli.people import canonical_names, person_matcher
from iranfocus_cli.query import FilterReport, Filters, filter_items
from iranfocus_cli.store import FILTER_SQL, Resolve, filter_sql, open_store

from .conftest import SEEDS

D = dt.date


@pytest.fixture(scope="module")
def store():
    st = open_store([str(SEEDS)], cache=False)
    yield st
    st.close()


@pytest.fixture(scope="module")
def everything(store):
    return list(store.select(Filters()))


RANGES = [(None, None), (D(2018, 1, 1), D(2018, 1, 31)), (D(2017, 6, 20), None), (None, D(2017, 12, 31)),
          (D(2018, 5, 1), D(2018, 7, 31))]
OTHERS = [
    {}, {"kinds": ("article",)}, {"kinds": ("caption",)}, {"keywords": ("iran", "regime")}, {"exclude": ("trump",)},
    {"keywords": ("khamenei's",)}, {"sources": ("00[01]*",)}, {"dated": True}, {"dated": False},
    {"persons": ("Rouhani",)}, {"persons": ("Rajavi", "Khamenei")}, {"keywords": ("truck drivers",), "kinds": ("caption",)},
]


@pytest.mark.parametrize("rng,other,mode", list(itertools.product(RANGES, OTHERS, ["skip", "match"])))
def test_store_agrees_with_the_oracle(store, everything, rng, other, mode):
    flt = Filters(since=rng[0], until=rng[1], unknown_year=mode, **other)
    match = person_matcher(canonical_names(store.people(), flt.persons)) if flt.persons else None
    want_report, got_report = FilterReport(), FilterReport()
    want = [it.id for it in filter_items(everything, flt, report=want_report, person_match=match)]
    got = [it.id for it in store.select(flt, report=got_report)]
    assert got == want
    assert got_report.unknown_year == want_report.unknown_year


def test_every_filter_has_sql():
    assert {f.name for f in dataclasses.fields(Filters)} == set(FILTER_SQL)


def test_a_filter_without_sql_fails_loudly(store):
    @dataclasses.dataclass(frozen=True)
    class MoreFilters(Filters):
        colour: str | None = None

    resolve = Resolve(lambda globs: [], store.people)
    with pytest.raises(NotImplementedError, match="colour"):
        filter_sql(MoreFilters(), resolve)
    with pytest.raises(NotImplementedError, match="colour"):
        list(store.select(MoreFilters(colour="red")))


def test_residual_is_only_what_sql_cannot_say(store):
    resolve = Resolve(lambda globs: [1], store.people)
    assert not filter_sql(Filters(kinds=("article",), since=D(2018, 1, 1), dated=True, sources=("x",)), resolve).residual
    assert filter_sql(Filters(keywords=("x",)), resolve).residual
    assert filter_sql(Filters(since=D(2018, 1, 1), unknown_year="match"), resolve).residual


def test_get_by_id_prefix_and_suggestions(store, everything):
    first = everything[0]
    assert store.get(first.id) == first
    assert store.get("003_c270d168d62968d9#9").id == "003_c270d168d62968d9#9"
    with pytest.raises(ItemNotFound, match="ambiguous"):
        store.get("003_c270d168d62968d9#")
    with pytest.raises(ItemNotFound, match="did you mean"):
        store.get("003_c270d168d62968d9#99")


def test_items_keep_every_model_field(store, everything):
    from iranfocus_cli.store import load_corpus

    corpus = load_corpus([str(SEEDS)])
    assert [it.to_dict() for it in corpus.items] == [it.to_dict() for it in everything]
    with_lines = [it for it in everything if it.text_lines]
    assert with_lines and all(isinstance(n, int) for it in with_lines for n in it.text_lines)
    assert any(it.mentions for it in everything)


def test_cache_version_covers_what_shapes_the_store_and_not_presentation():
    mods = set(version_modules())
    assert {"store", "index", "parse", "dates", "people", "people_data", "textnorm", "corpus", "model", "query"} <= mods
    assert not {"cli", "render", "output", "__main__"} & mods


def test_throwaway_database_is_removed():
    import os

    st = open_store([str(SEEDS)], cache=False)
    path = st.path
    assert st.temporary and os.path.exists(path)
    st.close()
    assert not os.path.exists(os.path.dirname(path))


@pytest.mark.parametrize("order,reverse,limit", [("date", False, None), ("date", True, None), ("source", False, 7),
                                                  ("source", True, None), ("date", True, 5)])
@pytest.mark.parametrize("kinds", [(), ("article",), ("caption",)])
def test_store_sorts_like_the_oracle(store, everything, order, reverse, limit, kinds):
    from iranfocus_cli.query import sort_items

    flt = Filters(kinds=kinds)
    want = sort_items(filter_items(everything, flt), by=order, reverse=reverse, limit=limit)
    got = list(store.select(flt, order=order, reverse=reverse, limit=limit))
    assert [it.id for it in got] == [it.id for it in want]
    got = list(store.select(Filters(kinds=kinds, keywords=("iran",)), order=order, reverse=reverse, limit=limit))
    want = sort_items(filter_items(everything, Filters(kinds=kinds, keywords=("iran",))), by=order, reverse=reverse,
                      limit=limit)
    assert [it.id for it in got] == [it.id for it in want]


@pytest.mark.parametrize("other", OTHERS)
@pytest.mark.parametrize("min_items,limit", [(1, None), (2, 5)])
def test_people_table_from_the_index_agrees_with_person_table(store, everything, other, min_items, limit):
    from iranfocus_cli.answers import people_records
    from iranfocus_cli.people import person_table

    flt = Filters(since=D(2017, 6, 1), **other) if other.get("kinds") == ("article",) else Filters(**other)
    match = person_matcher(canonical_names(store.people(), flt.persons)) if flt.persons else None
    items = filter_items(everything, flt, person_match=match)
    want = [{**r.to_dict(), "items": len(r.items), "ids": r.items}
            for r in person_table(store.people(), items, min_items=min_items)[:limit]]
    assert people_records(store, flt, min_items=min_items, limit=limit) == want


@pytest.mark.parametrize("other", OTHERS)
def test_unique_captions_from_the_index_agree_with_fold_captions(store, everything, other):
    from iranfocus_cli.answers import caption_records
    from iranfocus_cli.query import fold_captions

    flt = Filters(**{"kinds": ("caption",), **other})
    match = person_matcher(canonical_names(store.people(), flt.persons)) if flt.persons else None
    want = [g.to_dict() for g in fold_captions(filter_items(everything, flt, person_match=match))]
    assert caption_records(store, flt, unique=True) == want
    assert caption_records(store, Filters(kinds=("caption",), since=D(2018, 5, 1)), unique=True) == [
        g.to_dict() for g in fold_captions(filter_items(everything, Filters(kinds=("caption",), since=D(2018, 5, 1))))]


@pytest.mark.parametrize("word", ["khamenei", "iran", "rajavi", "trump", "an", "2018", "ali", "s", "zzz", "Gerard deprez"])
@pytest.mark.parametrize("kinds", [(), ("caption",)])
def test_word_counts_from_the_index_agree_with_the_text(store, everything, word, kinds):
    from iranfocus_cli.grep import compile_pattern, count_item, grep_counts

    m = compile_pattern(word)
    flt = Filters(kinds=kinds)
    want = [(it.id, count_item(it, m)) for it in filter_items(everything, flt) if count_item(it, m)]
    assert grep_counts(store, flt, m) == want
    if m.literal and " " not in m.literal:
        assert store.count_word(m.literal, store.compile(flt)) in (None, want)


def test_plain_words_are_counted_from_the_index(store):
    assert store.count_word("khamenei", store.compile(Filters()))
    assert store.count_word("gerard deprez", store.compile(Filters())) is None


@pytest.mark.parametrize("others", OTHERS)
@pytest.mark.parametrize("order,reverse,limit", [("date", False, None), ("date", True, 9), ("source", False, None)])
def test_records_of_some_fields_are_those_of_whole_items(store, others, order, reverse, limit):
    """A table's records (just the fields its cells read, from those columns) are the
    whole items' records cut to those fields, in the same order, with the same note."""
    from iranfocus_cli.answers import list_records
    from iranfocus_cli.render import ITEMS_VIEW

    fields = [*ITEMS_VIEW.fields, "people", "furniture"]  # tuple fields too
    assert "words" in fields  # kept in a column of its own
    for since, until in RANGES[:3]:
        flt = Filters(since=since, until=until, **others)
        whole_report, some_report = FilterReport(), FilterReport()
        whole = [{k: list(v) if isinstance(v, tuple) else v for k in fields for v in [getattr(it, k)]}
                 for it in store.select(flt, order=order, reverse=reverse, limit=limit, report=whole_report)]
        assert all(r["words"] == len(r["text"].split()) for r in whole)
        some = list(list_records(store, flt, sort_by=order, reverse=reverse, limit=limit, report=some_report,
                                 fields=fields))
        assert some == whole and some_report == whole_report
