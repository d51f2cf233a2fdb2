"""Items: the frozen records the loader produces and every command reads.

``Item.to_dict`` gives exactly the JSON object described in docs/items.md, plus the
added field ``title_repeats`` (headline repeats that the page prints again
under the headline, kept so that nothing on the page is lost). It is derived
from the dataclass fields: every field is exported unless its metadata says
``export=False``, so a field added here reaches JSON, CSV and the store at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from operator import attrgetter

INTERNAL = {"export": False}


class derived(property):
    """A property exported after the fields (computed from them, never stored)."""


@dataclass(frozen=True)
class Item:
    """One article or caption, with its provenance."""

    id: str
    kind: str  # "article" or "caption"
    source: str
    line_start: int
    line_end: int
    title: str | None
    byline: str | None
    place: str | None
    date: str | None
    date_text: str | None
    year_basis: str | None
    text: str
    people: tuple[str, ...] = ()
    duplicate_of: str | None = None
    title_repeats: tuple[str, ...] = ()
    # The outlet a reprint names ("Financial Times", "AFP"), when it is not Iran Focus.
    source_name: str | None = None
    # Page lines kept with the item that are not its body: breadcrumbs, photo labels,
    # image captions, an excerpt that repeats the lead, separators, share lines.
    furniture: tuple[str, ...] = ()
    # The story the item carries (the id of the story's first item in corpus order),
    # its relation to the story's fullest item, and the item a flowed date came from;
    # set when the corpus is settled (see stories.py).
    story: str | None = None
    story_relation: str | None = None
    date_source: str | None = None
    # Not exported: the key that decides "same content", the person mentions, and
    # the file line of each line of the text (0 for the blank separators).
    content_key: str = field(default="", compare=False, repr=False, metadata=INTERNAL)
    mentions: tuple[str, ...] = field(default=(), compare=False, repr=False, metadata=INTERNAL)
    text_lines: tuple[int, ...] = field(default=(), compare=False, repr=False, metadata=INTERNAL)

    def to_dict(self) -> dict:
        """The item as the JSON object of docs/items.md."""
        return self.fields_of(EXPORTED)

    def fields_of(self, names: tuple[str, ...]) -> dict:
        """These fields (or derived values) as records hold them: tuples as lists."""
        values = _getter(names)(self)
        return dict(zip(names, [list(v) if type(v) is tuple else v for v in (values if len(names) > 1 else [values])]))

    @classmethod
    def of_values(cls, values: list) -> Item:
        """The item whose fields, in order, are ``values``, made without the frozen
        dataclass's field-by-field ``__init__`` (a query can build tens of thousands)."""
        it = object.__new__(cls)
        it.__dict__.update(zip(_NAMES, values))
        return it

    # Derived from ``date`` for analysis (exported after the fields): integers or null.
    @derived
    def year(self) -> int | None:
        return split_iso(self.date)[0]

    @derived
    def month(self) -> int | None:
        return split_iso(self.date)[1]

    @derived
    def day(self) -> int | None:
        return split_iso(self.date)[2]

    @derived
    def date_precision(self) -> str | None:
        """"day", "month", "year", "day_month" (year unknown), or null when undated."""
        y, mo, d = split_iso(self.date)
        if mo is None and y is None:
            return None
        if y is None:
            return "day_month"
        return "day" if d is not None else "month" if mo is not None else "year"

    @property
    def words(self) -> int:
        """Number of words in the body."""
        return len(self.text.split())

    def line_of(self, offset: int) -> int:
        """The file line holding character ``offset`` of the text."""
        k = self.text.count("\n", 0, offset)
        nums = self.text_lines
        if 0 <= k < len(nums) and nums[k]:
            return nums[k]
        return self.line_start

    @property
    def stem(self) -> str:
        """The file stem part of the id."""
        return self.id.rsplit("#", 1)[0]

    @property
    def number(self) -> int:
        """The item's number on its page."""
        return int(self.id.rsplit("#", 1)[1])


@lru_cache(maxsize=8192)
def split_iso(date: str | None) -> tuple[int | None, int | None, int | None]:
    """An item's ISO date as (year, month, day), each possibly None ("--MM-DD": no year)."""
    if not date:
        return None, None, None
    if date.startswith("--"):
        return None, int(date[2:4]), int(date[5:7])
    parts = date.split("-")
    return (int(parts[0]), int(parts[1]) if len(parts) > 1 else None,
            int(parts[2]) if len(parts) > 2 else None)


# The warning of a page that fits no layout (the store folds these into one line).
UNKNOWN_LAYOUT = "page fits no known layout; loaded as one article"


DERIVED = [name for name, v in vars(Item).items() if isinstance(v, derived)]
EXPORTED = tuple(f.name for f in fields(Item) if f.metadata.get("export", True)) + tuple(DERIVED)
_getter = lru_cache(maxsize=64)(lambda names: attrgetter(*names))
_NAMES = [f.name for f in fields(Item)]
FIELDS = [f for f in EXPORTED if f != "title_repeats"]
# CSV: the scalar fields, people joined, in schema order (title_repeats is JSON only)
CSV_FIELDS = [f for f in FIELDS if f != "people"] + ["people"]
