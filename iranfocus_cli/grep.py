"""grep: from a pattern to hits in context and per-item counts, in one module.

A pattern is compiled into a ``Matcher`` (regex by default; smart case; accents
and quotes folded unless ``exact``). ``grep --person NAME`` without a pattern
searches every spelling of that person. The store selects the items (narrowed
by the text index with the pattern's literal words); a plain word without
filters that need Python is counted inside SQLite.

A hit's context is cut from the text, not rebuilt from words: ``pre + match +
post`` is exactly the text around the match, so nothing downstream (a terminal,
tab-separated lines, JSON) can add a space before "’s" or lose one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import BadQuery
from .index import grep_fields
from .model import Item
from .textnorm import fold, fold_marks

if TYPE_CHECKING:
    from .query import FilterReport, Filters
    from .store import Store

_ESCAPE_RE = re.compile(r"\\.|\[:[a-z]+:\]|\(\?P?<[^>]*>")


def smart_case_insensitive(pattern: str) -> bool:
    """True when the pattern has no upper-case literal letter (escapes don't count)."""
    return not any(c.isupper() for c in _ESCAPE_RE.sub("", pattern))


@dataclass(frozen=True)
class Matcher:
    """A compiled grep pattern and how text must be folded before matching it."""

    regex: re.Pattern[str]
    mode: str  # "exact", "marks" (accents/quotes folded) or "fold" (and case)
    pattern: str
    literal: str | None = None  # the folded needle when the pattern is a plain word
    persons: bool = False  # made from --person NAME: every spelling of those people

    def prepare(self, text: str) -> str:
        """Fold text the way the pattern was folded (length is kept)."""
        if self.mode == "exact":
            return text
        return fold_marks(text) if self.mode == "marks" else fold(text)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Non-empty match spans in text."""
        for m in self.regex.finditer(self.prepare(text)):
            if m.end() > m.start():
                yield m.start(), m.end()

    def count(self, text: str) -> int:
        """Number of non-empty matches in text."""
        if self.literal:
            # a plain ASCII word or phrase: counting it in the folded text is the same
            return fold(text).count(self.literal)
        return sum(1 for _ in self.spans(text))


def compile_pattern(pattern: str, *, fixed: bool = False, word: bool = False, exact: bool = False,
                    ignore_case: bool | None = None) -> Matcher:
    """Compile a grep pattern: regex by default, smart case, accent and quote folding."""
    if exact:
        mode, src = "exact", pattern
    else:
        insensitive = smart_case_insensitive(pattern) if ignore_case is None else ignore_case
        mode = "fold" if insensitive else "marks"
        src = fold(pattern) if (insensitive and fixed) else fold_marks(pattern)
    body = re.escape(src) if fixed else src
    flags = re.IGNORECASE if mode == "fold" else 0
    try:
        rx = re.compile(rf"(?<!\w)(?:{body})(?!\w)" if word else body, flags)
    except (re.error, OverflowError, RecursionError) as e:
        raise BadQuery(f"bad regex {pattern!r}: {e}") from e
    if word:
        rx = _word_first(body, flags) or rx
    literal = None
    if mode == "fold" and not word and (fixed or re.fullmatch(r"[A-Za-z0-9 ]+", pattern)):
        literal = fold(src) if fold(src).isascii() and fold(src) else None
    return Matcher(rx, mode, pattern, literal)


def _word_first(body: str, flags: int) -> re.Pattern[str] | None:
    r"""``(?<!\w)(?:body)(?!\w)`` with the word test after the body: a match of a body of
    fixed width W that ends here starts W characters back, so "no word character before
    it" is "not a word character and then the body" looking back. Written so, a pattern
    that starts with letters is found by the regex engine's fast literal search instead
    of being tried at every position (twenty times faster on a plain name). None when the
    body has no fixed width (or its groups cannot be written twice)."""
    try:
        return re.compile(rf"(?:{body})(?<!\w(?:{body}))(?!\w)", flags)
    except (re.error, OverflowError, RecursionError):
        return None


@dataclass(frozen=True)
class Hit:
    """One keyword-in-context row: ``pre + match + post`` is exactly a piece of the text."""

    id: str
    date: str | None
    source: str
    line: int
    pre: str
    match: str
    post: str
    field: str = "text"

    def to_dict(self) -> dict:
        return {"id": self.id, "date": self.date, "source": self.source, "line": self.line,
                "pre": self.pre, "match": self.match, "post": self.post}


def _context(text: str, start: int, end: int, words: int) -> tuple[str, str]:
    """Up to ``words`` words either side of a match, exactly as the text has them: the
    left context runs from the start of a word up to the match, the right context from
    the match to the end of a word, so that ``pre + match + post`` is the text itself
    (``Khamenei`` + ``’s office``, never ``Khamenei ’s``). A word counts as any run of
    non-space characters, so a word cut by the match counts too."""
    if not words:
        return "", ""
    span = 30 * words + 30
    lo, hi = max(0, start - span), min(len(text), end + span)
    left, right = text[lo:start], text[end:hi]
    # (str.split's white space is the regex's \s: both are Python's own isspace)
    parts = left.rsplit(None, words)
    if len(parts) <= words and lo and not left[:1].isspace() and not text[lo - 1].isspace():
        left = left[len(parts[0]):]  # a word the window cut in two, when it would be shown
    pre = left[len(parts[0]):].lstrip() if len(parts) > words else left.lstrip()
    parts = right.split(None, words)
    if len(parts) <= words and hi < len(text) and not right[-1:].isspace() and not text[hi].isspace():
        right = right[:len(right) - len(parts[-1])]
    post = right[:len(right) - len(parts[-1])].rstrip() if len(parts) > words else right.rstrip()
    return pre, post


def grep_item(it: Item, m: Matcher, *, context: int = 8) -> list[Hit]:
    """Keyword-in-context hits of a pattern in one item."""
    hits = []
    for fld, text in grep_fields(it):
        k, at = 0, 0  # line k of the text starts before offset ``at``; hits come in order
        for s, e in m.spans(text):
            pre, post = _context(text, s, e, context)
            if fld == "title":
                line = it.line_start
            else:
                k += text.count("\n", at, s)
                at = s
                nums = it.text_lines
                line = nums[k] if k < len(nums) and nums[k] else it.line_start
            hits.append(Hit(it.id, it.date, it.source, line, pre, text[s:e], post, fld))
    return hits


def count_item(it: Item, m: Matcher) -> int:
    """How many times the pattern matches in an item (headline and body)."""
    return sum(m.count(text) for _, text in grep_fields(it))


def literal_needles(m: Matcher) -> tuple[str, ...]:
    """Folded words that every match of the pattern must contain, if that is certain."""
    if m.persons or not re.fullmatch(r"[\w\s'\u2019-]+", m.pattern):
        return ()
    return tuple(re.findall(r"[a-z0-9]+", fold(m.pattern)))


def make_matcher(store: Store, pattern: str | None, persons: tuple[str, ...], *, fixed: bool = False,
                 word: bool = False, exact: bool = False, case: str | None = None) -> Matcher:
    """The matcher of a grep command: its pattern, or else the spellings of --person."""
    if pattern is None:
        from .people import person_pattern

        if not persons:
            raise BadQuery("give a PATTERN, or --person NAME to find every spelling of a person")
        ignore = {"ignore": True, "sensitive": False}.get(case or "", True)
        m = compile_pattern(person_pattern(store.people(), persons) or "(?!)", word=True, exact=exact, ignore_case=ignore)
        return Matcher(m.regex, m.mode, m.pattern, m.literal, persons=True)
    ignore_case = {"ignore": True, "sensitive": False}.get(case or "")
    return compile_pattern(pattern, fixed=fixed, word=word, exact=exact, ignore_case=ignore_case)


def grep_counts(store: Store, flt: Filters, m: Matcher, *, report: FilterReport | None = None) -> list[tuple[str, int]]:
    """(id, number of matches) for every item the pattern matches, in corpus order."""
    q = store.compile(flt, literal_needles(m))
    out = store.count_word(m.literal, q) if m.literal and not q.residual else None
    if out is not None:
        # a plain word and only filters SQL can say: counted from the index
        if report is not None:
            store.count_left_out(flt, report, needles=literal_needles(m), extra=lambda x: count_item(x, m) > 0)
        return out
    counts = ((it.id, count_item(it, m)) for it in store.select(
        flt, needles=literal_needles(m), report=report, extra=lambda x: count_item(x, m) > 0))
    return [(i, n) for i, n in counts if n]


def grep_hits(store: Store, flt: Filters, m: Matcher, *, context: int = 8,
              report: FilterReport | None = None) -> Iterator[Hit]:
    """Every keyword-in-context hit of the pattern in the selected items, in corpus order,
    one item at a time (``report`` is filled once they have all been read).

    With --person and a pattern of its own, the person's spellings are shown too.
    """
    pm = None
    if flt.persons and not m.persons:
        from .people import person_pattern

        pat = person_pattern(store.people(), flt.persons)
        pm = compile_pattern(pat, word=True, ignore_case=True) if pat else None
    items = store.select(flt, needles=literal_needles(m), report=report, extra=lambda x: count_item(x, m) > 0)

    def hits() -> Iterator[Hit]:
        for it in items:
            found = grep_item(it, m, context=context)
            if pm is not None:
                seen = {(h.line, h.pre, h.match) for h in found}
                found += [h for h in grep_item(it, pm, context=context) if (h.line, h.pre, h.match) not in seen]
                found.sort(key=lambda h: (h.field != "title", h.line))
            yield from found
    return hits()
