"""The commands that list what the index holds: meetings, topics, reports."""

from __future__ import annotations

from functools import wraps
from pathlib import Path

import click

from ..indexer import Filters
from . import render
from .options import TABULAR, report_filters
from .settings import Settings, opened_index


def listing_options(command):
    """What every listing takes: the report filters (given to the command as
    one `filters`), a page, a format."""

    @wraps(command)
    def listing(*args, reports: tuple[str, ...], agency: str | None, since: str | None,
                until: str | None, trip_type: str | None, **kwargs):
        filters = Filters(reports=reports, agency=agency, since=since, until=until,
                          trip_type=trip_type)
        return command(*args, filters=filters, **kwargs)

    options = [
        click.option("--limit", "-n", type=click.IntRange(min=1), default=None,
                     help="Show this many rows (all when not given)."),
        click.option("--offset", type=click.IntRange(min=0), default=0,
                     help="Skip this many rows first (the next page: --offset 20)."),
        click.option("--format", "-f", "fmt", type=TABULAR, default="table", show_default=True,
                     help="Output format: a table to read, or json, csv, markdown to reuse "
                          "(json and csv are written as rows are read)."),
    ]
    for option in reversed(options):
        listing = option(listing)
    return report_filters(listing)


def emit_listing(settings: Settings, what: str, filters: Filters, offset: int,
                 limit: int | None, rows_of, columns: list[str], fmt: str,
                 optional: tuple[str, ...] = ()) -> int:
    """Rows of one of the engine's listings, written as they come (a table's
    `optional` columns only when a row fills them)."""
    with opened_index(settings) as ix:
        rows = getattr(ix, what)(filters, offset=offset, limit=limit)
        return render.stream_rows(map(rows_of, rows), columns, fmt, optional)


@click.command()
@listing_options
@click.pass_obj
def meetings(settings: Settings, filters: Filters, limit: int | None, offset: int,
             fmt: str) -> None:
    """What each report is about: its meetings, sessions, visited sites and days.

    Reports in date order, as `rsearch reports` lists them. Any of the names
    listed works with `search --meeting`.

    \b
    Example:
      rsearch meetings --agency 關務署 --limit 20
    """
    emit_listing(settings, "units", filters, offset, limit,
                 lambda u: {"report": u["report"], "meeting": u["key"], "kind": u["kind"],
                            "passages": u["passages"], "names": u["names"]},
                 ["report", "meeting", "kind", "passages", "names"], fmt)


@click.command()
@listing_options
@click.pass_obj
def topics(settings: Settings, filters: Filters, limit: int | None, offset: int,
           fmt: str) -> None:
    """Topics from the reports' keywords and 議題 headings, with passage counts.

    `names` come from the reports; `glossary` and `user glossary` are the
    other names a search for the topic also finds, from rsearch's glossary of
    customs and trade terms and from yours ($RSEARCH_GLOSSARY). With report
    filters, the topics of those reports and their passages only.

    \b
    Examples:
      rsearch topics --limit 20
      rsearch topics --since 110 --format csv > topics.csv
    """
    columns = ["topic", "passages", "names", "glossary", "user glossary"]
    if fmt == "table":
        # A column of user glossary names only when there are some.
        with opened_index(settings) as ix:
            rows = [topic_row(t) for t in ix.topics(filters, offset=offset, limit=limit)]
        if not any(row["user glossary"] for row in rows):
            columns.pop()
        render.emit_rows(rows, columns, fmt)
        return
    emit_listing(settings, "topics", filters, offset, limit, topic_row, columns, fmt)


def topic_row(topic: dict) -> dict:
    return {"topic": topic["key"], "passages": topic["passages"], "names": topic["names"],
            "glossary": topic["glossary"], "user glossary": topic["user_glossary"]}


REPORT_FIELDS = ["title", "agency", "authors", "trip_type", "trip_type_written", "place",
                 "period", "period_start", "period_end", "report_date", "report_date_iso",
                 "keywords", "format", "path"]


@click.command()
@listing_options
@click.pass_obj
def reports(settings: Settings, filters: Filters, limit: int | None, offset: int,
            fmt: str) -> None:
    """Reports in the index with their metadata and passage counts, by date.

    Dates are also given in ISO 8601 (民國 105 年 10 月 20 日 is 2016-10-20).
    Reports without a report date go by their trip's first day; undated last.
    A report found in several files (the same text as PDF and DOCX, a copy)
    is indexed once, from `path`; `duplicates` (the table's "also in")
    names the other files.

    \b
    Examples:
      rsearch reports --agency 關務署 --since 110
      rsearch reports --limit 20 --offset 20 --format json
    """

    def row(r: dict) -> dict:
        out = {"report": r["key"], "passages": r["passages"],
               **{k: r.get(k, "") for k in REPORT_FIELDS},
               "duplicates": r.get("duplicates", [])}
        if fmt == "table":
            out.update(date=out["report_date_iso"], type=out["trip_type"])
            out["also in"] = ", ".join(Path(p).name for p in out["duplicates"])
        return out

    table = ["report", "passages", "date", "type", "agency", "title", "also in"]
    columns = table if fmt == "table" else ["report", "passages", *REPORT_FIELDS, "duplicates"]
    shown = emit_listing(settings, "reports", filters, offset, limit, row, columns, fmt,
                         optional=("also in",))
    if not shown and fmt == "table":
        click.echo("No reports match.", err=True)
