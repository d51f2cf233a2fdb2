"""The page parser: page text in, items out. Pure: no I/O, no printing.

A page is cut into *blocks* (runs of non-blank lines). Blocks are classified:
the ``Iran Focus`` source line, a dateline ("London, 02 Feb - ..."), a byline
("By Jubin Katiraie"), or plain text. Then one of three layouts applies:

* **listing**: every source line, stray dateline and byline starts a teaser;
  a headline-like line just before it is that teaser's headline (or photo label).
* **article**: posts start at headlines: the first line, and later headline-like
  lines set off by two blank lines, by the site's no-break space before the last
  word, or by a repeat of themselves. A "post" with no real paragraph before the
  next headline is not a post: its headline stays, the next one joins its body.
* **unknown**: one article holding the whole page, with a warning.

On listing pages, the caption list of the sidebar follows the last teaser:
single short lines after two blank lines (or, without them, a trailing run of
at least three short unpunctuated lines). Each line is one caption item.

Nothing is dropped: each non-blank line lands in exactly one item, as its
headline (or a repeat of it), byline, dateline, text, or as a source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import PageDates, find_caption_date, find_mentions, iso_date, parse_dateline, timeline_offsets
from .model import Item
from .people import item_mentions
from .textnorm import alnum_key, squash

LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n")
UNKNOWN_LAYOUT = "page fits no known layout; loaded as one article"
SOURCE_KEY = "iran focus"
_NAME_WORD = r"[A-Z\u00c0-\u024f][\w'\u2019.\-]*"
_NAME_LINK = r"(?:and|&|de|da|al|el|van|von|bin|ibn|le|la)"
BYLINE_RE = re.compile(
    rf"^[Bb][Yy]:?[ \t\u00a0]+(?P<name>{_NAME_WORD}(?:[ \t\u00a0]+(?:{_NAME_WORD}|{_NAME_LINK})){{0,6}})$"
)
_LIST_MARK_RE = re.compile(r"^(?:[-\u2013\u2022*\u00b7]|\d{1,3}[.)]\s)")
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_NBSP_TAIL_RE = re.compile(r"^[^\u00a0]*\S\u00a0\S+$")

SUBSTANTIAL = 100     # characters: a block this long is a real paragraph
HEADLINE_MAX = 200
CAPTION_MAX = 220


@dataclass
class Block:
    """A run of non-blank lines; ``start`` is the 1-based number of its first line."""

    start: int
    lines: list[str]
    blanks_before: int

    @property
    def end(self) -> int:
        return self.start + len(self.lines) - 1

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def single(self) -> bool:
        return len(self.lines) == 1


@dataclass
class Page:
    """A parsed page: its items, layout and the evidence for its year."""

    source: str
    stem: str
    layout: str
    items: list[Item]
    dates: PageDates
    warnings: list[str] = field(default_factory=list)
    lines: int = 0
    source_lines: list[int] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or lone CR, as editors number lines."""
    lines = LINE_SPLIT_RE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def make_blocks(lines: list[str]) -> list[Block]:
    """Group lines into blocks of non-blank lines, each stripped of outer space."""
    blocks: list[Block] = []
    cur: list[str] = []
    start = 0
    blanks = 0
    pending_blanks = 0
    for no, raw in enumerate(lines, 1):
        s = raw.strip()
        if s:
            if not cur:
                start, blanks = no, pending_blanks
            cur.append(s)
        else:
            if cur:
                blocks.append(Block(start, cur, blanks))
                cur, pending_blanks = [], 0
            pending_blanks += 1
    if cur:
        blocks.append(Block(start, cur, blanks))
    if len(blocks) == 1 and len(blocks[0].lines) > 1:
        # A page with no blank line at all (a scraper dropped them): one block a line.
        b = blocks[0]
        blocks = [Block(b.start + k, [ln], 1) for k, ln in enumerate(b.lines)]
    else:
        blocks = [part for b in blocks for part in _split_markers(b)]
    if blocks and blocks[0].blanks_before == 0:
        blocks[0].blanks_before = 99  # the page start counts as a big gap
    return blocks


def _is_source_line(line: str) -> bool:
    return len(line) <= 40 and squash(line) == SOURCE_KEY


def _split_markers(b: Block) -> list[Block]:
    """Cut a block around a source line or a byline line, when a page left out the
    blank lines there ("Headline / Iran Focus / London, 02 Feb - ...")."""
    if b.single:
        return [b]
    cuts: set[int] = set()
    for k, ln in enumerate(b.lines):
        if _is_source_line(ln) or (len(ln) <= 60 and BYLINE_RE.match(ln)):
            cuts.update((k, k + 1))
    inner = sorted(c for c in cuts if 0 < c < len(b.lines))
    if not inner:
        return [b]
    out, prev = [], 0
    for c in inner + [len(b.lines)]:
        out.append(Block(b.start + prev, b.lines[prev:c], b.blanks_before if prev == 0 else 0))
        prev = c
    return out


def classify(b: Block) -> str | None:
    """'source', 'dateline', 'byline', or None for plain text."""
    first = b.lines[0]
    if b.single and _is_source_line(first):
        return "source"
    if first[:1].isupper() and parse_dateline(first):
        return "dateline"
    if b.single and len(first) <= 60 and BYLINE_RE.match(first):
        return "byline"
    return None


def is_headline(b: Block) -> bool:
    """Whether a block looks like a headline: one short line, not a sentence end."""
    if not b.single:
        return False
    t = b.text
    if not 2 <= len(t) <= HEADLINE_MAX or not any(c.isalpha() for c in t):
        return False
    if t.startswith("Source:") or _LIST_MARK_RE.match(t):
        return False
    core = t.rstrip(_CLOSERS)
    if not core or core[-1] in ".,;:\u2026":
        return False
    if core[-1] in "?!" and len(t) > 120:
        return False
    return True


def _caption_line_ok(line: str, strict: bool) -> bool:
    if len(line) > (160 if strict else CAPTION_MAX):
        return False
    if (len(line) <= 40 and squash(line) == SOURCE_KEY) or parse_dateline(line) or \
            (len(line) <= 60 and BYLINE_RE.match(line)):
        return False
    if strict:
        core = line.rstrip(_CLOSERS)
        return bool(core) and core[-1] not in ".,;:!?\u2026" and not _LIST_MARK_RE.match(line)
    return True


def find_caption_zone(blocks: list[Block], after: int, trailing_run: bool) -> int:
    """Index of the first block of the trailing caption list, or len(blocks).

    The list starts after two blank lines, and every line from there on must be
    short; on article pages (``trailing_run`` False) every line must also look
    like a title, on listing pages two thirds of them. Listing pages without the
    two blank lines may end in a run of at least three short title-like lines.
    """
    n = len(blocks)
    ok = [all(_caption_line_ok(ln, False) for ln in b.lines) for b in blocks]
    tail = n
    while tail - 1 > after and ok[tail - 1]:
        tail -= 1
    for j in range(tail, n):
        if blocks[j].blanks_before >= 2 and j > after:
            lines = [ln for b in blocks[j:] for ln in b.lines]
            strict = sum(1 for ln in lines if _caption_line_ok(ln, True))
            if (trailing_run and 3 * strict >= 2 * len(lines)) or (strict == len(lines) >= 3):
                return j
    if trailing_run:
        j = n
        while j - 1 > after and blocks[j - 1].single and _caption_line_ok(blocks[j - 1].text, True):
            j -= 1
        if n - j >= 3:
            return j
    return n


# --- caption fields ---------------------------------------------------------

_PLACE = r"[A-Z][\w'\u2019\-]*(?:[ \u00a0]+[A-Z][\w'\u2019\-]*){0,3}"
_CAP_PLACE_RES = [
    re.compile(rf"^(?:Iran|IRAN)[ \u00a0]*[-,\u2013][ \u00a0]*(?P<place>{_PLACE})[ \u00a0]*[,.:\u2013\-]"),
    re.compile(rf"^(?P<place>{_PLACE}),[ \u00a0]*(?:Iran|IRAN)\b"),
    re.compile(rf"\bin[ \u00a0]+(?P<place>{_PLACE}),[ \u00a0]*Iran\b"),
]
_LEAD_WORD_RE = re.compile(r"^(?P<place>[A-Z][a-z]+|IRAN)(?:[ \u00a0]*[:.\u2013]|[ \u00a0]+-[ \u00a0])")
_NOT_PLACES = {"The", "A", "An", "Two", "More", "People", "Public", "Suicide", "Clashes", "Warning"}


def _place_case(p: str) -> str:
    return p.title() if p.isupper() and len(p) > 2 else p


def caption_fields(line: str) -> tuple[str | None, str | None, str | None, int | None]:
    """(place, ISO date, date as written, year) of a caption line."""
    cd = find_caption_date(line)
    place = None
    for rx in _CAP_PLACE_RES:
        m = rx.search(line)
        if m:
            place = m.group("place")
            break
    if place is None and cd is not None:
        after = re.match(rf"[ \u00a0]*[-\u2013][ \u00a0]*(?P<place>{_PLACE})[ \u00a0]*,", line[cd.end:])
        before = re.search(rf"(?:^|\bin[ \u00a0]+)(?P<place>{_PLACE})[ \u00a0]*[-\u2013,]?[ \u00a0]*$", line[:cd.start])
        if after:
            place = after.group("place")
        elif before and before.group("place").split()[0] not in _NOT_PLACES:
            place = before.group("place")
    if place is None:
        m = _LEAD_WORD_RE.match(line)
        if m and m.group("place") not in _NOT_PLACES:
            place = m.group("place")
    if place is not None:
        place = _place_case(place.replace("\u00a0", " ").rstrip("-'\u2019"))
    if cd is None:
        return place, None, None, None
    return place, cd.iso, cd.date_text, cd.year


# --- articles -----------------------------------------------------------------

@dataclass
class _Draft:
    start: int
    end: int
    title: str | None = None
    repeats: list[str] = field(default_factory=list)
    byline: str | None = None
    place: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    date_text: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    para_lines: list[list[int]] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)


def _draft_article(seg: list[Block], kinds: list[str | None], has_title: bool) -> _Draft:
    """Read headline, repeats, source line, dateline and byline off a segment."""
    d = _Draft(seg[0].start, seg[-1].end)
    i = 0
    if has_title:
        d.title = seg[0].text
        key = alnum_key(d.title)
        i = 1
        while i < len(seg) and kinds[i] is None and seg[i].single and key and alnum_key(seg[i].text) == key:
            d.repeats.append(seg[i].text)
            i += 1
    while i < len(seg) and kinds[i] == "source":
        d.sources.append(seg[i].start)
        i += 1
    if i < len(seg) and kinds[i] == "dateline":
        dl = parse_dateline(seg[i].lines[0])
        assert dl is not None
        d.place, d.month, d.day, d.year, d.date_text = dl.place, dl.month, dl.day, dl.year, dl.date_text
        first = [dl.lead] if dl.lead else []
        rest = "\n".join(first + seg[i].lines[1:])
        if rest:
            d.paragraphs.append(rest)
            d.para_lines.append(list(range(seg[i].start + (0 if first else 1), seg[i].end + 1)))
        i += 1
    if i < len(seg) and kinds[i] == "byline":
        m = BYLINE_RE.match(seg[i].text)
        assert m is not None
        d.byline = m.group("name")
        i += 1
    for b in seg[i:]:
        d.paragraphs.append(b.text)
        d.para_lines.append(list(range(b.start, b.end + 1)))
    return d


def _text_lines(para_lines: list[list[int]]) -> tuple[int, ...]:
    """File line of each line of the joined text (0 for the blank separators)."""
    out: list[int] = []
    for k, nums in enumerate(para_lines):
        if k:
            out.append(0)
        out.extend(nums)
    return tuple(out)


def _listing_anchors(blocks: list[Block], kinds: list[str | None]) -> list[tuple[int, int]]:
    """(first block, anchor block) of each teaser on a listing page."""
    anchors: list[tuple[int, int]] = []
    for i, k in enumerate(kinds):
        prev = kinds[i - 1] if i else None
        if k is None or (k == "dateline" and prev == "source") or (k == "byline" and prev in ("source", "dateline")):
            continue
        if k == "source" and prev == "source":
            continue
        start = i
        floor = anchors[-1][1] if anchors else -1
        j = i - 1
        if j > floor and kinds[j] is None and is_headline(blocks[j]):
            start = j
            key = alnum_key(blocks[j].text)
            while start - 1 > floor and kinds[start - 1] is None and blocks[start - 1].single \
                    and alnum_key(blocks[start - 1].text) == key:
                start -= 1
        anchors.append((start, i))
    return anchors


def _is_post_start(blocks: list[Block], kinds: list[str | None], i: int, stop: int) -> bool:
    b = blocks[i]
    if kinds[i] is not None or not is_headline(b):
        return False
    if b.blanks_before >= 2 or _NBSP_TAIL_RE.match(b.text):
        return True
    nxt = i + 1
    if nxt < stop and (kinds[nxt] == "source" or (blocks[nxt].single and alnum_key(blocks[nxt].text) == alnum_key(b.text))):
        return True
    return False


def _article_starts(blocks: list[Block], kinds: list[str | None], stop: int) -> list[int]:
    starts = [0]
    for i in range(1, stop):
        if not _is_post_start(blocks, kinds, i, stop):
            continue
        between = blocks[starts[-1] + 1:i]
        if any(len(b.text) >= SUBSTANTIAL for b, k in zip(between, kinds[starts[-1] + 1:i], strict=False) if k != "source"):
            starts.append(i)
    return starts


def detect_layout(blocks: list[Block], kinds: list[str | None]) -> str:
    """'listing', 'article' or 'unknown'."""
    n_src_dl = sum(1 for i in range(len(kinds) - 1) if kinds[i] == "source" and kinds[i + 1] == "dateline")
    n_dl = kinds.count("dateline")
    if n_src_dl or n_dl >= 2:
        return "listing"
    head = kinds[:5]
    if "source" in head or (len(blocks) > 1 and is_headline(blocks[0]) and blocks[1].single
                            and alnum_key(blocks[0].text) == alnum_key(blocks[1].text)):
        return "article"
    if "byline" in kinds or n_dl:
        return "listing"
    if "source" in kinds:
        return "article"
    return "unknown"


def split_page(text: str, *, source: str, stem: str) -> Page:
    """Parse one page's text into items. Never raises on any str input."""
    lines = split_lines(text)
    blocks = make_blocks(lines)
    kinds = [classify(b) for b in blocks]
    layout = detect_layout(blocks, kinds) if blocks else "empty"
    warnings: list[str] = []
    drafts: list[_Draft] = []
    captions: list[Block] = []

    if layout == "listing":
        anchors = _listing_anchors(blocks, kinds)
        last = anchors[-1][1] if anchors else 0
        if last + 1 < len(blocks) and kinds[last] == "source" and kinds[last + 1] == "dateline":
            last += 1
        cap = find_caption_zone(blocks, last, trailing_run=True)
        captions = blocks[cap:]
        if anchors and anchors[0][0] > 0:
            drafts.append(_draft_article(blocks[:anchors[0][0]], kinds[:anchors[0][0]], False))
        for k, (start, anchor) in enumerate(anchors):
            stop = anchors[k + 1][0] if k + 1 < len(anchors) else cap
            drafts.append(_draft_article(blocks[start:stop], kinds[start:stop], start < anchor))
    elif layout == "article":
        cap = find_caption_zone(blocks, 0, trailing_run=False)
        captions = blocks[cap:]
        starts = _article_starts(blocks, kinds, cap)
        for k, start in enumerate(starts):
            stop = starts[k + 1] if k + 1 < len(starts) else cap
            has_title = kinds[start] is None and is_headline(blocks[start])
            drafts.append(_draft_article(blocks[start:stop], kinds[start:stop], has_title))
    elif layout == "unknown":
        warnings.append(UNKNOWN_LAYOUT)
        drafts.append(_Draft(blocks[0].start, blocks[-1].end, paragraphs=[b.text for b in blocks],
                             para_lines=[list(range(b.start, b.end + 1)) for b in blocks]))

    items: list[Item] = []
    pd = PageDates()
    entries: list[tuple[int, object]] = [(d.start, d) for d in drafts]
    entries += [(b.start + k, ln) for b in captions for k, ln in enumerate(b.lines)]
    entries.sort(key=lambda e: e[0])
    source_lines: list[int] = []
    for n, (line_no, obj) in enumerate(entries, 1):
        iid = f"{stem}#{n}"
        if isinstance(obj, _Draft):
            body = "\n\n".join(obj.paragraphs)
            date = iso_date(obj.year, obj.month, obj.day) if obj.month else None
            items.append(Item(
                id=iid, kind="article", source=source, line_start=obj.start, line_end=obj.end,
                title=obj.title, byline=obj.byline, place=obj.place, date=date,
                date_text=obj.date_text, year_basis="written" if obj.year else None, text=body,
                title_repeats=tuple(obj.repeats), content_key=squash(body) or squash(obj.title or ""),
                text_lines=_text_lines(obj.para_lines),
                mentions=item_mentions(obj.title, obj.byline, body, "article"),
            ))
            source_lines.extend(obj.sources)
            if obj.month is not None and obj.day is not None:
                pd.datelines.append((n, obj.month, obj.day, obj.year))
                for m in find_mentions((obj.title or "") + "\n" + body):
                    pd.mentions.append((n, m))
        else:
            line = str(obj)
            place, date, date_text, year = caption_fields(line)
            items.append(Item(
                id=iid, kind="caption", source=source, line_start=line_no, line_end=line_no,
                title=line, byline=None, place=place, date=date, date_text=date_text,
                year_basis="written" if year else None, text=line, content_key=squash(line),
                text_lines=(line_no,),
                mentions=item_mentions(None, None, line, "caption"),
            ))
    pd.offsets = timeline_offsets(pd.datelines)
    return Page(source=source, stem=stem, layout=layout, items=items, dates=pd,
                warnings=warnings, lines=len(lines), source_lines=source_lines)
