"""People: person-name mentions, and alias groups that merge their spellings.

The module has three layers, each pure:

* **Mentions** (what the parser needs): ``item_mentions`` reads one item's
  byline, headline and body and returns its person mentions as strings.
* **Groups**: ``build_people`` turns a corpus's mention counts into persons,
  merging spellings; ``People`` resolves any item's mentions to persons.
* **Queries**: ``People.find`` folds a user's NAME the way the corpus side does.

The alias file is read by ``read_aliases`` (the one function here that opens a
file, meant to be called by the I/O layer) and passed to ``build_people`` as an
``AliasRules`` value.

*Extraction* works on evidence, not on a list of known people. A capitalised
run ("Supreme Leader Ali Khamenei", "Hamad bin Khalifa", "G.H Rostami") is cut
at sentence ends and possessives; titles, roles, nationalities and
sentence-opening words in front ("Norway's Foreign Minister", "Briton",
"Added") are dropped. What is left is a person's name when the text says so:
a title or role before it (in the run, or a lower-case role noun such as
"deputy chief" or "his wife,"), a byline cue ("By", "byX", "PAR"), a known
given name, an apposition or a verb of saying after it (", a terrorism expert",
"said", "told"), "according to"/"said" before it, a person it is listed with
("X and Y"), or a headline or caption that is nothing but the name. A name with
none of that is kept as a *candidate*, which the corpus confirms when another
mention knows its surname or its given name.

Mentions are stored per item as strings: "Ali Khamenei" (a full name),
"!Rajavi" (one name a title or role marks as a person's), "?Bolton" (a bare
capitalised word, kept only if it is the surname of someone the corpus names
in full) or "?Olaug Brekke" (a candidate full name).

*Groups* merge names whose *keys* agree: case, accents, quotes, the
possessive, particles and transliteration (ou/o, u/o, e/a, y/i, ch/sh, doubled
letters, Abdul/Abd) are folded away, so "Rouhani"/"Rohani"/"Rowhani",
"Jannati"/"Janati" and "Bassil El Khatib"/"Basil al-Khatib" agree. A name that
is the tail of a longer one ("Ali Jafari" of "Mohammed Ali Jafari") or the
longer one without its middle names ("Anna Berg" of "Anna Lena Berg")
joins it, and names that share a first or last name and are close in the rest
("Hossein Farahmandi"/"Farhamandi", "Abdulkarim Rahimi"/"Abd al-Karim
Rahimi") merge. Two people who share only a surname stay apart. A surname
alone is attached to the full name the same item gives for it, else the one
the rest of its page gives (when the caller passes the page), else the one the
corpus uses most. The listed name is the fullest form, ties going to the form
with most known given names, then the most used, then the alphabet, so the
file order never matters.

A user alias file (TOML) can force merges and splits::

    [merge]
    "Ali Khamenei" = ["Seyed Ali Khamenei", "Khamenei"]

    [split]
    "Ali Jafari" = ["Mohammed Ali Jafari"]
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .errors import BadQuery, CorpusError
from .model import Item
from .people_data import (
    GIVEN_NAMES,
    HONORIFICS,
    MONARCH_TITLES,
    NAMED_AFTER,
    NICKNAMES,
    NOT_GIVEN,
    NOT_NAME_WORDS,
    PARTICLES,
    PERSONAL_TITLES,
    ROLE_NOUNS,
)
from .textnorm import fold


class PersonNotFound(BadQuery):
    """A person NAME that matches nobody in the corpus (a search with no match: exit code 1)."""

    exit_code = 1


# --- mentions -------------------------------------------------------------------------

_W = r"[A-Z\u00c0-\u00de][^\W\d_]*(?:[-'\u2019][^\W\d_]+)*"
_INIT = r"[A-Z]\.(?:[A-Z]\.?)*"
_PART = "(?:" + "|".join(sorted((p for p in PARTICLES if p.isalpha()), key=lambda p: (-len(p), p))) + ")"
_SP = r"[ \u00a0]"
_SEQ_RE = re.compile(rf"(?:{_INIT}|{_W})(?:\.?{_SP}+(?:{_PART}(?:{_SP}+|-))*(?:{_INIT}|{_W}))*\.?")
_TOKEN_RE = re.compile(rf"{_INIT}|{_W}\.?|{_PART}-|{_PART}(?=\s)")
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?")
_PARTICLE_WORD_RE = re.compile(rf"{_PART}-[A-Z\u00c0-\u00de]")
_ABBREV = {"Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "St", "Prof", "Rep", "Sen", "Rev", "Brig", "Capt", "Sgt", "Jr", "Sr",
           "Maj", "Adm", "Gov", "Amb", "Hon", "No"}
_POSSESSIVE_RE = re.compile(r"['\u2019]s?$")
# Words that are never a given name, whatever else they may be.
_JUNK = NOT_NAME_WORDS | NOT_GIVEN
HONORIFIC_ROLE = HONORIFICS - {"State", "US", "U.S.", "UN", "EU", "Iranian", "Iran's", "Regime", "Regime's", "Former",
                               "Ex", "Late", "Senior", "IRGC", "Iraqi", "Syrian", "Russian", "French", "British",
                               "German", "American", "Israeli", "Saudi", "Canadian", "Italian", "Lebanese", "Yemeni"}
_BYLINE_CUES = {"by", "par"}
# A line that starts with a byline cue: "By: X", "Written by X", "Auteur : X".
_BYLINE_LINE_RE = re.compile(r"[ \t\u00a0]*(?:[Bb]y|BY|[Pp]ar|PAR|[Ww]ritten by|[Rr]eport(?:ed|ing) by|"
                             r"[Aa]uthor|[Aa]uteur|[Pp]osted by)[ \t\u00a0]*[:\-\u2013]?[ \t\u00a0]*")
# Between two people of a list: "X and Y", "X et Y", "X, Y".
_AND_RE = re.compile(r"[\s,]*(?:and|et|&|or)?\s*")
_SAY_BEFORE = {"said", "says", "told", "named", "called", "dubbed", "quoting", "quoted", "wrote", "writes", "par"}
_ROLES_ALT = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
# Nouns that make an apposition a place's or a group's: "Shushtar, a city whose governor ..."
_PLACE_NOUNS = (r"(?:city|town|village|province|county|district|region|country|state|capital|port|island|group|"
                r"organi[sz]ation|company|firm|agency|newspaper|daily|weekly|website|channel|network|prison|party|"
                r"movement|militia|council|ministry|university|school|hospital|bank|court)s?\b")
# "an article by X", "written by X": an author; "backed by X" says nothing.
_AUTHOR_NOUNS = {"article", "articles", "story", "op-ed", "oped", "report", "column", "piece", "book", "interview",
                 "statement", "letter", "speech", "post", "tweet", "commentary", "analysis", "essay", "written",
                 "authored", "edited", "translated", "photo", "photos", "video", "poem", "film", "remarks", "message"}
# After a name, an apposition that says what the person is: ", a terrorism expert", ", the head of", ", 80,".
_APPOS = (
    r"""(?:['\u2019]s?)?\s*,\s*(?:\d{1,3}\s*,|aged\s+\d
      |(?:(?:a|an|the|his|her|their|its|one|another|now|then|also|currently|once)\s+(?:(?!%s)[\w'\u2019-]+\s+){0,4}?
        |(?-i:[A-Z][\w'\u2019.-]*\s+){0,3})(?:%s)\b
      |(?:a|an)\s+(?:\d+|[a-z]+)[-\s]years?[-\s]old\b)""" % (_PLACE_NOUNS, _ROLES_ALT))
# After a name, what people do: say, write, get arrested; or an age in brackets.
_AFTER = (
    r"""%s
    | \s*\(\s*\d{1,3}\s*\)
    | \s*,?\s*(?:a|an)\s+(?:\d+|[a-z]+)[-\s]years?[-\s]old\b
    | \s*,?\s+(?:said|says|told|tells|wrote|writes|added|adds|noted|notes|stated|states|explained|explains|warned
        |warns|argued|argues|asked|asks|quoted|quotes|described|describes|accused|accuses|insisted|urged|stressed
        |tweeted|recalled|responded|replied|commented|concluded|admitted|declared|believes|believed|thinks|suggested
        |vowed|threatened|spoke|speaks|met|resigned|died|pointed|emphasised|emphasized)\b
    | \s*,?\s+(?:(?:is|was|has\s+been|had\s+been|will\s+be)\s+(?:accused|arrested|imprisoned|serving|sentenced
        |executed|elected|born|killed|detained|released|charged|quoted)
      | has\s+(?:said|told|written|warned|argued|stated)
      | who|whose)\b""" % _APPOS)


@lru_cache(maxsize=1)
def _appos_re() -> re.Pattern:
    """Compiled on first use: the role alternation is long, and the CLI starts without it."""
    return re.compile(_APPOS, re.X | re.I)


@lru_cache(maxsize=1)
def _after_re() -> re.Pattern:
    return re.compile(_AFTER, re.X | re.I)


def _strip_possessive(tok: str) -> str:
    if len(tok) > 3 and tok[-1] in "s'\u2019" and (tok[-1] != "s" or tok[-2] in "'\u2019"):
        return _POSSESSIVE_RE.sub("", tok)
    return tok


def _is_acronym(tok: str) -> bool:
    return len(tok) >= 2 and tok.isupper() and not _INITIALS_RE.fullmatch(tok)


# English word endings that no personal name here has: "Popular Mechanics", "Operation Eternal Light",
# "Resistance Council" are names of things.
_ENGLISH_WORD_RE = re.compile(r"[a-z]{3}(?:tion|sion|ment|ness|ship|ism|ity|ics|ous|ive|ful|less|ical|ology|ular"
                              r"|[a-z]{2}(?:ence|ance))s?$")


def _is_junk(bare: str) -> bool:
    """A capitalised word that is never part of a person's name."""
    if _ENGLISH_WORD_RE.search(bare) and not _is_given(bare):
        return True
    if bare in _JUNK or _is_acronym(bare) or bare.lower() in PARTICLES or bare.rstrip(".") in ("U.S", "U.N", "U.K", "E.U"):
        return True
    return "-" in bare and (bare.endswith(("-e", "-ye", "-ol", "-ul")) or any(p in _JUNK for p in bare.split("-")))


def _word_before(text: str, start: int) -> tuple[str, str]:
    """The word right before ``start`` ("" unless in lower case) and the one before that (lowered), skipping a comma."""
    j = start - 1
    while j >= 0 and text[j] in " \u00a0,":
        j -= 1
    if j < 0 or not (text[j].islower() or text[j] in "\"'\u2018\u2019\u201c\u201d(" and j and text[j - 1].islower()):
        return "", ""
    words = text[max(0, j - 40):j + 1].rsplit(None, 2)
    last = words[-1].strip("\"'\u2018\u2019\u201c\u201d(") if words else ""
    prev = words[-2] if len(words) >= 2 else ""
    return (last if last.islower() else ""), prev.lower()


def _byline_line(text: str, start: int) -> bool:
    """Does the line hold only a byline cue before ``start``?"""
    nl = text.rfind("\n", max(0, start - 26), start)
    if nl < 0 and start > 26:
        return False
    return _BYLINE_LINE_RE.fullmatch(text, nl + 1, start) is not None


def _glued_before(text: str, start: int) -> str:
    """A short word glued to the front of a run ("byGwyneth" gives "by")."""
    i = start
    while i > 0 and start - i < 4 and text[i - 1].isalpha():
        i -= 1
    return "" if i > 0 and text[i - 1].isalpha() else text[i:start].lower()


_HON, _JNK, _PRT, _NAM, _ROLE = range(5)


class _Word:
    """What one token of a run is: its bare form and its part in a name."""

    __slots__ = ("bare", "name", "kind", "role", "personal", "monarch", "stop")

    def __init__(self, tok: str):
        bare = tok if _INITIALS_RE.fullmatch(tok) else tok.rstrip(".")
        name = _strip_possessive(bare)
        self.bare, self.name = bare, name
        self.role = self.personal = False
        self.monarch = ""
        if bare in HONORIFICS or name in HONORIFICS:
            self.kind = _HON
            self.role = bare in HONORIFIC_ROLE or name in HONORIFIC_ROLE
            self.personal = bare in PERSONAL_TITLES or name in PERSONAL_TITLES
            self.monarch = name if name in MONARCH_TITLES else ""
        elif bare.rstrip("-").lower() in PARTICLES:
            self.kind = _PRT
        elif _is_junk(name):
            self.kind = _JNK
        elif name.lower() in ROLE_NOUNS and name[1:].islower():
            # "Lawmaker Mahmoud Sadeghi" at a sentence start; inside a name it is a name ("Peter Singer")
            self.kind, self.role = _ROLE, True
        else:
            self.kind = _NAM
        # a run is cut after a full stop (not an abbreviation's or an initial's) and after a possessive
        self.stop = (name != bare or tok.endswith(".") and bare not in _ABBREV and len(bare) > 1
                     and not _INITIALS_RE.fullmatch(tok))


@lru_cache(maxsize=100_000)
def _word(tok: str) -> _Word:
    return _Word(tok)


class _Name:
    """A name stretch of a run, with what stood in front of it."""

    __slots__ = ("words", "start", "end", "role", "personal", "monarch", "modifier", "place")

    def __init__(self, words: list[str], start: int, end: int, role: bool, personal: bool, monarch: str,
                 modifier: bool, place: bool):
        self.words, self.start, self.end = words, start, end
        self.role = role            # a role or title word in the run before it
        self.personal = personal    # the word right before it is a personal title (Mr, President)
        self.monarch = monarch      # "King" when a monarch's title stands right before it
        self.modifier = modifier    # a capitalised word follows in the same run ("Foreign Relations Committee")
        self.place = place          # ... and makes it a place named after someone ("Amir Kabir University")


def _names_in(toks: list[tuple[str, int, int]]) -> Iterable[_Name]:
    """The name stretches of a run, cut at sentence ends and possessives."""
    info = [_word(t) for t, _, _ in toks]
    n = len(toks)
    lo = 0
    while lo < n:
        hi = lo
        while hi < n - 1 and not info[hi].stop:
            hi += 1
        hi += 1
        yield from _stretches(toks, info, lo, hi)
        lo = hi


def _stretches(toks: list[tuple[str, int, int]], info: list[_Word], i: int, n: int) -> Iterable[_Name]:
    while i < n:
        role = personal = False
        monarch = ""
        j = i
        while j < n:
            w = info[j]
            if w.kind == _HON or w.kind == _ROLE:
                role = role or w.role
                personal, monarch = w.personal, w.monarch
            elif w.kind == _JNK or w.kind == _PRT:
                role = personal = False
                monarch = ""
            else:
                break
            j += 1
        words: list[str] = []
        k = j
        while k < n:
            w = info[k]
            if w.kind == _PRT and (w.bare[:1].islower() or words and k + 1 < n):
                words.append(w.bare)
                k += 1
                continue
            if w.kind != _NAM and w.kind != _ROLE:
                break
            words.append(w.name)
            k += 1
            if w.name != w.bare:
                break
        while words and words[-1].rstrip("-").lower() in PARTICLES:
            words.pop()
            k -= 1
        if words:
            yield _Name(words, toks[j][1], toks[k - 1][2], role, personal, monarch, k < n,
                        k < n and info[k].name in NAMED_AFTER)
        i = max(k, j + 1)


def _is_given(word: str) -> bool:
    """A known given name, or a compound of them ("Mohammad-Reza")."""
    return word in GIVEN_NAMES or "-" in word and word.split("-", 1)[0] in GIVEN_NAMES


def _common_word(word: str, text: str, at: int) -> bool:
    """A word the text near ``at`` also uses in lower case ("Hospital sources ... the hospital")."""
    low = word.lower()
    if low == word or not low.isalpha():
        return False
    near = text[max(0, at - 3000):at + 3000]
    return low in near and re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", near) is not None


def _title_case_line(text: str, at: int) -> bool:
    """Is the line around ``at`` written in Title Case, as headlines are?"""
    lo = text.rfind("\n", max(0, at - 200), at) + 1
    hi = text.find("\n", at, at + 200)
    words = [w for w in text[lo:hi if hi >= 0 else at + 200].split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _title_case(tok: str) -> str:
    return "-".join(p[:1] + p[1:].lower() for p in tok.split("-")) if tok.isupper() and len(tok) > 1 else tok


@lru_cache(maxsize=100_000)
def _single(raw: str) -> tuple[str, bool] | None:
    """One capitalised word alone: its bare form and whether it is a given name (None: never a name)."""
    plain = raw.rstrip(".")
    bare = _strip_possessive(plain)
    if len(bare) <= 2 or bare in _JUNK or bare in HONORIFICS or _is_acronym(bare):
        return None
    return bare, bare in GIVEN_NAMES and bare == plain


def extract_mentions(text: str, *, headline: bool = False) -> list[str]:
    """Person mentions in a text, in order (see the module docstring for the form).

    ``headline`` is for a title or caption line: its words are capitalised for
    style, so only names that a title or a given name vouches for count, and a
    line that is nothing but a name counts too.
    """
    out: list[str] = []
    last_person_end = -100
    whole = text.strip(" \u00a0\t\"'\u201c\u201d") if headline else ""
    for m in _SEQ_RE.finditer(text):
        raw = m.group(0)
        s = m.start()
        if " " not in raw and "\u00a0" not in raw and "." not in raw[:-1]:
            # one capitalised word: most are sentence starts, so decide cheaply
            one = _single(raw)
            if one is None:
                continue
            bare, given = one
            if given:
                if _word_before(text, s)[0] in ROLE_NOUNS:   # "her mother Fatemeh"
                    out.append("!" + bare)
                continue
            e = m.end()
            if text[e:e + 1] == "," and _appos_re().match(text, e):
                out.append("!" + bare)
                continue
            out.append(("!" if _word_before(text, s)[0] in ROLE_NOUNS else "?") + bare)
            continue
        byline = (raw.startswith(("By ", "BY ", "PAR ", "Par ")) or s > 0 and text[s - 1].isalpha()
                  and _glued_before(text, s) in _BYLINE_CUES or _byline_line(text, s))
        shout = raw.isupper() and not byline  # "MARYAM RAJAVI:": only a given name vouches for it
        for nm in _run_names(raw, byline or raw.isupper()):
            mention = _decide(nm, s, text, byline, headline, whole, last_person_end)
            if shout and mention and (mention[0] == "!" or mention[0] != "?" and not _is_given(nm.words[0])):
                mention = "?" + mention.lstrip("!")
            if mention:
                out.append(mention)
                if mention[0] != "?":
                    last_person_end = s + nm.end
    return out


@lru_cache(maxsize=100_000)
def _run_names(raw: str, caps: bool) -> tuple[_Name, ...]:
    """The name stretches of a run of capitalised words (offsets within the run); ``caps``: title-case all-caps words."""
    toks = [(t.group(0), t.start(), t.end()) for t in _TOKEN_RE.finditer(raw)]
    if caps:
        toks = [(_title_case(t), a, b) for t, a, b in toks]
    return tuple(_names_in(toks))


def _decide(nm: _Name, at: int, text: str, byline: bool, headline: bool, whole: str,
            last_person_end: int) -> str | None:
    """The mention string for one name stretch (``at`` is where its run starts), from the evidence around it."""
    words = nm.words
    start, end = at + nm.start, at + nm.end
    if len(words) == 1:
        return _decide_single(nm, start, end, text, headline)
    if len(words) > 5:
        return None
    before, before2 = _word_before(text, start)
    role = nm.role or before in ROLE_NOUNS
    given = _is_given(words[0])
    if not (role or given):
        # "Whereas Barack Obama", "Lobbyist Harasses John Bolton": start at a given name
        p = next((k for k, w in enumerate(words) if _is_given(w)), None)
        if (p is not None and len(words) - p >= 2
                and (headline or all(_common_word(w, text, start) for w in words[:p]))):
            words, given = words[p:], True
    if nm.place:
        return None
    if len(words) >= 3 and words[-1].endswith("s") and not _is_given(words[-1]) and _title_case_line(text, start):
        words = words[:-1]  # "Hossein Shariatmadari Threatens Europe": a headline's verb
    name = " ".join(words).replace("- ", "-")
    if _INITIALS_RE.fullmatch(words[-1]):
        return None
    if role or given or nm.personal:
        return name
    if byline and len(words) <= 3:
        return name
    if nm.modifier:  # "Shahid Beheshti University": a name inside another name
        return None
    if headline:
        if whole and whole.rstrip(".") == name and len(words) <= 3 and not _common_word(words[0], text, start):
            return name
        am = _after_re().match(text, end)
        return name if am and am.group(0).lstrip()[:1] == "," else None
    first_common = _common_word(words[0], text, start)
    context = before != "the" and (before in _SAY_BEFORE or (before2, before) == ("according", "to")
               or (before2, before) == ("interview", "with") or before == "by" and before2 in _AUTHOR_NOUNS
               or _after_re().match(text, end) is not None
               or (0 <= start - last_person_end < 8 and _AND_RE.fullmatch(text, last_person_end, start) is not None))
    if context and not first_common:
        return name
    if first_common:
        rest = words[1:]
        if len(rest) == 1:
            return "?" + rest[0]
        return "?" + " ".join(rest).replace("- ", "-") if len(rest) <= 3 else None
    return "?" + name if len(words) <= 3 else None


def _decide_single(nm: _Name, start: int, end: int, text: str, headline: bool) -> str | None:
    """The mention for one name word: a monarch, a titled surname, or a bare word."""
    w = nm.words[0]
    if len(w) <= 2 or _INITIALS_RE.fullmatch(w):
        return None
    if nm.monarch:
        return f"{nm.monarch} {w}"
    before, _ = _word_before(text, start)
    if before in ROLE_NOUNS and not nm.modifier:
        return "!" + w
    if (nm.personal or nm.role and not headline) and not nm.modifier and w not in GIVEN_NAMES:
        return "!" + w
    if w in GIVEN_NAMES or nm.place:
        return None
    if nm.modifier:  # "Foreign Terrorist Organization", "Khomeini Was Set on Fire": a bare word at most
        return "?" + w
    if text[end:end + 1] == "," and _appos_re().match(text, end):
        return "!" + w
    return "?" + w


def byline_names(byline: str) -> list[str]:
    """The people's names in a byline: "By DAMIEN KEMP and Lea Roth, Correspondents" -> ["Damien Kemp", "Lea Roth"]."""
    b = re.sub(r"^\s*(?:by|par)\b[\s:]*", "", byline.strip(), flags=re.I)
    out: list[str] = []
    for k, part in enumerate(re.split(r"\s*(?:,|;|\||&|\s-\s|\s\u2013\s|\band\b|\bet\b)\s*", b)[:4]):
        words: list[str] = []
        for t in part.split():
            t = t.rstrip(".") if not _INITIALS_RE.fullmatch(t) else t
            t = _title_case(t)
            if t[:1].isupper() and not _is_junk(_strip_possessive(t)) and t not in HONORIFICS:
                words.append(t)
            elif words and (t.rstrip("-").lower() in PARTICLES or _PARTICLE_WORD_RE.match(t)):
                words.append(t)
            elif words or not t[:1].isupper():
                break
            if len(words) == 4:
                break
        while words and words[-1].rstrip("-").lower() in PARTICLES:
            words.pop()
        if words and (k == 0 or len(words) >= 2):
            out.append(" ".join(words).replace("- ", "-"))
    return out


def item_mentions(title: str | None, byline: str | None, text: str, kind: str) -> tuple[str, ...]:
    """All mentions of an item: its byline first, then headline and body."""
    out: list[str] = []
    if byline:
        out.extend(byline_names(byline))
    if title and kind == "article":
        out.extend(extract_mentions(title, headline=True))
    out.extend(extract_mentions(text, headline=kind == "caption"))
    return tuple(out)


# --- keys -----------------------------------------------------------------------------

_KEY_SUBS = [("ch", "sh"), ("dj", "j"), ("ou", "o"), ("u", "o"), ("ee", "i"), ("e", "a"), ("y", "i"), ("w", "v"),
             ("q", "gh"), ("kh", "h")]
_NONLETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")
_OW = re.compile(r"ow(?![aeiou])")


@lru_cache(maxsize=200_000)
def token_key(tok: str) -> str:
    """Transliteration-folded key of one name word."""
    k = _NONLETTER.sub("", fold(_strip_possessive(tok)))
    k = _OW.sub("o", k)
    for a, b in _KEY_SUBS:
        k = k.replace(a, b)
    k = _DOUBLE.sub(r"\1", k)
    if k.startswith("abdol") and len(k) > 5:  # Abdul, Abdol, Abd al-: one prefix
        k = "abd" + k[5:]
    return k


@lru_cache(maxsize=200_000)
def name_key(name: str) -> tuple[str, ...]:
    """Key of a full name: its words' keys, particles left out ("Abd al-Karim" is one word, as "Abdulkarim").

    A short given name in front of a surname counts as the full one ("Mike Pompeo" is "Michael Pompeo").
    """
    out: list[str] = []
    words = name.replace("-", " ").split()
    if len(words) >= 2 and words[0] in NICKNAMES:
        words[0] = NICKNAMES[words[0]]
    for t in words:
        k = token_key(t) if t.lower() not in PARTICLES else ""
        if not k:
            continue
        if out and out[-1] == "abd":
            out[-1] += k
        else:
            out.append(k)
    return tuple(out)


def _similar(a: str, b: str) -> float:
    from rapidfuzz.fuzz import ratio

    return float(ratio(a, b))


def query_name(query: str) -> str:
    """A user's NAME without the titles and roles in front ("Ayatollah Khamenei" -> "Khamenei")."""
    words = query.split()
    i = 0
    while i < len(words) - 1:
        w = words[i].rstrip(".,")
        b = _strip_possessive(w)
        if w in HONORIFICS or b in HONORIFICS or (w in _JUNK and b not in GIVEN_NAMES) or w.lower() in ("the", "former"):
            i += 1
        else:
            break
    return " ".join(words[i:])


# --- groups -----------------------------------------------------------------------------

@dataclass
class Person:
    """One person: canonical name, the spellings seen, and counts."""

    name: str
    variants: Counter = field(default_factory=Counter)
    keys: set = field(default_factory=set)
    # single words seen alone that stand for this person ("Rohani", "Janati")
    aliases: set = field(default_factory=set)

    @cached_property
    def surname_key(self) -> str:
        k = name_key(self.name)
        return k[-1] if k else ""


@dataclass
class People:
    """The alias groups of a corpus and how to resolve any mention to one."""

    persons: list[Person]
    by_key: dict[tuple[str, ...], int]
    by_surname: dict[str, list[int]]

    def _named(self, mentions: Iterable[str]) -> set[int]:
        """The people a list of mentions names in full."""
        out = set()
        for m in mentions:
            if m[:1] != "!" and (m[:1] != "?" or " " in m):
                g = self.by_key.get(name_key(m.lstrip("?")))
                if g is not None:
                    out.add(g)
        return out

    def resolve_mentions(self, mentions: Iterable[str], *, page: Iterable[str] = ()) -> list[int | None]:
        """The group of each mention of one item (None where it names nobody known).

        A surname alone goes to the person the item names in full, else the one
        the rest of its ``page`` (the other items' mentions) names, else the
        corpus's most mentioned.
        """
        if not isinstance(mentions, Sequence):
            mentions = list(mentions)
        by_key = self.by_key
        out: list[int | None] = []
        singles = []
        for i, m in enumerate(mentions):
            if m[:1] not in "!?":
                out.append(by_key.get(name_key(m)))
            elif " " in m:
                out.append(by_key.get(name_key(m[1:])) if m[0] == "?" else None)
            else:
                out.append(None)
                singles.append(i)
        if singles:
            local = {g for g in out if g is not None}
            near = self._named(page) if page else set()
            for i in singles:
                m = mentions[i]
                out[i] = self._surname(m[1:], local, allow_new=m[0] == "!", near=near)
        return out

    def resolve_item(self, mentions: Iterable[str], *, page: Iterable[str] = ()) -> list[int]:
        """Group indexes an item mentions, in order of first mention."""
        out: list[int] = []
        for g in self.resolve_mentions(mentions, page=page):
            if g is not None and g not in out:
                out.append(g)
        return out

    def _weight(self, g: int) -> tuple[int, str]:
        return sum(self.persons[g].variants.values()), self.persons[g].name

    def _surname(self, word: str, local: set[int], allow_new: bool, near: set[int] | None = None) -> int | None:
        k = token_key(word)
        if not k:
            return None
        cands = self.by_surname.get(k, [])
        if not cands:
            # a surname with a typo ("Rajavii"): near keys of people in the same item
            cands = []
            if len(k) >= 5:
                for g in local:
                    sk = self.persons[g].surname_key
                    if sk[:1] == k[:1] and abs(len(sk) - len(k)) <= 2 and _similar(k, sk) >= 90:
                        cands.append(g)
        if not cands:
            own = self.by_key.get((k,))
            return own if (own is not None and allow_new) else None
        pool = [g for g in cands if g in local] or [g for g in cands if near and g in near] or cands
        return max(pool, key=self._weight)

    def names_for(self, mentions: Iterable[str], *, page: Iterable[str] = ()) -> tuple[str, ...]:
        """Canonical names an item mentions (``page``: the mentions of the other items on its page)."""
        return tuple(self.persons[g].name for g in self.resolve_item(mentions, page=page))

    def find(self, query: str) -> int:
        """The group a user's NAME means: by full key, without titles, by surname, or by a close spelling."""
        q = query.strip()
        key = name_key(q)
        if not key:
            raise PersonNotFound(f"no person matches {query!r}")
        if key in self.by_key:
            return self.by_key[key]
        key = name_key(query_name(q)) or key
        if key in self.by_key:
            return self.by_key[key]
        if len(key) == 1:
            cands = self.by_surname.get(key[0])
            if not cands and len(key[0]) >= 4:
                near = [(s, _similar(key[0], s)) for s in self.by_surname]
                near = [x for x in near if x[1] >= 85]
                if near:
                    cands = self.by_surname[max(near, key=lambda x: (x[1], x[0]))[0]]
            if cands:
                return max(cands, key=self._weight)
        joined = " ".join(key)
        scored = [(_similar(joined, " ".join(k)), g) for k, g in self.by_key.items()]
        best = max(scored, default=None, key=lambda x: (x[0], self._weight(x[1])))
        if best is not None and best[0] >= 85 and len(key) >= 2:
            return best[1]
        hint = f"; did you mean {self.persons[best[1]].name}?" if best is not None and best[0] >= 70 else ""
        if len(key) == 1 and not hint:
            # a given name alone ("Maryam"): the most mentioned person who has it
            firsts = [g for k, g in self.by_key.items() if len(k) >= 2 and k[0] == key[0]]
            if firsts:
                hint = f"; did you mean {self.persons[max(firsts, key=self._weight)].name}?"
        raise PersonNotFound(f"no person matches {query!r}{hint}")


@dataclass(frozen=True)
class AliasRules:
    """A user's forced merges (canonical name -> other spellings) and splits."""

    merge: dict[str, list[str]] = field(default_factory=dict)
    split: dict[str, list[str]] = field(default_factory=dict)


def alias_rules(data: dict, *, where: str = "alias file") -> AliasRules:
    """Check the tables of a parsed alias file and return them as rules (CorpusError when malformed)."""

    def table(name: str) -> dict[str, list[str]]:
        t = data.get(name, {})
        if not isinstance(t, dict):
            raise CorpusError(f"{where}: [{name}] must be a table")
        out = {}
        for k, v in t.items():
            vals = [v] if isinstance(v, str) else v
            if not isinstance(vals, list) or not all(isinstance(x, str) for x in vals):
                raise CorpusError(f"{where}: {name}.{k} must be a name or a list of names")
            out[str(k)] = vals
        return out

    return AliasRules(table("merge"), table("split"))


def read_aliases(path: str | None) -> AliasRules:
    """Read a TOML alias file (the I/O step; call it in the I/O layer and pass the rules on)."""
    if not path:
        return AliasRules()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as e:
        raise CorpusError(f"alias file not found: {path}") from e
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise CorpusError(f"alias file {path}: {e}") from e
    return alias_rules(data, where=f"alias file {path}")


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1


def count_mentions(mention_lists: Iterable[Iterable[str]]) -> Counter:
    """How often each mention string occurs in a corpus."""
    counts: Counter = Counter()
    for mentions in mention_lists:
        counts.update(mentions)
    return counts


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Do two full-name keys (two words or more, sharing a first or last word) spell one person?"""
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        return len(diff) < len(a) and all(len(x) >= 4 and len(y) >= 4 and _similar(x, y) >= 85 for x, y in diff)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if short[0] == long_[0] and short[-1] == long_[-1]:
        it = iter(long_)
        if all(t in it for t in short):  # the longer one has middle names
            return True
    if short[-1] == long_[-1]:
        x, y = "".join(short[:-1]), "".join(long_[:-1])
        return len(x) >= 6 and len(y) >= 6 and _similar(x, y) >= 85
    return False


def _pick_name(variants: Counter) -> str:
    """The listed name: the fullest form, then the one with most given names, not a short form, the most used."""
    return max(variants, key=lambda f: (len(name_key(f)), sum(t in GIVEN_NAMES for t in f.split()),
                                        f.split()[0] not in NICKNAMES, variants[f], not f.isascii(), -len(f), f))


def build_people(counts: Counter | dict, *, aliases: AliasRules | str | None = None) -> People:
    """Group a corpus's mentions (mention string -> count) into persons.

    ``aliases`` is the user's rules (``read_aliases``); a path is still accepted
    and read here for older callers.
    """
    rules = aliases if isinstance(aliases, AliasRules) else read_aliases(aliases)
    merge, split = rules.merge, rules.split
    forms: Counter = Counter()
    weak: Counter = Counter()
    singles: Counter = Counter()
    for m, c in counts.items():
        if c <= 0:
            continue
        if m.startswith("?"):
            if " " in m:
                weak[m[1:]] += c
        elif m.startswith("!"):
            singles[m[1:]] += c
        else:
            forms[m] += c
    for extra in list(merge) + [v for vs in merge.values() for v in vs]:
        if len(name_key(extra)) >= 1 and extra not in forms:
            forms[extra] += 0
    full = [name_key(f) for f in forms]
    strong_surnames = {k[-1] for k in full if len(k) >= 2}
    given_keys = {k[0] for k in full if len(k) >= 2 and len(k[0]) >= 3}
    # a candidate name with no evidence of its own: a person if the corpus knows its surname or given name
    for f, c in weak.items():
        k = name_key(f)
        if len(k) >= 2 and (k[-1] in strong_surnames or k[0] in given_keys):
            forms[f] += c
    keys: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for f in forms:
        k = name_key(f)
        if k:
            keys[k].append(f)
    klist = sorted(keys, key=lambda k: (-len(k), k))
    index = {k: i for i, k in enumerate(klist)}
    uf = _Union(len(klist))
    weight = {k: sum(forms[f] for f in keys[k]) for k in klist}
    # tails: "Ali Jafari" joins "Mohammed Ali Jafari" (the most mentioned such longer name)
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for k in klist:
        if len(k) >= 2:
            by_last[k[-1]].append(k)
            by_first[k[0]].append(k)
    for k in klist:
        if len(k) < 2:
            continue
        longer = [j for j in by_last[k[-1]] if len(j) > len(k) and j[-len(k):] == k]
        if longer:
            uf.union(index[k], index[max(longer, key=lambda j: (weight[j], j))])
    # spellings, middle names and transliterations of one name
    near_last: dict[str, list[str]] = defaultdict(list)
    for s in by_last:
        near_last[s[:2]].append(s)
    for bucket in list(by_first.values()) + list(by_last.values()):
        for a_i, a in enumerate(bucket):
            for b in bucket[a_i + 1:]:
                if uf.find(index[a]) != uf.find(index[b]) and _same_person(a, b):
                    uf.union(index[a], index[b])
    # near surnames with different first words ("Mohamad Reza Bahonnar" / "Mohammad Reza Bahonar")
    for group in near_last.values():
        for a_i, sa in enumerate(group):
            for sb in group[a_i + 1:]:
                if min(len(sa), len(sb)) >= 4 and _similar(sa, sb) >= 85:
                    for a in by_last[sa]:
                        for b in by_last[sb]:
                            if len(a) == len(b) and uf.find(index[a]) != uf.find(index[b]) and _same_person(a, b):
                                uf.union(index[a], index[b])
    # single names after a title ("Mr Mohaddessin") with no full name: a person of their own,
    # with every spelling of that name ("Mrs. Rouhani", "Mrs. Rohani"), in any order
    alone: set[tuple[str, ...]] = set()
    for s, c in sorted(singles.items()):
        k = name_key(s)
        if k and k[-1] not in strong_surnames and (k not in keys or k in alone):
            if k not in keys:
                klist.append(k)
                index[k] = uf.add()
                alone.add(k)
            keys[k].append(s)
            forms[s] += c
    # the user's merges and splits
    for canon, forced_variants in merge.items():
        ck = name_key(canon)
        for v in forced_variants:
            vk = name_key(v)
            if ck in index and vk in index:
                uf.union(index[ck], index[vk])
    groups: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for k in klist:
        groups[uf.find(index[k])].append(k)
    group_list = list(groups.values())
    for name, others in split.items():
        nk = name_key(name)
        for gi, g in enumerate(group_list):
            if nk in g and any(name_key(o) in g for o in others):
                group_list[gi] = [k for k in g if k != nk]
                group_list.append([nk])
                break
    persons: list[Person] = []
    by_key: dict[tuple[str, ...], int] = {}
    forced = {name_key(c): c for c in merge}
    for g in group_list:
        if not g:
            continue
        variants: Counter = Counter()
        for k in g:
            for f in keys[k]:
                variants[f] += forms[f]
        chosen = next((forced[k] for k in sorted(g) if k in forced), None)
        canon = chosen if chosen is not None else _pick_name(variants)
        p = Person(canon, variants, set(g))
        for k in g:
            by_key[k] = len(persons)
        persons.append(p)
    by_surname: dict[str, list[int]] = defaultdict(list)
    for gi, p in enumerate(persons):
        for k in sorted(p.keys):
            if gi not in by_surname[k[-1]]:
                by_surname[k[-1]].append(gi)
    for m, c in counts.items():
        if c > 0 and m[:1] in "!?" and " " not in m:
            for gi in by_surname.get(token_key(m[1:]), []):
                persons[gi].aliases.add(m[1:])
    return People(persons, by_key, dict(by_surname))


# --- using the groups ---------------------------------------------------------------------

def people_for(items: list[Item], *, aliases: AliasRules | str | None = None) -> tuple[People, list[tuple[str, ...]]]:
    """The corpus's people, and each item's canonical names."""
    people = build_people(count_mentions(it.mentions for it in items), aliases=aliases)
    return people, [people.names_for(it.mentions) for it in items]


@dataclass
class PersonRow:
    """A row of `iranfocus people`."""

    name: str
    variants: list[str]
    mentions: int
    items: list[str]
    first: str | None
    last: str | None

    def to_dict(self) -> dict:
        return {"name": self.name, "variants": self.variants, "mentions": self.mentions,
                "items": self.items, "first_date": self.first, "last_date": self.last}


def person_table(people: People, items: Iterable[Item], *, min_items: int = 1) -> list[PersonRow]:
    """People mentioned in ``items``, most mentioned first."""
    rows: dict[int, PersonRow] = {}
    seen_variants: dict[int, Counter] = defaultdict(Counter)
    for it in items:
        resolved = people.resolve_mentions(it.mentions)
        for g in dict.fromkeys(x for x in resolved if x is not None):
            row = rows.get(g)
            if row is None:
                row = rows[g] = PersonRow(people.persons[g].name, [], 0, [], None, None)
            row.items.append(it.id)
            if it.date and not it.date.startswith("--"):
                row.first = min(row.first or it.date, it.date)
                row.last = max(row.last or it.date, it.date)
        for m, g2 in zip(it.mentions, resolved, strict=False):
            if g2 is not None:
                rows[g2].mentions += 1
                seen_variants[g2][m.lstrip("!?")] += 1
    out = []
    for g, row in rows.items():
        row.variants = [v for v, _ in seen_variants[g].most_common()]
        if len(row.items) >= min_items:
            out.append(row)
    out.sort(key=lambda r: (-r.mentions, r.name))
    return out


def co_mentions(people: People, items: Iterable[Item], name: str) -> tuple[str, list[tuple[str, int]]]:
    """Who is mentioned together with NAME, and in how many items."""
    g = people.find(name)
    counts: Counter = Counter()
    for it in items:
        gs = people.resolve_item(it.mentions)
        if g in gs:
            for o in gs:
                if o != g:
                    counts[people.persons[o].name] += 1
    return people.persons[g].name, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def suggest_merges(people: People, *, threshold: float = 80.0) -> list[tuple[str, str, float]]:
    """Pairs of people whose names are alike enough that they may be one person."""
    from rapidfuzz.fuzz import token_sort_ratio

    names = [(p.name, " ".join(name_key(p.name))) for p in people.persons]
    out = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            a, b = names[i], names[j]
            score = float(token_sort_ratio(a[1], b[1]))
            ka, kb = a[1].split(), b[1].split()
            if ka and kb and ka[-1] == kb[-1]:
                score = max(score, 80.0 + 20.0 * min(len(ka), len(kb)) / max(len(ka), len(kb)) - 10.0)
            if score >= threshold:
                out.append((a[0], b[0], round(score, 1)))
    out.sort(key=lambda t: (-t[2], t[0], t[1]))
    return out


def canonical_names(people: People, names: Iterable[str]) -> tuple[str, ...]:
    """The canonical names of the people a user named (BadQuery for nobody)."""
    return tuple(people.persons[people.find(n)].name for n in names)


def person_matcher(wanted: tuple[str, ...]) -> Callable[[Item], bool]:
    """A predicate: does an item mention every one of these people (canonical names)?"""

    def ok(it: Item) -> bool:
        return all(w in it.people for w in wanted)

    return ok


def spellings(people: People, names: Iterable[str]) -> set[str]:
    """Every spelling of these people: their variants, aliases and lone surnames."""
    variants: set[str] = set()
    for n in names:
        p = people.persons[people.find(n)]
        variants.update(p.variants)
        variants.update(p.aliases)
        variants.update(v.split()[-1] for v in p.variants if len(v.split()) > 1)
    return variants


def person_pattern(people: People, names: Iterable[str]) -> str:
    """A regex matching every spelling of these people (for grep, whole words, any case)."""
    return "|".join(re.escape(fold(v)) for v in sorted(spellings(people, names), key=len, reverse=True) if v)


def person_hits(people: People, items: Iterable[Item], names: Iterable[str], *, context: int = 8) -> list:
    """KWIC hits of every spelling of these people in the items."""
    from .query import compile_pattern, grep_item

    pat = person_pattern(people, names)
    if not pat:
        return []
    m = compile_pattern(pat, word=True, ignore_case=True)
    return [h for it in items for h in grep_item(it, m, context=context)]
