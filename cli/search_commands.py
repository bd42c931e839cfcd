"""The commands that read passages: search, show, cite."""

from __future__ import annotations

import sys

import click

from ..indexer import OVERVIEW_BUCKETS, Filters
from . import render
from .options import TABULAR, report_filters
from .settings import Settings, opened_index

# `show --context`: more passages around one than a reader reads on a terminal.
MAX_CONTEXT = 50

# Unknown options stay in the query, so that `search AEO -MRA` excludes MRA.
@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@click.option("--meeting", "--unit", "-m",
              help="Only passages of this meeting, session, visited site or day (any of "
                   "its names; `rsearch meetings` lists them).")
@click.option("--topic", "-t", help="Only passages on this topic (any of its names).")
@click.option("--section", "-s",
              help="Only passages under this heading, e.g. 肆、三 or 單一窗口議題.")
@report_filters
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many hits to show.")
@click.option("--offset", type=click.IntRange(min=0), default=0,
              help="Skip this many hits first (the next page: --offset 10).")
@click.option("--exact", "-e", is_flag=True,
              help="Only passages with the terms as typed: no other names, no parts.")
@click.option("--format", "-f", "fmt", type=TABULAR, default="table", show_default=True,
              help="Output format: a table to read, or json, csv, markdown to reuse.")
@click.option("--by", type=click.Choice(OVERVIEW_BUCKETS), default=None,
              help="Instead of hits, count the matching passages and reports per year, "
                   "agency, type of trip, meeting or report.")
@click.option("--count", "count_only", is_flag=True,
              help="Print how many passages, in how many reports, match (every filter "
                   "applies); list no hits.")
@click.pass_obj
def search(settings: Settings, query: tuple[str, ...], meeting: str | None, topic: str | None,
           section: str | None, reports: tuple[str, ...], agency: str | None,
           since: str | None, until: str | None, trip_type: str | None, limit: int,
           offset: int, exact: bool, fmt: str, by: str | None,
           count_only: bool) -> None:
    """Ranked passages for QUERY (several words need no quotes).

    Words side by side: passages with all of them first. "Quoted phrases"
    match exactly. AND, OR, NOT (or -word, -"a phrase") and parentheses
    combine terms.
    Simplified and Traditional characters, full- and half-width forms and
    letter case all match each other; acronyms find their defined names.
    Hits that match only through another name, or only parts of the terms,
    say so in the match column. A table ends (on stderr) with how many
    passages in how many reports match; --count prints only that.
    Exit status 1 when nothing matches.

    \b
    Examples:
      rsearch search 單一窗口
      rsearch search "供應鏈 安全" --meeting STAR
      rsearch search "AEO AND MRA" --format json
      rsearch search 海關 -單一窗口
      rsearch search e-commerce --topic 電子商務 --limit 5
      rsearch search AEO --agency 關務署 --since 110 --type 開會
      rsearch search 單一窗口 --by year
      rsearch search AEO --meeting SCCP --count
    """
    if by and count_only:
        raise click.UsageError("--by and --count are two answers: give one of them")
    mistyped = next((word for word in query if word.startswith("--")), None)
    if mistyped:
        import difflib

        ctx = click.get_current_context()
        name = mistyped.split("=")[0]
        options = [o for param in ctx.command.params for o in param.opts if o.startswith("--")]
        raise click.NoSuchOption(name, possibilities=difflib.get_close_matches(name, options, n=1),
                                 ctx=ctx)
    query_text = " ".join(query)
    with opened_index(settings) as ix:
        filters = Filters(meeting, topic, section, reports, agency, since, until, trip_type)
        if by:
            buckets = ix.overview(query_text, by, filters, exact=exact)
        elif count_only:
            totals = ix.count(query_text, filters, exact=exact)
        elif fmt == "table":  # the table ends with the totals: found with the hits
            found = ix.page(query_text, filters, limit=limit, offset=offset, exact=exact,
                            bounded=True)
            hits, totals = found.hits, found.totals
        else:
            hits = ix.search(query_text, filters, limit=limit, offset=offset, exact=exact)
    if by:
        if not buckets and fmt == "table":
            click.echo(f"No passages match {query_text!r}.", err=True)
        else:
            render.emit_overview(buckets, by, fmt)
        sys.exit(0 if buckets else 1)
    if count_only:
        render.emit_totals(totals, fmt)
        sys.exit(0 if totals.passages else 1)
    if not hits:
        if fmt == "table":
            click.echo(render.no_hits(query_text, offset, totals), err=True)
        else:
            render.emit_hits(hits, fmt)
        # As grep does: a search that finds nothing fails, so scripts can tell.
        sys.exit(1)
    render.emit_hits(hits, fmt)
    if fmt == "table":
        # On stderr, as the no-match line: stdout stays the table alone.
        click.echo(render.hits_footer(len(hits), offset, totals), err=True)


@click.command()
@click.argument("passage_id", metavar="ID")
@click.option("--context", "-c", type=click.IntRange(min=0, max=MAX_CONTEXT), default=0,
              show_default=True, help="Also show N passages before and after it.")
@click.option("--format", "-f", "fmt", type=click.Choice(["plain", "markdown", "json"]),
              default="plain", show_default=True, help="Output format.")
@click.pass_obj
def show(settings: Settings, passage_id: str, context: int, fmt: str) -> None:
    """One passage in full, with its citation and the annexes it cites.

    \b
    Example:
      rsearch show 2016-apec-sccp2-report:20 --context 1
    """
    with opened_index(settings) as ix:
        record = ix.passage(passage_id)
        before, after = ix.context(passage_id, context)
    render.emit_passage(record, before, after, fmt)


@click.command()
@click.argument("passage_ids", nargs=-1, required=True, metavar="ID...")
@click.option("--format", "-f", "fmt", type=click.Choice(["markdown", "plain", "json"]),
              default="markdown", show_default=True, help="Output format.")
@click.pass_obj
def cite(settings: Settings, passage_ids: tuple[str, ...], fmt: str) -> None:
    """Quotable blocks, one per passage: the text, then where it came from.

    \b
    Example:
      rsearch cite 2016-apec-sccp2-report:20 2016-apec-sccp2-report:21
    """
    with opened_index(settings) as ix:
        records = [ix.passage(pid) for pid in passage_ids]
    render.emit_citations(records, fmt)
