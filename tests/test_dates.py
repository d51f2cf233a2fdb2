"""Datelines, caption dates and year inference."""

from __future__ import annotations

import pytest

from iranfocus_cli.dates import (
    PageDates,
    decide,
    find_caption_date,
    find_mentions,
    iso_date,
    page_votes,
    parse_dateline,
    resolve_years,
    timeline_offsets,
)


@pytest.mark.parametrize("line,place,day,month,text", [
    ("London, 02 Feb - Despite", "London", 2, 2, "02 Feb"),
    ("London, 8\u00a0Feb - As Trump", "London", 8, 2, "8 Feb"),
    ("London, 18 Feb -\u00a0 Repeated", "London", 18, 2, "18 Feb"),
    ("London, 13 July - US Deputy", "London", 13, 7, "13 July"),
    ("Paris, Feb 3 \u2013 lead", "Paris", 3, 2, "Feb 3"),
])
def test_parse_dateline(line, place, day, month, text):
    d = parse_dateline(line)
    assert d is not None and (d.place, d.day, d.month, d.date_text) == (place, day, month, text)
    assert d.year is None


def test_dateline_rejects_prose_and_bad_days():
    assert parse_dateline("In London, the 02 Feb protests - were big") is None
    assert parse_dateline("London, 31 Feb - no such day") is None
    assert parse_dateline("London, 02 Feb 2018 - with a year").year == 2018


@pytest.mark.parametrize("caption,iso,text", [
    ("Yazd, Iran. May 22, 2018, the Nationwide Strike", "2018-05-22", "May 22, 2018"),
    ("Iran,Isfahan, Apr. 10, 2018. Farmers' Protest", "2018-04-10", "Apr. 10, 2018"),
    ("Iran 22 August 2017: Hundreds of retirees", "2017-08-22", "22 August 2017"),
    ("Iran, Tehran \u2013 Chants, June 25", "--06-25", "June 25"),
    ("Ahvaz, 29 Mar, Peaceful Demonstration", "--03-29", "29 Mar"),
    ("IRAN, AHVAZ, Mar 27&28 People Clash", "--03-27", "Mar 27&28"),
    ("Iran. November, 2018. Eleventh Day", "2018-11", "November, 2018"),
    ("Execution in public in Qeshm- 23 November", "--11-23", "23 November"),
    ("Public execution in Kazerun, Iran - August 11, 2016", "2016-08-11", "August 11, 2016"),
])
def test_caption_dates(caption, iso, text):
    cd = find_caption_date(caption)
    assert cd is not None and (cd.iso, cd.date_text) == (iso, text)


def test_caption_without_date():
    assert find_caption_date("The untold story of the 1988 Massacre in Iran") is None


def test_iso_precision():
    assert iso_date(2018, 1, 25) == "2018-01-25"
    assert iso_date(2018, 11, None) == "2018-11"
    assert iso_date(None, 6, 25) == "--06-25"


def test_mentions_full_and_weekday():
    ms = find_mentions("Paris Friday, January 19, 2018: and on Sunday, January 28, also Saturday 30th June.")
    assert [(m.year, m.month, m.day, m.weekday) for m in ms] == [(2018, 1, 19, 4), (None, 1, 28, 6), (None, 6, 30, 5)]


def _page(datelines, mentions):
    pd = PageDates(datelines=datelines, mentions=mentions)
    pd.offsets = timeline_offsets(datelines)
    return pd


def test_written_date_near_dateline_proves_year():
    m = find_mentions("Friday, January 19, 2018")
    pd = _page([(1, 1, 20, None)], [(1, m[0])])
    assert decide(page_votes(pd, None))[0] == 2018


def test_historical_written_date_is_not_evidence():
    m = find_mentions("on June 20, 1981 the massacre began")
    pd = _page([(1, 1, 20, None)], [(1, m[0])])
    assert decide(page_votes(pd, None))[0] is None


def test_weekday_alone_needs_an_era_and_two_votes():
    ms = find_mentions("on Saturday, July 1 and Monday June 26")
    pd = _page([(1, 6, 30, None), (2, 6, 27, None)], [(1, ms[0]), (2, ms[1])])
    assert decide(page_votes(pd, None))[0] is None
    assert decide(page_votes(pd, (2016, 2019)))[0] == 2017
    one = _page([(1, 6, 30, None)], [(1, ms[0])])
    # one vote and none against is too little, not a contradiction, and `pages` says so
    assert decide(page_votes(one, (2016, 2019))) == (None, "too little evidence: 1 for 2017, 2 needed")


def test_contradiction_stays_unknown():
    a = find_mentions("Friday, January 19, 2018")[0]
    b = find_mentions("Friday, January 20, 2017")[0]
    pd = _page([(1, 1, 20, None), (2, 1, 21, None)], [(1, a), (2, b)])
    assert decide(page_votes(pd, None))[0] is None


def test_year_boundary_timeline():
    offs = timeline_offsets([(1, 1, 3, None), (2, 12, 30, None), (3, 12, 28, None), (4, 1, 1, None)])
    assert offs == {1: 0, 2: -1, 3: -1, 4: 0}
    assert timeline_offsets([(1, 2, 1, None), (2, 1, 20, None)]) == {1: 0, 2: 0}


def test_december_evidence_dates_january_page():
    m = find_mentions("Wednesday, December 27, 2017, in Tehran")[0]
    pd = _page([(1, 1, 3, None), (2, 12, 30, None)], [(2, m)])
    year, _ = decide(page_votes(pd, None))
    assert year == 2018  # the page ends in 2018; its December dateline is 2017


def test_duplicate_teaser_lends_its_year():
    m = find_mentions("Friday, January 19, 2018")[0]
    known = _page([(1, 1, 20, None)], [(1, m)])
    other = _page([(1, 1, 20, None), (2, 1, 22, None)], [])
    res = resolve_years([(known, {1: "same text"}), (other, {1: "same text", 2: "x"})])
    assert res[0].year == 2018 and res[0].basis == "page"
    assert res[1].year == 2018 and res[1].basis == "duplicate"


def test_user_override_wins():
    other = _page([(1, 2, 20, None)], [])
    res = resolve_years([(other, {})], {0: 2017})
    assert (res[0].year, res[0].basis) == (2017, "user")


def test_seed_years(seed_corpus):
    years = {p.source[:3]: p.year for p in seed_corpus.pages}
    assert years["000"] == 2018 and years["003"] == 2018
    assert years["001"] is None  # no evidence on the page
    by_id = {it.id: it for it in seed_corpus.items}
    assert by_id["001_de5385de09d5271a#1"].date == "--02-20"
    assert by_id["001_de5385de09d5271a#1"].year_basis is None
    assert by_id["000_c14d0114e5c73173#1"].year_basis == "page"
