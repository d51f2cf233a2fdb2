"""Years settled a page at a time (``dates.settle_years``, which the store streams its
pages through) decide exactly what the whole-corpus rounds decided.

``_reference`` is the year inference as it was when every page's evidence was held at
once; it stays here, unchanged, as the oracle.
"""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from iranfocus_cli import store as store_module
from iranfocus_cli.dates import (
    Mention,
    PageDates,
    PageYear,
    Vote,
    decide,
    era_of,
    find_mentions,
    own_year,
    page_votes,
    resolve_years,
    settle_years,
    timeline_offsets,
    valid_day,
    weekday_fits,
)
from iranfocus_cli.index import dates_load
from iranfocus_cli.store import open_store

from .conftest import ROOT

Page = tuple[PageDates, dict[int, str]]


def _reference(pages: list[Page], overrides: dict[int, int] | None = None) -> list[PageYear]:
    overrides = overrides or {}
    own = [page_votes(pd, None) for pd, _ in pages]
    first = [decide(v)[0] for v in own]
    era = era_of([y for y, (pd, _) in zip(first, pages, strict=False) if y is not None and pd.datelines])
    own = [page_votes(pd, era) for pd, _ in pages]
    results = []
    for v in own:
        year, reason = decide(v)
        results.append(PageYear(year, "page" if year else None, reason, v))
    for _round in range(3):
        known: dict[tuple[str, int, int], int] = {}
        for (pd, keys), res in zip(pages, results, strict=False):
            if res.year is None:
                continue
            for n, mo, d, _y in pd.datelines:
                if keys.get(n):
                    known.setdefault((keys[n], mo, d), res.year + pd.offsets.get(n, 0))
        changed = False
        for idx, ((pd, keys), res) in enumerate(zip(pages, results, strict=False)):
            if res.year is not None or not pd.datelines:
                continue
            extra = []
            for n, mo, d, _y in pd.datelines:
                y = known.get((keys.get(n, ""), mo, d))
                if y is not None:
                    extra.append(Vote(y - pd.offsets.get(n, 0), 2, "duplicate", f"same teaser dated {y}", n))
            if extra:
                year, reason = decide(own[idx] + extra)
                if year is not None:
                    results[idx] = PageYear(year, "duplicate", reason, own[idx] + extra)
                    changed = True
        if not changed:
            break
    for idx, year in overrides.items():
        if 0 <= idx < len(results):
            results[idx] = PageYear(year, "user", "set by the user", results[idx].votes)
    return results


def _streamed(pages: list[Page], overrides: dict[int, int] | None = None, own: bool = False) -> list[PageYear]:
    """settle_years as the store drives it, checking what it promises on the way
    (``own``: given each page's own_year, as the store keeps it)."""
    reads, reread = [0], []
    proven = [y for pd, _ in pages if (y := own_year(pd)) is not None] if own else None

    def read():
        reads[0] += 1
        return iter(pages)

    def again(i):
        reread.append(i)
        return pages[i][0]

    out: dict[int, PageYear] = {}
    first_pass = True
    for idx, pd, res, final, mine in settle_years(read, again, overrides, proven):
        if first_pass and idx != len(out):
            first_pass = False
        if first_pass:
            assert pd is pages[idx][0] and mine is not None and mine.votes == res.votes
            assert res == mine or (idx in (overrides or {}) and res.basis == "user")
        else:
            assert mine is None
            assert idx in out and final and res.votes and res.votes[-1].kind == "duplicate"
        if not final:
            assert res.year is None and res.basis is None
        out[idx] = res
    assert reads[0] <= (2 if own else 3) and sorted(out) == list(range(len(pages)))
    assert sorted(reread) == sorted(set(reread))  # a page gains a year once
    return [out[i] for i in range(len(pages))]


def _page(datelines, mentions, keys=None) -> Page:
    pd = PageDates(datelines=datelines, mentions=mentions)
    pd.offsets = timeline_offsets(datelines)
    return pd, keys or {}


# Few months, days and keys, so teasers recur and written dates fall near datelines.
MONTHS = st.sampled_from([1, 2, 12])
DAYS = st.sampled_from([1, 2, 29, 31])
KEYS = st.sampled_from(["", "a", "b", "c"])


@st.composite
def pages(draw) -> list[Page]:
    out = []
    for _ in range(draw(st.integers(0, 12))):
        datelines = []
        for n in range(1, draw(st.integers(0, 4)) + 1):
            mo, d = draw(MONTHS), draw(DAYS)
            if valid_day(mo, d):
                datelines.append((n, mo, d, draw(st.one_of(st.none(), st.none(), st.integers(2016, 2019)))))
        mentions = []
        for _ in range(draw(st.integers(0, 3))):
            n, mo, d = draw(st.integers(1, 5)), draw(MONTHS), draw(DAYS)
            year = draw(st.one_of(st.none(), st.integers(2015, 2020)))
            if valid_day(mo, d, year):
                wd = draw(st.integers(0, 6)) if year is None else draw(st.one_of(st.none(), st.integers(0, 6)))
                mentions.append((n, Mention(f"m{len(mentions)}", mo, d, year, wd)))
        pd = PageDates(datelines=datelines, mentions=mentions)
        if draw(st.booleans()):
            pd.offsets = timeline_offsets(datelines)
        else:
            pd.offsets = {n: draw(st.sampled_from([0, -1])) for n, *_ in datelines}
        out.append((pd, {n: draw(KEYS) for n in range(1, 6)}))
    return out


@settings(max_examples=400, deadline=None)
@given(pages(), st.dictionaries(st.integers(-1, 9), st.integers(2015, 2020), max_size=2))
def test_streamed_years_are_the_reference_years(ps, overrides):
    want = _reference(ps, overrides)
    assert resolve_years(ps, overrides) == want
    assert _streamed(ps, overrides) == want
    assert _streamed(ps, overrides, own=True) == want


def _dated(year: int, day: int = 19) -> Mention:
    return find_mentions(f"January {day}, {year}")[0]


def test_the_first_dated_page_in_corpus_order_lends_a_teaser_its_year():
    # Page 0 gains 2018 in the first round (teasers U1, U2 from page 1) and dates teaser T;
    # page 3 dates T 2017 on its own evidence. Page 4 (its evidence: a written 2018 and two
    # weekdays that fit no year of the era) is undecided with T from page 3 in the first
    # round, and takes 2018 for T from page 0, the first page dating it, in the second.
    wd = next(w for w in range(7) if not any(weekday_fits(Mention("", 1, 20, None, w), y, 1, 22)
                                             for y in range(2016, 2020)))
    nowhere = Mention("nowhere", 1, 20, None, wd)
    ps = [
        _page([(1, 1, 20, None), (2, 1, 21, None), (3, 1, 22, None)], [], {1: "U1", 2: "U2", 3: "T"}),
        _page([(1, 1, 20, None), (2, 1, 21, None)], [(1, _dated(2018))], {1: "U1", 2: "U2"}),
        _page([], []),
        _page([(1, 1, 22, None)], [(1, _dated(2017, 21))], {1: "T"}),
        _page([(1, 1, 22, None), (2, 1, 23, None)], [(1, nowhere), (1, nowhere), (2, _dated(2018, 22))], {1: "T"}),
    ]
    want = _reference(ps)
    assert [(r.year, r.basis) for r in want] == [(2018, "duplicate"), (2018, "page"), (None, None),
                                                 (2017, "page"), (2018, "duplicate")]
    assert _streamed(ps) == want == resolve_years(ps)
    with_user = _streamed(ps, {0: 2016, 4: 2019})
    assert with_user == _reference(ps, {0: 2016, 4: 2019})
    assert with_user[0].votes[-1].kind == "duplicate" and with_user[0].basis == "user"


def test_a_teaser_lends_its_year_along_a_chain_of_three_pages_at_most():
    chain = [_page([(1, 1, 20, None)], [(1, _dated(2018))], {1: "K0"})]
    chain += [_page([(1, 1, 20 + i, None), (2, 1, 21 + i, None)], [], {1: f"K{i}", 2: f"K{i + 1}"}) for i in range(5)]
    want = _reference(chain)
    assert [r.basis for r in want] == ["page", "duplicate", "duplicate", "duplicate", None, None]
    assert _streamed(chain) == want


def _files(st) -> list[tuple]:
    return st.db.execute("SELECT d.dates, f.year, f.basis, f.reason, f.votes FROM files f JOIN file_dates d"
                         " ON d.fid = f.fid WHERE f.status='ok' ORDER BY f.ord").fetchall()


def _check_store(st, overrides=None) -> None:
    rows = _files(st)
    want = _reference([dates_load(r[0]) for r in rows], overrides)
    got = [(r[1], r[2], r[3], json.loads(r[4])) for r in rows]
    assert got == [(py.year, py.basis, py.reason if dates_load(r[0])[0].datelines else "no datelines",
                    [[v.year, v.weight, v.kind, v.text, v.item, v.against] for v in py.votes])
                   for r, py in zip(rows, want, strict=True)]


def test_the_store_settles_years_as_the_reference_does(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--out", str(corpus), "--mb", "0.5",
                    "--seed", "3", "--per-dir", "10"], check=True, capture_output=True)
    monkeypatch.setattr(store_module, "BATCH", 40)  # the pages' dates are read 4 at a time
    st = open_store([str(corpus)])
    _check_store(st)
    assert {r[2] for r in _files(st)} >= {"page", "duplicate", None}
    fresh_dates = st.db.execute("SELECT id, date, year_basis FROM items ORDER BY id").fetchall()
    st.close()

    # an edit changes one page: its years, and those of the pages that wait on teasers, are settled again
    edited = sorted(corpus.rglob("*.txt"))[7]
    edited.write_text(edited.read_text() + "\nLondon, 20 Jan - Friday, January 19, 2018 was the day.\n")
    st = open_store([str(corpus)])
    _check_store(st)
    edited_dates = st.db.execute("SELECT id, date, year_basis FROM items ORDER BY id").fetchall()
    st.close()
    st = open_store([str(corpus)], rebuild=True)
    assert st.db.execute("SELECT id, date, year_basis FROM items ORDER BY id").fetchall() == edited_dates
    assert edited_dates != fresh_dates
    st.close()

    st = open_store([str(corpus)])
    stems = [r[0] for r in st.db.execute("SELECT stem FROM files WHERE status='ok' ORDER BY ord")]
    st.close()
    st = open_store([str(corpus)], years={stems[3]: 2011})
    _check_store(st, {3: 2011})
    st.close()
