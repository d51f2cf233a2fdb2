"""Dates: datelines, caption dates, and the year inference with its evidence.

Listing pages date their teasers "London, 02 Feb" with no year. The year is
inferred per page, from evidence in the page's own article texts, and only
where that evidence is clear:

* a full date with a year written near the dateline ("Friday, January 19, 2018"
  in a teaser dated 20 Jan) votes for the year that puts the dateline within
  a few months of it;
* a weekday with a day and month ("Saturday, July 1") rules years out; it votes
  only when exactly one year of the corpus's era fits it;
* the same teaser dated on another page whose year is known votes for that
  year (resolved by the corpus loader, see ``settle_years``).

The page's datelines are placed on one timeline first, so a page running from
December into January gets two years. A page's year is accepted only when the
votes for it are at least 2 and at least twice the votes against it. Caption
dates are never evidence: the sidebar shows what was new when the page was saved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from .model import split_iso

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_MON_I = "(?i:" + _MON[3:]
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SP = r"[ \t\u00a0\u202f]"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

DATELINE_RE = re.compile(
    rf"^{_SP}*(?P<place>[A-Z\u00c0-\u024f][^\d\n]{{0,48}}?),{_SP}*"
    rf"(?P<when>(?P<day>\d{{1,2}}){_ORD}{_SP}+(?P<mon>{_MON_I})\.?"
    rf"|(?P<mon2>{_MON_I})\.?{_SP}+(?P<day2>\d{{1,2}}){_ORD})"
    rf"(?:,?{_SP}+(?P<year>{_YEAR}))?"
    rf"{_SP}*[-\u2013\u2014]+{_SP}*(?P<lead>\S.*)?$"
)
# A stricter place (capitalised words, "Rio de Janeiro", "TEHRAN") for the forms
# that have no comma to end it: "London 05 Mar -", "Strasbourg - 8 October 2015 -".
_PLACE_WORD = r"[A-Z\u00c0-\u024f][\w'\u2019.\-]*"
_STRICT_PLACE = rf"{_PLACE_WORD}(?:{_SP}+(?:(?:de|al|el|of|la|le){_SP}+)?{_PLACE_WORD}){{0,2}}"
_WHEN = (rf"(?P<when>(?P<day>\d{{1,2}}){_ORD}{_SP}+(?P<mon>{_MON_I})\.?"
         rf"|(?P<mon2>{_MON_I})\.?{_SP}+(?P<day2>\d{{1,2}}){_ORD})"
         rf"(?:,?{_SP}+(?P<year>{_YEAR}))?")
_DASH = rf"{_SP}*[-\u2013\u2014]+{_SP}*"
LOOSE_DATELINE_RE = re.compile(
    rf"^{_SP}*(?P<place>{_STRICT_PLACE})(?:{_SP}+|{_DASH}){_WHEN}{_DASH}(?P<lead>\S.*)?$"
)
# Wire-service datelines: "TEHRAN (Reuters) - ...", "PARIS, Oct 8 (AFP) - ...", "(AFP) - ...".
WIRE_DATELINE_RE = re.compile(
    rf"^{_SP}*(?:(?P<place>{_STRICT_PLACE})(?:,{_SP}*{_WHEN})?{_SP}*)?"
    rf"\((?P<wire>[A-Z][A-Za-z.&'\u2019 ]{{1,24}})\){_DASH}(?P<lead>\S.*)$"
)
# "Iran Focus: Tehran, Dec. 31 - ...", "Iran Focus London, 09 May - ...": the site's
# name glued before a dateline on one line.
_SITE_PREFIX_RE = re.compile(rf"^{_SP}*Iran{_SP}+Focus{_SP}*[:,]?{_SP}*(?=[A-Z\u00c0-\u024f(])", re.IGNORECASE)


_NOT_PLACE_STARTS = {"in", "on", "at", "the", "by", "from", "since", "until", "after", "before", "during", "a", "an"}


@dataclass(frozen=True)
class Dateline:
    """A parsed dateline: "London, 02 Feb - lead"; a wire dateline may have no date."""

    place: str | None
    day: int | None
    month: int | None
    year: int | None
    date_text: str | None
    lead: str
    wire: str | None = None


def valid_day(month: int, day: int, year: int | None = None) -> bool:
    """True when day/month (and year, if known) is a real calendar date."""
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 Feb passes
    except ValueError:
        return False
    return True


def place_case(place: str) -> str:
    """A readable form of a place: "TEHRAN" -> "Tehran"; mixed case is kept."""
    return place.title() if place.isupper() and len(place) > 2 else place


def place_key(place: str | None) -> str | None:
    """The key that groups spellings of one place ("LONDON", "London")."""
    return place.casefold().strip() if place else None


def _dateline_place(raw: str | None) -> str | None:
    if not raw:
        return None
    place = raw.strip(" \t\u00a0").split(",")[0].strip(" \t\u00a0")
    return place_case(re.sub(_SP, " ", place)) or None


@lru_cache(maxsize=4096)
def parse_dateline(line: str) -> Dateline | None:
    """Parse a dateline such as "London, 02\u00a0Feb - Despite...", "London 05 Mar -",
    "Strasbourg - 8 October 2015 -", "TEHRAN (Reuters) -" or "Iran Focus: Tehran, Dec. 31 -"."""
    head = line[:100]
    if "-" not in head and "\u2013" not in head and "\u2014" not in head:
        return None  # every dateline form ends in a dash near the start: a cheap test first
    pm = _SITE_PREFIX_RE.match(line)
    if pm:
        line = line[pm.end():]
    wire = None
    m = DATELINE_RE.match(line) or LOOSE_DATELINE_RE.match(line)
    if not m:
        m = WIRE_DATELINE_RE.match(line)
        if not m:
            return None
        wire = m.group("wire").strip()
    words = (m.group("place") or "").split()
    if len(words) > 6 or (m.re is not DATELINE_RE and words and words[0].lower() in _NOT_PLACE_STARTS):
        return None
    gd = m.groupdict()
    lead = (gd.get("lead") or "").strip()
    place = _dateline_place(m.group("place"))
    if not gd.get("when"):
        return Dateline(place, None, None, None, None, lead, wire)
    day = int(gd.get("day") or gd["day2"])
    month = MONTHS[(gd.get("mon") or gd["mon2"]).lower()]
    year = int(gd["year"]) if gd.get("year") else None
    if not valid_day(month, day, year):
        return None
    when = gd["when"] + (" " + gd["year"] if year else "")
    date_text = re.sub(_SP, " ", when)
    return Dateline(place, day, month, year, date_text, lead, wire)


def iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """ISO 8601 at the precision known: 2018-01-25, 2018-11 or --06-25."""
    if month is None:
        return f"{year:04d}" if year else None
    if day is None:
        return f"{year:04d}-{month:02d}" if year else None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- caption dates ---------------------------------------------------------

_CAP_FORMS = [
    # May 22, 2018 / Apr. 10, 2018 / August 11, 2016 / Mar 27&28, 2018
    re.compile(rf"\b(?P<mon>{_MON})\.?{_SP}+(?P<day>\d{{1,2}}){_ORD}(?:&\d{{1,2}})?,?{_SP}+(?P<year>{_YEAR})\b"),
    # 22 August 2017
    re.compile(rf"\b(?P<day>\d{{1,2}}){_ORD}{_SP}+(?P<mon>{_MON})\.?,?{_SP}+(?P<year>{_YEAR})\b"),
    # November, 2018
    re.compile(rf"\b(?P<mon>{_MON})\.?,?{_SP}+(?P<year>{_YEAR})\b"),
    # June 25 / Mar 27&28 / March 13
    re.compile(rf"\b(?P<mon>{_MON})\.?{_SP}+(?P<day>\d{{1,2}}){_ORD}(?:&\d{{1,2}})?(?![\d,.]*\d)"),
    # 29 Mar / 23 November
    re.compile(rf"(?<![\d.,])\b(?P<day>\d{{1,2}}){_ORD}{_SP}+(?P<mon>{_MON})\b\.?"),
]


@dataclass(frozen=True)
class CaptionDate:
    """A date found in a caption, with its position in the caption."""

    year: int | None
    month: int
    day: int | None
    date_text: str
    start: int
    end: int

    @property
    def iso(self) -> str | None:
        return iso_date(self.year, self.month, self.day)


def find_caption_date(text: str) -> CaptionDate | None:
    """Find the first date written in a caption, preferring forms with a year."""
    for form in _CAP_FORMS:
        for m in form.finditer(text):
            month = MONTHS[m.group("mon").lower().rstrip(".")]
            gd = m.groupdict()
            day = int(gd["day"]) if gd.get("day") else None
            year = int(gd["year"]) if gd.get("year") else None
            if day is not None and not valid_day(month, day, year):
                continue
            date_text = re.sub(_SP, " ", m.group(0)).strip()
            return CaptionDate(year, month, day, date_text, m.start(), m.end())
    return None


# --- year evidence -----------------------------------------------------------

_FULL_RES = [
    re.compile(rf"\b(?:(?P<wd>{_WD}),?{_SP}+)?(?P<mon>{_MON})\.?{_SP}+(?P<day>\d{{1,2}}){_ORD},?{_SP}+(?P<year>{_YEAR})\b"),
    re.compile(rf"\b(?:(?P<wd>{_WD}),?{_SP}+)?(?:the{_SP}+)?(?P<day>\d{{1,2}}){_ORD},?{_SP}+(?:of{_SP}+)?(?P<mon>{_MON})\.?,?{_SP}+(?P<year>{_YEAR})\b"),
]
_WEEKDAY_RES = [
    re.compile(rf"\b(?P<wd>{_WD}),?{_SP}+(?:the{_SP}+)?(?P<mon>{_MON})\.?{_SP}+(?P<day>\d{{1,2}}){_ORD}\b(?!,?{_SP}*(?:19|20)\d\d)"),
    re.compile(rf"\b(?P<wd>{_WD}),?{_SP}+(?:the{_SP}+)?(?P<day>\d{{1,2}}){_ORD},?{_SP}+(?:of{_SP}+)?(?P<mon>{_MON})\b(?!\.?,?{_SP}*(?:19|20)\d\d)"),
]


@dataclass(frozen=True)
class Mention:
    """A date written in an article text that may tell the article's year."""

    text: str
    month: int
    day: int
    year: int | None      # written year, or None for a weekday mention
    weekday: int | None


_YEAR_HINT = re.compile(_YEAR)
_WD_HINT = re.compile(_WD)


def find_mentions(text: str) -> list[Mention]:
    """Full dates with a year, and weekday + day + month mentions, in a text."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    has_year = _YEAR_HINT.search(text) is not None
    has_wd = _WD_HINT.search(text) is not None
    if not has_year and not has_wd:
        return out
    for rx in (_FULL_RES if has_year else []) + (_WEEKDAY_RES if has_wd else []):
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            month = MONTHS[m.group("mon").lower()]
            day = int(m.group("day"))
            gd = m.groupdict()
            year = int(gd["year"]) if gd.get("year") else None
            if not valid_day(month, day, year):
                continue
            wd = WEEKDAYS[gd["wd"].lower()] if gd.get("wd") else None
            taken.append((m.start(), m.end()))
            out.append(Mention(re.sub(_SP, " ", m.group(0)), month, day, year, wd))
    return out


def _nearest(year: int, month: int, day: int, ref: dt.date) -> dt.date | None:
    """The date (month, day) in year-1, year or year+1 closest to ref."""
    best = None
    for y in (year - 1, year, year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - ref).days) < abs((best - ref).days):
            best = d
    return best


def _ref_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 Feb in a common year
        return dt.date(year, month, 28)


WRITTEN_WINDOW_DAYS = 120


def years_for_written(m: Mention, month: int, day: int) -> int | None:
    """The article year implied by a full date written in it, if it is near."""
    assert m.year is not None
    written = dt.date(m.year, m.month, m.day)
    best = None
    for y in (m.year - 1, m.year, m.year + 1):
        gap = abs((_ref_date(y, month, day) - written).days)
        if gap <= WRITTEN_WINDOW_DAYS and (best is None or gap < best[0]):
            best = (gap, y)
    return best[1] if best else None


def weekday_fits(m: Mention, year: int, month: int, day: int) -> bool:
    """Whether a weekday mention fits an article dated (year, month, day)."""
    near = _nearest(year, m.month, m.day, _ref_date(year, month, day))
    return near is not None and near.weekday() == m.weekday


@dataclass
class Vote:
    """One piece of evidence for the page's year (end year of its timeline)."""

    year: int | None          # the page year it supports, None if it only rules out
    weight: int
    kind: str                 # "written", "weekday", "dateline", "duplicate"
    text: str
    item: int                 # item number on the page
    against: bool = False

    def describe(self) -> str:
        """One line of evidence, as `pages` shows it."""
        return f"{self.kind}: {self.text}" + (" (fits no year of the era)" if self.against else f" -> {self.year}")


@dataclass
class PageDates:
    """The datelines of one page and the evidence found in its articles."""

    datelines: list[tuple[int, int, int, int | None]] = field(default_factory=list)  # (n, month, day, year)
    offsets: dict[int, int] = field(default_factory=dict)   # n -> 0 or -1 (before a New Year)
    mentions: list[tuple[int, Mention]] = field(default_factory=list)  # (n, mention)


def timeline_offsets(datelines: list[tuple[int, int, int, int | None]]) -> dict[int, int]:
    """Place a page's day/month datelines on one timeline spanning under a year.

    The largest gap between the dates, taken round the calendar, is where the
    page's time starts; when it is not the New Year gap, the dates after it
    belong to the year before the page's last year (offset -1).
    """
    if not datelines:
        return {}
    doys = sorted({(mo, d) for _, mo, d, _ in datelines})
    ords = [_ref_date(2001, mo, d).timetuple().tm_yday for mo, d in doys]
    best_gap, start_idx = ords[0] + 365 - ords[-1], 0
    for i in range(1, len(ords)):
        gap = ords[i] - ords[i - 1]
        if gap > best_gap:
            best_gap, start_idx = gap, i
    late = set(doys[start_idx:]) if start_idx else set()
    return {n: (-1 if (mo, d) in late else 0) for n, mo, d, _ in datelines}


def page_votes(pd: PageDates, era: tuple[int, int] | None) -> list[Vote]:
    """Turn a page's datelines and mentions into votes for its (end) year."""
    votes: list[Vote] = []
    dated = {n: (mo, d, y) for n, mo, d, y in pd.datelines}
    for n, (mo, d, y) in dated.items():
        if y is not None:
            votes.append(Vote(y - pd.offsets.get(n, 0), 3, "dateline", f"{d} {mo} {y}", n))
    for n, m in pd.mentions:
        if n not in dated:
            continue
        mo, d, _ = dated[n]
        off = pd.offsets.get(n, 0)
        if m.year is not None:
            y = years_for_written(m, mo, d)
            if y is not None:
                votes.append(Vote(y - off, 2, "written", m.text, n))
        elif era is not None and m.weekday is not None:
            fits = [y for y in range(era[0], era[1] + 1) if weekday_fits(m, y, mo, d)]
            if len(fits) == 1:
                votes.append(Vote(fits[0] - off, 1, "weekday", m.text, n))
            elif not fits:
                votes.append(Vote(None, 1, "weekday", m.text, n, against=True))
    return votes


def decide(votes: list[Vote]) -> tuple[int | None, str]:
    """Pick the page year from votes, or None with the reason it stays unknown."""
    return _verdict(*_tally(votes))


def _tally(votes: Iterable[Vote], score: dict[int, int] | None = None, loose: int = 0) -> tuple[dict[int, int], int]:
    """The weight of the votes for each year, and of those that fit no year, added to a
    tally already made (which is left as it was)."""
    score = dict(score or {})
    for v in votes:
        if v.year is None:
            loose += v.weight
        else:
            score[v.year] = score.get(v.year, 0) + v.weight
    return score, loose


def _verdict(score: dict[int, int], loose: int) -> tuple[int | None, str]:
    if not score:
        return None, "no evidence" if not loose else "evidence fits no year in the era"
    best = max(score, key=lambda y: (score[y], -y))
    against = sum(s for y, s in score.items() if y != best) + loose
    if score[best] >= 2 and score[best] >= 2 * against:
        return best, f"{score[best]} for, {against} against"
    if score[best] < 2 and not against:
        return None, f"too little evidence: {score[best]} for {best}, 2 needed"
    return None, f"contradictory: {score[best]} for {best}, {against} against"


@dataclass
class PageYear:
    """The year decided for one page, how, and the votes behind it."""

    year: int | None
    basis: str | None          # "page", "duplicate", "user" or None
    reason: str
    votes: list[Vote]


def dated_by_page(raw: str, offset: int, py: PageYear) -> tuple[str, str | None]:
    """(date, year_basis) of an article whose dateline reads ``raw`` ("--02-20"), on a
    page whose year was decided as ``py``; ``offset`` is -1 before a New Year."""
    if py.year is None:
        return raw, None
    _, mo, d = split_iso(raw)
    return iso_date(py.year + offset, mo, d) or raw, py.basis


def era_of(years: list[int]) -> tuple[int, int] | None:
    """The corpus's era: one year either side of the years proven by written dates."""
    return (min(years) - 1, max(years) + 1) if years else None


def page_teasers(pd: PageDates, keys: dict[int, str]) -> list[tuple[int, str, int]]:
    """(item, teaser, offset) of each dated article of a page that has a content key. A
    teaser is the key with the day the page dates it ("2/20/" + key), as one string: the
    duplicate rounds may hold a million of them."""
    return [(n, f"{mo}/{d}/{keys[n]}", pd.offsets.get(n, 0)) for n, mo, d, _y in pd.datelines if keys.get(n)]


# A teaser that a page with a year dates is known by one int, not a tuple (three objects):
# the year it falls in there times _PAGES, plus the index of the first such page in
# corpus order.
_PAGES = 1 << 40


def _duplicate_votes(teasers: Iterable[tuple[int, str, int]], known: dict[str, int | None]) -> list[Vote]:
    """The votes of a page's teasers that another page dates."""
    votes = []
    for n, t, off in teasers:
        hit = known.get(t)
        if hit is not None:
            year = hit // _PAGES
            votes.append(Vote(year - off, 2, "duplicate", f"same teaser dated {year}", n))
    return votes


class Undated(NamedTuple):
    """What the duplicate rounds keep of a page with teasers and no year yet."""

    teasers: tuple[Any, ...]   # (item, teaser, offset) flattened: a 3-tuple a teaser would cost 64 bytes
    score: dict[int, int]      # the tally of the page's own votes
    loose: int


def undated(votes: list[Vote], teasers: Iterable[tuple[int, str, int]], shared: dict[str, str]) -> Undated:
    """A page with teasers and no year of its own, as the duplicate rounds keep it
    (``shared`` holds one copy of each teaser string)."""
    flat: list[Any] = []
    for n, t, off in teasers:
        flat += (n, shared.setdefault(t, t), off)
    return Undated(tuple(flat), *_tally(votes))


def own_verdict(pd: PageDates, era: tuple[int, int] | None) -> PageYear:
    """What a page's own evidence says of its year in the corpus's era."""
    votes = page_votes(pd, era)
    year, reason = decide(votes)
    return PageYear(year, "page" if year else None, reason, votes)


def set_by_user(year: int, res: PageYear) -> PageYear:
    """A page's year as the user set it, with the votes its evidence gave."""
    return PageYear(year, "user", "set by the user", res.votes)


def first_dated(known: dict[str, int | None], teaser: str, year: int, idx: int) -> None:
    """Note that page ``idx`` dates ``teaser`` in ``year``, unless an earlier page does."""
    hit = known[teaser]
    if hit is None or hit % _PAGES > idx:
        known[teaser] = year * _PAGES + idx


def duplicate_rounds(waiting: dict[int, Undated],
                     known: dict[str, int | None]) -> Iterator[tuple[int, int, str, list[Vote]]]:
    """The pages with teasers and no year of their own (``waiting``, by index in corpus
    order) that teasers dated on other pages (``known``) give a year: (index, year,
    reason, the duplicates' votes) of each, round by round, up to three rounds; a page
    dated in a round dates its teasers for the next. Those pages leave ``waiting``."""
    for _round in range(3):
        gained = {}
        for idx, u in waiting.items():
            extra = _duplicate_votes(_unflat(u.teasers), known)
            if extra:
                year, reason = _verdict(*_tally(extra, u.score, u.loose))
                if year is not None:
                    gained[idx] = (year, reason)
        if not gained:
            return
        for idx, (year, reason) in gained.items():  # votes made again: a round may date thousands
            yield idx, year, reason, _duplicate_votes(_unflat(waiting[idx].teasers), known)
        for idx, (year, _reason) in gained.items():
            for _n, t, off in _unflat(waiting.pop(idx).teasers):
                first_dated(known, t, year + off, idx)


def _unflat(flat: tuple[Any, ...]) -> Iterator[tuple[int, str, int]]:
    return zip(flat[0::3], flat[1::3], flat[2::3], strict=True)


PageYears = Iterator[tuple[int, PageDates, PageYear, bool, PageYear | None]]


def own_year(pd: PageDates) -> int | None:
    """The year a page proves on its own, before the corpus's era is known (the years
    that make the era): its datelines' and written dates' votes, no weekday's."""
    return decide(page_votes(pd, None))[0] if pd.datelines else None


def settle_years(read: Callable[[], Iterable[tuple[PageDates, dict[int, str]]]],
                 reread: Callable[[int], PageDates], overrides: dict[int, int] | None = None,
                 proven: Iterable[int] | None = None) -> PageYears:
    """Decide the (end) year of every page, holding one page's evidence at a time.

    ``read()`` gives each page's dates and the content keys of its dated items, in
    corpus order (a page's index is its place in it), and is called up to three times:
    for the era, for each page's own decision, and for the teasers of dated pages that
    undated pages share. A teaser dated on a page whose year is known lends that year
    to the same teaser, dated the same day, elsewhere; only the teasers of pages still
    undated are kept for those rounds, and ``reread(i)`` gives page i again when one
    of them gains a year. ``overrides`` maps page index to a year. ``proven``: the
    pages' ``own_year`` values, when they are known (then ``read()`` is called twice).

    Yields (index, dates, result, final, own) for every page in order, then again,
    final, for each page a duplicate dates: a page yielded not final has no year and
    keeps none unless it is yielded again. ``own`` is what the page's own evidence says
    (``own_verdict``, before any override), on its first yield only.
    """
    overrides = overrides or {}

    def user(idx: int, res: PageYear) -> PageYear:
        return set_by_user(overrides[idx], res) if idx in overrides else res

    if proven is None:
        proven = {y for pd, _keys in read() if (y := own_year(pd)) is not None}
    era = era_of(sorted(set(proven)))

    shared: dict[str, str] = {}     # one copy of each teaser an undated page holds
    waiting: dict[int, Undated] = {}
    dated: dict[int, int] = {}      # index -> year, of the pages with teasers and a year
    for idx, (pd, keys) in enumerate(read()):
        own = own_verdict(pd, era)
        teasers = page_teasers(pd, keys)
        if own.year is None and teasers:
            waiting[idx] = undated(own.votes, teasers, shared)
        elif own.year is not None and teasers:
            dated[idx] = own.year
        yield idx, pd, user(idx, own), idx not in waiting or idx in overrides, own
    if not waiting:
        return

    known: dict[str, int | None] = dict.fromkeys(shared)
    del shared
    for idx, (pd, keys) in enumerate(read()):
        if idx in dated:
            for _n, t, off in page_teasers(pd, keys):
                if t in known:
                    first_dated(known, t, dated[idx] + off, idx)
    del dated
    for idx, year, reason, extra in duplicate_rounds(waiting, known):
        pd = reread(idx)
        yield idx, pd, user(idx, PageYear(year, "duplicate", reason, page_votes(pd, era) + extra)), True, None


def resolve_years(pages: list[tuple[PageDates, dict[int, str]]],
                  overrides: dict[int, int] | None = None) -> list[PageYear]:
    """Decide the (end) year of every page (``settle_years`` over pages in memory).

    ``pages`` holds each page's dates and the content keys of its dated items, so a
    teaser dated on a page whose year is known lends that year to the same teaser,
    dated the same day, elsewhere. ``overrides`` maps page index to a year.
    """
    results: list[PageYear] = []
    for idx, _pd, res, _final, _own in settle_years(lambda: pages, lambda i: pages[i][0], overrides):
        if idx < len(results):
            results[idx] = res
        else:
            results.append(res)
    return results
