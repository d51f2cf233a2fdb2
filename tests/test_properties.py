"""Property tests: the loader never raises, loses nothing, and is deterministic."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iranfocus_cli.parse import clean_line, split_lines, split_page
from iranfocus_cli.render import to_text
from iranfocus_cli.textnorm import alnum_key, fold

from .conftest import SEEDS

_MARKERS = {"by", "par", "iran", "focus", "date", "image"}


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def accounted(line: str, it) -> bool:
    """Whether a page line's content is kept in this item: every word of it is in
    the item's title, repeats, byline, place, date, outlet, furniture or text
    (the words "By", "Iran Focus" and "Image" mark a line and may be dropped)."""
    if alnum_key(line) == "iranfocus":
        return True  # the source line, in any case or spacing ("IRAN FOCUS", "Iran Focus:")
    kept = " ".join([it.title or "", *it.title_repeats, it.byline or "", it.place or "", it.date_text or "",
                     it.source_name or "", *it.furniture, it.text])
    return _tokens(clean_line(line)) - _MARKERS <= _tokens(kept)


def check_nothing_lost(text: str, items, header_lines=()) -> None:
    lines = split_lines(text)
    owner: dict[int, list] = {}
    for it in items:
        for n in range(it.line_start, it.line_end + 1):
            owner.setdefault(n, []).append(it)
    for n, raw in enumerate(lines, 1):
        s = raw.strip()
        if not s:
            continue
        if n in header_lines:
            assert not owner.get(n), (n, s)
            continue
        assert len(owner.get(n, [])) == 1, (n, s, [i.id for i in owner.get(n, [])])
        assert accounted(s, owner[n][0]), (n, s, owner[n][0])


def test_seeds_lose_nothing():
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        page = split_page(text, source=f.name, stem=f.stem)
        check_nothing_lost(text, page.items, page.header_lines)


SP = st.sampled_from([" ", "\u00a0", "  "])
WORD = st.sampled_from(["Iran", "Khamenei", "regime", "the", "protest", "[bold]", "\x1b[31m", "Gérard",
                        "Khamenei\u2019s", "=SUM(A1)", "\u202e", "\x07", "Rajavi", "London", "Feb", "02", "-", "\u2013"])
SENT = st.lists(WORD, min_size=1, max_size=30).map(" ".join)
HEADLINE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
DATELINE = st.builds(lambda sp, d, m, lead: f"London, {d}{sp}{m} -{sp}{lead}", SP, st.integers(1, 28),
                     st.sampled_from(["Jan", "Feb", "July", "June", "Dec"]), SENT)
BLOCK = st.one_of(
    st.just("Iran Focus"), DATELINE, SENT, HEADLINE,
    st.sampled_from(["by Pooya Stone", "By Jubin Katiraie", "Source: The MEK", "Yazd, Iran. May 22, 2018, strike",
                     "Iran, Tehran \u2013 Chants, June 25", "Mar 27&28 People Clash"]),
    st.text(max_size=80),
)
SEPS = st.sampled_from(["\n", "\n\n", "\n\n\n", "\r\n\r\n", "\r\r", "\n \n"])


@st.composite
def pages(draw):
    blocks = draw(st.lists(BLOCK, max_size=25))
    out = ""
    for b in blocks:
        out += b + draw(SEPS)
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_generated_pages_lose_nothing(text):
    page = split_page(text, source="g.txt", stem="g")
    check_nothing_lost(text, page.items, page.header_lines)
    assert [i.id for i in page.items] == [f"g#{k}" for k in range(1, len(page.items) + 1)]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_loader_is_total_on_any_text(text):
    page = split_page(text, source="t", stem="t")
    check_nothing_lost(text, page.items, page.header_lines)


@settings(max_examples=100, deadline=None)
@given(pages())
def test_same_bytes_same_ids_and_items(text):
    a = split_page(text, source="s", stem="s")
    b = split_page(text, source="s", stem="s")
    assert [i.to_dict() for i in a.items] == [i.to_dict() for i in b.items]


@settings(max_examples=100, deadline=None)
@given(pages())
def test_export_reads_back(text):
    items = [i.to_dict() for i in split_page(text, source="r", stem="r").items]
    lines = to_text(items, "jsonl").splitlines()
    assert [json.loads(x) for x in lines] == items
    assert json.loads(to_text(items, "json")) == items


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
       | st.text(alphabet=" \t\n\u00a0\u200e\u202ex\x7f\x85", max_size=12))
@settings(max_examples=400)
def test_one_line_fast_path_is_the_slow_path(text):
    """A cell already on one clean line is passed through unchanged; that shortcut must
    give exactly what cleaning and collapsing the spaces gives."""
    from iranfocus_cli.render import clean, one_line

    assert one_line(text) == " ".join(clean(text).split())


def test_item_of_values_is_the_item():
    """Items built from stored rows (``Item.of_values``) equal, hash and export as ones
    made by the dataclass's own constructor."""
    import dataclasses

    from iranfocus_cli.model import Item

    for it in split_page((SEEDS / sorted(p.name for p in SEEDS.iterdir())[0]).read_text(encoding="utf-8"),
                         source="s", stem="s").items:
        values = [getattr(it, f.name) for f in dataclasses.fields(Item)]
        made = Item.of_values(values)
        assert made == it and hash(made) == hash(it) and made.to_dict() == it.to_dict()
        assert dataclasses.replace(made, title="x").title == "x"


@given(st.sampled_from(["Rajavi", "r[ao]jav", "ali khamenei", r"\d{2}", "a.b", "(ab)\\1", "é", "x", "o'", "US"]),
       st.text(alphabet="aAbBxoé'’ 1234_-rRjJvViIUSs\u00e9\n", max_size=40), st.booleans())
@settings(max_examples=400)
def test_word_match_with_the_test_after_the_body_is_the_same(body, text, ignore):
    """grep -w writes the word test after a fixed-width body (fast literal search); it
    must find exactly the spans of the test written first."""
    import re as re_

    from iranfocus_cli.grep import _word_first

    flags = re_.IGNORECASE if ignore else 0
    first = re_.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
    after = _word_first(body, flags)
    assert after is not None
    assert [m.span() for m in after.finditer(text)] == [m.span() for m in first.finditer(text)]


def _context_by_regex(text: str, start: int, end: int, words: int) -> tuple[str, str]:
    """The KWIC context as first written (word starts and ends found by regex): the
    oracle for grep's context cut from str.split."""
    if not words:
        return "", ""
    span = 30 * words + 30
    lo, hi = max(0, start - span), min(len(text), end + span)
    run = re.compile(r"\S+")
    starts = [m.start() for m in run.finditer(text, lo, start)]
    if starts and starts[0] == lo and lo and not text[lo - 1].isspace():
        starts.pop(0)
    ends = [m.end() for m in run.finditer(text, end, hi)]
    if ends and ends[-1] == hi and hi < len(text) and not text[hi].isspace():
        ends.pop()
    pre = text[starts[-words] if len(starts) >= words else starts[0]:start] if starts else ""
    post = text[end:ends[words - 1] if len(ends) >= words else ends[-1]] if ends else ""
    return pre, post


@given(st.text(alphabet=st.sampled_from(list("ab ’\n\t\u00a0\u2003\x1c\x1f\x85\u200b.")), max_size=400),
       st.integers(0, 400), st.integers(0, 6), st.integers(0, 12))
@settings(max_examples=600)
def test_grep_context_is_the_regex_context(text, at, width, words):
    """grep's context, cut with str.split, is the context the regex cut."""
    from iranfocus_cli.grep import _context

    start = min(at, len(text))
    end = min(len(text), start + width)
    assert _context(text, start, end, words) == _context_by_regex(text, start, end, words)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
       | st.text(alphabet="aé’“ø\u0301\u00a0`İıйи", max_size=30))
@settings(max_examples=500)
def test_fold_marks_is_the_fold_of_each_character(text):
    """fold_marks replaces each distinct character throughout at once; that must be the
    same as folding character by character, and keep the length."""
    from iranfocus_cli.textnorm import _fold_char, fold_marks

    by_char = "".join(_fold_char(c) if ord(c) > 127 else c for c in text.replace("`", "'"))
    assert fold_marks(text) == by_char and len(fold_marks(text)) == len(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), st.booleans())
@settings(max_examples=400)
def test_clean_passes_printable_text_unchanged(text, keep):
    """A printable cell is already clean: the shortcut must agree with the escaping."""
    from iranfocus_cli.render import _CONTROL_RE, clean

    out = _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                          else f"\\u{ord(m.group()):04x}", text) if text else ""
    if not keep:
        out = out.replace("\t", " ").replace("\n", " ")
    assert clean(text, keep_newlines=keep) == out
