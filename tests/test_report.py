"""The HTML report: its structure, escaping and size (pure), then the page in headless Chromium.

The browser tests watch every request the page starts through the DevTools protocol
(see ``Browser``); a control page that does load external URLs proves that the check
sees them, and a report with an injected image proves that its CSP blocks the load.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shlex
import shutil
import socketserver
import struct
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from iranfocus_cli.cli import cli
from iranfocus_cli.model import Item
from iranfocus_cli.parse import split_page
from iranfocus_cli.report import (
    COPIES_LIMIT,
    KWIC_LIMIT,
    ReportData,
    ReportItem,
    ReportKwic,
    ReportPeriod,
    ReportPerson,
    ReportTimeline,
    fragment_id,
    render_report,
)
from iranfocus_cli.report_cli import PERIODS
from iranfocus_cli.reporting import choose_period, command_line
from iranfocus_cli.textnorm import fold
from iranfocus_cli.timeline import BY

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">link</a>"
    "</details></td></tr></table></svg>\"q' &amp; \u202eevil\u202c NUL\x00 ESC\x1b[31m"
)
# The printable part, as a reader must see it.
HOSTILE_VISIBLE = "<script>alert(1)</script><img src=x onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">link</a>"
UNSAFE_CHARS = "\u202e\u202c\x00\x1b"

HOSTILE_PAGE = (
    "Protest <script>alert('title')</script> at the <img src=x onerror=alert(1)> square\n\n"
    "Iran Focus\n\n"
    "London, 03 Mar 2018 - Protesters wrote <script>document.title='pwned'</script> and "
    "<a href=\"javascript:alert(2)\">a link</a> on the wall; </td></tr></table></details> closed nothing. "
    "Quotes \" and ' and & stayed text, \u202eevil reversed\u202c text, a NUL \x00 and an ESC \x1b[31m red.\n\n"
    "Mr. Hassan Rouhani said the protest <b>was</b> over.\n"
)
HOSTILE_STEM = '9_"><script>alert(4)</script>'


# ---------------------------------------------------------------- data


def _item(iid: str = "a#1", **kw) -> ReportItem:
    base = dict(id=iid, date="2018-02-02", year_basis="written", place="London", title="A headline",
                lead="The lead.", people=["Hassan Rouhani"], source="000_a.txt", line_start=3, line_end=5,
                text="The lead.\n\nA second paragraph.")
    base.update(kw)
    return ReportItem(**base)


def _data(**kw) -> ReportData:
    base = dict(
        command="iranfocus report -k protest -o out.html", corpus_path="seeds", files=5, fingerprint="abc123",
        made="2026-11-23 09:00 UTC",
        timeline=ReportTimeline(by="year", periods=[ReportPeriod("2017", 0, 12, 0.0), ReportPeriod("2018", 3, 30, 0.1)],
                                unknown_year=2, undated=1),
        items=[_item("a#1", story="s"), _item("a#2", title=None, lead="Only a lead", story="s")],
        stories={"s": [("a#1", "000_a.txt", "full_of"), ("a#2", "000_a.txt", "same")]},
        kwic=[ReportKwic("a#1", "left side ", "protest", " right side")],
        people=[ReportPerson("Hassan Rouhani", 3, 2)],
        notes=["2 items with an unknown year are not in the chart."],
    )
    base.update(kw)
    return ReportData(**base)


def _hostile_data(s: str = HOSTILE) -> ReportData:
    """The same report shape with ``s`` in every string field, ids included."""
    return _data(
        command=f"iranfocus report -k '{s}'", corpus_path=s, fingerprint=s, made=s,
        timeline=ReportTimeline(by=s, periods=[ReportPeriod(s, 1, 2, 0.5)], unknown_year=0, undated=0),
        items=[_item(s + "#1", date=s, year_basis=s, place=s, title=s, lead=s, people=[s, s], source=s,
                     text=s + "\n\nMore: " + s, story=s),
               _item(s + "#2", title=None, lead=s, text=s, story=s)],
        stories={s: [(s + "#1", s, None), (s + "#2", s, s), ("x" + s, s, None)]},
        kwic=[ReportKwic(s + "#1", s, s, s), ReportKwic("missing" + s, s, s, s)],
        people=[ReportPerson(s, 1, 1)],
        notes=[s],
    )


def _page_year(items) -> int | None:
    """The year of a page's day-and-month dates, when its written dates agree on one."""
    years = {int(it.date[:4]) for it in items if it.date and it.year_basis}
    return years.pop() if len(years) == 1 else None


def _kwic_line(text: str, word: str, width: int = 60) -> ReportKwic | None:
    m = re.search(re.escape(word) + r"\w*", text, re.I)
    if not m:
        return None
    flat = text.replace("\n", " ")
    return ReportKwic("", flat[max(0, m.start() - width):m.start()], m.group(), flat[m.end():m.end() + width])


def seed_report(*, with_hostile: bool = True, word: str = "protest") -> ReportData:
    """A report of ``-k protest`` over the seed pages (and a hostile page), built with the pure parser."""
    pages = [split_page(p.read_text(encoding="utf-8"), source=p.name, stem=p.stem) for p in sorted(SEEDS.glob("*.txt"))]
    if with_hostile:
        pages.append(split_page(HOSTILE_PAGE, source="hostile<img src=x onerror=alert(5)>.txt", stem=HOSTILE_STEM))
    dated: list[tuple[Item, str | None, str | None]] = []
    for page in pages:
        year = _page_year(page.items)
        for it in page.items:
            date, basis = it.date, it.year_basis
            if date and date.startswith("--") and year:
                date, basis = f"{year}{date[1:]}", "page"
            dated.append((it, date, basis))
    by_key: dict[str, list[Item]] = defaultdict(list)
    for it, _, _ in dated:
        by_key[it.content_key].append(it)
    stories = {key: [(o.id, o.source, "same") for o in group] for key, group in by_key.items() if len(group) > 1}
    totals = Counter(d[:7] for _, d, _ in dated if d and not d.startswith("--"))
    items, kwic = [], []
    mentions: Counter[str] = Counter()
    naming: Counter[str] = Counter()
    for it, date, basis in dated:
        if word not in ((it.title or "") + "\n" + it.text).lower():
            continue
        people = [m for m in it.mentions if m[:1] not in "?!"]
        mentions.update(people)
        naming.update(set(people))
        items.append(ReportItem(
            id=it.id, date=date, year_basis=basis, place=it.place, title=it.title, lead=it.text.split("\n\n")[0][:200],
            people=sorted(set(people)), source=it.source, line_start=it.line_start, line_end=it.line_end,
            text=it.text, story=it.content_key if it.content_key in stories else None))
        line = _kwic_line(it.text, word)
        if line:
            kwic.append(ReportKwic(it.id, line.left, line.match, line.right))
    months = sorted({i.date[:7] for i in items if i.date and not i.date.startswith("--")})
    periods = []
    if months:
        y, m = int(months[0][:4]), int(months[0][5:7])
        while f"{y:04d}-{m:02d}" <= months[-1]:
            label = f"{y:04d}-{m:02d}"
            count = sum(1 for i in items if i.date and i.date.startswith(label))
            periods.append(ReportPeriod(label, count, totals[label], count / totals[label] if totals[label] else None))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    timeline = ReportTimeline(
        by="month", periods=periods,
        unknown_year=sum(1 for i in items if i.date and i.date.startswith("--")),
        undated=sum(1 for i in items if not i.date))
    people = [ReportPerson(n, c, naming[n]) for n, c in sorted(mentions.items(), key=lambda e: (-e[1], e[0]))]
    digest = hashlib.sha256()
    for p in sorted(SEEDS.glob("*.txt")):
        digest.update(p.read_bytes())
    return ReportData(
        command=f"iranfocus report -k {word} --by month -o report.html", corpus_path=str(SEEDS),
        files=len(pages), fingerprint=digest.hexdigest()[:16], made="2026-11-23 09:00 UTC",
        timeline=timeline, items=items, kwic=kwic, people=people, stories=stories,
        notes=[f"{timeline.unknown_year} matching items have a day and month but no year; "
               f"{timeline.undated} have no date. Neither is spread into the chart."],
    )


def synthetic_report(n: int = 10_000) -> ReportData:
    """``n`` items of about 600 characters each, with people, copies and a KWIC line per item."""
    words = ("protest regime\u2019s tehran people human rights women workers strike currency sanctions nuclear "
             "parliament \u201ccouncil\u201d guards prison execution court minister economy election").split()
    names = [f"Person{k} Name{k % 37}" for k in range(300)]
    items, kwic, stories = [], [], {}
    for k in range(n):
        text = " ".join(words[(k * 7 + j * 3) % len(words)] for j in range(90))[:600]
        items.append(ReportItem(
            id=f"{k // 40:03d}_{k:016x}#{k % 40 + 1}", date=f"{2012 + k % 8}-{k % 12 + 1:02d}-{k % 28 + 1:02d}",
            year_basis="written" if k % 3 else "page", place="London" if k % 2 else "Tehran",
            title=f"Report {k}: " + " ".join(words[(k + j) % len(words)] for j in range(8)).capitalize(),
            lead=text[:200], people=[names[k % 300], names[(k * 7) % 300]], source=f"{k // 40:03d}_{k:016x}.txt",
            line_start=k % 400 + 1, line_end=k % 400 + 9, text=text, story=f"s{k}" if k % 10 == 0 else None))
        if k % 10 == 0:
            stories[f"s{k}"] = [(items[-1].id, items[-1].source, "full_of"),
                                (f"{k // 40 + 1:03d}_x#{k % 40 + 1}", f"{k // 40 + 1:03d}_x.txt", "near")]
        kwic.append(ReportKwic(items[-1].id, text[:60], "protest", text[60:120]))
    periods = [ReportPeriod(str(y), n // 8, n // 2, 0.25) for y in range(2012, 2020)]
    return _data(items=items, kwic=kwic, timeline=ReportTimeline("year", periods, 0, 0), stories=stories,
                 people=[ReportPerson(name, 60, 33) for name in names])


# ---------------------------------------------------------------- reading the HTML


class Dom(HTMLParser):
    """The parts of a document the tests look at: tags with attributes, text, script bodies."""

    def __init__(self, doc: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self.feed(doc)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)
        else:
            self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)

    def attrs(self, name: str) -> list[str]:
        return [a[name] or "" for _, a in self.tags if name in a]

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def _assert_inert(dom: Dom, *, live: bool = False) -> None:
    """No corpus string became an element, a handler, a style, a link or a load.

    ``live`` is a DOM after the page's own script ran, which adds a search box.
    """
    banned = {"img", "iframe", "object", "embed", "link", "base", "form", "video", "audio", "b"}
    for tag, attrs in dom.tags:
        assert tag not in banned and (live or tag != "input"), tag
        for name in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in {"src", "srcset", "action", "formaction", "xlink:href", "style"}, (tag, name)
    assert dom.count("script") == 1  # the page's own
    for href in dom.attrs("href"):
        assert re.fullmatch(r"#[A-Za-z0-9._-]+", href), href
    for ident in dom.attrs("id"):
        assert re.fullmatch(r"[A-Za-z0-9._-]+", ident), ident


def _shape(doc: str) -> list[tuple[str, tuple[str, ...]]]:
    """The element structure, less the tags that show unsafe characters."""
    return [(t, tuple(sorted(a))) for t, a in Dom(doc).tags if (t, a) != ("span", {"class": "cc"})]


# ---------------------------------------------------------------- pure tests


def test_structure_of_a_report():
    data = _data()
    doc = render_report(data)
    dom = Dom(doc)
    assert doc.startswith("<!DOCTYPE html>")
    assert dom.count("svg") >= 1 and dom.count("rect") >= 2 * len(data.timeline.periods)
    assert ("table", {"class": "items", "id": "items-table"}) in dom.tags
    assert dom.count("details") == len(data.items) and dom.count("summary") == len(data.items)
    assert dom.count("mark") == len(data.kwic)
    text = dom.all_text
    for part in (data.command, data.corpus_path, "5 files", data.fingerprint, data.made, "Only a lead",
                 "Hassan Rouhani", "3 mentions", "2 items", "year written", "lines 3\u20135", data.notes[0]):
        assert part in text, part
    assert "Other copies of this story: a#2 (000_a.txt, exact copy)" in text
    assert ("a", {"href": "#" + fragment_id("a#2")}) in dom.tags
    assert "One of 2 copies" in text  # the second row points to the first, which lists them
    assert ("a", {"href": "#" + fragment_id("a#1")}) in dom.tags


def test_copies_name_their_file_only_when_the_id_does_not():
    copies = [("x#1", "x.txt", "full_of"), ("000_a#1", "000_a.txt", "near"), ("b-7", "001_b.txt", None),
              ("003_d#2", "sub/003_d.txt", "teaser_of")]
    copies += [(f"002_c#{k}", "002_c.txt", "same") for k in range(COPIES_LIMIT + 3)]
    text = Dom(render_report(_data(items=[_item("x#1", story="s")], stories={"s": copies}, kwic=[]))).all_text
    assert ("Other copies of this story: 000_a#1 (near copy); b-7 (001_b.txt); 003_d#2 (teaser); "
            "002_c#0 (exact copy)") in text
    assert "; and 6 more" in text


def test_a_story_is_listed_once_and_pointed_to():
    members = [(f"00{k}_p#1", f"00{k}_p.txt", None) for k in range(4)]
    items = [_item(f"00{k}_p#1", source=f"00{k}_p.txt", story="s") for k in (2, 0, 3)]
    doc = render_report(_data(items=items, stories={"s": members}, kwic=[]))
    dom = Dom(doc)
    assert doc.count("Other copies of this story") == 1
    # The first row in the report lists the story; the others link to it.
    assert "Other copies of this story: 000_p#1; 001_p#1; 003_p#1" in dom.all_text
    assert ("p", {"id": "c1"}) in dom.tags
    pointers = [a for t, a in dom.tags if t == "a" and a.get("href") == "#c1"]
    assert len(pointers) == 2 and dom.all_text.count("One of 4 copies") == 2
    # A copy the report holds is a link to its row; one it does not hold is text.
    assert ("a", {"href": "#" + fragment_id("000_p#1")}) in dom.tags
    assert ("a", {"href": "#" + fragment_id("001_p#1")}) not in dom.tags


def test_a_lead_is_not_written_twice():
    items = [_item("a#1", title=None, lead="The lead goes", text="The lead goes on.\n\nMore."),
             _item("a#2", title=None, lead="Whole lead.", text="Whole lead.\n\nMore."),
             _item("a#3", title="Caption text", text="Caption text"),
             _item("a#4", title=None, lead="Just this.", text="Just this.")]
    doc = render_report(_data(items=items, kwic=[]))
    assert '<summary class="l">The lead goes\u2026</summary><div>\u2026on.\n\nMore.</div>' in doc
    assert '<summary class="l">Whole lead.</summary><div>More.</div>' in doc
    # Nothing more to open: the row holds the whole item, without a <details>.
    assert "<td><strong>Caption text</strong><td>" in doc and "<td>Just this.<td>" in doc
    assert Dom(doc).count("details") == 2 and doc.count("Caption text") == 1


def test_timeline_keeps_unknown_years_beside_the_chart_and_draws_empty_periods():
    dom = Dom(render_report(_data()))
    text = dom.all_text
    assert "Year unknown2" in text and "Undated1" in text and "In the chart3" in text
    assert "2017" in text and "2018" in text and "3 \u00b7 10.0%" in text and "0 \u00b7 0.0%" in text
    bars = [a["width"] for t, a in dom.tags if t == "rect" and a.get("class") == "b"]
    assert bars == ["0.00%", "100.00%"]
    assert "2018: 3 matching of 30 items (10.0%)" in text


def test_no_network_in_the_document():
    doc = render_report(_data())
    dom = Dom(doc)
    csp = [a["content"] for t, a in dom.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0] and "unsafe-inline" not in csp[0]
    assert not re.search(r"(?i)https?:|//[a-z]|@import|url\(", doc)
    assert dom.count("link") == 0 and dom.count("img") == 0


def test_csp_hashes_allow_exactly_the_inline_style_and_script():
    dom = Dom(render_report(_data()))
    csp = next(a["content"] for t, a in dom.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")

    def digest(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert len(dom.styles) == 1 and len(dom.scripts) == 1
    assert f"style-src {digest(dom.styles[0])};" in csp
    assert f"script-src {digest(dom.scripts[0])};" in csp


def test_every_field_is_escaped():
    doc = render_report(_hostile_data())
    dom = Dom(doc)
    _assert_inert(dom)
    # The hostile render has exactly the element structure of a harmless one.
    assert _shape(doc) == _shape(render_report(_hostile_data("plain")))
    text = dom.all_text
    assert text.count(HOSTILE_VISIBLE) >= 14  # every field, shown as text
    for ch in UNSAFE_CHARS:
        assert ch not in doc
    for tag in ("U+202E", "U+202C", "U+0000", "U+001B"):
        assert tag in text
    title = re.search(r"<title>(.*?)</title>", render_report(_data(title=HOSTILE))).group(1)
    assert "<" not in title and "U+202E" in title  # <title> shows text only: no tags there
    doc.encode("utf-8")


def test_markup_in_a_title_is_written_escaped():
    doc = render_report(_data(items=[_item("h#1", title=HOSTILE_VISIBLE)], kwic=[]))
    assert html.escape(HOSTILE_VISIBLE) in doc


def test_a_cut_lead_ends_with_an_ellipsis():
    items = [_item("a#1", title=None, lead="The lead goes", text="The lead goes on.\n\nMore."),
             _item("a#2", title=None, lead="Whole lead.", text="Whole lead.\n\nMore.")]
    doc = render_report(_data(items=items, kwic=[]))
    assert '<summary class="l">The lead goes\u2026</summary>' in doc
    assert '<summary class="l">Whole lead.</summary>' in doc


def test_lone_surrogates_and_other_controls_are_shown_not_written():
    s = "a\ud800b\udfffc\u2066d\u200fe\x7ff\x85g\ufeffh\r\x0bi"
    doc = render_report(_hostile_data(s))
    doc.encode("utf-8")  # would raise on a lone surrogate
    for ch in "\ud800\udfff\u2066\u200f\x7f\x85\ufeff\r\x0b":
        assert ch not in doc
    assert "U+D800" in doc and "U+2066" in doc and "U+000D" in doc


def test_ids_become_safe_unique_anchors():
    items = [_item("x#1"), _item("x#1"), _item('a b"<>#\u202e'), _item("a.b"), _item("a.2e.b")]
    dom = Dom(render_report(_data(items=items, kwic=[])))
    rows = [a["id"] for t, a in dom.tags if t == "tr" and "id" in a]
    assert len(rows) == len(set(rows)) == len(items)
    _assert_inert(dom)


def _unfragment(frag: str) -> str:
    body = frag.removeprefix("i-").replace("-", "#")
    return re.sub(r"\.([0-9a-f]+)\.", lambda m: chr(int(m.group(1), 16)), body)


@given(st.text())
def test_fragment_ids_are_safe_and_reversible(s):
    frag = fragment_id(s)
    assert re.fullmatch(r"i-[A-Za-z0-9._-]*", frag)
    assert _unfragment(frag) == s


@given(st.text(min_size=1, max_size=40))
def test_any_string_in_any_field_renders_as_text(s):
    doc = render_report(_hostile_data(s))
    doc.encode("utf-8")
    assert _shape(doc) == _shape(render_report(_hostile_data("plain")))


def test_empty_report_renders():
    dom = Dom(render_report(_data(timeline=None, items=[], kwic=[], people=[], notes=[])))
    text = dom.all_text
    assert "No item matched." in text and "No keyword-in-context lines." in text
    assert "No person is named in these items." in text and "No timeline was asked for." in text


def test_seed_report_holds_the_hostile_page_as_text():
    data = seed_report()
    doc = render_report(data)
    dom = Dom(doc)
    _assert_inert(dom)
    assert len(data.items) > 30 and data.kwic and data.people and data.timeline.periods
    text = dom.all_text
    assert "<script>document.title='pwned'</script>" in text
    assert '<a href="javascript:alert(2)">a link</a>' in text
    assert "</td></tr></table></details> closed nothing" in text


def test_ten_thousand_items_stay_under_ten_megabytes():
    data = synthetic_report()
    start = time.perf_counter()
    doc = render_report(data)
    took = time.perf_counter() - start
    size = len(doc.encode("utf-8"))
    every = len(render_report(data, kwic_limit=None).encode("utf-8"))
    print(f"\n10,000-item report: {size / 1e6:.2f} MB, rendered in {took:.2f} s "
          f"({every / 1e6:.2f} MB with all {len(data.kwic):,} KWIC lines)")
    assert size < 10_000_000
    assert f"Showing the first {KWIC_LIMIT:,} of {len(data.kwic):,} lines." in doc
    assert Dom(doc).count("mark") == KWIC_LIMIT


# ---------------------------------------------------------------- the command


def run_cli(monkeypatch, *args: str):
    """``iranfocus ARGS`` in-process, with ``sys.argv`` as the console script sets it."""
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/iranfocus", *args])
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def cli_report(monkeypatch, out: Path, *args: str) -> tuple[Result, str, Dom]:
    """Run ``iranfocus ARGS -o OUT``; the result, the document and its DOM."""
    r = run_cli(monkeypatch, *args, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    doc = out.read_text(encoding="utf-8")
    return r, doc, Dom(doc)


def row_ids(dom: Dom) -> list[str]:
    return [_unfragment(a["id"]) for t, a in dom.tags if t == "tr" and a.get("id", "").startswith("i-")]


def marks(doc: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", doc)]


def people_rows(doc: str) -> dict[str, tuple[int, int]]:
    found = re.findall(r"<li><strong>(.*?)</strong><span>([\d,]+) mentions? \u00b7 ([\d,]+) items?</span>", doc)
    return {html.unescape(n): (int(m.replace(",", "")), int(k.replace(",", ""))) for n, m, k in found}


def json_out(monkeypatch, *args: str) -> list[dict]:
    r = run_cli(monkeypatch, *args)
    assert r.exit_code in (0, 1), r.stderr
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()] if "--json" not in args \
        else json.loads(r.stdout or "[]")


def hostile_corpus(tmp_path: Path) -> Path:
    """The seed pages and a page full of markup, under a file name that is markup too."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for page in SEEDS.glob("*.txt"):
        shutil.copy(page, corpus / page.name)
    # Without its NUL byte, which would make the loader skip the file as binary.
    page = HOSTILE_PAGE.replace("\x00", "")
    (corpus / "hostile<img src=x onerror=alert(5)>.txt").write_text(page, encoding="utf-8")
    return corpus


def test_command_line_is_shell_quoted_with_the_program_name():
    assert command_line(["/venv/bin/iranfocus", "report", "-k", "truck drivers", "-o", "a b.html"]) == \
        "iranfocus report -k 'truck drivers' -o 'a b.html'"
    assert command_line(["-m", "--corpus", "x", "report", "Khamenei'?s"]) == \
        "iranfocus --corpus x report 'Khamenei'\"'\"'?s'"
    assert command_line(["pytest", "-q"]) == "iranfocus report"  # not the line that ran the command


@pytest.mark.parametrize(("dates", "by"), [
    (["2018-01-03", "2018-01-20", None, "--02-03"], "day"),
    (["2018-01-03", "2018-05-20"], "week"),
    (["2017-06-22", "2018-02-02", "2018-01"], "month"),
    (["2018-01-03", "2018-09-20", "2018"], "month"),
    (["2012-01-03", "2018-05-20"], "year"),
    ([None, "--06-25"], "month"),
    (["2017", "2018", "2018-05-02"], "year"),
    (["2017-06", "2018-01-02", "2018-01-03"], "month"),
])
def test_the_timeline_period_follows_the_span_of_the_dates(dates, by):
    assert choose_period(dates) == by


def test_the_period_choices_are_the_timelines():
    assert PERIODS == BY


def test_report_of_a_person_on_the_seeds(monkeypatch, tmp_path):
    out = tmp_path / "rouhani.html"
    r, doc, dom = cli_report(monkeypatch, out, "report", "--person", "Rouhani")
    assert r.stderr.strip().splitlines()[-1] == f"wrote 5 item(s) to {out}"
    text = dom.all_text
    # The header: the command as run, the corpus, its fingerprint and the date.
    assert shlex.join(["iranfocus", "report", "--person", "Rouhani", "-o", str(out)]) in text
    assert str(SEEDS) in text and "5 files" in text
    assert re.search(r"Fingerprint[0-9a-f]{16}Made\d{4}-\d\d-\d\d \d\d:\d\d UTC", text)
    # The items are those export selects, oldest first and the undated last.
    exported = {e["id"]: e for e in json_out(monkeypatch, "export", "--person", "Rouhani")}
    rows = row_ids(dom)
    assert sorted(rows) == sorted(exported) and len(rows) == 5
    dates = [exported[i]["date"] for i in rows]
    known = [d for d in dates if d]
    assert dates == known + [None] * (len(dates) - len(known)) and known == sorted(known)
    # The chart counts every item once: by period, or beside it for want of a year or a date.
    chart = int(re.search(r"In the chart(\d+)", text).group(1))
    unknown = int(re.search(r"Year unknown(\d+)", text).group(1))
    undated = int(re.search(r"Undated(\d+)", text).group(1))
    assert (chart, unknown, undated) == (len(known), 0, len(dates) - len(known))
    assert "Timeline by month" in text
    # The KWIC lines are grep's, every spelling of the person marked.
    hits = json_out(monkeypatch, "grep", "--person", "Rouhani", "--json")
    assert marks(doc) == [h["match"] for h in sorted(hits, key=lambda h: rows.index(h["id"]))]
    assert {"Hassan Rouhani", "Rouhani", "Rohani"} <= set(marks(doc))
    # The people are those the people command counts in the same items.
    people = json_out(monkeypatch, "people", "--person", "Rouhani", "--json")
    assert people_rows(doc) == {p["name"]: (p["mentions"], p["items"] if isinstance(p["items"], int)
                                            else len(p["items"])) for p in people}
    _assert_inert(dom)


def test_a_pattern_keeps_the_items_it_matches(monkeypatch, tmp_path):
    _, doc, dom = cli_report(monkeypatch, tmp_path / "k.html", "report", "Khamenei'?s", "--kind", "article")
    ids = [e["id"] for e in json_out(monkeypatch, "grep", "-l", "Khamenei'?s", "--kind", "article", "--json")]
    hits = json_out(monkeypatch, "grep", "Khamenei'?s", "--kind", "article", "--json")
    assert sorted(row_ids(dom)) == sorted(ids) and ids
    assert sorted(marks(doc)) == sorted(h["match"] for h in hits)


def test_keywords_give_the_kwic_lines(monkeypatch, tmp_path):
    _, doc, dom = cli_report(monkeypatch, tmp_path / "k.html", "report", "-k", "truck drivers")
    exported = [e["id"] for e in json_out(monkeypatch, "export", "-k", "truck drivers")]
    assert sorted(row_ids(dom)) == sorted(exported)
    found = marks(doc)
    assert len(found) >= len(exported) and {fold(m) for m in found} == {"truck drivers"}


def test_a_date_range_says_what_it_left_out(monkeypatch, tmp_path):
    r, doc, dom = cli_report(monkeypatch, tmp_path / "k.html", "report", "-k", "khamenei", "--since", "2018", "--by", "year")
    assert "note: the date range left out" in r.stderr
    assert "The date range left out" in dom.all_text
    labels = re.findall(r'<text x="0" y="\d+">(.*?)</text>', doc)
    assert labels == ["2018"]


def test_stories_are_listed_once(monkeypatch, tmp_path):
    _, doc, dom = cli_report(monkeypatch, tmp_path / "all.html", "report")
    stories = Counter(e["story"] for e in json_out(monkeypatch, "export") if e["story"])
    shared = {s: n for s, n in stories.items() if n > 1}
    assert shared and len(row_ids(dom)) == 143
    assert doc.count("Other copies of this story: ") == len(shared)
    assert sum(doc.count(f">One of {n} copies</a>") for n in set(shared.values())) == sum(n - 1 for n in shared.values())


def test_a_fingerprint_names_the_corpus(monkeypatch, tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)

    def fingerprint(*args: str) -> str:
        out = tmp_path / "f.html"
        _, _, dom = cli_report(monkeypatch, out, "--corpus", str(corpus), *args, "report", "--force")
        return re.search(r"Fingerprint([0-9a-f]{16})", dom.all_text).group(1)

    first = fingerprint()
    assert fingerprint("--no-cache") == first
    page = next(corpus.glob("*.txt"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert fingerprint() != first


def test_report_to_stdout(monkeypatch):
    r = run_cli(monkeypatch, "report", "--person", "Rajavi", "-o", "-")
    assert r.exit_code == 0 and r.stdout.startswith("<!DOCTYPE html>") and r.stdout.endswith("</html>\n")
    assert "wrote" not in r.stderr


def test_the_command_line_of_a_real_run(tmp_path):
    out = tmp_path / "strike.html"
    subprocess.run([sys.executable, "-m", "iranfocus_cli", "report", "-k", "truck drivers", "-o", str(out)],
                   check=True, capture_output=True, cwd=SEEDS.parent)
    assert shlex.join(["iranfocus", "report", "-k", "truck drivers", "-o", str(out)]) in Dom(out.read_text()).all_text


def test_a_hostile_page_stays_text_through_the_command(monkeypatch, tmp_path):
    corpus = hostile_corpus(tmp_path)
    _, doc, dom = cli_report(monkeypatch, tmp_path / "h.html", "--corpus", str(corpus), "report", "-k", "protest")
    _assert_inert(dom)
    text = dom.all_text
    assert "Protest <script>alert('title')</script> at the <img src=x onerror=alert(1)> square" in text
    assert "<script>document.title='pwned'</script>" in text and '<a href="javascript:alert(2)">a link</a>' in text
    assert "</td></tr></table></details> closed nothing" in text
    assert "hostile<img src=x onerror=alert(5)>.txt" in text
    assert "U+202E" in text and "\u202e" not in doc and "\x1b" not in doc


# ---------------------------------------------------------------- the browser
#
# Chromium is driven over the DevTools protocol on a pipe (no port, no extra package):
# the page gets its own target, and the Network domain of that target reports every
# request the page starts, whatever its scheme, host or address. The browser's own
# services (update checks, time queries) run in other targets and are not counted.
# Every connection is also routed to a local recording proxy that forwards nothing,
# so no test can reach the real network either.

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_CSP_WATCH = ("window.__csp = []; addEventListener('securitypolicyviolation', "
              "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI), true);")
PROBE_HOST = "probe.example.net"


def _find_chromium() -> str | None:
    env = os.environ.get("IRANFOCUS_CHROMIUM")
    if env:
        return env
    return next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


class _Recorder(socketserver.ThreadingTCPServer):
    """A proxy that forwards nothing: it records the first line of every connection."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RecordOne)
        self.seen: list[str] = []
        self.lock = threading.Lock()


class _RecordOne(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(2)
        try:
            first = self.request.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
        except OSError:
            first = "(no data)"
        with self.server.lock:  # type: ignore[attr-defined]
            self.server.seen.append(first)  # type: ignore[attr-defined]
        try:
            self.request.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass


class Browser:
    """Headless Chromium on ``--remote-debugging-pipe``: commands on fd 3, replies on fd 4."""

    def __init__(self, binary: str, profile: Path, proxy_port: int) -> None:
        import fcntl  # POSIX only, like the pipe hand-over below

        to_child = os.pipe()
        from_child = os.pipe()
        # Keep our ends clear of 3 and 4, which the child must receive.
        ours = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (*to_child, *from_child)]
        for fd in (*to_child, *from_child):
            os.close(fd)
        child_in, self._write, self._read, child_out = ours

        def wire() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        flags = [
            "--headless", "--remote-debugging-pipe", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
            "--no-first-run", "--no-default-browser-check", f"--user-data-dir={profile}",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            f"--proxy-server=http://127.0.0.1:{proxy_port}", "--proxy-bypass-list=<-loopback>",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium refuses its sandbox as root (CI containers)
        self.proc = subprocess.Popen([binary, *flags, "about:blank"], pass_fds=(3, 4), preexec_fn=wire,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(child_in)
        os.close(child_out)
        self._next = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._cv = threading.Condition()
        self._reader = threading.Thread(target=self._pump, daemon=True)
        self._reader.start()

    def _pump(self) -> None:
        buf = b""
        while True:
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                break
            buf += chunk
            *messages, buf = buf.split(b"\0")
            with self._cv:
                for raw in messages:
                    msg = json.loads(raw)
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        self.events.append(msg)
                self._cv.notify_all()
        with self._cv:
            self._cv.notify_all()

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 120) -> dict:
        with self._cv:
            self._next += 1
            ident = self._next
        msg: dict = {"id": ident, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._write, json.dumps(msg).encode() + b"\0")
        with self._cv:
            if not self._cv.wait_for(lambda: ident in self._replies or not self._reader.is_alive(), timeout):
                raise TimeoutError(method)
        reply = self._replies.pop(ident, None)
        if reply is None or "error" in reply:
            raise RuntimeError(f"{method}: {reply}")
        return reply["result"]

    def wait_event(self, method: str, session: str, timeout: float = 120) -> dict:
        def found() -> dict | None:
            return next((e for e in self.events if e["method"] == method and e.get("sessionId") == session), None)

        with self._cv:
            if not self._cv.wait_for(lambda: found() is not None, timeout):
                raise TimeoutError(method)
            return found()  # type: ignore[return-value]

    def open(self, url: str, *, width: int = 1280, height: int = 900, mobile: bool = False,
             scripts: bool = True, media: str = "") -> Tab:
        """A new tab showing ``url``, returned once its load event has fired."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Page", "Runtime"):
            self.call(f"{domain}.enable", session=sid)
        # Record the page's Content-Security-Policy violations from its first moment.
        self.call("Page.addScriptToEvaluateOnNewDocument", {"source": _CSP_WATCH}, sid)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile}, sid)
        if not scripts:
            self.call("Emulation.setScriptExecutionDisabled", {"value": True}, sid)
        if media:
            self.call("Emulation.setEmulatedMedia", {"media": media}, sid)
        start = time.perf_counter()
        self.call("Page.navigate", {"url": url}, sid)
        self.wait_event("Page.loadEventFired", sid)
        return Tab(self, sid, url, time.perf_counter() - start, width, mobile)

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._write, self._read):
            os.close(fd)


@dataclass
class Tab:
    browser: Browser
    session: str
    url: str
    load_seconds: float
    width: int
    mobile: bool

    def evaluate(self, expression: str):
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        result = self.browser.call("Runtime.evaluate", params, self.session)
        return result["result"].get("value")

    def dom(self) -> str:
        return self.evaluate("document.documentElement.outerHTML")

    def requests(self) -> list[str]:
        """Every URL the page asked for, apart from the page itself."""
        return [e["params"]["request"]["url"] for e in self.browser.events
                if e["method"] == "Network.requestWillBeSent" and e.get("sessionId") == self.session
                and e["params"]["request"]["url"] != self.url]

    def csp_violations(self) -> list[str]:
        return self.evaluate("window.__csp || []")

    def failures(self) -> list[dict]:
        return [e["params"] for e in self.browser.events
                if e["method"] == "Network.loadingFailed" and e.get("sessionId") == self.session]

    def screenshot(self, path: Path, *, full: bool = False, max_height: int = 2400) -> None:
        """A PNG of the viewport, or with ``full`` of the page's top ``max_height`` pixels.

        The full shot grows the viewport rather than capturing beyond it, so rows that
        only render when on screen (``content-visibility: auto``) are drawn.
        """
        if full:
            height = min(self.evaluate("document.documentElement.scrollHeight"), max_height)
            self.browser.call("Emulation.setDeviceMetricsOverride",
                              {"width": self.width, "height": height, "deviceScaleFactor": 2 if self.mobile else 1,
                               "mobile": self.mobile}, self.session)
            self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        data = self.browser.call("Page.captureScreenshot", {"format": "png"}, self.session)["data"]
        path.write_bytes(base64.b64decode(data))


@pytest.fixture(scope="module")
def chromium() -> str:
    path = _find_chromium()
    if not path:
        if os.environ.get("IRANFOCUS_REQUIRE_CHROMIUM"):  # CI installs it: a missing browser is a failure there
            pytest.fail("IRANFOCUS_REQUIRE_CHROMIUM is set but no chromium binary was found")
        pytest.skip("no chromium binary found (Debian: apt-get install chromium)")
    return path


@pytest.fixture
def recorder():
    server = _Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def browser(chromium, recorder, tmp_path):
    b = Browser(chromium, tmp_path / "profile", recorder.server_address[1])
    yield b
    b.close()


def _write(tmp_path: Path, name: str, doc: str) -> Path:
    page = tmp_path / name
    page.write_text(doc, encoding="utf-8")
    return page


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_the_request_check_sees_a_page_that_loads_external_urls(browser, recorder, tmp_path):
    page = _write(tmp_path, "leaky.html",
                  '<!DOCTYPE html><link rel="stylesheet" href="https://cdn.example.com/x.css">'
                  f'<img src="http://{PROBE_HOST}/pixel.png"><img src="http://192.0.2.7/ip.png"><p>leaky</p>')
    tab = browser.open(page.as_uri())
    asked = tab.requests()
    assert "https://cdn.example.com/x.css" in asked
    assert f"http://{PROBE_HOST}/pixel.png" in asked and "http://192.0.2.7/ip.png" in asked
    # ...and the requests really went to the wire (here, the recording proxy).
    seen = "\n".join(recorder.seen)
    assert f"GET http://{PROBE_HOST}/pixel.png" in seen and "CONNECT cdn.example.com:443" in seen


def test_the_report_csp_blocks_a_load_even_if_markup_got_in(browser, recorder, tmp_path):
    doc = render_report(_data()).replace("<body>", f'<body><img src="http://{PROBE_HOST}/csp.png">', 1)
    tab = browser.open(_write(tmp_path, "injected.html", doc).as_uri())
    failed = {f.get("blockedReason") for f in tab.failures()}
    assert tab.requests() == [] or failed == {"csp"}
    assert tab.csp_violations() == [f"img-src http://{PROBE_HOST}/csp.png"]
    assert not [line for line in recorder.seen if PROBE_HOST in line]


def test_seed_report_in_chromium(browser, tmp_path):
    data = seed_report()
    tab = browser.open(_write(tmp_path, "report.html", render_report(data)).as_uri())
    assert tab.requests() == []
    dom = Dom(tab.dom())
    # The parts are there.
    assert dom.count("svg") >= 1 and dom.count("rect") >= 2 * len(data.timeline.periods)
    assert tab.evaluate("document.querySelector('#timeline svg').getBoundingClientRect().height") > 100
    rows = [a for t, a in dom.tags if t == "tr" and a.get("id", "").startswith("i-")]
    assert len(rows) == len(data.items)
    assert dom.count("mark") == len(data.kwic)
    # The corpus stayed text in the live DOM.
    _assert_inert(dom, live=True)
    text = dom.all_text
    assert "<script>document.title='pwned'</script>" in text
    assert "Protest <script>alert('title')</script> at the <img src=x onerror=alert(1)> square" in text
    assert '<a href="javascript:alert(2)">a link</a>' in text
    assert "</td></tr></table></details>" in text
    assert tab.evaluate("document.title") == data.title
    assert tab.evaluate("document.querySelectorAll('script').length") == 1
    assert tab.csp_violations() == []  # the style and the script match their hashes; nothing else tried to load
    # The optional script ran (so its CSP hash is right): the filter box and the sort buttons exist, and work.
    assert dom.count("button") == 5 and any(t == "input" and a.get("type") == "search" for t, a in dom.tags)
    visible = tab.evaluate("""(async () => {
        const box = document.querySelector('#items-tools input');
        box.value = 'pwned'; box.dispatchEvent(new Event('input'));
        await new Promise(r => setTimeout(r, 400));
        return [...document.querySelectorAll('#items-table tbody tr')].filter(r => !r.hidden).length;
    })()""")
    assert visible == 1
    # Sorting by date, both ways, keeps undated items last.
    dates = "[...document.querySelectorAll('#items-table tbody tr')].map(r => r.cells[0].textContent.slice(0, 10))"
    for _ in range(2):
        order = tab.evaluate(f"document.querySelector('#items-table th button').click(); {dates}")
        known = [d for d in order if not d.startswith("undated")]
        assert order[len(known):] == ["undated"] * (len(order) - len(known))
        assert known in (sorted(known), sorted(known, reverse=True)) and len(set(known)) > 1
    # An anchor opens its item.
    first = rows[0]["id"]
    tab.evaluate(f"new Promise(r => {{ addEventListener('hashchange', () => setTimeout(r, 0), {{once: true}}); "
                 f"location.hash = '#{first}'; }})")
    assert tab.evaluate(f"document.getElementById('{first}').querySelector('details').open") is True
    # A pointer to a story's copies opens the item that lists them.
    target = tab.evaluate("document.querySelector('#items-table a[href^=\"#c\"]').getAttribute('href').slice(1)")
    assert tab.evaluate(f"document.getElementById('{target}').closest('details').open") is False
    tab.evaluate(f"new Promise(r => {{ addEventListener('hashchange', () => setTimeout(r, 0), {{once: true}}); "
                 f"location.hash = '#{target}'; }})")
    assert tab.evaluate(f"document.getElementById('{target}').closest('details').open") is True
    assert tab.requests() == []


def test_report_works_without_javascript(browser, tmp_path):
    data = seed_report()
    tab = browser.open(_write(tmp_path, "report.html", render_report(data)).as_uri(), scripts=False)
    dom = Dom(tab.dom())
    assert dom.count("svg") >= 1 and dom.count("details") > 0 and dom.count("mark") == len(data.kwic)
    assert row_ids(dom) == [it.id for it in data.items]
    assert dom.count("button") == 0  # the script did not run, and nothing needed it
    assert tab.requests() == []


def test_print_layout_opens_every_text(browser, tmp_path):
    data = seed_report()
    tab = browser.open(_write(tmp_path, "report.html", render_report(data)).as_uri(), media="print")
    heights = tab.evaluate("[...document.querySelectorAll('details > div')].map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) > 0
    # Printed, each row shows its item's whole text (a lead and the rest, or the text itself).
    shown = tab.evaluate("[...document.querySelectorAll('#items-table tbody tr')].map(r => r.cells[2].innerText)")

    def squeeze(t: str) -> str:
        return re.sub(r"[\s\u2026]", "", t)

    def visible(t: str) -> str:  # as the page shows unsafe characters
        return re.sub("[\x00-\x08\x0b-\x1f\u202a-\u202e]", lambda m: f"U+{ord(m.group()):04X}", t)

    assert len(shown) == len(data.items)
    for it, cell in zip(data.items, shown):
        assert squeeze(visible(it.text)) in squeeze(cell), it.id
    assert tab.evaluate("getComputedStyle(document.querySelector('#items-table thead')).display") == "none"


def _check_screenshot(tab, shot: Path, width: int, mobile: bool, max_height: int) -> None:
    """A full-page screenshot at the width asked; nothing sticks out sideways on a phone
    (the page is as wide as the screen); no request made. Kept in
    $IRANFOCUS_SCREENSHOT_DIR when it is set."""
    tab.screenshot(shot, full=True, max_height=max_height)
    assert _png_size(shot)[0] == width * (2 if mobile else 1)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    keep = os.environ.get("IRANFOCUS_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    assert tab.requests() == []


@pytest.mark.parametrize(("width", "mobile"), [(1280, False), (390, True)])
def test_screenshots(browser, tmp_path, width, mobile):
    tab = browser.open(_write(tmp_path, "report.html", render_report(seed_report())).as_uri(), width=width,
                       height=1600 if not mobile else 844, mobile=mobile)
    _check_screenshot(tab, tmp_path / f"report-{width}.png", width, mobile, 1800)


@pytest.mark.parametrize(("width", "mobile"), [(1280, False), (390, True)])
def test_report_made_by_the_command_in_chromium(browser, monkeypatch, tmp_path, width, mobile):
    """A report the command made on the seeds and a hostile page: complete, inert and offline in the browser."""
    corpus = hostile_corpus(tmp_path)
    out = tmp_path / "report.html"
    _, doc, static = cli_report(monkeypatch, out, "--corpus", str(corpus), "report", "-k", "protest")
    expected = [e["id"] for e in json_out(monkeypatch, "--corpus", str(corpus), "export", "-k", "protest")]
    tab = browser.open(out.as_uri(), width=width, height=844 if mobile else 900, mobile=mobile)
    assert tab.requests() == [] and tab.csp_violations() == []
    dom = Dom(tab.dom())
    # The chart, the table and the KWIC lines are there.
    bars = tab.evaluate("document.querySelectorAll('#timeline svg rect.b').length")
    assert bars >= 2 and tab.evaluate("document.querySelector('#timeline svg').getBoundingClientRect().height") > 40
    assert sorted(row_ids(dom)) == sorted(expected) and len(expected) > 30
    assert tab.evaluate("document.querySelectorAll('#kwic mark').length") == len(marks(doc)) > 30
    # Every byte of the hostile page is text in the live DOM.
    _assert_inert(dom, live=True)
    text = dom.all_text
    assert "Protest <script>alert('title')</script> at the <img src=x onerror=alert(1)> square" in text
    assert "<script>document.title='pwned'</script>" in text and '<a href="javascript:alert(2)">a link</a>' in text
    assert "</td></tr></table></details> closed nothing" in text and "hostile<img src=x onerror=alert(5)>.txt" in text
    assert tab.evaluate("document.title") == "Iran Focus corpus report"
    assert tab.evaluate("document.querySelectorAll('script').length") == 1
    _check_screenshot(tab, tmp_path / f"report-cli-{width}.png", width, mobile, 2400)


_TIMING = """(() => {
    const n = performance.getEntriesByType('navigation')[0];
    const p = performance.getEntriesByName('first-contentful-paint')[0];
    return [n.domContentLoadedEventEnd / 1000, n.loadEventEnd / 1000, p ? p.startTime / 1000 : null];
})()"""


def test_ten_thousand_items_open_in_chromium(browser, tmp_path):
    """Prints the load figures; no timing is asserted (they depend on the machine).

    A page of the same text as bare paragraphs is timed alongside, as the yardstick
    of what this machine needs to parse that many bytes at all.
    """
    doc = render_report(synthetic_report())
    size = len(doc.encode("utf-8"))
    assert size < 10_000_000
    tab = browser.open(_write(tmp_path, "big.html", doc).as_uri())
    ready, load, paint = tab.evaluate(_TIMING)
    assert tab.evaluate("document.querySelectorAll('#items-table tbody tr').length") == 10_000
    assert tab.requests() == []
    bare = "<!DOCTYPE html><meta charset=utf-8>" + "".join(
        f"<p>{html.escape(it.title or '')} {html.escape(it.text)}" for it in synthetic_report().items)
    _, bare_load, _ = browser.open(_write(tmp_path, "bare.html", bare).as_uri()).evaluate(_TIMING)
    print(f"\n10,000-item report: {size / 1e6:.2f} MB; in Chromium: first paint "
          f"{'n/a' if paint is None else f'{paint:.2f} s'}, DOM ready {ready:.2f} s, load {load:.2f} s "
          f"(navigate to load event {tab.load_seconds:.2f} s); the same text as bare paragraphs "
          f"({len(bare.encode()) / 1e6:.2f} MB) loads in {bare_load:.2f} s")
