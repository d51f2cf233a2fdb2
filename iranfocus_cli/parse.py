"""The page parser: page text in, items out. Pure: no I/O, no printing.

A page is cut into *blocks* (runs of non-blank lines). Each block gets a kind
from its shape alone: the ``Iran Focus`` source line, a dateline (``London, 02
Feb -``, ``Iran Focus: Tehran, Dec. 31 -``, ``Strasbourg - 8 October 2015 -``,
``TEHRAN (Reuters) -``), a byline (``By X``, ``BY X, Role``, ``PAR X``, or ``By X``
running into the lead), a reprint (``Financial Times: ...``), an outlet line
(``The Daily Telegraph``), an excerpt (a block whose opening repeats the opening
of a block just after it), page furniture (separators, "Read more", share lines),
a sidebar header ("Latest news", "Must read"), a headline list, or plain text.

Then one of three layouts applies:

* **listing**: two or more teaser anchors (datelines, bylines, reprints). Every
  anchor starts a teaser; a headline-like line just before it is that teaser's
  headline (or photo label).
* **article**: at most one anchor, with a headline, a source line or an outlet.
  Posts start at headlines: the first line, and later headline-like lines set off
  by two blank lines, by the site's no-break space before the last word, or by a
  repeat of themselves. A "post" with no real paragraph before the next headline
  is not a post: its headline stays, the next one joins its body.
* **unknown**: one article holding the whole page, with a warning.

Each article's head is read as a zone: breadcrumbs glued to the headline, the
headline repeated, separators, photo labels, the excerpt, the source line, the
outlet, the dateline and the byline are taken off before the body starts.

A sidebar header starts the sidebar: every later line is a caption item. On
listing pages without one, the caption list follows the last teaser: single
short lines after two blank lines (or, without them, a trailing run of at least
three short unpunctuated lines).

Nothing is dropped: each non-blank line lands in exactly one item (as its
headline, a repeat, its byline, dateline, outlet, furniture or text) or, for a
category or sidebar header and a metadata-only line, in ``Page.header_lines``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import (
    PageDates,
    find_caption_date,
    find_mentions,
    iso_date,
    parse_dateline,
    place_case,
    timeline_offsets,
    valid_day,
)
from .model import UNKNOWN_LAYOUT, Item
from .people import item_mentions
from .textnorm import alnum_key, squash

LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n")
SOURCE_KEY = "iranfocus"
_SP = "[ \t\u00a0]"
_NAME_WORD_RE = re.compile(r"^(?:[A-Z\u00c0-\u024f][\w'\u2019.\-]*|(?:al|el|ad|as|an|ar)-[A-Z\u00c0-\u024f][\w'\u2019.\-]*)$")
_NAME_LINKS = {"and", "&", "de", "da", "du", "al", "el", "van", "von", "der", "den", "bin", "ibn", "le", "la", "di", "del"}
_BY_RE = re.compile(rf"^(?:(?P<kw>[Bb][Yy]|P[Aa][Rr])\b:?{_SP}*|(?P<glued>by)(?=[A-Z]))")
# Capitalised words that start a sentence rather than continue a name.
_STARTERS = {
    "the", "a", "an", "on", "in", "at", "as", "after", "before", "according", "while", "when",
    "with", "without", "for", "from", "this", "that", "these", "those", "it", "its", "iran",
    "iran's", "iranian", "iranians", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "some", "many", "most", "more", "last", "following", "during",
    "despite", "since", "amid", "amidst", "over", "under", "there", "their", "they", "he", "she",
    "we", "i", "his", "her", "our", "if", "but", "and", "or", "so", "yet", "what", "why", "how",
    "who", "where", "although", "though", "because", "about", "once", "today", "yesterday",
    "state", "regime", "tehran", "london", "paris", "washington", "by", "to", "of", "not", "no",
    "all", "each", "every", "both", "recent", "new", "officials", "reports", "report",
}
_LIST_MARK_RE = re.compile(r"^(?:[-\u2013\u2022*\u00b7]|\d{1,3}[.)]\s)")
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_NBSP_TAIL_RE = re.compile(r"^[^\u00a0]*\S\u00a0\S+$")
_IMAGE_RE = re.compile(r"^Image(?=[A-Z\u00c0-\u024f\"\u201c\u2018'])")
_META_DATE_RE = re.compile(rf"^date{_SP}+(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)(?:-(?P<d>\d\d))?(?={_SP}|$){_SP}*")
_SEPARATOR_RE = re.compile(r"^[-\u2013\u2014_*=~\u2022\u00b7.#|/\\+]+$")
_READ_MORE_RE = re.compile(rf"^(?:read|continue)(?:{_SP}+(?:more|reading))?(?:{_SP}*[.\u2026>\u00bb\u203a:]+)*{_SP}*$", re.I)
_SHARE_RE = re.compile(rf"^(?:\d+{_SP}+comments?|comments?{_SP}*\(?\d+\)?|no{_SP}+comments|(?:share|tweet|print|email|e-mail)"
                       rf"(?:{_SP}+(?:this|on|via|article|story|page))*(?:{_SP}*[:|,]{_SP}*(?:facebook|twitter|whatsapp|telegram|"
                       r"linkedin|email|e-mail|print|x))*)$", re.I)
_CAMEL_GLUE_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Words of site menus and sidebar headers ("Latest news", "Must read", "You might
# also like", "Recommended to you"); a header needs one of the marker words.
_UI_WORDS = {
    "latest", "news", "must", "read", "recommended", "to", "you", "for", "might", "also", "like",
    "related", "popular", "most", "more", "stories", "story", "posts", "post", "articles", "article",
    "trending", "top", "editor's", "editors", "editor", "picks", "pick", "see", "watch", "videos",
    "video", "recent", "from", "around", "the", "web", "sponsored", "in", "this", "section", "other",
    "similar", "reads", "headlines", "featured", "highlights", "viewed", "commented", "today",
}
_UI_MARKERS = {"latest", "must", "recommended", "related", "popular", "trending", "recent", "like",
               "picks", "pick", "featured", "similar", "headlines", "highlights", "viewed", "commented"}
# Words that mark a name as a news outlet ("The Daily Telegraph", "Financial Times").
_MEDIA_WORDS = {
    "times", "post", "telegraph", "express", "news", "press", "journal", "guardian", "independent",
    "herald", "tribune", "agency", "monitor", "mail", "observer", "review", "magazine", "daily",
    "weekly", "reuters", "chronicle", "gazette", "standard", "economist", "radio", "television",
    "tv", "online", "wire", "network", "bloomberg", "politico", "associated", "broadcasting",
    "insider", "examiner", "telegram", "bulletin", "dispatch", "courier", "report", "foreign",
    "policy", "affairs", "street", "global", "arabiya", "jazeera", "sputnik", "forbes", "hill",
    "atlantic", "newsweek", "spectator", "sun", "star", "record", "voice", "world", "international",
    "institute", "watch", "votv", "cnn", "bbc", "afp", "ap", "irna", "isna", "fars", "tasnim", "mehr",
}

SUBSTANTIAL = 100     # characters: a block this long is a real paragraph
HEADLINE_MAX = 200
CAPTION_MAX = 220
ZONE_MAX = 7          # blocks: how far the head of an article may reach


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
    header_lines: list[int] = field(default_factory=list)
    layout_reason: str = ""


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or lone CR, as editors number lines."""
    lines = LINE_SPLIT_RE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def clean_line(line: str) -> str:
    """A page line as the parser reads it: outer space off, and the screen-reader
    label "Image" glued before the text ("ImageTehran, ...") dropped."""
    s = line.strip()
    return _IMAGE_RE.sub("", s, count=1) if s.startswith("Image") else s


def make_blocks(lines: list[str]) -> list[Block]:
    """Group lines into blocks of non-blank lines, each cleaned by ``clean_line``."""
    blocks: list[Block] = []
    cur: list[str] = []
    start = 0
    blanks = 0
    pending_blanks = 0
    for no, raw in enumerate(lines, 1):
        s = clean_line(raw)
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
    return len(line) <= 40 and alnum_key(line) == SOURCE_KEY


@dataclass(frozen=True)
class Byline:
    """A byline: the name, and what follows it (a role after a comma, or the lead)."""

    name: str
    role: str | None
    lead: str | None


def _name_words(words: list[str], inline: bool) -> int:
    """How many of ``words`` make the name after "By"."""
    n = 0
    for k, w in enumerate(words):
        bare = w.rstrip(",;")
        if n >= 5:
            break
        if bare.lower() in _NAME_LINKS and n and k + 1 < len(words) and _NAME_WORD_RE.match(words[k + 1]):
            n += 1
            continue
        if not _NAME_WORD_RE.match(bare) or bare.rstrip(".").lower() in _STARTERS and n:
            break
        if inline and n >= 2 and k + 1 < len(words) and words[k + 1][:1].islower():
            break  # "Katiraie Seventeen workers were": the sentence has begun
        if n == 0 and bare.lower() in _STARTERS:
            return 0
        n += 1
        if bare != w:  # a comma ends the name: "By Damien McElroy, Foreign Affairs Correspondent"
            break
    return n


def parse_byline(line: str, *, inline: bool = True) -> Byline | None:
    """Read "By X", "BY X, Role", "PAR X", "byX" or, when ``inline``, "By X The lead...";
    the name ends where the role or the sentence begins."""
    if line[:2].lower() not in ("by", "pa"):
        return None
    m = _BY_RE.match(line)
    if not m:
        return None
    rest = line[m.end():]
    words = rest.split()
    if not words:
        return None
    n = _name_words(words, inline)
    if not n:
        return None
    name = " ".join(words[:n]).rstrip(",;")
    tail = " ".join(words[n:])
    if len(name) > 60:
        return None
    ended_by_comma = words[n - 1].endswith(",")
    if not tail:
        return Byline(name, None, None)
    if ended_by_comma and len(tail) <= 80 and not tail.rstrip(_CLOSERS).endswith((".", "!", "?")):
        return Byline(name, tail, None)
    if inline and len(tail) >= 20 and (tail[:1].isupper() or tail[:1] in "\"\u201c'\u2018"):
        return Byline(name, None, tail)
    return None


def _is_outlet(name: str) -> bool:
    """Whether a short name looks like a news outlet: "BBC", "The Daily Telegraph"."""
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 40:
        return False
    if not all(w[:1].isupper() or w.lower() in ("of", "the", "and", "&") for w in words):
        return False
    if len(words) == 1 and 2 <= len(name) <= 6 and name.isalpha() and name.isupper():
        return True
    return any(w.lower().strip(".'\u2019s") in _MEDIA_WORDS or w.lower() in _MEDIA_WORDS for w in words)


_REPRINT_RE = re.compile(rf"^(?P<outlet>[A-Z][\w.&'\u2019 ]{{1,40}}?){_SP}*:{_SP}+(?P<rest>\S.*)$", re.S)


def reprint_of(text: str) -> tuple[str, str] | None:
    """(outlet, text) of a paragraph prefixed by its source: "Financial Times: Trade talks..."."""
    if ":" not in text[:44]:
        return None
    m = _REPRINT_RE.match(text)
    if not m or not _is_outlet(m.group("outlet").strip()):
        return None
    rest = m.group("rest")
    if len(rest) < 60 or not (rest[:1].isupper() or rest[:1] in "\"\u201c'\u2018"):
        return None
    return m.group("outlet").strip(), rest


def is_sidebar_header(line: str) -> bool:
    """Whether a line heads a sidebar or a related-posts widget ("Latest news")."""
    if len(line) > 40 or _READ_MORE_RE.match(line):
        return False
    words = re.findall(r"[a-z']+", _CAMEL_GLUE_RE.sub(" ", line).lower().replace("\u2019", "'"))
    return 1 <= len(words) <= 7 and all(w in _UI_WORDS for w in words) and any(w in _UI_MARKERS for w in words)


def is_furniture(line: str) -> bool:
    """Separators, "Read more" and share or comment-count lines: page furniture."""
    return len(line) <= 80 and bool(_SEPARATOR_RE.match(line) or _READ_MORE_RE.match(line) or _SHARE_RE.match(line))


def _split_markers(b: Block) -> list[Block]:
    """Cut a block around a source line or a byline line, when a page left out the
    blank lines there ("Headline / Iran Focus / London, 02 Feb - ...")."""
    if b.single:
        return [b]
    cuts: set[int] = set()
    for k, ln in enumerate(b.lines):
        if _is_source_line(ln) or (len(ln) <= 60 and parse_byline(ln, inline=False)):
            cuts.update((k, k + 1))
    inner = sorted(c for c in cuts if 0 < c < len(b.lines))
    if not inner:
        return [b]
    out, prev = [], 0
    for c in inner + [len(b.lines)]:
        out.append(Block(b.start + prev, b.lines[prev:c], b.blanks_before if prev == 0 else 0))
        prev = c
    return out


def _is_title_line(line: str, limit: int = 120) -> bool:
    core = line.rstrip(_CLOSERS)
    return (2 <= len(line) <= limit and any(c.isalpha() for c in line) and bool(core)
            and core[-1] not in ".,;:!?\u2026" and not _LIST_MARK_RE.match(line))


def classify(b: Block) -> str | None:
    """The kind of a block: 'source', 'dateline', 'byline', 'reprint', 'outlet',
    'furniture', 'sidebar', 'list', or None for plain text."""
    first = b.lines[0]
    if b.single and _is_source_line(first):
        return "source"
    if (first[:1].isupper() or first[:1] == "(") and parse_dateline(first):
        return "dateline"
    if b.single and len(first) <= 60 and parse_byline(first, inline=False):
        return "byline"
    if parse_byline(first, inline=True):
        return "byline"
    if reprint_of(b.text):
        return "reprint"
    if b.single and len(first.split()) >= 2 and _is_outlet(first) and \
            first.split()[-1].lower().strip(".") in _MEDIA_WORDS and not is_sidebar_header(first):
        return "outlet"
    if all(is_sidebar_header(ln) for ln in b.lines):
        return "sidebar"
    if all(is_furniture(ln) for ln in b.lines):
        return "furniture"
    if len(b.lines) >= 2 and all(_is_title_line(ln, 100) for ln in b.lines) and \
            len({alnum_key(ln) for ln in b.lines}) == len(b.lines):
        return "list"
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


def _lead_text(b: Block, kind: str | None) -> str:
    """The opening of a block's text, after any dateline, byline or outlet prefix."""
    text = b.lines[0]
    if kind == "dateline":
        dl = parse_dateline(text)
        text = dl.lead if dl else text
    elif kind == "reprint":
        rp = reprint_of(b.text)
        text = rp[1] if rp else text
    elif kind == "byline":
        by = parse_byline(text)
        text = (by.lead or "") if by else text
    return text[:150]


def mark_excerpts(blocks: list[Block], kinds: list[str | None]) -> None:
    """Mark as 'excerpt' a block whose opening repeats the opening of a block just
    after it: the summary some article pages print above the full text."""
    leads = [_lead_text(b, k) if k in ("dateline", "reprint", "byline") or (k is None and not is_headline(b)) else ""
             for b, k in zip(blocks, kinds)]
    quick = [t[:12].lower() if len(t) >= 40 else "" for t in leads]  # a cheap test before the folded key
    for i, q in enumerate(quick):
        if not q:
            continue
        # the full text follows the summary with no text of its own between them; an
        # article printed twice in a row (a crawled copy) has its body, or starts just
        # after a source line as its copy does
        later = [j for j in range(i + 1, min(i + 5, len(blocks))) if quick[j] == q
                 and not any(leads[x] for x in range(i + 1, j))
                 and not (i and kinds[i - 1] == "source" and kinds[j - 1] == "source")]
        if not later:
            continue
        key = alnum_key(leads[i])[:60]
        if len(key) >= 40 and any(alnum_key(leads[j])[:60] == key for j in later):
            kinds[i] = "excerpt"


def _caption_line_ok(line: str, strict: bool) -> bool:
    if len(line) > (160 if strict else CAPTION_MAX):
        return False
    if _is_source_line(line) or parse_dateline(line) or \
            (len(line) <= 60 and parse_byline(line, inline=False)):
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
        place = place_case(place.replace("\u00a0", " ").rstrip("-'\u2019"))
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
    source_name: str | None = None
    furniture: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    para_lines: list[list[int]] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    own_date: bool = False    # dated by its headline or a date stamp: no evidence for the page's year

    def add(self, text: str, lines: list[int]) -> None:
        self.paragraphs.append(text)
        self.para_lines.append(lines)


def _breadcrumb_cut(first: str, second: str) -> bool:
    """Whether ``first`` is ``second`` with a breadcrumb glued before it, possibly
    cut short: "Iran General NewsIran: ISIS Attacks in Tehran", "...by the Whole..."."""
    k0, k1 = alnum_key(first.rstrip(".\u2026 ")), alnum_key(second)
    if k0 == k1 or len(k1) < 8:
        return False
    for k in range(1, min(len(k0), 60)):
        tail = k0[k:]
        if len(tail) < 15:
            break
        if k1.startswith(tail):
            return True
    return False


def _take_title(d: _Draft, seg: list[Block], kinds: list[str | None]) -> int:
    """Set the headline (and its repeats); return the index of the next block."""
    i = 1
    d.title = seg[0].text
    if len(seg) > 1 and kinds[1] is None and is_headline(seg[1]) and _breadcrumb_cut(seg[0].text, seg[1].text):
        d.repeats.append(seg[0].text)
        d.title = seg[1].text
        i = 2
    key = alnum_key(d.title)
    while i < len(seg) and kinds[i] is None and seg[i].single and key and alnum_key(seg[i].text) == key:
        d.repeats.append(seg[i].text)
        i += 1
    return i


def _label_here(seg: list[Block], kinds: list[str | None], i: int) -> bool:
    """A short headline-like line just before the source line, outlet or dateline:
    a photo label or image caption between the headline and the text."""
    if kinds[i] is not None or not is_headline(seg[i]) or len(seg[i].text) > 120:
        return False
    for j in range(i + 1, min(i + 3, len(seg))):
        if kinds[j] in ("source", "outlet", "dateline", "excerpt"):
            return True
        if kinds[j] is not None or not is_headline(seg[j]):
            return False
    return False


def _take_dateline(d: _Draft, seg: list[Block], kinds: list[str | None], i: int) -> int:
    dl = parse_dateline(seg[i].lines[0])
    assert dl is not None
    d.place, d.month, d.day, d.year, d.date_text = dl.place, dl.month, dl.day, dl.year, dl.date_text
    if dl.wire and not d.source_name:
        d.source_name = dl.wire
    first = [dl.lead] if dl.lead else []
    rest = "\n".join(first + seg[i].lines[1:])
    if rest:
        d.add(rest, list(range(seg[i].start + (0 if first else 1), seg[i].end + 1)))
    i += 1
    # "Strasbourg - 8 October 2015 - For Immediate Release", then the headline.
    if d.title is None and seg[i - 1].single and len(dl.lead) < 60 and i + 1 < len(seg) and kinds[i] is None \
            and is_headline(seg[i]) and not _LIST_MARK_RE.match(seg[i].text) and len(seg[i + 1].text) >= SUBSTANTIAL:
        d.title = seg[i].text
        i += 1
    return i


def _draft_article(seg: list[Block], kinds: list[str | None], has_title: bool) -> _Draft:
    """Read the head of an article (headline, repeats, furniture, photo label,
    excerpt, source line, outlet, dateline, byline) off a segment, then its body."""
    d = _Draft(seg[0].start, seg[-1].end)
    i = _take_title(d, seg, kinds) if has_title else 0
    stop = min(len(seg), i + ZONE_MAX)
    while i < stop:
        k = kinds[i]
        if k == "source":
            d.sources.append(seg[i].start)
        elif k == "outlet":
            d.source_name = d.source_name or seg[i].text
            d.furniture.append(seg[i].text)
        elif k in ("furniture", "excerpt") or _label_here(seg, kinds, i):
            d.furniture.append(seg[i].text)
        elif k is None and d.month is None and (stamp := _date_stamp(seg[i])):
            _set_written(d, stamp)
            d.furniture.append(seg[i].text)
        else:
            break
        i += 1
    if i < len(seg) and kinds[i] == "dateline":
        i = _take_dateline(d, seg, kinds, i)
    elif i < len(seg) and kinds[i] == "reprint":
        rp = reprint_of(seg[i].text)
        assert rp is not None
        d.source_name = rp[0]
        d.add(rp[1], list(range(seg[i].start, seg[i].end + 1)))
        i += 1
    for j in range(i, len(seg)):
        b, k = seg[j], kinds[j]
        by = parse_byline(b.lines[0]) if k == "byline" and d.byline is None and j - i <= 3 else None
        if by is not None:
            d.byline = by.name
            if by.role:
                d.furniture.append(by.role)
            rest = "\n".join(([by.lead] if by.lead else []) + b.lines[1:])
            if rest:
                d.add(rest, list(range(b.start + (0 if by.lead else 1), b.end + 1)))
        elif k in ("furniture", "excerpt"):
            d.furniture.append(b.text)
        else:
            d.add(b.text, list(range(b.start, b.end + 1)))
    return d


def _date_stamp(b: Block) -> tuple[int, int, int, str] | None:
    """A block that is only a full date ("29 January 2018"): (year, month, day, text)."""
    if not b.single or len(b.text) > 40:
        return None
    cd = find_caption_date(b.text)
    if cd is None or cd.year is None or cd.day is None or len(alnum_key(b.text)) > len(alnum_key(cd.date_text)) + 10:
        return None
    return cd.year, cd.month, cd.day, cd.date_text


def _set_written(d: _Draft, when: tuple[int, int, int, str]) -> None:
    d.year, d.month, d.day, d.date_text = when
    d.own_date = True


_TITLE_DATE_RE = re.compile(r"[-\u2013\u2014|]\s*(?P<when>[^-\u2013\u2014|]{6,30})$")


def title_date(title: str | None) -> tuple[int, int, int, str] | None:
    """A full date written at the end of a headline: "... \u2013 29 January 2018"."""
    if not title:
        return None
    m = _TITLE_DATE_RE.search(title)
    if not m:
        return None
    cd = find_caption_date(m.group("when"))
    if cd is None or cd.year is None or cd.day is None or cd.end < len(m.group("when").rstrip()) - 1:
        return None
    return cd.year, cd.month, cd.day, cd.date_text


def _text_lines(para_lines: list[list[int]]) -> tuple[int, ...]:
    """File line of each line of the joined text (0 for the blank separators)."""
    out: list[int] = []
    for k, nums in enumerate(para_lines):
        if k:
            out.append(0)
        out.extend(nums)
    return tuple(out)


ANCHORS = ("source", "dateline", "byline", "reprint")


def _is_anchor(kinds: list[str | None], i: int) -> bool:
    k = kinds[i]
    prev = kinds[i - 1] if i else None
    if k not in ANCHORS:
        return False
    if (k == "dateline" and prev == "source") or (k == "byline" and prev in ("source", "dateline", "reprint")):
        return False
    return not (k == "source" and prev == "source")


def _listing_anchors(blocks: list[Block], kinds: list[str | None]) -> list[tuple[int, int]]:
    """(first block, anchor block) of each teaser on a listing page."""
    anchors: list[tuple[int, int]] = []
    for i in range(len(kinds)):
        if not _is_anchor(kinds, i):
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
            # A headline above a photo label: "Headline / Label / Iran Focus / London, ...".
            if kinds[i] == "source" and start - 1 > floor and kinds[start - 1] is None and is_headline(blocks[start - 1]) \
                    and not blocks[start - 1].text.rstrip(_CLOSERS).endswith("?") \
                    and (kinds[start - 2] in ANCHORS + ("furniture", "list") or len(blocks[start - 2].text) >= SUBSTANTIAL
                         if start - 2 > floor else start - 2 < 0):
                start -= 1
        anchors.append((start, i))
    # A question set before a teaser is a headline only where the page has headlines;
    # otherwise it is the last line of the teaser above (an interview's question).
    titled = [blocks[s].text for s, a in anchors if s < a]
    if titled and all(t.rstrip(_CLOSERS).endswith("?") for t in titled):
        anchors = [(a if s < a and k else s, a) for k, (s, a) in enumerate(anchors)]
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


def _article_starts(blocks: list[Block], kinds: list[str | None], stop: int, lo: int = 0) -> list[int]:
    """Where the posts of blocks lo..stop start: at lo, and, after some text, at each
    headline set apart (two blank lines above it, or its repeat or source line under it)
    and at each teaser (a source line or dateline, under the headline it may have)."""
    starts = [lo]
    for i in range(lo + 1, stop):
        if _is_post_start(blocks, kinds, i, stop):
            at = i
        elif kinds[i] in ("source", "dateline") and _is_anchor(kinds, i):
            at = i - 1 if i - 1 > starts[-1] and kinds[i - 1] is None and is_headline(blocks[i - 1]) else i
        else:
            continue
        between = blocks[starts[-1] + 1:at]
        if any(len(b.text) >= SUBSTANTIAL for b, k in zip(between, kinds[starts[-1] + 1:at], strict=False)
               if k not in ("source", "excerpt", "furniture")):
            starts.append(at)
    return starts


def detect_layout(blocks: list[Block], kinds: list[str | None]) -> tuple[str, str]:
    """('listing' | 'article' | 'unknown', the reason in a few words)."""
    anchors = [i for i in range(len(kinds)) if _is_anchor(kinds, i) and kinds[i] != "source"]
    pairs = sum(1 for i in range(len(kinds) - 1) if kinds[i] == "source" and kinds[i + 1] == "dateline")
    lone_sources = sum(1 for i in range(len(kinds)) if _is_anchor(kinds, i) and kinds[i] == "source"
                       and not (i + 1 < len(kinds) and kinds[i + 1] == "dateline"))
    n = len(anchors) + pairs + (lone_sources if anchors or pairs else 0)
    if n >= 2:
        return "listing", f"{n} teasers (datelines, bylines or reprints)"
    top = blocks[0] if blocks else None
    repeat = len(blocks) > 1 and top is not None and is_headline(top) and blocks[1].single and (
        alnum_key(top.text) == alnum_key(blocks[1].text) or _breadcrumb_cut(top.text, blocks[1].text))
    if n == 1:
        return "article", "one dateline, byline or reprint"
    if "source" in kinds[:5] or repeat:
        return "article", "headline with its source line or repeat"
    if "source" in kinds or "outlet" in kinds:
        return "article", "source line"
    if len(_article_starts(blocks, kinds, len(blocks))) >= 2 and is_headline(blocks[0]):
        return "article", "posts set apart by their headlines"
    return "unknown", "no source line, dateline, byline, headline repeat or posts under headlines"


def _sidebar_start(blocks: list[Block], kinds: list[str | None]) -> int:
    """Index of the first sidebar header that follows some real text, or len(blocks)."""
    seen_text = False
    for i, (b, k) in enumerate(zip(blocks, kinds)):
        if k == "sidebar" and seen_text:
            return i
        if len(b.text) >= SUBSTANTIAL:
            seen_text = True
    return len(blocks)


def _menu_lines(blocks: list[Block], kinds: list[str | None], stop: int) -> int:
    """How many menu or section lines ("Home", "Iran Human Rights") stand above an
    article's headline, where the headline is known by its repeat under it."""
    for t in range(1, min(4, stop - 1)):
        b, nxt = blocks[t], blocks[t + 1]
        if kinds[t] is None and is_headline(b) and nxt.single and kinds[t + 1] is None and (
                alnum_key(b.text) == alnum_key(nxt.text) or _breadcrumb_cut(b.text, nxt.text)):
            above = blocks[:t]
            if all(x.single and kinds[k] in (None, "sidebar", "furniture") and _is_title_line(x.text, 60)
                   and len(x.text.split()) <= 5 for k, x in enumerate(above)):
                return t
            return 0
    return 0


def _meta_date(lines: list[str]) -> tuple[int, tuple[int, int, int | None, str] | None, str]:
    """A leading " date 2017-07-28 ..." metadata prefix: (line index, (year, month, day, text), rest)."""
    for idx, raw in enumerate(lines):
        s = raw.strip()
        if not s:
            continue
        m = _META_DATE_RE.match(s)
        if not m:
            return -1, None, ""
        y, mo = int(m.group("y")), int(m.group("m"))
        day = int(m.group("d")) if m.group("d") else None
        if not 1 <= mo <= 12 or (day is not None and not valid_day(mo, day, y)):
            return -1, None, ""
        return idx, (y, mo, day, s[:m.end()].replace("date", "", 1).strip()), s[m.end():]
    return -1, None, ""


def _apply_meta(d: _Draft, meta: tuple[int, int, int | None, str]) -> None:
    y, mo, day, text = meta
    d.furniture.insert(0, f"date {text}")
    if d.month is None:
        d.year, d.month, d.day, d.date_text = y, mo, day, text
    elif d.year is None and d.month == mo and (day is None or d.day == day):
        d.year = y


def _titled(blocks: list[Block], kinds: list[str | None], start: int, end: int) -> bool:
    """Whether the post of blocks start..end opens with its headline."""
    return kinds[start] is None and (is_headline(blocks[start]) or (
        blocks[start].single and start + 1 < end and _breadcrumb_cut(blocks[start].text, blocks[start + 1].text)))


def _posts(blocks: list[Block], kinds: list[str | None], start: int, end: int, titled: bool) -> list[_Draft]:
    """The drafts of blocks start..end of a listing: one teaser (``titled``: it opens
    with its headline), or, where headlines set posts apart in it, one per post."""
    starts = _article_starts(blocks, kinds, end, start)
    return [_draft_article(blocks[s:e], kinds[s:e], titled if s == start else _titled(blocks, kinds, s, e))
            for s, e in zip(starts, starts[1:] + [end], strict=True)]


def _segments(blocks: list[Block], kinds: list[str | None], layout: str, stop: int,
              headers: list[int]) -> tuple[list[_Draft], list[Block]]:
    """The article drafts of the main part of a page, and the blocks read as captions."""
    drafts: list[_Draft] = []
    captions: list[Block] = []
    if layout == "listing":
        anchors = _listing_anchors(blocks[:stop], kinds[:stop])
        last = anchors[-1][1] if anchors else 0
        if last + 1 < stop and kinds[last] == "source" and kinds[last + 1] == "dateline":
            last += 1
        cap = find_caption_zone(blocks[:stop], last, trailing_run=True) if stop == len(blocks) else stop
        captions = blocks[cap:stop]
        first = anchors[0][0] if anchors else cap
        lead_in = list(range(0, first))
        if lead_in and all(blocks[k].single and _is_title_line(blocks[k].text, 80) and kinds[k] in (None, "sidebar")
                           for k in lead_in):
            headers.extend(blocks[k].start for k in lead_in)  # a category header: "Life in Iran Today"
        elif lead_in:
            drafts.extend(_posts(blocks, kinds, 0, first, _titled(blocks, kinds, 0, first)))
        for k, (start, anchor) in enumerate(anchors):
            end = anchors[k + 1][0] if k + 1 < len(anchors) else cap
            # A headline list under the source line ("Iran Focus:" over a run of titles,
            # the old digests) is captions, not a teaser.
            if kinds[start] == "source" and start + 1 < end and kinds[start + 1] == "list":
                headers.append(blocks[start].start)
                captions.append(blocks[start + 1])
                start = anchor = start + 2
            if start < end:
                # an article page's posts, set apart by their headlines, can precede or
                # follow the teasers of a listing: each is an article of its own
                drafts.extend(_posts(blocks, kinds, start, end, start < anchor))
    elif layout == "article":
        cap = find_caption_zone(blocks[:stop], 0, trailing_run=False) if stop == len(blocks) else stop
        captions = blocks[cap:stop]
        starts = _article_starts(blocks, kinds, cap)
        top = _menu_lines(blocks, kinds, cap)
        if top:
            headers.extend(blocks[k].start for k in range(top))
            starts = [top] + [s for s in starts if s > top]
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else cap
            drafts.append(_draft_article(blocks[start:end], kinds[start:end], _titled(blocks, kinds, start, end)))
    elif layout == "unknown":
        drafts.append(_Draft(blocks[0].start, blocks[stop - 1].end, paragraphs=[b.text for b in blocks[:stop]],
                             para_lines=[list(range(b.start, b.end + 1)) for b in blocks[:stop]]))
    return drafts, captions


def split_page(text: str, *, source: str, stem: str) -> Page:
    """Parse one page's text into items. Never raises on any str input."""
    lines = split_lines(text)
    headers: list[int] = []
    meta_at, meta, meta_rest = _meta_date(lines)
    work = lines
    if meta is not None:
        work = list(lines)
        work[meta_at] = meta_rest
        if not meta_rest.strip():
            headers.append(meta_at + 1)
    blocks = make_blocks(work)
    kinds = [classify(b) for b in blocks]
    mark_excerpts(blocks, kinds)
    side = _sidebar_start(blocks, kinds)
    if blocks and side:
        layout, reason = detect_layout(blocks[:side], kinds[:side])
    else:
        layout, reason = ("empty", "no text") if not blocks else ("sidebar", "a sidebar only")
    warnings: list[str] = []
    if layout == "unknown":
        warnings.append(UNKNOWN_LAYOUT)
    drafts, captions = _segments(blocks, kinds, layout, side, headers) if side else ([], [])
    # The sidebar: every line a caption, except its headers.
    side_lines: list[tuple[int, str]] = []
    for b, k in zip(blocks[side:], kinds[side:]):
        for off, ln in enumerate(b.lines):
            if k == "sidebar" or is_sidebar_header(ln) or is_furniture(ln) or sum(c.isalpha() for c in ln) < 3:
                headers.append(b.start + off)
            else:
                side_lines.append((b.start + off, ln))
    if meta is not None and drafts:
        _apply_meta(drafts[0], meta)
    for d in drafts:
        if d.month is None:
            td = title_date(d.title)
            if td:
                _set_written(d, td)

    items: list[Item] = []
    pd = PageDates()
    entries: list[tuple[int, object]] = [(d.start, d) for d in drafts]
    entries += [(b.start + k, ln) for b in captions for k, ln in enumerate(b.lines)]
    entries += side_lines
    entries.sort(key=lambda e: e[0])
    source_lines: list[int] = []
    for n, (line_no, obj) in enumerate(entries, 1):
        iid = f"{stem}#{n}"
        if isinstance(obj, _Draft):
            items.append(_article_item(obj, iid, source))
            source_lines.extend(obj.sources)
            if obj.month is not None and obj.day is not None and not obj.own_date:
                pd.datelines.append((n, obj.month, obj.day, obj.year))
                for m in find_mentions((obj.title or "") + "\n" + items[-1].text):
                    pd.mentions.append((n, m))
        else:
            items.append(_caption_item(str(obj), line_no, iid, source))
    pd.offsets = timeline_offsets(pd.datelines)
    return Page(source=source, stem=stem, layout=layout, items=items, dates=pd,
                warnings=warnings, lines=len(lines), source_lines=source_lines,
                header_lines=sorted(set(headers)), layout_reason=reason)


def _article_item(d: _Draft, iid: str, source: str) -> Item:
    body = "\n\n".join(d.paragraphs)
    date = iso_date(d.year, d.month, d.day) if d.month else None
    return Item(
        id=iid, kind="article", source=source, line_start=d.start, line_end=d.end,
        title=d.title, byline=d.byline, place=d.place, date=date,
        date_text=d.date_text, year_basis="written" if d.year else None, text=body,
        title_repeats=tuple(d.repeats), source_name=d.source_name, furniture=tuple(d.furniture),
        content_key=squash(body) or squash(d.title or ""),
        text_lines=_text_lines(d.para_lines),
        mentions=item_mentions(d.title, d.byline, body, "article"),
    )


def _caption_item(line: str, line_no: int, iid: str, source: str) -> Item:
    place, date, date_text, year = caption_fields(line)
    return Item(
        id=iid, kind="caption", source=source, line_start=line_no, line_end=line_no,
        title=line, byline=None, place=place, date=date, date_text=date_text,
        year_basis="written" if year else None, text=line, content_key=squash(line),
        text_lines=(line_no,),
        mentions=item_mentions(None, None, line, "caption"),
    )
