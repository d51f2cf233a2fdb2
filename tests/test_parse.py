"""The page parser, fed inline strings and the seed pages."""

from __future__ import annotations

from iranfocus_cli.parse import split_page

LISTING = """Iran Focus

London, 02 Feb - Despite being the most repressive country in the region, the regime failed.

The protests spread from the big cities to the smallest villages in every province of the country.

The Nuclear Deal

A long-time critic of the deal, Trump promised to fix it or rip it up whilst on the campaign trail.

by Pooya Stone

The recent widespread protests in Iran destabilised the Regime and the leaders should be scared.

Andrew Peek

Iran Focus

London, 13\u00a0July -\u00a0US Deputy Assistant Secretary of State Andrew Peek said in an interview that Washington is committed.

MEK Inspired Iranian Uprising

By Jubin Katiraie

Iranian Resistance group, the People's Mojahedin Organization of Iran, has long been painted as a fringe group.


Yazd, Iran. May 22, 2018, the Nationwide Strike of Heavy Truck Drivers

Iran, Tehran \u2013 Anti-Regime Chants in Protest, June 25


IRAN, AHVAZ, Mar 27&28 People Clash With Security Agents
"""


def page(text=LISTING):
    return split_page(text, source="x.txt", stem="x")


def test_listing_splits_teasers_bylines_and_captions():
    p = page()
    assert p.layout == "listing"
    kinds = [it.kind for it in p.items]
    assert kinds == ["article", "article", "article", "article", "caption", "caption", "caption"]
    first, by, peek, mek = p.items[:4]
    assert first.title is None and first.place == "London" and first.date_text == "02 Feb"
    assert first.text.startswith("Despite being")
    assert "The Nuclear Deal" in first.text  # a subheading stays in its article
    assert by.byline == "Pooya Stone" and by.title is None and by.date is None
    assert by.line_start == 11
    assert peek.title == "Andrew Peek" and peek.date_text == "13 July" and peek.text.startswith("US Deputy")
    assert mek.title == "MEK Inspired Iranian Uprising" and mek.byline == "Jubin Katiraie"


def test_caption_fields():
    caps = [it for it in page().items if it.kind == "caption"]
    assert [c.place for c in caps] == ["Yazd", "Tehran", "Ahvaz"]
    assert [c.date for c in caps] == ["2018-05-22", "--06-25", "--03-27"]
    assert caps[0].year_basis == "written" and caps[1].year_basis is None
    assert caps[2].date_text == "Mar 27&28"


def test_ids_count_page_items_in_order():
    ids = [it.id for it in page().items]
    assert ids == [f"x#{n}" for n in range(1, 8)]


ARTICLE = """The MEK and Its Popularity in\u00a0Iran

The MEK and Its Popularity in Iran

Iran Focus

One persistent myth about the MEK is that it is unpopular amongst the Iranian people, but nothing could be further from the truth.

Why does the MEK enjoy such support?

Maryam Rajavi's poster hanged in Tehran
Maryam Rajavi\u2019s poster hanged in Tehran

Source: The MEK and Its Popularity in Iran


Iran Regime\u2019s Senior Mullah: Cyberspace Is a Blow to Our\u00a0Lives

Iran Regime_s Senior Mullah- Cyberspace Is a Blow to Our Lives

The speaker of Iran regime\u2019s Assembly of Experts, Mullah Ahmad Jannati, announced a meeting with experts.

Iran Regime Is a Threat to Us\u00a0All

NCRI \u2013 The Iranian Regime was founded on the principal of exporting their revolution to the rest of the world.
"""


def test_article_page_posts_start_at_headlines():
    p = split_page(ARTICLE, source="a.txt", stem="a")
    assert p.layout == "article"
    arts = p.items
    assert [a.title.replace("\u00a0", " ") for a in arts] == [
        "The MEK and Its Popularity in Iran",
        "Iran Regime\u2019s Senior Mullah: Cyberspace Is a Blow to Our Lives",
        "Iran Regime Is a Threat to Us All",
    ]
    assert arts[0].title_repeats == ("The MEK and Its Popularity in Iran",)
    assert arts[0].text.startswith("One persistent myth")
    assert "poster hanged" in arts[0].text and "Source:" in arts[0].text
    assert arts[1].title_repeats and arts[1].text.startswith("The speaker")


def test_unknown_layout_is_one_article_with_a_warning():
    p = split_page("just some words\nand more words\n\nanother paragraph.\n", source="u", stem="u")
    assert p.layout == "unknown" and len(p.items) == 1 and p.warnings
    assert p.items[0].title is None and "another paragraph." in p.items[0].text


def test_empty_and_blank_pages_have_no_items():
    assert split_page("", source="e", stem="e").items == []
    assert split_page("\n \n\u00a0\n", source="e", stem="e").items == []


def test_crlf_and_cr_line_ends_number_lines_like_lf():
    a = split_page(LISTING, source="x", stem="x")
    b = split_page(LISTING.replace("\n", "\r\n"), source="x", stem="x")
    c = split_page(LISTING.replace("\n", "\r"), source="x", stem="x")
    assert [i.to_dict() for i in a.items] == [i.to_dict() for i in b.items] == [i.to_dict() for i in c.items]


def test_seed_000_worked_example(seed_items):
    it = seed_items["000_c14d0114e5c73173#1"]
    assert (it.line_start, it.line_end) == (1, 5)
    assert it.place == "London" and it.date_text == "02 Feb" and it.date == "2018-02-02"
    assert it.title is None and it.text.startswith("Despite being the most repressive")
    by = next(i for i in seed_items.values() if i.source.startswith("000") and i.line_start == 101)
    assert by.byline == "Pooya Stone" and by.title is None and by.date is None
    trump = next(i for i in seed_items.values() if i.source.startswith("000") and i.line_start == 91)
    assert "The Nuclear Deal" in trump.text and "Pooya" not in trump.text


def test_seed_003_labels_and_bylines(seed_items):
    items = [i for i in seed_items.values() if i.source.startswith("003")]
    peek = next(i for i in items if i.line_start == 11)
    assert peek.title == "Andrew Peek" and peek.date_text == "13 July"
    mek = next(i for i in items if i.line_start == 68)
    assert (mek.title, mek.byline, mek.date, mek.line_end) == ("MEK Inspired Iranian Uprising", "Jubin Katiraie", None, 74)
    caps = [i for i in items if i.kind == "caption"]
    assert caps[0].line_start == 160 and len(caps) == 22


def test_seed_001_captions(seed_items):
    caps = [i for i in seed_items.values() if i.source.startswith("001") and i.kind == "caption"]
    assert len(caps) == 8
    assert caps[0].text == "Two prisoners were hanged in Sarpol-e Zahab (western Iran)"
    assert caps[-1].place == "Kazerun" and caps[-1].date == "2016-08-11"


def test_seed_004_seven_posts(seed_items):
    posts = [i for i in seed_items.values() if i.source.startswith("004")]
    assert len(posts) == 7 and all(p.kind == "article" for p in posts)
    assert [p.line_start for p in posts] == [1, 43, 59, 100, 146, 195, 250]
    first = posts[0]
    assert 33 <= first.line_end and "poster hanged" in first.text  # doubled caption stays in post 1
    assert posts[3].title == "Iran Regime\u2019s Senior Mullah: Cyberspace Is a Blow to Our\u00a0Lives"


def test_markers_without_blank_lines_still_split():
    text = ("Iran Focus\nLondon, 02 Feb - First teaser text that goes on for a while.\n\n"
            "Second Headline\nIran Focus\nLondon, 03 Feb - Second teaser text.\n\n"
            "Third Headline\nBy Jubin Katiraie\nThe body of the bylined piece.\n")
    p = split_page(text, source="m", stem="m")
    arts = [(i.title, i.byline, i.date_text, i.text) for i in p.items]
    assert arts == [
        (None, None, "02 Feb", "First teaser text that goes on for a while."),
        ("Second Headline", None, "03 Feb", "Second teaser text."),
        ("Third Headline", "Jubin Katiraie", None, "The body of the bylined piece."),
    ]
