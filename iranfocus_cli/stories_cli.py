"""The ``stories`` command: stories and how many copies the pages hold of each."""

from __future__ import annotations

from typing import Any

import click

from .cli import Settings, _note, filter_options, json_option, make_filters


@click.command("stories")
@filter_options(unique=False)
@click.option("--min", "min_copies", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only stories with at least N copies (1 lists every story).")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most N stories.")
@json_option
@click.pass_obj
def stories_cmd(settings: Settings, min_copies: int, limit: int | None, fmt: str, **kw: Any) -> None:
    """List stories: items carrying the same text (exact repeats, near copies, a teaser
    and its full article), with their copies, pages, and first and last dates.

    \b
    Examples:
      iranfocus stories
      iranfocus stories --person Rouhani --json
      iranfocus show 004_439be52d8a4ed63d#1     (an item and the rest of its story)
    """
    from .answers import story_records
    from .query import FilterReport
    from .render import STORIES_VIEW, emit

    flt, report = make_filters(kw), FilterReport()
    emit(story_records(settings.store(), flt, min_copies=min_copies, limit=limit, report=report), fmt, STORIES_VIEW)
    _note(flt, report)
