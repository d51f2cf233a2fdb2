"""What each command answers, as records: one keyword-only function per command.

Each function reads a ``Store`` and returns JSON-ready dicts (the records
``render.emit`` writes as a table, tab-separated lines, JSON, JSON Lines or
CSV). Nothing here prints; what a date range left out is added to the
``FilterReport`` the caller passes, and ``left_out_note`` words it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .query import FilterReport, Filters, fold_captions

if TYPE_CHECKING:
    from .grep import Matcher
    from .store import Store


def left_out_note(flt: Filters, report: FilterReport) -> str | None:
    """The note saying what a date range left out, by reason: no date, or no year."""
    if not flt.has_range:
        return None
    parts = []
    if report.undated:
        parts.append(f"{report.undated} with no date")
    if report.unknown_year:
        parts.append(f"{report.unknown_year} with an unknown year whose day and month fall in the range"
                     " (--unknown-year match includes them)")
    return f"note: the date range left out {' and '.join(parts)}" if parts else None


def list_records(store: Store, flt: Filters, *, sort_by: str = "date", reverse: bool = False,
                 limit: int | None = None, report: FilterReport | None = None,
                 fields: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """The items passing the filters, sorted (by date, undated last, or by source) and cut
    to limit, streamed (``report`` is filled once they have all been read); with
    ``fields``, records of just those fields (what a table shows)."""
    if fields:
        return store.select_fields(flt, fields, order=sort_by, reverse=reverse, limit=limit, report=report)
    return (it.to_dict() for it in store.select(flt, order=sort_by, reverse=reverse, limit=limit, report=report))


def export_records(store: Store, flt: Filters, *, report: FilterReport | None = None) -> Iterator[dict[str, Any]]:
    """Every item passing the filters, in corpus order, streamed."""
    return (it.to_dict() for it in store.select(flt, report=report))


def caption_records(store: Store, flt: Filters, *, unique: bool = False,
                    report: FilterReport | None = None) -> list[dict[str, Any]]:
    """Captions passing the filters; with ``--unique``, repeats folded into their first,
    with a count and their ids (a caption's story is its exact repeats)."""
    unique, flt = unique or flt.unique, replace(flt, unique=False)
    q = store.compile(flt)
    if unique and not q.residual:
        if report is not None:
            store.count_left_out(flt, report)
        return store.caption_groups(q)
    items = list(store.select(flt, report=report))
    return [g.to_dict() for g in fold_captions(items)] if unique else [it.to_dict() for it in items]


def show_records(store: Store, ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """Whole items by id (or unique id prefix), each with the ids of its exact repeats and
    the other items of its story (their pages and relations)."""
    out = []
    for ident in ids:
        it = store.get(ident)
        others = store.story_items(it)
        out.append({**it.to_dict(), "repeats": [r.id for r in others if r.content_key == it.content_key],
                    "story_items": [{"id": r.id, "source": r.source, "relation": r.story_relation, "date": r.date}
                                    for r in others],
                    "dates_disagree": store.dates_disagree(it.story)})
    return out


def story_records(store: Store, flt: Filters, *, min_copies: int = 2, limit: int | None = None,
                  report: FilterReport | None = None) -> list[dict[str, Any]]:
    """Stories among the items passing the filters, with their copies, pages and dates."""
    q = store.compile(replace(flt, unique=False))
    if q.residual:
        # the residual checks pick the items; their rowids go back to SQL
        ids = [it.id for it in store.select(replace(flt, unique=False))]
        q = store.compile(Filters())
        q.add("i.id IN (SELECT value FROM json_each(?))", json.dumps(ids))
    if report is not None:
        store.count_left_out(flt, report)
    return store.story_rows(q, min_copies=min_copies, limit=limit)


def grep_records(store: Store, flt: Filters, m: Matcher, *, mode: str = "hits", context: int = 8,
                 report: FilterReport | None = None) -> Iterable[dict[str, Any]]:
    """grep's answer: keyword-in-context hits (as they are found), or per item
    ``{"id", "count"}`` or ``{"id"}``."""
    from .grep import grep_counts, grep_hits

    if mode == "hits":
        return (h.to_dict() for h in grep_hits(store, flt, m, context=context, report=report))
    counts = grep_counts(store, flt, m, report=report)
    return [{"id": i, "count": n} for i, n in counts] if mode == "count" else [{"id": i} for i, _ in counts]


def people_records(store: Store, flt: Filters, *, min_items: int = 1, with_name: str | None = None,
                   suggest: bool = False, limit: int | None = None,
                   report: FilterReport | None = None, ids: bool = True) -> list[dict[str, Any]]:
    """People mentioned in the items passing the filters (``items`` counts the items
    that mention each, ``ids`` lists them unless ``ids`` is False); or who is mentioned
    together with ``with_name``; or, with ``suggest``, pairs of names that may be one
    person."""
    from .people import co_mentions, person_table, suggest_merges

    people = store.people()
    if suggest:
        return [{"a": a, "b": b, "score": sc} for a, b, sc in suggest_merges(people)[:limit]]
    q = store.compile(flt)
    if with_name:
        name, co = co_mentions(people, list(store.select(flt, report=report)), with_name)
        return [{"name": n, "items": c, "with": name} for n, c in co if c >= min_items][:limit]
    if not q.residual:
        # every filter is SQL: the table is an aggregate of the index's per-item mentions
        if report is not None:
            store.count_left_out(flt, report)
        rows = store.person_rows(q, min_items=min_items, limit=limit, ids=ids)
    else:
        items = list(store.select(flt, report=report))
        rows = [{**r.to_dict(), "items": len(r.items), "ids": r.items if ids else None}
                for r in person_table(people, items, min_items=min_items)[:limit]]
    return [{"name": r["name"], "variants": r["variants"], "mentions": r["mentions"], "items": r["items"],
             **({"ids": r["ids"]} if ids else {}), "first_date": r["first_date"], "last_date": r["last_date"]}
            for r in rows]


def person_name(store: Store, name: str) -> str:
    """The canonical name of the person a user named."""
    from .people import canonical_names

    return canonical_names(store.people(), (name,))[0]


def pages_records(store: Store) -> tuple[list[dict[str, Any]], str]:
    """Per file: layout, item counts, year and its evidence; and the summary line."""
    pages = store.pages()
    sm = store.summary()
    arts = sum(p.articles for p in pages)
    caps = sum(p.captions for p in pages)
    summary = (f"{sm.files} file(s): {sm.loaded} loaded, {sm.skipped} skipped; "
               f"{arts} articles, {caps} captions; {sm.warnings} warning(s)")
    return [dict(vars(p)) for p in pages], summary


def index_record(store: Store, seconds: float) -> dict[str, Any]:
    """What the cache holds and what bringing it up to date did."""
    return {**store.stats(), "seconds": round(seconds, 3)}
