"""The layout families of real pages, each on a small hand-made page or line.

The pages in ``tests/pages_forms`` are written in the shapes the site used in each
era (a WordPress article with breadcrumb, separator, photo label, share line and
related posts; a WordPress listing with inline bylines, "Read more" and sidebars;
a 2004 digest with inline datelines, reprints and a headline list). They are not
copies of the scored real pages, so a rule fitted to one real page fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from iranfocus_cli.dates import parse_dateline, place_key
from iranfocus_cli.parse import parse_byline, split_page, title_date

from .test_properties import check_nothing_lost

FORMS = Path(__file__).resolve().parent / "pages_forms"


def page(name: str):
    text = (FORMS / name).read_text(encoding="utf-8")
    p = split_page(text, source=name, stem=name[:-4])
    check_nothing_lost(text, p.items, p.header_lines)
    return p


@pytest.mark.parametrize("line, place, date_text, year, wire, lead", [
    ("London, 02 Feb - Despite x", "London", "02 Feb", None, None, "Despite x"),
    ("Paris, 3 March - The x", "Paris", "3 March", None, None, "The x"),
    ("Strasbourg - 8 October 2015 - For Immediate Release", "Strasbourg", "8 October 2015", 2015, None,
     "For Immediate Release"),
    ("London 05 Mar - The x", "London", "05 Mar", None, None, "The x"),
    ("LONDON, 5 Mar. \u2013 The x", "London", "5 Mar.", None, None, "The x"),
    ("NEW YORK, 12 Sept \u2014 x", "New York", "12 Sept", None, None, "x"),
    ("TEHRAN (Reuters) - Iran said", "Tehran", None, None, "Reuters", "Iran said"),
    ("(AFP) - Iran said", None, None, None, "AFP", "Iran said"),
    ("PARIS, Oct. 8 (AFP) \u2014 The x", "Paris", "Oct. 8", None, "AFP", "The x"),
    ("Iran Focus: Tehran, Dec. 31 - Recent", "Tehran", "Dec. 31", None, None, "Recent"),
    ("Iran Focus London, 09 May - According", "London", "09 May", None, None, "According"),
    ("Iran Focus, Tehran, 1 Feb. \u2013 The", "Tehran", "1 Feb.", None, None, "The"),
    ("Tehran, Iran, June 20 \u2013 A bomb", "Tehran", "June 20", None, None, "A bomb"),
])
def test_dateline_forms(line, place, date_text, year, wire, lead):
    d = parse_dateline(line)
    assert d is not None
    assert (d.place, d.date_text, d.year, d.wire, d.lead) == (place, date_text, year, wire, lead)


@pytest.mark.parametrize("line", [
    "In London, the 02 Feb protests - were big", "The meeting on 5 March - which was", "In Tehran 5 March - it rained",
])
def test_sentences_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_places_group_whatever_their_case():
    assert place_key(parse_dateline("LONDON, 5 Mar - x").place) == place_key(parse_dateline("London, 5 Mar - x").place)


@pytest.mark.parametrize("line, name, role, lead", [
    ("By Jubin Katiraie", "Jubin Katiraie", None, None),
    ("byJubin Katiraie", "Jubin Katiraie", None, None),
    ("BY DAMIEN MCELROY, FOREIGN AFFAIRS CORRESPONDENT", "DAMIEN MCELROY", "FOREIGN AFFAIRS CORRESPONDENT", None),
    ("By Damien McElroy, Foreign Affairs Correspondent", "Damien McElroy", "Foreign Affairs Correspondent", None),
    ("PAR CHRISTOPHE RIGAUD", "CHRISTOPHE RIGAUD", None, None),
    ("By Conor O'Brien, Reuters", "Conor O'Brien", "Reuters", None),
    ("By M.H Zolfaghari", "M.H Zolfaghari", None, None),
    ("By Pooya Stone On Wednesday, June 26, the attorney general reported", "Pooya Stone", None,
     "On Wednesday, June 26, the attorney general reported"),
    ("By Jubin Katiraie Seventeen workers were injured after a fire", "Jubin Katiraie", None,
     "Seventeen workers were injured after a fire"),
    ("By Abd al-Rahman al-Rashed The Saudi writer said on Monday", "Abd al-Rahman al-Rashed", None,
     "The Saudi writer said on Monday"),
])
def test_byline_forms_end_at_the_name(line, name, role, lead):
    b = parse_byline(line)
    assert b is not None and (b.name, b.role, b.lead) == (name, role, lead)


@pytest.mark.parametrize("line", ["By the way this is not a byline", "Byzantine art", "Paris is nice"])
def test_not_bylines(line):
    assert parse_byline(line) is None


def test_wordpress_article_page_keeps_furniture_out_of_the_body():
    p = page("article_wordpress.txt")
    assert p.layout == "article"
    art, *caps = p.items
    assert art.title == "Iran: Executions Surge in Karaj Prison"
    assert art.title_repeats == ("Iran Human RightsIran: Executions Surge in Karaj Prison",)
    assert (art.place, art.date) == ("London", "--12-12")
    assert art.text.startswith("At least twelve prisoners") and "Comments" not in art.text and "Share" not in art.text
    assert "Gohardasht prison in Karaj" in art.furniture and "3 Comments" in art.furniture
    assert [c.kind for c in caps] == ["caption", "caption"]
    assert caps[0].text == "Iran: Teachers Protest Low Wages in 20 Cities"


def test_wordpress_listing_inline_bylines_and_sidebars():
    p = page("listing_wordpress.txt")
    arts = [i for i in p.items if i.kind == "article"]
    caps = [i for i in p.items if i.kind == "caption"]
    assert [a.title for a in arts] == ["Iran Regime Faces New Wave of Strikes", "Khamenei Warns Officials Over Infighting",
                                       "Currency Hits New Low Against the Dollar"]
    assert [a.byline for a in arts] == ["Pooya Stone", None, "Jubin Katiraie"]
    assert arts[0].text.startswith("On Wednesday, oil workers") and arts[0].furniture == ("Read more",)
    assert (arts[1].place, arts[1].date) == ("London", "--05-09")
    assert caps[0].text == "Iran\u2019s Water Crisis Deepens in Isfahan"
    assert caps[-1].text == "The Truth About Iran\u2019s Economy"
    assert 1 in p.header_lines  # the category header "Iran News in Brief" is not an item
    assert all(not i.text.startswith(("Latest news", "Must read")) for i in p.items)


def test_old_digest_reprints_and_headline_lists():
    p = page("digest_2004.txt")
    arts = [i for i in p.items if i.kind == "article"]
    assert [a.source_name for a in arts] == [None, "Reuters", None, "The Guardian"]
    assert [a.place for a in arts] == ["Tehran", None, "Ahvaz", None]
    assert arts[1].text.startswith("Iran said on Sunday")
    assert "The protest lasted" in arts[0].text
    caps = [i.text for i in p.items if i.kind == "caption"]
    assert caps == ["Regime bans satellite dishes in Shiraz", "MPs demand answers over missing oil revenue"]


def test_headline_date_dates_an_undated_article():
    assert title_date("Reports from all over Iran \u2013 Update news \u2013 29 January\u00a02018")[:3] == (2018, 1, 29)
    assert title_date("Iran: 5 things to know") is None
    p = split_page("Update news \u2013 29 January 2018\n\nIran Focus\n\nProtests went on in many cities on Monday, "
                   "with people chanting against the regime in Tehran and Isfahan for a fifth night.\n",
                   source="t.txt", stem="t")
    assert (p.items[0].date, p.items[0].year_basis) == ("2018-01-29", "written")


def test_metadata_date_prefix_dates_the_page():
    p = split_page(" date 2017-07-28 By Jubin Katiraie\n\nThe U.S. Senate voted almost unanimously on Thursday to pass "
                   "new sanctions on Russia, North Korea and Iran, officials said.\n", source="m.txt", stem="m")
    it = p.items[0]
    assert (it.date, it.year_basis, it.byline) == ("2017-07-28", "written", "Jubin Katiraie")


def test_excerpt_that_repeats_the_lead_is_not_a_second_article():
    text = ("Bombing at the shrine\n\nBombing at the shrine\n\n\nIran Focus: Tehran, Iran, June 20 \u2013 A bomb exploded "
            "on Saturday at the shrine of the founder of the Islamic Republic, state media said.\n\nIran Focus\n\n"
            "Tehran, Iran, June 20 \u2013 A bomb exploded on Saturday at the shrine of the founder of the Islamic "
            "Republic, state media said.\n\nAt least one person was killed and two were injured in the attack.\n")
    p = split_page(text, source="e.txt", stem="e")
    check_nothing_lost(text, p.items, p.header_lines)
    assert p.layout == "article" and len(p.items) == 1
    assert p.items[0].text.count("A bomb exploded") == 1 and p.items[0].place == "Tehran"


@pytest.mark.parametrize("body", ["\n\nThe talks were held behind closed doors, and no statement followed them.", ""])
def test_an_article_printed_twice_in_a_row_is_two_copies_not_an_excerpt(body):
    """A crawled page can print one article twice in a row: the first copy keeps its
    dateline and text (it is no summary of the second), with or without more paragraphs."""
    one = ("Iran Focus\n\nLondon, 31 Dec - The European Parliament group held a conference on the anniversary of "
           "the revolution in Strasbourg, chaired by a member from Belgium." + body + "\n\n")
    text = one + one + "Iran Focus\n\nLondon, 26 Dec - The regime held exhibitions against the opposition in "
    text += "several cities, state media said.\n"
    p = split_page(text, source="r.txt", stem="r")
    check_nothing_lost(text, p.items, p.header_lines)
    arts = [it for it in p.items if it.kind == "article"]
    assert [(it.date, it.place) for it in arts] == [("--12-31", "London")] * 2 + [("--12-26", "London")]
    assert arts[0].text == arts[1].text and arts[0].text.startswith("The European Parliament group")


def test_menu_lines_above_a_repeated_headline_are_headers():
    p = page("article_menu.txt")
    (art,) = p.items
    assert p.header_lines == [1, 3]
    assert art.title == "Iran: Women Activists Sentenced to Prison" and art.place == "London"


TEASER = ("Iran Focus\n\nLondon, 12 Mar - Repeated dust storms in Khuzestan closed schools and offices for a third "
          "day, and hospitals took in hundreds with breathing problems.\n")


def _seed_posts(cut: bool) -> str:
    """Seed 004, an article page of seven posts; ``cut``: from its second post on (no
    source line is left on it)."""
    page = (Path(__file__).parent.parent / "seeds" / "004_439be52d8a4ed63d.txt").read_text(encoding="utf-8")
    if cut:
        second = split_page(page, source="a.txt", stem="a").items[1].line_start
        page = "".join(page.splitlines(keepends=True)[second - 1:])
    return page


@pytest.mark.parametrize("where", ["after", "before"])
@pytest.mark.parametrize("teasers", [1, 2])
@pytest.mark.parametrize("cut", [False, True])
def test_an_article_page_with_teasers_keeps_its_posts(where, teasers, cut):
    """An article page's posts, each set apart by its headline, next to teasers with
    datelines (a related-news block): each post is still an article of its own, as on the
    page without the teasers, and each teaser is one too, whether the page reads as a
    listing or, with one teaser and no source line of its own, as an article page."""
    page = _seed_posts(cut)
    alone = [(it.title, it.text) for it in split_page(page, source="a.txt", stem="a").items]
    text = page.rstrip("\n") + "\n\n" + TEASER * teasers if where == "after" else TEASER * teasers + "\n\n" + page
    p = split_page(text, source="a.txt", stem="a")
    check_nothing_lost(text, p.items, p.header_lines)
    got = [(it.title, it.text) for it in p.items]
    assert len(alone) == (6 if cut else 7)
    assert p.layout == ("article" if cut and teasers == 1 else "listing")
    assert (got[:len(alone)] if where == "after" else got[teasers:]) == alone
    assert [it.date for it in (p.items[len(alone):] if where == "after" else p.items[:teasers])] == ["--03-12"] * teasers


def test_posts_under_their_headlines_make_an_article_page_without_a_source_line():
    """An article page cut above its second post has no source line and no repeated
    headline; its posts, each under a headline set apart, are still articles of their own
    (not one article of the whole page under an unknown layout)."""
    whole = split_page(_seed_posts(False), source="a.txt", stem="a").items
    text = _seed_posts(True)
    p = split_page(text, source="a.txt", stem="a")
    check_nothing_lost(text, p.items, p.header_lines)
    assert (p.layout, p.warnings) == ("article", [])
    assert [(it.title, it.text) for it in p.items] == [(it.title, it.text) for it in whole[1:]]
