"""Items: the frozen records the loader produces and every command reads.

``Item.to_dict`` gives exactly the JSON object described in SPEC.md, plus the
added field ``title_repeats`` (headline repeats that the page prints again
under the headline, kept so that nothing on the page is lost).
"""

from __future__ import annotations

from dataclasses import dataclass, field

FIELDS = [
    "id", "kind", "source", "line_start", "line_end", "title", "byline", "place",
    "date", "date_text", "year_basis", "text", "people", "duplicate_of",
]
EXTRA_FIELDS = ["title_repeats"]
CSV_FIELDS = [f for f in FIELDS if f not in ("people",)] + ["people"]


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
    # Not exported: the key that decides "same content", and the person mentions.
    content_key: str = field(default="", compare=False, repr=False)
    mentions: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # File line of each line of text; the cache may hand it over as "1,3,0,5" and
    # it is only read when a grep hit needs its line.
    text_lines: tuple[int, ...] | str = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict:
        """The item as the JSON object of SPEC.md."""
        return {
            "id": self.id, "kind": self.kind, "source": self.source,
            "line_start": self.line_start, "line_end": self.line_end,
            "title": self.title, "byline": self.byline, "place": self.place,
            "date": self.date, "date_text": self.date_text, "year_basis": self.year_basis,
            "text": self.text, "people": list(self.people), "duplicate_of": self.duplicate_of,
            "title_repeats": list(self.title_repeats),
        }

    @property
    def words(self) -> int:
        """Number of words in the body."""
        return len(self.text.split())

    def line_numbers(self) -> tuple[int, ...]:
        """File line of each line of the text (0 for the blank separators)."""
        tl = self.text_lines
        if isinstance(tl, str):
            return tuple(int(x) for x in tl.split(",")) if tl else ()
        return tl

    def line_of(self, offset: int) -> int:
        """The file line holding character ``offset`` of the text."""
        k = self.text.count("\n", 0, offset)
        nums = self.line_numbers()
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

