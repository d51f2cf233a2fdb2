"""The ``report`` command: one self-contained HTML file of a filtered subset.

The data is gathered by ``reporting.gather_report`` and laid out by
``report.render_report``; the file is written by ``output.write_atomic``, the writer
``export -o`` uses, so it is never partial and obeys the same overwrite rules.
"""

from __future__ import annotations

import sys
from typing import IO, Any

import click

from .cli import Settings, _note, filter_options, make_filters

# timeline.BY, written out so that --help need not import the dates module (a test keeps them equal).
PERIODS = ("day", "week", "month", "year")


@click.command("report")
@click.argument("pattern", required=False)
@filter_options()
@click.option("-o", "--output", required=True, metavar="FILE.html", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the report to FILE (atomically); '-' writes it to stdout.")
@click.option("--force", is_flag=True,
              help="Overwrite FILE if it exists (a symbolic link: the file it points to, keeping the link).")
@click.option("--by", type=click.Choice(["auto", *PERIODS]), default="auto", show_default=True,
              help="Timeline periods; auto chooses from the span of the dates.")
@click.option("-C", "--context", type=click.IntRange(min=0), default=8, show_default=True,
              help="Words of context on each side of a keyword-in-context line.")
@click.option("--title", metavar="TEXT", help="The report's title.")
@click.pass_obj
def report_cmd(settings: Settings, pattern: str | None, output: str, force: bool, by: str, context: int,
               title: str | None, **kw: Any) -> None:
    """Write one self-contained HTML report of the items that pass the filters.

    The report shows the command line and the corpus it was made from, a timeline
    chart, the items (each opens its full text and its story's other copies), the
    keyword-in-context lines of PATTERN (a regex, as grep reads it; only the items
    it matches are shown), else of -k or --person, and the people named. It
    loads nothing from the network, works without JavaScript, and shows every
    byte of the corpus as text.

    \b
    Examples:
      iranfocus report --person Rouhani -o rouhani.html
      iranfocus report -k "truck drivers" --since 2018 -o strike.html
      iranfocus report "Khamenei'?s" --kind article -o khamenei.html
    """
    from .output import write_atomic
    from .query import FilterReport
    from .render import print_note
    from .report import render_report
    from .reporting import command_line, gather_report

    flt, left = make_filters(kw), FilterReport()

    def write(out: IO[str]) -> int:
        data = gather_report(settings.store(), flt, pattern=pattern, by=by, context=context, title=title,
                             command=command_line(sys.argv), report=left)
        out.write(render_report(data))
        return len(data.items)

    n = write_atomic(output, write, force=force)
    _note(flt, left)
    if output != "-":
        print_note(f"wrote {n} item(s) to {output}")
