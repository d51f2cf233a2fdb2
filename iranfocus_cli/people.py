"""People: person-name mentions, and alias groups that merge their spellings.

Extraction runs offline on the evidence in the text. Capitalised word runs are
cut at sentence ends; honorifics and role words in front ("Supreme Leader",
"Mrs.", "Brigadier General", "US Representative") are dropped but mark the run
as a person; a run of two or more words is a person when it had such a word or
starts with a known given name. Runs holding a place, organisation or slogan
word ("Iran Focus", "European Parliament", "Revolutionary Guards") are not.

A surname alone ("Bolton", "Khamenei’s", "Mrs. Rajavi") is attached to the
full name the same item gives for it, or else the one the corpus uses most.

Mentions are stored per item as strings: "Ali Khamenei" (a full name),
"!Rajavi" (one name after an honorific) or "?Bolton" (a bare capitalised word,
kept only if it is the surname of someone the corpus names in full).

Alias groups merge names whose *keys* agree: case, accents, quotes, the
possessive, honorifics and transliteration (ou/o, u/o, e/a, y/i, doubled
letters) are folded away, so "Rouhani"/"Rohani", "Jannati"/"Janati",
"Mohammad"/"Mohammed"/"Muhammad" and the typo "Alii" all agree. A name that is
the tail of a longer one ("Ali Jafari" of "Mohammed Ali Jafari") joins it, and
surnames within a small edit distance merge when the other names agree. The
canonical name is the fullest form the corpus uses.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import BadQuery, CorpusError
from .model import Item
from .people_data import GIVEN_NAMES, HONORIFICS, NOT_NAME_WORDS, PARTICLES
from .textnorm import fold

_W = r"[A-Z\u00c0-\u00de][^\W\d_]*(?:[-'\u2019][^\W\d_]+)*"
_PART = r"(?:al|el|bin|ibn|de|da|van|von|der|le|la|abu|ul)"
_SEQ_RE = re.compile(rf"{_W}(?:(?:\.?[ \u00a0]+(?:{_PART}[ \u00a0]+)?|[ \u00a0]*-[ \u00a0]*(?={_W})){_W})*\.?")
_ABBREV = {"Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "St", "Prof", "Rep", "Sen", "Rev", "Brig", "Capt", "Sgt", "Jr", "Sr"}
_POSSESSIVE_RE = re.compile(r"['\u2019]s?$")
_TOKEN_RE = re.compile(rf"{_W}\.?|{_PART}")

PERSONAL_TITLES = frozenset("""Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Baroness Mullah Ayatollah
Hojatoleslam Hojjatoleslam Sheikh Shaikh Imam Senator Sen Congressman Congresswoman MEP President Ambassador""".split())
HONORIFIC_ROLE = HONORIFICS - {"State", "US", "U.S.", "UN", "EU", "Iranian", "Iran's", "Regime", "Regime's", "Former",
                               "Ex", "Late", "Senior", "IRGC", "Iraqi", "Syrian", "Russian", "French", "British",
                               "German", "American", "Israeli", "Saudi", "Canadian", "Italian", "Lebanese", "Yemeni"}


def _strip_possessive(tok: str) -> str:
    return _POSSESSIVE_RE.sub("", tok) if len(tok) > 3 else tok


def _is_acronym(tok: str) -> bool:
    return len(tok) >= 2 and tok.isupper()


def _split_sentences(tokens: list[str]) -> list[list[str]]:
    """Cut a run at a full stop, unless the dotted word is an abbreviation or initial."""
    out: list[list[str]] = [[]]
    for t in tokens:
        bare = t.rstrip(".")
        out[-1].append(bare)
        if t.endswith(".") and bare not in _ABBREV and len(bare) > 1:
            out.append([])
    return [s for s in out if s]


def _name_from(tokens: list[str]) -> tuple[list[str], bool, bool]:
    """Drop leading honorifics and non-name words; cut at the first non-name word.

    Returns the name words, whether a role word stood before them, and whether
    the word right before them was a personal title (Mr, Mrs, Mullah, Senator...).
    """
    had_title = False
    personal = False
    i = 0
    dropped = False
    while i < len(tokens):
        t = _strip_possessive(tokens[i])
        if tokens[i] in HONORIFICS or t in HONORIFICS:
            had_title = had_title or tokens[i] in HONORIFIC_ROLE or t in HONORIFIC_ROLE
            personal = tokens[i] in PERSONAL_TITLES
        elif t in NOT_NAME_WORDS or tokens[i].lower() in PARTICLES or _is_acronym(t):
            personal = False
            dropped = True
        else:
            break
        i += 1
    name: list[str] = []
    for t in tokens[i:]:
        bare = _strip_possessive(t)
        if bare in NOT_NAME_WORDS or bare in HONORIFICS or _is_acronym(bare):
            break
        name.append(t)
        if t != bare:  # a possessive ends the name
            name[-1] = bare
            break
    while name and name[-1].lower() in PARTICLES:
        name.pop()
    if dropped and not had_title and len(name) == 1:
        name = []  # "Iran Focus", "Free Iran": the tail of a name that is not a person's
    return name, had_title, personal


def extract_mentions(text: str) -> list[str]:
    """Person mentions in a text, in order (see the module docstring for the form)."""
    out: list[str] = []
    for m in _SEQ_RE.finditer(text):
        raw = m.group(0)
        if " " not in raw and "\u00a0" not in raw and "-" not in raw:
            # one capitalised word: most are sentence starts, so decide cheaply
            bare = _strip_possessive(raw.rstrip("."))
            if (len(bare) > 2 and bare not in NOT_NAME_WORDS and bare not in HONORIFICS
                    and bare not in GIVEN_NAMES and not _is_acronym(bare)):
                out.append("?" + bare)
            continue
        tokens = _TOKEN_RE.findall(raw.replace("\u00a0", " "))
        for sent in _split_sentences(tokens):
            name, had_title, personal = _name_from(sent)
            if not name:
                continue
            if name[0] not in GIVEN_NAMES and not had_title:
                # "Whereas Barack Obama": start at the first given name
                p = next((k for k, t in enumerate(name) if t in GIVEN_NAMES), None)
                if p is not None and len(name) - p >= 2:
                    name = name[p:]
            if len(name) > 5:
                continue
            if len(name) >= 2:
                if had_title or name[0] in GIVEN_NAMES:
                    out.append(" ".join(name))
                elif len(name) == 2 and name[0].lower() not in PARTICLES:
                    out.append("?" + " ".join(name))
            elif personal and name[0] not in GIVEN_NAMES:
                out.append("!" + name[0])
            elif name[0] not in GIVEN_NAMES and len(name[0]) > 2:
                out.append("?" + name[0])
    return out


def item_mentions(title: str | None, byline: str | None, text: str, kind: str) -> tuple[str, ...]:
    """All mentions of an item: its byline first, then headline and body."""
    out: list[str] = []
    if byline:
        out.append(byline)
    if title and kind == "article":
        out.extend(extract_mentions(title))
    out.extend(extract_mentions(text))
    return tuple(out)


# --- keys -----------------------------------------------------------------------------

_KEY_SUBS = [("ou", "o"), ("u", "o"), ("ee", "i"), ("e", "a"), ("y", "i"), ("w", "v"), ("q", "gh"), ("kh", "h")]
_NONLETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def token_key(tok: str) -> str:
    """Transliteration-folded key of one name word."""
    k = _NONLETTER.sub("", fold(_strip_possessive(tok)))
    for a, b in _KEY_SUBS:
        k = k.replace(a, b)
    return _DOUBLE.sub(r"\1", k)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> tuple[str, ...]:
    """Key of a full name: its words' keys, particles left out."""
    return tuple(token_key(t) for t in name.replace("-", " ").split() if t.lower() not in PARTICLES and token_key(t))


def _similar(a: str, b: str) -> float:
    from rapidfuzz.fuzz import ratio

    return float(ratio(a, b))


# --- groups -----------------------------------------------------------------------------

@dataclass
class Person:
    """One person: canonical name, the spellings seen, and counts."""

    name: str
    variants: Counter = field(default_factory=Counter)
    keys: set = field(default_factory=set)
    # single words seen alone that stand for this person ("Rohani", "Janati")
    aliases: set = field(default_factory=set)

    @property
    def surname_key(self) -> str:
        k = name_key(self.name)
        return k[-1] if k else ""


@dataclass
class People:
    """The alias groups of a corpus and how to resolve any mention to one."""

    persons: list[Person]
    by_key: dict[tuple[str, ...], int]
    by_surname: dict[str, list[int]]

    def resolve_mentions(self, mentions: Iterable[str]) -> list[int | None]:
        """The group of each mention of one item (None where it names nobody known)."""
        mentions = list(mentions)
        local = {g for m in mentions if m[:1] not in "!?" and (g := self.by_key.get(name_key(m))) is not None}
        out: list[int | None] = []
        for m in mentions:
            if m[:1] == "?" and " " in m:
                out.append(self.by_key.get(name_key(m[1:])))
            elif m[:1] in "!?":
                out.append(self._surname(m[1:], local, allow_new=m[0] == "!"))
            else:
                out.append(self.by_key.get(name_key(m)))
        return out

    def resolve_item(self, mentions: Iterable[str]) -> list[int]:
        """Group indexes an item mentions, in order of first mention."""
        out: list[int] = []
        for g in self.resolve_mentions(mentions):
            if g is not None and g not in out:
                out.append(g)
        return out

    def _surname(self, word: str, local: set[int], allow_new: bool) -> int | None:
        k = token_key(word)
        if not k:
            return None
        cands = self.by_surname.get(k, [])
        if not cands:
            # a surname with a typo ("Rajavii"): near keys of people in the same item
            near = [g for g in local if self.persons[g].surname_key and len(k) >= 5
                    and _similar(k, self.persons[g].surname_key) >= 90]
            cands = near
        if not cands:
            g = self.by_key.get((k,))
            return g if (g is not None and allow_new) else None
        inside = [g for g in cands if g in local]
        pool = inside or cands
        return max(pool, key=lambda g: sum(self.persons[g].variants.values()))

    def names_for(self, mentions: Iterable[str]) -> tuple[str, ...]:
        """Canonical names an item mentions."""
        return tuple(self.persons[g].name for g in self.resolve_item(mentions))

    def find(self, query: str) -> int:
        """The group a user's NAME means: by full key, by surname, or by a close spelling."""
        q = query.strip()
        key = name_key(q)
        if not key:
            raise BadQuery(f"no person matches {query!r}")
        if key in self.by_key:
            return self.by_key[key]
        for g, p in enumerate(self.persons):
            if any(name_key(v) == key for v in p.variants):
                return g
        if len(key) == 1 and key[0] in self.by_surname:
            cands = self.by_surname[key[0]]
            return max(cands, key=lambda g: sum(self.persons[g].variants.values()))
        best = max(range(len(self.persons)), default=None,
                   key=lambda g: _similar(" ".join(key), " ".join(name_key(self.persons[g].name))))
        if best is not None and _similar(" ".join(key), " ".join(name_key(self.persons[best].name))) >= 85:
            return best
        hint = f"; did you mean {self.persons[best].name}?" if best is not None else ""
        raise BadQuery(f"no person matches {query!r}{hint}")


def _read_aliases(path: str | None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    if not path:
        return {}, {}
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as e:
        raise CorpusError(f"alias file not found: {path}") from e
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise CorpusError(f"alias file {path}: {e}") from e

    def table(name: str) -> dict[str, list[str]]:
        t = data.get(name, {})
        if not isinstance(t, dict):
            raise CorpusError(f"alias file {path}: [{name}] must be a table")
        out = {}
        for k, v in t.items():
            vals = [v] if isinstance(v, str) else v
            if not isinstance(vals, list) or not all(isinstance(x, str) for x in vals):
                raise CorpusError(f"alias file {path}: {name}.{k} must be a name or a list of names")
            out[str(k)] = vals
        return out

    return table("merge"), table("split")


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


def count_mentions(mention_lists: Iterable[Iterable[str]]) -> Counter:
    """How often each mention string occurs in a corpus."""
    counts: Counter = Counter()
    for mentions in mention_lists:
        counts.update(mentions)
    return counts


def build_people(counts: Counter | dict, *, aliases: str | None = None) -> People:
    """Group a corpus's mentions (mention string -> count) into persons."""
    merge, split = _read_aliases(aliases)
    forms: Counter = Counter()
    bare2: Counter = Counter()
    singles: Counter = Counter()
    for m, c in counts.items():
        if c <= 0:
            continue
        if m.startswith("?"):
            if " " in m:
                bare2[m[1:]] += c
        elif m.startswith("!"):
            singles[m[1:]] += c
        else:
            forms[m] += c
    for extra in list(merge) + [v for vs in merge.values() for v in vs]:
        if len(name_key(extra)) >= 1 and extra not in forms:
            forms[extra] += 0
    strong_surnames = {name_key(f)[-1] for f in forms if name_key(f)}
    # two capitalised words without a title or given name: a person if the surname is known
    for f, c in bare2.items():
        k = name_key(f)
        if len(k) == 2 and k[-1] in strong_surnames:
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
    for k in klist:
        if len(k) < 2:
            continue
        longer = [j for j in klist if len(j) > len(k) and j[-len(k):] == k]
        if longer:
            uf.union(index[k], index[max(longer, key=lambda j: weight[j])])
    # near spellings with the same number of words, the last word close and the rest equal
    by_len: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for k in klist:
        by_len[len(k)].append(k)
    for n, ks in by_len.items():
        if n < 2:
            continue
        for a_i, a in enumerate(ks):
            for b in ks[a_i + 1:]:
                if a[:-1] == b[:-1] and len(a[-1]) >= 4 and _similar(a[-1], b[-1]) >= 85:
                    uf.union(index[a], index[b])
                elif a[-1] == b[-1] and n == 2 and len(a[0]) >= 3 and _similar(a[0], b[0]) >= 85:
                    uf.union(index[a], index[b])
    # single names after a title ("Mr Mohaddessin") with no full name: a person of their own
    for s, c in singles.items():
        k = name_key(s)
        if k and k[-1] not in strong_surnames and k not in keys:
            keys[k].append(s)
            forms[s] += c
            klist.append(k)
            index[k] = len(klist) - 1
            uf.parent.append(len(klist) - 1)
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
        chosen = next((forced[k] for k in g if k in forced), None)
        canon = chosen if chosen is not None else max(
            variants, key=lambda f: (len(name_key(f)), sum(t in GIVEN_NAMES for t in f.split()),
                                     variants[f], not f.isascii(), -len(f), f))
        p = Person(canon, variants, set(g))
        for k in g:
            by_key[k] = len(persons)
        persons.append(p)
    by_surname: dict[str, list[int]] = defaultdict(list)
    for gi, p in enumerate(persons):
        for k in p.keys:
            if len(k) >= 2 and gi not in by_surname[k[-1]]:
                by_surname[k[-1]].append(gi)
            elif len(k) == 1 and gi not in by_surname[k[0]]:
                by_surname[k[0]].append(gi)
    for m, c in counts.items():
        if c > 0 and m[:1] in "!?" and " " not in m:
            for gi in by_surname.get(token_key(m[1:]), []):
                persons[gi].aliases.add(m[1:])
    return People(persons, by_key, dict(by_surname))


# --- using the groups ---------------------------------------------------------------------

def people_for(items: list[Item], *, aliases: str | None = None) -> tuple[People, list[tuple[str, ...]]]:
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


def person_pattern(people: People, names: Iterable[str]) -> str:
    """A regex matching every spelling of these people (for grep, whole words, any case)."""
    variants: set[str] = set()
    for n in names:
        p = people.persons[people.find(n)]
        variants.update(p.variants)
        variants.update(p.aliases)
        variants.update(v.split()[-1] for v in p.variants if len(v.split()) > 1)
    return "|".join(re.escape(fold(v)) for v in sorted(variants, key=len, reverse=True) if v)


def person_hits(people: People, items: Iterable[Item], names: Iterable[str], *, context: int = 8) -> list:
    """KWIC hits of every spelling of these people in the items."""
    from .query import compile_pattern, grep_item

    pat = person_pattern(people, names)
    if not pat:
        return []
    m = compile_pattern(pat, word=True, ignore_case=True)
    return [h for it in items for h in grep_item(it, m, context=context)]
