"""Text folding shared by grep, keyword filters, duplicate detection and people.

Every fold here is *length-preserving*: character i of the folded string comes
from character i of the input. That lets grep search folded text and still cut
its keyword-in-context snippets out of the original text at the same offsets.

``fold_marks`` removes accents and makes curly quotes straight but keeps case;
``fold`` does that and lowers case as well.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u02bc": "'", "\u00b4": "'", "\u0060": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
}
# Letters with a stroke have no decomposition; fold them by hand so that
# "Łukasz" is found by "lukasz", as SQLite's unicode61 tokenizer also does.
_STROKES = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ı": "i"}

_mark_cache: dict[str, str] = {}
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _fold_char(ch: str) -> str:
    """Fold one non-ASCII character to one character (accents off, quotes straight)."""
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch in _STROKES:
        return _STROKES[ch]
    if unicodedata.category(ch) == "Zs":
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    base = _STROKES.get(base, base)
    return base if len(base) == 1 else ch


def fold_marks(text: str) -> str:
    """Remove accents and straighten quotes, keeping case and length."""
    if "`" in text:
        text = text.replace("`", "'")
    if text.isascii():
        return text
    # Only the few non-ASCII characters change, and a text has few distinct ones: each
    # is replaced throughout at once (what a character folds to folds to itself, so
    # the order does not matter).
    for ch in set(_NON_ASCII_RE.findall(text)):
        out = _mark_cache.get(ch)
        if out is None:
            out = _mark_cache[ch] = _fold_char(ch)
        if out != ch:
            text = text.replace(ch, out)
    return text


def _lower1(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # Only a few characters (İ) lower to two; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """Fold for case-, accent- and quote-insensitive matching, keeping length.

    Cached: the loader folds the same body for its content key and its index.
    """
    return _lower1(fold_marks(text))


_SPACE_RE = re.compile(r"\s+")
_NON_ALNUM_RE = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Fold and collapse whitespace: the key for "same content" comparisons."""
    return _SPACE_RE.sub(" ", fold(text)).strip()


def alnum_key(text: str) -> str:
    """Fold and keep letters and digits only: "Regime’s" and "Regime_s" agree."""
    return _NON_ALNUM_RE.sub("", fold(text))
